#!/usr/bin/env bash
# UMA 2.0 exchange load (permission ticket + ticket-for-RPT exchange): Concord vs Keycloak,
# interleaved, wrk on loopback, server CPU from /proc.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/common.sh"

ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-15}"
CONNS="${CONNS:-4 16}"
PAUSE="${PAUSE:-2}"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_DIR/results}"

# Keycloak (as configured by bench/keycloak.sh configure)
KEYCLOAK_BASE="${KEYCLOAK_BASE:-http://127.0.0.1:8180}"
KEYCLOAK_REALM="${KEYCLOAK_REALM:-concord-bench}"
KEYCLOAK_TOKEN_PATH="${KEYCLOAK_TOKEN_PATH:-/realms/$KEYCLOAK_REALM/protocol/openid-connect/token}"
KEYCLOAK_PERMISSION_PATH="${KEYCLOAK_PERMISSION_PATH:-/realms/$KEYCLOAK_REALM/authz/protection/permission}"
KEYCLOAK_RS_ID="${KEYCLOAK_RS_ID:-bench-rs}"
KEYCLOAK_RS_SECRET="${KEYCLOAK_RS_SECRET:-bench-rs-secret}"
KEYCLOAK_RS_SCOPE="${KEYCLOAK_RS_SCOPE:-}"
KEYCLOAK_CLIENT_ID="${KEYCLOAK_CLIENT_ID:-bench-client}"
KEYCLOAK_CLIENT_SECRET="${KEYCLOAK_CLIENT_SECRET:-bench-client-secret}"
KEYCLOAK_RESOURCE_ID="${KEYCLOAK_RESOURCE_ID:-$(cat "$BENCH_DIR/.keycloak/resource-id" 2>/dev/null || true)}"
KEYCLOAK_RESOURCE_SCOPE="${KEYCLOAK_RESOURCE_SCOPE:-read}"
KEYCLOAK_PID="${KEYCLOAK_PID:-}"
KEYCLOAK_PID_FILE="${KEYCLOAK_PID_FILE:-$BENCH_DIR/.keycloak/keycloak.pid}"

# Concord (its UMA FedAuthz endpoints, care.concord.server.uma; bench/lib/compare.sh uma sets them up)
CONCORD_BASE="${CONCORD_BASE:-http://127.0.0.1:8080}"
CONCORD_TOKEN_PATH="${CONCORD_TOKEN_PATH:-/oauth2/token}"
CONCORD_PERMISSION_PATH="${CONCORD_PERMISSION_PATH:-/uma/permission}"
CONCORD_RS_ID="${CONCORD_RS_ID:-}"
CONCORD_RS_SECRET="${CONCORD_RS_SECRET:-}"
CONCORD_RS_SCOPE="${CONCORD_RS_SCOPE:-uma_protection}"
CONCORD_CLIENT_ID="${CONCORD_CLIENT_ID:-}"
CONCORD_CLIENT_SECRET="${CONCORD_CLIENT_SECRET:-}"
# Claim token: given as is (CONCORD_CLAIM_TOKEN), or, by default, made fresh for every run in Concord's
# format for secret-authenticated clients: base64url of the claims JSON plus iat and exp (exp 9 minutes
# ahead: concord.uma.claim-token-max-age defaults to 10m).
CONCORD_CLAIM_TOKEN="${CONCORD_CLAIM_TOKEN:-}"
CONCORD_CLAIM_TOKEN_FORMAT="${CONCORD_CLAIM_TOKEN_FORMAT:-urn:concord:claim-token:practitioner-claims}"
CONCORD_CLAIMS="${CONCORD_CLAIMS:-{\"purpose_of_use\":\"direct-care\",\"practitioner_role\":\"gp\",\"practitioner_id\":\"bench-practitioner-1\"\}}"
CONCORD_RESOURCE_ID="${CONCORD_RESOURCE_ID:-}"
CONCORD_RESOURCE_SCOPE="${CONCORD_RESOURCE_SCOPE:-read}"
CONCORD_PERMISSION_BODY="${CONCORD_PERMISSION_BODY:-}"
CONCORD_PID="${CONCORD_PID:-}"
CONCORD_PID_FILE="${CONCORD_PID_FILE:-}"

