package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import io.zhengfeng.testing.Await;

/**
 * One calendar for every replica: a day override taken by one complaint-service process is applied
 * by a second complaint-service process on the same database and by notification-service, all
 * through the zhengfeng.calendar feed (no shared memory, no database read by the others).
 */
class CalendarReplicasIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aDayOverrideTakenByOneComplaintServiceReplicaIsAppliedByTheOtherAndByNotificationService() throws Exception {
        Suite suite = SuiteClient.suite();
        ServiceProcess second = suite.startComplaintReplica();
        second.awaitReady(Suite.START);
        String admin = SuiteClient.login("admin");

        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(40);
        while (day.getDayOfWeek() != DayOfWeek.WEDNESDAY || holidays(second, day).contains(day.toString())) {
            day = day.plusDays(1);
        }
        LocalDate closed = day;
        assertFalse(holidays(second, closed).contains(closed.toString()));

        long sent = System.nanoTime();
        given().baseUri(suite.complaints.url()).header("Authorization", "Bearer " + admin).contentType("application/json")
                .body("{\"working\":false,\"reason\":\"台风停工\"}")
                .put("/api/complaints/calendar/overrides/" + closed).then().statusCode(200);

        Await.until(() -> holidays(second, closed).contains(closed.toString()), WAIT);
        System.out.printf("second complaint-service replica applied the override %d ms after the first took it%n",
                (System.nanoTime() - sent) / 1_000_000);
        String applied = "Calendar year " + closed.getYear() + " v";
        Await.until(() -> logOf(suite.notifications).lines()
                .anyMatch(l -> l.contains(applied) && l.contains(", 1 overrides)")), WAIT);
        System.out.printf("notification-service applied it %d ms after it was taken%n", (System.nanoTime() - sent) / 1_000_000);
    }

    private static String logOf(ServiceProcess p) {
        try {
            return Files.readString(p.log());
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static java.util.List<String> holidays(ServiceProcess complaints, LocalDate day) {
        return given().baseUri(complaints.url()).get("/api/complaints/calendar/" + day.getYear())
                .then().statusCode(200).extract().jsonPath().getList("holidays");
    }
}
