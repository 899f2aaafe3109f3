#!/usr/bin/env bash
# Fetch, start, configure, stop a local Keycloak for the Concord benchmarks. Loopback only.
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/common.sh"

KC_VERSION="${KC_VERSION:-26.7.3}"
KC_BASE="$BENCH_DIR/.keycloak"
KC_HOME="$KC_BASE/keycloak-$KC_VERSION"
KC_PID_FILE="$KC_BASE/keycloak.pid"
KC_LOG="$KC_BASE/keycloak.log"
KC_PORT="${KC_PORT:-8180}"
KC_URL="http://127.0.0.1:$KC_PORT"
KC_JAVA_HOME="${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
KC_ADMIN_USER="${KC_ADMIN_USER:-admin}"
KC_ADMIN_PASSWORD="${KC_ADMIN_PASSWORD:-admin-bench-only}"
# Same heap for both servers (token-load.sh / README document the Concord side).
BENCH_HEAP="${BENCH_HEAP:--Xms1g -Xmx1g}"
KC_START_TIMEOUT="${KC_START_TIMEOUT:-240}"
# dev = kc.sh start-dev (the default); prod = kc.sh start (production mode: optimised build, HTTP allowed,
# local caches only so nothing clusters or listens beyond loopback, same dev-file database).
KC_MODE="${KC_MODE:-dev}"

REALM="${KC_REALM:-concord-bench}"
CLIENT_ID="${KC_CLIENT_ID:-bench-client}"
CLIENT_SECRET="${KC_CLIENT_SECRET:-bench-client-secret}"
RS_ID="${KC_RS_ID:-bench-rs}"
RS_SECRET="${KC_RS_SECRET:-bench-rs-secret}"
RESOURCE_NAME="${KC_RESOURCE_NAME:-bench-summary-1}"
RESOURCE_TYPE="${KC_RESOURCE_TYPE:-urn:concord:category:summary}"
# Concord's client_credentials access tokens live 15 minutes (concord.tokens.client-credentials-ttl); match it.
TOKEN_LIFESPAN="${KC_TOKEN_LIFESPAN:-900}"
# RS256 signing key size: Concord generates 3072-bit RSA keys (concord.keys.rsa-key-size); Keycloak's
# default generated key is 2048-bit. configure adds an active rsa-generated key of this size with a
# higher priority than the default one, so both servers sign with the same key size.
RSA_KEY_SIZE="${KC_RSA_KEY_SIZE:-3072}"
# Signature algorithm of the realm's tokens: RS256 (default) or ES256. ES256 adds an active ecdsa-generated P-256 key
# (priority 200) and makes ES256 the realm's default signature algorithm and both clients' access-token algorithm;
# run Concord with --concord.keys.algorithm=ES256 beside it (bench/lib/compare.sh does so for BENCH_ALG=ES256).
SIG_ALG="${KC_SIG_ALG:-${BENCH_ALG:-RS256}}"
case "$SIG_ALG" in RS256|ES256) ;; *) echo "KC_SIG_ALG / BENCH_ALG must be RS256 or ES256, not $SIG_ALG" >&2; exit 2 ;; esac

usage() {
  cat <<USAGE
Usage: bench/keycloak.sh fetch|start|configure|stop|status|env

  fetch      download org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip from Maven Central (mvn)
             and unzip it into bench/.keycloak/ (gitignored)
  start      start Keycloak in the background: kc.sh start-dev (KC_MODE=prod: kc.sh start with
             HTTP, local caches, dev-file DB) on $KC_URL (127.0.0.1 only),
             JDK $KC_JAVA_HOME, heap "$BENCH_HEAP"; waits until ready (<= ${KC_START_TIMEOUT}s)
  configure  create realm '$REALM' (token lifespan ${TOKEN_LIFESPAN}s, $SIG_ALG: RS256 with a ${RSA_KEY_SIZE}-bit key or ES256 with P-256), confidential client
             '$CLIENT_ID' (client_credentials), UMA resource server '$RS_ID' with resource
             '$RESOURCE_NAME' (type $RESOURCE_TYPE, scope read) and a client policy + scope
             permission granting '$CLIENT_ID'. Idempotent: recreates the realm.
  stop       stop Keycloak (TERM, then KILL after 30 s)
  status     running or not, pid, listening sockets
  env        print the variables the load scripts use (ids, secrets, URLs, resource id)

Environment: KC_MODE (dev|prod) KC_SIG_ALG or BENCH_ALG (RS256|ES256) KC_RSA_KEY_SIZE KC_VERSION KC_PORT KC_JAVA_HOME KC_ADMIN_USER KC_ADMIN_PASSWORD BENCH_HEAP
             KC_CLIENT_ID KC_CLIENT_SECRET KC_RS_ID KC_RS_SECRET KC_TOKEN_LIFESPAN
USAGE
}

