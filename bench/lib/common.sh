# shellcheck shell=bash
# Shared helpers for the Concord benchmark scripts (sourced, not executed).

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_LIB="$BENCH_DIR/lib"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Loopback only: every URL the harness sends load to must be 127.0.0.0/8, localhost or [::1].
require_loopback_url() {
  local url="$1" host
  host="$(printf '%s' "$url" | sed -E 's#^[a-zA-Z]+://##; s#/.*$##; s#^(\[[^]]*\]|[^:]*).*#\1#')"
  case "$host" in
    localhost|\[::1\]|127.*) ;;
    *) die "refusing to send load to '$host' ($url): loopback (127.0.0.0/8, localhost, [::1]) only" ;;
  esac
}

require_wrk() {
  if ! command -v wrk >/dev/null 2>&1; then
    die "wrk not found. Install it from Debian:  apt-get update && apt-get install -y wrk"
  fi
}

require_cmd() {
  local c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || die "'$c' not found (apt-get install -y $c)"
  done
}

# The JVM of a server: the pid itself if it is java, else its java child
# (Keycloak's kc.sh may keep a shell parent and run java as a child).
java_pid_of() {
  local pid="$1" child
  [[ -r "/proc/$pid/stat" ]] || return 1
  if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == java ]]; then echo "$pid"; return 0; fi
  child="$(pgrep -P "$pid" -x java | head -n1 || true)"
  [[ -n "$child" ]] && { echo "$child"; return 0; }
  echo "$pid"
}

# CPU time (clock ticks) of the reaped children of a pid: /proc/<pid>/stat fields 16 and 17 (cutime+cstime).
child_cpu_ticks() {
  sed -E 's/^.*\) //' "/proc/$1/stat" | awk '{ print $14 + $15 }'
}

# Cumulative CPU time (user+system, in clock ticks) of a pid, from /proc/<pid>/stat fields 14 and 15.
cpu_ticks() {
  local pid="$1" rest
  rest="$(sed -E 's/^.*\) //' "/proc/$pid/stat")"   # strip "pid (comm) " (comm may contain spaces)
  # after stripping, field 1 is 'state' (stat field 3): utime is field 12, stime field 13
  awk '{ print $12 + $13 }' <<<"$rest"
}

clk_tck() { getconf CLK_TCK; }

# Median of numbers on stdin (one per line); empty input -> "n/a".
median() {
  sort -g | awk '{ a[NR] = $1 } END {
    if (NR == 0) { print "n/a"; exit }
    if (NR % 2) { print a[(NR + 1) / 2] } else { print (a[NR / 2] + a[NR / 2 + 1]) / 2 } }'
}

basic_auth() { printf '%s:%s' "$1" "$2" | base64 -w0; }

