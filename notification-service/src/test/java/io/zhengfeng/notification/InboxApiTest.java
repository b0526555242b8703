package io.zhengfeng.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/** Read marks are per user even for items addressed to a role; preferences are validated field by field. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class InboxApiTest {

    private static RequestSpecification as(String username, String role) {
        return given().header("Authorization", TestTokens.bearer(username, role, null));
    }

    @Test
    void markingARoleItemReadCountsForMeOnlyAndReadAllEmptiesMyUnreadCount() {
        ComplaintNews c = new ComplaintNews();
        c.say("submitted", "submitted", null, ComplaintNews.deadline(Deadline.ACCEPTANCE, 0, 3_600_000));
        Await.until(() -> as("spox-a", "spokesperson").get("/api/notifications/inbox?type=complaint.new&size=100")
                .then().extract().jsonPath().getList("items.subjectId").contains(c.id.toString()), Duration.ofSeconds(20));
        String itemId = as("spox-a", "spokesperson").get("/api/notifications/inbox?type=complaint.new&size=1")
                .then().body("items[0].title", equalTo("【新诉求】收到一件投诉，编号 " + c.trackingNumber))
                .extract().path("items[0].id");
        as("spox-a", "spokesperson").header("Accept-Language", "en-GB,en;q=0.8")
                .get("/api/notifications/inbox?type=complaint.new&size=1")
                .then().body("items[0].title", equalTo("New complaint received: " + c.trackingNumber));
        int before = as("spox-b", "spokesperson").get("/api/notifications/inbox/unread-count").then().extract().path("unread");

        as("spox-a", "spokesperson").post("/api/notifications/inbox/" + itemId + "/read").then().statusCode(200);
        as("spox-a", "spokesperson").get("/api/notifications/inbox?type=complaint.new&size=1")
                .then().body("items[0].read", equalTo(true));
        as("spox-b", "spokesperson").get("/api/notifications/inbox/unread-count").then().body("unread", equalTo(before));
        as("spox-b", "spokesperson").get("/api/notifications/inbox?type=complaint.new&size=1")
                .then().body("items[0].read", equalTo(false));

        as("spox-a", "spokesperson").post("/api/notifications/inbox/read-all").then().statusCode(200).body("unread", equalTo(0));
        as("spox-a", "spokesperson").get("/api/notifications/inbox?unread=true").then().body("total", equalTo(0));
        // not addressed to a supervisor: as good as absent
        as("sup-a", "supervisor").post("/api/notifications/inbox/" + itemId + "/read").then().statusCode(404);
    }

    @Test
    void inboxRefusesAnOversizedPageNamingTheField() {
        as("spox-a", "spokesperson").get("/api/notifications/inbox?size=1000").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("size"));
        given().get("/api/notifications/inbox").then().statusCode(401);
    }

    @Test
    void newMessagesAreInboxOnlyByDefaultAndDeadlineAlertsAlsoByEmail() {
        as("spox-defaults", "spokesperson").get("/api/notifications/preferences").then().statusCode(200)
                .body("channels.'complaint.new'", equalTo(java.util.List.of("inbox")))
                .body("channels.'deadline.overdue'", equalTo(java.util.List.of("inbox", "email")))
                .body("channels.'digest.daily'", equalTo(java.util.List.of("inbox", "email")));
    }

    @Test
    void preferencesAreSavedAndBadOnesAreRefusedNamingTheField() {
        as("lead-a", "leader").contentType("application/json").body("""
                {"channels":{"deadline.reminder":["inbox"]},"quietHours":{"start":"22:00","end":"07:30"}}""")
                .put("/api/notifications/preferences").then().statusCode(200)
                .body("channels.'deadline.reminder'", equalTo(java.util.List.of("inbox")))
                .body("channels.'deadline.escalation'", equalTo(java.util.List.of("inbox", "email")))
                .body("quietHours.start", equalTo("22:00"));
        as("lead-a", "leader").get("/api/notifications/preferences").then().body("quietHours.end", equalTo("07:30"));

        as("lead-a", "leader").contentType("application/json").body("""
                {"channels":{"deadline.reminder":["email"]}}""").put("/api/notifications/preferences")
                .then().statusCode(400).body("errors.field", hasItem("channels.deadline.reminder"));
        as("lead-a", "leader").contentType("application/json").body("""
                {"channels":{"no.such.type":["inbox"]}}""").put("/api/notifications/preferences")
                .then().statusCode(400).body("errors.field", hasItem("channels.no.such.type"));
        as("lead-a", "leader").contentType("application/json").body("""
                {"channels":{},"quietHours":{"start":"25:00","end":"07:00"}}""").put("/api/notifications/preferences")
                .then().statusCode(400).body("errors.field", hasItem("quietHours.start"));
        as("lead-a", "leader").get("/api/notifications/preferences").then().body("quietHours.start", equalTo("22:00"));
    }
}
