package io.zhengfeng.survey;

import static io.zhengfeng.survey.SurveyApi.anonymous;
import static io.zhengfeng.survey.SurveyApi.answerBody;
import static io.zhengfeng.survey.SurveyApi.createOpen;
import static io.zhengfeng.survey.SurveyApi.inspector;
import static io.zhengfeng.survey.SurveyApi.printCodes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/**
 * With full access to the survey schema, a database administrator cannot link an answer to the
 * letter it came from better than chance: each of 50 invitees answers with a marker only the test
 * knows, then the test tries every shared column as a join and every column as an ordering.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_survey_test"))
class AnonymityTest {
    private static final int N = 50;

    @Inject
    DataSource db;

    @Test
    void noJoinOrOrderingOverTheSchemaLinksAnAnswerToItsInvitationBetterThanChance() throws Exception {
        String id = createOpen("匿名性", "invited");
        inspector().body(SurveyApi.invitees(N, "enterprise")).post("/api/surveys/" + id + "/invitations").then().statusCode(201);
        List<String> codes = printCodes(id);
        assertEquals(N, codes.size());
        Map<String, String> markerOfLetter = new HashMap<>();
        List<String> letters = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            ResultSet rs = c.createStatement().executeQuery("SELECT letter_no FROM invitation WHERE survey_id = '" + id + "' ORDER BY letter_no");
            while (rs.next()) {
                letters.add(rs.getString(1));
            }
        }
        for (int i = 0; i < N; i++) {
            String marker = "marker-" + i;
            markerOfLetter.put(letters.get(i), marker);
            String sheet = """
                    {"q1":"citizen","q2":"satisfied","q6":{"planning":"satisfied","land":"satisfied"},"q8":"%s"}""".formatted(marker);
            anonymous().body(answerBody(codes.get(i), sheet)).post("/api/surveys/invited/answers").then().statusCode(201);
        }

        try (Connection c = db.getConnection()) {
            List<Map<String, Object>> invitations = rows(c, "SELECT * FROM invitation WHERE survey_id = '" + id + "'");
            List<Map<String, Object>> responses = rows(c, "SELECT * FROM response WHERE survey_id = '" + id + "'");
            assertEquals(N, responses.size());
            // 1. no value of an answer row (other than the survey and the day) appears in any invitation row
            Set<Object> invitationValues = new HashSet<>();
            invitations.forEach(r -> r.forEach((k, v) -> {
                if (!k.equals("survey_id") && !k.equals("answered_on") && v != null) {
                    invitationValues.add(v.toString());
                }
            }));
            for (Map<String, Object> r : responses) {
                for (Map.Entry<String, Object> e : r.entrySet()) {
                    if (!e.getKey().equals("survey_id") && !e.getKey().equals("answered_on") && e.getValue() != null
                            && !e.getKey().equals("pool") && !e.getKey().equals("has_text")) {
                        assertFalse(invitationValues.contains(e.getValue().toString()), "response." + e.getKey() + " joins an invitation");
                    }
                }
                assertFalse(r.containsKey("invitation_id") || r.containsKey("token_hash") || r.containsKey("answered_at"));
                assertTrue(r.get("answered_on") instanceof java.sql.Date, "day precision only");
            }
            // 2. no time finer than the day on an invitation, no foreign key from the answers
            for (String column : invitations.get(0).keySet()) {
                Object v = invitations.get(0).get(column);
                assertFalse(v instanceof java.sql.Timestamp, "invitation." + column + " is a timestamp");
            }
            ResultSet fks = c.createStatement().executeQuery("SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE "
                    + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'response' AND REFERENCED_TABLE_NAME IS NOT NULL");
            fks.next();
            assertEquals(0, fks.getInt(1));
            // 3. every ordering of answers against every ordering of letters (and the physical order) matches ~ chance
            List<String> responseOrders = List.of("", " ORDER BY id", " ORDER BY answered_on, id", " ORDER BY id DESC");
            List<String> invitationOrders = List.of("", " ORDER BY id", " ORDER BY letter_no", " ORDER BY token_hash",
                    " ORDER BY answered_on, letter_no", " ORDER BY letter_no DESC");
            int worst = 0;
            for (String ro : responseOrders) {
                List<String> markers = new ArrayList<>();
                for (Map<String, Object> r : rows(c, "SELECT answers FROM response WHERE survey_id = '" + id + "'" + ro)) {
                    String json = r.get("answers").toString();
                    markers.add(json.substring(json.indexOf("marker-"), json.indexOf('"', json.indexOf("marker-"))));
                }
                for (String io : invitationOrders) {
                    List<Map<String, Object>> inv = rows(c, "SELECT letter_no FROM invitation WHERE survey_id = '" + id + "'" + io);
                    int hits = 0;
                    for (int i = 0; i < N; i++) {
                        if (markers.get(i).equals(markerOfLetter.get(inv.get(i).get("letter_no").toString()))) {
                            hits++;
                        }
                    }
                    worst = Math.max(worst, hits);
                }
            }
            // chance is 1 expected hit per pairing; answering in letter order would give 50
            assertTrue(worst <= 6, "an ordering linked " + worst + " of " + N + " answers to their letters");
        }
    }

    private static List<Map<String, Object>> rows(Connection c, String sql) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                out.add(row);
            }
        }
        return out;
    }
}
