package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.ConsumerGroups;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TopicReader;

/**
 * Issue 13's acceptance: two complaint-service and two notification-service processes on the same
 * databases, behind one gateway that lists both URLs of each. Citizens keep submitting while one
 * replica of each is stopped — complaint-service by SIGKILL (a crash, with requests in flight),
 * notification-service by SIGTERM (a rolling update) — and the survivors carry on: nothing accepted
 * is lost or doubled, no side effect happens twice although two relays and two consumers ran.
 */
class ReplicasIT {
    private static final int TOTAL = 240;
    private static final int THREADS = 6;
    private static final int STOP_AFTER = 80;
    private static final int READS = 10;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static Suite suite;
    private static String spokesperson;

    /** One submission as the citizen saw it. */
    private record Attempt(boolean afterStop, int status, String id, String error) {
    }

    @BeforeAll
    static void start() throws Exception {
        suite = new Suite(true);
        spokesperson = gateway().body("{\"username\":\"spokesperson\",\"password\":\"demo\"}").post("/api/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void submissionsThroughTwoReplicasOfEachSurviveOneOfEachStoppingWithoutLossOrDuplicateSideEffects() throws Exception {
        readInbox(READS);
        List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger accepted = new AtomicInteger();
        Map<String, Long> servedAtStop = new java.util.HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < TOTAL; i++) {
                futures.add(pool.submit(() -> {
                    Attempt attempt = submit(stopped.get());
                    attempts.add(attempt);
                    if (attempt.status() == 201) {
                        accepted.incrementAndGet();
                    }
                }));
            }
            Await.until(() -> accepted.get() >= STOP_AFTER, WAIT);
            servedAtStop.putAll(served());
            assertEquals(List.of("UP", "UP", "UP", "UP"), replicaHealth().values().stream().toList(),
                    () -> "four replicas ready before the stop; their logs end:\n" + Stream.of(suite.complaints,
                            suite.complaintReplica, suite.notifications, suite.notificationReplica)
                            .map(p -> p.name + " on " + p.port + ":\n" + p.logTail(8)).collect(Collectors.joining("\n")));
            suite.complaintReplica.kill(); // SIGKILL mid-stream: its requests in flight are cut off
            suite.notificationReplica.close(); // SIGTERM: a rolling update's stop
            stopped.set(true);
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        readInbox(READS);
        Map<String, String> healthAfter = replicaHealth();

        List<Attempt> before = attempts.stream().filter(a -> !a.afterStop()).toList();
        List<Attempt> after = attempts.stream().filter(Attempt::afterStop).toList();
        // a request is logged as it ends, maybe just after its response reached the client
        Await.until(() -> served().get("complaints") >= servedAtStop.get("complaints") + after.size()
                && served().get("notifications") >= servedAtStop.get("notifications") + READS, WAIT);
        Map<String, Long> servedAtEnd = served();
        List<Attempt> lost = attempts.stream().filter(a -> a.status() != 201).toList();
        List<String> acceptedIds = attempts.stream().filter(a -> a.status() == 201).map(Attempt::id).toList();
        Set<String> stored = Suite.query(suite.complaintDb, "SELECT id FROM complaint").stream()
                .map(r -> (String) r[0]).collect(Collectors.toSet());
        Set<String> committedButUnanswered = new HashSet<>(stored);
        acceptedIds.forEach(committedButUnanswered::remove);

        System.out.printf("replicas: %d submissions (%d before the stop, %d after), %d accepted, %d not answered 201"
                + " (in flight at the kill: %s), %d of those stored anyway%n", attempts.size(), before.size(), after.size(),
                acceptedIds.size(), lost.size(), lost.stream().map(a -> a.status() + (a.error() == null ? "" : " " + a.error()))
                        .toList(), committedButUnanswered.size());
        System.out.printf("replicas: served before the stop %s, at the end %s%n", servedAtStop, servedAtEnd);
        System.out.printf("replicas: suite health after the stop %s%n", healthAfter);

        assertEquals(TOTAL, attempts.size());
        assertTrue(servedAtStop.get("complaints") > 0 && servedAtStop.get("complaintReplica") > 0,
                "both complaint-service replicas took submissions before the stop: " + servedAtStop);
        assertTrue(servedAtStop.get("notifications") > 0 && servedAtStop.get("notificationReplica") > 0,
                "both notification-service replicas served the inbox before the stop: " + servedAtStop);
        assertTrue(after.size() > 0 && after.stream().allMatch(a -> a.status() == 201),
                "every submission after the stop accepted: " + after.stream().filter(a -> a.status() != 201).toList());
        assertTrue(servedAtEnd.get("complaints") - servedAtStop.get("complaints") >= after.size(),
                "by the surviving complaint-service");
        assertTrue(lost.size() <= THREADS, "only requests in flight at the kill may be lost: " + lost);
        assertTrue(stored.containsAll(acceptedIds), "every accepted submission is stored");
        assertEquals(acceptedIds.size(), Set.copyOf(acceptedIds).size());
        assertTrue(committedButUnanswered.size() <= lost.size(),
                "no submission stored twice: only an unanswered one may be stored without the citizen knowing its id");
        assertTrue(healthAfter.values().stream().filter(s -> s.startsWith("UNREACHABLE")).count() == 2,
                "the suite health names the two stopped replicas: " + healthAfter);

        assertOneSideEffectEach(stored);
    }

