/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsBriefingDialog: Create Briefing… in the window. The pack is written on
 * a worker thread with its own connection to the case, with progress and
 * Cancel; the export is then recorded in the case's audit log. The Case
 * History dialog (win.case-history) lists that log. */
#define G_LOG_DOMAIN "ls-briefing-dialog"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ls-briefing.h"
#include "ls-briefing-dialog.h"
#include "ls-case-audit.h"
#include "ls-time.h"
#include "ls-window.h"

struct _LsBriefingDialog
{
  LsJobDialog      parent_instance;

  LsSession       *session;

  AdwToastOverlay *toasts;
  AdwComboRow     *marking;
  AdwComboRow     *redaction;
  AdwEntryRow     *from;
  AdwEntryRow     *to;
  GtkProgressBar  *progress;
};

G_DEFINE_FINAL_TYPE (LsBriefingDialog, ls_briefing_dialog, LS_TYPE_JOB_DIALOG)

static const char * const redaction_names[] = { "none", "partner", "all" };

typedef struct {
  char              *path;
  char              *marking;
  LsBriefingOptions  options;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->marking);
  g_free (job);
}

static gboolean
read_date (AdwEntryRow *row,
           gboolean     end,
           gint64      *out)
{
  return ls_time_parse_uk_day (gtk_editable_get_text (GTK_EDITABLE (row)), end, out);
}

static gboolean
briefing_write (LsCase         *kase,
                gpointer        data,
                LsProgressFunc  progress,
                gpointer        progress_data,
                GCancellable   *cancellable,
                GError        **error)
{
  Job *job = data;

  job->options.kase = kase;
  job->options.cancellable = cancellable;
  job->options.progress = progress;
  job->options.progress_data = progress_data;
  return ls_briefing_write (&job->options, job->path, error);
}

/* Written: the export goes in the case's audit log, and the dialog closes. */
static void
briefing_done (LsJobDialog *dialog,
               gpointer     data)
{
  LsBriefingDialog *self = LS_BRIEFING_DIALOG (dialog);
  Job *job = data;
  LsCase *kase = ls_session_get_case (self->session);
  g_autoptr(GError) error = NULL;

  if (kase != NULL)
    {
      LsExportRecord rec = { "briefing", "pdf", redaction_names[job->options.redaction],
                             job->options.from, job->options.to, job->path };

      if (!ls_case_record_export (kase, &rec, &error))
        {
          ls_job_dialog_toast (dialog, error->message);
          return;
        }
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

void
ls_briefing_dialog_create_to (LsBriefingDialog *self,
                              const char       *path)
{
  LsCase *kase = ls_session_get_case (self->session);
  Job *job;

  g_return_if_fail (LS_IS_BRIEFING_DIALOG (self));

  if (kase == NULL || ls_job_dialog_is_busy (LS_JOB_DIALOG (self)))
    return;

  job = g_new0 (Job, 1);
  if (!read_date (self->from, FALSE, &job->options.from) || !read_date (self->to, TRUE, &job->options.to))
    {
      job_free (job);
      ls_job_dialog_toast (LS_JOB_DIALOG (self), _("Dates are written like 2024-03-01"));
      return;
    }
  job->path = g_strdup (path);
  job->marking = g_strdup (ls_job_dialog_get_marking (LS_JOB_DIALOG (self)));
  job->options.marking = job->marking;
  job->options.redaction = (LsRedaction) MIN (adw_combo_row_get_selected (self->redaction), 2);
  ls_job_dialog_run (LS_JOB_DIALOG (self), kase, job, (GDestroyNotify) job_free, briefing_write, briefing_done);
}

gboolean
ls_briefing_dialog_is_busy (LsBriefingDialog *self)
{
  return ls_job_dialog_is_busy (LS_JOB_DIALOG (self));
}

static void
path_chosen (LsJobDialog *dialog,
             const char  *path)
{
  ls_briefing_dialog_create_to (LS_BRIEFING_DIALOG (dialog), path);
}

static void
create_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  ls_job_dialog_choose_file (LS_JOB_DIALOG (widget), _("Save Briefing"), "briefing.pdf", path_chosen);
}

static void
ls_briefing_dialog_dispose (GObject *object)
{
  LsBriefingDialog *self = LS_BRIEFING_DIALOG (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_BRIEFING_DIALOG);

  G_OBJECT_CLASS (ls_briefing_dialog_parent_class)->dispose (object);
}

static void
ls_briefing_dialog_class_init (LsBriefingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_briefing_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-briefing-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LsBriefingDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, LsBriefingDialog, marking);
  gtk_widget_class_bind_template_child (widget_class, LsBriefingDialog, redaction);
  gtk_widget_class_bind_template_child (widget_class, LsBriefingDialog, from);
  gtk_widget_class_bind_template_child (widget_class, LsBriefingDialog, to);
  gtk_widget_class_bind_template_child (widget_class, LsBriefingDialog, progress);

  gtk_widget_class_install_action (widget_class, "briefing.create", NULL, create_action);
  ls_job_dialog_class_install_cancel (widget_class, "briefing.cancel");
}

