/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Analysis page's measures: a sortable table of every person and
 * phone with its igraph measures and role (selecting rows selects them in
 * the session), the key-player curve drawn with Cairo, and the common
 * contacts of two selected nodes (on a contact graph built on a worker the
 * first time two are selected). */
#define G_LOG_DOMAIN "ls-analysis-page"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ls-analysis-page-private.h"
#include "ls-case.h"
#include "ls-measure-item.h"
#include "ls-render-style.h"

#define COMMON_SHOWN 20   /* rows of common contacts; the rest are counted */

typedef enum {
  COL_NAME,
  COL_ROLE,
  COL_DEGREE,
  COL_WEIGHTED_DEGREE,
  COL_BETWEENNESS,
  COL_CLOSENESS,
  COL_EIGENVECTOR,
  COL_PAGERANK,
  COL_COMMUNITY,
  N_COLUMNS
} Column;

static const struct {
  const char *id;
  const char *title;
  int         width;
} columns[N_COLUMNS] = {
  [COL_NAME] = { "name", N_("Name"), 160 },
  [COL_ROLE] = { "role", N_("Role"), 100 },
  [COL_DEGREE] = { "degree", N_("Degree"), 70 },
  [COL_WEIGHTED_DEGREE] = { "weighted-degree", N_("Weighted"), 80 },
  [COL_BETWEENNESS] = { "betweenness", N_("Betweenness"), 105 },
  [COL_CLOSENESS] = { "closeness", N_("Closeness"), 85 },
  [COL_EIGENVECTOR] = { "eigenvector", N_("Eigenvector"), 95 },
  [COL_PAGERANK] = { "pagerank", N_("PageRank"), 80 },
  [COL_COMMUNITY] = { "community", N_("Group"), 60 },
};

static double
column_value (const LsAnalysisNode *node,
              Column                column)
{
  const LsNodeMeasures *m = &node->measures;

  switch (column)
    {
    case COL_DEGREE:
      return m->degree;
    case COL_WEIGHTED_DEGREE:
      return m->weighted_degree;
    case COL_BETWEENNESS:
      return m->betweenness;
    case COL_CLOSENESS:
      return isnan (m->closeness) ? -1 : m->closeness;
    case COL_EIGENVECTOR:
      return m->eigenvector;
    case COL_PAGERANK:
      return m->pagerank;
    case COL_COMMUNITY:
      return m->community;
    case COL_ROLE:
      return node->role;
    case COL_NAME:
    case N_COLUMNS:
    default:
      return 0;
    }
}

static char *
column_text (LsAnalysisPage       *self,
             const LsAnalysisNode *node,
             Column                column)
{
  const LsNodeMeasures *m = &node->measures;

  switch (column)
    {
    case COL_NAME:
      return ls_analysis_page_node_label (self, node);
    case COL_ROLE:
      return g_strdup (ls_analysis_page_role_title (node->role));
    case COL_DEGREE:
      return g_strdup_printf ("%u", m->degree);
    case COL_WEIGHTED_DEGREE:
      return g_strdup_printf ("%.0f", m->weighted_degree);
    case COL_BETWEENNESS:
      return g_strdup_printf ("%.1f", m->betweenness);
    case COL_CLOSENESS:
      return isnan (m->closeness) ? g_strdup ("—") : g_strdup_printf ("%.3f", m->closeness);
    case COL_EIGENVECTOR:
      return g_strdup_printf ("%.3f", m->eigenvector);
    case COL_PAGERANK:
      return g_strdup_printf ("%.4f", m->pagerank);
    case COL_COMMUNITY:
      return g_strdup_printf ("%d", m->community + 1);
    case N_COLUMNS:
    default:
      return NULL;
    }
}

/* Cells. The name's tooltip is asked for when shown: setting it on every
 * bind asks the display server where the pointer is, a round trip per
 * row. */

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COL_NAME)
    {
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (ls_analysis_page_label_tooltip), NULL);
    }
  if (column == COL_NAME || column == COL_ROLE)
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  LsAnalysisPage *self = user_data;
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  const LsAnalysisNode *node = ls_measure_item_get_node (gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);
  g_autofree char *text = column_text (self, node, column);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (column == COL_NAME)
    {
      if (node->victim)
        gtk_widget_add_css_class (label, "risk-high");
      else
        gtk_widget_remove_css_class (label, "risk-high");
    }
}

