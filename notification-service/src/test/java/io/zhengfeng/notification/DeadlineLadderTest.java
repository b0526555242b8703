package io.zhengfeng.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.DeadlineTimer;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.notification.persistence.TimerState;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.ConsumerGroups;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/**
 * A deadline's ladder against the real database and broker: complaint events create, move and
 * cancel timers; the worker reminds, alerts, publishes {@code deadline.breached} and escalates,
 * each once, to the right people. The test profile escalates 3 s after the deadline instead of one
 * working day.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class DeadlineLadderTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    TimerRepository timers;
    @Inject
    NotificationRepository notifications;
    @Inject
    ObjectMapper json;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void replyDeadlineRemindsTheHandlersThenAlertsHeadAndSpokespersonThenEscalatesToLeadersAndSupervisors() throws Exception {
        ComplaintNews c = new ComplaintNews();
        try (TopicReader breaches = new TopicReader(Topics.NOTIFICATIONS)) {
            // 75 % of a 8 s span has passed now, the deadline is at about +2 s, the escalation 3 s later
            c.say("assigned", "assigned", "land", ComplaintNews.deadline(Deadline.REPLY, 6_000, 2_000));
            Await.until(() -> types(c).contains("deadline.escalation"), WAIT);

            Map<String, Set<String>> recipients = inboxRecipientsByType(c);
            assertEquals(Set.of("role:handler@land"), recipients.get("deadline.reminder"));
            assertEquals(Set.of("role:dept_head@land", "role:spokesperson"), recipients.get("deadline.overdue"));
            assertEquals(Set.of("role:leader", "role:supervisor"), recipients.get("deadline.escalation"));
            assertTrue(inbox(c).stream().filter(n -> n.type.equals("deadline.escalation")).allMatch(n -> n.urgent),
                    "an escalation ignores quiet hours");

            // the escalation fired after the overdue rung committed; once the outbox has sent all of
            // this complaint's rows, every breach there is will be on the topic
            Await.until(() -> unpublishedOutboxRows(c) == 0, WAIT);
            assertEquals(1, outboxRows(c, EventTypes.DEADLINE_BREACHED), "deadline.breached is written once");
            List<RecordedEvent> breached = breaches.readUntil(all -> !breachesOf(all, c).isEmpty(), WAIT);
            assertEquals(1, breachesOf(breached, c).stream().map(RecordedEvent::id).distinct().count(),
                    "deadline.breached is published once");
            DeadlineBreached payload = json.readValue(breachesOf(breached, c).get(0).value(), DeadlineBreached.class);
            assertEquals("land", payload.department());
            assertEquals(Deadline.REPLY, payload.deadlineKind());
        }
        assertEquals(TimerState.FIRED, timer(c, Deadline.REPLY).state);

        // the head of land sees the alert in the inbox; a handler of another department does not
        given().header("Authorization", TestTokens.bearer("head-land", "dept_head", "land"))
                .get("/api/notifications/inbox?type=deadline.overdue&size=100")
                .then().statusCode(200).body("items.subjectId", org.hamcrest.Matchers.hasItem(c.id.toString()));
        given().header("Authorization", TestTokens.bearer("head-planning", "dept_head", "planning"))
                .get("/api/notifications/inbox?type=deadline.overdue&size=100")
                .then().statusCode(200).body("items.subjectId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(c.id.toString())));
    }

    @Test
    void replyBeforeTheDeadlineCancelsItsTimerAndNoAlertIsSent() throws Exception {
        ComplaintNews c = new ComplaintNews();
        // reminder at about +3.5 s, deadline at about +4.5 s
        c.say("assigned", "assigned", "land", ComplaintNews.deadline(Deadline.REPLY, 0, 5_000));
        Await.until(() -> timerOf(c, Deadline.REPLY) != null, WAIT);
        c.say("replied", "replied", "land", ComplaintNews.deadline(Deadline.FOLLOW_UP, 0, 3_600_000));
        Await.until(() -> timer(c, Deadline.REPLY).state == TimerState.CANCELLED, WAIT);

        roundsCompletedAfter(timer(c, Deadline.REPLY).dueAt); // the worker looked after the deadline passed
        assertEquals(Set.of(), types(c).stream().filter(t -> t.startsWith("deadline.")).collect(Collectors.toSet()),
                "no reminder, alert or escalation for a deadline that was met");
        assertEquals(TimerState.PENDING, timer(c, Deadline.FOLLOW_UP).state, "the follow-up window is now timed");
    }

    @Test
    void extensionMovesTheTimerSoTheOldDeadlinePassesSilentlyAndTheNewOneFires() throws Exception {
        ComplaintNews c = new ComplaintNews();
        Deadline first = ComplaintNews.deadline(Deadline.REPLY, 60_000, 2_000);
        Instant firstDue = first.dueAt();
        c.say("assigned", "assigned", "land", first);
        Await.until(() -> timerOf(c, Deadline.REPLY) != null, WAIT);
        Deadline extended = ComplaintNews.deadline(Deadline.REPLY, 60_000, 6_000);
        c.say("extended", "in_progress", "land", extended);
        Await.until(() -> timer(c, Deadline.REPLY).generation == 2, WAIT);

        roundsCompletedAfter(firstDue); // the original deadline passed and the worker looked
        assertTrue(!types(c).contains("deadline.overdue"), "the old due instant no longer counts");
        assertEquals(extended.dueAt().toEpochMilli(), timer(c, Deadline.REPLY).dueAt.toEpochMilli());

        Await.until(() -> types(c).contains("deadline.overdue"), WAIT);
        DeadlineTimer fired = timer(c, Deadline.REPLY);
        assertTrue(!fired.breachedAt.isBefore(extended.dueAt()), "fires at the new deadline, not before");
        assertEquals(2, inbox(c).stream().filter(n -> n.type.equals("deadline.overdue")).count(),
                "head of land and spokesperson, once each");
    }

    @Test
    void redeliveredEventCreatesNoSecondTimerAndAStaleOneIsIgnored() {
        ComplaintNews c = new ComplaintNews();
        Instant submittedAt = Instant.now().minusSeconds(60);
        Deadline acceptance = ComplaintNews.deadline(Deadline.ACCEPTANCE, 0, 3_600_000);
        String ceId = c.sayAsOf(submittedAt, "submitted", "submitted", null, acceptance);
        io.zhengfeng.testing.TestEvents.send(ceId, Topics.COMPLAINTS, EventTypes.COMPLAINT_SUBMITTED,
                io.zhengfeng.contracts.Sources.COMPLAINT_SERVICE, c.id,
                new io.zhengfeng.contracts.ComplaintEvent(c.id, c.trackingNumber, "complaint", "web", "urban_planning",
                        "submitted", null, null, null, false, List.of(acceptance), submittedAt)); // redelivered
        c.say("accepted", "accepted", null, ComplaintNews.deadline(Deadline.REPLY, 0, 3_600_000));
        Await.until(() -> timerOf(c, Deadline.REPLY) != null, WAIT);
        // stale news (another ce_id, older occurredAt: the acceptance deadline still open) arrives after the acceptance
        c.sayAsOf(submittedAt.plusSeconds(1), "transferred", "submitted", null, acceptance);
        ConsumerGroups.awaitCaughtUp("notification-service", Topics.COMPLAINTS, WAIT);

        assertEquals(2, QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("complaint", c.id)).size());
        assertEquals(TimerState.CANCELLED, timer(c, Deadline.ACCEPTANCE).state,
                "the stale news did not reopen the acceptance deadline that accepting satisfied");
        assertEquals(TimerState.PENDING, timer(c, Deadline.REPLY).state, "nor cancel the reply deadline");
        assertEquals(1, inbox(c).stream().filter(n -> n.type.equals("complaint.new")).count());
    }

    @Test
    void timerWorkerShowsOpsItsLagLatenessAndRoundsOnTheMetricsEndpoint() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("zhengfeng_timers_lag_milliseconds", "zhengfeng_timers_lateness_seconds",
                "zhengfeng_timers_round_seconds_count{outcome=\"idle\"")) {
            assertTrue(metrics.contains(name), name + " missing from /q/metrics");
        }
    }

    /** Waits until the timer worker completed two rounds that started after {@code instant}. */
    private void roundsCompletedAfter(Instant instant) {
        Await.until(() -> Instant.now().isAfter(instant), WAIT);
        long before = rounds();
        Await.until(() -> rounds() >= before + 2, WAIT);
    }

    private long rounds() {
        return meters.find("zhengfeng.timers.round").timers().stream().mapToLong(t -> t.count()).sum();
    }

    private long outboxRows(ComplaintNews c, String type) {
        return ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT COUNT(*) FROM outbox_event WHERE subject = ?1 AND event_type = ?2")
                .setParameter(1, c.id.toString()).setParameter(2, type).getSingleResult())).longValue();
    }

    private long unpublishedOutboxRows(ComplaintNews c) {
        return ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT COUNT(*) FROM outbox_event WHERE subject = ?1 AND published_at IS NULL")
                .setParameter(1, c.id.toString()).getSingleResult())).longValue();
    }

    private static List<RecordedEvent> breachesOf(List<RecordedEvent> events, ComplaintNews c) {
        return events.stream().filter(e -> EventTypes.DEADLINE_BREACHED.equals(e.type()) && c.id.toString().equals(e.key()))
                .toList();
    }

    private List<Notification> inbox(ComplaintNews c) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.ofSubject(c.id, List.of(Channel.INBOX)));
    }

    private Set<String> types(ComplaintNews c) {
        return inbox(c).stream().map(n -> n.type).collect(Collectors.toSet());
    }

    private Map<String, Set<String>> inboxRecipientsByType(ComplaintNews c) {
        return inbox(c).stream().collect(Collectors.groupingBy(n -> n.type, Collectors.mapping(n -> n.recipient, Collectors.toSet())));
    }

    private DeadlineTimer timerOf(ComplaintNews c, String kind) {
        return QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("complaint", c.id).stream()
                .filter(t -> t.deadlineKind.equals(kind)).findFirst().orElse(null));
    }

    private DeadlineTimer timer(ComplaintNews c, String kind) {
        DeadlineTimer t = timerOf(c, kind);
        if (t == null) {
            throw new AssertionError("no " + kind + " timer for " + c.id);
        }
        return t;
    }
}
