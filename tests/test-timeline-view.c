/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Two timeline views bound to one LsSession under Xvfb: a drag across one
 * sets the shared range and the other follows it; Play moves it on; a
 * click selects a person for every view; zoom stays within its limits;
 * calls highlighted elsewhere are brought into view. */
#define G_LOG_DOMAIN "test-timeline-view"
#include "test-dialogs.h"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-demo.h"
#include "ls-export-dialog.h"
#include "ls-session.h"
#include "ls-timeline-model.h"
#include "ls-timeline-view.h"
#include "test-case-builder.h"

#define DAY 86400
#define JUNE_1 1717196400   /* 2024-06-01 00:00 BST */

static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-tlview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "v.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, "Operation View", NULL, &error);
  const LsPhoneRecord pa = { "+447700900001", "Alice", NULL, 2 }, pb = { "+447700900002", "Bob", NULL, 3 };
  const LsPhoneRecord phones[] = { pa, pb };
  LsCallRecord calls[60 * 6];

  g_assert_no_error (error);
  test_case_write_phones (kase, phones, G_N_ELEMENTS (phones));
  for (guint d = 0; d < 60; d++)
    for (guint k = 0; k < 6; k++)
      calls[d * 6 + k] = (LsCallRecord) { .start = JUNE_1 + d * DAY + 9 * 3600 + k * 1800,
                                          .caller = k % 2 ? pa.number : pb.number,
                                          .callee = k % 2 ? pb.number : pa.number,
                                          .kind = k % 3 ? LS_CALL_KIND_SMS : LS_CALL_KIND_VOICE,
                                          .duration = 30, .line = 2 + d * 6 + k };
  test_case_write_calls (kase, calls, G_N_ELEMENTS (calls));

  return kase;
}

static void
wait_idle (LsTimelineView *a,
           LsTimelineView *b)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  /* Let the worker threads finish and a frame be drawn. */
  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (ls_timeline_view_is_idle (a) && (b == NULL || ls_timeline_view_is_idle (b)) &&
          ls_timeline_view_get_model (a) != NULL)
        return;
      g_usleep (5000);
    }
  g_assert_not_reached ();
}

static GtkWidget *
show (LsSession *session)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ls_timeline_view_new (session);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 500);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  return view;
}

static void
assert_shows (LsTimelineView *view,
              gint64          from,
              gint64          to)
{
  gint64 a, b;

  ls_timeline_view_get_visible (view, &a, &b);
  g_assert_cmpint (a, <=, from);
  g_assert_cmpint (b, >=, to);
}

