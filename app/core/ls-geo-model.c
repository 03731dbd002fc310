/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The geographic model. Counting is done by SQLite (GROUP BY); the places
 * (which force area a cell is in, which town is nearest) by the basemap,
 * whose answers are cached, so a new date range costs a few aggregates. */
#define G_LOG_DOMAIN "ls-geo-model"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ls-case.h"
#include "ls-error.h"
#include "ls-geo-model.h"
#include "ls-graph.h"
#include "ls-projection.h"
#include "ls-time.h"

/* How far the hub reaches around its busiest night cell, how far from the
 * hub a town must be to count as "county", and how near a cell must be to a
 * town to count as in it (metres). */
#define HUB_RADIUS      15000.0
#define COUNTY_MIN      30000.0
#define TOWN_RADIUS     20000.0
#define OUT_OF_AREA_MIN 30000.0
#define FLOW_MIN_DAYS   2

struct _LsGeoModel {
  gatomicrefcount  ref_count;
  LsBasemap       *basemap;
  gint64           from;
  gint64           to;
  GArray          *cells;         /* LsGeoCell */
  GHashTable      *cell_index;    /* cells.id -> index + 1 */
  guint            max_uses;
  guint           *area_activity;
  guint            n_areas;
  GPtrArray       *tracks;        /* LsGeoTrack */
  LsGeoHub         hub;
  GArray          *flows;         /* LsGeoFlow */
  GArray          *out_of_area;   /* LsGeoOutOfArea */
};

static void
cell_clear (LsGeoCell *cell)
{
  g_free (cell->ref);
  g_free (cell->name);
}

static void
track_free (LsGeoTrack *track)
{
  g_free (track->key);
  g_free (track->label);
  g_array_unref (track->points);
  g_free (track);
}

static void
flow_clear (LsGeoFlow *flow)
{
  g_free (flow->name);
}

static void
out_of_area_clear (LsGeoOutOfArea *o)
{
  g_free (o->key);
  g_free (o->name);
  g_free (o->place);
  g_free (o->kind);
}

static void
active_clear (LsGeoActive *a)
{
  g_free (a->key);
  g_free (a->label);
}

static gint64
range_from (LsGeoModel *self)
{
  return self->from < 0 ? G_MININT64 : self->from;
}

static gint64
range_to (LsGeoModel *self)
{
  return self->to < 0 ? G_MAXINT64 : self->to;
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Reading the case for the map");
      return NULL;
    }

  return stmt;
}

static gboolean
step_done (sqlite3 *db, int rc, GError **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  ls_sqlite_set_error (db, error, "Reading the case for the map");

  return FALSE;
}

/* The local (Europe/London) calendar day of a time, as a number. */
static guint
local_day (gint64 t, int *hour)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, ls_time_zone_london ());

  if (hour)
    *hour = g_date_time_get_hour (local);

  return g_date_time_get_year (local) * 400 + g_date_time_get_day_of_year (local);
}

/* Cells ------------------------------------------------------------------- */

static gboolean
load_cells (LsGeoModel *self, sqlite3 *db, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LsProjection) proj = NULL;
  int rc;

  if (!(proj = ls_projection_new (error)) ||
      !(stmt = prepare (db, "SELECT id, cell_ref, name, lat, lon, easting, northing FROM cells ORDER BY id", error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LsGeoCell cell = { .id = sqlite3_column_int64 (stmt, 0), .area = -1 };

      /* Grid references are used as given; latitude/longitude projected. */
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL && sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        {
          cell.easting = sqlite3_column_double (stmt, 5);
          cell.northing = sqlite3_column_double (stmt, 6);
        }
      else if (sqlite3_column_type (stmt, 3) == SQLITE_NULL || sqlite3_column_type (stmt, 4) == SQLITE_NULL ||
               !ls_projection_forward (proj, sqlite3_column_double (stmt, 4), sqlite3_column_double (stmt, 3),
                                       &cell.easting, &cell.northing))
        continue;
      cell.ref = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      cell.name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      cell.area = ls_basemap_area_at (self->basemap, cell.easting, cell.northing);
      g_array_append_val (self->cells, cell);
      g_hash_table_insert (self->cell_index, g_memdup2 (&cell.id, sizeof cell.id),
                           GUINT_TO_POINTER (self->cells->len));
    }

  return step_done (db, rc, error);
}

static int
cell_lookup (LsGeoModel *self, gint64 id)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->cell_index, &id)) - 1;
}

