/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The basemap: GeoJSON (json-glib) and CSV (libcsv) from the resources,
 * projected with one LsProjection, then simplified with Douglas–Peucker
 * once per level so that drawing the whole UK touches a few thousand
 * points, not the 100,000 of full detail. */
#define G_LOG_DOMAIN "ls-basemap"
#include "config.h"

#include <csv.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ls-basemap.h"
#include "ls-basemap-resources.h"
#include "ls-error.h"
#include "ls-projection.h"

#define RESOURCE_DIR "/org/linesight/Linesight/basemap/"

static const double level_tolerance[LS_BASEMAP_N_LEVELS] = { 3000, 800, 200, 50, 0 };

struct _LsBasemap {
  gatomicrefcount  ref_count;
  GPtrArray       *land;      /* LsBasemapShape */
  GPtrArray       *areas;     /* LsBasemapShape */
  GArray          *towns;     /* LsBasemapTown, largest first */
  LsBBox           bbox;      /* of the United Kingdom */
  char            *attribution;
  GMutex           cache_lock;
  GHashTable      *area_cache; /* quantised point -> area index + 2 */
};

static void
path_free (LsBasemapPath *path)
{
  if (path == NULL)
    return;
  g_free (path->xy);
  g_free (path->rings);
  g_free (path);
}

static void
shape_free (LsBasemapShape *shape)
{
  for (guint i = 0; i < LS_BASEMAP_N_LEVELS; i++)
    path_free (shape->levels[i]);
  g_free (shape->name);
  g_free (shape->id);
  g_free (shape);
}

static void
town_clear (LsBasemapTown *town)
{
  g_free (town->name);
}

/* Douglas–Peucker ----------------------------------------------------- */

static double
segment_distance2 (const double *p, const double *a, const double *b)
{
  double dx = b[0] - a[0], dy = b[1] - a[1];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2 : 0;
  double ex, ey;

  t = CLAMP (t, 0.0, 1.0);
  ex = a[0] + t * dx - p[0];
  ey = a[1] + t * dy - p[1];

  return ex * ex + ey * ey;
}

static void
simplify_span (const double *xy, guint first, guint last, double tol2, gboolean *keep)
{
  /* An explicit stack: rings of 20,000 points would recurse deeply. */
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint) * 2);
  guint span[2] = { first, last };

  g_array_append_val (stack, span);
  while (stack->len > 0)
    {
      guint *top = &g_array_index (stack, guint, (stack->len - 1) * 2);
      guint a = top[0], b = top[1], best = 0;
      double best_d = -1;

      g_array_set_size (stack, stack->len - 1);
      for (guint i = a + 1; i < b; i++)
        {
          double d = segment_distance2 (xy + 2 * i, xy + 2 * a, xy + 2 * b);

          if (d > best_d)
            {
              best_d = d;
              best = i;
            }
        }
      if (best_d > tol2)
        {
          guint left[2] = { a, best }, right[2] = { best, b };

          keep[best] = TRUE;
          g_array_append_val (stack, left);
          g_array_append_val (stack, right);
        }
    }
}

GArray *
ls_basemap_simplify_ring (const double *xy,
                          guint         n,
                          double        tolerance)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree gboolean *keep = NULL;
  guint far = 0;
  double far_d = -1;

  g_return_val_if_fail (xy != NULL || n == 0, out);

  if (tolerance <= 0 || n <= 4)
    {
      g_array_append_vals (out, xy, 2 * n);
      return out;
    }

  /* A closed ring has no natural ends: split it at the point farthest
   * from its first, and simplify both halves. */
  keep = g_new0 (gboolean, n);
  for (guint i = 1; i < n; i++)
    {
      double dx = xy[2 * i] - xy[0], dy = xy[2 * i + 1] - xy[1];

      if (dx * dx + dy * dy > far_d)
        {
          far_d = dx * dx + dy * dy;
          far = i;
        }
    }
  keep[0] = keep[n - 1] = keep[far] = TRUE;
  simplify_span (xy, 0, far, tolerance * tolerance, keep);
  simplify_span (xy, far, n - 1, tolerance * tolerance, keep);

  for (guint i = 0; i < n; i++)
    if (keep[i])
      g_array_append_vals (out, xy + 2 * i, 2);

  return out;
}

