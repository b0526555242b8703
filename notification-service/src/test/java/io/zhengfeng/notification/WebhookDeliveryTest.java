package io.zhengfeng.notification;

import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.MailAndWebhookReceivers.ReceivedRequest;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/**
 * Webhooks registered by admin receive signed calls for the types they chose; a failing receiver is
 * retried with backoff, then dead-lettered for admin to see and retry; internal targets are refused.
 * The test profile allows 3 attempts, 200 ms apart at first.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
@QuarkusTestResource(MailAndWebhookReceivers.class)
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "s3cret-for-the-receiver-" + UUID.randomUUID();

    @Inject
    ObjectMapper json;

    @Test
    void registeredWebhookReceivesTheNewComplaintSignedWithItsSecret() throws Exception {
        String hookId = register(MailAndWebhookReceivers.url(MailAndWebhookReceivers.OK_PATH), "complaint.new");
        UUID complaintId = UUID.randomUUID();
        try (TopicReader outcomes = new TopicReader(Topics.NOTIFICATIONS)) {
            EventFeed.complaintSubmitted(complaintId, "ZF-W-0001");

            ReceivedRequest call = awaitCalls(MailAndWebhookReceivers.OK_PATH, complaintId, 1).get(0);
            assertEquals("application/json", call.header("Content-Type"));
            assertEquals("sha256=" + hmac(SECRET, call.body()), call.header("X-Zhengfeng-Signature"));
            long sentAt = Long.parseLong(call.header("X-Zhengfeng-Timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - sentAt) < 60);
            Map<?, ?> body = json.readValue(call.body(), Map.class);
            assertEquals("complaint.new", body.get("type"));
            assertEquals("complaint", body.get("subjectType"));
            assertEquals(complaintId.toString(), body.get("subjectId"));
            assertEquals("ZF-W-0001", ((Map<?, ?>) body.get("params")).get("trackingNumber"));
            assertEquals(body.get("id"), call.header("X-Zhengfeng-Delivery"), "the delivery header is the notification id");
            Instant.parse((String) body.get("createdAt"));

            String notificationId = (String) body.get("id");
            Await.until(() -> "DELIVERED".equals(entry(notificationId, complaintId).get("status")), WAIT);
            List<RecordedEvent> events = outcomes.readForKey(notificationId, 1, WAIT);
            assertEquals(EventTypes.NOTIFICATION_DELIVERED, events.get(0).type());
        } finally {
            deactivate(hookId);
        }
    }

    @Test
    void failingWebhookIsRetriedThenDeadLetteredAndAnAdminCanSendItAgain() throws Exception {
        String hookId = register(MailAndWebhookReceivers.url(MailAndWebhookReceivers.FAILING_PATH), "complaint.new");
        UUID complaintId = UUID.randomUUID();
        try (TopicReader outcomes = new TopicReader(Topics.NOTIFICATIONS)) {
            EventFeed.complaintSubmitted(complaintId, "ZF-W-0002");

            List<ReceivedRequest> calls = awaitCalls(MailAndWebhookReceivers.FAILING_PATH, complaintId, 3);
            String notificationId = calls.get(0).header("X-Zhengfeng-Delivery");
            assertTrue(calls.stream().allMatch(c -> notificationId.equals(c.header("X-Zhengfeng-Delivery"))),
                    "every retry is the same notification");
            Await.until(() -> "DEAD".equals(entry(notificationId, complaintId).get("status")), WAIT);
            Map<String, Object> dead = entry(notificationId, complaintId);
            assertEquals(3, dead.get("attempts"));
            assertEquals("HTTP 500", dead.get("lastError"));
            assertEquals("webhook:" + hookId, dead.get("recipient"));

            List<RecordedEvent> events = outcomes.readForKey(notificationId, 1, WAIT);
            assertEquals(List.of(EventTypes.NOTIFICATION_FAILED), events.stream().map(RecordedEvent::type).toList(),
                    "one failed event, when dead-lettered, none per retry");
            Map<?, ?> outcome = json.readValue(events.get(0).value(), Map.class);
            assertEquals("HTTP 500", outcome.get("detail"));
            assertEquals("WEBHOOK", outcome.get("channel"));

            admin().post("/api/notifications/deliveries/" + notificationId + "/retry")
                    .then().statusCode(200).body("status", equalTo("PENDING")).body("attempts", equalTo(0));
            awaitCalls(MailAndWebhookReceivers.FAILING_PATH, complaintId, 6);
            Await.until(() -> "DEAD".equals(entry(notificationId, complaintId).get("status")), WAIT);
            admin().post("/api/notifications/deliveries/" + UUID.randomUUID() + "/retry").then().statusCode(404);
        } finally {
            deactivate(hookId);
        }
    }

    @Test
    void onlyDeadDeliveriesCanBeRetried() {
        UUID complaintId = UUID.randomUUID();
        EventFeed.complaintSubmitted(complaintId, "ZF-W-0003");
        // the spokesperson's inbox item is delivered as it is written
        Await.until(() -> admin().queryParam("subjectId", complaintId).queryParam("channel", "inbox")
                .get("/api/notifications/deliveries").then().extract().jsonPath().getInt("total") == 1, WAIT);
        String inboxItem = admin().queryParam("subjectId", complaintId).queryParam("channel", "INBOX")
                .get("/api/notifications/deliveries")
                .then().extract().path("items[0].id");
        admin().post("/api/notifications/deliveries/" + inboxItem + "/retry")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void internalTargetsAreRefusedNamingTheUrl() {
        // the test SMTP server: an internal service listening on a port that is not allowed
        int otherPort = MailAndWebhookReceivers.greenMail().getSmtp().getPort();
        for (String url : List.of("http://127.0.0.1:" + otherPort + "/x", "http://169.254.169.254/latest/meta-data",
                "http://10.1.2.3/hook", "http://100.64.0.1/hook", "http://[::1]:8080/hook", "http://[fd00::1]/hook",
                "http://metadata.google.internal/computeMetadata/v1", "ftp://example.org/hook", "http://localhost/hook")) {
            admin().contentType(ContentType.JSON)
                    .body(Map.of("url", url, "secret", SECRET, "eventTypes", List.of("complaint.new")))
                    .post("/api/notifications/webhooks")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("url"));
        }
    }

    @Test
    void invalidRegistrationsAreRefusedNamingTheField() {
        String url = MailAndWebhookReceivers.url(MailAndWebhookReceivers.OK_PATH);
        admin().contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", "too-short", "eventTypes", List.of("complaint.new")))
                .post("/api/notifications/webhooks").then().statusCode(400).body("errors[0].field", equalTo("secret"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", SECRET, "eventTypes", List.of("complaint.gone")))
                .post("/api/notifications/webhooks").then().statusCode(400).body("errors[0].field", equalTo("eventTypes"));
        admin().queryParam("status", "LOST").get("/api/notifications/deliveries")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void webhookListNeverShowsTheSecretAndDeactivatedWebhooksLeaveIt() {
        String hookId = register(MailAndWebhookReceivers.url(MailAndWebhookReceivers.OK_PATH), "deadline.overdue");
        admin().queryParam("size", 100).get("/api/notifications/webhooks").then().statusCode(200)
                .body(not(containsString(SECRET)))
                .body("items.id", hasItem(hookId));
        deactivate(hookId);
        admin().queryParam("size", 100).get("/api/notifications/webhooks").then().statusCode(200)
                .body("items.id", not(hasItem(hookId)));
    }

    @Test
    void onlyAdminManagesWebhooksAndReadsTheDeliveryLog() {
        String spokesperson = TestTokens.bearer("spk1", "spokesperson", null);
        given().header("Authorization", spokesperson).contentType(ContentType.JSON)
                .body(Map.of("url", MailAndWebhookReceivers.url(MailAndWebhookReceivers.OK_PATH), "secret", SECRET,
                        "eventTypes", List.of("complaint.new")))
                .post("/api/notifications/webhooks").then().statusCode(403);
        given().header("Authorization", spokesperson).get("/api/notifications/webhooks").then().statusCode(403);
        given().header("Authorization", spokesperson).get("/api/notifications/deliveries").then().statusCode(403);
        given().get("/api/notifications/deliveries").then().statusCode(401);
    }

    private static String register(String url, String type) {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("url", url, "secret", SECRET, "eventTypes", List.of(type)))
                .post("/api/notifications/webhooks")
                .then().statusCode(201).body(not(containsString(SECRET)))
                .extract().path("id");
    }

    private static void deactivate(String hookId) {
        admin().delete("/api/notifications/webhooks/" + hookId).then().statusCode(204);
    }

    /** The delivery log entry of one notification, found through the filters an admin would use. */
    private static Map<String, Object> entry(String notificationId, UUID subjectId) {
        return admin().queryParam("channel", "WEBHOOK").queryParam("subjectId", subjectId)
                .get("/api/notifications/deliveries").then().statusCode(200).extract().jsonPath()
                .getMap("items.find { it.id == '" + notificationId + "' }");
    }

    private List<ReceivedRequest> awaitCalls(String path, UUID subjectId, int atLeast) {
        Await.until(() -> calls(path, subjectId).size() >= atLeast, WAIT);
        return calls(path, subjectId);
    }

    private List<ReceivedRequest> calls(String path, UUID subjectId) {
        return MailAndWebhookReceivers.received().stream()
                .filter(r -> r.path().equals(path))
                .filter(r -> new String(r.body(), UTF_8).contains(subjectId.toString()))
                .toList();
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer("admin1", "admin", null));
    }
}
