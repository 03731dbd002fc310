/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsTimelineView: the timeline of the session's case — swimlanes of calls
 * and events, zoomable from the whole case to minutes. Dragging across it
 * sets the session's date range; it follows the range when other views
 * set it; clicking a lane selects that person in every view. */
#pragma once

#include <gtk/gtk.h>

#include "ls-session.h"
#include "ls-timeline-model.h"

G_BEGIN_DECLS

#define LS_TYPE_TIMELINE_VIEW (ls_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (LsTimelineView, ls_timeline_view, LS, TIMELINE_VIEW, GtkWidget)

GtkWidget       *ls_timeline_view_new            (LsSession      *session);
LsSession       *ls_timeline_view_get_session    (LsTimelineView *self);
void             ls_timeline_view_set_session    (LsTimelineView *self,
                                                  LsSession      *session);
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
/* Whether every load it started has finished (for tests). */
gboolean         ls_timeline_view_is_idle        (LsTimelineView *self);

G_END_DECLS