static void
test_range_sharing (void)
{
  g_autoptr(LsSession) session = ls_session_new ();
  g_autoptr(LsCase) kase = make_case ();
  LsTimelineView *a, *b;
  gint64 a_from, a_to, from, to;
  const char * const *selection;
  double y;

  ls_session_set_case (session, kase);
  a = LS_TIMELINE_VIEW (show (session));
  b = LS_TIMELINE_VIEW (show (session));
  wait_idle (a, b);

  /* Both start on the whole case; B is then zoomed into the first week. */
  assert_shows (a, JUNE_1, JUNE_1 + 59 * DAY);
  ls_timeline_view_set_visible (b, JUNE_1, JUNE_1 + 7 * DAY);
  wait_idle (a, b);
  ls_timeline_view_get_visible (a, &a_from, &a_to);

  /* Dragging across A from 10 July to 20 July (10:00) sets the shared
   * range to those days, from local midnight to local midnight. */
  ls_timeline_view_drag_select (a, ls_timeline_view_x_at (a, JUNE_1 + 39 * DAY + 10 * 3600),
                                ls_timeline_view_x_at (a, JUNE_1 + 49 * DAY + 10 * 3600));
  g_assert_cmpint (ls_session_get_range_from (session), ==, JUNE_1 + 39 * DAY);
  g_assert_cmpint (ls_session_get_range_to (session), ==, JUNE_1 + 49 * DAY);
  wait_idle (a, b);
  /* A, where the drag was, keeps its view; B follows the range. */
  ls_timeline_view_get_visible (a, &from, &to);
  g_assert_cmpint (from, ==, a_from);
  g_assert_cmpint (to, ==, a_to);
  assert_shows (b, JUNE_1 + 39 * DAY, JUNE_1 + 49 * DAY);

  /* Play on B moves the shared range on a day; both still show it. */
  ls_timeline_view_set_play_step (b, DAY);
  ls_timeline_view_play_tick (b);
  g_assert_cmpint (ls_session_get_range_from (session), ==, JUNE_1 + 40 * DAY);
  g_assert_cmpint (ls_session_get_range_to (session), ==, JUNE_1 + 50 * DAY);
  wait_idle (a, b);
  assert_shows (a, JUNE_1 + 40 * DAY, JUNE_1 + 50 * DAY);
  assert_shows (b, JUNE_1 + 40 * DAY, JUNE_1 + 50 * DAY);

  /* A range set by some other view: B, zoomed in elsewhere, goes there. */
  ls_timeline_view_set_visible (b, JUNE_1, JUNE_1 + 2 * DAY);
  wait_idle (a, b);
  ls_session_set_range (session, JUNE_1 + 30 * DAY, JUNE_1 + 31 * DAY);
  wait_idle (a, b);
  assert_shows (b, JUNE_1 + 30 * DAY, JUNE_1 + 31 * DAY);
  ls_timeline_view_get_visible (b, &from, &to);
  g_assert_cmpint (to - from, <=, 3 * DAY);

  /* A click on Bob's lane in A selects Bob, for every view. */
  y = ls_timeline_view_lane_y (a, "person:2");
  g_assert_cmpfloat (y, >, 0);
  ls_timeline_view_click (a, ls_timeline_view_x_at (a, JUNE_1 + 5 * DAY), y);
  selection = ls_session_get_selection (session);
  g_assert_cmpuint (g_strv_length ((char **) selection), ==, 1);
  g_assert_cmpstr (selection[0], ==, "person:2");
  /* A click outside the lanes clears it. */
  ls_timeline_view_click (a, 500, 2);
  g_assert_cmpuint (g_strv_length ((char **) ls_session_get_selection (session)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (a))));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (b))));
}

static void
test_zoom_limits (void)
{
  g_autoptr(LsSession) session = ls_session_new ();
  g_autoptr(LsCase) kase = make_case ();
  LsTimelineView *view;
  gint64 from, to, t;

  ls_session_set_case (session, kase);
  view = LS_TIMELINE_VIEW (show (session));
  wait_idle (view, NULL);

  /* Down to five minutes about the anchor, and no further. */
  ls_timeline_view_get_visible (view, &from, &to);
  t = from + (to - from) / 4;
  ls_timeline_view_zoom (view, 1e-9, 0.25);
  ls_timeline_view_get_visible (view, &from, &to);
  g_assert_cmpint (to - from, ==, 300);
  g_assert_cmpint (ABS (from + 75 - t), <=, 1);
  wait_idle (view, NULL);
  g_assert_cmpint (ABS (ls_timeline_view_time_at (view, ls_timeline_view_x_at (view, t + 60)) - (t + 60)), <=, 1);
  /* Out to the whole case and a little more, no further. */
  ls_timeline_view_zoom (view, 1e9, 0.5);
  ls_timeline_view_get_visible (view, &from, &to);
  g_assert_cmpint (to - from, >=, 59 * DAY);
  g_assert_cmpint (to - from, <=, 80 * DAY);
  wait_idle (view, NULL);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
}

/* Calls highlighted elsewhere (a finding's evidence) are brought into
 * view, close enough to be drawn one by one. */
static void
test_highlight (void)
{
  g_autoptr(LsSession) session = ls_session_new ();
  g_autoptr(LsCase) kase = make_case ();
  LsTimelineView *view;
  gint64 ids[2], times[2], from, to;

  ls_session_set_case (session, kase);
  view = LS_TIMELINE_VIEW (show (session));
  wait_idle (view, NULL);
  assert_shows (view, JUNE_1, JUNE_1 + 59 * DAY);

  /* The first and last call of 20 June. */
  times[0] = JUNE_1 + 19 * DAY + 9 * 3600;
  times[1] = times[0] + 5 * 1800;
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM calls WHERE start = %" G_GINT64_FORMAT, times[i]);
      ids[i] = ls_sqlite_query_int (ls_case_get_db (kase), sql, -1);
    }
  g_assert_cmpint (ids[0], >, 0);
  ls_session_set_highlighted_calls (session, ids, times, 2);
  wait_idle (view, NULL);
  assert_shows (view, times[0], times[1]);
  ls_timeline_view_get_visible (view, &from, &to);
  g_assert_cmpint (to - from, <=, DAY);

  /* Cleared: the view stays where it is. */
  ls_session_set_highlighted_calls (session, NULL, NULL, 0);
  wait_idle (view, NULL);
  assert_shows (view, times[0], times[1]);

  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
}

