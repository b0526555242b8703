#!/usr/bin/env bash
# Gateway overhead: GET /api/complaints/{id} as a handler, through the gateway and directly to
# complaint-service, same token, same complaint, same concurrency, alternated in one run (so a
# neighbour's load hits both sides alike). Needs a running suite (./run.sh --bench).
# Last lines: gateway_throughput_ratio=<gateway rps / direct rps> and gateway_p99_ratio=<gateway p99 / direct p99>.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

usage() {
  cat <<EOF
Usage: bench/gateway.sh [--help]

Against the suite that ./run.sh --bench started: submits one complaint, has the spokesperson accept
it and assign it to \$BENCH_DEPARTMENT, logs in as \$BENCH_HANDLER, then runs \$BENCH_ROUNDS rounds of
  wrk -t\$BENCH_THREADS -c\$BENCH_CONNECTIONS -d\$BENCH_DURATION --latency GET <gateway>/api/complaints/{id}
  wrk (same)                                            GET <complaint-service>/api/complaints/{id}
alternating the two, and prints the means of each side, then the two ratios.

Environment (defaults): BENCH_CONNECTIONS (16), BENCH_THREADS (2), BENCH_DURATION (10), BENCH_ROUNDS (3),
  BENCH_HANDLER (handler-planning), BENCH_DEPARTMENT (planning), BENCH_PASSWORD (demo),
  ZF_GATEWAY_URL (http://localhost:8080), ZF_COMPLAINT_URL (http://localhost:8081).
Targets (issue 12): gateway_throughput_ratio >= 0.8, gateway_p99_ratio <= 1.5.
Results are kept in bench/results/ (not committed).
EOF
}

log() { printf '[gateway] %s\n' "$*" >&2; }
die() { printf '[gateway] ERROR: %s\n' "$*" >&2; exit 1; }

case "${1:-}" in
  -h|--help) usage; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
