package io.zhengfeng.gateway.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.zhengfeng.gateway.config.ConsoleConfig;

/**
 * Stream tickets: what a browser's {@code EventSource}, which cannot send an {@code Authorization}
 * header, puts in the live stream's URL instead of its access token. A ticket is 256 random bits,
 * good for one connection within {@code stream-ticket-lifetime} (30 s) and never beyond the token
 * it was issued for; redeeming it hands back that token, which the gateway then forwards as the
 * bearer, so the service applies the token's own expiry and revocation to the stream. Kept in this
 * instance's memory (Caffeine, bounded): a ticket is redeemed at the gateway that issued it.
 */
@ApplicationScoped
public class StreamTickets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_OPEN_TICKETS = 100_000;

    /** A ticket's bearer token and when the ticket lapses. */
    private record Grant(String accessToken, Instant lapsesAt) {
    }

    public record Ticket(String ticket, Duration lifetime) {
    }

    private final Duration lifetime;
    private final Cache<String, Grant> grants;

    public StreamTickets(ConsoleConfig config) {
        this.lifetime = config.streamTicketLifetime();
        this.grants = Caffeine.newBuilder().maximumSize(MAX_OPEN_TICKETS).expireAfter(new Expiry<String, Grant>() {
            @Override
            public long expireAfterCreate(String key, Grant grant, long currentTime) {
                return Math.max(0, TimeUnit.MILLISECONDS.toNanos(grant.lapsesAt().toEpochMilli() - System.currentTimeMillis()));
            }

            @Override
            public long expireAfterUpdate(String key, Grant grant, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String key, Grant grant, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** A new ticket for the holder of {@code accessToken}, which expires at {@code tokenExpiresAt}. */
    public Ticket issue(String accessToken, Instant tokenExpiresAt) {
        Instant now = Instant.now();
        Instant lapsesAt = now.plus(lifetime).isBefore(tokenExpiresAt) ? now.plus(lifetime) : tokenExpiresAt;
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(ticket, new Grant(accessToken, lapsesAt));
        return new Ticket(ticket, Duration.between(now, lapsesAt));
    }

    /** The access token the ticket stands for, once: a second use, a lapsed or unknown ticket is empty. */
    public Optional<String> redeem(String ticket) {
        if (ticket == null || ticket.isBlank() || ticket.length() > 100) {
            return Optional.empty();
        }
        Grant grant = grants.asMap().remove(ticket);
        return grant == null || !Instant.now().isBefore(grant.lapsesAt()) ? Optional.empty() : Optional.of(grant.accessToken());
    }
}
