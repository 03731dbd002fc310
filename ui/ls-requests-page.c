/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRequestsPage: the register of data requests to providers (status,
 * days outstanding, overdue ones standing out) and of the operation's
 * outcomes, with the details and history of the selected request. */
#define G_LOG_DOMAIN "ls-requests-page"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ls-case-audit.h"
#include "ls-outcome-dialog.h"
#include "ls-request.h"
#include "ls-request-dialog.h"
#include "ls-request-document.h"
#include "ls-results-document.h"
#include "ls-requests-page.h"
#include "ls-row.h"
#include "ls-settings.h"
#include "ls-view.h"


struct _LsRequestsPage
{
  AdwBin          parent_instance;

  LsSession      *session;
  GSettings      *settings;
  guint           target_days;  /* overdue after this many days (Preferences) */
  guint           n_overdue;
  GListStore     *requests;     /* LsRow per request */
  GListStore     *outcomes;     /* LsRow per outcome */
  GHashTable     *by_id;        /* request id → LsRequest */
  GtkSingleSelection *selection;
  GtkStringList  *next_statuses;

  GtkLabel       *summary;
  GtkStack       *requests_stack;
  GtkColumnView  *requests_view;
  GtkColumnView  *outcomes_view;
  GtkStack       *details_stack;
  AdwPreferencesGroup *details_group;
  AdwActionRow   *row_provider;
  AdwActionRow   *row_identifiers;
  AdwActionRow   *row_status;
  AdwActionRow   *row_turnaround;
  AdwComboRow    *next_status;
  AdwEntryRow    *change_date;
  AdwEntryRow    *change_note;
  GtkLabel       *justification;
  GtkLabel       *history;
};

static void ls_requests_page_view_init (LsViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LsRequestsPage, ls_requests_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (LS_TYPE_VIEW, ls_requests_page_view_init))

/* Columns of the requests list: the LsRow values, in order. */
enum {
  REQ_ID, REQ_PRIORITY, REQ_STATUS, REQ_PROVIDER, REQ_IDENTIFIERS, REQ_SUBMITTED,
  REQ_OUTSTANDING, REQ_TURNAROUND, REQ_OVERDUE, REQ_N
};

static const char *request_titles[] = {
  N_("No."), N_("Priority"), N_("Status"), N_("Provider"), N_("Identifiers"),
  N_("Submitted"), N_("Outstanding"), N_("Turnaround"),
};

enum { OUT_DATE, OUT_KIND, OUT_AMOUNT, OUT_PERSON, OUT_LINE, OUT_SOURCE, OUT_N };

static const char *outcome_titles[] = {
  N_("Date"), N_("Outcome"), N_("Amount"), N_("Person"), N_("Line"), N_("Source"),
};

static LsCase *
get_case (LsRequestsPage *self)
{
  return self->session ? ls_session_get_case (self->session) : NULL;
}

static void
toast (LsRequestsPage *self,
       const char     *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
  else
    g_warning ("%s", message);
}

static LsRow *
request_row (const LsRequest *r,
             const char      *today,
             guint            target_days)
{
  char **values = g_new0 (char *, REQ_N + 1);
  int outstanding = ls_request_days_outstanding (r, today);
  int turnaround = ls_request_turnaround_days (r);
  const char *submitted = ls_request_date_of (r, LS_REQUEST_SUBMITTED);

  values[REQ_ID] = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
  values[REQ_PRIORITY] = g_strdup (r->priority);
  values[REQ_STATUS] = g_strdup (ls_request_status_label (r->status));
  values[REQ_PROVIDER] = g_strdup (r->provider);
  values[REQ_IDENTIFIERS] = g_strjoinv (", ", r->identifiers);
  values[REQ_SUBMITTED] = g_strdup (submitted ? submitted : "");
  values[REQ_OUTSTANDING] = outstanding >= 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", outstanding), outstanding)
    : g_strdup ("");
  values[REQ_TURNAROUND] = turnaround >= 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", turnaround), turnaround)
    : g_strdup ("");
  values[REQ_OVERDUE] = g_strdup (outstanding > (int) target_days ? "1" : "");

  return ls_row_new (r->id, values);
}

