/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map renderer: draws the basemap and an LsGeoModel onto any cairo_t,
 * for the view (from snapshot) and for exports (PNG, and vector PDF/SVG),
 * so that an export is what the screen shows. Split in three so a view can
 * cache the part that does not move: the world (basemap and data, fixed to
 * the map), the overlay (hover, selection) and the frame (scale bar, north
 * arrow, legend, title and marking, date range, attribution: fixed to the
 * page). */
#pragma once

#include <cairo.h>

#include "ls-basemap.h"
#include "ls-geo-model.h"

G_BEGIN_DECLS

typedef enum {
  LS_MAP_LAYER_OUTLINE     = 1 << 0,
  LS_MAP_LAYER_AREAS       = 1 << 1,
  LS_MAP_LAYER_TOWNS       = 1 << 2,
  LS_MAP_LAYER_CELLS       = 1 << 3,
  LS_MAP_LAYER_TRACKS      = 1 << 4,
  LS_MAP_LAYER_FLOWS       = 1 << 5,
  LS_MAP_LAYER_OUT_OF_AREA = 1 << 6,
  LS_MAP_LAYER_ALL         = 0x7f,
} LsMapLayers;

typedef struct {
  double       center_e;     /* British National Grid metres at the centre */
  double       center_n;
  double       scale;        /* metres per pixel */
  int          width;        /* pixels */
  int          height;
  LsMapLayers  layers;
  const char  *title;        /* the case's name, or NULL */
  const char  *marking;      /* protective marking, or NULL */
  gboolean     hide_names;   /* redaction: people shown by reference only */
  gboolean     export_labels;/* counts written on the flows (no hover on paper) */
} LsMapViewState;

typedef enum {
  LS_MAP_HIT_NONE,
  LS_MAP_HIT_AREA,
  LS_MAP_HIT_TOWN,
  LS_MAP_HIT_CELL,
  LS_MAP_HIT_FLOW,
  LS_MAP_HIT_HUB,
  LS_MAP_HIT_OUT_OF_AREA,
  LS_MAP_HIT_TRACK,
} LsMapHitKind;

typedef struct {
  LsMapHitKind kind;
  int          index;        /* into the basemap's areas/towns or the model's lists */
  char        *key;          /* a node key to select, or NULL */
  char        *tooltip;      /* what hovering shows */
  double       easting;      /* where it is */
  double       northing;
} LsMapHit;

void     ls_map_view_fit          (LsMapViewState       *view,
                                   const LsBBox         *bbox,
                                   double                margin);
void     ls_map_view_to_screen    (const LsMapViewState *view,
                                   double                easting,
                                   double                northing,
                                   double               *x,
                                   double               *y);
void     ls_map_view_to_map       (const LsMapViewState *view,
                                   double                x,
                                   double                y,
                                   double               *easting,
                                   double               *northing);
/* The extent of the data worth showing: cells in use, hub, flows. */
gboolean ls_map_model_extent      (LsGeoModel           *model,
                                   LsBBox               *bbox);

void     ls_map_render_world      (cairo_t              *cr,
                                   LsBasemap            *basemap,
                                   LsGeoModel           *model,
                                   const LsMapViewState *view);
void     ls_map_render_overlay    (cairo_t              *cr,
                                   LsBasemap            *basemap,
                                   LsGeoModel           *model,
                                   const LsMapViewState *view,
                                   const LsMapHit       *hover,
                                   const char * const   *selection);
void     ls_map_render_frame      (cairo_t              *cr,
                                   LsBasemap            *basemap,
                                   LsGeoModel           *model,
                                   const LsMapViewState *view);
/* All three: what an export draws. */
void     ls_map_render            (cairo_t              *cr,
                                   LsBasemap            *basemap,
                                   LsGeoModel           *model,
                                   const LsMapViewState *view);

gboolean ls_map_hit_test          (LsBasemap            *basemap,
                                   LsGeoModel           *model,
                                   const LsMapViewState *view,
                                   double                x,
                                   double                y,
                                   LsMapHit             *hit);
void     ls_map_hit_clear         (LsMapHit             *hit);

G_END_DECLS
