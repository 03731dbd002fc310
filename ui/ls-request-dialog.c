/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRequestDialog: drafts a data request from the session's selection. The
 * justification is drafted off the main thread (it runs the analysis and
 * the safeguarding indicators), then edited by the analyst and saved. */
#define G_LOG_DOMAIN "ls-request-dialog"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ls-request.h"
#include "ls-request-dialog.h"
#include "ls-request-draft.h"
#include "ls-settings.h"
#include "ls-time.h"

struct _LsRequestDialog
{
  AdwWindow        parent_instance;

  LsSession       *session;
  GCancellable    *cancellable;
  gboolean         draft_urgent;
  char            *urgent_reason;

  AdwToastOverlay *toasts;
  AdwEntryRow     *identifiers;
  AdwComboRow     *provider;
  GtkCheckButton  *kind_subscriber;
  GtkCheckButton  *kind_call_data;
  GtkCheckButton  *kind_cell_site;
  GtkCheckButton  *kind_imei;
  AdwEntryRow     *from;
  AdwEntryRow     *to;
  AdwComboRow     *priority;
  GtkSpinner      *spinner;
  GtkTextView     *text;
};

G_DEFINE_FINAL_TYPE (LsRequestDialog, ls_request_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
say (LsRequestDialog *self,
     const char      *message)
{
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
}

static GStrv
split_identifiers (LsRequestDialog *self)
{
  g_auto(GStrv) parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->identifiers)), ",; ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i]; i++)
    if (*g_strstrip (parts[i]))
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

/* A date entered as YYYY-MM-DD, as unix seconds at the start of that UK day
 * (or of the next, for the end of a period); -1 when empty. */
static gboolean
read_date (AdwEntryRow *row,
           gboolean     end,
           gint64      *out)
{
  return ls_time_parse_uk_day (gtk_editable_get_text (GTK_EDITABLE (row)), end, out);
}

typedef struct {
  char   *path;
  GStrv   identifiers;
  gint64  from;
  gint64  to;
} DraftJob;

static void
draft_job_free (DraftJob *job)
{
  g_free (job->path);
  g_strfreev (job->identifiers);
  g_free (job);
}

static void
draft_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  DraftJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (job->path, &error);
  g_autoptr(sqlite3) reader = kase ? ls_case_open_reader (kase, &error) : NULL;
  LsRequestDraft *draft = NULL;

  if (reader)
    draft = ls_request_draft (reader, (const char * const *) job->identifiers, job->from, job->to,
                              cancellable, &error);
  if (draft)
    g_task_return_pointer (task, draft, (GDestroyNotify) ls_request_draft_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
draft_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LsRequestDialog *self = LS_REQUEST_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsRequestDraft) draft = g_task_propagate_pointer (G_TASK (result), &error);

  gtk_spinner_stop (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "request.draft", TRUE);
  if (draft == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, error->message);
      return;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text), draft->text, -1);
  self->draft_urgent = draft->urgent;
  g_free (self->urgent_reason);
  self->urgent_reason = g_strdup (draft->urgent_reason);
  if (draft->urgent)
    say (self, _("A child at high risk is linked: this request will be urgent"));
}

static void
draft_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  LsRequestDialog *self = LS_REQUEST_DIALOG (widget);
  LsCase *kase = ls_session_get_case (self->session);
  g_autoptr(GTask) task = NULL;
  DraftJob *job;

  if (kase == NULL)
    return;

  job = g_new0 (DraftJob, 1);
  job->path = g_strdup (ls_case_get_path (kase));
  job->identifiers = split_identifiers (self);
  if (job->identifiers[0] == NULL)
    {
      draft_job_free (job);
      say (self, _("Enter at least one number or IMEI"));
      return;
    }
  if (!read_date (self->from, FALSE, &job->from) || !read_date (self->to, TRUE, &job->to))
    {
      draft_job_free (job);
      say (self, _("Dates are written like 2024-03-01"));
      return;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (widget, "request.draft", FALSE);

  task = g_task_new (self, self->cancellable, draft_done_cb, NULL);
  g_task_set_source_tag (task, draft_action);
  g_task_set_task_data (task, job, (GDestroyNotify) draft_job_free);
  g_task_run_in_thread (task, draft_thread);
}

