/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loading the network map's scene from a case (graph, analysis, cached or
 * fresh layout), shared by the widget's worker thread and the command
 * line, and the network's entry in the export table. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "ls-export.h"
#include "ls-network-render.h"

G_BEGIN_DECLS

typedef struct {
  LsGraphQuery         query;
  LsNetworkLayoutKind  kind;
  gboolean             relayout;      /* ignore the cache (pinned nodes still stay) */
  const char          *root_key;      /* twopi's centre (a node key), or NULL for the busiest */
  gint64               data_version;
} LsNetworkLoad;

/* Progress runs 0–1 over graph and layout. ANALYSIS (of the same range,
 * or NULL) gives roles, communities and measures; dot ranks by its roles.
 * *FROM_CACHE tells whether the positions came from the case's layout
 * cache (then there is nothing to save). */
LsNetworkScene     *ls_network_load        (sqlite3              *db,
                                            const LsNetworkLoad  *load,
                                            LsAnalysis           *analysis,
                                            gboolean             *from_cache,
                                            LsProgressFunc        progress,
                                            gpointer              progress_data,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* Where a scene's layout is cached: "sfdp", "neato"… with "+phones" when
 * phones are shown separately. */
char               *ls_network_cache_name  (LsNetworkScene       *scene);
const LsExportView *ls_network_export_view (void);

/* What the window shows, for LsExportRequest.screen: a copy of its scene
 * and its view (zoom, centre, selection, hidden nodes, path). */
typedef struct {
  LsNetworkScene     *scene;
  LsNetworkViewState  state;
} LsNetworkExportScreen;

LsNetworkExportScreen *ls_network_export_screen_new  (LsNetworkScene           *scene,
                                                      const LsNetworkViewState *state);
void                   ls_network_export_screen_free (LsNetworkExportScreen    *self);
char               *ls_network_export_title (LsNetworkScene      *scene);
/* The analysis to colour by: the cached one, or for graphs up to
 * LS_NETWORK_ANALYSE_MAX nodes a fresh run; NULL when neither. */
#define LS_NETWORK_ANALYSE_MAX 1500
LsAnalysis         *ls_network_find_analysis (sqlite3            *db,
                                              gint64              from,
                                              gint64              to,
                                              GCancellable       *cancellable);

G_END_DECLS
