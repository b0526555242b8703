package io.zhengfeng.inspection;

import static io.zhengfeng.inspection.Api.inspector;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** Evidence: allowed types only (415), bounded size (413), checksummed, nothing half-written on refusal. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_inspection_test"))
class EvidenceTest {
    /** The test profile's limit (zhengfeng.inspection.evidence.max-bytes). */
    static final int LIMIT = 1_048_576;

    static byte[] png(int size) {
        byte[] b = new byte[size];
        byte[] magic = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
        System.arraycopy(magic, 0, b, 0, magic.length);
        for (int n = magic.length; n < size; n++) {
            b[n] = (byte) (n * 31);
        }
        return b;
    }

    @Test
    void aPhotoIsStoredWithItsSha256AndComesBackUnchanged() throws Exception {
        String finding = Api.finding(Api.startedInspection("open", "planning", null), 4, "窗口无人值守");
        byte[] photo = png(200_000);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo));
        String id = inspector().contentType("image/png").body(photo)
                .post("/api/inspections/findings/" + finding + "/evidence?filename=window.png").then().statusCode(201)
                .body("sha256", equalTo(sha)).body("sizeBytes", equalTo(200_000)).body("contentType", equalTo("image/png"))
                .extract().path("id");
        inspector().get("/api/inspections/findings/" + finding).then().body("evidence[0].id", equalTo(id))
                .body("evidence[0].sha256", equalTo(sha));
        byte[] back = inspector().get("/api/inspections/evidence/" + id).then().statusCode(200)
                .header("X-Content-SHA256", sha).contentType("image/png").extract().asByteArray();
        assertArrayEquals(photo, back);
    }

    @Test
    void overTheLimitIs413AndLeavesNothingBehind() {
        String finding = Api.finding(Api.startedInspection("open", "planning", null), 4, "窗口无人值守");
        inspector().contentType("image/png").body(png(LIMIT + 1))
                .post("/api/inspections/findings/" + finding + "/evidence").then().statusCode(413)
                .contentType("application/problem+json");
        inspector().contentType("image/png").body(png(LIMIT))
                .post("/api/inspections/findings/" + finding + "/evidence").then().statusCode(201);
        assertEquals(1, inspector().get("/api/inspections/findings/" + finding).then().extract().jsonPath().getList("evidence").size());
    }

    @Test
    void aWrongTypeIs415AndSoIsContentThatIsNotWhatItClaims() {
        String finding = Api.finding(Api.startedInspection("open", "planning", null), 4, "窗口无人值守");
        inspector().contentType("text/html").body("<script>alert(1)</script>")
                .post("/api/inspections/findings/" + finding + "/evidence").then().statusCode(415)
                .contentType("application/problem+json");
        inspector().contentType("image/jpeg").body(png(1000))
                .post("/api/inspections/findings/" + finding + "/evidence").then().statusCode(415);
        assertEquals(0, inspector().get("/api/inspections/findings/" + finding).then().extract().jsonPath().getList("evidence").size());
    }

    @Test
    void theOwnerAttachesEvidenceToTheDoneReport() {
        String finding = Api.finding(Api.startedInspection("peer", "planning", "land"), 1, "台账缺失");
        String order = Api.order(finding, "head-planning", Api.today().plusDays(7));
        Api.head("planning").contentType("application/pdf").body("%PDF-1.4 scan".getBytes())
                .post("/api/inspections/orders/" + order + "/evidence?filename=scan.pdf").then().statusCode(201);
        Api.head("planning").body(Map.of("text", "见附件")).post("/api/inspections/orders/" + order + "/report-done")
                .then().statusCode(200).body("evidence[0].filename", equalTo("scan.pdf"));
        // the inspecting department sees the order but does not carry it out; a third one does not see it
        Api.head("land").contentType("application/pdf").body("%PDF-1.4".getBytes())
                .post("/api/inspections/orders/" + order + "/evidence").then().statusCode(403);
        Api.head("finance").contentType("application/pdf").body("%PDF-1.4".getBytes())
                .post("/api/inspections/orders/" + order + "/evidence").then().statusCode(404);
    }
}
