/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map: projection against Ordnance Survey's published coordinates,
 * the shipped basemap, the geographic model (hub, flows, tracks, people
 * found out of area) on a fixed case, the renderer's pixels and the
 * exports. */
#define G_LOG_DOMAIN "test-map"
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "ls-basemap.h"
#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-geo-model.h"
#include "ls-map-export.h"
#include "ls-map-render.h"
#include "ls-projection.h"
#include "test-case-builder.h"
#include "test-pdf.h"

/* Known points, ETRS89 (= WGS84 to well under a metre) to National Grid.
 *
 * LOND (London) and KING (King's Lynn, Norfolk) are Ordnance Survey OS Net
 * stations from OS's OSTN15/OSGM15 developer pack test data, as published
 * in "Transformations and OSGM15 user guide" test files and reproduced in
 * Toby Thurston's osgb package (test/test_os_data.py, github.com/thruston/
 * grid-banger), which checks them to 0.5 mm.
 *
 * Caister (Caister-on-Sea water tower, Norfolk, 28 km east of Norwich) is
 * the worked example of OS's "A guide to coordinate systems in Great
 * Britain" (annex C): ETRS89 52°39'28.8282"N 1°42'57.8663"E gives
 * E 651409.903 N 313177.270 (OSTN15). No OS Net station stands in Norwich
 * itself; these two are the nearest published Norfolk points. */
static const struct {
  const char *name;
  double lat, lon, e, n;
} known_points[] = {
  { "LOND", 51.48936564611111, -0.1199255641666667, 530624.963, 178388.461 },
  { "KING", 52.75136687444444, 0.4015354769444445, 562180.535, 319784.993 },
  { "Caister", 52.0 + 39 / 60.0 + 28.8282 / 3600, 1.0 + 42 / 60.0 + 57.8663 / 3600, 651409.903, 313177.270 },
  { "COLC", 51.89436637527778, 0.897243275, 599445.578, 225722.824 },
};

static void
test_projection_known_points (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsProjection) proj = ls_projection_new (&error);

  /* With OSTN15 the points agree to 1 m; without it PROJ falls back to a
   * Helmert transformation, 2–4 m out here, which is still checked. */
  gboolean ostn15;
  double tolerance;

  g_assert_no_error (error);
  ostn15 = ls_projection_has_ostn15 (proj);
  tolerance = ostn15 ? 1.0 : 5.0;
  for (guint i = 0; i < G_N_ELEMENTS (known_points); i++)
    {
      double e, n;

      g_assert_true (ls_projection_forward (proj, known_points[i].lon, known_points[i].lat, &e, &n));
      g_test_message ("%s: %.3f %.3f (published %.3f %.3f)", known_points[i].name, e, n,
                      known_points[i].e, known_points[i].n);
      g_assert_cmpfloat_with_epsilon (e, known_points[i].e, tolerance);
      g_assert_cmpfloat_with_epsilon (n, known_points[i].n, tolerance);
    }
  if (!ostn15)
    g_test_skip ("The 1 m check needs Ordnance Survey's OSTN15 grid (resources/proj/README.md); "
                 "checked to 5 m with PROJ's fallback");
}

static LsBasemap *
basemap (void)
{
  g_autoptr(GError) error = NULL;
  LsBasemap *b = ls_basemap_get_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (b);

  return b;
}

