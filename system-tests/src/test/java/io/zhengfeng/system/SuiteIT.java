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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;
import static io.zhengfeng.system.SuiteClient.*;
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
    private static Suite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = SuiteClient.suite();
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

    private static long count(String sql, Object... args) {
        return ((Number) Suite.query(suite.notificationDb, sql, args).get(0)[0]).longValue();
    }
}