static GStrv
chosen_kinds (LsRequestDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (gtk_check_button_get_active (self->kind_subscriber))
    g_strv_builder_add (builder, "subscriber");
  if (gtk_check_button_get_active (self->kind_call_data))
    g_strv_builder_add (builder, "call-data");
  if (gtk_check_button_get_active (self->kind_cell_site))
    g_strv_builder_add (builder, "cell-site");
  if (gtk_check_button_get_active (self->kind_imei))
    g_strv_builder_add (builder, "imei-history");

  return g_strv_builder_end (builder);
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  static const char * const priorities[] = { NULL, "urgent", "high", "routine" };
  LsRequestDialog *self = LS_REQUEST_DIALOG (widget);
  LsCase *kase = ls_session_get_case (self->session);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text);
  g_auto(GStrv) identifiers = split_identifiers (self);
  g_auto(GStrv) kinds = chosen_kinds (self);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkStringObject *provider = adw_combo_row_get_selected_item (self->provider);
  guint priority = adw_combo_row_get_selected (self->priority);
  GtkTextIter start, end;
  LsRequest r = { 0 };

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (kase == NULL)
    return;
  if (*g_strstrip (text) == '\0')
    {
      say (self, _("Draft the justification first, or write it"));
      return;
    }
  if (!read_date (self->from, FALSE, &r.period_from) || !read_date (self->to, TRUE, &r.period_to))
    {
      say (self, _("Dates are written like 2024-03-01"));
      return;
    }

  r.identifiers = identifiers;
  r.data_kinds = kinds;
  r.provider = (char *) gtk_string_object_get_string (provider);
  r.priority = (char *) (priority == 0 ? (self->draft_urgent ? "urgent" : "routine")
                                       : priorities[MIN (priority, 3)]);
  r.urgent_reason = g_strcmp0 (r.priority, "urgent") == 0 ? self->urgent_reason : NULL;
  r.justification = text;
  if (!ls_case_add_request (kase, &r, &error))
    {
      say (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The numbers of whatever is selected on the other views. */
static void
prefill (LsRequestDialog *self)
{
  LsCase *kase = ls_session_get_case (self->session);
  const char * const *keys = ls_session_get_selection (self->session);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 from = ls_session_get_range_from (self->session);
  gint64 to = ls_session_get_range_to (self->session);

  if (kase == NULL)
    return;

  if (sqlite3_prepare_v2 (ls_case_get_db (kase),
                          "SELECT number FROM phones WHERE (?1 = 'person' AND person_id = ?2)"
                          " OR (?1 = 'phone' AND id = ?2) ORDER BY number", -1, &stmt, NULL) == SQLITE_OK)
    {
      for (guint i = 0; keys && keys[i]; i++)
        {
          g_auto(GStrv) parts = g_strsplit (keys[i], ":", 2);

          if (parts[0] == NULL || parts[1] == NULL)
            continue;
          sqlite3_bind_text (stmt, 1, parts[0], -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, g_ascii_strtoll (parts[1], NULL, 10));
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (numbers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
          sqlite3_reset (stmt);
        }
    }
  g_ptr_array_add (numbers, NULL);
  {
    g_autofree char *joined = g_strjoinv (", ", (char **) numbers->pdata);
    gtk_editable_set_text (GTK_EDITABLE (self->identifiers), joined);
  }

  if (from >= 0)
    {
      g_autofree char *text = ls_time_format_local (from, "%Y-%m-%d");
      gtk_editable_set_text (GTK_EDITABLE (self->from), text);
    }
  if (to >= 0)
    {
      g_autofree char *text = ls_time_format_local (to - 1, "%Y-%m-%d");
      gtk_editable_set_text (GTK_EDITABLE (self->to), text);
    }
}

static void
ls_request_dialog_dispose (GObject *object)
{
  LsRequestDialog *self = LS_REQUEST_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_REQUEST_DIALOG);

  G_OBJECT_CLASS (ls_request_dialog_parent_class)->dispose (object);
}

static void
ls_request_dialog_finalize (GObject *object)
{
  LsRequestDialog *self = LS_REQUEST_DIALOG (object);

  g_free (self->urgent_reason);

  G_OBJECT_CLASS (ls_request_dialog_parent_class)->finalize (object);
}

static void
ls_request_dialog_class_init (LsRequestDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_request_dialog_dispose;
  object_class->finalize = ls_request_dialog_finalize;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-request-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, identifiers);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, provider);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, kind_subscriber);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, kind_call_data);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, kind_cell_site);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, kind_imei);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, from);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, to);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, priority);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LsRequestDialog, text);

  gtk_widget_class_install_action (widget_class, "request.draft", NULL, draft_action);
  gtk_widget_class_install_action (widget_class, "request.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ls_request_dialog_init (LsRequestDialog *self)
{
  g_autoptr(GSettings) settings = NULL;
  g_auto(GStrv) providers = NULL;
  g_autoptr(GtkStringList) model = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The providers kept in Preferences. */
  settings = ls_settings_new ();
  providers = g_settings_get_strv (settings, "request-providers");
  if (providers[0] != NULL)
    {
      model = gtk_string_list_new ((const char * const *) providers);
      adw_combo_row_set_model (self->provider, G_LIST_MODEL (model));
    }
}

LsRequestDialog *
ls_request_dialog_new (LsSession *session)
{
  LsRequestDialog *self = g_object_new (LS_TYPE_REQUEST_DIALOG, NULL);

  self->session = g_object_ref (session);
  prefill (self);
  /* Start drafting at once when something is selected. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->identifiers))[0] != '\0')
    gtk_widget_activate_action (GTK_WIDGET (self), "request.draft", NULL);

  return self;
}
