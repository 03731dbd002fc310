/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsAnalysisPage: loads the case's analysis for the session's date range
 * (from the case's cache, or computed on a worker with progress and
 * Cancel), lists its findings strongest first with a filter by kind, and
 * on selecting one selects its people in the session and highlights its
 * calls. The words and the details pane are in ls-analysis-page-details.c,
 * the measures table in ls-analysis-page-measures.c. */
#define G_LOG_DOMAIN "ls-analysis-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-analysis-page-private.h"
#include "ls-case.h"
#include "ls-finding-item.h"
#include "ls-measure-item.h"
#include "ls-time.h"

static void ls_analysis_page_view_init (LsViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LsAnalysisPage, ls_analysis_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LS_TYPE_VIEW, ls_analysis_page_view_init))

#define RELOAD_DELAY 300   /* ms: a burst of range changes is one analysis */

/* The kinds in the order of the type filter's entries after "All". */
static const char * const finding_types[] = {
  LS_FINDING_DEAL_LINE, LS_FINDING_SUCCESSOR_LINE, LS_FINDING_ROLE,
  LS_FINDING_HANDSET_SWAP, LS_FINDING_CO_LOCATION,
};

static void load (LsAnalysisPage *self);

/* The finding rows: an icon for the kind, the title, the kind and the
 * people, and how sure the analysis is. Tooltips are asked for when
 * shown: gtk_widget_set_tooltip_text on every bind asks the display
 * server where the pointer is, a round trip per row. */

gboolean
ls_analysis_page_label_tooltip (GtkWidget  *label,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip,
                                gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static gboolean
sure_tooltip_cb (GtkWidget  *widget,
                 int         x,
                 int         y,
                 gboolean    keyboard,
                 GtkTooltip *tooltip,
                 gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("How sure the analysis is"));

  return TRUE;
}

static void
finding_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *sure = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *percent = gtk_label_new (NULL);
  GtkWidget *bar = gtk_level_bar_new ();

  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (percent), 1);
  gtk_widget_add_css_class (percent, "numeric");
  gtk_widget_add_css_class (percent, "caption");
  gtk_widget_set_size_request (bar, 56, -1);
  gtk_widget_set_valign (sure, GTK_ALIGN_CENTER);
  gtk_widget_set_has_tooltip (title, TRUE);
  g_signal_connect (title, "query-tooltip", G_CALLBACK (ls_analysis_page_label_tooltip), NULL);
  gtk_widget_set_has_tooltip (sure, TRUE);
  g_signal_connect (sure, "query-tooltip", G_CALLBACK (sure_tooltip_cb), NULL);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (sure), percent);
  gtk_box_append (GTK_BOX (sure), bar);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), sure);
  gtk_list_item_set_child (list_item, row);
}

static void
finding_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  LsAnalysisPage *self = user_data;
  LsFinding *f = ls_finding_item_get_finding (gtk_list_item_get_item (list_item));
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (row);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *sure = gtk_widget_get_next_sibling (text);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *percent = gtk_widget_get_first_child (sure);
  GtkWidget *bar = gtk_widget_get_next_sibling (percent);
  g_autofree char *title_text = ls_analysis_page_finding_title (self, f);
  g_autofree char *about = ls_analysis_page_finding_about (self, f, title_text);
  g_autofree char *confidence = ls_analysis_page_confidence_text (f->confidence);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), f->child ? "dialog-warning-symbolic" : ls_analysis_page_type_icon (f->type));
  if (f->child)
    gtk_widget_add_css_class (icon, "risk-high");
  else
    gtk_widget_remove_css_class (icon, "risk-high");
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_label_set_text (GTK_LABEL (subtitle), about);
  gtk_label_set_text (GTK_LABEL (percent), confidence);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), f->confidence);
}

/* Filter and order */

static gboolean
finding_filter_func (gpointer item,
                     gpointer user_data)
{
  LsAnalysisPage *self = user_data;
  LsFinding *f = ls_finding_item_get_finding (item);

  return self->type_filter == NULL || g_strcmp0 (f->type, self->type_filter) == 0;
}

