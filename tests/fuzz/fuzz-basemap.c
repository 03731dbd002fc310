/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for the basemap loader (ls_basemap_load): the input,
 * after a first byte choosing which, is given as the land outline GeoJSON,
 * the force areas GeoJSON or the towns CSV, the other two being small
 * valid files, and a map that loads is queried. Built with -Dfuzzing=true and clang as
 * tests/fuzz/fuzz-basemap; fuzz-replay.c replays the seed corpus
 * (tests/fuzz/corpus/basemap) in the normal suite. */
#define G_LOG_DOMAIN "fuzz-basemap"
#include "config.h"

#include <math.h>

#include "ls-basemap.h"
#include "fuzz-common.h"

static const char empty_collection[] = "{\"type\":\"FeatureCollection\",\"features\":[]}";
static const char towns_header[] = "name,lat,lon,population\nNorwich,52.62783,1.29834,213166\n";

static void
check_shape (const LsBasemapShape *shape)
{
  g_assert (shape != NULL && shape->name != NULL && shape->id != NULL);
  for (guint l = 0; l < LS_BASEMAP_N_LEVELS; l++)
    {
      const LsBasemapPath *path = shape->levels[l];

      g_assert (path != NULL);
      for (guint r = 0; r < path->n_rings; r++)
        g_assert (path->rings[r] <= path->rings[r + 1] && path->rings[r + 1] <= path->n_points);
    }
}

static void
query (LsBasemap *map)
{
  static const double points[][2] = { { 623000, 308000 }, { 0, 0 }, { -1e9, 1e9 }, { NAN, 1 } };

  for (guint i = 0; i < ls_basemap_get_n_land (map); i++)
    check_shape (ls_basemap_get_land (map, i));
  for (guint i = 0; i < ls_basemap_get_n_areas (map); i++)
    check_shape (ls_basemap_get_area (map, i));
  for (guint i = 0; i < ls_basemap_get_n_towns (map); i++)
    g_assert (ls_basemap_get_town (map, i)->name != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      int area = ls_basemap_area_at (map, points[i][0], points[i][1]);
      int town = ls_basemap_nearest_town (map, points[i][0], points[i][1], 50000);

      g_assert (area >= -1 && area < (int) ls_basemap_get_n_areas (map));
      g_assert (town >= -1 && town < (int) ls_basemap_get_n_towns (map));
      ls_basemap_land_at (map, points[i][0], points[i][1]);
    }
  ls_basemap_find_town (map, "Norwich");
}

static void
load (GBytes *outline,
      GBytes *areas,
      GBytes *towns)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsBasemap) map = ls_basemap_load (outline, areas, towns, &error);

  g_assert ((map == NULL) == (error != NULL));
  if (map != NULL)
    query (map);
  else
    g_assert (g_utf8_validate (error->message, -1, NULL));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The first byte says which file the rest is: PROJ's set-up in each
   * load is slow, so one load per input. */
  guint slot = size > 0 ? data[0] % 3 : 0;
  g_autoptr(GBytes) input = g_bytes_new (size > 0 ? data + 1 : data, size > 0 ? size - 1 : 0);
  g_autoptr(GBytes) collection = g_bytes_new_static (empty_collection, strlen (empty_collection));
  g_autoptr(GBytes) towns = g_bytes_new_static (towns_header, strlen (towns_header));

  fuzz_abort_on_criticals ();

  if (slot == 0)
    load (input, collection, towns);
  else if (slot == 1)
    load (collection, input, towns);
  else
    load (collection, collection, input);
  return 0;
}