/* Shapes --------------------------------------------------------------- */

/* The file is outside data: json-glib's typed getters warn (and return
 * nothing) when a member has another type, so every look-up checks the
 * type first and a mistyped member reads as missing. */
static JsonNode *
member (JsonObject *object, const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

static JsonObject *
member_object (JsonObject *object, const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
node_array (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
node_string (JsonNode *node, const char *fallback)
{
  const char *str = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    str = json_node_get_string (node);

  return str != NULL ? str : fallback;
}

static gboolean
node_number (JsonNode *node, double *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_double (node);

  return isfinite (*value);
}

typedef struct {
  GArray *xy;     /* double, full detail, projected */
  GArray *rings;  /* guint offsets, n_rings + 1 */
} RawShape;

static gboolean
read_ring (JsonArray *ring, RawShape *raw, const char *what, GError **error)
{
  guint n = json_array_get_length (ring);

  if (n < 4)
    return TRUE;  /* degenerate: nothing to draw */
  for (guint i = 0; i < n; i++)
    {
      JsonArray *pair = node_array (json_array_get_element (ring, i));
      double ll[2];

      if (pair == NULL || json_array_get_length (pair) < 2 ||
          !node_number (json_array_get_element (pair, 0), &ll[0]) ||
          !node_number (json_array_get_element (pair, 1), &ll[1]) ||
          fabs (ll[0]) > 180 || fabs (ll[1]) > 90)
        {
          g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                       "%s: a ring's point %u is not a [longitude, latitude] array of numbers in range",
                       what, i);
          return FALSE;
        }
      g_array_append_vals (raw->xy, ll, 2);
    }
  {
    guint end = raw->xy->len / 2;
    g_array_append_val (raw->rings, end);
  }

  return TRUE;
}

static gboolean
read_polygon (JsonArray *polygon, RawShape *raw, const char *what, GError **error)
{
  for (guint i = 0; i < json_array_get_length (polygon); i++)
    {
      JsonNode *ring = json_array_get_element (polygon, i);

      if (!JSON_NODE_HOLDS_ARRAY (ring))
        {
          g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                       "%s: a polygon's ring %u is not an array", what, i);
          return FALSE;
        }
      if (!read_ring (json_node_get_array (ring), raw, what, error))
        return FALSE;
    }

  return TRUE;
}

static void
append_ring (GArray *xy, GArray *rings, const double *pts, guint n)
{
  guint end;

  g_array_append_vals (xy, pts, 2 * n);
  end = xy->len / 2;
  g_array_append_val (rings, end);
}

static LsBasemapPath *
build_level (RawShape *raw, double tolerance)
{
  LsBasemapPath *path = g_new0 (LsBasemapPath, 1);
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rings = g_array_new (FALSE, FALSE, sizeof (guint));
  guint zero = 0, largest = 0;
  double largest_size = -1;

  g_array_append_val (rings, zero);
  for (guint r = 0; r + 1 < raw->rings->len; r++)
    {
      guint a = g_array_index (raw->rings, guint, r);
      guint b = g_array_index (raw->rings, guint, r + 1);
      const double *pts = &g_array_index (raw->xy, double, 2 * a);
      g_autoptr(GArray) simple = NULL;
      LsBBox box = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
      double size;

      for (guint i = 0; i < b - a; i++)
        {
          box.x0 = MIN (box.x0, pts[2 * i]);
          box.x1 = MAX (box.x1, pts[2 * i]);
          box.y0 = MIN (box.y0, pts[2 * i + 1]);
          box.y1 = MAX (box.y1, pts[2 * i + 1]);
        }
      size = MAX (box.x1 - box.x0, box.y1 - box.y0);
      if (size > largest_size)
        {
          largest_size = size;
          largest = r;
        }
      /* Islets and creeks smaller than the tolerance vanish at this scale. */
      if (tolerance > 0 && size < 2 * tolerance)
        continue;
      simple = ls_basemap_simplify_ring (pts, b - a, tolerance);
      if (simple->len >= 8)
        append_ring (xy, rings, (const double *) (gpointer) simple->data, simple->len / 2);
    }
  /* A small shape (the City of London) keeps its outline at every scale. */
  if (rings->len == 1 && raw->rings->len > 1)
    {
      guint a = g_array_index (raw->rings, guint, largest);
      guint b = g_array_index (raw->rings, guint, largest + 1);

      append_ring (xy, rings, &g_array_index (raw->xy, double, 2 * a), b - a);
    }

  path->n_points = xy->len / 2;
  path->n_rings = rings->len - 1;
  path->xy = (double *) (gpointer) g_array_free (g_steal_pointer (&xy), FALSE);
  path->rings = (guint *) (gpointer) g_array_free (g_steal_pointer (&rings), FALSE);

  return path;
}

static LsBasemapShape *
read_feature (JsonObject *feature, LsProjection *proj, guint index, GError **error)
{
  g_autofree char *what = g_strdup_printf ("GeoJSON feature %u", index);
  JsonObject *geometry = member_object (feature, "geometry");
  JsonObject *props = member_object (feature, "properties");
  const char *type = node_string (member (geometry, "type"), "");
  JsonArray *coords = node_array (member (geometry, "coordinates"));
  RawShape raw = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (guint)) };
  LsBasemapShape *shape = NULL;
  guint zero = 0;
  gboolean ok = TRUE;

  g_array_append_val (raw.rings, zero);
  if (coords == NULL)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "%s has no geometry coordinates", what);
      ok = FALSE;
    }
  else if (g_str_equal (type, "Polygon"))
    ok = read_polygon (coords, &raw, what, error);
  else if (g_str_equal (type, "MultiPolygon"))
    for (guint i = 0; ok && i < json_array_get_length (coords); i++)
      {
        JsonArray *polygon = node_array (json_array_get_element (coords, i));

        if (polygon == NULL)
          {
            g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                         "%s: a MultiPolygon's polygon %u is not an array", what, i);
            ok = FALSE;
          }
        else
          ok = read_polygon (polygon, &raw, what, error);
      }
  else
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "%s: expected a Polygon or MultiPolygon geometry, found “%s”", what, type);
      ok = FALSE;
    }

  if (ok)
    {
      shape = g_new0 (LsBasemapShape, 1);
      ls_projection_forward_many (proj, (double *) (gpointer) raw.xy->data, raw.xy->len / 2);
      shape->bbox = (LsBBox) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
      for (guint i = 0; i < raw.xy->len; i += 2)
        {
          double x = g_array_index (raw.xy, double, i), y = g_array_index (raw.xy, double, i + 1);

          shape->bbox.x0 = MIN (shape->bbox.x0, x);
          shape->bbox.x1 = MAX (shape->bbox.x1, x);
          shape->bbox.y0 = MIN (shape->bbox.y0, y);
          shape->bbox.y1 = MAX (shape->bbox.y1, y);
        }
      for (guint l = 0; l < LS_BASEMAP_N_LEVELS; l++)
        shape->levels[l] = build_level (&raw, level_tolerance[l]);
      if (props != NULL)
        {
          JsonNode *id = json_object_get_member (props, "force_id");

          if (id == NULL)
            id = json_object_get_member (props, "iso_n3");
          shape->name = g_strdup (node_string (member (props, "name"), ""));
          shape->id = g_strdup (node_string (id, ""));
        }
      else
        {
          shape->name = g_strdup ("");
          shape->id = g_strdup ("");
        }
    }

  g_array_free (raw.xy, TRUE);
  g_array_free (raw.rings, TRUE);

  return shape;
}

