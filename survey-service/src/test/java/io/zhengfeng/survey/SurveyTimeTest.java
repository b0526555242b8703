package io.zhengfeng.survey;

import static io.zhengfeng.survey.SurveyApi.inspector;
import static io.zhengfeng.survey.SurveyApi.leader;
import static io.zhengfeng.survey.SurveyApi.survey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.TopicReader;

/**
 * The notification service owns time: survey events carry the opening and closing instants as
 * deadlines, and its {@code deadline.breached} opens or closes the survey exactly once, however
 * often (or however late) it is delivered.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_survey_test"))
class SurveyTimeTest {
    @Inject
    DataSource db;


    @Test
    void theOpeningAndClosingInstantsTravelAsDeadlinesAndTheirBreachesOpenAndCloseOnce() throws Exception {
        // sub-second parts are dropped: the breach names the instant at the timers' precision
        Instant opens = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).plusMillis(400);
        Instant closes = opens.plus(7, ChronoUnit.DAYS);
        String id = inspector().body(survey("定时开闭", "public", "\"opensAt\":\"" + opens + "\",\"closesAt\":\"" + closes + "\""))
                .post("/api/surveys").then().statusCode(201).extract().path("id");
        try (TopicReader surveys = new TopicReader(Topics.SURVEYS)) {
            RecordedEvent scheduled = surveys.readForKey(id, 1, Duration.ofSeconds(20)).get(0);
            assertEquals(EventTypes.SURVEY_SCHEDULED, scheduled.type());
            assertTrue(scheduled.value().contains("\"kind\":\"survey_opening\"") && scheduled.value().contains("\"kind\":\"survey_closing\""),
                    scheduled.value());

            // the opening instant passes (the notification service says so, late or not)
            breach(UUID.randomUUID().toString(), id, "survey_opening", opens.truncatedTo(ChronoUnit.SECONDS));
            Await.until(() -> "open".equals(leader().get("/api/surveys/" + id).then().extract().path("status")), Duration.ofSeconds(20));

            // the closing breach, delivered twice under one ce_id and once more under another (a second timer round)
            String ceId = UUID.randomUUID().toString();
            String again = UUID.randomUUID().toString();
            String stale = UUID.randomUUID().toString();
            Instant closesAsTimed = closes.truncatedTo(ChronoUnit.SECONDS);
            breach(ceId, id, "survey_closing", closesAsTimed);
            breach(ceId, id, "survey_closing", closesAsTimed);
            breach(again, id, "survey_closing", closesAsTimed);
            breach(stale, id, "survey_closing", closes.plusSeconds(60));
            // the consumer recorded every copy (the platform's processed_event): it got past all of them
            Await.until(() -> processed(List.of(ceId, again, stale)) == 3, Duration.ofSeconds(20));
            List<RecordedEvent> events = surveys.readUntil(all -> all.stream()
                    .anyMatch(e -> id.equals(e.key()) && EventTypes.SURVEY_CLOSED.equals(e.type())), Duration.ofSeconds(20));
            assertEquals("closed", leader().get("/api/surveys/" + id).then().extract().path("status"));
            // the relay publishes in commit order per survey: a later event proves nothing else was queued
            inspector().post("/api/surveys/" + id + "/publish").then().statusCode(200);
            events = surveys.readUntil(all -> all.stream()
                    .anyMatch(e -> id.equals(e.key()) && EventTypes.SURVEY_PUBLISHED.equals(e.type())), Duration.ofSeconds(20));
            assertEquals(1, events.stream().filter(e -> id.equals(e.key()) && EventTypes.SURVEY_CLOSED.equals(e.type())).count(),
                    "closed exactly once");
            assertEquals(1, events.stream().filter(e -> id.equals(e.key()) && EventTypes.SURVEY_OPENED.equals(e.type())).count());
        }
    }

    private long processed(List<String> ceIds) {
        try (Connection c = db.getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM processed_event WHERE event_id IN ('"
                        + String.join("','", ceIds) + "')")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void breach(String ceId, String surveyId, String kind, Instant due) {
        TestEvents.send(ceId, Topics.NOTIFICATIONS, EventTypes.DEADLINE_BREACHED, Sources.NOTIFICATION_SERVICE, surveyId,
                new DeadlineBreached(UUID.randomUUID(), "survey", UUID.fromString(surveyId), kind, null, due, Instant.now()));
    }
}
