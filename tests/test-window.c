/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window under Xvfb: the welcome page, opening and refusing case
 * files, the view stack's pages, and the window in Welsh. */
#define G_LOG_DOMAIN "test-window"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "ls-case.h"
#include "ls-data-page.h"
#include "ls-row-model.h"
#include "test-case-builder.h"
#include "ls-settings.h"
#include "ls-window-private.h"

static const char * const page_names[] = { "network", "timeline", "map", "safeguarding", "data" };

static void wait_for (gboolean (*done) (gpointer), gpointer data);

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
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

  /* Every page exists under its name; placeholders say the view is coming. */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = ls_window_get_page (window, page_names[i]);

      g_assert_nonnull (page);
      if (g_str_equal (page_names[i], "timeline"))
        g_assert_true (g_type_is_a (G_OBJECT_TYPE (page), g_type_from_name ("LsTimelineView")));
      else if (ADW_IS_STATUS_PAGE (page))
        g_assert_nonnull (strstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), "Coming"));
    }

  destroy_window (window);
}

static void
test_open_case (void)
{
  g_autofree char *path = test_case_build (50);
  g_autoptr(GSettings) settings = ls_settings_new ();
  g_auto(GStrv) recent = NULL;
  g_autoptr(GError) error = NULL;
  LsWindow *window = new_window ();

  g_assert_true (ls_window_load_case (window, path, &error));
  g_assert_no_error (error);
  g_assert_true (ls_window_has_case (window));
  g_assert_nonnull (ls_session_get_case (ls_window_get_session (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, TEST_CASE_NAME);
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (window->switcher_title), ==, TEST_CASE_MARKING);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "case");
  g_assert_true (adw_view_switcher_title_get_view_switcher_enabled (window->switcher_title));

  /* The case is remembered, first in the list, in the welcome list and menu. */
  recent = g_settings_get_strv (settings, "recent-cases");
  g_assert_cmpstr (recent[0], ==, path);
  g_assert_cmpint (g_menu_model_get_n_items (G_MENU_MODEL (window->recent_menu)), >=, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (window->recent_list, 0));

  /* Closing the window closes the case (and so its file), once any
   * reading of it on worker threads has finished. */
  {
    gpointer kase = ls_session_get_case (ls_window_get_session (window));

    g_object_add_weak_pointer (kase, &kase);
    destroy_window (window);
    wait_for (pointer_cleared, &kase);
  }
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static gboolean
drop_file (LsWindow   *window,
           const char *path)
{
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSList) files = g_slist_prepend (NULL, file);
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);

  return handled;
}

/* A .linesight file dropped on the window opens; anything else is refused. */
static void
test_drop (void)
{
  g_autofree char *path = test_case_build (20);
  g_autofree char *text = test_case_temp_path ("calls.csv");
  LsWindow *window = new_window ();

  g_assert_true (g_file_set_contents (text, "a,b\n", -1, NULL));
  g_assert_false (drop_file (window, text));
  g_assert_false (ls_window_has_case (window));

  g_assert_true (drop_file (window, path));
  g_assert_true (ls_window_has_case (window));
  g_assert_cmpstr (ls_case_get_path (ls_session_get_case (ls_window_get_session (window))), ==, path);

  destroy_window (window);
}

/* The window opens at the size it was closed at. */
static void
test_size (void)
{
  g_autoptr(GSettings) settings = ls_settings_new ();
  LsWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 1401);
  g_settings_set_int (settings, "window-height", 902);
  window = new_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1401);
  g_assert_cmpint (height, ==, 902);

  g_object_ref (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1511, 977);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1511);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 977);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  destroy_window (window);
  g_object_unref (window);
}