/* For g_ptr_array_sort: pointers to two LsFindingItems. */
static int
finding_compare (gconstpointer a,
                 gconstpointer b)
{
  LsFinding *x = ls_finding_item_get_finding (*(LsFindingItem **) a);
  LsFinding *y = ls_finding_item_get_finding (*(LsFindingItem **) b);

  /* Strongest first; a child before anyone else at the same strength. */
  if (x->confidence != y->confidence)
    return x->confidence > y->confidence ? -1 : 1;
  if (x->child != y->child)
    return x->child ? -1 : 1;
  return 0;
}

static void
update_summary (LsAnalysisPage *self)
{
  g_autofree char *text = NULL;
  guint shown, all, nodes;

  if (self->analysis == NULL)
    return;
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->findings_filtered));
  all = ls_analysis_get_n_findings (self->analysis);
  nodes = ls_analysis_get_n_nodes (self->analysis);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "measures") == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person or phone", "%u people and phones", nodes),
                            nodes);
  else if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", all), all);
  else
    text = g_strdup_printf (_("%u of %u findings"), shown, all);
  gtk_label_set_text (self->summary_label, text);
}

static void
type_dropdown_changed_cb (LsAnalysisPage *self)
{
  guint i = gtk_drop_down_get_selected (self->type_dropdown);

  g_free (self->type_filter);
  self->type_filter = i >= 1 && i <= G_N_ELEMENTS (finding_types) ? g_strdup (finding_types[i - 1]) : NULL;
  gtk_filter_changed (GTK_FILTER (self->findings_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

static void
results_page_changed_cb (LsAnalysisPage *self)
{
  gboolean findings = g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "findings") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->type_dropdown), findings);
  if (!findings && self->measures_store != NULL)
    ls_analysis_page_ensure_measures (self);
  update_summary (self);
}

static LsFinding *
selected_finding (LsAnalysisPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->findings_selection);

  return item ? ls_finding_item_get_finding (item) : NULL;
}

/* The people of the finding are selected in every view, and its calls
 * are highlighted on the timeline. */
static void
finding_selected_cb (LsAnalysisPage *self)
{
  LsFinding *f = selected_finding (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  ls_analysis_page_show_finding (self, f);
  if (self->session == NULL)
    return;
  if (f == NULL)
    {
      if (!self->syncing)
        ls_session_set_highlighted_calls (self->session, NULL, NULL, 0);
      return;
    }

  for (guint i = 0; i < f->subjects->len; i++)
    g_ptr_array_add (keys, g_ptr_array_index (f->subjects, i));
  g_ptr_array_add (keys, NULL);
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LsEvidence *e = &g_array_index (f->evidence, LsEvidence, i);

      if (e->kind == LS_EVIDENCE_CALL)
        {
          g_array_append_val (ids, e->row_id);
          g_array_append_val (times, e->when);
        }
    }

  self->syncing = TRUE;
  ls_session_set_highlighted_calls (self->session, (const gint64 *) ids->data, (const gint64 *) times->data, ids->len);
  ls_session_set_selection (self->session, (const char * const *) keys->pdata);
  self->syncing = FALSE;
  ls_analysis_page_sync_measures_selection (self);
  ls_analysis_page_update_common (self);
}

/* Showing an analysis */

static void
findings_filled_cb (gpointer user_data)
{
  LsAnalysisPage *self = user_data;

  self->findings_fill = NULL;
  update_summary (self);
}

/* The findings go into the list a slice per frame (ITEMS: their rows,
 * made and put in order on a worker). */
static void
fill_findings (LsAnalysisPage *self,
               GPtrArray      *items)
{
  g_clear_pointer (&self->findings_fill, ls_store_fill_cancel);
  self->findings_fill = ls_store_fill_start (self->findings_store, items, findings_filled_cb, self);
}

