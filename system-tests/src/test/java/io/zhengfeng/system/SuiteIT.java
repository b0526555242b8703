package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/** The suite through its gateway, each service its own process, real database and broker. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SuiteIT {
    private static final String PHONE = "13812341234";
    private static Suite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = new Suite();
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void citizensComplaintReachesTheSpokespersonsInboxThroughTheGateway() {
        JsonPath created = submit("web").jsonPath();
        String id = created.getString("id");
        String tracking = created.getString("trackingNumber");
        String token = login("spokesperson");
        Await.until(() -> {
            String inbox = gateway().header("Authorization", "Bearer " + token).get("/api/notifications/inbox")
                    .then().statusCode(200).extract().asString();
            return inbox.contains(id) && inbox.contains(tracking);
        }, Duration.ofSeconds(30));
        gateway().header("X-Access-Code", created.getString("accessCode")).get("/api/complaints/track/" + tracking)
                .then().statusCode(200);
        gateway().header("X-Access-Code", "WRONG23456").get("/api/complaints/track/" + tracking).then().statusCode(404);
        assertEquals(1, Suite.query(suite.notificationDb,
                "SELECT COUNT(*) FROM timer WHERE subject_id = ? AND deadline_kind = 'acceptance'", id).size());
    }

    @Test
    @Order(2)
    void forgedExpiredAndWrongIssuerTokensGet401AtTheGatewayAndAtTheServiceDirectly() throws Exception {
        PrivateKey devKey = KeyUtils.decodePrivateKey(Files.readString(
                Path.of(System.getProperty("zf.root", "..")).resolve("gateway/src/main/resources/dev-keys/private.pem")));
        long now = System.currentTimeMillis() / 1000;
        String expired = Jwt.issuer("https://zhengfeng.local/auth").audience("zhengfeng").upn("leader")
                .groups(Set.of("leader")).issuedAt(now - 7200).expiresAt(now - 3600).sign(devKey);
        String wrongIssuer = Jwt.issuer("https://evil.example/auth").audience("zhengfeng").upn("leader")
                .groups(Set.of("leader")).expiresIn(600).sign(devKey);
        String forged = TestTokens.token("leader", "leader"); // signed with a key the suite does not trust
        for (String bad : List.of(expired, wrongIssuer, forged)) {
            gateway().header("Authorization", "Bearer " + bad).get("/api/complaints").then().statusCode(401)
                    .contentType("application/problem+json");
            given().baseUri(suite.complaints.url()).header("Authorization", "Bearer " + bad).get("/api/complaints")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        gateway().header("Authorization", "Bearer " + login("leader")).get("/api/complaints").then().statusCode(200);
    }

    @Test
    @Order(3)
    void hotlineComplaintLifecycleThroughTheGatewayPublishesOrderedEventsWithoutThePhone() {
        String spokesperson = login("spokesperson");
        String handlerLand = login("handler-land");
        String headLand = login("head-land");
        try (TopicReader reader = new TopicReader(Topics.COMPLAINTS)) {
            JsonPath c = as(spokesperson).body(body("hotline_day")).post("/api/complaints").then().statusCode(201)
                    .extract().jsonPath();
            String id = c.getString("id");
            String code = c.getString("accessCode");
            act(spokesperson, id, "accept", null);
            act(spokesperson, id, "assign", "{\"department\":\"planning\"}");
            act(spokesperson, id, "transfer", "{\"department\":\"land\",\"reason\":\"属于土地利用科职责\"}");
            act(handlerLand, id, "reply", "{\"content\":\"已派员核查。\"}");
            act(headLand, id, "return-reply", "{\"reason\":\"请写明时限\"}");
            act(handlerLand, id, "reply", "{\"content\":\"已核查，责令十日内拆除。\"}");
            act(headLand, id, "approve-reply", null);
            citizen(code, id, "rate", "{\"rating\":\"dissatisfied\"}");
            citizen(code, id, "reopen", "{\"reason\":\"仍未拆除\"}");
            act(handlerLand, id, "reply", "{\"content\":\"已强制拆除。\"}");
            act(headLand, id, "approve-reply", null);
            citizen(code, id, "rate", "{\"rating\":\"basically_satisfied\"}");

            List<String> expected = List.of("submitted", "accepted", "assigned", "transferred", "replied", "rated",
                    "reopened", "replied", "rated", "closed");
            List<RecordedEvent> events = reader.readForKey(id, expected.size(), Duration.ofSeconds(30));
            assertEquals(expected.stream().map(v -> "io.zhengfeng.complaint." + v + ".v1").toList(),
                    events.stream().map(RecordedEvent::type).toList());
            events.forEach(e -> assertFalse(e.value().contains(PHONE), e.value()));
            as(spokesperson).get("/api/complaints/" + id).then().statusCode(200)
                    .body("status", org.hamcrest.Matchers.equalTo("closed"))
                    .body("responsibleDepartment", org.hamcrest.Matchers.equalTo("planning"));
        }
    }

    @Test
    @Order(10)
    void killingTheNotificationServiceDuring500SubmissionsLosesAndDuplicatesNothing() throws Exception {
        int total = 500;
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger submitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                futures.add(pool.submit(() -> {
                    ids.add(submit("web").jsonPath().getString("id"));
                    submitted.incrementAndGet();
                }));
            }
            Await.until(() -> submitted.get() >= 150, Duration.ofSeconds(120));
            suite.notifications.kill(); // SIGKILL mid-stream
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        suite.restartNotifications();
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        Object[] args = ids.toArray();
        Await.until(() -> count("SELECT COUNT(*) FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN (" + in + ")", args) == total
                && count("SELECT COUNT(*) FROM notification WHERE channel = 'INBOX' AND subject_id IN ("
                        + in + ")", args) >= total, Duration.ofSeconds(120));
        Thread.sleep(2000); // any duplicate would have landed by now
        assertEquals(total, count("SELECT COUNT(DISTINCT subject_id) FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN ("
                + in + ")", args));
        assertEquals(total, count("SELECT COUNT(*) FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN (" + in + ")", args),
                "exactly one acceptance timer per complaint");
        List<Object[]> perComplaint = Suite.query(suite.notificationDb, "SELECT subject_id, COUNT(*) FROM notification"
                + " WHERE channel = 'INBOX' AND subject_id IN (" + in + ") GROUP BY subject_id", args);
        assertEquals(total, perComplaint.size(), "every complaint has its spokesperson inbox item");
        assertTrue(perComplaint.stream().allMatch(r -> ((Number) r[1]).longValue() == 1), "and only one");
    }

    private static long count(String sql, Object... args) {
        return ((Number) Suite.query(suite.notificationDb, sql, args).get(0)[0]).longValue();
    }

    private static RequestSpecification gateway() {
        return given().baseUri(suite.gateway.url()).contentType("application/json");
    }

    private static RequestSpecification as(String token) {
        return gateway().header("Authorization", "Bearer " + token);
    }

    private static void act(String token, String id, String action, String json) {
        RequestSpecification r = as(token);
        if (json != null) {
            r = r.body(json);
        }
        r.post("/api/complaints/" + id + "/" + action).then().statusCode(200);
    }

    private static void citizen(String code, String id, String action, String json) {
        gateway().header("X-Access-Code", code).body(json).post("/api/complaints/" + id + "/" + action).then().statusCode(200);
    }

    private static String login(String username) {
        return gateway().body("{\"username\":\"" + username + "\",\"password\":\"demo\"}").post("/api/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static io.restassured.response.Response submit(String channel) {
        return gateway().body(body(channel)).post("/api/complaints").then().statusCode(201).extract().response();
    }

    private static String body(String channel) {
        return """
                {"kind":"complaint","channel":"%s","category":"urban_planning",
                 "content":"小区门口有人搭建违章建筑，占用消防通道。","contact":{"name":"张三","phone":"%s"}}
                """.formatted(channel, PHONE);
    }

}
