package io.zhengfeng.system;

import static io.zhengfeng.system.SuiteClient.as;
import static io.zhengfeng.system.SuiteClient.gateway;
import static io.zhengfeng.system.SuiteClient.login;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TopicReader;

/**
 * The seed's case through the gateway: 103 solicitation letters to the seven groups, printed
 * (the PDF holds 103 codes), 60 answered online and 43 keyed in as paper returns; 103/103 came back.
 */
class SurveyIT {
    private static final Pattern CODE = Pattern.compile("答题码：([A-Z2-9]{4}(?:-[A-Z2-9]{2,4}){6})");
    private static final String[] GROUPS = { "party_government_organ", "department", "enterprise", "party_deputy",
            "npc_deputy", "cppcc_member", "administrative_counterpart" };
    /** Letters per group: 15 × 5 + 14 × 2 = 103. */
    private static final int[] PER_GROUP = { 15, 15, 15, 15, 15, 14, 14 };

    @BeforeAll
    static void start() throws Exception {
        SuiteClient.suite();
    }

    @Test
    void theSeedsHundredAndThreeLettersAllComeBackAndTheTalliesMatchTheHandCount() throws Exception {
        String inspector = login("inspector");
        String leader = login("leader");
        String survey = """
                {"title":"2026年度民主评议政风行风征求意见","campaignYear":2026,"audience":"invited","questions":[
                 {"type":"appraisal","text":"您对我局政风行风的总体评价","required":true},
                 {"type":"matrix","text":"请对各科室评议","scale":"appraisal","required":true,
                  "rows":[{"key":"planning","label":"规划管理科"},{"key":"land","label":"土地利用科"}]},
                 {"type":"text","text":"意见和建议","maxLength":500}]}""";
        String id = as(inspector).body(survey).post("/api/surveys").then().statusCode(201).extract().path("id");

        StringBuilder invitees = new StringBuilder("{\"invitees\":[");
        int n = 0;
        for (int g = 0; g < GROUPS.length; g++) {
            for (int k = 0; k < PER_GROUP[g]; k++, n++) {
                invitees.append(n == 0 ? "" : ",").append("""
                        {"organisation":"单位%d","name":"联系人%d","group":"%s","address":"城关镇人民路%d号"}""".formatted(n, n, GROUPS[g], n));
            }
        }
        assertEquals(103, n);
        as(inspector).body(invitees.append("]}").toString()).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        as(inspector).post("/api/surveys/" + id + "/open").then().statusCode(200);

        byte[] pdf = as(inspector).post("/api/surveys/" + id + "/letters").then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        List<String> codes = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(103, doc.getNumberOfPages());
            Matcher m = CODE.matcher(new PDFTextStripper().getText(doc));
            while (m.find()) {
                codes.add(m.group(1));
            }
        }
        assertEquals(103, codes.size());
        assertEquals(103, new HashSet<>(codes).size(), "every letter its own code");

        for (int i = 0; i < 103; i++) {
            String body = "{\"code\":\"" + codes.get(i) + "\",\"answers\":" + sheet(i) + "}";
            if (i < 60) {
                gateway().body(body).post("/api/surveys/invited/answers").then().statusCode(201);
            } else {
                as(inspector).body(body).post("/api/surveys/" + id + "/paper-returns").then().statusCode(201);
            }
            if (i == 0) {
                gateway().body(body).post("/api/surveys/invited/answers").then().statusCode(409);
                as(leader).get("/api/surveys/" + id + "/results").then().statusCode(409);
            }
        }
        as(leader).get("/api/surveys/" + id + "/results").then().statusCode(409);
        JsonPath progress = as(leader).get("/api/surveys/" + id + "/progress").then().statusCode(200).extract().jsonPath();
        assertEquals(103, progress.getInt("answers"));
        assertEquals(103, progress.getInt("responseRate.sent"));
        assertEquals(103, progress.getInt("responseRate.returned"));
        assertEquals(100.0f, progress.getFloat("responseRate.rate"));
        assertEquals(List.of(100.0f, 100.0f, 100.0f, 100.0f, 100.0f, 100.0f, 100.0f), progress.getList("responseRate.byGroup.rate"));