/* The column whose sorter compared last (see read_sort). */
static int compared_column = -1;

/* The columns' sorters: what the column view's sorter is made of. The
 * table itself is sorted on a worker (sort_thread), in the same order. */
static int
compare_nodes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  const LsAnalysisNode *x = ls_measure_item_get_node ((gpointer) a);
  const LsAnalysisNode *y = ls_measure_item_get_node ((gpointer) b);
  double vx, vy;

  compared_column = column;
  if (column == COL_NAME)
    return g_utf8_collate (x->label, y->label);
  vx = column_value (x, column);
  vy = column_value (y, column);
  if (vx != vy)
    return vx < vy ? -1 : 1;
  return g_utf8_collate (x->label, y->label);
}

static GtkColumnViewColumn *
find_column (LsAnalysisPage *self,
             const char     *id)
{
  GListModel *list = gtk_column_view_get_columns (self->measure_view);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (list, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "id"), id) == 0)
        return column;
    }

  return NULL;
}

/* Selection: rows ↔ the session */

static void
rows_selected_cb (LsAnalysisPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GtkBitsetIter iter;
  guint position;

  /* Rows moving while the table is filled are not a choice. */
  if (self->syncing || self->session == NULL || self->measures_fill != NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->measures_selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(LsMeasureItem) item = g_list_model_get_item (G_LIST_MODEL (self->measures_store), position);

      g_ptr_array_add (keys, (gpointer) ls_measure_item_get_node (item)->key);
    }
  g_ptr_array_add (keys, NULL);

  self->syncing = TRUE;
  ls_session_set_highlighted_calls (self->session, NULL, NULL, 0);
  ls_session_set_selection (self->session, (const char * const *) keys->pdata);
  self->syncing = FALSE;
  ls_analysis_page_update_common (self);
}

void
ls_analysis_page_sync_measures_selection (LsAnalysisPage *self)
{
  GListModel *model = G_LIST_MODEL (self->measures_store);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n = g_list_model_get_n_items (model);

  if (self->session == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LsMeasureItem) item = g_list_model_get_item (model, i);

      if (ls_session_is_selected (self->session, ls_measure_item_get_node (item)->key))
        gtk_bitset_add (selected, i);
    }
  mask = gtk_bitset_new_range (0, n);
  self->syncing = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->measures_selection), selected, mask);
  self->syncing = FALSE;
}

/* The key-player curve */

static void
chart_draw (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        user_data)
{
  LsAnalysisPage *self = user_data;
  const LsKeyPlayers *kp = self->analysis ? ls_analysis_get_key_players (self->analysis) : NULL;
  const LsColor *accent = ls_render_style_color (LS_STYLE_COLOR_ACCENT);
  GdkRGBA fg;
  double left = 36, bottom = 20, top = 14, plot_w, plot_h, step;
  guint max;

  if (kp == NULL || kp->n_steps == 0 || kp->largest_component[0] == 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS

  max = kp->largest_component[0];
  plot_w = width - left - 4;
  plot_h = height - top - bottom;
  step = plot_w / kp->n_steps;

  /* Axis and gridline at the whole network's size. */
  cairo_set_line_width (cr, 1);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.15);
  cairo_move_to (cr, left, top + 0.5);
  cairo_line_to (cr, width - 4, top + 0.5);
  cairo_move_to (cr, left, top + plot_h + 0.5);
  cairo_line_to (cr, width - 4, top + plot_h + 0.5);
  cairo_stroke (cr);

  for (guint k = 0; k < kp->n_steps; k++)
    {
      double h = plot_h * kp->largest_component[k] / max;
      double x = left + k * step + step * 0.15;
      PangoLayout *layout;
      char label[16];
      int tw, th;

      cairo_set_source_rgba (cr, accent->r, accent->g, accent->b, k == 0 ? 0.45 : 0.85);
      cairo_rectangle (cr, x, top + plot_h - h, step * 0.7, h);
      cairo_fill (cr);

      g_snprintf (label, sizeof label, "%u", k);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), label);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      cairo_move_to (cr, x + step * 0.35 - tw / 2.0, top + plot_h + 3);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }

  /* Scale: the whole network, and none. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", i == 0 ? max : 0);
      PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), label);
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.6);
      cairo_move_to (cr, left - 6 - tw, (i == 0 ? top : top + plot_h) - th / 2.0);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

static void
select_key_row_cb (AdwActionRow   *row,
                   LsAnalysisPage *self)
{
  const char *keys[] = { g_object_get_data (G_OBJECT (row), "key"), NULL };

  if (self->session != NULL && keys[0] != NULL)
    ls_session_set_selection (self->session, keys);
}

static GtkWidget *
node_row (LsAnalysisPage *self,
          const char     *key,
          const char     *title,
          const char     *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (key), g_free);
  g_signal_connect_object (row, "activated", G_CALLBACK (select_key_row_cb), self, 0);

  return row;
}

static void
show_key_players (LsAnalysisPage *self)
{
  const LsKeyPlayers *kp = ls_analysis_get_key_players (self->analysis);
  guint total = ls_analysis_get_n_nodes (self->analysis);

  ls_analysis_page_clear_list (self->key_player_list);
  for (guint k = 1; k < kp->n_steps; k++)
    {
      int index = kp->removed[k - 1];
      const LsAnalysisNode *node = index >= 0 ? ls_analysis_get_node (self->analysis, index) : NULL;
      g_autofree char *label = NULL;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (node == NULL)
        continue;
      label = ls_analysis_page_node_label (self, node);
      title = g_strdup_printf ("%u. %s", k, label);
      subtitle = g_strdup_printf (_("Without them, the largest group in contact is %u of %u"),
                                  kp->largest_component[k], total);
      gtk_list_box_append (self->key_player_list, node_row (self, node->key, title, subtitle));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->key_player_chart));
}

/* The order the column view's sorter asks for, as the column whose
 * sorter decides and its direction: its sorter compares two rows that
 * differ in every column, so only the first column's sorter is asked. On
 * GTK 4.8 the column view's sorter does not tell its columns otherwise.
 * FALSE when it cannot be told (fewer than two different rows). */
