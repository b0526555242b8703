package io.zhengfeng.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.contracts.InspectionEventTypes;
import io.zhengfeng.contracts.RectificationEvent;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.DeadlineTimer;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.notification.persistence.TimerState;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/** Rectification orders from inspection-service get the same timers and ladder as complaints. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class RectificationTimerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TimerRepository timers;
    @Inject
    NotificationRepository notifications;
    @Inject
    ObjectMapper json;

    @Test
    void aMissedRectificationDeadlineAlertsTheDepartmentHeadPublishesTheBreachAndEscalates() throws Exception {
        UUID order = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (TopicReader breaches = new TopicReader(Topics.NOTIFICATIONS)) {
            say(order, InspectionEventTypes.RECTIFICATION_ORDERED, "open",
                    List.of(new Deadline(Deadline.RECTIFICATION, now.minusSeconds(6), now.plusSeconds(2))));
            Await.until(() -> types(order).contains("deadline.escalation"), WAIT);
            List<RecordedEvent> seen = breaches.readUntil(all -> all.stream().anyMatch(e -> order.toString().equals(e.key())), WAIT);
            DeadlineBreached breach = json.readValue(seen.stream().filter(e -> order.toString().equals(e.key())).findFirst()
                    .orElseThrow().value(), DeadlineBreached.class);
            assertEquals("rectification", breach.subjectType());
            assertEquals("planning", breach.department());
        }
        given().header("Authorization", TestTokens.bearer("head-planning", "dept_head", "planning"))
                .get("/api/notifications/inbox?type=deadline.overdue&size=100")
                .then().statusCode(200).body("items.subjectId", org.hamcrest.Matchers.hasItem(order.toString()));
        given().header("Authorization", TestTokens.bearer("supervisor", "supervisor", null))
                .get("/api/notifications/inbox?type=deadline.escalation&size=100")
                .then().statusCode(200).body("items.subjectId", org.hamcrest.Matchers.hasItem(order.toString()));
    }

    @Test
    void verificationCancelsTheTimerAndAReopeningMovesIt() {
        UUID order = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        say(order, InspectionEventTypes.RECTIFICATION_ORDERED, "open",
                List.of(new Deadline(Deadline.RECTIFICATION, now, now.plusSeconds(3600))));
        Await.until(() -> timer(order) != null, WAIT);
        Instant later = now.plusSeconds(7200);
        say(order, InspectionEventTypes.RECTIFICATION_REOPENED, "open", List.of(new Deadline(Deadline.RECTIFICATION, now, later)));
        Await.until(() -> timer(order).dueAt.equals(later), WAIT);
        say(order, InspectionEventTypes.RECTIFICATION_CLOSED, "closed", List.of());
        Await.until(() -> timer(order).state == TimerState.CANCELLED, WAIT);
    }

    private static void say(UUID order, String type, String status, List<Deadline> open) {
        TestEvents.send(Topics.INSPECTIONS, type, Sources.INSPECTION_SERVICE, order,
                new RectificationEvent(order, UUID.randomUUID(), "ZG-2026-TEST" + order.toString().substring(0, 2), "planning",
                        status, false, 1, open.isEmpty() ? null : open.get(0).dueAt(), open, Instant.now()));
    }

    private DeadlineTimer timer(UUID order) {
        return QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("rectification", order)).stream()
                .filter(t -> Deadline.RECTIFICATION.equals(t.deadlineKind)).findFirst().orElse(null);
    }

    private Set<String> types(UUID order) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.ofSubject(order, List.of(Channel.INBOX))).stream()
                .map(n -> n.type).collect(Collectors.toSet());
    }
}
