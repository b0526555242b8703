package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/** The administrator's account API, and the directory feed every change of it publishes. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class AccountAdminTest {
    private static final Duration KAFKA = Duration.ofSeconds(30);

    @Test
    void creatingAnAccountPublishesItWithoutThePasswordHash() {
        String username = "handler-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().header("Authorization", Logins.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "城建科经办人", "email", username + "@zhengfeng.local",
                        "password", "a-long-secret", "roles", List.of("handler"), "department", "construction"))
                .post("/api/auth/accounts")
                .then().statusCode(201)
                .body("username", equalTo(username))
                .body("locale", equalTo("zh-CN"))
                .body("active", equalTo(true))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")))
                .extract().path("id");

        try (TopicReader reader = new TopicReader(Topics.ACCOUNTS)) {
            RecordedEvent event = reader.readForKey(id, 1, KAFKA).get(0);
            assertEquals(EventTypes.ACCOUNT_UPSERTED, event.type());
            JsonObject payload = new JsonObject(event.value());
            assertEquals(username, payload.getString("username"));
            assertEquals("construction", payload.getString("department"));
            assertEquals(List.of("handler"), payload.getJsonArray("roles").getList());
            assertFalse(event.value().contains("$2a$") || event.value().toLowerCase().contains("password"), event.value());
        }

        // the new account can log in
        assertEquals("construction", Logins.claims(given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "a-long-secret")).post("/api/auth/token")
                .then().statusCode(200).extract().path("access_token")).getString("dept"));
    }

    @Test
    void deactivatingAnAccountPublishesDisabledAndStopsItsLogin() {
        String admin = Logins.bearer("admin");
        String username = "temp-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "临时监督员", "password", "a-long-secret",
                        "roles", List.of("supervisor")))
                .post("/api/auth/accounts").then().statusCode(201).extract().path("id");

        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("displayName", "临时监督员", "roles", List.of("supervisor", "leader"), "active", false))
                .put("/api/auth/accounts/" + id)
                .then().statusCode(200).body("active", equalTo(false)).body("roles", equalTo(List.of("leader", "supervisor")));

        try (TopicReader reader = new TopicReader(Topics.ACCOUNTS)) {
            List<RecordedEvent> events = reader.readForKey(id, 3, KAFKA);
            // disabling also revokes the tokens it holds (platform TokenRevocations)
            assertEquals(List.of(EventTypes.ACCOUNT_UPSERTED, EventTypes.ACCOUNT_DISABLED, EventTypes.ACCOUNT_TOKENS_REVOKED),
                    events.stream().map(RecordedEvent::type).toList());
        }
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "a-long-secret"))
                .post("/api/auth/token").then().statusCode(401);
    }

    @Test
    void resetPasswordReplacesTheOldOne() {
        String admin = Logins.bearer("admin");
        String username = "reset-" + UUID.randomUUID().toString().substring(0, 8);
        String id = given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "Reset Me", "password", "first-secret",
                        "roles", List.of("inspector")))
                .post("/api/auth/accounts").then().statusCode(201).extract().path("id");
        given().header("Authorization", admin).contentType(ContentType.JSON).body(Map.of("password", "second-secret"))
                .put("/api/auth/accounts/" + id + "/password").then().statusCode(204);

        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "first-secret"))
                .post("/api/auth/token").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "second-secret"))
                .post("/api/auth/token").then().statusCode(200);
    }

    @Test
    void demoAccountsAreSeededAndPublished() {
        List<Map<String, Object>> items = given().header("Authorization", Logins.bearer("admin"))
                .queryParam("size", 100).get("/api/auth/accounts")
                .then().statusCode(200)
                .body("items.username", hasItems("spokesperson", "handler-planning", "head-planning", "handler-land",
                        "head-land", "inspector", "supervisor", "leader", "admin"))
                .extract().path("items");
        Map<String, Object> headLand = items.stream().filter(a -> a.get("username").equals("head-land")).findFirst().orElseThrow();
        assertEquals("land", headLand.get("department"));
        assertEquals("head-land@zhengfeng.local", headLand.get("email"));
        try (TopicReader reader = new TopicReader(Topics.ACCOUNTS)) {
            assertEquals(EventTypes.ACCOUNT_UPSERTED, reader.readForKey((String) headLand.get("id"), 1, KAFKA).get(0).type());
        }
    }

    @Test
    void invalidAccountsAreRefusedNamingTheField() {
        String admin = Logins.bearer("admin");
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", "no-dept", "displayName", "x", "password", "a-long-secret", "roles", List.of("handler")))
                .post("/api/auth/accounts").then().statusCode(400).body("errors[0].field", equalTo("department"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", "bad-role", "displayName", "x", "password", "a-long-secret", "roles", List.of("root")))
                .post("/api/auth/accounts").then().statusCode(400).body("errors[0].field", equalTo("roles"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", "admin", "displayName", "x", "password", "a-long-secret", "roles", List.of("admin")))
                .post("/api/auth/accounts").then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", admin).get("/api/auth/accounts/" + UUID.randomUUID()).then().statusCode(404);
    }

    /** The limits the OpenAPI document states (maxItems, maxLength) are the ones enforced. */
    @Test
    void rolesAndLocaleBeyondTheirDocumentedLimitsAreRefusedNamingTheField() {
        String admin = Logins.bearer("admin");
        List<String> roles = java.util.stream.IntStream.rangeClosed(1, 21).mapToObj(i -> "role" + i).toList();
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", "many-roles", "displayName", "x", "password", "a-long-secret", "roles", roles))
                .post("/api/auth/accounts").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("roles"));
        given().header("Authorization", admin).contentType(ContentType.JSON)
                .body(Map.of("username", "long-locale", "displayName", "x", "password", "a-long-secret",
                        "roles", List.of("leader"), "locale", "zh-aaaaaaaa-aaaaaaaa-aaaaaaaa-aaaaaaaa"))
                .post("/api/auth/accounts").then().statusCode(400).body("errors.field", hasItem("locale"));
    }

    @Test
    void onlyAdminsManageAccounts() {
        given().header("Authorization", Logins.bearer("leader")).get("/api/auth/accounts")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:zhengfeng:problem:forbidden"));
        given().header("Authorization", TestTokens.bearer("someone", "spokesperson", null)).contentType(ContentType.JSON)
                .body(Map.of("username", "sneaky", "displayName", "x", "password", "a-long-secret", "roles", List.of("admin")))
                .post("/api/auth/accounts").then().statusCode(403);
        given().get("/api/auth/accounts").then().statusCode(401).contentType("application/problem+json");
    }
}
