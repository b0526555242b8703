package io.zhengfeng.platform.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The one bearer-token verifier of the suite: Quarkus's JWT authentication and the gateway's
 * {@code EdgeAuthentication} both inject {@link JWTParser}, and get this. Verification itself is
 * SmallRye JWT's, with two configurations:
 * <ul>
 * <li>the suite's own tokens (the gateway's), {@code mp.jwt.verify.*} as before;</li>
 * <li>when {@link TokenConfig.External} is set, tokens whose {@code iss} is that provider's are verified
 * against its JWKS (fetched and refreshed by SmallRye JWT), and their roles and department claims are
 * rewritten into the suite's {@code groups} and {@code dept}, so nothing downstream knows the
 * difference.</li>
 * </ul>
 * The unverified {@code iss} only chooses which keys to verify with: a token naming the provider but
 * signed with any other key fails there, one naming the suite but signed by the provider fails here.
 * Both refuse a token older than {@link TokenConfig#maxAge()} (SmallRye's token-age check on {@code iat}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SuiteJwtParser implements JWTParser {
    private static final Logger LOG = Logger.getLogger(SuiteJwtParser.class);

    private final DefaultJWTParser own;
    private final Optional<External> external;
    private final VerifiedTokens verified;

    public SuiteJwtParser(JWTAuthContextInfo ownContext, TokenConfig config) {
        long maxAgeSeconds = config.maxAge().toSeconds();
        this.verified = new VerifiedTokens(config.maxAge());
        JWTAuthContextInfo suite = new JWTAuthContextInfo(ownContext);
        suite.setTokenAge(maxAgeSeconds);
        // one factory per configuration: its token parser keeps the key resolver of the first context it sees
        this.own = new DefaultJWTParser(suite, new SuitePrincipalFactory());
        TokenConfig.External ext = config.external();
        if (ext.issuer().isPresent() && ext.jwksUrl().isPresent()) {
            JWTAuthContextInfo context = new JWTAuthContextInfo(ext.jwksUrl().get(), ext.issuer().get());
            context.setTokenAge(maxAgeSeconds);
            context.setGroupsPath(ext.rolesClaim());
            ext.audience().ifPresent(aud -> context.setExpectedAudience(Set.of(aud)));
            this.external = Optional.of(new External(ext.issuer().get(), new DefaultJWTParser(context, new SuitePrincipalFactory()),
                    roleMap(ext.roleMap()), ext.departmentClaim()));
            LOG.infof("Also accepting tokens of %s (keys from %s)", ext.issuer().get(), ext.jwksUrl().get());
        } else {
            this.external = Optional.empty();
        }
    }

    /**
     * A token seen before and still valid is not verified again: the RSA arithmetic was a tenth of
     * complaint-service's CPU under load (README, the profile), and staff send the same token with
     * every call of a session. Keyed by the whole token, so a changed byte is a miss and is verified.
     * Revocation is not part of verification: it is checked on every request after this
     * ({@link RevocationFilter}, the gateway's edge check), so a cached token of a disabled account
     * is still refused.
     */
    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken cached = verified.get(token);
        if (cached != null) {
            return cached;
        }
        JsonWebToken jwt = external.isPresent() && external.get().issuer().equals(unverifiedIssuer(token))
                ? external.get().parse(token)
                : own.parse(token);
        verified.put(token, jwt);
        return jwt;
    }

    /**
     * The token, if it was verified before and is still within its validity; {@code null} otherwise.
     * Never verifies nor blocks, so an event-loop caller (the gateway's edge check) can skip the
     * worker-thread hop that a verification, with its possible JWKS fetch, needs.
     */
    public JsonWebToken verifiedBefore(String token) {
        return verified.get(token);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return own.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, java.security.PublicKey key) throws ParseException {
        return own.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, javax.crypto.SecretKey key) throws ParseException {
        return own.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return own.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, java.security.PrivateKey key) throws ParseException {
        return own.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, javax.crypto.SecretKey key) throws ParseException {
        return own.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return own.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return own.parseOnly(token);
    }

    /** {@code external=suite,…}; unset: each suite role stands for itself. */
    static Map<String, String> roleMap(Optional<String> configured) {
        Map<String, String> map = new LinkedHashMap<>();
        if (configured.isEmpty() || configured.get().isBlank()) {
            Roles.ALL.forEach(role -> map.put(role, role));
            return map;
        }
        for (String pair : configured.get().split(",")) {
            String[] parts = pair.trim().split("=", 2);
            if (parts.length != 2 || !Roles.ALL.contains(parts[1].trim())) {
                throw new IllegalStateException("ZF_OIDC_ROLE_MAP: '" + pair.trim() + "' is not external=suite-role (one of " + Roles.ALL + ")");
            }
            map.put(parts[0].trim(), parts[1].trim());
        }
        return map;
    }

    private static Optional<JwtClaims> unverifiedClaims(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String unverifiedIssuer(String token) {
        return unverifiedClaims(token).map(c -> c.getClaimValueAsString("iss")).orElse(null);
    }

    private record External(String issuer, DefaultJWTParser parser, Map<String, String> roleMap, String departmentClaim) {

        JsonWebToken parse(String token) throws ParseException {
            JsonWebToken verified = parser.parse(token);
            // verified above: its payload can now be read and rewritten into the suite's claims
            JwtClaims claims = unverifiedClaims(token).orElseThrow(() -> new ParseException("unreadable claims"));
            List<String> roles = new ArrayList<>();
            for (String role : verified.getGroups()) {
                String mapped = roleMap.get(role);
                if (mapped != null && !roles.contains(mapped)) {
                    roles.add(mapped);
                }
            }
            claims.setStringListClaim("groups", roles);
            claims.unsetClaim(Roles.DEPT_CLAIM);
            Object department = claim(claims.getClaimsMap(), departmentClaim);
            if (department != null) {
                claims.setClaim(Roles.DEPT_CLAIM, department.toString());
            }
            return new SuitePrincipalFactory.SuiteToken(token, "JWT", claims);
        }

        /** A top-level claim, or a {@code /}-separated path into nested objects. */
        private static Object claim(Map<String, Object> claims, String path) {
            Object value = claims;
            for (String step : path.split("/")) {
                if (!(value instanceof Map<?, ?> map)) {
                    return null;
                }
                value = map.get(step);
            }
            return value instanceof List<?> list ? (list.isEmpty() ? null : list.get(0)) : value;
        }
    }
}