static void
test_refuse (void)
{
  g_autofree char *path = test_case_temp_path ("not-a-case.linesight");
  g_autoptr(GError) error = NULL;
  LsWindow *window = new_window ();

  g_assert_true (g_file_set_contents (path, "name,number\nAnn,07700900001\n", -1, NULL));
  g_assert_false (ls_window_load_case (window, path, &error));
  g_assert_nonnull (error);
  g_assert_false (ls_window_has_case (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->main_stack), ==, "welcome");

  /* Opened as a person would, the refusal's reason is shown in a dialog. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    AdwMessageDialog *dialog;

    g_assert_null (find_message_dialog ());
    ls_window_open_case (window, file);
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, error->message);
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  destroy_window (window);
}

static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (data));
}

static gboolean
tables_loaded (gpointer data)
{
  LsDataPage *page = data;

  for (guint t = 0; t < LS_ROW_TABLE_N; t++)
    if (ls_row_model_get_loading (ls_data_table_get_model (ls_data_page_get_table (page, t))))
      return FALSE;

  return TRUE;
}

/* Lets the window lay out and draw a few frames. */
static void
run_frames (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static GtkColumnViewColumn *
view_column (GtkColumnView *view,
             const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_assert_not_reached ();
}

static gint64
first_row_id (LsDataTable *table)
{
  g_autoptr(LsRow) row = g_list_model_get_item (G_LIST_MODEL (ls_data_table_get_model (table)), 0);

  g_assert_nonnull (row);
  return ls_row_get_id (row);
}

static gboolean
window_has_case (gpointer data)
{
  return ls_window_has_case (data);
}

static gboolean
demo_finished (gpointer data)
{
  LsWindow *window = data;

  return gtk_stack_get_visible_child (window->welcome_actions) == window->welcome_buttons;
}

static char *
demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "linesight", "demo.linesight", NULL);
}

static void
remove_demo (void)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *path = demo_path ();

  /* A run before this one may have left the case, open, at its end. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Cancelling leaves no demo case and no half-written file behind. */
static void
test_demo_cancel (void)
{
  g_autofree char *path = demo_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) listing = NULL;
  LsWindow *window = new_window ();

  remove_demo ();
  ls_window_open_demo (window);
  g_assert_true (gtk_stack_get_visible_child (window->welcome_actions) == window->demo_box);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-demo", NULL);
  wait_for (demo_finished, window);

  g_assert_false (ls_window_has_case (window));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));

  destroy_window (window);
}

/* Open Demo Case generates the demo into the user's data folder and opens
 * it; the Data page's tables then hold as many rows as SQL counts. */
static void
test_data_page (void)
{
  static const struct {
    LsRowTable  table;
    const char *count;
    const char *noun;
  } tables[] = {
    { LS_ROW_TABLE_PEOPLE, "SELECT count(*) FROM people", "people" },
    { LS_ROW_TABLE_PHONES, "SELECT count(*) FROM phones", "phones" },
    { LS_ROW_TABLE_CALLS, "SELECT count(*) FROM calls", "calls" },
    { LS_ROW_TABLE_EVENTS, "SELECT count(*) FROM events", "events" },
    { LS_ROW_TABLE_IMPORTS, "SELECT count(*) FROM imports", "imports" },
  };
  g_autofree char *path = demo_path ();
  LsWindow *window = new_window ();
  LsDataPage *page;
  LsCase *kase;
  sqlite3 *db;

  remove_demo ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-demo", NULL);
  g_assert_false (demo_finished (window));
  wait_for (window_has_case, window);
  kase = ls_session_get_case (ls_window_get_session (window));
  g_assert_cmpstr (ls_case_get_path (kase), ==, path);
  g_assert_true (demo_finished (window));
  adw_view_stack_set_visible_child_name (window->stack, "data");
  page = LS_DATA_PAGE (ls_window_get_page (window, "data"));
  db = ls_case_get_db (kase);
  wait_for (tables_loaded, page);

  /* Each table has as many rows as SQL counts, and says so. */
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      LsDataTable *table = ls_data_page_get_table (page, tables[i].table);
      gint64 count = ls_sqlite_query_int (db, tables[i].count, -1);
      g_autofree char *grouped = ls_row_format_count (count);
      g_autofree char *summary = g_strdup_printf ("%s %s", grouped, tables[i].noun);

      ls_data_page_show_table (page, tables[i].table);
      g_assert_cmpint (count, >, 1);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ls_data_table_get_model (table))), ==, count);
      g_assert_cmpstr (ls_data_page_get_summary (page), ==, summary);
    }
  g_assert_cmpint (ls_sqlite_query_int (db, "SELECT count(*) FROM calls", -1), >, 20000);

  destroy_window (window);
}

