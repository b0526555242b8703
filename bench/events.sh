#!/usr/bin/env bash
# Event lag: a submission's commit → its item in the spokesperson's inbox (and → the SSE push), at a
# steady rate, beside Kafka's own end-to-end latency on the same broker in the same run (Kafka's
# org.apache.kafka.tools.EndToEndLatency, run while the load runs). Needs a running suite (./run.sh --bench).
# Last lines: relay_poll_ms=, event_lag_p99_ms=, kafka_e2e_p99_ms=.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

usage() {
  cat <<EOF
Usage: bench/events.sh [--help]

Against the suite that ./run.sh --bench started:
  1. opens the spokesperson's live inbox stream (GET /api/notifications/inbox/stream, SSE) and stamps
     each pushed line with its arrival time (bash \$EPOCHREALTIME: a date(1) per line fell behind the stream);
  2. submits complaints at \$BENCH_RATE/s for \$BENCH_DURATION s (hey -q, web channel, no token);
  3. meanwhile runs Kafka's EndToEndLatency (\$BENCH_KAFKA_MESSAGES messages, acks=all, 1 KB) on the same broker;
  4. reads, from the databases, each submission's submitted_at (set in its transaction, just before
     the commit) and the created_at of its first INBOX notification; the SSE arrival times beside them.
Prints p50/p99 of both lags, Kafka's p50/p99, and last relay_poll_ms=, event_lag_p99_ms=, kafka_e2e_p99_ms=.
Target (issue 12): event_lag_p99_ms <= relay_poll_ms + 3 x kafka_e2e_p99_ms.

