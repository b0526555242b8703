package io.zhengfeng.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.testapp.CrashingRelayHook;
import io.zhengfeng.platform.testapp.NoteEvents;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.TestKafka;
import io.zhengfeng.testing.TopicReader;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_platform_test"))
class EventPlatformTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DataSource db;

    @Inject
    CrashingRelayHook crashingRelay;

    @Test
    void stateChangeIsPublishedAsCloudEventKeyedByAggregate() {
        try (TopicReader reader = new TopicReader(NoteEvents.TOPIC)) {
            String id = writeNote(1);
            RecordedEvent event = reader.readForKey(id, 1, WAIT).get(0);
            assertEquals("1.0", event.headers().get("ce_specversion"));
            assertEquals(NoteEvents.WRITTEN, event.type());
            assertEquals("/zhengfeng/platform-test", event.headers().get("ce_source"));
            assertEquals(id, event.headers().get("ce_subject"));
            assertEquals("application/json", event.headers().get("content-type"));
            UUID.fromString(event.id());
            Instant.parse(event.headers().get("ce_time"));
            assertTrue(event.value().contains("\"noteId\":\"" + id + "\""), event.value());
        }
    }

    @Test
    void oneAggregatesEventsArriveAndApplyInOrder() {
        try (TopicReader reader = new TopicReader(NoteEvents.TOPIC)) {
            String id = writeNote(60);
            List<RecordedEvent> events = reader.readForKey(id, 60, WAIT);
            List<Integer> order = events.stream().map(e -> Integer.parseInt(e.value().replaceAll(".*\"n\":(\\d+).*", "$1"))).toList();
            assertEquals(range(60), order);
            Await.until(() -> effects(id).size() == 60, WAIT);
            assertEquals(range(60), effects(id));
        }
    }

    @Test
    void redeliveredOrReplayedEventChangesNothing() throws Exception {
        try (TopicReader reader = new TopicReader(NoteEvents.TOPIC)) {
            String id = writeNote(1);
            RecordedEvent original = reader.readForKey(id, 1, WAIT).get(0);
            Await.until(() -> effects(id).size() == 1, WAIT);
            // Replay the very same CloudEvent three times, as a broker redelivery or a replay tool would.
            try (KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < 3; i++) {
                    producer.send(copyOf(original)).get();
                }
            }
            reader.readForKey(id, 4, WAIT);
            appliedAfterEverythingBefore(id);
            assertEquals(List.of(1, 2), effects(id), "the replays changed nothing");
        }
    }

    @Test
    void relayDyingBetweenPublishAndMarkCausesNoDoubleEffect() throws Exception {
        crashingRelay.crashNextRounds(1);
        try (TopicReader reader = new TopicReader(NoteEvents.TOPIC)) {
            String id = writeNote(1);
            // The crashed round published without marking; the next round publishes the same ce_id again.
            List<RecordedEvent> copies = reader.readForKey(id, 2, WAIT);
            assertEquals(copies.get(0).id(), copies.get(1).id());
            Await.until(() -> effects(id).size() == 1, WAIT);
            appliedAfterEverythingBefore(id);
            assertEquals(List.of(1, 2), effects(id), "the second copy changed nothing");
            assertEquals(0, crashingRelay.crashesLeft());
        }
    }

    @Test
    void recordThatIsNotACloudEventIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        String key = UUID.randomUUID().toString();
        try (TopicReader dlt = new TopicReader(Topics.deadLetter(NoteEvents.TOPIC));
                KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> poison = new ProducerRecord<>(NoteEvents.TOPIC, key, "{}");
            poison.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
            poison.headers().add("ce_type", NoteEvents.WRITTEN.getBytes(StandardCharsets.UTF_8)); // no ce_specversion
            producer.send(poison).get();
            RecordedEvent parked = dlt.readForKey(key, 1, WAIT).get(0);
            assertEquals(NoteEvents.TOPIC, parked.headers().get("zf_dlt_topic"));
            assertTrue(parked.headers().get("zf_dlt_reason").contains("ce_specversion"), parked.headers().toString());
        }
        // the same key, so the same partition, behind the poison
        TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, "/zhengfeng/test", key,
                new NoteEvents.NoteWritten(UUID.fromString(key), 1));
        Await.until(() -> effects(key).size() == 1, WAIT);
    }

    @Test
    void failedRequestLeavesNeitherStateNorEventAndNoStackTrace() {
        String id = UUID.randomUUID().toString();
        given().post("/notes/" + id + "/fail").then().statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:zhengfeng:problem:internal"))
                .body("requestId", not(equalTo(null)))
                .body(not(containsString("boom")))
                .body(not(containsString("at io.zhengfeng")));
        assertEquals(0, count("SELECT COUNT(*) FROM note WHERE id = ?", id));
        assertEquals(0, count("SELECT COUNT(*) FROM outbox_event WHERE subject = ?", id));
    }

    @Test
    void badInputIsA400NamingTheField() {
        given().contentType("application/json").body("{\"text\":\"\",\"events\":1}").post("/notes").then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:zhengfeng:problem:validation"))
                .body("errors[0].field", equalTo("text"));
        given().contentType("application/json").body("{\"text\":\"x\",\"events\":\"many\"}").post("/notes").then()
                .statusCode(400).body("errors[0].field", equalTo("events"));
        given().contentType("application/json").body("{\"text\":\"x\",\"events\":1,\"colour\":\"red\"}").post("/notes").then()
                .statusCode(400).body("errors[0].field", equalTo("colour")).body("errors[0].message", equalTo("unknown field"));
        given().contentType("application/json").body("{\"text\":").post("/notes").then()
                .statusCode(400).body("type", equalTo("urn:zhengfeng:problem:malformed-json"));
        given().header("X-Request-Id", "abc-123").contentType("application/json").body("{}").post("/notes").then()
                .statusCode(400).header("X-Request-Id", "abc-123").body("requestId", equalTo("abc-123"));
        given().get("/no/such/path").then().statusCode(404).contentType("application/problem+json");
    }

    /**
     * Sends event n=2 on the note's key — the same partition, behind everything sent before — and
     * waits until it is applied: the consumer has then dealt with every earlier record, duplicates included.
     */
    private void appliedAfterEverythingBefore(String id) {
        TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, "/zhengfeng/test", id, new NoteEvents.NoteWritten(UUID.fromString(id), 2));
        Await.until(() -> effects(id).contains(2), WAIT);
    }

    private String writeNote(int events) {
        return given().contentType("application/json").body("{\"text\":\"hello\",\"events\":" + events + "}")
                .post("/notes").then().statusCode(200).extract().path("id");
    }

    private List<Integer> effects(String noteId) {
        List<Integer> ns = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT n FROM note_effect WHERE note_id = ? ORDER BY seq")) {
            ps.setString(1, noteId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ns.add(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ns;
    }

    private long count(String sql, String arg) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(i);
        }
        return list;
    }


    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static ProducerRecord<String, String> copyOf(RecordedEvent e) {
        ProducerRecord<String, String> r = new ProducerRecord<>(e.topic(), e.key(), e.value());
        e.headers().forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }
}
