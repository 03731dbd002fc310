/* SPDX-License-Identifier: GPL-3.0-or-later */
/* For each pixel column (or row, for steep lines) the line crosses, the
 * pixels under its band get the colour in proportion to how much of the
 * band covers them: the same coverage Cairo computes, without the polygon. */
#define G_LOG_DOMAIN "ls-raster-lines"
#include "config.h"

#include <math.h>

#include "ls-raster-lines.h"

gboolean
ls_raster_lines_begin (LsRasterLines *self,
                       cairo_t       *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_rectangle_list_t *clip;
  double sx, sy, ox, oy;
  gboolean ok;

  g_return_val_if_fail (self != NULL && cr != NULL, FALSE);

  memset (self, 0, sizeof *self);
  if (cairo_get_group_target (cr) != target || cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      (cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 &&
       cairo_image_surface_get_format (target) != CAIRO_FORMAT_RGB24) ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER)
    return FALSE;

  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  if (ox != 0 || oy != 0)
    return FALSE;
  self->cr = cr;
  self->scale_x = sx;
  self->scale_y = sy;

  /* Only a rectangular clip (or none) is honoured here. */
  clip = cairo_copy_clip_rectangle_list (cr);
  ok = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles <= 1;
  self->x0 = self->y0 = 0;
  self->x1 = cairo_image_surface_get_width (target);
  self->y1 = cairo_image_surface_get_height (target);
  if (ok && clip->num_rectangles == 1)
    {
      double x0 = clip->rectangles[0].x, y0 = clip->rectangles[0].y;
      double x1 = x0 + clip->rectangles[0].width, y1 = y0 + clip->rectangles[0].height;

      cairo_user_to_device (cr, &x0, &y0);
      cairo_user_to_device (cr, &x1, &y1);
      x0 *= sx;
      x1 *= sx;
      y0 *= sy;
      y1 *= sy;
      self->x0 = MAX (self->x0, (int) floor (MIN (x0, x1)));
      self->y0 = MAX (self->y0, (int) floor (MIN (y0, y1)));
      self->x1 = MIN (self->x1, (int) ceil (MAX (x0, x1)));
      self->y1 = MIN (self->y1, (int) ceil (MAX (y0, y1)));
    }
  cairo_rectangle_list_destroy (clip);
  /* Rotated or skewed drawing is left to Cairo. */
  {
    cairo_matrix_t m;

    cairo_get_matrix (cr, &m);
    ok = ok && m.xy == 0 && m.yx == 0;
  }
  if (!ok)
    return FALSE;

  cairo_surface_flush (target);
  self->surface = target;
  self->data = cairo_image_surface_get_data (target);
  self->stride = cairo_image_surface_get_stride (target);

  return self->data != NULL;
}

/* Premultiplied OVER: out = src × coverage + dst × (1 − alpha × coverage),
 * per channel, SRC holding the colour already multiplied by alpha (0–255)
 * and alpha itself (0–256). */
static inline void
blend (LsRasterLines *self,
       int            x,
       int            y,
       const guint    src[4],
       double         coverage)
{
  guint32 *p = (guint32 *) (self->data + (gsize) y * self->stride) + x;
  guint k = (guint) (coverage * 256 + 0.5);
  guint a = (src[3] * k) >> 8;
  guint inv = 256 - a;
  guint32 d = *p;

  *p = ((((d >> 24) & 0xff) * inv + 255 * a) >> 8) << 24 |
       ((((d >> 16) & 0xff) * inv + src[0] * k) >> 8) << 16 |
       ((((d >> 8) & 0xff) * inv + src[1] * k) >> 8) << 8 |
       (((d & 0xff) * inv + src[2] * k) >> 8);
}

/* Along the major axis U from U0 to U1; the minor coordinate V is V0 at U0
 * with SLOPE, the band HALF wide on each side (measured along V). */
static void
band (LsRasterLines *self,
      gboolean       steep,
      double         u0,
      double         u1,
      double         v0,
      double         slope,
      double         half,
      const guint    src[4])
{
  int umin = steep ? self->y0 : self->x0, umax = steep ? self->y1 : self->x1;
  int vmin = steep ? self->x0 : self->y0, vmax = steep ? self->x1 : self->y1;
  int ua = MAX ((int) floor (u0), umin), ub = MIN ((int) floor (u1), umax - 1);

  for (int u = ua; u <= ub; u++)
    {
      double v = v0 + slope * (u + 0.5 - u0);
      double top = v - half, bottom = v + half;
      int va = MAX ((int) floor (top), vmin), vb = MIN ((int) floor (bottom), vmax - 1);

      for (int w = va; w <= vb; w++)
        {
          double cover = MIN (bottom, w + 1.0) - MAX (top, (double) w);

          if (cover <= 0)
            continue;
          if (steep)
            blend (self, w, u, src, MIN (cover, 1.0));
          else
            blend (self, u, w, src, MIN (cover, 1.0));
        }
    }
}

void
ls_raster_lines_draw (LsRasterLines *self,
                      double         ax,
                      double         ay,
                      double         bx,
                      double         by,
                      double         width,
                      double         red,
                      double         green,
                      double         blue,
                      double         alpha)
{
  double wx = width, wy = 0, dx, dy;
  guint src[4];
  double a = CLAMP (alpha, 0, 1);

  g_return_if_fail (self->data != NULL);

  cairo_user_to_device (self->cr, &ax, &ay);
  cairo_user_to_device (self->cr, &bx, &by);
  cairo_user_to_device_distance (self->cr, &wx, &wy);
  ax *= self->scale_x;
  bx *= self->scale_x;
  ay *= self->scale_y;
  by *= self->scale_y;
  width = MAX (hypot (wx * self->scale_x, wy * self->scale_y), 0.35);
  src[0] = (guint) (CLAMP (red, 0, 1) * a * 255 + 0.5);
  src[1] = (guint) (CLAMP (green, 0, 1) * a * 255 + 0.5);
  src[2] = (guint) (CLAMP (blue, 0, 1) * a * 255 + 0.5);
  src[3] = (guint) (a * 256 + 0.5);

  dx = bx - ax;
  dy = by - ay;
  if (fabs (dx) >= fabs (dy))
    {
      double slope;

      if (dx == 0)
        return;
      if (ax > bx)
        {
          double t;
          t = ax; ax = bx; bx = t;
          t = ay; ay = by; by = t;
        }
      slope = (by - ay) / (bx - ax);
      band (self, FALSE, ax, bx, ay, slope, width / 2 * sqrt (1 + slope * slope), src);
    }
  else
    {
      double slope;

      if (ay > by)
        {
          double t;
          t = ax; ax = bx; bx = t;
          t = ay; ay = by; by = t;
        }
      slope = (bx - ax) / (by - ay);
      band (self, TRUE, ay, by, ax, slope, width / 2 * sqrt (1 + slope * slope), src);
    }
}

void
ls_raster_lines_end (LsRasterLines *self)
{
  if (self->surface != NULL)
    cairo_surface_mark_dirty (self->surface);
  memset (self, 0, sizeof *self);
}
