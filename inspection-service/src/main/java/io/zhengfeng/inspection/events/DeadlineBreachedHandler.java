package io.zhengfeng.inspection.events;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.inspection.service.Rectifications;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;

/**
 * The notification service owns time: when a rectification order's deadline passes, the order is
 * marked overdue (督办). The platform applies each ce_id once; a second breach of the same deadline
 * (another ce_id) finds the order already marked and changes nothing.
 */
@ApplicationScoped
public class DeadlineBreachedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(DeadlineBreachedHandler.class);

    private final Rectifications rectifications;

    public DeadlineBreachedHandler(Rectifications rectifications) {
        this.rectifications = rectifications;
    }

    @Override
    public String topic() {
        return Topics.NOTIFICATIONS;
    }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.DEADLINE_BREACHED);
    }

    @Override
    public void handle(IncomingEvent event) {
        DeadlineBreached breach = event.payloadAs(DeadlineBreached.class);
        if (!Deadline.RECTIFICATION.equals(breach.subjectType()) || breach.subjectId() == null) {
            return;
        }
        if (!rectifications.markOverdue(breach)) {
            LOG.debugf("Breach of rectification %s changed nothing (stale or already marked)", breach.subjectId());
        }
    }
}
