/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Network page. Loading (graph, cached or fresh layout) runs in a GTask
 * with its own reader connection, reporting progress to the bar over the
 * map and stopping on Cancel; a fresh layout is saved to the case's layout
 * cache on the main thread, where the writer connection lives. Roles come
 * from the analysis: the cached one at once, else computed in the
 * background and applied when ready. Details of the selection (strongest
 * contacts, events, where each link's calls came from) are read on a
 * worker thread too. */
#define G_LOG_DOMAIN "ls-network-view"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-analysis.h"
#include "ls-case-layouts.h"
#include "ls-export-dialog.h"
#include "ls-network-canvas.h"
#include "ls-network-export.h"
#include "ls-network-select.h"
#include "ls-network-view.h"
#include "ls-time.h"

struct _LsNetworkView
{
  GtkWidget        parent_instance;

  LsSession       *session;
  GCancellable    *load_cancel;
  GCancellable    *roles_cancel;
  GCancellable    *details_cancel;
  guint            load_serial;
  gboolean         syncing;

  LsNetworkCanvas *canvas;
  GtkDropDown     *layout_dropdown;
  GtkDropDown     *size_dropdown;
  GtkDropDown     *color_dropdown;
  GtkSpinButton   *min_spin;
  GtkCheckButton  *phones_toggle;
  GtkSearchEntry  *search_entry;
  GtkWidget       *progress_box;
  GtkLabel        *progress_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *status_label;
  GtkRevealer     *sidebar;
  GtkBox          *details;
};

static void ls_network_view_view_init (LsViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LsNetworkView, ls_network_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LS_TYPE_VIEW, ls_network_view_view_init))

static void load (LsNetworkView *self, gboolean relayout);
static void show_details (LsNetworkView *self);
static void show_ego_network (LsNetworkView *self, LsNetworkScene *scene);

/* Loading */

typedef struct {
  LsNetworkView *view;
  char          *path;
  LsNetworkLoad  load;
  char          *root_key;
  guint          serial;
} LoadJob;

typedef struct {
  LsNetworkView *view;
  guint          serial;
  double         fraction;
} Progress;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_object_unref (job->view);
  g_free (job->path);
  g_free (job->root_key);
  g_free (job);
}

static gboolean
progress_idle (gpointer data)
{
  Progress *p = data;

  if (p->serial == p->view->load_serial)
    gtk_progress_bar_set_fraction (p->view->progress_bar, p->fraction);
  g_object_unref (p->view);
  g_free (p);

  return G_SOURCE_REMOVE;
}

/* Called on the worker thread: hands the fraction to the main loop. */
static void
load_progress (double   fraction,
               gpointer data)
{
  LoadJob *job = data;
  Progress *p = g_new (Progress, 1);

  p->view = g_object_ref (job->view);
  p->serial = job->serial;
  p->fraction = fraction;
  g_idle_add (progress_idle, p);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  LoadJob *job = data;
  g_autoptr(LsAnalysis) analysis = NULL;
  GError *error = NULL;
  sqlite3 *reader = NULL;
  LsNetworkScene *scene;
  LsAnalysisOptions opts = LS_ANALYSIS_OPTIONS_INIT;
  gboolean cached = FALSE;

  if (sqlite3_open_v2 (job->path, &reader, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Cannot read the case “%s”: %s"), job->path, sqlite3_errmsg (reader));
      sqlite3_close_v2 (reader);
      return;
    }
  sqlite3_busy_timeout (reader, 5000);
  opts.from = job->load.query.from;
  opts.to = job->load.query.to;
  analysis = ls_analysis_lookup_cached (reader, &opts);
  job->load.root_key = job->root_key;
  scene = ls_network_load (reader, &job->load, analysis, &cached, load_progress, job, cancellable, &error);
  sqlite3_close_v2 (reader);
  if (scene == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* A fresh layout is remembered by the main thread (layout_cache). */
  g_object_set_data (G_OBJECT (task), "from-cache", GINT_TO_POINTER (cached));
  g_object_set_data (G_OBJECT (task), "analysed", GINT_TO_POINTER (analysis != NULL));
  g_task_return_pointer (task, scene, (GDestroyNotify) ls_network_scene_unref);
}

static void
set_busy (LsNetworkView *self,
          const char    *text)
{
  gtk_widget_set_visible (self->progress_box, text != NULL);
  if (text != NULL)
    {
      gtk_label_set_text (self->progress_label, text);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
    }
}

static void
update_status (LsNetworkView *self,
               const char    *extra)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);
  g_autofree char *text = NULL;

  if (scene == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      return;
    }
  text = g_strdup_printf (_("%u nodes, %u links · layout %s%s%s"),
                          ls_graph_get_n_nodes (scene->graph), ls_graph_get_n_edges (scene->graph),
                          ls_network_layout_kind_to_string (scene->layout->kind),
                          extra ? " · " : "", extra ? extra : "");
  gtk_label_set_text (self->status_label, text);
}