static LsRow *
outcome_row (const LsOutcome *o)
{
  char **values = g_new0 (char *, OUT_N + 1);

  values[OUT_DATE] = g_strdup (o->date);
  values[OUT_KIND] = g_strdup (ls_outcome_kind_label (o->kind));
  values[OUT_AMOUNT] = isnan (o->quantity) ? g_strdup ("")
                                           : g_strdup_printf ("%g %s", o->quantity, o->unit ? o->unit : "");
  values[OUT_PERSON] = g_strdup (o->person ? o->person : "");
  values[OUT_LINE] = g_strdup (o->line ? o->line : "");
  values[OUT_SOURCE] = g_strdup (o->source ? o->source : "");

  return ls_row_new (o->id, values);
}

void
ls_requests_page_reload (LsRequestsPage *self)
{
  LsCase *kase = get_case (self);
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = ls_date_today_uk ();
  g_autofree char *summary = NULL;
  guint overdue = 0, open = 0;

  g_return_if_fail (LS_IS_REQUESTS_PAGE (self));

  g_list_store_remove_all (self->requests);
  g_list_store_remove_all (self->outcomes);
  g_hash_table_remove_all (self->by_id);

  /* Both tables are small registers kept by hand: reading them is quick. */
  if (kase != NULL &&
      ((requests = ls_case_list_requests (kase, &error)) == NULL ||
       (outcomes = ls_case_list_outcomes (kase, &error)) == NULL))
    toast (self, error->message);

  for (guint i = 0; requests && i < requests->len; i++)
    {
      LsRequest *r = g_ptr_array_index (requests, i);
      g_autoptr(LsRow) row = request_row (r, today, self->target_days);
      int outstanding = ls_request_days_outstanding (r, today);

      open += outstanding >= 0;
      overdue += outstanding > (int) self->target_days;
      g_list_store_append (self->requests, row);
      g_hash_table_insert (self->by_id, GSIZE_TO_POINTER ((gsize) r->id), g_ptr_array_steal_index (requests, i));
      i--;
    }
  for (guint i = 0; outcomes && i < outcomes->len; i++)
    {
      g_autoptr(LsRow) row = outcome_row (g_ptr_array_index (outcomes, i));
      g_list_store_append (self->outcomes, row);
    }

  gtk_stack_set_visible_child_name (self->requests_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->requests)) ? "list" : "empty");
  self->n_overdue = overdue;
  summary = g_strdup_printf (_("%u open, %u overdue (more than %d days)"), open, overdue, (int) self->target_days);
  gtk_label_set_label (self->summary, summary);
}

guint
ls_requests_page_get_n_requests (LsRequestsPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->requests));
}

guint
ls_requests_page_get_n_overdue (LsRequestsPage *self)
{
  return self->n_overdue;
}

guint
ls_requests_page_get_n_outcomes (LsRequestsPage *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->outcomes));
}

static void show_details (LsRequestsPage *self);

/* Selects a request by its id, as listed (sorted); FALSE when not listed. */
gboolean
ls_requests_page_select (LsRequestsPage *self,
                         gint64          request_id)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  g_return_val_if_fail (LS_IS_REQUESTS_PAGE (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LsRow) row = g_list_model_get_item (model, i);

      if (ls_row_get_id (row) == request_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          show_details (self);
          return TRUE;
        }
    }

  return FALSE;
}

static LsRequest *
selected_request (LsRequestsPage *self)
{
  LsRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row ? g_hash_table_lookup (self->by_id, GSIZE_TO_POINTER ((gsize) ls_row_get_id (row))) : NULL;
}