static gboolean
count_cells (LsGeoModel *self, sqlite3 *db, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = prepare (db, "SELECT cell_id, COUNT(*) FROM calls "
                            "WHERE cell_id IS NOT NULL AND start >= ?1 AND start < ?2 "
                            "GROUP BY cell_id", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, range_from (self));
  sqlite3_bind_int64 (stmt, 2, range_to (self));

  self->n_areas = ls_basemap_get_n_areas (self->basemap);
  self->area_activity = g_new0 (guint, self->n_areas);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = cell_lookup (self, sqlite3_column_int64 (stmt, 0));
      LsGeoCell *cell;

      if (i < 0)
        continue;
      cell = &g_array_index (self->cells, LsGeoCell, i);
      cell->uses = sqlite3_column_int (stmt, 1);
      self->max_uses = MAX (self->max_uses, cell->uses);
      if (cell->area >= 0)
        self->area_activity[cell->area] += cell->uses;
    }

  return step_done (db, rc, error);
}

/* Keys to phones ------------------------------------------------------ */

/* The phones.id of the phones a node key stands for, appended to IDS. */
static gboolean
key_phones (sqlite3 *db, const char *key, GArray *ids, GError **error)
{
  gint64 id;

  if (g_str_has_prefix (key, "phone:"))
    {
      id = g_ascii_strtoll (key + 6, NULL, 10);
      g_array_append_val (ids, id);
    }
  else if (g_str_has_prefix (key, "person:"))
    {
      g_autoptr(sqlite3_stmt) stmt = prepare (db, "SELECT id FROM phones WHERE person_id = ?1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (key + 7, NULL, 10));
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      return step_done (db, rc, error);
    }

  return TRUE;
}

static GArray *
keys_phones (sqlite3 *db, GStrv keys, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; keys && keys[i]; i++)
    if (!key_phones (db, keys[i], ids, error))
      return NULL;

  return g_steal_pointer (&ids);
}

/* "1,2,3" for an IN (...) list: integers only, so nothing to escape. */
static char *
id_list (GArray *ids)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (s, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (ids, gint64, i));

  return g_string_free (s, FALSE);
}

/* Calls made by PHONES in the range on known cells, oldest first. */
static sqlite3_stmt *
prepare_phone_calls (LsGeoModel *self, sqlite3 *db, GArray *phones, GError **error)
{
  g_autofree char *list = id_list (phones);
  g_autofree char *sql = g_strdup_printf ("SELECT start, cell_id, caller_id FROM calls "
                                          "WHERE caller_id IN (%s) AND cell_id IS NOT NULL "
                                          "AND start >= ?1 AND start < ?2 ORDER BY start",
                                          list);
  sqlite3_stmt *stmt = prepare (db, sql, error);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, range_from (self));
      sqlite3_bind_int64 (stmt, 2, range_to (self));
    }

  return stmt;
}

/* A node's name and whether it is a victim (a child or vulnerable adult
 * at WHEN), judged by the same rule as every other view. */
static gboolean
describe_key (sqlite3 *db, const char *key, gint64 when, char **label, gboolean *victim, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean person = g_str_has_prefix (key, "person:");
  int rc;

  stmt = prepare (db, person
                  ? "SELECT name, dob, vulnerable FROM people WHERE id = ?1"
                  : "SELECT ph.number, p.dob, p.vulnerable FROM phones ph "
                    "LEFT JOIN people p ON p.id = ph.person_id WHERE ph.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (strchr (key, ':') ? strchr (key, ':') + 1 : key, NULL, 10));
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LsGraphNode node = { .dob = (char *) sqlite3_column_text (stmt, 1),
                           .vulnerable = sqlite3_column_int (stmt, 2) != 0 };

      *label = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *victim = ls_graph_node_is_victim (&node, when);
      return TRUE;
    }
  *label = g_strdup (key);
  *victim = FALSE;

  return rc == SQLITE_DONE || step_done (db, rc, error);
}

/* Tracks --------------------------------------------------------------- */

