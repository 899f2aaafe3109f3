#!/usr/bin/env bash
# Registers the benchmark's own agency and client_credentials client on a running Concord, through the
# admin API, logged in as the bootstrap administrator via the console's public client (authorization
# code + PKCE, as the console does). For when the demo profile's seeded clients are not available.
# Prints CONCORD_CLIENT_ID=... and CONCORD_CLIENT_SECRET=... lines (eval-able). Loopback only.
set -euo pipefail
# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

BASE="${CONCORD_BASE:-http://127.0.0.1:8080}"
ADMIN_USER="${CONCORD_BOOTSTRAP_ADMIN_USERNAME:-}"
ADMIN_PASSWORD="${CONCORD_BOOTSTRAP_ADMIN_PASSWORD:-}"
AGENCY="${CONCORD_BENCH_AGENCY:-BENCH1}"
AGENCY_TYPE="${CONCORD_BENCH_AGENCY_TYPE:-gp}"
CLIENT_SCOPES="${CONCORD_BENCH_SCOPES:-decision}"

usage() {
  cat <<USAGE
Usage: CONCORD_BOOTSTRAP_ADMIN_USERNAME=.. CONCORD_BOOTSTRAP_ADMIN_PASSWORD=.. bench/lib/concord-setup.sh

Concord must have been started with the same CONCORD_BOOTSTRAP_ADMIN_* environment. Registers agency
$AGENCY ($AGENCY_TYPE) and a client_credentials client (scopes: $CLIENT_SCOPES) at $BASE and prints
  CONCORD_CLIENT_ID=...
  CONCORD_CLIENT_SECRET=...
USAGE
}
[[ "${1:-}" == -h || "${1:-}" == --help ]] && { usage; exit 0; }
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
status="$(api -o /dev/null -w '%{http_code}' "$BASE/api/admin/agencies/$AGENCY")"
if [[ "$status" != 200 ]]; then
  api -f -o /dev/null -d "$(jq -cn --arg c "$AGENCY" --arg t "$AGENCY_TYPE" '{code: $c, name: "Benchmark agency", org_type: $t}')" \
      "$BASE/api/admin/agencies" || die "registering agency $AGENCY failed"
  log "registered agency $AGENCY"
fi
resp="$(api -d "$(jq -cn --arg s "$CLIENT_SCOPES" '{grant_types: ["client_credentials"], token_endpoint_auth_method: "client_secret_basic", scopes: ($s | split(" "))}')" \
    "$BASE/api/admin/agencies/$AGENCY/clients")"
id="$(jq -r '.client_id // empty' <<<"$resp")"; secret="$(jq -r '.client_secret // empty' <<<"$resp")"
[[ -n "$id" && -n "$secret" ]] || die "registering the client failed: $resp"
log "registered client $id for $AGENCY"
printf 'CONCORD_CLIENT_ID=%s\nCONCORD_CLIENT_SECRET=%s\n' "$id" "$secret"
