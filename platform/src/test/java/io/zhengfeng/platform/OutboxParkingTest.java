package io.zhengfeng.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.platform.events.Outbox;
import io.zhengfeng.platform.testapp.NoteEvents;
import io.zhengfeng.platform.testapp.OversizedNoteResource;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RecordedEvent;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TopicReader;

/**
 * A row the broker can never take is parked with its reason and the rows behind it in its shard go
 * out; the outbox gauges show the backlog, the age of its oldest row and what is parked.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_platform_test"))
class OutboxParkingTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    DataSource db;

    @Test
    void aTooLargeEventIsParkedWithItsReasonAndTheNextEventOfItsShardIsPublished() throws Exception {
        try (TopicReader reader = new TopicReader(NoteEvents.TOPIC)) {
            String id = given().post("/notes/oversized").then().statusCode(200).extract().path("id");
            // the ordinary event behind the oversized one (same aggregate, same shard) goes out and applies
            List<RecordedEvent> events = reader.readForKey(id, 1, WAIT);
            assertEquals(NoteEvents.WRITTEN, events.get(0).type());
            Await.until(() -> count("SELECT COUNT(*) FROM note_effect WHERE note_id = ?", id) == 1, WAIT);

            // the mark commits just after the broker acknowledged what it took
            Await.until(() -> count("SELECT COUNT(*) FROM outbox_event WHERE subject = ? AND parked_at IS NOT NULL", id) == 1, WAIT);
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT published_at, parked_at, park_reason FROM outbox_event WHERE subject = ? AND event_type = ?")) {
                ps.setString(1, id);
                ps.setString(2, OversizedNoteResource.OVERSIZED);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertNull(rs.getTimestamp(1), "never published");
                    assertNotNull(rs.getTimestamp(2), "parked");
                    assertTrue(rs.getString(3).contains("RecordTooLargeException"), rs.getString(3));
                }
            }
            assertEquals(1, count("SELECT COUNT(*) FROM outbox_event WHERE subject = ? AND published_at IS NOT NULL", id));
            // parked once, not retried: the relay's later rounds leave it alone
            Await.until(() -> metric("zhengfeng_outbox_parked") >= 1, WAIT);
            assertTrue(metric("zhengfeng_outbox_parked_events_total") >= 1);
        }
    }

    @Test
    void backlogGaugesShowTheWaitingRowsAndTheAgeOfTheOldest() throws Exception {
        int shard = 3;
        String subject = UUID.randomUUID().toString();
        // Hold the shard's relay lock, as a relay busy with it in another replica would, so the row waits.
        try (Connection lock = db.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.executeQuery("SELECT shard FROM outbox_shard WHERE shard = " + shard + " FOR UPDATE").close();
            }
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO outbox_event (event_id, topic, event_type, source, subject, shard, payload, occurred_at)
                    VALUES (?, ?, ?, '/zhengfeng/platform-test', ?, ?, ?, ?)""")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, NoteEvents.TOPIC);
                ps.setString(3, NoteEvents.WRITTEN);
                ps.setString(4, subject);
                ps.setInt(5, shard);
                ps.setString(6, "{\"noteId\":\"" + subject + "\",\"n\":1}");
                ps.setTimestamp(7, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
                ps.executeUpdate();
            }
            assertTrue(shard < Outbox.SHARDS);
            Await.until(() -> metric("zhengfeng_outbox_backlog") >= 1, WAIT);
            double age = metric("zhengfeng_outbox_oldest_age_seconds");
            assertTrue(age >= 3500 && age < 3 * 3600, "the oldest waiting row is an hour old: " + age);
            lock.rollback();
        }
        // the lock released, the relay publishes it and the gauges fall back
        Await.until(() -> count("SELECT COUNT(*) FROM outbox_event WHERE subject = ? AND published_at IS NOT NULL", subject) == 1,
                WAIT);
        Await.until(() -> metric("zhengfeng_outbox_backlog") == 0 && metric("zhengfeng_outbox_oldest_age_seconds") == 0, WAIT);
    }

    private static double metric(String name) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no metric " + name + " in /q/metrics");
        }
        return Double.parseDouble(m.group(1));
    }

    private long count(String sql, String arg) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
