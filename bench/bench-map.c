/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-map: how long the map takes to redraw while panning, with 10,000
 * cells and the full basemap (the whole of Great Britain in view, every
 * force area, every town), against two baselines measured in the same run:
 * the 16 ms frame budget, and the same frames drawn without the cache (the
 * world layer redrawn from the basemap and model each frame).
 *
 * A pan frame is what LsMapView does: make sure the cached world covers
 * the view (re-rendering when a pan runs off its margin, counted in the
 * frame that does it), paint it at the new offset, draw hover and frame. */
#define G_LOG_DOMAIN "bench-map"
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "ls-basemap.h"
#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-geo-model.h"
#include "ls-map-cache.h"
#include "ls-map-render.h"

#define WIDTH 1400
#define HEIGHT 900
#define N_CELLS 10000
#define N_CALLS 200000
#define FRAMES 120
#define STEP 12.0     /* pixels a frame: a brisk drag */
#define FRAME_BUDGET 0.016

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* 10,000 cells over England and Wales, busier near a few towns, and
 * 200,000 calls on them. */
static LsCase *
make_case (const char *path)
{
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, "Benchmark", NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  LsCaseWriter *w;
  char ref[32], number[32];

  g_assert_no_error (error);
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CELLS, "cells.csv", "", NULL, &error);
  for (int i = 0; i < N_CELLS; i++)
    {
      LsCellRecord r = { .cell = ref, .has_latlon = TRUE, .line = i + 2 };

      g_snprintf (ref, sizeof ref, "C%05d", i);
      r.lat = g_rand_double_range (rand, 50.7, 54.5);
      r.lon = g_rand_double_range (rand, -3.5, 1.5);
      g_assert_true (ls_case_writer_add_cell (w, &r, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (w, &error));
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "", NULL, &error);
  for (int i = 0; i < N_CALLS; i++)
    {
      LsCallRecord r = { .start = 1717200000 + i * 60, .caller = number, .callee = "+447700900001",
                         .kind = LS_CALL_KIND_SMS, .cell = ref, .line = i + 2 };
      /* A skewed use: a few cells carry most of the traffic. */
      int cell = (int) (N_CELLS * pow (g_rand_double (rand), 3));

      g_snprintf (number, sizeof number, "+4477009%05d", g_rand_int_range (rand, 0, 2000));
      g_snprintf (ref, sizeof ref, "C%05d", cell);
      g_assert_true (ls_case_writer_add_call (w, &r, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (w, &error));
  g_assert_no_error (error);

  return kase;
}

static void
pan_to (LsMapViewState *view, double centre_e, double centre_n, guint frame)
{
  double angle = frame * STEP / 150.0;

  view->center_e = centre_e + 150 * cos (angle) * view->scale;
  view->center_n = centre_n + 150 * sin (angle) * view->scale;
}

static double
median (double *times, guint n)
{
  qsort (times, n, sizeof (double), compare_double);

  return times[n / 2];
}

static double
worst (double *times, guint n)
{
  qsort (times, n, sizeof (double), compare_double);

  return times[n - 1];
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.linesight", NULL);
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsGeoModel) model = NULL;
  g_autoptr(LsMapCache) cache = ls_map_cache_new ();
  LsBasemap *basemap;
  LsMapViewState view = { .width = WIDTH, .height = HEIGHT, .layers = LS_MAP_LAYER_ALL,
                          .title = "Benchmark", .marking = "OFFICIAL-SENSITIVE" };
  LsMapHit hover = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);
  double cached[FRAMES], uncached[FRAMES / 4], load, centre_e, centre_n;
  guint renders = 0;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  basemap = ls_basemap_get_default (&error);
  load = (g_get_monotonic_time () - t0) / 1e6;
  g_assert_no_error (error);
  fprintf (stderr, "basemap loaded, projected and simplified once in %.3f s\n", load);

  kase = make_case (path);
  model = ls_geo_model_build (ls_case_get_db (kase), basemap, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ls_geo_model_get_n_cells (model), ==, N_CELLS);

  /* The whole of Great Britain: every force area and town in view. */
  ls_map_view_fit (&view, ls_basemap_get_bbox (basemap), 20);

  /* Drag round in a circle of 150 px, so the map stays in view. */
  centre_e = view.center_e;
  centre_n = view.center_n;
  for (guint i = 0; i < FRAMES; i++)
    {
      pan_to (&view, centre_e, centre_n, i);
      t0 = g_get_monotonic_time ();
      renders += ls_map_cache_update (cache, basemap, model, &view, 1);
      ls_map_cache_paint (cache, cr, &view);
      ls_map_hit_test (basemap, model, &view, WIDTH / 2.0, HEIGHT / 2.0, &hover);
      ls_map_render_overlay (cr, basemap, model, &view, &hover, NULL);
      ls_map_render_frame (cr, basemap, model, &view);
      cairo_surface_flush (surface);
      cached[i] = (g_get_monotonic_time () - t0) / 1e6;
    }
  for (guint i = 0; i < G_N_ELEMENTS (uncached); i++)
    {
      pan_to (&view, centre_e, centre_n, i);
      t0 = g_get_monotonic_time ();
      ls_map_render_world (cr, basemap, model, &view);
      ls_map_hit_test (basemap, model, &view, WIDTH / 2.0, HEIGHT / 2.0, &hover);
      ls_map_render_overlay (cr, basemap, model, &view, &hover, NULL);
      ls_map_render_frame (cr, basemap, model, &view);
      cairo_surface_flush (surface);
      uncached[i] = (g_get_monotonic_time () - t0) / 1e6;
    }
  ls_map_hit_clear (&hover);

  {
    double c = median (cached, FRAMES), w = worst (cached, FRAMES), u = median (uncached, G_N_ELEMENTS (uncached));

    fprintf (stderr, "%u pan frames of %.0f px with %d cells, %u of them re-rendered the cache\n",
             FRAMES, STEP, N_CELLS, renders);
    printf ("map-pan-redraw  linesight=%.4f  baseline(16 ms frame budget)=%.4f  ratio=%.2f  goal<=1\n",
            c, FRAME_BUDGET, c / FRAME_BUDGET);
    printf ("map-pan-redraw-vs-uncached  linesight=%.4f  baseline(uncached redraw)=%.4f  ratio=%.2f  goal<=0.5\n",
            c, u, c / u);
    printf ("map-pan-redraw-worst  linesight=%.4f  baseline(16 ms frame budget)=%.4f  ratio=%.2f  goal<=none (cache re-render)\n",
            w, FRAME_BUDGET, w / FRAME_BUDGET);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_clear_object (&kase);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (path);
    g_remove (wal);
    g_remove (shm);
    g_rmdir (dir);
  }

  return 0;
}
