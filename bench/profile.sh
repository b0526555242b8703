#!/usr/bin/env bash
# Where the intake's CPU goes: JFR on complaint-service and the gateway while wrk posts complaints
# through the gateway (bench/intake.lua, as bench/intake.sh does), then the top frames of each.
# Needs a suite started with ./run.sh --bench. See bench/profile.sh --help.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench
RUN_DIR=${ZF_RUN_DIR:-$ROOT/.run}

usage() {
  cat <<EOF
Usage: bench/profile.sh [--help]

On the suite ./run.sh --bench started (pids in \$ZF_RUN_DIR/pids, default .run/pids):
  1. \$PROFILE_WARMUP s of wrk (-c\$BENCH_CONNECTIONS) on POST /api/complaints through the gateway;
  2. jcmd <pid> JFR.start (settings=profile: a stack every 10-20 ms per running thread) on each of
     \$PROFILE_PROCS, \$PROFILE_DURATION s of the same load, JFR.dump;
  3. per process, from jdk.ExecutionSample (jfr print --stack-depth 96):
     - self: the top frame of each sample (where the CPU is spent),
     - inclusive: the methods on the stack (each counted once per sample) of the packages that
       decide the cost (io.zhengfeng, org.hibernate, com.mysql, io.opentelemetry, io.vertx, …),
     - first project frame: the innermost io.zhengfeng frame of each sample (which of our code paid).
Recordings and reports are kept in bench/results/profile-<time>-<proc>.{jfr,txt} (not committed).

Environment (defaults): PROFILE_PROCS ("complaint-service gateway"), PROFILE_DURATION (30),
  PROFILE_WARMUP (10), PROFILE_TOP (25), BENCH_CONNECTIONS (16), BENCH_THREADS (2),
  BENCH_USER / BENCH_PASSWORD (spokesperson / demo), ZF_GATEWAY_URL (from suite.env).
EOF
}
log() { printf '[profile] %s\n' "$*" >&2; }
die() { printf '[profile] ERROR: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

# shellcheck source=bench/suite-env.sh
source "$BENCH/suite-env.sh"
load_suite_env "$RUN_DIR"
GATEWAY=${ZF_GATEWAY_URL:-http://localhost:8080}
PROCS=(${PROFILE_PROCS:-complaint-service gateway})
DURATION=${PROFILE_DURATION:-30}
WARMUP=${PROFILE_WARMUP:-10}
TOP=${PROFILE_TOP:-25}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
JCMD=${JAVA_HOME:+$JAVA_HOME/bin/}jcmd
JFR=${JAVA_HOME:+$JAVA_HOME/bin/}jfr
command -v wrk >/dev/null || die "wrk is missing (apt-get install -y wrk)"
command -v "$JFR" >/dev/null || die "jfr is missing (a JDK's bin/jfr)"
command -v python3 >/dev/null || die "python3 is missing (it aggregates the samples)"
curl -fsS -o /dev/null --max-time 3 "$GATEWAY/q/health/ready" || die "no gateway at $GATEWAY: start ./run.sh --bench"

declare -A JPID
for p in "${PROCS[@]}"; do
  jpid=$(java_pid "$RUN_DIR" "$p")
  [[ -n $jpid ]] || die "$p has no java process (see $RUN_DIR/pids/$p.pid)"
  JPID[$p]=$jpid
done

TOKEN=$(login "$GATEWAY" "${BENCH_USER:-spokesperson}" "${BENCH_PASSWORD:-demo}" | json_field access_token)
WRK_ARGS=()
[[ -n $TOKEN ]] && WRK_ARGS=(-- "$TOKEN")

mkdir -p "$BENCH/results"
STAMP=$(date +%Y%m%d-%H%M%S)
load() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"${1}s" --timeout 10s -s "$BENCH/intake.lua" "$GATEWAY/api/complaints" "${WRK_ARGS[@]}"; }

log "warm-up: ${WARMUP}s"
load "$WARMUP" >/dev/null
for p in "${PROCS[@]}"; do
  "$JCMD" "${JPID[$p]}" JFR.start name=zfprofile settings=profile >/dev/null || die "JFR.start failed on $p"
done
log "recording ${DURATION}s of load on: ${PROCS[*]}"
WRK_OUT=$BENCH/results/profile-$STAMP-wrk.txt
load "$DURATION" >"$WRK_OUT"
for p in "${PROCS[@]}"; do
  "$JCMD" "${JPID[$p]}" JFR.stop name=zfprofile filename="$BENCH/results/profile-$STAMP-$p.jfr" >/dev/null \
    || die "JFR.stop failed on $p"
done
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '^gateway_(ok_rps|p50_ms|p99_ms|non2xx)=' "$WRK_OUT" || true

for p in "${PROCS[@]}"; do
  report=$BENCH/results/profile-$STAMP-$p.txt
  "$JFR" print --events jdk.ExecutionSample --stack-depth 96 "$BENCH/results/profile-$STAMP-$p.jfr" \
    | python3 "$BENCH/profile-top.py" "$p" "$TOP" | tee "$report"
done
log "recordings and reports: bench/results/profile-$STAMP-*"