static void
save_layout (LsNetworkView  *self,
             LsNetworkScene *scene)
{
  LsCase *kase = ls_session_get_case (self->session);
  g_autofree char *name = ls_network_cache_name (scene);
  g_autoptr(GHashTable) points = ls_network_layout_to_points (scene->layout, scene->graph);
  g_autoptr(GError) error = NULL;

  if (!ls_case_layouts_save (ls_case_get_db (kase), name, scene->from, scene->to,
                             ls_case_get_data_version (kase), points, &error))
    g_warning ("The layout was not kept in the case: %s", error->message);
}

static void
apply_selection_from_session (LsNetworkView *self)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);
  guint8 *selected = ls_network_canvas_get_selected (self->canvas);
  const char * const *keys;

  if (scene == NULL || self->session == NULL)
    return;
  memset (selected, 0, scene->layout->n_nodes);
  keys = ls_session_get_selection (self->session);
  for (guint k = 0; keys != NULL && keys[k] != NULL; k++)
    {
      int i = ls_graph_find_node (scene->graph, keys[k]);
      if (i >= 0)
        selected[i] = TRUE;
    }
  ls_network_canvas_selection_changed (self->canvas, FALSE);
  show_details (self);
}

static void
roles_ready (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(LsNetworkView) self = data;
  g_autoptr(LsAnalysis) analysis = ls_analysis_load_finish (LS_CASE (source), result, NULL);
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);

  if (analysis == NULL || scene == NULL)
    return;
  ls_network_scene_apply_analysis (scene, analysis);
  ls_network_canvas_invalidate (self->canvas);
  update_status (self, NULL);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  LsNetworkView *self = LS_NETWORK_VIEW (source);
  g_autoptr(LsNetworkScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *marking = NULL;
  LsCase *kase;

  scene = g_task_propagate_pointer (G_TASK (result), &error);
  if (GPOINTER_TO_UINT (data) != self->load_serial)
    return;
  g_clear_object (&self->load_cancel);
  set_busy (self, NULL);
  if (scene == NULL)
    {
      update_status (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                           ? _("layout cancelled") : error->message);
      return;
    }

  kase = ls_session_get_case (self->session);
  if (kase == NULL)
    return;
  if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "from-cache")))
    save_layout (self, scene);
  name = ls_case_dup_name (kase);
  marking = ls_case_get_meta (kase, "marking");
  ls_network_scene_set_title (scene, name, marking, ls_session_get_range_from (self->session),
                              ls_session_get_range_to (self->session));
  ls_network_canvas_set_scene (self->canvas, scene);
  apply_selection_from_session (self);
  update_status (self, NULL);
  if (scene->layout->kind == LS_NETWORK_LAYOUT_TWOPI)
    show_ego_network (self, scene);

  if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "analysed")))
    {
      LsAnalysisOptions opts = LS_ANALYSIS_OPTIONS_INIT;

      opts.from = scene->from;
      opts.to = scene->to;
      g_cancellable_cancel (self->roles_cancel);
      g_clear_object (&self->roles_cancel);
      self->roles_cancel = g_cancellable_new ();
      ls_analysis_load_async (kase, &opts, NULL, NULL, self->roles_cancel, roles_ready, g_object_ref (self));
      update_status (self, _("finding roles…"));
    }
}

