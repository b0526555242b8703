package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.TestTokens;

/** The calls tests make, as the people who make them. */
final class ComplaintApi {
    static final String PHONE = "13812341234";

    record Created(String id, String trackingNumber, String accessCode) {
    }

    static RequestSpecification as(String username, String role, String dept) {
        return given().header("Authorization", TestTokens.bearer(username, role, dept)).contentType("application/json");
    }

    static RequestSpecification spokesperson() {
        return as("spokesperson", "spokesperson", null);
    }

    static RequestSpecification handler(String dept) {
        return as("handler-" + dept, "handler", dept);
    }

    static RequestSpecification head(String dept) {
        return as("head-" + dept, "dept_head", dept);
    }

    static RequestSpecification leader() {
        return as("leader", "leader", null);
    }

    static RequestSpecification citizen(String accessCode) {
        return given().header("X-Access-Code", accessCode).contentType("application/json");
    }

    static String body(String kind, String channel, String category) {
        return """
                {"kind":"%s","channel":"%s","category":"%s","title":"违建占道",
                 "content":"小区门口有人搭建违章建筑，占用消防通道，请尽快处理。",
                 "contact":{"name":"张三","phone":"%s","address":"城关镇幸福路12号"}}
                """.formatted(kind, channel, category, PHONE);
    }

    static Created submitAsCitizen(String kind, String category) {
        ValidatableResponse r = given().contentType("application/json").body(body(kind, "web", category))
                .post("/api/complaints").then().statusCode(201);
        return new Created(r.extract().path("id"), r.extract().path("trackingNumber"), r.extract().path("accessCode"));
    }

    static Created recordHotline(String kind, String category) {
        ValidatableResponse r = spokesperson().body(body(kind, "hotline_day", category))
                .post("/api/complaints").then().statusCode(201);
        return new Created(r.extract().path("id"), r.extract().path("trackingNumber"), r.extract().path("accessCode"));
    }

    static ValidatableResponse act(RequestSpecification who, String id, String action, String json) {
        RequestSpecification request = json == null ? who : who.body(json);
        return request.post("/api/complaints/" + id + "/" + action).then();
    }

    static String status(String id) {
        return spokesperson().get("/api/complaints/" + id).then().statusCode(200).extract().path("status");
    }

    private ComplaintApi() {
    }
}
