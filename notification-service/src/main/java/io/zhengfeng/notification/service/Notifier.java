package io.zhengfeng.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.zhengfeng.notification.config.Replica;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.DeliveryStatus;
import io.zhengfeng.notification.persistence.DirectoryAccount;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.notification.persistence.Webhook;
import io.zhengfeng.platform.calendar.Calendars;
import io.zhengfeng.platform.persistence.RowIds;

/**
 * Turns a {@link Dispatch} into notifications, in the caller's transaction: one inbox item per
 * audience (read by every holder of the role), one e-mail per person of those audiences who wants
 * it (sent by the delivery worker, after quiet hours unless urgent), one call per subscribed webhook.
 * Every row is keyed by (cause, recipient, channel), so dispatching again adds nothing.
 */
@ApplicationScoped
public class Notifier {
    private final NotificationRepository notifications;
    private final BatchLookups lookups;
    private final Json json;
    private final Clock clock;
    private final Replica replica;
    private final WakeUps wakeUps;
    private final Calendars calendars;

    public Notifier(NotificationRepository notifications, BatchLookups lookups, Json json, Clock clock, Replica replica,
            WakeUps wakeUps, Calendars calendars) {
        this.notifications = notifications;
        this.lookups = lookups;
        this.json = json;
        this.clock = clock;
        this.replica = replica;
        this.wakeUps = wakeUps;
        this.calendars = calendars;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatch(Dispatch d) {
        dispatchAll(List.of(d));
    }

    /**
     * Several dispatches in one go (a firing round): each audience's members and the webhooks are
     * looked up once per transaction ({@link BatchLookups}), and every row is written by one
     * multi-row insert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void dispatchAll(List<Dispatch> dispatches) {
        if (dispatches.isEmpty()) {
            return; // an idle firing round
        }
        Instant now = clock.instant();
        List<Webhook> hooks = lookups.webhooks();
        List<Notification> rows = new ArrayList<>();
        for (Dispatch d : dispatches) {
            String params = json.write(d.params());
            Set<String> emailed = new HashSet<>();
            for (Audience audience : d.audiences()) {
                rows.add(row(d, audience.address(), Channel.INBOX, params, DeliveryStatus.DELIVERED, null, now));
                for (DirectoryAccount person : lookups.members(audience)) {
                    if (person.email == null || person.email.isBlank() || !emailed.add(person.username)) {
                        continue;
                    }
                    Preferences.View view = lookups.preferences(person.username);
                    if (view.wants(d.type(), Channel.EMAIL)) {
                        rows.add(row(d, Audience.user(person.username).address(), Channel.EMAIL, params,
                                DeliveryStatus.PENDING, view.nextAllowed(now, calendars.current().zone(), d.urgent()), now));
                    }
                }
            }
            for (Webhook hook : hooks) {
                if (List.of(hook.eventTypes.split(",")).contains(d.type().code())) {
                    rows.add(row(d, "webhook:" + hook.id, Channel.WEBHOOK, params, DeliveryStatus.PENDING, now, now));
                }
            }
        }
        notifications.insertAllOnce(rows);
        wakeUps.afterCommit(WakeUps.Worker.STREAM);
        if (rows.stream().anyMatch(r -> r.channel != Channel.INBOX)) {
            wakeUps.afterCommit(WakeUps.Worker.DELIVERY);
        }
    }

    private Notification row(Dispatch d, String recipient, Channel channel, String params, DeliveryStatus status,
            Instant nextAttemptAt, Instant now) {
        Notification n = new Notification();
        n.id = RowIds.next();
        n.dedupKey = d.dedupKey();
        n.recipient = recipient;
        n.channel = channel;
        n.type = d.type().code();
        n.subjectType = d.subjectType();
        n.subjectId = d.subjectId();
        n.params = params;
        n.urgent = d.urgent();
        n.status = status;
        n.nextAttemptAt = nextAttemptAt;
        n.firedBy = replica.id();
        n.createdAt = now;
        n.deliveredAt = status == DeliveryStatus.DELIVERED ? now : null;
        return n;
    }
}
