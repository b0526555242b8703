#!/usr/bin/env bash
# Fault drill (issue 8, "Proof under faults"): 10,000 complaints submitted through the gateway while
# complaint-service is SIGKILLed three times, notification-service twice, the Kafka broker twice and
# the database once (while the consumers catch up after the second broker outage), each brought back
# a few seconds later; then every accepted complaint is counted
# in the platform. Everything runs on loopback, on a MariaDB and a Kafka broker this script starts
# itself (never the machine's MariaDB on 3306), and everything it started is stopped on exit.
#
# The last three lines printed are:
#   lost=<n>            complaints answered 2xx that miss at least one of: their complaint row
#                       (zf_complaint.complaint), their `submitted` event on zhengfeng.complaints,
#                       their acceptance timer (zf_notification.timer) or their spokesperson inbox
#                       item (zf_notification.notification, INBOX, complaint.new). Target 0.
#   duplicated=<n>      complaints answered 2xx with a duplicate EFFECT: two or more rows, timers,
#                       inbox items, or `submitted` events with distinct ce_ids. The same ce_id twice
#                       on the topic is legal at-least-once publication (consumers dedupe by ce_id):
#                       it is printed apart, as information. Target 0.
#   recovery_ratio=<r>  the MINIMUM over the faults of (2xx answers in the CHAOS_WINDOW_S seconds
#                       from the moment the killed process answers again: a service's
#                       /q/health/ready, the broker's "ready" line, the database accepting a query)
#                       / (2xx answers in the CHAOS_WINDOW_S seconds before the kill, counted at
#                       most at the rate the paced load offers, CHAOS_TOTAL / CHAOS_LOAD_S): does
#                       the suite come back to its throughput once the fault is over? The cap
#                       keeps a before-window still catching up on an earlier outage from asking
#                       more than the load offers; the raw after/before, the outage itself (kill
#                       -> answering again) and the 2xx rate in the window starting at the kill are
#                       printed per fault beside it. Catching up after an outage can push the
#                       ratio above 1. Target >= 0.9.
# Before them: failed_responses=<n>, the responses other than 2xx and 503 application/problem+json
# (printed by status, with an example each).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

