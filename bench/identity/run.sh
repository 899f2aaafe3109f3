#!/usr/bin/env bash
# Identity-matching benchmarks (results and exact commands: docs/benchmarks.md, section "Identity matching").
#
#   bench/identity/run.sh [LINK_RUNS=7] [INDEX_RUNS=3] [INDEX_PEOPLE=1000000]
#
# 1. a FEBRL-size link: 5,000 x 5,000 generated records, timed end to end (scripts/link, JVM start to exit),
#    plus FEBRL dataset 3 de-duplication; medians over LINK_RUNS runs, accuracy of the generated link;
# 2. the hard-negative set (HardNegatives.java: twins, juniors, namesakes, households, year typos, missing and
#    mistyped NHS numbers), generated with a seed and settings the rules were not developed on (development used
#    seed 1, NHS missing 0.2, mistyped 0.08, confusers 0.05), scored with the shipped model (trained on FEBRL 3),
#    with and without the NHS number; precision, recall, F1 and false matches by kind of relative and of error;
# 3. FEBRL 1-3 de-duplication without the identifier, each with a model trained by EM on another FEBRL file;
# 4. a PersonIndex of INDEX_PEOPLE generated people: single-record look-ups (p50/p99 wall and CPU time) and the
#    heap it holds after GC; one JVM per run, medians over INDEX_RUNS runs.
# Not a unit test: the machine is shared, so only medians over repeated runs are quoted.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
link_runs="${1:-7}"
index_runs="${2:-3}"
index_people="${3:-1000000}"
cd "$root"

scripts/link --help > /dev/null   # builds identity-matching if needed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# a private copy of the classes, so that a concurrent build of the module cannot change them mid-run
cp -r identity-matching/target/classes "$work/classes"
javac -d "$work/bench" -cp "$work/classes" bench/identity/src/care/concord/identity/bench/*.java
cp="$work/classes:$work/bench"

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
# Runs a command $link_runs times, output to $1; prints wall and CPU (user + sys) times and their medians. On a
# shared machine the wall time includes waiting for a core; the CPU time is what the link itself costs.
timed() {
  local out="$1"; shift
  : > "$work/wall"; : > "$work/cpu"
  for i in $(seq "$link_runs"); do
    /usr/bin/time -f "%e %U %S" -o "$work/t" "$@" > "$out"
    awk '{printf "%d\n", $1 * 1000}' "$work/t" >> "$work/wall"
    awk '{printf "%d\n", ($2 + $3) * 1000}' "$work/t" >> "$work/cpu"
  done
  echo "wall ms: $(tr '\n' ' ' < "$work/wall")-> median $(median < "$work/wall")"
  echo "cpu ms:  $(tr '\n' ' ' < "$work/cpu")-> median $(median < "$work/cpu")"
}
java_link() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx1g -cp "$work/classes" care.concord.identity.cli.LinkCli "$@"; }

echo "== data: 5,000 x 5,000 generated (half of B are corrupted copies of A people), seed 42"
java -cp "$cp" care.concord.identity.bench.PeopleGenerator link 5000 "$work/A.csv" "$work/B.csv"

echo "== link A B: end to end (scripts/link, JVM start to exit), $link_runs runs"
timed "$work/ab.txt" scripts/link "$work/A.csv" "$work/B.csv"
echo "accuracy (demographics only): $(python3 bench/identity/evaluate.py "$work/ab.txt" "$work/A.csv" "$work/B.csv")"
scripts/link --use-identifier "$work/A.csv" "$work/B.csv" > "$work/abi.txt" 2> "$work/abi.err"
echo "input warnings: $(tail -n1 "$work/abi.err")"
echo "accuracy (--use-identifier):  $(python3 bench/identity/evaluate.py "$work/abi.txt" "$work/A.csv" "$work/B.csv")"

echo "== hard negatives: 5,000 people, seed 2026, NHS number missing 30 %, mistyped 5 %, confusers 4 % each kind"
java -cp "$cp" care.concord.identity.bench.HardNegatives 5000 "$work/hA.csv" "$work/hB.csv" "$work/hT.csv" 2026 0.3 0.05 0.04
scripts/link --use-identifier "$work/hA.csv" "$work/hB.csv" > "$work/hi.txt" 2> "$work/hi.err"
echo "-- with the NHS number (input warnings: $(tail -n1 "$work/hi.err"))"
python3 bench/identity/evaluate_hard.py "$work/hi.txt" "$work/hA.csv" "$work/hB.csv" "$work/hT.csv"
scripts/link "$work/hA.csv" "$work/hB.csv" > "$work/hn.txt" 2> /dev/null
echo "-- without the NHS number"
python3 bench/identity/evaluate_hard.py "$work/hn.txt" "$work/hA.csv" "$work/hB.csv" "$work/hT.csv"

echo "== FEBRL 1-3 de-duplication without the identifier, model trained by EM on another FEBRL file"
for d in 1 2 3; do
  t=$(( d % 3 + 1 )); [[ $d == 3 ]] && t=2
  f=identity-matching/src/test/resources/febrl/dataset$d.csv
  scripts/link --dedupe --train --lenient-dates --write-model "$work/m$t" identity-matching/src/test/resources/febrl/dataset$t.csv > /dev/null 2>&1
  scripts/link --dedupe --lenient-dates --no-household-rules --model "$work/m$t" "$f" > "$work/f.txt" 2> /dev/null
  echo "FEBRL$d (model from FEBRL$t, --no-household-rules): $(python3 bench/identity/evaluate.py "$work/f.txt" "$f")"
  scripts/link --dedupe --lenient-dates --model "$work/m$t" "$f" > "$work/f.txt" 2> /dev/null
  echo "FEBRL$d (model from FEBRL$t, household rules on):  $(python3 bench/identity/evaluate.py "$work/f.txt" "$f")"
done

febrl3=identity-matching/src/test/resources/febrl/dataset3.csv
echo "== dedupe FEBRL dataset 3 (5,000 records): end to end, $link_runs runs"
timed "$work/d3.txt" scripts/link --dedupe --lenient-dates --no-household-rules "$febrl3" 2> /dev/null
echo "accuracy: $(python3 bench/identity/evaluate.py "$work/d3.txt" "$febrl3")"

echo "== PersonIndex: $index_people generated people, 20,000 look-ups (80% known with errors, 20% unknown), $index_runs runs"
: > "$work/index"
for i in $(seq "$index_runs"); do  # one JVM per run
  java -Xms4g -Xmx4g -cp "$cp" care.concord.identity.bench.IndexBench "$index_people" 20000 true $((6 + i)) | tee -a "$work/index"
done
[[ "$index_runs" -gt 0 ]] || exit 0
for key in heap_index_mb bytes_per_person p50_ms p99_ms cpu_p50_ms cpu_p99_ms known_top1_match unknown_false_match; do
  # the leading space keeps p99_ms from also matching cpu_p99_ms
  echo "median $key: $(grep -o " $key=[0-9.]*" "$work/index" | cut -d= -f2 | median)"
done