static void
show_analysis (LsAnalysisPage *self,
               GPtrArray      *items)
{
  gtk_single_selection_set_selected (self->findings_selection, GTK_INVALID_LIST_POSITION);
  fill_findings (self, items);
  ls_analysis_page_show_measures (self);
  ls_analysis_page_show_finding (self, NULL);
  update_summary (self);

  if (ls_analysis_get_n_nodes (self->analysis) == 0)
    {
      gboolean ranged = self->session && (ls_session_get_range_from (self->session) >= 0 ||
                                          ls_session_get_range_to (self->session) >= 0);

      adw_status_page_set_title (self->empty_page, ranged ? _("No Calls in This Date Range") : _("No Calls to Analyse"));
      adw_status_page_set_description (self->empty_page,
                                       ranged ? _("Widen the date range on the timeline to analyse more of the case.")
                                              : _("Import call records to see who is central to the network, and to find deal lines, roles, handset swaps and phones seen together."));
      gtk_stack_set_visible_child_name (self->state_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->state_stack, "results");
}

/* Labels changed (redaction): the rows are bound again. */
static void
relabel (LsAnalysisPage *self)
{
  guint selected = gtk_single_selection_get_selected (self->findings_selection);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *store = G_LIST_MODEL (self->findings_store);

  /* Still being filled: again from the start, bound with the new labels. */
  if (self->findings_fill != NULL)
    {
      g_autoptr(GPtrArray) again = g_ptr_array_ref (ls_store_fill_get_items (self->findings_fill));

      fill_findings (self, again);
    }
  else
    {
      for (guint i = 0; i < g_list_model_get_n_items (store); i++)
        g_ptr_array_add (items, g_list_model_get_item (store, i));
      self->syncing = TRUE;
      g_list_store_splice (self->findings_store, 0, items->len, items->pdata, items->len);
      gtk_single_selection_set_selected (self->findings_selection, selected);
      self->syncing = FALSE;
    }
  ls_analysis_page_show_finding (self, selected_finding (self));
  ls_analysis_page_show_measures (self);
}

/* The redactor for the session's mode, made on a worker (it reads every
 * name and number of the case). Under partner redaction the children and
 * vulnerable adults keep their names. */
static void
redactor_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GHashTable *keep = task_data;
  LsCase *kase = g_object_get_data (G_OBJECT (task), "case");
  LsRedaction mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "mode"));
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = ls_case_open_reader (kase, &error);
  LsRedactor *redactor = reader ? ls_redactor_new (reader, mode, keep, &error) : NULL;

  if (redactor == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, redactor, (GDestroyNotify) ls_redactor_free);
}

static void
redactor_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (source);
  g_autoptr(GError) error = NULL;
  LsRedactor *redactor = g_task_propagate_pointer (G_TASK (result), &error);

  if (redactor == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot redact the analysis: %s", error->message);
      return;
    }
  g_clear_pointer (&self->redactor, ls_redactor_free);
  self->redactor = redactor;
  relabel (self);
}

static void
update_redactor (LsAnalysisPage *self)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  LsRedaction mode = self->session ? ls_session_get_redaction (self->session) : LS_REDACTION_NONE;
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GTask) task = NULL;

  if (mode == LS_REDACTION_NONE || kase == NULL || self->analysis == NULL)
    {
      if (self->redactor != NULL)
        {
          g_clear_pointer (&self->redactor, ls_redactor_free);
          relabel (self);
        }
      return;
    }

  for (guint i = 0; i < ls_analysis_get_n_nodes (self->analysis); i++)
    {
      const LsAnalysisNode *node = ls_analysis_get_node (self->analysis, i);

      if (node->victim && node->kind == LS_NODE_PERSON)
        g_hash_table_add (keep, g_memdup2 (&(gint64) { g_ascii_strtoll (node->key + strlen ("person:"), NULL, 10) },
                                           sizeof (gint64)));
    }
  task = g_task_new (self, self->cancellable, redactor_done, NULL);
  g_task_set_task_data (task, g_steal_pointer (&keep), (GDestroyNotify) g_hash_table_unref);
  g_object_set_data_full (G_OBJECT (task), "case", g_object_ref (kase), g_object_unref);
  g_object_set_data (G_OBJECT (task), "mode", GINT_TO_POINTER (mode));
  g_task_run_in_thread (task, redactor_thread);
}

/* Loading, with progress: the worker writes the fraction, a timeout on
 * the main thread shows it. */