static gboolean
build_tracks (LsGeoModel *self, sqlite3 *db, GStrv selected, GError **error)
{
  for (guint k = 0; selected && selected[k]; k++)
    {
      g_autoptr(GArray) phones = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(sqlite3_stmt) stmt = NULL;
      LsGeoTrack *track;
      int rc, last_cell = -1;

      if (!key_phones (db, selected[k], phones, error))
        return FALSE;
      if (phones->len == 0)
        continue;
      if (!(stmt = prepare_phone_calls (self, db, phones, error)))
        return FALSE;

      track = g_new0 (LsGeoTrack, 1);
      track->key = g_strdup (selected[k]);
      track->points = g_array_new (FALSE, FALSE, sizeof (LsGeoTrackPoint));
      g_ptr_array_add (self->tracks, track);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          LsGeoTrackPoint pt = { sqlite3_column_int64 (stmt, 0), 0 };
          int cell = cell_lookup (self, sqlite3_column_int64 (stmt, 1));

          /* A track is the moves between cells, not every call on one. */
          if (cell < 0 || cell == last_cell)
            continue;
          pt.cell = last_cell = cell;
          g_array_append_val (track->points, pt);
        }
      if (!step_done (db, rc, error) ||
          !describe_key (db, selected[k], self->from >= 0 ? self->from : g_get_real_time () / G_USEC_PER_SEC,
                         &track->label, &track->victim, error))
        return FALSE;
    }

  return TRUE;
}

/* The hub ------------------------------------------------------------- */

typedef struct {
  guint       calls;
  GHashTable *days;
  GHashTable *phones;
  gint64      first;
  gint64      last;
} Tally;

static Tally *
tally_new (void)
{
  Tally *t = g_new0 (Tally, 1);

  t->days = g_hash_table_new (NULL, NULL);
  t->phones = g_hash_table_new (g_int64_hash, g_int64_equal);
  t->first = G_MAXINT64;
  t->last = G_MININT64;

  return t;
}

static void
tally_free (Tally *t)
{
  g_hash_table_unref (t->days);
  g_hash_table_unref (t->phones);
  g_free (t);
}

static void
tally_add (Tally *t, gint64 time, guint day, gint64 *phone)
{
  t->calls++;
  g_hash_table_add (t->days, GUINT_TO_POINTER (day));
  if (phone != NULL)
    g_hash_table_add (t->phones, phone);
  t->first = MIN (t->first, time);
  t->last = MAX (t->last, time);
}

/* One night-time call of a controlling phone. */
typedef struct {
  int    cell;
  gint64 phone;
  guint  night;
  gint64 time;
} NightCall;

/* How strongly the night calls around CENTRE (within HUB_RADIUS) say "the
 * line is run from here": how many different phones, then how many
 * phone-nights. One chatty phone (a runner's burner taken for a holder's)
 * must not outweigh where most of the controlling phones sleep. */
static void
score_cluster (LsGeoModel *self, GArray *nights, const LsGeoCell *centre, guint *phones, guint *phone_nights)
{
  g_autoptr(GHashTable) by_phone = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_night = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < nights->len; i++)
    {
      NightCall *nc = &g_array_index (nights, NightCall, i);
      const LsGeoCell *c = &g_array_index (self->cells, LsGeoCell, nc->cell);

      if (hypot (c->easting - centre->easting, c->northing - centre->northing) > HUB_RADIUS)
        continue;
      g_hash_table_add (by_phone, &nc->phone);
      g_hash_table_add (by_night, g_strdup_printf ("%" G_GINT64_FORMAT "/%u", nc->phone, nc->night));
    }
  *phones = g_hash_table_size (by_phone);
  *phone_nights = g_hash_table_size (by_night);
}

/* Where the line is controlled: where the line holders' phones, and the
 * deal line itself (which its holder keeps), spend their nights (calls
 * from 00:00 to 06:00 UK time), as the densest such cluster of cells. */