static gboolean
read_sort (LsAnalysisPage *self,
           int            *column,
           gboolean       *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->measure_view);
  g_autoptr(LsMeasureItem) a = NULL;
  g_autoptr(LsMeasureItem) b = NULL;
  guint n = self->analysis ? ls_analysis_get_n_nodes (self->analysis) : 0;
  GtkOrdering order;
  int own;
  guint other;

  if (gtk_sorter_get_order (sorter) == GTK_SORTER_ORDER_NONE)
    {
      *column = -1;
      *descending = FALSE;
      return TRUE;
    }
  /* Two rows with different names: every column's sorter tells them apart. */
  for (other = 1; other < n; other++)
    if (g_utf8_collate (ls_analysis_get_node (self->analysis, 0)->label,
                        ls_analysis_get_node (self->analysis, other)->label) != 0)
      break;
  if (other >= n)
    return FALSE;
  a = ls_measure_item_new (self->analysis, 0);
  b = ls_measure_item_new (self->analysis, other);
  compared_column = -1;
  order = gtk_sorter_compare (sorter, a, b);
  if (compared_column < 0)
    {
      *column = -1;
      *descending = FALSE;
      return TRUE;
    }
  *column = compared_column;
  own = compare_nodes (a, b, GINT_TO_POINTER (compared_column));
  *descending = (order < 0) != (own < 0);

  return TRUE;
}

typedef struct {
  LsAnalysis  *analysis;
  int          column;       /* a Column, or -1: the analysis's order */
  gboolean     descending;
  char       **keys;         /* collation keys of the names */
} SortData;

static void
sort_data_free (gpointer data)
{
  SortData *d = data;

  ls_analysis_unref (d->analysis);
  g_strfreev (d->keys);
  g_free (d);
}

/* As compare_nodes with the column view's direction; rows that tie keep
 * the analysis's order, as the stable sort of a GtkSortListModel does. */
static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const SortData *d = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;
  int result = 0;

  if (d->column >= 0 && d->column != COL_NAME)
    {
      double vx = column_value (ls_analysis_get_node (d->analysis, i), d->column);
      double vy = column_value (ls_analysis_get_node (d->analysis, j), d->column);

      if (vx != vy)
        result = vx < vy ? -1 : 1;
    }
  if (result == 0 && d->column >= 0)
    result = strcmp (d->keys[i], d->keys[j]);
  if (d->descending)
    result = -result;

  return result != 0 ? result : (i > j) - (i < j);
}

