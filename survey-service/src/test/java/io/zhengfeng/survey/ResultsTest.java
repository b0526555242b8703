package io.zhengfeng.survey;

import static io.zhengfeng.survey.SurveyApi.anonymous;
import static io.zhengfeng.survey.SurveyApi.answerBody;
import static io.zhengfeng.survey.SurveyApi.answers;
import static io.zhengfeng.survey.SurveyApi.as;
import static io.zhengfeng.survey.SurveyApi.createOpen;
import static io.zhengfeng.survey.SurveyApi.inspector;
import static io.zhengfeng.survey.SurveyApi.leader;
import static io.zhengfeng.survey.SurveyApi.printCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Tallies, percentages, satisfaction rates, breakdowns and exports against a hand-counted fixture. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_survey_test"))
class ResultsTest {
    /** group, channel, overall, planning, land, suggestion — counted by hand in the assertions below. */
    private static final String[][] FIXTURE = {
            { "enterprise", "online", "satisfied", "satisfied", "satisfied", "请加快审批，联系电话13812345678" },
            { "enterprise", "online", "satisfied", "basically_satisfied", "dissatisfied", null },
            { "enterprise", "online", "basically_satisfied", "satisfied", "satisfied", null },
            { "enterprise", "online", "dissatisfied", "dissatisfied", "basically_satisfied", null },
            { "npc_deputy", "paper", "satisfied", "satisfied", "satisfied", null },
            { "npc_deputy", "paper", "satisfied", "satisfied", "basically_satisfied", null },
            { "npc_deputy", "paper", "satisfied", "basically_satisfied", "satisfied", "窗口服务很好" },
            { "department", "online", "basically_satisfied", "satisfied", "dissatisfied", null },
            { "department", "online", "dissatisfied", "dissatisfied", "dissatisfied", null },
            { "department", "online", "satisfied", "satisfied", "satisfied", null },
    };

