package io.zhengfeng.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.NotificationRepository;

/**
 * Pushes new inbox items to connected users (Server-Sent Events). Each replica looks at the inbox
 * items committed recently by any replica — at once when a local commit wakes it, else every poll
 * interval — and sends each item it has not sent before to the connections it is addressed to.
 * Looking back {@code commitLag} catches an item whose transaction committed after a newer one.
 */
@ApplicationScoped
public class LiveStream {
    private static final Logger LOG = Logger.getLogger(LiveStream.class);

    /** One open connection, the addresses its user reads (own, roles, department roles) and their language. */
    private record Connection(String username, Set<String> addresses, String language, SseEventSink sink, Sse sse) {
    }

    private final NotificationRepository notifications;
    private final InboxItems items;
    private final WakeUps wakeUps;
    private final NotificationConfig.Stream config;
    private final Clock clock;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    /** Inbox items already looked at, with their creation time, for the look-back window. Guarded by this. */
    private final Map<Long, Instant> seen = new HashMap<>();
    private final WorkerLoop loop = new WorkerLoop("live-stream", LOG, this::waitAndPush);
    private boolean primed;
    private Instant lastHeartbeat = Instant.EPOCH;

    public LiveStream(NotificationRepository notifications, InboxItems items, WakeUps wakeUps, NotificationConfig config,
            Clock clock) {
        this.notifications = notifications;
        this.items = items;
        this.wakeUps = wakeUps;
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

    public void connect(String username, Set<String> addresses, String language, SseEventSink sink, Sse sse) {
        connections.add(new Connection(username, addresses, language, sink, sse));
        pushNew(); // the first connection primes the window: what exists now is not news
        sink.send(sse.newEventBuilder().name("ready").data("{}").mediaType(MediaType.APPLICATION_JSON_TYPE).build());
        LOG.debugf("Live stream of %s connected (%d open)", username, connections.size());
    }

    public int connectionCount() {
        return connections.size();
    }

    private void waitAndPush() throws InterruptedException {
        wakeUps.await(WakeUps.Worker.STREAM, config.pollInterval());
        connections.removeIf(c -> c.sink().isClosed());
        pushNew();
        heartbeat();
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
                send(n);
            }
        }
        primed = true;
        seen.values().removeIf(created -> created.isBefore(since));
    }

    private void send(Notification n) {
        for (Connection c : connections) {
            if (c.addresses().contains(n.recipient)) {
                OutboundSseEvent event = c.sse().newEventBuilder().name("notification").id(n.id.toString())
                        .mediaType(MediaType.APPLICATION_JSON_TYPE).data(items.of(n, false, c.language())).build();
                c.sink().send(event).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        c.sink().close();
                    }
                });
            }
        }
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
