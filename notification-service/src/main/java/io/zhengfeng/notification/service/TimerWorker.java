package io.zhengfeng.notification.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.zhengfeng.notification.config.NotificationConfig;
import io.zhengfeng.notification.persistence.TimerRepository;

/**
 * The replica's timer thread: fires what is due, then sleeps until the soonest pending rung (at
 * most one poll interval, so timers created by another replica are seen), or until a local commit
 * created or moved a timer. Every replica runs one; {@link TimerFiring} keeps them from firing a
 * timer twice.
 */
@ApplicationScoped
public class TimerWorker {
    private static final Logger LOG = Logger.getLogger(TimerWorker.class);
    /** When due timers are all held by another replica: don't spin on them. */
    private static final Duration CONTENDED_PAUSE = Duration.ofMillis(50);

    private final TimerFiring firing;
    private final TimerRepository timers;
    private final WakeUps wakeUps;
    private final NotificationConfig.Timers config;
    private final Clock clock;
    private final Timer firingRounds;
    private final Timer idleRounds;
    private final Instance<FiringObserver> observers;
    private final WorkerLoop loop = new WorkerLoop("timer-worker", LOG, this::roundAndWait);
    /** How far behind the soonest pending rung is; ops alert on it (the worker cannot keep up, or is stuck). */
    private final AtomicLong lagMillis = new AtomicLong();

    public TimerWorker(TimerFiring firing, TimerRepository timers, WakeUps wakeUps, NotificationConfig config,
            Clock clock, MeterRegistry metrics, Instance<FiringObserver> observers) {
        this.firing = firing;
        this.timers = timers;
        this.wakeUps = wakeUps;
        this.config = config.timers();
        this.clock = clock;
        this.firingRounds = Timer.builder("zhengfeng.timers.round").tag("outcome", "fired")
                .description("A polling round that fired timers: claim, notify, advance, commit").register(metrics);
        this.idleRounds = Timer.builder("zhengfeng.timers.round").tag("outcome", "idle")
                .description("A polling round that found nothing due").register(metrics);
        this.observers = observers;
        Gauge.builder("zhengfeng.timers.lag", lagMillis, AtomicLong::get).baseUnit("milliseconds")
                .description("How long the soonest pending rung has been due (0 when none is)").register(metrics);
    }

    void start(@Observes StartupEvent ignored) {
        if (config.enabled()) {
            loop.start();
        }
    }

    void stop(@Observes ShutdownEvent ignored) {
        loop.stop(() -> wakeUps.wake(WakeUps.Worker.TIMERS));
    }

    private void roundAndWait() throws InterruptedException {
        int fired = round();
        Optional<Instant> next = QuarkusTransaction.requiringNew().call(timers::nextFireAt);
        Duration untilNext = next.map(at -> Duration.between(clock.instant(), at)).orElse(config.pollInterval());
        lagMillis.set(Math.max(0, -untilNext.toMillis()));
        if (fired < config.batchSize()) {
            wakeUps.await(WakeUps.Worker.TIMERS, pause(fired, untilNext));
        }
    }

    private int round() {
        long started = System.nanoTime();
        int fired = firing.fireDue(config.batchSize());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        (fired > 0 ? firingRounds : idleRounds).record(took);
        observers.forEach(o -> o.round(fired, took));
        return fired;
    }

    /** Until the soonest pending rung, at most one poll interval (timers another replica created). */
    private Duration pause(int firedThisRound, Duration untilNext) {
        if (untilNext.isNegative() || untilNext.isZero()) {
            // Due but not claimed: another replica holds those rows, or they became due just now.
            return firedThisRound == 0 ? CONTENDED_PAUSE : Duration.ZERO;
        }
        Duration poll = config.pollInterval();
        return untilNext.compareTo(poll) < 0 ? untilNext : poll;
    }
}