static void
test_basemap_load (void)
{
  LsBasemap *b = basemap ();
  const LsBasemapTown *norwich, *london;
  double e, n;
  g_autoptr(LsProjection) proj = ls_projection_new (NULL);
  guint coarse = 0, full = 0;

  g_assert_cmpuint (ls_basemap_get_n_land (b), ==, 3);
  g_assert_cmpuint (ls_basemap_get_n_areas (b), ==, 43);
  g_assert_cmpuint (ls_basemap_get_n_towns (b), ==, 592);
  g_assert_cmpstr (ls_basemap_get_town (b, 0)->name, ==, "London");
  g_assert_nonnull (strstr (ls_basemap_get_attribution (b), "GeoNames"));

  norwich = ls_basemap_get_town (b, ls_basemap_find_town (b, "Norwich"));
  london = ls_basemap_get_town (b, 0);
  g_assert_cmpstr (ls_basemap_get_area (b, ls_basemap_area_at (b, norwich->easting, norwich->northing))->name,
                   ==, "Norfolk");
  g_assert_cmpstr (ls_basemap_get_area (b, ls_basemap_area_at (b, london->easting, london->northing))->name,
                   ==, "Metropolitan Police");
  g_assert_true (ls_basemap_land_at (b, norwich->easting, norwich->northing));
  /* The North Sea, and Edinburgh (land, but no English or Welsh force). */
  ls_projection_forward (proj, 2.5, 54.5, &e, &n);
  g_assert_false (ls_basemap_land_at (b, e, n));
  g_assert_cmpint (ls_basemap_area_at (b, e, n), ==, -1);
  ls_projection_forward (proj, -3.19, 55.95, &e, &n);
  g_assert_true (ls_basemap_land_at (b, e, n));
  g_assert_cmpint (ls_basemap_area_at (b, e, n), ==, -1);

  /* Coarser levels have far fewer points; all levels keep every force,
   * even the City of London, smaller than the coarsest tolerance. */
  for (guint i = 0; i < ls_basemap_get_n_areas (b); i++)
    {
      const LsBasemapShape *s = ls_basemap_get_area (b, i);

      g_assert_cmpuint (s->levels[0]->n_points, <=, s->levels[LS_BASEMAP_N_LEVELS - 1]->n_points);
      g_assert_cmpuint (s->levels[0]->n_rings, >=, 1);
      coarse += s->levels[0]->n_points;
      full += s->levels[LS_BASEMAP_N_LEVELS - 1]->n_points;
    }
  g_assert_cmpuint (coarse * 10, <, full);
  g_assert_cmpuint (ls_basemap_level_for_scale (5000), ==, 0);
  g_assert_cmpuint (ls_basemap_level_for_scale (10), ==, LS_BASEMAP_N_LEVELS - 1);
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

static void
test_basemap_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) good = bytes_of ("{\"type\":\"FeatureCollection\",\"features\":[]}");
  g_autoptr(GBytes) towns = bytes_of ("name,lat,lon,population\nX,52,1,30000\n");
  g_autoptr(GBytes) bad_json = bytes_of ("{\"type\":");
  g_autoptr(GBytes) bad_geom = bytes_of ("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                                                   "\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}");
  g_autoptr(GBytes) bad_towns = bytes_of ("name,lat,lon,population\nX,north,1,30000\n");
  g_autoptr(LsBasemap) ok = ls_basemap_load (good, good, towns, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (ls_basemap_get_n_towns (ok), ==, 1);

  g_assert_null (ls_basemap_load (bad_json, good, towns, &error));
  g_assert_nonnull (strstr (error->message, "uk-outline.geojson"));
  g_clear_error (&error);
  g_assert_null (ls_basemap_load (good, bad_geom, towns, &error));
  g_assert_nonnull (strstr (error->message, "Polygon"));
  g_assert_nonnull (strstr (error->message, "Point"));
  g_clear_error (&error);
  g_assert_null (ls_basemap_load (good, good, bad_towns, &error));
  g_assert_nonnull (strstr (error->message, "line 2"));
}

static void
test_basemap_simplify (void)
{
  /* A 10 km square with a 5 m wiggle on each side and one 2 km spike. */
  const double ring[] = {
    0, 0,  5000, 5,  10000, 0,  10005, 5000,  10000, 10000,
    7000, 10000, 6000, 12000, 5000, 10000,
    0, 10000,  -5, 5000,  0, 0,
  };
  g_autoptr(GArray) coarse = ls_basemap_simplify_ring (ring, 11, 100);
  g_autoptr(GArray) fine = ls_basemap_simplify_ring (ring, 11, 1);

  /* The wiggles go, the spike stays: 4 corners + 3 spike points + closing. */
  g_assert_cmpuint (coarse->len / 2, ==, 8);
  g_assert_cmpuint (fine->len / 2, ==, 11);
  g_assert_cmpfloat (g_array_index (coarse, double, 0), ==, 0);
  g_assert_cmpfloat (g_array_index (coarse, double, coarse->len - 1), ==, 0);
}

/* The fixed case ----------------------------------------------------------- */

#define DAY 86400
#define T0 1717372800 /* 2024-06-03 00:00 UTC: British Summer Time */

static const LsCellRecord cells[] = {
  { "LDN1", "Hackney", TRUE, 51.5450, -0.0553, .line = 2 },
  { "LDN2", "Tottenham", TRUE, 51.5975, -0.0681, .line = 3 },
  { "NOR1", "Norwich centre", TRUE, 52.6287, 1.2923, .line = 4 },
  { "NOR2", "Norwich north", TRUE, 52.6500, 1.2800, .line = 5 },
  { "GY1", "Great Yarmouth", TRUE, 52.6081, 1.7301, .line = 6 },
  /* Given on the grid: used as it is. */
  { "IPS1", "Ipswich", FALSE, 0, 0, TRUE, 616300, 244400, .line = 7 },
  { "LOW1", "Lowestoft", TRUE, 52.4752, 1.7517, .line = 8 },
};

#define HOLDER "+447700900100"
#define DEAL   "+447700900200"
#define KID    "+447700900300"
#define RUNNER "+447700900400"
#define CUSTOMER "+447700900900"

