#!/usr/bin/env bash
# client_credentials load: Concord vs Keycloak, interleaved, wrk on loopback, server CPU from /proc.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/common.sh"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-15}"
CONNS="${CONNS:-4 16}"
THREADS="${THREADS:-2}"
PAUSE="${PAUSE:-2}"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_DIR/results}"

CONCORD_URL="${CONCORD_URL:-http://127.0.0.1:8080/oauth2/token}"
CONCORD_CLIENT_ID="${CONCORD_CLIENT_ID:-}"
CONCORD_CLIENT_SECRET="${CONCORD_CLIENT_SECRET:-}"
CONCORD_SCOPE="${CONCORD_SCOPE:-}"
CONCORD_PID="${CONCORD_PID:-}"
CONCORD_PID_FILE="${CONCORD_PID_FILE:-}"
CONCORD_JWKS_URL="${CONCORD_JWKS_URL:-http://127.0.0.1:8080/oauth2/jwks}"

KEYCLOAK_URL="${KEYCLOAK_URL:-http://127.0.0.1:8180/realms/concord-bench/protocol/openid-connect/token}"
KEYCLOAK_CLIENT_ID="${KEYCLOAK_CLIENT_ID:-bench-client}"
KEYCLOAK_CLIENT_SECRET="${KEYCLOAK_CLIENT_SECRET:-bench-client-secret}"
KEYCLOAK_SCOPE="${KEYCLOAK_SCOPE:-}"
KEYCLOAK_PID="${KEYCLOAK_PID:-}"
KEYCLOAK_JWKS_URL="${KEYCLOAK_JWKS_URL:-http://127.0.0.1:8180/realms/concord-bench/protocol/openid-connect/certs}"
KEYCLOAK_PID_FILE="${KEYCLOAK_PID_FILE:-$BENCH_DIR/.keycloak/keycloak.pid}"

usage() {
  cat <<USAGE
Usage: bench/token-load.sh [-r ROUNDS] [-d SECONDS] [-w WARMUP_SECONDS] [-c "4 16"] TARGET...

Measures OAuth client_credentials tokens/s, latency p50/p99 and server CPU for each TARGET
(concord, keycloak), interleaving runs: for each round, for each connection count, each target
in turn. Prints a markdown table of medians (and tokens/s per server core) and stores raw
results in bench/results/ (gitignored). Loopback targets only.

Targets and their settings (environment):
  concord   CONCORD_URL (default $CONCORD_URL)
            CONCORD_CLIENT_ID, CONCORD_CLIENT_SECRET (required), CONCORD_SCOPE (optional)
            CONCORD_PID or CONCORD_PID_FILE: the server's pid (for CPU sampling; required)
  keycloak  KEYCLOAK_URL (default: realm concord-bench on 127.0.0.1:8180)
            KEYCLOAK_CLIENT_ID/SECRET (default bench-client / bench-client-secret, as keycloak.sh configure)
            KEYCLOAK_PID or KEYCLOAK_PID_FILE (default bench/.keycloak/keycloak.pid)

Other settings: ROUNDS=$ROUNDS DURATION=$DURATION (s per run) WARMUP=$WARMUP (s per target, at the
highest connection count) CONNS="$CONNS" THREADS=$THREADS (wrk threads, capped at the connection
count) PAUSE=$PAUSE (s between runs) RESULTS_DIR=$RESULTS_DIR
Time: about targets x (WARMUP + ROUNDS x |CONNS| x (DURATION + PAUSE)) seconds.

Requires wrk (apt-get update && apt-get install -y wrk), curl, jq.
USAGE
}

while getopts 'r:d:w:c:h' opt; do
  case "$opt" in
    r) ROUNDS="$OPTARG" ;; d) DURATION="$OPTARG" ;; w) WARMUP="$OPTARG" ;; c) CONNS="$OPTARG" ;;
    h) usage; exit 0 ;; *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