/* The rows of the table, made and sorted on a worker. */
static void
sort_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SortData *d = task_data;
  guint n = ls_analysis_get_n_nodes (d->analysis);
  g_autofree guint *order = g_new (guint, MAX (n, 1));
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  d->keys = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      d->keys[i] = g_utf8_collate_key (ls_analysis_get_node (d->analysis, i)->label, -1);
      order[i] = i;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_qsort_with_data (order, n, sizeof (guint), compare_rows, d);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, ls_measure_item_new (d->analysis, order[i]));
  if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

static void
measures_filled_cb (gpointer user_data)
{
  LsAnalysisPage *self = user_data;

  self->measures_fill = NULL;
  ls_analysis_page_sync_measures_selection (self);
}

static void
sorted_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_task_propagate_pointer (task, &error);

  /* Another order or analysis asked for since. */
  if (g_task_get_cancellable (task) != self->measures_cancel)
    return;
  g_clear_object (&self->measures_cancel);
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot sort the measures: %s", error->message);
      return;
    }
  self->measures_fill = ls_store_fill_start (self->measures_store, items, measures_filled_cb, self);
}

/* The rows in the order the column view asks for (ANYWAY: even if it is
 * the order they are in), made on a worker and put in the store a slice
 * per frame: thousands of rows sorted and bound at once keep the window
 * from answering. */
static void
sort_rows (LsAnalysisPage *self,
           gboolean        anyway)
{
  int column = self->measures_column;
  gboolean descending = self->measures_descending;
  g_autoptr(GTask) task = NULL;
  SortData *d;

  /* Disposed. */
  if (self->measures_store == NULL)
    return;
  read_sort (self, &column, &descending);
  if (!anyway && column == self->measures_column && descending == self->measures_descending)
    return;
  self->measures_column = column;
  self->measures_descending = descending;
  g_cancellable_cancel (self->measures_cancel);
  g_clear_object (&self->measures_cancel);
  g_clear_pointer (&self->measures_fill, ls_store_fill_cancel);
  if (self->analysis == NULL)
    {
      self->syncing = TRUE;
      g_list_store_remove_all (self->measures_store);
      self->syncing = FALSE;
      return;
    }

  d = g_new0 (SortData, 1);
  d->analysis = ls_analysis_ref (self->analysis);
  d->column = column;
  d->descending = descending;
  self->measures_cancel = g_cancellable_new ();
  task = g_task_new (self, self->measures_cancel, sorted_cb, NULL);
  g_task_set_task_data (task, d, sort_data_free);
  g_task_run_in_thread (task, sort_thread);
}

/* A click on a column's header: sorted again, if the table is filled
 * (else when it is first shown). */
static void
sorter_changed_cb (LsAnalysisPage *self)
{
  if (!self->measures_stale)
    sort_rows (self, FALSE);
}

/* The table is filled when it is first shown after a new analysis (or
 * new labels): thousands of rows on a large case are work better not
 * done while the findings are what is on screen. */
void
ls_analysis_page_ensure_measures (LsAnalysisPage *self)
{
  if (!self->measures_stale)
    return;
  self->measures_stale = FALSE;
  sort_rows (self, TRUE);
}

void
ls_analysis_page_show_measures (LsAnalysisPage *self)
{
  if (self->analysis != NULL)
    show_key_players (self);
  else
    ls_analysis_page_clear_list (self->key_player_list);
  self->measures_stale = TRUE;
  if (self->analysis == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "measures") == 0)
    ls_analysis_page_ensure_measures (self);
  ls_analysis_page_update_common (self);
}

gboolean
ls_analysis_page_sort_measures (LsAnalysisPage *self,
                                const char     *column,
                                GtkSortType     order)
{
  GtkColumnViewColumn *c;

  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), FALSE);

  c = find_column (self, column);
  if (c == NULL)
    return FALSE;
  gtk_column_view_sort_by_column (self->measure_view, c, order);
  ls_analysis_page_ensure_measures (self);

  return TRUE;
}

GListModel *
ls_analysis_page_get_measures (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), NULL);

  ls_analysis_page_ensure_measures (self);
  return G_LIST_MODEL (self->measures_store);
}

/* Common contacts */

static guint
contacts_between (LsGraph *graph,
                  guint    node,
                  int      other)
{
  const guint *edges;
  guint n;

  edges = ls_graph_get_node_edges (graph, node, &n);
  for (guint i = 0; i < n; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (graph, edges[i]);

      if ((int) e->a == other || (int) e->b == other)
        return e->count;
    }

  return 0;
}

