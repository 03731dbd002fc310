/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsImportDialog: the import assistant. Pick what the file holds, see its
 * first rows with the columns Linesight found for each field, change any
 * of them, see the problems before importing, then import on a worker
 * thread with progress and Cancel (which rolls the import back). It uses
 * the same core API as `linesight import`: ls_import_preview() and
 * ls_import_run(). */
#define G_LOG_DOMAIN "ls-import-dialog"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case-writer.h"
#include "ls-import.h"
#include "ls-import-dialog.h"
#include "ls-window.h"

#define PREVIEW_ROWS 20
#define PROBLEMS_SHOWN 12

struct _LsImportDialog
{
  AdwWindow       parent_instance;

  LsSession      *session;
  GFile          *file;
  char           *path;
  LsImportKind    kind;
  GStrv           headers;
  GPtrArray      *field_rows;    /* AdwComboRow per field of the kind */
  gboolean        updating;
  GCancellable   *cancellable;
  int             permille;      /* written by the worker */
  guint           progress_id;
  gboolean        running;

  AdwWindowTitle *window_title;
  GtkButton      *cancel_button;
  GtkButton      *import_button;
  AdwComboRow    *kind_row;
  AdwEntryRow    *save_row;
  AdwPreferencesGroup *fields_group;
  GtkLabel       *problems_label;
  GtkGrid        *preview_grid;
  GtkProgressBar *progress;
  GtkLabel       *summary_label;
};

G_DEFINE_FINAL_TYPE (LsImportDialog, ls_import_dialog, ADW_TYPE_WINDOW)

static void refresh (LsImportDialog *self, gboolean use_choices);

static void
clear_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

/* "field=3" for each field, from the dropdowns ("field=" when none). */
static GStrv
current_maps (LsImportDialog *self)
{
  guint n_fields;
  const LsImportField *fields = ls_import_fields (self->kind, &n_fields);
  g_autoptr(GStrvBuilder) maps = g_strv_builder_new ();

  for (guint f = 0; f < self->field_rows->len && f < n_fields; f++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->field_rows, f));
      g_autofree char *map = selected == 0 || selected == GTK_INVALID_LIST_POSITION
        ? g_strdup_printf ("%s=", fields[f].name)
        : g_strdup_printf ("%s=%u", fields[f].name, selected);

      g_strv_builder_add (maps, map);
    }

  return g_strv_builder_end (maps);
}

static void
field_changed (LsImportDialog *self)
{
  if (!self->updating)
    refresh (self, TRUE);
}

static void
build_field_rows (LsImportDialog *self)
{
  guint n_fields;
  const LsImportField *fields = ls_import_fields (self->kind, &n_fields);
  g_autoptr(GtkStringList) columns = gtk_string_list_new (NULL);

  for (guint i = 0; i < self->field_rows->len; i++)
    adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->field_rows, i));
  g_ptr_array_set_size (self->field_rows, 0);

  gtk_string_list_append (columns, _("(not imported)"));
  for (guint c = 0; self->headers && self->headers[c]; c++)
    {
      g_autofree char *label = g_strdup_printf ("%u. %s", c + 1, self->headers[c]);
      gtk_string_list_append (columns, label);
    }

  for (guint f = 0; f < n_fields; f++)
    {
      GtkWidget *row = adw_combo_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields[f].name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(fields[f].description));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (columns));
      g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (field_changed), self);
      adw_preferences_group_add (self->fields_group, row);
      g_ptr_array_add (self->field_rows, row);
    }
}

static GtkWidget *
cell_label (const char *text,
            gboolean    bad)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (bad)
    gtk_widget_add_css_class (label, "error");
  return label;
}

static gboolean
has_problem (LsImportPreview *preview,
             gint64           line,
             guint            column)
{
  for (guint i = 0; i < preview->problems->len; i++)
    {
      const LsImportProblem *p = g_ptr_array_index (preview->problems, i);

      if (p->line == line && (p->column == (gint64) column || p->column == 0))
        return TRUE;
    }
  return FALSE;
}

