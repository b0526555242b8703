package io.zhengfeng.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.notification.persistence.TimerRepository;
import io.zhengfeng.notification.service.DailyDigest;
import io.zhengfeng.notification.service.Json;
import io.zhengfeng.testing.Await;
import io.zhengfeng.testing.RealInfrastructureResource;

/** The morning digest: on working days from 09:00, once per day whichever replica gets there first. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_notification_test"))
class DailyDigestTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Inject
    DailyDigest digest;
    @Inject
    TimerRepository timers;
    @Inject
    NotificationRepository notifications;
    @Inject
    Json json;

    @Test
    void digestIsDueFromNineOnWorkingDaysOnly() {
        assertTrue(digest.isDue(ZonedDateTime.of(2026, 12, 2, 9, 0, 0, 0, SHANGHAI)), "a Wednesday at 09:00");
        assertFalse(digest.isDue(ZonedDateTime.of(2026, 12, 2, 8, 59, 0, 0, SHANGHAI)), "before 09:00");
        assertFalse(digest.isDue(ZonedDateTime.of(2026, 12, 5, 10, 0, 0, 0, SHANGHAI)), "a Saturday");
        assertFalse(digest.isDue(ZonedDateTime.of(2026, 10, 1, 10, 0, 0, 0, SHANGHAI)), "National Day");
        assertTrue(digest.isDue(ZonedDateTime.of(2026, 12, 2, 1, 0, 0, 0, ZoneId.of("UTC"))), "09:00 in Shanghai is 01:00 UTC");
    }

    @Test
    void spokespersonGetsTheUnacceptedAndEachHeadWhatIsDueTodayAndOverdueOnceAcrossRacingReplicas() throws Exception {
        ComplaintNews unaccepted = new ComplaintNews();
        unaccepted.say("submitted", "submitted", null, ComplaintNews.deadline(Deadline.ACCEPTANCE, 0, 3_600_000));
        ComplaintNews late = new ComplaintNews();
        late.say("assigned", "assigned", "water", ComplaintNews.deadline(Deadline.REPLY, 60_000, -1_000));
        ComplaintNews dueSoon = new ComplaintNews();
        Deadline soon = ComplaintNews.deadline(Deadline.REPLY, 0, 60_000);
        dueSoon.say("assigned", "assigned", "water", soon);
        for (ComplaintNews c : List.of(unaccepted, late, dueSoon)) {
            Await.until(() -> !QuarkusTransaction.requiringNew().call(() -> timers.ofSubject("complaint", c.id)).isEmpty(),
                    Duration.ofSeconds(20));
        }

        // the day the soon-due reply falls due on, so a run just before midnight still has it "today"
        LocalDate today = soon.dueAt().atZone(SHANGHAI).toLocalDate();
        CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> digest.sendFor(today));
        CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(() -> digest.sendFor(today));
        assertEquals(1, (a.get() ? 1 : 0) + (b.get() ? 1 : 0), "one replica sends the day's digest");
        assertFalse(digest.sendFor(today), "and only once");

        List<Notification> sent = QuarkusTransaction.requiringNew().call(() -> notifications
                .log(java.util.Optional.of(Channel.INBOX), java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty(), 0, 100))
                .stream().filter(n -> n.type.equals("digest.daily") && n.dedupKey.startsWith("digest:" + today)).toList();
        Notification spokesperson = only(sent, "role:spokesperson");
        Notification water = only(sent, "role:dept_head@water");

        assertTrue(sectionItems(spokesperson, "unaccepted").contains(unaccepted.trackingNumber));
        assertTrue(sectionItems(water, "overdue").contains(late.trackingNumber));
        assertFalse(sectionItems(water, "overdue").contains(dueSoon.trackingNumber));
        assertTrue(sectionItems(water, "due_today").contains(dueSoon.trackingNumber));
    }

    private static Notification only(List<Notification> sent, String recipient) {
        List<Notification> mine = sent.stream().filter(n -> n.recipient.equals(recipient)).toList();
        assertEquals(1, mine.size(), "one digest for " + recipient);
        return mine.get(0);
    }

    @SuppressWarnings("unchecked")
    private List<Object> sectionItems(Notification n, String key) {
        List<Map<String, Object>> sections = (List<Map<String, Object>>) json.readMap(n.params).get("sections");
        Map<String, Object> section = sections.stream().filter(s -> key.equals(s.get("key"))).findFirst().orElseThrow();
        return ((List<Map<String, Object>>) section.get("items")).stream().map(i -> i.get("trackingNumber")).toList();
    }
}
