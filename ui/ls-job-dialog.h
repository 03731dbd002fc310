/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsJobDialog: the base of a dialog that writes a file from the case on a
 * worker thread (Export…, Create Briefing…): where to save, the job with
 * its own connection to the case, progress, Cancel (or close), and errors
 * as toasts. The subclass has the options and says what a job writes. */
#pragma once

#include <adwaita.h>

#include "ls-case.h"

G_BEGIN_DECLS

#define LS_TYPE_JOB_DIALOG (ls_job_dialog_get_type ())
G_DECLARE_DERIVABLE_TYPE (LsJobDialog, ls_job_dialog, LS, JOB_DIALOG, AdwWindow)

struct _LsJobDialogClass
{
  AdwWindowClass parent_class;
};

/* On the worker thread, KASE being the thread's own connection (one that
 * may write, say the audit entry): writes what JOB says, reporting to
 * PROGRESS with PROGRESS_DATA and stopping when CANCELLABLE is cancelled. */
typedef gboolean (*LsJobWriteFunc)   (LsCase         *kase,
                                      gpointer        job,
                                      LsProgressFunc  progress,
                                      gpointer        progress_data,
                                      GCancellable   *cancellable,
                                      GError        **error);
/* Back on the main thread, once the job has written its file. */
typedef void     (*LsJobDoneFunc)    (LsJobDialog    *self,
                                      gpointer        job);
typedef void     (*LsJobChosenFunc)  (LsJobDialog    *self,
                                      const char     *path);

/* From the subclass's init, after its template: where errors go, the bar
 * that shows a job's progress, and the action that starts a job (off
 * while one runs). */
void     ls_job_dialog_set_parts    (LsJobDialog     *self,
                                     AdwToastOverlay *toasts,
                                     GtkProgressBar  *progress,
                                     const char      *start_action);
/* Runs WRITE on a worker with its own connection to KASE's file, then
 * DONE; JOB is taken (freed with JOB_FREE). */
void     ls_job_dialog_run          (LsJobDialog     *self,
                                     LsCase          *kase,
                                     gpointer         job,
                                     GDestroyNotify   job_free,
                                     LsJobWriteFunc   write,
                                     LsJobDoneFunc    done);
gboolean ls_job_dialog_is_busy      (LsJobDialog     *self);
void     ls_job_dialog_toast        (LsJobDialog     *self,
                                     const char      *message);
/* Asks where to save (TITLE, proposing NAME), then CHOSEN with the path. */
void     ls_job_dialog_choose_file  (LsJobDialog     *self,
                                     const char      *title,
                                     const char      *name,
                                     LsJobChosenFunc  chosen);
/* ROW (a child of the subclass's template) offers ls_marking_list(),
 * starting at ls_marking_default() for KASE's own marking. */
void        ls_job_dialog_set_marking_row (LsJobDialog *self,
                                           AdwComboRow *row,
                                           LsCase      *kase);
/* The marking chosen in that row. */
const char *ls_job_dialog_get_marking     (LsJobDialog *self);
/* ACTION_NAME, and Escape: cancels the job running, or closes the dialog. */
void     ls_job_dialog_class_install_cancel (GtkWidgetClass *widget_class,
                                             const char     *action_name);

G_END_DECLS
