package io.zhengfeng.survey.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;
import io.zhengfeng.survey.persistence.SurveyEntity;
import io.zhengfeng.survey.service.Status;
import io.zhengfeng.survey.service.Surveys;

/**
 * The notification service owns time: its {@code deadline.breached} for a survey's opening or
 * closing instant opens or closes it. Whether or not this service ran at that instant, the event
 * waits in Kafka and is applied once (the platform records ce_id; a stale or repeated breach finds
 * the survey already moved on and changes nothing).
 */
@ApplicationScoped
public class DeadlineBreachedHandler implements EventHandler {
    private static final Logger LOG = Logger.getLogger(DeadlineBreachedHandler.class);

    private final Surveys surveys;

    public DeadlineBreachedHandler(Surveys surveys) {
        this.surveys = surveys;
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
        if (!"survey".equals(breach.subjectType())) {
            return;
        }
        SurveyEntity s = SurveyEntity.findById(breach.subjectId().toString());
        if (s == null) {
            LOG.warnf("Breach for unknown survey %s ignored", breach.subjectId());
            return;
        }
        if (Deadline.SURVEY_OPENING.equals(breach.deadlineKind()) && Status.DRAFT.equals(s.status)
                && same(s.opensAt, breach.dueAt())) {
            var reason = surveys.whyNotOpen(s);
            if (reason.isPresent()) {
                // e.g. a draft without questions at its opening instant: retrying would not help
                LOG.warnf("Survey %s not opened at its opening instant: %s %s", s.id, reason.get().field(),
                        reason.get().message());
            } else {
                surveys.openNow(s);
                LOG.infof("Survey %s opened at its opening instant %s", s.id, s.opensAt);
            }
        } else if (Deadline.SURVEY_CLOSING.equals(breach.deadlineKind()) && Status.OPEN.equals(s.status)
                && same(s.closesAt, breach.dueAt())) {
            surveys.closeNow(s);
            LOG.infof("Survey %s closed at its closing instant %s", s.id, s.closesAt);
        } else {
            LOG.debugf("Stale %s breach for survey %s (%s) ignored", breach.deadlineKind(), s.id, s.status);
        }
    }

    private static boolean same(Instant a, Instant b) {
        return a != null && b != null && a.truncatedTo(ChronoUnit.SECONDS).equals(b.truncatedTo(ChronoUnit.SECONDS));
    }
}