/* twopi lays the network out in rings around one person: the view shows
 * that person and their contacts (the ego network); Expand One Step and
 * Show All in the Selection menu widen it. */
static void
show_ego_network (LsNetworkView  *self,
                  LsNetworkScene *scene)
{
  guint n = scene->layout->n_nodes;
  guint8 *hidden = ls_network_canvas_get_hidden (self->canvas);
  g_autofree guint8 *mark = g_new0 (guint8, MAX (n, 1));
  g_autofree char *who = NULL, *text = NULL;
  int root = -1;

  /* The centre the layout was asked for; else the busiest, as twopi. */
  if (scene->root_key != NULL)
    root = ls_graph_find_node (scene->graph, scene->root_key);
  if (root < 0)
    for (guint i = 0; i < n; i++)
      if (root < 0 || ls_graph_get_node (scene->graph, i)->contacts > ls_graph_get_node (scene->graph, root)->contacts)
        root = (int) i;
  if (root < 0)
    return;

  mark[root] = TRUE;
  ls_network_expand (scene->graph, mark);
  for (guint i = 0; i < n; i++)
    hidden[i] = !mark[i];
  ls_network_canvas_invalidate (self->canvas);
  ls_network_canvas_fit (self->canvas);
  who = ls_network_scene_dup_label (scene, root, ls_network_canvas_get_state (self->canvas)->redact);
  text = g_strdup_printf (_("ego network of %s"), who);
  update_status (self, text);
}

static char *
selected_key (LsNetworkView *self)
{
  const char * const *keys = self->session ? ls_session_get_selection (self->session) : NULL;

  return keys && keys[0] ? g_strdup (keys[0]) : NULL;
}

static void
load (LsNetworkView *self,
      gboolean       relayout)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_cancellable_cancel (self->load_cancel);
  g_clear_object (&self->load_cancel);
  self->load_serial++;
  if (kase == NULL)
    {
      ls_network_canvas_set_scene (self->canvas, NULL);
      set_busy (self, NULL);
      return;
    }

  job = g_new0 (LoadJob, 1);
  job->view = g_object_ref (self);
  job->path = g_strdup (ls_case_get_path (kase));
  job->serial = self->load_serial;
  job->load.query.from = ls_session_get_range_from (self->session);
  job->load.query.to = ls_session_get_range_to (self->session);
  job->load.query.separate_phones = gtk_check_button_get_active (self->phones_toggle);
  job->load.query.min_contacts = (guint) gtk_spin_button_get_value_as_int (self->min_spin);
  job->load.kind = gtk_drop_down_get_selected (self->layout_dropdown);
  job->load.relayout = relayout;
  job->load.data_version = ls_case_get_data_version (kase);
  job->root_key = job->load.kind == LS_NETWORK_LAYOUT_TWOPI ? selected_key (self) : NULL;

  self->load_cancel = g_cancellable_new ();
  set_busy (self, relayout ? _("Laying out the network…") : _("Loading the network…"));
  task = g_task_new (self, self->load_cancel, load_done, GUINT_TO_POINTER (self->load_serial));
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/* Details of the selection */

typedef struct {
  char   *path;
  GArray *a_phones;     /* gint64 */
  GPtrArray *pairs;     /* GArray of the contact's phone ids, per strongest contact */
  gint64  person_id;
  gint64  from;
  gint64  to;
} DetailsJob;

static void
details_job_free (gpointer data)
{
  DetailsJob *job = data;

  g_free (job->path);
  g_array_unref (job->a_phones);
  g_ptr_array_unref (job->pairs);
  g_free (job);
}

