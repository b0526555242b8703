package io.zhengfeng.notification.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.zhengfeng.contracts.EventTypes;
import io.zhengfeng.notification.persistence.SqlInstants;

/**
 * bench/timers.sh: the timer worker with 10,000 and then 1,000,000 pending timers, 10,000 of them due
 * within one minute each time. The real worker fires them (production poll interval); a
 * {@link BenchFiringObserver} records every firing's lateness and every polling round. The baseline
 * of the same run is the bare claim query over JDBC, with nothing due, at both sizes.
 *
 * Not part of the build (surefire excludes *Benchmark); the assertions only check that every due
 * timer fired exactly once. Figures are printed as key=value lines and written to
 * {@code target/bench/timers.txt} (or {@code -Dzf.bench.out=<file>}).
 */
@QuarkusTest
@TestProfile(TimerBenchProfile.class)
class TimerBenchmark {
    static final int DUE = Integer.getInteger("zf.bench.due", 10_000);
    static final int TOTAL = Integer.getInteger("zf.bench.total", 1_000_000);
    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("zf.bench.window-s", 60));
    /** Between the end of the insert and the first due instant. */
    static final Duration LEAD = Duration.ofSeconds(Long.getLong("zf.bench.lead-s", 20));
    /** After the last due instant, how long the worker may take to catch up before the phase fails. */
    static final Duration GRACE = Duration.ofSeconds(120);
    static final int BASELINE_QUERIES = 300;
    static final int WARMUP = Integer.getInteger("zf.bench.warmup", 2_000);

    static final String CLAIM = """
            SELECT id FROM timer WHERE state = 'PENDING' AND next_fire_at <= '%s'
            ORDER BY next_fire_at LIMIT 100 FOR UPDATE SKIP LOCKED""";
    static final String NEXT = "SELECT MIN(next_fire_at) FROM timer WHERE state = 'PENDING'";

    @Inject
    BenchFiringObserver observer;
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;
    @ConfigProperty(name = "quarkus.datasource.username")
    String user;
    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    private final Map<String, String> out = new LinkedHashMap<>();

    @Test
    void firesTenThousandDueTimersAmongTenThousandThenAMillionPending() throws Exception {
        assertTrue(url.contains("/" + TimerBenchProfile.DATABASE + "?") || url.endsWith("/" + TimerBenchProfile.DATABASE),
                "the benchmark must run on its own database, not " + url);
        boolean keep = Boolean.getBoolean("zf.bench.keep-data");
        try (Connection c = DriverManager.getConnection(url, user, password.orElse(""))) {
            try {
                run(c);
            } finally {
                write();
                if (!keep) {
                    truncate(c);
                }
            }
        }
    }

    private void run(Connection c) throws Exception {
        truncate(c);
        put("database", TimerBenchProfile.DATABASE);
        put("due_per_phase", DUE);
        put("due_window_s", WINDOW.toSeconds());

        // Warm-up (JIT, connection pool, buffer pool): not measured, its timers removed afterwards.
        if (WARMUP > 0) {
            observer.start();
            Instant first = Instant.now().plusSeconds(2);
            TimerRows.insert(c, WARMUP, "bench-w", TimerRows.spread(first, Duration.ofSeconds(10), WARMUP));
            Instant until = first.plusSeconds(10).plus(GRACE);
            while (observer.overdueCommitted() < WARMUP && Instant.now().isBefore(until)) {
                Thread.sleep(100);
            }
            put("warmup_fired", observer.stop().overdue);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM timer WHERE department = 'bench-w'");
            }
        }

        Phase a = phase(c, "a");
        baseline(c, "10k");

        long pending = count(c, "SELECT COUNT(*) FROM timer WHERE state = 'PENDING'");
        long filler = Math.max(0, TOTAL - DUE - pending);
        Instant fillFrom = Instant.now().plus(Duration.ofDays(7));
        long started = System.nanoTime();
        TimerRows.insertSorted(c, (int) filler, "bench-filler", TimerRows.spread(fillFrom, Duration.ofDays(30), (int) Math.max(1, filler)));
        double fillS = (System.nanoTime() - started) / 1e9;
        put("filler_rows", filler);
        put("filler_insert_s", String.format(java.util.Locale.ROOT, "%.1f", fillS));
        put("filler_rows_per_s", Math.round(filler / Math.max(fillS, 1e-9)));
        analyze(c);

        Phase b = phase(c, "b");
        baseline(c, "1m");

        put("claim_query_ratio", Stats.ratio(baselineP50.get("1m"), baselineP50.get("10k")));
        put("poll_round_mean_ratio", Stats.ratio(b.rounds.meanMs(), a.rounds.meanMs()));
        put("firing_round_p50_ratio", Stats.ratio(b.firingRounds.percentileMs(50), a.firingRounds.percentileMs(50)));
        // rounds grow with their batch when the worker lags: the time per fired timer factors that out
        put("round_ms_per_timer_ratio", Stats.ratio(b.msPerTimer, a.msPerTimer));
        double p99 = Math.max(a.commitLateness.percentileMs(99), b.commitLateness.percentileMs(99));
        put("timer_lateness_p99_ms", Stats.ms(p99));
        put("poll_round_ratio", Stats.ratio(b.rounds.percentileMs(50), a.rounds.percentileMs(50)));

        assertEquals(DUE, a.overdue, "phase a: every due timer fired its OVERDUE rung once");
        assertEquals(DUE, b.overdue, "phase b: every due timer fired its OVERDUE rung once");
    }

    record Phase(int overdue, Stats rounds, Stats firingRounds, Stats commitLateness, double msPerTimer) {
    }

    /** Inserts DUE timers due over WINDOW from LEAD after now and lets the worker fire them. */
    private Phase phase(Connection c, String x) throws Exception {
        String department = "bench-" + x;
        long pendingBefore = count(c, "SELECT COUNT(*) FROM timer WHERE state = 'PENDING'");
        Instant first = Instant.now().plus(LEAD);
        long t = System.nanoTime();
        TimerRows.insert(c, DUE, department, TimerRows.spread(first, WINDOW, DUE));
        put("insert_due_ms_" + x, Math.round((System.nanoTime() - t) / 1e6));
        observer.start();
        put("pending_" + x, pendingBefore + DUE);
        put("load_avg_at_start_" + x, loadAverage());
        Duration lead = Duration.between(Instant.now(), first);
        put("lead_s_" + x, String.format(java.util.Locale.ROOT, "%.1f", lead.toMillis() / 1000.0));
        if (lead.toMillis() < 1_000) {
            // the first timers were due before they were committed: their lateness is the insert's
            put("warning_" + x, "insert_finished_less_than_1s_before_the_first_due_instant:_raise_-Dzf.bench.lead-s");
        }

        Instant lastDue = first.plus(WINDOW);
        Instant deadline = lastDue.plus(GRACE);
        while (observer.overdueCommitted() < DUE && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        Instant allFired = Instant.now();
        put("load_avg_at_end_" + x, loadAverage());
        Thread.sleep(1_000); // a duplicate firing, if any, would be recorded by now
        BenchFiringObserver.Recording r = observer.stop();

        Stats lateness = new Stats(r.latenessNanos);
        Stats commit = new Stats(r.commitLatenessNanos);
        List<Long> firing = new ArrayList<>();
        List<Long> idle = new ArrayList<>();
        long firedTotal = 0;
        long firingNanos = 0;
        for (int i = 0; i < r.roundNanos.size(); i++) {
            if (r.roundFired.get(i) > 0) {
                firing.add(r.roundNanos.get(i));
                firedTotal += r.roundFired.get(i);
                firingNanos += r.roundNanos.get(i);
            } else {
                idle.add(r.roundNanos.get(i));
            }
        }
        Stats rounds = new Stats(r.roundNanos);
        Stats firingRounds = new Stats(firing);
        Stats idleRounds = new Stats(idle);

        put("fired_" + x, r.overdue);
        put("other_rungs_fired_" + x, r.otherRungs);
        put("rolled_back_firings_" + x, r.discardedFirings);
        put("last_fired_after_last_due_ms_" + x, Duration.between(lastDue, allFired).toMillis());
        put("lateness_p50_ms_" + x, Stats.ms(lateness.percentileMs(50)));
        put("lateness_p99_ms_" + x, Stats.ms(lateness.percentileMs(99)));
        put("lateness_max_ms_" + x, Stats.ms(lateness.maxMs()));
        put("lateness_at_commit_p50_ms_" + x, Stats.ms(commit.percentileMs(50)));
        put("lateness_at_commit_p99_ms_" + x, Stats.ms(commit.percentileMs(99)));
        put("lateness_at_commit_max_ms_" + x, Stats.ms(commit.maxMs()));
        put("rounds_" + x, rounds.count());
        put("round_p50_ms_" + x, Stats.ms(rounds.percentileMs(50)));
        put("round_p99_ms_" + x, Stats.ms(rounds.percentileMs(99)));
        put("round_mean_ms_" + x, Stats.ms(rounds.meanMs()));
        put("firing_rounds_" + x, firingRounds.count());
        put("firing_round_p50_ms_" + x, Stats.ms(firingRounds.percentileMs(50)));
        put("firing_round_p99_ms_" + x, Stats.ms(firingRounds.percentileMs(99)));
        put("firing_round_mean_ms_" + x, Stats.ms(firingRounds.meanMs()));
        put("timers_per_firing_round_" + x, Stats.ratio(firedTotal, firingRounds.count()));
        put("round_ms_per_timer_" + x, Stats.ratio(firingNanos / 1e6, firedTotal));
        put("idle_rounds_" + x, idleRounds.count());
        put("idle_round_p50_ms_" + x, Stats.ms(idleRounds.percentileMs(50)));

        // what committed: one breach event and two inbox alerts (head of department, spokesperson) per timer
        long breached = count(c, "SELECT COUNT(*) FROM timer WHERE department = '" + department + "' AND breached_at IS NOT NULL");
        long heads = count(c, "SELECT COUNT(*) FROM notification WHERE channel = 'INBOX' AND type = 'deadline.overdue'"
                + " AND recipient = 'role:dept_head@" + department + "'");
        long headSubjects = count(c, "SELECT COUNT(DISTINCT subject_id) FROM notification WHERE channel = 'INBOX'"
                + " AND type = 'deadline.overdue' AND recipient = 'role:dept_head@" + department + "'");
        long events = count(c, "SELECT COUNT(*) FROM outbox_event WHERE event_type = '" + EventTypes.DEADLINE_BREACHED + "'"
                + " AND payload LIKE '%\"department\":\"" + department + "\"%'");
        put("db_timers_breached_" + x, breached);
        put("db_inbox_alerts_dept_head_" + x, heads);
        put("db_breach_events_" + x, events);
        write();

        assertEquals(DUE, breached, "phase " + x + ": timers marked breached");
        assertEquals(DUE, heads, "phase " + x + ": one inbox alert per timer for the head of department");
        assertEquals(DUE, headSubjects, "phase " + x + ": alerts for distinct subjects");
        assertEquals(DUE, events, "phase " + x + ": one deadline.breached per timer in the outbox");
        assertEquals(0, r.otherRungs, "phase " + x + ": no reminder or escalation is due in the benchmark");
        return new Phase(r.overdue, rounds, firingRounds, commit, firedTotal == 0 ? Double.NaN : firingNanos / 1e6 / firedTotal);
    }

    private final Map<String, Double> baselineP50 = new LinkedHashMap<>();

    /** The bare claim query (and the worker's next-due query) with nothing due, as the worker runs them. */
    private void baseline(Connection c, String label) throws SQLException, IOException {
        put("baseline_pending_" + label, count(c, "SELECT COUNT(*) FROM timer WHERE state = 'PENDING'"));
        String claimNow = CLAIM.formatted(SqlInstants.micros(Instant.now()));
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN " + claimNow)) {
            rs.next();
            put("claim_query_key_" + label, rs.getString("key"));
            put("claim_query_rows_estimate_" + label, rs.getString("rows"));
            put("claim_query_extra_" + label, String.valueOf(rs.getString("Extra")).replace(' ', '_'));
        }
        List<Long> claim = new ArrayList<>();
        List<Long> next = new ArrayList<>();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < BASELINE_QUERIES + 20; i++) {
                String sql = CLAIM.formatted(SqlInstants.micros(Instant.now()));
                long t = System.nanoTime();
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        // drain
                    }
                }
                c.rollback();
                long claimed = System.nanoTime() - t;
                t = System.nanoTime();
                try (ResultSet rs = s.executeQuery(NEXT)) {
                    rs.next();
                }
                c.rollback();
                long nextNanos = System.nanoTime() - t;
                if (i >= 20) {
                    claim.add(claimed);
                    next.add(nextNanos);
                }
            }
        } finally {
            c.setAutoCommit(true);
        }
        Stats cs = new Stats(claim);
        Stats ns = new Stats(next);
        baselineP50.put(label, cs.percentileMs(50));
        put("claim_query_p10_ms_" + label, Stats.ms(cs.percentileMs(10)));
        put("claim_query_p50_ms_" + label, Stats.ms(cs.percentileMs(50)));
        put("claim_query_p99_ms_" + label, Stats.ms(cs.percentileMs(99)));
        put("next_due_query_p50_ms_" + label, Stats.ms(ns.percentileMs(50)));
        put("baseline_load_avg_" + label, loadAverage());
        put("timer_table_mb_" + label, count(c, "SELECT ROUND((data_length + index_length) / 1048576) FROM information_schema.TABLES"
                + " WHERE table_schema = DATABASE() AND table_name = 'timer'"));
        put("innodb_buffer_pool_mb", count(c, "SELECT @@innodb_buffer_pool_size DIV 1048576"));
        write();
    }

    private static void analyze(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("ANALYZE TABLE timer")) {
            while (rs.next()) {
                // drain
            }
        }
    }

    private static void truncate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : List.of("timer", "notification", "inbox_read", "outbox_event", "processed_event")) {
                s.execute("TRUNCATE TABLE " + table);
            }
        }
    }

    /** The machine's 1-minute load average: other work on the 2 cores shows in every figure. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void put(String key, Object value) {
        out.put(key, String.valueOf(value));
        System.out.println("BENCH " + key + "=" + value);
    }

    private void write() throws IOException {
        Path file = Path.of(System.getProperty("zf.bench.out", "target/bench/timers.txt"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder sb = new StringBuilder();
        out.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, sb);
    }
}