static GPtrArray *
read_feature_collection (GBytes *bytes, const char *file, LsProjection *proj, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) shapes = g_ptr_array_new_with_free_func ((GDestroyNotify) shape_free);
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;
  JsonArray *features;

  if (data == NULL || size == 0)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID, "%s is empty", file);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "%s is not valid JSON: %s", file, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (node_string (member (json_node_get_object (root), "type"), ""), "FeatureCollection") != 0 ||
      (features = node_array (member (json_node_get_object (root), "features"))) == NULL)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "%s: expected a GeoJSON FeatureCollection with a “features” array", file);
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *node = json_array_get_element (features, i);
      LsBasemapShape *shape;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                       "%s: GeoJSON feature %u is not an object", file, i);
          return NULL;
        }
      shape = read_feature (json_node_get_object (node), proj, i, &local_error);

      if (shape == NULL)
        {
          g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID, "%s: %s", file, local_error->message);
          return NULL;
        }
      g_ptr_array_add (shapes, shape);
    }

  return g_steal_pointer (&shapes);
}

/* Towns ---------------------------------------------------------------- */

typedef struct {
  GPtrArray *fields;
  GArray    *towns;
  guint      line;
  GError    *error;
} TownParse;

static void
town_field (void *s, size_t len, void *data)
{
  TownParse *tp = data;

  g_ptr_array_add (tp->fields, g_strndup (s, len));
}

