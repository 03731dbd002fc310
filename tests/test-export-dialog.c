/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Export dialog under Xvfb: each format shows only its options, the
 * export runs off the main thread and writes what was asked (PNG size ×
 * DPI, PDF paper), records it in the audit log, and Cancel leaves no file. */
#define _GNU_SOURCE   /* memmem */
#define G_LOG_DOMAIN "test-export-dialog"
#include "test-dialogs.h"
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "ls-case.h"
#include "ls-briefing-dialog.h"
#include "ls-case-audit.h"
#include "ls-export-dialog.h"
#include "ls-marking.h"
#include "ls-session.h"
#include "ls-window.h"
#include "test-case-builder.h"

static char *case_path;

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_done (LsExportDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (ls_export_dialog_is_busy (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ls_export_dialog_is_busy (dialog));
}

static GtkWidget *
child (LsExportDialog *dialog,
       const char     *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), LS_TYPE_EXPORT_DIALOG, name));
}

static LsExportDialog *
new_dialog (LsSession  *session,
            const char *view)
{
  LsExportDialog *dialog = ls_export_dialog_new (session, view);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static LsSession *
new_session (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);
  LsSession *session = ls_session_new ();

  g_assert_no_error (error);
  ls_session_set_case (session, kase);
  return session;
}

static void
test_options (void)
{
  g_autoptr(LsSession) session = new_session ();
  LsExportDialog *dialog = new_dialog (session, "network");
  static const struct {
    LsExportFormat format;
    gboolean       size, dpi, paper;
  } shown[] = {
    { LS_EXPORT_PNG, TRUE, TRUE, FALSE },
    { LS_EXPORT_PDF, FALSE, FALSE, TRUE },
    { LS_EXPORT_SVG, TRUE, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      ls_export_dialog_set_format (dialog, shown[i].format);
      g_assert_cmpint (gtk_widget_get_visible (child (dialog, "width_row")), ==, shown[i].size);
      g_assert_cmpint (gtk_widget_get_visible (child (dialog, "height_row")), ==, shown[i].size);
      g_assert_cmpint (gtk_widget_get_visible (child (dialog, "dpi_row")), ==, shown[i].dpi);
      g_assert_cmpint (gtk_widget_get_visible (child (dialog, "paper_row")), ==, shown[i].paper);
      g_assert_cmpint (gtk_widget_get_visible (child (dialog, "orientation_row")), ==, shown[i].paper);
      g_assert_true (gtk_widget_get_visible (child (dialog, "marking_row")));
      g_assert_true (gtk_widget_get_visible (child (dialog, "redaction_row")));
    }

  /* The PNG's pixel size is shown as the DPI changes. */
  ls_export_dialog_set_format (dialog, LS_EXPORT_PNG);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "width_spin")), 500);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "height_spin")), 250);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "dpi_spin")), 192);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (child (dialog, "dpi_row"))), "1000 × 500"));
  /* The case's marking is the default. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (dialog, "marking_row"))), ==, 0);

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static const char *
shown_marking (GtkWidget  *dialog,
               GType       type,
               const char *row_name)
{
  AdwComboRow *row = ADW_COMBO_ROW (gtk_widget_get_template_child (dialog, type, row_name));
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

/* The Export and Create Briefing dialogs start from the same marking for
 * the same case: its own, normalised, or OFFICIAL-SENSITIVE when it is
 * not one the list knows (briefing used to say OFFICIAL, export
 * OFFICIAL-SENSITIVE, and neither knew "secret" written in lower case). */
static void
test_marking_default (void)
{
  static const struct {
    const char *meta, *expected;
  } cases[] = {
    { "secret", "SECRET" },
    { " Official sensitive ", "OFFICIAL-SENSITIVE" },
    { "official", "OFFICIAL" },
    { "PROTECT", "OFFICIAL-SENSITIVE" },
    { "", "OFFICIAL-SENSITIVE" },
  };
  g_autoptr(LsSession) session = new_session ();
  LsCase *kase = ls_session_get_case (session);
  guint n;

  /* One list for both, and the same one the command line checks. */
  ls_marking_list (&n);
  g_assert_cmpuint (n, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      LsExportDialog *export;
      LsBriefingDialog *briefing;

      g_test_message ("case marking “%s”", cases[i].meta);
      g_assert_true (ls_case_set_meta (kase, "marking", cases[i].meta, &error));
      g_assert_no_error (error);
      export = new_dialog (session, "network");
      briefing = ls_briefing_dialog_new (session);
      g_assert_cmpstr (shown_marking (GTK_WIDGET (export), LS_TYPE_EXPORT_DIALOG, "marking_row"), ==,
                       cases[i].expected);
      g_assert_cmpstr (shown_marking (GTK_WIDGET (briefing), LS_TYPE_BRIEFING_DIALOG, "marking"), ==,
                       cases[i].expected);
      /* What a job would print is what the row shows. */
      g_assert_cmpstr (ls_job_dialog_get_marking (LS_JOB_DIALOG (export)), ==, cases[i].expected);
      g_assert_cmpstr (ls_job_dialog_get_marking (LS_JOB_DIALOG (briefing)), ==, cases[i].expected);
      gtk_window_destroy (GTK_WINDOW (export));
      gtk_window_destroy (GTK_WINDOW (briefing));
    }
  g_assert_true (ls_case_set_meta (kase, "marking", TEST_CASE_MARKING, NULL));
}