static gboolean
find_hub (LsGeoModel *self, sqlite3 *db, GStrv line_holders, GStrv deal_lines, GError **error)
{
  g_autoptr(GArray) phones = keys_phones (db, line_holders, error);
  g_autoptr(GArray) deal_phones = keys_phones (db, deal_lines, error);
  g_autoptr(GArray) nights = g_array_new (FALSE, FALSE, sizeof (NightCall));
  g_autoptr(GHashTable) tried = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) hub_nights = g_hash_table_new (NULL, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint best_phones = 0, best_nights = 0;
  const LsGeoCell *best = NULL;
  double sx = 0, sy = 0, sw = 0;
  int rc;

  if (phones == NULL || deal_phones == NULL)
    return FALSE;
  /* No line holder known: no hub, whatever the deal line does. */
  if (phones->len == 0)
    return TRUE;
  g_array_append_vals (phones, deal_phones->data, deal_phones->len);
  if (!(stmt = prepare_phone_calls (self, db, phones, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      NightCall nc = { cell_lookup (self, sqlite3_column_int64 (stmt, 1)), sqlite3_column_int64 (stmt, 2),
                       0, sqlite3_column_int64 (stmt, 0) };
      int hour;

      nc.night = local_day (nc.time, &hour);
      if (nc.cell >= 0 && hour < 6)
        g_array_append_val (nights, nc);
    }
  if (!step_done (db, rc, error))
    return FALSE;

  for (guint i = 0; i < nights->len; i++)
    {
      int cell = g_array_index (nights, NightCall, i).cell;
      const LsGeoCell *c = &g_array_index (self->cells, LsGeoCell, cell);
      guint n_phones, n_nights;

      if (!g_hash_table_add (tried, GINT_TO_POINTER (cell + 1)))
        continue;
      score_cluster (self, nights, c, &n_phones, &n_nights);
      if (n_phones > best_phones || (n_phones == best_phones && n_nights > best_nights) ||
          (n_phones == best_phones && n_nights == best_nights && best && c->id < best->id))
        {
          best = c;
          best_phones = n_phones;
          best_nights = n_nights;
        }
    }
  if (best == NULL)
    return TRUE;

  /* The hub is the centre of the night calls around the best cell. */
  for (guint i = 0; i < nights->len; i++)
    {
      NightCall *nc = &g_array_index (nights, NightCall, i);
      const LsGeoCell *c = &g_array_index (self->cells, LsGeoCell, nc->cell);

      if (hypot (c->easting - best->easting, c->northing - best->northing) > HUB_RADIUS)
        continue;
      sx += c->easting;
      sy += c->northing;
      sw += 1;
      g_hash_table_add (hub_nights, GUINT_TO_POINTER (nc->night));
    }
  self->hub.found = TRUE;
  self->hub.easting = sx / sw;
  self->hub.northing = sy / sw;
  self->hub.contacts = (guint) sw;
  self->hub.nights = g_hash_table_size (hub_nights);
  /* Named after the largest town it is in or next to: "London", not the
   * borough its busiest mast happens to be nearest. */
  for (guint i = 0; i < ls_basemap_get_n_towns (self->basemap) && !self->hub.town; i++)
    {
      const LsBasemapTown *t = ls_basemap_get_town (self->basemap, i);

      if (hypot (t->easting - self->hub.easting, t->northing - self->hub.northing) <= HUB_RADIUS)
        self->hub.town = g_strdup (t->name);
    }

  return TRUE;
}

/* Flows ------------------------------------------------------------------ */

static int
compare_flows (gconstpointer a, gconstpointer b)
{
  const LsGeoFlow *fa = a, *fb = b;

  if (fa->contacts != fb->contacts)
    return fa->contacts < fb->contacts ? 1 : -1;

  return g_strcmp0 (fa->name, fb->name);
}

/* The town a cell serves, by a gravity rule: population over squared
 * distance (km), within TOWN_RADIUS. A mast in Wymondham, 14 km from
 * Norwich and 9 km from its suburb Bowthorpe, serves Norwich. */
static int
town_of_cell (LsBasemap *basemap, const LsGeoCell *c)
{
  double best_pull = 0;
  int best = -1;

  for (guint i = 0; i < ls_basemap_get_n_towns (basemap); i++)
    {
      const LsBasemapTown *t = ls_basemap_get_town (basemap, i);
      double d = hypot (t->easting - c->easting, t->northing - c->northing) / 1000;
      double pull = t->population / (d * d + 1);

      if (d * 1000 <= TOWN_RADIUS && pull > best_pull)
        {
          best_pull = pull;
          best = i;
        }
    }

  return best;
}

/* Where the deal lines and runners are active away from the hub, by town. */
static gboolean
find_flows (LsGeoModel *self, sqlite3 *db, GStrv deal_lines, GStrv runners, GError **error)
{
  g_autoptr(GArray) phones = keys_phones (db, deal_lines, error);
  g_autoptr(GArray) more = keys_phones (db, runners, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) per_town = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) tally_free);
  g_autoptr(GArray) phone_store = NULL;
  GHashTableIter iter;
  gpointer key, value;
  int rc;

  if (phones == NULL || more == NULL)
    return FALSE;
  g_array_append_vals (phones, more->data, more->len);
  if (phones->len == 0 || !self->hub.found)
    return TRUE;
  if (!(stmt = prepare_phone_calls (self, db, phones, error)))
    return FALSE;

  /* Tallies keep pointers to phone ids: keep them in one stable array. */
  phone_store = g_array_sized_new (FALSE, FALSE, sizeof (gint64), phones->len);
  g_array_append_vals (phone_store, phones->data, phones->len);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int cell = cell_lookup (self, sqlite3_column_int64 (stmt, 1));
      gint64 t = sqlite3_column_int64 (stmt, 0), caller = sqlite3_column_int64 (stmt, 2);
      const LsGeoCell *c;
      Tally *tally;
      int town;
      gint64 *phone = NULL;

      if (cell < 0)
        continue;
      c = &g_array_index (self->cells, LsGeoCell, cell);
      if (hypot (c->easting - self->hub.easting, c->northing - self->hub.northing) < COUNTY_MIN)
        continue;
      town = town_of_cell (self->basemap, c);
      if (town < 0)
        continue;
      for (guint i = 0; i < phone_store->len && !phone; i++)
        if (g_array_index (phone_store, gint64, i) == caller)
          phone = &g_array_index (phone_store, gint64, i);
      if (!(tally = g_hash_table_lookup (per_town, GINT_TO_POINTER (town + 1))))
        g_hash_table_insert (per_town, GINT_TO_POINTER (town + 1), tally = tally_new ());
      tally_add (tally, t, local_day (t, NULL), phone);
    }
  if (!step_done (db, rc, error))
    return FALSE;

  g_hash_table_iter_init (&iter, per_town);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const LsBasemapTown *town = ls_basemap_get_town (self->basemap, GPOINTER_TO_INT (key) - 1);
      Tally *tally = value;
      LsGeoFlow flow;

      /* A town seen on one day only is a stop on the way (a train
       * through Cambridge), not a place the line works. */
      if (g_hash_table_size (tally->days) < FLOW_MIN_DAYS)
        continue;
      flow = (LsGeoFlow) {
        .town = GPOINTER_TO_INT (key) - 1,
        .name = g_strdup (town->name),
        .easting = town->easting,
        .northing = town->northing,
        .contacts = tally->calls,
        .days = g_hash_table_size (tally->days),
        .phones = g_hash_table_size (tally->phones),
        .first = tally->first,
        .last = tally->last,
      };

      g_array_append_val (self->flows, flow);
    }
  g_array_sort (self->flows, compare_flows);

  return TRUE;
}