static void
town_row (int c, void *data)
{
  TownParse *tp = data;
  LsBasemapTown town = { 0 };
  char *end_lat, *end_lon, *end_pop;

  tp->line++;
  if (tp->line == 1 || tp->error != NULL)
    goto done;  /* header */
  if (tp->fields->len != 4)
    {
      g_set_error (&tp->error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "uk-towns.csv line %u: expected 4 columns (name,lat,lon,population), found %u",
                   tp->line, tp->fields->len);
      goto done;
    }
  town.lat = g_ascii_strtod (tp->fields->pdata[1], &end_lat);
  town.lon = g_ascii_strtod (tp->fields->pdata[2], &end_lon);
  town.population = (guint) g_ascii_strtoull (tp->fields->pdata[3], &end_pop, 10);
  if (*end_lat || *end_lon || *end_pop)
    {
      g_set_error (&tp->error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "uk-towns.csv line %u: latitude, longitude and population must be numbers",
                   tp->line);
      goto done;
    }
  town.name = g_strdup (tp->fields->pdata[0]);
  g_array_append_val (tp->towns, town);

done:
  g_ptr_array_set_size (tp->fields, 0);
}

static int
compare_towns (gconstpointer a, gconstpointer b)
{
  const LsBasemapTown *ta = a, *tb = b;

  return ta->population < tb->population ? 1 : ta->population > tb->population ? -1 : 0;
}

static GArray *
read_towns (GBytes *bytes, LsProjection *proj, GError **error)
{
  struct csv_parser parser;
  TownParse tp = { g_ptr_array_new_with_free_func (g_free), NULL, 0, NULL };
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  tp.towns = g_array_new (FALSE, TRUE, sizeof (LsBasemapTown));
  g_array_set_clear_func (tp.towns, (GDestroyNotify) town_clear);
  csv_init (&parser, CSV_APPEND_NULL);
  csv_parse (&parser, data, size, town_field, town_row, &tp);
  csv_fini (&parser, town_field, town_row, &tp);
  csv_free (&parser);
  g_ptr_array_unref (tp.fields);

  if (tp.error != NULL)
    {
      g_propagate_error (error, tp.error);
      g_array_unref (tp.towns);
      return NULL;
    }
  for (guint i = 0; i < tp.towns->len; i++)
    {
      LsBasemapTown *t = &g_array_index (tp.towns, LsBasemapTown, i);

      ls_projection_forward (proj, t->lon, t->lat, &t->easting, &t->northing);
    }
  g_array_sort (tp.towns, compare_towns);

  return tp.towns;
}