/* Calls are gathered in an array of LsCallRecord, numbered from line 2. */
static void
add_call (GArray *calls, const char *caller, const char *cell, gint64 t)
{
  LsCallRecord r = { .start = t, .caller = caller, .callee = CUSTOMER, .kind = LS_CALL_KIND_SMS,
                     .cell = cell, .line = calls->len + 2 };

  g_array_append_val (calls, r);
}

static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-map-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "map.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, "Operation Test", NULL, &error);
  const LsPersonRecord people[] = {
    { .name = "Holder", .dob = "1990-01-01", .has_location = TRUE, .lat = 51.55, .lon = -0.06, .line = 2 },
    { .name = "Kid", .dob = "2009-05-01", .has_location = TRUE, .lat = 51.5975, .lon = -0.0681, .line = 3 },
    { .name = "Runner Two", .dob = "1999-02-02", .has_location = TRUE, .lat = 51.55, .lon = -0.06, .line = 4 },
  };
  const LsPhoneRecord phones[] = {
    { HOLDER, "Holder", NULL, 2 }, { KID, "Kid", NULL, 3 }, { RUNNER, "Runner Two", NULL, 4 },
  };
  const LsEventRecord events[] = {
    /* Found 180 km from home: place only, no coordinates. */
    { T0 + 5 * DAY + 36000, -1, "Kid", "found-out-of-area", "Great Yarmouth", .line = 2 },
    /* At home: not out of area. */
    { T0 + 3 * DAY, -1, "Kid", "missing-from-home", NULL, TRUE, 51.5975, -0.0681, .line = 3 },
    /* Stopped in Ipswich: far from home, another force. */
    { T0 + 3 * DAY + 40000, -1, "Runner Two", "stop-search", "Ipswich town centre", TRUE, 52.0567, 1.1482, .line = 4 },
    /* Arrested near home. */
    { T0 + 2 * DAY, -1, "Holder", "arrest", "Tottenham", TRUE, 51.60, -0.07, .line = 5 },
    /* The same finding recorded twice (a later report): one link. */
    { T0 + 5 * DAY + 43200, -1, "Kid", "found-out-of-area", "Great Yarmouth", .line = 7 },
    /* Out of the range the tests ask for. */
    { T0 + 30 * DAY, -1, "Kid", "found-out-of-area", "Norwich", .line = 6 },
  };
  g_autoptr(GArray) calls = g_array_new (FALSE, TRUE, sizeof (LsCallRecord));

  g_assert_no_error (error);
  test_case_write_people (kase, people, G_N_ELEMENTS (people));
  test_case_write_phones (kase, phones, G_N_ELEMENTS (phones));
  test_case_write_cells (kase, cells, G_N_ELEMENTS (cells));
  test_case_write_events (kase, events, G_N_ELEMENTS (events));

  for (int d = 0; d < 5; d++)
    {
      /* 02:30 BST in Hackney, and 00:30 BST (23:30 UTC the day before) in
       * Tottenham: both nights in UK time. */
      add_call (calls, HOLDER, "LDN1", T0 + d * DAY + 5400);
      add_call (calls, HOLDER, "LDN2", T0 + d * DAY + 84600);
    }
  /* 06:30 BST: morning in the UK, though 05:30 UTC. Busier than any one
   * London cell: a hub read in UTC would land in Norwich. */
  for (int d = 0; d < 7; d++)
    add_call (calls, HOLDER, "NOR2", T0 + d * DAY + 19800);
  /* The deal line: Norwich on three days, Great Yarmouth on one, and
   * London (the hub itself: not a flow). */
  for (int i = 0; i < 4; i++)
    add_call (calls, DEAL, "NOR1", T0 + 1 * DAY + 50400 + i * 60);
  for (int d = 2; d <= 3; d++)
    for (int i = 0; i < 3; i++)
      add_call (calls, DEAL, "NOR1", T0 + d * DAY + 50400 + i * 60);
  for (int i = 0; i < 2; i++)
    add_call (calls, DEAL, "GY1", T0 + 2 * DAY + 57600 + i * 60);
  for (int i = 0; i < 3; i++)
    add_call (calls, DEAL, "LDN1", T0 + 43200 + i * 60);
  /* The child runner goes from Tottenham to Great Yarmouth. */
  add_call (calls, KID, "LDN2", T0 + 3 * DAY + 36000);
  for (int d = 4; d <= 5; d++)
    for (int i = 0; i < 2; i++)
      add_call (calls, KID, "GY1", T0 + d * DAY + 54000 + i * 60);
  add_call (calls, RUNNER, "IPS1", T0 + 3 * DAY + 39600);
  add_call (calls, RUNNER, "IPS1", T0 + 6 * DAY + 39600);
  /* Through Lowestoft on one day only: a stop, not a flow. */
  add_call (calls, RUNNER, "LOW1", T0 + 2 * DAY + 39600);
  test_case_write_calls (kase, (const LsCallRecord *) calls->data, calls->len);

  return kase;
}

