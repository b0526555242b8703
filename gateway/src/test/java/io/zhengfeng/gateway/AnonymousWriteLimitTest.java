package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/**
 * Anonymous submissions are limited per client IP (5 per hour in the test profile). The only test
 * in the suite that posts anonymously to the complaint paths, so the count is its own.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class AnonymousWriteLimitTest {
    private static FakeService complaints;

    @BeforeAll
    static void startUpstream() {
        complaints = FakeService.of("complaint-service").start();
    }

    @AfterAll
    static void stopUpstream() {
        complaints.close();
    }

    @Test
    void anonymousSubmissionsBeyondTheLimitGet429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            given().contentType("application/json").body("{}").post("/api/complaints").then().statusCode(201);
        }
        for (int i = 0; i < 2; i++) {
            given().contentType("application/x-www-form-urlencoded").formParam("service_code", "noise")
                    .post("/open311/v2/requests.json").then().statusCode(201);
        }
        given().contentType("application/json").body("{}").post("/api/complaints")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:zhengfeng:problem:too-many-requests"));

        // reading is not limited, and neither are staff with a verified token
        given().get("/api/complaints/track/ZF-1").then().statusCode(200);
        given().header("Authorization", Logins.bearer("spokesperson")).contentType("application/json").body("{}")
                .post("/api/complaints").then().statusCode(201);
        // an Authorization header that is not a verified bearer token does not exempt a request
        given().header("Authorization", "Basic c29tZW9uZTpzb21ldGhpbmc=").contentType("application/json").body("{}")
                .post("/api/complaints").then().statusCode(429);
    }
}
