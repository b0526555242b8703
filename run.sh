#!/usr/bin/env bash
# Run the whole Zhengfeng suite on this machine, without Docker: a MySQL-protocol database, a real
# Kafka broker and the five services as separate JVMs. Ctrl-C (or SIGTERM) stops all of it.
# See ./run.sh --help.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Five services on one machine: each takes a free management port of its own (health and metrics are
# also on its main port in the local profile). One exported port would make all but the first fail.
unset ZF_MANAGEMENT_PORT
RUN_DIR=${ZF_RUN_DIR:-$ROOT/.run}
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
RUNNER_JAR="$ROOT/local-runner/target/local-runner.jar"
RUNNER_CP_FILE="$ROOT/local-runner/target/classpath.txt"

# Service folder = name; the gateway last, so it finds the others up.
SERVICES=(complaint-service survey-service inspection-service notification-service gateway)
PORT_BASE=${ZF_PORT_BASE:-8080}
[[ $PORT_BASE =~ ^[0-9]+$ ]] || { echo "[run] ERROR: ZF_PORT_BASE must be a port number" >&2; exit 2; }
declare -A PORT=([gateway]=$PORT_BASE [complaint-service]=$((PORT_BASE + 1)) [survey-service]=$((PORT_BASE + 2))
                 [inspection-service]=$((PORT_BASE + 3)) [notification-service]=$((PORT_BASE + 4)))
DEMO_ACCOUNTS="spokesperson handler-planning head-planning handler-land head-land inspector supervisor leader admin"

START_TIMEOUT=${ZF_START_TIMEOUT:-180}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
SERVICE_JAVA_OPTS=${ZF_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}