static char *
id_list (GArray *ids)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < ids->len; k++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, k ? "," : "", g_array_index (ids, gint64, k));

  return g_string_free (s, FALSE);
}

/* For each strongest contact, the files and lines its calls came from;
 * then the person's events in the range. One text per line. */
static void
details_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  DetailsJob *job = data;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *a = id_list (job->a_phones);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (job->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sqlite3_close_v2 (db);
      g_task_return_pointer (task, lines, (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  for (guint p = 0; p < job->pairs->len && !g_cancellable_is_cancelled (cancellable); p++)
    {
      g_autofree char *b = id_list (job->pairs->pdata[p]);
      g_autofree char *sql = g_strdup_printf (
        "SELECT i.file_name, count(*), min(c.source_line), max(c.source_line) FROM calls c"
        " LEFT JOIN imports i ON i.id = c.import_id"
        " WHERE ((c.caller_id IN (%s) AND c.callee_id IN (%s)) OR (c.caller_id IN (%s) AND c.callee_id IN (%s)))"
        " AND c.start >= %" G_GINT64_FORMAT " AND c.start < %" G_GINT64_FORMAT
        " GROUP BY c.import_id", a, b, b, a,
        job->from >= 0 ? job->from : G_MININT64, job->to >= 0 ? job->to : G_MAXINT64);
      sqlite3_stmt *stmt = NULL;
      GString *line = g_string_new (NULL);

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_string_append_printf (line, _("%s%s: %d calls, lines %lld–%lld"), line->len ? "; " : "",
                                  sqlite3_column_text (stmt, 0) ? (const char *) sqlite3_column_text (stmt, 0) : "?",
                                  sqlite3_column_int (stmt, 1), (long long) sqlite3_column_int64 (stmt, 2),
                                  (long long) sqlite3_column_int64 (stmt, 3));
      sqlite3_finalize (stmt);
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  if (job->person_id >= 0)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT start, kind, coalesce(place, ''), coalesce(text, '') FROM events"
                              " WHERE person_id = ? ORDER BY start LIMIT 12", -1, &stmt, NULL) == SQLITE_OK)
        {
          sqlite3_bind_int64 (stmt, 1, job->person_id);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            {
              g_autofree char *when = ls_time_format_local (sqlite3_column_int64 (stmt, 0), "%d/%m/%Y");
              g_ptr_array_add (lines, g_strdup_printf ("event\t%s — %s %s %s", when,
                                                       sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                                                       sqlite3_column_text (stmt, 3)));
            }
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close_v2 (db);
  g_task_return_pointer (task, lines, (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
detail_label (GtkBox     *box,
              const char *text,
              const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css)
    gtk_widget_add_css_class (label, css);
  gtk_box_append (box, label);

  return label;
}

static int
by_count (gconstpointer a,
          gconstpointer b,
          gpointer      graph)
{
  const LsGraphEdge *x = ls_graph_get_edge (graph, *(const guint *) a);
  const LsGraphEdge *y = ls_graph_get_edge (graph, *(const guint *) b);

  return (int) y->count - (int) x->count;
}

static void
details_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GPtrArray) lines = g_task_propagate_pointer (G_TASK (result), NULL);
  GtkBox *box = data;
  gboolean events = FALSE;

  if (lines == NULL)
    return;
  for (guint k = 0; k < lines->len; k++)
    {
      const char *line = lines->pdata[k];

      if (g_str_has_prefix (line, "event\t"))
        {
          if (!events)
            detail_label (box, _("Events"), "heading");
          events = TRUE;
          detail_label (box, line + 6, NULL);
        }
    }
  /* Provenance lines follow the contacts, in the same order. */
  for (guint k = 0; k < lines->len; k++)
    {
      char key[16];
      GtkWidget *label;

      g_snprintf (key, sizeof key, "prov%u", k);
      label = g_object_get_data (G_OBJECT (box), key);
      if (label != NULL && !g_str_has_prefix (lines->pdata[k], "event\t"))
        gtk_label_set_text (GTK_LABEL (label), lines->pdata[k]);
    }
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static void
show_details (LsNetworkView *self)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);
  const guint8 *selected = ls_network_canvas_get_selected (self->canvas);
  gboolean redact = ls_network_canvas_get_state (self->canvas)->redact;
  g_autofree char *label = NULL, *numbers = NULL, *facts = NULL;
  g_autoptr(GArray) order = NULL;
  g_autoptr(GTask) task = NULL;
  const LsGraphNode *node;
  const guint *edges;
  DetailsJob *job;
  guint n_edges;
  int i = -1;

  g_cancellable_cancel (self->details_cancel);
  g_clear_object (&self->details_cancel);
  clear_box (self->details);
  for (guint k = 0; scene != NULL && k < scene->layout->n_nodes && i < 0; k++)
    if (selected[k])
      i = (int) k;
  gtk_revealer_set_reveal_child (self->sidebar, i >= 0);
  if (i < 0)
    return;

  node = ls_graph_get_node (scene->graph, i);
  label = ls_network_scene_dup_label (scene, i, redact);
  numbers = ls_network_scene_dup_number (scene, i, redact);
  detail_label (self->details, label, "title-2");
  detail_label (self->details, numbers, "dim-label");
  facts = g_strdup_printf (_("%s · %s\n%" G_GUINT64_FORMAT " contacts%s%s"),
                           node->kind == LS_NODE_PERSON ? _("Person") : _("Phone"),
                           ls_network_role_get_title (scene->roles[i]), node->contacts,
                           node->dob && !redact ? _("\nBorn ") : "", node->dob && !redact ? node->dob : "");
  detail_label (self->details, facts, NULL);
  if (scene->victims[i])
    detail_label (self->details, _("Child or vulnerable adult: safeguarding first"), "error");

  edges = ls_graph_get_node_edges (scene->graph, i, &n_edges);
  order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_edges);
  g_array_append_vals (order, edges, n_edges);
  g_array_sort_with_data (order, by_count, scene->graph);

  job = g_new0 (DetailsJob, 1);
  job->path = g_strdup (ls_case_get_path (ls_session_get_case (self->session)));
  job->a_phones = g_array_ref (node->phone_ids);
  job->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  job->person_id = node->kind == LS_NODE_PERSON ? node->id : -1;
  job->from = scene->from;
  job->to = scene->to;

  detail_label (self->details, _("Strongest contacts"), "heading");
  for (guint k = 0; k < order->len && k < 8; k++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (scene->graph, g_array_index (order, guint, k));
      guint other = e->a == (guint) i ? e->b : e->a;
      g_autofree char *who = ls_network_scene_dup_label (scene, other, redact);
      g_autofree char *first = ls_time_format_local (e->first, "%d/%m/%Y");
      g_autofree char *last = ls_time_format_local (e->last, "%d/%m/%Y");
      g_autofree char *text = e->attribution
        ? g_strdup_printf (_("%s — attributed phone"), who)
        : g_strdup_printf (ngettext ("%s — %u contact (%u calls, %u texts), %s to %s",
                                     "%s — %u contacts (%u calls, %u texts), %s to %s", e->count),
                           who, e->count, e->voice_ab + e->voice_ba, e->sms_ab + e->sms_ba, first, last);
      GtkWidget *prov;
      char key[16];

      detail_label (self->details, text, NULL);
      prov = detail_label (self->details, "", "dim-label");
      gtk_widget_add_css_class (prov, "caption");
      g_snprintf (key, sizeof key, "prov%u", job->pairs->len);
      g_object_set_data (G_OBJECT (self->details), key, prov);
      g_ptr_array_add (job->pairs, g_array_ref (ls_graph_get_node (scene->graph, other)->phone_ids));
    }

  self->details_cancel = g_cancellable_new ();
  task = g_task_new (self, self->details_cancel, details_done, self->details);
  g_task_set_task_data (task, job, details_job_free);
  g_task_run_in_thread (task, details_thread);
}