static void
show_details (LsRequestsPage *self)
{
  LsRequest *r = selected_request (self);
  g_autoptr(GString) history = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *status = NULL;
  g_autofree char *turnaround = NULL;
  g_autofree char *today = ls_date_today_uk ();
  int days;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "requests.export-request", r != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "requests.record-status", r != NULL);
  if (r == NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, "none");
      return;
    }

  title = g_strdup_printf (_("Request %" G_GINT64_FORMAT), r->id);
  adw_preferences_group_set_title (self->details_group, title);
  adw_preferences_group_set_description (self->details_group, r->urgent_reason);
  adw_action_row_set_subtitle (self->row_provider, r->provider);
  ids = g_strjoinv (", ", r->identifiers);
  adw_action_row_set_subtitle (self->row_identifiers, ids);
  status = g_strdup_printf ("%s · %s", ls_request_status_label (r->status), r->priority);
  adw_action_row_set_subtitle (self->row_status, status);
  if ((days = ls_request_turnaround_days (r)) >= 0)
    turnaround = g_strdup_printf (_("Answered in %d days"), days);
  else if ((days = ls_request_days_outstanding (r, today)) >= 0)
    turnaround = g_strdup_printf (days > (int) self->target_days ? _("%d days outstanding — overdue") : _("%d days outstanding"),
                                  days);
  else
    turnaround = g_strdup (_("Not submitted"));
  adw_action_row_set_subtitle (self->row_turnaround, turnaround);
  gtk_label_set_label (self->justification, r->justification);

  for (guint i = 0; i < r->history->len; i++)
    {
      const LsRequestChange *c = g_ptr_array_index (r->history, i);

      g_string_append_printf (history, "%s  %s  (%s)%s%s\n", c->date, ls_request_status_label (c->status),
                              c->user, c->note ? " — " : "", c->note ? c->note : "");
    }
  gtk_label_set_label (self->history, history->str);

  /* Only the moves the rules allow are offered. */
  gtk_string_list_splice (self->next_statuses, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->next_statuses)), NULL);
  for (guint s = 0; s < LS_REQUEST_N_STATUSES; s++)
    if (ls_request_status_can_move (r->status, s))
      gtk_string_list_append (self->next_statuses, ls_request_status_label (s));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_status),
                            g_list_model_get_n_items (G_LIST_MODEL (self->next_statuses)) > 0);
  gtk_editable_set_text (GTK_EDITABLE (self->change_date), today);

  gtk_stack_set_visible_child_name (self->details_stack, "request");
}

static void
record_status_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  LsRequestsPage *self = LS_REQUESTS_PAGE (widget);
  LsRequest *r = selected_request (self);
  guint chosen = adw_combo_row_get_selected (self->next_status);
  const char *label = gtk_string_list_get_string (self->next_statuses, chosen);
  const char *note = gtk_editable_get_text (GTK_EDITABLE (self->change_note));
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (r == NULL || label == NULL)
    return;

  for (guint s = 0; s < LS_REQUEST_N_STATUSES; s++)
    {
      if (g_strcmp0 (label, ls_request_status_label (s)) != 0)
        continue;
      id = r->id;
      if (!ls_case_set_request_status (get_case (self), id, s,
                                       gtk_editable_get_text (GTK_EDITABLE (self->change_date)),
                                       note[0] ? note : NULL, &error))
        {
          toast (self, error->message);
          return;
        }
      gtk_editable_set_text (GTK_EDITABLE (self->change_note), "");
      ls_requests_page_reload (self);
      ls_requests_page_select (self, id);   /* the same request again */
      return;
    }
}

typedef struct {
  LsRequestsPage *self;
  gint64          request_id;   /* -1 for the results summary */
  gboolean        redacted;
} ExportData;

/* Writes the PDF chosen in the dialog. Documents of a page or two are
 * quick to write; the audit entry goes in the same step. */
