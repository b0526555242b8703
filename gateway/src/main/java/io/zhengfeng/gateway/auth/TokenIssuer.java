package io.zhengfeng.gateway.auth;

import io.zhengfeng.platform.security.TokenRevocations;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.Claims;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import io.zhengfeng.gateway.account.Account;
import io.zhengfeng.gateway.config.AuthConfig;
import io.zhengfeng.platform.security.Roles;

/**
 * Access tokens for local accounts: RS256 through smallrye-jwt-build, which signs with the key at
 * {@code smallrye.jwt.sign.key.location}. The claims are those every service reads through the
 * platform: {@code upn}/{@code sub}, {@code groups} (roles) and {@code dept}.
 */
@ApplicationScoped
public class TokenIssuer {
    private final AuthConfig config;

    public TokenIssuer(AuthConfig config) {
        this.config = config;
    }

    public IssuedToken issue(Account account) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .upn(account.username())
                .subject(account.username())
                .groups(account.roles())
                .claim(Claims.jti.name(), UUID.randomUUID().toString())
                .issuedAt(now)
                // iat has whole seconds; revocation (platform TokenRevocations) needs the millisecond
                .claim(TokenRevocations.ISSUED_AT_MILLIS, now.toEpochMilli())
                .expiresAt(now.plus(config.tokenLifetime()));
        if (account.department() != null) {
            claims.claim(Roles.DEPT_CLAIM, account.department());
        }
        JwtSignatureBuilder jws = claims.jws();
        config.keyId().ifPresent(jws::keyId);
        return new IssuedToken(jws.sign(), config.tokenLifetime());
    }
}