        as(inspector).post("/api/surveys/" + id + "/close").then().statusCode(200);
        JsonPath r = as(leader).get("/api/surveys/" + id + "/results").then().statusCode(200).extract().jsonPath();
        // counted by hand from sheet(i), i = 0..102
        assertEquals(103, r.getInt("answers"));
        assertEquals(List.of(73, 20, 10), r.getList("questions[0].options.count"));
        assertEquals(90.3f, r.getFloat("questions[0].satisfactionRate"));
        assertEquals(List.of(52, 51, 0), r.getList("questions[1].rows[0].options.count"));
        assertEquals(List.of(82, 0, 21), r.getList("questions[1].rows[1].options.count"));
        assertEquals(90.0f, r.getFloat("satisfactionRate"), "278 of 309 ratings");
        assertEquals(60, r.getInt("byChannel.find { it.key == 'online' }.answers"));
        assertEquals(43, r.getInt("byChannel.find { it.key == 'paper' }.answers"));
        assertEquals(15, r.getInt("byGroup.find { it.key == 'enterprise' }.answers"));
    }

    /**
     * The closing instant passes while survey-service is stopped: notification-service's timer fires
     * and publishes the breach, which waits in Kafka; the restarted survey-service closes the survey, once.
     */
    @Test
    void aSurveyWhoseClosingInstantPassedWhileTheServiceWasStoppedIsClosedOnRestartOnce() throws Exception {
        Suite suite = SuiteClient.suite();
        String inspector = login("inspector");
        Instant closes = Instant.now().plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
        String survey = """
                {"title":"停机期间截止","audience":"public","closesAt":"%s",
                 "questions":[{"type":"appraisal","text":"总体评价","required":true}]}""".formatted(closes);
        String id = as(inspector).body(survey).post("/api/surveys").then().statusCode(201).extract().path("id");
        as(inspector).post("/api/surveys/" + id + "/open").then().statusCode(200);
        // notification-service holds the closing timer (from the opened event) before survey-service stops
        Await.until(() -> "PENDING".equals(timerState(suite, id)), Duration.ofSeconds(30));
        suite.surveys.close();
        try {
            Await.until(() -> "FIRED".equals(timerState(suite, id)), Duration.ofSeconds(60));
            assertEquals("open", Suite.query(suite.surveyDb, "SELECT status FROM survey WHERE id = ?", id).get(0)[0],
                    "nobody closed it while survey-service was down");
        } finally {
            suite.surveys.start();
            suite.surveys.awaitReady(Suite.START);
        }
        Await.until(() -> "closed".equals(as(inspector).get("/api/surveys/" + id).then().extract().path("status")),
                Duration.ofSeconds(60));
        try (TopicReader events = new TopicReader(Topics.SURVEYS)) {
            // published after closed, on the same key: once it is on the topic, nothing else is queued before it
            as(inspector).post("/api/surveys/" + id + "/publish").then().statusCode(200);
            List<RecordedEvent> mine = events.readUntil(all -> all.stream().anyMatch(e -> id.equals(e.key())
                    && EventTypes.SURVEY_PUBLISHED.equals(e.type())), Duration.ofSeconds(30));
            assertEquals(1, mine.stream().filter(e -> id.equals(e.key()) && EventTypes.SURVEY_CLOSED.equals(e.type())).count(),
                    "closed exactly once");
        }
    }

    private static String timerState(Suite suite, String surveyId) {
        List<Object[]> rows = Suite.query(suite.notificationDb, "SELECT state FROM timer WHERE subject_type = 'survey' "
                + "AND subject_id = ? AND deadline_kind = 'survey_closing'", surveyId);
        return rows.isEmpty() ? null : (String) rows.get(0)[0];
    }

    /** overall: 7 in 10 满意, 2 基本满意, 1 不满意; planning: even 满意, odd 基本满意; land: every 5th 不满意. */
    private static String sheet(int i) {
        String overall = i % 10 < 7 ? "satisfied" : i % 10 < 9 ? "basically_satisfied" : "dissatisfied";
        String planning = i % 2 == 0 ? "satisfied" : "basically_satisfied";
        String land = i % 5 == 0 ? "dissatisfied" : "satisfied";
        return """
                {"q1":"%s","q2":{"planning":"%s","land":"%s"}}""".formatted(overall, planning, land);
    }
}
