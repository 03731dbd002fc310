/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-job-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-job-dialog.h"
#include "ls-marking.h"
#include "ls-progress-relay.h"

typedef struct
{
  GCancellable    *cancellable;   /* the job running, or NULL */
  AdwToastOverlay *toasts;
  GtkProgressBar  *progress;
  AdwComboRow     *marking_row;
  char            *start_action;
} LsJobDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LsJobDialog, ls_job_dialog, ADW_TYPE_WINDOW)

typedef struct {
  char            *case_path;
  LsProgressRelay *relay;
  gpointer         job;
  GDestroyNotify   job_free;
  LsJobWriteFunc   write;
  LsJobDoneFunc    done;
} Run;

static void
run_free (Run *run)
{
  g_free (run->case_path);
  g_clear_pointer (&run->relay, ls_progress_relay_free);
  if (run->job_free != NULL)
    run->job_free (run->job);
  g_free (run);
}

static void
run_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Run *run = task_data;
  GError *error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (run->case_path, &error);

  if (kase == NULL ||
      !run->write (kase, run->job, ls_progress_relay_report, run->relay, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (LsJobDialog *self,
          gboolean     busy)
{
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), priv->start_action, !busy);
  if (priv->progress == NULL)   /* disposed */
    return;
  gtk_widget_set_visible (GTK_WIDGET (priv->progress), busy);
  gtk_progress_bar_set_fraction (priv->progress, 0);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LsJobDialog *self = LS_JOB_DIALOG (source);
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);
  Run *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  g_clear_object (&priv->cancellable);
  /* Closed while the job ran: nothing left to tell. */
  if (priv->toasts == NULL)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ls_job_dialog_toast (self, error->message);
      return;
    }
  run->done (self, run->job);
}

void
ls_job_dialog_run (LsJobDialog    *self,
                   LsCase         *kase,
                   gpointer        job,
                   GDestroyNotify  job_free,
                   LsJobWriteFunc  write,
                   LsJobDoneFunc   done)
{
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (LS_IS_JOB_DIALOG (self));
  g_return_if_fail (LS_IS_CASE (kase));
  g_return_if_fail (priv->cancellable == NULL);

  run = g_new0 (Run, 1);
  run->case_path = g_strdup (ls_case_get_path (kase));
  run->relay = ls_progress_relay_new (priv->progress);
  run->job = job;
  run->job_free = job_free;
  run->write = write;
  run->done = done;

  priv->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, priv->cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, ls_job_dialog_run);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
ls_job_dialog_is_busy (LsJobDialog *self)
{
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);

  g_return_val_if_fail (LS_IS_JOB_DIALOG (self), FALSE);

  return priv->cancellable != NULL;
}

void
ls_job_dialog_toast (LsJobDialog *self,
                     const char  *message)
{
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);

  g_return_if_fail (LS_IS_JOB_DIALOG (self));

  adw_toast_overlay_add_toast (priv->toasts, adw_toast_new (message));
}

void
ls_job_dialog_set_parts (LsJobDialog     *self,
                         AdwToastOverlay *toasts,
                         GtkProgressBar  *progress,
                         const char      *start_action)
{
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);

  g_return_if_fail (LS_IS_JOB_DIALOG (self));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (toasts));
  g_return_if_fail (GTK_IS_PROGRESS_BAR (progress));

  /* Children of the dialog's own template: they live as long as it does. */
  priv->toasts = toasts;
  priv->progress = progress;
  g_free (priv->start_action);
  priv->start_action = g_strdup (start_action);
}

/* One list and one default for every dialog: the export and the briefing
 * of the same case start with the same marking. */
void
ls_job_dialog_set_marking_row (LsJobDialog *self,
                               AdwComboRow *row,
                               LsCase      *kase)
{
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);
  g_autoptr(GtkStringList) list = gtk_string_list_new (ls_marking_list (NULL));
  g_autofree char *own = NULL;

  g_return_if_fail (LS_IS_JOB_DIALOG (self));
  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  own = kase != NULL ? ls_case_get_meta (kase, "marking") : NULL;
  priv->marking_row = row;
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (row, (guint) ls_marking_index (ls_marking_default (own)));
}

const char *
ls_job_dialog_get_marking (LsJobDialog *self)
{
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);
  guint n;
  const char * const *list = ls_marking_list (&n);
  guint i;

  g_return_val_if_fail (LS_IS_JOB_DIALOG (self), LS_MARKING_DEFAULT);

  i = priv->marking_row != NULL ? adw_combo_row_get_selected (priv->marking_row) : GTK_INVALID_LIST_POSITION;
  return i < n ? list[i] : LS_MARKING_DEFAULT;
}

/* Where to save */

typedef struct {
  LsJobDialog     *self;
  LsJobChosenFunc  chosen;
} Choice;

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  Choice *choice = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    choice->chosen (choice->self, path);

  g_object_unref (chooser);
  g_object_unref (choice->self);
  g_free (choice);
}

void
ls_job_dialog_choose_file (LsJobDialog     *self,
                           const char      *title,
                           const char      *name,
                           LsJobChosenFunc  chosen)
{
  GtkFileChooserNative *chooser;
  Choice *choice;

  g_return_if_fail (LS_IS_JOB_DIALOG (self));

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  choice = g_new0 (Choice, 1);
  choice->self = g_object_ref (self);
  choice->chosen = chosen;
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LsJobDialog *self = LS_JOB_DIALOG (widget);
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);

  if (priv->cancellable)
    g_cancellable_cancel (priv->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

void
ls_job_dialog_class_install_cancel (GtkWidgetClass *widget_class,
                                    const char     *action_name)
{
  g_return_if_fail (g_type_is_a (G_TYPE_FROM_CLASS (widget_class), LS_TYPE_JOB_DIALOG));

  gtk_widget_class_install_action (widget_class, action_name, NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, action_name, NULL);
}

static void
ls_job_dialog_dispose (GObject *object)
{
  LsJobDialog *self = LS_JOB_DIALOG (object);
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);

  if (priv->cancellable)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);
  /* The subclass has disposed its template, and with it these. */
  priv->toasts = NULL;
  priv->progress = NULL;
  priv->marking_row = NULL;

  G_OBJECT_CLASS (ls_job_dialog_parent_class)->dispose (object);
}

static void
ls_job_dialog_finalize (GObject *object)
{
  LsJobDialog *self = LS_JOB_DIALOG (object);
  LsJobDialogPrivate *priv = ls_job_dialog_get_instance_private (self);

  g_free (priv->start_action);

  G_OBJECT_CLASS (ls_job_dialog_parent_class)->finalize (object);
}

static void
ls_job_dialog_class_init (LsJobDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ls_job_dialog_dispose;
  object_class->finalize = ls_job_dialog_finalize;
}

static void
ls_job_dialog_init (LsJobDialog *self)
{
}
