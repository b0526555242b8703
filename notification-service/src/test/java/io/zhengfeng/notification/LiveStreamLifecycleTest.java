package io.zhengfeng.notification;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.json.JsonObject;
import io.zhengfeng.contracts.CloudEventHeaders;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestKafka;
import io.zhengfeng.testing.TestTokens;

/**
 * The live stream as a browser uses it for hours: a reconnection resumes where it broke off, a
 * stream does not outlive its token, and one user cannot hold streams without limit.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class LiveStreamLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void reconnectingWithLastEventIdGetsWhatWasMissedWhileDisconnectedEachOnce() throws Exception {
        String token = TestTokens.token("spox-resume", "spokesperson");
        ComplaintNews seen = new ComplaintNews();
        String seenId;
        try (SseClient first = SseClient.open(port, token, Map.of(), null).awaitReady()) {
            submitted(seen);
            Await.until(() -> first.idOf(seen.id.toString()) != null, WAIT);
            seenId = first.idOf(seen.id.toString());
        }
        ComplaintNews missed1 = new ComplaintNews();
        ComplaintNews missed2 = new ComplaintNews();
        submitted(missed1);
        submitted(missed2);
        Await.until(() -> inboxHas(token, missed1) && inboxHas(token, missed2), WAIT);

        // as EventSource reconnects: the Last-Event-ID header
        try (SseClient resumed = SseClient.open(port, token, Map.of("Last-Event-ID", seenId), null).awaitReady()) {
            Await.until(() -> resumed.count(missed1.id.toString()) > 0 && resumed.count(missed2.id.toString()) > 0, WAIT);
            assertEquals(0, resumed.count(seen.id.toString()), "what the client had is not sent again");
            ComplaintNews live = new ComplaintNews();
            submitted(live);
            Await.until(() -> resumed.count(live.id.toString()) > 0, WAIT);
            assertEquals(1, resumed.count(missed1.id.toString()), "replayed once, not again by the live push");
            assertEquals(1, resumed.count(missed2.id.toString()));
            assertTrue(resumed.lines.indexOf(dataLine(resumed, missed1)) < resumed.lines.indexOf(dataLine(resumed, missed2)),
                    "oldest first");
        }
        // a new browser EventSource cannot set the header: the query parameter does the same
        try (SseClient resumed = SseClient.open(port, token, Map.of(), "lastEventId=" + seenId).awaitReady()) {
            Await.until(() -> resumed.count(missed2.id.toString()) == 1, WAIT);
        }
        given().header("Authorization", "Bearer " + token).get("/api/notifications/inbox/stream?lastEventId=not-an-id")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(3);
        String token = Jwt.issuer(TestTokens.ISSUER).audience(TestTokens.AUDIENCE).upn("sup-expiring").subject("sup-expiring")
                .groups(Set.of("supervisor")).expiresAt(expiresAt.getEpochSecond()).jws().keyId("test").sign("test-keys/private.pem");
        try (SseClient stream = SseClient.open(port, token, Map.of(), null).awaitReady()) {
            Await.until(stream::ended, WAIT);
            Instant ended = Instant.now();
            assertTrue(stream.lines.stream().anyMatch(l -> l.contains("token-expired")), "told why: " + stream.lines);
            assertTrue(!ended.isBefore(Instant.ofEpochSecond(expiresAt.getEpochSecond())), "not before the token's expiry");
            System.out.printf("[live-stream] closed %d ms after its token expired%n",
                    Duration.between(Instant.ofEpochSecond(expiresAt.getEpochSecond()), ended).toMillis());
        }
    }

    @Test
    void aStreamEndsWhenTheAccountsTokensAreRevokedAndAColleaguesStaysOpen() throws Exception {
        String username = "sup-revoked-" + UUID.randomUUID().toString().substring(0, 8);
        try (SseClient revoked = SseClient.open(port, TestTokens.token(username, "supervisor"), Map.of(), null).awaitReady();
                SseClient colleague = SseClient.open(port, TestTokens.token("sup-colleague", "supervisor"), Map.of(), null).awaitReady()) {
            long start = System.nanoTime();
            revoke(username);
            Await.until(revoked::ended, WAIT);
            System.out.printf("[live-stream] closed %d ms after the revocation was published%n", (System.nanoTime() - start) / 1_000_000);
            assertTrue(revoked.lines.stream().anyMatch(l -> l.contains("token-revoked")), "told why: " + revoked.lines);
            assertTrue(!colleague.ended(), "another account's stream stays open");
        }
    }

    @Test
    void theSixthConcurrentStreamOfOneUserIsRefusedWith429UntilOneCloses() throws Exception {
        String token = TestTokens.token("lead-many-tabs", "leader");
        List<SseClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                open.add(SseClient.open(port, token, Map.of(), null).awaitReady());
            }
            given().header("Authorization", "Bearer " + token).get("/api/notifications/inbox/stream")
                    .then().statusCode(429).contentType("application/problem+json");
            try (SseClient other = SseClient.open(port, TestTokens.token("lead-other", "leader"), Map.of(), null)) {
                assertEquals(200, other.status(), "the cap is per user");
            }
            open.remove(0).close();
            Await.until(() -> {
                SseClient again = openQuietly(token);
                if (again.status() == 200) {
                    open.add(again.awaitReady());
                    return true;
                }
                again.close();
                return false;
            }, WAIT);
        } finally {
            open.forEach(SseClient::close);
        }
    }

    private SseClient openQuietly(String token) {
        try {
            return SseClient.open(port, token, Map.of(), null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dataLine(SseClient stream, ComplaintNews c) {
        return stream.lines.stream().filter(l -> l.startsWith("data:") && l.contains(c.id.toString())).findFirst().orElseThrow();
    }

    private static void submitted(ComplaintNews c) {
        c.say("submitted", "submitted", null, ComplaintNews.deadline(Deadline.ACCEPTANCE, 0, 3_600_000));
    }

    private static boolean inboxHas(String token, ComplaintNews c) {
        return given().header("Authorization", "Bearer " + token).get("/api/notifications/inbox?type=complaint.new&size=100")
                .then().extract().jsonPath().getList("items.subjectId").contains(c.id.toString());
    }

    /** What the gateway publishes when an account is disabled. */
    private static void revoke(String username) throws Exception {
        JsonObject event = new JsonObject().put("accountId", UUID.randomUUID().toString()).put("username", username)
                .put("displayName", "x").put("roles", Set.of("supervisor")).put("active", false)
                .put("occurredAt", Instant.now().plusSeconds(1).toString());
        Map<String, Object> config = new HashMap<>(TestKafka.clientConfig());
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ACCOUNTS, username, event.encode());
            record.headers().add(CloudEventHeaders.TYPE, EventTypes.ACCOUNT_TOKENS_REVOKED.getBytes(UTF_8));
            record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(UTF_8));
            producer.send(record).get();
        }
        assertNotNull(username);
    }
}
