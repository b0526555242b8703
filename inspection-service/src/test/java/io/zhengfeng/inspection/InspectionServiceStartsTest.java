package io.zhengfeng.inspection;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** The service boots against the real database and broker, migrates its schema and reports ready. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_inspection_test"))
class InspectionServiceStartsTest {

    @Test
    void isReadyWithItsDatabaseMigrated() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void publishesItsOpenApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Zhengfeng inspection-service"));
    }

    @Test
    void unknownPathsAnswerProblemJson() {
        given().header("Authorization", io.zhengfeng.testing.TestTokens.bearer("inspector", "inspector", null))
                .get("/api/inspections/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/inspections/nothing-here").then().statusCode(401).contentType("application/problem+json");
    }
}