usage() {
  cat <<USAGE
Usage: bench/uma-load.sh [-r ROUNDS] [-d SECONDS] [-w WARMUP_SECONDS] [-c "4 16"] TARGET...

One iteration = one full UMA 2.0 exchange on one connection:
  1. the resource server asks the permission endpoint for a ticket (Bearer PAT),
  2. the requesting client exchanges it at the token endpoint
     (grant_type=urn:ietf:params:oauth:grant-type:uma-ticket) for an RPT.
Measures exchanges/s, full-exchange latency p50/p99 and server CPU at each connection count,
interleaving targets (round -> connections -> target). wrk runs one thread per connection.
Prints a markdown table of medians; raw results in bench/results/ (gitignored). Loopback only.

Targets:
  keycloak  realm $KEYCLOAK_REALM on $KEYCLOAK_BASE as set up by bench/keycloak.sh configure.
            Requesting party: the requesting client's own client_credentials token as Bearer.
  concord   Concord's UMA endpoints. CONCORD_BASE ($CONCORD_BASE), CONCORD_PERMISSION_PATH
            ($CONCORD_PERMISSION_PATH), CONCORD_TOKEN_PATH ($CONCORD_TOKEN_PATH),
            CONCORD_RS_ID/_SECRET/_SCOPE (PAT via client_credentials, scope $CONCORD_RS_SCOPE),
            CONCORD_CLIENT_ID/_SECRET (requesting client, HTTP Basic at the exchange),
            CONCORD_CLAIM_TOKEN (+ _FORMAT, default $CONCORD_CLAIM_TOKEN_FORMAT; by default
            made per run from CONCORD_CLAIMS = $CONCORD_CLAIMS + iat/exp),
            CONCORD_RESOURCE_ID (+ _SCOPE, default read) or CONCORD_PERMISSION_BODY (JSON),
            CONCORD_PID or CONCORD_PID_FILE.

Other settings: ROUNDS=$ROUNDS DURATION=$DURATION WARMUP=$WARMUP CONNS="$CONNS" PAUSE=$PAUSE
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

tv() { target_var "$@"; }
need() { local v; v="$(tv "$1" "$2")"; [[ -n "$v" ]] || die "$1: set $(tr '[:lower:]' '[:upper:]' <<<"$1")_$2"; printf '%s' "$v"; }

client_token() { # target id secret scope -> access token
  local t="$1" resp args=(-sS --max-time 10 -u "$2:$3" -d grant_type=client_credentials)
  [[ -n "$4" ]] && args+=(--data-urlencode "scope=$4")
  resp="$(curl "${args[@]}" "$(tv "$t" BASE)$(tv "$t" TOKEN_PATH)")" || die "$t: token endpoint not reachable"
  jq -r '.access_token // empty' <<<"$resp" | grep . || die "$t: client_credentials for $2 failed: $resp"
}

# Sets the BENCH_* environment for uma.lua for TARGET: fresh PAT and requesting-party credentials.
prepare_env() {
  local t="$1" pat body
  pat="$(client_token "$t" "$(need "$t" RS_ID)" "$(need "$t" RS_SECRET)" "$(tv "$t" RS_SCOPE)")"
  body="$(tv "$t" PERMISSION_BODY)"
  if [[ -z "$body" ]]; then
    body="$(jq -cn --arg id "$(need "$t" RESOURCE_ID)" --arg s "$(tv "$t" RESOURCE_SCOPE)" \
        '[{resource_id: $id, resource_scopes: [$s]}]')"
  fi
  export BENCH_PERMISSION_PATH BENCH_PERMISSION_BODY BENCH_PAT BENCH_TOKEN_PATH BENCH_EXCHANGE_AUTH BENCH_EXCHANGE_EXTRA
  BENCH_PERMISSION_PATH="$(tv "$t" PERMISSION_PATH)"
  BENCH_PERMISSION_BODY="$body"
  BENCH_PAT="$pat"
  BENCH_TOKEN_PATH="$(tv "$t" TOKEN_PATH)"
  case "$t" in
    keycloak)
      # The requesting party is the requesting client's service account: its access token as Bearer.
      BENCH_EXCHANGE_AUTH="Bearer $(client_token "$t" "$(need "$t" CLIENT_ID)" "$(need "$t" CLIENT_SECRET)" "")"
      BENCH_EXCHANGE_EXTRA="" ;;
    concord)
      # Concord's UMA grant: the requesting client authenticates (HTTP Basic) and pushes a claim token.
      local claim="$CONCORD_CLAIM_TOKEN"
      if [[ -z "$claim" ]]; then
        claim="$(jq -c --argjson now "$(date +%s)" '. + {iat: $now, exp: ($now + 540)}' <<<"$CONCORD_CLAIMS" \
            | base64 -w0 | tr '+/' '-_' | tr -d '=')"
      fi
      BENCH_EXCHANGE_AUTH="Basic $(basic_auth "$(need "$t" CLIENT_ID)" "$(need "$t" CLIENT_SECRET)")"
      BENCH_EXCHANGE_EXTRA="&claim_token=$(jq -rn --arg v "$claim" '$v|@uri')&claim_token_format=$(jq -rn --arg v "$CONCORD_CLAIM_TOKEN_FORMAT" '$v|@uri')" ;;
  esac
}