usage() {
  cat <<EOF
Usage: bench/chaos.sh [--help]

  1. Starts its own MariaDB (mariadb-install-db + mariadbd, 127.0.0.1:\$CHAOS_DB_PORT) and its own
     Kafka broker (local-runner KafkaBrokerMain, 127.0.0.1:\$CHAOS_KAFKA_PORT), data under
     bench/results/chaos-<time>/, and the suite on them: ./run.sh --bench --supervise with
     ZF_PORT_BASE=\$CHAOS_PORT_BASE and ZF_RUN_DIR in that directory (run.sh restarts a killed
     service after \$CHAOS_DOWN_S s).
  2. Load: local-runner ChaosLoad, \$CHAOS_CLIENTS clients POST \$CHAOS_TOTAL complaints to the
     gateway, paced over about \$CHAOS_LOAD_S s; a 5xx, 429 or connection error is retried (at most
     every 2 s, Retry-After honoured). Every attempt is logged (responses.tsv).
  3. Faults, the first \$CHAOS_FIRST_FAULT_S s into the load, then every \$CHAOS_FAULT_EVERY_S s,
     but never before the previous target has answered again for \$CHAOS_WINDOW_S s (so the
     windows measured around one fault hold no other fault):
       complaint-service, notification-service, kafka, complaint-service, kafka+database,
       notification-service, complaint-service
     (complaint-service killed 3 times, notification-service 2, the broker 2, the database 1).
     Each is a SIGKILL; the services are started again by run.sh --supervise after \$CHAOS_DOWN_S
     s, the broker by this script after \$CHAOS_DOWN_S s, the database after \$CHAOS_DB_DOWN_S s.
     kafka+database: the broker is killed and started again, then the database is killed once the
     complaint outbox has relayed half of the backlog the broker outage left, i.e. while events
     are arriving at notification-service (the case issue 8 saw dead-lettered); it is measured as
     one fault, from the broker's kill to the database's return.
     Each fault, and when its target answers again, goes to the timeline (faults.tsv, chaos.log).
  4. When the load is done and every service is ready: waits for quiescence (the complaint outbox
     drained, the notification-service group's lag on zhengfeng.complaints 0, the counts complete
     or still for 15 s; at most 240 s), then local-runner ChaosVerify counts, for every 2xx: the complaint row, its
     submitted event (topic read from the beginning), its acceptance timer, its inbox item, and
     their duplicates; the responses other than 2xx and 503 problem+json; the throughput in the
     \$CHAOS_WINDOW_S s before and after each fault.
  Last lines: lost=<n>, duplicated=<n>, recovery_ratio=<min over faults of after/before>.

Bounded: the whole drill is stopped after \$CHAOS_TIMEOUT s. Build the current code first
(./mvnw -q -DskipTests package), or set CHAOS_BUILD=1 (run.sh --build).

Environment (defaults): CHAOS_TOTAL (10000), CHAOS_CLIENTS (6), CHAOS_LOAD_S (540),
  CHAOS_FIRST_FAULT_S (45), CHAOS_FAULT_EVERY_S (55), CHAOS_DOWN_S (3), CHAOS_DB_DOWN_S (10),
  CHAOS_WINDOW_S (30),
  CHAOS_DB_PORT (3399), CHAOS_KAFKA_PORT (19092; the controller on the next port),
  CHAOS_PORT_BASE (18080: gateway, the services on the next four), CHAOS_TIMEOUT (900),
  CHAOS_KEEP_DATA (0: the database and broker data are deleted at the end; logs are kept), CHAOS_BUILD (0),
  CHAOS_FAULTS (the list above; any of complaint-service survey-service inspection-service
  notification-service gateway kafka database kafka+database, space-separated, e.g. for a
  shorter try).
Results: bench/results/chaos-<time>/ (chaos.log, responses.tsv, faults.tsv, logs/).
EOF
}

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

TOTAL=${CHAOS_TOTAL:-10000}
CLIENTS=${CHAOS_CLIENTS:-6}
LOAD_S=${CHAOS_LOAD_S:-540}
FIRST_FAULT_S=${CHAOS_FIRST_FAULT_S:-45}
FAULT_EVERY_S=${CHAOS_FAULT_EVERY_S:-55}
DOWN_S=${CHAOS_DOWN_S:-3}
DB_DOWN_S=${CHAOS_DB_DOWN_S:-10}
WINDOW_S=${CHAOS_WINDOW_S:-30}
DB_PORT=${CHAOS_DB_PORT:-3399}
KAFKA_PORT=${CHAOS_KAFKA_PORT:-19092}
PORT_BASE=${CHAOS_PORT_BASE:-18080}
TIMEOUT=${CHAOS_TIMEOUT:-900}
KEEP=${CHAOS_KEEP_DATA:-0}
BUILD=${CHAOS_BUILD:-0}
for n in "$TOTAL" "$CLIENTS" "$LOAD_S" "$FIRST_FAULT_S" "$FAULT_EVERY_S" "$DOWN_S" "$DB_DOWN_S" "$WINDOW_S" "$DB_PORT" \
         "$KAFKA_PORT" "$PORT_BASE" "$TIMEOUT"; do
  [[ $n =~ ^[0-9]+$ ]] || { echo "[chaos] ERROR: CHAOS_* values must be whole numbers (got '$n')" >&2; exit 2; }
done
((DB_PORT != 3306)) || { echo "[chaos] ERROR: CHAOS_DB_PORT must not be 3306: the drill kills its database" >&2; exit 2; }
((TOTAL >= 1 && CLIENTS >= 1 && LOAD_S >= 1)) || { echo "[chaos] ERROR: CHAOS_TOTAL, CHAOS_CLIENTS, CHAOS_LOAD_S >= 1" >&2; exit 2; }

