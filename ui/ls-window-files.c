/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a case reaches the window: Open, New Case, the recent cases, a file
 * dropped on the window, and the demo case, which is generated on a worker
 * thread the first time it is asked for. */
#define G_LOG_DOMAIN "ls-window"
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ls-case.h"
#include "ls-demo.h"
#include "ls-import-dialog.h"
#include "ls-settings.h"
#include "ls-window-private.h"

static void
show_error (LsWindow   *self,
            const char *heading,
            const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
ls_window_load_case (LsWindow    *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(LsCase) kase = NULL;

  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  kase = ls_case_open (path, error);
  if (kase == NULL)
    return FALSE;

  ls_window_set_case (self, kase);
  return TRUE;
}

/* Opens FILE in this window; a refusal is explained in a dialog. */
void
ls_window_open_case (LsWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LS_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_error (self, _("Cannot Open Case"),
                  _("Only case files on this computer can be opened: copy the file to a local folder first."));
      return;
    }

  if (!ls_window_load_case (self, path, &error))
    show_error (self, _("Cannot Open Case"), error->message);
}

static GtkFileFilter *
case_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Linesight Cases"));
  gtk_file_filter_add_pattern (filter, "*" LS_CASE_EXTENSION);

  return filter;
}

static void
open_response_cb (GtkNativeDialog *native,
                  int              response,
                  LsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      ls_window_open_case (self, file);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = case_filter ();

  native = gtk_file_chooser_native_new (_("Open Case"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  g_signal_connect (native, "response", G_CALLBACK (open_response_cb), widget);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
new_case_response_cb (GtkNativeDialog *native,
                      int              response,
                      LsWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *chosen = g_file_get_path (file);
      g_autofree char *path = NULL;
      g_autoptr(LsCase) kase = NULL;
      g_autoptr(GError) error = NULL;

      if (chosen != NULL && !g_str_has_suffix (chosen, LS_CASE_EXTENSION))
        path = g_strconcat (chosen, LS_CASE_EXTENSION, NULL);
      else
        path = g_steal_pointer (&chosen);

      if (path == NULL)
        show_error (self, _("Cannot Create Case"),
                    _("A case can only be created in a folder on this computer."));
      else if ((kase = ls_case_create (path, NULL, NULL, &error)) == NULL)
        show_error (self, _("Cannot Create Case"), error->message);
      else
        ls_window_set_case (self, kase);
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
new_case_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = case_filter ();

  native = gtk_file_chooser_native_new (_("New Case"), GTK_WINDOW (widget),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("C_reate"), _("_Cancel"));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  /* TRANSLATORS: the suggested file name of a new case; keep ".linesight" */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("New Case.linesight"));
  g_signal_connect (native, "response", G_CALLBACK (new_case_response_cb), widget);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
open_path (LsWindow   *self,
           const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ls_window_open_case (self, file);
}

/* A recent case that can no longer be opened is forgotten. */
static void
open_recent (LsWindow   *self,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owned = g_strdup (path);

  if (!ls_window_load_case (self, owned, &error))
    {
      ls_settings_remove_recent (self->settings, owned);
      show_error (self, _("Cannot Open Case"), error->message);
    }
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  open_recent (LS_WINDOW (widget), g_variant_get_string (param, NULL));
}

void
ls_window_recent_row_activated_cb (LsWindow      *self,
                                   GtkListBoxRow *row,
                                   GtkListBox    *list)
{
  open_recent (self, g_object_get_data (G_OBJECT (row), "path"));
}

/* Recent cases ------------------------------------------------------------ */

static char *
case_title (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);

  if (g_str_has_suffix (display, LS_CASE_EXTENSION))
    display[strlen (display) - strlen (LS_CASE_EXTENSION)] = '\0';

  return g_steal_pointer (&display);
}

static char *
case_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (dir);
  const char *home = g_get_home_dir ();

  if (g_str_has_prefix (display, home) && (display[strlen (home)] == '/' || display[strlen (home)] == '\0'))
    return g_strconcat ("~", display + strlen (home), NULL);

  return g_steal_pointer (&display);
}

static GtkWidget *
recent_row_new (const char *path)
{
  g_autofree char *title = case_title (path);
  g_autofree char *folder = case_folder (path);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), folder);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (path), g_free);

  return row;
}

static void
reload_recent (LsWindow *self)
{
  g_auto(GStrv) paths = ls_settings_dup_recent (self->settings);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *title = case_title (paths[i]);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;
      g_auto(GStrv) parts = g_strsplit (title, "_", -1);

      /* Menu labels take "_" as a mnemonic: double it to show it. */
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", paths[i]);
      g_menu_append_item (self->recent_menu, item);

      if (i < 5)
        gtk_list_box_append (self->recent_list, recent_row_new (paths[i]));
    }

  gtk_widget_set_visible (self->recent_box, paths[0] != NULL);
  adw_split_button_set_dropdown_tooltip (self->open_button,
                                         paths[0] != NULL ? _("Recent Cases") : _("No Recent Cases"));
}

/* Drag and drop ------------------------------------------------------------ */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LsWindow      *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = list ? gdk_file_list_get_files (list) : NULL;

  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && g_str_has_suffix (name, LS_CASE_EXTENSION))
        {
          ls_window_open_case (self, l->data);
          return TRUE;
        }
      if (ls_window_has_case (self) && ls_import_dialog_is_importable (l->data))
        {
          LsImportDialog *dialog = ls_import_dialog_new (ls_window_get_session (self), l->data);

          gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
          gtk_window_present (GTK_WINDOW (dialog));
          return TRUE;
        }
    }

  adw_toast_overlay_add_toast (self->toasts,
                               adw_toast_new (_("Only Linesight case files (.linesight) can be opened")));
  return FALSE;
}

