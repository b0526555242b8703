package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestTokens;

/**
 * Every API call counts against its client's quota — a staff token's own, an anonymous caller's
 * address — and every answer says what is left in the IETF RateLimit fields; past the quota, 429
 * with Retry-After, and the service never sees the call.
 */
@QuarkusTest
@TestProfile(ClientQuotaTest.FiveAnHour.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class ClientQuotaTest {
    private static FakeService complaints;

    public static class FiveAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zhengfeng.gateway.rate-limit.client-quota.requests", "5",
                    "zhengfeng.gateway.rate-limit.client-quota.period", "1h");
        }
    }

    @BeforeAll
    static void startUpstream() {
        complaints = FakeService.of("complaint-service").start();
    }

    @AfterAll
    static void stopUpstream() {
        complaints.close();
    }

    @Test
    void aTokenSpendsItsOwnQuotaAndIsRefused429WithRetryAfterOnceItIsUsedUp() {
        String token = TestTokens.bearer("quota-a", "handler", "planning");
        for (int call = 1; call <= 5; call++) {
            Response response = given().header("Authorization", token).get("/api/complaints/mine");
            assertEquals(200, response.statusCode(), response.asString());
            assertEquals("\"client\";q=5;w=3600", response.header("RateLimit-Policy"));
            assertTrue(response.header("RateLimit").startsWith("\"client\";r=" + (5 - call) + ";t="), response.header("RateLimit"));
        }
        int seenByService = complaints.received().size();

        Response refused = given().header("Authorization", token).get("/api/complaints/mine");
        assertEquals(429, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals(429, refused.jsonPath().getInt("status"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter > 3500 && retryAfter <= 3600, "the hour's allowance comes back at its end: " + retryAfter);
        assertTrue(refused.header("RateLimit").startsWith("\"client\";r=0;t="), refused.header("RateLimit"));
        assertEquals(seenByService, complaints.received().size(), "the refused call never reached the service");

        // Another session is another client: the quota is not shared, nor spent by naming someone.
        given().header("Authorization", TestTokens.bearer("quota-b", "handler", "planning")).get("/api/complaints/mine")
                .then().statusCode(200).header("RateLimit", org.hamcrest.Matchers.startsWith("\"client\";r=4;"));
    }

    @Test
    void anonymousCallersCountByAddressOnTheGatewaysOwnEndpointsToo() {
        Response first = given().get("/api/openapi");
        assertEquals(200, first.statusCode());
        String remaining = first.header("RateLimit");
        assertTrue(remaining.startsWith("\"client\";r="), remaining);
        int left = Integer.parseInt(remaining.replaceAll(".*;r=(\\d+);.*", "$1"));
        for (int i = 0; i < left; i++) {
            given().get("/api/complaints/categories").then().statusCode(200);
        }
        given().get("/api/openapi").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theConsoleAndHealthAreOutsideTheQuota() {
        for (int i = 0; i < 8; i++) {
            given().get("/q/health/live").then().statusCode(200)
                    .header("RateLimit", org.hamcrest.Matchers.nullValue());
        }
    }
}
