#!/usr/bin/env bash
# Regression guard for the request and event paths: a short bench/intake.sh run (well under two
# minutes) that prints intake_vs_jdbc_ratio and fails (exit 1) below the floor in
# bench/regression-floor.txt. Run it on a suite started with ./run.sh --bench, before and after a
# change that touches a request or event path.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FLOOR_FILE=$ROOT/bench/regression-floor.txt

case "${1:-}" in
  -h|--help)
    echo "Usage: bench/regression.sh   (suite from ./run.sh --bench; BENCH_DURATION 15 s, BENCH_WARMUP 5 s, BENCH_WARMUP_MAX 30 s, BENCH_SETTLE 30 s unless set)"
    echo "Fails when intake_vs_jdbc_ratio < intake_vs_jdbc_ratio_floor in bench/regression-floor.txt."
    exit 0 ;;
  "") ;;
  *) echo "Usage: bench/regression.sh [--help]" >&2; exit 2 ;;
esac

FLOOR=$(sed -n 's/^intake_vs_jdbc_ratio_floor=//p' "$FLOOR_FILE")
[[ $FLOOR =~ ^[0-9]+(\.[0-9]+)?$ ]] || { echo "[regression] ERROR: no intake_vs_jdbc_ratio_floor in $FLOOR_FILE" >&2; exit 2; }

# 5-30 s warm-up (rounds of 5 s until the rate stops rising) + 15 s through the gateway + at most
# 30 s settling + 15 s of JDBC baseline (+ its 5 s warm-up): 45-95 s.
OUT=$(BENCH_DURATION=${BENCH_DURATION:-15} BENCH_WARMUP=${BENCH_WARMUP:-5} BENCH_WARMUP_ROUND=${BENCH_WARMUP_ROUND:-5} \
  BENCH_WARMUP_MAX=${BENCH_WARMUP_MAX:-30} BENCH_SETTLE=${BENCH_SETTLE:-30} "$ROOT/bench/intake.sh")
echo "$OUT"
RATIO=$(sed -n 's/^intake_vs_jdbc_ratio=//p' <<<"$OUT" | tail -n 1)
[[ -n $RATIO ]] || { echo "[regression] ERROR: bench/intake.sh printed no intake_vs_jdbc_ratio" >&2; exit 2; }
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "intake_vs_jdbc_ratio_floor=$FLOOR"
if awk -v r="$RATIO" -v f="$FLOOR" 'BEGIN { exit !(r < f) }'; then
  echo "[regression] FAIL: intake_vs_jdbc_ratio=$RATIO is below the floor $FLOOR (bench/regression-floor.txt)" >&2
  echo "regression=fail"
  exit 1
fi
echo "regression=pass"
echo "intake_vs_jdbc_ratio=$RATIO"
