package io.zhengfeng.complaint.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.zhengfeng.complaint.config.ComplaintConfig;

/**
 * Access-code guessing on tracking: every attempt is charged before the code is checked, per
 * tracking number (whether it exists or not: the answer must not tell) and per client address.
 * Bucket4j token buckets refilled at the end of each period, in bounded Caffeine maps. Per
 * instance: with N replicas an attacker gets at most N times the limit.
 */
@ApplicationScoped
public class TrackingLimits {
    private static final int MAX_TRACKED_KEYS = 100_000;

    /** Refused; answer 429 with {@code Retry-After}. */
    public static class TooManyAttempts extends RuntimeException {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super("Too many tracking attempts; try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final Limit perNumber;
    private final Limit perAddress;

    public TrackingLimits(ComplaintConfig config) {
        ComplaintConfig.Track track = config.track();
        this.perNumber = new Limit(track.perNumber(), track.period());
        this.perAddress = new Limit(track.perAddress(), track.period());
    }

    /** @throws TooManyAttempts when this address or this number has had its attempts */
    public void charge(String trackingNumber, String clientAddress) {
        perAddress.consume(clientAddress);
        perNumber.consume(trackingNumber == null ? "" : trackingNumber.trim().toUpperCase());
    }

    private static final class Limit {
        private final int requests;
        private final Duration period;
        private final Cache<String, Bucket> buckets;

        Limit(int requests, Duration period) {
            this.requests = requests;
            this.period = period;
            this.buckets = Caffeine.newBuilder().maximumSize(MAX_TRACKED_KEYS).expireAfterAccess(period.multipliedBy(2)).build();
        }

        void consume(String key) {
            Bucket bucket = buckets.get(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(requests).refillIntervally(requests, period).build()).build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                throw new TooManyAttempts(Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L));
            }
        }
    }
}
