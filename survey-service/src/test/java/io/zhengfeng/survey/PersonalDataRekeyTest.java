package io.zhengfeng.survey;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.survey.SurveyApi.createOpen;
import static io.zhengfeng.survey.SurveyApi.inspector;
import static io.zhengfeng.survey.SurveyApi.invitees;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.platform.pii.RekeyJob;
import io.zhengfeng.platform.pii.RekeyRunner;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RekeyProgress;
import io.zhengfeng.testing.SealedColumns;
import io.zhengfeng.testing.TestTokens;

/**
 * After a key rotation (old keys still listed, new key active) the admin's re-encryption job leaves
 * every invitee's name, e-mail and address under the new key and decrypting to what it was; a run
 * stopped part-way (a value under a key this instance does not hold, past the first batch) keeps what
 * its finished batches did and, asked again, continues from its saved cursor; two workers on one run
 * never take the same batch; every step is in the audit trail.
 */
@QuarkusTest
@TestProfile(PersonalDataRekeyTest.RotatedKeys.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_survey_test"))
class PersonalDataRekeyTest {
    static final String OLD = "rot-old:" + SealedColumns.key('o');
    static final String NEW = "rot-new:" + SealedColumns.key('n');
    /** The local key the other test classes sealed with: their invitations are re-encrypted too. */
    static final String LOCAL = "local1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    static final String ADMIN = TestTokens.bearer("admin-li", "admin", null);
    static final String PATH = "/api/surveys/admin/pii-rekey";
    private static final String[] COLUMNS = { "name_enc", "email_enc", "address_enc" };
    private final SealedColumns sealed = new SealedColumns("invitation", COLUMNS);

    public static class RotatedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zhengfeng.pii.keys", NEW + "," + OLD + "," + LOCAL, "zhengfeng.pii.active-key", "rot-new",
                    "zhengfeng.pii.rekey-batch-size", "4");
        }
    }

    /** What the service sealed with before the rotation. */
    private final PersonalDataCipher beforeRotation = new PersonalDataCipher(OLD, "rot-old");

    @Inject
    EntityManager em;
    @Inject
    PersonalDataCipher cipher;
    @Inject
    RekeyJob rekey;
    @Inject
    RekeyRunner runner;

    @Test
    void anInterruptedRunResumesFromItsCursorWithoutRedoingFinishedRowsAndLeavesEveryValueUnderTheActiveKey() throws Exception {
        TreeMap<String, List<String>> plain = invitationsSealedWithTheOldKey(10);
        String poisoned = plain.lastKey(); // at least 9 invitations sort before it: past the first batch of 4
        String poisonedName = sealed.get(poisoned, "name_enc");
        sealed.set(poisoned, "name_enc", "rot-gone:" + poisonedName.substring(poisonedName.indexOf(':') + 1));
        long notUnderNewKey = sealed.countNotUnder("rot-new");

        given().header("Authorization", TestTokens.bearer("inspector", "inspector", null)).post(PATH).then().statusCode(403);
        String job = given().header("Authorization", ADMIN).post(PATH).then().statusCode(202).extract().path("id");
        JsonPath stopped = RekeyProgress.await(PATH, ADMIN, p -> p.getString("lastError") != null);
        assertEquals("running", stopped.getString("status"));
        String cursor = stopped.getString("cursorId");
        assertTrue(stopped.getInt("batches") >= 1, "at least the first batch finished before the bad value");
        Map<String, String> finished = new TreeMap<>();
        for (String id : plain.keySet()) {
            if (id.compareTo(cursor) <= 0) {
                assertTrue(sealed.get(id, "name_enc").startsWith("rot-new:"), "finished row " + id);
                finished.put(id, String.join("|", sealed.all(id)));
            } else {
                assertTrue(id.equals(poisoned) || sealed.get(id, "name_enc").startsWith("rot-old:"), "the failed batch rolled back");
            }
        }
        assertTrue(!finished.isEmpty() && finished.size() < plain.size());

        // the operator restores the missing key's value (here: puts it back under the old key) and asks again
        sealed.set(poisoned, "name_enc", beforeRotation.encrypt(plain.get(poisoned).get(0)));
        given().header("Authorization", ADMIN).post(PATH).then().statusCode(202).body("id", equalTo(job));
        JsonPath done = RekeyProgress.await(PATH, ADMIN, p -> "completed".equals(p.getString("status")));
        assertEquals(job, done.getString("id"));
        assertEquals(notUnderNewKey, done.getLong("rowsResealed"), "each invitation off the new key re-encrypted exactly once");
        assertEquals(sealed.count(), done.getLong("rowsScanned"), "a batch done twice would count its rows twice");
        given().header("Authorization", ADMIN).get(PATH + "/" + job).then().statusCode(200).body("status", equalTo("completed"));

        for (var entry : plain.entrySet()) {
            List<String> stored = sealed.all(entry.getKey());
            for (int i = 0; i < COLUMNS.length; i++) {
                assertTrue(stored.get(i).startsWith("rot-new:"), entry.getKey() + " " + COLUMNS[i]);
                assertEquals(entry.getValue().get(i), cipher.decrypt(stored.get(i)), "decrypts as before");
            }
        }
        finished.forEach((id, before) -> assertEquals(before, String.join("|", sealed.all(id)), "finished row " + id + " was redone"));
        assertEquals(0L, sealed.countNotUnder("rot-new"));

        List<Object[]> trail = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT action, actor FROM audit_entry WHERE subject_id = ?1", Object[].class).setParameter(1, job).getResultList());
        List<Object> actions = trail.stream().map(r -> r[0]).toList();
        for (String action : List.of(RekeyJob.STARTED, RekeyJob.BATCH, RekeyJob.FAILED, RekeyJob.RESUMED, RekeyJob.COMPLETED)) {
            assertTrue(actions.contains(action), action + " missing from " + actions);
        }
        assertTrue(trail.stream().filter(r -> RekeyJob.STARTED.equals(r[0])).allMatch(r -> "admin-li".equals(r[1])), "started by the admin");
    }

    @Test
    void twoWorkersOnOneRunNeverTakeTheSameBatch() throws Exception {
        invitationsSealedWithTheOldKey(9);
        long notUnderNewKey = sealed.countNotUnder("rot-new");
        String job = given().header("Authorization", ADMIN).post(PATH).then().statusCode(202).extract().path("id");
        // a second replica working the same run at the same time as this instance's runner
        while (rekey.step(job)) {
            // next batch
        }
        JsonPath done = RekeyProgress.await(PATH, ADMIN, p -> "completed".equals(p.getString("status")));
        long total = sealed.count();
        assertEquals(total, done.getLong("rowsScanned"), "a batch taken twice would count its rows twice");
        assertEquals((total + 3) / 4, done.getInt("batches"));
        assertEquals(notUnderNewKey, done.getLong("rowsResealed"));
        assertEquals(0L, sealed.countNotUnder("rot-new"));
    }

    @Test
    void aRunLeftUnfinishedIsPickedUpAtTheNextStartFromItsSavedCursor() throws Exception {
        TreeMap<String, List<String>> plain = invitationsSealedWithTheOldKey(6);
        String cursor = new ArrayList<>(plain.keySet()).get(2);
        // what a replica that crashed after the batch up to this row leaves behind
        String job = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO pii_rekey_job (id, target_key, status, "
                + "running_slot, cursor_id, rows_scanned, batches, started_by, started_at, updated_at) "
                + "VALUES (?1, 'rot-new', 'running', 'R', ?2, 3, 1, 'admin-wang', NOW(6), NOW(6))")
                .setParameter(1, job).setParameter(2, cursor).executeUpdate());

        runner.resumeUnfinished();
        JsonPath done = RekeyProgress.await(PATH, ADMIN, p -> job.equals(p.getString("id")) && "completed".equals(p.getString("status")));
        for (String id : plain.keySet()) {
            String prefix = id.compareTo(cursor) <= 0 ? "rot-old:" : "rot-new:";
            assertTrue(sealed.get(id, "name_enc").startsWith(prefix), id + ": rows up to the cursor are not done again");
        }
        assertEquals(3 + sealed.countAfter(cursor), done.getLong("rowsScanned"), "counted on from the saved 3, each row once");
        List<Object[]> resumed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT actor, detail FROM audit_entry WHERE subject_id = ?1 AND action = ?2", Object[].class)
                .setParameter(1, job).setParameter(2, RekeyJob.RESUMED).getResultList());
        assertEquals(1, resumed.size());
        assertEquals("admin-wang", resumed.get(0)[0], "on behalf of whoever started the run");
        // the rows the crashed replica's batch had left are what a second run is for
        String second = given().header("Authorization", ADMIN).post(PATH).then().statusCode(202).extract().path("id");
        RekeyProgress.await(PATH, ADMIN, p -> second.equals(p.getString("id")) && "completed".equals(p.getString("status")));
        assertEquals(0L, sealed.countNotUnder("rot-new"));
    }

    /** Invitations imported as usual, then their personal data rewritten as the old key sealed it. Sorted by id. */
    private TreeMap<String, List<String>> invitationsSealedWithTheOldKey(int n) {
        String survey = createOpen("密钥轮换", "invited");
        List<String> ids = inspector().body(invitees(n, "enterprise")).post("/api/surveys/" + survey + "/invitations")
                .then().statusCode(201).extract().jsonPath().getList("id");
        TreeMap<String, List<String>> plain = new TreeMap<>();
        for (String id : ids) {
            List<String> values = new ArrayList<>();
            for (String column : COLUMNS) {
                String value = cipher.decrypt(sealed.get(id, column));
                values.add(value);
                sealed.set(id, column, beforeRotation.encrypt(value));
            }
            plain.put(id, values);
        }
        return plain;
    }
}
