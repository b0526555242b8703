package io.zhengfeng.survey;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.TestTokens;

/** The calls tests make, as the people who make them, and the questionnaire they use. */
final class SurveyApi {
    static final Pattern CODE = Pattern.compile("答题码：([A-Z2-9]{4}(?:-[A-Z2-9]{2,4}){6})");

    static RequestSpecification as(String username, String role) {
        return given().header("Authorization", TestTokens.bearer(username, role, null)).contentType("application/json");
    }

    static RequestSpecification inspector() {
        return as("inspector", "inspector");
    }

    static RequestSpecification leader() {
        return as("leader", "leader");
    }

    static RequestSpecification anonymous() {
        return given().contentType("application/json");
    }

    /** Every question type: choice, multiple (1-2 picks), appraisal, 1-5, 1-10, matrix, text, and a show-if. */
    static final String QUESTIONS = """
            [
             {"type":"single","text":"您的身份","required":true,
              "options":[{"key":"citizen","label":"群众"},{"key":"enterprise","label":"企业"}]},
             {"type":"appraisal","text":"您对我局政风行风的总体评价","required":true},
             {"type":"multiple","text":"您认为需要改进的方面","minPicks":1,"maxPicks":2,
              "options":[{"key":"speed","label":"办事效率"},{"key":"attitude","label":"服务态度"},{"key":"openness","label":"政务公开"}]},
             {"type":"scale5","text":"窗口服务打分"},
             {"type":"scale10","text":"推荐程度"},
             {"type":"matrix","text":"请对各科室评议","scale":"appraisal","required":true,
              "rows":[{"key":"planning","label":"规划管理科"},{"key":"land","label":"土地利用科"}]},
             {"type":"text","text":"不满意的原因","maxLength":50,"showIf":{"question":"q2","anyOf":["dissatisfied"]}},
             {"type":"text","text":"意见和建议","maxLength":200}
            ]""";

    static String survey(String title, String audience, String extra) {
        return """
                {"title":"%s","description":"2026年度民主评议政风行风问卷","campaignYear":2026,"audience":"%s",
                 %s "questions":%s}""".formatted(title, audience, extra == null ? "" : extra + ",", QUESTIONS);
    }

    static String createOpen(String title, String audience) {
        String id = inspector().body(survey(title, audience, null)).post("/api/surveys").then().statusCode(201)
                .extract().path("id");
        inspector().post("/api/surveys/" + id + "/open").then().statusCode(200);
        return id;
    }

    static String answers(String overall, String planning, String land, String suggestion) {
        return """
                {"q1":"citizen","q2":"%s","q3":["speed"],"q4":4,"q5":"9",
                 "q6":{"planning":"%s","land":"%s"}%s%s}""".formatted(overall, planning, land,
                "dissatisfied".equals(overall) ? ",\"q7\":\"办事太慢\"" : "",
                suggestion == null ? "" : ",\"q8\":\"" + suggestion + "\"");
    }

    static String invitees(int n, String group) {
        StringBuilder sb = new StringBuilder("{\"invitees\":[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("""
                    {"organisation":"测试单位%d","name":"王小%d","group":"%s","email":"w%d@example.cn","address":"城关镇幸福路%d号"}"""
                    .formatted(i, i, group, i, i));
        }
        return sb.append("]}").toString();
    }

    /** Prints the letters and reads the codes back out of the PDF, as a mail room would see them. */
    static List<String> printCodes(String surveyId) throws IOException {
        byte[] pdf = inspector().post("/api/surveys/" + surveyId + "/letters").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        return codesIn(pdf);
    }

    static List<String> codesIn(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            List<String> codes = new ArrayList<>();
            Matcher m = CODE.matcher(text);
            while (m.find()) {
                codes.add(m.group(1));
            }
            return codes;
        }
    }

    static String answerBody(String code, String answers) {
        return "{\"code\":\"" + code + "\",\"answers\":" + answers + "}";
    }

    private SurveyApi() {
    }
}
