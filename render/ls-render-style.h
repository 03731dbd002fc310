/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The palette and type shared by every renderer, so views and exports look
 * alike, and victims are marked the same way everywhere. */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double r, g, b, a;
} LsColor;

typedef enum {
  LS_STYLE_COLOR_BACKGROUND,
  LS_STYLE_COLOR_FOREGROUND,
  LS_STYLE_COLOR_MUTED,
  LS_STYLE_COLOR_ACCENT,
  LS_STYLE_COLOR_VICTIM,      /* children and vulnerable adults: victims first */
  LS_STYLE_COLOR_HEAD,
  LS_STYLE_COLOR_LINE_HOLDER,
  LS_STYLE_COLOR_RUNNER,
  LS_STYLE_COLOR_CUSTOMER,
  LS_STYLE_COLOR_DEAL_LINE,
  LS_STYLE_COLOR_OTHER,
  LS_STYLE_N_COLORS
} LsStyleColor;

const LsColor *ls_render_style_color     (LsStyleColor   which);
void           ls_render_style_set_color (cairo_t       *cr,
                                          LsStyleColor   which);
const char    *ls_render_style_font      (void);

G_END_DECLS
