#!/usr/bin/env bash
# How fast notification-service works off a backlog, and at what CPU per event: the case after an
# outage or a deploy, where its consumer applies full batches (200 records a poll).
# Needs a suite started with ./run.sh --bench. See bench/catchup.sh --help.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
RUN_DIR=${ZF_RUN_DIR:-$ROOT/.run}

usage() {
  cat <<EOF
Usage: bench/catchup.sh [--help]

On the suite ./run.sh --bench started (pids in \$ZF_RUN_DIR/pids, default .run/pids):
  1. SIGSTOP notification-service (its consumer stops; Kafka keeps its partitions for the session
     timeout, 45 s, so the backlog stays its own);
  2. \$BENCH_DURATION s (20) of wrk (-c\$BENCH_CONNECTIONS) posting complaints through the gateway
     (bench/intake.lua), which then run without notification-service competing for the cores;
  3. SIGCONT, and the time and the process's CPU until every complaint has its timers
     (at most \$CATCHUP_TIMEOUT s, 300).
Prints intake_rps= (step 2), backlog=, catchup_s=, catchup_events_per_s= and
notification_cpu_ms_per_event= (utime + stime from /proc over step 3). E-mails are sent after the
timers exist, so their cost is not in the figure.
EOF
}
log() { printf '[catchup] %s\n' "$*" >&2; }
die() { printf '[catchup] ERROR: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

# shellcheck source=bench/suite-env.sh
source "$BENCH/suite-env.sh"
load_suite_env "$RUN_DIR"
GATEWAY=${ZF_GATEWAY_URL:-http://localhost:8080}
DURATION=${BENCH_DURATION:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
TIMEOUT=${CATCHUP_TIMEOUT:-300}
command -v wrk >/dev/null || die "wrk is missing (apt-get install -y wrk)"
command -v mariadb >/dev/null || die "the mariadb client is missing (apt-get install -y mariadb-client)"
curl -fsS -o /dev/null --max-time 3 "$GATEWAY/q/health/ready" || die "no gateway at $GATEWAY: start ./run.sh --bench"

db_url=${ZF_DB_URL:-jdbc:mysql://127.0.0.1:3306}
db_host=$(sed -E 's#^jdbc:[a-z]+://([^:/]+).*#\1#' <<<"$db_url")
db_port=$(sed -nE 's#^jdbc:[a-z]+://[^:/]+:([0-9]+).*#\1#p' <<<"$db_url")
sql() { mariadb -h "$db_host" -P "${db_port:-3306}" -u "${ZF_DB_USER:-root}" ${ZF_DB_PASSWORD:+-p"$ZF_DB_PASSWORD"} -N -e "$1"; }

pid=$(java_pid "$RUN_DIR" notification-service)
[[ -n $pid ]] || die "notification-service has no java process (see $RUN_DIR/pids/notification-service.pid)"
CLK_TCK=$(getconf CLK_TCK)
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat"; }

TOKEN=$(login "$GATEWAY" "${BENCH_USER:-spokesperson}" "${BENCH_PASSWORD:-demo}" | json_field access_token)
[[ -n $TOKEN ]] || die "no staff token for the spokesperson"

kill -STOP "$pid"
trap 'kill -CONT "$pid" 2>/dev/null || true' EXIT
log "notification-service stopped; ${DURATION}s of submissions"
wrk_out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$BENCH/intake.lua" "$GATEWAY/api/complaints" -- "$TOKEN")
intake_rps=$(sed -n 's/^gateway_ok_rps=//p' <<<"$wrk_out")
total=$(sql "SELECT COUNT(*) FROM zf_complaint.complaint")
timers() { sql "SELECT COUNT(DISTINCT subject_id) FROM zf_notification.timer WHERE subject_type = 'complaint'"; }
before=$(timers)
t0=$(date +%s.%N); c0=$(ticks)
kill -CONT "$pid"
log "resumed with $((total - before)) complaints to catch up on"
until (($(timers) >= total)); do
  (($(date +%s) - ${t0%.*} < TIMEOUT)) || die "not caught up within ${TIMEOUT}s"
  sleep 0.2
done
t1=$(date +%s.%N); c1=$(ticks)
backlog=$((total - before))
awk -v r="$intake_rps" -v n="$backlog" -v s="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
    -v cpu="$(( (c1 - c0) * 1000 / CLK_TCK ))" -v la="$(cut -d' ' -f1-3 /proc/loadavg)" 'BEGIN {
  printf "load_average=%s\nintake_rps=%s\nbacklog=%d\ncatchup_s=%.1f\ncatchup_events_per_s=%.0f\nnotification_cpu_ms_per_event=%.2f\n",
    la, r, n, s, n / s, cpu / n }'
