/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Antialiased straight lines drawn straight into an image surface's pixels.
 * Cairo 1.16 strokes each line as a polygon and sweeps it: 15,000 links
 * take about a second, which the network map cannot afford each time the
 * view moves on. Lines here cost a few pixels' arithmetic each. Only for
 * plain images (the screen, PNG): ls_raster_lines_begin says FALSE for a
 * PDF or SVG, a group or a clip that is not one rectangle, and the caller
 * strokes with Cairo, which keeps vectors vectors. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  cairo_t         *cr;
  cairo_surface_t *surface;
  guint8          *data;
  int              stride;
  int              x0, y0, x1, y1;   /* device pixels that may be drawn */
  double           scale_x;          /* the surface's device scale, which */
  double           scale_y;          /* cairo_user_to_device leaves out */
} LsRasterLines;

gboolean ls_raster_lines_begin (LsRasterLines *self,
                                cairo_t       *cr);
/* A line from (AX, AY) to (BX, BY) in user space, WIDTH user units wide. */
void     ls_raster_lines_draw  (LsRasterLines *self,
                                double         ax,
                                double         ay,
                                double         bx,
                                double         by,
                                double         width,
                                double         red,
                                double         green,
                                double         blue,
                                double         alpha);
void     ls_raster_lines_end   (LsRasterLines *self);

G_END_DECLS
