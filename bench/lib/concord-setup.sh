#!/usr/bin/env bash
# Registers the benchmark's own agency and client_credentials client on a running Concord, through the
# admin API, logged in as the bootstrap administrator via the console's public client (authorization
# code + PKCE, as the console does). For when the demo profile's seeded clients are not available.
# Prints eval-able CONCORD_...=... lines. Loopback only.
#   token (default): one client_credentials client -> CONCORD_CLIENT_ID, CONCORD_CLIENT_SECRET
#   uma: a resource server (agency BENCH1, gp, scope uma_protection) with a registered resource (summary of
#        test NHS number 9434765919) and a requesting client (agency BENCH2, acute-hospital, scopes
#        uma_authorization decision) that declares a care relationship with that citizen ->
#        CONCORD_RS_ID/_SECRET, CONCORD_CLIENT_ID/_SECRET, CONCORD_RESOURCE_ID
set -euo pipefail
# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

BASE="${CONCORD_BASE:-http://127.0.0.1:8080}"
ADMIN_USER="${CONCORD_BOOTSTRAP_ADMIN_USERNAME:-}"
ADMIN_PASSWORD="${CONCORD_BOOTSTRAP_ADMIN_PASSWORD:-}"
AGENCY="${CONCORD_BENCH_AGENCY:-BENCH1}"
AGENCY_TYPE="${CONCORD_BENCH_AGENCY_TYPE:-gp}"
CLIENT_SCOPES="${CONCORD_BENCH_SCOPES:-decision}"

SUBJECT="${CONCORD_BENCH_SUBJECT:-9434765919}"   # a valid test NHS number

usage() {
  cat <<USAGE
Usage: CONCORD_BOOTSTRAP_ADMIN_USERNAME=.. CONCORD_BOOTSTRAP_ADMIN_PASSWORD=.. bench/lib/concord-setup.sh [token|uma]

Concord must have been started with the same CONCORD_BOOTSTRAP_ADMIN_* environment.
  token  registers agency $AGENCY ($AGENCY_TYPE) and a client_credentials client (scopes: $CLIENT_SCOPES);
         prints CONCORD_CLIENT_ID=... CONCORD_CLIENT_SECRET=...
  uma    registers a resource server, a resource and a requesting client with a care relationship
         (see the header of this file); prints CONCORD_RS_ID, CONCORD_RS_SECRET, CONCORD_CLIENT_ID,
         CONCORD_CLIENT_SECRET, CONCORD_RESOURCE_ID
USAGE
}
MODE="${1:-token}"
case "$MODE" in token|uma) ;; -h|--help) usage; exit 0 ;; *) usage >&2; exit 2 ;; esac
[[ -n "$ADMIN_USER" && -n "$ADMIN_PASSWORD" ]] || { usage >&2; exit 2; }
require_loopback_url "$BASE"
require_cmd curl jq openssl

jar="$(mktemp)"; trap 'rm -f "$jar"' EXIT
c() { curl -sS --max-time 15 -c "$jar" -b "$jar" "$@"; }
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }

verifier="$(head -c 32 /dev/urandom | b64url)"
challenge="$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | b64url)"
redirect="$BASE/console/callback"
authorize="$BASE/oauth2/authorize?response_type=code&client_id=concord-console&redirect_uri=$redirect&scope=openid%20profile&code_challenge=$challenge&code_challenge_method=S256&state=bench"

c -o /dev/null "$authorize"
csrf="$(c "$BASE/login" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//; s/"$//')"
[[ -n "$csrf" ]] || die "no CSRF token on $BASE/login"
next="$(c -o /dev/null -w '%{redirect_url}' --data-urlencode "username=$ADMIN_USER" \
    --data-urlencode "password=$ADMIN_PASSWORD" --data-urlencode "_csrf=$csrf" "$BASE/login")"
