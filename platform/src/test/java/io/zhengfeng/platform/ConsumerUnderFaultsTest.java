package io.zhengfeng.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.testapp.NoteEvents;
import io.zhengfeng.platform.testapp.NoteFaults;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestDatabase;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.TestKafka;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/**
 * The consumer against real faults: the database cut off behind a TCP proxy, a real InnoDB
 * deadlock, poison, a newer producer, a rebalance, and a dead letter re-driven after a fix.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = {
        @ResourceArg(name = "database", value = ConsumerUnderFaultsTest.DATABASE),
        @ResourceArg(name = "database-proxy", value = "true") })
class ConsumerUnderFaultsTest {
    static final String DATABASE = "zf_platform_faults_test";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SOURCE = "/zhengfeng/fault-test";
    private static final String DLT = Topics.deadLetter(NoteEvents.TOPIC);

    @Inject
    MeterRegistry metrics;

    @Test
    void databaseUnreachableFor10sWhileEventsArriveAppliesEveryEffectOnceAfterItReturnsAndDeadLettersNothing()
            throws Exception {
        long deadLettersBefore = endOffset(DLT);
        double retriesBefore = consumed("retry");
        List<UUID> notes = new ArrayList<>();
        RealInfrastructureResource.databaseProxy().cut();
        long cutAt = System.nanoTime();
        try {
            for (int i = 0; i < 20; i++) {
                UUID id = UUID.randomUUID();
                notes.add(id);
                TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, SOURCE, id, new NoteEvents.NoteWritten(id, 1));
            }
            Await.until(() -> consumed("retry") > retriesBefore, WAIT); // the consumer met the outage
            long left = TimeUnit.SECONDS.toNanos(10) - (System.nanoTime() - cutAt);
            TimeUnit.NANOSECONDS.sleep(Math.max(0, left)); // the outage lasts 10 s
        } finally {
            RealInfrastructureResource.databaseProxy().restore();
        }
        Await.until(() -> notes.stream().allMatch(id -> effects(id) >= 1), WAIT);
        for (UUID id : notes) {
            assertEquals(1, effects(id), "effects of " + id);
        }
        assertEquals(deadLettersBefore, endOffset(DLT), "nothing was dead-lettered");
    }

    @Test
    void deadlockInAHandlerIsRetriedAndApplied() throws Exception {
        UUID id = UUID.randomUUID();
        double retriesBefore = consumed("retry");
        NoteFaults.reset();
        NoteFaults.DEADLOCK_ONCE.add(id);
        CompletableFuture<Void> partner = CompletableFuture.runAsync(ConsumerUnderFaultsTest::lockBThenA);
        TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, SOURCE, id, new NoteEvents.NoteWritten(id, 7));
        partner.get(60, TimeUnit.SECONDS); // the partner committed: InnoDB chose the handler as the victim
        Await.until(() -> effects(id) == 1, WAIT);
        assertEquals(1, lockValue("a"), "only the partner's update of row a survived: the handler's attempt was rolled back");
        assertTrue(consumed("retry") > retriesBefore, "the deadlock was retried, not dead-lettered");
    }

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndTheNextRecordOfItsPartitionApplies() {
        UUID id = UUID.randomUUID();
        try (TopicReader dlt = new TopicReader(DLT)) {
            TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, SOURCE, id, "{not json");
            // same key, so same partition, queued behind the poison
            TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, SOURCE, id, new NoteEvents.NoteWritten(id, 2));
            RecordedEvent parked = dlt.readForKey(id.toString(), 1, WAIT).get(0);
            assertEquals(NoteEvents.TOPIC, parked.headers().get("zf_dlt_topic"));
            assertTrue(parked.headers().get("zf_dlt_reason").contains("NoteWritten"), parked.headers().toString());
            assertEquals("platform-test", parked.headers().get("zf_dlt_group"));
        }
        Await.until(() -> effects(id) == 1, WAIT);
    }

    /** A burst reaches the consumer as multi-record polls, each applied in one transaction. */
    @Test
    void burstWithEveryEventSentTwiceAppliesEachEffectOnceAndCountsEachSecondCopyAsADuplicate() {
        double duplicatesBefore = consumed("duplicate");
        List<UUID> notes = new ArrayList<>();
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID id = UUID.randomUUID();
            notes.add(id);
            String ceId = UUID.randomUUID().toString();
            burst.add(note(ceId, id, TestEvents.json(new NoteEvents.NoteWritten(id, 1))));
            burst.add(note(ceId, id, TestEvents.json(new NoteEvents.NoteWritten(id, 1)))); // a redelivery, same poll or the next
        }
        sendAtOnce(burst);
        Await.until(() -> consumed("duplicate") >= duplicatesBefore + 40, WAIT);
        notes.forEach(id -> assertEquals(1, effects(id), "effects of " + id));
    }

    /** A batch that fails rolls back as a whole; the one-by-one retry applies each of its events once. */
    @Test
    void poisonInTheMiddleOfABurstIsDeadLetteredAndEveryOtherEventOfTheBurstIsAppliedOnce() {
        List<UUID> notes = new ArrayList<>();
        List<ProducerRecord<String, String>> burst = new ArrayList<>();
        UUID rejected = null;
        for (int i = 0; i < 30; i++) {
            UUID id = UUID.randomUUID();
            if (i == 15) {
                rejected = id;
                NoteFaults.REJECTED.add(id);
            } else {
                notes.add(id);
            }
            burst.add(note(UUID.randomUUID().toString(), id, TestEvents.json(new NoteEvents.NoteWritten(id, 1))));
        }
        try (TopicReader dlt = new TopicReader(DLT)) {
            sendAtOnce(burst);
            assertTrue(dlt.readForKey(rejected.toString(), 1, WAIT).get(0).headers().get("zf_dlt_reason")
                    .contains("rejected by the rules"));
        } finally {
            NoteFaults.REJECTED.remove(rejected);
        }
        Await.until(() -> notes.stream().allMatch(id -> effects(id) >= 1), WAIT);
        notes.forEach(id -> assertEquals(1, effects(id), "effects of " + id));
        assertEquals(0, effects(rejected));
    }

    @Test
    void eventOfANewerProducerWithAnUnknownFieldIsApplied() {
        UUID id = UUID.randomUUID();
        TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, SOURCE, id,
                "{\"noteId\":\"" + id + "\",\"n\":3,\"addedLater\":{\"colour\":\"red\"}}");
        Await.until(() -> effects(id) == 1, WAIT);
    }

    @Test
    void consumerKeepsApplyingAcrossRebalancesAsASecondMemberJoinsAndLeaves() {
        List<UUID> notes = new ArrayList<>();
        sendNotes(notes, 10);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "platform-test"); // the service's own group: a second replica
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> second = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            second.subscribe(List.of(NoteEvents.TOPIC));
            Await.until(() -> {
                second.poll(Duration.ofMillis(200));
                return !second.assignment().isEmpty();
            }, WAIT);
            sendNotes(notes, 10); // some land on the partitions the second member holds and never applies
            second.poll(Duration.ofMillis(200));
        }
        sendNotes(notes, 10);
        Await.until(() -> notes.stream().allMatch(id -> effects(id) >= 1), WAIT);
        notes.forEach(id -> assertEquals(1, effects(id), "effects of " + id));
    }

    @Test
    void deadLetterReDrivenAfterTheFixIsAppliedOnce() {
        UUID id = UUID.randomUUID();
        NoteFaults.REJECTED.add(id);
        TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, SOURCE, id, new NoteEvents.NoteWritten(id, 4));
        String admin = TestTokens.bearer("admin", "admin", null);
        Await.until(() -> deadLetters(admin).extract().jsonPath().getList("subject").contains(id.toString()), WAIT);
        Map<String, Object> parked = deadLetters(admin).extract().jsonPath()
                .getMap("find { it.subject == '" + id + "' }");
        assertEquals(false, parked.get("applied"));
        assertTrue(parked.get("reason").toString().contains("rejected by the rules"));
        String path = "/admin/dead-letters/" + parked.get("deadLetterTopic") + "/" + parked.get("partition") + "/"
                + parked.get("offset") + "/redrive";

        given().header("Authorization", admin).post(path).then().statusCode(422)
                .contentType("application/problem+json"); // not fixed yet
        NoteFaults.REJECTED.remove(id); // the fix
        given().header("Authorization", admin).post(path).then().statusCode(200).body("outcome", equalTo("applied"));
        given().header("Authorization", admin).post(path).then().statusCode(200).body("outcome", equalTo("already_applied"));
        assertEquals(1, effects(id));
        given().header("Authorization", TestTokens.bearer("handler", "handler", "planning")).post(path).then().statusCode(403);
    }

    private static ValidatableResponse deadLetters(String admin) {
        return given().header("Authorization", admin).get("/admin/dead-letters?limit=1000").then().statusCode(200);
    }

    private static ProducerRecord<String, String> note(String ceId, UUID noteId, String json) {
        ProducerRecord<String, String> r = new ProducerRecord<>(NoteEvents.TOPIC, noteId.toString(), json);
        Map.of("ce_specversion", "1.0", "ce_id", ceId, "ce_source", SOURCE, "ce_type", NoteEvents.WRITTEN,
                "ce_subject", noteId.toString(), "content-type", "application/json")
                .forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    /** Without waiting for each acknowledgement, so the consumer finds several records per poll. */
    private static void sendAtOnce(List<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        try (KafkaProducer<String, String> p = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            records.forEach(r -> sent.add(p.send(r)));
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not take the burst: " + e, e);
        }
    }

    private static void sendNotes(List<UUID> notes, int count) {
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            notes.add(id);
            TestEvents.send(NoteEvents.TOPIC, NoteEvents.WRITTEN, SOURCE, id, new NoteEvents.NoteWritten(id, 1));
        }
    }

    /** The test's side of the deadlock, heavier than the handler's so InnoDB rolls the handler back. */
    private static void lockBThenA() {
        try (Connection c = direct()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < 50; i++) {
                    s.executeUpdate("INSERT INTO note_ballast () VALUES ()");
                }
                s.executeUpdate("UPDATE note_lock SET v = v + 1 WHERE id = 'b'");
                NoteFaults.partnerHoldsBAwaitHandler();
                s.executeUpdate("UPDATE note_lock SET v = v + 1 WHERE id = 'a'");
            }
            c.commit();
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException("the test's side of the deadlock failed: " + e, e);
        }
    }

    private double consumed(String outcome) {
        return metrics.find("zhengfeng.events.consumed").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private static long endOffset(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var infos = c.listTopics(Duration.ofSeconds(10)).get(topic);
            if (infos == null) {
                return 0;
            }
            return c.endOffsets(infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList())
                    .values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Read straight from the database, not through the proxy the service uses. */
    private static int effects(UUID noteId) {
        return (int) queryLong("SELECT COUNT(*) FROM note_effect WHERE note_id = ?", noteId.toString());
    }

    private static long lockValue(String id) {
        return queryLong("SELECT v FROM note_lock WHERE id = ?", id);
    }

    private static long queryLong(String sql, String arg) {
        try (Connection c = direct(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection direct() throws SQLException {
        TestDatabase.Coordinates db = TestDatabase.database(DATABASE);
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
