package io.zhengfeng.inspection;

import static io.zhengfeng.inspection.Api.inspector;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** A campaign: plan, leading group and task force, the seed's four phases by default, the current phase. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_inspection_test"))
class CampaignTest {

    @Test
    void aNewCampaignHasTheFourPhasesAndStartsWithMobilisation() {
        String id = inspector().body(Map.of("year", 2026, "title", "2026年民主评议政风行风", "planText", "指导思想：……",
                "leadingGroup", List.of(Map.of("username", "leader", "duty", "组长")),
                "taskForce", List.of(Map.of("username", "inspector"))))
                .post("/api/inspections/campaigns").then().statusCode(201)
                .body("phases.name", contains("宣传发动", "自查自评", "整改", "总结"))
                .body("currentPhase", equalTo("mobilisation"))
                .body("leadingGroup[0].username", equalTo("leader"))
                .body("taskForce[0].username", equalTo("inspector"))
                .extract().path("id");
        inspector().body(Map.of("phase", "self_inspection")).post("/api/inspections/campaigns/" + id + "/phase")
                .then().statusCode(200).body("currentPhase", equalTo("self_inspection"));
        inspector().body(Map.of("phase", "nonsense")).post("/api/inspections/campaigns/" + id + "/phase")
                .then().statusCode(400).body("errors[0].field", equalTo("phase"));
        Api.head("planning").get("/api/inspections/campaigns/" + id).then().statusCode(200)
                .body("currentPhase", equalTo("self_inspection"));
    }

    @Test
    void phasesAreConfigurableAndAHandlerCannotCreateACampaign() {
        inspector().body(Map.of("year", 2026, "title", "专项", "phases", List.of(
                Map.of("code", "a", "name", "自查", "startsOn", "2026-03-01", "endsOn", "2026-04-30"),
                Map.of("code", "b", "name", "总结"))))
                .post("/api/inspections/campaigns").then().statusCode(201).body("phases.code", contains("a", "b"))
                .body("phases[0].startsOn", equalTo("2026-03-01"));
        inspector().body(Map.of("year", 2026, "title", "x", "phases", List.of(
                Map.of("code", "a", "name", "A", "startsOn", "2026-04-01", "endsOn", "2026-03-01"))))
                .post("/api/inspections/campaigns").then().statusCode(400).body("errors[0].field", equalTo("phases[0].endsOn"));
        Api.handler("land").body(Map.of("year", 2026, "title", "x")).post("/api/inspections/campaigns").then().statusCode(403);
        inspector().get("/api/inspections/campaigns?size=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("size", equalTo(1));
        inspector().get("/api/inspections/campaigns?size=1000").then().statusCode(400).body("errors[0].field", equalTo("size"));
    }
}
