package io.zhengfeng.notification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.persistence.DirectoryRepository;
import io.zhengfeng.platform.security.Roles;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/**
 * A new complaint reaches by e-mail each spokesperson who asked for it (e-mail for new messages is
 * opt-in), through a real SMTP server, in the language of their account; the delivery log and a
 * {@code notification.delivered.v1} event say so. Deadline alerts are mailed by default.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
@QuarkusTestResource(MailAndWebhookReceivers.class)
class EmailDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ObjectMapper json;
    @Inject
    DirectoryRepository directory;

    @Test
    void newComplaintIsMailedToEverySpokespersonWhoOptedInInTheirLanguageAndLoggedAsDeliveredWithAnEvent() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String zh = "spk-zh-" + suffix;
        String en = "spk-en-" + suffix;
        String inboxOnly = "spk-inbox-" + suffix;
        for (String user : List.of(zh, en)) {
            given().header("Authorization", TestTokens.bearer(user, Roles.SPOKESPERSON, null)).contentType("application/json")
                    .body("{\"channels\":{\"complaint.new\":[\"inbox\",\"email\"]}}")
                    .put("/api/notifications/preferences").then().statusCode(200);
        }
        UUID complaintId = UUID.randomUUID();
        String trackingNumber = "ZF-M-" + suffix.toUpperCase();

        try (TopicReader outcomes = new TopicReader(Topics.NOTIFICATIONS)) {
            EventFeed.spokesperson(zh, zh + "@bureau.test", "zh-CN");
            EventFeed.spokesperson(en, en + "@bureau.test", "en");
            EventFeed.spokesperson(inboxOnly, inboxOnly + "@bureau.test", "zh-CN");
            // Accounts and complaints are different topics, with no order between them.
            Await.until(() -> QuarkusTransaction.requiringNew().call(() -> directory.find(zh).isPresent()
                    && directory.find(en).isPresent() && directory.find(inboxOnly).isPresent()), WAIT);
            EventFeed.complaintSubmitted(complaintId, trackingNumber);

            MimeMessage chinese = awaitMailTo(zh + "@bureau.test");
            assertEquals("【新诉求】收到一件投诉，编号 " + trackingNumber, chinese.getSubject());
            String chineseBody = (String) chinese.getContent();
            assertTrue(chineseBody.contains("编号：" + trackingNumber), chineseBody);
            assertTrue(chineseBody.contains("来源渠道：网站"), chineseBody);
            assertTrue(chineseBody.contains("请在受理期限内审查"), chineseBody);

            MimeMessage english = awaitMailTo(en + "@bureau.test");
            assertEquals("New complaint received: " + trackingNumber, english.getSubject());
            String englishBody = (String) english.getContent();
            assertTrue(englishBody.contains("Channel: website"), englishBody);
            assertTrue(englishBody.contains("Category: urban_planning"), englishBody);

            // the outcome commits just after the SMTP server accepted the mail
            Await.until(() -> "DELIVERED".equals(deliveryLog("EMAIL", "user:" + zh, complaintId).getString("items[0].status")),
                    WAIT);
            JsonPath entry = deliveryLog("EMAIL", "user:" + zh, complaintId);
            assertEquals(1, entry.getInt("total"));
            assertEquals(1, entry.getInt("items[0].attempts"));
            assertEquals("complaint.new", entry.getString("items[0].type"));
            String notificationId = entry.getString("items[0].id");
            assertEquals(notificationId, chinese.getHeader("X-Zhengfeng-Notification")[0],
                    "the mail carries the notification id, so a receiver can drop an at-least-once duplicate");

            List<RecordedEvent> events = outcomes.readForKey(notificationId, 1, WAIT);
            assertEquals(EventTypes.NOTIFICATION_DELIVERED, events.get(0).type());
            Map<?, ?> outcome = json.readValue(events.get(0).value(), Map.class);
            assertEquals(notificationId, outcome.get("notificationId"));
            assertEquals("EMAIL", outcome.get("channel"));
            assertEquals("user:" + zh, outcome.get("recipient"));
            assertEquals(complaintId.toString(), outcome.get("subjectId"));

            // other tests' deadline alerts may mail every spokesperson: only this complaint counts
            assertEquals(0, deliveryLog("EMAIL", "user:" + inboxOnly, complaintId).getInt("total"),
                    "a spokesperson who did not opt in gets no e-mail for a new message");
        }
    }

    @Test
    void overdueAlertIsMailedInChineseToTheHeadOfTheLateDepartmentOnly() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String landHead = "head-land-" + suffix;
        String waterHead = "head-water-" + suffix;
        EventFeed.staff(landHead, landHead + "@bureau.test", "zh-CN", Roles.DEPT_HEAD, "land");
        EventFeed.staff(waterHead, waterHead + "@bureau.test", "zh-CN", Roles.DEPT_HEAD, "water");
        Await.until(() -> QuarkusTransaction.requiringNew()
                .call(() -> directory.find(landHead).isPresent() && directory.find(waterHead).isPresent()), WAIT);

        ComplaintNews c = new ComplaintNews();
        c.say("assigned", "assigned", "land", ComplaintNews.deadline(Deadline.REPLY, 60_000, 2_000));

        MimeMessage alert = awaitMailTo(landHead + "@bureau.test");
        assertEquals("【逾期提醒】" + c.trackingNumber + " 答复已超过办理期限", alert.getSubject());
        String body = (String) alert.getContent();
        assertTrue(body.contains("承办科室：land"), body);
        assertTrue(body.contains("办理环节：答复"), body);
        assertTrue(mailTo(waterHead + "@bureau.test").isEmpty(), "the head of another department is not told");
    }

    @Test
    void quietHoursHoldAnEmailBackUntilTheyEndButNotAnEscalation() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String spokesperson = "spk-quiet-" + suffix;
        String leader = "lead-quiet-" + suffix;
        EventFeed.staff(spokesperson, spokesperson + "@bureau.test", "zh-CN", Roles.SPOKESPERSON, null);
        EventFeed.staff(leader, leader + "@bureau.test", "zh-CN", Roles.LEADER, null);
        Await.until(() -> QuarkusTransaction.requiringNew()
                .call(() -> directory.find(spokesperson).isPresent() && directory.find(leader).isPresent()), WAIT);
        // quiet from an hour ago until two hours from now, Beijing time
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Shanghai")).truncatedTo(ChronoUnit.MINUTES);
        String quiet = "{\"quietHours\":{\"start\":\"%s\",\"end\":\"%s\"}}".formatted(now.minusHours(1), now.plusHours(2));
        for (String[] user : List.of(new String[] { spokesperson, Roles.SPOKESPERSON }, new String[] { leader, Roles.LEADER })) {
            given().header("Authorization", TestTokens.bearer(user[0], user[1], null)).contentType("application/json")
                    .body(quiet).put("/api/notifications/preferences").then().statusCode(200);
        }

        ComplaintNews c = new ComplaintNews();
        c.say("assigned", "assigned", "land", ComplaintNews.deadline(Deadline.REPLY, 60_000, 1_000));

        MimeMessage escalation = awaitMailTo(leader + "@bureau.test");
        assertTrue(escalation.getSubject().contains(c.trackingNumber), escalation.getSubject());
        JsonPath held = given().header("Authorization", TestTokens.bearer("admin1", "admin", null))
                .queryParam("recipient", "user:" + spokesperson).queryParam("channel", "EMAIL")
                .get("/api/notifications/deliveries").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("PENDING"), held.getList("items.status"), "the overdue alert's e-mail waits");
        Instant heldUntil = Instant.parse(held.getString("items[0].nextAttemptAt"));
        assertTrue(heldUntil.isAfter(Instant.now().plus(Duration.ofMinutes(100))), "until the quiet hours end: " + heldUntil);
        assertTrue(mailTo(spokesperson + "@bureau.test").isEmpty());
    }

    private static MimeMessage awaitMailTo(String address) {
        Await.until(() -> mailTo(address).isPresent(), WAIT);
        return mailTo(address).orElseThrow();
    }

    private static Optional<MimeMessage> mailTo(String address) {
        return Arrays.stream(MailAndWebhookReceivers.greenMail().getReceivedMessages())
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(a -> a.toString().equals(address));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst();
    }

    private static JsonPath deliveryLog(String channel, String recipient, UUID subjectId) {
        return given().header("Authorization", TestTokens.bearer("admin1", "admin", null))
                .queryParam("channel", channel).queryParam("recipient", recipient).queryParam("subjectId", subjectId)
                .get("/api/notifications/deliveries")
                .then().statusCode(200).extract().jsonPath();
    }
}
