/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsExportDialog: Export… for every view. One set of options (format;
 * size and DPI for PNG; paper and orientation for PDF; title, marking and
 * redaction), then a file chooser; the export runs on a worker thread with
 * its own connection to the case, with progress and Cancel, through the
 * same LsExportView entry as `linesight export`, and is recorded in the
 * case's audit log. The view hands over what it shows (its range, layout,
 * selection, zoom) so the file is the picture on the screen. */
#define G_LOG_DOMAIN "ls-export-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-export-dialog.h"
#include "ls-progress-relay.h"
#include "ls-window.h"

/* The view's screen state, shared by the dialog and its jobs. */
typedef struct {
  gpointer       data;
  GDestroyNotify free;
} Screen;

static void
screen_clear (gpointer p)
{
  Screen *s = p;

  if (s->free && s->data)
    s->free (s->data);
}

static void
screen_unref (Screen *screen)
{
  g_rc_box_release_full (screen, screen_clear);
}

struct _LsExportDialog
{
  AdwWindow        parent_instance;

  LsSession       *session;
  char            *view;
  Screen          *screen;
  gint64           from;
  gint64           to;
  char            *layout;
  GStrv            people;
  GCancellable    *cancellable;

  AdwToastOverlay *toasts;
  AdwComboRow     *format_row;
  AdwActionRow    *width_row;
  AdwActionRow    *height_row;
  AdwActionRow    *dpi_row;
  GtkSpinButton   *width_spin;
  GtkSpinButton   *height_spin;
  GtkSpinButton   *dpi_spin;
  AdwComboRow     *paper_row;
  AdwComboRow     *orientation_row;
  AdwEntryRow     *title_row;
  AdwComboRow     *marking_row;
  AdwComboRow     *redaction_row;
  GtkProgressBar  *progress;
};

G_DEFINE_FINAL_TYPE (LsExportDialog, ls_export_dialog, ADW_TYPE_WINDOW)

static const char * const markings[] = { "OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET" };

typedef struct {
  char            *case_path;
  char            *path;
  char            *view;
  char            *marking;
  char            *title;
  char            *layout;
  GStrv            people;
  Screen          *screen;
  LsExportFormat   format;
  LsExportRequest  request;
  LsProgressRelay *relay;
} Job;