# One exchange with curl, checked, so a broken setup fails before any load.
preflight() {
  local t="$1" base resp ticket
  base="$(tv "$t" BASE)"
  resp="$(curl -sS --max-time 10 -H "Authorization: Bearer $BENCH_PAT" -H 'Content-Type: application/json' \
      -d "$BENCH_PERMISSION_BODY" "$base$BENCH_PERMISSION_PATH")" || die "$t: permission endpoint not reachable"
  ticket="$(jq -r '.ticket // empty' <<<"$resp" 2>/dev/null || true)"
  [[ -n "$ticket" ]] || die "$t: no permission ticket from $base$BENCH_PERMISSION_PATH: $resp"
  resp="$(curl -sS --max-time 10 -H "Authorization: $BENCH_EXCHANGE_AUTH" \
      --data-urlencode grant_type=urn:ietf:params:oauth:grant-type:uma-ticket --data-urlencode "ticket=$ticket" \
      --data-binary "${BENCH_EXCHANGE_EXTRA#&}" "$base$BENCH_TOKEN_PATH")"
  [[ -n "$(jq -r '.access_token // empty' <<<"$resp" 2>/dev/null || true)" ]] \
    || die "$t: ticket exchange failed: $resp"
  log "$t: pre-flight UMA exchange OK (RPT alg $(jwt_header "$(jq -r .access_token <<<"$resp")" | jq -r '.alg // "?"' 2>/dev/null || echo '?'))"
}

declare -A PID
for t in "${TARGETS[@]}"; do
  case "$t" in concord|keycloak) ;; *) die "unknown target '$t' (concord, keycloak)" ;; esac
  require_loopback_url "$(tv "$t" BASE)"
  PID[$t]="$(target_pid "$t")"
  prepare_env "$t"
  preflight "$t"
done

open_results uma $'round\ttarget\tconns\txps\tx_p50_ms\tx_p99_ms\tserver_cores\txps_per_core\twrk_cores\tother_cores\tmachine_busy_pct\tfailures\texchanges'

run_one() { # target conns duration -> result line (fresh tokens every run)
  local t="$1" c="$2" d="$3"
  prepare_env "$t"
  measure_wrk "${PID[$t]}" "$c" "$c" "$d" "$BENCH_LIB/uma.lua" "$(tv "$t" BASE)"
}

warm_up xps exchanges/s

record_run() { # round target conns result
  local r="$4" failures xps cores per_core
  failures=$(( $(field ticket_failures "$r") + $(field exchange_failures "$r") + $(field err_connect "$r") + $(field err_read "$r") + $(field err_write "$r") + $(field err_timeout "$r") ))
  xps="$(field xps "$r")"; cores="$(field server_cores "$r")"; per_core="$(ratio "$xps" "$cores")"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$xps" "$(field x_p50_ms "$r")" \
    "$(field x_p99_ms "$r")" "$cores" "$per_core" "$(field wrk_cores "$r")" "$(field other_cores "$r")" "$(field machine_busy_pct "$r")" "$failures" "$(field exchanges "$r")" >>"$RAW"
  log "round $1/$ROUNDS $2 c=$3: $xps exchanges/s p50 $(field x_p50_ms "$r") ms p99 $(field x_p99_ms "$r") ms, server $cores cores ($per_core exchanges/s/core), wrk $(field wrk_cores "$r") cores, other processes $(field other_cores "$r") cores, failures $failures"
}
run_rounds

med() { raw_median "$RAW" "$@"; }
sum() { raw_sum "$RAW" "$@"; }

{
  echo "| target | conns | exchanges/s | p50 ms | p99 ms | server cores used | exchanges/s per server core | failures |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for c in $CONNS; do
    for t in "${TARGETS[@]}"; do
      printf '| %s | %s | %.0f | %.1f | %.1f | %.2f | %.0f | %s |\n' "$t" "$c" "$(med "$t" "$c" xps)" \
        "$(med "$t" "$c" x_p50_ms)" "$(med "$t" "$c" x_p99_ms)" "$(med "$t" "$c" server_cores)" \
        "$(med "$t" "$c" xps_per_core)" "$(sum "$t" "$c" failures)"
    done
  done
  echo
  echo "One exchange = permission ticket request + ticket-for-RPT token request. Medians of $ROUNDS interleaved rounds of ${DURATION}s per target and connection count (after a ${WARMUP}s warm-up per target); latency is the full exchange (both requests); wrk one thread per connection; server cores = CPU-seconds per second of the server JVM. Raw: $(basename "$RAW")."
  if [[ " ${TARGETS[*]} " == *" concord "* && " ${TARGETS[*]} " == *" keycloak "* ]]; then
    echo
    for c in $CONNS; do
      echo "- $c connections: Concord / Keycloak exchanges/s per server core = **$(awk -v a="$(med concord "$c" xps_per_core)" -v b="$(med keycloak "$c" xps_per_core)" 'BEGIN { printf "%.2f", a / b }')x**"
    done
  fi
} | tee "$MD"
log "results: $MD (raw $RAW)"