    @Test
    void talliesAreHiddenWhileOpenAndMatchTheHandCountAfterClosing() throws Exception {
        String id = createOpen("结果统计", "invited");
        for (String group : List.of("enterprise", "npc_deputy", "department")) {
            long n = java.util.Arrays.stream(FIXTURE).filter(f -> f[0].equals(group)).count();
            inspector().body(SurveyApi.invitees((int) n, group)).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        }
        // letters are numbered in import order, so code i belongs to fixture row i
        List<String> codes = printCodes(id);
        assertEquals(FIXTURE.length, codes.size());
        for (int i = 0; i < FIXTURE.length; i++) {
            String[] f = FIXTURE[i];
            String sheet = answers(f[2], f[3], f[4], f[5]);
            if (f[1].equals("paper")) {
                inspector().body(answerBody(codes.get(i), sheet)).post("/api/surveys/" + id + "/paper-returns").then().statusCode(201);
            } else {
                anonymous().body(answerBody(codes.get(i), sheet)).post("/api/surveys/invited/answers").then().statusCode(201);
            }
        }
        leader().get("/api/surveys/" + id + "/results").then().statusCode(409).contentType("application/problem+json");
        leader().get("/api/surveys/" + id + "/results.csv").then().statusCode(409);
        as("supervisor", "supervisor").get("/api/surveys/" + id + "/progress").then().statusCode(200)
                .body("answers", org.hamcrest.Matchers.equalTo(10));
        inspector().post("/api/surveys/" + id + "/close").then().statusCode(200);

        JsonPath r = leader().get("/api/surveys/" + id + "/results").then().statusCode(200).extract().jsonPath();
        assertEquals(10, r.getInt("answers"));
        assertEquals(76.7f, r.getFloat("satisfactionRate"), "23 of 30 appraisal ratings are 满意 or 基本满意");
        assertEquals(List.of(6, 2, 2), r.getList("questions[1].options.count"));
        assertEquals(List.of(60.0f, 20.0f, 20.0f), r.getList("questions[1].options.percent"));
        assertEquals(80.0f, r.getFloat("questions[1].satisfactionRate"));
        assertEquals(List.of(10, 0, 0), r.getList("questions[2].options.count"));
        assertEquals(4.0f, r.getFloat("questions[3].average"));
        assertEquals(9.0f, r.getFloat("questions[4].average"));
        assertEquals(List.of(6, 2, 2), r.getList("questions[5].rows[0].options.count"));
        assertEquals(80.0f, r.getFloat("questions[5].rows[0].satisfactionRate"), "规划管理科");
        assertEquals(List.of(5, 2, 3), r.getList("questions[5].rows[1].options.count"));
        assertEquals(70.0f, r.getFloat("questions[5].rows[1].satisfactionRate"), "土地利用科");
        assertEquals(2, r.getInt("questions[6].answered"), "the show-if text only for the dissatisfied");
        Map<String, Map<String, Object>> groups = byKey(r.getList("byGroup"));
        assertEquals(4, groups.get("enterprise").get("answers"));
        assertEquals(75.0f, groups.get("enterprise").get("satisfactionRate"));
        assertEquals(100.0f, groups.get("npc_deputy").get("satisfactionRate"));
        assertEquals(55.6f, groups.get("department").get("satisfactionRate"));
        Map<String, Map<String, Object>> channels = byKey(r.getList("byChannel"));
        assertEquals(3, channels.get("paper").get("answers"));
        assertEquals(66.7f, channels.get("online").get("satisfactionRate"));
        assertEquals(100.0f, r.getFloat("responseRate.rate"));
        assertEquals(List.of(100.0f, 100.0f, 100.0f), r.getList("responseRate.byGroup.rate"));

        List<String> texts = leader().get("/api/surveys/" + id + "/results/texts?question=q8").then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertEquals(2, texts.size());
        assertTrue(texts.contains("请加快审批，联系电话[电话已隐去]"), texts.toString());

        byte[] csv = leader().get("/api/surveys/" + id + "/results.csv").then().statusCode(200).extract().asByteArray();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(csv[0], csv[1], csv[2]), "UTF-8 BOM for Excel");
        try (CSVParser parser = CSVParser.parse(new StringReader(new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8)),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            assertEquals(List.of("题号", "题目", "评议对象", "选项", "票数", "百分比", "满意率", "平均分"), parser.getHeaderNames());
            List<CSVRecord> rows = parser.getRecords();
            CSVRecord landDissatisfied = rows.stream().filter(x -> x.get("评议对象").equals("土地利用科") && x.get("选项").equals("不满意"))
                    .findFirst().orElseThrow();
            assertEquals("3", landDissatisfied.get("票数"));
            assertEquals("请对各科室评议", landDissatisfied.get("题目"));
        }
        as("handler", "handler").get("/api/surveys/" + id + "/results").then().statusCode(403);
    }

    @Test
    void sixteenConcurrentClientsLoseNoAnswer() throws Exception {
        String id = createOpen("并发", "public");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String overall = i % 4 == 0 ? "dissatisfied" : "satisfied";
            String body = "{\"ballotId\":\"" + UUID.randomUUID() + "\",\"answers\":" + answers(overall, "satisfied", "satisfied", null) + "}";
            results.add(pool.submit(() -> anonymous().body(body).post("/api/surveys/public/" + id + "/ballots").statusCode()));
        }
        for (Future<Integer> f : results) {
            assertEquals(201, f.get());
        }
        pool.shutdown();
        inspector().post("/api/surveys/" + id + "/close").then().statusCode(200);
        JsonPath r = leader().get("/api/surveys/" + id + "/results").then().statusCode(200).extract().jsonPath();
        assertEquals(64, r.getInt("answers"));
        assertEquals(List.of(48, 0, 16), r.getList("questions[1].options.count"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> byKey(List<Object> rows) {
        Map<String, Map<String, Object>> out = new java.util.HashMap<>();
        rows.forEach(o -> out.put((String) ((Map<String, Object>) o).get("key"), (Map<String, Object>) o));
        return out;
    }
}