/* The basemap ------------------------------------------------------------ */

LsBasemap *
ls_basemap_load (GBytes  *outline_geojson,
                 GBytes  *areas_geojson,
                 GBytes  *towns_csv,
                 GError **error)
{
  g_autoptr(LsProjection) proj = ls_projection_new (error);
  g_autoptr(LsBasemap) self = NULL;

  g_return_val_if_fail (outline_geojson != NULL && areas_geojson != NULL && towns_csv != NULL, NULL);

  if (proj == NULL)
    return NULL;

  self = g_new0 (LsBasemap, 1);
  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->cache_lock);
  self->area_cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->attribution = g_strdup (LS_BASEMAP_ATTRIBUTION);
  if (!(self->land = read_feature_collection (outline_geojson, "uk-outline.geojson", proj, error)) ||
      !(self->areas = read_feature_collection (areas_geojson, "police-force-areas.geojson", proj, error)) ||
      !(self->towns = read_towns (towns_csv, proj, error)))
    return NULL;

  self->bbox = (LsBBox) { 0, 0, 700000, 1250000 };
  for (guint i = 0; i < self->land->len; i++)
    {
      LsBasemapShape *s = g_ptr_array_index (self->land, i);

      if (g_str_equal (s->name, "United Kingdom"))
        self->bbox = s->bbox;
    }

  return g_steal_pointer (&self);
}

static GBytes *
lookup (const char *name, GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);

  return g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

LsBasemap *
ls_basemap_get_default (GError **error)
{
  static LsBasemap *basemap;
  static GError *load_error;

  if (g_once_init_enter (&basemap))
    {
      g_autoptr(GBytes) outline = NULL;
      g_autoptr(GBytes) areas = NULL;
      g_autoptr(GBytes) towns = NULL;
      LsBasemap *loaded = NULL;

      ls_basemap_register_resource ();
      if ((outline = lookup ("uk-outline.geojson", &load_error)) &&
          (areas = lookup ("police-force-areas.geojson", &load_error)) &&
          (towns = lookup ("uk-towns.csv", &load_error)))
        loaded = ls_basemap_load (outline, areas, towns, &load_error);
      /* A failed load is remembered: it would fail the same way again. */
      g_once_init_leave (&basemap, loaded ? loaded : GSIZE_TO_POINTER (1));
    }

  if (basemap == GSIZE_TO_POINTER (1))
    {
      g_propagate_error (error, g_error_copy (load_error));
      return NULL;
    }

  return basemap;
}

LsBasemap *
ls_basemap_ref (LsBasemap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
ls_basemap_unref (LsBasemap *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->land, g_ptr_array_unref);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->towns, g_array_unref);
  g_clear_pointer (&self->area_cache, g_hash_table_unref);
  g_mutex_clear (&self->cache_lock);
  g_free (self->attribution);
  g_free (self);
}

const char *
ls_basemap_get_attribution (LsBasemap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->attribution;
}

const LsBBox *
ls_basemap_get_bbox (LsBasemap *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->bbox;
}

guint
ls_basemap_get_n_land (LsBasemap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->land->len;
}

const LsBasemapShape *
ls_basemap_get_land (LsBasemap *self,
                     guint      index)
{
  g_return_val_if_fail (self != NULL && index < self->land->len, NULL);

  return g_ptr_array_index (self->land, index);
}

guint
ls_basemap_get_n_areas (LsBasemap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->areas->len;
}

const LsBasemapShape *
ls_basemap_get_area (LsBasemap *self,
                     guint      index)
{
  g_return_val_if_fail (self != NULL && index < self->areas->len, NULL);

  return g_ptr_array_index (self->areas, index);
}

guint
ls_basemap_get_n_towns (LsBasemap *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->towns->len;
}

