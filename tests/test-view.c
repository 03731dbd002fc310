/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsView: every page of the window follows the window's session through
 * the one "session" property, and changing a view's session lets the old
 * one go (its signals no longer reach the view) and tells the view once. */
#define G_LOG_DOMAIN "test-view"
#include "config.h"

#include "ls-case.h"
#include "ls-data-page.h"
#include "ls-row-model.h"
#include "ls-window.h"
#include "test-case-builder.h"

static const char * const page_names[] = {
  "network", "timeline", "map", "analysis", "safeguarding", "requests", "data",
};

static void
test_window_binds (void)
{
  LsWindow *window = g_object_ref_sink (ls_window_new (NULL));
  LsSession *session = ls_window_get_session (window);

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      GtkWidget *page = ls_window_get_page (window, page_names[i]);
      g_autoptr(LsSession) bound = NULL;

      g_assert_true (LS_IS_VIEW (page));
      g_assert_true (ls_view_get_session (LS_VIEW (page)) == session);
      g_object_get (page, "session", &bound, NULL);
      g_assert_true (bound == session);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    data)
{
  (*(guint *) data)++;
}

static LsCase *
shown_case (LsDataPage *page)
{
  return ls_row_model_get_case (ls_data_table_get_model (ls_data_page_get_table (page, LS_ROW_TABLE_PEOPLE)));
}

static void
test_set_session (void)
{
  g_autofree char *path = test_case_build (20);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (path, &error);
  LsDataPage *page = g_object_ref_sink (g_object_new (LS_TYPE_DATA_PAGE, NULL));
  LsSession *first = ls_session_new ();
  LsSession *second = ls_session_new ();
  gpointer second_alive = second;
  guint notified = 0;

  g_assert_no_error (error);
  g_signal_connect (page, "notify::session", G_CALLBACK (count_notify), &notified);

  ls_view_set_session (LS_VIEW (page), first);
  g_assert_cmpuint (notified, ==, 1);
  ls_view_set_session (LS_VIEW (page), first);
  g_assert_cmpuint (notified, ==, 1);
  ls_session_set_case (first, kase);
  g_assert_true (shown_case (page) == kase);

  /* Through the property, as the window's template binds it. */
  g_object_set (page, "session", second, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (ls_view_get_session (LS_VIEW (page)) == second);
  g_assert_null (shown_case (page));
  ls_session_set_case (first, NULL);
  ls_session_set_case (first, kase);
  g_assert_null (shown_case (page));
  ls_session_set_case (second, kase);
  g_assert_true (shown_case (page) == kase);

  /* The view holds its session until it is disposed, and no longer. */
  g_object_add_weak_pointer (G_OBJECT (second), &second_alive);
  g_object_unref (second);
  g_assert_nonnull (second_alive);
  g_object_run_dispose (G_OBJECT (page));
  g_assert_null (second_alive);

  g_object_unref (page);
  g_object_unref (first);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/view/window-binds", test_window_binds);
  g_test_add_func ("/view/set-session", test_set_session);

  return g_test_run ();
}
