package io.zhengfeng.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.contracts.NotificationOutcome;
import io.zhengfeng.contracts.Topics;
import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.persistence.Channel;
import io.zhengfeng.notification.persistence.DeliveryRepository;
import io.zhengfeng.notification.persistence.DeliveryStatus;
import io.zhengfeng.notification.persistence.Notification;
import io.zhengfeng.notification.persistence.NotificationRepository;
import io.zhengfeng.notification.service.WakeUps;
import io.zhengfeng.platform.events.Outbox;
import io.zhengfeng.platform.problem.ProblemException;

/**
 * The life of an e-mail or webhook delivery, one short transaction per step: claim due attempts,
 * then record each outcome together with its event ({@code notification.delivered.v1}, or
 * {@code notification.failed.v1} once dead-lettered). Sending happens between the two, outside any
 * transaction, so a slow receiver holds no lock and no connection.
 */
@ApplicationScoped
public class Deliveries {
    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final NotificationRepository notifications;
    private final DeliveryRepository deliveries;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final NotificationConfig.Delivery config;
    private final Outbox outbox;
    private final WakeUps wakeUps;
    private final Clock clock;
    private final MeterRegistry metrics;

    private final TargetBreakers breakers;

    public Deliveries(NotificationRepository notifications, DeliveryRepository deliveries, Instance<ChannelSender> senders,
            NotificationConfig config, Outbox outbox, WakeUps wakeUps, Clock clock, MeterRegistry metrics,
            TargetBreakers breakers) {
        this.breakers = breakers;
        this.notifications = notifications;
        this.deliveries = deliveries;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.config = config.delivery();
        this.outbox = outbox;
        this.wakeUps = wakeUps;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Takes up to a batch of due attempts for this replica: each counts as made and is not due again
     * before the lease ends, so another replica retries it only if this one stops before recording
     * an outcome (at-least-once, with the same notification id).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<Claimed> claim() {
        Instant now = clock.instant();
        List<Claimed> claimed = new ArrayList<>();
        // Targets whose breaker is not closed are left out of the query: their backlog is not even
        // read, let alone retried; a target due for its probe gets exactly one delivery, its oldest.
        Set<String> notClosed = breakers.notClosed();
        List<Notification> due = new ArrayList<>(notifications.claimDueDeliveries(now, config.batchSize(),
                notClosed.contains(TargetBreakers.SMTP), notClosed));
        Set<String> probing = new HashSet<>();
        for (String target : notClosed) {
            TargetBreaker breaker = breakers.of(target);
            if (!breaker.blocks(now)) {
                Optional<Notification> first = notifications.claimFirstDueFor(now, target);
                if (first.isPresent() && breaker.admit(now) == TargetBreaker.Admission.PROBE) {
                    probing.add(target);
                    due.add(0, first.get());
                }
            }
        }
        for (Notification n : due) {
            String target = TargetBreakers.targetOf(n.channel, n.recipient);
            boolean probe = probing.contains(target);
            if (!probe && !breakers.of(target).isClosed()) {
                continue; // its breaker opened meanwhile: left untouched, keeps its place in the line
            }
            if (n.attempts >= config.maxAttempts()) {
                // The last attempt's replica stopped before recording its outcome: dead-letter rather
                // than retry for ever something that may be what stops replicas.
                deadLetter(n, "no outcome was recorded for attempt " + n.attempts, now);
                if (probe) {
                    breakers.of(target).probeInconclusive(now);
                }
                continue;
            }
            Instant dueAt = n.nextAttemptAt;
            n.attempts++;
            n.nextAttemptAt = now.plus(config.lease());
            claimed.add(new Claimed(n.id, n.attempts, n.channel, n.recipient, n.type, n.subjectId, prepare(n), dueAt,
                    target, probe));
        }
        return claimed;
    }

    /** When an open breaker next lets a probe through, if one is open. */
    public Optional<Instant> nextProbeAt() {
        return breakers.nextProbeAt();
    }

    /** Whether {@code c} may be sent now: a probe, or any delivery while its target's breaker is closed. */
    boolean mayGo(Claimed c) {
        return c.probe() || breakers.of(c.target()).isClosed();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void delivered(Claimed c, String detail) {
        Instant now = clock.instant();
        breakers.answered(c.target());
        if (deliveries.delivered(c.id(), now)) {
            outbox.publish(Topics.NOTIFICATIONS, EventTypes.NOTIFICATION_DELIVERED, c.id(), outcome(c, detail, now));
            count(c.channel(), "delivered");
            LOG.debugf("%s notification %s delivered to %s (attempt %d): %s", c.channel(), c.id(), c.recipient(),
                    c.attempt(), detail);
        }
    }

    /** Schedules the next attempt with exponential backoff, or dead-letters after the last one. */
    @Transactional(TxType.REQUIRES_NEW)
    public void failed(Claimed c, DeliveryFailure failure) {
        Instant now = clock.instant();
        String error = failure.getMessage();
        if (failure.isTargetDown()) {
            // Not this message's fault: the attempt is not counted and keeps its place; the breaker
            // decides when the target is tried again.
            breakers.down(c.target());
            deliveries.giveBack(c.id(), c.attempt(), c.dueAt(), error);
            count(c.channel(), "target_down");
            LOG.debugf("%s notification %s: target %s unreachable: %s", c.channel(), c.id(), c.target(), error);
            return;
        }
        if (failure.isPermanent() && c.probe()) {
            breakers.of(c.target()).probeInconclusive(now); // the target was not tried
        } else if (!failure.isPermanent()) {
            breakers.answered(c.target()); // it answered, with an error about this message
        }
        if (failure.isPermanent() || c.attempt() >= config.maxAttempts()) {
            if (deliveries.dead(c.id(), c.attempt(), error)) {
                outbox.publish(Topics.NOTIFICATIONS, EventTypes.NOTIFICATION_FAILED, c.id(), outcome(c, error, now));
                count(c.channel(), "dead");
                LOG.warnf("%s notification %s to %s dead-lettered after attempt %d: %s", c.channel(), c.id(), c.recipient(),
                        c.attempt(), error);
            }
        } else if (deliveries.retryLater(c.id(), c.attempt(), now.plus(backoff(c.attempt())), error)) {
            count(c.channel(), "retried");
            LOG.debugf("%s notification %s attempt %d failed, retrying in %s: %s", c.channel(), c.id(), c.attempt(),
                    backoff(c.attempt()), error);
        }
    }

    /** Claimed attempts the round had no time left for: due again at once, and not counted. */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(List<Claimed> unsent) {
        Instant now = clock.instant();
        for (Claimed c : unsent) {
            deliveries.giveBack(c.id(), c.attempt(), c.dueAt(), null);
            if (c.probe()) {
                breakers.of(c.target()).probeInconclusive(now);
            }
        }
    }

    /** An admin sends a dead-lettered delivery again, with a fresh series of attempts. */
    @Transactional
    public Notification retry(UUID id) {
        if (!deliveries.revive(id, clock.instant())) {
            Notification n = notifications.byId(id).orElseThrow(() -> ProblemException.notFound("Delivery " + id));
            throw ProblemException.conflict("not-dead", "Only a dead delivery can be retried; this one is " + n.status);
        }
        wakeUps.afterCommit(WakeUps.Worker.DELIVERY);
        LOG.infof("Delivery %s revived by an admin", id);
        return notifications.byId(id).orElseThrow();
    }

    /** initialBackoff · 2^(attempt−1), at most maxBackoff. */
    Duration backoff(int attempt) {
        Duration wait = config.initialBackoff().multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 30));
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    /** Never throws: a notification that cannot be prepared fails on its own and does not block the batch. */
    private ChannelSender.Send prepare(Notification n) {
        DeliveryFailure failure;
        try {
            ChannelSender sender = senders.get(n.channel);
            if (sender != null) {
                return sender.prepare(n);
            }
            failure = DeliveryFailure.permanent("channel " + n.channel + " is not delivered by the worker");
        } catch (DeliveryFailure f) {
            failure = f;
        } catch (RuntimeException e) {
            // a bug or unreadable stored data: another attempt would fail the same way
            LOG.errorf(e, "%s notification %s could not be prepared", n.channel, n.id);
            failure = DeliveryFailure.permanent("could not be prepared: " + e.getMessage());
        }
        DeliveryFailure f = failure;
        return () -> {
            throw f;
        };
    }

    private void deadLetter(Notification n, String error, Instant now) {
        n.status = DeliveryStatus.DEAD;
        n.nextAttemptAt = null;
        n.lastError = error;
        outbox.publish(Topics.NOTIFICATIONS, EventTypes.NOTIFICATION_FAILED, n.id,
                new NotificationOutcome(n.id, n.recipient, n.channel.name(), n.type, n.subjectId, error, now));
        count(n.channel, "dead");
        LOG.warnf("%s notification %s to %s dead-lettered: %s", n.channel, n.id, n.recipient, error);
    }

    private static NotificationOutcome outcome(Claimed c, String detail, Instant at) {
        return new NotificationOutcome(c.id(), c.recipient(), c.channel().name(), c.type(), c.subjectId(), detail, at);
    }

    private void count(Channel channel, String outcome) {
        metrics.counter("zhengfeng.notification.deliveries", "channel", channel.name().toLowerCase(), "outcome", outcome)
                .increment();
    }
}
