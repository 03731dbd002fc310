/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Axis ticks on the Europe/London calendar, across the clock changes. */
#define G_LOG_DOMAIN "test-timeline-axis"
#include "config.h"

#include "ls-time.h"
#include "ls-time-axis.h"

/* 2024-03-31: clocks go forward at 01:00 GMT; 2024-10-27: back at 01:00 GMT. */
#define SPRING_MIDNIGHT 1711843200   /* 2024-03-31 00:00 GMT */
#define SPRING_NEXT     1711926000   /* 2024-04-01 00:00 BST = 2024-03-31 23:00 UTC */
#define AUTUMN_MIDNIGHT 1729983600   /* 2024-10-27 00:00 BST = 2024-10-26 23:00 UTC */
#define AUTUMN_NEXT     1730073600   /* 2024-10-28 00:00 GMT */

static const LsTimeStep *
step_of (LsTimeUnit unit,
         guint      count)
{
  /* Choose with a width that makes exactly that step the finest fitting. */
  for (double w = 10; w < 1e9; w *= 1.01)
    {
      const LsTimeStep *s = ls_time_axis_choose_step (0, 86400 * 400, w, 50);
      if (s->unit == unit && s->count == count)
        return s;
    }
  g_assert_not_reached ();
}

static void
test_day_lengths (void)
{
  g_assert_cmpint (ls_time_axis_floor (SPRING_MIDNIGHT + 5 * 3600, LS_TIME_UNIT_DAY), ==, SPRING_MIDNIGHT);
  g_assert_cmpint (ls_time_axis_next (SPRING_MIDNIGHT, LS_TIME_UNIT_DAY, 1), ==, SPRING_NEXT);
  g_assert_cmpint (SPRING_NEXT - SPRING_MIDNIGHT, ==, 23 * 3600);
  g_assert_cmpint (ls_time_axis_floor (AUTUMN_MIDNIGHT + 24 * 3600, LS_TIME_UNIT_DAY), ==, AUTUMN_MIDNIGHT);
  g_assert_cmpint (ls_time_axis_next (AUTUMN_MIDNIGHT, LS_TIME_UNIT_DAY, 1), ==, AUTUMN_NEXT);
  g_assert_cmpint (AUTUMN_NEXT - AUTUMN_MIDNIGHT, ==, 25 * 3600);
  /* Monday 2024-10-21 00:00 BST is the week of the change. */
  g_assert_cmpint (ls_time_axis_floor (AUTUMN_NEXT - 1, LS_TIME_UNIT_WEEK), ==, AUTUMN_MIDNIGHT - 6 * 86400);
  /* 1 November 00:00 GMT. */
  g_assert_cmpint (ls_time_axis_floor (AUTUMN_NEXT + 10 * 86400, LS_TIME_UNIT_MONTH), ==, 1730419200);
}

static void
test_hours_spring (void)
{
  g_autoptr(GArray) ticks = ls_time_axis_ticks (SPRING_MIDNIGHT, SPRING_NEXT - 1, step_of (LS_TIME_UNIT_HOUR, 1));

  /* A 23-hour day: 00:00, 02:00, 03:00 … 23:00, and no 01:00. */
  g_assert_cmpuint (ticks->len, ==, 23);
  g_assert_cmpstr (g_array_index (ticks, LsTimeTick, 1).label, ==, "02:00");
  g_assert_cmpint (g_array_index (ticks, LsTimeTick, 1).t, ==, SPRING_MIDNIGHT + 3600);
  g_assert_true (g_array_index (ticks, LsTimeTick, 0).major);
  for (guint i = 0; i < ticks->len; i++)
    g_assert_cmpstr (g_array_index (ticks, LsTimeTick, i).label, !=, "01:00");
  g_assert_cmpstr (g_array_index (ticks, LsTimeTick, 22).label, ==, "23:00");
}