/* Out of area ------------------------------------------------------------ */

/* "Norwich", "Norwich city centre", "Norwich, Norfolk" all find Norwich. */
static int
town_for_place (LsBasemap *basemap, const char *place)
{
  g_autofree char *head = NULL;
  int best = -1;
  gsize best_len = 0;

  if (place == NULL || !*place)
    return -1;
  head = g_strstrip (g_strdup (place));
  if (strchr (head, ','))
    *strchr (head, ',') = '\0';
  if ((best = ls_basemap_find_town (basemap, head)) >= 0)
    return best;
  for (guint i = 0; i < ls_basemap_get_n_towns (basemap); i++)
    {
      const char *name = ls_basemap_get_town (basemap, i)->name;
      gsize len = strlen (name);

      if (len > best_len && g_ascii_strncasecmp (head, name, len) == 0 &&
          (head[len] == '\0' || head[len] == ' '))
        {
          best = i;
          best_len = len;
        }
    }

  return best;
}

static gboolean
seen_before (GArray *found, const LsGeoOutOfArea *o)
{
  for (guint i = 0; i < found->len; i++)
    {
      const LsGeoOutOfArea *p = &g_array_index (found, LsGeoOutOfArea, i);

      if (p->person_id == o->person_id && local_day (p->time, NULL) == local_day (o->time, NULL) &&
          hypot (p->found_easting - o->found_easting, p->found_northing - o->found_northing) < 2000)
        return TRUE;
    }

  return FALSE;
}

