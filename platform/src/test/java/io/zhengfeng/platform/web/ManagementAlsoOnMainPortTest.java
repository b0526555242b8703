package io.zhengfeng.platform.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.zhengfeng.testing.RealInfrastructureResource;

/** The local profile's arrangement: health and metrics on the management port and on the main port. */
@QuarkusTest
@TestProfile(ManagementPortProfile.AlsoOnMainPort.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_platform_test"))
class ManagementAlsoOnMainPortTest {

    @Test
    void healthAndMetricsAnswerOnBothPorts() {
        for (String base : new String[] { RestAssured.baseURI + ":" + RestAssured.port, ManagementPortProfile.url() }) {
            given().baseUri(base).get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(base).get("/q/health/live").then().statusCode(200);
            given().baseUri(base).get("/q/metrics")
                    .then().statusCode(200).body(containsString("# TYPE "));
        }
    }

    @Test
    void otherPathsOfTheMainPortAreUntouched() {
        given().get("/q/healthz").then().statusCode(404);
        given().get("/q/openapi?format=json").then().statusCode(200);
        given().get("/no-such-page").then().statusCode(404);
    }
}
