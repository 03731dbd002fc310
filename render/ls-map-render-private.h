/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing helpers shared by the files of the map renderer. */
#pragma once

#include <pango/pangocairo.h>

#include "ls-map-render.h"
#include "ls-render-style.h"

G_BEGIN_DECLS

void         ls_map_set_color          (cairo_t              *cr,
                                        const LsColor        *c,
                                        double                alpha);
PangoLayout *ls_map_make_layout        (cairo_t              *cr,
                                        const char           *text,
                                        double                size,
                                        gboolean              bold);
void         ls_map_show_text          (cairo_t              *cr,
                                        PangoLayout          *layout,
                                        double                x,
                                        double                y,
                                        const LsColor        *color);
double       ls_map_cell_radius        (const LsGeoCell      *cell,
                                        guint                 max_uses);
double       ls_map_flow_width         (const LsGeoFlow      *flow,
                                        guint                 max_contacts);
void         ls_map_flow_curve         (const LsMapViewState *view,
                                        const LsGeoHub       *hub,
                                        const LsGeoFlow      *flow,
                                        double                pts[8]);
void         ls_map_bezier_point       (const double          p[8],
                                        double                t,
                                        double               *x,
                                        double               *y);
guint        ls_map_max_flow_contacts  (LsGeoModel           *model);
void         ls_map_draw_flow          (cairo_t              *cr,
                                        const LsMapViewState *view,
                                        const LsGeoHub       *hub,
                                        const LsGeoFlow      *flow,
                                        guint                 max,
                                        const LsColor        *color,
                                        double                alpha);
void         ls_map_draw_hub_marker    (cairo_t              *cr,
                                        double                x,
                                        double                y);
char        *ls_map_person_label       (const LsMapViewState *view,
                                        const char           *name,
                                        const char           *key);
void         ls_map_draw_house         (cairo_t              *cr,
                                        double                x,
                                        double                y,
                                        double                s);
void         ls_map_draw_found_marker  (cairo_t              *cr,
                                        double                x,
                                        double                y,
                                        double                s);

G_END_DECLS