static char *
key_of (sqlite3 *db, const char *prefix, const char *sql, const char *arg)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, prefix, (gint64) sqlite3_column_int64 (stmt, 0));
}

typedef struct {
  LsCase     *kase;
  sqlite3    *db;
  LsGeoModel *model;
  char       *holder;
  char       *deal;
  char       *kid;
  char       *runner;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const char *lh[2], *dl[2], *run[3], *sel[2];
  LsGeoQuery q = LS_GEO_QUERY_INIT;

  f->kase = make_case ();
  f->db = ls_case_get_db (f->kase);
  f->holder = key_of (f->db, "person", "SELECT id FROM people WHERE name = ?1", "Holder");
  f->kid = key_of (f->db, "person", "SELECT id FROM people WHERE name = ?1", "Kid");
  f->runner = key_of (f->db, "phone", "SELECT id FROM phones WHERE number = ?1", RUNNER);
  f->deal = key_of (f->db, "phone", "SELECT id FROM phones WHERE number = ?1", DEAL);
  lh[0] = f->holder; lh[1] = NULL;
  dl[0] = f->deal; dl[1] = NULL;
  run[0] = f->kid; run[1] = f->runner; run[2] = NULL;
  sel[0] = f->kid; sel[1] = NULL;
  q.from = T0;
  q.to = T0 + 10 * DAY;
  q.line_holders = (GStrv) lh;
  q.deal_lines = (GStrv) dl;
  q.runners = (GStrv) run;
  q.selected = (GStrv) sel;
  f->model = ls_geo_model_build (f->db, basemap (), &q, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->model, ls_geo_model_unref);
  g_clear_object (&f->kase);
  g_free (f->holder);
  g_free (f->deal);
  g_free (f->kid);
  g_free (f->runner);
}

static const LsGeoCell *
cell_by_ref (LsGeoModel *model, const char *ref)
{
  for (guint i = 0; i < ls_geo_model_get_n_cells (model); i++)
    if (g_str_equal (ls_geo_model_get_cell (model, i)->ref, ref))
      return ls_geo_model_get_cell (model, i);
  g_assert_not_reached ();
}

static void
test_model_cells (Fixture *f, gconstpointer data)
{
  guint n_areas;
  const guint *act = ls_geo_model_get_area_activity (f->model, &n_areas);
  LsBasemap *b = basemap ();
  guint norfolk = 0, suffolk = 0, met = 0;

  g_assert_cmpuint (ls_geo_model_get_n_cells (f->model), ==, 7);
  g_assert_cmpuint (cell_by_ref (f->model, "NOR1")->uses, ==, 10);
  g_assert_cmpuint (cell_by_ref (f->model, "NOR2")->uses, ==, 7);
  /* LDN2's day-5 call (23:30 UTC) is inside the range; LDN2 also has the
   * child's call. */
  g_assert_cmpuint (cell_by_ref (f->model, "LDN2")->uses, ==, 6);
  g_assert_cmpfloat (cell_by_ref (f->model, "IPS1")->easting, ==, 616300);
  g_assert_cmpuint (ls_geo_model_get_max_uses (f->model), ==, 10);

  for (guint i = 0; i < n_areas; i++)
    {
      const char *name = ls_basemap_get_area (b, i)->name;

      if (g_str_equal (name, "Norfolk"))
        norfolk = act[i];
      else if (g_str_equal (name, "Suffolk"))
        suffolk = act[i];
      else if (g_str_equal (name, "Metropolitan Police"))
        met = act[i];
    }
  g_assert_cmpuint (norfolk, ==, 10 + 7 + 2 + 4);
  g_assert_cmpuint (suffolk, ==, 2 + 1);
  g_assert_cmpuint (met, ==, 10 + 3 + 1);
}