static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  ExportData *data = user_data;
  LsRequestsPage *self = data->self;
  LsCase *kase = get_case (self);
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsDocument) doc = NULL;

  if (response == GTK_RESPONSE_ACCEPT && kase != NULL &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      LsExportRecord rec = { "results", "pdf", data->redacted ? "all" : "none", -1, -1, path };

      if (data->request_id >= 0)
        {
          g_autoptr(LsRequest) r = ls_case_get_request (kase, data->request_id, &error);

          if (r != NULL)
            doc = ls_request_document (kase, r);
          rec.what = "request";
        }
      else
        {
          g_autoptr(LsResults) results = ls_results_build (kase, (int) self->target_days, &error);

          if (results != NULL)
            doc = ls_results_document (results, kase, data->redacted);
        }

      if (doc == NULL ||
          !ls_document_write_pdf (doc, path, &error) ||
          !ls_case_record_export (kase, &rec, &error))
        toast (self, error->message);
      else
        toast (self, _("Saved"));
    }

  g_object_unref (data->self);
  g_free (data);
  g_object_unref (dialog);
}

static void
choose_pdf (LsRequestsPage *self,
            const char     *title,
            const char     *name,
            gint64          request_id,
            gboolean        redacted)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *dialog;
  ExportData *data = g_new0 (ExportData, 1);

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  data->self = g_object_ref (self);
  data->request_id = request_id;
  data->redacted = redacted;
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_request_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  LsRequestsPage *self = LS_REQUESTS_PAGE (widget);
  LsRequest *r = selected_request (self);
  g_autofree char *file = NULL;

  if (r == NULL)
    return;
  file = g_strdup_printf ("request-%" G_GINT64_FORMAT ".pdf", r->id);
  choose_pdf (self, _("Export Request"), file, r->id, FALSE);
}

static void
export_results_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  LsRequestsPage *self = LS_REQUESTS_PAGE (widget);

  /* Results are shared widely: the summary from the window names nobody. */
  choose_pdf (self, _("Export Results Summary"), "results.pdf", -1, TRUE);
}

static void
dialog_done_cb (LsRequestsPage *self)
{
  ls_requests_page_reload (self);
}

static void
new_request_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  LsRequestsPage *self = LS_REQUESTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  LsRequestDialog *dialog;

  if (get_case (self) == NULL)
    return;
  dialog = ls_request_dialog_new (self->session);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_outcome_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  LsRequestsPage *self = LS_REQUESTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  LsOutcomeDialog *dialog;

  if (get_case (self) == NULL)
    return;
  dialog = ls_outcome_dialog_new (get_case (self));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (dialog_done_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  gboolean requests = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "requests"));
  LsRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = ls_row_get_value (row, column);
  gboolean alert;

  gtk_label_set_label (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (label, text[0] ? text : NULL);

  /* Overdue requests and urgent ones stand out. */
  alert = requests && ((column == REQ_OUTSTANDING && ls_row_get_value (row, REQ_OVERDUE)[0]) ||
                       (column == REQ_PRIORITY && g_str_equal (text, "urgent")));
  if (alert)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static int
compare_column (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  const char *x = ls_row_get_value ((LsRow *) a, column);
  const char *y = ls_row_get_value ((LsRow *) b, column);

  /* Numbers, days and dates sort by their value, not their text. */
  if (g_ascii_isdigit (x[0]) && g_ascii_isdigit (y[0]) && !strchr (x, '-'))
    return (int) (g_ascii_strtoll (x, NULL, 10) - g_ascii_strtoll (y, NULL, 10));

  return g_utf8_collate (x, y);
}

static GtkSortListModel *
add_columns (GtkColumnView *view,
             GListModel    *model,
             const char   **titles,
             guint          n,
             gboolean       requests)
{
  GtkSortListModel *sorted;

  for (guint i = 0; i < n; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_column, GUINT_TO_POINTER (i), NULL));

      g_object_set_data (G_OBJECT (factory), "requests", GINT_TO_POINTER (requests));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, (requests && i == REQ_IDENTIFIERS) ||
                                                 (!requests && i == OUT_KIND));
      gtk_column_view_append_column (view, column);
      g_object_unref (sorter);
    }

  sorted = gtk_sort_list_model_new (g_object_ref (model),
                                    g_object_ref (gtk_column_view_get_sorter (view)));
  return sorted;
}

static void
case_changed_cb (LsRequestsPage *self)
{
  ls_requests_page_reload (self);
  show_details (self);
}