    /** One acceptance timer, one spokesperson inbox item and one submitted event per stored complaint. */
    private static void assertOneSideEffectEach(Set<String> stored) {
        String in = String.join(",", Collections.nCopies(stored.size(), "?"));
        Object[] ids = stored.toArray();
        Await.until(() -> count("SELECT COUNT(DISTINCT subject_id) FROM timer WHERE deadline_kind = 'acceptance'"
                + " AND subject_id IN (" + in + ")", ids) == stored.size()
                && count("SELECT COUNT(DISTINCT subject_id) FROM notification WHERE channel = 'INBOX' AND subject_id IN ("
                        + in + ")", ids) == stored.size(), WAIT);
        ConsumerGroups.awaitCaughtUp("notification-service", Topics.COMPLAINTS, WAIT); // redeliveries after the stops included
        assertEquals(stored.size(), count("SELECT COUNT(*) FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN ("
                + in + ")", ids), "exactly one acceptance timer per complaint");
        assertEquals(stored.size(), count("SELECT COUNT(*) FROM notification WHERE channel = 'INBOX' AND subject_id IN ("
                + in + ")", ids), "exactly one inbox item per complaint");

        try (TopicReader topic = new TopicReader(Topics.COMPLAINTS)) {
            List<RecordedEvent> submitted = topic.readUntil(all -> submittedIn(all).keySet().containsAll(stored), WAIT)
                    .stream().filter(e -> EventTypes.COMPLAINT_SUBMITTED.equals(e.type())).toList();
            Map<String, Set<String>> eventIdsPerComplaint = submittedIn(submitted);
            long redelivered = submitted.size() - submitted.stream().map(RecordedEvent::id).distinct().count();
            System.out.printf("replicas: %d complaint.submitted records for %d complaints (%d redelivered with the same id)%n",
                    submitted.size(), stored.size(), redelivered);
            assertTrue(eventIdsPerComplaint.values().stream().allMatch(eventIds -> eventIds.size() == 1),
                    "one submitted event per complaint, whichever relay sent it");
        }
    }

    private static Map<String, Set<String>> submittedIn(List<RecordedEvent> events) {
        return events.stream().filter(e -> EventTypes.COMPLAINT_SUBMITTED.equals(e.type()))
                .collect(Collectors.groupingBy(RecordedEvent::key, Collectors.mapping(RecordedEvent::id, Collectors.toSet())));
    }

    private static Attempt submit(boolean afterStop) {
        try {
            Response r = gateway().body(SuiteClient.body("web")).post("/api/complaints");
            return new Attempt(afterStop, r.statusCode(), r.statusCode() == 201 ? r.jsonPath().getString("id") : null, null);
        } catch (RuntimeException e) {
            return new Attempt(afterStop, -1, null, e.toString());
        }
    }

    private static void readInbox(int times) {
        for (int i = 0; i < times; i++) {
            gateway().header("Authorization", "Bearer " + spokesperson).get("/api/notifications/inbox").then().statusCode(200);
        }
    }

    /** Requests each process logged as served: complaint submissions and inbox reads. */
    private static Map<String, Long> served() {
        return Map.of("complaints", lines(suite.complaints, "served POST /api/complaints 201"),
                "complaintReplica", lines(suite.complaintReplica, "served POST /api/complaints 201"),
                "notifications", lines(suite.notifications, "served GET /api/notifications/inbox 200"),
                "notificationReplica", lines(suite.notificationReplica, "served GET /api/notifications/inbox 200"));
    }

    private static long lines(ServiceProcess process, String text) {
        try {
            return Files.readAllLines(process.log()).stream().filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The suite health's report on each replica ({@code <service>@<address>}). */
    private static Map<String, String> replicaHealth() {
        Map<String, String> all = given().baseUri(suite.gateway.url()).get("/q/health/group/suite").then().extract().jsonPath()
                .getMap("checks[0].data");
        return new java.util.TreeMap<>(all.entrySet().stream().filter(e -> e.getKey().contains("@"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    private static long count(String sql, Object... args) {
        return ((Number) Suite.query(suite.notificationDb, sql, args).get(0)[0]).longValue();
    }

    private static RequestSpecification gateway() {
        return given().baseUri(suite.gateway.url()).contentType("application/json");
    }
}
