/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsDataPage: the case's rows as tables (people, phones, calls, events,
 * imports), one LsDataTable each, with one search for all of them. Calls
 * and events follow the session's date range. */
#define G_LOG_DOMAIN "ls-data-page"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-data-page.h"
#include "ls-data-table.h"

struct _LsDataPage
{
  GtkWidget    parent_instance;

  LsSession   *session;
  LsDataTable *tables_by_kind[LS_ROW_TABLE_N];

  GtkWidget   *box;
  GtkLabel    *summary;
  GtkSpinner  *spinner;
  GtkEditable *search;
  GtkStack    *tables;
};

static void ls_data_page_view_init (LsViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LsDataPage, ls_data_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LS_TYPE_VIEW, ls_data_page_view_init))

static void
ls_data_page_dispose (GObject *object)
{
  LsDataPage *self = LS_DATA_PAGE (object);

  ls_view_set_session (LS_VIEW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_DATA_PAGE);

  G_OBJECT_CLASS (ls_data_page_parent_class)->dispose (object);
}

static LsDataTable *
visible_table (LsDataPage *self)
{
  return LS_DATA_TABLE (gtk_stack_get_visible_child (self->tables));
}

static void
update_summary (LsDataPage *self)
{
  LsDataTable *table = visible_table (self);
  LsRowModel *model = ls_data_table_get_model (table);
  gboolean loading = ls_row_model_get_loading (model);
  g_autofree char *text = NULL;

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  if (ls_row_model_get_case (model) != NULL && !loading)
    text = ls_data_table_dup_summary (table);
  gtk_label_set_text (self->summary, text ? text : "");
}

static void
model_changed_cb (LsDataPage *self,
                  GParamSpec *pspec,
                  LsRowModel *model)
{
  if (model == ls_data_table_get_model (visible_table (self)))
    update_summary (self);
}

static void
search_changed_cb (LsDataPage *self)
{
  const char *text = gtk_editable_get_text (self->search);

  for (guint i = 0; i < LS_ROW_TABLE_N; i++)
    ls_row_model_set_search (ls_data_table_get_model (self->tables_by_kind[i]), text);
}

static void
stop_search_cb (LsDataPage *self)
{
  gtk_editable_set_text (self->search, "");
}

static void
case_changed_cb (LsDataPage *self)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;

  for (guint i = 0; i < LS_ROW_TABLE_N; i++)
    ls_row_model_set_case (ls_data_table_get_model (self->tables_by_kind[i]), kase);
}

static void
range_changed_cb (LsDataPage *self)
{
  gint64 from = self->session ? ls_session_get_range_from (self->session) : -1;
  gint64 to = self->session ? ls_session_get_range_to (self->session) : -1;

  for (guint i = 0; i < LS_ROW_TABLE_N; i++)
    ls_row_model_set_range (ls_data_table_get_model (self->tables_by_kind[i]), from, to);
}

static void
data_changed_cb (LsDataPage *self)
{
  for (guint i = 0; i < LS_ROW_TABLE_N; i++)
    ls_row_model_reload (ls_data_table_get_model (self->tables_by_kind[i]));
}

/* Activating a row selects what it is about, for the other views. */
static void
row_activated_cb (GtkColumnView *view,
                  guint          position,
                  LsDataPage    *self)
{
  LsRowModel *model = ls_data_table_get_model (visible_table (self));
  g_autoptr(LsRow) row = g_list_model_get_item (G_LIST_MODEL (model), position);
  g_auto(GStrv) keys = NULL;

  if (row == NULL || self->session == NULL)
    return;

  keys = ls_row_model_dup_keys (model, row);
  if (keys[0] != NULL)
    ls_session_set_selection (self->session, (const char * const *) keys);
}

static void
session_changed (LsView *view)
{
  LsDataPage *self = LS_DATA_PAGE (view);

  if (self->session != NULL)
    {
      g_signal_connect_swapped (self->session, "notify::case", G_CALLBACK (case_changed_cb), self);
      g_signal_connect_swapped (self->session, "data-changed", G_CALLBACK (data_changed_cb), self);
      g_signal_connect_swapped (self->session, "notify::range-from", G_CALLBACK (range_changed_cb), self);
      g_signal_connect_swapped (self->session, "notify::range-to", G_CALLBACK (range_changed_cb), self);
    }
  range_changed_cb (self);
  case_changed_cb (self);
}

static void
ls_data_page_view_init (LsViewInterface *iface)
{
  iface->session_offset = G_STRUCT_OFFSET (LsDataPage, session);
  iface->session_changed = session_changed;
}

static gboolean
focus_search_cb (GtkWidget *widget,
                 GVariant  *args,
                 gpointer   user_data)
{
  LsDataPage *self = LS_DATA_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search));
  return TRUE;
}

static void
ls_data_page_class_init (LsDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_data_page_dispose;
  ls_view_class_install_session (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-data-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LsDataPage, box);
  gtk_widget_class_bind_template_child (widget_class, LsDataPage, summary);
  gtk_widget_class_bind_template_child (widget_class, LsDataPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LsDataPage, search);
  gtk_widget_class_bind_template_child (widget_class, LsDataPage, tables);
  gtk_widget_class_bind_template_callback (widget_class, update_summary);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search_cb, NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ls_data_page_init (LsDataPage *self)
{
  static const LsRowTable order[] = {
    LS_ROW_TABLE_CALLS, LS_ROW_TABLE_PEOPLE, LS_ROW_TABLE_PHONES,
    LS_ROW_TABLE_EVENTS, LS_ROW_TABLE_IMPORTS,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      GtkWidget *table = ls_data_table_new (order[i]);
      LsRowModel *model = ls_data_table_get_model (LS_DATA_TABLE (table));
      const LsRowTableSpec *spec = ls_row_model_get_spec (model);

      self->tables_by_kind[order[i]] = LS_DATA_TABLE (table);
      gtk_stack_add_titled (self->tables, table, spec->name, _(spec->title));
      g_signal_connect_object (model, "notify::loading", G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::n-items", G_CALLBACK (model_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (ls_data_table_get_view (LS_DATA_TABLE (table)), "activate",
                               G_CALLBACK (row_activated_cb), self, 0);
    }

  update_summary (self);
}

LsDataTable *
ls_data_page_get_table (LsDataPage *self,
                        LsRowTable  table)
{
  g_return_val_if_fail (LS_IS_DATA_PAGE (self), NULL);
  g_return_val_if_fail (table < LS_ROW_TABLE_N, NULL);

  return self->tables_by_kind[table];
}

const char *
ls_data_page_get_summary (LsDataPage *self)
{
  g_return_val_if_fail (LS_IS_DATA_PAGE (self), NULL);

  return gtk_label_get_text (self->summary);
}

void
ls_data_page_show_table (LsDataPage *self,
                         LsRowTable  table)
{
  g_return_if_fail (LS_IS_DATA_PAGE (self));
  g_return_if_fail (table < LS_ROW_TABLE_N);

  gtk_stack_set_visible_child (self->tables, GTK_WIDGET (self->tables_by_kind[table]));
}

void
ls_data_page_set_search (LsDataPage *self,
                         const char *text)
{
  g_return_if_fail (LS_IS_DATA_PAGE (self));

  gtk_editable_set_text (self->search, text ? text : "");
  search_changed_cb (self);
}