static void
job_free (Job *job)
{
  g_free (job->case_path);
  g_free (job->path);
  g_free (job->view);
  g_free (job->marking);
  g_free (job->title);
  g_free (job->layout);
  g_strfreev (job->people);
  g_clear_pointer (&job->screen, screen_unref);
  g_clear_pointer (&job->relay, ls_progress_relay_free);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;
  /* This thread's own connection: it also writes the audit entry. */
  g_autoptr(LsCase) kase = ls_case_open (job->case_path, &error);
  const LsExportView *view = NULL;

  if (kase == NULL || (view = ls_export_find_view (job->view, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  job->request.kase = kase;
  job->request.cancellable = cancellable;
  job->request.progress = ls_progress_relay_report;
  job->request.progress_data = job->relay;
  if (!ls_export_write (view, &job->request, job->format, job->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_busy (LsExportDialog *self,
          gboolean        busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", !busy);
  gtk_progress_bar_set_fraction (self->progress, 0);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LsExportDialog *self = LS_EXPORT_DIALOG (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  set_busy (self, FALSE);
  g_clear_object (&self->cancellable);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  text = g_strdup_printf (_("Exported to %s"), job->path);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static LsExportFormat
get_format (LsExportDialog *self)
{
  return (LsExportFormat) MIN (adw_combo_row_get_selected (self->format_row), LS_EXPORT_SVG);
}

void
ls_export_dialog_export_to (LsExportDialog *self,
                            const char     *path)
{
  LsCase *kase;
  g_autoptr(GTask) task = NULL;
  const char *title;
  Job *job;

  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  kase = ls_session_get_case (self->session);
  if (kase == NULL || self->cancellable != NULL)
    return;

  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  job = g_new0 (Job, 1);
  job->request = (LsExportRequest) LS_EXPORT_REQUEST_INIT;
  job->case_path = g_strdup (ls_case_get_path (kase));
  job->path = g_strdup (path);
  job->view = g_strdup (self->view);
  job->format = get_format (self);
  job->marking = g_strdup (markings[MIN (adw_combo_row_get_selected (self->marking_row), 2)]);
  job->title = *title ? g_strdup (title) : NULL;
  job->layout = g_strdup (self->layout);
  job->people = g_strdupv (self->people);
  job->screen = self->screen ? g_rc_box_acquire (self->screen) : NULL;
  job->request.from = self->from;
  job->request.to = self->to;
  job->request.width = gtk_spin_button_get_value_as_int (self->width_spin);
  job->request.height = gtk_spin_button_get_value_as_int (self->height_spin);
  job->request.dpi = gtk_spin_button_get_value_as_int (self->dpi_spin);
  job->request.paper = adw_combo_row_get_selected (self->paper_row) == 1 ? LS_EXPORT_PAPER_A3 : LS_EXPORT_PAPER_A4;
  job->request.orientation = adw_combo_row_get_selected (self->orientation_row) == 1 ? LS_EXPORT_PORTRAIT
                                                                                       : LS_EXPORT_LANDSCAPE;
  job->request.redaction = (LsRedaction) MIN (adw_combo_row_get_selected (self->redaction_row), LS_REDACTION_ALL);
  job->request.marking = job->marking;
  job->request.title = job->title;
  job->request.layout = job->layout;
  job->request.people = (const char * const *) job->people;
  job->request.screen = job->screen ? job->screen->data : NULL;
  job->relay = ls_progress_relay_new (self->progress);

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, ls_export_dialog_export_to);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
ls_export_dialog_is_busy (LsExportDialog *self)
{
  g_return_val_if_fail (LS_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

static void
save_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  LsExportDialog *self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      const char *ext = ls_export_format_to_string (get_format (self));
      g_autofree char *suffix = g_strconcat (".", ext, NULL);
      g_autofree char *lower = g_ascii_strdown (path, -1);

      /* The format is the one chosen here, whatever the name says. */
      if (!g_str_has_suffix (lower, suffix))
        {
          char *with = g_strconcat (path, suffix, NULL);
          g_free (path);
          path = with;
        }
      ls_export_dialog_export_to (self, path);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LsExportDialog *self = LS_EXPORT_DIALOG (widget);
  const char *ext = ls_export_format_to_string (get_format (self));
  g_autofree char *file_name = g_strdup_printf ("%s.%s", self->view, ext);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LsExportDialog *self = LS_EXPORT_DIALOG (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Only the options of the chosen format are shown. */
static void
update_rows (LsExportDialog *self)
{
  LsExportFormat format = get_format (self);
  double dpi = gtk_spin_button_get_value (self->dpi_spin);
  g_autofree char *pixels = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->width_row), format != LS_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->height_row), format != LS_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->dpi_row), format == LS_EXPORT_PNG);
  gtk_widget_set_visible (GTK_WIDGET (self->paper_row), format == LS_EXPORT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->orientation_row), format == LS_EXPORT_PDF);
  /* Translators: the size of the PNG that will be written */
  pixels = g_strdup_printf (_("Dots per inch, 96–600: the image will be %d × %d pixels"),
                            (int) (gtk_spin_button_get_value (self->width_spin) * dpi / LS_EXPORT_DPI + 0.5),
                            (int) (gtk_spin_button_get_value (self->height_spin) * dpi / LS_EXPORT_DPI + 0.5));
  adw_action_row_set_subtitle (self->dpi_row, pixels);
}

void
ls_export_dialog_set_format (LsExportDialog *self,
                             LsExportFormat  format)
{
  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));

  adw_combo_row_set_selected (self->format_row, format);
}

static void
ls_export_dialog_dispose (GObject *object)
{
  LsExportDialog *self = LS_EXPORT_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->screen, screen_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ls_export_dialog_parent_class)->dispose (object);
}

static void
ls_export_dialog_finalize (GObject *object)
{
  LsExportDialog *self = LS_EXPORT_DIALOG (object);

  g_free (self->view);
  g_free (self->layout);
  g_strfreev (self->people);

  G_OBJECT_CLASS (ls_export_dialog_parent_class)->finalize (object);
}

static void
ls_export_dialog_class_init (LsExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_export_dialog_dispose;
  object_class->finalize = ls_export_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, height_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, dpi_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, height_spin);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, dpi_spin);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, orientation_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, marking_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, redaction_row);
  gtk_widget_class_bind_template_child (widget_class, LsExportDialog, progress);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "export.cancel", NULL);
}

