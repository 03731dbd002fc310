/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsDataTable: one case table in a GtkColumnView over an LsRowModel.
 *
 * The model sorts in SQL, so the column view must not sort it: each column
 * has a GtkCustomSorter only so that its header can be clicked and show the
 * sort arrow. GTK 4.8 cannot tell us which column the person clicked
 * (GtkColumnViewSorter's getters came in 4.10), so when the view's sorter
 * changes we ask it to compare two dummy rows: it consults the primary
 * column's sorter first, which records its column, and the answer's sign
 * says whether the column view inverted it, that is, sorts descending. */
#define G_LOG_DOMAIN "ls-data-table"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-data-table.h"

struct _LsDataTable
{
  GtkWidget      parent_instance;

  LsRowModel    *model;
  int            probed_column;
  LsRow         *probe_a;
  LsRow         *probe_b;

  GtkStack      *stack;
  GtkColumnView *view;
  AdwStatusPage *empty_page;
  GtkSpinner    *spinner;
};

G_DEFINE_FINAL_TYPE (LsDataTable, ls_data_table, GTK_TYPE_WIDGET)

typedef struct {
  LsDataTable *table;
  int          column;
} ProbeData;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ProbeData *data = user_data;

  if (data->table->probed_column < 0)
    data->table->probed_column = data->column;

  return GTK_ORDERING_SMALLER;
}

static void
sorter_changed_cb (LsDataTable *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->view);
  GtkOrdering order;

  self->probed_column = -1;
  order = gtk_sorter_compare (sorter, self->probe_a, self->probe_b);
  ls_row_model_set_sort (self->model, self->probed_column, order == GTK_ORDERING_LARGER);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  gboolean numeric = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "numeric"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  LsRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *text = row ? ls_row_get_value (row, column) : NULL;

  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text && strlen (text) > 24 ? text : NULL);
}

static int
column_width (const LsRowColumn *column)
{
  switch (column->format)
    {
    case LS_ROW_FORMAT_TIME:
      return 190;
    case LS_ROW_FORMAT_NUMBER:
    case LS_ROW_FORMAT_DURATION:
    case LS_ROW_FORMAT_CALL_KIND:
    case LS_ROW_FORMAT_YES_NO:
      return 90;
    case LS_ROW_FORMAT_PHONE:
      return 250;
    case LS_ROW_FORMAT_TEXT:
    default:
      return 160;
    }
}

static void
add_columns (LsDataTable *self)
{
  const LsRowTableSpec *spec = ls_row_model_get_spec (self->model);

  for (guint i = 0; i < spec->n_columns; i++)
    {
      const LsRowColumn *column = &spec->columns[i];
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) view_column = NULL;
      ProbeData *probe = g_new0 (ProbeData, 1);
      GtkSorter *sorter;
      gboolean numeric = column->format == LS_ROW_FORMAT_NUMBER ||
                         column->format == LS_ROW_FORMAT_DURATION;

      g_object_set_data (G_OBJECT (factory), "numeric", GINT_TO_POINTER (numeric));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));

      probe->table = self;
      probe->column = i;
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, probe, g_free));

      view_column = gtk_column_view_column_new (_(column->title), factory);
      gtk_column_view_column_set_sorter (view_column, sorter);
      gtk_column_view_column_set_resizable (view_column, TRUE);
      gtk_column_view_column_set_expand (view_column, column->expand);
      gtk_column_view_column_set_fixed_width (view_column, column_width (column));
      gtk_column_view_append_column (self->view, view_column);
      g_object_unref (sorter);
    }
}

static void
update_state (LsDataTable *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean loading = ls_row_model_get_loading (self->model);
  const char *search = ls_row_model_get_search (self->model);

  gtk_spinner_set_spinning (self->spinner, loading && n == 0);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "rows");
    }
  else if (loading)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
    }
  else if (search != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Nothing here matches “%s”"), search);

      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page, text);
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else if (ls_row_model_get_filtered (self->model))
    {
      adw_status_page_set_icon_name (self->empty_page, "x-office-calendar-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nothing in These Dates"));
      adw_status_page_set_description (self->empty_page,
                                       _("No rows fall in the date range chosen in the timeline."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "x-office-spreadsheet-symbolic");
      adw_status_page_set_title (self->empty_page, _("Nothing Here Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Rows appear here when data is imported into the case."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
}

static void
ls_data_table_dispose (GObject *object)
{
  LsDataTable *self = LS_DATA_TABLE (object);

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_DATA_TABLE);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->probe_a);
  g_clear_object (&self->probe_b);

  G_OBJECT_CLASS (ls_data_table_parent_class)->dispose (object);
}