kc_pid() {
  [[ -f "$KC_PID_FILE" ]] || return 1
  local pid; pid="$(cat "$KC_PID_FILE")"
  [[ -n "$pid" ]] && pid_alive "$pid" && { echo "$pid"; return 0; }
  return 1
}

cmd_fetch() {
  if [[ -x "$KC_HOME/bin/kc.sh" ]]; then log "Keycloak $KC_VERSION already in $KC_HOME"; return 0; fi
  require_cmd mvn unzip
  mkdir -p "$KC_BASE/dist"
  log "fetching org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip with Maven"
  mvn -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" \
      -DoutputDirectory="$KC_BASE/dist"
  unzip -q -o "$KC_BASE/dist/keycloak-quarkus-dist-$KC_VERSION.zip" -d "$KC_BASE"
  rm -f "$KC_BASE/dist/keycloak-quarkus-dist-$KC_VERSION.zip"
  log "Keycloak $KC_VERSION unpacked in $KC_HOME"
}

cmd_start() {
  [[ -x "$KC_HOME/bin/kc.sh" ]] || die "Keycloak not fetched: run bench/keycloak.sh fetch"
  [[ -x "$KC_JAVA_HOME/bin/java" ]] || die "no JDK at $KC_JAVA_HOME (set KC_JAVA_HOME)"
  if pid="$(kc_pid)"; then log "Keycloak already running (pid $pid)"; return 0; fi
  if curl -s -o /dev/null --max-time 2 "$KC_URL/"; then die "something already listens on $KC_URL"; fi
  local mode_args
  case "$KC_MODE" in
    dev) mode_args=(start-dev) ;;
    prod) mode_args=(start --http-enabled=true --hostname-strict=false --cache=local --db=dev-file) ;;
    *) die "KC_MODE must be dev or prod" ;;
  esac
  log "starting Keycloak $KC_VERSION (kc.sh ${mode_args[*]}) on $KC_URL (log: $KC_LOG)"
  # setsid: own process group so stop can signal kc.sh and its java child together.
  JAVA_HOME="$KC_JAVA_HOME" JAVA_OPTS_KC_HEAP="$BENCH_HEAP" \
  KC_BOOTSTRAP_ADMIN_USERNAME="$KC_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KC_ADMIN_PASSWORD" \
    setsid "$KC_HOME/bin/kc.sh" "${mode_args[@]}" --http-host 127.0.0.1 --http-port "$KC_PORT" \
      --health-enabled=false --metrics-enabled=false \
      </dev/null >"$KC_LOG" 2>&1 &
  echo $! >"$KC_PID_FILE"
  local start; start="$(date +%s)"
  while ! wait_http_200 "$KC_URL/realms/master/.well-known/openid-configuration" 2; do
    if ! kc_pid >/dev/null; then tail -n 30 "$KC_LOG" >&2; die "Keycloak exited during start-up"; fi
    if (( $(date +%s) - start > KC_START_TIMEOUT )); then
      tail -n 30 "$KC_LOG" >&2; cmd_stop; die "Keycloak not ready after ${KC_START_TIMEOUT}s"
    fi
  done
  log "Keycloak ready in $(( $(date +%s) - start ))s (pid $(cat "$KC_PID_FILE"), java pid $(java_pid_of "$(cat "$KC_PID_FILE")"))"
  check_listeners
}

