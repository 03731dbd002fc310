/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-network-export"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case-layouts.h"
#include "ls-network-export.h"

typedef struct {
  LsProgressFunc progress;
  gpointer       data;
  double         start;
  double         span;
} Stage;

static void
stage_progress (double   fraction,
                gpointer user_data)
{
  Stage *s = user_data;

  if (s->progress != NULL)
    s->progress (s->start + s->span * fraction, s->data);
}

static char *
cache_name (LsNetworkLayoutKind kind,
            gboolean            separate_phones)
{
  return g_strconcat (ls_network_layout_kind_to_string (kind), separate_phones ? "+phones" : "", NULL);
}

char *
ls_network_cache_name (LsNetworkScene *scene)
{
  return cache_name (scene->layout->kind, ls_graph_get_query (scene->graph)->separate_phones);
}

/* Dot ranks by role: head 0, line holder 1, runner 2, customer 3. */
static int *
role_ranks (LsNetworkScene *scene)
{
  guint n = ls_graph_get_n_nodes (scene->graph);
  int *ranks;

  if (!scene->have_roles)
    return NULL;
  ranks = g_new (int, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    ranks[i] = scene->roles[i] == LS_NETWORK_ROLE_UNKNOWN ? -1 : scene->roles[i] - 1;

  return ranks;
}

LsNetworkScene *
ls_network_load (sqlite3              *db,
                 const LsNetworkLoad  *load,
                 LsAnalysis           *analysis,
                 gboolean             *from_cache,
                 LsProgressFunc        progress,
                 gpointer              progress_data,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(LsGraph) graph = NULL;
  g_autoptr(LsNetworkScene) scene = NULL;
  g_autoptr(GHashTable) points = NULL;
  g_autofree char *name = NULL;
  g_autofree int *ranks = NULL;
  LsNetworkLayoutOptions options = LS_NETWORK_LAYOUT_OPTIONS_INIT;
  LsNetworkLayout *layout;
  LsNetworkLayoutKind kind;
  Stage stage = { progress, progress_data, 0.3, 0.7 };

  if (from_cache)
    *from_cache = FALSE;
  stage_progress (0, &stage);
  graph = ls_graph_build (db, &load->query, cancellable, error);
  if (graph == NULL)
    return NULL;

  kind = ls_network_layout_kind_resolve (load->kind, ls_graph_get_n_nodes (graph));
  scene = ls_network_scene_new (graph, ls_network_layout_new (ls_graph_get_n_nodes (graph)));
  if (progress)
    progress (0.15, progress_data);
  if (analysis != NULL)
    ls_network_scene_apply_analysis (scene, analysis);
  if (progress)
    progress (0.3, progress_data);

  name = cache_name (kind, load->query.separate_phones);
  points = ls_case_layouts_load (db, name, load->query.from, load->query.to, load->data_version, error);
  if (points == NULL)
    return NULL;

  layout = load->relayout ? NULL : ls_network_layout_from_points (graph, points, kind);
  if (layout != NULL)
    {
      if (from_cache)
        *from_cache = TRUE;
    }
  else
    {
      ranks = kind == LS_NETWORK_LAYOUT_DOT ? role_ranks (scene) : NULL;
      options.kind = kind;
      options.ranks = ranks;
      options.root = load->root_key ? ls_graph_find_node (graph, load->root_key) : -1;
      options.points = points;
      options.progress = stage_progress;
      options.progress_data = &stage;
      layout = ls_network_layout_compute (graph, &options, cancellable, error);
      if (layout == NULL)
        return NULL;
    }
  ls_network_layout_free (scene->layout);
  scene->layout = layout;
  if (progress)
    progress (1.0, progress_data);

  return g_steal_pointer (&scene);
}

LsAnalysis *
ls_network_find_analysis (sqlite3      *db,
                          gint64        from,
                          gint64        to,
                          GCancellable *cancellable)
{
  LsAnalysisOptions opts = LS_ANALYSIS_OPTIONS_INIT;
  LsAnalysis *analysis;
  gint64 phones;

  opts.from = from;
  opts.to = to;
  analysis = ls_analysis_lookup_cached (db, &opts);
  if (analysis != NULL)
    return analysis;

  /* Key-player analysis on thousands of nodes takes minutes: only small
   * networks are analysed on the way; `linesight analyse` fills the cache. */
  phones = ls_sqlite_query_int (db, "SELECT count(*) FROM phones", 0);
  if (phones > LS_NETWORK_ANALYSE_MAX)
    return NULL;

  return ls_analysis_run (db, &opts, NULL, NULL, cancellable, NULL);
}

static gpointer
network_prepare (const LsExportRequest  *request,
                 GError                **error)
{
  LsNetworkLoad load = { LS_GRAPH_QUERY_INIT, LS_NETWORK_LAYOUT_AUTO, FALSE, NULL, 0 };
  g_autoptr(LsNetworkScene) scene = NULL;
  g_autoptr(LsAnalysis) analysis = NULL;
  g_autofree char *case_name = NULL, *marking = NULL;
  gboolean from_cache = FALSE;
  LsCase *kase = request->kase;

  if (request->layout != NULL && !ls_network_layout_kind_from_string (request->layout, &load.kind))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Unknown layout “%s”: expected auto, sfdp, neato, fdp, dot, circo or twopi"),
                   request->layout);
      return NULL;
    }
  load.query.from = request->from;
  load.query.to = request->to;
  load.relayout = request->relayout;
  load.data_version = ls_case_get_data_version (kase);

  analysis = ls_network_find_analysis (ls_case_get_db (kase), request->from, request->to,
                                       request->cancellable);
  if (analysis == NULL)
    g_printerr (_("Roles are not shown: run “linesight analyse” on the case first.\n"));
  scene = ls_network_load (ls_case_get_db (kase), &load, analysis, &from_cache, NULL, NULL,
                           request->cancellable, error);
  if (scene == NULL)
    return NULL;

  /* Keep the fresh layout, so the window opens on the same picture. */
  if (!from_cache)
    {
      g_autofree char *name = ls_network_cache_name (scene);
      g_autoptr(GHashTable) points = ls_network_layout_to_points (scene->layout, scene->graph);

      if (!ls_case_layouts_save (ls_case_get_db (kase), name, request->from, request->to,
                                 load.data_version, points, error))
        return NULL;
    }

  case_name = ls_case_dup_name (kase);
  marking = ls_case_get_meta (kase, "marking");
  ls_network_scene_set_title (scene, case_name, marking, request->from, request->to);
  scene->export_redact = request->redact;

  return g_steal_pointer (&scene);
}

static void
network_draw (gpointer  data,
              cairo_t  *cr,
              double    width,
              double    height)
{
  LsNetworkScene *scene = data;
  LsNetworkViewState state;

  ls_network_view_state_init (&state);
  state.width = width;
  state.height = height;
  state.redact = scene->export_redact;
  ls_network_render_fit (scene, &state);
  ls_network_render (cr, scene, &state);
}

char *
ls_network_export_title (LsNetworkScene *scene)
{
  g_autofree char *range = ls_export_format_range (scene->from, scene->to);

  /* Translators: "CASE — Network map, DATE RANGE (MARKING)" */
  return g_strdup_printf (_("%s — Network map, %s (%s)"),
                          scene->case_name ? scene->case_name : _("Untitled case"), range,
                          scene->marking ? scene->marking : _("no marking"));
}

const LsExportView *
ls_network_export_view (void)
{
  static const LsExportView view = {
    "network",
    N_("The network map"),
    network_prepare,
    network_draw,
    (GDestroyNotify) ls_network_scene_unref,
    (LsExportTitleFunc) ls_network_export_title,
  };

  return &view;
}
