/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsMapCache: the world layer of the map rendered once into an image a
 * little larger than the view, so panning only moves a picture and draws
 * the overlay and frame on top. Re-rendered when the scale, the layers or
 * the data change, or when a pan runs off its margin. */
#pragma once

#include <cairo.h>

#include "ls-map-render.h"

G_BEGIN_DECLS

typedef struct _LsMapCache LsMapCache;

LsMapCache      *ls_map_cache_new        (void);
void             ls_map_cache_free       (LsMapCache           *self);
/* The model, selection or layers changed: render again on next update. */
void             ls_map_cache_invalidate (LsMapCache           *self);
/* Makes the cache cover VIEW; TRUE when it had to render. */
gboolean         ls_map_cache_update     (LsMapCache           *self,
                                          LsBasemap            *basemap,
                                          LsGeoModel           *model,
                                          const LsMapViewState *view,
                                          int                   device_scale);
/* The cached image and where its top-left corner falls in VIEW. */
cairo_surface_t *ls_map_cache_get_surface (LsMapCache          *self,
                                          const LsMapViewState *view,
                                          double               *x,
                                          double               *y);
void             ls_map_cache_paint      (LsMapCache           *self,
                                          cairo_t              *cr,
                                          const LsMapViewState *view);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsMapCache, ls_map_cache_free)

G_END_DECLS
