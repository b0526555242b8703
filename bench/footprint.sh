#!/usr/bin/env bash
# Footprint: for each service, time to ready and RSS after start and after a load, beside a bare
# Quarkus REST app (bench/footprint-bare: quarkus-rest + health) started with the same JVM flags.
# Each is started alone, one after the other, on a spare port, against the database and broker of a
# running suite (./run.sh). Last lines: start_ratio_max= and rss_ratio_max= (worst service ÷ bare app).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

usage() {
  cat <<EOF
Usage: bench/footprint.sh [--help]

For the bare app, then each service: java \$ZF_JAVA_OPTS -jar <svc>/target/quarkus-app/quarkus-run.jar
(QUARKUS_PROFILE=local, port 919x); time from spawn to the first 200 of /q/health/ready; VmRSS 2 s
later; then wrk -c8 -d\$BENCH_LOAD s on /q/health/ready (the same endpoint for all), VmRSS again; stop.
Environment (defaults): BENCH_LOAD (30), ZF_JAVA_OPTS (run.sh's: $(sed -n 's/^SERVICE_JAVA_OPTS=\${ZF_JAVA_OPTS:-\(.*\)}$/\1/p' "$ROOT/run.sh")),
  BENCH_SERVICES (all five). Needs the suite's database and broker (.run/suite.env).
Targets (issue 12): start_ratio_max <= 1.5, rss_ratio_max <= 1.5.
EOF
}
log() { printf '[footprint] %s\n' "$*" >&2; }
die() { printf '[footprint] ERROR: %s\n' "$*" >&2; exit 1; }
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
LOAD=${BENCH_LOAD:-30}
JAVA_OPTS=${ZF_JAVA_OPTS:-$(sed -n 's/^SERVICE_JAVA_OPTS=\${ZF_JAVA_OPTS:-\(.*\)}$/\1/p' "$ROOT/run.sh")}
SERVICES=(${BENCH_SERVICES:-complaint-service survey-service inspection-service notification-service gateway})
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
command -v wrk >/dev/null || die "wrk is missing (apt-get install -y wrk)"
export QUARKUS_PROFILE=local
export ZF_COMPLAINT_URL=${ZF_COMPLAINT_URL:-http://localhost:8081} ZF_SURVEY_URL=${ZF_SURVEY_URL:-http://localhost:8082}
export ZF_INSPECTION_URL=${ZF_INSPECTION_URL:-http://localhost:8083} ZF_NOTIFICATION_URL=${ZF_NOTIFICATION_URL:-http://localhost:8084}

BARE=$BENCH/footprint-bare/target/quarkus-app/quarkus-run.jar
if [[ ! -f $BARE ]]; then
  log "building the bare app"
  (cd "$ROOT" && ./mvnw -q -f bench/footprint-bare/pom.xml -DskipTests package) || die "bare app build failed"
fi
mkdir -p "$BENCH/results"
STAMP=$(date +%Y%m%d-%H%M%S)
RESULT=$BENCH/results/footprint-$STAMP.txt
PID=""
trap '[[ -n $PID ]] && kill "$PID" 2>/dev/null || true' EXIT

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
measure() { # name jar port -> "name ready_ms rss_start_mb rss_load_mb"
  local name=$1 jar=$2 port=$3 t0 ready_ms rss0 rss1
  [[ -f $jar ]] || die "$jar is missing (./mvnw -DskipTests package)"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086  # JAVA_OPTS is a list of options
  QUARKUS_HTTP_PORT=$port ZF_BARE_PORT=$port "$JAVA" $JAVA_OPTS -jar "$jar" >"$BENCH/results/footprint-$STAMP-$name.log" 2>&1 &
  PID=$!
  until curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/q/health/ready" 2>/dev/null; do
    kill -0 "$PID" 2>/dev/null || die "$name exited during start-up (log: bench/results/footprint-$STAMP-$name.log)"
    (( $(date +%s%N) - t0 < 180000000000 )) || die "$name not ready within 180 s"
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  sleep 2
  rss0=$(rss_mb "$PID")
  wrk -t2 -c8 -d"${LOAD}s" "http://127.0.0.1:$port/q/health/ready" >/dev/null
  rss1=$(rss_mb "$PID")
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
  log "$name: ready in ${ready_ms} ms, RSS ${rss0} MB after start, ${rss1} MB after ${LOAD}s of load"
  echo "$name $ready_ms $rss0 $rss1" >>"$RESULT.rows"
}

: >"$RESULT.rows"
measure bare "$BARE" 9190
port=9191
for s in "${SERVICES[@]}"; do
  measure "$s" "$ROOT/$s/target/quarkus-app/quarkus-run.jar" "$port"
  port=$((port + 1))
done
awk -v la="$(cut -d' ' -f1-3 /proc/loadavg)" -v opts="$JAVA_OPTS" '
  $1 == "bare" { bt = $2; br = ($4 > $3 ? $4 : $3) }
  { rows[NR] = $0; name[NR] = $1; t[NR] = $2; r0[NR] = $3; r1[NR] = $4 }
  END {
    printf "java_opts=%s\nload_average=%s\n", opts, la
    printf "# name ready_ms rss_after_start_mb rss_after_load_mb\n"
    for (i = 1; i <= NR; i++) {
      printf "%s %d %d %d\n", name[i], t[i], r0[i], r1[i]
      if (name[i] != "bare") {
        rs = t[i] / bt; rr = (r1[i] > r0[i] ? r1[i] : r0[i]) / br
        if (rs > ms) { ms = rs; msn = name[i] } if (rr > mr) { mr = rr; mrn = name[i] }
      }
    }
    printf "worst_start=%s\nworst_rss=%s\n", msn, mrn
    printf "start_ratio_max=%.2f\nrss_ratio_max=%.2f\n", ms, mr
  }' "$RESULT.rows" >"$RESULT"
log "results: ${RESULT#"$ROOT"/}"
cat "$RESULT"
