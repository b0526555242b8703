package io.zhengfeng.platform.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.zhengfeng.contracts.CalendarYearEvent;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.TestEvents;
import io.zhengfeng.testing.TestKafka;

/**
 * Every replica applies every calendar change: two independent feeds (as two replicas of one
 * service, or two services) read the real broker without a consumer group, and a feed started
 * after the events still rebuilds the calendar from the beginning of the topic.
 */
class CalendarFeedTest {
    private static final String SOURCE = "/zhengfeng/complaint-service";

    private static Instant shanghai(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
    }

    /** A fictional year far from any bundled data, so other tests' events cannot interfere. */
    private static CalendarYearEvent year2033(long version, List<CalendarYearEvent.Day> overrides) {
        return new CalendarYearEvent(2033, true, "国办发明电〔2032〕99号（test）", LocalDate.parse("2032-11-01"),
                List.of(new CalendarYearEvent.Holiday("劳动节", List.of(LocalDate.parse("2033-05-02"), LocalDate.parse("2033-05-03")))),
                List.of(LocalDate.parse("2033-05-07")), overrides, version, "admin", Instant.now());
    }

    @Test
    void twoIndependentFeedsApplyAYearAndADayOverridePublishedOnce() {
        String bootstrap = TestKafka.bootstrapServers();
        Calendars replicaA = new Calendars();
        Calendars replicaB = new Calendars();
        try (CalendarFeed a = new CalendarFeed(bootstrap, replicaA, "feed-a");
             CalendarFeed b = new CalendarFeed(bootstrap, replicaB, "feed-b")) {
            a.start();
            b.start();
            Await.until(() -> a.isCaughtUp() && b.isCaughtUp(), Duration.ofSeconds(30));
            long before = replicaA.version(2033).orElse(0L);

            // Mon 2 May 2033 is a plain Monday until the year arrives
            TestEvents.send(Topics.CALENDAR, EventTypes.CALENDAR_YEAR_CHANGED, SOURCE, 2033, year2033(before + 1, List.of()));
            Await.until(() -> replicaA.version(2033).orElse(0L) == before + 1
                    && replicaB.version(2033).orElse(0L) == before + 1, Duration.ofSeconds(10));
            for (Calendars c : List.of(replicaA, replicaB)) {
                assertFalse(c.current().isWorkingDay(LocalDate.parse("2033-05-02")));
                assertTrue(c.current().isWorkingDay(LocalDate.parse("2033-05-07")));
                assertFalse(c.current().isProvisional(shanghai("2033-04-29T10:00"), shanghai("2033-05-09T18:00")));
            }

            // a day override (typhoon closure of Wed 4 May), as a new version of the whole year
            long sent = System.nanoTime();
            TestEvents.send(Topics.CALENDAR, EventTypes.CALENDAR_YEAR_CHANGED, SOURCE, 2033, year2033(before + 2,
                    List.of(new CalendarYearEvent.Day(LocalDate.parse("2033-05-04"), false, "台风停工"))));
            Await.until(() -> !replicaA.current().isWorkingDay(LocalDate.parse("2033-05-04"))
                    && !replicaB.current().isWorkingDay(LocalDate.parse("2033-05-04")), Duration.ofSeconds(10));
            System.out.printf("calendar feed: override applied by both replicas %d ms after the broker acknowledged it%n",
                    (System.nanoTime() - sent) / 1_000_000);
            // Fri 29 Apr + 2: Sat 30 Apr and Sun 1 May off, Mon 2 / Tue 3 holiday, Wed 4 closed -> Thu 5, Fri 6
            assertEquals(shanghai("2033-05-06T18:00"), replicaB.current().deadline(shanghai("2033-04-29T10:00"), 2));

            // a stale replay of the first version changes nothing
            TestEvents.send(Topics.CALENDAR, EventTypes.CALENDAR_YEAR_CHANGED, SOURCE, 2033, year2033(before + 1, List.of()));
            TestEvents.send(Topics.CALENDAR, EventTypes.CALENDAR_YEAR_CHANGED, SOURCE, 2034,
                    new CalendarYearEvent(2034, false, null, null, List.of(), List.of(), List.of(), 1, "admin", Instant.now()));
            Await.until(() -> replicaA.version(2034).isPresent() && replicaB.version(2034).isPresent(), Duration.ofSeconds(10));
            assertEquals(Optional.of(before + 2), replicaA.version(2033));
            assertFalse(replicaA.current().isWorkingDay(LocalDate.parse("2033-05-04")));
        }

        // a replica started later rebuilds the same calendar from the beginning of the topic
        Calendars late = new Calendars();
        try (CalendarFeed c = new CalendarFeed(bootstrap, late, "feed-late")) {
            c.start();
            Await.until(c::isCaughtUp, Duration.ofSeconds(30));
            assertFalse(late.current().isWorkingDay(LocalDate.parse("2033-05-04")));
            assertTrue(late.current().isWorkingDay(LocalDate.parse("2033-05-07")));
        }
    }

    @Test
    void theCalendarTopicIsKeptCompactedSoOldYearsAreNeverDeleted() throws Exception {
        String bootstrap = TestKafka.bootstrapServers();
        CalendarFeed.ensureTopic(bootstrap);
        assertEquals("compact", cleanupPolicy(bootstrap));
        // something else (a broker auto-creating it for the relay) left it on "delete": ensureTopic repairs it
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.CALENDAR);
            admin.incrementalAlterConfigs(java.util.Map.of(resource, List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                    new org.apache.kafka.clients.admin.ConfigEntry("cleanup.policy", "delete"),
                    org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
        }
        assertEquals("delete", cleanupPolicy(bootstrap));
        CalendarFeed.ensureTopic(bootstrap);
        assertEquals("compact", cleanupPolicy(bootstrap));
    }

    private static String cleanupPolicy(String bootstrap) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, Topics.CALENDAR);
            return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value();
        }
    }

    @Test
    void anInconsistentYearIsRefusedAndTheCalendarKept() {
        Calendars calendars = new Calendars();
        CalendarYearEvent bad = new CalendarYearEvent(2035, true, "x", null,
                List.of(new CalendarYearEvent.Holiday("h", List.of(LocalDate.parse("2035-05-05")))),
                List.of(LocalDate.parse("2035-05-05")), List.of(), 1, "admin", Instant.now());
        try {
            calendars.apply(bad);
        } catch (IllegalArgumentException expected) {
            // both holiday and make-up day
        }
        assertTrue(calendars.version(2035).isEmpty());
        assertTrue(calendars.current().isWorkingDay(LocalDate.parse("2035-05-07")));
    }
}
