/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-map-cache"
#include "config.h"

#include <math.h>

#include "ls-map-cache.h"

struct _LsMapCache {
  cairo_surface_t *surface;
  LsMapViewState   view;       /* the padded view the surface shows */
  int              device_scale;
  gboolean         valid;
};

LsMapCache *
ls_map_cache_new (void)
{
  return g_new0 (LsMapCache, 1);
}

void
ls_map_cache_free (LsMapCache *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  g_free (self);
}

void
ls_map_cache_invalidate (LsMapCache *self)
{
  g_return_if_fail (self != NULL);

  self->valid = FALSE;
}

cairo_surface_t *
ls_map_cache_get_surface (LsMapCache           *self,
                          const LsMapViewState *view,
                          double               *x,
                          double               *y)
{
  g_return_val_if_fail (self != NULL && view != NULL, NULL);

  if (self->surface == NULL)
    return NULL;
  *x = view->width / 2.0 - self->view.width / 2.0 + (self->view.center_e - view->center_e) / view->scale;
  *y = view->height / 2.0 - self->view.height / 2.0 - (self->view.center_n - view->center_n) / view->scale;

  return self->surface;
}

static gboolean
covers (LsMapCache *self, const LsMapViewState *view, int device_scale)
{
  double x, y;

  if (!self->valid || self->surface == NULL || self->device_scale != device_scale ||
      self->view.scale != view->scale || self->view.layers != view->layers ||
      self->view.hide_names != view->hide_names || self->view.export_labels != view->export_labels)
    return FALSE;
  ls_map_cache_get_surface (self, view, &x, &y);

  return x <= 0 && y <= 0 && x + self->view.width >= view->width && y + self->view.height >= view->height;
}

gboolean
ls_map_cache_update (LsMapCache           *self,
                     LsBasemap            *basemap,
                     LsGeoModel           *model,
                     const LsMapViewState *view,
                     int                   device_scale)
{
  int margin;
  cairo_t *cr;

  g_return_val_if_fail (self != NULL && view != NULL, FALSE);

  device_scale = MAX (device_scale, 1);
  if (covers (self, view, device_scale))
    return FALSE;

  /* Half a view of slack on every side: a pan rarely runs off it. */
  margin = MAX (view->width, view->height) / 2;
  self->view = *view;
  self->view.width = view->width + 2 * margin;
  self->view.height = view->height + 2 * margin;
  self->device_scale = device_scale;
  g_clear_pointer (&self->surface, cairo_surface_destroy);
  /* ARGB32 (opaque: the sea is painted first) is what GdkMemoryTexture's
   * default format reads. */
  self->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                              self->view.width * device_scale,
                                              self->view.height * device_scale);
  cairo_surface_set_device_scale (self->surface, device_scale, device_scale);
  cr = cairo_create (self->surface);
  ls_map_render_world (cr, basemap, model, &self->view);
  cairo_destroy (cr);
  cairo_surface_flush (self->surface);
  self->valid = TRUE;

  return TRUE;
}

void
ls_map_cache_paint (LsMapCache           *self,
                    cairo_t              *cr,
                    const LsMapViewState *view)
{
  double x, y;
  cairo_surface_t *surface = ls_map_cache_get_surface (self, view, &x, &y);

  if (surface == NULL)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  /* Whole pixels: a blit, not a resample. */
  cairo_set_source_surface (cr, surface, round (x), round (y));
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}
