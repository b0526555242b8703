package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.complaint.ComplaintApi.PHONE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.calendar.WorkingCalendar;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TopicReader;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class ComplaintIntakeTest {

    @Test
    void citizenSubmitsWithoutTokenAndGetsTrackingNumberAccessCodeAndAcceptanceDeadline() {
        try (TopicReader reader = new TopicReader(Topics.COMPLAINTS)) {
            var r = given().contentType("application/json").body(ComplaintApi.body("complaint", "web", "urban_planning"))
                    .post("/api/complaints").then().statusCode(201)
                    .header("Location", containsString("/api/complaints/"))
                    .body("status", equalTo("submitted"))
                    .body("trackingNumber", matchesPattern("ZF\\d{6}-[2-9A-Z]{6}"))
                    .body("accessCode", matchesPattern("[2-9A-Z]{10}"))
                    .body("acceptanceDueAt", notNullValue());
            String id = r.extract().path("id");
            Instant due = Instant.parse(r.extract().<String>path("acceptanceDueAt"));
            Instant submittedAround = Instant.now();
            Instant expected = WorkingCalendar.chinaMainland().deadline(submittedAround, 1);
            assertEquals(expected, due, "1 working day, close of business Asia/Shanghai");

            RecordedEvent event = reader.readForKey(id, 1, Duration.ofSeconds(20)).get(0);
            assertEquals(EventTypes.COMPLAINT_SUBMITTED, event.type());
            assertEquals("/zhengfeng/complaint-service", event.headers().get("ce_source"));
            assertFalse(event.value().contains(PHONE), "events never carry personal data");
            assertFalse(event.value().contains("张三"), "events never carry personal data");
            assertEquals(true, event.value().contains("\"kind\":\"acceptance\""), event.value());
        }
    }

    @Test
    void citizenTracksWithAccessCodeHeaderAndAWrongCodeLooksLikeAnUnknownNumber() {
        var created = ComplaintApi.submitAsCitizen("consultation", "land_management");
        ComplaintApi.citizen(created.accessCode()).get("/api/complaints/track/" + created.trackingNumber()).then()
                .statusCode(200).body("status", equalTo("submitted")).body("id", equalTo(created.id()))
                .body(org.hamcrest.Matchers.not(containsString(PHONE)));
        ComplaintApi.citizen("WRONGCODE2").get("/api/complaints/track/" + created.trackingNumber()).then()
                .statusCode(404).contentType("application/problem+json");
        given().get("/api/complaints/track/" + created.trackingNumber()).then().statusCode(404);
        ComplaintApi.citizen(created.accessCode()).get("/api/complaints/track/ZF000000-AAAAAA").then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsStored() {
        long before = countComplaints();
        given().contentType("application/json").body(ComplaintApi.body("grievance", "web", "urban_planning"))
                .post("/api/complaints").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("kind"))
                .body("errors[0].message", containsString("complaint, report, consultation, suggestion"));
        given().contentType("application/json").body("{\"kind\":\"complaint\",\"channel\":\"web\",\"category\":\"other\"}")
                .post("/api/complaints").then().statusCode(400).body("errors[0].field", equalTo("content"));
        given().contentType("application/json").body(ComplaintApi.body("complaint", "web", "weather"))
                .post("/api/complaints").then().statusCode(400).body("errors[0].field", equalTo("category"));
        given().contentType("application/json").body(ComplaintApi.body("complaint", "hotline_day", "other"))
                .post("/api/complaints").then().statusCode(400).body("errors[0].field", equalTo("channel"));
        given().contentType("application/json")
                .body("{\"kind\":\"complaint\",\"channel\":\"web\",\"category\":\"other\",\"content\":\"x\"}")
                .post("/api/complaints").then().statusCode(400).body("errors[0].field", equalTo("contact"));
        given().contentType("application/json")
                .body("{\"kind\":\"report\",\"channel\":\"web\",\"category\":\"other\",\"content\":\"x\",\"contact\":{\"phone\":\"abc\"}}")
                .post("/api/complaints").then().statusCode(400).body("errors[0].field", equalTo("contact.phone"));
        given().contentType("application/json")
                .body("{\"kind\":\"report\",\"channel\":\"web\",\"category\":\"other\",\"content\":\"x\",\"priority\":1}")
                .post("/api/complaints").then().statusCode(400).body("errors[0].field", equalTo("priority"));
        assertEquals(before, countComplaints());
    }

    @Test
    void aReportMayBeAnonymousAndIsConfidentialByDefault() {
        String id = given().contentType("application/json")
                .body("{\"kind\":\"report\",\"channel\":\"web\",\"category\":\"staff_conduct\",\"content\":\"某工作人员索要好处费\"}")
                .post("/api/complaints").then().statusCode(201).extract().path("id");
        ComplaintApi.spokesperson().get("/api/complaints/" + id).then().statusCode(200)
                .body("anonymous", equalTo(true)).body("confidential", equalTo(true))
                .body("contact.visibility", equalTo("none"));
    }

    @Test
    void spokespersonRecordsHotlineMessagesOnACitizensBehalf() {
        var created = ComplaintApi.recordHotline("complaint", "urban_planning");
        ComplaintApi.spokesperson().get("/api/complaints/" + created.id()).then().statusCode(200)
                .body("channel", equalTo("hotline_day")).body("recordedBy", equalTo("spokesperson"));
    }

    @Test
    void calendarEndpointsAnswerFrontEnds() {
        given().get("/api/complaints/calendar/2026").then().statusCode(200)
                .body("year", equalTo(2026)).body("announced", equalTo(true))
                .body("holidays", org.hamcrest.Matchers.hasItem("2026-02-17"))
                .body("makeUpWorkingDays", org.hamcrest.Matchers.hasItem("2026-02-14"));
        // Friday before Spring Festival 2026, 5 working days: Sat 14 Feb (make-up), then 24, 25, 26, 27 Feb.
        String due = given().queryParam("start", "2026-02-13T09:00:00+08:00").queryParam("workingDays", 5)
                .get("/api/complaints/calendar/deadline").then().statusCode(200).extract().path("dueAt");
        assertEquals(OffsetDateTime.parse("2026-02-27T18:00:00+08:00").toInstant(), OffsetDateTime.parse(due).toInstant());
        given().queryParam("start", "yesterday").queryParam("workingDays", 5).get("/api/complaints/calendar/deadline")
                .then().statusCode(400).body("errors[0].field", equalTo("start"));
    }

    @Test
    void categoriesAndDepartmentsAreReadableByFrontEnds() {
        given().get("/api/complaints/categories").then().statusCode(200)
                .body("find { it.code == 'land_management' }.department", equalTo("land"))
                .body("find { it.code == 'urban_planning' }.nameZh", equalTo("城乡规划"));
        given().get("/api/complaints/departments").then().statusCode(200).body("code", org.hamcrest.Matchers.hasItem("planning"));
    }

    @Test
    void staffEndpointsNeedAValidToken() {
        given().get("/api/complaints").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + io.zhengfeng.testing.TestTokens.expired("leader", "leader"))
                .get("/api/complaints").then().statusCode(401);
        given().header("Authorization", "Bearer " + io.zhengfeng.testing.TestTokens.wrongIssuer("leader", "leader"))
                .get("/api/complaints").then().statusCode(401);
        given().header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.Zm9yZ2Vk")
                .get("/api/complaints").then().statusCode(401);
    }

    private static long countComplaints() {
        return ComplaintApi.leader().get("/api/complaints?size=1").then().statusCode(200).extract().<Integer>path("total");
    }
}
