package io.zhengfeng.inspection;

import static io.zhengfeng.inspection.Api.head;
import static io.zhengfeng.inspection.Api.handler;
import static io.zhengfeng.inspection.Api.inspector;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Inspections: types and their rules, the lifecycle, answers; undercover ones hidden from their target. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_inspection_test"))
class InspectionTest {

    @Test
    void aPeerInspectionOfTheOwnDepartmentIsRefusedNamingTheField() {
        inspector().body(Map.of("type", "peer", "targetDepartment", "planning", "inspectingDepartment", "planning"))
                .post("/api/inspections").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("inspectingDepartment"));
        inspector().body(Map.of("type", "peer", "targetDepartment", "planning"))
                .post("/api/inspections").then().statusCode(400).body("errors[0].field", equalTo("inspectingDepartment"));
        inspector().body(Map.of("type", "raid", "targetDepartment", "planning"))
                .post("/api/inspections").then().statusCode(400).body("errors[0].field", equalTo("type"));
        inspector().body(Map.of("type", "spot", "targetKind", "key_person", "targetDepartment", "planning"))
                .post("/api/inspections").then().statusCode(400).body("errors[0].field", equalTo("targetName"));
    }

    @Test
    void aPeerInspectionGoesFromPlanToCompletedWithItsAnswers() {
        String id = inspector().body(Map.of("type", "peer", "scope", "special", "targetDepartment", "planning",
                "inspectingDepartment", "land", "inspectors", List.of("inspector", "head-land"), "plannedOn", "2026-05-12",
                "place", "规划审批窗口")).post("/api/inspections").then().statusCode(201)
                .body("status", equalTo("planned")).body("templateVersion", equalTo(1)).extract().path("id");
        inspector().post("/api/inspections/" + id + "/complete").then().statusCode(409);
        inspector().post("/api/inspections/" + id + "/start").then().statusCode(200).body("status", equalTo("in_progress"));
        inspector().body(Map.of("answers", List.of(
                Map.of("itemId", Api.itemId(1), "result", "compliant"),
                Map.of("itemId", Api.itemId(4), "result", "finding", "note", "窗口人员态度生硬"),
                Map.of("itemId", Api.itemId(6), "result", "not_applicable"))))
                .put("/api/inspections/" + id + "/answers").then().statusCode(200)
                .body("answers.result", equalTo(List.of("compliant", "finding", "not_applicable")))
                .body("answers.position", equalTo(List.of(1, 4, 6)));
        inspector().body(Map.of("answers", List.of(Map.of("itemId", Api.itemId(2), "result", "maybe"))))
                .put("/api/inspections/" + id + "/answers").then().statusCode(400).body("errors[0].field", equalTo("answers[0].result"));
        inspector().body(Map.of("notes", "总体良好")).post("/api/inspections/" + id + "/complete").then().statusCode(200)
                .body("status", equalTo("completed")).body("notes", equalTo("总体良好"));
        // both departments concerned see it; another does not
        head("planning").get("/api/inspections/" + id).then().statusCode(200);
        handler("land").get("/api/inspections/" + id).then().statusCode(200);
        handler("finance").get("/api/inspections/" + id).then().statusCode(404);
        inspector().body(Map.of("answers", List.of(Map.of("itemId", Api.itemId(2), "result", "compliant"))))
                .put("/api/inspections/" + id + "/answers").then().statusCode(409);
    }

    @Test
    void anUndercoverInspectionIsInvisibleToTheInspectedDepartmentUntilPublished() {
        String dept = "land-" + System.nanoTime() % 100000;
        long before = count(handler(dept));
        String id = Api.startedInspection("undercover", dept, null);
        String finding = Api.finding(id, 4, "暗访发现窗口人员玩手机，群众等候");
        String order = Api.order(finding, "head-" + dept, Api.today().plusDays(10));

        for (RequestSpecification staff : List.of(handler(dept), head(dept))) {
            staff.get("/api/inspections/" + id).then().statusCode(404).contentType("application/problem+json");
            staff.get("/api/inspections/" + id + "/findings").then().statusCode(404);
            staff.get("/api/inspections/findings/" + finding).then().statusCode(404);
            staff.get("/api/inspections/findings/" + finding + "/orders").then().statusCode(404);
            staff.get("/api/inspections/orders/" + order).then().statusCode(404);
            staff.get("/api/inspections?size=100").then().statusCode(200).body("items.id", not(hasItem(id)));
            staff.get("/api/inspections/findings?size=100").then().statusCode(200).body("items.id", not(hasItem(finding)))
                    .body("total", equalTo(0));
            staff.get("/api/inspections/orders?size=100").then().statusCode(200).body("items.id", not(hasItem(order)))
                    .body("total", equalTo(0));
        }
        head(dept).body(Map.of("text", "完成")).post("/api/inspections/orders/" + order + "/report-done").then().statusCode(404);
        assertEquals(before, count(handler(dept)), "the count excludes it");
        assertEquals(before, count(head(dept)));
        inspector().get("/api/inspections/" + id).then().statusCode(200);
        Api.supervisor().get("/api/inspections/" + id).then().statusCode(200);

        inspector().post("/api/inspections/" + id + "/complete").then().statusCode(200);
        inspector().body(Map.of("summary", "暗访发现窗口纪律松散，已责令整改")).post("/api/inspections/" + id + "/publish")
                .then().statusCode(200);
        for (RequestSpecification staff : List.of(handler(dept), head(dept))) {
            staff.get("/api/inspections/" + id).then().statusCode(200).body("type", equalTo("undercover"));
            staff.get("/api/inspections/findings/" + finding).then().statusCode(200);
            staff.get("/api/inspections/orders/" + order).then().statusCode(200);
            staff.get("/api/inspections/orders?size=100").then().statusCode(200).body("items.id", hasItem(order));
        }
        assertEquals(before + 1, count(handler(dept)));
        io.restassured.RestAssured.given().get("/api/inspections/public/inspections?type=undercover&size=100").then()
                .statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void anUnpublishedUndercoverInspectionIsNotInThePublicColumn() {
        String id = Api.startedInspection("undercover", "planning", null);
        io.restassured.RestAssured.given().get("/api/inspections/public/inspections?size=100").then()
                .statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void leadersSeeTheDashboardAndDepartmentStaffDoNot() {
        long before = Api.leader().get("/api/inspections/dashboard").then().statusCode(200).extract().jsonPath()
                .getLong("inspectionsByType.spot");
        Api.startedInspection("spot", "planning", null);
        Api.leader().get("/api/inspections/dashboard").then().statusCode(200)
                .body("inspectionsByType.spot", equalTo((int) before + 1));
        handler("planning").get("/api/inspections/dashboard").then().statusCode(403);
    }

    private static long count(RequestSpecification who) {
        return who.get("/api/inspections/count").then().statusCode(200).extract().jsonPath().getLong("count");
    }
}
