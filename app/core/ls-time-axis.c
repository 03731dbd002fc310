/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Axis ticks on the local calendar. Sub-day steps walk real (UTC) time,
 * which is what a clock change does to a day: 23 or 25 hour ticks, "01:00"
 * twice in October. Day and longer steps walk local dates, so every tick
 * is a local midnight whatever the offset. */
#define G_LOG_DOMAIN "ls-time-axis"
#include "config.h"

#include "ls-time.h"
#include "ls-time-axis.h"

#define MINUTE 60
#define HOUR   3600
#define DAY    86400

static const LsTimeStep steps[] = {
  { LS_TIME_UNIT_MINUTE, 1,  MINUTE },
  { LS_TIME_UNIT_MINUTE, 5,  5 * MINUTE },
  { LS_TIME_UNIT_MINUTE, 10, 10 * MINUTE },
  { LS_TIME_UNIT_MINUTE, 15, 15 * MINUTE },
  { LS_TIME_UNIT_MINUTE, 30, 30 * MINUTE },
  { LS_TIME_UNIT_HOUR,   1,  HOUR },
  { LS_TIME_UNIT_HOUR,   2,  2 * HOUR },
  { LS_TIME_UNIT_HOUR,   3,  3 * HOUR },
  { LS_TIME_UNIT_HOUR,   6,  6 * HOUR },
  { LS_TIME_UNIT_HOUR,   12, 12 * HOUR },
  { LS_TIME_UNIT_DAY,    1,  DAY },
  { LS_TIME_UNIT_DAY,    2,  2 * DAY },
  { LS_TIME_UNIT_WEEK,   1,  7 * DAY },
  { LS_TIME_UNIT_MONTH,  1,  30 * DAY },
  { LS_TIME_UNIT_MONTH,  3,  91 * DAY },
  { LS_TIME_UNIT_MONTH,  6,  182 * DAY },
  { LS_TIME_UNIT_YEAR,   1,  365 * DAY },
};

const LsTimeStep *
ls_time_axis_choose_step (gint64 from,
                          gint64 to,
                          double width,
                          double min_spacing)
{
  double px_per_second;

  g_return_val_if_fail (to > from, &steps[G_N_ELEMENTS (steps) - 1]);

  px_per_second = width / (double) (to - from);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].nominal * px_per_second >= min_spacing)
      return &steps[i];

  return &steps[G_N_ELEMENTS (steps) - 1];
}

static GDateTime *
local_at (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

  return g_date_time_to_timezone (utc, ls_time_zone_london ());
}

static GDateTime *
local_midnight (int y, int m, int d)
{
  return g_date_time_new (ls_time_zone_london (), y, m, d, 0, 0, 0);
}

gint64
ls_time_axis_floor (gint64     t,
                    LsTimeUnit unit)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) start = NULL;
  int y, m, d;

  /* London's offsets are whole hours, so UTC minutes and hours are local ones. */
  if (unit == LS_TIME_UNIT_MINUTE)
    return t - (((t % MINUTE) + MINUTE) % MINUTE);
  if (unit == LS_TIME_UNIT_HOUR)
    return t - (((t % HOUR) + HOUR) % HOUR);

  local = local_at (t);
  g_date_time_get_ymd (local, &y, &m, &d);
  switch (unit)
    {
    case LS_TIME_UNIT_DAY:
      start = local_midnight (y, m, d);
      break;
    case LS_TIME_UNIT_WEEK:
      {
        g_autoptr(GDateTime) day = local_midnight (y, m, d);
        start = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
      }
      break;
    case LS_TIME_UNIT_MONTH:
      start = local_midnight (y, m, 1);
      break;
    case LS_TIME_UNIT_YEAR:
    default:
      start = local_midnight (y, 1, 1);
      break;
    }

  return g_date_time_to_unix (start);
}

