/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one place where the renderers put text on a cairo_t. On screen it is
 * pango_cairo_show_layout(). During an export the cairo_t carries an
 * LsTextCapture: every string then passes its redactor before it is drawn,
 * and when writing SVG it is kept as a <text> element (searchable,
 * selectable, read by screen readers) instead of cairo's glyph shapes. */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "ls-redactor.h"

G_BEGIN_DECLS

typedef struct _LsTextCapture LsTextCapture;

/* REDACTOR (may be NULL) rewrites each string; with SVG the strings are
 * collected rather than drawn. Neither is owned. */
LsTextCapture *ls_text_capture_new       (LsRedactor    *redactor,
                                          gboolean       svg);
void           ls_text_capture_free      (LsTextCapture *self);
/* From now on text drawn on CR goes through SELF (until CR is destroyed). */
void           ls_text_capture_attach    (LsTextCapture *self,
                                          cairo_t       *cr);
/* SVG (as cairo wrote it) with each string's marker replaced by its
 * <text> element: in drawing order, inside its clip. A new string. */
char          *ls_text_capture_finish_svg (LsTextCapture *self,
                                          const char    *svg);
guint          ls_text_capture_get_n_strings (LsTextCapture *self);

/* Draws LAYOUT at the current point, as pango_cairo_show_layout(). */
void           ls_render_text_show       (cairo_t       *cr,
                                          PangoLayout   *layout);
/* The same with a halo of HALO (r, g, b, a) WIDTH wide behind the glyphs,
 * so text reads over lines and shading. */
void           ls_render_text_show_halo  (cairo_t       *cr,
                                          PangoLayout   *layout,
                                          const double   halo[4],
                                          double         width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsTextCapture, ls_text_capture_free)

G_END_DECLS
