/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline's per-zoom queries: binned counts, individual calls and the
 * heat map. SQLite groups; C only files the groups into arrays, so a
 * million calls cost a scan of an index range, and the drawing code only
 * ever sees as many numbers as there are bins. */
#define G_LOG_DOMAIN "ls-timeline-query"
#include "config.h"

#include <string.h>

#include "ls-case.h"
#include "ls-time.h"
#include "ls-time-axis.h"
#include "ls-timeline-private.h"

struct _LsTimelineBins
{
  gatomicrefcount  ref_count;
  gint64           bin;
  gboolean         local_clock; /* bins counted on the local wall clock */
  gint64           origin;     /* seconds of bin 0: local clock, or UTC */
  guint            n_bins;
  guint            n_lanes;
  gint64          *starts;     /* n_bins + 1 unix seconds UTC */
  guint32         *out;        /* n_lanes × n_bins */
  guint32         *in;
  guint32         *total;      /* n_bins */
  guint64         *cumulative; /* n_bins + 1: calls on lanes before bin i */
  guint32          lane_max;
  guint32          total_max;
};

struct _LsTimelineMarks
{
  gatomicrefcount  ref_count;
  gint64           from;
  gint64           to;
  GArray          *marks;      /* LsTimelineMark */
};

static const gint64 bin_sizes[] = {
  60, 5 * 60, 15 * 60, 3600, 3 * 3600, 6 * 3600, 86400, 7 * 86400,
};

gint64
ls_timeline_london_offset (gint64 t)
{
  GTimeZone *tz = ls_time_zone_london ();

  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, t));
}

/* The UTC instant a local wall-clock reading stands for (the later one
 * when the clocks go back, and skipping forward over the gap in March). */
gint64
ls_timeline_local_to_utc (gint64 local)
{
  gint64 t = local - ls_timeline_london_offset (local);

  return local - ls_timeline_london_offset (t);
}