# Keycloak must listen on loopback only.
check_listeners() {
  local pid jpid bad
  pid="$(kc_pid)" || return 0
  jpid="$(java_pid_of "$pid")"
  command -v ss >/dev/null 2>&1 || { log "ss not installed; cannot list Keycloak's sockets"; return 0; }
  ss -Hltnp | grep -E "pid=($pid|$jpid)," | awk '{print "  listening: " $4}' >&2 || true
  bad="$(ss -Hltnp | grep -E "pid=($pid|$jpid)," | awk '{print $4}' | grep -vE '^(127\.[0-9.]+|\[::1\]|\[::ffff:127\.[0-9.]+\]):' || true)"
  if [[ -n "$bad" ]]; then cmd_stop; die "Keycloak listened on a non-loopback address: $bad (stopped it)"; fi
}

cmd_stop() {
  local pid
  if ! pid="$(kc_pid)"; then log "Keycloak not running"; rm -f "$KC_PID_FILE"; return 0; fi
  log "stopping Keycloak (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do pid_alive "$pid" || break; sleep 1; done
  if pid_alive "$pid"; then
    log "still running after 30 s: KILL"; kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$KC_PID_FILE"
  log "Keycloak stopped"
}

cmd_status() {
  local pid
  if pid="$(kc_pid)"; then
    echo "Keycloak running: pid $pid (java pid $(java_pid_of "$pid")), $KC_URL"
    check_listeners
  else
    echo "Keycloak not running"; return 3
  fi
}

KCADM_CONFIG="$KC_BASE/kcadm.config"
kcadm() { JAVA_HOME="$KC_JAVA_HOME" "$KC_HOME/bin/kcadm.sh" "$@" --config "$KCADM_CONFIG"; }