# The faults, in order (kind of target per entry).
read -r -a FAULTS <<<"${CHAOS_FAULTS:-complaint-service notification-service kafka complaint-service kafka+database notification-service complaint-service}"
for f in "${FAULTS[@]}"; do
  [[ $f =~ ^(complaint-service|notification-service|survey-service|inspection-service|gateway|kafka|database|kafka\+database)$ ]] \
    || { echo "[chaos] ERROR: CHAOS_FAULTS: unknown target '$f'" >&2; exit 2; }
done

STAMP=$(date -u +%Y%m%d-%H%M%S)
WORK=$BENCH/results/chaos-$STAMP
LOGS=$WORK/logs
mkdir -p "$LOGS"
exec > >(tee -a "$WORK/chaos.log") 2>&1

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
RUNNER_JAR=$ROOT/local-runner/target/local-runner.jar
RUNNER_CP_FILE=$ROOT/local-runner/target/classpath.txt
T0=$(date +%s)
LOAD_T0=

now_ms() { date +%s%3N; }
log() {
  local rel=""
  [[ -n $LOAD_T0 ]] && rel=" load+$(( $(date +%s) - LOAD_T0 ))s"
  printf '[chaos] %s%s %s\n' "$(date -u +%T)" "$rel" "$*"
}
die() { log "ERROR: $*"; exit 1; }
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# ------------------------------------------------------------------------------ what we started
DB_PID= KAFKA_PID= RUN_PID= LOAD_PID= VERIFY_PID= WATCHDOG_PID=
DB_DIR=$WORK/mariadb
KAFKA_DIR=$WORK/kafka
RUN_DIR=$WORK/run

