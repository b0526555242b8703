package io.zhengfeng.testing;

import java.time.Duration;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs tokens with the test key pair ({@code test-keys/}), which services trust in the test profile.
 * Issuer and audience match the services' test configuration.
 */
public final class TestTokens {
    public static final String ISSUER = "https://zhengfeng.test/auth";
    public static final String AUDIENCE = "zhengfeng";
    private static final String PRIVATE_KEY = "test-keys/private.pem";

    public static String token(String username, String role) {
        return token(username, role, null);
    }

    public static String token(String username, String role, String dept) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .audience(AUDIENCE)
                .upn(username)
                .subject(username)
                .groups(Set.of(role))
                .expiresIn(Duration.ofMinutes(30));
        if (dept != null) {
            claims.claim("dept", dept);
        }
        return claims.jws().keyId("test").sign(PRIVATE_KEY);
    }

    public static String bearer(String username, String role, String dept) {
        return "Bearer " + token(username, role, dept);
    }

    public static String expired(String username, String role) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(username).groups(Set.of(role))
                .issuedAt(System.currentTimeMillis() / 1000 - 7200)
                .expiresAt(System.currentTimeMillis() / 1000 - 3600)
                .sign(PRIVATE_KEY);
    }

    /** Signed like {@link #token}, but issued at {@code issuedAt} and valid for {@code lifetime} from then. */
    public static String issuedAt(String username, String role, java.time.Instant issuedAt, Duration lifetime) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn(username).subject(username).groups(Set.of(role))
                .issuedAt(issuedAt).expiresAt(issuedAt.plus(lifetime))
                .jws().keyId("test").sign(PRIVATE_KEY);
    }

    public static String wrongIssuer(String username, String role) {
        return Jwt.issuer("https://evil.example/auth").audience(AUDIENCE).upn(username).groups(Set.of(role))
                .expiresIn(Duration.ofMinutes(30)).sign(PRIVATE_KEY);
    }

    private TestTokens() {
    }
}
