package io.zhengfeng.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static SubjectDeadlines news(UUID id, Instant occurredAt, Deadline acceptance) {
        return new SubjectDeadlines("complaint", id, "ZF-B-" + id.toString().substring(0, 6), null, List.of(acceptance),
                occurredAt);
    }
}
