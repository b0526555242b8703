package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** The gateway's readiness is its own; the suite group reports the services behind it. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class SuiteHealthTest {
    private List<FakeService> running = List.of();

    @AfterEach
    void stopServices() {
        running.forEach(FakeService::close);
    }

    @Test
    void suiteIsUpWhenEveryServiceIsReady() {
        running = UpstreamPorts.SERVICES.stream().map(s -> FakeService.of(s).start()).toList();
        given().get("/q/health/group/suite")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.complaint-service", equalTo("UP"))
                .body("checks[0].data.notification-service", equalTo("UP"));
    }

    @Test
    void aServiceDownLeavesTheGatewayReadyTheSuiteDownAndItsRoutes503WithRetryAfter() {
        running = UpstreamPorts.SERVICES.stream().filter(s -> !s.equals("inspection-service"))
                .map(s -> FakeService.of(s).start()).toList();

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/group/suite")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.inspection-service", startsWith("UNREACHABLE"))
                .body("checks[0].data.survey-service", equalTo("UP"));
        given().get("/api/inspections/campaigns")
                .then().statusCode(503).header("Retry-After", "5")
                .contentType("application/problem+json")
                .body("type", equalTo("urn:zhengfeng:problem:upstream-unavailable"))
                .body("status", equalTo(503));
    }
}