cmd_configure() {
  kc_pid >/dev/null || die "Keycloak not running: run bench/keycloak.sh start"
  log "logging in to the admin API"
  kcadm config credentials --server "$KC_URL" --realm master --user "$KC_ADMIN_USER" \
      --password "$KC_ADMIN_PASSWORD" >/dev/null
  if kcadm get "realms/$REALM" >/dev/null 2>&1; then
    log "realm $REALM exists: deleting it to start clean"; kcadm delete "realms/$REALM"
  fi
  log "creating realm $REALM (access token lifespan ${TOKEN_LIFESPAN}s, $SIG_ALG)"
  kcadm create realms -s realm="$REALM" -s enabled=true -s accessTokenLifespan="$TOKEN_LIFESPAN" \
      -s defaultSignatureAlgorithm="$SIG_ALG" -s eventsEnabled=false -s adminEventsEnabled=false >/dev/null

  local realm_id
  realm_id="$(kcadm get "realms/$REALM" --fields id | jq -r .id)"
  if [[ "$SIG_ALG" == ES256 ]]; then
    log "adding an active ES256 key on P-256 (ecdsa-generated, priority 200)"
    kcadm create components -r "$REALM" -s name="ecdsa-p256-bench" -s providerId=ecdsa-generated \
        -s providerType=org.keycloak.keys.KeyProvider -s parentId="$realm_id" -s 'config.priority=["200"]' \
        -s 'config.enabled=["true"]' -s 'config.active=["true"]' -s 'config.ecdsaEllipticCurveKey=["P-256"]' \
        >/dev/null
  else
    log "adding an active RS256 key of $RSA_KEY_SIZE bits (priority 200, above the default key's 100)"
    kcadm create components -r "$REALM" -s name="rsa-$RSA_KEY_SIZE-bench" -s providerId=rsa-generated \
        -s providerType=org.keycloak.keys.KeyProvider -s parentId="$realm_id" -s 'config.priority=["200"]' \
        -s 'config.enabled=["true"]' -s 'config.active=["true"]' -s "config.keySize=[\"$RSA_KEY_SIZE\"]" \
        -s 'config.algorithm=["RS256"]' >/dev/null
  fi

  log "creating confidential client $CLIENT_ID (client_credentials)"
  local client_uuid rs_uuid
  client_uuid="$(kcadm create clients -r "$REALM" -i -s clientId="$CLIENT_ID" -s enabled=true \
      -s protocol=openid-connect -s publicClient=false -s clientAuthenticatorType=client-secret \
      -s secret="$CLIENT_SECRET" -s serviceAccountsEnabled=true -s standardFlowEnabled=false \
      -s directAccessGrantsEnabled=false -s implicitFlowEnabled=false \
      -s "attributes.\"access.token.signed.response.alg\"=$SIG_ALG")"

  log "creating UMA resource server $RS_ID (Authorization Services enabled)"
  rs_uuid="$(kcadm create clients -r "$REALM" -i -s clientId="$RS_ID" -s enabled=true \
      -s protocol=openid-connect -s publicClient=false -s clientAuthenticatorType=client-secret \
      -s secret="$RS_SECRET" -s serviceAccountsEnabled=true -s authorizationServicesEnabled=true \
      -s standardFlowEnabled=false -s directAccessGrantsEnabled=false \
      -s "attributes.\"access.token.signed.response.alg\"=$SIG_ALG")"
  local authz="clients/$rs_uuid/authz/resource-server"

  # Drop the defaults Keycloak creates (a grant-all "Default Policy"), so only our policy decides.
  local id
  for id in $(kcadm get "$authz/permission" -r "$REALM" --fields id --format csv --noquotes); do
    kcadm delete "$authz/permission/$id" -r "$REALM" >/dev/null; done
  for id in $(kcadm get "$authz/policy" -r "$REALM" --fields id --format csv --noquotes); do
    kcadm delete "$authz/policy/$id" -r "$REALM" >/dev/null 2>&1 || true; done
  for id in $(kcadm get "$authz/resource" -r "$REALM" --fields _id --format csv --noquotes); do
    kcadm delete "$authz/resource/$id" -r "$REALM" >/dev/null; done
  kcadm update "$authz" -r "$REALM" -s policyEnforcementMode=ENFORCING -s decisionStrategy=UNANIMOUS \
      -s allowRemoteResourceManagement=true

  log "creating scope read, resource $RESOURCE_NAME ($RESOURCE_TYPE), client policy and scope permission"
  local scope_id resource_id policy_id
  scope_id="$(kcadm create "$authz/scope" -r "$REALM" -o -s name=read | jq -r '.id')"
  resource_id="$(kcadm create "$authz/resource" -r "$REALM" -s name="$RESOURCE_NAME" \
      -s type="$RESOURCE_TYPE" -s ownerManagedAccess=false -s 'scopes=[{"name":"read"}]' -o \
      | jq -r '._id')"
  policy_id="$(kcadm create "$authz/policy/client" -r "$REALM" -s name="allow-$CLIENT_ID" \
      -s logic=POSITIVE -s decisionStrategy=UNANIMOUS -s "clients=[\"$client_uuid\"]" -o | jq -r '.id')"
  [[ -n "$scope_id" && -n "$resource_id" && -n "$policy_id" ]] \
    || die "authorization setup incomplete (scope '$scope_id' resource '$resource_id' policy '$policy_id')"
  kcadm create "$authz/permission/scope" -r "$REALM" -s name="read-summary-for-$CLIENT_ID" \
      -s decisionStrategy=UNANIMOUS -s "resources=[\"$resource_id\"]" -s "scopes=[\"$scope_id\"]" \
      -s "policies=[\"$policy_id\"]" >/dev/null
  printf '%s\n' "$resource_id" >"$KC_BASE/resource-id"
  log "configured: resource id $resource_id"
  smoke_test
}

