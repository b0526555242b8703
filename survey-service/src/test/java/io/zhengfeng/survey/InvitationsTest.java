package io.zhengfeng.survey;

import static io.zhengfeng.survey.SurveyApi.anonymous;
import static io.zhengfeng.survey.SurveyApi.answerBody;
import static io.zhengfeng.survey.SurveyApi.answers;
import static io.zhengfeng.survey.SurveyApi.as;
import static io.zhengfeng.survey.SurveyApi.createOpen;
import static io.zhengfeng.survey.SurveyApi.inspector;
import static io.zhengfeng.survey.SurveyApi.printCodes;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/** Solicitation letters: import, personal data, printing, paper returns, reminders, events. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_survey_test"))
class InvitationsTest {
    @Inject
    DataSource db;

    @Test
    void aCsvImportStoresPersonalDataEncryptedAndShowsItMaskedUnlessRevealedWithAudit() throws Exception {
        String id = createOpen("征求意见函导入", "invited");
        String csv = "\uFEFForganisation,name,group,email,address\n"
                + "区发展改革局,李建国,party_government_organ,li.jianguo@example.cn,城关镇人民路88号\n"
                + "\"某某建设有限公司, 第一分公司\",赵敏,enterprise,zhao@example.cn,开发区创业大道1号\n";
        List<String> ids = given().header("Authorization", TestTokens.bearer("inspector", "inspector", null))
                .contentType("text/csv").body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/surveys/" + id + "/invitations").then().statusCode(201)
                .body("[0].name", equalTo("李**")).body("[0].email", equalTo("l***@example.cn"))
                .body("[1].organisation", equalTo("某某建设有限公司, 第一分公司")).extract().jsonPath().getList("id");
        as("supervisor", "supervisor").get("/api/surveys/" + id + "/invitations").then().statusCode(200)
                .body("[0].name", equalTo("李**")).body("[0].address", equalTo("城关镇人****"));
        as("supervisor", "supervisor").get("/api/surveys/" + id + "/invitations/" + ids.get(0)).then().statusCode(403);
        inspector().get("/api/surveys/" + id + "/invitations/" + ids.get(0)).then().statusCode(200)
                .body("name", equalTo("李建国")).body("address", equalTo("城关镇人民路88号"));
        try (Connection c = db.getConnection()) {
            ResultSet rs = c.createStatement().executeQuery("SELECT name_enc, email_enc FROM invitation WHERE id = '" + ids.get(0) + "'");
            rs.next();
            assertFalse(rs.getString(1).contains("李建国"));
            assertFalse(rs.getString(2).contains("example.cn"));
            ResultSet audit = c.createStatement().executeQuery(
                    "SELECT actor FROM audit_entry WHERE action = 'personal_data_read' AND subject_id = '" + ids.get(0) + "'");
            assertTrue(audit.next(), "the reveal is audited");
            assertEquals("inspector", audit.getString(1));
        }
        given().header("Authorization", TestTokens.bearer("inspector", "inspector", null)).contentType("text/csv")
                .body("organisation,name,group\n单位,张三,aliens\n").post("/api/surveys/" + id + "/invitations").then()
                .statusCode(400).body("errors[0].field", equalTo("invitees[0].group"));
    }

    @Test
    void printedLettersAreA4PagesInChineseWithCodeAndQrAndEventsCarryNeitherCodeNorPersonalData() throws Exception {
        String id = createOpen("征求意见函打印", "invited");
        inspector().body(SurveyApi.invitees(3, "cppcc_member")).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        try (TopicReader surveys = new TopicReader(Topics.SURVEYS)) {
            byte[] pdf = inspector().post("/api/surveys/" + id + "/letters").then().statusCode(200).extract().asByteArray();
            List<String> codes;
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertEquals(3, doc.getNumberOfPages());
                assertEquals(595, Math.round(doc.getPage(0).getMediaBox().getWidth()), "A4");
                String text = new PDFTextStripper().getText(doc);
                assertTrue(text.contains("征求意见函") && text.contains("民主评议政风行风") && text.contains("王小0"), text);
                codes = SurveyApi.codesIn(pdf);
            }
            assertEquals(3, codes.size());
            anonymous().body(answerBody(codes.get(0), answers("satisfied", "satisfied", "satisfied", null)))
                    .post("/api/surveys/invited/answers").then().statusCode(201);
            inspector().post("/api/surveys/" + id + "/close").then().statusCode(200);
            List<RecordedEvent> events = surveys.readUntil(all -> all.stream()
                    .anyMatch(e -> id.equals(e.key()) && EventTypes.SURVEY_CLOSED.equals(e.type())), Duration.ofSeconds(20));
            List<RecordedEvent> mine = events.stream().filter(e -> id.equals(e.key())).toList();
            assertEquals(3, mine.stream().filter(e -> EventTypes.SURVEY_INVITATION_SENT.equals(e.type())).count());
            RecordedEvent closed = mine.stream().filter(e -> EventTypes.SURVEY_CLOSED.equals(e.type())).findFirst().orElseThrow();
            assertTrue(closed.value().contains("\"lettersSent\":3") && closed.value().contains("\"lettersReturned\":1")
                    && closed.value().contains("\"satisfactionRate\":100.0"), closed.value());
            for (RecordedEvent e : mine) {
                for (String code : codes) {
                    assertFalse(e.value().contains(code) || e.value().contains(code.replace("-", "")), "no code in " + e.type());
                }
                assertFalse(e.value().contains("王小") || e.value().contains("example.cn") || e.value().contains("幸福路"),
                        "no personal data in " + e.value());
            }
        }
    }

    @Test
    void paperReturnsCountPerGroupAndRemindersGoOnlyToThoseWhoHaveNotAnswered() throws Exception {
        String id = createOpen("纸质回函", "invited");
        inspector().body(SurveyApi.invitees(2, "party_deputy")).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        inspector().body(SurveyApi.invitees(2, "administrative_counterpart")).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        List<String> codes = printCodes(id);
        inspector().body(answerBody(codes.get(0), answers("satisfied", "satisfied", "satisfied", null)))
                .post("/api/surveys/" + id + "/paper-returns").then().statusCode(201).body("channel", equalTo("paper"));
        inspector().body(answerBody(codes.get(0), answers("satisfied", "satisfied", "satisfied", null)))
                .post("/api/surveys/" + id + "/paper-returns").then().statusCode(409);
        as("leader", "leader").body(answerBody(codes.get(1), answers("satisfied", "satisfied", "satisfied", null)))
                .post("/api/surveys/" + id + "/paper-returns").then().statusCode(403);
        inspector().get("/api/surveys/" + id + "/progress").then().statusCode(200)
                .body("responseRate.returned", equalTo(1)).body("responseRate.rate", equalTo(25.0f))
                .body("responseRate.byGroup.find { it.group == 'party_deputy' }.rate", equalTo(50.0f))
                .body("responseRate.byGroup.find { it.group == 'administrative_counterpart' }.rate", equalTo(0.0f));
        try (Connection c = db.getConnection()) {
            // the letters went out 8 days ago (the configured minimum between reminders is 7)
            c.createStatement().executeUpdate("UPDATE invitation SET sent_on = sent_on - INTERVAL 8 DAY WHERE survey_id = '" + id + "'");
            ResultSet audit = c.createStatement().executeQuery(
                    "SELECT actor FROM audit_entry WHERE action = 'paper_return_entered' AND subject_id = '" + id + "'");
            assertTrue(audit.next(), "who keyed in the paper return is recorded");
            assertEquals("inspector", audit.getString(1));
        }
        inspector().post("/api/surveys/" + id + "/reminders").then().statusCode(200).body("reminded", equalTo(3));
        inspector().post("/api/surveys/" + id + "/reminders").then().statusCode(200).body("reminded", equalTo(0));
        List<Integer> reminders = inspector().get("/api/surveys/" + id + "/invitations").then().extract().jsonPath()
                .getList("findAll { it.answered }.reminders");
        assertEquals(List.of(0), reminders, "never a reminder to one who answered");
    }
}
