package io.zhengfeng.notification.events;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.SurveyEvent;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.service.SubjectDeadlines;
import io.zhengfeng.notification.service.TimerService;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;

/**
 * A survey's opening and closing instants are deadlines like any other: one timer each, kept in
 * step with every survey event (created, moved, cancelled). Their ladder (application.properties,
 * kinds survey_opening / survey_closing) fires only at the instant, alerting nobody; the breach
 * event is what survey-service opens or closes the survey on.
 */
@ApplicationScoped
public class SurveyEventsHandler implements EventHandler {
    private static final Set<String> TYPES = Set.of(EventTypes.SURVEY_SCHEDULED, EventTypes.SURVEY_OPENED,
            EventTypes.SURVEY_CLOSED, EventTypes.SURVEY_PUBLISHED);

    private final TimerService timers;

    public SurveyEventsHandler(TimerService timers) {
        this.timers = timers;
    }

    @Override
    public String topic() {
        return Topics.SURVEYS;
    }

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public void handle(IncomingEvent event) {
        SurveyEvent s = event.payloadAs(SurveyEvent.class);
        timers.sync(new SubjectDeadlines("survey", s.surveyId(), null, null, s.openDeadlines(), s.occurredAt()));
    }
}
