#!/usr/bin/env bash
# Survey results benchmark: answers/s with 16 concurrent clients, then the p99 of reading one
# survey's results at 1,000 and at 1,000,000 answers (bench/surveys.py). The last lines are
# survey_results_p99_ms=<p99 at 1,000,000> and results_ratio=<p99 at 1,000,000 / p99 at 1,000>.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

usage() {
  cat <<USAGE
Usage: bench/surveys.sh [--help]

Against \$ZF_SURVEY_URL (a running survey-service, e.g. the gateway of ./run.sh --bench:
http://localhost:8080) when set; otherwise starts survey-service's packaged jar on port
\$BENCH_PORT (a free one) on a scratch schema zf_survey_bench (dropped first), without a broker (its
events wait in the outbox), and stops it at the end.
  1. creates a public survey (appraisal question, a 10-department matrix, a choice, a text), opens it;
  2. BENCH_CONNECTIONS (16) clients post ballots for BENCH_DURATION (20) s: answers/s;
  3. closes it, replaces its answers by exactly 1,000 bulk-loaded ones, reads the results
     BENCH_READS (1000) times, once InnoDB has flushed what the load dirtied: p99;
  4. bulk-loads 999,000 more (set-based INSERTs into the answer table, one multi-row upsert into the
     tally slots), reads again: p99.
A token for user "bench" (role inspector) is signed with the local dev key (gateway/src/main/resources/dev-keys):
the local profile's services trust it. Needs python3, openssl and the mysql/mariadb client.
Environment: ZF_SURVEY_URL, ZF_DB_HOST (127.0.0.1), ZF_DB_PORT (3306), ZF_DB_USER (root),
  ZF_DB_PASSWORD, ZF_SURVEY_DB (zf_survey when ZF_SURVEY_URL is set), BENCH_PORT, BENCH_CONNECTIONS,
  BENCH_DURATION, BENCH_READS.
USAGE
}
case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac
log() { printf '[surveys] %s\n' "$*" >&2; }

DB_HOST=${ZF_DB_HOST:-127.0.0.1}
DB_PORT=${ZF_DB_PORT:-3306}
DB_USER=${ZF_DB_USER:-root}
DB_PASSWORD=${ZF_DB_PASSWORD:-}
MYSQL_BIN=$(command -v mariadb || command -v mysql)
mysql_cmd() { echo "$MYSQL_BIN -h $DB_HOST -P $DB_PORT -u $DB_USER ${DB_PASSWORD:+-p$DB_PASSWORD} $1"; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"https://zhengfeng.local/auth","aud":"zhengfeng","upn":"bench","sub":"bench","groups":["inspector"],"iat":%d,"exp":%d}' \
  "$now" $((now + 7200)) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$ROOT/gateway/src/main/resources/dev-keys/private.pem" | b64url)
export BENCH_TOKEN="$header.$payload.$signature"

PID=
cleanup() { [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true; }
trap cleanup EXIT

if [[ -n ${ZF_SURVEY_URL:-} ]]; then
  export SURVEY_URL=$ZF_SURVEY_URL
  DB=${ZF_SURVEY_DB:-zf_survey}
else
  JAR=$ROOT/survey-service/target/quarkus-app/quarkus-run.jar
  [[ -f $JAR ]] || { log "building survey-service"; (cd "$ROOT" && ./mvnw -q -pl survey-service -am package -DskipTests); }
  DB=zf_survey_bench
  $(mysql_cmd "") -e "DROP DATABASE IF EXISTS $DB"
  PORT=${BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
  mkdir -p "$ROOT/bench/results"
  QUARKUS_PROFILE=local QUARKUS_HTTP_PORT=$PORT ZF_KAFKA_BOOTSTRAP=127.0.0.1:1 \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://$DB_HOST:$DB_PORT/$DB?createDatabaseIfNotExist=true&useSSL=false&allowPublicKeyRetrieval=true" \
    QUARKUS_LOG_CATEGORY__ORG_APACHE_KAFKA__LEVEL=ERROR \
    java -Xms256m -Xmx512m -XX:+UseSerialGC -jar "$JAR" >"$ROOT/bench/results/survey-service.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break
    kill -0 "$PID" 2>/dev/null || { log "survey-service died, see bench/results/survey-service.log"; exit 1; }
    sleep 1
  done
  export SURVEY_URL=http://127.0.0.1:$PORT
  log "survey-service started on $SURVEY_URL (schema $DB)"
fi
export BENCH_MYSQL=$(mysql_cmd "$DB")
python3 "$ROOT/bench/surveys.py"
