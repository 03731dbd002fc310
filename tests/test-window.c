/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window under Xvfb: the welcome page, opening and refusing case
 * files, the view stack's pages, and the window in Welsh. */
#define G_LOG_DOMAIN "test-window"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-settings.h"
#include "ls-window-private.h"

static const char * const page_names[] = { "network", "timeline", "map", "safeguarding", "data" };

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-window-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* A small case written the only way rows enter a case: LsCaseWriter. */
static char *
make_small_case (guint n_calls)
{
  static const char * const numbers[] = { "+447700900001", "+447700900002", "+447700900003",
                                          "+447700900004", "+447700900005" };
  static const char * const names[] = { "Ann Example", "Bob Example", "Cat Example" };
  g_autofree char *path = temp_path ("small.linesight");
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, "Operation Small", "OFFICIAL", &error);
  LsCaseWriter *writer;

  g_assert_no_error (error);

  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_PHONES, "phones.csv", "00", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      LsPhoneRecord rec = { .number = numbers[i], .person = names[i], .line = i + 2 };

      g_assert_true (ls_case_writer_add_phone (writer, &rec, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (writer, &error));

  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "01", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_calls; i++)
    {
      /* Starts are scrambled so that the id order is not the time order. */
      LsCallRecord rec = {
        .start = 1700000000 + (gint64) ((i * 7919) % n_calls) * 600,
        .caller = (i % 11 == 0) ? NULL : numbers[i % G_N_ELEMENTS (numbers)],
        .callee = numbers[(i + 1 + i / 5) % G_N_ELEMENTS (numbers)],
        .kind = (i % 3 == 0) ? LS_CALL_KIND_SMS : LS_CALL_KIND_VOICE,
        .duration = (i % 3 == 0) ? 0 : (gint64) ((i * 37) % 900),
        .cell = (i % 2) ? "NOR-001" : "IPS-002",
        .imei = "356938035643809",
        .line = i + 2,
      };

      g_assert_true (ls_case_writer_add_call (writer, &rec, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (writer, &error));

  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_EVENTS, "events.csv", "02", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 7; i++)
    {
      LsEventRecord rec = {
        .start = 1700000000 + i * 86400, .end = -1, .person = names[i % G_N_ELEMENTS (names)],
        .kind = "missing", .place = "Norwich", .text = "Reported missing from home", .line = i + 2,
      };

      g_assert_true (ls_case_writer_add_event (writer, &rec, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (writer, &error));

  return g_steal_pointer (&path);
}

static LsWindow *
new_window (void)
{
  LsWindow *window = ls_window_new (NULL);

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
destroy_window (LsWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
test_welcome (void)
{
  LsWindow *window = new_window ();

  g_assert_false (ls_window_has_case (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");
  g_assert_false (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));
  g_assert_false (adw_view_switcher_bar_get_reveal (window->switcher_bar));

  /* Every page exists under its name; those still to come say so. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = ls_window_get_page (window, page_names[i]);

      g_assert_nonnull (page);
      if (i < 4)
        {
          g_assert_true (ADW_IS_STATUS_PAGE (page));
          g_assert_nonnull (strstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), "Coming"));
        }
    }

  destroy_window (window);
}

static void
test_open_case (void)
{
  g_autofree char *path = make_small_case (50);
  g_autoptr(GSettings) settings = ls_settings_new ();
  g_auto(GStrv) recent = NULL;
  g_autoptr(GError) error = NULL;
  LsWindow *window = new_window ();

  g_assert_true (ls_window_load_case (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (ls_window_has_case (window));
  g_assert_nonnull (ls_session_get_case (ls_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Operation Small");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, "OFFICIAL");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "case");
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));

  /* The case is remembered, first in the list, in the welcome list and menu. */
  recent = g_settings_get_strv (settings, "recent-cases");
  g_assert_cmpstr (recent[0], ==, path);
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->recent_menu)), >=, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (window->recent_list, 0));

  destroy_window (window);
}

static void
test_refuse (void)
{
  g_autofree char *path = temp_path ("not-a-case.linesight");
  g_autoptr(GError) error = NULL;
  LsWindow *window = new_window ();

  g_assert_true (g_file_set_contents (path, "name,number\nAnn,07700900001\n", -1, NULL));
  g_assert_false (ls_window_load_case (window, path, &error));
  g_assert_nonnull (error);
  g_assert_false (ls_window_has_case (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");

  destroy_window (window);
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("LINESIGHT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/welcome", test_welcome);
  g_test_add_func ("/window/open-case", test_open_case);
  g_test_add_func ("/window/refuse", test_refuse);

  return g_test_run ();
}
