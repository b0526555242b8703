package io.zhengfeng.platform.security;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Tokens that passed verification, each kept only while it would pass again on time alone: until
 * its {@code exp}, or until it is older than the maximum age, whichever is first — and at most
 * {@link #LONGEST} (so a signing key an identity provider withdraws from its JWKS stops counting soon).
 * SmallRye's clock-skew grace is not granted here: a token in its grace period is verified afresh.
 */
final class VerifiedTokens {
    /** Staff sessions of one service at a time; a token and its claims are a few kilobytes. */
    private static final int MAX_TOKENS = 2_000;
    static final Duration LONGEST = Duration.ofMinutes(5);

    private final long maxAgeSeconds;
    private final Cache<String, JsonWebToken> tokens;

    VerifiedTokens(Duration maxAge) {
        this.maxAgeSeconds = maxAge.toSeconds();
        this.tokens = Caffeine.newBuilder().maximumSize(MAX_TOKENS).expireAfter(new UntilInvalid()).build();
    }

    JsonWebToken get(String token) {
        return tokens.getIfPresent(token);
    }

    void put(String token, JsonWebToken jwt) {
        if (nanosLeft(jwt) > 0) {
            tokens.put(token, jwt);
        }
    }

    private long nanosLeft(JsonWebToken jwt) {
        long until = jwt.getExpirationTime();
        if (jwt.getIssuedAtTime() > 0) {
            until = Math.min(until, jwt.getIssuedAtTime() + maxAgeSeconds);
        }
        long left = TimeUnit.SECONDS.toNanos(until) - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        return Math.min(left, LONGEST.toNanos());
    }

    private final class UntilInvalid implements Expiry<String, JsonWebToken> {
        @Override
        public long expireAfterCreate(String token, JsonWebToken jwt, long currentTime) {
            return Math.max(0, nanosLeft(jwt));
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return Math.max(0, nanosLeft(jwt));
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken jwt, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
