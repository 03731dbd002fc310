/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pan redraw of the network map, measured with the frame clock under Xvfb:
 * per frame, the time from before-paint to after-paint while the view pans
 * a few pixels each frame (the cached static picture is moved, the overlay
 * drawn), against the same frames with the cache thrown away each time.
 *   GSK_RENDERER=cairo xvfb-run -a bench-network-pan CASE.linesight */
#define G_LOG_DOMAIN "bench-network-pan"
#include "config.h"

#include <gtk/gtk.h>

#include "ls-network-canvas.h"
#include "ls-network-export.h"

#define FRAMES 90

typedef struct {
  LsNetworkCanvas *canvas;
  GArray          *times;
  gint64           start;
  gboolean         uncached;
  guint            frame;
  GMainLoop       *loop;
} Bench;

static void
before_paint (GdkFrameClock *clock,
              Bench         *b)
{
  b->start = g_get_monotonic_time ();
}

static void
after_paint (GdkFrameClock *clock,
             Bench         *b)
{
  double ms = (g_get_monotonic_time () - b->start) / 1000.0;

  if (b->frame > 2)
    g_array_append_val (b->times, ms);
}

static gboolean
tick (GtkWidget     *widget,
      GdkFrameClock *clock,
      gpointer       data)
{
  Bench *b = data;

  if (b->frame++ >= (b->uncached ? FRAMES / 4 : FRAMES))
    {
      g_main_loop_quit (b->loop);
      return G_SOURCE_REMOVE;
    }
  /* Back and forth, so the view stays over the map and inside the cache. */
  ls_network_canvas_pan_by (b->canvas, (b->frame / 15) % 2 ? -6 : 6, 2 * ((b->frame / 10) % 2 ? -1 : 1));
  if (b->uncached)
    ls_network_canvas_invalidate (b->canvas);

  return G_SOURCE_CONTINUE;
}

static int
by_value (gconstpointer a,
          gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
run (Bench      *b,
     GtkWidget  *window,
     gboolean    uncached,
     double     *median,
     double     *p95)
{
  b->uncached = uncached;
  b->frame = 0;
  g_array_set_size (b->times, 0);
  gtk_widget_add_tick_callback (GTK_WIDGET (b->canvas), tick, b, NULL);
  g_main_loop_run (b->loop);
  g_array_sort (b->times, by_value);
  *median = g_array_index (b->times, double, b->times->len / 2);
  *p95 = g_array_index (b->times, double, b->times->len * 95 / 100);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  LsNetworkLoad load = { LS_GRAPH_QUERY_INIT, LS_NETWORK_LAYOUT_AUTO, FALSE, NULL, 0 };
  g_autoptr(LsNetworkScene) scene = NULL;
  GdkFrameClock *clock;
  GtkWidget *window;
  sqlite3 *db = NULL;
  Bench b = { 0 };
  double cached_median, cached_p95, uncached_median, uncached_p95;
  gint64 t0;

  const char *name = "network-pan";

  if (argc == 4 && g_str_equal (argv[1], "--name"))
    {
      name = argv[2];
      argv[1] = argv[3];
      argc = 2;
    }
  if (argc != 2)
    {
      g_printerr ("usage: bench-network-pan [--name NAME] CASE.linesight\n");
      return 1;
    }
  gtk_init ();
  if (sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    return 1;
  t0 = g_get_monotonic_time ();
  scene = ls_network_load (db, &load, NULL, NULL, NULL, NULL, NULL, &error);
  sqlite3_close (db);
  if (scene == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  ls_network_scene_set_title (scene, "Benchmark", "OFFICIAL", -1, -1);
  g_printerr ("%u nodes, %u links; loaded and laid out in %.1f s\n", ls_graph_get_n_nodes (scene->graph),
           ls_graph_get_n_edges (scene->graph), (g_get_monotonic_time () - t0) / 1e6);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  b.canvas = LS_NETWORK_CANVAS (ls_network_canvas_new ());
  b.times = g_array_new (FALSE, FALSE, sizeof (double));
  b.loop = g_main_loop_new (NULL, FALSE);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (b.canvas));
  gtk_window_present (GTK_WINDOW (window));
  while (gtk_widget_get_width (GTK_WIDGET (b.canvas)) < 100)
    g_main_context_iteration (NULL, TRUE);
  ls_network_canvas_set_scene (b.canvas, scene);
  ls_network_canvas_zoom (b.canvas, 1.6);

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint), &b);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &b);

  run (&b, window, FALSE, &cached_median, &cached_p95);
  run (&b, window, TRUE, &uncached_median, &uncached_p95);

  g_print ("%s  linesight=%.4f  baseline(8 ms frame goal)=0.0080  ratio=%.2f  goal<=1  (95th percentile %.2f ms)\n",
           name, cached_median / 1000, cached_median / 8.0, cached_p95);
  g_print ("%s-vs-uncached  linesight=%.4f  baseline(redraw without the cache)=%.4f  ratio=%.2f  (95th percentile uncached %.2f ms)\n",
           name, cached_median / 1000, uncached_median / 1000, cached_median / uncached_median, uncached_p95);

  return cached_median <= 8.0 ? 0 : 2;
}