static void
session_changed (LsView *view)
{
  LsRequestsPage *self = LS_REQUESTS_PAGE (view);

  if (self->session != NULL)
    {
      g_signal_connect_object (self->session, "notify::case", G_CALLBACK (case_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session, "data-changed", G_CALLBACK (case_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  case_changed_cb (self);
}

static void
ls_requests_page_view_init (LsViewInterface *iface)
{
  iface->session_offset = G_STRUCT_OFFSET (LsRequestsPage, session);
  iface->session_changed = session_changed;
}

static void
ls_requests_page_dispose (GObject *object)
{
  LsRequestsPage *self = LS_REQUESTS_PAGE (object);

  ls_view_clear_session (LS_VIEW (self));
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_REQUESTS_PAGE);

  G_OBJECT_CLASS (ls_requests_page_parent_class)->dispose (object);
}

static void
ls_requests_page_finalize (GObject *object)
{
  LsRequestsPage *self = LS_REQUESTS_PAGE (object);

  g_clear_object (&self->requests);
  g_clear_object (&self->outcomes);
  g_clear_object (&self->selection);
  g_clear_object (&self->next_statuses);
  g_clear_pointer (&self->by_id, g_hash_table_unref);

  G_OBJECT_CLASS (ls_requests_page_parent_class)->finalize (object);
}

static void
ls_requests_page_class_init (LsRequestsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_requests_page_dispose;
  object_class->finalize = ls_requests_page_finalize;
  ls_view_class_install_session (object_class);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-requests-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, summary);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, requests_stack);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, requests_view);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, outcomes_view);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, details_stack);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, row_provider);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, row_identifiers);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, row_status);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, row_turnaround);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, next_status);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, change_date);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, change_note);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, justification);
  gtk_widget_class_bind_template_child (widget_class, LsRequestsPage, history);

  gtk_widget_class_install_action (widget_class, "requests.new", NULL, new_request_action);
  gtk_widget_class_install_action (widget_class, "requests.new-outcome", NULL, new_outcome_action);
  gtk_widget_class_install_action (widget_class, "requests.export-results", NULL, export_results_action);
  gtk_widget_class_install_action (widget_class, "requests.export-request", NULL, export_request_action);
  gtk_widget_class_install_action (widget_class, "requests.record-status", NULL, record_status_action);
}

static void
target_changed_cb (LsRequestsPage *self)
{
  self->target_days = g_settings_get_uint (self->settings, "request-target-days");
  ls_requests_page_reload (self);
}

static void
ls_requests_page_init (LsRequestsPage *self)
{
  g_autoptr(GtkSortListModel) sorted_requests = NULL;
  g_autoptr(GtkSortListModel) sorted_outcomes = NULL;
  GtkNoSelection *no_selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = ls_settings_new ();
  self->target_days = g_settings_get_uint (self->settings, "request-target-days");
  g_signal_connect_object (self->settings, "changed::request-target-days",
                           G_CALLBACK (target_changed_cb), self, G_CONNECT_SWAPPED);
  self->requests = g_list_store_new (LS_TYPE_ROW);
  self->outcomes = g_list_store_new (LS_TYPE_ROW);
  self->by_id = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) ls_request_free);
  self->next_statuses = gtk_string_list_new (NULL);
  adw_combo_row_set_model (self->next_status, G_LIST_MODEL (self->next_statuses));

  sorted_requests = add_columns (self->requests_view, G_LIST_MODEL (self->requests),
                                 request_titles, G_N_ELEMENTS (request_titles), TRUE);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (sorted_requests)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->requests_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (show_details),
                           self, G_CONNECT_SWAPPED);

  sorted_outcomes = add_columns (self->outcomes_view, G_LIST_MODEL (self->outcomes),
                                 outcome_titles, G_N_ELEMENTS (outcome_titles), FALSE);
  no_selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (sorted_outcomes)));
  gtk_column_view_set_model (self->outcomes_view, GTK_SELECTION_MODEL (no_selection));
  g_object_unref (no_selection);

  show_details (self);
}
