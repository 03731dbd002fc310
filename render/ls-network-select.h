/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Questions the network map asks of its graph when a person explores it:
 * find a node by name or number, the shortest chain between two people,
 * a node's neighbours. Pure functions over LsGraph, so they are tested
 * without a display. */
#pragma once

#include <glib.h>

#include "ls-graph.h"

G_BEGIN_DECLS

/* The next node after AFTER (-1 to start) whose name, key or one of whose
 * numbers contains TEXT (case-insensitive; digits also match a number
 * written with 0 for +44). Skips HIDDEN nodes. -1 when none. */
int      ls_network_search          (LsGraph       *graph,
                                     const char    *text,
                                     int            after,
                                     const guint8  *hidden);
/* The fewest-contacts chain from FROM to TO as node indexes (FROM first),
 * through visible nodes and contact links only, or NULL when there is none. */
GArray  *ls_network_shortest_path   (LsGraph       *graph,
                                     guint          from,
                                     guint          to,
                                     const guint8  *hidden);
/* Marks in EDGES (one per edge) the links along PATH. */
void     ls_network_path_edges      (LsGraph       *graph,
                                     GArray        *path,
                                     guint8        *edges);
/* Sets MARK[n] for every neighbour of a marked node (one step out). */
void     ls_network_expand          (LsGraph       *graph,
                                     guint8        *mark);

G_END_DECLS
