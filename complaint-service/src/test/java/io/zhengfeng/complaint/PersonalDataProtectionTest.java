package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.complaint.ComplaintApi.PHONE;
import static io.zhengfeng.complaint.ComplaintApi.act;
import static io.zhengfeng.complaint.ComplaintApi.head;
import static io.zhengfeng.complaint.ComplaintApi.handler;
import static io.zhengfeng.complaint.ComplaintApi.leader;
import static io.zhengfeng.complaint.ComplaintApi.spokesperson;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhengfeng.testing.RealInfrastructureResource;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class PersonalDataProtectionTest {
    private static final String REPORT = """
            {"kind":"report","channel":"web","category":"land_management","confidential":true,
             "content":"土地利用科某科员违规审批，举报人联系电话13812341234",
             "contact":{"name":"李四","phone":"13812341234","idNumber":"110101199003071234","address":"城关镇幸福路12号"}}
            """;

    @Inject
    DataSource db;

    @Test
    void contactIsEncryptedAtRest() throws Exception {
        var created = ComplaintApi.submitAsCitizen("complaint", "urban_planning");
        try (var c = db.getConnection();
                var ps = c.prepareStatement("SELECT contact_name, contact_phone FROM complaint WHERE id = ?")) {
            ps.setString(1, created.id());
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertFalse(rs.getString(1).contains("张三"));
                assertFalse(rs.getString(2).contains(PHONE));
                assertTrue(rs.getString(2).startsWith("local1:"), "stored with its key id, so keys can rotate");
            }
        }
    }

    @Test
    void confidentialReportNeverShowsTheReporterToTheDepartmentItConcernsAndEveryReadIsAudited() {
        String id = given().contentType("application/json").body(REPORT).post("/api/complaints").then().statusCode(201)
                .extract().path("id");
        act(spokesperson(), id, "accept", null).statusCode(200);
        act(spokesperson(), id, "assign", "{\"department\":\"land\"}").statusCode(200);

        String asHead = head("land").get("/api/complaints/" + id).then().statusCode(200)
                .body("contact.visibility", equalTo("withheld")).body("contact.name", nullValue())
                .extract().asString();
        assertFalse(asHead.contains("李四") || asHead.contains("1234") && asHead.contains("138"), asHead);
        handler("land").get("/api/complaints/" + id).then().statusCode(200).body("contact.phone", nullValue());
        String history = head("land").get("/api/complaints/" + id + "/history").then().statusCode(200).extract().asString();
        assertFalse(history.contains("李四"));

        ComplaintApi.as("supervisor", "supervisor", null).get("/api/complaints/" + id).then().statusCode(200)
                .body("contact.visibility", equalTo("masked"))
                .body("contact.phone", equalTo("138****1234"))
                .body("contact.idNumber", equalTo("110***********1234"))
                .body("contact.name", equalTo("李*"));
        spokesperson().get("/api/complaints/" + id).then().statusCode(200)
                .body("contact.visibility", equalTo("full")).body("contact.phone", equalTo("13812341234"));
        leader().get("/api/complaints/" + id).then().statusCode(200).body("contact.name", equalTo("李四"));

        JsonPath audit = leader().get("/api/complaints/audit?action=contact.read&subjectId=" + id).then().statusCode(200)
                .extract().jsonPath();
        // newest first: leader, spokesperson, supervisor, handler-land, head-land
        assertEquals(List.of("leader", "spokesperson", "supervisor", "handler-land", "head-land"), audit.getList("items.actor"));
        assertEquals(List.of("full", "full", "masked", "withheld", "withheld"), audit.getList("items.outcome"));
        head("land").get("/api/complaints/audit").then().statusCode(403);
    }

    @Test
    void publishedReplyOnThePublicColumnIsRedacted() {
        var c = ComplaintApi.submitAsCitizen("complaint", "urban_planning");
        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        act(spokesperson(), c.id(), "assign", "{\"department\":\"planning\"}").statusCode(200);
        act(handler("planning"), c.id(), "reply", "{\"content\":\"张三您好，已联系您（13812341234），违建已拆除。\"}").statusCode(200);
        act(head("planning"), c.id(), "approve-reply", null).statusCode(200);
        act(spokesperson(), c.id(), "publish-reply", null).statusCode(200);
        String column = given().get("/api/public/replies?size=100").then().statusCode(200).extract().asString();
        assertTrue(column.contains("违建已拆除"), column);
        assertFalse(column.contains("13812341234"), column);
        assertFalse(column.contains("张三"), column);
        given().get("/api/public/replies?size=100").then().body(not(org.hamcrest.Matchers.containsString("contact")));
    }
}
