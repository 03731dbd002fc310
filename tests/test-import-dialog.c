/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import assistant: it guesses the columns, shows the first rows and
 * their problems, follows a changed column, and imports on a worker thread
 * into the session's case, with a summary at the end. */
#define G_LOG_DOMAIN "test-import-dialog"
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ls-case.h"
#include "ls-import-dialog.h"
#include "ls-import-fields.h"
#include "ls-session.h"

static gpointer
child (gpointer    dialog,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (dialog), LS_TYPE_IMPORT_DIALOG, name);
}

static gboolean
summary_shown (gpointer dialog)
{
  return gtk_label_get_text (child (dialog, "summary_label"))[0] != '\0';
}

static void
wait_for (gboolean (*done) (gpointer),
          gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (done (data));
}

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* LS_TEST_SCREENSHOT=FILE.png keeps a picture of the dialog to look at. */
static void
screenshot (GtkWidget *widget)
{
  const char *path = g_getenv ("LS_TEST_SCREENSHOT");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;

  if (path == NULL)
    return;
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_assistant (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-import-dialog-XXXXXX", NULL);
  g_autofree char *case_path = g_build_filename (dir, "case.linesight", NULL);
  g_autofree char *csv = g_build_filename (dir, "calls.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(LsCase) kase = ls_case_create (case_path, "Dialog", NULL, NULL);
  g_autoptr(LsSession) session = ls_session_new ();
  LsImportDialog *dialog;
  GtkWidget *grid;
  int rows = 0;

  g_assert_true (g_file_set_contents (csv,
    "Call Date,Call Time,Originating,Terminating,Type,Duration\r\n"
    "01/07/2024,14:05,07700 900123,07700 900456,Call,12\r\n"
    "01/07/2024,2:05 PM,07700 900123,07700 900789,Text,\r\n"
    "1-Jul-2024,14:06:30,07700 900789,07700 900123,Voice,95s\r\n", -1, NULL));
  g_assert_nonnull (kase);
  ls_session_set_case (session, kase);
  dialog = ls_import_dialog_new (session, file);
  gtk_window_present (GTK_WINDOW (dialog));
  spin (300);

  /* Guessed: date and time in columns 1 and 2, caller in 3, shown above
   * the first rows. */
  grid = child (dialog, "preview_grid");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 0, 0))), ==, "Call Date\n→ date");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 0))), ==, "Call Time\n→ time");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 2, 0))), ==, "Originating\n→ caller");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (GTK_GRID (grid), 1, 2))), ==, "2:05 PM");
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "import_button")));

  for (GtkWidget *w = gtk_widget_get_first_child (grid); w; w = gtk_widget_get_next_sibling (w))
    rows++;
  g_assert_cmpint (rows, ==, 6 * 4);   /* header + three rows, six columns */
  screenshot (GTK_WIDGET (dialog));

  g_signal_emit_by_name (child (dialog, "import_button"), "clicked");
  wait_for (summary_shown, dialog);
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "summary_label")), ==,
                   "3 imported, 0 already present, 0 skipped, 0 warnings");
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase), "SELECT count(*) FROM calls", -1), ==, 3);
  g_assert_false (gtk_widget_get_visible (child (dialog, "import_button")));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A file whose columns cannot all be placed: no import until they are. */
static void
test_unplaced_columns (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-import-dialog-XXXXXX", NULL);
  g_autofree char *case_path = g_build_filename (dir, "case.linesight", NULL);
  g_autofree char *csv = g_build_filename (dir, "odd.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  g_autoptr(LsCase) kase = ls_case_create (case_path, "Dialog", NULL, NULL);
  g_autoptr(LsSession) session = ls_session_new ();
  LsImportDialog *dialog;

  g_assert_true (g_file_set_contents (csv, "When,Who Called,Who Answered\n01/03/2024 10:00,07700 900123,07700 900456\n", -1, NULL));
  ls_session_set_case (session, kase);
  dialog = ls_import_dialog_new (session, file);
  gtk_window_present (GTK_WINDOW (dialog));
  spin (200);

  g_assert_false (gtk_widget_get_sensitive (child (dialog, "import_button")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "problems_label")), "Fields missing: caller"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/import-dialog/assistant", test_assistant);
  g_test_add_func ("/import-dialog/unplaced-columns", test_unplaced_columns);

  return g_test_run ();
}