void
ls_analysis_page_fill_common (LsAnalysisPage *self,
                              GtkListBox     *list)
{
  const char * const *keys = self->session ? ls_session_get_selection (self->session) : NULL;
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  int a, b;

  ls_analysis_page_clear_list (list);
  if (self->common_keys == NULL || self->graph == NULL)
    return;
  a = ls_graph_find_node (self->graph, keys[0]);
  b = ls_graph_find_node (self->graph, keys[1]);
  name_a = ls_analysis_page_key_label (self, keys[0]);
  name_b = ls_analysis_page_key_label (self, keys[1]);
  for (guint i = 0; self->common_keys[i] != NULL && i < COMMON_SHOWN; i++)
    {
      int c = ls_graph_find_node (self->graph, self->common_keys[i]);
      g_autofree char *label = ls_analysis_page_key_label (self, self->common_keys[i]);
      g_autofree char *subtitle = g_strdup_printf (_("%u with %s · %u with %s"),
                                                   contacts_between (self->graph, c, a), name_a,
                                                   contacts_between (self->graph, c, b), name_b);

      gtk_list_box_append (list, node_row (self, self->common_keys[i], label, subtitle));
    }
  if (g_strv_length (self->common_keys) > COMMON_SHOWN)
    {
      guint more = g_strv_length (self->common_keys) - COMMON_SHOWN;
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      gtk_list_box_append (list, row);
    }
  if (self->common_keys[0] == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No one is in contact with both"));
      gtk_list_box_append (list, row);
    }
}

static void
show_common (LsAnalysisPage *self)
{
  const char * const *keys = self->session ? ls_session_get_selection (self->session) : NULL;
  gboolean two = self->common_keys != NULL;
  g_autofree char *description = NULL;

  if (two)
    {
      g_autofree char *a = ls_analysis_page_key_label (self, keys[0]);
      g_autofree char *b = ls_analysis_page_key_label (self, keys[1]);
      guint n = g_strv_length (self->common_keys);

      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person or phone in contact with both %s and %s.",
                                                  "%u people and phones in contact with both %s and %s.", n),
                                     n, a, b);
    }
  adw_preferences_group_set_description (self->common_group,
                                         two ? description : _("Select two people or phones (Ctrl+click) to see who is in contact with both."));
  ls_analysis_page_fill_common (self, self->common_list);
  ls_analysis_page_fill_common (self, self->detail_common_list);
  gtk_widget_set_visible (GTK_WIDGET (self->common_list), two);
  gtk_widget_set_visible (self->detail_common_group, two);
}

typedef struct {
  guint node;
  guint contacts;   /* with both */
} Common;

static int
compare_common (gconstpointer a,
                gconstpointer b)
{
  const Common *x = a, *y = b;

  return x->contacts == y->contacts ? (x->node > y->node) - (x->node < y->node)
                                    : (x->contacts < y->contacts) - (x->contacts > y->contacts);
}

/* The common contacts, those most in touch with the two first. */
static void
compute_common (LsAnalysisPage *self)
{
  const char * const *keys = ls_session_get_selection (self->session);
  g_autoptr(GArray) common = ls_analysis_common_contacts (self->graph, keys[0], keys[1]);
  g_autoptr(GArray) ranked = g_array_sized_new (FALSE, FALSE, sizeof (Common), common->len);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();
  int a = ls_graph_find_node (self->graph, keys[0]);
  int b = ls_graph_find_node (self->graph, keys[1]);

  for (guint i = 0; i < common->len; i++)
    {
      guint c = g_array_index (common, guint, i);
      Common entry = { c, contacts_between (self->graph, c, a) + contacts_between (self->graph, c, b) };

      g_array_append_val (ranked, entry);
    }
  g_array_sort (ranked, compare_common);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (out, g_strdup (ls_graph_get_node (self->graph, g_array_index (ranked, Common, i).node)->key));
  g_ptr_array_add (out, NULL);
  g_clear_pointer (&self->common_keys, g_strfreev);
  self->common_keys = (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}

static void
graph_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const LsGraphQuery *query = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = ls_case_open_reader (g_object_get_data (G_OBJECT (task), "case"), &error);
  LsGraph *graph = reader ? ls_graph_build (reader, query, cancellable, &error) : NULL;

  if (graph == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, graph, (GDestroyNotify) ls_graph_unref);
}