usage() {
  cat <<EOF
Usage: ./run.sh [--build] [--bench] [--supervise] | --stop | --help

Starts the Zhengfeng suite locally and keeps it in the foreground; Ctrl-C stops everything.
By default one process that dies stops the whole suite; with --supervise it is restarted instead.

  1. Builds the services (./mvnw -q -DskipTests package) when a service jar is missing
     (--build: always), and the local-runner module when its classpath is missing.
  2. Database: \$ZF_DB_URL if set and answering; else a MySQL/MariaDB server on 127.0.0.1:3306
     if one answers; else an embedded MariaDB (local-runner) on \$ZF_EMBEDDED_DB_PORT (3306),
     data in \$ZF_RUN_DIR/mariadb (.run/mariadb).
  3. Kafka: \$ZF_KAFKA_BOOTSTRAP if set (must answer); else a real Kafka 4.1.2 broker
     (local-runner, KRaft) on 127.0.0.1:\$ZF_KAFKA_PORT (9092), data in .run/kafka.
     (In both cases --supervise restarts only what run.sh started itself.)
  4. E-mail: \$ZF_SMTP_HOST:\$ZF_SMTP_PORT if ZF_SMTP_HOST is set; else an SMTP catcher (GreenMail,
     local-runner) on 127.0.0.1:\$ZF_SMTP_CATCHER_PORT (2525; \$ZF_PORT_BASE+5 on other ports) that
     keeps every mail as .eml/.txt files in .run/mails (./run.sh --mails lists them), and the newest
     \$ZF_MAIL_KEEP (1000) of each recipient on POP3 on the next port (user and password: the address).
  5. The five services, java -jar <svc>/target/quarkus-app/quarkus-run.jar, QUARKUS_PROFILE=local:
       gateway \$ZF_PORT_BASE (8080), complaint-service +1 (8081), survey-service +2 (8082),
       inspection-service +3 (8083), notification-service +4 (8084)
     logs in .run/logs/<svc>.log; waits for /q/health/ready of each, then the gateway's
     /q/health/group/suite (at most \$ZF_START_TIMEOUT s, default 180).

Options:
  --build   rebuild the services even if their jars exist
  --bench   for bench/*.sh: lift the gateway's per-IP limit on anonymous writes and its
            per-client request quota (ZF_RATE_ANONYMOUS_WRITES, ZF_CLIENT_QUOTA, unless set),
            which one load generator hits at once
  --supervise  keep the suite up: a process run.sh started that dies (a service, or the broker or
            embedded database it started) is started again with the same command after
            \$ZF_RESTART_DELAY s (2), doubled up to 60 s while it keeps dying within 30 s of its
            start; each death and restart is logged with its time and exit code, and the new pid
            is written to \$ZF_RUN_DIR/pids/<name>.pid. The same as ZF_SUPERVISE=1.
            (bench/chaos.sh uses it: it SIGKILLs services and expects them back.)
  --mails   list the mails the SMTP catcher received (every run with this ZF_RUN_DIR; delete
            .run/mails to start afresh), oldest first: recipient, decoded subject;
            --mails N prints the N-th, decoded
  --stop    stop what a previous run left behind (recorded in .run/pids), e.g. after kill -9
  --help    this text

Environment: ZF_DB_URL (JDBC URL without database), ZF_DB_USER (root), ZF_DB_PASSWORD (empty),
  ZF_KAFKA_BOOTSTRAP, ZF_KAFKA_PORT (9092), ZF_SMTP_HOST / ZF_SMTP_PORT (a real MTA instead of the
  catcher), ZF_SMTP_CATCHER_PORT (2525, or ZF_PORT_BASE+5 when that is set; POP3 on the next port), ZF_EMBEDDED_DB_PORT (3306), ZF_START_TIMEOUT (180),
  ZF_JAVA_OPTS (service JVM options; default: $SERVICE_JAVA_OPTS), JAVA_HOME,
  ZF_PORT_BASE (8080: the gateway's port, the services on the next four), ZF_RUN_DIR (.run: pids,
  logs, suite.env, local data; another directory lets a second suite run beside the first),
  ZF_SUPERVISE (1 = --supervise), ZF_RESTART_DELAY (2).
EOF
}

log() { printf '[run] %s\n' "$*"; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }   # exit runs the cleanup trap

# port_open HOST PORT: does something accept TCP connections there?
port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# host_port URL: "host port" of a jdbc:mysql://host[:port][,...][/db][?params] or host:port[,...] string.
host_port() {
  local rest=${1#*://}
  rest=${rest%%[/?]*}
  rest=${rest%%,*}
  local host=${rest%:*} port=${rest##*:}
  [[ $rest == *:* ]] || { host=$rest; port=${2:-3306}; }
  echo "${host:-127.0.0.1} $port"
}

show_log_tail() {
  local file=$1
  [[ -f $file ]] || return 0
  printf '[run] ---- last lines of %s ----\n' "${file#"$ROOT"/}" >&2
  tail -n 25 "$file" >&2
  printf '[run] ----\n' >&2
}

# ------------------------------------------------------------------------------ processes we start
declare -A PID=()     # name -> pid (each is the leader of its own process group)
declare -A LOG=()     # name -> log file
declare -A CMD=()     # name -> "WORKDIR COMMAND..." (shell-quoted), to start it again
declare -A STARTED_AT=() RESTARTS=() RESTART_AT=() DELAY=()   # --supervise bookkeeping
STARTED=()            # names, in start order

# start NAME WORKDIR COMMAND...: run COMMAND in its own session (so Ctrl-C reaches only this
# script, which then stops everything in order), output to .run/logs/NAME.log.
start() {
  local name=$1 dir=$2; shift 2
  local logfile="$LOG_DIR/$name.log"
  (cd "$dir" && exec setsid "$@" </dev/null >"$logfile" 2>&1) &
  PID[$name]=$!
  LOG[$name]=$logfile
  CMD[$name]=$(printf '%q ' "$dir" "$@")
  STARTED_AT[$name]=$SECONDS
  STARTED+=("$name")
  echo "${PID[$name]}" >"$PID_DIR/$name.pid"
}

# restart NAME: the same command again, its output appended to the same log.
restart() {
  local name=$1 dir
  eval "set -- ${CMD[$name]}"
  dir=$1; shift
  printf '\n[run] ==== %s: restarted by run.sh --supervise ====\n' "$(date -u +%FT%TZ)" >>"${LOG[$name]}"
  (cd "$dir" && exec setsid "$@" </dev/null >>"${LOG[$name]}" 2>&1) &
  PID[$name]=$!
  STARTED_AT[$name]=$SECONDS
  echo "${PID[$name]}" >"$PID_DIR/$name.pid"
}

alive() { kill -0 "${PID[$1]}" 2>/dev/null; }
group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# stop NAME...: SIGTERM to each process group, wait for them all (20 s), then SIGKILL what is left.
stop() {
  local name pid deadline
  for name in "$@"; do
    [[ -n ${PID[$name]:-} ]] || continue
    if group_alive "${PID[$name]}"; then kill -TERM -- "-${PID[$name]}" 2>/dev/null || true; fi
  done
  deadline=$((SECONDS + 20))
  for name in "$@"; do
    pid=${PID[$name]:-}
    [[ -n $pid ]] || continue
    while group_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    if group_alive "$pid"; then
      log "$name did not stop in time: killing it"
      kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    rm -f "$PID_DIR/$name.pid"
    unset "PID[$name]"
  done
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((${#STARTED[@]} > 0)); then
    log "stopping ..."
    local services=() name
    for name in "${SERVICES[@]}"; do [[ -n ${PID[$name]:-} ]] && services+=("$name"); done
    # Services first (they flush their outbox to Kafka and the DB), then Kafka, then the DB.
    if ((${#services[@]} > 0)); then stop "${services[@]}"; fi
    if [[ -n ${PID[kafka]:-} ]]; then stop kafka; fi
    if [[ -n ${PID[smtp]:-} ]]; then stop smtp; fi
    if [[ -n ${PID[mariadb]:-} ]]; then stop mariadb; fi
    log "stopped"
  fi
  rm -f "$PID_DIR/run.pid" "$RUN_DIR/suite.env"
  exit "$rc"
}

# ours PIDFILE: the recorded process is alive and is one run.sh starts (not a recycled pid).
ours() {
  local pid cmd
  pid=$(<"$1")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  cmd=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmd == *quarkus-run.jar* || $cmd == *io.zhengfeng.local.* || $cmd == *run.sh* ]]
}

# --stop: end what an earlier run left behind (only processes it recorded and that look like ours).
stop_leftovers() {
  local file pid name found=0
  for name in run "${SERVICES[@]}" kafka smtp mariadb; do   # the order a run stops them in
    file="$PID_DIR/$name.pid"
    [[ -f $file ]] || continue
    pid=$(<"$file")
    if ours "$file"; then
      found=1
      log "stopping $name (pid $pid)"
      if [[ $name == run ]]; then kill -TERM "$pid" 2>/dev/null || true
      else kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; fi
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && { kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; }
    fi
    rm -f "$file"
  done
  ((found)) || log "nothing to stop"
}

check_no_leftovers() {
  local file pid
  shopt -s nullglob
  for file in "$PID_DIR"/*.pid; do
    pid=$(<"$file")
    if ours "$file"; then
      die "a previous run is still active ($(basename "$file" .pid), pid $pid): stop it with Ctrl-C in its terminal or ./run.sh --stop"
    fi
    rm -f "$file"
  done
}

# ------------------------------------------------------------------------------ steps
build_if_needed() {
  local force=$1 missing=() s
  for s in "${SERVICES[@]}"; do
    [[ -f $ROOT/$s/target/quarkus-app/quarkus-run.jar ]] || missing+=("$s")
  done
  if [[ $force == true || ${#missing[@]} -gt 0 ]]; then
    ((${#missing[@]} == 0)) || log "not built yet: ${missing[*]}"
    log "building: ./mvnw -q -DskipTests package (a few minutes the first time)"
    (cd "$ROOT" && ./mvnw -q -DskipTests package) || die "the build failed (see the Maven output above)"
  fi
  for s in "${SERVICES[@]}"; do
    [[ -f $ROOT/$s/target/quarkus-app/quarkus-run.jar ]] \
      || die "$s/target/quarkus-app/quarkus-run.jar is missing after the build (is $s in the root pom's modules?)"
  done
  if ! runner_ready; then
    log "building local-runner: ./mvnw -q -f local-runner/pom.xml package"
    (cd "$ROOT" && ./mvnw -q -f local-runner/pom.xml package) || die "the local-runner build failed"
    runner_ready || die "local-runner/target/classpath.txt lists missing jars even after a build"
  fi
}

# The local-runner jar and every jar of its recorded classpath exist.
runner_ready() {
  [[ -f $RUNNER_JAR && -s $RUNNER_CP_FILE ]] || return 1
  local jar
  while IFS= read -r jar; do [[ -e $jar ]] || return 1; done < <(tr ':' '\n' <"$RUNNER_CP_FILE")
}

runner_cp() { echo "$RUNNER_JAR:$(<"$RUNNER_CP_FILE")"; }

# wait_for_line NAME PATTERN TIMEOUT WHAT: until PATTERN shows in NAME's log; fail if it exits first.
wait_for_line() {
  local name=$1 pattern=$2 timeout=$3 what=$4 deadline=$((SECONDS + $3))
  until grep -q -- "$pattern" "${LOG[$name]}" 2>/dev/null; do
    if ! alive "$name"; then show_log_tail "${LOG[$name]}"; die "$what exited during start-up (log: ${LOG[$name]#"$ROOT"/})"; fi
    ((SECONDS < deadline)) || { show_log_tail "${LOG[$name]}"; die "$what not ready after ${timeout}s (log: ${LOG[$name]#"$ROOT"/})"; }
    sleep 0.5
  done
}

choose_database() {
  local host port
  DB_USER=${ZF_DB_USER:-root}
  DB_PASSWORD=${ZF_DB_PASSWORD:-}
  if [[ -n ${ZF_DB_URL:-} ]]; then
    read -r host port < <(host_port "$ZF_DB_URL")
    if port_open "$host" "$port"; then
      DB_URL=$ZF_DB_URL; DB_DESC="ZF_DB_URL ($host:$port)"; return
    fi
    log "ZF_DB_URL=$ZF_DB_URL does not answer on $host:$port: looking for a local server instead (as root, empty password)"
    DB_USER=root; DB_PASSWORD=
  fi
  if port_open 127.0.0.1 3306; then
    DB_URL="jdbc:mysql://127.0.0.1:3306"; DB_DESC="the MySQL/MariaDB server on 127.0.0.1:3306"; return
  fi
  local dbport=${ZF_EMBEDDED_DB_PORT:-3306}
  if port_open 127.0.0.1 "$dbport"; then
    die "port $dbport is taken by something that is not usable as the database; set ZF_EMBEDDED_DB_PORT"
  fi
  log "no database answers: starting an embedded MariaDB on 127.0.0.1:$dbport (data in .run/mariadb)"
  start mariadb "$ROOT" "$JAVA" -Xmx128m -XX:+UseSerialGC -cp "$(runner_cp)" \
    io.zhengfeng.local.EmbeddedDatabaseMain --port "$dbport" --dir "$RUN_DIR/mariadb"
  wait_for_line mariadb '^\[mariadb\] ready' 180 "the embedded MariaDB"
  DB_URL="jdbc:mysql://127.0.0.1:$dbport"; DB_USER=root; DB_PASSWORD=
  DB_DESC="embedded MariaDB started by run.sh (127.0.0.1:$dbport)"
}

choose_kafka() {
  local host port
  if [[ -n ${ZF_KAFKA_BOOTSTRAP:-} ]]; then
    read -r host port < <(host_port "$ZF_KAFKA_BOOTSTRAP" 9092)
    port_open "$host" "$port" || die "ZF_KAFKA_BOOTSTRAP=$ZF_KAFKA_BOOTSTRAP does not answer (unset it and run.sh starts a broker)"
    KAFKA=$ZF_KAFKA_BOOTSTRAP; KAFKA_DESC="ZF_KAFKA_BOOTSTRAP ($KAFKA)"; return
  fi
  port=${ZF_KAFKA_PORT:-9092}
  if port_open 127.0.0.1 "$port"; then
    die "port $port is in use: set ZF_KAFKA_BOOTSTRAP to use that broker, or ZF_KAFKA_PORT for another port"
  fi
  if port_open 127.0.0.1 $((port + 1)); then
    die "port $((port + 1)) (the Kafka controller's) is in use: set ZF_KAFKA_PORT"
  fi
  log "starting the Kafka broker on 127.0.0.1:$port (data in .run/kafka)"
  start kafka "$ROOT" "$JAVA" -Xms128m -Xmx512m -XX:+UseSerialGC -cp "$(runner_cp)" \
    io.zhengfeng.local.KafkaBrokerMain --port "$port" --data-dir "$RUN_DIR/kafka"
  wait_for_line kafka '^\[kafka\] broker ready' 120 "the Kafka broker"
  KAFKA="127.0.0.1:$port"; KAFKA_DESC="Kafka 4.1.2 broker started by run.sh ($KAFKA)"
}

choose_smtp() {
  if [[ -n ${ZF_SMTP_HOST:-} ]]; then
    SMTP_HOST=$ZF_SMTP_HOST; SMTP_PORT=${ZF_SMTP_PORT:-25}; SMTP_DESC="ZF_SMTP_HOST ($SMTP_HOST:$SMTP_PORT)"; return
  fi
  # 2525 for the default suite; a suite on other ports (bench/chaos.sh's) gets its own, beside them
  local port=${ZF_SMTP_CATCHER_PORT:-$( ((PORT_BASE == 8080)) && echo 2525 || echo $((PORT_BASE + 5)))}
  [[ $port =~ ^[0-9]+$ ]] || die "ZF_SMTP_CATCHER_PORT must be a port number"
  if port_open 127.0.0.1 "$port" || port_open 127.0.0.1 $((port + 1)); then
    die "port $port or $((port + 1)) (the SMTP catcher's) is in use: set ZF_SMTP_CATCHER_PORT, or ZF_SMTP_HOST for a real MTA"
  fi
  log "starting the SMTP catcher on 127.0.0.1:$port (POP3 $((port + 1)), mails in ${RUN_DIR#"$ROOT"/}/mails)"
  start smtp "$ROOT" "$JAVA" -Xms16m -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$(runner_cp)" \
    io.zhengfeng.local.SmtpCatcherMain --port "$port" --mail-dir "$RUN_DIR/mails"
  wait_for_line smtp '^\[smtp\] ready' 60 "the SMTP catcher"
  SMTP_HOST=127.0.0.1; SMTP_PORT=$port
  SMTP_DESC="SMTP catcher started by run.sh (127.0.0.1:$port; POP3 $((port + 1)); ./run.sh --mails)"
}

# --mails [N]: what the catcher received (its index.tsv, oldest first), or the N-th mail, decoded.
list_mails() {
  local index="$RUN_DIR/mails/index.tsv" name
  [[ -s $index ]] || { log "no mails in ${index%/*} (the catcher writes each there within a second)"; return 0; }
  if [[ -n ${1:-} ]]; then
    name=$(sed -n "${1}p" "$index" | cut -f1)
    [[ $1 =~ ^[0-9]+$ && -n $name ]] || die "--mails N: N from 1 to $(wc -l <"$index")"
    cat "$RUN_DIR/mails/$name.txt"; return 0
  fi
  awk -F'\t' '{ printf "%4d  %-32s  %s\n", NR, $2, $3 }' "$index"
  log "$(wc -l <"$index") mails in ${index%/*}; ./run.sh --mails N prints one (raw: <name>.eml)"
}

start_services() {
  local s
  for s in "${SERVICES[@]}"; do
    if port_open 127.0.0.1 "${PORT[$s]}"; then die "port ${PORT[$s]} ($s) is already in use"; fi
  done
  export QUARKUS_PROFILE=local
  export ZF_DB_URL=$DB_URL ZF_DB_USER=$DB_USER ZF_DB_PASSWORD=$DB_PASSWORD ZF_KAFKA_BOOTSTRAP=$KAFKA
  export ZF_SMTP_HOST=$SMTP_HOST ZF_SMTP_PORT=$SMTP_PORT
  export ZF_COMPLAINT_URL=http://localhost:${PORT[complaint-service]} ZF_SURVEY_URL=http://localhost:${PORT[survey-service]}
  export ZF_INSPECTION_URL=http://localhost:${PORT[inspection-service]} ZF_NOTIFICATION_URL=http://localhost:${PORT[notification-service]}
  for s in "${SERVICES[@]}"; do
    # shellcheck disable=SC2086  # SERVICE_JAVA_OPTS is a list of options
    start "$s" "$ROOT/$s" env QUARKUS_HTTP_PORT="${PORT[$s]}" \
      "$JAVA" $SERVICE_JAVA_OPTS -jar "$ROOT/$s/target/quarkus-app/quarkus-run.jar"
  done
  log "started ${SERVICES[*]}; waiting for them to be ready (at most ${START_TIMEOUT}s)"
}

wait_until_ready() {
  local deadline=$((SECONDS + START_TIMEOUT)) pending=("${SERVICES[@]}") still s
  while ((${#pending[@]} > 0)); do
    still=()
    for s in "${pending[@]}"; do
      if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${PORT[$s]}/q/health/ready" 2>/dev/null; then
        log "$s is ready on :${PORT[$s]}"
      elif ! alive "$s"; then
        show_log_tail "${LOG[$s]}"; die "$s exited during start-up (log: ${LOG[$s]#"$ROOT"/})"
      else
        still+=("$s")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      for s in "${pending[@]}"; do show_log_tail "${LOG[$s]}"; done
      die "not ready after ${START_TIMEOUT}s: ${pending[*]} (logs: .run/logs/<svc>.log; GET http://localhost:<port>/q/health/ready says why)"
    fi
    sleep 1
  done
  until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${PORT[gateway]}/q/health/group/suite" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      curl -sS --max-time 2 "http://127.0.0.1:${PORT[gateway]}/q/health/group/suite" >&2 || true
      die "the gateway's /q/health/group/suite is not UP after ${START_TIMEOUT}s (log: .run/logs/gateway.log)"
    fi
    sleep 1
  done
}

write_suite_env() {
  # For bench/intake.sh and other tools: what this run uses (KEY=value lines, values unquoted).
  {
    printf 'ZF_DB_URL=%s\nZF_DB_USER=%s\nZF_DB_PASSWORD=%s\nZF_KAFKA_BOOTSTRAP=%s\n' \
      "$DB_URL" "$DB_USER" "$DB_PASSWORD" "$KAFKA"
    printf 'ZF_GATEWAY_URL=http://localhost:%s\nZF_BENCH_MODE=%s\n' "${PORT[gateway]}" "$BENCH_MODE"
  } >"$RUN_DIR/suite.env"
}

print_summary() {
  cat <<EOF

  Zhengfeng is up.
    Gateway      http://localhost:${PORT[gateway]}
    Swagger UI   http://localhost:${PORT[gateway]}/q/swagger-ui   (each service: http://localhost:<its port>/q/swagger-ui)
    Database     $DB_DESC
    Kafka        $KAFKA_DESC
    E-mail       $SMTP_DESC
    Logs         .run/logs/<service>.log

  Demo accounts, password "demo":
    $DEMO_ACCOUNTS
  Token:  curl -s -X POST http://localhost:${PORT[gateway]}/api/auth/token -H 'Content-Type: application/json' \\
            -d '{"username":"spokesperson","password":"demo"}'

  Ctrl-C stops everything.$( ((SUPERVISE)) && printf '\n  Supervised: a process that dies is started again (see the [run] lines).')
EOF
}

# Keep running; if one of our processes dies, say which and stop the rest (--supervise: start it
# again after a delay that doubles, up to 60 s, while it keeps dying within 30 s of its start).
supervise() {
  local name rc up
  while true; do
    for name in "${STARTED[@]}"; do
      [[ -n ${PID[$name]:-} ]] || continue
      if [[ -n ${RESTART_AT[$name]:-} ]]; then
        if ((SECONDS >= RESTART_AT[$name])); then
          unset "RESTART_AT[$name]"
          RESTARTS[$name]=$((${RESTARTS[$name]:-0} + 1))
          restart "$name"
          log "$(date -u +%T) $name restarted (restart #${RESTARTS[$name]}, pid ${PID[$name]})"
        fi
        continue
      fi
      if ! alive "$name"; then
        rc=0; wait "${PID[$name]}" 2>/dev/null || rc=$?
        if ((!SUPERVISE)); then
          show_log_tail "${LOG[$name]}"
          die "$name stopped unexpectedly (exit code $rc, log: ${LOG[$name]#"$ROOT"/}): stopping the rest"
        fi
        up=$((SECONDS - STARTED_AT[$name]))
        if ((up < 30 && ${RESTARTS[$name]:-0} > 0)); then
          DELAY[$name]=$((${DELAY[$name]:-$RESTART_DELAY} * 2))
          ((DELAY[$name] <= 60)) || DELAY[$name]=60
          ((DELAY[$name] >= 1)) || DELAY[$name]=1
        else
          DELAY[$name]=$RESTART_DELAY
        fi
        RESTART_AT[$name]=$((SECONDS + DELAY[$name]))
        log "$(date -u +%T) $name died (exit code $rc, up ${up}s): restarting it in ${DELAY[$name]}s"
      fi
    done
    sleep 0.5
  done
}

main() {
  local force_build=false arg
  BENCH_MODE=0
  SUPERVISE=0; [[ ${ZF_SUPERVISE:-0} == 1 ]] && SUPERVISE=1
  RESTART_DELAY=${ZF_RESTART_DELAY:-2}
  [[ $RESTART_DELAY =~ ^[0-9]+$ ]] || die "ZF_RESTART_DELAY must be whole seconds"
  for arg in "$@"; do
    case "$arg" in
      -h|--help) usage; exit 0 ;;
      --stop) stop_leftovers; exit 0 ;;
      --mails) list_mails "${2:-}"; exit 0 ;;
      --build) force_build=true ;;
      --supervise) SUPERVISE=1 ;;
      --bench) BENCH_MODE=1; export ZF_RATE_ANONYMOUS_WRITES=${ZF_RATE_ANONYMOUS_WRITES:-1000000000}
        export ZF_CLIENT_QUOTA=${ZF_CLIENT_QUOTA:-1000000000} ;;
      *) usage >&2; exit 2 ;;
    esac
  done
  command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"
  command -v "$JAVA" >/dev/null || die "java (17+) is needed on the PATH or in JAVA_HOME"
  mkdir -p "$LOG_DIR" "$PID_DIR"
  check_no_leftovers

  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  echo $$ >"$PID_DIR/run.pid"

  build_if_needed "$force_build"
  choose_database
  log "database: $DB_DESC"
  choose_kafka
  choose_smtp
  start_services
  wait_until_ready
  write_suite_env
  print_summary
  supervise
}

main "$@"
