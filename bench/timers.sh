#!/usr/bin/env bash
# Timer benchmark of the notification service: its real timer worker fires 10,000 timers due
# within one minute, first among 10,000 pending timers, then among 1,000,000
# (notification-service/src/test/java/io/zhengfeng/notification/bench/TimerBenchmark.java, a
# @QuarkusTest on its own database). Baseline of the same run: the bare claim query over JDBC with
# nothing due, at both sizes. The last two lines printed are timer_lateness_p99_ms=<ms> and
# poll_round_ratio=<round at 1,000,000 pending / round at 10,000>.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

usage() {
  cat <<EOF
Usage: bench/timers.sh [--help]

Boots the notification service inside a test JVM (Maven, surefire, -Dtest=TimerBenchmark) on the
database zf_notification_bench (created if missing, emptied at start and at the end) and an in-JVM
Kafka broker, with production settings (500 ms poll interval, batches of 100, escalation one
working day after the deadline). Then:
  0. warm-up: \$BENCH_WARMUP timers due within 10 s are fired and removed (not measured);
  a. inserts \$BENCH_DUE timers due evenly over \$BENCH_WINDOW_S s, starting 20 s later
     (pending: \$BENCH_DUE); the worker fires them; every firing's lateness and every polling
     round is recorded (FiringObserver);
     baseline: the claim query alone (SELECT id ... FOR UPDATE SKIP LOCKED, rolled back), 300 times,
     nothing due, plus EXPLAIN;
  b. bulk-inserts timers due in 7-37 days until \$BENCH_TOTAL are pending, then the same as a.
Each phase checks that every due timer fired exactly once (timers breached, one inbox alert per
timer for the head of department, one deadline.breached in the outbox); no timing thresholds.

Printed (key=value; suffix _a = \$BENCH_DUE pending, _b = \$BENCH_TOTAL pending):
  lateness_p50/p99/max_ms_*        due instant -> the worker's "now" of the firing round (the
                                   service's own zhengfeng.timers.lateness metric)
  lateness_at_commit_p50/p99_ms_*  due instant -> that round's commit (alert and event visible)
  round_p50/p99/mean_ms_*          every polling round in the phase (claim, notify, advance, commit)
  firing_round_*, idle_round_*     the rounds that fired something / nothing
  round_ms_per_timer_*, _ratio     firing rounds' time per fired timer (rounds grow with their batch
                                   when the worker lags; this factors that out)
  claim_query_p50_ms_10k/_1m, claim_query_ratio, claim_query_key_* (EXPLAIN's index)
  load_avg_at_start/end_*          the machine's load: other work on the cores shows in every figure
and last:
  timer_lateness_p99_ms=<the larger of lateness_at_commit_p99_ms_a and _b>   (target <= 1000)
  poll_round_ratio=<round_p50_ms_b / round_p50_ms_a>                          (target <= 2)

Environment (defaults): BENCH_TOTAL (1000000), BENCH_DUE (10000), BENCH_WINDOW_S (60),
  BENCH_WARMUP (2000; 0 = none), BENCH_LEAD_S (20: insert -> first due instant; a warning_* line
  says when the insert took nearly all of it), BENCH_KEEP_DATA (0; 1 keeps the rows for inspection),
  BENCH_JVM_ARGS (-Xmx1g -XX:+UseSerialGC: the build's -XX:TieredStopAtLevel=1 would understate
  steady-state speed), BENCH_OFFLINE (auto: offline Maven if the local repository has everything),
  ZF_TEST_DB_URL / ZF_TEST_DB_USER / ZF_TEST_DB_PASSWORD (jdbc:mysql://127.0.0.1:3306, root, empty).
Takes about 5-6 minutes (the build included). Results are kept in bench/results/ (not committed).
EOF
}

log() { printf '[timers] %s\n' "$*" >&2; }
die() { printf '[timers] ERROR: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

TOTAL=${BENCH_TOTAL:-1000000}
DUE=${BENCH_DUE:-10000}
WINDOW_S=${BENCH_WINDOW_S:-60}
WARMUP=${BENCH_WARMUP:-2000}
LEAD_S=${BENCH_LEAD_S:-20}
KEEP=${BENCH_KEEP_DATA:-0}
JVM_ARGS=${BENCH_JVM_ARGS:--Xmx1g -XX:+UseSerialGC}
OFFLINE=${BENCH_OFFLINE:-auto}
for n in "$TOTAL" "$DUE" "$WINDOW_S" "$WARMUP" "$LEAD_S"; do
  [[ $n =~ ^[0-9]+$ ]] || die "BENCH_TOTAL, BENCH_DUE, BENCH_WINDOW_S, BENCH_WARMUP and BENCH_LEAD_S must be whole numbers (got '$n')"
done
((DUE >= 1 && WINDOW_S >= 1 && TOTAL >= DUE)) || die "need BENCH_DUE >= 1, BENCH_WINDOW_S >= 1, BENCH_TOTAL >= BENCH_DUE"
[[ $KEEP == 0 || $KEEP == 1 ]] || die "BENCH_KEEP_DATA must be 0 or 1"
[[ $OFFLINE =~ ^(auto|0|1)$ ]] || die "BENCH_OFFLINE must be auto, 0 or 1"

# --- the database must be up ---------------------------------------------------------------------
DB_URL=${ZF_TEST_DB_URL:-jdbc:mysql://127.0.0.1:3306}
hostport=${DB_URL#jdbc:*://}
hostport=${hostport%%/*}
hostport=${hostport%%\?*}
DB_HOST=${hostport%%:*}
DB_PORT=3306
[[ $hostport == *:* ]] && DB_PORT=${hostport##*:}
if ! timeout 3 bash -c "exec 3<>/dev/tcp/$DB_HOST/$DB_PORT" 2>/dev/null; then
  die "no database answers at $DB_HOST:$DB_PORT: start the local MariaDB with 'service mariadb start' (or set ZF_TEST_DB_URL)"
fi
if command -v mysql >/dev/null; then
  mysql -h "$DB_HOST" -P "$DB_PORT" -u "${ZF_TEST_DB_USER:-root}" ${ZF_TEST_DB_PASSWORD:+-p"$ZF_TEST_DB_PASSWORD"} \
    --connect-timeout=3 -e 'SELECT 1' >/dev/null 2>&1 \
    || die "the database at $DB_HOST:$DB_PORT refuses ${ZF_TEST_DB_USER:-root}: check ZF_TEST_DB_USER / ZF_TEST_DB_PASSWORD"
fi

mkdir -p "$BENCH/results"
STAMP=$(date +%Y%m%d-%H%M%S)
RESULT=$BENCH/results/timers-$STAMP.txt
MVN_LOG=$BENCH/results/timers-$STAMP-maven.log
FIGURES=$BENCH/results/timers-$STAMP-figures.txt

mvn_run() {
  # $1: extra Maven flag ("-o" or "")
  (cd "$ROOT" && ./mvnw -B -q ${1:+"$1"} -pl notification-service -am test \
    -Dtest=TimerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    "-Dtest.jvm.args=$JVM_ARGS" \
    -Dzf.bench.total="$TOTAL" -Dzf.bench.due="$DUE" -Dzf.bench.window-s="$WINDOW_S" \
    -Dzf.bench.warmup="$WARMUP" -Dzf.bench.lead-s="$LEAD_S" -Dzf.bench.keep-data="$([[ $KEEP == 1 ]] && echo true || echo false)" \
    -Dzf.bench.out="$FIGURES") >"$MVN_LOG" 2>&1
}

log "TimerBenchmark: $TOTAL pending, $DUE due over ${WINDOW_S}s (Maven output: ${MVN_LOG#"$ROOT"/})"
status=0
case $OFFLINE in
  1) mvn_run -o || status=$? ;;
  0) mvn_run "" || status=$? ;;
  auto)
    mvn_run -o || status=$?
    if ((status != 0)) && grep -qiE 'offline mode|has not been downloaded|could not resolve|Cannot access .* in offline' "$MVN_LOG"; then
      log "the local Maven repository lacks something: running online"
      status=0
      mvn_run "" || status=$?
    fi
    ;;
esac

# The benchmark writes its figures as it goes: a failure still leaves what was measured.
if [[ -s $FIGURES ]]; then
  cp "$FIGURES" "$RESULT"
else
  sed -n 's/^BENCH \([a-z0-9_]*=.*\)$/\1/p' "$MVN_LOG" >"$RESULT" || true
fi
rm -f "$FIGURES"
if ((status != 0)); then
  grep -E '^\[ERROR\]|AssertionFailedError|Exception' "$MVN_LOG" | head -n 20 >&2 || true
  [[ -s $RESULT ]] && { log "figures measured before the failure:"; cat "$RESULT"; }
  die "the benchmark failed (exit $status): see ${MVN_LOG#"$ROOT"/}"
fi
grep -q '^poll_round_ratio=' "$RESULT" || die "no poll_round_ratio in the benchmark's output (see ${MVN_LOG#"$ROOT"/})"
log "results: ${RESULT#"$ROOT"/}"
cat "$RESULT"