static guint
n_exports (void)
{
  g_autoptr(LsCase) kase = ls_case_open (case_path, NULL);
  g_autoptr(GPtrArray) log = ls_case_list_audit (kase, NULL);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    n += g_str_equal (((LsAuditEntry *) log->pdata[i])->action, "export");
  return n;
}

static void
test_write (void)
{
  g_autoptr(LsSession) session = new_session ();
  g_autofree char *dir = g_dir_make_tmp ("linesight-export-dialog-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "timeline.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "network.pdf", NULL);
  g_autofree char *sha = NULL;
  g_autofree char *data = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(GPtrArray) log = NULL;
  LsExportDialog *dialog;
  cairo_surface_t *img;
  guint before = n_exports ();
  gsize len;

  /* PNG: 400 × 300 at 192 DPI is 800 × 600 pixels. */
  dialog = new_dialog (session, "timeline");
  ls_export_dialog_set_format (dialog, LS_EXPORT_PNG);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "width_spin")), 400);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "height_spin")), 300);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, "dpi_spin")), 192);
  ls_export_dialog_export_to (dialog, png);
  g_assert_true (ls_export_dialog_is_busy (dialog));
  g_assert_true (gtk_widget_get_visible (child (dialog, "progress")));
  wait_done (dialog);
  img = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (img), ==, 600);
  cairo_surface_destroy (img);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* PDF on A3 portrait, SECRET, redacted: the page is 841.89 × 1190.55 pt. */
  dialog = new_dialog (session, "network");
  ls_export_dialog_set_format (dialog, LS_EXPORT_PDF);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, "paper_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, "orientation_row")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, "marking_row")), 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, "redaction_row")), LS_REDACTION_ALL);
  ls_export_dialog_export_to (dialog, pdf);
  wait_done (dialog);
  g_assert_true (g_file_get_contents (pdf, &data, &len, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));
  /* memmem: the PDF's streams hold NUL bytes. */
  g_assert_nonnull (memmem (data, len, "/MediaBox [ 0 0 841.889764 1190.551181 ]",
                            strlen ("/MediaBox [ 0 0 841.889764 1190.551181 ]")));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Both are in the audit log, the last with the PDF's hash. */
  g_assert_cmpuint (n_exports (), ==, before + 2);
  sha = ls_file_sha256 (pdf, NULL);
  kase = ls_case_open (case_path, NULL);
  log = ls_case_list_audit (kase, NULL);
  {
    LsAuditEntry *last = log->pdata[log->len - 1];

    g_assert_cmpstr (last->subject, ==, "network");
    g_assert_nonnull (strstr (last->details, sha));
    g_assert_nonnull (strstr (last->details, "\"redaction\":\"all\""));
  }

  g_remove (png);
  g_remove (pdf);
  g_rmdir (dir);
}

static void
test_cancel (void)
{
  g_autoptr(LsSession) session = new_session ();
  g_autofree char *dir = g_dir_make_tmp ("linesight-export-dialog-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *part = g_strconcat (svg, ".part", NULL);
  LsExportDialog *dialog = new_dialog (session, "map");
  guint before = n_exports ();

  ls_export_dialog_set_format (dialog, LS_EXPORT_SVG);
  ls_export_dialog_export_to (dialog, svg);
  g_assert_true (ls_export_dialog_is_busy (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "export.cancel", NULL);
  wait_done (dialog);
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (n_exports (), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_rmdir (dir);
}

/* Closing the dialog while it writes stops the job, whose end then finds
 * no dialog to update (its template children are gone). */
static void
test_close_while_busy (void)
{
  g_autoptr(LsSession) session = new_session ();
  g_autofree char *dir = g_dir_make_tmp ("linesight-export-dialog-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  LsExportDialog *dialog = new_dialog (session, "map");
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  ls_export_dialog_set_format (dialog, LS_EXPORT_SVG);
  ls_export_dialog_export_to (dialog, svg);
  g_assert_true (ls_export_dialog_is_busy (dialog));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (dialog != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (dialog);   /* the finished job let it go */
  g_remove (svg);
  g_rmdir (dir);
}

/* Ctrl+E (win.export) on each page opens the one Export dialog for that
 * view, once the view has something to show. */
static void
test_window_action (void)
{
  static const struct {
    const char *page, *title;
  } pages[] = {
    { "safeguarding", "Export: The children and vulnerable adults at risk" },
    { "network", "Export: The network map" },
    { "timeline", "Export: The timeline" },
    { "map", "Export: The map of where the line operates" },
  };
  g_autoptr(GError) error = NULL;
  LsWindow *window = ls_window_new (NULL);

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ls_window_load_case (window, case_path, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
      LsExportDialog *dialog = NULL;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", pages[i].page);
      while ((dialog = test_find_export_dialog ()) == NULL && g_get_monotonic_time () < deadline)
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL);
          for (guint k = 0; k < 5; k++)
            g_main_context_iteration (NULL, TRUE);
        }
      g_assert_nonnull (dialog);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, pages[i].title);
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_main_context_iteration (NULL, FALSE);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

int
main (int    argc,
      char **argv)
{
  int rc;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_timeout_add (100, tick, NULL);
  case_path = test_case_build (300);

  g_test_add_func ("/export-dialog/options", test_options);
  g_test_add_func ("/export-dialog/marking-default", test_marking_default);
  g_test_add_func ("/export-dialog/write", test_write);
  g_test_add_func ("/export-dialog/cancel", test_cancel);
  g_test_add_func ("/export-dialog/close-while-busy", test_close_while_busy);
  g_test_add_func ("/export-dialog/window-action", test_window_action);
  rc = g_test_run ();
  g_free (case_path);

  return rc;
}
