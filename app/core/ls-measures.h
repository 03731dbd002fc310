/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Network measures of a contact graph, computed by igraph: centralities,
 * communities and key-player analysis. An undirected graph with one link
 * per pair and weight = number of contacts. Attribution links (person to
 * phone, when phones are shown separately) are not contact and are left out. */
#pragma once

#include <glib.h>

#include "ls-graph.h"

G_BEGIN_DECLS

/* Key-player analysis removes up to this many nodes. */
#define LS_KEY_PLAYERS_MAX 10

typedef struct {
  guint   degree;                /* distinct contacts */
  double  weighted_degree;       /* contacts (strength) */
  double  betweenness;           /* unnormalised, unweighted (estimated from a sample of
                                  * sources above 6×10⁷ nodes × links: see betweenness_sources) */
  double  betweenness_weighted;  /* unnormalised, distance = 1 / contacts (sampled above 10⁷) */
  double  closeness;             /* within the node's component, igraph's definition */
  double  eigenvector;           /* scaled so the largest is 1, weighted */
  double  pagerank;              /* weighted, damping 0.85 */
  int     community;             /* multilevel (Louvain) modularity communities, 0-based */
} LsNodeMeasures;

typedef struct {
  /* largest_component[k] = size of the largest connected component after
   * removing the k nodes of highest betweenness (recomputed after each
   * removal, as in the disruption literature, up to graphs of about
   * 2×10⁷ nodes × links; above that in the order of the first ranking);
   * k = 0..n_steps-1. */
  guint   largest_component[LS_KEY_PLAYERS_MAX + 1];
  int     removed[LS_KEY_PLAYERS_MAX];  /* node indexes, in order removed */
  guint   n_steps;                      /* ≤ LS_KEY_PLAYERS_MAX + 1 */
  gboolean sequential;                  /* recomputed after each removal; else the first ranking */
  guint   betweenness_sources;          /* 0: exact; else betweenness estimated from this many sources */
  guint   betweenness_weighted_sources; /* the same for the weighted betweenness */
} LsKeyPlayers;

/* Fills MEASURES (n_nodes entries) and KEY_PLAYERS. Returns FALSE only
 * when igraph fails or CANCELLABLE is cancelled. Serialised internally: igraph
 * on Debian 12 is not built thread-safe. */
gboolean ls_measures_compute (LsGraph         *graph,
                              LsNodeMeasures  *measures,
                              LsKeyPlayers    *key_players,
                              GCancellable    *cancellable,
                              GError         **error);

/* The same on an edge list, for tests against published graphs: EDGES
 * holds 2 × n_edges node indexes, WEIGHTS n_edges contact counts (or NULL
 * for all 1). */
gboolean ls_measures_compute_edges (guint            n_nodes,
                                    const guint     *edges,
                                    const double    *weights,
                                    guint            n_edges,
                                    LsNodeMeasures  *measures,
                                    LsKeyPlayers    *key_players,
                                    GCancellable    *cancellable,
                                    GError         **error);

/* Betweenness alone (unnormalised; with WEIGHTS, distance = 1 / weight):
 * what the map sizes nodes by, and what bench/betweenness times. */
gboolean ls_measures_betweenness (guint            n_nodes,
                                  const guint     *edges,
                                  const double    *weights,
                                  guint            n_edges,
                                  double          *betweenness,
                                  GError         **error);

G_END_DECLS
