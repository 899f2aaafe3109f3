#!/usr/bin/env bash
# Issue 8: Concord on one node vs two nodes sharing PostgreSQL and Redis.
#   load  full UMA exchanges (ticket + RPT) with wrk: (a) all load to node A, (b) connections split between A and
#         B; exchanges/s, p50/p99, CPU of each node -> exchanges per server core-second; interleaved, medians.
#   lag   RevocationLagBenchmark: a citizen's change acknowledged by node A -> first reflecting AuthZEN decision on
#         node B; p50/p90/p99/max over >= 1,000 changes of each kind.
#   all   both, on one cluster start.
# Starts and always stops everything of its own: a PostgreSQL database (127.0.0.1:5432, user postgres), a
# redis-server on a free port (never the shared 6379), two nodes from the packaged jar. Loopback only.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/common.sh"

REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
CONCORD_JAR="${CONCORD_JAR:-$REPO_DIR/authz-server/target/concord-server.jar}"
CONCORD_JAVA_HOME="${CONCORD_JAVA_HOME:-${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}"
[[ -x "$CONCORD_JAVA_HOME/bin/java" ]] || CONCORD_JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
JAVA="$CONCORD_JAVA_HOME/bin/java"
BENCH_HEAP="${BENCH_HEAP:--Xms1g -Xmx1g}"
CONCORD_JAVA_OPTS="${CONCORD_JAVA_OPTS:--XX:+UseG1GC -XX:+ExitOnOutOfMemoryError}"
CONCORD_EXTRA_ARGS="${CONCORD_EXTRA_ARGS:-}"
# Main connection pool per node (the recorded figures in docs/benchmarks.md used 20). Before commit 780c221 the
# audit append took a second connection from the main pool, so >= 10 concurrent requests on one node could hold all
# of Hikari's default 10 and stall 30 s; the audit log now has a pool of its own (concord.audit.pool-size). 20 keeps
# the main pool from being the limit at 16 connections to one node; POOL_SIZE= (empty) runs the default.
POOL_SIZE="${POOL_SIZE-20}"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_PORT="${PG_PORT:-5432}"
PG_USER="${PG_USER:-postgres}"
START_TIMEOUT="${CONCORD_START_TIMEOUT:-240}"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-60}"
CONNS="${CONNS:-4 16}"
PAUSE="${PAUSE:-2}"
LAG_CYCLES="${LAG_CYCLES:-1000}"
LAG_WARMUP="${LAG_WARMUP:-50}"
LAG_TIMEOUT="${LAG_TIMEOUT:-2400}"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_DIR/results}"

# Demo profile seed (care.concord.server.demo), as in MultiNodeIT.
CITIZEN_NHS=9434765919
RS_ID=rr8-client RS_SECRET=demo-secret-rr8
GP_ID=a81001-client GP_SECRET=demo-secret-a81001
CLAIMS='{"purpose_of_use":"direct-care","practitioner_role":"clinician","practitioner_id":"GMC1234567"}'