[[ "$next" == *"/oauth2/authorize"* ]] || die "login as $ADMIN_USER failed (redirected to '$next')"
callback="$(c -o /dev/null -w '%{redirect_url}' "$next")"
code="$(sed -nE 's/.*[?&]code=([^&]+).*/\1/p' <<<"$callback")"
[[ -n "$code" ]] || die "no authorization code (redirected to '$callback')"
token="$(c --data-urlencode grant_type=authorization_code --data-urlencode "code=$code" \
    --data-urlencode "redirect_uri=$redirect" --data-urlencode client_id=concord-console \
    --data-urlencode "code_verifier=$verifier" "$BASE/oauth2/token" | jq -r '.access_token // empty')"
[[ -n "$token" ]] || die "code exchange failed"
log "logged in to Concord as $ADMIN_USER"

api() { c -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

# register_client AGENCY ORG_TYPE "SCOPES" -> "client_id secret"
register_client() {
  local agency="$1" type="$2" scopes="$3" status resp id secret
  status="$(api -o /dev/null -w '%{http_code}' "$BASE/api/admin/agencies/$agency")"
  if [[ "$status" != 200 ]]; then
    api -f -o /dev/null -d "$(jq -cn --arg c "$agency" --arg t "$type" '{code: $c, name: ("Benchmark " + $c), org_type: $t}')" \
        "$BASE/api/admin/agencies" || die "registering agency $agency failed"
    log "registered agency $agency ($type)"
  fi
  resp="$(api -d "$(jq -cn --arg s "$scopes" '{grant_types: ["client_credentials"], token_endpoint_auth_method: "client_secret_basic", scopes: ($s | split(" "))}')" \
      "$BASE/api/admin/agencies/$agency/clients")"
  id="$(jq -r '.client_id // empty' <<<"$resp")"; secret="$(jq -r '.client_secret // empty' <<<"$resp")"
  [[ -n "$id" && -n "$secret" ]] || die "registering a client for $agency failed: $resp"
  log "registered client $id for $agency (scopes $scopes)"
  echo "$id $secret"
}

client_token() { # id secret scope
  local t
  t="$(c -u "$1:$2" -d grant_type=client_credentials --data-urlencode "scope=$3" "$BASE/oauth2/token" | jq -r '.access_token // empty')"
  [[ -n "$t" ]] || die "client_credentials for $1 (scope $3) failed"
  echo "$t"
}

if [[ "$MODE" == token ]]; then
  read -r id secret < <(register_client "$AGENCY" "$AGENCY_TYPE" "$CLIENT_SCOPES")
  printf 'CONCORD_CLIENT_ID=%s\nCONCORD_CLIENT_SECRET=%s\n' "$id" "$secret"
  exit 0
fi

read -r rs_id rs_secret < <(register_client "${CONCORD_BENCH_RS_AGENCY:-BENCH1}" gp uma_protection)
read -r rq_id rq_secret < <(register_client "${CONCORD_BENCH_RQ_AGENCY:-BENCH2}" acute-hospital "uma_authorization decision")
pat="$(client_token "$rs_id" "$rs_secret" uma_protection)"
resource="$(c -H "Authorization: Bearer $pat" -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg s "$SUBJECT" '{name: "Benchmark summary", type: "summary", resource_scopes: ["read"], subject: $s}')" \
    "$BASE/uma/resource_set" | jq -r '._id // empty')"
[[ -n "$resource" ]] || die "registering the resource failed"
log "registered resource $resource (summary of $SUBJECT)"
rq_token="$(client_token "$rq_id" "$rq_secret" decision)"
c -f -o /dev/null -H "Authorization: Bearer $rq_token" -H 'Content-Type: application/json' \
    -d "$(jq -cn --arg s "$SUBJECT" '{subject: $s}')" "$BASE/api/relationships" || die "declaring the care relationship failed"
log "declared a care relationship of ${CONCORD_BENCH_RQ_AGENCY:-BENCH2} with $SUBJECT"
printf 'CONCORD_RS_ID=%s\nCONCORD_RS_SECRET=%s\nCONCORD_CLIENT_ID=%s\nCONCORD_CLIENT_SECRET=%s\nCONCORD_RESOURCE_ID=%s\n' \
    "$rs_id" "$rs_secret" "$rq_id" "$rq_secret" "$resource"