static gboolean
find_out_of_area (LsGeoModel *self, sqlite3 *db, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(LsProjection) proj = ls_projection_new (error);
  int rc;

  if (proj == NULL ||
      !(stmt = prepare (db, "SELECT e.id, e.person_id, e.kind, e.place, e.lat, e.lon, e.start, "
                            "p.name, p.lat, p.lon, p.dob, p.vulnerable FROM events e "
                            "JOIN people p ON p.id = e.person_id "
                            "WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL "
                            "AND e.start >= ?1 AND e.start < ?2 ORDER BY e.start, e.id", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, range_from (self));
  sqlite3_bind_int64 (stmt, 2, range_to (self));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);
      const char *place = (const char *) sqlite3_column_text (stmt, 3);
      gboolean flagged = g_strcmp0 (kind, "found-out-of-area") == 0;
      LsGeoOutOfArea o = { .event_id = sqlite3_column_int64 (stmt, 0),
                           .person_id = sqlite3_column_int64 (stmt, 1),
                           .time = sqlite3_column_int64 (stmt, 6) };
      LsGraphNode node = { .dob = (char *) sqlite3_column_text (stmt, 10),
                           .vulnerable = sqlite3_column_int (stmt, 11) != 0 };

      if (!ls_projection_forward (proj, sqlite3_column_double (stmt, 9), sqlite3_column_double (stmt, 8),
                                  &o.home_easting, &o.home_northing))
        continue;
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL && sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          if (!ls_projection_forward (proj, sqlite3_column_double (stmt, 5), sqlite3_column_double (stmt, 4),
                                      &o.found_easting, &o.found_northing))
            continue;
        }
      else
        {
          int town = town_for_place (self->basemap, place);

          if (town < 0)
            continue;
          o.found_easting = ls_basemap_get_town (self->basemap, town)->easting;
          o.found_northing = ls_basemap_get_town (self->basemap, town)->northing;
        }
      o.distance = hypot (o.found_easting - o.home_easting, o.found_northing - o.home_northing);
      o.home_area = ls_basemap_area_at (self->basemap, o.home_easting, o.home_northing);
      o.found_area = ls_basemap_area_at (self->basemap, o.found_easting, o.found_northing);
      /* Recorded as found out of area, or any located event (an arrest, a
       * stop) far from home in another force's area. */
      if (!flagged && (o.distance < OUT_OF_AREA_MIN || o.home_area == o.found_area))
        continue;
      /* Two records of one finding (the call to police and the return
       * interview) are one link on the map. */
      if (seen_before (self->out_of_area, &o))
        continue;
      o.key = g_strdup_printf ("person:%" G_GINT64_FORMAT, o.person_id);
      o.name = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      o.place = g_strdup (place);
      o.kind = g_strdup (kind);
      o.victim = ls_graph_node_is_victim (&node, o.time);
      g_array_append_val (self->out_of_area, o);
    }

  return step_done (db, rc, error);
}

/* Roles ------------------------------------------------------------------ */

