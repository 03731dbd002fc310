/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map view under Xvfb: it loads the basemap and the case off the main
 * thread, follows the session's range and selection (tracks of the
 * selected), keeps zoom within a town and the whole country, toggles its
 * layers through actions, and draws the map with its attribution. */
#define G_LOG_DOMAIN "test-map-view"
#include "config.h"

#include <adwaita.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-map-view.h"
#include "ls-session.h"
#include "test-case-builder.h"

#define DAY 86400
#define T0 1717372800 /* 2024-06-03 00:00 UTC */

static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-mapview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "m.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, "Operation Map", NULL, &error);
  const LsCellRecord cells[] = {
    { "LDN1", "Hackney", TRUE, 51.5450, -0.0553, .line = 2 },
    { "NOR1", "Norwich", TRUE, 52.6287, 1.2923, .line = 3 },
    { "GY1", "Great Yarmouth", TRUE, 52.6081, 1.7301, .line = 4 },
  };
  const LsPhoneRecord kid = { "+447700900300", "Kid", NULL, 2 };
  LsCallRecord calls[20];

  g_assert_no_error (error);
  test_case_write_cells (kase, cells, G_N_ELEMENTS (cells));
  test_case_write_phones (kase, &kid, 1);
  for (guint d = 0; d < G_N_ELEMENTS (calls); d++)
    calls[d] = (LsCallRecord) { .start = T0 + d * DAY + 43200, .caller = kid.number, .callee = "+447700900999",
                                .kind = LS_CALL_KIND_SMS, .cell = cells[d % 3].cell, .line = 2 + d };
  test_case_write_calls (kase, calls, G_N_ELEMENTS (calls));

  return kase;
}

static void
wait_ready (LsMapView *view)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Let the worker threads (basemap, analysis, model) finish. */
  while (g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (ls_map_view_is_ready (view))
        return;
      g_usleep (5000);
    }
  g_assert_not_reached ();
}

static GdkTexture *
render (GtkWidget *view)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  int w = gtk_widget_get_width (view), h = gtk_widget_get_height (view);

  /* What the view's snapshot gives GTK for one frame. */
  GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  {
    GdkTexture *texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));

    gsk_renderer_unrealize (renderer);
    return texture;
  }
}

static guint32
pixel (GdkTexture *texture, int x, int y)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint32 *data = g_new (guint32, w * h);

  gdk_texture_download (texture, (guchar *) data, w * 4);
  return data[y * w + x] & 0xffffff;
}

static void
test_map_view (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsSession) session = ls_session_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = ls_map_view_new (session);
  LsMapView *map = LS_MAP_VIEW (view);
  g_autoptr(GdkTexture) picture = NULL;
  g_autofree char *kid_key = g_strdup_printf ("person:%" G_GINT64_FORMAT,
                                              ls_sqlite_query_int (ls_case_get_db (kase),
                                                                   "SELECT id FROM people WHERE name = 'Kid'", -1));
  const char *selection[] = { kid_key, NULL };
  gboolean shown;
  double scale;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  ls_session_set_case (session, kase);
  wait_ready (map);

  g_assert_cmpuint (ls_geo_model_get_n_cells (ls_map_view_get_model (map)), ==, 3);
  g_assert_cmpuint (ls_geo_model_get_n_tracks (ls_map_view_get_model (map)), ==, 0);

  /* The range follows the session (as the timeline and its play mode move it). */
  ls_session_set_range (session, T0 + 5 * DAY, T0 + 8 * DAY);
  wait_ready (map);
  g_assert_cmpint (ls_geo_model_get_from (ls_map_view_get_model (map)), ==, T0 + 5 * DAY);
  g_assert_cmpint (ls_geo_model_get_to (ls_map_view_get_model (map)), ==, T0 + 8 * DAY);
  g_assert_cmpuint (ls_geo_model_get_max_uses (ls_map_view_get_model (map)), ==, 1);

  /* Selecting someone draws their track; three days, three cells. */
  ls_session_set_selection (session, selection);
  wait_ready (map);
  g_assert_cmpuint (ls_geo_model_get_n_tracks (ls_map_view_get_model (map)), ==, 1);
  g_assert_cmpuint (ls_geo_model_get_track (ls_map_view_get_model (map), 0)->points->len, ==, 3);
  ls_session_set_selection (session, NULL);
  wait_ready (map);
  g_assert_cmpuint (ls_geo_model_get_n_tracks (ls_map_view_get_model (map)), ==, 0);

  /* Zoom stops at a town's streets and at the whole country. */
  ls_map_view_zoom_at (map, 1e6, 450, 350);
  g_assert_cmpfloat (ls_map_view_get_scale (map), ==, 5.0);
  ls_map_view_zoom_at (map, 1e-6, 450, 350);
  scale = ls_map_view_get_scale (map);
  g_assert_cmpfloat (scale, >, 1000);
  g_assert_cmpfloat (scale, <=, 4000);
  gtk_widget_activate_action (view, "map.zoom-fit", NULL);

  /* Layers are properties behind actions (the layer list's check buttons). */
  g_object_get (view, "show-cells", &shown, NULL);
  g_assert_true (shown);
  gtk_widget_activate_action (view, "map.show-cells", NULL);
  g_object_get (view, "show-cells", &shown, NULL);
  g_assert_false (shown);
  gtk_widget_activate_action (view, "map.show-cells", NULL);

  /* The picture: sea at the top-right corner, under the attribution band
   * a pale strip, and not all one colour. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  picture = render (view);
  g_assert_cmpint (gdk_texture_get_width (picture), ==, gtk_widget_get_width (view));
  {
    guint32 band = pixel (picture, 5, gtk_widget_get_height (view) - 3);
    guint32 mid = pixel (picture, gtk_widget_get_width (view) / 2, gtk_widget_get_height (view) / 2);

    g_assert_cmphex ((band >> 16) & 0xff, >, 0xe0);
    g_assert_cmphex (band, !=, mid);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/map-view/follows-session", test_map_view);

  return g_test_run ();
}
