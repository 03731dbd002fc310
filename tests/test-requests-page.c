/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Requests page of the window under Xvfb: the register lists the
 * case's requests and outcomes, overdue ones stand out, and a status
 * change made on the page reaches the case and its audit log. */
#define G_LOG_DOMAIN "test-requests-page"
#include "config.h"

#include <math.h>

#include "ls-case.h"
#include "ls-request.h"
#include "ls-requests-page.h"
#include "ls-settings.h"
#include "ls-briefing-dialog.h"
#include "ls-window-private.h"
#include "test-case-builder.h"

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static gint64
add_request (LsCase     *kase,
             const char *number,
             const char *submitted)
{
  const char *ids[] = { number, NULL };
  const char *kinds[] = { "call-data", NULL };
  LsRequest r = { 0 };
  g_autoptr(GError) error = NULL;

  r.identifiers = (GStrv) ids;
  r.data_kinds = (GStrv) kinds;
  r.period_from = r.period_to = -1;
  r.provider = (char *) "EE";
  r.priority = (char *) "urgent";
  r.justification = (char *) "A child at high risk is linked to this number.";
  g_assert_true (ls_case_add_request (kase, &r, &error));
  if (submitted)
    g_assert_true (ls_case_set_request_status (kase, r.id, LS_REQUEST_SUBMITTED, submitted, NULL, &error));
  g_assert_no_error (error);

  return r.id;
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  g_object_unref (paintable);
  if (node == NULL || renderer == NULL)
    return;
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_register (void)
{
  g_autofree char *path = test_case_build (50);
  g_autoptr(GError) error = NULL;
  g_autofree char *long_ago = NULL;
  LsWindow *window = ls_window_new (NULL);
  LsRequestsPage *page;
  LsCase *kase;
  gint64 overdue_id, draft_id;
  LsOutcome cash = { .kind = (char *) "seizure-cash", .date = (char *) "2024-06-02",
                     .person_id = -1, .quantity = 4250, .unit = (char *) "GBP" };

  {
    /* Submitted 30 days ago: overdue against the 14-day target. */
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) then = g_date_time_add_days (now, -30);
    long_ago = g_date_time_format (then, "%Y-%m-%d");
  }

  g_object_ref_sink (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ls_window_load_case (window, path, &error));
  g_assert_no_error (error);
  kase = ls_session_get_case (ls_window_get_session (window));

  overdue_id = add_request (kase, "+447700900001", long_ago);
  draft_id = add_request (kase, "+447700900002", NULL);
  g_assert_true (ls_case_add_outcome (kase, &cash, &error));
  ls_session_data_changed (ls_window_get_session (window));

  page = LS_REQUESTS_PAGE (ls_window_get_page (window, "requests"));
  g_assert_nonnull (page);
  g_assert_cmpuint (ls_requests_page_get_n_requests (page), ==, 2);
  g_assert_cmpuint (ls_requests_page_get_n_outcomes (page), ==, 1);
  g_assert_cmpuint (ls_requests_page_get_n_overdue (page), ==, 1);

  /* The target comes from Preferences: at 60 days, 30 are not overdue. */
  {
    g_autoptr(GSettings) settings = ls_settings_new ();

    g_settings_set_uint (settings, "request-target-days", 60);
    g_assert_cmpuint (ls_requests_page_get_n_overdue (page), ==, 0);
    g_settings_reset (settings, "request-target-days");
    g_assert_cmpuint (ls_requests_page_get_n_overdue (page), ==, 1);
  }

  adw_view_stack_set_visible_child_name (window->stack, "requests");
  g_assert_true (ls_requests_page_select (page, overdue_id));
  g_assert_false (ls_requests_page_select (page, 999));
  iterate (2500);
  save_png (GTK_WIDGET (window), "requests-page.png");

  /* The page never makes the window wider than a laptop screen. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 720);
  }

  /* The first move offered from "submitted" is "acknowledged": record it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "requests.record-status", NULL));
  {
    g_autoptr(LsRequest) r = ls_case_get_request (kase, overdue_id, &error);
    g_autoptr(LsRequest) d = ls_case_get_request (kase, draft_id, &error);

    g_assert_cmpint (r->status, ==, LS_REQUEST_ACKNOWLEDGED);
    g_assert_cmpint (d->status, ==, LS_REQUEST_DRAFT);
  }
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase),
                                        "SELECT count(*) FROM audit_log WHERE action = 'request-status'"
                                        " AND new_value = 'acknowledged'", 0), ==, 1);
  /* Still listed, still selected after the reload. */
  g_assert_cmpuint (ls_requests_page_get_n_requests (page), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

/* Create Briefing… writes the pack on a worker thread, then records the
 * export in the case's audit log and closes. */
static void
test_briefing_dialog (void)
{
  g_autofree char *path = test_case_build (200);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *pdf = g_build_filename (dir, "briefing.pdf", NULL);
  g_autoptr(GError) error = NULL;
  LsWindow *window = ls_window_new (NULL);
  LsBriefingDialog *dialog;
  LsCase *kase;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ls_window_load_case (window, path, &error));
  kase = ls_session_get_case (ls_window_get_session (window));

  dialog = ls_briefing_dialog_new (ls_window_get_session (window));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  ls_briefing_dialog_create_to (dialog, pdf);
  g_assert_true (ls_briefing_dialog_is_busy (dialog));
  while (dialog != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (dialog);   /* closed itself when done */

  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase),
                                        "SELECT count(*) FROM audit_log WHERE action = 'export'"
                                        " AND subject = 'briefing'", 0), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/requests-page/register", test_register);
  g_test_add_func ("/briefing-dialog/create", test_briefing_dialog);

  return g_test_run ();
}