static void
test_model_hub_and_flows (Fixture *f, gconstpointer data)
{
  const LsGeoHub *hub = ls_geo_model_get_hub (f->model);
  const LsGeoCell *a = cell_by_ref (f->model, "LDN1"), *b = cell_by_ref (f->model, "LDN2");
  const LsGeoFlow *flow;

  g_assert_true (hub->found);
  /* Equal night use of the two London cells: midway between them. */
  g_assert_cmpfloat_with_epsilon (hub->easting, (a->easting + b->easting) / 2, 1);
  g_assert_cmpfloat_with_epsilon (hub->northing, (a->northing + b->northing) / 2, 1);
  g_assert_cmpuint (hub->contacts, ==, 10);
  g_assert_cmpuint (hub->nights, ==, 6);
  g_assert_cmpstr (hub->town, ==, "London");

  g_assert_cmpuint (ls_geo_model_get_n_flows (f->model), ==, 3);
  flow = ls_geo_model_get_flow (f->model, 0);
  g_assert_cmpstr (flow->name, ==, "Norwich");
  g_assert_cmpuint (flow->contacts, ==, 10);
  g_assert_cmpuint (flow->days, ==, 3);
  g_assert_cmpuint (flow->phones, ==, 1);
  flow = ls_geo_model_get_flow (f->model, 1);
  g_assert_cmpstr (flow->name, ==, "Great Yarmouth");
  g_assert_cmpuint (flow->contacts, ==, 6);
  g_assert_cmpuint (flow->days, ==, 3);
  g_assert_cmpuint (flow->phones, ==, 2);
  flow = ls_geo_model_get_flow (f->model, 2);
  g_assert_cmpstr (flow->name, ==, "Ipswich");
  g_assert_cmpuint (flow->contacts, ==, 2);
  g_assert_cmpuint (flow->days, ==, 2);
}

/* One chatty phone wrongly taken for a line holder sleeps in Norwich; the
 * real holder and the deal line sleep in London. The hub is where most of
 * the controlling phones spend their nights, not where one calls most. */
static void
test_model_hub_by_phones (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-hub-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hub.linesight", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, &error);
  g_autoptr(LsGeoModel) model = NULL;
  g_autofree char *holder = NULL, *burner = NULL, *deal = NULL;
  const char *lh[3], *dl[2];
  LsGeoQuery q = LS_GEO_QUERY_INIT;
  g_autoptr(GArray) calls = g_array_new (FALSE, TRUE, sizeof (LsCallRecord));

  g_assert_no_error (error);
  test_case_write_cells (kase, cells, 4);
  for (int d = 0; d < 3; d++)
    {
      add_call (calls, HOLDER, "LDN1", T0 + d * DAY + 3600);
      add_call (calls, DEAL, "LDN2", T0 + d * DAY + 7200);
    }
  for (int d = 0; d < 9; d++)
    for (int i = 0; i < 3; i++)
      add_call (calls, RUNNER, "NOR1", T0 + d * DAY + 3600 + i * 60);
  test_case_write_calls (kase, (const LsCallRecord *) calls->data, calls->len);

  holder = key_of (ls_case_get_db (kase), "phone", "SELECT id FROM phones WHERE number = ?1", HOLDER);
  burner = key_of (ls_case_get_db (kase), "phone", "SELECT id FROM phones WHERE number = ?1", RUNNER);
  deal = key_of (ls_case_get_db (kase), "phone", "SELECT id FROM phones WHERE number = ?1", DEAL);
  lh[0] = holder; lh[1] = burner; lh[2] = NULL;
  dl[0] = deal; dl[1] = NULL;
  q.line_holders = (GStrv) lh;
  q.deal_lines = (GStrv) dl;
  model = ls_geo_model_build (ls_case_get_db (kase), basemap (), &q, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ls_geo_model_get_hub (model)->found);
  g_assert_cmpstr (ls_geo_model_get_hub (model)->town, ==, "London");
  g_assert_cmpuint (ls_geo_model_get_hub (model)->contacts, ==, 6);
  g_assert_cmpuint (ls_geo_model_get_hub (model)->nights, ==, 3);
}

static void
test_model_no_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsGeoModel) model = ls_geo_model_build (f->db, basemap (), NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_false (ls_geo_model_get_hub (model)->found);
  g_assert_cmpuint (ls_geo_model_get_n_flows (model), ==, 0);
  g_assert_cmpuint (ls_geo_model_get_n_tracks (model), ==, 0);
  /* Open range: the day-30 event counts too. */
  g_assert_cmpuint (ls_geo_model_get_n_out_of_area (model), ==, 3);
}

static void
test_model_track (Fixture *f, gconstpointer data)
{
  const LsGeoTrack *track;

  g_assert_cmpuint (ls_geo_model_get_n_tracks (f->model), ==, 1);
  track = ls_geo_model_get_track (f->model, 0);
  g_assert_cmpstr (track->key, ==, f->kid);
  g_assert_cmpstr (track->label, ==, "Kid");
  g_assert_true (track->victim);
  /* Tottenham, then Great Yarmouth (four calls there, one move). */
  g_assert_cmpuint (track->points->len, ==, 2);
  g_assert_cmpstr (ls_geo_model_get_cell (f->model, g_array_index (track->points, LsGeoTrackPoint, 0).cell)->ref,
                   ==, "LDN2");
  g_assert_cmpstr (ls_geo_model_get_cell (f->model, g_array_index (track->points, LsGeoTrackPoint, 1).cell)->ref,
                   ==, "GY1");
}

