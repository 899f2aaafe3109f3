#!/usr/bin/env bash
# Start/stop the Concord server for the benchmarks: the packaged jar, run from a temporary working
# directory (so its H2 ./data is throw-away), on 127.0.0.1 only, with the same JVM and heap as Keycloak.
set -euo pipefail
# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

REPO_DIR="$(cd "$BENCH_DIR/.." && pwd)"
CONCORD_JAR="${CONCORD_JAR:-$REPO_DIR/authz-server/target/concord-server.jar}"
CONCORD_PORT="${CONCORD_PORT:-8080}"
CONCORD_PROFILES="${CONCORD_PROFILES:-demo}"
# Same JDK and heap as bench/keycloak.sh by default (Keycloak 26 needs Java >= 21; Concord targets 17).
CONCORD_JAVA_HOME="${CONCORD_JAVA_HOME:-${KC_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}"
BENCH_HEAP="${BENCH_HEAP:--Xms1g -Xmx1g}"
CONCORD_JAVA_OPTS="${CONCORD_JAVA_OPTS:--XX:+UseG1GC -XX:+ExitOnOutOfMemoryError}"
CONCORD_EXTRA_ARGS="${CONCORD_EXTRA_ARGS:-}"
STATE_DIR="${CONCORD_BENCH_STATE:-${TMPDIR:-/tmp}/concord-bench}"
PID_FILE="$STATE_DIR/concord.pid"
START_TIMEOUT="${CONCORD_START_TIMEOUT:-180}"

usage() {
  cat <<USAGE
Usage: bench/lib/concord-server.sh start|stop|status|pid-file

  start   java $BENCH_HEAP $CONCORD_JAVA_OPTS -jar $CONCORD_JAR
            --spring.profiles.active=$CONCORD_PROFILES --server.address=127.0.0.1 --server.port=$CONCORD_PORT
          from a fresh temporary working directory under $STATE_DIR (its ./data is discarded on stop);
          JDK $CONCORD_JAVA_HOME; waits until /actuator/health/readiness is UP (<= ${START_TIMEOUT}s)
  stop    stop it (TERM, KILL after 30 s), keep its log in bench/results/concord-<time>.log and
          delete the working directory
  status  running or not
  pid-file  print the pid file's path (for CONCORD_PID_FILE)
USAGE
}

running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE")"
  [[ -n "$pid" ]] && pid_alive "$pid" && { echo "$pid"; return 0; }
  return 1
}

concord_ready() {
  local base="http://127.0.0.1:$CONCORD_PORT" code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/actuator/health/readiness" || true)"
  [[ "$code" == 200 ]] && return 0
  # No readiness probe exposed: fall back to the authorization server metadata.
  [[ "$code" == 404 ]] && wait_http_200 "$base/.well-known/oauth-authorization-server" 1 && return 0
  sleep 1; return 1
}

cmd_start() {
  [[ -f "$CONCORD_JAR" ]] || die "no jar at $CONCORD_JAR: cd $REPO_DIR && mvn -q -o -DskipTests package"
  if pid="$(running_pid)"; then log "Concord already running (pid $pid)"; return 0; fi
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$CONCORD_PORT/"; then die "something already listens on 127.0.0.1:$CONCORD_PORT"; fi
  mkdir -p "$STATE_DIR"
  local work; work="$(mktemp -d "$STATE_DIR/run.XXXXXX")"
  echo "$work" >"$STATE_DIR/workdir"
  # Run a copy: the tree's jar may be rebuilt by others while the benchmark runs.
  cp "$CONCORD_JAR" "$work/concord-server.jar"
  log "starting Concord ($CONCORD_JAR, $(date -u -r "$CONCORD_JAR" +%FT%TZ), profiles $CONCORD_PROFILES) in $work on 127.0.0.1:$CONCORD_PORT"
  # shellcheck disable=SC2086
  ( cd "$work" && exec setsid "$CONCORD_JAVA_HOME/bin/java" $BENCH_HEAP $CONCORD_JAVA_OPTS -jar "$work/concord-server.jar" \
      --spring.profiles.active="$CONCORD_PROFILES" --server.address=127.0.0.1 --server.port="$CONCORD_PORT" \
      $CONCORD_EXTRA_ARGS </dev/null >"$work/concord.log" 2>&1 ) &
  echo $! >"$PID_FILE"
  local start; start="$(date +%s)"
  # Ready = readiness probe UP, which Spring Boot reports only after the application runners (e.g. the
  # console client's registration) have run; the discovery document alone answers earlier.
  until concord_ready; do
    if ! running_pid >/dev/null; then tail -n 40 "$work/concord.log" >&2; die "Concord exited during start-up"; fi
    if (( $(date +%s) - start > START_TIMEOUT )); then
      tail -n 40 "$work/concord.log" >&2; cmd_stop; die "Concord not ready after ${START_TIMEOUT}s"
    fi
  done
  log "Concord ready in $(( $(date +%s) - start ))s (pid $(cat "$PID_FILE"), log $work/concord.log)"
}

cmd_stop() {
  local pid work
  if pid="$(running_pid)"; then
    log "stopping Concord (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do pid_alive "$pid" || break; sleep 1; done
    if pid_alive "$pid"; then log "still running after 30 s: KILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    log "Concord stopped"
  else
    log "Concord not running"
  fi
  rm -f "$PID_FILE"
  work="$(cat "$STATE_DIR/workdir" 2>/dev/null || true)"
  if [[ -n "$work" && -d "$work" && "$work" == "$STATE_DIR"/run.* ]]; then
    cp "$work/concord.log" "$STATE_DIR/last-concord.log" 2>/dev/null || true
    mkdir -p "$BENCH_DIR/results"; cp "$work/concord.log" "$BENCH_DIR/results/concord-$(date -u +%Y%m%dT%H%M%SZ).log" 2>/dev/null || true
    rm -rf "$work"
  fi
  rm -f "$STATE_DIR/workdir"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) if pid="$(running_pid)"; then echo "Concord running: pid $pid"; else echo "Concord not running"; exit 3; fi ;;
  pid-file) echo "$PID_FILE" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
