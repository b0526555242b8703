package io.zhengfeng.platform.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.hibernate.Session;
import org.jboss.logging.MDC;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.zhengfeng.platform.persistence.AppendOnlyRows;

/** Applies one event exactly once: effect and {@code ce_id} record commit together or not at all. */
@ApplicationScoped
public class EventApplier {
    /** The columns of {@link ProcessedEvent}, which reads them back; one way to write a mark, for one event or a batch. */
    private static final String INSERT_PROCESSED =
            "INSERT INTO processed_event (event_id, event_type, topic, processed_at) VALUES (?, ?, ?, ?)";

    private final EntityManager em;
    private final AppendOnlyRows rows;

    public EventApplier(EntityManager em, AppendOnlyRows rows) {
        this.em = em;
        this.rows = rows;
    }

    /** @return false when this ce_id was applied before (a redelivery or a replay) */
    public boolean applyOnce(EventHandler handler, IncomingEvent event) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (em.find(ProcessedEvent.class, event.id()) != null) {
                    return false;
                }
                MDC.put("eventId", event.id());
                try {
                    handler.handle(event);
                } finally {
                    MDC.remove("eventId");
                }
                em.flush();
                rows.insert(INSERT_PROCESSED, event.id(), event.type(), event.topic(), Instant.now());
                return true;
            });
        } catch (PersistenceException e) {
            // Another replica applied the same ce_id in between: its primary key stopped us.
            if (alreadyApplied(event.id())) {
                return false;
            }
            throw e;
        }
    }

    /** One event of a batch and its handler. */
    public record Pending(EventHandler handler, IncomingEvent event) {
    }

    /** Wraps each application of a batch (the dispatcher's CONSUMER span and log context). */
    public interface Around {
        void apply(IncomingEvent event, Runnable application);
    }

    /**
     * A poll's events in one transaction: one query finds those applied before, each handler
     * {@linkplain EventHandler#prepare prepares} for its share of the others, each of them is handled
     * in order and recorded, and one commit makes all of it durable. Any failure rolls
     * the whole batch back and is thrown; the caller then applies the events one by one, where each
     * failure gets its own verdict (retry, dead letter). Entity writes of the batch are flushed
     * together at its end (JDBC batches), so their SQL spans are not inside the events' spans.
     *
     * @return per event, in order: true when applied now, false when applied before (or earlier in this batch)
     */
    public List<Boolean> applyAllOnce(List<Pending> batch, Around around) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // setParameterList: setParameter would first try (and fail, with an exception) to read the list as one id
            Set<String> seen = new HashSet<>(em.unwrap(Session.class).createSelectionQuery(
                    "select p.eventId from ProcessedEvent p where p.eventId in :ids", String.class)
                    .setParameterList("ids", batch.stream().map(p -> p.event().id()).distinct().toList())
                    .getResultList());
            List<Pending> fresh = new ArrayList<>(batch.size());
            List<Boolean> applied = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                boolean first = seen.add(p.event().id());
                applied.add(first);
                if (first) {
                    fresh.add(p);
                }
            }
            Map<EventHandler, List<IncomingEvent>> byHandler = new LinkedHashMap<>();
            fresh.forEach(p -> byHandler.computeIfAbsent(p.handler(), h -> new ArrayList<>()).add(p.event()));
            byHandler.forEach(EventHandler::prepare);
            List<Object[]> records = new ArrayList<>(fresh.size());
            for (Pending p : fresh) {
                IncomingEvent event = p.event();
                around.apply(event, () -> {
                    MDC.put("eventId", event.id());
                    try {
                        p.handler().handle(event);
                    } finally {
                        MDC.remove("eventId");
                    }
                });
                records.add(new Object[] { event.id(), event.type(), event.topic(), Instant.now() });
            }
            // After the handlers, not between them: the handlers' inserts of one table follow each other
            // and go as one JDBC batch per table; the marks then go as one more (one multi-row INSERT),
            // written directly: entities nobody reads in this transaction need no persistence context.
            em.flush();
            rows.insertAll(INSERT_PROCESSED, records);
            return applied;
        });
    }

    /** Whether this ce_id has been applied (for the dead-letter listing). */
    public boolean wasApplied(String eventId) {
        return alreadyApplied(eventId);
    }

    private boolean alreadyApplied(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(ProcessedEvent.class, eventId) != null);
    }
}
