#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Derives the expected values in tests/test-analysis-measures.c for the
# CAVIAR network (caviar_all_phases.csv), independently of Linesight, with
# Debian's python3-igraph 0.10. Run once by hand: /usr/bin/python3 caviar-expected.py
import csv, os
import igraph as ig

here = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(os.path.join(here, 'caviar_all_phases.csv'))))
names = sorted({r['a'] for r in rows} | {r['b'] for r in rows}, key=int)
index = {n: i for i, n in enumerate(names)}
g = ig.Graph([(index[r['a']], index[r['b']]) for r in rows])
w = [float(r['weight']) for r in rows]
deg = g.degree()
strength = g.strength(weights=w)
bet = g.betweenness()
betw = g.betweenness(weights=[1.0 / x for x in w])
clo = g.closeness()
eig = g.eigenvector_centrality(weights=w, scale=True)
pr = g.pagerank(weights=w)
for n in ['1', '3', '12', '76', '87']:
    i = index[n]
    print('  { "%s", %d, %.1f, %.10f, %.10f, %.10f, %.10f, %.10f },'
          % (n, deg[i], strength[i], bet[i], betw[i], clo[i], eig[i], pr[i]))