void
ls_geo_query_set_roles (LsGeoQuery *query,
                        LsAnalysis *analysis)
{
  g_autoptr(GStrvBuilder) holders = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) deals = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) runners = g_strv_builder_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (query != NULL && analysis != NULL);

  ls_geo_query_clear_roles (query);
  for (guint i = 0; i < ls_analysis_get_n_nodes (analysis); i++)
    {
      const LsAnalysisNode *node = ls_analysis_get_node (analysis, i);

      if (node->role == LS_ROLE_LINE_HOLDER)
        g_strv_builder_add (holders, node->key);
      else if (node->role == LS_ROLE_RUNNER)
        g_strv_builder_add (runners, node->key);
      else if (node->role == LS_ROLE_DEAL_LINE && g_hash_table_add (seen, node->key))
        g_strv_builder_add (deals, node->key);
    }
  findings = ls_analysis_list_findings (analysis, LS_FINDING_DEAL_LINE, NULL);
  for (guint i = 0; i < findings->len; i++)
    {
      LsFinding *f = g_ptr_array_index (findings, i);

      for (guint k = 0; k < f->subjects->len; k++)
        if (g_str_has_prefix (f->subjects->pdata[k], "phone:") && g_hash_table_add (seen, f->subjects->pdata[k]))
          g_strv_builder_add (deals, f->subjects->pdata[k]);
    }
  query->line_holders = g_strv_builder_end (holders);
  query->deal_lines = g_strv_builder_end (deals);
  query->runners = g_strv_builder_end (runners);
}

void
ls_geo_query_clear_roles (LsGeoQuery *query)
{
  g_return_if_fail (query != NULL);

  g_clear_pointer (&query->line_holders, g_strfreev);
  g_clear_pointer (&query->deal_lines, g_strfreev);
  g_clear_pointer (&query->runners, g_strfreev);
}

/* The model ---------------------------------------------------------- */