static void
graph_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (source);
  g_autoptr(GError) error = NULL;
  LsGraph *graph = g_task_propagate_pointer (G_TASK (result), &error);

  if (graph == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot find common contacts: %s", error->message);
      return;
    }
  /* A graph for an older analysis is of no use. */
  if (g_task_get_cancellable (G_TASK (result)) != self->graph_cancel)
    {
      ls_graph_unref (graph);
      return;
    }
  g_clear_object (&self->graph_cancel);
  g_clear_pointer (&self->graph, ls_graph_unref);
  self->graph = graph;
  ls_analysis_page_update_common (self);
}

/* Two nodes selected: their common contacts, on the contact graph of the
 * analysis's range (built once, on a worker). */
void
ls_analysis_page_update_common (LsAnalysisPage *self)
{
  const char * const *keys = self->session ? ls_session_get_selection (self->session) : NULL;
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  gboolean two = keys != NULL && keys[0] != NULL && keys[1] != NULL && keys[2] == NULL;
  const LsAnalysisOptions *opts;
  g_autoptr(GTask) task = NULL;
  LsGraphQuery *query;

  g_clear_pointer (&self->common_keys, g_strfreev);
  if (!two || self->analysis == NULL || kase == NULL)
    {
      show_common (self);
      return;
    }
  if (self->graph != NULL)
    {
      compute_common (self);
      show_common (self);
      return;
    }

  show_common (self);
  if (self->graph_cancel != NULL)
    return;   /* being built */
  opts = ls_analysis_get_options (self->analysis);
  query = g_new0 (LsGraphQuery, 1);
  *query = (LsGraphQuery) LS_GRAPH_QUERY_INIT;
  query->from = opts->from;
  query->to = opts->to;
  self->graph_cancel = g_cancellable_new ();
  task = g_task_new (self, self->graph_cancel, graph_done, NULL);
  g_task_set_task_data (task, query, g_free);
  g_object_set_data_full (G_OBJECT (task), "case", g_object_ref (kase), g_object_unref);
  g_task_run_in_thread (task, graph_thread);
}

const char * const *
ls_analysis_page_get_common_contacts (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), NULL);

  return (const char * const *) self->common_keys;
}

/* Set up and tear down */

void
ls_analysis_page_init_measures (LsAnalysisPage *self)
{
  GtkColumnViewColumn *by_betweenness = NULL;

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = GTK_SORTER (gtk_custom_sorter_new (compare_nodes, GINT_TO_POINTER (c), NULL));
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), self);
      column = gtk_column_view_column_new (_(columns[c].title), g_object_ref (factory));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, columns[c].width);
      gtk_column_view_column_set_expand (column, c == COL_NAME);
      g_object_set_data (G_OBJECT (column), "id", (gpointer) columns[c].id);
      gtk_column_view_append_column (self->measure_view, column);
      if (c == COL_BETWEENNESS)
        by_betweenness = column;
      g_object_unref (column);
    }

  self->measures_store = g_list_store_new (LS_TYPE_MEASURE_ITEM);
  self->measures_selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->measures_store)));
  gtk_column_view_set_model (self->measure_view, GTK_SELECTION_MODEL (self->measures_selection));
  gtk_column_view_sort_by_column (self->measure_view, by_betweenness, GTK_SORT_DESCENDING);
  self->measures_column = COL_BETWEENNESS;
  self->measures_descending = TRUE;
  g_signal_connect_object (gtk_column_view_get_sorter (self->measure_view), "changed",
                           G_CALLBACK (sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->measures_selection, "selection-changed", G_CALLBACK (rows_selected_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_drawing_area_set_draw_func (self->key_player_chart, chart_draw, self, NULL);
}

void
ls_analysis_page_dispose_measures (LsAnalysisPage *self)
{
  g_cancellable_cancel (self->graph_cancel);
  g_clear_object (&self->graph_cancel);
  g_cancellable_cancel (self->measures_cancel);
  g_clear_object (&self->measures_cancel);
  g_clear_pointer (&self->measures_fill, ls_store_fill_cancel);
  g_clear_object (&self->measures_selection);
  g_clear_object (&self->measures_store);
  g_clear_pointer (&self->graph, ls_graph_unref);
  g_clear_pointer (&self->common_keys, g_strfreev);
}
