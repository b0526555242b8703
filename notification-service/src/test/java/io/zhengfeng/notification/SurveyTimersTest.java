package io.zhengfeng.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.SurveyEvent;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.notification.persistence.TimerState;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.TopicReader;

/**
 * A survey's closing instant is a timer: it fires at the instant, publishes deadline.breached for
 * survey-service once, and alerts nobody (no reminder, no inbox item, no escalation).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class SurveyTimersTest {
    @Inject
    TimerRepository timers;
    @Inject
    NotificationRepository notifications;
    @Inject
    ObjectMapper json;

    @Test
    void aSurveysClosingInstantFiresOnceAtTheInstantAndAlertsNobody() throws Exception {
        UUID survey = UUID.randomUUID();
        Instant now = Instant.now();
        // survey-service schedules whole seconds (the timer table's precision)
        Instant closes = now.plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        try (TopicReader breaches = new TopicReader(Topics.NOTIFICATIONS)) {
            TestEvents.send(Topics.SURVEYS, EventTypes.SURVEY_OPENED, Sources.SURVEY_SERVICE, survey,
                    new SurveyEvent(survey, "行风评议问卷", 2026, "both", "open", "draft",
                            List.of(new Deadline(Deadline.SURVEY_CLOSING, closes, closes)), null, now));
            List<RecordedEvent> seen = breaches.readUntil(all -> all.stream().anyMatch(e -> survey.toString().equals(e.key())
                    && EventTypes.DEADLINE_BREACHED.equals(e.type())), Duration.ofSeconds(20));
            RecordedEvent breach = seen.stream().filter(e -> survey.toString().equals(e.key())).findFirst().orElseThrow();
            DeadlineBreached payload = json.readValue(breach.value(), DeadlineBreached.class);
            assertEquals("survey", payload.subjectType());
            assertEquals(Deadline.SURVEY_CLOSING, payload.deadlineKind());
            assertTrue(!payload.breachedAt().isBefore(closes), "not before the instant");
            // the timer is finished (no escalation rung left), so nothing else can fire for it
            Await.until(() -> QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("survey", survey)).stream()
                    .allMatch(t -> t.state == TimerState.FIRED), Duration.ofSeconds(20));
            assertEquals(List.of(), QuarkusTransaction.requiringNew()
                    .call(() -> notifications.ofSubject(survey, List.of(Channel.INBOX, Channel.EMAIL))),
                    "no human is alerted by a survey's instant");
        }
    }
}