# Header of a JWT, decoded (for checking the signing algorithm).
jwt_header() {
  local h="${1%%.*}"
  h="$(printf '%s' "$h" | tr '_-' '/+')"
  while (( ${#h} % 4 )); do h="$h="; done
  printf '%s' "$h" | base64 -d 2>/dev/null
}

# Wait until a URL answers HTTP 200, at most $2 seconds.
wait_http_200() {
  local url="$1" timeout="${2:-120}" start
  start="$(date +%s)"
  while (( $(date +%s) - start < timeout )); do
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true)" == 200 ]]; then return 0; fi
    sleep 1
  done
  return 1
}

# Machine-wide busy jiffies and total jiffies from /proc/stat ("busy total").
machine_jiffies() {
  awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t; exit }' /proc/stat
}

# measure_wrk runs in command substitutions (subshells), so the pid of the running wrk is kept in a
# file that the calling script's EXIT/INT/TERM trap reads (stop_wrk).
# init_run_files creates them (load scripts only, before setting their trap); stop_wrk removes them.
WRK_PID_FILE=""
RUN_PID=""
RUN_OUT=""
init_run_files() {
  WRK_PID_FILE="$(mktemp "${TMPDIR:-/tmp}/bench-wrk-pid.XXXXXX")"
  RUN_OUT="$(mktemp "${TMPDIR:-/tmp}/bench-run-out.XXXXXX")"
}
stop_wrk() {
  local pid=""
  [[ -n "$WRK_PID_FILE" ]] && pid="$(cat "$WRK_PID_FILE" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2>/dev/null; then kill -TERM "$RUN_PID" 2>/dev/null || true; fi
  [[ -n "$WRK_PID_FILE" ]] && rm -f "$WRK_PID_FILE"
  [[ -n "$RUN_OUT" ]] && rm -f "$RUN_OUT"
  return 0
}

# run_measured CMD... : runs CMD in the background and waits for it (bash runs INT/TERM traps
# during 'wait', not while a foreground command substitution runs); CMD's stdout goes to $RUN_OUT.
run_measured() {
  "$@" >"$RUN_OUT" &
  RUN_PID=$!
  wait "$RUN_PID" || { RUN_PID=""; return 1; }
  RUN_PID=""
}

# measure_wrk SERVER_PID THREADS CONNS DURATION_S SCRIPT URL
# Runs one bounded wrk and samples the server JVM's CPU time around it. Prints one line:
#   "<BENCH_RESULT fields> server_cores=<cpu-s per s> wrk_cores=.. other_cores=.. machine_busy_pct=<%>"
# other_cores = machine busy cores - server - wrk: everything else on the (shared) machine.
measure_wrk() {
  local server_pid="$1" threads="$2" conns="$3" duration="$4" script="$5" url="$6"
  local jpid tck c0 c1 w0 w1 m0 m1 mt0 mt1 k0 k1 out line cores busy wrk_cores other
  require_loopback_url "$url"
  jpid="$(java_pid_of "$server_pid")" || die "server pid $server_pid is not running"
  tck="$(clk_tck)"
  out="$(mktemp)"
  local me="$BASHPID"   # this shell; inside $(...) BASHPID would be the substitution's subshell
  k0="$(child_cpu_ticks "$me")"
  c0="$(cpu_ticks "$jpid")"; read -r m0 mt0 < <(machine_jiffies); w0="$(date +%s.%N)"
  BENCH_LIB="$BENCH_LIB" timeout --signal=TERM "$(( duration + 30 ))" \
    wrk -t "$threads" -c "$conns" -d "${duration}s" --timeout 10s --latency -s "$script" "$url" >"$out" 2>&1 &
  echo $! >"$WRK_PID_FILE"
  wait $! || { : >"$WRK_PID_FILE"; cat "$out" >&2; rm -f "$out"; die "wrk failed"; }
  : >"$WRK_PID_FILE"
  w1="$(date +%s.%N)"; read -r m1 mt1 < <(machine_jiffies)
  kill -0 "$jpid" 2>/dev/null || { rm -f "$out"; die "server (pid $jpid) died during the run"; }
  c1="$(cpu_ticks "$jpid")"
  k1="$(child_cpu_ticks "$me")"   # includes timeout + wrk, reaped by the wait above
  line="$(grep '^BENCH_RESULT' "$out" || true)"
  if [[ -z "$line" ]]; then cat "$out" >&2; rm -f "$out"; die "no BENCH_RESULT from wrk"; fi
  rm -f "$out"
  cores="$(awk -v a="$c0" -v b="$c1" -v t="$tck" -v s="$w0" -v e="$w1" 'BEGIN { printf "%.3f", (b - a) / t / (e - s) }')"
  busy="$(awk -v a="$m0" -v b="$m1" -v ta="$mt0" -v tb="$mt1" 'BEGIN { printf "%.1f", 100 * (b - a) / (tb - ta) }')"
  wrk_cores="$(awk -v a="$k0" -v b="$k1" -v t="$tck" -v s="$w0" -v e="$w1" 'BEGIN { printf "%.3f", (b - a) / t / (e - s) }')"
  other="$(awk -v b="$busy" -v n="$(nproc)" -v c="$cores" -v w="$wrk_cores" 'BEGIN { o = b * n / 100 - c - w; printf "%.2f", (o < 0 ? 0 : o) }')"
  printf '%s server_cores=%s wrk_cores=%s other_cores=%s machine_busy_pct=%s\n' "${line#BENCH_RESULT }" "$cores" "$wrk_cores" "$other" "$busy"
}

# field NAME LINE -> value of NAME=value in a "k=v k=v" line
field() { tr ' ' '\n' <<<"$2" | awk -F= -v k="$1" '$1 == k { print $2; exit }'; }

# True if pid runs and is not a zombie (a background child that exited stays a zombie until reaped).
pid_alive() {
  local pid="$1" state
  kill -0 "$pid" 2>/dev/null || return 1
  state="$(sed -E 's/^.*\) ([A-Z]).*$/\1/' "/proc/$pid/stat" 2>/dev/null || echo Z)"
  [[ "$state" != Z ]]
}

# target_var TARGET NAME -> the value of e.g. CONCORD_URL (TARGET upper-cased, then _NAME).
target_var() { local v; v="$(tr '[:lower:]' '[:upper:]' <<<"$1")_$2"; printf '%s' "${!v:-}"; }

# target_pid TARGET -> the server's pid from TARGET_PID or the file TARGET_PID_FILE; dies unless it runs.
target_pid() {
  local t="$1" pid pf
  pid="$(target_var "$t" PID)"; pf="$(target_var "$t" PID_FILE)"
  if [[ -z "$pid" && -n "$pf" && -f "$pf" ]]; then pid="$(cat "$pf")"; fi
  [[ -n "$pid" ]] || die "$t: set $(tr '[:lower:]' '[:upper:]' <<<"$t")_PID (or _PID_FILE) to the server's pid"
  kill -0 "$pid" 2>/dev/null || die "$t: pid $pid is not running"
  echo "$pid"
}

# open_results KIND HEADER: sets RAW and MD to fresh result files RESULTS_DIR/KIND-<stamp>.tsv/.md and writes
# HEADER (tab-separated column names) as the first line of RAW.
open_results() {
  local stamp
  mkdir -p "$RESULTS_DIR"
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  RAW="$RESULTS_DIR/$1-$stamp.tsv"
  MD="$RESULTS_DIR/$1-$stamp.md"
  printf '%s\n' "$2" >"$RAW"
}

# warm_up KEY UNIT: one WARMUP-second run of the calling script's run_one per target at the largest connection
# count of CONNS, logging field KEY of its result in UNIT, then a PAUSE.
warm_up() {
  local t r max_conns
  max_conns="$(tr ' ' '\n' <<<"$CONNS" | sort -n | tail -n1)"
  for t in "${TARGETS[@]}"; do
    log "warm-up $t: ${WARMUP}s at $max_conns connections"
    run_measured run_one "$t" "$max_conns" "$WARMUP" || die "warm-up of $t failed"; r="$(cat "$RUN_OUT")"
    log "  warm-up $t: $(field "$1" "$r") $2, server cores $(field server_cores "$r")"
    sleep "$PAUSE"
  done
}

# Interleaved measured runs: for each of ROUNDS rounds, each connection count in CONNS, each of TARGETS, runs the
# calling script's run_one TARGET CONNS DURATION under run_measured, then calls its record_run ROUND TARGET CONNS
# RESULT (RESULT = the run's key=value line) and pauses PAUSE seconds.
run_rounds() {
  local round c t
  for round in $(seq 1 "$ROUNDS"); do
    for c in $CONNS; do
      for t in "${TARGETS[@]}"; do
        run_measured run_one "$t" "$c" "$DURATION" || die "run of $t at $c connections failed"
        record_run "$round" "$t" "$c" "$(cat "$RUN_OUT")"
        sleep "$PAUSE"
      done
    done
  done
}

# Column KEY of the rows of TARGET at CONNS connections in a raw TSV file with a header line (column 2 target,
# column 3 connections): raw_col FILE TARGET CONNS KEY; raw_median / raw_sum of the same.
raw_col() {
  awk -F'\t' -v t="$2" -v c="$3" -v k="$4" 'NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
    $2 == t && $3 == c { print $h[k] }' "$1"
}
raw_median() { raw_col "$@" | median; }
raw_sum() { raw_col "$@" | awk '{ s += $1 } END { print s + 0 }'; }

# A / B with one decimal, or n/a when B is not positive (rate per server core).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }'; }