/* The demo case -------------------------------------------------------------- */

typedef struct {
  char *path;        /* where the demo case goes */
  char *tmp_dir;     /* it is written here first, then moved into place */
  int   permille;    /* progress, written by the worker, read by the window */
} DemoJob;

static void
demo_job_free (DemoJob *job)
{
  g_free (job->path);
  g_free (job->tmp_dir);
  g_free (job);
}

static void
demo_progress_cb (double   fraction,
                  gpointer user_data)
{
  DemoJob *job = user_data;

  g_atomic_int_set (&job->permille, (int) CLAMP (fraction * 1000.0, 0, 1000));
}

static void
remove_case_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
generate_demo_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autofree char *base = g_path_get_basename (job->path);
  g_autofree char *tmp = g_build_filename (job->tmp_dir, base, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = ls_demo_generate (tmp, LS_DEMO_DEFAULT_SEED, 1.0, demo_progress_cb, job, cancellable, &error);

  if (ok && g_rename (tmp, job->path) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (job->path);

      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot move the demo case into place at “%s”: %s"), display, g_strerror (saved));
      ok = FALSE;
    }

  remove_case_files (tmp);
  g_rmdir (job->tmp_dir);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
demo_progress_timeout_cb (gpointer user_data)
{
  LsWindow *self = user_data;
  DemoJob *job = self->demo_job;
  double fraction = g_atomic_int_get (&job->permille) / 1000.0;
  g_autofree char *text = g_strdup_printf (_("%.0f%%"), fraction * 100.0);

  gtk_progress_bar_set_fraction (self->demo_progress, fraction);
  gtk_progress_bar_set_text (self->demo_progress, text);

  return G_SOURCE_CONTINUE;
}

static void
set_generating (LsWindow *self,
                gboolean  generating)
{
  gtk_stack_set_visible_child (self->welcome_actions, generating ? self->demo_box : self->welcome_buttons);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-demo", generating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", !generating);
  if (!generating)
    {
      g_clear_handle_id (&self->demo_timeout, g_source_remove);
      g_clear_object (&self->demo_cancellable);
      self->demo_job = NULL;
    }
}

static void
generate_demo_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  LsWindow *self = LS_WINDOW (object);
  DemoJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  set_generating (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Cannot Generate the Demo Case"), error->message);
      return;
    }

  open_path (self, job->path);
}

/* A demo generation cut short by a crash or a kill leaves its folder. */
static void
remove_stale_demo_dirs (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *stale = NULL;
      g_autofree char *stale_case = NULL;

      if (!g_str_has_prefix (name, ".demo-"))
        continue;
      stale = g_build_filename (dir, name, NULL);
      stale_case = g_build_filename (stale, "demo" LS_CASE_EXTENSION, NULL);
      remove_case_files (stale_case);
      g_rmdir (stale);
    }
}

void
ls_window_open_demo (LsWindow *self)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "linesight", NULL);
  g_autofree char *path = g_build_filename (dir, "demo" LS_CASE_EXTENSION, NULL);
  g_autofree char *tmp_template = g_build_filename (dir, ".demo-XXXXXX", NULL);
  g_autoptr(GTask) task = NULL;
  DemoJob *job;

  g_return_if_fail (LS_IS_WINDOW (self));

  if (self->demo_cancellable != NULL)
    return;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      open_path (self, path);
      return;
    }

  remove_stale_demo_dirs (dir);
  if (g_mkdir_with_parents (dir, 0700) != 0 || g_mkdtemp (tmp_template) == NULL)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (dir);
      g_autofree char *message = g_strdup_printf (_("Cannot create a folder for the demo case in “%s”: %s"),
                                                  display, g_strerror (saved));

      show_error (self, _("Cannot Generate the Demo Case"), message);
      return;
    }

  job = g_new0 (DemoJob, 1);
  job->path = g_steal_pointer (&path);
  job->tmp_dir = g_steal_pointer (&tmp_template);

  self->demo_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->demo_cancellable, generate_demo_done_cb, NULL);
  g_task_set_source_tag (task, ls_window_open_demo);
  g_task_set_task_data (task, job, (GDestroyNotify) demo_job_free);
  /* Borrowed: the task owns the job and lives until generate_demo_done_cb(),
   * which stops the progress timeout first. */
  self->demo_job = job;

  set_generating (self, TRUE);
  demo_progress_timeout_cb (self);
  self->demo_timeout = g_timeout_add (100, demo_progress_timeout_cb, self);
  g_task_run_in_thread (task, generate_demo_thread);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  ls_window_open_demo (LS_WINDOW (widget));
}

static void
cancel_demo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LsWindow *self = LS_WINDOW (widget);

  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
}

void
ls_window_class_add_file_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.new-case", NULL, new_case_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-demo", NULL, cancel_demo_action);
}

void
ls_window_init_files (LsWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));

  g_signal_connect_object (self->settings, "changed::recent-cases",
                           G_CALLBACK (reload_recent), self, G_CONNECT_SWAPPED);
  reload_recent (self);
}
