package io.zhengfeng.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.MDC;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Applies one event exactly once: effect and {@code ce_id} record commit together or not at all. */
@ApplicationScoped
public class EventApplier {
    private final EntityManager em;

    public EventApplier(EntityManager em) {
        this.em = em;
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
                em.persist(new ProcessedEvent(event.id(), event.type(), event.topic()));
                em.flush();
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

    /** Whether this ce_id has been applied (for the dead-letter listing). */
    public boolean wasApplied(String eventId) {
        return alreadyApplied(eventId);
    }

    private boolean alreadyApplied(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(ProcessedEvent.class, eventId) != null);
    }
}