usage() {
  cat <<USAGE
Usage: bench/cluster-load.sh [-r ROUNDS] [-d SECONDS] [-w WARMUP_SECONDS] [-c "4 16"] [-n LAG_CYCLES] [load|lag|all]

Needs the packaged jar ($CONCORD_JAR) and, for lag, the compiled test classes:
  mvn -q -DskipTests package          (from the repository root; builds both)
PostgreSQL on $PG_HOST:$PG_PORT (user $PG_USER, trust auth), redis-server, wrk, curl, jq, psql.

  load (default)  per round and connection count (default "$CONNS"): one node (all connections to A; and, so
                  that both JVMs stay equally warm, all connections to B as a second one-node run) and two nodes
                  (two wrk processes at once, half the connections each to A and B), order rotated per round;
                  ${DURATION}s runs after warm-ups (${WARMUP}s A alone, B alone, both); $ROUNDS rounds; medians.
  lag             RevocationLagBenchmark: $LAG_CYCLES x (deny directive for A81001 on A, then DELETE it on A),
                  each change followed by polling /access/v1/evaluation on B until it reflects the change
                  (after $LAG_WARMUP unrecorded cycles). Classpath: authz-server/target/bench-cp.txt (made with
                  mvn -o -q -pl authz-server dependency:build-classpath if absent) or LAG_CP.
  all             load, then lag, on the same cluster.

Nodes: $JAVA $BENCH_HEAP $CONCORD_JAVA_OPTS, --spring.profiles.active=postgres,cluster,demo,
--concord.rate-limit.enabled=false, --spring.datasource.hikari.maximum-pool-size=${POOL_SIZE:-(default)}. Results: $RESULTS_DIR/cluster-<UTC stamp>.{tsv,md}, lag-<stamp>.{csv,txt}.
Environment: ROUNDS DURATION WARMUP CONNS PAUSE LAG_CYCLES LAG_WARMUP LAG_TIMEOUT BENCH_HEAP CONCORD_JAVA_HOME
CONCORD_JAR CONCORD_EXTRA_ARGS POOL_SIZE KEEP_LOGS=1 (keep the nodes' logs in the results directory).
USAGE
}

while getopts 'r:d:w:c:n:h' opt; do
  case "$opt" in
    r) ROUNDS="$OPTARG" ;; d) DURATION="$OPTARG" ;; w) WARMUP="$OPTARG" ;; c) CONNS="$OPTARG" ;;
    n) LAG_CYCLES="$OPTARG" ;; h) usage; exit 0 ;; *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
MODE="${1:-load}"
case "$MODE" in load|lag|all) ;; -h|--help|help) usage; exit 0 ;; *) usage >&2; exit 2 ;; esac

[[ -f "$CONCORD_JAR" ]] || die "no jar at $CONCORD_JAR: run 'mvn -q -DskipTests package' in $REPO_DIR first"
require_cmd curl jq psql redis-server timeout
[[ "$MODE" == lag ]] || require_wrk
[[ -x "$JAVA" ]] || die "no java at $JAVA (CONCORD_JAVA_HOME)"
TEST_CLASSES="$REPO_DIR/authz-server/target/test-classes"
MAIN_CLASSES="$REPO_DIR/authz-server/target/classes"
if [[ "$MODE" != load && ! -f "$TEST_CLASSES/care/concord/server/cluster/RevocationLagBenchmark.class" ]]; then
  die "RevocationLagBenchmark is not compiled: run 'mvn -q -DskipTests package' (or 'mvn -q -pl authz-server test-compile') in $REPO_DIR"
fi

# ---------------------------------------------------------------------------------------------------------
# Everything this script starts is recorded here and stopped on exit, failure or interrupt.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/concord-cluster-bench.XXXXXX")"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
DB="concord_clusterbench_$$_$(date +%s)"
DB_CREATED=""
REDIS_PID="" NODE_A_PID="" NODE_B_PID="" LAG_PID=""
WRK_PIDS=()

psql_admin() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