typedef struct {
  gatomicrefcount ref_count;
  int             permille;
} Job;

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (Job *job)
{
  if (g_atomic_ref_count_dec (&job->ref_count))
    g_free (job);
}

static void
job_progress (double   fraction,
              gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->permille, (int) (CLAMP (fraction, 0, 1) * 1000));
}

static gboolean
progress_tick (gpointer user_data)
{
  LsAnalysisPage *self = user_data;
  Job *job = self->job;
  double fraction = job ? g_atomic_int_get (&job->permille) / 1000.0 : 0;
  g_autofree char *text = g_strdup_printf (_("%d %%"), (int) (fraction * 100));

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->busy_progress, fraction);

  return G_SOURCE_CONTINUE;
}

static void
stop_progress (LsAnalysisPage *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->job, job_unref);
  gtk_widget_set_visible (self->busy_box, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.cancel", FALSE);
}

typedef struct {
  LsAnalysisPage *self;
  GCancellable   *cancellable;
  Job            *job;
} Pending;

/* The last analysis of a large case is hundreds of thousands of small
 * blocks: freed on a worker, not between two frames. */
static void
free_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ls_analysis_unref (task_data);
}

void
ls_analysis_page_free_on_worker (LsAnalysis *analysis)
{
  g_autoptr(GTask) task = NULL;

  if (analysis == NULL)
    return;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_task_data (task, analysis, NULL);
  g_task_run_in_thread (task, free_thread);
}

static void
show_error (LsAnalysisPage *self,
            GError         *error)
{
  gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Earlier results on screen stay, said to be out of date. */
  if (cancelled && self->analysis != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack), "results") == 0)
    {
      gtk_label_set_text (self->summary_label, _("Cancelled: these results are for the earlier dates or data"));
      return;
    }
  adw_status_page_set_title (self->error_page, cancelled ? _("Analysis Cancelled") : _("Cannot Analyse This Case"));
  adw_status_page_set_description (self->error_page, cancelled ? _("Analyse when you are ready: on a large case it takes a few seconds.")
                                                               : error->message);
  gtk_stack_set_visible_child_name (self->state_stack, "error");
}

/* The rows of the findings, strongest first, made on a worker: the
 * analysis is immutable, and thousands of rows made and sorted are work
 * the window's thread need not do. */
static void
prepare_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  LsAnalysis *analysis = task_data;
  guint n = ls_analysis_get_n_findings (analysis);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, ls_finding_item_new (ls_analysis_get_finding (analysis, i)));
  /* A stable sort: findings as strong keep the analysis's order. */
  g_ptr_array_sort (items, finding_compare);
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

static void
analysis_prepared (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (task, &error);
  LsAnalysis *old;

  /* A newer load replaced this one. */
  if (g_task_get_cancellable (task) != self->cancellable)
    return;
  stop_progress (self);
  if (items == NULL)
    {
      show_error (self, error);
      return;
    }

  old = g_steal_pointer (&self->analysis);
  self->analysis = ls_analysis_ref (g_task_get_task_data (task));
  g_clear_pointer (&self->graph, ls_graph_unref);
  show_analysis (self, items);
  ls_analysis_page_free_on_worker (old);
  update_redactor (self);
  ls_analysis_page_sync_measures_selection (self);
  ls_analysis_page_update_common (self);
}

static void
analysis_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(LsAnalysisPage) self = pending->self;
  g_autoptr(GCancellable) cancellable = pending->cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsAnalysis) analysis = ls_analysis_load_finish (LS_CASE (source), result, &error);
  g_autoptr(GTask) task = NULL;

  job_unref (pending->job);
  g_free (pending);
  /* A newer load replaced this one. */
  if (cancellable != self->cancellable)
    return;
  if (analysis == NULL)
    {
      stop_progress (self);
      show_error (self, error);
      return;
    }

  /* Still busy (and cancellable) while its rows are made. */
  task = g_task_new (self, cancellable, analysis_prepared, NULL);
  g_task_set_task_data (task, g_steal_pointer (&analysis), (GDestroyNotify) ls_analysis_unref);
  g_task_run_in_thread (task, prepare_thread);
}

