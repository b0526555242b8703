package io.zhengfeng.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import io.zhengfeng.contracts.AccountEvent;
import io.zhengfeng.contracts.Deadline;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.Sources;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.platform.security.Roles;
import io.zhengfeng.testing.TestEvents;

/**
 * Puts events on the real broker as the gateway and complaint-service publish them: CloudEvents in
 * binary mode, key = aggregate id.
 */
final class EventFeed {

    /** The gateway announces a spokesperson account with this e-mail address and language. */
    static void spokesperson(String username, String email, String locale) {
        staff(username, email, locale, Roles.SPOKESPERSON, null);
    }

    /** The gateway announces a staff account holding {@code role} in {@code department} (null for none). */
    static void staff(String username, String email, String locale, String role, String department) {
        AccountEvent account = new AccountEvent(UUID.randomUUID(), username, username, email, Set.of(role),
                department, locale, true, Instant.now());
        send(Topics.ACCOUNTS, EventTypes.ACCOUNT_UPSERTED, Sources.GATEWAY, account.accountId(), account);
    }

    /** complaint-service announces a new web complaint, its acceptance due in a day. */
    static void complaintSubmitted(UUID complaintId, String trackingNumber) {
        new ComplaintNews(complaintId, trackingNumber).say("submitted", "submitted", null,
                ComplaintNews.deadline(Deadline.ACCEPTANCE, 0, Duration.ofDays(1).toMillis()));
    }

    private static void send(String topic, String type, String source, Object aggregateId, Object payload) {
        TestEvents.send(topic, type, source, aggregateId, payload);
    }

    private EventFeed() {
    }
}