static void
ls_data_table_class_init (LsDataTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_data_table_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-data-table.ui");
  gtk_widget_class_bind_template_child (widget_class, LsDataTable, stack);
  gtk_widget_class_bind_template_child (widget_class, LsDataTable, view);
  gtk_widget_class_bind_template_child (widget_class, LsDataTable, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LsDataTable, spinner);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ls_data_table_init (LsDataTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Distinct: a sorter says two identical items are equal unasked. */
  self->probe_a = ls_row_new (-1, NULL);
  self->probe_b = ls_row_new (-2, NULL);
}

GtkWidget *
ls_data_table_new (LsRowTable table)
{
  LsDataTable *self = g_object_new (LS_TYPE_DATA_TABLE, NULL);
  g_autoptr(GtkSelectionModel) selection = NULL;

  self->model = ls_row_model_new (table);
  add_columns (self);

  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model))));
  gtk_single_selection_set_autoselect (GTK_SINGLE_SELECTION (selection), FALSE);
  gtk_single_selection_set_can_unselect (GTK_SINGLE_SELECTION (selection), TRUE);
  gtk_column_view_set_model (self->view, selection);

  g_signal_connect_swapped (gtk_column_view_get_sorter (self->view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
  g_signal_connect_swapped (self->model, "notify::n-items", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->model, "notify::loading", G_CALLBACK (update_state), self);
  update_state (self);

  return GTK_WIDGET (self);
}

LsRowModel *
ls_data_table_get_model (LsDataTable *self)
{
  g_return_val_if_fail (LS_IS_DATA_TABLE (self), NULL);

  return self->model;
}

GtkColumnView *
ls_data_table_get_view (LsDataTable *self)
{
  g_return_val_if_fail (LS_IS_DATA_TABLE (self), NULL);

  return self->view;
}

static char *
format_rows (LsRowTable  table,
             gint64      n,
             const char *count)
{
  gulong plural = (gulong) MIN (n, G_MAXLONG);

  switch (table)
    {
    case LS_ROW_TABLE_PEOPLE:
      return g_strdup_printf (ngettext ("%s person", "%s people", plural), count);
    case LS_ROW_TABLE_PHONES:
      return g_strdup_printf (ngettext ("%s phone", "%s phones", plural), count);
    case LS_ROW_TABLE_CALLS:
      return g_strdup_printf (ngettext ("%s call", "%s calls", plural), count);
    case LS_ROW_TABLE_EVENTS:
      return g_strdup_printf (ngettext ("%s event", "%s events", plural), count);
    case LS_ROW_TABLE_IMPORTS:
    case LS_ROW_TABLE_N:
    default:
      return g_strdup_printf (ngettext ("%s import", "%s imports", plural), count);
    }
}

char *
ls_data_table_dup_summary (LsDataTable *self)
{
  LsRowTable table;
  gint64 total, shown;
  g_autofree char *total_text = NULL;
  g_autofree char *shown_text = NULL;
  g_autofree char *rows = NULL;

  g_return_val_if_fail (LS_IS_DATA_TABLE (self), NULL);

  table = ls_row_model_get_table (self->model);
  total = ls_row_model_get_total (self->model);
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  total_text = ls_row_format_count (total);
  rows = format_rows (table, total, total_text);

  if (!ls_row_model_get_filtered (self->model))
    return g_steal_pointer (&rows);

  shown_text = ls_row_format_count (shown);
  /* TRANSLATORS: "12 of 1,000,000 calls": rows matching a search or in the chosen dates */
  return g_strdup_printf (_("%s of %s"), shown_text, rows);
}
