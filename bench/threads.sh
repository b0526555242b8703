#!/usr/bin/env bash
# Where a submission's CPU goes, per process and per thread: utime + stime of every thread of the
# suite's processes (./run.sh's process groups in $ZF_RUN_DIR/pids) and of the database, read from
# /proc before and after BENCH_DURATION s of wrk posting complaints through the gateway
# (bench/intake.lua, as bench/intake.sh does), divided by the accepted submissions. Thread names are
# grouped with their digits dropped (executor-thread-12 -> executor-thread-N). Needs a suite started
# with ./run.sh --bench. Prints per process its total and the threads above 0.01 ms per submission.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR=${ZF_RUN_DIR:-$ROOT/.run}
case "${1:-}" in
  -h|--help) echo "Usage: bench/threads.sh   (BENCH_DURATION 20, BENCH_CONNECTIONS 16, BENCH_THREADS 2; suite from ./run.sh --bench)"; exit 0 ;;
  "") ;;
  *) echo "Usage: bench/threads.sh [--help]" >&2; exit 2 ;;
esac
# shellcheck source=bench/suite-env.sh
source "$ROOT/bench/suite-env.sh"
load_suite_env "$RUN_DIR"
GATEWAY=${ZF_GATEWAY_URL:-http://localhost:8080}
DURATION=${BENCH_DURATION:-20}
DB_PID=$(pgrep -o -x mariadbd || pgrep -o -x mysqld || true)

snapshot() { # process|thread name|ticks|tid per line
  local f name group p t
  for f in "$RUN_DIR"/pids/*.pid; do
    name=$(basename "$f" .pid); group=$(cat "$f")
    for p in $(ps -eo pid=,pgid= | awk -v g="$group" '$2 == g { print $1 }'); do
      for t in /proc/"$p"/task/*; do
        printf '%s|%s|%s|%s\n' "$name" "$(sed 's/[0-9]\+/N/g' "$t/comm" 2>/dev/null)" \
          "$(sed 's/^.*) //' "$t/stat" 2>/dev/null | awk '{ print $12 + $13 }')" "${t##*/}"
      done
    done
  done
  if [[ -n $DB_PID ]]; then
    for t in /proc/"$DB_PID"/task/*; do
      printf 'database|%s|%s|%s\n' "$(sed 's/[0-9]\+/N/g' "$t/comm")" "$(sed 's/^.*) //' "$t/stat" | awk '{ print $12 + $13 }')" "${t##*/}"
    done
  fi
}

BEFORE=$(mktemp); AFTER=$(mktemp); WRK_OUT=$(mktemp)
trap 'rm -f "$BEFORE" "$AFTER" "$WRK_OUT"' EXIT
snapshot >"$BEFORE"
intake_wrk "$ROOT" "$GATEWAY" "$DURATION" "$WRK_OUT"
snapshot >"$AFTER"
OK=$(sed -n 's/^gateway_ok=//p' "$WRK_OUT")
echo "accepted=$OK submissions_per_s=$(sed -n 's/^gateway_ok_rps=//p' "$WRK_OUT") load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'|' -v hz="$(getconf CLK_TCK)" -v n="${OK:-0}" '
  FNR == NR { before[$1 "|" $4] = $3; next }
  { d = ($3 - before[$1 "|" $4]) * 1000 / hz; proc[$1] += d; thread[$1 "|" $2] += d }
  END {
    if (n == 0) { print "no submission accepted"; exit 1 }
    # sort keys: process total, process name, header before threads, thread cost
    for (k in thread) if (thread[k] / n >= 0.01) { split(k, a, "|"); rows[k] = sprintf("%09.3f\t%s\t1\t%09.3f\t  %-28s %.3f", proc[a[1]] / n, a[1], thread[k] / n, a[2], thread[k] / n) }
    for (p in proc) rows[p] = sprintf("%09.3f\t%s\t0\t0\t%s: %.3f ms CPU per submission", proc[p] / n, p, p, proc[p] / n)
    for (k in rows) print rows[k] | "sort -t\"\t\" -k1,1r -k2,2 -k3,3n -k4,4r | cut -f5-"
  }' "$BEFORE" "$AFTER"
