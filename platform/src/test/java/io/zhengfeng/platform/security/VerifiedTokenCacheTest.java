package io.zhengfeng.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.zhengfeng.testing.TestTokens;

/**
 * A session's token is verified once and then recognised, but the cache never accepts what a fresh
 * verification would refuse: an altered token, one past its expiry or past the maximum age.
 */
class VerifiedTokenCacheTest {

    @Test
    void theSameTokenIsVerifiedOnceAndThenRecognised() throws Exception {
        SuiteJwtParser parser = parser(Duration.ofHours(8));
        String token = TestTokens.issuedAt("cache-a", "handler", Instant.now(), Duration.ofHours(1));
        JsonWebToken first = parser.parse(token);
        assertEquals("cache-a", first.getName());
        assertSame(first, parser.parse(token), "the second call of the session is served from the cache");
    }

    @Test
    void aTokenDifferingByOneCharacterFromACachedOneIsVerifiedAndRefused() throws Exception {
        SuiteJwtParser parser = parser(Duration.ofHours(8));
        String token = TestTokens.issuedAt("cache-b", "handler", Instant.now(), Duration.ofHours(1));
        parser.parse(token);
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + flip(parts[2]);
        assertThrows(ParseException.class, () -> parser.parse(forged));
    }

    @Test
    void aCachedTokenIsRefusedOnceItIsOlderThanTheMaximumAge() throws Exception {
        SuiteJwtParser parser = parser(Duration.ofSeconds(2));
        String token = TestTokens.issuedAt("cache-c", "handler", Instant.now(), Duration.ofHours(1));
        parser.parse(token);
        Thread.sleep(3_100); // whole seconds: iat and the age check count in seconds
        assertThrows(ParseException.class, () -> parser.parse(token));
    }

    @Test
    void aCachedTokenIsVerifiedAfreshOnceItHasExpired() throws Exception {
        SuiteJwtParser parser = parser(Duration.ofHours(8));
        String token = TestTokens.issuedAt("cache-d", "handler", Instant.now(), Duration.ofSeconds(2));
        assertEquals("cache-d", parser.parse(token).getName());
        Thread.sleep(3_100);
        assertThrows(ParseException.class, () -> parser.parse(token));
    }

    private static String flip(String signature) {
        char c = signature.charAt(10);
        return signature.substring(0, 10) + (c == 'A' ? 'B' : 'A') + signature.substring(11);
    }

    private static SuiteJwtParser parser(Duration maxAge) {
        JWTAuthContextInfo context = new JWTAuthContextInfo("test-keys/public.pem", TestTokens.ISSUER);
        context.setExpectedAudience(Set.of(TestTokens.AUDIENCE));
        context.setClockSkew(0); // what is tested is the cache, not SmallRye's grace period
        return new SuiteJwtParser(context, new TokenConfig() {
            @Override
            public Duration maxAge() {
                return maxAge;
            }

            @Override
            public External external() {
                return new External() {
                    @Override
                    public Optional<String> issuer() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> jwksUrl() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> audience() {
                        return Optional.empty();
                    }

                    @Override
                    public String rolesClaim() {
                        return "roles";
                    }

                    @Override
                    public String departmentClaim() {
                        return "department";
                    }

                    @Override
                    public Optional<String> roleMap() {
                        return Optional.empty();
                    }
                };
            }
        });
    }
}
