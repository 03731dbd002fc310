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
  LsJobDialog      parent_instance;

  LsSession       *session;
  char            *view;
  Screen          *screen;
  gint64           from;
  gint64           to;
  char            *layout;
  GStrv            people;

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

G_DEFINE_FINAL_TYPE (LsExportDialog, ls_export_dialog, LS_TYPE_JOB_DIALOG)

typedef struct {
  char            *path;
  char            *view;
  char            *marking;
  char            *title;
  char            *layout;
  GStrv            people;
  Screen          *screen;
  LsExportFormat   format;
  LsExportRequest  request;
} Job;

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->view);
  g_free (job->marking);
  g_free (job->title);
  g_free (job->layout);
  g_strfreev (job->people);
  g_clear_pointer (&job->screen, screen_unref);
  g_free (job);
}

/* On the worker: its connection also writes the audit entry. */
static gboolean
export_write (LsCase         *kase,
              gpointer        data,
              LsProgressFunc  progress,
              gpointer        progress_data,
              GCancellable   *cancellable,
              GError        **error)
{
  Job *job = data;
  const LsExportView *view = ls_export_find_view (job->view, error);

  if (view == NULL)
    return FALSE;
  job->request.kase = kase;
  job->request.cancellable = cancellable;
  job->request.progress = progress;
  job->request.progress_data = progress_data;
  return ls_export_write (view, &job->request, job->format, job->path, error);
}

static void
export_done (LsJobDialog *dialog,
             gpointer     data)
{
  Job *job = data;
  g_autofree char *text = g_strdup_printf (_("Exported to %s"), job->path);

  ls_job_dialog_toast (dialog, text);
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
  const char *title;
  Job *job;

  g_return_if_fail (LS_IS_EXPORT_DIALOG (self));
  g_return_if_fail (path != NULL);

  kase = ls_session_get_case (self->session);
  if (kase == NULL || ls_job_dialog_is_busy (LS_JOB_DIALOG (self)))
    return;

  title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  job = g_new0 (Job, 1);
  job->request = (LsExportRequest) LS_EXPORT_REQUEST_INIT;
  job->path = g_strdup (path);
  job->view = g_strdup (self->view);
  job->format = get_format (self);
  job->marking = g_strdup (ls_job_dialog_get_marking (LS_JOB_DIALOG (self)));
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
  ls_job_dialog_run (LS_JOB_DIALOG (self), kase, job, (GDestroyNotify) job_free, export_write, export_done);
}

gboolean
ls_export_dialog_is_busy (LsExportDialog *self)
{
  g_return_val_if_fail (LS_IS_EXPORT_DIALOG (self), FALSE);

  return ls_job_dialog_is_busy (LS_JOB_DIALOG (self));
}

/* The format is the one chosen here, whatever the name says. */
static void
path_chosen (LsJobDialog *dialog,
             const char  *path)
{
  LsExportDialog *self = LS_EXPORT_DIALOG (dialog);
  const char *ext = ls_export_format_to_string (get_format (self));
  g_autofree char *suffix = g_strconcat (".", ext, NULL);
  g_autofree char *lower = g_ascii_strdown (path, -1);
  g_autofree char *with = NULL;

  if (!g_str_has_suffix (lower, suffix))
    path = with = g_strconcat (path, suffix, NULL);
  ls_export_dialog_export_to (self, path);
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LsExportDialog *self = LS_EXPORT_DIALOG (widget);
  const char *ext = ls_export_format_to_string (get_format (self));
  g_autofree char *file_name = g_strdup_printf ("%s.%s", self->view, ext);

  ls_job_dialog_choose_file (LS_JOB_DIALOG (self), _("Export"), file_name, path_chosen);
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
  ls_job_dialog_class_install_cancel (widget_class, "export.cancel");
}

static void
ls_export_dialog_init (LsExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ls_job_dialog_set_parts (LS_JOB_DIALOG (self), self->toasts, self->progress, "export.save");
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
  ls_job_dialog_set_marking_row (LS_JOB_DIALOG (self), self->marking_row, kase);
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
