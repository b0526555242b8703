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

/**
 * As production runs: health and metrics only on the management port; the public port answers 404
 * for them and keeps the OpenAPI document (the gateway merges it into the suite's).
 */
@QuarkusTest
@TestProfile(ManagementPortProfile.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_platform_test"))
class ManagementPortTest {

    @Test
    void healthAndMetricsAreOnTheManagementPortAndNotOnTheMainPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/health").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);

        given().baseUri(ManagementPortProfile.url()).get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"));
        // what a Prometheus scraper asking for the text format receives
        given().baseUri(ManagementPortProfile.url()).accept("text/plain").get("/q/metrics")
                .then().statusCode(200).contentType(containsString("text/plain"))
                .body(containsString("# TYPE "));
    }

    @Test
    void theOpenApiDocumentStaysOnTheMainPort() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", containsString("3."));
        given().baseUri(ManagementPortProfile.url()).get("/q/openapi").then().statusCode(404);
    }
}
