package io.zhengfeng.inspection;

import static io.zhengfeng.inspection.Api.inspector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.ComplaintEvent;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.SurveyEvent;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestEvents;

/**
 * The campaign's report opens in Word's format with the seed's four headings in order, and its
 * figures equal what was seeded: survey-service's closed survey (103 letters sent, 103 returned),
 * complaint-service's messages, the supervisors, inspections, findings and orders. Year 2031 keeps
 * this campaign's figures apart from the other tests' data.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_inspection_test"))
class SelfInspectionReportTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final int YEAR = 2031;

    @Test
    void theDocxHasTheSeedsFourHeadingsInOrderAndTheSeededFigures() throws Exception {
        String campaign = inspector().body(Map.of("year", YEAR, "title", YEAR + "年民主评议政风行风",
                "leadingGroup", List.of(Map.of("username", "leader", "duty", "组长")),
                "taskForce", List.of(Map.of("username", "inspector")),
                "reportCauses", "（一）有针对性地教育工作稍显滞后。\n（二）积极适应新形势、新要求的举措不多。",
                "reportNextSteps", "一是深入研究，创造性开展工作。"))
                .post("/api/inspections/campaigns").then().statusCode(201).extract().path("id");
        seedSurveys();
        seedComplaints();
        for (int n = 0; n < 10; n++) {
            Api.leader().body(Map.of("name", "监督员" + n, "organisation", "区人大代表", "termStart", YEAR + "-01-01",
                    "termEnd", YEAR + "-12-31", "contact", "1381234000" + n)).post("/api/inspections/supervisors").then().statusCode(201);
        }
        String peer = planIn(campaign, Map.of("type", "peer", "targetDepartment", "planning", "inspectingDepartment", "land"));
        String self = planIn(campaign, Map.of("type", "self", "targetDepartment", "land"));
        planIn(campaign, Map.of("type", "undercover", "targetDepartment", "land"));
        String f1 = Api.finding(peer, 4, "窗口人员服务态度生硬");
        Api.finding(peer, 5, "个别办件拖延");
        Api.finding(self, 5, "审批环节多，效率不高");
        String done = Api.order(f1, "head-planning", Api.today().plusDays(10));
        Api.order(f1, "handler-planning", Api.today().plusDays(10));
        Api.head("planning").body(Map.of("text", "已培训")).post("/api/inspections/orders/" + done + "/report-done").then().statusCode(200);
        inspector().body(Map.of("effective", true)).post("/api/inspections/orders/" + done + "/verify").then().statusCode(200);

        Await.until(() -> {
            String html = inspector().get("/api/inspections/campaigns/" + campaign + "/report.html").then().statusCode(200).extract().asString();
            return html.contains("发放征求意见函103份") && html.contains("满意") && html.contains("收到群众诉求3件");
        }, Duration.ofSeconds(30));

        byte[] docx = inspector().get("/api/inspections/campaigns/" + campaign + "/report.docx").then().statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.wordprocessingml.document").extract().asByteArray();
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(docx))) {
            List<XWPFParagraph> paragraphs = doc.getParagraphs();
            List<String> headings = paragraphs.stream().filter(p -> "Heading1".equals(p.getStyle())).map(XWPFParagraph::getText).toList();
            assertEquals(List.of("一、主要工作做法", "二、存在的问题", "三、存在问题的主要原因", "四、下步工作打算"), headings);
            List<String> parts = paragraphs.stream().filter(p -> "Heading2".equals(p.getStyle())).map(XWPFParagraph::getText).toList();
            assertEquals(5, parts.size(), "一、has five parts: " + parts);
            assertTrue(parts.get(0).startsWith("（一）领导高度重视") && parts.get(4).startsWith("（五）积极开展自查"), parts.toString());
            String text = String.join("\n", paragraphs.stream().map(XWPFParagraph::getText).toList());
            assertContains(text, "发放征求意见函103份，回收103份，满意率97.1%（共1次问卷调查）");
            assertContains(text, "收到群众诉求3件，已答复2件，按时答复1件，按时答复率50.0%；回访评价2件，满意1件，满意率50.0%");
            assertContains(text, "聘请政风行风监督员10名");
            assertContains(text, "开展检查3次，其中自查1次、横向互查1次、纵向抽查0次、明查0次、暗访1次");
            assertContains(text, "查找问题3个");
            assertContains(text, "四查服务态度和服务质量1个；五查办事效率2个");
            assertContains(text, "下达整改通知2件，已整改完成并经验证有效1件，其中按期完成1件；逾期督办0件");
            assertContains(text, "窗口人员服务态度生硬");
            assertContains(text, "有针对性地教育工作稍显滞后");
            assertContains(text, "成立政风行风建设领导小组，成员1人");
            int problems = text.indexOf("二、存在的问题");
            int causes = text.indexOf("三、存在问题的主要原因");
            assertTrue(problems < text.indexOf("审批环节多，效率不高") && text.indexOf("审批环节多，效率不高") < causes);
        }
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), "report lacks «" + expected + "»:\n" + text);
    }

    private static String planIn(String campaign, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("campaignId", campaign);
        String id = inspector().body(body).post("/api/inspections").then().statusCode(201).extract().path("id");
        inspector().post("/api/inspections/" + id + "/start").then().statusCode(200);
        return id;
    }

    /** survey-service's closed event as it publishes it (the shared contract), plus a field a newer version added. */
    private static void seedSurveys() {
        UUID survey = UUID.randomUUID();
        SurveyEvent closed = new SurveyEvent(survey, "征求意见函", YEAR, "invited", "closed", "open", List.of(),
                new SurveyEvent.Summary(103, 103, 103, 103, 0, 0.9709), Instant.parse(YEAR + "-06-30T10:00:00Z"));
        Map<String, Object> payload = new LinkedHashMap<>(JSON.convertValue(closed, Map.class));
        payload.put("somethingNew", Map.of("x", 1));
        TestEvents.send(Topics.SURVEYS, EventTypes.SURVEY_CLOSED, Sources.SURVEY_SERVICE, survey, payload);
        // another year's survey does not count
        UUID other = UUID.randomUUID();
        TestEvents.send(Topics.SURVEYS, EventTypes.SURVEY_CLOSED, Sources.SURVEY_SERVICE, other,
                new SurveyEvent(other, "去年", YEAR - 1, "invited", "closed", "open", List.of(),
                        new SurveyEvent.Summary(50, 40, 40, 40, 0, 0.9), Instant.parse((YEAR - 1) + "-06-30T10:00:00Z")));
    }

    /** Three messages: one answered on time and rated satisfied, one answered late and rated dissatisfied, one open. */
    private static void seedComplaints() {
        Instant start = Instant.parse(YEAR + "-03-02T02:00:00Z");
        Instant due = Instant.parse(YEAR + "-03-09T10:00:00Z");
        for (int n = 0; n < 3; n++) {
            UUID id = UUID.randomUUID();
            send(id, EventTypes.COMPLAINT_SUBMITTED, "submitted", List.of(), start);
            send(id, EventTypes.COMPLAINT_ACCEPTED, "accepted", List.of(new Deadline(Deadline.REPLY, start, due)), start.plusSeconds(60));
            if (n == 0) {
                send(id, EventTypes.COMPLAINT_REPLIED, "replied", List.of(), due.minusSeconds(3600));
                send(id, EventTypes.COMPLAINT_RATED, "closed", List.of(), due.plusSeconds(3600));
            } else if (n == 1) {
                send(id, EventTypes.COMPLAINT_REPLIED, "replied", List.of(), due.plusSeconds(3600));
                send(id, EventTypes.COMPLAINT_RATED, "replied", List.of(), due.plusSeconds(7200));
            }
        }
    }

    private static void send(UUID id, String type, String status, List<Deadline> open, Instant at) {
        TestEvents.send(Topics.COMPLAINTS, type, Sources.COMPLAINT_SERVICE, id,
                new ComplaintEvent(id, "ZF-" + id.toString().substring(0, 6), "complaint", "web", "urban_planning", status,
                        null, "planning", "planning", false, open, at));
    }
}