static int
cancel_handler (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/* Long queries stop soon after CANCELLABLE fires; NULL stops watching. */
void
ls_timeline_watch_cancel (sqlite3      *db,
                          GCancellable *cancellable)
{
  if (cancellable)
    sqlite3_progress_handler (db, 10000, cancel_handler, cancellable);
  else
    sqlite3_progress_handler (db, 0, NULL, NULL);
}

static gboolean
failed (sqlite3       *db,
        GCancellable  *cancellable,
        GError       **error,
        const char    *what)
{
  ls_timeline_watch_cancel (db, NULL);
  if (!g_cancellable_set_error_if_cancelled (cancellable, error))
    ls_sqlite_set_error (db, error, what);
  return FALSE;
}

char *
ls_timeline_local_time_sql (const char *column,
                            gint64      from,
                            gint64      to)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  gint64 offset = ls_timeline_london_offset (from);
  guint changes = 0;

  g_return_val_if_fail (column != NULL, NULL);

  g_string_append_printf (sql, "(%s + CASE", column);
  /* Offsets change at most twice a year; look a day at a time and then
   * bisect to the second. */
  for (gint64 t = from; t < to + 86400; t += 86400)
    {
      gint64 next = ls_timeline_london_offset (t + 86400);
      gint64 lo = t, hi = t + 86400;

      if (next == offset)
        continue;
      while (hi - lo > 1)
        {
          gint64 mid = lo + (hi - lo) / 2;
          if (ls_timeline_london_offset (mid) == offset)
            lo = mid;
          else
            hi = mid;
        }
      g_string_append_printf (sql, " WHEN %s < %" G_GINT64_FORMAT " THEN %" G_GINT64_FORMAT,
                              column, hi, offset);
      offset = next;
      changes++;
    }
  if (changes == 0)
    return g_strdup_printf ("(%s + %" G_GINT64_FORMAT ")", column, offset);
  g_string_append_printf (sql, " ELSE %" G_GINT64_FORMAT " END)", offset);

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

const gint64 *
ls_timeline_bin_sizes (guint *n_sizes)
{
  if (n_sizes)
    *n_sizes = G_N_ELEMENTS (bin_sizes);
  return bin_sizes;
}

gint64
ls_timeline_choose_bin (gint64 from,
                        gint64 to,
                        double width,
                        double min_px)
{
  double px_per_second = width / (double) MAX (1, to - from);

  for (guint i = 0; i < G_N_ELEMENTS (bin_sizes); i++)
    if (bin_sizes[i] * px_per_second >= min_px)
      return bin_sizes[i];

  return bin_sizes[G_N_ELEMENTS (bin_sizes) - 1];
}

LsTimelineBins *
ls_timeline_bins_ref (LsTimelineBins *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_timeline_bins_unref (LsTimelineBins *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->starts);
  g_free (self->out);
  g_free (self->in);
  g_free (self->total);
  g_free (self->cumulative);
  g_free (self);
}

/* Bin 0 starts at a local calendar boundary at or before FROM: midnight
 * for days, Monday for weeks, a multiple of the size for shorter bins. */
static gint64
local_origin (gint64 from,
              gint64 bin)
{
  gint64 local;

  if (bin >= 7 * 86400)
    from = ls_time_axis_floor (from, LS_TIME_UNIT_WEEK);
  else if (bin >= 86400)
    from = ls_time_axis_floor (from, LS_TIME_UNIT_DAY);
  local = from + ls_timeline_london_offset (from);

  return local - (((local % bin) + bin) % bin) * (bin < 86400);
}

static gboolean
fill_bins (LsTimelineBins   *self,
           sqlite3          *db,
           const char       *sql,
           guint32          *into,
           LsTimelineModel  *model,
           GCancellable     *cancellable,
           GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return failed (db, cancellable, error, "Cannot count the calls for the timeline");
  sqlite3_bind_int64 (stmt, 1, self->origin);
  sqlite3_bind_int64 (stmt, 2, self->bin);
  sqlite3_bind_int64 (stmt, 3, self->starts[0]);
  sqlite3_bind_int64 (stmt, 4, self->starts[self->n_bins]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 b = sqlite3_column_int64 (stmt, 1);
      guint32 count = sqlite3_column_int64 (stmt, 2);
      int lane = model ? ls_timeline_model_lane_of_phone (model, sqlite3_column_int64 (stmt, 0)) : 0;

      if (lane < 0 || b < 0 || b >= self->n_bins)
        continue;
      into[(gsize) lane * self->n_bins + b] += count;
    }
  if (rc != SQLITE_DONE)
    return failed (db, cancellable, error, "Cannot count the calls for the timeline");

  return TRUE;
}

static void
bins_summarise (LsTimelineBins *self)
{
  self->cumulative = g_new0 (guint64, self->n_bins + 1);
  for (guint b = 0; b < self->n_bins; b++)
    {
      guint64 sum = 0;

      for (guint l = 0; l < self->n_lanes; l++)
        {
          guint32 v = self->out[(gsize) l * self->n_bins + b] + self->in[(gsize) l * self->n_bins + b];
          self->lane_max = MAX (self->lane_max, v);
          sum += v;
        }
      self->cumulative[b + 1] = self->cumulative[b] + sum;
      self->total_max = MAX (self->total_max, self->total[b]);
    }
}

LsTimelineBins *
ls_timeline_bins_build (sqlite3          *db,
                        LsTimelineModel  *model,
                        gint64            from,
                        gint64            to,
                        gint64            bin,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(LsTimelineBins) self = g_new0 (LsTimelineBins, 1);
  g_autofree char *local = NULL;
  g_autofree char *sql_out = NULL, *sql_in = NULL, *sql_total = NULL;
  gint64 local_to;

  g_return_val_if_fail (db != NULL && model != NULL, NULL);
  g_return_val_if_fail (bin > 0 && to > from, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->bin = bin;
  /* Hours and shorter are the same in UTC and local time (London's
   * offsets are whole hours), and counting them in UTC keeps the repeated
   * hour in October as two bins. Longer bins follow the local calendar. */
  self->local_clock = bin > 3600;
  if (self->local_clock)
    {
      self->origin = local_origin (from, bin);
      local_to = to + ls_timeline_london_offset (to);
    }
  else
    {
      self->origin = from - (((from % bin) + bin) % bin);
      local_to = to;
    }
  self->n_bins = MAX (1, (local_to - self->origin + bin - 1) / bin);
  self->n_lanes = ls_timeline_model_get_n_lanes (model);
  self->starts = g_new (gint64, self->n_bins + 1);
  for (guint i = 0; i <= self->n_bins; i++)
    self->starts[i] = self->local_clock ? ls_timeline_local_to_utc (self->origin + (gint64) i * bin)
                                        : self->origin + (gint64) i * bin;
  self->out = g_new0 (guint32, (gsize) MAX (1, self->n_lanes) * self->n_bins);
  self->in = g_new0 (guint32, (gsize) MAX (1, self->n_lanes) * self->n_bins);
  self->total = g_new0 (guint32, self->n_bins);

  local = self->local_clock ? ls_timeline_local_time_sql ("start", self->starts[0], self->starts[self->n_bins])
                            : g_strdup ("start");
  sql_total = g_strdup_printf ("SELECT 0, (%s - ?1) / ?2 AS b, count(*) FROM calls"
                               " WHERE start >= ?3 AND start < ?4 GROUP BY b", local);

  ls_timeline_watch_cancel (db, cancellable);
  if (!fill_bins (self, db, sql_total, self->total, NULL, cancellable, error))
    return NULL;
  if (model->phone_list[0] != '\0')
    {
      /* IN (…) on the (phone, start) indexes: one range scan per lane phone. */
      sql_out = g_strdup_printf ("SELECT caller_id, (%s - ?1) / ?2 AS b, count(*) FROM calls"
                                 " WHERE caller_id IN (%s) AND start >= ?3 AND start < ?4"
                                 " GROUP BY caller_id, b", local, model->phone_list);
      sql_in = g_strdup_printf ("SELECT callee_id, (%s - ?1) / ?2 AS b, count(*) FROM calls"
                                " WHERE callee_id IN (%s) AND start >= ?3 AND start < ?4"
                                " GROUP BY callee_id, b", local, model->phone_list);
      if (!fill_bins (self, db, sql_out, self->out, model, cancellable, error) ||
          !fill_bins (self, db, sql_in, self->in, model, cancellable, error))
        return NULL;
    }
  ls_timeline_watch_cancel (db, NULL);
  bins_summarise (self);

  return g_steal_pointer (&self);
}

gint64
ls_timeline_bins_get_bin_size (LsTimelineBins *self)
{
  return self->bin;
}

guint
ls_timeline_bins_get_n_bins (LsTimelineBins *self)
{
  return self->n_bins;
}

gint64
ls_timeline_bins_get_start (LsTimelineBins *self,
                            guint           i)
{
  g_return_val_if_fail (i <= self->n_bins, -1);

  return self->starts[i];
}

guint
ls_timeline_bins_find (LsTimelineBins *self,
                       gint64          t)
{
  gint64 local = self->local_clock ? t + ls_timeline_london_offset (t) : t;
  gint64 b = (local - self->origin) / self->bin;

  if (local < self->origin)
    return 0;
  return (guint) CLAMP (b, 0, (gint64) self->n_bins);
}

const guint32 *
ls_timeline_bins_get_out (LsTimelineBins *self,
                          guint           lane)
{
  g_return_val_if_fail (lane < self->n_lanes, NULL);

  return self->out + (gsize) lane * self->n_bins;
}

const guint32 *
ls_timeline_bins_get_in (LsTimelineBins *self,
                         guint           lane)
{
  g_return_val_if_fail (lane < self->n_lanes, NULL);

  return self->in + (gsize) lane * self->n_bins;
}

const guint32 *
ls_timeline_bins_get_total (LsTimelineBins *self)
{
  return self->total;
}

guint32
ls_timeline_bins_get_lane_max (LsTimelineBins *self)
{
  return self->lane_max;
}

guint32
ls_timeline_bins_get_total_max (LsTimelineBins *self)
{
  return self->total_max;
}

guint64
ls_timeline_bins_count (LsTimelineBins *self,
                        gint64          from,
                        gint64          to)
{
  guint a = ls_timeline_bins_find (self, from);
  guint b = MIN (self->n_bins, ls_timeline_bins_find (self, to - 1) + 1);

  return b > a ? self->cumulative[b] - self->cumulative[a] : 0;
}

static void
mark_clear (gpointer data)
{
  LsTimelineMark *m = data;

  g_free (m->caller);
  g_free (m->callee);
  g_free (m->cell);
  g_free (m->source);
}

LsTimelineMarks *
ls_timeline_marks_ref (LsTimelineMarks *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_timeline_marks_unref (LsTimelineMarks *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->marks);
  g_free (self);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

LsTimelineMarks *
ls_timeline_marks_build (sqlite3          *db,
                         LsTimelineModel  *model,
                         gint64            from,
                         gint64            to,
                         guint             limit,
                         gboolean         *truncated,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(LsTimelineMarks) self = g_new0 (LsTimelineMarks, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  const char *phones;
  int rc;

  g_return_val_if_fail (db != NULL && model != NULL, NULL);

  if (truncated)
    *truncated = FALSE;
  g_atomic_ref_count_init (&self->ref_count);
  self->from = from;
  self->to = to;
  self->marks = g_array_new (FALSE, FALSE, sizeof (LsTimelineMark));
  g_array_set_clear_func (self->marks, mark_clear);
  phones = model->phone_list[0] ? model->phone_list : "NULL";

  sql = g_strdup_printf ("SELECT c.id, c.start, c.duration, c.kind, c.caller_id, c.callee_id,"
                         " a.number, b.number, cells.cell_ref, cells.name, imports.file_name, c.source_line"
                         " FROM calls c"
                         " LEFT JOIN phones a ON a.id = c.caller_id"
                         " LEFT JOIN phones b ON b.id = c.callee_id"
                         " LEFT JOIN cells ON cells.id = c.cell_id"
                         " LEFT JOIN imports ON imports.id = c.import_id"
                         " WHERE c.start >= ?1 AND c.start < ?2"
                         " AND (c.caller_id IN (%s) OR c.callee_id IN (%s))"
                         " ORDER BY c.start, c.id LIMIT ?3", phones, phones);
  ls_timeline_watch_cancel (db, cancellable);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      failed (db, cancellable, error, "Cannot read the calls for the timeline");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, (gint64) limit + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LsTimelineMark m = { 0 };
      const char *cell_ref = (const char *) sqlite3_column_text (stmt, 8);
      const char *cell_name = (const char *) sqlite3_column_text (stmt, 9);

      if (self->marks->len == limit)
        {
          ls_timeline_watch_cancel (db, NULL);
          if (truncated)
            *truncated = TRUE;
          return NULL;
        }
      m.id = sqlite3_column_int64 (stmt, 0);
      m.start = sqlite3_column_int64 (stmt, 1);
      m.duration = sqlite3_column_int64 (stmt, 2);
      m.kind = sqlite3_column_int (stmt, 3);
      m.caller_lane = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1
                      : ls_timeline_model_lane_of_phone (model, sqlite3_column_int64 (stmt, 4));
      m.callee_lane = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1
                      : ls_timeline_model_lane_of_phone (model, sqlite3_column_int64 (stmt, 5));
      m.caller = dup_column (stmt, 6);
      m.callee = dup_column (stmt, 7);
      if (cell_ref)
        m.cell = cell_name ? g_strdup_printf ("%s (%s)", cell_ref, cell_name) : g_strdup (cell_ref);
      m.source = dup_column (stmt, 10);
      m.line = sqlite3_column_int64 (stmt, 11);
      g_array_append_val (self->marks, m);
    }
  if (rc != SQLITE_DONE)
    {
      failed (db, cancellable, error, "Cannot read the calls for the timeline");
      return NULL;
    }
  ls_timeline_watch_cancel (db, NULL);

  return g_steal_pointer (&self);
}

gint64
ls_timeline_marks_get_from (LsTimelineMarks *self)
{
  return self->from;
}

gint64
ls_timeline_marks_get_to (LsTimelineMarks *self)
{
  return self->to;
}

guint
ls_timeline_marks_get_n_marks (LsTimelineMarks *self)
{
  return self->marks->len;
}

const LsTimelineMark *
ls_timeline_marks_get_mark (LsTimelineMarks *self,
                            guint            index)
{
  g_return_val_if_fail (index < self->marks->len, NULL);

  return &g_array_index (self->marks, LsTimelineMark, index);
}

guint
ls_timeline_marks_bisect (LsTimelineMarks *self,
                          gint64           t)
{
  guint lo = 0, hi = self->marks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->marks, LsTimelineMark, mid).start < t)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

gboolean
ls_timeline_heat_map_build (sqlite3          *db,
                            LsTimelineModel  *model,
                            const guint      *lanes,
                            guint             n_lanes,
                            gint64            from,
                            gint64            to,
                            guint32           counts[7][24],
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *local = NULL;
  g_autofree char *sql = NULL;
  gint64 first, last;
  int rc;

  g_return_val_if_fail (db != NULL && model != NULL, FALSE);

  memset (counts, 0, sizeof (guint32) * 7 * 24);
  for (guint i = 0; i < n_lanes; i++)
    {
      const LsTimelineLane *lane = ls_timeline_model_get_lane (model, lanes[i]);

      for (guint j = 0; lane && j < lane->phone_ids->len; j++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len ? "," : "",
                                g_array_index (lane->phone_ids, gint64, j));
    }
  if (ids->len == 0)
    return TRUE;

  ls_timeline_model_get_extent (model, &first, &last);
  if (from < 0)
    from = MAX (first, 0);
  if (to < 0)
    to = last + 1;
  if (to <= from)
    return TRUE;

  /* Weekday from local days since 1970-01-01, a Thursday (Monday = 0). */
  local = ls_timeline_local_time_sql ("start", from, to);
  sql = g_strdup_printf ("SELECT (t / 86400 + 3) %% 7, (t %% 86400) / 3600, count(*) FROM"
                         " (SELECT %s AS t FROM calls WHERE start >= ?1 AND start < ?2"
                         "  AND caller_id IN (%s)"
                         "  UNION ALL"
                         "  SELECT %s AS t FROM calls WHERE start >= ?1 AND start < ?2"
                         "  AND callee_id IN (%s) AND (caller_id IS NULL OR caller_id NOT IN (%s)))"
                         " GROUP BY 1, 2", local, ids->str, local, ids->str, ids->str);
  ls_timeline_watch_cancel (db, cancellable);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return failed (db, cancellable, error, "Cannot count the calls by hour and weekday");
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int day = sqlite3_column_int (stmt, 0), hour = sqlite3_column_int (stmt, 1);

      if (day >= 0 && day < 7 && hour >= 0 && hour < 24)
        counts[day][hour] += sqlite3_column_int64 (stmt, 2);
    }
  if (rc != SQLITE_DONE)
    return failed (db, cancellable, error, "Cannot count the calls by hour and weekday");
  ls_timeline_watch_cancel (db, NULL);

  return TRUE;
}