stop_pid() { # pid name [grace seconds]
  local pid="$1" name="$2" grace="${3:-20}" i
  [[ -n "$pid" ]] && pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 4; i++)); do pid_alive "$pid" || break; sleep 0.25; done
  if pid_alive "$pid"; then log "$name (pid $pid) still running after ${grace}s: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local p
  for p in "${WRK_PIDS[@]}"; do [[ -n "$p" ]] && kill -TERM "$p" 2>/dev/null || true; done
  stop_wrk
  stop_pid "$LAG_PID" "lag benchmark" 5
  stop_pid "$NODE_B_PID" "node B"
  stop_pid "$NODE_A_PID" "node A"
  stop_pid "$REDIS_PID" "redis-server" 10
  if [[ -n "$DB_CREATED" ]]; then
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || log "could not drop database $DB"
  fi
  if [[ "${KEEP_LOGS:-}" == 1 || $rc -ne 0 ]]; then
    mkdir -p "$RESULTS_DIR/cluster-$STAMP-logs"
    cp "$WORK"/*.log "$RESULTS_DIR/cluster-$STAMP-logs/" 2>/dev/null || true
    log "logs kept in $RESULTS_DIR/cluster-$STAMP-logs"
  fi
  rm -rf "$WORK"
  log "cleaned up (nodes, redis-server, database $DB)"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free TCP port on 127.0.0.1 (nothing answers on it, and it is not 6379).
free_port() {
  local p i
  for ((i = 0; i < 200; i++)); do
    p=$(( 20000 + RANDOM % 30000 ))
    (( p == 6379 )) && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  die "no free port found"
}

wait_port() { # port seconds
  local i
  for ((i = 0; i < $2 * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

start_node() { # name port -> sets pid variable NODE_<X>_PID
  local name="$1" port="$2" dir="$WORK/$1"
  mkdir -p "$dir"
  log "starting $name on 127.0.0.1:$port ($(basename "$JAVA") $("$JAVA" -version 2>&1 | head -n1 | cut -d'"' -f2))"
  # shellcheck disable=SC2086
  ( cd "$dir" && exec env -u CONCORD_BOOTSTRAP_ADMIN_USERNAME -u CONCORD_BOOTSTRAP_ADMIN_PASSWORD \
      "$JAVA" $BENCH_HEAP $CONCORD_JAVA_OPTS -jar "$WORK/concord-server.jar" \
      --server.address=127.0.0.1 --server.port="$port" \
      --spring.profiles.active=postgres,cluster,demo \
      --spring.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$DB" \
      --spring.datasource.username="$PG_USER" \
      --spring.data.redis.host=127.0.0.1 --spring.data.redis.port="$REDIS_PORT" --spring.data.redis.database=0 \
      --concord.issuer="$A" --concord.console.redirect-uris="$A/console/callback" \
      --concord.rate-limit.enabled=false --logging.level.root=WARN \
      ${POOL_SIZE:+--spring.datasource.hikari.maximum-pool-size=$POOL_SIZE} \
      $CONCORD_EXTRA_ARGS </dev/null >"$WORK/$name.log" 2>&1 ) &
  local pid=$!
  case "$name" in node-a) NODE_A_PID=$pid ;; node-b) NODE_B_PID=$pid ;; esac
  local start; start="$(date +%s)"
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/actuator/health/readiness" || true)" == 200 ]]; do
    pid_alive "$pid" || { tail -n 40 "$WORK/$name.log" >&2; die "$name exited during start-up"; }
    (( $(date +%s) - start > START_TIMEOUT )) && { tail -n 40 "$WORK/$name.log" >&2; die "$name not ready after ${START_TIMEOUT}s"; }
    sleep 1
  done
  log "$name ready in $(( $(date +%s) - start ))s (pid $pid)"
}

start_cluster() {
  cp "$CONCORD_JAR" "$WORK/concord-server.jar"   # a copy: the tree's jar may be rebuilt while we run
  log "jar $CONCORD_JAR ($(date -u -r "$CONCORD_JAR" +%FT%TZ))"
  psql_admin -c "CREATE DATABASE $DB" >/dev/null || die "cannot create database $DB on $PG_HOST:$PG_PORT"
  DB_CREATED=1
  log "database $DB created"
  REDIS_PORT="$(free_port)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" \
      </dev/null >"$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  wait_port "$REDIS_PORT" 20 || { cat "$WORK/redis.log" >&2; die "redis-server did not start"; }
  log "redis-server on 127.0.0.1:$REDIS_PORT (pid $REDIS_PID)"
  PORT_A="$(free_port)"; PORT_B="$(free_port)"
  while [[ "$PORT_B" == "$PORT_A" ]]; do PORT_B="$(free_port)"; done
  A="http://127.0.0.1:$PORT_A"; B="http://127.0.0.1:$PORT_B"
  # A first (demo seeding, signing key, migrations once), then B joins.
  start_node node-a "$PORT_A"
  start_node node-b "$PORT_B"
}

# ---------------------------------------------------------------------------------------------------------
# UMA state, as in MultiNodeIT: the hospital (resource server) registers a summary of the citizen; the GP
# declares a care relationship; then one exchange on each node with curl.
client_token() { # base id secret scope
  local resp
  resp="$(curl -sS --max-time 15 -u "$2:$3" -d grant_type=client_credentials --data-urlencode "scope=$4" "$1/oauth2/token")" \
    || die "token endpoint of $1 not reachable"
  jq -r '.access_token // empty' <<<"$resp" | grep . || die "client_credentials for $2 on $1 failed: $resp"
}

prepare_uma() {
  local pat gp resp status
  pat="$(client_token "$A" "$RS_ID" "$RS_SECRET" uma_protection)"
  resp="$(curl -sS --max-time 15 -H "Authorization: Bearer $pat" -H 'Content-Type: application/json' \
      -d "$(jq -cn --arg s "$CITIZEN_NHS" '{name: "Summary care record", type: "summary", resource_scopes: ["read"], subject: $s}')" \
      "$A/uma/resource_set")"
  RESOURCE_ID="$(jq -r '._id // empty' <<<"$resp")"
  [[ -n "$RESOURCE_ID" ]] || die "registering the resource on A failed: $resp"
  gp="$(client_token "$B" "$GP_ID" "$GP_SECRET" decision)"
  status="$(curl -sS --max-time 15 -o "$WORK/rel.json" -w '%{http_code}' -H "Authorization: Bearer $gp" \
      -H 'Content-Type: application/json' -d "{\"subject\":\"$CITIZEN_NHS\"}" "$B/api/relationships")"
  [[ "$status" =~ ^20[014]$ ]] || die "declaring the GP's care relationship failed: $status $(cat "$WORK/rel.json")"
  log "UMA state: resource $RESOURCE_ID (summary of $CITIZEN_NHS, held by RR8); A81001 care relationship declared"
}

# Fresh PAT and claim token for uma.lua-style scripts (outside the measurement).
export BENCH_PERMISSION_PATH=/uma/permission BENCH_TOKEN_PATH=/oauth2/token
export BENCH_PERMISSION_BODY BENCH_PAT BENCH_EXCHANGE_AUTH BENCH_EXCHANGE_EXTRA
lua_env() {
  local claim now
  BENCH_PAT="$(client_token "$A" "$RS_ID" "$RS_SECRET" uma_protection)"
  BENCH_PERMISSION_BODY="$(jq -cn --arg id "$RESOURCE_ID" '[{resource_id: $id, resource_scopes: ["read"]}]')"
  BENCH_EXCHANGE_AUTH="Basic $(basic_auth "$GP_ID" "$GP_SECRET")"
  now="$(date +%s)"
  claim="$(jq -c --argjson now "$now" '. + {iat: $now, exp: ($now + 540)}' <<<"$CLAIMS" | base64 -w0 | tr '+/' '-_' | tr -d '=')"
  BENCH_EXCHANGE_EXTRA="&claim_token=$claim&claim_token_format=urn%3Aconcord%3Aclaim-token%3Apractitioner-claims"
}

preflight() { # base
  local resp ticket
  resp="$(curl -sS --max-time 15 -H "Authorization: Bearer $BENCH_PAT" -H 'Content-Type: application/json' \
      -d "$BENCH_PERMISSION_BODY" "$1$BENCH_PERMISSION_PATH")"
  ticket="$(jq -r '.ticket // empty' <<<"$resp" 2>/dev/null || true)"
  [[ -n "$ticket" ]] || die "no permission ticket from $1: $resp"
  resp="$(curl -sS --max-time 15 -H "Authorization: $BENCH_EXCHANGE_AUTH" \
      --data-urlencode grant_type=urn:ietf:params:oauth:grant-type:uma-ticket --data-urlencode "ticket=$ticket" \
      --data-binary "${BENCH_EXCHANGE_EXTRA#&}" "$1$BENCH_TOKEN_PATH")"
  [[ -n "$(jq -r '.access_token // empty' <<<"$resp" 2>/dev/null || true)" ]] || die "UMA exchange on $1 failed: $resp"
  log "pre-flight UMA exchange on $1 OK"
}

# ---------------------------------------------------------------------------------------------------------
# CPU of our PostgreSQL backends (ticks), for the raw TSV: sum over the backends connected to our database.
PG_BACKENDS=()
pg_backends() {
  mapfile -t PG_BACKENDS < <(psql_admin -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'" 2>/dev/null || true)
}
pg_ticks() {
  local p s=0 t
  for p in "${PG_BACKENDS[@]}"; do t="$(cpu_ticks "$p" 2>/dev/null || echo 0)"; s=$(( s + t )); done
  echo "$s"
}

# run_load MODE CONNS DURATION -> sets R_* globals. MODE one: one wrk, all CONNS to A; two: two wrk at once,
# CONNS/2 each to A and to B.
run_load() {
  local mode="$1" conns="$2" duration="$3" tck a0 a1 b0 b1 r0 r1 p0 p1 k0 k1 m0 m1 mt0 mt1 w0 w1 i
  local targets=() per
  case "$mode" in
    one-a) targets=("$A"); per="$conns" ;;
    one-b) targets=("$B"); per="$conns" ;;
    two) targets=("$A" "$B"); per=$(( conns / 2 )) ;;
  esac
  (( per >= 1 )) || die "two-node runs need at least 2 connections"
  lua_env
  tck="$(clk_tck)"
  pg_backends
  a0="$(cpu_ticks "$NODE_A_PID")"; b0="$(cpu_ticks "$NODE_B_PID")"; r0="$(cpu_ticks "$REDIS_PID")"; p0="$(pg_ticks)"
  read -r m0 mt0 < <(machine_jiffies); w0="$(date +%s.%N)"
  local me="$BASHPID"   # this shell: inside $(...) BASHPID would be the substitution's subshell
  k0="$(child_cpu_ticks "$me")"
  WRK_PIDS=()
  rm -f "$WORK"/lat-*.txt "$WORK"/wrk-*.out
  for i in "${!targets[@]}"; do
    require_loopback_url "${targets[$i]}"
    BENCH_LIB="$BENCH_LIB" BENCH_LAT_FILE="$WORK/lat-$i.txt" timeout --signal=TERM "$(( duration + 30 ))" \
      wrk -t "$per" -c "$per" -d "${duration}s" --timeout 10s -s "$BENCH_LIB/uma.lua" "${targets[$i]}" \
      >"$WORK/wrk-$i.out" 2>&1 &
    WRK_PIDS+=($!)
  done
  local failed=""
  for i in "${!WRK_PIDS[@]}"; do wait "${WRK_PIDS[$i]}" || failed="${targets[$i]}"; done
  WRK_PIDS=()
  k1="$(child_cpu_ticks "$me")"   # timeout + wrk, reaped by the waits above
  w1="$(date +%s.%N)"; read -r m1 mt1 < <(machine_jiffies)
  pid_alive "$NODE_A_PID" || die "node A died during the run"
  pid_alive "$NODE_B_PID" || die "node B died during the run"
  a1="$(cpu_ticks "$NODE_A_PID")"; b1="$(cpu_ticks "$NODE_B_PID")"; r1="$(cpu_ticks "$REDIS_PID")"; p1="$(pg_ticks)"
  [[ -z "$failed" ]] || { cat "$WORK"/wrk-*.out >&2; die "wrk against $failed failed"; }
  local exchanges=0 failures=0 line n xps=0
  for i in "${!targets[@]}"; do
    line="$(grep '^BENCH_RESULT' "$WORK/wrk-$i.out" || true)"
    [[ -n "$line" ]] || { cat "$WORK/wrk-$i.out" >&2; die "no BENCH_RESULT from wrk against ${targets[$i]}"; }
    exchanges=$(( exchanges + $(field exchanges "$line") ))
    xps="$(awk -v s="$xps" -v x="$(field exchanges "$line")" -v d="$(field duration_s "$line")" 'BEGIN { printf "%.2f", s + x / d }')"
    failures=$(( failures + $(field ticket_failures "$line") + $(field exchange_failures "$line") + $(field err_connect "$line") \
      + $(field err_read "$line") + $(field err_write "$line") + $(field err_timeout "$line") ))
    grep '^BENCH_LAST_FAILURE' "$WORK/wrk-$i.out" >&2 || true
  done
  cat "$WORK"/lat-[0-9]*.txt | sort -g >"$WORK/lat-all.txt"
  n="$(wc -l <"$WORK/lat-all.txt")"
  pct() { if (( n == 0 )); then echo NaN; else sed -n "$(awk -v n="$n" -v p="$1" 'BEGIN { i = int(n * p / 100); if (i < n * p / 100) i++; if (i < 1) i = 1; print i }')p" "$WORK/lat-all.txt"; fi; }
  local secs; secs="$(awk -v s="$w0" -v e="$w1" 'BEGIN { printf "%.3f", e - s }')"
  R_EXCHANGES="$exchanges"; R_FAILURES="$failures"
  R_XPS="$xps"
  R_P50="$(pct 50)"; R_P99="$(pct 99)"
  R_A="$(awk -v a="$a0" -v b="$a1" -v t="$tck" -v s="$secs" 'BEGIN { printf "%.3f", (b - a) / t / s }')"
  R_B="$(awk -v a="$b0" -v b="$b1" -v t="$tck" -v s="$secs" 'BEGIN { printf "%.3f", (b - a) / t / s }')"
  R_REDIS="$(awk -v a="$r0" -v b="$r1" -v t="$tck" -v s="$secs" 'BEGIN { printf "%.3f", (b - a) / t / s }')"
  R_PG="$(awk -v a="$p0" -v b="$p1" -v t="$tck" -v s="$secs" 'BEGIN { printf "%.3f", (b - a) / t / s }')"
  R_WRK="$(awk -v a="$k0" -v b="$k1" -v t="$tck" -v s="$secs" 'BEGIN { printf "%.3f", (b - a) / t / s }')"
  R_BUSY="$(awk -v a="$m0" -v b="$m1" -v ta="$mt0" -v tb="$mt1" 'BEGIN { printf "%.1f", 100 * (b - a) / (tb - ta) }')"
  # Server cores = the node(s) that served the load: the serving node in one-node runs (the other idles, its CPU
  # is kept in the TSV), A + B in two-node runs.
  if [[ "$mode" == one-a ]]; then R_SERVER="$R_A"; elif [[ "$mode" == one-b ]]; then R_SERVER="$R_B"; else R_SERVER="$(awk -v a="$R_A" -v b="$R_B" 'BEGIN { printf "%.3f", a + b }')"; fi
  R_PER_CORE="$(awk -v x="$R_XPS" -v c="$R_SERVER" 'BEGIN { if (c > 0) printf "%.1f", x / c; else print "n/a" }')"
  R_OTHER="$(awk -v b="$R_BUSY" -v n="$(nproc)" -v s="$R_A" -v t="$R_B" -v r="$R_REDIS" -v p="$R_PG" -v w="$R_WRK" \
      'BEGIN { o = b * n / 100 - s - t - r - p - w; printf "%.2f", (o < 0 ? 0 : o) }')"
}

cmd_load() {
  lua_env; preflight "$A"; preflight "$B"
  mkdir -p "$RESULTS_DIR"
  RAW="$RESULTS_DIR/cluster-$STAMP.tsv"; MD="$RESULTS_DIR/cluster-$STAMP.md"
  printf 'round\tmode\tconns\tnode\txps\tp50_ms\tp99_ms\tnode_a_cores\tnode_b_cores\tserver_cores\txps_per_core\tredis_cores\tpg_cores\twrk_cores\tother_cores\tmachine_busy_pct\tfailures\texchanges\tload1\n' >"$RAW"
  local max_conns; max_conns="$(tr ' ' '\n' <<<"$CONNS" | sort -n | tail -n1)"
  # Warm-up: each node alone, then both, so that both JVMs have served about as much before the rounds.
  log "warm-up at $max_conns connections: ${WARMUP}s node A alone, ${WARMUP}s node B alone, ${WARMUP}s both"
  local w
  for w in one-a one-b two; do
    run_load "$w" "$max_conns" "$WARMUP"
    log "  warm-up $w: $R_XPS exchanges/s (A $R_A, B $R_B cores), failures $R_FAILURES"; sleep "$PAUSE"
  done
  local round c mode order
  for round in $(seq 1 "$ROUNDS"); do
    # Per round: one node (A alone), two nodes, one node (B alone), rotated each round. Each JVM serves the same
    # amount per round (one full run + half of a two-node run), so neither is better JIT-warmed than the other.
    case $(( (round - 1) % 3 )) in 0) order="one-a two one-b" ;; 1) order="two one-b one-a" ;; *) order="one-b one-a two" ;; esac
    for c in $CONNS; do
      for mode in $order; do
        run_load "$mode" "$c" "$DURATION"
        local label="${mode%%-*}" node
        case "$mode" in one-a) node=A ;; one-b) node=B ;; *) node=A+B ;; esac
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$label" "$c" "$node" "$R_XPS" \
          "$R_P50" "$R_P99" "$R_A" "$R_B" "$R_SERVER" "$R_PER_CORE" "$R_REDIS" "$R_PG" "$R_WRK" "$R_OTHER" "$R_BUSY" \
          "$R_FAILURES" "$R_EXCHANGES" "$(cut -d' ' -f1 /proc/loadavg)" >>"$RAW"
        log "round $round/$ROUNDS $mode c=$c: $R_XPS exchanges/s p50 $R_P50 ms p99 $R_P99 ms; nodes A $R_A B $R_B cores -> $R_PER_CORE exchanges/s per server core; redis $R_REDIS pg $R_PG wrk $R_WRK other $R_OTHER cores; failures $R_FAILURES"
        (( R_EXCHANGES > 0 )) || log "WARNING: no exchange completed in this run: a node stalled (see its log; KEEP_LOGS=1)"
        sleep "$PAUSE"
      done
    done
  done
  load_report | tee "$MD"
  log "results: $MD (raw $RAW)"
}

load_report() {
  col() { awk -F'\t' -v m="$1" -v c="$2" -v k="$3" -v n="${4:-}" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $2 == m && $3 == c && (n == "" || $4 == n) { print $h[k] }' "$RAW"; }
  med() { col "$@" | median; }
  sum() { col "$1" "$2" "$3" | awk '{ s += $1 } END { print s + 0 }'; }
  local c mode nodes cpu
  echo "| nodes | conns | exchanges/s | exchanges/s per node | p50 ms | p99 ms | cores used by the serving node(s) (A + B) | exchanges/s per server core | Redis cores | PostgreSQL cores | failures |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  for c in $CONNS; do
    for mode in one two; do
      nodes=1; [[ "$mode" == two ]] && nodes=2
      cpu="$(printf '%.2f' "$(med "$mode" "$c" server_cores)")"
      [[ "$mode" == two ]] && cpu="$cpu ($(printf '%.2f + %.2f' "$(med two "$c" node_a_cores)" "$(med two "$c" node_b_cores)"))"
      printf '| %s | %s | %.0f | %.0f | %.1f | %.1f | %s | %.0f | %.2f | %.2f | %s |\n' "$nodes" "$c" \
        "$(med "$mode" "$c" xps)" "$(awk -v x="$(med "$mode" "$c" xps)" -v n="$nodes" 'BEGIN { print x / n }')" \
        "$(med "$mode" "$c" p50_ms)" "$(med "$mode" "$c" p99_ms)" "$cpu" "$(med "$mode" "$c" xps_per_core)" \
        "$(med "$mode" "$c" redis_cores)" "$(med "$mode" "$c" pg_cores)" "$(sum "$mode" "$c" failures)"
    done
  done
  echo
  for c in $CONNS; do
    printf -- '- %s connections: two nodes / one node, exchanges/s per server core = **%.2f** (target >= 0.90); exchanges/s = %.2f\n' "$c" \
      "$(awk -v a="$(med two "$c" xps_per_core)" -v b="$(med one "$c" xps_per_core)" 'BEGIN { print (b > 0 ? a / b : 0) }')" \
      "$(awk -v a="$(med two "$c" xps)" -v b="$(med one "$c" xps)" 'BEGIN { print (b > 0 ? a / b : 0) }')"
    printf -- '  (one node: A alone %.0f, B alone %.0f exchanges/s per core; per round, two/one: %s)\n' \
      "$(med one "$c" xps_per_core A)" "$(med one "$c" xps_per_core B)" \
      "$(for r in $(seq 1 "$ROUNDS"); do awk -F'\t' -v r="$r" -v c="$c" 'NR > 1 && $1 == r && $3 == c { if ($2 == "one") { o += $11; n++ } else t = $11 }
          END { if (n > 0 && o > 0) printf "%.2f ", t / (o / n) }' "$RAW"; done)"
  done
  echo
  echo "Medians of $ROUNDS interleaved rounds of ${DURATION}s (each round: one node = A alone, two nodes, one node = B alone, order rotated per round; the one-node figures are medians over the A and B runs), after warm-ups of ${WARMUP}s (A alone, B alone, both). One exchange = permission ticket (hospital PAT) + ticket-for-RPT (GP, practitioner-claims claim token). Latency = full exchange, merged over both wrk processes. Server cores = CPU-s/s of the node(s) that served the load (the idle node's CPU is in the TSV; Redis and PostgreSQL are shown, not counted). Machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg). Raw: $(basename "$RAW")."
}

# ---------------------------------------------------------------------------------------------------------
cmd_lag() {
  local cp_file="$REPO_DIR/authz-server/target/bench-cp.txt" cp
  if [[ -n "${LAG_CP:-}" ]]; then cp="$LAG_CP"
  else
    if [[ ! -s "$cp_file" ]]; then
      log "resolving the test classpath into $cp_file (mvn dependency:build-classpath)"
      (cd "$REPO_DIR" && timeout 300 mvn -o -q -pl authz-server dependency:build-classpath \
          -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test) >&2 \
        || die "could not resolve the classpath; set LAG_CP or run: mvn -o -q -pl authz-server dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test"
    fi
    cp="$(cat "$cp_file")"
  fi
  mkdir -p "$RESULTS_DIR"
  local csv="$RESULTS_DIR/lag-$STAMP.csv" txt="$RESULTS_DIR/lag-$STAMP.txt"
  log "revocation lag: $LAG_CYCLES cycles (+ $LAG_WARMUP warm-up), changes on A ($A), decisions on B ($B)"
  timeout --signal=TERM "$LAG_TIMEOUT" "$JAVA" -cp "$TEST_CLASSES:$MAIN_CLASSES:$cp" \
      care.concord.server.cluster.RevocationLagBenchmark --a="$A" --b="$B" --cycles="$LAG_CYCLES" \
      --warmup="$LAG_WARMUP" --out="$csv" >"$WORK/lag.out" 2>"$WORK/lag.log" &
  LAG_PID=$!
  local rc=0
  wait "$LAG_PID" || rc=$?
  LAG_PID=""
  cat "$WORK/lag.out" | tee "$txt"
  (( rc == 0 )) || { tail -n 30 "$WORK/lag.log" >&2; die "RevocationLagBenchmark failed (exit $rc)"; }
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$txt"
  log "lag results: $txt (raw $csv)"
}

log "mode $MODE; load average $(cut -d' ' -f1-3 /proc/loadavg); work dir $WORK"
start_cluster
prepare_uma
case "$MODE" in
  load) cmd_load ;;
  lag) cmd_lag ;;
  all) cmd_load; cmd_lag ;;
esac