static void
ls_export_dialog_init (LsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->from = self->to = -1;
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->dpi_spin, "value-changed", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (update_rows), self);
  g_signal_connect_swapped (self->height_spin, "value-changed", G_CALLBACK (update_rows), self);
  /* A PDF on A4 landscape is what most exports are for: a meeting. */
  adw_combo_row_set_selected (self->format_row, LS_EXPORT_PDF);
  update_rows (self);
}

LsExportDialog *
ls_export_dialog_new (LsSession  *session,
                      const char *view)
{
  LsExportDialog *self;
  LsCase *kase;
  g_autofree char *marking = NULL;
  g_autofree char *title = NULL;
  const LsExportView *entry;

  g_return_val_if_fail (LS_IS_SESSION (session), NULL);
  entry = ls_export_find_view (view, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (LS_TYPE_EXPORT_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->view = g_strdup (view);
  self->from = ls_session_get_range_from (session);
  self->to = ls_session_get_range_to (session);
  kase = ls_session_get_case (session);
  marking = kase ? ls_case_get_meta (kase, "marking") : NULL;
  adw_combo_row_set_selected (self->marking_row, 1);
  for (guint i = 0; i < G_N_ELEMENTS (markings); i++)
    if (g_strcmp0 (marking, markings[i]) == 0)
      adw_combo_row_set_selected (self->marking_row, i);
  adw_combo_row_set_selected (self->redaction_row, ls_session_get_redaction (session));
  /* Translators: the Export dialog's title, e.g. "Export: The network map" */
  title = g_strdup_printf (_("Export: %s"), _(entry->summary));
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (kase != NULL)
    {
      g_autofree char *name = ls_case_dup_name (kase);
      gtk_editable_set_text (GTK_EDITABLE (self->title_row), name ? name : "");
    }

  return self;
}

void
ls_export_dialog_set_screen (LsExportDialog *self,
                             gpointer        screen,
                             GDestroyNotify  screen_free,
                             int             width,
                             int             height)
{
  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));

  g_clear_pointer (&self->screen, screen_unref);
  self->screen = g_rc_box_new0 (Screen);
  self->screen->data = screen;
  self->screen->free = screen_free;
  if (width >= 16 && height >= 16)
    {
      gtk_spin_button_set_value (self->width_spin, width);
      gtk_spin_button_set_value (self->height_spin, height);
    }
}

void
ls_export_dialog_set_range (LsExportDialog *self,
                            gint64          from,
                            gint64          to)
{
  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));

  self->from = from;
  self->to = to;
}

void
ls_export_dialog_set_layout (LsExportDialog *self,
                             const char     *layout)
{
  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));

  g_free (self->layout);
  self->layout = g_strdup (layout);
}

void
ls_export_dialog_set_people (LsExportDialog     *self,
                             const char * const *people)
{
  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));

  g_strfreev (self->people);
  self->people = g_strdupv ((char **) people);
}

/* Ctrl+E anywhere in the window: the visible page's own Export…. */
static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  static const char * const pages[] = { "network", "timeline", "map", "safeguarding" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = ls_window_get_page (LS_WINDOW (widget), pages[i]);
      g_autofree char *action = g_strdup_printf ("%s.export", pages[i]);

      if (page != NULL && gtk_widget_get_mapped (page))
        {
          gtk_widget_activate_action (page, action, NULL);
          return;
        }
    }
}

void
ls_export_dialog_install_action (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
}