gint64
ls_time_axis_next (gint64     t,
                   LsTimeUnit unit,
                   guint      count)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) next = NULL;

  if (unit == LS_TIME_UNIT_MINUTE)
    return t + (gint64) count * MINUTE;
  if (unit == LS_TIME_UNIT_HOUR)
    return t + (gint64) count * HOUR;

  /* Calendar arithmetic on the local date keeps the wall-clock time, so
   * midnight + 1 day is the next midnight even across a clock change. */
  local = local_at (t);
  switch (unit)
    {
    case LS_TIME_UNIT_DAY:
      next = g_date_time_add_days (local, count);
      break;
    case LS_TIME_UNIT_WEEK:
      next = g_date_time_add_weeks (local, count);
      break;
    case LS_TIME_UNIT_MONTH:
      next = g_date_time_add_months (local, count);
      break;
    case LS_TIME_UNIT_YEAR:
    default:
      next = g_date_time_add_years (local, count);
      break;
    }

  return g_date_time_to_unix (next);
}

static void
tick_clear (gpointer data)
{
  LsTimeTick *tick = data;

  g_free (tick->label);
}

/* Whether the tick at local time LOCAL belongs to a step of COUNT units,
 * and whether it starts the next larger unit. */
static gboolean
tick_wanted (GDateTime        *local,
             const LsTimeStep *step,
             gboolean         *major)
{
  int minute = g_date_time_get_minute (local);
  int hour = g_date_time_get_hour (local);
  int day = g_date_time_get_day_of_month (local);
  int month = g_date_time_get_month (local);

  switch (step->unit)
    {
    case LS_TIME_UNIT_MINUTE:
      *major = minute == 0 && hour == 0;
      return minute % step->count == 0;
    case LS_TIME_UNIT_HOUR:
      *major = hour == 0;
      return minute == 0 && hour % step->count == 0;
    case LS_TIME_UNIT_DAY:
      *major = day == 1;
      return (day - 1) % step->count == 0 && (step->count == 1 || day < 31);
    case LS_TIME_UNIT_WEEK:
      *major = day <= 7;
      return TRUE;
    case LS_TIME_UNIT_MONTH:
      *major = month == 1;
      return (month - 1) % step->count == 0;
    case LS_TIME_UNIT_YEAR:
    default:
      *major = FALSE;
      return TRUE;
    }
}

static char *
tick_label (GDateTime        *local,
            const LsTimeStep *step,
            gboolean          major)
{
  switch (step->unit)
    {
    case LS_TIME_UNIT_MINUTE:
    case LS_TIME_UNIT_HOUR:
      return g_date_time_format (local, major ? "%a %-d %b" : "%H:%M");
    case LS_TIME_UNIT_DAY:
      return g_date_time_format (local, major ? "%-d %b" : "%a %-d");
    case LS_TIME_UNIT_WEEK:
      return g_date_time_format (local, "%-d %b");
    case LS_TIME_UNIT_MONTH:
      return g_date_time_format (local, major ? "%Y" : "%b");
    case LS_TIME_UNIT_YEAR:
    default:
      return g_date_time_format (local, "%Y");
    }
}

GArray *
ls_time_axis_ticks (gint64            from,
                    gint64            to,
                    const LsTimeStep *step)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (LsTimeTick));
  /* Sub-day steps advance one base unit at a time and keep the multiples;
   * longer ones advance one local day/week/month/year. */
  LsTimeUnit walk = step->unit;
  gint64 t;

  g_return_val_if_fail (step != NULL, ticks);
  g_array_set_clear_func (ticks, tick_clear);
  if (to < from)
    return ticks;

  if (walk == LS_TIME_UNIT_MINUTE && step->count > 1)
    t = from - (((from % step->nominal) + step->nominal) % step->nominal);
  else
    t = ls_time_axis_floor (from, walk);

  while (t <= to)
    {
      g_autoptr(GDateTime) local = local_at (t);
      gboolean major = FALSE;

      if (t >= from && tick_wanted (local, step, &major))
        {
          LsTimeTick tick = { t, major, tick_label (local, step, major) };
          g_array_append_val (ticks, tick);
        }
      if (walk == LS_TIME_UNIT_MINUTE && step->count > 1)
        t += step->nominal;
      else
        t = ls_time_axis_next (t, walk, 1);
    }

  return ticks;
}

char *
ls_time_axis_format_range (gint64 from,
                           gint64 to)
{
  g_autofree char *a = ls_time_format_local (from, "%-d %b %Y %H:%M");
  g_autofree char *b = ls_time_format_local (to, "%-d %b %Y %H:%M");

  return g_strdup_printf ("%s – %s", a, b);
}
