package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.complaint.ComplaintApi.act;
import static io.zhengfeng.complaint.ComplaintApi.handler;
import static io.zhengfeng.complaint.ComplaintApi.head;
import static io.zhengfeng.complaint.ComplaintApi.spokesperson;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.AccessLogLine;
import io.zhengfeng.testing.RealInfrastructureResource;

/** An unchanged Open311 GeoReport v2 front end can submit and follow complaints, as the spec has it. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class Open311Test {
    private static final String KEY = "demo-open311-key";

    /** Front ends post UTF-8 forms (Chinese text); REST Assured would default to ISO-8859-1. */
    private static RequestSpecification form() {
        return given().contentType("application/x-www-form-urlencoded; charset=UTF-8");
    }

    private static RequestSpecification admin() {
        return ComplaintApi.as("admin", "admin", null);
    }

    private static String submitWithKey(String description, String... moreFields) {
        RequestSpecification request = form().formParam("api_key", KEY).formParam("service_code", "other")
                .formParam("description", description);
        for (int i = 0; i < moreFields.length; i += 2) {
            request = request.formParam(moreFields[i], moreFields[i + 1]);
        }
        return request.post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
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
                .formParam("description", "河堤旁有人违法搭建厂房，王五举报").formParam("address_string", "城关镇河堤路")
                .formParam("lat", "30.123456").formParam("long", "114.654321")
                .formParam("first_name", "五").formParam("last_name", "王").formParam("phone", "13900001111")
                .post("/open311/v2/requests.json").then().statusCode(201)
                .body("[0].service_notice", containsString("ZF")).extract();
        String id = created.path("[0].service_request_id");

        String requested = given().queryParam("api_key", KEY).get("/open311/v2/requests/" + id + ".json").then()
                .statusCode(200).body("[0].status", equalTo("open")).body("[0].service_code", equalTo("illegal_construction"))
                .body("[0].address", equalTo("城关镇河堤路")).body("[0].description", containsString("违法搭建"))
                .body(not(containsString("13900001111"))).body(not(containsString("王五")))
                .extract().path("[0].requested_datetime");
        assertTrue(requested.endsWith("+08:00"), "ISO 8601 with the bureau's offset: " + requested);
        OffsetDateTime.parse(requested);

        given().queryParam("api_key", KEY).queryParam("service_request_id", id).queryParam("status", "open")
                .get("/open311/v2/requests.json").then().statusCode(200).body("service_request_id", hasItem(id));
        given().queryParam("api_key", KEY).queryParam("status", "closed").get("/open311/v2/requests.json").then()
                .statusCode(200).body("service_request_id", not(hasItem(id)));
    }

    @Test
    void theKeyMayComeInTheXApiKeyHeader() {
        String id = form().header("X-Api-Key", KEY).formParam("service_code", "other").formParam("description", "井盖缺失")
                .post("/open311/v2/requests.json").then().statusCode(201).extract().path("[0].service_request_id");
        given().header("X-Api-Key", KEY).get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].description", equalTo("井盖缺失"));
        given().header("X-Api-Key", KEY).get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(id));
        given().header("X-Api-Key", "not-a-key").get("/open311/v2/requests.json").then().statusCode(403)
                .body("[0].code", equalTo(403));
    }

    @Test
    void aRequestWithoutEmailOrPhoneIsAcceptedAndFollowedByItsIdOrToken() {
        var created = form().formParam("api_key", KEY).formParam("service_code", "other")
                .formParam("description", "路口信号灯坏了").post("/open311/v2/requests.json").then().statusCode(201)
                .extract();
        String id = created.path("[0].service_request_id");
        String token = created.path("[0].token");

        given().get("/open311/v2/tokens/" + token + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(id)).body("[0].token", equalTo(token));
        // Without a key: where it stands, none of its text (not published).
        given().get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].service_request_id", equalTo(id)).body("[0].status", equalTo("open"))
                .body("[0].description", nullValue()).body("[0].status_notes", nullValue());
        given().queryParam("api_key", KEY).get("/open311/v2/requests/" + id + ".json").then().statusCode(200)
                .body("[0].description", equalTo("路口信号灯坏了"));
        spokesperson().get("/api/complaints/" + id).then().statusCode(200).body("anonymous", equalTo(true));
        given().get("/open311/v2/tokens/" + UUID.randomUUID() + ".json").then().statusCode(404);
    }

    @Test
    void withoutAKeyOnlyPublishedRequestsAreListedInTheirPublishedWording() {
        String published = submitWithKey("王五反映：河道有人倾倒垃圾，电话13900002222", "first_name", "五",
                "last_name", "王", "phone", "13900002222", "address_string", "幸福路8号王五家门口");
        String unpublished = submitWithKey("王五反映：另一件事，尚未公开", "first_name", "五", "last_name", "王",
                "phone", "13900002222");
        act(spokesperson(), published, "accept", null).statusCode(200);
        act(spokesperson(), published, "assign", "{\"department\":\"planning\"}").statusCode(200);
        act(handler("planning"), published, "reply", "{\"content\":\"王五您好，垃圾已清理，已电话13900002222告知。\"}")
                .statusCode(200);
        act(head("planning"), published, "approve-reply", null).statusCode(200);
        act(spokesperson(), published, "publish-reply", null).statusCode(200);

        String list = given().get("/open311/v2/requests.json").then().statusCode(200)
                .body("service_request_id", hasItem(published)).body("service_request_id", not(hasItem(unpublished)))
                .extract().asString();
        String one = given().get("/open311/v2/requests/" + published + ".json").then().statusCode(200)
                .body("[0].description", containsString("倾倒垃圾")).body("[0].status_notes", containsString("垃圾已清理"))
                .body("[0].address", nullValue()).extract().asString();
        for (String body : List.of(list, one)) {
            assertFalse(body.contains("王五"), body);
            assertFalse(body.contains("13900002222"), body);
            assertFalse(body.contains("幸福路8号"), body);
        }
        // The front end's own view of the same request: its text and address, still no name or phone.
        String own = given().queryParam("api_key", KEY).get("/open311/v2/requests/" + published + ".json").then()
                .statusCode(200).body("[0].address", equalTo("幸福路8号王五家门口"))
                .body("[0].status_notes", containsString("垃圾已清理")).extract().path("[0].description");
        assertFalse(own.contains("王五") || own.contains("13900002222"), own);
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
        given().queryParam("api_key", KEY).get("/open311/v2/requests/" + UUID.randomUUID() + ".json")
                .then().statusCode(404).body("[0].code", equalTo(404));
        given().get("/open311/v2/requests/" + UUID.randomUUID() + ".json").then().statusCode(404);
    }

    @Test
    void everyFormFieldIsCappedAndARefusalNamesTheField() {
        String longText = "长".repeat(5001);
        List<String[]> cases = List.of(
                new String[] { "description", longText },
                new String[] { "address_string", "路".repeat(301) },
                new String[] { "first_name", "名".repeat(26) },
                new String[] { "last_name", "姓".repeat(26) },
                new String[] { "email", "a".repeat(95) + "@b.cn.x" },
                new String[] { "email", "not-an-address" },
                new String[] { "phone", "1".repeat(21) },
                new String[] { "phone", "call me" },
                new String[] { "lat", "90.5" },
                new String[] { "long", "-180.01" },
                new String[] { "lat", "north" },
                new String[] { "media_url", "https://x.cn/" + "a".repeat(2000) },
                new String[] { "attribute[kind]", "k".repeat(101) },
                new String[] { "attribute[colour]", "c".repeat(101) },
                new String[] { "service_code", "s".repeat(51) });
        for (String[] c : cases) {
            RequestSpecification request = form().formParam("api_key", KEY).formParam("service_code", "other");
            if (!c[0].equals("description")) {
                request = request.formParam("description", "测试");
            }
            if (c[0].equals("service_code")) {
                request = form().formParam("api_key", KEY).formParam("description", "测试");
            }
            request.formParam(c[0], c[1]).post("/open311/v2/requests.json").then()
                    .statusCode(400).body("[0].code", equalTo(400)).body("[0].description", startsWith(c[0] + " "));
        }
        RequestSpecification tooMany = form().formParam("api_key", KEY).formParam("service_code", "other")
                .formParam("description", "测试");
        for (int i = 0; i < 21; i++) {
            tooMany = tooMany.formParam("attribute[a" + i + "]", "v");
        }
        tooMany.post("/open311/v2/requests.json").then().statusCode(400).body("[0].description", startsWith("attribute "));
        // At the caps exactly: accepted.
        submitWithKey("长".repeat(5000), "address_string", "路".repeat(300), "lat", "-90", "long", "180",
                "first_name", "名".repeat(25), "media_url", "https://x.cn/photo.jpg");
    }

    @Test
    void theOpenApiDocumentStatesTheFormsCaps() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.schemas.Open311RequestForm.properties.description.maxLength", equalTo(5000))
                .body("components.schemas.Open311RequestForm.properties.address_string.maxLength", equalTo(300))
                .body("components.schemas.Open311RequestForm.properties.lat.maximum", equalTo(90));
    }

    @Test
    void theServiceRefusesABodyOverItsOwnCap() {
        form().formParam("api_key", KEY).formParam("service_code", "other").formParam("description", "x".repeat(1_100_000))
                .post("/open311/v2/requests.json").then().statusCode(413);
    }

    @Test
    void theAccessLogWritesTheApiKeyAsStars() throws Exception {
        try (AccessLogLine line = AccessLogLine.matching(l -> l.contains("requests.json?api_key="))) {
            given().queryParam("api_key", KEY).queryParam("status", "open").get("/open311/v2/requests.json").then()
                    .statusCode(200);
            String logged = line.get();
            assertTrue(logged.contains("/open311/v2/requests.json?api_key=***&status=open"), logged);
            assertFalse(logged.contains(KEY), logged);
        }
    }

    @Test
    void aFrontEndSeesOnlyItsOwnRequests() {
        String otherKey = admin().body("{\"name\":\"mini-program\"}")
                .post("/api/complaints/open311-keys").then().statusCode(201).extract().path("apiKey");
        String id = submitWithKey("路灯不亮", "email", "a@b.cn");
        given().queryParam("api_key", otherKey).get("/open311/v2/requests/" + id + ".json").then().statusCode(404);
        assertEquals(0, given().queryParam("api_key", otherKey).get("/open311/v2/requests.json").then().statusCode(200)
                .extract().jsonPath().getList("$").size());
    }

    @Test
    void adminListsAndRevokesKeysAndEveryIssueAndRevocationIsAudited() {
        var issued = admin().body("{\"name\":\"街道小程序\"}").post("/api/complaints/open311-keys").then().statusCode(201)
                .extract();
        String clientId = issued.path("clientId");
        String key = issued.path("apiKey");
        form().header("X-Api-Key", key).formParam("service_code", "other").formParam("description", "撤销前")
                .post("/open311/v2/requests.json").then().statusCode(201);

        String listed = admin().get("/api/complaints/open311-keys").then().statusCode(200)
                .body("find { it.clientId == '" + clientId + "' }.name", equalTo("街道小程序"))
                .body("find { it.clientId == '" + clientId + "' }.active", equalTo(true)).extract().asString();
        assertFalse(listed.contains(key), "the key itself is never listed");
        ComplaintApi.as("leader", "leader", null).get("/api/complaints/open311-keys").then().statusCode(403);
        spokesperson().delete("/api/complaints/open311-keys/" + clientId).then().statusCode(403);

        admin().delete("/api/complaints/open311-keys/" + clientId).then().statusCode(204);
        admin().delete("/api/complaints/open311-keys/" + clientId).then().statusCode(204);
        admin().delete("/api/complaints/open311-keys/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        admin().get("/api/complaints/open311-keys").then()
                .body("find { it.clientId == '" + clientId + "' }.active", equalTo(false));
        form().header("X-Api-Key", key).formParam("service_code", "other").formParam("description", "撤销后")
                .post("/open311/v2/requests.json").then().statusCode(403);
        given().queryParam("api_key", key).get("/open311/v2/requests.json").then().statusCode(403);

        var audit = admin().get("/api/complaints/audit?subjectId=" + clientId).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("open311-key.revoke", "open311-key.issue"), audit.getList("items.action"));
        assertEquals(List.of("admin", "admin"), audit.getList("items.actor"));
        assertFalse(audit.prettify().contains(key), "the key is not written to the audit trail");
    }
}