DURATION=${BENCH_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
HANDLER=${BENCH_HANDLER:-handler-planning}
DEPARTMENT=${BENCH_DEPARTMENT:-planning}
PASSWORD=${BENCH_PASSWORD:-demo}
GATEWAY=${ZF_GATEWAY_URL:-http://localhost:8080}
DIRECT=${ZF_COMPLAINT_URL:-http://localhost:8081}
for n in "$CONNECTIONS" "$THREADS" "$DURATION" "$ROUNDS"; do
  [[ $n =~ ^[0-9]+$ && $n -ge 1 ]] || die "BENCH_* values must be whole numbers >= 1 (got '$n')"
done
command -v wrk >/dev/null || die "wrk is missing (Debian: apt-get install -y wrk; bench/intake.sh installs it)"
curl -fsS -o /dev/null --max-time 3 "$GATEWAY/q/health/ready" || die "no gateway at $GATEWAY: start the suite with ./run.sh --bench"
curl -fsS -o /dev/null --max-time 3 "$DIRECT/q/health/ready" || die "no complaint-service at $DIRECT"

json_field() { sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p" <<<"$2" | head -n 1; }
token_for() {
  local out
  out=$(curl -sS --max-time 10 -X POST "$GATEWAY/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$PASSWORD\"}")
  json_field access_token "$out"
}
call() { # method url token [body] -> prints the body; fails on non-2xx
  local code out
  out=$(mktemp)
  code=$(curl -sS --max-time 10 -o "$out" -w '%{http_code}' -X "$1" "$2" -H "Authorization: Bearer $3" \
    -H 'Content-Type: application/json; charset=utf-8' ${4:+-d "$4"})
  [[ $code == 2* ]] || die "$1 $2 answered HTTP $code: $(head -c 300 "$out")"
  cat "$out"; rm -f "$out"
}

# --- one complaint with the handler's department -------------------------------------------------
SPOKES=$(token_for spokesperson)
[[ -n $SPOKES ]] || die "no token for spokesperson"
created=$(curl -sS --max-time 10 -X POST "$GATEWAY/api/complaints" -H 'Content-Type: application/json; charset=utf-8' \
  -d '{"kind":"complaint","channel":"web","category":"urban_planning","content":"网关开销压测：小区东侧在建楼盘与规划公示不一致，请核实。","contact":{"name":"张三","phone":"13812341234"}}')
ID=$(json_field id "$created")
[[ -n $ID ]] || die "no complaint id in: $(head -c 300 <<<"$created")"
call POST "$GATEWAY/api/complaints/$ID/accept" "$SPOKES" >/dev/null
call POST "$GATEWAY/api/complaints/$ID/assign" "$SPOKES" "{\"department\":\"$DEPARTMENT\"}" >/dev/null
TOKEN=$(token_for "$HANDLER")
[[ -n $TOKEN ]] || die "no token for $HANDLER"
call GET "$GATEWAY/api/complaints/$ID" "$TOKEN" >/dev/null
call GET "$DIRECT/api/complaints/$ID" "$TOKEN" >/dev/null
log "complaint $ID, as $HANDLER; $ROUNDS rounds of ${DURATION}s per side, $CONNECTIONS connections"

mkdir -p "$BENCH/results"
STAMP=$(date +%Y%m%d-%H%M%S)
RESULT=$BENCH/results/gateway-$STAMP.txt

# wrk --latency prints e.g. "     99%   12.34ms"; in ms whatever the unit.
to_ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60000 } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.3f", v }'; }
run_side() { # name url -> appends "name rps p99" to $RESULT.rounds
  local out=$BENCH/results/gateway-$STAMP-$1-$2.txt rps p99 errors
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 10s \
    -H "Authorization: Bearer $TOKEN" "$3/api/complaints/$ID" >"$out"
  errors=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$out")
  [[ -z $errors || $errors == 0 ]] || die "$1 answered $errors non-2xx responses (see $out)"
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p99=$(awk '$1 == "99%" { print $2 }' "$out" | to_ms)
  [[ -n $rps && -n $p99 ]] || die "no figures from wrk in $out"
  log "round $2 $1: ${rps} req/s, p99 ${p99} ms"
  echo "$1 $rps $p99" >>"$RESULT.rounds"
}

# Warm both paths (JIT, connection pools) before anything is counted.
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H "Authorization: Bearer $TOKEN" "$GATEWAY/api/complaints/$ID" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H "Authorization: Bearer $TOKEN" "$DIRECT/api/complaints/$ID" >/dev/null
: >"$RESULT.rounds"
for ((r = 1; r <= ROUNDS; r++)); do
  # Alternate which side goes first, so a drift in the machine's load does not favour one.
  if ((r % 2)); then run_side gateway "$r" "$GATEWAY"; run_side direct "$r" "$DIRECT"
  else run_side direct "$r" "$DIRECT"; run_side gateway "$r" "$GATEWAY"; fi
done

awk -v la="$(cut -d' ' -f1-3 /proc/loadavg)" -v c="$CONNECTIONS" -v d="$DURATION" -v n="$ROUNDS" '
  { rps[$1] += $2; p99[$1] += $3; k[$1]++ }
  END {
    g = rps["gateway"] / k["gateway"]; dr = rps["direct"] / k["direct"]
    gp = p99["gateway"] / k["gateway"]; dp = p99["direct"] / k["direct"]
    printf "connections=%d\nround_duration_s=%d\nrounds=%d\nload_average=%s\n", c, d, n, la
    printf "gateway_rps=%.1f\ndirect_rps=%.1f\ngateway_p99_ms=%.2f\ndirect_p99_ms=%.2f\n", g, dr, gp, dp
    printf "gateway_throughput_ratio=%.2f\ngateway_p99_ratio=%.2f\n", (dr > 0 ? g / dr : 0), (dp > 0 ? gp / dp : 0)
  }' "$RESULT.rounds" >"$RESULT"
log "results: ${RESULT#"$ROOT"/}"
cat "$RESULT"