/* Nothing of the analysis shown stays: findings, measures, and what
 * they were drawn from. */
static void
clear_results (LsAnalysisPage *self)
{
  g_clear_pointer (&self->findings_fill, ls_store_fill_cancel);
  g_list_store_remove_all (self->findings_store);
  g_clear_pointer (&self->analysis, ls_analysis_unref);
  g_clear_pointer (&self->graph, ls_graph_unref);
  g_clear_pointer (&self->redactor, ls_redactor_free);
  ls_analysis_page_show_measures (self);
}

static void
load (LsAnalysisPage *self)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  LsAnalysisOptions options = LS_ANALYSIS_OPTIONS_INIT;
  Pending *pending;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->graph_cancel);
  g_clear_object (&self->graph_cancel);
  stop_progress (self);
  self->stale = FALSE;

  if (kase == NULL)
    {
      clear_results (self);
      adw_status_page_set_title (self->empty_page, _("No Case Open"));
      adw_status_page_set_description (self->empty_page, _("Open a case to analyse its network."));
      gtk_stack_set_visible_child_name (self->state_stack, "empty");
      return;
    }

  options.from = ls_session_get_range_from (self->session);
  options.to = ls_session_get_range_to (self->session);
  self->cancellable = g_cancellable_new ();
  self->job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&((Job *) self->job)->ref_count);
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->cancellable = g_object_ref (self->cancellable);
  pending->job = job_ref (self->job);
  progress_tick (self);
  self->progress_source = g_timeout_add (100, progress_tick, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.cancel", TRUE);
  /* Results on screen stay there, marked as being brought up to date. */
  if (self->analysis != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->state_stack), "results") == 0)
    gtk_widget_set_visible (self->busy_box, TRUE);
  else
    gtk_stack_set_visible_child_name (self->state_stack, "loading");
  ls_analysis_load_async (kase, &options, job_progress, pending->job, self->cancellable, analysis_loaded, pending);
}

/* The analysis follows the date range and the data, but only while the
 * page is on screen: hidden, it reloads when next shown. */
static void
request_load (LsAnalysisPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      !(self->session && ls_session_get_case (self->session) == NULL))
    {
      self->stale = TRUE;
      return;
    }
  load (self);
}

/* Another case: nothing of the last one stays on screen. */
static void
case_changed_cb (LsAnalysisPage *self)
{
  gtk_single_selection_set_selected (self->findings_selection, GTK_INVALID_LIST_POSITION);
  clear_results (self);
  request_load (self);
}

static gboolean
reload_timeout (gpointer user_data)
{
  LsAnalysisPage *self = user_data;

  self->reload_source = 0;
  request_load (self);

  return G_SOURCE_REMOVE;
}

static void
range_changed_cb (LsAnalysisPage *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY, reload_timeout, self);
}

static void
selection_changed_cb (LsAnalysisPage *self)
{
  if (self->syncing)
    return;
  ls_analysis_page_sync_measures_selection (self);
  ls_analysis_page_update_common (self);
}

static void
ls_analysis_page_map (GtkWidget *widget)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (widget);

  GTK_WIDGET_CLASS (ls_analysis_page_parent_class)->map (widget);
  if (self->stale)
    load (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load (LS_ANALYSIS_PAGE (widget));
}

static void
session_changed (LsView *view)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (view);
  LsSession *session = self->session;

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::case", G_CALLBACK (case_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "data-changed", G_CALLBACK (request_load), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::range-from", G_CALLBACK (range_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::range-to", G_CALLBACK (range_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::selection", G_CALLBACK (selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::redaction", G_CALLBACK (update_redactor), self,
                               G_CONNECT_SWAPPED);
    }
  request_load (self);
}

static void
ls_analysis_page_view_init (LsViewInterface *iface)
{
  iface->session_offset = G_STRUCT_OFFSET (LsAnalysisPage, session);
  iface->session_changed = session_changed;
}

/* Public API */

