package io.zhengfeng.survey;

import static io.zhengfeng.survey.SurveyApi.anonymous;
import static io.zhengfeng.survey.SurveyApi.as;
import static io.zhengfeng.survey.SurveyApi.inspector;
import static io.zhengfeng.survey.SurveyApi.leader;
import static io.zhengfeng.survey.SurveyApi.survey;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** draft → open → closed → published; questions frozen once open; who may do what. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_survey_test"))
class SurveyLifecycleTest {

    @Test
    void aDraftKeepsEveryQuestionTypeAndGoesThroughItsLifecycle() {
        String id = inspector().body(survey("生命周期", "both", null)).post("/api/surveys").then().statusCode(201)
                .body("status", equalTo("draft")).body("questions", hasSize(8))
                .body("questions[2].minPicks", equalTo(1)).body("questions[2].maxPicks", equalTo(2))
                .body("questions[5].rows[0].label", equalTo("规划管理科"))
                .body("questions[6].showIf.question", equalTo("q2"))
                .body("questions[7].maxLength", equalTo(200)).extract().path("id");
        inspector().body(survey("生命周期（改）", "both", null)).put("/api/surveys/" + id).then().statusCode(200)
                .body("title", equalTo("生命周期（改）"));
        inspector().post("/api/surveys/" + id + "/publish").then().statusCode(409);
        inspector().post("/api/surveys/" + id + "/open").then().statusCode(200).body("status", equalTo("open"));
        inspector().body(survey("太晚了", "both", null)).put("/api/surveys/" + id).then().statusCode(409)
                .contentType("application/problem+json");
        inspector().post("/api/surveys/" + id + "/close").then().statusCode(200).body("status", equalTo("closed"));
        inspector().post("/api/surveys/" + id + "/close").then().statusCode(409);
        inspector().post("/api/surveys/" + id + "/publish").then().statusCode(200).body("status", equalTo("published"));
        leader().get("/api/surveys/" + id).then().statusCode(200).body("status", equalTo("published"));
    }

    @Test
    void onlyTheTaskForceAndAdminManageSurveys() {
        as("handler", "handler").body(survey("越权", "public", null)).post("/api/surveys").then().statusCode(403);
        leader().body(survey("越权", "public", null)).post("/api/surveys").then().statusCode(403);
        anonymous().body(survey("越权", "public", null)).post("/api/surveys").then().statusCode(401);
        as("admin", "admin").body(survey("管理员", "public", null)).post("/api/surveys").then().statusCode(201);
        as("handler", "handler").get("/api/surveys").then().statusCode(403);
    }

    @Test
    void anInconsistentQuestionnaireIsA400NamingTheQuestion() {
        String bad = """
                {"title":"坏问卷","audience":"public","questions":[
                 {"type":"multiple","text":"多选","minPicks":3,"maxPicks":2,"options":[{"key":"a","label":"A"},{"key":"b","label":"B"}]}]}""";
        inspector().body(bad).post("/api/surveys").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("questions[0].maxPicks"));
        String badShowIf = """
                {"title":"坏问卷","audience":"public","questions":[
                 {"type":"text","text":"文字","showIf":{"question":"q2","anyOf":["x"]}},{"type":"appraisal","text":"评价"}]}""";
        inspector().body(badShowIf).post("/api/surveys").then().statusCode(400)
                .body("errors[0].field", equalTo("questions[0].showIf.question"));
        inspector().body("{\"title\":\"x\",\"audience\":\"everyone\",\"questions\":[]}").post("/api/surveys").then()
                .statusCode(400).body("errors[0].field", equalTo("audience"));
        String emptyId = inspector().body("{\"title\":\"空\",\"audience\":\"public\",\"questions\":[]}").post("/api/surveys")
                .then().statusCode(201).extract().path("id");
        inspector().post("/api/surveys/" + emptyId + "/open").then().statusCode(400).body("errors[0].field", equalTo("questions"));
    }
}