static void
test_hours_autumn (void)
{
  g_autoptr(GArray) ticks = ls_time_axis_ticks (AUTUMN_MIDNIGHT, AUTUMN_NEXT - 1, step_of (LS_TIME_UNIT_HOUR, 1));
  g_autoptr(GArray) six = ls_time_axis_ticks (AUTUMN_MIDNIGHT, AUTUMN_NEXT, step_of (LS_TIME_UNIT_HOUR, 6));
  guint ones = 0;

  /* A 25-hour day: 01:00 happens twice, an hour apart. */
  g_assert_cmpuint (ticks->len, ==, 25);
  for (guint i = 0; i < ticks->len; i++)
    if (g_str_equal (g_array_index (ticks, LsTimeTick, i).label, "01:00"))
      ones++;
  g_assert_cmpuint (ones, ==, 2);
  g_assert_cmpint (g_array_index (ticks, LsTimeTick, 2).t - g_array_index (ticks, LsTimeTick, 1).t, ==, 3600);

  /* Six-hourly: 00, 06, 12, 18 local, then the next midnight 25 h on. */
  g_assert_cmpuint (six->len, ==, 5);
  g_assert_cmpstr (g_array_index (six, LsTimeTick, 1).label, ==, "06:00");
  g_assert_cmpint (g_array_index (six, LsTimeTick, 1).t, ==, AUTUMN_MIDNIGHT + 7 * 3600);
  g_assert_cmpint (g_array_index (six, LsTimeTick, 4).t, ==, AUTUMN_NEXT);
  g_assert_true (g_array_index (six, LsTimeTick, 4).major);
}

static void
test_days_across_change (void)
{
  g_autoptr(GArray) ticks = ls_time_axis_ticks (SPRING_MIDNIGHT - 2 * 86400, SPRING_NEXT + 2 * 86400,
                                                step_of (LS_TIME_UNIT_DAY, 1));

  /* 29, 30, 31 March, 1, 2, 3 April: each a local midnight. */
  g_assert_cmpuint (ticks->len, ==, 6);
  for (guint i = 0; i < ticks->len; i++)
    {
      g_autofree char *hm = ls_time_format_local (g_array_index (ticks, LsTimeTick, i).t, "%H:%M");
      g_assert_cmpstr (hm, ==, "00:00");
    }
  g_assert_cmpstr (g_array_index (ticks, LsTimeTick, 2).label, ==, "Sun 31");
  g_assert_cmpstr (g_array_index (ticks, LsTimeTick, 3).label, ==, "1 Apr");
  g_assert_true (g_array_index (ticks, LsTimeTick, 3).major);
}

static void
test_choose (void)
{
  const LsTimeStep *s;

  /* Six months across 1200 px: months. A day across 1200 px: hours. An
   * hour: minutes. */
  s = ls_time_axis_choose_step (1704067200, 1704067200 + 183 * 86400, 1200, 60);
  g_assert_cmpint (s->unit, ==, LS_TIME_UNIT_MONTH);
  s = ls_time_axis_choose_step (SPRING_MIDNIGHT, SPRING_NEXT, 1200, 40);
  g_assert_cmpint (s->unit, ==, LS_TIME_UNIT_HOUR);
  s = ls_time_axis_choose_step (SPRING_MIDNIGHT, SPRING_MIDNIGHT + 3600, 1200, 60);
  g_assert_cmpint (s->unit, ==, LS_TIME_UNIT_MINUTE);
  g_assert_cmpuint (s->count, ==, 5);
}

static void
test_minutes_and_months (void)
{
  g_autoptr(GArray) minutes = ls_time_axis_ticks (SPRING_NEXT + 7 * 60, SPRING_NEXT + 3600,
                                                  step_of (LS_TIME_UNIT_MINUTE, 15));
  g_autoptr(GArray) months = ls_time_axis_ticks (1704067200, 1704067200 + 366 * 86400,
                                                 step_of (LS_TIME_UNIT_MONTH, 1));

  /* 00:15, 00:30, 00:45, 01:00 BST. */
  g_assert_cmpuint (minutes->len, ==, 4);
  g_assert_cmpstr (g_array_index (minutes, LsTimeTick, 0).label, ==, "00:15");
  /* 2024 is a leap year: Jan 2024 … Jan 2025, 13 ticks, with January major. */
  g_assert_cmpuint (months->len, ==, 13);
  g_assert_cmpstr (g_array_index (months, LsTimeTick, 0).label, ==, "2024");
  g_assert_cmpstr (g_array_index (months, LsTimeTick, 3).label, ==, "Apr");
  /* April starts at 00:00 BST, i.e. 23:00 UTC on 31 March. */
  g_assert_cmpint (g_array_index (months, LsTimeTick, 3).t, ==, SPRING_NEXT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline/axis/day-lengths", test_day_lengths);
  g_test_add_func ("/timeline/axis/hours-spring", test_hours_spring);
  g_test_add_func ("/timeline/axis/hours-autumn", test_hours_autumn);
  g_test_add_func ("/timeline/axis/days-across-change", test_days_across_change);
  g_test_add_func ("/timeline/axis/choose", test_choose);
  g_test_add_func ("/timeline/axis/minutes-and-months", test_minutes_and_months);
  return g_test_run ();
}