void
ls_analysis_page_set_session (LsAnalysisPage *self,
                              LsSession      *session)
{
  g_return_if_fail (LS_IS_ANALYSIS_PAGE (self));

  ls_view_set_session (LS_VIEW (self), session);
}

LsAnalysis *
ls_analysis_page_get_analysis (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), NULL);

  return self->analysis;
}

gboolean
ls_analysis_page_is_busy (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), FALSE);

  return self->job != NULL || self->reload_source != 0 || self->findings_fill != NULL ||
         self->measures_cancel != NULL || self->measures_fill != NULL;
}

void
ls_analysis_page_refresh (LsAnalysisPage *self)
{
  g_return_if_fail (LS_IS_ANALYSIS_PAGE (self));

  load (self);
}

GListModel *
ls_analysis_page_get_findings (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), NULL);

  return G_LIST_MODEL (self->findings_selection);
}

void
ls_analysis_page_set_type_filter (LsAnalysisPage *self,
                                  const char     *type)
{
  g_return_if_fail (LS_IS_ANALYSIS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (finding_types); i++)
    if (g_strcmp0 (type, finding_types[i]) == 0)
      {
        gtk_drop_down_set_selected (self->type_dropdown, i + 1);
        return;
      }
  gtk_drop_down_set_selected (self->type_dropdown, 0);
}

gboolean
ls_analysis_page_select_finding (LsAnalysisPage *self,
                                 guint           position)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), FALSE);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->findings_selection)))
    return FALSE;
  gtk_single_selection_set_selected (self->findings_selection, position);

  return TRUE;
}

/* GObject */

static void
ls_analysis_page_dispose (GObject *object)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->evidence_cancel);
  g_clear_object (&self->evidence_cancel);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_pointer (&self->findings_fill, ls_store_fill_cancel);
  stop_progress (self);
  ls_analysis_page_dispose_measures (self);
  ls_view_clear_session (LS_VIEW (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_ANALYSIS_PAGE);
  g_clear_object (&self->findings_selection);
  g_clear_object (&self->findings_store);
  g_clear_pointer (&self->analysis, ls_analysis_unref);
  g_clear_pointer (&self->redactor, ls_redactor_free);

  G_OBJECT_CLASS (ls_analysis_page_parent_class)->dispose (object);
}

static void
ls_analysis_page_finalize (GObject *object)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (object);

  g_free (self->type_filter);

  G_OBJECT_CLASS (ls_analysis_page_parent_class)->finalize (object);
}

static void
ls_analysis_page_class_init (LsAnalysisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_analysis_page_dispose;
  object_class->finalize = ls_analysis_page_finalize;
  widget_class->map = ls_analysis_page_map;
  ls_view_class_install_session (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-analysis-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, busy_progress);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, finding_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_child_banner);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, subject_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, reason_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_common_group);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_common_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, measure_view);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, key_player_chart);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, key_player_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, common_group);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, common_list);
  gtk_widget_class_bind_template_callback (widget_class, type_dropdown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "analysis.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "analysis.refresh", NULL, refresh_action);
}

static void
ls_analysis_page_init (LsAnalysisPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (finding_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (finding_bind_cb), self);
  gtk_list_view_set_factory (self->finding_list, factory);

  self->findings_store = g_list_store_new (LS_TYPE_FINDING_ITEM);
  self->findings_filter = gtk_custom_filter_new (finding_filter_func, self, NULL);
  self->findings_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->findings_store)),
                                                       GTK_FILTER (self->findings_filter));
  /* The store holds the findings strongest first (sorted on a worker). */
  self->findings_selection = gtk_single_selection_new (G_LIST_MODEL (self->findings_filtered));
  gtk_single_selection_set_autoselect (self->findings_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->findings_selection, TRUE);
  gtk_list_view_set_model (self->finding_list, GTK_SELECTION_MODEL (self->findings_selection));
  g_signal_connect_object (self->findings_selection, "notify::selected-item", G_CALLBACK (finding_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->findings_filtered, "items-changed", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);

  ls_analysis_page_init_measures (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.cancel", FALSE);
  results_page_changed_cb (self);
  gtk_stack_set_visible_child_name (self->state_stack, "empty");
}