static void
show_preview (LsImportDialog  *self,
              LsImportPreview *preview)
{
  guint n_fields;
  const LsImportField *fields = ls_import_fields (self->kind, &n_fields);

  clear_children (GTK_WIDGET (self->preview_grid));
  for (guint c = 0; preview->headers[c]; c++)
    {
      GString *title = g_string_new (preview->headers[c]);
      GtkWidget *label;

      for (guint f = 0; f < n_fields; f++)
        if (preview->mapping.columns[f] == (int) c)
          g_string_append_printf (title, "\n→ %s", fields[f].name);
      label = cell_label (title->str, FALSE);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->preview_grid, label, (int) c, 0, 1, 1);
      g_string_free (title, TRUE);
    }

  for (guint r = 0; r < preview->rows->len; r++)
    {
      char **fields_of_row = g_ptr_array_index (preview->rows, r);
      gint64 line = g_array_index (preview->lines, gint64, r);

      for (guint c = 0; fields_of_row[c]; c++)
        gtk_grid_attach (self->preview_grid,
                         cell_label (fields_of_row[c], has_problem (preview, line, c + 1)),
                         (int) c, (int) r + 1, 1, 1);
    }
}

static void
show_problems (LsImportDialog *self,
               const char     *file,
               GPtrArray      *problems,
               const char     *extra)
{
  GString *text = g_string_new (extra);

  for (guint i = 0; problems && i < problems->len && i < PROBLEMS_SHOWN; i++)
    {
      g_autofree char *line = ls_import_problem_format (file, g_ptr_array_index (problems, i));

      g_string_append_printf (text, "%s%s", text->len ? "\n" : "", line);
    }
  if (problems && problems->len > PROBLEMS_SHOWN)
    g_string_append_printf (text, _("\n… and %u more"), problems->len - PROBLEMS_SHOWN);

  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text->len > 0);
  g_string_free (text, TRUE);
}

/* Reads the first rows again with the kind and, when @use_choices, the
 * columns chosen in the dropdowns; otherwise with the columns guessed. */
