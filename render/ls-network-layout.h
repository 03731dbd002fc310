/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Layout of the contact graph by Graphviz, in-process (gvc/cgraph): only
 * positions are taken, we draw ourselves. Deterministic: a fixed seed and
 * start for every engine, so the same graph gives the same picture. */
#pragma once

#include <gio/gio.h>

#include "ls-graph.h"
#include "ls-types.h"

G_BEGIN_DECLS

typedef enum {
  LS_NETWORK_LAYOUT_AUTO,     /* sfdp above 500 nodes, neato below */
  LS_NETWORK_LAYOUT_SFDP,
  LS_NETWORK_LAYOUT_NEATO,
  LS_NETWORK_LAYOUT_FDP,
  LS_NETWORK_LAYOUT_DOT,      /* hierarchy: head → line holders → runners → customers */
  LS_NETWORK_LAYOUT_CIRCO,
  LS_NETWORK_LAYOUT_TWOPI,    /* ego network around a root node */
  LS_NETWORK_LAYOUT_N_KINDS
} LsNetworkLayoutKind;

#define LS_NETWORK_LAYOUT_AUTO_THRESHOLD 500

/* Positions in points, y growing downwards, one per graph node. */
typedef struct {
  guint                n_nodes;
  LsNetworkLayoutKind  kind;      /* the engine that ran (never AUTO) */
  double              *x;
  double              *y;
  guint8              *pinned;
} LsNetworkLayout;

typedef struct {
  LsNetworkLayoutKind  kind;
  const int           *ranks;     /* per node, for dot: 0 head … 3 customer, -1 unknown; or NULL */
  int                  root;      /* twopi's centre, a node index, or -1 for the busiest */
  GHashTable          *points;    /* node key → LsLayoutPoint: pinned ones stay; or NULL */
  LsProgressFunc       progress;
  gpointer             progress_data;
} LsNetworkLayoutOptions;

#define LS_NETWORK_LAYOUT_OPTIONS_INIT { LS_NETWORK_LAYOUT_AUTO, NULL, -1, NULL, NULL, NULL }

const char          *ls_network_layout_kind_to_string   (LsNetworkLayoutKind kind);
gboolean             ls_network_layout_kind_from_string (const char          *name,
                                                         LsNetworkLayoutKind *kind);
const char          *ls_network_layout_kind_get_title   (LsNetworkLayoutKind kind);
LsNetworkLayoutKind  ls_network_layout_kind_resolve     (LsNetworkLayoutKind kind,
                                                         guint               n_nodes);

LsNetworkLayout     *ls_network_layout_new              (guint               n_nodes);
LsNetworkLayout     *ls_network_layout_copy             (const LsNetworkLayout *self);
void                 ls_network_layout_free             (LsNetworkLayout    *self);
void                 ls_network_layout_get_bounds       (const LsNetworkLayout *self,
                                                         double             *x0,
                                                         double             *y0,
                                                         double             *x1,
                                                         double             *y1);
/* Runs Graphviz. Safe from any thread: layouts are serialised, Graphviz
 * keeps global state. Cancellation is checked between stages. */
LsNetworkLayout     *ls_network_layout_compute          (LsGraph            *graph,
                                                         const LsNetworkLayoutOptions *options,
                                                         GCancellable       *cancellable,
                                                         GError            **error);
/* From cached points; NULL unless every node has one. */
LsNetworkLayout     *ls_network_layout_from_points      (LsGraph            *graph,
                                                         GHashTable         *points,
                                                         LsNetworkLayoutKind kind);
GHashTable          *ls_network_layout_to_points        (const LsNetworkLayout *self,
                                                         LsGraph            *graph);
/* Writes the graph as DOT for the `sfdp` benchmark: the bare graph, or
 * WITH_ATTRIBUTES the graph and node attributes the layout here uses. */
gboolean             ls_network_layout_write_dot        (LsGraph            *graph,
                                                         gboolean            with_attributes,
                                                         const char         *path,
                                                         GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsNetworkLayout, ls_network_layout_free)

G_END_DECLS
