package io.zhengfeng.complaint;

import static io.zhengfeng.complaint.ComplaintApi.PHONE;
import static io.zhengfeng.complaint.ComplaintApi.act;
import static io.zhengfeng.complaint.ComplaintApi.citizen;
import static io.zhengfeng.complaint.ComplaintApi.handler;
import static io.zhengfeng.complaint.ComplaintApi.head;
import static io.zhengfeng.complaint.ComplaintApi.leader;
import static io.zhengfeng.complaint.ComplaintApi.spokesperson;
import static io.zhengfeng.complaint.ComplaintApi.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.calendar.WorkingCalendar;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TopicReader;

@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class ComplaintLifecycleTest {
    private static final WorkingCalendar CALENDAR = WorkingCalendar.chinaMainland();

    @Test
    void hotlineComplaintGoesFromIntakeThroughTransferReturnReopenToClosedWithOrderedEvents() {
        try (TopicReader reader = new TopicReader(Topics.COMPLAINTS)) {
            var c = ComplaintApi.recordHotline("complaint", "urban_planning");
            String id = c.id();
            act(spokesperson(), id, "accept", null).statusCode(200).body("status", equalTo("accepted"));
            act(spokesperson(), id, "assign", "{\"department\":\"planning\"}").statusCode(200).body("department", equalTo("planning"));
            act(spokesperson(), id, "transfer", "{\"department\":\"land\",\"reason\":\"属于土地利用科职责\"}").statusCode(200)
                    .body("department", equalTo("land"));
            act(handler("land"), id, "reply", "{\"content\":\"已派员现场核查。\"}").statusCode(200).body("status", equalTo("in_progress"));
            act(head("land"), id, "return-reply", "{\"reason\":\"请写明处理时限\"}").statusCode(200);
            act(handler("land"), id, "reply", "{\"content\":\"已现场核查，责令十日内拆除。\"}").statusCode(200);
            act(head("land"), id, "approve-reply", null).statusCode(200).body("status", equalTo("replied"));
            act(citizen(c.accessCode()), id, "rate", "{\"rating\":\"dissatisfied\",\"comment\":\"没有拆\"}").statusCode(200)
                    .body("canReopen", equalTo(true));
            act(citizen(c.accessCode()), id, "reopen", "{\"reason\":\"仍未拆除\"}").statusCode(200).body("status", equalTo("assigned"));
            act(handler("land"), id, "reply", "{\"content\":\"已于今日强制拆除。\"}").statusCode(200);
            act(head("land"), id, "approve-reply", null).statusCode(200);
            act(citizen(c.accessCode()), id, "rate", "{\"rating\":\"basically_satisfied\"}").statusCode(200)
                    .body("status", equalTo("closed"));

            JsonPath detail = spokesperson().get("/api/complaints/" + id).then().statusCode(200).extract().jsonPath();
            assertEquals("planning", detail.getString("responsibleDepartment"), "首问负责: the first department stays answerable");
            assertEquals("land", detail.getString("department"));
            assertEquals("basically_satisfied", detail.getString("rating"));
            List<String> actions = spokesperson().get("/api/complaints/" + id + "/history").then().statusCode(200)
                    .extract().jsonPath().getList("action");
            assertEquals(List.of("submit", "accept", "assign", "transfer", "reply", "return-reply", "reply", "approve-reply",
                    "rate", "reopen", "reply", "approve-reply", "rate", "close"), actions);

            List<String> expected = List.of("submitted", "accepted", "assigned", "transferred", "replied", "rated", "reopened",
                    "replied", "rated", "closed");
            List<RecordedEvent> events = reader.readForKey(id, expected.size(), Duration.ofSeconds(30));
            assertEquals(expected.stream().map(v -> "io.zhengfeng.complaint." + v + ".v1").toList(),
                    events.stream().map(RecordedEvent::type).toList());
            for (RecordedEvent e : events) {
                assertFalse(e.value().contains(PHONE), "no event carries the phone number: " + e.value());
                assertFalse(e.value().contains("张三"), "no event carries the name: " + e.value());
            }
            assertDeadlines(events);
        }
    }

    /** Each event's open deadline is the one its state waits for, computed with the calendar. */
    private static void assertDeadlines(List<RecordedEvent> events) {
        JsonPath submitted = JsonPath.from(events.get(0).value());
        assertEquals("acceptance", submitted.getString("openDeadlines[0].kind"));
        assertEquals(CALENDAR.deadline(Instant.parse(submitted.getString("openDeadlines[0].startAt")), 1),
                Instant.parse(submitted.getString("openDeadlines[0].dueAt")));
        JsonPath accepted = JsonPath.from(events.get(1).value());
        assertEquals("reply", accepted.getString("openDeadlines[0].kind"));
        assertEquals(CALENDAR.deadline(Instant.parse(accepted.getString("openDeadlines[0].startAt")), 5),
                Instant.parse(accepted.getString("openDeadlines[0].dueAt")), "a complaint is answered within 5 working days");
        JsonPath transferred = JsonPath.from(events.get(3).value());
        assertEquals("land", transferred.getString("department"));
        assertEquals("planning", transferred.getString("responsibleDepartment"));
        assertEquals(accepted.getString("openDeadlines[0].dueAt"), transferred.getString("openDeadlines[0].dueAt"),
                "a transfer does not restart the clock");
        JsonPath replied = JsonPath.from(events.get(4).value());
        assertEquals("follow_up", replied.getString("openDeadlines[0].kind"));
        assertEquals(CALENDAR.deadline(Instant.parse(replied.getString("openDeadlines[0].startAt")), 3),
                Instant.parse(replied.getString("openDeadlines[0].dueAt")));
        JsonPath closed = JsonPath.from(events.get(9).value());
        assertTrue(closed.getList("openDeadlines").isEmpty(), "a closed complaint waits for nothing");
    }

    @Test
    void illegalTransitionIs409NamingTheStateAndChangesNothing() {
        var c = ComplaintApi.submitAsCitizen("complaint", "land_management");
        act(spokesperson(), c.id(), "assign", "{\"department\":\"land\"}").statusCode(409)
                .contentType("application/problem+json").body("type", equalTo("urn:zhengfeng:problem:illegal-transition"))
                .body("detail", containsString("submitted"));
        act(head("land"), c.id(), "approve-reply", null).statusCode(403);
        assertEquals("submitted", status(c.id()));
        act(spokesperson(), c.id(), "reject", "{\"reason\":\"\"}").statusCode(400).body("errors[0].field", equalTo("reason"));
        act(spokesperson(), c.id(), "reject", "{\"reason\":\"不属于本局职责，请向住建局反映\"}").statusCode(200);
        act(spokesperson(), c.id(), "accept", null).statusCode(409).body("detail", containsString("rejected"));
        assertEquals("rejected", status(c.id()));
    }

    @Test
    void forbiddenActionsAre403AndAuditedAndChangeNothing() {
        var c = ComplaintApi.submitAsCitizen("complaint", "urban_planning");
        act(handler("planning"), c.id(), "accept", null).statusCode(403).contentType("application/problem+json");
        act(ComplaintApi.as("x", "supervisor", null), c.id(), "accept", null).statusCode(403);
        act(io.restassured.RestAssured.given(), c.id(), "accept", null).statusCode(401);
        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        act(spokesperson(), c.id(), "assign", "{\"department\":\"planning\"}").statusCode(200);
        act(handler("land"), c.id(), "reply", "{\"content\":\"不是我们的\"}").statusCode(403)
                .body("detail", containsString("planning"));
        act(spokesperson(), c.id(), "assign", "{\"department\":\"mars\"}").statusCode(409);
        assertEquals("assigned", status(c.id()));
        List<String> outcomes = leader().get("/api/complaints/audit?subjectId=" + c.id() + "&action=complaint.reply")
                .then().statusCode(200).extract().jsonPath().getList("items.outcome");
        assertEquals(List.of("denied"), outcomes);
        leader().get("/api/complaints/" + c.id()).then().statusCode(200);
        handler("land").get("/api/complaints/" + c.id()).then().statusCode(403);
    }

    @Test
    void extensionMovesTheReplyDeadlineOnceAndOnlyALeaderGrantsIt() {
        var c = ComplaintApi.recordHotline("suggestion", "urban_planning");
        act(spokesperson(), c.id(), "accept", null).statusCode(200);
        act(spokesperson(), c.id(), "assign", "{\"department\":\"planning\"}").statusCode(200);
        String before = spokesperson().get("/api/complaints/" + c.id()).then().extract().path("replyDueAt");
        act(head("planning"), c.id(), "request-extension", "{\"workingDays\":11,\"reason\":\"需要测绘\"}").statusCode(400)
                .body("errors[0].field", equalTo("workingDays"));
        act(head("planning"), c.id(), "request-extension", "{\"workingDays\":5,\"reason\":\"需要测绘\"}").statusCode(200);
        act(head("planning"), c.id(), "approve-extension", null).statusCode(403);
        act(leader(), c.id(), "approve-extension", "{}").statusCode(200);
        String after = spokesperson().get("/api/complaints/" + c.id()).then().extract().path("replyDueAt");
        var zone = CALENDAR.zone();
        assertEquals(CALENDAR.closeOfBusiness(CALENDAR.addWorkingDays(Instant.parse(before).atZone(zone).toLocalDate(), 5)),
                Instant.parse(after));
        act(head("planning"), c.id(), "request-extension", "{\"workingDays\":2,\"reason\":\"再延\"}").statusCode(409)
                .body("type", equalTo("urn:zhengfeng:problem:extension-used"));
    }

    @Test
    void twentyConcurrentAcceptsOneWinsNineteenGet409() throws Exception {
        var c = ComplaintApi.submitAsCitizen("consultation", "other");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<Integer>> calls = Collections.nCopies(20,
                    () -> act(spokesperson(), c.id(), "accept", null).extract().statusCode());
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(s -> s == 200).count(), codes.toString());
            assertEquals(19, codes.stream().filter(s -> s == 409).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        List<String> actions = spokesperson().get("/api/complaints/" + c.id() + "/history").then().extract().jsonPath().getList("action");
        assertEquals(List.of("submit", "accept"), actions);
    }
}
