/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-network-export"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

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

/* twopi's rings depend on their centre, so each centre has its own. */
static char *
cache_name (LsNetworkLayoutKind  kind,
            gboolean             separate_phones,
            const char          *root_key)
{
  gboolean rooted = kind == LS_NETWORK_LAYOUT_TWOPI && root_key != NULL;

  return g_strconcat (ls_network_layout_kind_to_string (kind), separate_phones ? "+phones" : "",
                      rooted ? "@" : "", rooted ? root_key : "", NULL);
}

char *
ls_network_cache_name (LsNetworkScene *scene)
{
  return cache_name (scene->layout->kind, ls_graph_get_query (scene->graph)->separate_phones, scene->root_key);
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

  if (kind == LS_NETWORK_LAYOUT_TWOPI && load->root_key != NULL && ls_graph_find_node (graph, load->root_key) >= 0)
    scene->root_key = g_strdup (load->root_key);
  name = cache_name (kind, load->query.separate_phones, scene->root_key);
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

/* What an export draws: its own scene (the window's is not touched from
 * the export's thread), and the window's view when it came from there. */
typedef struct {
  LsNetworkScene     *scene;
  gboolean            on_screen;
  LsNetworkViewState  state;
  double              screen_width;
  double              screen_height;
  guint8             *selected;
  guint8             *hidden;
  guint8             *path_edges;
} NetworkExport;

static void
network_export_free (gpointer data)
{
  NetworkExport *e = data;

  g_clear_pointer (&e->scene, ls_network_scene_unref);
  g_free (e->selected);
  g_free (e->hidden);
  g_free (e->path_edges);
  g_free (e);
}

/* A copy with its own layout: nodes dragged on screen during the export
 * do not move under it. The graph is immutable, so it is shared. */
static LsNetworkScene *
scene_copy (LsNetworkScene *scene)
{
  LsNetworkScene *copy = ls_network_scene_new (scene->graph, ls_network_layout_copy (scene->layout));
  guint n = MAX (scene->layout->n_nodes, 1);

  for (guint m = 0; m < LS_NETWORK_N_SIZES; m++)
    {
      memcpy (copy->measures[m], scene->measures[m], n * sizeof (double));
      copy->measure_max[m] = scene->measure_max[m];
    }
  memcpy (copy->roles, scene->roles, n);
  memcpy (copy->communities, scene->communities, n * sizeof (int));
  memcpy (copy->victims, scene->victims, n);
  copy->have_roles = scene->have_roles;
  copy->have_communities = scene->have_communities;
  ls_network_scene_set_title (copy, scene->case_name, scene->marking, scene->from, scene->to);

  return copy;
}

LsNetworkExportScreen *
ls_network_export_screen_new (LsNetworkScene           *scene,
                              const LsNetworkViewState *state)
{
  LsNetworkExportScreen *self = g_new0 (LsNetworkExportScreen, 1);
  guint n = ls_graph_get_n_nodes (scene->graph), m = ls_graph_get_n_edges (scene->graph);

  self->scene = scene_copy (scene);
  self->state = *state;
  self->state.selected = state->selected ? g_memdup2 (state->selected, MAX (n, 1)) : NULL;
  self->state.hidden = state->hidden ? g_memdup2 (state->hidden, MAX (n, 1)) : NULL;
  self->state.path_edges = state->path_edges ? g_memdup2 (state->path_edges, MAX (m, 1)) : NULL;

  return self;
}

void
ls_network_export_screen_free (LsNetworkExportScreen *self)
{
  if (self == NULL)
    return;
  ls_network_scene_unref (self->scene);
  g_free ((gpointer) self->state.selected);
  g_free ((gpointer) self->state.hidden);
  g_free ((gpointer) self->state.path_edges);
  g_free (self);
}

static NetworkExport *
from_screen (const LsExportRequest       *request,
             const LsNetworkExportScreen *screen)
{
  NetworkExport *e = g_new0 (NetworkExport, 1);
  guint n = ls_graph_get_n_nodes (screen->scene->graph), m = ls_graph_get_n_edges (screen->scene->graph);

  e->scene = scene_copy (screen->scene);
  e->on_screen = TRUE;
  e->state = screen->state;
  e->screen_width = screen->state.width;
  e->screen_height = screen->state.height;
  e->selected = screen->state.selected ? g_memdup2 (screen->state.selected, MAX (n, 1)) : NULL;
  e->hidden = screen->state.hidden ? g_memdup2 (screen->state.hidden, MAX (n, 1)) : NULL;
  e->path_edges = screen->state.path_edges ? g_memdup2 (screen->state.path_edges, MAX (m, 1)) : NULL;
  e->state.selected = e->selected;
  e->state.hidden = e->hidden;
  e->state.path_edges = e->path_edges;

  return e;
}

static gpointer
network_prepare (const LsExportRequest  *request,
                 GError                **error)
{
  LsNetworkLoad load = { LS_GRAPH_QUERY_INIT, LS_NETWORK_LAYOUT_AUTO, FALSE, NULL, 0 };
  g_autoptr(LsNetworkScene) scene = NULL;
  g_autoptr(LsAnalysis) analysis = NULL;
  g_autofree char *title = ls_export_request_dup_title (request);
  g_autofree char *marking = ls_export_request_dup_marking (request);
  gboolean from_cache = FALSE;
  LsCase *kase = request->kase;
  NetworkExport *e;

  if (request->screen != NULL)
    {
      e = from_screen (request, request->screen);
      ls_network_scene_set_title (e->scene, title, marking, e->scene->from, e->scene->to);
      /* Under partner redaction names are drawn, and the export's
       * redactor pseudonymises everyone not on the safeguarding list. */
      e->scene->export_redact = request->redaction == LS_REDACTION_ALL;
      return e;
    }

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

  ls_network_scene_set_title (scene, title, marking, request->from, request->to);
  scene->export_redact = request->redaction == LS_REDACTION_ALL;
  e = g_new0 (NetworkExport, 1);
  e->scene = g_steal_pointer (&scene);

  return e;
}

/* The window's view at another size: the same centre, zoomed so that what
 * the screen showed fits the page. */
static void
network_draw (gpointer  data,
              cairo_t  *cr,
              double    width,
              double    height)
{
  NetworkExport *e = data;
  LsNetworkViewState state;

  if (e->on_screen)
    {
      double s = MIN (width / MAX (e->screen_width, 1), height / MAX (e->screen_height, 1));

      state = e->state;
      state.zoom *= s;
      state.hover = -1;
      state.show_chrome = TRUE;
    }
  else
    {
      ls_network_view_state_init (&state);
    }
  state.width = width;
  state.height = height;
  state.redact = e->scene->export_redact;
  if (!e->on_screen)
    ls_network_render_fit (e->scene, &state);
  ls_network_render (cr, e->scene, &state);
}

static char *
network_title (gpointer data)
{
  NetworkExport *e = data;

  return ls_network_export_title (e->scene);
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
    network_export_free,
    network_title,
  };

  return &view;
}