static void
refresh (LsImportDialog *self,
         gboolean        use_choices)
{
  g_auto(GStrv) maps = use_choices ? current_maps (self) : NULL;
  g_autoptr(LsImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  LsImportOptions options = { 0, };

  options.kind = self->kind;
  options.path = self->path;
  options.display_name = name;
  options.maps = (const char * const *) maps;

  preview = ls_import_preview (NULL, &options, PREVIEW_ROWS, &error);
  if (preview == NULL)
    {
      clear_children (GTK_WIDGET (self->preview_grid));
      show_problems (self, name, NULL, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
      return;
    }

  if (!use_choices || self->headers == NULL ||
      !g_strv_equal ((const char * const *) self->headers, (const char * const *) preview->headers))
    {
      g_strfreev (self->headers);
      self->headers = g_strdupv (preview->headers);
      self->updating = TRUE;
      build_field_rows (self);
      self->updating = FALSE;
    }

  self->updating = TRUE;
  for (guint f = 0; f < self->field_rows->len; f++)
    adw_combo_row_set_selected (g_ptr_array_index (self->field_rows, f),
                                (guint) (preview->mapping.columns[f] + 1));
  self->updating = FALSE;

  show_preview (self, preview);
  show_problems (self, name, preview->problems, preview->mapping_error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), preview->mapping_error == NULL);
}

static void
kind_changed (LsImportDialog *self)
{
  self->kind = (LsImportKind) adw_combo_row_get_selected (self->kind_row);
  g_clear_pointer (&self->headers, g_strfreev);
  refresh (self, FALSE);
}

/* ---- importing ---- */

typedef struct {
  char           *case_path;
  char           *path;
  char           *display_name;
  GStrv           maps;
  char           *save_mapping;
  LsImportKind    kind;
  int            *permille;
  LsImportReport *report;
} Job;

static void
job_free (Job *job)
{
  g_free (job->case_path);
  g_free (job->path);
  g_free (job->display_name);
  g_strfreev (job->maps);
  g_free (job->save_mapping);
  g_clear_pointer (&job->report, ls_import_report_free);
  g_free (job);
}

static void
job_progress (double   fraction,
              gpointer data)
{
  Job *job = data;

  g_atomic_int_set (job->permille, (int) CLAMP (fraction * 1000, 0, 1000));
}

/* On the worker: a connection of its own to the case, one transaction. */
static void
import_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(LsCase) kase = NULL;
  GError *error = NULL;
  LsImportOptions options = { 0, };

  kase = ls_case_open (job->case_path, &error);
  if (kase == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  options.kind = job->kind;
  options.path = job->path;
  options.display_name = job->display_name;
  options.maps = (const char * const *) job->maps;
  options.save_mapping = job->save_mapping;
  if (ls_import_run (kase, &options, job_progress, job, cancellable, &job->report, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
progress_tick (gpointer data)
{
  LsImportDialog *self = data;
  double fraction = g_atomic_int_get (&self->permille) / 1000.0;
  g_autofree char *text = g_strdup_printf (_("%.0f%%"), fraction * 100);

  gtk_progress_bar_set_fraction (self->progress, fraction);
  gtk_progress_bar_set_text (self->progress, text);
  return G_SOURCE_CONTINUE;
}

static void
set_running (LsImportDialog *self,
             gboolean        running)
{
  self->running = running;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->kind_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->fields_group), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_row), !running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  if (running)
    self->progress_id = g_timeout_add (100, progress_tick, self);
  else
    g_clear_handle_id (&self->progress_id, g_source_remove);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(LsImportDialog) self = data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LsImportReport *report = job->report;

  set_running (self, FALSE);
  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->summary_label, _("Cancelled: nothing was imported and the case is unchanged."));
      else
        gtk_label_set_text (self->summary_label, _("Nothing was imported and the case is unchanged."));
      show_problems (self, job->display_name, report ? report->problems : NULL,
                     report && report->problems->len > 0 ? NULL : error->message);
      return;
    }

  {
    g_autofree char *summary =
      g_strdup_printf (_("%" G_GINT64_FORMAT " imported, %" G_GINT64_FORMAT " already present, %"
                         G_GINT64_FORMAT " skipped, %" G_GINT64_FORMAT " warnings"),
                       report->imported, report->duplicates, report->skipped, report->warnings);

    gtk_label_set_text (self->summary_label, summary);
  }
  show_problems (self, job->display_name, report->warning_list, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  ls_session_data_changed (self->session);
}

static void
import_clicked (LsImportDialog *self)
{
  LsCase *kase = ls_session_get_case (self->session);
  g_autoptr(GTask) task = NULL;
  const char *save = gtk_editable_get_text (GTK_EDITABLE (self->save_row));
  Job *job;

  if (kase == NULL || self->running)
    return;

  /* The worker opens the case itself, and ls_case_open() reads the file's
   * header from disk: changes still only in the WAL (a case just created)
   * must reach the file first. */
  ls_case_exec (kase, "PRAGMA wal_checkpoint(PASSIVE);", NULL);

  job = g_new0 (Job, 1);
  job->case_path = g_strdup (ls_case_get_path (kase));
  job->path = g_strdup (self->path);
  job->display_name = g_file_get_basename (self->file);
  job->maps = current_maps (self);
  job->save_mapping = save && save[0] ? g_strstrip (g_strdup (save)) : NULL;
  job->kind = self->kind;
  job->permille = &self->permille;

  g_atomic_int_set (&self->permille, 0);
  self->cancellable = g_cancellable_new ();
  gtk_label_set_text (self->summary_label, "");
  set_running (self, TRUE);

  task = g_task_new (NULL, self->cancellable, import_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
cancel_clicked (LsImportDialog *self)
{
  if (self->running)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- the type ---- */

static void
ls_import_dialog_dispose (GObject *object)
{
  LsImportDialog *self = LS_IMPORT_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (ls_import_dialog_parent_class)->dispose (object);
}

static void
ls_import_dialog_finalize (GObject *object)
{
  LsImportDialog *self = LS_IMPORT_DIALOG (object);

  g_free (self->path);
  g_strfreev (self->headers);
  g_ptr_array_unref (self->field_rows);

  G_OBJECT_CLASS (ls_import_dialog_parent_class)->finalize (object);
}

static void
ls_import_dialog_class_init (LsImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_import_dialog_dispose;
  object_class->finalize = ls_import_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, save_row);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, LsImportDialog, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked);
}

static void
ls_import_dialog_init (LsImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->field_rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
}

LsImportDialog *
ls_import_dialog_new (LsSession *session,
                      GFile     *file)
{
  LsImportDialog *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (LS_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (LS_TYPE_IMPORT_DIALOG, NULL);
  self->session = g_object_ref (session);
  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);
  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);

  self->kind = LS_IMPORT_KIND_CALLS;
  refresh (self, FALSE);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed), self);

  return self;
}

gboolean
ls_import_dialog_is_importable (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && (g_str_has_suffix (lower, ".csv") || g_str_has_suffix (lower, ".tsv") ||
                           g_str_has_suffix (lower, ".txt"));
}

/* ---- win.import ---- */

static void
chooser_response (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         data)
{
  GtkWidget *window = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      LsImportDialog *dialog = ls_import_dialog_new (ls_window_get_session (LS_WINDOW (window)), file);

      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (window));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  if (!ls_window_has_case (LS_WINDOW (widget)))
    return;

  chooser = gtk_file_chooser_native_new (_("Import a File"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("CSV and text exports"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response), widget);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
ls_import_dialog_install_action (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
}
