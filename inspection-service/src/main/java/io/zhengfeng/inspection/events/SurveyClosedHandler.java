package io.zhengfeng.inspection.events;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.SurveyEvent;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.inspection.persistence.SurveyFiguresEntity;
import io.zhengfeng.platform.events.EventHandler;
import io.zhengfeng.platform.events.IncomingEvent;
import io.zhengfeng.platform.events.PoisonEventException;

/**
 * The report's survey figures (letters sent and returned, satisfaction rate) as survey-service
 * announces them when a survey closes ({@link SurveyEvent} with its summary). A survey closed again
 * replaces its figures (upsert by survey id), so a replay changes nothing.
 */
@ApplicationScoped
public class SurveyClosedHandler implements EventHandler {

    @Override
    public String topic() {
        return Topics.SURVEYS;
    }

    @Override
    public Set<String> types() {
        return Set.of(EventTypes.SURVEY_CLOSED);
    }

    @Override
    public void handle(IncomingEvent event) {
        SurveyEvent closed = event.payloadAs(SurveyEvent.class);
        if (closed.surveyId() == null || closed.summary() == null) {
            throw new PoisonEventException("Survey closed event " + event + " lacks its survey id or summary");
        }
        String id = closed.surveyId().toString();
        SurveyFiguresEntity s = SurveyFiguresEntity.findById(id);
        if (s == null) {
            s = new SurveyFiguresEntity();
            s.surveyId = id;
        }
        SurveyEvent.Summary summary = closed.summary();
        s.year = closed.campaignYear();
        s.title = closed.title() == null || closed.title().length() <= 300 ? closed.title() : closed.title().substring(0, 300);
        s.lettersSent = Math.toIntExact(summary.lettersSent());
        s.lettersReturned = Math.toIntExact(summary.lettersReturned());
        s.responses = Math.toIntExact(summary.answers());
        s.satisfactionRate = summary.satisfactionRate() == null ? null
                : BigDecimal.valueOf(summary.satisfactionRate()).setScale(4, RoundingMode.HALF_UP);
        s.closedAt = closed.occurredAt() != null ? closed.occurredAt() : event.time();
        s.persist();
    }
}
