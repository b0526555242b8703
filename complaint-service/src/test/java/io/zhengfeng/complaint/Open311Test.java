package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** An unchanged Open311 GeoReport v2 front end can submit and follow complaints. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class Open311Test {
    private static final String KEY = "demo-open311-key";

    /** Front ends post UTF-8 forms (Chinese text); REST Assured would default to ISO-8859-1. */
    private static io.restassured.specification.RequestSpecification form() {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    @Test
    void servicesAreOurCategoriesWithKindAndChannelAttributes() {
        given().get("/open311/v2/services.json").then().statusCode(200)
                .body("service_code", hasItem("illegal_construction")).body("[0].metadata", equalTo(true));
        given().get("/open311/v2/services/land_management.json").then().statusCode(200)
                .body("attributes.code", hasItem("kind"))
                .body("attributes.find { it.code == 'kind' }.values.key", hasItem("report"));
        given().get("/open311/v2/services/weather.json").then().statusCode(404).body("[0].code", equalTo(404));
    }

    @Test
    void frontEndSubmitsFormEncodedAndFollowsItsRequest() {
        var created = form().formParam("api_key", KEY).formParam("service_code", "illegal_construction")
                .formParam("description", "河堤旁有人违法搭建厂房").formParam("address_string", "城关镇河堤路")
                .formParam("lat", "30.123456").formParam("long", "114.654321")
                .formParam("first_name", "五").formParam("last_name", "王").formParam("phone", "13900001111")
                .post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_notice", containsString("ZF")).extract();
        String id = created.path("[0].service_request_id");

        String requested = given().queryParam("api_key", KEY).get("/open311/v2/requests/" + id + ".json").then()
                .statusCode(200).body("[0].status", equalTo("open")).body("[0].service_code", equalTo("illegal_construction"))
                .body("[0].address", equalTo("城关镇河堤路")).body(not(containsString("13900001111")))
                .extract().path("[0].requested_datetime");
        assertTrue(requested.endsWith("+08:00"), "ISO 8601 with the bureau's offset: " + requested);
        OffsetDateTime.parse(requested);

        given().queryParam("api_key", KEY).queryParam("service_request_id", id).queryParam("status", "open")
                .get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", hasItem(id));
        given().queryParam("api_key", KEY).queryParam("status", "closed").get("/open311/v2/requests.json").then()
                .statusCode(200).body("service_request_id", not(hasItem(id)));
        given().queryParam("api_key", KEY).get("/open311/v2/tokens/" + id + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(id));
    }

    @Test
    void errorsUseOpen311sShape() {
        form().formParam("service_code", "other").formParam("description", "x").post("/open311/v2/requests.json")
                .then().statusCode(403).body("[0].code", equalTo(403));
        form().formParam("api_key", KEY).formParam("service_code", "other").formParam("phone", "13900001111")
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", equalTo("description is required"));
        form().formParam("api_key", KEY).formParam("service_code", "other").formParam("description", "x")
                .formParam("attribute[kind]", "rumour").formParam("phone", "13900001111")
                .post("/open311/v2/requests.json").then().statusCode(400)
                .body("[0].description", matchesPattern("attribute\\[kind\\] must be one of .*"));
        given().queryParam("api_key", KEY).get("/open311/v2/requests/" + java.util.UUID.randomUUID() + ".json")
                .then().statusCode(404);
    }

    @Test
    void aFrontEndSeesOnlyItsOwnRequests() {
        String otherKey = ComplaintApi.as("admin", "admin", null).body("{\"name\":\"mini-program\"}")
                .post("/api/complaints/open311-keys").then().statusCode(201).extract().path("apiKey");
        String id = form().formParam("api_key", KEY).formParam("service_code", "other").formParam("description", "路灯不亮")
                .formParam("email", "a@b.cn").post("/open311/v2/requests.json").then().statusCode(201)
                .extract().path("[0].service_request_id");
        given().queryParam("api_key", otherKey).get("/open311/v2/requests/" + id + ".json").then().statusCode(404);
        assertEquals(0, given().queryParam("api_key", otherKey).get("/open311/v2/requests.json").then().statusCode(200)
                .extract().jsonPath().getList("$").size());
    }
}
