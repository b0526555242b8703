package io.zhengfeng.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.engine.spi.SessionImplementor;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.notification.persistence.DeadlineTimer;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.notification.service.SubjectDeadlines;
import io.zhengfeng.notification.service.TimerService;
import io.zhengfeng.testing.RealInfrastructureResource;
import io.zhengfeng.testing.TestDatabase;

/**
 * A consumer batch applies many events in one transaction, several of them about one subject
 * (submitted, then accepted, in one poll). The timers a batch creates are not flushed event by event
 * (that would dirty-check the whole batch each time and send the inserts one by one), yet the
 * second piece of news about a subject still finds the timer the first one created.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class TimerBatchTest {
    private static final int SUBJECTS = 20;

    @Inject
    TimerService timerService;
    @Inject
    TimerRepository timers;
    @Inject
    EntityManager em;

    @Test
    void newsAboutOneSubjectTwiceInOneBatchKeepsOneTimerPerDeadlineAndNeedsNoFlushInBetween() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant firstDue = now.plus(Duration.ofDays(1));
        Instant movedDue = now.plus(Duration.ofDays(3));
        List<UUID> subjects = new ArrayList<>();
        for (int i = 0; i < SUBJECTS; i++) {
            subjects.add(UUID.randomUUID());
        }
        int queuedAfterBatch = QuarkusTransaction.requiringNew().call(() -> {
            for (UUID id : subjects) {
                timerService.sync(news(id, now, new Deadline(Deadline.ACCEPTANCE, now, firstDue)));
                timerService.sync(news(id, now.plusSeconds(1), new Deadline(Deadline.ACCEPTANCE, now, movedDue)));
            }
            return em.unwrap(SessionImplementor.class).getActionQueue().numberOfInsertions();
        });

        assertEquals(SUBJECTS, queuedAfterBatch, "every timer insert still queued for one batched flush at commit");
        for (UUID id : subjects) {
            List<DeadlineTimer> kept = QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("complaint", id));
            assertEquals(1, kept.size(), "one acceptance timer for " + id);
            assertEquals(movedDue, kept.get(0).dueAt, "the later news moved it");
            assertEquals(2, kept.get(0).generation, "rescheduled once, not created twice");
        }
    }

    @Test
    void aBatchLocksAllItsSubjectsTimersUpFrontAndEachPieceOfNewsStillMovesOrCreatesItsOwn() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant firstDue = now.plus(Duration.ofDays(1));
        Instant movedDue = now.plus(Duration.ofDays(2));
        List<UUID> known = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> fresh = List.of(UUID.randomUUID(), UUID.randomUUID());
        QuarkusTransaction.requiringNew().run(() -> known.forEach(
                id -> timerService.sync(news(id, now, new Deadline(Deadline.ACCEPTANCE, now, firstDue)))));
        List<UUID> batch = new ArrayList<>(known);
        batch.addAll(fresh);

        boolean lockedWhileTheBatchRuns = QuarkusTransaction.requiringNew().call(() -> {
            timerService.lockAll("complaint", batch);
            boolean locked = lockedElsewhere(known.get(1));
            for (UUID id : batch) {
                timerService.sync(news(id, now.plusSeconds(1), new Deadline(Deadline.ACCEPTANCE, now, movedDue)));
            }
            return locked;
        });

        assertTrue(lockedWhileTheBatchRuns, "another transaction cannot take a subject's timers while the batch holds them");
        for (UUID id : batch) {
            List<DeadlineTimer> kept = QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("complaint", id));
            assertEquals(1, kept.size(), "one acceptance timer for " + id);
            assertEquals(movedDue, kept.get(0).dueAt);
            assertEquals(known.contains(id) ? 2 : 1, kept.get(0).generation, "moved if it existed, created once if not");
        }
    }

    /** Tries to lock a subject's timers from a connection of its own (not the test's transaction). */
    private static boolean lockedElsewhere(UUID subject) throws SQLException {
        try (Connection c = TestDatabase.serviceConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM timer WHERE subject_id = ? FOR UPDATE NOWAIT")) {
            c.setAutoCommit(false);
            ps.setString(1, subject.toString());
            ps.executeQuery().close();
            c.rollback();
            return false;
        } catch (SQLException e) {
            return true; // ER_LOCK_NOWAIT (3572) on MySQL, 1205 on MariaDB
        }
    }

    private static SubjectDeadlines news(UUID id, Instant occurredAt, Deadline acceptance) {
        return new SubjectDeadlines("complaint", id, "ZF-B-" + id.toString().substring(0, 6), null, List.of(acceptance),
                occurredAt);
    }
}
