package io.zhengfeng.notification.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Typed settings of the notification service; each has a working default and an environment
 * override ({@code ZHENGFENG_NOTIFICATION_...}).
 */
@ConfigMapping(prefix = "zhengfeng.notification")
public interface NotificationConfig {

    /** Names this replica in logs and in the delivery log ({@code fired_by}); defaults to the host name. */
    Optional<String> instanceId();

    /**
     * Shifts this replica's clock: the service behaves as if this much time had passed (drills, and
     * tests of a service that was down while deadlines passed). Unset in production.
     */
    Optional<Duration> clockOffset();

    /** Language of texts for recipients without a known preference. */
    @WithDefault("zh-CN")
    String defaultLocale();

    Timers timers();

    Ladder ladder();

    Digest digest();

    Delivery delivery();

    Webhooks webhooks();

    Stream stream();

    interface Timers {
        /** The firing worker runs in this replica (off for a replica that only serves the API and the stream). */
        @WithDefault("true")
        boolean enabled();

        /** Sleep between polling rounds that found nothing due; a full batch polls again at once. */
        @WithDefault("500ms")
        Duration pollInterval();

        /** Timers claimed and fired per transaction. */
        @WithDefault("100")
        int batchSize();
    }

    /**
     * The reminder / overdue / escalation ladder. The top-level values are the defaults; {@code kinds.<kind>.*}
     * overrides them per deadline kind (acceptance, reply, follow_up, rectification, ...).
     */
    interface Ladder {
        /** The reminder fires when this share of the span has passed; 0 or ≥ 1 means no reminder. */
        @WithDefault("0.75")
        double reminderFraction();

        /** The escalation (督办) fires this many working days after the deadline; negative means none. */
        @WithDefault("1")
        int escalationWorkingDays();

        /**
         * Replaces the working-day escalation delay with a fixed one (tests, drills). Unset in production.
         */
        Optional<Duration> escalationDelay();

        /** Roles reminded; {@code handler} and {@code dept_head} mean those of the deadline's department. */
        @WithDefault("handler")
        List<String> reminderTo();

        @WithDefault("dept_head,spokesperson")
        List<String> overdueTo();

        @WithDefault("leader,supervisor")
        List<String> escalationTo();

        Map<String, KindLadder> kinds();
    }

    interface KindLadder {
        Optional<Double> reminderFraction();

        Optional<Integer> escalationWorkingDays();

        Optional<List<String>> reminderTo();

        Optional<List<String>> overdueTo();

        Optional<List<String>> escalationTo();

        /** {@code false}: the deadline's end fires (deadline.breached) but alerts nobody (a window, not a time limit). */
        Optional<Boolean> overdueAlert();
    }

    interface Digest {
        @WithDefault("true")
        boolean enabled();

        /** Local time of the daily digest on working days. */
        @WithDefault("09:00")
        LocalTime at();

        @WithDefault("Asia/Shanghai")
        ZoneId zone();

        /** Items listed per section; the count is always complete. */
        @WithDefault("50")
        int maxItems();
    }

    interface Delivery {
        /** The e-mail / webhook delivery worker runs in this replica. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("500ms")
        Duration pollInterval();

        @WithDefault("20")
        int batchSize();

        /** Attempts before a delivery is dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait after the first failure; doubles after each further one, up to {@link #maxBackoff()}. */
        @WithDefault("30s")
        Duration initialBackoff();

        @WithDefault("6h")
        Duration maxBackoff();

        /** A claimed delivery is not retried by another replica within this time (crash recovery). */
        @WithDefault("2m")
        Duration lease();

        Breaker breaker();

        /** The pending-backlog gauge re-queries at most this often, when scraped. */
        @WithDefault("10s")
        Duration gaugeRefresh();
    }

    /** Per-target circuit breaker (the SMTP server, each webhook): see delivery.TargetBreaker. */
    interface Breaker {
        /** Consecutive "target unreachable" failures that open it. */
        @WithDefault("3")
        int failureThreshold();

        /** Wait before the first probe; doubles after each failed probe, up to maxDelay. */
        @WithDefault("5s")
        Duration initialDelay();

        @WithDefault("5m")
        Duration maxDelay();
    }

    interface Webhooks {
        /**
         * {@code host:port} targets allowed although they resolve to a loopback, private or link-local
         * address (e.g. a bureau-internal receiver). Everything else in those ranges is refused.
         */
        Optional<List<String>> allowedTargets();

        @WithDefault("5s")
        Duration timeout();
    }

    interface Stream {
        /** How often each replica looks for inbox items committed by any replica. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Items are looked for this far back, so one committed late by another replica is not missed. */
        @WithDefault("10s")
        Duration commitLag();

        /** A comment line keeps idle connections open through proxies and finds dead ones. */
        @WithDefault("15s")
        Duration heartbeat();

        /** Open streams one user may hold at once (tabs, devices); one more is refused with 429. */
        @WithDefault("5")
        int maxPerUser();

        /** Items replayed at most on a reconnection with {@code Last-Event-ID}; the oldest missed go first. */
        @WithDefault("200")
        int replayMax();
    }
}
