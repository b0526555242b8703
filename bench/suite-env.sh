# Sourced by the bench scripts that drive a running suite (bench/intake.sh, bench/profile.sh).

# load_suite_env RUN_DIR: exports what ./run.sh chose (database, gateway) from RUN_DIR/suite.env;
# explicit environment variables win.
load_suite_env() {
  local key value
  [[ -f $1/suite.env ]] || return 0
  while IFS='=' read -r key value; do
    [[ $key =~ ^ZF_[A-Z_]+$ && -z ${!key:-} ]] || continue
    export "$key=$value"
  done <"$1/suite.env"
}

# login GATEWAY USER PASSWORD: prints the token response (or curl's error) of POST /api/auth/token.
login() {
  curl -sS --max-time 10 -X POST "$1/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" 2>&1 || true
}

# json_field NAME: the value of a top-level string or number field of the JSON on stdin.
json_field() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p"; }

# java_pid RUN_DIR SERVICE: the java process of a service ./run.sh started (its pid file holds the
# process-group leader, setsid java …); prints nothing when there is none.
java_pid() {
  local group
  group=$(cat "$1/pids/$2.pid" 2>/dev/null) || return 0
  ps -eo pid=,pgid=,comm= | awk -v g="$group" '$2 == g && $3 == "java" { print $1; exit }'
}

# intake_wrk ROOT GATEWAY DURATION OUT: wrk posting complaints through the gateway for DURATION s
# (bench/intake.lua; BENCH_THREADS 2, BENCH_CONNECTIONS 16), the staff channels with the token of
# BENCH_USER (spokesperson, password BENCH_PASSWORD: demo); wrk's key=value lines go to OUT.
intake_wrk() {
  local token
  token=$(login "$2" "${BENCH_USER:-spokesperson}" "${BENCH_PASSWORD:-demo}" | json_field access_token)
  wrk -t"${BENCH_THREADS:-2}" -c"${BENCH_CONNECTIONS:-16}" -d"${3}s" --timeout 10s -s "$1/bench/intake.lua" \
    "$2/api/complaints" ${token:+-- "$token"} >"$4"
}
