package io.zhengfeng.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.zhengfeng.testing.RealInfrastructureResource;

/** One OpenAPI document for the suite, from the documents the services publish. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_gateway_test"))
@QuarkusTestResource(UpstreamPorts.class)
class SuiteOpenApiTest {
    private static FakeService surveys;
    private static FakeService complaints;

    @BeforeAll
    static void startUpstreams() {
        surveys = FakeService.of("survey-service").openapi(new JsonObject("""
                {"openapi":"3.0.3","info":{"title":"surveys"},
                 "paths":{"/api/surveys":{"get":{"responses":{"200":{"content":{"application/json":
                   {"schema":{"$ref":"#/components/schemas/Summary"}}}}}}}},
                 "components":{"schemas":{"Summary":{"type":"object","properties":{"votes":{"type":"integer"}}}}}}
                """)).start();
        complaints = FakeService.of("complaint-service").openapi(new JsonObject("""
                {"openapi":"3.0.3","info":{"title":"complaints"},
                 "paths":{"/api/complaints":{"post":{"responses":{"200":{"content":{"application/json":
                   {"schema":{"$ref":"#/components/schemas/Summary"}}}}}}}},
                 "components":{"schemas":{"Summary":{"type":"object","properties":{"trackingNumber":{"type":"string"}}}}}}
                """)).start();
        // inspection-service and notification-service stay down
    }

    @AfterAll
    static void stopUpstreams() {
        surveys.close();
        complaints.close();
    }

    @Test
    void mergesTheServicesDocumentsWithTheGatewaysOwn() {
        given().get("/api/openapi")
                .then().statusCode(200)
                .body("info.title", equalTo("Zhengfeng suite API"))
                .body("paths.'/api/auth/token'.post", notNullValue())
                .body("paths.'/api/surveys'.get", notNullValue())
                .body("paths.'/api/complaints'.post", notNullValue())
                // same schema name, different content: the later service's is renamed, its refs follow
                .body("components.schemas.Summary.properties.trackingNumber", notNullValue())
                .body("components.schemas.SurveyService_Summary.properties.votes", notNullValue())
                .body("paths.'/api/surveys'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/SurveyService_Summary"))
                .body("x-zhengfeng-unavailable", hasItem("inspection-service"))
                // one relative server: the gateway that serves the document
                .body("servers.url", contains("/"));
    }
}