/* Following the session */

static void
canvas_selection_changed (LsNetworkCanvas *canvas,
                          LsNetworkView   *self)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  const guint8 *selected = ls_network_canvas_get_selected (canvas);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  if (scene == NULL || self->session == NULL)
    return;
  for (guint i = 0; i < scene->layout->n_nodes; i++)
    if (selected[i])
      g_ptr_array_add (keys, ls_graph_get_node (scene->graph, i)->key);
  g_ptr_array_add (keys, NULL);
  self->syncing = TRUE;
  ls_session_set_selection (self->session, (const char * const *) keys->pdata);
  self->syncing = FALSE;
  show_details (self);
}

static void
node_moved (LsNetworkCanvas *canvas,
            int              node,
            LsNetworkView   *self)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  LsCase *kase = ls_session_get_case (self->session);
  g_autofree char *name = ls_network_cache_name (scene);
  LsLayoutPoint p = { scene->layout->x[node], scene->layout->y[node], TRUE };
  g_autoptr(GError) error = NULL;

  if (!ls_case_layouts_set_point (ls_case_get_db (kase), name, scene->from, scene->to,
                                  ls_case_get_data_version (kase),
                                  ls_graph_get_node (scene->graph, node)->key, &p, &error))
    g_warning ("%s", error->message);
}

