package io.zhengfeng.notification.service;

import org.jboss.logging.Logger;

/**
 * A replica's background thread: runs rounds until stopped; a failing round (the database away, the
 * broker away) is retried after a pause that doubles from 200 ms up to 10 s. Each round does its own
 * waiting, so every worker keeps its own rhythm (a due instant, a wake-up, a fixed interval).
 */
public final class WorkerLoop {
    /** One round of work, including the wait before the next. */
    @FunctionalInterface
    public interface Round {
        void run() throws InterruptedException;
    }

    private static final long MIN_PAUSE_MS = 200;
    private static final long MAX_PAUSE_MS = 10_000;

    private final String name;
    private final Logger log;
    private final Round round;
    private volatile boolean running;
    private Thread thread;

    public WorkerLoop(String name, Logger log, Round round) {
        this.name = name;
        this.log = log;
        this.round = round;
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the round in progress; {@code wake} ends the round's wait early. */
    public void stop(Runnable wake) {
        running = false;
        if (thread == null) {
            return;
        }
        wake.run();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long pauseMs = 0;
        while (running) {
            try {
                round.run();
                pauseMs = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                pauseMs = Math.min(Math.max(pauseMs * 2, MIN_PAUSE_MS), MAX_PAUSE_MS);
                log.warnf("%s round failed, next in %d ms: %s", name, pauseMs, e.getMessage());
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