static void
test_model_out_of_area (Fixture *f, gconstpointer data)
{
  const LsGeoOutOfArea *kid, *runner;
  const LsBasemapTown *gy = ls_basemap_get_town (basemap (), ls_basemap_find_town (basemap (), "Great Yarmouth"));

  g_assert_cmpuint (ls_geo_model_get_n_out_of_area (f->model), ==, 2);
  /* In time order: the runner's stop (day 3), then the child (day 5). */
  runner = ls_geo_model_get_out_of_area (f->model, 0);
  kid = ls_geo_model_get_out_of_area (f->model, 1);
  g_assert_cmpstr (runner->name, ==, "Runner Two");
  g_assert_false (runner->victim);
  g_assert_cmpstr (runner->kind, ==, "stop-search");
  g_assert_cmpstr (ls_basemap_get_area (basemap (), runner->found_area)->name, ==, "Suffolk");

  g_assert_cmpstr (kid->name, ==, "Kid");
  g_assert_cmpstr (kid->key, ==, f->kid);
  g_assert_true (kid->victim);
  g_assert_cmpint (kid->time, ==, T0 + 5 * DAY + 36000);
  /* Found by place name: at the town's position. */
  g_assert_cmpfloat (kid->found_easting, ==, gy->easting);
  g_assert_cmpfloat (kid->found_northing, ==, gy->northing);
  g_assert_cmpfloat (kid->distance, >, 150000);
  g_assert_cmpstr (ls_basemap_get_area (basemap (), kid->home_area)->name, ==, "Metropolitan Police");
  g_assert_cmpstr (ls_basemap_get_area (basemap (), kid->found_area)->name, ==, "Norfolk");
}

static void
test_model_list_active (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  const LsBasemapTown *gy = ls_basemap_get_town (basemap (), ls_basemap_find_town (basemap (), "Great Yarmouth"));
  g_autoptr(GArray) active = ls_geo_model_list_active (f->model, f->db, -1, gy->easting, gy->northing, 5000, &error);
  const LsGeoActive *a;

  g_assert_no_error (error);
  g_assert_cmpuint (active->len, ==, 2);
  a = &g_array_index (active, LsGeoActive, 0);
  g_assert_cmpstr (a->key, ==, f->kid);
  g_assert_cmpuint (a->contacts, ==, 4);
  g_assert_true (a->victim);
  a = &g_array_index (active, LsGeoActive, 1);
  g_assert_cmpstr (a->key, ==, f->deal);
  g_assert_cmpuint (a->contacts, ==, 2);
}

/* Rendering ------------------------------------------------------------- */

static guint32
pixel_at (cairo_surface_t *s, double x, double y)
{
  unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  cairo_surface_flush (s);
  return *(guint32 *) (data + (int) y * stride + (int) x * 4) & 0xffffff;
}

static double
luminance (guint32 px)
{
  return (((px >> 16) & 0xff) * 0.3 + ((px >> 8) & 0xff) * 0.59 + (px & 0xff) * 0.11) / 255;
}

static cairo_surface_t *
render_view (LsGeoModel *model, LsMapViewState *view)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, view->width, view->height);
  cairo_t *cr = cairo_create (s);

  ls_map_render_world (cr, basemap (), model, view);
  cairo_destroy (cr);

  return s;
}

static void
save_for_eyes (cairo_surface_t *s, const char *name)
{
  /* LS_TEST_KEEP=DIR keeps the pictures, to look at. */
  const char *dir = g_getenv ("LS_TEST_KEEP");

  if (dir != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      cairo_surface_write_to_png (s, path);
    }
}