LsGeoModel *
ls_geo_model_build (sqlite3           *db,
                    LsBasemap         *basemap,
                    const LsGeoQuery  *query,
                    GCancellable      *cancellable,
                    GError           **error)
{
  g_autoptr(LsGeoModel) self = NULL;
  LsGeoQuery defaults = LS_GEO_QUERY_INIT;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (basemap != NULL, NULL);

  if (query == NULL)
    query = &defaults;

  self = g_new0 (LsGeoModel, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->basemap = ls_basemap_ref (basemap);
  self->from = query->from;
  self->to = query->to;
  self->cells = g_array_new (FALSE, TRUE, sizeof (LsGeoCell));
  g_array_set_clear_func (self->cells, (GDestroyNotify) cell_clear);
  self->cell_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->tracks = g_ptr_array_new_with_free_func ((GDestroyNotify) track_free);
  self->flows = g_array_new (FALSE, TRUE, sizeof (LsGeoFlow));
  g_array_set_clear_func (self->flows, (GDestroyNotify) flow_clear);
  self->out_of_area = g_array_new (FALSE, TRUE, sizeof (LsGeoOutOfArea));
  g_array_set_clear_func (self->out_of_area, (GDestroyNotify) out_of_area_clear);

  if (!load_cells (self, db, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !count_cells (self, db, error) ||
      !build_tracks (self, db, query->selected, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !find_hub (self, db, query->line_holders, query->deal_lines, error) ||
      !find_flows (self, db, query->deal_lines, query->runners, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !find_out_of_area (self, db, error))
    return NULL;

  return g_steal_pointer (&self);
}

LsGeoModel *
ls_geo_model_ref (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
ls_geo_model_unref (LsGeoModel *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_clear_pointer (&self->basemap, ls_basemap_unref);
  g_clear_pointer (&self->cells, g_array_unref);
  g_clear_pointer (&self->cell_index, g_hash_table_unref);
  g_clear_pointer (&self->tracks, g_ptr_array_unref);
  g_clear_pointer (&self->flows, g_array_unref);
  g_clear_pointer (&self->out_of_area, g_array_unref);
  g_free (self->area_activity);
  g_free (self->hub.town);
  g_free (self);
}

gint64
ls_geo_model_get_from (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->from;
}

gint64
ls_geo_model_get_to (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return self->to;
}

LsBasemap *
ls_geo_model_get_basemap (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->basemap;
}

guint
ls_geo_model_get_n_cells (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->cells->len;
}

const LsGeoCell *
ls_geo_model_get_cell (LsGeoModel *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL && index < self->cells->len, NULL);

  return &g_array_index (self->cells, LsGeoCell, index);
}

guint
ls_geo_model_get_max_uses (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_uses;
}

const guint *
ls_geo_model_get_area_activity (LsGeoModel *self,
                                guint      *n_areas)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_areas)
    *n_areas = self->n_areas;

  return self->area_activity;
}

guint
ls_geo_model_get_n_tracks (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->tracks->len;
}

const LsGeoTrack *
ls_geo_model_get_track (LsGeoModel *self,
                        guint       index)
{
  g_return_val_if_fail (self != NULL && index < self->tracks->len, NULL);

  return g_ptr_array_index (self->tracks, index);
}

const LsGeoHub *
ls_geo_model_get_hub (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->hub;
}

guint
ls_geo_model_get_n_flows (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->flows->len;
}

const LsGeoFlow *
ls_geo_model_get_flow (LsGeoModel *self,
                       guint       index)
{
  g_return_val_if_fail (self != NULL && index < self->flows->len, NULL);

  return &g_array_index (self->flows, LsGeoFlow, index);
}

guint
ls_geo_model_get_n_out_of_area (LsGeoModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->out_of_area->len;
}

const LsGeoOutOfArea *
ls_geo_model_get_out_of_area (LsGeoModel *self,
                              guint       index)
{
  g_return_val_if_fail (self != NULL && index < self->out_of_area->len, NULL);

  return &g_array_index (self->out_of_area, LsGeoOutOfArea, index);
}

static int
compare_active (gconstpointer a, gconstpointer b)
{
  const LsGeoActive *aa = a, *ab = b;

  if (aa->contacts != ab->contacts)
    return aa->contacts < ab->contacts ? 1 : -1;

  return g_strcmp0 (aa->label, ab->label);
}

GArray *
ls_geo_model_list_active (LsGeoModel  *self,
                          sqlite3     *db,
                          int          area,
                          double       easting,
                          double       northing,
                          double       radius,
                          GError     **error)
{
  g_autoptr(GArray) cells = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) active = g_array_new (FALSE, TRUE, sizeof (LsGeoActive));
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *list = NULL;
  g_autofree char *sql = NULL;
  int rc;

  g_return_val_if_fail (self != NULL && db != NULL, NULL);

  g_array_set_clear_func (active, (GDestroyNotify) active_clear);
  for (guint i = 0; i < self->cells->len; i++)
    {
      const LsGeoCell *c = &g_array_index (self->cells, LsGeoCell, i);

      if ((area >= 0 && c->area == area) ||
          (area < 0 && hypot (c->easting - easting, c->northing - northing) <= radius))
        g_array_append_val (cells, c->id);
    }
  if (cells->len == 0)
    return g_steal_pointer (&active);

  list = id_list (cells);
  sql = g_strdup_printf ("SELECT ph.id, ph.number, p.id, p.name, p.dob, p.vulnerable, COUNT(*) "
                         "FROM calls c JOIN phones ph ON ph.id = c.caller_id "
                         "LEFT JOIN people p ON p.id = ph.person_id "
                         "WHERE c.cell_id IN (%s) AND c.start >= ?1 AND c.start < ?2 "
                         "GROUP BY ph.id", list);
  if (!(stmt = prepare (db, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, range_from (self));
  sqlite3_bind_int64 (stmt, 2, range_to (self));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean person = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      g_autofree char *key = person
        ? g_strdup_printf ("person:%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 2))
        : g_strdup_printf ("phone:%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      gpointer found = g_hash_table_lookup (by_key, key);
      LsGraphNode node = { .dob = (char *) sqlite3_column_text (stmt, 4),
                           .vulnerable = sqlite3_column_int (stmt, 5) != 0 };

      if (found != NULL)
        {
          g_array_index (active, LsGeoActive, GPOINTER_TO_UINT (found) - 1).contacts += sqlite3_column_int (stmt, 6);
          continue;
        }
      {
        LsGeoActive a = {
          .key = g_steal_pointer (&key),
          .label = g_strdup ((const char *) sqlite3_column_text (stmt, person ? 3 : 1)),
          .contacts = sqlite3_column_int (stmt, 6),
          .victim = person && ls_graph_node_is_victim (&node, self->from >= 0 ? self->from : g_get_real_time () / G_USEC_PER_SEC),
        };

        g_array_append_val (active, a);
        g_hash_table_insert (by_key, a.key, GUINT_TO_POINTER (active->len));
      }
    }
  if (!step_done (db, rc, error))
    return NULL;
  g_hash_table_steal_all (by_key);
  g_array_sort (active, compare_active);

  return g_steal_pointer (&active);
}