Environment (defaults): BENCH_RATE (50), BENCH_DURATION (30), BENCH_KAFKA_MESSAGES (3000),
  ZF_GATEWAY_URL (http://localhost:8080), ZF_KAFKA_BOOTSTRAP, ZF_DB_URL / ZF_DB_USER / ZF_DB_PASSWORD
  (default: what ./run.sh chose, in .run/suite.env), ZHENGFENG_OUTBOX_POLL_INTERVAL (the relay's; 250ms).
EOF
}

log() { printf '[events] %s\n' "$*" >&2; }
die() { printf '[events] ERROR: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

SUITE_ENV=${ZF_RUN_DIR:-$ROOT/.run}/suite.env
if [[ -f $SUITE_ENV ]]; then
  while IFS='=' read -r key value; do
    [[ $key =~ ^ZF_[A-Z_]+$ && -z ${!key:-} ]] || continue
    export "$key=$value"
  done <"$SUITE_ENV"
fi
RATE=${BENCH_RATE:-50}
DURATION=${BENCH_DURATION:-30}
KAFKA_MESSAGES=${BENCH_KAFKA_MESSAGES:-3000}
GATEWAY=${ZF_GATEWAY_URL:-http://localhost:8080}
KAFKA=${ZF_KAFKA_BOOTSTRAP:-localhost:9092}
DB_URL=${ZF_DB_URL:-jdbc:mysql://127.0.0.1:3306}
DB_HOSTPORT=${DB_URL#jdbc:*://}; DB_HOSTPORT=${DB_HOSTPORT%%/*}
DB_HOST=${DB_HOSTPORT%%:*}; DB_PORT=${DB_HOSTPORT##*:}; [[ $DB_PORT == "$DB_HOST" ]] && DB_PORT=3306
DB_USER=${ZF_DB_USER:-root}
POLL=${ZHENGFENG_OUTBOX_POLL_INTERVAL:-250ms}
POLL_MS=$(awk -v p="$POLL" 'BEGIN { v = p; if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%d", v }')
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
for n in "$RATE" "$DURATION" "$KAFKA_MESSAGES"; do
  [[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || die "BENCH_* values must be whole numbers >= 1 (got '$n')"
done
command -v hey >/dev/null || die "hey is missing (Debian: apt-get install -y hey)"
SQL=$(command -v mariadb || command -v mysql) || die "the mariadb (or mysql) client is missing"
sql() { MYSQL_PWD=${ZF_DB_PASSWORD:-} "$SQL" -h "$DB_HOST" -P "$DB_PORT" -u "$DB_USER" -N -B -e "$1"; }
curl -fsS -o /dev/null --max-time 3 "$GATEWAY/q/health/ready" || die "no gateway at $GATEWAY: start the suite with ./run.sh --bench"
[[ ${ZF_BENCH_MODE:-1} == 1 ]] || die "the suite was not started with ./run.sh --bench: the anonymous write limit would answer 429"

# Kafka's tool: its classpath from bench/kafka-tools/pom.xml (resolved once).
KT_CP=$BENCH/.work/kafka-tools-classpath.txt
if [[ ! -s $KT_CP ]]; then
  mkdir -p "$BENCH/.work"
  (cd "$ROOT" && ./mvnw -q -f bench/kafka-tools/pom.xml dependency:build-classpath -Dmdep.outputFile="$KT_CP") \
    || die "could not resolve org.apache.kafka:kafka-tools"
fi

mkdir -p "$BENCH/results"
STAMP=$(date +%Y%m%d-%H%M%S)
OUT=$BENCH/results/events-$STAMP
login=$(curl -sS --max-time 10 -X POST "$GATEWAY/api/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"spokesperson","password":"demo"}')
TOKEN=$(sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$login")
[[ -n $TOKEN ]] || die "no token for spokesperson"

# --- 1. the live stream, each line stamped on arrival (epoch microseconds) -----------------------
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
curl -sS -N --max-time $((DURATION + 60)) -H "Authorization: Bearer $TOKEN" -H 'Accept: text/event-stream' \
  "$GATEWAY/api/notifications/inbox/stream" 2>/dev/null \
  | while IFS= read -r line; do printf '%s %s\n' "${EPOCHREALTIME/./}" "$line"; done >"$OUT-sse.txt" &
PIDS+=($!)
sleep 1

# --- 2. steady submissions and 3. Kafka's own latency, side by side --------------------------------
BODY=$OUT-body.json
printf '%s' '{"kind":"complaint","channel":"web","category":"urban_planning","content":"事件时延压测：小区东侧在建楼盘与规划公示不一致，请核实处理。","contact":{"name":"张三","phone":"13812341234"}}' >"$BODY"
WORKERS=$(( RATE >= 10 ? 10 : RATE ))
# notification-service's CPU (utime + stime of its process group, as bench/intake.sh counts it) from
# the start of the load until the inbox has caught up: its cost per complaint event, all of it
# (consumption, timers, the e-mail's delivery, the SSE push).
NS_PID_FILE=${ZF_RUN_DIR:-$ROOT/.run}/pids/notification-service.pid
cpu_ms() { # process group -> utime+stime in ms, or empty
  [[ -f $NS_PID_FILE ]] || return 0
  local g; g=$(<"$NS_PID_FILE")
  ps -o pid= -g "$g" 2>/dev/null | while read -r p; do cat "/proc/$p/stat" 2>/dev/null; done \
    | awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); t += $12 + $13 } END { if (NR) printf "%d", t * 1000 / hz }'
}
NS_CPU0=$(cpu_ms)
START=$(date -u '+%Y-%m-%d %H:%M:%S.%6N')
log "load: $RATE submissions/s for ${DURATION}s (hey -c $WORKERS -q $((RATE / WORKERS))); Kafka EndToEndLatency on $KAFKA meanwhile"
hey -z "${DURATION}s" -c "$WORKERS" -q $((RATE / WORKERS)) -m POST -T 'application/json; charset=utf-8' -D "$BODY" \
  "$GATEWAY/api/complaints" >"$OUT-hey.txt" &
HEY=$!
"$JAVA" -Xmx256m -cp "$(<"$KT_CP")" org.apache.kafka.tools.EndToEndLatency "$KAFKA" zhengfeng.bench-e2e-latency \
  "$KAFKA_MESSAGES" all 1024 >"$OUT-kafka.txt" 2>&1 || die "EndToEndLatency failed: $(tail -5 "$OUT-kafka.txt")"
wait "$HEY" || die "hey failed: $(tail -5 "$OUT-hey.txt")"
END=$(date -u '+%Y-%m-%d %H:%M:%S.%6N')
grep -q '\[201\]\|\[200\]\|\[202\]' "$OUT-hey.txt" || die "no 2xx answers from the gateway (see $OUT-hey.txt)"
if grep -E '^\s+\[(4|5)[0-9][0-9]\]' "$OUT-hey.txt" >&2; then log "warning: non-2xx answers above"; fi

# --- 4. lags: wait for the inbox to catch up with every submission of the window -----------------
WINDOW="c.submitted_at BETWEEN '$START' AND '$END'"
total=$(sql "SELECT COUNT(*) FROM zf_complaint.complaint c WHERE $WINDOW")
for _ in $(seq 1 60); do
  done_=$(sql "SELECT COUNT(DISTINCT n.subject_id) FROM zf_notification.notification n
               JOIN zf_complaint.complaint c ON c.id = n.subject_id WHERE n.channel = 'INBOX' AND $WINDOW")
  ((done_ >= total)) && break
  sleep 1
done
NS_CPU1=$(cpu_ms)
log "$total submissions in the window, $done_ in an inbox"
sql "SELECT ROUND(TIMESTAMPDIFF(MICROSECOND, c.submitted_at, MIN(n.created_at)) / 1000, 3),
            c.id, ROUND(UNIX_TIMESTAMP(c.submitted_at) * 1000000)
       FROM zf_complaint.complaint c JOIN zf_notification.notification n ON n.subject_id = c.id AND n.channel = 'INBOX'
      WHERE $WINDOW GROUP BY c.id, c.submitted_at" >"$OUT-lags.txt"
sleep 1
cleanup
# SSE: the first pushed line naming each complaint, minus its submitted_at.
awk 'NR == FNR { sub_us[$2] = $3; next }
     { for (id in sub_us) if (index($0, id) && !(id in seen)) { seen[id] = 1; printf "%.3f\n", ($1 - sub_us[id]) / 1000 } }' \
  "$OUT-lags.txt" "$OUT-sse.txt" >"$OUT-sse-lags.txt" || true

pct() { sort -n "$1" | awk -v p="$2" '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit } i = int(NR * p / 100 + 0.999); if (i < 1) i = 1; print v[i] }'; }
cut -f1 "$OUT-lags.txt" >"$OUT-inbox-lags.txt"
KAFKA_LINE=$(grep -i 'Percentiles' "$OUT-kafka.txt" | tail -n 1)
KAFKA_P50=$(sed -n 's/.*50th = \([0-9.]*\).*/\1/p' <<<"$KAFKA_LINE")
KAFKA_P99=$(sed -n 's/.*99th = \([0-9.]*\),.*/\1/p' <<<"$KAFKA_LINE")
[[ -n $KAFKA_P99 ]] || die "no percentiles from EndToEndLatency (see $OUT-kafka.txt)"
{
  echo "rate_per_s=$RATE"
  echo "duration_s=$DURATION"
  echo "submissions=$total"
  echo "in_inbox=$done_"
  echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ -n $NS_CPU0 && -n $NS_CPU1 && $total -gt 0 ]]; then
    echo "notification_cpu_ms_per_event=$(awk -v a="$NS_CPU0" -v b="$NS_CPU1" -v n="$total" 'BEGIN { printf "%.2f", (b - a) / n }')"
  fi
  echo "hey_rps=$(awk '/Requests\/sec:/ { print $2 }' "$OUT-hey.txt")"
  echo "event_lag_p50_ms=$(pct "$OUT-inbox-lags.txt" 50)"
  echo "sse_lag_p50_ms=$(pct "$OUT-sse-lags.txt" 50)"
  echo "sse_lag_p99_ms=$(pct "$OUT-sse-lags.txt" 99)"
  echo "sse_pushes_matched=$(wc -l <"$OUT-sse-lags.txt")"
  echo "kafka_e2e_p50_ms=$KAFKA_P50"
  echo "relay_poll_ms=$POLL_MS"
  echo "event_lag_p99_ms=$(pct "$OUT-inbox-lags.txt" 99)"
  echo "kafka_e2e_p99_ms=$KAFKA_P99"
} >"$OUT.txt"
log "results: ${OUT#"$ROOT"/}.txt"
cat "$OUT.txt"
