package io.zhengfeng.inspection;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.TestTokens;

/** The calls tests make, as the people who make them. */
final class Api {
    static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");

    static RequestSpecification as(String username, String role, String dept) {
        return given().header("Authorization", TestTokens.bearer(username, role, dept)).contentType("application/json");
    }

    static RequestSpecification inspector() {
        return as("inspector", "inspector", null);
    }

    static RequestSpecification supervisor() {
        return as("supervisor", "supervisor", null);
    }

    static RequestSpecification leader() {
        return as("leader", "leader", null);
    }

    static RequestSpecification admin() {
        return as("admin", "admin", null);
    }

    static RequestSpecification handler(String dept) {
        return as("handler-" + dept, "handler", dept);
    }

    static RequestSpecification head(String dept) {
        return as("head-" + dept, "dept_head", dept);
    }

    static List<Map<String, Object>> sixChecksItems() {
        return inspector().get("/api/inspections/templates?code=six-checks").then().statusCode(200)
                .extract().jsonPath().getList("[0].items");
    }

    static String itemId(int position) {
        return (String) sixChecksItems().get(position - 1).get("id");
    }

    /** A started inspection; returns its id. */
    static String startedInspection(String type, String target, String inspecting) {
        String body = "{\"type\":\"" + type + "\",\"scope\":\"routine\",\"targetKind\":\"department\",\"targetDepartment\":\""
                + target + "\"" + (inspecting == null ? "" : ",\"inspectingDepartment\":\"" + inspecting + "\"")
                + ",\"place\":\"服务窗口\"}";
        String id = inspector().body(body).post("/api/inspections").then().statusCode(201).extract().path("id");
        inspector().post("/api/inspections/" + id + "/start").then().statusCode(200);
        return id;
    }

    static String finding(String inspectionId, int item, String description) {
        return inspector().body(Map.of("itemId", itemId(item), "severity", "major", "description", description))
                .post("/api/inspections/" + inspectionId + "/findings").then().statusCode(201).extract().path("id");
    }

    static String order(String findingId, String owner, LocalDate due) {
        return inspector().body(Map.of("measure", "整改措施：建立台账，限期办结", "owner", owner, "dueDate", due.toString()))
                .post("/api/inspections/findings/" + findingId + "/orders").then().statusCode(201).extract().path("id");
    }

    static LocalDate today() {
        return LocalDate.now(BUREAU);
    }

    private Api() {
    }
}