const LsBasemapTown *
ls_basemap_get_town (LsBasemap *self,
                     guint      index)
{
  g_return_val_if_fail (self != NULL && index < self->towns->len, NULL);

  return &g_array_index (self->towns, LsBasemapTown, index);
}

int
ls_basemap_nearest_town (LsBasemap *self,
                         double     easting,
                         double     northing,
                         double     max_distance)
{
  double best = max_distance * max_distance;
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->towns->len; i++)
    {
      const LsBasemapTown *t = &g_array_index (self->towns, LsBasemapTown, i);
      double dx = t->easting - easting, dy = t->northing - northing;

      if (dx * dx + dy * dy <= best)
        {
          best = dx * dx + dy * dy;
          found = i;
        }
    }

  return found;
}

int
ls_basemap_find_town (LsBasemap  *self,
                      const char *name)
{
  g_return_val_if_fail (self != NULL, -1);

  if (name == NULL)
    return -1;
  for (guint i = 0; i < self->towns->len; i++)
    if (g_ascii_strcasecmp (g_array_index (self->towns, LsBasemapTown, i).name, name) == 0)
      return i;

  return -1;
}

/* Even–odd over every ring, so holes (lagoons, enclaves) are outside. */
static gboolean
shape_contains (const LsBasemapShape *shape, double x, double y)
{
  const LsBasemapPath *p = shape->levels[LS_BASEMAP_N_LEVELS - 1];
  gboolean inside = FALSE;

  if (x < shape->bbox.x0 || x > shape->bbox.x1 || y < shape->bbox.y0 || y > shape->bbox.y1)
    return FALSE;
  for (guint r = 0; r < p->n_rings; r++)
    for (guint i = p->rings[r], j = p->rings[r + 1] - 1; i < p->rings[r + 1]; j = i++)
      {
        double xi = p->xy[2 * i], yi = p->xy[2 * i + 1];
        double xj = p->xy[2 * j], yj = p->xy[2 * j + 1];

        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
          inside = !inside;
      }

  return inside;
}

int
ls_basemap_area_at (LsBasemap *self,
                    double     easting,
                    double     northing)
{
  /* Cells are re-counted on every range change; where they are is not.
   * Unsigned, as eastings west of the grid's origin are negative. */
  gint64 key = (gint64) (((guint64) lround (easting) << 24) ^ (guint64) lround (northing));
  gpointer cached;
  int found = -1;

  g_return_val_if_fail (self != NULL, -1);
  if (!isfinite (easting) || !isfinite (northing))
    return -1;

  g_mutex_lock (&self->cache_lock);
  cached = g_hash_table_lookup (self->area_cache, &key);
  g_mutex_unlock (&self->cache_lock);
  if (cached != NULL)
    return GPOINTER_TO_INT (cached) - 2;

  for (guint i = 0; i < self->areas->len && found < 0; i++)
    if (shape_contains (g_ptr_array_index (self->areas, i), easting, northing))
      found = i;

  g_mutex_lock (&self->cache_lock);
  if (g_hash_table_size (self->area_cache) < 1000000)
    g_hash_table_insert (self->area_cache, g_memdup2 (&key, sizeof key), GINT_TO_POINTER (found + 2));
  g_mutex_unlock (&self->cache_lock);

  return found;
}

gboolean
ls_basemap_land_at (LsBasemap *self,
                    double     easting,
                    double     northing)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->land->len; i++)
    if (shape_contains (g_ptr_array_index (self->land, i), easting, northing))
      return TRUE;

  return FALSE;
}

guint
ls_basemap_level_for_scale (double metres_per_pixel)
{
  for (guint l = 0; l < LS_BASEMAP_N_LEVELS; l++)
    if (level_tolerance[l] <= metres_per_pixel)
      return l;

  return LS_BASEMAP_N_LEVELS - 1;
}

double
ls_basemap_level_tolerance (guint level)
{
  g_return_val_if_fail (level < LS_BASEMAP_N_LEVELS, 0);

  return level_tolerance[level];
}