(( $# > 0 )) || { usage >&2; exit 2; }
TARGETS=("$@")
require_wrk
require_cmd curl jq

init_run_files
trap 'stop_wrk' EXIT
trap 'stop_wrk; exit 130' INT TERM

declare -A PID URL BASIC SCOPE
for t in "${TARGETS[@]}"; do
  case "$t" in concord|keycloak) ;; *) die "unknown target '$t' (concord, keycloak)" ;; esac
  URL[$t]="$(target_var "$t" URL)"
  require_loopback_url "${URL[$t]}"
  id="$(target_var "$t" CLIENT_ID)"; secret="$(target_var "$t" CLIENT_SECRET)"
  [[ -n "$id" && -n "$secret" ]] || die "$t: set the client id and secret ($(tr '[:lower:]' '[:upper:]' <<<"$t")_CLIENT_ID/_CLIENT_SECRET)"
  BASIC[$t]="$(basic_auth "$id" "$secret")"
  SCOPE[$t]="$(target_var "$t" SCOPE)"
  PID[$t]="$(target_pid "$t")"
  # Pre-flight: one token, RS256-signed.
  body="grant_type=client_credentials"; [[ -n "${SCOPE[$t]}" ]] && body="$body&scope=${SCOPE[$t]}"
  resp="$(curl -sS --max-time 10 -H "Authorization: Basic ${BASIC[$t]}" -d "$body" "${URL[$t]}")" \
    || die "$t: token endpoint ${URL[$t]} not reachable"
  tok="$(jq -r '.access_token // empty' <<<"$resp" 2>/dev/null || true)"
  [[ -n "$tok" ]] || die "$t: no access_token from ${URL[$t]}: $resp"
  alg="$(jwt_header "$tok" | jq -r '.alg // empty' 2>/dev/null || true)"
  kid="$(jwt_header "$tok" | jq -r '.kid // empty' 2>/dev/null || true)"
  jwks="$(target_var "$t" JWKS_URL)"; bits="?"
  if [[ -n "$kid" && -n "$jwks" ]]; then
    require_loopback_url "$jwks"
    bits="$(curl -sS --max-time 10 "$jwks" | jq -r --arg k "$kid" \
        '.keys[] | select(.kid == $k and .kty == "RSA") | .n | length * 6 | . - (. % 1024)' 2>/dev/null || echo '?')"
  fi
  log "$t: pre-flight token OK (alg ${alg:-opaque}, RSA key ~${bits:-?} bits, expires_in $(jq -r '.expires_in' <<<"$resp")), server pid ${PID[$t]} (jvm $(java_pid_of "${PID[$t]}"))"
  [[ "$alg" == RS256 ]] || log "WARNING: $t token is not RS256 (alg '${alg:-none}'): the comparison assumes RS256 on both"
done

open_results token $'round\ttarget\tconns\trps\tp50_ms\tp99_ms\tserver_cores\trps_per_core\twrk_cores\tother_cores\tmachine_busy_pct\terrors\trequests'

run_one() { # target conns duration -> result line
  local t="$1" c="$2" d="$3" th="$THREADS"
  (( th > c )) && th="$c"
  BENCH_BASIC="${BASIC[$t]}" BENCH_SCOPE="${SCOPE[$t]}" \
    measure_wrk "${PID[$t]}" "$th" "$c" "$d" "$BENCH_LIB/token.lua" "${URL[$t]}"
}

warm_up rps req/s

record_run() { # round target conns result
  local r="$4" errors rps cores per_core
  errors=$(( $(field err_connect "$r") + $(field err_read "$r") + $(field err_write "$r") + $(field err_timeout "$r") + $(field err_status "$r") ))
  rps="$(field rps "$r")"; cores="$(field server_cores "$r")"; per_core="$(ratio "$rps" "$cores")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rps" "$(field p50_ms "$r")" \
    "$(field p99_ms "$r")" "$cores" "$per_core" "$(field wrk_cores "$r")" "$(field other_cores "$r")" "$(field machine_busy_pct "$r")" "$errors" "$(field requests "$r")" >>"$RAW"
  log "round $1/$ROUNDS $2 c=$3: $rps tokens/s p50 $(field p50_ms "$r") ms p99 $(field p99_ms "$r") ms, server $cores cores ($per_core tokens/s/core), wrk $(field wrk_cores "$r") cores, other processes $(field other_cores "$r") cores, errors $errors"
}
run_rounds

med() { raw_median "$RAW" "$@"; }
sum() { raw_sum "$RAW" "$@"; }

{
  echo "| target | conns | tokens/s | p50 ms | p99 ms | server cores used | tokens/s per server core | errors |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for c in $CONNS; do
    for t in "${TARGETS[@]}"; do
      printf '| %s | %s | %.0f | %.1f | %.1f | %.2f | %.0f | %s |\n' "$t" "$c" "$(med "$t" "$c" rps)" \
        "$(med "$t" "$c" p50_ms)" "$(med "$t" "$c" p99_ms)" "$(med "$t" "$c" server_cores)" \
        "$(med "$t" "$c" rps_per_core)" "$(sum "$t" "$c" errors)"
    done
  done
  echo
  echo "Medians of $ROUNDS interleaved rounds of ${DURATION}s per target and connection count (after a ${WARMUP}s warm-up per target); wrk $THREADS threads; server cores = CPU-seconds per second of the server JVM (/proc/<pid>/stat utime+stime). Raw: $(basename "$RAW")."
  if [[ " ${TARGETS[*]} " == *" concord "* && " ${TARGETS[*]} " == *" keycloak "* ]]; then
    echo
    for c in $CONNS; do
      ratio="$(awk -v a="$(med concord "$c" rps_per_core)" -v b="$(med keycloak "$c" rps_per_core)" 'BEGIN { printf "%.2f", a / b }')"
      verdict="$(awk -v r="$ratio" 'BEGIN { print (r >= 2 ? "meets" : "does NOT meet") }')"
      echo "- $c connections: Concord / Keycloak tokens/s per server core = **${ratio}x** ($verdict the >= 2x target)"
    done
  fi
} | tee "$MD"
log "results: $MD (raw $RAW)"
