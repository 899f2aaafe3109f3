#!/usr/bin/env python3
"""Scores a link of the hard-negative set (HardNegatives.java): precision, recall and F1, the false-match rate
by kind of relative (false matches / A x B record pairs of people so related) and, by kind of error in the
copies, recall and false matches.

usage: evaluate_hard.py PREDICTIONS A.csv B.csv TRUTH.csv
"""
import collections, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluate import ids, person  # noqa: E402

def main():
    pred_path, a_path, b_path, truth_path = sys.argv[1:5]
    a, b = ids(a_path), ids(b_path)
    relation, errors = {}, {}
    with open(truth_path) as f:
        for line in f:
            parts = line.rstrip('\n').split(',')
            if parts[0] == 'relation':
                x, y = parts[1][1:], parts[2][1:]
                relation[(x, y)] = relation[(y, x)] = parts[3]
            else:
                errors[parts[1]] = parts[2].split('|') if parts[2] else []
    by_a = collections.defaultdict(list)
    for i in a:
        by_a[person(i)].append(i)
    truth = {(i, j) for j in b for i in by_a.get(person(j), [])}
    pred = set()
    with open(pred_path) as f:
        for line in f:
            x, y, _ = line.strip().split(',')
            pred.add((x, y))
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(truth) if truth else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"pairs predicted={len(pred)} true={len(truth)} tp={tp} fp={len(pred) - tp} "
          f"precision={p:.4f} recall={r:.4f} f1={f1:.4f}")
    # opportunities: A x B record pairs whose people are related
    opportunities = collections.Counter()
    related_of = collections.defaultdict(list)
    for (x, y), kind in relation.items():
        related_of[x].append((y, kind))
    for j in b:
        for y, kind in related_of.get(person(j), []):
            opportunities[kind] += len(by_a.get(y, []))
    false_by_kind = collections.Counter()
    for (i, j) in pred - truth:
        false_by_kind[relation.get((person(i), person(j)), 'unrelated')] += 1
    print("false matches by kind of relative (false matches / A x B pairs of such relatives):")
    for kind in sorted(set(opportunities) | set(false_by_kind)):
        n = opportunities.get(kind, 0)
        rate = f"{false_by_kind[kind] / n:.4f}" if n else "n/a"
        print(f"  {kind:12s} {false_by_kind[kind]:5d} / {n:6d} = {rate}")
    found = collections.Counter()
    total = collections.Counter()
    wrong = collections.Counter()
    for (i, j) in truth:
        for k in set(errors.get(j, [])):
            total[k] += 1
            found[k] += (i, j) in pred
    for (i, j) in pred - truth:
        for k in set(errors.get(j, [])):
            wrong[k] += 1
    print("by kind of error in the copy: recall (found / true pairs), false matches of such copies:")
    for k in sorted(total):
        print(f"  {k:20s} recall {found[k] / total[k]:.4f} ({found[k]}/{total[k]}), false matches {wrong[k]}")

main()
