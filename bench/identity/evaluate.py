#!/usr/bin/env python3
"""Precision, recall and F1 of predicted id pairs (id_a,id_b,score lines on stdin or a file) against ground
truth read from record ids: FEBRL's rec-N-org / rec-N-dup-K, or the generator's pN-K (same N = same person).

usage: evaluate.py PREDICTIONS DATA.csv [DATA_B.csv]
"""
import re, sys, itertools, collections

def person(rec_id):
    m = re.match(r'rec-(\d+)-', rec_id) or re.match(r'p(\d+)-', rec_id)
    return m.group(1) if m else rec_id

def ids(path):
    with open(path) as f:
        next(f)
        return [line.split(',')[0].strip() for line in f if line.strip()]

def main():
    pred_path, a_path = sys.argv[1], sys.argv[2]
    b_path = sys.argv[3] if len(sys.argv) > 3 else None
    a = ids(a_path)
    truth = set()
    if b_path is None:
        groups = collections.defaultdict(list)
        for i in a:
            groups[person(i)].append(i)
        for g in groups.values():
            for x, y in itertools.combinations(sorted(g), 2):
                truth.add((x, y))
    else:
        b = ids(b_path)
        by = collections.defaultdict(list)
        for j in b:
            by[person(j)].append(j)
        for i in a:
            for j in by.get(person(i), []):
                truth.add((i, j))
    pred = set()
    with open(pred_path) as f:
        for line in f:
            x, y, _ = line.strip().split(',')
            pred.add(tuple(sorted((x, y))) if b_path is None else (x, y))
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(truth) if truth else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"pairs predicted={len(pred)} true={len(truth)} tp={tp} precision={p:.4f} recall={r:.4f} f1={f1:.4f}")

if __name__ == '__main__':
    main()
