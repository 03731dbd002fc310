/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tick marks for a time axis: which instants to label for a range drawn
 * across a pixel width, on Europe/London's calendar (so a tick at
 * "00:00" is local midnight, and a day is 23 or 25 hours when the clocks
 * change). Pure functions: no drawing, no database. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LS_TIME_UNIT_MINUTE,
  LS_TIME_UNIT_HOUR,
  LS_TIME_UNIT_DAY,
  LS_TIME_UNIT_WEEK,
  LS_TIME_UNIT_MONTH,
  LS_TIME_UNIT_YEAR,
} LsTimeUnit;

/* A tick step: COUNT of UNIT, e.g. 15 minutes, 6 hours, 3 months. */
typedef struct {
  LsTimeUnit unit;
  guint      count;
  gint64     nominal;   /* typical length in seconds, for choosing */
} LsTimeStep;

typedef struct {
  gint64    t;          /* unix seconds UTC */
  gboolean  major;      /* starts a larger unit (a day among hours, a month among days, …) */
  char     *label;      /* local time, short: "14:00", "Mon 4", "Mar", "2024" */
} LsTimeTick;

/* The finest step whose ticks are at least MIN_SPACING pixels apart when
 * the range FROM..TO is WIDTH pixels wide. */
const LsTimeStep *ls_time_axis_choose_step (gint64   from,
                                            gint64   to,
                                            double   width,
                                            double   min_spacing);
/* Ticks of STEP in [FROM, TO], as an array of LsTimeTick (labels freed
 * with the array). */
GArray           *ls_time_axis_ticks       (gint64            from,
                                            gint64            to,
                                            const LsTimeStep *step);
/* The start of the local calendar unit containing T (local midnight for
 * a day, the Monday for a week, the 1st for a month), and the start of
 * the next one: correct over the clock changes. */
gint64            ls_time_axis_floor       (gint64      t,
                                            LsTimeUnit  unit);
gint64            ls_time_axis_next        (gint64      t,
                                            LsTimeUnit  unit,
                                            guint       count);
/* Label for the span of one step, for the axis's caption: "March 2024",
 * "Sun 31 March 2024". */
char             *ls_time_axis_format_range (gint64      from,
                                             gint64      to);

G_END_DECLS