static void
session_selection_changed (LsNetworkView *self)
{
  if (!self->syncing)
    apply_selection_from_session (self);
}

static void
session_redaction_changed (LsNetworkView *self)
{
  ls_network_canvas_get_state (self->canvas)->redact =
    ls_session_get_redaction (self->session) == LS_REDACTION_ALL;
  ls_network_canvas_invalidate (self->canvas);
  show_details (self);
}

static void
session_reload (LsNetworkView *self)
{
  load (self, FALSE);
}

static void
session_changed (LsView *view)
{
  LsNetworkView *self = LS_NETWORK_VIEW (view);
  LsSession *session = self->session;

  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::case", G_CALLBACK (session_reload), self);
      g_signal_connect_swapped (session, "notify::range-from", G_CALLBACK (session_reload), self);
      g_signal_connect_swapped (session, "notify::range-to", G_CALLBACK (session_reload), self);
      g_signal_connect_swapped (session, "data-changed", G_CALLBACK (session_reload), self);
      g_signal_connect_swapped (session, "notify::selection", G_CALLBACK (session_selection_changed), self);
      g_signal_connect_swapped (session, "notify::redaction", G_CALLBACK (session_redaction_changed), self);
      ls_network_canvas_get_state (self->canvas)->redact =
        ls_session_get_redaction (session) == LS_REDACTION_ALL;
    }
  load (self, FALSE);
}

static void
ls_network_view_view_init (LsViewInterface *iface)
{
  iface->session_offset = G_STRUCT_OFFSET (LsNetworkView, session);
  iface->session_changed = session_changed;
}

LsNetworkScene *
ls_network_view_get_scene (LsNetworkView *self)
{
  return ls_network_canvas_get_scene (self->canvas);
}

GtkWidget *
ls_network_view_get_canvas (LsNetworkView *self)
{
  return GTK_WIDGET (self->canvas);
}

gboolean
ls_network_view_is_loading (LsNetworkView *self)
{
  g_return_val_if_fail (LS_IS_NETWORK_VIEW (self), FALSE);

  return self->load_cancel != NULL;
}

/* Toolbar */

static void
layout_changed (LsNetworkView *self)
{
  load (self, FALSE);
}

static void
look_changed (LsNetworkView *self)
{
  LsNetworkViewState *state = ls_network_canvas_get_state (self->canvas);

  state->size_by = gtk_drop_down_get_selected (self->size_dropdown);
  state->color_by = gtk_drop_down_get_selected (self->color_dropdown);
  ls_network_canvas_invalidate (self->canvas);
}

