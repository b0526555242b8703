package io.zhengfeng.complaint;

import static io.zhengfeng.complaint.ComplaintApi.act;
import static io.zhengfeng.complaint.ComplaintApi.spokesperson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestKafka;
import io.zhengfeng.testing.TopicReader;

/** The notification service says a deadline passed; the complaint is marked overdue (督办), once. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class DeadlineBreachTest {
    @jakarta.inject.Inject
    jakarta.persistence.EntityManager em;

    @Test
    void breachedReplyDeadlineMarksTheComplaintOverdueOnceEvenWhenRedelivered() throws Exception {
        var c = ComplaintApi.submitAsCitizen("complaint", "urban_planning");
        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        String due = spokesperson().get("/api/complaints/" + c.id()).then().extract().path("replyDueAt");
        try (TopicReader complaints = new TopicReader(Topics.COMPLAINTS)) {
            String eventId = UUID.randomUUID().toString();
            for (int i = 0; i < 3; i++) {
                sendBreach(eventId, c.id(), c.id(), "reply", due);
            }
            List<RecordedEvent> events = complaints.readUntil(all -> all.stream()
                    .anyMatch(e -> c.id().equals(e.key()) && EventTypes.COMPLAINT_OVERDUE.equals(e.type())), Duration.ofSeconds(20));
            assertEquals(1, events.stream().filter(e -> c.id().equals(e.key()) && EventTypes.COMPLAINT_OVERDUE.equals(e.type())).count());
        }
        markerAppliedBehind(c.id());
        JsonPath view = spokesperson().get("/api/complaints/" + c.id()).then().extract().jsonPath();
        assertEquals(true, view.getBoolean("overdue"));
        assertEquals(1, view.getInt("supervisionCount"), "a redelivered breach is applied once");
        List<String> actions = spokesperson().get("/api/complaints/" + c.id() + "/history").then().extract().jsonPath().getList("action");
        assertEquals(List.of("submit", "accept", "supervise"), actions);
    }

    @Test
    void staleBreachOfADeadlineAlreadyMetChangesNothing() throws Exception {
        var c = ComplaintApi.submitAsCitizen("complaint", "urban_planning");
        String acceptanceDue = spokesperson().get("/api/complaints/" + c.id()).then().extract().path("acceptanceDueAt");
        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        sendBreach(UUID.randomUUID().toString(), c.id(), c.id(), "acceptance", acceptanceDue);
        markerAppliedBehind(c.id());
        JsonPath view = spokesperson().get("/api/complaints/" + c.id()).then().extract().jsonPath();
        assertEquals(false, view.getBoolean("overdue"));
        assertEquals(0, view.getInt("supervisionCount"));
    }

    @Test
    void aComplaintAcceptedLateAndRepliedOnTimeIsNotOverdueNow() throws Exception {
        var c = ComplaintApi.submitAsCitizen("complaint", "staff_conduct");
        // the acceptance deadline passed an hour ago and the notification service said so
        Instant acceptanceDue = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "UPDATE complaint SET acceptance_due_at = ?1 WHERE id = ?2").setParameter(1, acceptanceDue)
                .setParameter(2, c.id()).executeUpdate());
        sendBreach(UUID.randomUUID().toString(), c.id(), c.id(), "acceptance", acceptanceDue.toString());
        Await.until(() -> spokesperson().get("/api/complaints/" + c.id()).then().extract().<Boolean>path("overdue"),
                Duration.ofSeconds(20));
        assertEquals(1, overdueNowIds().stream().filter(c.id()::equals).count(), "open lateness is overdue now");
        long overdueBefore = ComplaintApi.leader().get("/api/complaints/stats").then().extract().jsonPath().getLong("total.overdueNow");

        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        JsonPath accepted = spokesperson().get("/api/complaints/" + c.id()).then().extract().jsonPath();
        assertEquals(false, accepted.getBoolean("overdue"), "accepting late ends the acceptance stage's lateness");
        assertEquals(overdueBefore - 1,
                ComplaintApi.leader().get("/api/complaints/stats").then().extract().jsonPath().getLong("total.overdueNow"));

        act(spokesperson(), c.id(), "assign", "{\"department\":\"office\"}").statusCode(200);
        act(ComplaintApi.handler("office"), c.id(), "reply", "{\"content\":\"已处理。\"}").statusCode(200);
        act(ComplaintApi.head("office"), c.id(), "approve-reply", null).statusCode(200);
        JsonPath replied = spokesperson().get("/api/complaints/" + c.id()).then().extract().jsonPath();
        assertEquals(false, replied.getBoolean("overdue"));
        assertEquals(0, overdueNowIds().stream().filter(c.id()::equals).count(), "not in the overdue filter");
        assertEquals(1, replied.getInt("supervisionCount"), "the late acceptance stays on record");
        var row = (Object[]) io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT accepted_on_time, replied_on_time FROM complaint WHERE id = ?1").setParameter(1, c.id()).getSingleResult());
        assertEquals(false, toBoolean(row[0]), "accepted late");
        assertEquals(true, toBoolean(row[1]), "replied on time");
    }

    @Test
    void aFollowUpWindowEndingWithoutARatingClosesTheComplaintWithoutAnOverdueMark() throws Exception {
        var c = ComplaintApi.submitAsCitizen("complaint", "staff_conduct");
        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        act(spokesperson(), c.id(), "assign", "{\"department\":\"office\"}").statusCode(200);
        act(ComplaintApi.handler("office"), c.id(), "reply", "{\"content\":\"已处理。\"}").statusCode(200);
        act(ComplaintApi.head("office"), c.id(), "approve-reply", null).statusCode(200);
        String followUpDue = spokesperson().get("/api/complaints/" + c.id()).then().extract().path("followUpDueAt");
        try (TopicReader complaints = new TopicReader(Topics.COMPLAINTS)) {
            sendBreach(UUID.randomUUID().toString(), c.id(), c.id(), "follow_up", followUpDue);
            List<RecordedEvent> events = complaints.readUntil(all -> all.stream()
                    .anyMatch(e -> c.id().equals(e.key()) && EventTypes.COMPLAINT_CLOSED.equals(e.type())), Duration.ofSeconds(20));
            assertEquals(0, events.stream().filter(e -> c.id().equals(e.key())
                    && EventTypes.COMPLAINT_OVERDUE.equals(e.type())).count());
        }
        JsonPath view = spokesperson().get("/api/complaints/" + c.id()).then().extract().jsonPath();
        assertEquals("closed", view.getString("status"));
        assertEquals(false, view.getBoolean("overdue"));
        assertEquals(0, view.getInt("supervisionCount"));
    }

    private static boolean toBoolean(Object o) {
        return o instanceof Boolean b ? b : ((Number) o).intValue() != 0;
    }

    private static List<String> overdueNowIds() {
        return spokesperson().get("/api/complaints?overdue=true&size=100").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    /**
     * Sends a breach of another complaint with the record key {@code key} — the same partition,
     * behind everything sent before on it — and waits for its effect: the consumer has then dealt
     * with every earlier record of that partition, redeliveries included.
     */
    private static void markerAppliedBehind(String key) throws Exception {
        var marker = ComplaintApi.submitAsCitizen("complaint", "urban_planning");
        act(spokesperson(), marker.id(), "accept", null).statusCode(200);
        String markerDue = spokesperson().get("/api/complaints/" + marker.id()).then().extract().path("replyDueAt");
        sendBreach(UUID.randomUUID().toString(), key, marker.id(), "reply", markerDue);
        Await.until(() -> spokesperson().get("/api/complaints/" + marker.id()).then().extract().<Boolean>path("overdue"),
                Duration.ofSeconds(20));
    }

    private static void sendBreach(String eventId, String key, String complaintId, String kind, String due) throws Exception {
        String payload = """
                {"timerId":"%s","subjectType":"complaint","subjectId":"%s","deadlineKind":"%s","department":"planning",
                 "dueAt":"%s","breachedAt":"%s"}""".formatted(UUID.randomUUID(), complaintId, kind, due, Instant.now());
        Properties props = new Properties();
        props.put("bootstrap.servers", TestKafka.bootstrapServers());
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> r = new ProducerRecord<>(Topics.NOTIFICATIONS, key, payload);
            r.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_type", EventTypes.DEADLINE_BREACHED.getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_source", "/zhengfeng/notification-service".getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
            producer.send(r).get();
        }
    }

}