# stop_pid PID WHAT SECONDS: SIGTERM, wait, then SIGKILL; only a pid this script started.
stop_pid() {
  local pid=$1 what=$2 secs=$3 i
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < secs * 5; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    log "$what (pid $pid) did not stop in ${secs}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

CLEANED=0
cleanup() {
  local rc=$? f pid cmd
  ((CLEANED)) && return 0
  CLEANED=1
  trap - EXIT INT TERM
  log "cleaning up what the drill started"
  stop_pid "$LOAD_PID" "the load generator" 5
  stop_pid "$VERIFY_PID" "the count" 5
  if [[ -n $RUN_PID ]]; then
    stop_pid "$RUN_PID" "run.sh" 60
    # Anything run.sh recorded and left behind (it was killed): ours only if it is a suite process.
    shopt -s nullglob
    for f in "$RUN_DIR"/pids/*.pid; do
      pid=$(<"$f")
      cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || continue
      if [[ $cmd == *quarkus-run.jar* || $cmd == *run.sh* ]]; then
        log "left behind by run.sh: $(basename "$f" .pid) (pid $pid): SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done
  fi
  stop_pid "$KAFKA_PID" "the Kafka broker" 30
  stop_pid "$DB_PID" "MariaDB" 30
  if [[ -n $WATCHDOG_PID ]]; then   # the watchdog subshell, then its sleep
    pid=$(pgrep -P "$WATCHDOG_PID" 2>/dev/null || true)
    kill "$WATCHDOG_PID" 2>/dev/null || true
    [[ -n $pid ]] && kill $pid 2>/dev/null || true
  fi
  if [[ $KEEP != 1 ]]; then rm -rf "$DB_DIR" "$KAFKA_DIR" "$RUN_DIR/kafka" "$RUN_DIR/mariadb"; fi
  log "stopped; results in ${WORK#"$ROOT"/}"
  return "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "stopped (SIGTERM: the overall timeout of ${TIMEOUT}s, or a signal)"; exit 143' TERM

# The overall bound: SIGTERM to this script after TIMEOUT s (its trap stops everything).
( sleep "$TIMEOUT"; echo "[chaos] $(date -u +%T) overall timeout of ${TIMEOUT}s reached: stopping"; kill -TERM $$ ) &
WATCHDOG_PID=$!

# ------------------------------------------------------------------------------ preconditions
command -v mariadbd >/dev/null || die "mariadbd is needed (Debian: apt-get install -y mariadb-server)"
command -v mariadb-install-db >/dev/null || die "mariadb-install-db is needed (Debian: mariadb-server)"
command -v curl >/dev/null || die "curl is needed"
for p in "$DB_PORT" "$KAFKA_PORT" $((KAFKA_PORT + 1)) "$PORT_BASE" $((PORT_BASE + 1)) $((PORT_BASE + 2)) \
         $((PORT_BASE + 3)) $((PORT_BASE + 4)); do
  port_open 127.0.0.1 "$p" && die "port $p is in use: set CHAOS_DB_PORT / CHAOS_KAFKA_PORT / CHAOS_PORT_BASE"
done
if [[ ! -f $RUNNER_JAR || ! -s $RUNNER_CP_FILE ]] || ! grep -aq 'io/zhengfeng/local/ChaosVerify.class' "$RUNNER_JAR"; then
  log "building local-runner"
  (cd "$ROOT" && ./mvnw -q -f local-runner/pom.xml package -DskipTests) || die "the local-runner build failed"
fi
RUNNER_CP="$RUNNER_JAR:$(<"$RUNNER_CP_FILE")"
log "drill: $TOTAL complaints, $CLIENTS clients, ~${LOAD_S}s; faults from +${FIRST_FAULT_S}s every ${FAULT_EVERY_S}s:" \
    "${FAULTS[*]}; down ${DOWN_S}s; results in ${WORK#"$ROOT"/}"

# ------------------------------------------------------------------------------ MariaDB
db_start() {
  (exec setsid mariadbd --no-defaults --user=mysql --datadir="$DB_DIR/data" --port="$DB_PORT" \
     --bind-address=127.0.0.1 --socket="$DB_DIR/sock" --pid-file="$DB_DIR/pid" --max-connections=400 \
     </dev/null >>"$LOGS/mariadb.log" 2>&1) &
  DB_PID=$!
}
db_ready() { mariadb --no-defaults -uroot -h127.0.0.1 -P"$DB_PORT" --connect-timeout=2 -e 'SELECT 1' >/dev/null 2>&1; }
wait_db() {
  local deadline=$((SECONDS + $1))
  until db_ready; do
    kill -0 "$DB_PID" 2>/dev/null || die "mariadbd exited (log: ${LOGS#"$ROOT"/}/mariadb.log)"
    ((SECONDS < deadline)) || die "MariaDB not ready after $1 s"
    sleep 0.5
  done
}
mkdir -p "$DB_DIR/data"
chown -R mysql:mysql "$DB_DIR" 2>/dev/null || die "cannot chown $DB_DIR to mysql (run as root)"
log "MariaDB: initialising ${DB_DIR#"$ROOT"/}"
mariadb-install-db --no-defaults --user=mysql --datadir="$DB_DIR/data" --auth-root-authentication-method=normal \
  >"$LOGS/mariadb-install.log" 2>&1 || die "mariadb-install-db failed (log: $LOGS/mariadb-install.log)"
db_start
until [[ -S $DB_DIR/sock ]]; do kill -0 "$DB_PID" 2>/dev/null || die "mariadbd exited"; sleep 0.5; done
sleep 1
mariadb --no-defaults -uroot --socket="$DB_DIR/sock" -e \
  "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY ''; GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;" \
  || die "cannot create root@127.0.0.1"
wait_db 60
log "MariaDB ready on 127.0.0.1:$DB_PORT (pid $DB_PID)"

# ------------------------------------------------------------------------------ Kafka
kafka_start() {
  (exec setsid "$JAVA" -Xms128m -Xmx512m -XX:+UseSerialGC -cp "$RUNNER_CP" io.zhengfeng.local.KafkaBrokerMain \
     --port "$KAFKA_PORT" --data-dir "$KAFKA_DIR" </dev/null >>"$LOGS/kafka.log" 2>&1) &
  KAFKA_PID=$!
}
# wait_kafka N SECONDS: until the log shows its Nth "broker ready".
wait_kafka() {
  local deadline=$((SECONDS + $2))
  local n
  until n=$(grep -c '^\[kafka\] broker ready' "$LOGS/kafka.log" 2>/dev/null); ((${n:-0} >= $1)); do
    kill -0 "$KAFKA_PID" 2>/dev/null || die "the Kafka broker exited (log: $LOGS/kafka.log)"
    ((SECONDS < deadline)) || die "the Kafka broker is not ready after $2 s"
    sleep 0.5
  done
}
KAFKA_STARTS=1
kafka_start
wait_kafka 1 120
log "Kafka ready on 127.0.0.1:$KAFKA_PORT (pid $KAFKA_PID)"

# ------------------------------------------------------------------------------ the suite
declare -A SVC_PORT=([gateway]=$PORT_BASE [complaint-service]=$((PORT_BASE + 1)) [survey-service]=$((PORT_BASE + 2))
                     [inspection-service]=$((PORT_BASE + 3)) [notification-service]=$((PORT_BASE + 4)))
RUN_ARGS=(--bench --supervise)
[[ $BUILD == 1 ]] && RUN_ARGS+=(--build)
log "starting the suite: ./run.sh ${RUN_ARGS[*]} (ports $PORT_BASE-$((PORT_BASE + 4)), log ${LOGS#"$ROOT"/}/run.out)"
(cd "$ROOT" && exec env ZF_RUN_DIR="$RUN_DIR" ZF_PORT_BASE="$PORT_BASE" ZF_DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT" \
   ZF_DB_USER=root ZF_DB_PASSWORD= ZF_KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT" ZF_RESTART_DELAY="$DOWN_S" \
   ZF_START_TIMEOUT=300 ./run.sh "${RUN_ARGS[@]}" </dev/null >"$LOGS/run.out" 2>&1) &
RUN_PID=$!
deadline=$((SECONDS + 420))
until [[ -f $RUN_DIR/suite.env ]]; do
  kill -0 "$RUN_PID" 2>/dev/null || { tail -n 30 "$LOGS/run.out"; die "run.sh exited during start-up"; }
  ((SECONDS < deadline)) || die "the suite is not up after 420 s (see $LOGS/run.out)"
  sleep 1
done
GATEWAY=http://127.0.0.1:$PORT_BASE
log "suite up in $(( $(date +%s) - T0 ))s since the drill started; gateway $GATEWAY"

# ------------------------------------------------------------------------------ faults
FAULT_FILE=$WORK/faults.tsv
: >"$FAULT_FILE"
# record_fault KILL_MS TARGET BACK_MS NOTE: one line of faults.tsv.
record_fault() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$FAULT_FILE"; }

svc_ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${SVC_PORT[$1]}/q/health/ready" 2>/dev/null; }

# Each kill_* sets F_AT (the kill, epoch ms), F_BACK (answering again, epoch ms) and F_NOTE.
kill_service() {
  local svc=$1 pid cmd start
  pid=$(<"$RUN_DIR/pids/$svc.pid")
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || cmd=""
  [[ $cmd == *"$ROOT/$svc/"*quarkus-run.jar* ]] || die "pid $pid is not the suite's $svc ($cmd): not killing it"
  F_AT=$(now_ms); start=$SECONDS
  kill -KILL "$pid"
  log "FAULT SIGKILL $svc (pid $pid)"
  local deadline=$((SECONDS + 240))
  until [[ $(<"$RUN_DIR/pids/$svc.pid") != "$pid" ]] && svc_ready "$svc"; do
    if ((SECONDS >= deadline)); then
      log "WARNING: $svc not ready 240 s after its kill"
      F_BACK=$(now_ms); F_NOTE="SIGKILL pid $pid; NOT ready again within 240 s"
      return
    fi
    sleep 0.5
  done
  F_BACK=$(now_ms); F_NOTE="SIGKILL pid $pid; restarted by run.sh after ${DOWN_S}s"
  log "  $svc ready again after $((SECONDS - start))s (pid $(<"$RUN_DIR/pids/$svc.pid"))"
}

kill_kafka() {
  local start pid=$KAFKA_PID
  F_AT=$(now_ms); start=$SECONDS
  kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
  log "FAULT SIGKILL Kafka broker (pid $pid); down for ${DOWN_S}s"
  sleep "$DOWN_S"
  KAFKA_STARTS=$((KAFKA_STARTS + 1))
  kafka_start
  wait_kafka "$KAFKA_STARTS" 180
  F_BACK=$(now_ms); F_NOTE="broker SIGKILL pid $pid; started again after ${DOWN_S}s"
  log "  Kafka ready again after $((SECONDS - start))s (pid $KAFKA_PID)"
}

kill_database() {
  local start pid=$DB_PID
  F_AT=$(now_ms); start=$SECONDS
  kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
  log "FAULT SIGKILL MariaDB (pid $pid); down for ${DB_DOWN_S}s"
  sleep "$DB_DOWN_S"
  db_start
  wait_db 180
  F_BACK=$(now_ms); F_NOTE="mariadbd SIGKILL pid $pid; started again after ${DB_DOWN_S}s"
  log "  MariaDB ready again after $((SECONDS - start))s (pid $DB_PID; InnoDB crash recovery included)"
}

outbox_pending() {
  mariadb --no-defaults -uroot -h127.0.0.1 -P"$DB_PORT" --connect-timeout=2 -N -B \
    -e 'SELECT COUNT(*) FROM zf_complaint.outbox_event WHERE published_at IS NULL' 2>/dev/null || echo -1
}

# The broker, then the database while the consumers catch up on what piled up meanwhile: the
# complaint outbox's backlog of the broker outage is being relayed (half of it or more gone) when
# the database dies, so events are arriving at notification-service during the database outage.
kill_kafka_then_database() {
  local k_at k_note pending0 pending deadline
  kill_kafka
  k_at=$F_AT; k_note=$F_NOTE
  pending0=$(outbox_pending); pending=$pending0
  deadline=$((SECONDS + 30))
  while ((pending0 > 0 && pending * 2 > pending0 && SECONDS < deadline)); do
    sleep 0.2
    pending=$(outbox_pending)
  done
  log "  complaint outbox: $pending0 rows pending at the broker's return, $pending now: the consumers are catching up"
  kill_database
  F_AT=$k_at
  F_NOTE="$k_note; then $F_NOTE, killed when the outbox backlog went from $pending0 to $pending rows"
}

# ------------------------------------------------------------------------------ load + faults
RATE=$(awk -v t="$TOTAL" -v s="$LOAD_S" 'BEGIN { printf "%.3f", t / s }')
log "load: $TOTAL submissions, $CLIENTS clients, paced at $RATE/s"
LOAD_T0=$(date +%s)
(exec "$JAVA" -Xmx256m -XX:+UseSerialGC -cp "$RUNNER_CP" io.zhengfeng.local.ChaosLoad --gateway "$GATEWAY" \
   --total "$TOTAL" --clients "$CLIENTS" --rate "$RATE" --out "$WORK/responses.tsv" \
   --max-seconds $((TIMEOUT - (LOAD_T0 - T0) - 150)) </dev/null) &
LOAD_PID=$!

FAULTS_DONE=0     # kills done (a kafka+database step is two)
KILLS_PLANNED=0
for f in "${FAULTS[@]}"; do KILLS_PLANNED=$((KILLS_PLANNED + $(tr '+' '\n' <<<"$f" | wc -l))); done
STEPS_DONE=0
PREV_BACK=0
for i in "${!FAULTS[@]}"; do
  due=$((LOAD_T0 + FIRST_FAULT_S + i * FAULT_EVERY_S))
  ((due >= PREV_BACK + WINDOW_S + 2)) || due=$((PREV_BACK + WINDOW_S + 2))
  while (($(date +%s) < due)); do
    kill -0 "$LOAD_PID" 2>/dev/null || break
    sleep 0.5
  done
  kill -0 "$LOAD_PID" 2>/dev/null || { log "WARNING: the load ended before fault $((i + 1)) (${FAULTS[$i]}): no more faults"; break; }
  case ${FAULTS[$i]} in
    kafka) kill_kafka ;;
    database) kill_database ;;
    kafka+database) kill_kafka_then_database ;;
    *) kill_service "${FAULTS[$i]}" ;;
  esac
  record_fault "$F_AT" "${FAULTS[$i]}" "$F_BACK" "$F_NOTE"
  FAULTS_DONE=$((FAULTS_DONE + $(tr '+' '\n' <<<"${FAULTS[$i]}" | wc -l)))
  STEPS_DONE=$((STEPS_DONE + 1))
  PREV_BACK=$(date +%s)
done
log "all faults done; waiting for the load to finish"
wait "$LOAD_PID" || die "the load generator failed"
LOAD_PID=
log "load finished in $(( $(date +%s) - LOAD_T0 ))s"

# ------------------------------------------------------------------------------ count
log "fault steps done: $STEPS_DONE of ${#FAULTS[@]}, kills: $FAULTS_DONE of $KILLS_PLANNED$( ((STEPS_DONE < ${#FAULTS[@]})) && echo " (the load ended first: raise CHAOS_LOAD_S)")"
log "timeline of faults (faults.tsv):"
while IFS=$'\t' read -r at what back note; do
  printf '  %s +%3ds  %-22s answering again after %5.1fs  %s\n' "$(date -u -d "@$((at / 1000))" +%T)" \
    $((at / 1000 - LOAD_T0)) "$what" "$(awk -v a="$at" -v b="$back" 'BEGIN { print (b - a) / 1000 }')" "$note"
done <"$FAULT_FILE"
log "supervision by run.sh:"
grep -E '\] [0-9:]{8} .*(died|restarted)' "$LOGS/run.out" | sed 's/^/  /' || true
for svc in complaint-service notification-service gateway; do
  f=$RUN_DIR/logs/$svc.log
  [[ -f $f ]] || continue
  log "$svc log: $(grep -c 'ERROR' "$f" || true) ERROR lines, $(grep -c 'Dead-lettered' "$f" || true) dead-lettered," \
      "$(grep -c 'restarted by run.sh' "$f" || true) restarts"
done

# Every process back before counting (a service killed last may still be starting).
deadline=$((SECONDS + 240))
for svc in "${!SVC_PORT[@]}"; do
  until svc_ready "$svc"; do
    ((SECONDS < deadline)) || { log "WARNING: $svc is not ready; counting anyway"; break; }
    sleep 1
  done
done
log "every service answers /q/health/ready; counting"

VERIFY_OUT=$WORK/verify.out
: >"$VERIFY_OUT"
# In the background, so the overall timeout's signal is handled at once (wait is interruptible).
(exec "$JAVA" -Xmx512m -XX:+UseSerialGC -cp "$RUNNER_CP" io.zhengfeng.local.ChaosVerify \
  --responses "$WORK/responses.tsv" --faults "$FAULT_FILE" --window "$WINDOW_S" --rate "$RATE" \
  --db-url "jdbc:mysql://127.0.0.1:$DB_PORT" --db-user root --db-password "" --kafka "127.0.0.1:$KAFKA_PORT" \
  --quiesce-max 240 --quiesce-stable 15 </dev/null >"$VERIFY_OUT" 2>"$LOGS/verify.err") &
VERIFY_PID=$!
tail -n +1 -f --pid="$VERIFY_PID" "$VERIFY_OUT" &
wait "$VERIFY_PID" || { tail -n 20 "$LOGS/verify.err"; die "the count failed (see $LOGS/verify.err)"; }
VERIFY_PID=
sleep 1.5   # tail -f ends within a second of the count
tail -n 3 "$VERIFY_OUT" | grep -q '^recovery_ratio=' || { tail -n 20 "$LOGS/verify.err"; die "the count did not finish"; }

# Stop everything first, so the three figures are the last lines.
cleanup
echo "faults_done=$FAULTS_DONE/$KILLS_PLANNED"
printf '%s\n' "$(tail -n 3 "$VERIFY_OUT")"
