package io.zhengfeng.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.persistence.InboxQueries;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.platform.problem.ProblemException;
import io.zhengfeng.platform.security.TokenRevocations;

/**
 * Pushes new inbox items to connected users (Server-Sent Events). Each replica looks at the inbox
 * items committed recently by any replica — at once when a local commit wakes it, else every poll
 * interval — and sends each item it has not sent before to the connections it is addressed to.
 * Looking back {@code commitLag} catches an item whose transaction committed after a newer one.
 *
 * <p>A stream lives no longer than the token that opened it: every round ends the connections
 * whose token expired or was revoked (platform {@link TokenRevocations}) with an {@code end} event.
 * A reconnection naming the last event it got is first sent what it missed, from the inbox table.
 */
@ApplicationScoped
public class LiveStream {
    private static final Logger LOG = Logger.getLogger(LiveStream.class);

    /** Who opens a stream: their inbox addresses and language, and the token's lifetime. */
    public record Listener(String username, Set<String> addresses, String language, Instant tokenExpiresAt,
            long tokenIssuedAtMillis) {
    }

    /** One open connection; {@code sent} holds what it got within the look-back window, so nothing goes twice. */
    private record Connection(Listener who, SseEventSink sink, Sse sse, Map<Long, Instant> sent) {
    }

    private final NotificationRepository notifications;
    private final InboxQueries inbox;
    private final InboxItems items;
    private final WakeUps wakeUps;
    private final TokenRevocations revocations;
    private final NotificationConfig.Stream config;
    private final Clock clock;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    /** Inbox items already looked at, with their creation time, for the look-back window. Guarded by this. */
    private final Map<Long, Instant> seen = new HashMap<>();
    private final WorkerLoop loop = new WorkerLoop("live-stream", LOG, this::waitAndPush);
    private boolean primed;
    private Instant lastHeartbeat = Instant.EPOCH;

    public LiveStream(NotificationRepository notifications, InboxQueries inbox, InboxItems items, WakeUps wakeUps,
            TokenRevocations revocations, NotificationConfig config, Clock clock) {
        this.notifications = notifications;
        this.inbox = inbox;
        this.items = items;
        this.wakeUps = wakeUps;
        this.revocations = revocations;
        this.config = config.stream();
        this.clock = clock;
    }

    void start(@Observes StartupEvent ignored) {
        loop.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        loop.stop(() -> wakeUps.wake(WakeUps.Worker.STREAM));
        connections.forEach(c -> c.sink().close());
    }

    /**
     * Opens a stream; with {@code lastEventId} (the id of the last item the client got) the items
     * addressed to the listener since then are sent first, oldest first.
     *
     * @throws ProblemException 429 when the user already holds {@code max-per-user} open streams
     */
    public synchronized void connect(Listener who, Optional<UUID> lastEventId, SseEventSink sink, Sse sse) {
        connections.removeIf(c -> c.sink().isClosed());
        long open = connections.stream().filter(c -> c.who().username().equals(who.username())).count();
        if (open >= config.maxPerUser()) {
            throw new ProblemException(429, "too-many-streams", "Too many live streams",
                    "At most " + config.maxPerUser() + " live streams per user are open at once; close one first");
        }
        Connection connection = new Connection(who, sink, sse, new HashMap<>());
        connections.add(connection);
        sink.send(sse.newEventBuilder().name("ready").data("{}").mediaType(MediaType.APPLICATION_JSON_TYPE).build());
        // missed items first; then the first connection primes the window (what exists now is not
        // news); the second replay catches what committed between the two queries
        lastEventId.ifPresent(last -> replay(connection, last));
        pushNew();
        lastEventId.ifPresent(last -> replay(connection, last));
        LOG.debugf("Live stream of %s connected (%d open)", who.username(), connections.size());
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Sent after what pushNew sent, through the same per-connection record: an item goes once. */
    private void replay(Connection c, UUID lastEventId) {
        List<Notification> missed = QuarkusTransaction.requiringNew().call(() -> notifications.byId(lastEventId)
                .map(last -> inbox.after(c.who().addresses(), last.seq, config.replayMax()))
                .orElse(List.of())); // unknown id (another suite, purged): nothing to replay, the stream goes on
        missed.forEach(n -> send(c, n));
        if (!missed.isEmpty()) {
            LOG.debugf("Live stream of %s resumed after %s: %d replayed", c.who().username(), lastEventId, missed.size());
        }
    }

    private void waitAndPush() throws InterruptedException {
        wakeUps.await(WakeUps.Worker.STREAM, config.pollInterval());
        endLapsed();
        pushNew();
        heartbeat();
    }

    /**
     * Ends the streams whose token expired or was revoked. Expiry is compared with the real time,
     * like the token verifier does, not with {@link #clock} (which a drill may shift).
     */
    private void endLapsed() {
        Instant now = Instant.now();
        for (Connection c : connections) {
            Listener who = c.who();
            String reason = !now.isBefore(who.tokenExpiresAt()) ? "token-expired"
                    : revocations.isRevoked(who.username(), who.tokenIssuedAtMillis()) ? "token-revoked" : null;
            if (reason != null) {
                connections.remove(c);
                c.sink().send(c.sse().newEventBuilder().name("end").data("{\"reason\":\"" + reason + "\"}")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).build())
                        .whenComplete((ok, failure) -> c.sink().close());
                LOG.debugf("Live stream of %s ended: %s", who.username(), reason);
            }
        }
        connections.removeIf(c -> c.sink().isClosed());
    }

    private synchronized void pushNew() {
        if (connections.isEmpty()) {
            primed = false; // nobody listens: forget, and prime again on the next connection
            seen.clear();
            return;
        }
        Instant now = clock.instant();
        Instant since = now.minus(config.commitLag());
        List<Notification> recent = QuarkusTransaction.requiringNew().call(() -> notifications.inboxCreatedSince(since));
        for (Notification n : recent) {
            if (seen.putIfAbsent(n.seq, n.createdAt) == null && primed) {
                connections.forEach(c -> send(c, n));
            }
        }
        primed = true;
        seen.values().removeIf(created -> created.isBefore(since));
        connections.forEach(c -> c.sent().values().removeIf(created -> created.isBefore(since)));
    }

    private void send(Connection c, Notification n) {
        if (!c.who().addresses().contains(n.recipient) || c.sent().putIfAbsent(n.seq, n.createdAt) != null) {
            return;
        }
        OutboundSseEvent event = c.sse().newEventBuilder().name("notification").id(n.id.toString())
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(items.of(n, false, c.who().language())).build();
        c.sink().send(event).whenComplete((ok, failure) -> {
            if (failure != null) {
                c.sink().close();
            }
        });
    }

    /** A comment line keeps idle connections open through proxies and reveals the dead ones. */
    private void heartbeat() {
        Instant now = clock.instant();
        if (now.isBefore(lastHeartbeat.plus(config.heartbeat()))) {
            return;
        }
        lastHeartbeat = now;
        for (Connection c : connections) {
            c.sink().send(c.sse().newEventBuilder().comment("keep-alive").build()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    c.sink().close();
                }
            });
        }
    }
}
