package io.zhengfeng.inspection;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.inspection.Api.inspector;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.inspection.persistence.SupervisorEntity;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Supervisors' personal data encrypted and masked; their findings go the inspectors' way; the public column is redacted. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_inspection_test"))
class SupervisorsAndPublicColumnTest {

    @Test
    void aSupervisorsNameAndContactAreEncryptedAtRestShownToLeadersAndMaskedForOthers() {
        String id = Api.leader().body(Map.of("name", "王建国", "organisation", "区政协", "termStart", "2026-01-01",
                "termEnd", "2027-12-31", "contact", "13912345678", "username", "supervisor"))
                .post("/api/inspections/supervisors").then().statusCode(201).body("name", equalTo("王建国"))
                .body("masked", equalTo(false)).extract().path("id");
        SupervisorEntity row = QuarkusTransaction.requiringNew().call(() -> SupervisorEntity.findById(id));
        assertFalse(row.nameEnc.contains("王建国") || row.contactEnc.contains("13912345678"), "ciphertext only");
        inspector().get("/api/inspections/supervisors/" + id).then().statusCode(200).body("name", equalTo("王**"))
                .body("contact", equalTo("139****5678")).body("masked", equalTo(true));
        Api.handler("planning").get("/api/inspections/supervisors").then().statusCode(403);
        Api.leader().body(Map.of("name", "x", "organisation", "y", "termStart", "2027-01-01", "termEnd", "2026-01-01"))
                .post("/api/inspections/supervisors").then().statusCode(400).body("errors[0].field", equalTo("termEnd"));
    }

    @Test
    void aSupervisorsVisitYieldsAFindingThatIsRectifiedAndVerifiedLikeAnInspectorsOne() {
        String id = Api.leader().body(Map.of("name", "李明", "organisation", "区人大", "termStart", "2026-01-01",
                "termEnd", "2027-12-31", "username", "supervisor-li"))
                .post("/api/inspections/supervisors").then().statusCode(201).extract().path("id");
        var li = Api.as("supervisor-li", "supervisor", null);
        String visit = li.body(Map.of("kind", "visit", "occurredOn", "2026-06-01", "department", "planning",
                "content", "走访规划窗口，群众反映排队时间长")).post("/api/inspections/supervisors/" + id + "/activities")
                .then().statusCode(201).extract().path("id");
        Api.as("supervisor-other", "supervisor", null).body(Map.of("kind", "talk", "occurredOn", "2026-06-01", "content", "x"))
                .post("/api/inspections/supervisors/" + id + "/activities").then().statusCode(403);
        String finding = Api.as("supervisor-li", "supervisor", null).body(Map.of("itemId", Api.itemId(5), "severity", "minor",
                "description", "窗口排队时间长")).post("/api/inspections/supervisors/" + id + "/activities/" + visit + "/findings")
                .then().statusCode(201).body("activityId", equalTo(visit)).body("responsibleDepartment", equalTo("planning"))
                .extract().path("id");
        String order = Api.order(finding, "head-planning", Api.today().plusDays(5));
        Api.head("planning").get("/api/inspections/findings/" + finding).then().statusCode(200);
        Api.head("planning").body(Map.of("text", "增设窗口")).post("/api/inspections/orders/" + order + "/report-done").then().statusCode(200);
        inspector().body(Map.of("effective", true)).post("/api/inspections/orders/" + order + "/verify").then().statusCode(200);
        inspector().get("/api/inspections/findings/" + finding).then().body("status", equalTo("closed"));
    }

    @Test
    void thePublicColumnShowsUpdatesAndSelfFoundProblemsRedactedWithoutAToken() {
        String inspection = inspector().body(Map.of("type", "self", "targetDepartment", "land")).post("/api/inspections")
                .then().statusCode(201).extract().path("id");
        inspector().post("/api/inspections/" + inspection + "/start").then().statusCode(200);
        String finding = inspector().body(Map.of("itemId", Api.itemId(3), "severity", "minor", "responsiblePerson", "张科长",
                "description", "文件积压，群众致电13812341234催办")).post("/api/inspections/" + inspection + "/findings")
                .then().statusCode(201).body("selfFound", equalTo(true)).extract().path("id");
        Api.order(finding, "head-land", Api.today().plusDays(5));
        given().get("/api/inspections/public/problems?size=100").then().statusCode(200)
                .body("items.findingId", hasItem(finding))
                .body(not(containsString("13812341234"))).body(not(containsString("张科长"))).body(not(containsString("head-land")))
                .body(containsString("[电话已隐去]"));
        inspector().body(Map.of("title", "分局召开政风行风动员大会", "body", "咨询电话 02786840030")).post("/api/inspections/public/updates")
                .then().statusCode(201);
        given().get("/api/inspections/public/updates").then().statusCode(200).body("items[0].title", equalTo("分局召开政风行风动员大会"))
                .body("items[0].body", not(containsString("02786840030")));
        given().contentType("application/json").body(Map.of("title", "x", "body", "y")).post("/api/inspections/public/updates")
                .then().statusCode(401);
    }
}
