#!/usr/bin/env bash
# One-shot side-by-side run: start Keycloak and Concord, run the load script(s) interleaved, and
# always stop both servers afterwards (EXIT/INT/TERM trap).
set -euo pipefail
# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

usage() {
  cat <<USAGE
Usage: bench/lib/compare.sh token|uma|all [load-script options, e.g. -r 3 -d 20]

  1. bench/keycloak.sh fetch, start, configure (realm concord-bench)
  2. bench/lib/concord-server.sh start (authz-server/target/concord-server.jar, demo profile,
     temporary working directory; build the jar first: mvn -q -o -DskipTests package)
  3. bench/token-load.sh concord keycloak  and/or  bench/uma-load.sh concord keycloak
  4. stops both servers, also on failure or Ctrl-C
Concord's clients: CONCORD_CLIENT_ID / CONCORD_CLIENT_SECRET (token) and CONCORD_RS_ID/_SECRET,
CONCORD_CLIENT_ID/_SECRET, CONCORD_RESOURCE_ID (uma) if set (e.g. demo data), otherwise registered by
bench/lib/concord-setup.sh through the admin API as a bootstrap administrator
(CONCORD_BOOTSTRAP_ADMIN_USERNAME / _PASSWORD, default: the demo profile's administrator).
Both JVMs: same JDK (temurin 25) and heap (BENCH_HEAP, default -Xms1g -Xmx1g).
Signature algorithm, the same on both: BENCH_ALG=RS256 (default; 3072-bit keys, KC_RSA_KEY_SIZE and
--concord.keys.rsa-key-size to change) or BENCH_ALG=ES256 (P-256: Keycloak's realm gets an active
ecdsa-generated key as its default signature algorithm, Concord runs with --concord.keys.algorithm=ES256).
USAGE
}

what="${1:-}"; shift || true
case "$what" in token|uma|all) ;; -h|--help) usage; exit 0 ;; *) usage >&2; exit 2 ;; esac

cleanup() {
  "$BENCH_LIB/concord-server.sh" stop || true
  "$BENCH_DIR/keycloak.sh" stop || true
}
export BENCH_ALG="${BENCH_ALG:-RS256}"
case "$BENCH_ALG" in
  RS256) ;;
  ES256) export CONCORD_EXTRA_ARGS="${CONCORD_EXTRA_ARGS:-} --concord.keys.algorithm=ES256" ;;
  *) die "BENCH_ALG must be RS256 or ES256" ;;
esac

trap cleanup EXIT
trap 'exit 130' INT TERM

"$BENCH_DIR/keycloak.sh" fetch
"$BENCH_DIR/keycloak.sh" start
"$BENCH_DIR/keycloak.sh" configure
# A bootstrap administrator, so lib/concord-setup.sh can register the benchmark's client when no
# demo client is given (CONCORD_CLIENT_ID / CONCORD_CLIENT_SECRET).
# Concord runs with the demo profile, whose seeded administrator may exist before the bootstrap one would be
# created (the bootstrap admin is only made when no admin exists): log in as the demo administrator by default.
export CONCORD_BOOTSTRAP_ADMIN_USERNAME="${CONCORD_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export CONCORD_BOOTSTRAP_ADMIN_PASSWORD="${CONCORD_BOOTSTRAP_ADMIN_PASSWORD:-concord-demo-admin}"
"$BENCH_LIB/concord-server.sh" start
concord_alg="$(curl -sS --max-time 5 "http://127.0.0.1:${CONCORD_PORT:-8080}/oauth2/jwks" | jq -r '.keys[0].alg // empty')"
[[ "$concord_alg" == "$BENCH_ALG" ]] || die "Concord signs with '$concord_alg', not $BENCH_ALG"
log "both servers sign $BENCH_ALG"
export CONCORD_PID_FILE KEYCLOAK_PID_FILE
CONCORD_PID_FILE="$("$BENCH_LIB/concord-server.sh" pid-file)"
KEYCLOAK_PID_FILE="$BENCH_DIR/.keycloak/keycloak.pid"
log "versions: Keycloak ${KC_VERSION:-26.7.3}, JDK $("${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" -version 2>&1 | head -n1), wrk $(wrk -v 2>&1 | head -n1 | cut -d' ' -f2)"

if [[ "$what" == token || "$what" == all ]]; then
  (
    if [[ -z "${CONCORD_CLIENT_ID:-}" || -z "${CONCORD_CLIENT_SECRET:-}" ]]; then
      creds="$("$BENCH_LIB/concord-setup.sh" token)" || exit 1
      set -a; eval "$creds"; set +a
    fi
    "$BENCH_DIR/token-load.sh" "$@" concord keycloak
  )
fi
if [[ "$what" == uma || "$what" == all ]]; then
  (
    if [[ -z "${CONCORD_RS_ID:-}" || -z "${CONCORD_RESOURCE_ID:-}" ]]; then
      creds="$("$BENCH_LIB/concord-setup.sh" uma)" || exit 1
      set -a; eval "$creds"; set +a
    fi
    "$BENCH_DIR/uma-load.sh" "$@" concord keycloak
  )
fi
