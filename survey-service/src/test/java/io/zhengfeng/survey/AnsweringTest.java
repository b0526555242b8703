package io.zhengfeng.survey;

import static io.zhengfeng.survey.SurveyApi.anonymous;
import static io.zhengfeng.survey.SurveyApi.answerBody;
import static io.zhengfeng.survey.SurveyApi.answers;
import static io.zhengfeng.survey.SurveyApi.createOpen;
import static io.zhengfeng.survey.SurveyApi.inspector;
import static io.zhengfeng.survey.SurveyApi.invitees;
import static io.zhengfeng.survey.SurveyApi.leader;
import static io.zhengfeng.survey.SurveyApi.printCodes;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Invited answers with a one-use code, public ballots, and validation that names the question. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_survey_test"))
class AnsweringTest {

    @Test
    void aLetterCodeAnswersOnceThenIs409AndAnUnknownCodeIs404() throws Exception {
        String id = createOpen("一次性答题码", "invited");
        inspector().body(invitees(2, "enterprise")).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        List<String> codes = printCodes(id);
        assertEquals(2, codes.size());
        anonymous().body("{\"code\":\"" + codes.get(0) + "\"}").post("/api/surveys/invited/questionnaire").then()
                .statusCode(200).body("id", equalTo(id));
        String sheet = answers("satisfied", "satisfied", "basically_satisfied", null);
        anonymous().body(answerBody(codes.get(0), sheet)).post("/api/surveys/invited/answers").then().statusCode(201);
        anonymous().body(answerBody(codes.get(0), sheet)).post("/api/surveys/invited/answers").then().statusCode(409)
                .contentType("application/problem+json");
        // typed back from paper in lower case without dashes: the same code, still used
        anonymous().body(answerBody(codes.get(0).replace("-", "").toLowerCase(), sheet)).post("/api/surveys/invited/answers")
                .then().statusCode(409);
        anonymous().body(answerBody("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GG", sheet)).post("/api/surveys/invited/answers").then()
                .statusCode(404).contentType("application/problem+json");
        inspector().get("/api/surveys/" + id + "/progress").then().statusCode(200).body("answers", equalTo(1))
                .body("responseRate.returned", equalTo(1)).body("responseRate.sent", equalTo(2));
    }

    @Test
    void anAnswerThatBreaksTheQuestionnaireIsA400NamingTheQuestionAndUsesNothingUp() throws Exception {
        String id = createOpen("校验", "invited");
        inspector().body(invitees(1, "department")).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        String code = printCodes(id).get(0);
        String[][] cases = {
                { "{\"q2\":\"satisfied\",\"q6\":{\"planning\":\"satisfied\",\"land\":\"satisfied\"}}", "answers.q1" },
                { answers("satisfied", "satisfied", "satisfied", null).replace("[\"speed\"]", "[\"nope\"]"), "answers.q3" },
                { answers("satisfied", "satisfied", "satisfied", null).replace("[\"speed\"]", "[\"speed\",\"attitude\",\"openness\"]"), "answers.q3" },
                { answers("satisfied", "satisfied", "satisfied", null).replace("\"q4\":4", "\"q4\":6"), "answers.q4" },
                { answers("satisfied", "satisfied", "satisfied", null).replace(",\"land\":\"satisfied\"", ""), "answers.q6" },
                { answers("satisfied", "satisfied", "satisfied", null).replace("}}", "},\"q7\":\"不该出现\"}"), "answers.q7" },
                { answers("satisfied", "satisfied", "satisfied", "长".repeat(201)), "answers.q8" },
                { answers("satisfied", "satisfied", "great", null), "answers.q6.land" },
        };
        for (String[] c : cases) {
            anonymous().body(answerBody(code, c[0])).post("/api/surveys/invited/answers").then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo(c[1]));
        }
        anonymous().body(answerBody(code, answers("dissatisfied", "dissatisfied", "satisfied", "好"))).post("/api/surveys/invited/answers")
                .then().statusCode(201);
    }

    @Test
    void aPublicBallotAnswersOnceAndIsTalliedApartFromInvitedAnswers() throws Exception {
        String id = createOpen("公开投票", "both");
        inspector().body(invitees(1, "npc_deputy")).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        String code = printCodes(id).get(0);
        anonymous().body(answerBody(code, answers("satisfied", "satisfied", "satisfied", null))).post("/api/surveys/invited/answers")
                .then().statusCode(201);
        String ballot = UUID.randomUUID().toString();
        String body = "{\"ballotId\":\"" + ballot + "\",\"answers\":" + answers("dissatisfied", "dissatisfied", "dissatisfied", null) + "}";
        anonymous().body(body).post("/api/surveys/public/" + id + "/ballots").then().statusCode(201);
        anonymous().body(body).post("/api/surveys/public/" + id + "/ballots").then().statusCode(409);
        anonymous().body("{\"ballotId\":\"short\",\"answers\":{}}").post("/api/surveys/public/" + id + "/ballots").then()
                .statusCode(400).body("errors[0].field", equalTo("ballotId"));
        leader().get("/api/surveys/" + id + "/results").then().statusCode(409);
        inspector().post("/api/surveys/" + id + "/close").then().statusCode(200);
        leader().get("/api/surveys/" + id + "/results?pool=invited").then().statusCode(200).body("answers", equalTo(1))
                .body("satisfactionRate", equalTo(100.0f));
        leader().get("/api/surveys/" + id + "/results?pool=public").then().statusCode(200).body("answers", equalTo(1))
                .body("satisfactionRate", equalTo(0.0f));
        leader().get("/api/surveys/" + id + "/results?pool=all").then().statusCode(200).body("answers", equalTo(2))
                .body("satisfactionRate", equalTo(50.0f));
        anonymous().get("/api/surveys/public/" + id + "/results").then().statusCode(404);
        inspector().post("/api/surveys/" + id + "/publish").then().statusCode(200);
        anonymous().get("/api/surveys/public/" + id + "/results?pool=public").then().statusCode(200).body("answers", equalTo(1));
    }
}
