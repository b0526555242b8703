package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.ConsumerGroups;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TopicReader;

/**
 * The notification service keeps time across a restart and across replicas. Real deadlines are a
 * working day away, so the notification processes here run with {@code ZF_CLOCK_OFFSET}: they
 * behave as if the time until the deadline had passed. Complaint-service and the gateway keep the
 * real clock. Each IT class runs in a JVM of its own (failsafe reuseForks=false), with its own suite
 * and broker, so no other test sees these complaints go overdue.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimeKeeperIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static Suite suite;
    private static String spokesperson;

    @BeforeAll
    static void start() throws Exception {
        suite = SuiteClient.suite();
        spokesperson = login("spokesperson");
    }

    @Test
    @Order(1)
    void deadlinePassingWhileTheServiceIsDownFiresOnceOnStartAndTheComplaintIsMarkedOverdue() throws Exception {
        JsonPath created = submit();
        String id = created.getString("id");
        Instant acceptanceDue = Instant.parse(created.getString("acceptanceDueAt"));
        Await.until(() -> count("SELECT COUNT(*) FROM timer WHERE subject_id = ? AND deadline_kind = 'acceptance'", id) == 1, WAIT);

        suite.notifications.close(); // down
        try (TopicReader notifications = new TopicReader(Topics.NOTIFICATIONS)) {
            // back up after the deadline: 10 s past it on its clock
            ServiceProcess restarted = suite.startNotificationReplica(Map.of("ZF_CLOCK_OFFSET", offsetTo(acceptanceDue.plusSeconds(10)),
                    "ZF_INSTANCE_ID", "restarted"));
            restarted.awaitReady(Suite.START);

            Await.until(() -> count("SELECT COUNT(*) FROM notification WHERE subject_id = ? AND type = 'deadline.overdue'"
                    + " AND channel = 'INBOX'", id) >= 1, WAIT);
            notifications.readUntil(all -> breaches(all, id).size() >= 1, WAIT);
            Await.until(() -> complaint(id).getBoolean("overdue"), WAIT);
            roundsCompletedAfterNow(restarted); // a second firing, if any, has committed by now
            ConsumerGroups.awaitCaughtUp("complaint-service", Topics.NOTIFICATIONS, WAIT); // and been applied

            assertEquals(1, count("SELECT COUNT(*) FROM notification WHERE subject_id = ? AND type = 'deadline.overdue'"
                    + " AND channel = 'INBOX' AND recipient = 'role:spokesperson'", id), "one overdue alert to the spokesperson");
            assertEquals(1, breaches(notifications.readUntil(all -> true, WAIT), id).stream().map(RecordedEvent::id).distinct().count(),
                    "one deadline.breached");
            assertEquals(1, complaint(id).getInt("supervisionCount"), "the complaint is marked overdue once");
            restarted.close();
        }
    }

    @Test
    @Order(2)
    void twoReplicasFire200TimersDueTogetherExactlyOnceEachAndKillingOneMidwayLosesNone() throws Exception {
        ServiceProcess scheduler = suite.startNotificationReplica(Map.of("ZF_INSTANCE_ID", "scheduler"));
        scheduler.awaitReady(Suite.START);
        List<String> ids = submitMany(200);
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        Object[] args = ids.toArray();
        Await.until(() -> count("SELECT COUNT(*) FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN (" + in + ")", args)
                == ids.size(), WAIT);
        Instant due = Instant.parse(Suite.query(suite.notificationDb, "SELECT DATE_FORMAT(MAX(due_at), '%Y-%m-%dT%H:%i:%sZ')"
                + " FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN (" + in + ")", args).get(0)[0].toString());
        scheduler.close();

        // Two replicas whose clocks reach the deadline 15 s from now; one timer per round so both take
        // part and the firing lasts long enough to kill one in the middle of it.
        Map<String, String> common = Map.of("ZF_CLOCK_OFFSET", offsetTo(due.minusSeconds(15)),
                "ZHENGFENG_NOTIFICATION_TIMERS_BATCH_SIZE", "1");
        ServiceProcess a = suite.startNotificationReplica(with(common, "ZF_INSTANCE_ID", "replica-a"));
        ServiceProcess b = suite.startNotificationReplica(with(common, "ZF_INSTANCE_ID", "replica-b"));
        a.awaitReady(Suite.START);
        b.awaitReady(Suite.START);

        String overdue = "SELECT COUNT(*) FROM notification WHERE type = 'deadline.overdue' AND channel = 'INBOX' AND subject_id IN (" + in + ")";
        // polled tightly: the 200 are fired within a second or two
        Instant giveUp = Instant.now().plus(WAIT);
        while (count(overdue + " AND fired_by = 'replica-a'", args) < 10 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(5);
        }
        a.kill(); // SIGKILL mid-way
        long firedWhenKilled = count(overdue, args);
        System.out.printf("replica-a SIGKILLed when %d of %d timers had fired%n", firedWhenKilled, ids.size());

        Await.until(() -> count("SELECT COUNT(*) FROM timer WHERE breached_at IS NOT NULL AND subject_id IN (" + in + ")", args)
                == ids.size(), WAIT);
        roundsCompletedAfterNow(b); // a double firing, if any, has committed by now
        assertTrue(firedWhenKilled < ids.size(), "killed mid-way: " + firedWhenKilled + " of " + ids.size() + " had fired");
        List<Object[]> perComplaint = Suite.query(suite.notificationDb, "SELECT subject_id, COUNT(*) FROM notification"
                + " WHERE type = 'deadline.overdue' AND channel = 'INBOX' AND subject_id IN (" + in + ") GROUP BY subject_id", args);
        assertEquals(ids.size(), perComplaint.size(), "every timer fired");
        assertTrue(perComplaint.stream().allMatch(r -> ((Number) r[1]).longValue() == 1), "and each exactly once");
        Set<String> firedBy = Suite.query(suite.notificationDb, "SELECT DISTINCT fired_by FROM notification WHERE type = 'deadline.overdue'"
                + " AND subject_id IN (" + in + ")", args).stream().map(r -> r[0].toString()).collect(Collectors.toSet());
        assertEquals(Set.of("replica-a", "replica-b"), firedBy, "both replicas took part");

        // every complaint-service record is marked overdue exactly once (its consumer is idempotent per ce_id)
        Await.until(() -> complaintCount("SELECT COUNT(*) FROM complaint WHERE overdue = TRUE AND id IN (" + in + ")", args)
                == ids.size(), WAIT);
        assertEquals(0, complaintCount("SELECT COUNT(*) FROM complaint WHERE supervision_count <> 1 AND id IN (" + in + ")", args));
        b.close();
    }

    private static List<RecordedEvent> breaches(List<RecordedEvent> events, String id) {
        return events.stream().filter(e -> EventTypes.DEADLINE_BREACHED.equals(e.type()) && id.equals(e.key())).toList();
    }

    /** The offset that puts a clock started now at {@code at}. */
    private static String offsetTo(Instant at) {
        return Duration.between(Instant.now(), at).toString();
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put(key, value);
        return all;
    }

    private static List<String> submitMany(int n) throws Exception {
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(() -> ids.add(submit().getString("id"))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return ids;
    }

    private static RequestSpecification gateway() {
        return given().baseUri(suite.gateway.url()).contentType("application/json");
    }

    private static JsonPath submit() {
        return gateway().body(SuiteClient.body("web")).post("/api/complaints").then().statusCode(201).extract().jsonPath();
    }

    private static String login(String username) {
        return gateway().body("{\"username\":\"" + username + "\",\"password\":\"demo\"}").post("/api/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    private static JsonPath complaint(String id) {
        return gateway().header("Authorization", "Bearer " + spokesperson).get("/api/complaints/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static long count(String sql, Object... args) {
        return ((Number) Suite.query(suite.notificationDb, sql, args).get(0)[0]).longValue();
    }

    private static long complaintCount(String sql, Object... args) {
        return ((Number) Suite.query(suite.complaintDb, sql, args).get(0)[0]).longValue();
    }

    /**
     * Waits until the replica has completed two more firing rounds: a round that was in flight now
     * has committed, so whatever it fired is in the database — the positive signal that replaces
     * "sleep and hope a duplicate would have shown".
     */
    private static void roundsCompletedAfterNow(ServiceProcess replica) {
        long before = firingRounds(replica);
        Await.until(() -> firingRounds(replica) >= before + 2, WAIT);
    }

    private static long firingRounds(ServiceProcess replica) {
        String metrics = given().baseUri(replica.url()).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("zhengfeng_timers_round_seconds_count"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