static void
search_changed (LsNetworkView *self)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);
  LsNetworkViewState *state = ls_network_canvas_get_state (self->canvas);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (scene == NULL)
    return;
  state->search = ls_network_search (scene->graph, text, -1, ls_network_canvas_get_hidden (self->canvas));
  if (state->search >= 0)
    ls_network_canvas_centre_on (self->canvas, state->search);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
search_next (LsNetworkView *self)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);
  LsNetworkViewState *state = ls_network_canvas_get_state (self->canvas);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  int found;

  if (scene == NULL)
    return;
  found = ls_network_search (scene->graph, text, state->search, ls_network_canvas_get_hidden (self->canvas));
  if (found < 0)
    return;
  state->search = found;
  ls_network_canvas_centre_on (self->canvas, found);
}

static void
hidden_changed (LsNetworkView *self,
                gboolean       fit)
{
  ls_network_canvas_invalidate (self->canvas);
  if (fit)
    ls_network_canvas_fit (self->canvas);
}

static void
selection_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  LsNetworkView *self = LS_NETWORK_VIEW (widget);
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);
  guint8 *hidden = ls_network_canvas_get_hidden (self->canvas);
  guint8 *selected = ls_network_canvas_get_selected (self->canvas);
  guint n;

  if (scene == NULL)
    return;
  n = scene->layout->n_nodes;

  if (g_str_equal (name, "network.hide-selected"))
    {
      for (guint i = 0; i < n; i++)
        hidden[i] |= selected[i];
      memset (selected, 0, n);
      ls_network_canvas_selection_changed (self->canvas, TRUE);
      hidden_changed (self, FALSE);
    }
  else if (g_str_equal (name, "network.show-neighbours") || g_str_equal (name, "network.expand"))
    {
      g_autofree guint8 *mark = g_new (guint8, n);

      for (guint i = 0; i < n; i++)
        mark[i] = name[8] == 's' ? selected[i] : !hidden[i];
      ls_network_expand (scene->graph, mark);
      for (guint i = 0; i < n; i++)
        hidden[i] = !mark[i];
      hidden_changed (self, TRUE);
    }
  else if (g_str_equal (name, "network.show-all"))
    {
      memset (hidden, 0, n);
      hidden_changed (self, TRUE);
    }
}

static void
shortest_path_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  LsNetworkView *self = LS_NETWORK_VIEW (widget);
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);
  const guint8 *selected = ls_network_canvas_get_selected (self->canvas);
  guint8 *path_edges = ls_network_canvas_get_path (self->canvas);
  g_autoptr(GArray) path = NULL;
  g_autofree char *text = NULL;
  int ends[2] = { -1, -1 }, k = 0;

  if (scene == NULL)
    return;
  for (guint i = 0; i < scene->layout->n_nodes && k < 2; i++)
    if (selected[i])
      ends[k++] = (int) i;
  memset (path_edges, 0, MAX (ls_graph_get_n_edges (scene->graph), 1));
  if (k < 2)
    {
      update_status (self, _("select two nodes to find the chain between them"));
      gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
      return;
    }
  path = ls_network_shortest_path (scene->graph, ends[0], ends[1], ls_network_canvas_get_hidden (self->canvas));
  if (path == NULL)
    text = g_strdup (_("no chain of contacts joins the two"));
  else
    {
      ls_network_path_edges (scene->graph, path, path_edges);
      text = g_strdup_printf (ngettext ("shortest chain: %u link", "shortest chain: %u links", path->len - 1),
                              path->len - 1);
    }
  update_status (self, text);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
