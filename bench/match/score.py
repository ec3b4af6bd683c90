#!/usr/bin/env python3
"""score.py: pairwise and cluster accuracy of reach match output against the truth.

usage: score.py TRUTH PAIRS CLUSTERS THRESHOLD [LINK]
  TRUTH     CSV with columns id,truth (one row per record; link: id,truth,source)
  PAIRS     reach match --pairs output at a low threshold (id_a,id_b,match_probability,...)
  CLUSTERS  reach match output (id,cluster_id) at the default threshold
prints one line of JSON with the figures.
"""
import csv, json, sys
from collections import defaultdict

truth_path, pairs_path, clusters_path, threshold = sys.argv[1:5]
threshold = float(threshold)
link = len(sys.argv) > 5 and sys.argv[5] == 'link'

truth, source = {}, {}
with open(truth_path, newline='') as f:
    for row in csv.reader(f):
        truth[row[0]] = row[1]
        if link:
            source[row[0]] = row[2]
groups = defaultdict(list)
for i, t in truth.items():
    groups[t].append(i)
if link:
    true_pairs = sum(sum(1 for x in g if source[x] == '0') * sum(1 for x in g if source[x] == '1')
                     for g in groups.values())
else:
    true_pairs = sum(len(g) * (len(g) - 1) // 2 for g in groups.values())

scored = []
with open(pairs_path, newline='') as f:
    r = csv.reader(f)
    next(r)
    for row in r:
        scored.append((float(row[2]), truth[row[0]] == truth[row[1]]))
scored.sort(key=lambda x: -x[0])

def prf(tp, fp):
    p = tp / (tp + fp) if tp + fp else 1.0
    rc = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    return p, rc, f1

tp = fp = 0
best = (0, 0, 0, 0, 1.0)
at_default = None
i = 0
while i < len(scored):
    t = scored[i][0]
    while i < len(scored) and scored[i][0] == t:
        if scored[i][1]:
            tp += 1
        else:
            fp += 1
        i += 1
    p, rc, f1 = prf(tp, fp)
    if f1 > best[2]:
        best = (p, rc, f1, t)
    if t >= threshold:
        at_default = (p, rc, f1)
if at_default is None:
    at_default = prf(0, 0)

clusters = defaultdict(list)
with open(clusters_path, newline='') as f:
    r = csv.reader(f)
    for row in r:
        if row[0] in truth:
            clusters[row[1]].append(row[0])
pure = sum(1 for c in clusters.values() if len({truth[x] for x in c}) == 1)
true_sets = {frozenset(g) for g in groups.values()}
exact = sum(1 for c in clusters.values() if frozenset(c) in true_sets)
# the pairs the clusters imply (every two members of a cluster)
ctp = cpairs = 0
for c in clusters.values():
    cpairs += len(c) * (len(c) - 1) // 2 if not link else \
        sum(1 for x in c if source[x] == '0') * sum(1 for x in c if source[x] == '1')
    byt = defaultdict(list)
    for x in c:
        byt[truth[x]].append(x)
    for g in byt.values():
        if link:
            ctp += sum(1 for x in g if source[x] == '0') * sum(1 for x in g if source[x] == '1')
        else:
            ctp += len(g) * (len(g) - 1) // 2
cp = ctp / cpairs if cpairs else 1.0
cr = ctp / true_pairs if true_pairs else 1.0
print(json.dumps({
    'cpair_p': cp, 'cpair_r': cr, 'cpair_f1': 2 * cp * cr / (cp + cr) if cp + cr else 0,
    'records': len(truth), 'true_pairs': true_pairs,
    'p': at_default[0], 'r': at_default[1], 'f1': at_default[2],
    'best_p': best[0], 'best_r': best[1], 'best_f1': best[2], 'best_t': best[3],
    'cluster_p': pure / len(clusters) if clusters else 0,
    'cluster_r': exact / len(groups) if groups else 0,
    'clusters': len(clusters), 'true_clusters': len(groups)}))
