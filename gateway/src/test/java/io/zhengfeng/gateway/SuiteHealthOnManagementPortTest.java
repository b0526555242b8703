package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/**
 * Production serves health on a management port, not the API's: the suite group asks each service
 * at its route's {@code health-url}, and only there.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(value = HealthPorts.class, restrictToAnnotatedClass = true)
class SuiteHealthOnManagementPortTest {
    private final List<FakeService> running = new ArrayList<>();

    @AfterEach
    void stopServices() {
        running.forEach(FakeService::close);
        running.clear();
    }

    @Test
    void theSuiteIsUpWhenEveryServiceIsReadyOnItsManagementPort() {
        UpstreamPorts.SERVICES.forEach(s -> running.add(FakeService.managementOf(s).start()));

        given().get("/q/health/group/suite")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.complaint-service", equalTo("UP"))
                .body("checks[0].data.notification-service", equalTo("UP"));
    }

    @Test
    void aServiceWhoseManagementPortIsClosedIsUnreachableThoughItsApiPortAnswers() {
        UpstreamPorts.SERVICES.stream().filter(s -> !s.equals("survey-service"))
                .forEach(s -> running.add(FakeService.managementOf(s).start()));
        FakeService surveyApi = FakeService.of("survey-service").start();
        running.add(surveyApi);

        given().get("/q/health/group/suite")
                .then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.survey-service", startsWith("UNREACHABLE"))
                .body("checks[0].data.inspection-service", equalTo("UP"));
        assertTrue(surveyApi.received().stream().noneMatch(r -> r.uri().startsWith("/q/health")),
                "the API port is never asked for health: " + surveyApi.received());
    }
}