static void
test_render_town_inside_outline (void)
{
  LsBasemap *b = basemap ();
  const LsBasemapTown *norwich = ls_basemap_get_town (b, ls_basemap_find_town (b, "Norwich"));
  LsMapViewState view = { .width = 600, .height = 500, .layers = LS_MAP_LAYER_OUTLINE | LS_MAP_LAYER_TOWNS };
  LsBBox east = { 540000, 220000, 680000, 350000 };
  cairo_surface_t *with_towns, *without;
  double x, y, sx, sy, e, n;
  g_autoptr(LsProjection) proj = ls_projection_new (NULL);

  ls_map_view_fit (&view, &east, 10);
  with_towns = render_view (NULL, &view);
  save_for_eyes (with_towns, "map-east-anglia.png");
  view.layers = LS_MAP_LAYER_OUTLINE;
  without = render_view (NULL, &view);

  ls_map_view_to_screen (&view, norwich->easting, norwich->northing, &x, &y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (y, >, 0);
  /* Norwich's dot is dark, on land (pale, not sea blue) that shows once the
   * towns are off. */
  g_assert_cmpfloat (luminance (pixel_at (with_towns, x, y)), <, 0.4);
  g_assert_cmphex (pixel_at (without, x, y), ==, 0xfaf8f0);
  /* And the North Sea off Happisburgh is sea. */
  ls_projection_forward (proj, 1.9, 52.9, &e, &n);
  ls_map_view_to_screen (&view, e, n, &sx, &sy);
  g_assert_true (sx >= 0 && sx < view.width && sy >= 0 && sy < view.height);
  g_assert_cmphex (pixel_at (with_towns, sx, sy), ==, 0xdce8f0);
  cairo_surface_destroy (with_towns);
  cairo_surface_destroy (without);
}

static void
test_render_cells_sized_by_use (Fixture *f, gconstpointer data)
{
  LsMapViewState view = { .width = 800, .height = 600, .layers = LS_MAP_LAYER_CELLS };
  LsBBox box;
  cairo_surface_t *s;
  const LsGeoCell *busy = cell_by_ref (f->model, "NOR1"), *quiet = cell_by_ref (f->model, "IPS1");
  double bx, by, qx, qy;
  guint busy_dark = 0, quiet_dark = 0;

  g_assert_true (ls_map_model_extent (f->model, &box));
  ls_map_view_fit (&view, &box, 40);
  s = render_view (f->model, &view);
  save_for_eyes (s, "map-cells.png");
  ls_map_view_to_screen (&view, busy->easting, busy->northing, &bx, &by);
  ls_map_view_to_screen (&view, quiet->easting, quiet->northing, &qx, &qy);
  /* Count cell-coloured pixels around each: the busy one is bigger. */
  for (int dy = -10; dy <= 10; dy++)
    for (int dx = -10; dx <= 10; dx++)
      {
        busy_dark += luminance (pixel_at (s, bx + dx, by + dy)) < 0.75;
        quiet_dark += luminance (pixel_at (s, qx + dx, qy + dy)) < 0.75;
      }
  g_assert_cmpuint (busy_dark, >, 2 * quiet_dark);
  g_assert_cmpuint (quiet_dark, >, 0);
  cairo_surface_destroy (s);
}

static void
test_render_full (Fixture *f, gconstpointer data)
{
  LsMapViewState view = { .width = 1000, .height = 700, .layers = LS_MAP_LAYER_ALL,
                          .title = "Operation Test", .marking = "OFFICIAL-SENSITIVE" };
  LsBBox box;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_RGB24, view.width, view.height);
  cairo_t *cr = cairo_create (s);
  LsMapHit hit = { 0 };
  const LsGeoHub *hub = ls_geo_model_get_hub (f->model);
  double hx, hy;

  ls_map_model_extent (f->model, &box);
  ls_map_view_fit (&view, &box, 90);
  ls_map_render (cr, basemap (), f->model, &view);
  cairo_destroy (cr);
  save_for_eyes (s, "map-full.png");

  /* Hovering the hub says what it is. */
  ls_map_view_to_screen (&view, hub->easting, hub->northing, &hx, &hy);
  g_assert_true (ls_map_hit_test (basemap (), f->model, &view, hx, hy, &hit));
  g_assert_cmpint (hit.kind, ==, LS_MAP_HIT_HUB);
  g_assert_nonnull (strstr (hit.tooltip, "6 nights"));
  ls_map_hit_clear (&hit);
  cairo_surface_destroy (s);
}

/* Exports ------------------------------------------------------------------ */

/* Through the export every view shares (the one `linesight export` and
 * the Export dialog use): the page fitted to the activity, 1123 × 794. */
static char *
export_to (Fixture *f, const char *format)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linesight-map-export-XXXXXX", NULL);
  char *path = g_strdup_printf ("%s/map.%s", dir, format);
  const LsExportView *view = ls_export_find_view ("map", &error);
  LsExportRequest request = { 0 };
  LsExportFormat fmt;

  g_assert_no_error (error);
  g_assert_true (ls_export_format_from_string (format, &fmt));
  request.kase = f->kase;
  request.from = T0;
  request.to = T0 + 10 * DAY;
  request.width = 1123;
  request.height = 794;
  request.dpi = 192;
  g_assert_true (ls_export_request_check (&request, fmt, &error));
  g_assert_true (ls_export_write (view, &request, fmt, path, &error));
  g_assert_no_error (error);

  return path;
}

static void
test_export_png (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export_to (f, "png");
  cairo_surface_t *s = cairo_image_surface_create_from_png (path);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);

  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 2 * 1123);
  for (int y = 0; y < cairo_image_surface_get_height (s); y += 7)
    for (int x = 0; x < cairo_image_surface_get_width (s); x += 7)
      g_hash_table_add (colours, GUINT_TO_POINTER (pixel_at (s, x, y) + 1));
  /* Not blank: sea, land, shading, text. */
  g_assert_cmpuint (g_hash_table_size (colours), >, 50);
  cairo_surface_destroy (s);
}