# One token and one full UMA exchange, checked, so a broken setup fails here and not under load.
smoke_test() {
  local token_url="$KC_URL/realms/$REALM/protocol/openid-connect/token" resp tok pat ticket rpt resource_id
  resource_id="$(cat "$KC_BASE/resource-id")"
  resp="$(curl -sS -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$token_url")"
  tok="$(jq -r '.access_token // empty' <<<"$resp")"
  [[ -n "$tok" ]] || die "client_credentials failed: $resp"
  local kid bits alg
  kid="$(jwt_header "$tok" | jq -r .kid)"
  alg="$(jwt_header "$tok" | jq -r .alg)"
  [[ "$alg" == "$SIG_ALG" ]] || die "expected $SIG_ALG tokens, got alg $alg"
  bits="$(curl -sS "$KC_URL/realms/$REALM/protocol/openid-connect/certs" \
      | jq -r --arg k "$kid" '.keys[] | select(.kid == $k) | if .kty == "EC" then .crv else (.n | length * 6 | . - (. % 1024) | tostring) + " bits" end')"
  log "client_credentials OK: header $(jwt_header "$tok" | jq -c .), signing key ${bits}, expires_in $(jq -r .expires_in <<<"$resp")"
  pat="$(curl -sS -u "$RS_ID:$RS_SECRET" -d grant_type=client_credentials "$token_url" | jq -r .access_token)"
  resp="$(curl -sS -H "Authorization: Bearer $pat" -H 'Content-Type: application/json' \
      -d "[{\"resource_id\":\"$resource_id\",\"resource_scopes\":[\"read\"]}]" \
      "$KC_URL/realms/$REALM/authz/protection/permission")"
  ticket="$(jq -r '.ticket // empty' <<<"$resp")"
  [[ -n "$ticket" ]] || die "permission ticket request failed: $resp"
  resp="$(curl -sS -H "Authorization: Bearer $tok" \
      --data-urlencode grant_type=urn:ietf:params:oauth:grant-type:uma-ticket \
      --data-urlencode "ticket=$ticket" "$token_url")"
  rpt="$(jq -r '.access_token // empty' <<<"$resp")"
  [[ -n "$rpt" ]] || die "UMA ticket exchange failed: $resp"
  [[ "$(jwt_header "$rpt" | jq -r .alg)" == "$SIG_ALG" ]] || die "expected an $SIG_ALG RPT, got $(jwt_header "$rpt" | jq -c .)"
  # Negative check: the resource server's own token is not granted by the policy.
  resp="$(curl -sS -H "Authorization: Bearer $pat" \
      --data-urlencode grant_type=urn:ietf:params:oauth:grant-type:uma-ticket \
      --data-urlencode "ticket=$(curl -sS -H "Authorization: Bearer $pat" -H 'Content-Type: application/json' \
          -d "[{\"resource_id\":\"$resource_id\",\"resource_scopes\":[\"read\"]}]" \
          "$KC_URL/realms/$REALM/authz/protection/permission" | jq -r .ticket)" "$token_url")"
  [[ "$(jq -r '.error // empty' <<<"$resp")" == access_denied ]] \
    || die "expected access_denied for a requesting party the policy does not grant, got: $resp"
  log "UMA exchange OK (and denied to $RS_ID, which the policy does not grant): RPT permissions $(cut -d. -f2 <<<"$rpt" | tr '_-' '/+' | base64 -d 2>/dev/null | jq -c '.authorization.permissions' 2>/dev/null || echo '?')"
}

cmd_env() {
  cat <<ENV
KEYCLOAK_TOKEN_URL=$KC_URL/realms/$REALM/protocol/openid-connect/token
KEYCLOAK_PERMISSION_URL=$KC_URL/realms/$REALM/authz/protection/permission
KEYCLOAK_CLIENT_ID=$CLIENT_ID
KEYCLOAK_CLIENT_SECRET=$CLIENT_SECRET
KEYCLOAK_RS_ID=$RS_ID
KEYCLOAK_RS_SECRET=$RS_SECRET
KEYCLOAK_RESOURCE_ID=$(cat "$KC_BASE/resource-id" 2>/dev/null || echo unknown-run-configure)
KEYCLOAK_PID_FILE=$KC_PID_FILE
ENV
}

case "${1:-}" in
  fetch) cmd_fetch ;;
  start) cmd_start ;;
  configure) cmd_configure ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) cmd_env ;;
  smoke) smoke_test ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
