#!/usr/bin/env bash
# The agency kit's overhead on a FHIR read: Concord (demo profile), the example hospital FHIR server protected by
# the kit and the same server unprotected, all from their packaged jars on loopback; then bench/agency/AgencyKitBench.java
# (cached-RPT read vs plain read, interleaved; first read end to end). Everything started is stopped on exit.
#   bench/agency-kit.sh                 ITERATIONS=5000 FIRST_READS=300 by default
# Needs: the packaged jars (mvn -B -ntp -q -o -pl authz-server,examples/agency-fhir-server -am -DskipTests package).
set -euo pipefail
# shellcheck source=lib/common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/common.sh"

REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
ITERATIONS="${ITERATIONS:-5000}"
FIRST_READS="${FIRST_READS:-300}"
CONCORD_PORT="${CONCORD_PORT:-18510}"
PROTECTED_PORT="${PROTECTED_PORT:-18511}"
PLAIN_PORT="${PLAIN_PORT:-18512}"
JAVA_HOME_BENCH="${CONCORD_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[[ -x "$JAVA_HOME_BENCH/bin/java" ]] || JAVA_HOME_BENCH="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
FHIR_JAR="$REPO_DIR/examples/agency-fhir-server/target/agency-fhir-server.jar"
STATE="$(mktemp -d "${TMPDIR:-/tmp}/agency-bench.XXXXXX")"
ISSUER="http://127.0.0.1:$CONCORD_PORT"
[[ -f "$FHIR_JAR" ]] || die "no $FHIR_JAR: mvn -B -ntp -q -o -pl authz-server,examples/agency-fhir-server -am -DskipTests package"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  CONCORD_PORT="$CONCORD_PORT" CONCORD_BENCH_STATE="$STATE/concord" "$BENCH_LIB/concord-server.sh" stop || true
  rm -rf "$STATE"
}
trap cleanup EXIT

log "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
CONCORD_PORT="$CONCORD_PORT" CONCORD_BENCH_STATE="$STATE/concord" CONCORD_JAVA_HOME="$JAVA_HOME_BENCH" \
  CONCORD_EXTRA_ARGS="--concord.issuer=$ISSUER --logging.level.root=WARN" "$BENCH_LIB/concord-server.sh" start

start_fhir() { # port, extra args...
  local port="$1"; shift
  "$JAVA_HOME_BENCH/bin/java" -Xmx512m -jar "$FHIR_JAR" --server.address=127.0.0.1 --server.port="$port" \
    --concord.agency.issuer="$ISSUER" --logging.level.root=WARN "$@" >"$STATE/fhir-$port.log" 2>&1 &
  pids+=("$!")
}
start_fhir "$PROTECTED_PORT"
start_fhir "$PLAIN_PORT" --agency.fhir.unprotected-for-benchmark=true
for port in "$PROTECTED_PORT" "$PLAIN_PORT"; do
  for _ in $(seq 1 300); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/fhir/metadata" && break
    sleep 1
  done
done

CP_FILE="$STATE/kit.classpath"
(cd "$REPO_DIR" && mvn -B -ntp -q -o -pl agency-kit dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null)
[[ -d "$REPO_DIR/agency-kit/target/classes/care" ]] || (cd "$REPO_DIR" && mvn -B -ntp -q -o -pl agency-kit compile)
log "running: $ITERATIONS interleaved plain / cached-RPT reads, $FIRST_READS first reads"
"$JAVA_HOME_BENCH/bin/java" -cp "$REPO_DIR/agency-kit/target/classes:$(cat "$CP_FILE")" \
  "$BENCH_DIR/agency/AgencyKitBench.java" "$ISSUER" "http://127.0.0.1:$PROTECTED_PORT/fhir" \
  "http://127.0.0.1:$PLAIN_PORT/fhir" "$ITERATIONS" "$FIRST_READS"
log "load after the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
