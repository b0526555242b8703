#!/usr/bin/env bash
# What a submission costs the database: the server's counters (SHOW GLOBAL STATUS: statements by
# kind, rows written/read, commits, fsyncs) before and after BENCH_DURATION s of wrk posting
# complaints through the gateway (bench/intake.lua), and BENCH_SETTLE s more for the consumers to
# catch up, divided by the accepted submissions. The counters are server-wide: run it on a quiet
# server. Needs a suite started with ./run.sh --bench and the mysql client.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUN_DIR=${ZF_RUN_DIR:-$ROOT/.run}
case "${1:-}" in
  -h|--help) echo "Usage: bench/statements.sh   (BENCH_DURATION 10, BENCH_SETTLE 3, BENCH_CONNECTIONS 16; suite from ./run.sh --bench)"; exit 0 ;;
  "") ;;
  *) echo "Usage: bench/statements.sh [--help]" >&2; exit 2 ;;
esac
# shellcheck source=bench/suite-env.sh
source "$ROOT/bench/suite-env.sh"
load_suite_env "$RUN_DIR"
GATEWAY=${ZF_GATEWAY_URL:-http://localhost:8080}
DURATION=${BENCH_DURATION:-10}
HOST_PORT=$(sed -E 's#^jdbc:[a-z]+://([^/?,]+).*#\1#' <<<"${ZF_DB_URL:-jdbc:mysql://127.0.0.1:3306}")
COUNTERS="'Questions','Com_select','Com_insert','Com_update','Com_delete','Com_commit','Com_set_option',\
'Handler_write','Handler_update','Handler_delete','Handler_read_key','Handler_read_next','Innodb_data_fsyncs',\
'Innodb_buffer_pool_reads','Innodb_pages_written','Innodb_rows_inserted'"
status() {
  mysql -h"${HOST_PORT%%:*}" -P"${HOST_PORT##*:}" -u"${ZF_DB_USER:-root}" ${ZF_DB_PASSWORD:+-p"$ZF_DB_PASSWORD"} -N \
    -e "SHOW GLOBAL STATUS WHERE Variable_name IN ($COUNTERS)" | sort
}
BEFORE=$(mktemp); AFTER=$(mktemp); WRK_OUT=$(mktemp)
trap 'rm -f "$BEFORE" "$AFTER" "$WRK_OUT"' EXIT
status >"$BEFORE"
intake_wrk "$ROOT" "$GATEWAY" "$DURATION" "$WRK_OUT"
sleep "${BENCH_SETTLE:-3}"
status >"$AFTER"
OK=$(sed -n 's/^gateway_ok=//p' "$WRK_OUT")
echo "accepted=$OK submissions_per_s=$(sed -n 's/^gateway_ok_rps=//p' "$WRK_OUT")"
join "$BEFORE" "$AFTER" | awk -v n="${OK:-0}" 'n > 0 { printf "%s_per_submission=%.2f\n", tolower($1), ($3 - $2) / n }'