static void
ls_briefing_dialog_init (LsBriefingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ls_job_dialog_set_parts (LS_JOB_DIALOG (self), self->toasts, self->progress, "briefing.create");
}

LsBriefingDialog *
ls_briefing_dialog_new (LsSession *session)
{
  LsBriefingDialog *self = g_object_new (LS_TYPE_BRIEFING_DIALOG, NULL);
  LsCase *kase = ls_session_get_case (session);
  gint64 from = ls_session_get_range_from (session);
  gint64 to = ls_session_get_range_to (session);

  self->session = g_object_ref (session);
  ls_job_dialog_set_marking_row (LS_JOB_DIALOG (self), self->marking, kase);
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

  return self;
}

static void
create_briefing_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  LsSession *session = ls_window_get_session (LS_WINDOW (widget));
  LsBriefingDialog *dialog;

  if (ls_session_get_case (session) == NULL)
    return;
  dialog = ls_briefing_dialog_new (session);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (widget));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Case History: every export, briefing, referral and request change. */
static void
case_history_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  LsCase *kase = ls_session_get_case (ls_window_get_session (LS_WINDOW (widget)));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window, *page, *group;

  if (kase == NULL || (entries = ls_case_list_audit (kase, &error)) == NULL)
    return;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Case History"));
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (widget));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 560);
  page = adw_preferences_page_new ();
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Exports and Changes"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Who exported what, and every change to referrals and data "
                                           "requests, newest first."));
  if (entries->len == 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               gtk_label_new (_("Nothing has been exported or changed yet.")));
  for (guint i = entries->len; i > 0; i--)
    {
      LsAuditEntry *e = g_ptr_array_index (entries, i - 1);
      g_autofree char *when = ls_time_format_local (e->at, "%d/%m/%Y %H:%M");
      g_autofree char *title = g_strdup_printf ("%s — %s", e->action, e->subject ? e->subject : "");
      g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s%s%s", when, e->user,
                                                   e->old_value || e->new_value ? " · " : "",
                                                   e->old_value ? e->old_value : "",
                                                   e->old_value || e->new_value ? " → " : "",
                                                   e->new_value ? e->new_value : "");
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (e->details)
        gtk_widget_set_tooltip_text (row, e->details);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
    gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
    gtk_widget_set_vexpand (page, TRUE);
    gtk_box_append (GTK_BOX (box), page);
    adw_window_set_content (ADW_WINDOW (window), box);
  }
  gtk_window_present (GTK_WINDOW (window));
}

void
ls_briefing_dialog_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.create-briefing", NULL, create_briefing_action);
  gtk_widget_class_install_action (widget_class, "win.case-history", NULL, case_history_action);
}
