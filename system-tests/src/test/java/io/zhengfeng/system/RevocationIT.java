package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue 11's acceptance: a disabled account's token gets 401 within 5 s at the gateway and at a
 * service called directly — the packaged processes, the real broker, the outbox in between.
 */
class RevocationIT {
    private static final long WITHIN_MS = 5_000;

    @Test
    void aDisabledAccountsTokenIsRefusedWithinFiveSecondsAtTheGatewayAndAtAServiceCalledDirectly() throws Exception {
        Suite suite = SuiteClient.suite();
        String admin = SuiteClient.login("admin");
        String username = "rev-" + UUID.randomUUID().toString().substring(0, 8);
        String id = SuiteClient.as(admin).body(Map.of("username", username, "displayName", "x",
                "password", "river otter lantern 7", "roles", List.of("supervisor")))
                .post("/api/auth/accounts").then().statusCode(201).extract().path("id");
        String token = SuiteClient.gateway().body(Map.of("username", username, "password", "river otter lantern 7"))
                .post("/api/auth/token").then().statusCode(200).extract().path("access_token");
        SuiteClient.as(token).get("/api/complaints").then().statusCode(200);
        given().baseUri(suite.complaints.url()).auth().oauth2(token).get("/api/complaints").then().statusCode(200);

        long start = System.nanoTime();
        SuiteClient.as(admin).body(Map.of("displayName", "x", "roles", List.of("supervisor"), "active", false))
                .put("/api/auth/accounts/" + id).then().statusCode(200);
        long atGateway = -1;
        long atService = -1;
        while ((atGateway < 0 || atService < 0) && elapsedMs(start) < WITHIN_MS) {
            if (atGateway < 0 && SuiteClient.as(token).get("/api/complaints").statusCode() == 401) {
                atGateway = elapsedMs(start);
            }
            if (atService < 0 && given().baseUri(suite.complaints.url()).auth().oauth2(token).get("/api/complaints").statusCode() == 401) {
                atService = elapsedMs(start);
            }
            Thread.sleep(50);
        }
        System.out.printf("[revocation] disabled account's token refused after %d ms at the gateway, %d ms at complaint-service%n",
                atGateway, atService);
        assertEquals(true, atGateway >= 0, "gateway still accepts the token after 5 s");
        assertEquals(true, atService >= 0, "complaint-service still accepts the token after 5 s");
    }

    private static long elapsedMs(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