/* The calls table shows every call while making objects only for the rows
 * on screen, and sorts by a clicked column as SQL ORDER BY does. */
static void
test_calls_table (void)
{
  g_autofree char *path = test_case_build (5000);
  g_autoptr(GError) error = NULL;
  LsWindow *window = new_window ();
  LsDataPage *page;
  LsDataTable *calls;
  LsRowModel *model;
  GtkColumnView *view;
  sqlite3 *db;
  guint created;

  g_assert_true (ls_window_load_case (window, path, &error));
  adw_view_stack_set_visible_child_name (window->stack, "data");
  page = LS_DATA_PAGE (ls_window_get_page (window, "data"));
  ls_data_page_show_table (page, LS_ROW_TABLE_CALLS);
  calls = ls_data_page_get_table (page, LS_ROW_TABLE_CALLS);
  model = ls_data_table_get_model (calls);
  view = ls_data_table_get_view (calls);
  db = ls_case_get_db (ls_session_get_case (ls_window_get_session (window)));
  wait_for (tables_loaded, page);
  run_frames ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                    ls_sqlite_query_int (db, "SELECT count(*) FROM calls", -1));
  g_assert_cmpstr (ls_data_page_get_summary (page), ==, "5,000 calls");
  created = ls_row_model_get_rows_created (model);
  g_assert_cmpuint (created, >, 0);
  g_assert_cmpuint (created, <=, 4 * LS_ROW_MODEL_PAGE_SIZE);
  g_assert_cmpint (first_row_id (calls), ==,
                   ls_sqlite_query_int (db, "SELECT id FROM calls ORDER BY start, id LIMIT 1", -1));

  /* Longest call first. */
  gtk_column_view_sort_by_column (view, view_column (view, "Duration"), GTK_SORT_DESCENDING);
  g_assert_true (ls_row_model_get_loading (model));
  wait_for (tables_loaded, page);
  g_assert_cmpint (ls_row_model_get_sort_column (model), ==, 4);
  g_assert_true (ls_row_model_get_sort_descending (model));
  g_assert_cmpint (first_row_id (calls), ==,
                   ls_sqlite_query_int (db, "SELECT id FROM calls ORDER BY duration DESC, id DESC LIMIT 1", -1));

  /* Latest call first, then earliest. */
  gtk_column_view_sort_by_column (view, view_column (view, "Time"), GTK_SORT_DESCENDING);
  wait_for (tables_loaded, page);
  g_assert_cmpint (first_row_id (calls), ==,
                   ls_sqlite_query_int (db, "SELECT id FROM calls ORDER BY start DESC, id DESC LIMIT 1", -1));
  gtk_column_view_sort_by_column (view, view_column (view, "Time"), GTK_SORT_ASCENDING);
  wait_for (tables_loaded, page);
  g_assert_false (ls_row_model_get_sort_descending (model));
  g_assert_cmpint (first_row_id (calls), ==,
                   ls_sqlite_query_int (db, "SELECT id FROM calls ORDER BY start, id LIMIT 1", -1));

  /* Withheld callers sort first by caller. */
  gtk_column_view_sort_by_column (view, view_column (view, "Caller"), GTK_SORT_ASCENDING);
  wait_for (tables_loaded, page);
  g_assert_cmpint (first_row_id (calls), ==,
                   ls_sqlite_query_int (db, "SELECT id FROM calls WHERE caller_id IS NULL ORDER BY id LIMIT 1", -1));

  /* No column: the natural order again. */
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  wait_for (tables_loaded, page);
  g_assert_cmpint (ls_row_model_get_sort_column (model), ==, -1);

  /* Searching narrows every table and says how far. */
  ls_data_page_set_search (page, "Bob Example");
  wait_for (tables_loaded, page);
  {
    gint64 n = ls_sqlite_query_int (db,
                                    "SELECT count(*) FROM calls c JOIN phones p ON p.id IN (c.caller_id, c.callee_id) "
                                    "JOIN people n ON n.id = p.person_id WHERE n.name = 'Bob Example'", -1);
    g_autofree char *grouped = ls_row_format_count (n);
    g_autofree char *summary = g_strdup_printf ("%s of 5,000 calls", grouped);

    g_assert_cmpint (n, >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
    g_assert_cmpstr (ls_data_page_get_summary (page), ==, summary);
  }

  /* The session's date range (set by the timeline, say) narrows the calls. */
  ls_data_page_set_search (page, NULL);
  {
    LsSession *session = ls_window_get_session (window);
    gint64 from = ls_sqlite_query_int (db, "SELECT start FROM calls ORDER BY start LIMIT 1 OFFSET 1000", -1);
    gint64 to = ls_sqlite_query_int (db, "SELECT start FROM calls ORDER BY start LIMIT 1 OFFSET 1250", -1);
    g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM calls WHERE start >= %" G_GINT64_FORMAT
                                                  " AND start < %" G_GINT64_FORMAT, from, to);
    gint64 n = ls_sqlite_query_int (db, count_sql, -1);
    g_autofree char *grouped = ls_row_format_count (n);
    g_autofree char *summary = g_strdup_printf ("%s of 5,000 calls", grouped);

    ls_session_set_range (session, from, to);
    wait_for (tables_loaded, page);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
    g_assert_cmpstr (ls_data_page_get_summary (page), ==, summary);

    ls_session_set_range (session, -1, -1);
    wait_for (tables_loaded, page);
    g_assert_cmpstr (ls_data_page_get_summary (page), ==, "5,000 calls");
  }

  /* Activating a person's row selects that person for every view. */
  {
    LsDataTable *people = ls_data_page_get_table (page, LS_ROW_TABLE_PEOPLE);
    g_autofree char *key = g_strdup_printf ("person:%" G_GINT64_FORMAT, first_row_id (people));

    ls_data_page_show_table (page, LS_ROW_TABLE_PEOPLE);
    g_signal_emit_by_name (ls_data_table_get_view (people), "activate", 0);
    g_assert_true (ls_session_is_selected (ls_window_get_session (window), key));
  }

  destroy_window (window);
}