view_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LsNetworkView *self = LS_NETWORK_VIEW (widget);

  if (g_str_equal (name, "network.zoom-in"))
    ls_network_canvas_zoom (self->canvas, 1.25);
  else if (g_str_equal (name, "network.zoom-out"))
    ls_network_canvas_zoom (self->canvas, 0.8);
  else if (g_str_equal (name, "network.fit"))
    ls_network_canvas_fit (self->canvas);
  else if (g_str_equal (name, "network.relayout"))
    load (self, TRUE);
  else if (g_str_equal (name, "network.cancel"))
    g_cancellable_cancel (self->load_cancel);
  else if (g_str_equal (name, "network.find"))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Export…: the shared Export dialog, given what the canvas shows (its
 * scene, zoom, centre and selection) at its size. */
static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LsNetworkView *self = LS_NETWORK_VIEW (widget);
  LsNetworkScene *scene = ls_network_canvas_get_scene (self->canvas);
  LsExportDialog *dialog;

  if (scene == NULL)
    return;
  dialog = ls_export_dialog_new (self->session, "network");
  ls_export_dialog_set_screen (dialog, ls_network_export_screen_new (scene, ls_network_canvas_get_state (self->canvas)),
                               (GDestroyNotify) ls_network_export_screen_free,
                               gtk_widget_get_width (GTK_WIDGET (self->canvas)),
                               gtk_widget_get_height (GTK_WIDGET (self->canvas)));
  ls_export_dialog_set_range (dialog, scene->from, scene->to);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ls_network_view_dispose (GObject *object)
{
  LsNetworkView *self = LS_NETWORK_VIEW (object);

  g_cancellable_cancel (self->load_cancel);
  g_cancellable_cancel (self->roles_cancel);
  g_cancellable_cancel (self->details_cancel);
  g_clear_object (&self->load_cancel);
  g_clear_object (&self->roles_cancel);
  g_clear_object (&self->details_cancel);
  ls_view_clear_session (LS_VIEW (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_NETWORK_VIEW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }

  G_OBJECT_CLASS (ls_network_view_parent_class)->dispose (object);
}

static void
ls_network_view_class_init (LsNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const selection_actions[] = {
    "network.hide-selected", "network.show-neighbours", "network.expand", "network.show-all",
  };
  static const char * const view_actions[] = {
    "network.zoom-in", "network.zoom-out", "network.fit", "network.relayout", "network.cancel",
    "network.find",
  };

  object_class->dispose = ls_network_view_dispose;
  ls_view_class_install_session (object_class);

  g_type_ensure (LS_TYPE_NETWORK_CANVAS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-network-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, canvas);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, layout_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, size_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, min_spin);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, phones_toggle);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LsNetworkView, details);

  for (guint i = 0; i < G_N_ELEMENTS (selection_actions); i++)
    gtk_widget_class_install_action (widget_class, selection_actions[i], NULL, selection_action);
  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_class_install_action (widget_class, view_actions[i], NULL, view_action);
  gtk_widget_class_install_action (widget_class, "network.shortest-path", NULL, shortest_path_action);
  gtk_widget_class_install_action (widget_class, "network.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "network.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "network.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "network.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "network.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "network.fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "network.hide-selected", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ls_network_view_init (LsNetworkView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->canvas, "selection-changed", G_CALLBACK (canvas_selection_changed), self);
  g_signal_connect (self->canvas, "node-moved", G_CALLBACK (node_moved), self);
  g_signal_connect_swapped (self->layout_dropdown, "notify::selected", G_CALLBACK (layout_changed), self);
  g_signal_connect_swapped (self->size_dropdown, "notify::selected", G_CALLBACK (look_changed), self);
  g_signal_connect_swapped (self->color_dropdown, "notify::selected", G_CALLBACK (look_changed), self);
  g_signal_connect_swapped (self->min_spin, "value-changed", G_CALLBACK (layout_changed), self);
  g_signal_connect_swapped (self->phones_toggle, "toggled", G_CALLBACK (layout_changed), self);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_next), self);
  g_signal_connect_swapped (self->search_entry, "next-match", G_CALLBACK (search_next), self);
}

GtkWidget *
ls_network_view_new (void)
{
  return g_object_new (LS_TYPE_NETWORK_VIEW, NULL);
}
