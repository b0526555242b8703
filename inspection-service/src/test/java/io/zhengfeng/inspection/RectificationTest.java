package io.zhengfeng.inspection;

import static io.zhengfeng.inspection.Api.head;
import static io.zhengfeng.inspection.Api.inspector;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhengfeng.contracts.DeadlineBreached;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.InspectionEventTypes;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.TopicReader;

/** Finding → order → done report → verification of effectiveness; the deadline on events; overdue once. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_inspection_test"))
class RectificationTest {

    @Test
    void effectiveVerificationClosesTheOrderAndTheFindingOnceAllOrdersAreClosed() throws Exception {
        String inspection = Api.startedInspection("peer", "planning", "land");
        String finding = Api.finding(inspection, 5, "办件超时未办结");
        LocalDate due = Api.today().plusDays(14);
        try (TopicReader topic = new TopicReader(Topics.INSPECTIONS)) {
            String a = Api.order(finding, "head-planning", due);
            String b = Api.order(finding, "handler-planning", due);
            List<RecordedEvent> ordered = topic.readForKey(a, 1, Duration.ofSeconds(20));
            assertEquals(InspectionEventTypes.RECTIFICATION_ORDERED, ordered.get(0).type());
            JsonPath event = JsonPath.from(ordered.get(0).value());
            assertEquals("rectification", event.getString("openDeadlines[0].kind"));
            assertEquals(Instant.parse(event.getString("openDeadlines[0].dueAt")),
                    due.atTime(18, 0).atZone(Api.BUREAU).toInstant(), "due at close of business");
            assertEquals("planning", event.getString("department"));

            head("planning").body(Map.of("text", "已建立台账")).post("/api/inspections/orders/" + a + "/notes").then().statusCode(200);
            inspector().body(Map.of("effective", true)).post("/api/inspections/orders/" + a + "/verify").then().statusCode(409);
            head("planning").body(Map.of("text", "已整改到位")).post("/api/inspections/orders/" + a + "/report-done")
                    .then().statusCode(200).body("status", equalTo("reported"));
            head("planning").body(Map.of("effective", true)).post("/api/inspections/orders/" + a + "/verify").then().statusCode(403);
            inspector().body(Map.of("effective", true, "note", "经回访，整改有效")).post("/api/inspections/orders/" + a + "/verify")
                    .then().statusCode(200).body("status", equalTo("closed")).body("effective", equalTo(true))
                    .body("history.kind", equalTo(List.of("ordered", "progress", "reported", "verified_effective")));
            inspector().get("/api/inspections/findings/" + finding).then().body("status", equalTo("open"));

            Api.as("handler-planning", "handler", "planning").body(Map.of("text", "完成")).post("/api/inspections/orders/" + b + "/report-done")
                    .then().statusCode(200);
            inspector().body(Map.of("effective", true)).post("/api/inspections/orders/" + b + "/verify").then().statusCode(200);
            inspector().get("/api/inspections/findings/" + finding).then().body("status", equalTo("closed"));

            List<RecordedEvent> seenEvents = topic.readUntil(seen -> seen.stream().anyMatch(e -> a.equals(e.key())
                    && InspectionEventTypes.RECTIFICATION_CLOSED.equals(e.type())), Duration.ofSeconds(20));
            List<RecordedEvent> ofA = seenEvents.stream().filter(e -> a.equals(e.key())).toList();
            RecordedEvent last = ofA.get(ofA.size() - 1);
            assertEquals(InspectionEventTypes.RECTIFICATION_CLOSED, last.type());
            assertEquals(0, JsonPath.from(last.value()).getList("openDeadlines").size(), "the timer is cancelled");
            topic.readUntil(all -> all.stream().anyMatch(e -> finding.equals(e.key())
                    && InspectionEventTypes.FINDING_CLOSED.equals(e.type())), Duration.ofSeconds(20));
        }
    }

    @Test
    void notEffectiveReopensWithANewDueDateAndAMovedDeadline() throws Exception {
        String finding = Api.finding(Api.startedInspection("spot", "planning", null), 2, "收受服务对象礼品");
        String order = Api.order(finding, "head-planning", Api.today().plusDays(5));
        head("planning").body(Map.of("text", "已退还")).post("/api/inspections/orders/" + order + "/report-done").then().statusCode(200);
        inspector().body(Map.of("effective", false)).post("/api/inspections/orders/" + order + "/verify")
                .then().statusCode(400).body("errors[0].field", equalTo("newDueDate"));
        inspector().body(Map.of("effective", false, "newDueDate", Api.today().minusDays(1).toString()))
                .post("/api/inspections/orders/" + order + "/verify").then().statusCode(400);
        LocalDate newDue = Api.today().plusDays(20);
        try (TopicReader topic = new TopicReader(Topics.INSPECTIONS)) {
            inspector().body(Map.of("effective", false, "note", "制度未建立", "newDueDate", newDue.toString()))
                    .post("/api/inspections/orders/" + order + "/verify").then().statusCode(200)
                    .body("status", equalTo("open")).body("round", equalTo(2)).body("effective", equalTo(false));
            List<RecordedEvent> events = topic.readUntil(all -> all.stream().anyMatch(e -> order.equals(e.key())
                    && InspectionEventTypes.RECTIFICATION_REOPENED.equals(e.type())), Duration.ofSeconds(20));
            RecordedEvent reopened = events.stream().filter(e -> InspectionEventTypes.RECTIFICATION_REOPENED.equals(e.type())).findFirst().orElseThrow();
            assertEquals(newDue.atTime(18, 0).atZone(Api.BUREAU).toInstant(),
                    Instant.parse(JsonPath.from(reopened.value()).getString("openDeadlines[0].dueAt")));
        }
        inspector().get("/api/inspections/findings/" + finding).then().body("status", equalTo("open"));
    }

    @Test
    void aBreachedDeadlineMarksTheOrderOverdueExactlyOnceEvenWhenRedeliveredOrRepeated() throws Exception {
        String finding = Api.finding(Api.startedInspection("peer", "planning", "land"), 3, "文件积压");
        String order = Api.order(finding, "head-planning", Api.today().plusDays(3));
        Instant due = Instant.parse(inspector().get("/api/inspections/orders/" + order).then().extract().path("dueAt"));
        try (TopicReader topic = new TopicReader(Topics.INSPECTIONS)) {
            String ceId = UUID.randomUUID().toString();
            DeadlineBreached breach = new DeadlineBreached(UUID.randomUUID(), "rectification", UUID.fromString(order),
                    "rectification", "planning", due, Instant.now());
            TestEvents.send(ceId, Topics.NOTIFICATIONS, EventTypes.DEADLINE_BREACHED, Sources.NOTIFICATION_SERVICE, order, breach);
            TestEvents.send(ceId, Topics.NOTIFICATIONS, EventTypes.DEADLINE_BREACHED, Sources.NOTIFICATION_SERVICE, order, breach);
            TestEvents.send(Topics.NOTIFICATIONS, EventTypes.DEADLINE_BREACHED, Sources.NOTIFICATION_SERVICE, order, breach);
            // a later event of the same order proves all three breaches were consumed before it
            String marker = UUID.randomUUID().toString();
            TestEvents.send(Topics.NOTIFICATIONS, EventTypes.DEADLINE_BREACHED, Sources.NOTIFICATION_SERVICE, order,
                    new DeadlineBreached(UUID.randomUUID(), "rectification", UUID.fromString(order), "rectification", "planning",
                            due.plusSeconds(1), Instant.now()));
            Await.until(() -> Boolean.TRUE.equals(inspector().get("/api/inspections/orders/" + order).then().extract().path("overdue")),
                    Duration.ofSeconds(20));
            inspector().body(Map.of("text", marker)).post("/api/inspections/orders/" + order + "/notes").then().statusCode(200);
            List<RecordedEvent> events = topic.readUntil(all -> all.stream().anyMatch(e -> order.equals(e.key())
                    && InspectionEventTypes.RECTIFICATION_PROGRESSED.equals(e.type())), Duration.ofSeconds(20));
            assertEquals(1, events.stream().filter(e -> order.equals(e.key())
                    && InspectionEventTypes.RECTIFICATION_OVERDUE.equals(e.type())).count());
        }
        JsonPath view = inspector().get("/api/inspections/orders/" + order).then().extract().jsonPath();
        assertTrue(view.getBoolean("overdue"));
        assertEquals(1, view.getList("history.kind").stream().filter("overdue"::equals).count(), "marked once");
        head("planning").get("/api/inspections/orders?overdue=true&size=100").then().body("items.id", org.hamcrest.Matchers.hasItem(order));
    }
}
