package io.zhengfeng.inspection.events;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.Session;

import io.zhengfeng.contracts.ComplaintEvent;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.inspection.persistence.ComplaintFiguresEntity;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;

/**
 * The report's message figures (received, answered, answered on time, satisfaction) from
 * complaint-service's events. ComplaintEvent carries no rating: a rating that closes the complaint
 * is a satisfied one (complaint-service closes on satisfied / basically satisfied), a rating that
 * leaves it open or a reopening is a dissatisfied one.
 */
@ApplicationScoped
public class ComplaintFiguresHandler implements EventHandler {
    /** Key of the transaction's complaint ids a batch's {@link #prepare} found no row for. */
    private static final Object ABSENT = ComplaintFiguresHandler.class.getName() + ".absent";
    private static final Set<String> TYPES = Set.of(EventTypes.COMPLAINT_SUBMITTED, EventTypes.COMPLAINT_ACCEPTED,
            EventTypes.COMPLAINT_ASSIGNED, EventTypes.COMPLAINT_TRANSFERRED, EventTypes.COMPLAINT_EXTENDED,
            EventTypes.COMPLAINT_REPLIED, EventTypes.COMPLAINT_RATED, EventTypes.COMPLAINT_REOPENED,
            EventTypes.COMPLAINT_CLOSED, EventTypes.COMPLAINT_REJECTED, EventTypes.COMPLAINT_OVERDUE);

    private final TransactionSynchronizationRegistry transactions;

    public ComplaintFiguresHandler(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /**
     * One query loads the batch's rows (the ce_subject is the complaint id); the ids it did not find
     * are remembered, so their first event needs no lookup either.
     */
    @Override
    public void prepare(List<IncomingEvent> events) {
        Set<String> ids = new HashSet<>();
        events.stream().map(IncomingEvent::subject).filter(Objects::nonNull).forEach(ids::add);
        if (ids.isEmpty()) {
            return;
        }
        Set<String> absent = new HashSet<>(ids);
        // setParameterList: Panache's setParameter would first try (and fail, with an exception) to read the set as one id
        ComplaintFiguresEntity.getEntityManager().unwrap(Session.class)
                .createSelectionQuery("from ComplaintFiguresEntity where complaintId in :ids", ComplaintFiguresEntity.class)
                .setParameterList("ids", ids).getResultList().forEach(f -> absent.remove(f.complaintId));
        transactions.putResource(ABSENT, absent);
    }

    @Override
    public String topic() {
        return Topics.COMPLAINTS;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public void handle(IncomingEvent event) {
        ComplaintEvent c = event.payloadAs(ComplaintEvent.class);
        if (c.complaintId() == null) {
            return;
        }
        Instant at = c.occurredAt() != null ? c.occurredAt() : event.time() != null ? event.time() : Instant.now();
        String id = c.complaintId().toString();
        @SuppressWarnings("unchecked")
        Set<String> absent = (Set<String>) transactions.getResource(ABSENT);
        // known absent once: after its persist, the row is in the session and findById finds it there
        ComplaintFiguresEntity existing = absent != null && absent.remove(id) ? null : ComplaintFiguresEntity.findById(id);
        final ComplaintFiguresEntity f = existing != null ? existing : new ComplaintFiguresEntity();
        if (existing == null) {
            f.complaintId = id;
            f.receivedAt = at;
            f.lastEventAt = at;
        }
        if (at.isBefore(f.receivedAt)) {
            f.receivedAt = at; // events of one complaint share a partition, but be safe
        }
        if (c.openDeadlines() != null) {
            c.openDeadlines().stream().filter(d -> Deadline.REPLY.equals(d.kind()) && d.dueAt() != null)
                    .findFirst().ifPresent(d -> f.replyDueAt = d.dueAt());
        }
        String type = event.type();
        if (EventTypes.COMPLAINT_REPLIED.equals(type) && f.repliedAt == null) {
            f.repliedAt = at;
            f.repliedOnTime = f.replyDueAt == null || !at.isAfter(f.replyDueAt);
        } else if (EventTypes.COMPLAINT_RATED.equals(type)) {
            f.rated = true;
            f.satisfied = "closed".equals(c.status());
        } else if (EventTypes.COMPLAINT_REOPENED.equals(type) && f.rated) {
            f.satisfied = false;
        }
        if (at.isAfter(f.lastEventAt)) {
            f.lastEventAt = at;
        }
        f.persist();
    }
}