static void
test_export_svg (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export_to (f, "svg");
  g_autofree char *svg = NULL;

  g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
  g_assert_true (g_str_has_prefix (svg, "<?xml"));
  g_assert_nonnull (strstr (svg, "<path"));
  g_assert_nonnull (strstr (svg, "Places: GeoNames (geonames.org), CC BY 4.0."));
  g_assert_nonnull (strstr (svg, "Made with Natural Earth"));
  g_assert_nonnull (strstr (svg, "<title>Operation Test — Map"));
  /* Text as text: the towns are <text> a search can find. */
  g_assert_nonnull (strstr (svg, ">Norwich</text>"));
}

static void
test_export_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *path = export_to (f, "pdf");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_auto(GStrv) words = NULL;

  if (!test_pdf_have_pdftotext ())
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  text = test_pdf_text (path, FALSE, 0);
  /* The attribution wraps over lines: compare with whitespace squashed. */
  words = g_regex_split_simple ("\\s+", text, 0, 0);
  flat = g_strjoinv (" ", words);
  g_assert_nonnull (strstr (flat, "Made with Natural Earth"));
  g_assert_nonnull (strstr (flat, "Open Government Licence v3.0"));
  g_assert_nonnull (strstr (flat, "GeoNames (geonames.org), CC BY 4.0"));
  g_assert_nonnull (strstr (flat, "Operation Test"));
  g_assert_nonnull (strstr (flat, "Norwich"));
}

/* linesight export CASE --view map: the command line draws the same map,
 * attribution included. */
static void
test_export_cli (Fixture *f, gconstpointer data)
{
  const char *linesight = g_getenv ("LINESIGHT");
  g_autofree char *dir = g_dir_make_tmp ("linesight-map-cli-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { linesight, "export", ls_case_get_path (f->kase), "--view", "map", "--format", "svg",
                         "-o", out, "--from", "2024-06-03", "--to", "2024-06-12", NULL };
  int status;

  if (linesight == NULL)
    {
      g_test_skip ("LINESIGHT (the built program) is not set");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (out, &svg, NULL, NULL));
  g_assert_nonnull (strstr (svg, "<path"));
  g_assert_nonnull (strstr (svg, "Places: GeoNames (geonames.org), CC BY 4.0."));
  g_assert_nonnull (strstr (svg, "Operation Test — Map"));
  g_unlink (out);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/map/projection/known-points", test_projection_known_points);
  g_test_add_func ("/map/basemap/load", test_basemap_load);
  g_test_add_func ("/map/basemap/errors", test_basemap_errors);
  g_test_add_func ("/map/basemap/simplify", test_basemap_simplify);
  g_test_add ("/map/model/cells", Fixture, NULL, fixture_set_up, test_model_cells, fixture_tear_down);
  g_test_add ("/map/model/hub-and-flows", Fixture, NULL, fixture_set_up, test_model_hub_and_flows, fixture_tear_down);
  g_test_add_func ("/map/model/hub-by-phones", test_model_hub_by_phones);
  g_test_add ("/map/model/no-roles", Fixture, NULL, fixture_set_up, test_model_no_roles, fixture_tear_down);
  g_test_add ("/map/model/track", Fixture, NULL, fixture_set_up, test_model_track, fixture_tear_down);
  g_test_add ("/map/model/out-of-area", Fixture, NULL, fixture_set_up, test_model_out_of_area, fixture_tear_down);
  g_test_add ("/map/model/list-active", Fixture, NULL, fixture_set_up, test_model_list_active, fixture_tear_down);
  g_test_add_func ("/map/render/town-inside-outline", test_render_town_inside_outline);
  g_test_add ("/map/render/cells-sized-by-use", Fixture, NULL, fixture_set_up, test_render_cells_sized_by_use, fixture_tear_down);
  g_test_add ("/map/render/full", Fixture, NULL, fixture_set_up, test_render_full, fixture_tear_down);
  g_test_add ("/map/export/png", Fixture, NULL, fixture_set_up, test_export_png, fixture_tear_down);
  g_test_add ("/map/export/svg", Fixture, NULL, fixture_set_up, test_export_svg, fixture_tear_down);
  g_test_add ("/map/export/cli", Fixture, NULL, fixture_set_up, test_export_cli, fixture_tear_down);
  g_test_add ("/map/export/pdf", Fixture, NULL, fixture_set_up, test_export_pdf, fixture_tear_down);

  return g_test_run ();
}
