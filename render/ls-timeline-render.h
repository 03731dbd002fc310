/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Draws the timeline — title block, activity strip, axis, swimlanes with
 * density bars or call marks, events, the shared date range and the
 * hour × weekday heat map — on any cairo_t. The widget and the exports
 * call the same function. Drawing cost depends on the pixel width and the
 * number of lanes (bins are already aggregated), never on the number of
 * calls in the case. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ls-timeline-model.h"

G_BEGIN_DECLS

typedef struct {
  LsTimelineModel     *model;      /* required */
  LsTimelineBins      *bins;       /* lane densities; NULL while loading */
  LsTimelineBins      *strip;      /* activity strip; NULL: use BINS' totals */
  LsTimelineMarks     *marks;      /* individual calls, drawn instead of BINS where they cover the range */
  const guint32      (*heat)[24];  /* [weekday][hour], Monday first; NULL: no heat map */
  const char          *heat_title; /* whose heat map it is */
  gint64               from;       /* visible range, unix seconds UTC */
  gint64               to;
  gint64               range_from; /* the shared date range, -1 when open */
  gint64               range_to;
  const char * const  *selection;  /* selected node keys, or NULL */
  const gint64        *highlight;  /* call ids drawn emphasised (a finding's evidence), sorted; may be NULL */
  guint                n_highlight;
  const guint         *lanes;      /* lanes to draw, in order; NULL: all from FIRST_LANE */
  guint                n_lanes;
  guint                first_lane; /* vertical scroll when LANES is NULL */
  gboolean             title_block;/* case name, range and marking (exports) */
  const char          *case_name;
  const char          *marking;
  const char          *footer;     /* e.g. "Page 2 of 6"; may be NULL */
  gboolean             legend;     /* key to the event symbols */
  gboolean             hide_numbers; /* redaction: numbers masked */
  gboolean             hide_names;   /* redaction: names replaced by pseudonyms */
} LsTimelineScene;

#define LS_TIMELINE_SCENE_INIT { .range_from = -1, .range_to = -1 }

typedef struct {
  double   width, height;
  double   plot_x, plot_width;     /* the time area, right of the lane labels */
  double   title_y, title_height;
  double   strip_y, strip_height;
  double   axis_y, axis_height;
  double   lanes_y, lane_height;
  guint    n_visible;              /* lanes drawn */
  double   heat_y, heat_height;
  double   legend_y;
} LsTimelineLayout;

void     ls_timeline_render_layout (const LsTimelineScene *scene,
                                    double                 width,
                                    double                 height,
                                    LsTimelineLayout      *layout);
void     ls_timeline_render        (cairo_t               *cr,
                                    const LsTimelineScene *scene,
                                    double                 width,
                                    double                 height);
double   ls_timeline_render_x_at   (const LsTimelineScene  *scene,
                                    const LsTimelineLayout *layout,
                                    gint64                  t);
gint64   ls_timeline_render_time_at (const LsTimelineScene  *scene,
                                     const LsTimelineLayout *layout,
                                     double                  x);
/* The model lane at Y, or -1. */
int      ls_timeline_render_lane_at (const LsTimelineScene  *scene,
                                     const LsTimelineLayout *layout,
                                     double                  y);
/* Y of the top of the Nth visible row. */
double   ls_timeline_render_row_y  (const LsTimelineLayout *layout,
                                    guint                   row);
/* The mark nearest (X, Y) within a few pixels, or NULL. */
const LsTimelineMark *ls_timeline_render_mark_at (const LsTimelineScene  *scene,
                                                  const LsTimelineLayout *layout,
                                                  double                  x,
                                                  double                  y);
/* The event under (X, Y), or NULL. */
const LsTimelineEvent *ls_timeline_render_event_at (const LsTimelineScene  *scene,
                                                    const LsTimelineLayout *layout,
                                                    double                  x,
                                                    double                  y);
/* A lane's label after redaction. */
char    *ls_timeline_render_lane_label (const LsTimelineScene *scene,
                                        guint                  lane);
char    *ls_timeline_render_mask_number (const char *number);
/* The symbol of an event kind, centred on (X, Y), radius R. */
void     ls_timeline_render_event_glyph (cairo_t             *cr,
                                         LsTimelineEventKind  kind,
                                         double               x,
                                         double               y,
                                         double               r);
const char *ls_timeline_render_event_name (LsTimelineEventKind kind);

G_END_DECLS
