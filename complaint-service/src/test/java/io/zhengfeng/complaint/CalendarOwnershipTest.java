package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.complaint.ComplaintApi.act;
import static io.zhengfeng.complaint.ComplaintApi.as;
import static io.zhengfeng.complaint.ComplaintApi.spokesperson;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.complaint.calendar.CalendarService;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.calendar.CalendarFeed;
import io.zhengfeng.platform.calendar.Calendars;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestKafka;
import io.zhengfeng.testing.TopicReader;

/**
 * complaint-service owns the calendar: admin loads a year and edits days through the API, each
 * change is validated, audited and published as the whole year on zhengfeng.calendar, which any
 * other replica applies; loading a year moves the open provisional deadlines. Fictional years
 * (2030–2032) keep the test independent of the real notices.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class CalendarOwnershipTest {

    @Inject
    EntityManager em;
    @Inject
    CalendarService calendar;
    @Inject
    Calendars calendars;

    private static RequestSpecification admin() {
        return as("admin", "admin", null);
    }

    private static String notice(String ref, String holidays, String makeUp) {
        return """
                {"notice":"%s","published":"2029-11-03","holidays":%s,"makeUpWorkingDays":%s}""".formatted(ref, holidays, makeUp);
    }

    @Test
    void loadingAYearMovesTheOpenProvisionalDeadlineAndPublishesIt() {
        var c = ComplaintApi.submitAsCitizen("complaint", "urban_planning");
        // as if received on Tue 31 Dec 2030, 10:00 Shanghai: 1 working day, counted Monday–Friday, ends Wed 1 Jan 2031
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE complaint SET submitted_at = ?1, "
                        + "acceptance_due_at = ?2, acceptance_due_provisional = TRUE WHERE id = ?3")
                .setParameter(1, Instant.parse("2030-12-31T02:00:00Z")).setParameter(2, Instant.parse("2031-01-01T10:00:00Z"))
                .setParameter(3, c.id()).executeUpdate());

        // 2030 loaded first: its days do not move this deadline, which still reaches 2031 -> no change, no event
        admin().body(notice("国办发明电〔2029〕1号（虚构）", "[{\"name\":\"国庆节\",\"days\":[\"2030-10-01\",\"2030-10-02\"]}]", "[]"))
                .put("/api/complaints/calendar/2030").then().statusCode(200).body("announced", equalTo(true));
        try (TopicReader complaints = new TopicReader(Topics.COMPLAINTS);
             TopicReader calendarTopic = new TopicReader(Topics.CALENDAR)) {
            admin().body(notice("国办发明电〔2030〕9号（虚构）",
                            "[{\"name\":\"元旦\",\"days\":[\"2031-01-01\"]},{\"name\":\"春节\",\"days\":[\"2031-01-22\",\"2031-01-23\"]}]",
                            "[\"2031-01-26\"]"))
                    .put("/api/complaints/calendar/2031").then().statusCode(200)
                    .body("announced", equalTo(true)).body("notice", containsString("〔2030〕9号"));

            List<RecordedEvent> moved = complaints.readUntil(all -> all.stream().anyMatch(e -> c.id().equals(e.key())
                    && EventTypes.COMPLAINT_RESCHEDULED.equals(e.type())), Duration.ofSeconds(20));
            JsonPath event = JsonPath.from(moved.stream().filter(e -> c.id().equals(e.key())
                    && EventTypes.COMPLAINT_RESCHEDULED.equals(e.type())).findFirst().orElseThrow().value());
            // 1 Jan 2031 is now 元旦: the first working day after 31 Dec is Thu 2 Jan
            assertEquals(Instant.parse("2031-01-02T10:00:00Z"), Instant.parse(event.getString("openDeadlines[0].dueAt")));
            assertFalse(event.getBoolean("openDeadlines[0].provisional"));
            assertEquals(1, moved.stream().filter(e -> c.id().equals(e.key())
                    && EventTypes.COMPLAINT_RESCHEDULED.equals(e.type())).count(), "loading 2030 moved nothing");

            RecordedEvent year = calendarTopic.readUntil(all -> all.stream().anyMatch(e -> "2031".equals(e.key())),
                    Duration.ofSeconds(20)).stream().filter(e -> "2031".equals(e.key())).reduce((a, b) -> b).orElseThrow();
            assertEquals(EventTypes.CALENDAR_YEAR_CHANGED, year.type());
            JsonPath y = JsonPath.from(year.value());
            assertEquals("国办发明电〔2030〕9号（虚构）", y.getString("notice"));
            assertEquals(List.of("2031-01-26"), y.getList("makeUpWorkingDays"));
        }
        JsonPath view = spokesperson().get("/api/complaints/" + c.id()).then().extract().jsonPath();
        assertEquals(Instant.parse("2031-01-02T10:00:00Z"), Instant.parse(view.getString("acceptanceDueAt")));
        assertFalse(view.getBoolean("openDeadlines[0].provisional"));
        List<String> history = spokesperson().get("/api/complaints/" + c.id() + "/history").then().extract().jsonPath().getList("action");
        assertEquals(List.of("submit", "recompute-deadline"), history);
        Number audited = (Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT COUNT(*) FROM audit_entry WHERE action = 'calendar.load-year' AND detail LIKE '2031: 国办发明电〔2030〕9号（虚构） (v%'").getSingleResult());
        assertEquals(1, audited.intValue());
    }

    @Test
    void aDeadlineInAYearWithoutDataIsProvisionalOnTheItemAndInItsEvent() {
        // a category whose reply takes 300 working days: from any day of 2026 it reaches a year without a notice
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT IGNORE INTO category (code, name_zh, name_en, "
                + "department, reply_days) VALUES ('far_reply', '远期', 'Far reply', 'office', 300)").executeUpdate());
        var c = ComplaintApi.submitAsCitizen("complaint", "far_reply");
        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        JsonPath view = spokesperson().get("/api/complaints/" + c.id()).then().extract().jsonPath();
        Instant due = Instant.parse(view.getString("replyDueAt"));
        assertEquals(!calendars.current().data().knows(due.atZone(calendars.current().zone()).getYear()),
                view.getBoolean("openDeadlines[0].provisional"));
        assertTrue(view.getBoolean("openDeadlines[0].provisional"), "no shipped data covers 300 working days from now");
        given().queryParam("start", "2026-12-11T10:00:00+08:00").queryParam("workingDays", 15)
                .get("/api/complaints/calendar/deadline").then().statusCode(200).body("provisional", equalTo(true));
    }

    @Test
    void everyCalendarChangeIsValidatedWithAProblemNamingTheField() {
        long before = calendar.published(2031).map(e -> e.version()).orElse(0L);
        admin().body(notice("x", "[{\"name\":\"元旦\",\"days\":[\"2031-01-01\"]}]", "[\"2031-01-06\"]"))
                .put("/api/complaints/calendar/2031").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("makeUpWorkingDays")).body("detail", containsString("weekend"));
        admin().body(notice("x", "[{\"name\":\"元旦\",\"days\":[\"2031-01-01\"]}]", "[\"2031-01-04\"]"))
                .put("/api/complaints/calendar/2032").then().statusCode(400).body("errors[0].field", equalTo("holidays[0].days"));
        admin().body(notice("x", "[{\"name\":\"春节\",\"days\":[\"2031-01-25\"]}]", "[\"2031-01-25\"]"))
                .put("/api/complaints/calendar/2031").then().statusCode(400).body("errors[0].field", equalTo("makeUpWorkingDays"));
        admin().body(notice(" ", "[{\"name\":\"元旦\",\"days\":[\"2031-01-01\"]}]", "[]"))
                .put("/api/complaints/calendar/2031").then().statusCode(400).body("errors[0].field", equalTo("notice"));
        admin().body("{\"working\":true,\"reason\":\"already working\"}")
                .put("/api/complaints/calendar/overrides/2031-03-05").then().statusCode(400).body("errors[0].field", equalTo("working"));
        admin().body("{\"working\":false,\"reason\":\" \"}")
                .put("/api/complaints/calendar/overrides/2031-03-05").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        spokesperson().body(notice("x", "[{\"name\":\"元旦\",\"days\":[\"2031-01-01\"]}]", "[]"))
                .put("/api/complaints/calendar/2031").then().statusCode(403);
        assertEquals(before, calendar.published(2031).map(e -> e.version()).orElse(0L), "nothing half-written");
        assertTrue(calendars.current().isWorkingDay(LocalDate.parse("2031-03-05")));
    }

    @Test
    void aDayOverrideTakenByOneReplicaIsAppliedByAnIndependentReplica() {
        // the second replica: its own calendar, fed only by the topic
        Calendars otherReplica = new Calendars();
        try (CalendarFeed feed = new CalendarFeed(TestKafka.bootstrapServers(), otherReplica, "other-replica")) {
            feed.start();
            Await.until(feed::isCaughtUp, Duration.ofSeconds(30));
            LocalDate typhoon = LocalDate.parse("2026-09-15"); // a Tuesday
            assertTrue(otherReplica.current().isWorkingDay(typhoon));
            admin().body("{\"working\":false,\"reason\":\"台风停工\"}")
                    .put("/api/complaints/calendar/overrides/" + typhoon).then().statusCode(200);
            Await.until(() -> !otherReplica.current().isWorkingDay(typhoon), Duration.ofSeconds(10));
            assertFalse(calendars.current().isWorkingDay(typhoon), "the replica that took it applies it too");

            admin().delete("/api/complaints/calendar/overrides/" + typhoon).then().statusCode(204);
            Await.until(() -> otherReplica.current().isWorkingDay(typhoon), Duration.ofSeconds(10));
            // the bundled notice of 2026 is in the published year as well
            assertFalse(otherReplica.current().isWorkingDay(LocalDate.parse("2026-10-01")));
        }
    }

    @Test
    void theMissingYearAlertStartsOnTheFirstOfNovemberAndStopsWhenTheYearIsLoaded() {
        assertEquals(List.of(), calendar.yearsWithoutData(LocalDate.parse("2026-10-31")));
        assertTrue(calendar.yearsWithoutData(LocalDate.parse("2026-11-01")).contains(2027));
        // an anonymous deadline far ahead raises nothing: the alert depends on the date only
        given().queryParam("start", "2029-03-01T10:00:00+08:00").queryParam("workingDays", 5)
                .get("/api/complaints/calendar/deadline").then().statusCode(200).body("provisional", equalTo(true));
        admin().get("/api/complaints/calendar/alerts").then().statusCode(200)
                .body("", equalTo(calendar.yearsWithoutData(calendar.today())));
        given().get("/api/complaints/calendar/alerts").then().statusCode(401);

        assertFalse(calendar.yearsWithoutData(LocalDate.parse("2031-10-31")).contains(2032));
        admin().body(notice("国办发明电〔2030〕10号（虚构）", "[{\"name\":\"元旦\",\"days\":[\"2031-01-01\"]}]", "[]"))
                .put("/api/complaints/calendar/2031").then().statusCode(200);
        assertEquals(List.of(2032), calendar.yearsWithoutData(LocalDate.parse("2031-11-01")));
        admin().body(notice("国办发明电〔2031〕6号（虚构）", "[{\"name\":\"元旦\",\"days\":[\"2032-01-01\"]}]", "[]"))
                .put("/api/complaints/calendar/2032").then().statusCode(200);
        assertEquals(List.of(), calendar.yearsWithoutData(LocalDate.parse("2031-11-01")));
    }
}
