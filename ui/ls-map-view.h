/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsMapView: the geographic spread of a case on an offline map of the UK:
 * cells, force areas, the hub and its flows to the county towns, tracks of
 * the selected people, people found out of area. Follows the session's
 * range and selection. */
#pragma once

#include <gtk/gtk.h>

#include "ls-geo-model.h"
#include "ls-view.h"

G_BEGIN_DECLS

#define LS_TYPE_MAP_VIEW (ls_map_view_get_type ())
G_DECLARE_FINAL_TYPE (LsMapView, ls_map_view, LS, MAP_VIEW, GtkWidget)

GtkWidget *ls_map_view_new         (LsSession *session);
/* Scale in metres per pixel, and the centre, in British National Grid. */
double     ls_map_view_get_scale   (LsMapView *self);
void       ls_map_view_zoom_at     (LsMapView *self,
                                    double     factor,
                                    double     x,
                                    double     y);
void       ls_map_view_pan         (LsMapView *self,
                                    double     dx,
                                    double     dy);
/* What the map shows now (for tests and the export of this view). */
LsGeoModel *ls_map_view_get_model  (LsMapView *self);
/* TRUE once the basemap and a model for the current range are drawn. */
gboolean   ls_map_view_is_ready    (LsMapView *self);

G_END_DECLS
