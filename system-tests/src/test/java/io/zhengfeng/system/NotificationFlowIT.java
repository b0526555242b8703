package io.zhengfeng.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.restassured.path.json.JsonPath;
import static io.zhengfeng.system.SuiteClient.*;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.ConsumerGroups;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.TestTokens;
import io.zhengfeng.testing.TopicReader;

/**
 * Issue 2's flow into the notification service: the spokesperson's inbox item and acceptance timer,
 * and a SIGKILL of the notification service mid-stream losing and duplicating nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationFlowIT {
    private static Suite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = SuiteClient.suite();
    }

    @Test
    @Order(1)
    void citizensComplaintReachesTheSpokespersonsInboxThroughTheGateway() {
        JsonPath created = submit("web").jsonPath();
        String id = created.getString("id");
        String tracking = created.getString("trackingNumber");
        String token = login("spokesperson");
        Await.until(() -> {
            String inbox = gateway().header("Authorization", "Bearer " + token).get("/api/notifications/inbox")
                    .then().statusCode(200).extract().asString();
            return inbox.contains(id) && inbox.contains(tracking);
        }, Duration.ofSeconds(30));
        gateway().header("X-Access-Code", created.getString("accessCode")).get("/api/complaints/track/" + tracking)
                .then().statusCode(200);
        gateway().header("X-Access-Code", "WRONG23456").get("/api/complaints/track/" + tracking).then().statusCode(404);
        ConsumerGroups.awaitCaughtUp("notification-service", Topics.COMPLAINTS, Duration.ofSeconds(30));
        assertEquals(1, count("SELECT COUNT(*) FROM timer WHERE subject_id = ? AND deadline_kind = 'acceptance'", id));
    }

    @Test
    @Order(2)
    void spokespersonConnectedToTheLiveStreamThroughTheGatewayIsToldOfANewComplaint() throws Exception {
        String token = login("spokesperson");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(suite.gateway.url() + "/api/notifications/inbox/stream"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").build();
        var response = java.net.http.HttpClient.newHttpClient().sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                response.join().body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the test ended the connection
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Await.until(() -> lines.stream().anyMatch(l -> l.replace(" ", "").equals("event:ready")), Duration.ofSeconds(30));
            assertEquals("text/event-stream", response.join().headers().firstValue("Content-Type").orElse("").split(";")[0]);
            String id = submit("web").jsonPath().getString("id");
            Await.until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(id)
                    && l.contains("\"type\":\"complaint.new\"")), Duration.ofSeconds(30));
        } finally {
            response.cancel(true);
        }
    }

    @Test
    @Order(10)
    void killingTheNotificationServiceDuring500SubmissionsLosesAndDuplicatesNothing() throws Exception {
        int total = 500;
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger submitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                futures.add(pool.submit(() -> {
                    ids.add(submit("web").jsonPath().getString("id"));
                    submitted.incrementAndGet();
                }));
            }
            Await.until(() -> submitted.get() >= 150, Duration.ofSeconds(120));
            suite.notifications.kill(); // SIGKILL mid-stream
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        suite.restartNotifications();
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        Object[] args = ids.toArray();
        Await.until(() -> count("SELECT COUNT(*) FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN (" + in + ")", args) == total
                && count("SELECT COUNT(*) FROM notification WHERE channel = 'INBOX' AND subject_id IN ("
                        + in + ")", args) >= total, Duration.ofSeconds(120));
        // every complaint event has been dealt with, redeliveries after the kill included
        ConsumerGroups.awaitCaughtUp("notification-service", Topics.COMPLAINTS, Duration.ofSeconds(120));
        assertEquals(total, count("SELECT COUNT(DISTINCT subject_id) FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN ("
                + in + ")", args));
        assertEquals(total, count("SELECT COUNT(*) FROM timer WHERE deadline_kind = 'acceptance' AND subject_id IN (" + in + ")", args),
                "exactly one acceptance timer per complaint");
        List<Object[]> perComplaint = Suite.query(suite.notificationDb, "SELECT subject_id, COUNT(*) FROM notification"
                + " WHERE channel = 'INBOX' AND subject_id IN (" + in + ") GROUP BY subject_id", args);
        assertEquals(total, perComplaint.size(), "every complaint has its spokesperson inbox item");
        assertTrue(perComplaint.stream().allMatch(r -> ((Number) r[1]).longValue() == 1), "and only one");
    }

    private static long count(String sql, Object... args) {
        return ((Number) Suite.query(suite.notificationDb, sql, args).get(0)[0]).longValue();
    }
}
