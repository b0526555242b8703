package io.zhengfeng.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.zhengfeng.testing.Await;

/**
 * The service's database is SIGKILLed: every request is answered at once with a 503 problem+json and
 * a Retry-After, none waits past the pool's and driver's timeouts, however many come at once (more
 * than the pool holds); when the database is back the pool heals and requests succeed again.
 */
@QuarkusTest
@QuarkusTestResource(value = ThrowawayMariaDb.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {
    /** acquisition-timeout (2 s here) + connectTimeout (2 s here) + generous slack for a loaded 2-core machine. */
    private static final Duration BOUND = Duration.ofSeconds(8);
    /** More than the pool's 20 connections. */
    private static final int CONCURRENT = 30;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    private record Answer(int status, String contentType, String retryAfter, String type, long millis) {
    }

    @Test
    void databaseDownAnswers503WithRetryAfterWithinTheBoundAndRecoversWhenItReturns() throws Exception {
        assertEquals(ThrowawayMariaDb.url(), jdbcUrl, "the service uses the test's own database, never 3306");
        assertEquals(200, writeNote().status(), "the service works before the outage");

        ThrowawayMariaDb.kill();
        List<Answer> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT);
        try {
            for (int round = 0; round < 2; round++) {
                List<Future<Answer>> inFlight = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    inFlight.add(clients.submit(DatabaseOutageTest::writeNote));
                }
                for (Future<Answer> f : inFlight) {
                    answers.add(f.get());
                }
            }
        } finally {
            clients.shutdownNow();
        }
        long slowest = answers.stream().mapToLong(Answer::millis).max().orElseThrow();
        System.out.printf("database down: %d answers, slowest %d ms%n", answers.size(), slowest);
        for (Answer a : answers) {
            assertEquals(503, a.status(), a.toString());
            assertTrue(a.contentType().startsWith("application/problem+json"), a.toString());
            assertEquals("urn:zhengfeng:problem:database-unavailable", a.type(), a.toString());
            assertEquals("5", a.retryAfter(), a.toString());
            assertTrue(a.millis() < BOUND.toMillis(), "answered within " + BOUND + ": " + a);
        }

        ThrowawayMariaDb.startServer();
        // The first success may take a validation round; after it, every request succeeds: no dead
        // connection is lent.
        Await.until(() -> writeNote().status() == 200, Duration.ofSeconds(60));
        for (int i = 0; i < 2 * CONCURRENT; i++) {
            assertEquals(200, writeNote().status(), "request " + i + " after the database returned");
        }
    }

    @Test
    void aLockWaitTimeoutIsA503WorthRetryingAtOnceAndChangesNothing() throws Exception {
        String id = given().contentType("application/json").body("{\"text\":\"locked\",\"events\":1}").post("/notes")
                .then().statusCode(200).extract().path("id");
        // Another transaction holds the row (the server's innodb_lock_wait_timeout is 1 s).
        try (Connection holder = DriverManager.getConnection(ThrowawayMariaDb.url(), "root", "")) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT id FROM note WHERE id = '" + id + "' FOR UPDATE").close();
            }
            given().contentType("text/plain").body("changed").put("/notes/" + id + "/text").then()
                    .statusCode(503).contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:zhengfeng:problem:database-busy"))
                    .header("Retry-After", "1");
            holder.rollback();
        }
        try (Connection c = DriverManager.getConnection(ThrowawayMariaDb.url(), "root", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT text FROM note WHERE id = '" + id + "'")) {
            assertTrue(rs.next());
            assertEquals("locked", rs.getString(1), "nothing changed");
        }
        // retried once the lock is gone, it succeeds
        given().contentType("text/plain").body("changed").put("/notes/" + id + "/text").then().statusCode(204);
    }

    private static Answer writeNote() {
        long start = System.nanoTime();
        Response r = given().contentType("application/json").body("{\"text\":\"outage\",\"events\":1}").post("/notes");
        long millis = (System.nanoTime() - start) / 1_000_000;
        String type = r.getContentType() != null && r.getContentType().contains("json") && r.statusCode() != 200
                ? r.jsonPath().getString("type") : null;
        return new Answer(r.statusCode(), String.valueOf(r.getContentType()), r.getHeader("Retry-After"), type, millis);
    }
}
