package io.zhengfeng.survey.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.SurveyEvent;
import io.zhengfeng.contracts.SurveyInvitationEvent;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.events.Outbox;
import io.zhengfeng.survey.persistence.InvitationEntity;
import io.zhengfeng.survey.persistence.SurveyEntity;
import io.zhengfeng.survey.service.Status;

/**
 * A survey's state as its event, in the caller's transaction. The event lists the opening and
 * closing instants still ahead, so the notification service (which owns time) keeps their timers.
 */
@ApplicationScoped
public class SurveyEvents {
    private final Outbox outbox;

    public SurveyEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public void publish(SurveyEntity s, String type, String previousStatus, SurveyEvent.Summary summary) {
        outbox.publish(Topics.SURVEYS, type, s.id, new SurveyEvent(UUID.fromString(s.id), s.title, s.campaignYear,
                s.audience, s.status, previousStatus, openDeadlines(s), summary, Instant.now()));
    }

    public void invitation(InvitationEntity i, String type, String channel) {
        outbox.publish(Topics.SURVEYS, type, i.surveyId, new SurveyInvitationEvent(UUID.fromString(i.surveyId),
                UUID.fromString(i.id), i.letterNo, i.respondentGroup, channel,
                EventTypes.SURVEY_REMINDER_DUE.equals(type) ? i.reminders : 0, Instant.now()));
    }

    static List<Deadline> openDeadlines(SurveyEntity s) {
        List<Deadline> open = new ArrayList<>();
        if (Status.DRAFT.equals(s.status) && s.opensAt != null) {
            open.add(new Deadline(Deadline.SURVEY_OPENING, s.opensAt, s.opensAt));
        }
        if ((Status.DRAFT.equals(s.status) || Status.OPEN.equals(s.status)) && s.closesAt != null) {
            open.add(new Deadline(Deadline.SURVEY_CLOSING, s.closesAt, s.closesAt));
        }
        return open;
    }
}