static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (5000);
    }
  g_assert_true (done (data));
}

static gboolean
dialog_open (gpointer data)
{
  return (*(LsExportDialog **) data = test_find_export_dialog ()) != NULL;
}

static gboolean
dialog_done (gpointer data)
{
  return !ls_export_dialog_is_busy (data);
}

/* Where the lane labels of MODEL are in SVG, in lane order: -1 for a
 * lane not drawn. */
static GArray *
label_offsets (LsTimelineModel *model,
               const char      *svg)
{
  GArray *at = g_array_new (FALSE, FALSE, sizeof (gssize));

  for (guint i = 0; i < ls_timeline_model_get_n_lanes (model); i++)
    {
      g_autofree char *label = g_markup_escape_text (ls_timeline_model_get_lane (model, i)->label, -1);
      g_autofree char *element = g_strdup_printf (">%s<", label);
      const char *found = strstr (svg, element);
      gssize offset = found ? found - svg : -1;

      g_array_append_val (at, offset);
    }
  return at;
}

/* Export… draws the lanes in the order the view shows them, which is by
 * role: even when the analysis that gave the roles is not in the case's
 * cache (it could not be stored, or was cleared), where the export used
 * to fall back to the order of first activity. */
static void
test_export_lane_order (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-tlview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.linesight", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "timeline.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsSession) session = ls_session_new ();
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsTimelineModel) unranked = NULL;
  g_autoptr(GArray) at = NULL;
  LsExportDialog *dialog = NULL;
  LsTimelineModel *model;
  LsTimelineView *view;
  guint drawn = 0, differ = 0;

  g_assert_true (ls_demo_generate (path, LS_DEMO_DEFAULT_SEED, 1.0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  kase = ls_case_open (path, &error);
  g_assert_no_error (error);
  ls_session_set_case (session, kase);
  view = LS_TIMELINE_VIEW (show (session));
  wait_idle (view, NULL);
  model = ls_timeline_view_get_model (view);

  /* The cache gone: only the view knows the order by role. */
  g_assert_true (ls_sqlite_exec (ls_case_get_db (kase), "DELETE FROM analysis_cache", &error));
  g_assert_no_error (error);
  unranked = ls_timeline_model_build (ls_case_get_db (kase), LS_TIMELINE_LANES_PEOPLE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ls_timeline_model_get_n_lanes (unranked), ==, ls_timeline_model_get_n_lanes (model));
  for (guint i = 0; i < 8; i++)
    differ += g_strcmp0 (ls_timeline_model_get_lane (unranked, i)->key, ls_timeline_model_get_lane (model, i)->key) != 0;
  g_assert_cmpuint (differ, >, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.export", NULL));
  spin_until (dialog_open, &dialog);
  ls_export_dialog_set_format (dialog, LS_EXPORT_SVG);
  ls_export_dialog_export_to (dialog, svg_path);
  spin_until (dialog_done, dialog);
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));

  /* The lanes drawn are the view's first ones, top to bottom. */
  at = label_offsets (model, svg);
  while (drawn < at->len && g_array_index (at, gssize, drawn) >= 0)
    {
      if (drawn > 0)
        g_assert_cmpint (g_array_index (at, gssize, drawn), >, g_array_index (at, gssize, drawn - 1));
      drawn++;
    }
  g_test_message ("%u lanes drawn in the view's order", drawn);
  g_assert_cmpuint (drawn, >=, 8);
  for (guint i = drawn; i < at->len; i++)
    g_assert_cmpint (g_array_index (at, gssize, i), ==, -1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))));
  g_remove (svg_path);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add_func ("/timeline/view/range-sharing", test_range_sharing);
  g_test_add_func ("/timeline/view/zoom-limits", test_zoom_limits);
  g_test_add_func ("/timeline/view/highlight", test_highlight);
  g_test_add_func ("/timeline/view/export-lane-order", test_export_lane_order);
  return g_test_run ();
}
