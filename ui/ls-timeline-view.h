/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsTimelineView: the timeline of the session's case — swimlanes of calls
 * and events, zoomable from the whole case to minutes. Dragging across it
 * sets the session's date range; it follows the range when other views
 * set it; clicking a lane selects that person in every view. */
#pragma once

#include <gtk/gtk.h>

#include "ls-timeline-model.h"
#include "ls-view.h"

G_BEGIN_DECLS

#define LS_TYPE_TIMELINE_VIEW (ls_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (LsTimelineView, ls_timeline_view, LS, TIMELINE_VIEW, GtkWidget)

GtkWidget       *ls_timeline_view_new            (LsSession      *session);
/* The visible range, unix seconds UTC. */
void             ls_timeline_view_get_visible    (LsTimelineView *self,
                                                  gint64         *from,
                                                  gint64         *to);
void             ls_timeline_view_set_visible    (LsTimelineView *self,
                                                  gint64          from,
                                                  gint64          to);
/* Zoom by FACTOR (< 1 zooms in) about the instant at fraction ANCHOR of the width. */
void             ls_timeline_view_zoom           (LsTimelineView *self,
                                                  double          factor,
                                                  double          anchor);
LsTimelineModel *ls_timeline_view_get_model      (LsTimelineView *self);
/* Play: the session's range moves on by STEP seconds each tick. */
void             ls_timeline_view_set_play_step  (LsTimelineView *self,
                                                  gint64          step);
void             ls_timeline_view_play_tick      (LsTimelineView *self);
/* Whether every load it started has finished and the picture is drawn. */
gboolean         ls_timeline_view_is_idle        (LsTimelineView *self);
/* Canvas coordinates and time, as last drawn. */
double           ls_timeline_view_x_at           (LsTimelineView *self,
                                                  gint64          t);
gint64           ls_timeline_view_time_at        (LsTimelineView *self,
                                                  double          x);
/* What a drag from X0 to X1 across the lanes does (sets the session's
 * range), and what a click at (X, Y) does (selects that lane's person). */
void             ls_timeline_view_drag_select    (LsTimelineView *self,
                                                  double          x0,
                                                  double          x1);
void             ls_timeline_view_click          (LsTimelineView *self,
                                                  double          x,
                                                  double          y);
/* Y of the middle of the lane with KEY, or -1 when it is not shown. */
double           ls_timeline_view_lane_y         (LsTimelineView *self,
                                                  const char     *key);

G_END_DECLS
