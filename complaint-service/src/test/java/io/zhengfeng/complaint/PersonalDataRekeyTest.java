package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
import io.zhengfeng.complaint.service.PersonalDataRekey;
import io.zhengfeng.platform.pii.PersonalDataCipher;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RekeyProgress;
import io.zhengfeng.testing.SealedColumns;
import io.zhengfeng.testing.TestTokens;

/**
 * After a key rotation (old key still listed, new key active) the admin's re-encryption job leaves
 * every contact value under the new key and decrypting to what it was; a run stopped part-way
 * (here: a value under a key this instance does not hold, in the second batch) keeps what its
 * finished batches did, and when asked again continues from its saved cursor; two workers on one
 * run never take the same batch; every step is in the audit trail.
 */
@QuarkusTest
@TestProfile(PersonalDataRekeyTest.RotatedKeys.class)
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class PersonalDataRekeyTest {
    static final String OLD = "rot-old:" + SealedColumns.key('o');
    static final String NEW = "rot-new:" + SealedColumns.key('n');
    static final String ADMIN = TestTokens.bearer("admin-li", "admin", null);
    private static final String[] COLUMNS = { "contact_name", "contact_phone", "contact_id_number", "contact_address", "contact_email" };
    private final SealedColumns sealed = new SealedColumns("complaint", COLUMNS);

    public static class RotatedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("zhengfeng.pii.keys", NEW + "," + OLD, "zhengfeng.pii.active-key", "rot-new",
                    "zhengfeng.complaints.pii-rekey.batch-size", "4");
        }
    }

    /** What the service sealed with before the rotation. */
    private final PersonalDataCipher beforeRotation = new PersonalDataCipher(OLD, "rot-old");

    @Inject
    EntityManager em;
    @Inject
    PersonalDataCipher cipher;
    @Inject
    PersonalDataRekey rekey;

    @Test
    void anInterruptedRunResumesFromItsCursorWithoutRedoingFinishedRowsAndLeavesEveryValueUnderTheActiveKey() throws Exception {
        Map<String, List<String>> plain = complaintsSealedWithTheOldKey(10);
        String poisoned = ((TreeMap<String, List<String>>) plain).lastKey(); // sorts after the first batch of 4
        String poisonedPhone = sealed.get(poisoned, "contact_phone");
        sealed.set(poisoned, "contact_phone", "rot-gone:" + poisonedPhone.substring(poisonedPhone.indexOf(':') + 1));

        given().header("Authorization", TestTokens.bearer("handler-x", "handler", "planning"))
                .post("/api/complaints/admin/pii-rekey").then().statusCode(403);
        String job = given().header("Authorization", ADMIN).post("/api/complaints/admin/pii-rekey")
                .then().statusCode(202).extract().path("id");
        JsonPath stopped = RekeyProgress.await("/api/complaints/admin/pii-rekey", ADMIN, p -> p.getString("lastError") != null);
        assertEquals("running", stopped.getString("status"));
        String cursor = stopped.getString("cursorId");
        assertTrue(stopped.getInt("batches") >= 1, "at least the first batch finished before the bad value");
        Map<String, String> finished = new TreeMap<>();
        for (String id : plain.keySet()) {
            if (id.compareTo(cursor) <= 0) {
                assertTrue(sealed.get(id, "contact_phone").startsWith("rot-new:"), "finished row " + id);
                finished.put(id, String.join("|", sealed.all(id)));
            } else {
                assertTrue(id.equals(poisoned) || sealed.get(id, "contact_phone").startsWith("rot-old:"), "the failed batch rolled back");
            }
        }
        assertTrue(!finished.isEmpty() && finished.size() < plain.size());

        // the operator restores the missing key's value (here: puts it back under the old key) and asks again
        sealed.set(poisoned, "contact_phone", beforeRotation.encrypt(plain.get(poisoned).get(1)));
        given().header("Authorization", ADMIN).post("/api/complaints/admin/pii-rekey")
                .then().statusCode(202).body("id", org.hamcrest.Matchers.equalTo(job));
        JsonPath done = RekeyProgress.await("/api/complaints/admin/pii-rekey", ADMIN, p -> "completed".equals(p.getString("status")));
        assertEquals(job, done.getString("id"));
        assertEquals(plain.size(), done.getLong("rowsResealed"), "each old-key complaint re-encrypted exactly once");
        given().header("Authorization", ADMIN).get("/api/complaints/admin/pii-rekey/" + job)
                .then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("completed"));

        for (var entry : plain.entrySet()) {
            List<String> stored = sealed.all(entry.getKey());
            for (int i = 0; i < COLUMNS.length; i++) {
                assertTrue(stored.get(i) == null || stored.get(i).startsWith("rot-new:"), entry.getKey() + " " + COLUMNS[i]);
                assertEquals(entry.getValue().get(i), cipher.decrypt(stored.get(i)), "decrypts as before");
            }
        }
        finished.forEach((id, before) -> assertEquals(before, String.join("|", sealed.all(id)), "finished row " + id + " was redone"));
        assertEquals(0L, sealed.countUnder("rot-old"));

        List<String> trail = given().header("Authorization", ADMIN).queryParam("subjectId", job).queryParam("size", 200)
                .get("/api/complaints/audit").then().statusCode(200).extract().jsonPath().getList("items.action");
        for (String action : List.of(PersonalDataRekey.STARTED, PersonalDataRekey.BATCH, PersonalDataRekey.FAILED,
                PersonalDataRekey.RESUMED, PersonalDataRekey.COMPLETED)) {
            assertTrue(trail.contains(action), action + " missing from " + trail);
        }
        String startedBy = given().header("Authorization", ADMIN).queryParam("subjectId", job).queryParam("action", PersonalDataRekey.STARTED)
                .get("/api/complaints/audit").then().statusCode(200).extract().path("items[0].actor");
        assertEquals("admin-li", startedBy);
    }

    @Test
    void twoWorkersOnOneRunNeverTakeTheSameBatch() throws Exception {
        complaintsSealedWithTheOldKey(9);
        String job = given().header("Authorization", ADMIN).post("/api/complaints/admin/pii-rekey")
                .then().statusCode(202).extract().path("id");
        // a second replica working the same run at the same time as this instance's runner
        while (rekey.step(job)) {
            // next batch
        }
        JsonPath done = RekeyProgress.await("/api/complaints/admin/pii-rekey", ADMIN, p -> "completed".equals(p.getString("status")));
        long total = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM complaint")
                .getSingleResult()).longValue());
        assertEquals(total, done.getLong("rowsScanned"), "a batch taken twice would count its rows twice");
        assertEquals((total + 3) / 4, done.getInt("batches"));
        assertEquals(9, done.getLong("rowsResealed"));
        assertEquals(0L, sealed.countUnder("rot-old"));
    }

    /** Complaints submitted as usual, then their contact rewritten as the old key sealed it. Sorted by id. */
    private Map<String, List<String>> complaintsSealedWithTheOldKey(int n) {
        Map<String, List<String>> plain = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String id = ComplaintApi.submitAsCitizen("complaint", "urban_planning").id();
            List<String> values = new ArrayList<>();
            for (String column : COLUMNS) {
                String stored = sealed.get(id, column);
                values.add(cipher.decrypt(stored));
                sealed.set(id, column, beforeRotation.encrypt(cipher.decrypt(stored)));
            }
            assertNotNull(values.get(1));
            plain.put(id, values);
        }
        return plain;
    }
}
