package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.complaint.ComplaintApi.act;
import static io.zhengfeng.complaint.ComplaintApi.citizen;
import static io.zhengfeng.complaint.ComplaintApi.handler;
import static io.zhengfeng.complaint.ComplaintApi.head;
import static io.zhengfeng.complaint.ComplaintApi.leader;
import static io.zhengfeng.complaint.ComplaintApi.spokesperson;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhengfeng.testing.RealInfrastructureResource;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class StatisticsTest {

    @Test
    void satisfactionRateCountsSatisfiedAndBasicallySatisfiedOverRated() {
        JsonPath before = office();
        String satisfied = repliedToOffice();
        String dissatisfied = repliedToOffice();
        String basically = repliedToOffice();
        rate(satisfied, "satisfied");
        rate(dissatisfied, "dissatisfied");
        rate(basically, "basically_satisfied");
        JsonPath after = office();

        assertEquals(3, delta(before, after, "received"));
        assertEquals(3, delta(before, after, "rated"));
        assertEquals(2, delta(before, after, "satisfiedOrBasically"));
        assertEquals(2, delta(before, after, "closed"));
        assertEquals(3, delta(before, after, "repliedOnTime"), "replied straight away, well inside 5 working days");
        long rated = after.getLong("departments[0].rated");
        long happy = after.getLong("departments[0].satisfiedOrBasically");
        assertEquals(Math.round(happy * 1000.0 / rated) / 10.0, after.getDouble("departments[0].satisfactionRate"), 0.001);

        JsonPath publicStats = given().get("/api/public/stats").then().statusCode(200).extract().jsonPath();
        assertEquals(after.getLong("departments[0].received"),
                (long) publicStats.<Integer>getList("departments.findAll { it.department == 'office' }.received").get(0));
        leader().get("/api/complaints/stats?from=2026-12-31&to=2026-01-01").then().statusCode(400);
    }

    private static String repliedToOffice() {
        var c = ComplaintApi.submitAsCitizen("complaint", "staff_conduct");
        ids.put(c.id(), c.accessCode());
        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        act(spokesperson(), c.id(), "assign", "{\"department\":\"office\"}").statusCode(200);
        act(handler("office"), c.id(), "reply", "{\"content\":\"已批评教育当事人。\"}").statusCode(200);
        act(head("office"), c.id(), "approve-reply", null).statusCode(200);
        return c.id();
    }

    private static final java.util.Map<String, String> ids = new java.util.concurrent.ConcurrentHashMap<>();

    private static void rate(String id, String rating) {
        act(citizen(ids.get(id)), id, "rate", "{\"rating\":\"" + rating + "\"}").statusCode(200);
    }

    private static JsonPath office() {
        return leader().get("/api/complaints/stats?department=office").then().statusCode(200).extract().jsonPath();
    }

    private static long delta(JsonPath before, JsonPath after, String field) {
        long b = before.getList("departments").isEmpty() ? 0 : before.getLong("departments[0]." + field);
        return after.getLong("departments[0]." + field) - b;
    }
}
