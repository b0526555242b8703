package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zhengfeng.testing.RealInfrastructureResource;

/**
 * Disabling an account, changing its roles or resetting its password revokes the tokens it holds:
 * through the outbox, the accounts topic and the platform's revocation feed, within seconds, at the
 * gateway's own endpoints and at its edge (proxied routes).
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class TokenRevocationTest {
    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final String PASSWORD = "river otter lantern 7";

    @Test
    void aDisabledAccountsTokenIsRefusedWithinSecondsAtTheGatewayAndItsEdge() throws Exception {
        String username = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(username);
        String token = login(username, PASSWORD);
        given().auth().oauth2(token).get("/api/auth/me").then().statusCode(200);
        // the edge has verified the token once, so it now recognises it without verifying it again
        assertTrue(given().auth().oauth2(token).get("/api/complaints").statusCode() != 401);

        long start = System.nanoTime();
        given().header("Authorization", Logins.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("displayName", "x", "roles", List.of("supervisor"), "active", false))
                .put("/api/auth/accounts/" + id).then().statusCode(200);
        long ms = awaitStatus(token, "/api/auth/me", 401);
        System.out.printf("[revocation] disabled account's token refused after %d ms%n", ms);
        // the edge refuses the recognised token too, before any service is asked
        given().auth().oauth2(token).get("/api/complaints").then().statusCode(401)
                .contentType("application/problem+json");
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(WITHIN) < 0);
    }

    @Test
    void changingRolesOrResettingThePasswordRevokesOldTokensButNotNewOnes() throws Exception {
        String username = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        String id = create(username);
        String before = login(username, PASSWORD);
        given().header("Authorization", Logins.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("displayName", "x", "roles", List.of("inspector"), "active", true))
                .put("/api/auth/accounts/" + id).then().statusCode(200);
        awaitStatus(before, "/api/auth/me", 401);
        String afterRoles = login(username, PASSWORD);
        given().auth().oauth2(afterRoles).get("/api/auth/me").then().statusCode(200);

        given().header("Authorization", Logins.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("password", "violet harbour engine 42")).put("/api/auth/accounts/" + id + "/password")
                .then().statusCode(204);
        awaitStatus(afterRoles, "/api/auth/me", 401);
        String afterReset = login(username, "violet harbour engine 42");
        given().auth().oauth2(afterReset).get("/api/auth/me").then().statusCode(200);
    }

    /** Polls until the token gets {@code status}; the elapsed milliseconds. */
    private static long awaitStatus(String token, String path, int status) throws InterruptedException {
        long start = System.nanoTime();
        int last = -1;
        while (System.nanoTime() - start < WITHIN.toNanos()) {
            last = given().auth().oauth2(token).get(path).statusCode();
            if (last == status) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(50);
        }
        assertEquals(status, last, "not refused within " + WITHIN);
        return -1;
    }

    private static String create(String username) {
        return given().header("Authorization", Logins.bearer("admin")).contentType(ContentType.JSON)
                .body(Map.of("username", username, "displayName", "x", "password", PASSWORD, "roles", List.of("supervisor")))
                .post("/api/auth/accounts").then().statusCode(201).extract().path("id");
    }

    private static String login(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
    }
}