/* Under LANGUAGE=cy the window speaks Welsh, from the catalogue built in
 * the build tree. Run in a child process: gettext caches what it found. */
static void
test_welsh (void)
{
  if (g_test_subprocess ())
    {
      LsWindow *window;

      g_setenv ("LANGUAGE", "cy", TRUE);
      window = new_window ();
      g_assert_cmpstr (adw_status_page_get_title (window->welcome_page), ==, "Croeso i Linesight");
      g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (window->stack, ls_window_get_page (window, "network"))),
                       ==, "Rhwydwaith");
      g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (window->stack, ls_window_get_page (window, "timeline"))),
                       ==, "Llinell amser");
      g_assert_cmpstr (adw_view_stack_page_get_title (adw_view_stack_get_page (window->stack, ls_window_get_page (window, "safeguarding"))),
                       ==, "Diogelu");
      destroy_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
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
  g_test_add_func ("/window/size", test_size);
  g_test_add_func ("/window/refuse", test_refuse);
  g_test_add_func ("/window/drop", test_drop);
  g_test_add_func ("/window/demo-cancel", test_demo_cancel);
  g_test_add_func ("/window/data-page", test_data_page);
  g_test_add_func ("/window/calls-table", test_calls_table);
  g_test_add_func ("/window/welsh", test_welsh);

  return g_test_run ();
}
