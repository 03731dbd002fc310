/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-render-style"
#include "config.h"

#include "ls-render-style.h"

/* GNOME palette tones; victims get a colour no suspect role uses. */
static const LsColor palette[LS_STYLE_N_COLORS] = {
  [LS_STYLE_COLOR_BACKGROUND]  = { 1.0, 1.0, 1.0, 1.0 },
  [LS_STYLE_COLOR_FOREGROUND]  = { 0.14, 0.12, 0.19, 1.0 },
  [LS_STYLE_COLOR_MUTED]       = { 0.60, 0.59, 0.63, 1.0 },
  [LS_STYLE_COLOR_ACCENT]      = { 0.21, 0.52, 0.89, 1.0 },
  [LS_STYLE_COLOR_VICTIM]      = { 0.57, 0.25, 0.67, 1.0 },
  [LS_STYLE_COLOR_HEAD]        = { 0.65, 0.11, 0.18, 1.0 },
  [LS_STYLE_COLOR_LINE_HOLDER] = { 0.90, 0.38, 0.0, 1.0 },
  [LS_STYLE_COLOR_RUNNER]      = { 0.96, 0.76, 0.07, 1.0 },
  [LS_STYLE_COLOR_CUSTOMER]    = { 0.38, 0.63, 0.82, 1.0 },
  [LS_STYLE_COLOR_DEAL_LINE]   = { 0.18, 0.76, 0.49, 1.0 },
  [LS_STYLE_COLOR_OTHER]       = { 0.47, 0.46, 0.48, 1.0 },
};

const LsColor *
ls_render_style_color (LsStyleColor which)
{
  g_return_val_if_fail (which < LS_STYLE_N_COLORS, &palette[0]);

  return &palette[which];
}

void
ls_render_style_set_color (cairo_t      *cr,
                           LsStyleColor  which)
{
  const LsColor *c = ls_render_style_color (which);

  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

const char *
ls_render_style_font (void)
{
  return "Cantarell, Sans";
}
