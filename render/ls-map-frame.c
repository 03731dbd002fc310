/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map's frame: what is fixed to the page rather than the ground. The
 * title block, protective marking, date range, scale bar, north arrow,
 * legend, and the data attribution, which every map must carry. */
#define G_LOG_DOMAIN "ls-map-frame"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ls-map-render-private.h"
#include "ls-render-text.h"
#include "ls-time.h"

#define PAD 10

static void
panel (cairo_t *cr, double x, double y, double w, double h)
{
  double r = 6;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.18);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
show_plain (cairo_t *cr, PangoLayout *layout, double x, double y, LsStyleColor color)
{
  cairo_move_to (cr, x, y);
  ls_render_style_set_color (cr, color);
  ls_render_text_show (cr, layout);
}

static char *
describe_range (LsGeoModel *model)
{
  gint64 from = model ? ls_geo_model_get_from (model) : -1;
  gint64 to = model ? ls_geo_model_get_to (model) : -1;
  g_autofree char *a = from >= 0 ? ls_time_format_local (from, "%-d %b %Y") : NULL;
  /* The range's end is exclusive: show the last second in it. */
  g_autofree char *b = to >= 0 ? ls_time_format_local (to - 1, "%-d %b %Y") : NULL;

  if (a && b)
    return g_strdup_printf (_("%s – %s"), a, b);
  if (a)
    return g_strdup_printf (_("From %s"), a);
  if (b)
    return g_strdup_printf (_("Up to %s"), b);

  return g_strdup (_("All dates"));
}

/* Returns the band's height. */
static double
draw_attribution (cairo_t *cr, LsBasemap *basemap, const LsMapViewState *view)
{
  g_autoptr(PangoLayout) layout = ls_map_make_layout (cr, ls_basemap_get_attribution (basemap), 9, FALSE);
  int w, h;

  pango_layout_set_width (layout, (view->width - 2 * PAD) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_rectangle (cr, 0, view->height - h - 8, view->width, h + 8);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.88);
  cairo_fill (cr);
  show_plain (cr, layout, PAD, view->height - h - 4, LS_STYLE_COLOR_FOREGROUND);

  return h + 8;
}

static void
draw_marking (cairo_t *cr, const LsMapViewState *view, double y)
{
  g_autoptr(PangoLayout) layout = NULL;
  int w, h;

  if (view->marking == NULL || !*view->marking)
    return;
  layout = ls_map_make_layout (cr, view->marking, 12, TRUE);
  pango_layout_get_pixel_size (layout, &w, &h);
  panel (cr, (view->width - w) / 2.0 - 8, y, w + 16, h + 6);
  show_plain (cr, layout, (view->width - w) / 2.0, y + 3, LS_STYLE_COLOR_HEAD);
}

static void
draw_title (cairo_t *cr, LsGeoModel *model, const LsMapViewState *view)
{
  g_autofree char *range = describe_range (model);
  g_autoptr(PangoLayout) title = ls_map_make_layout (cr, view->title && *view->title ? view->title : "Linesight", 15, TRUE);
  g_autoptr(PangoLayout) sub = ls_map_make_layout (cr, _("Geographic spread"), 11, FALSE);
  g_autoptr(PangoLayout) dates = ls_map_make_layout (cr, range, 11, TRUE);
  int w1, h1, w2, h2, w3, h3;

  pango_layout_get_pixel_size (title, &w1, &h1);
  pango_layout_get_pixel_size (sub, &w2, &h2);
  pango_layout_get_pixel_size (dates, &w3, &h3);
  panel (cr, PAD, PAD, MAX (w1, MAX (w2, w3)) + 20, h1 + h2 + h3 + 16);
  show_plain (cr, title, PAD + 10, PAD + 6, LS_STYLE_COLOR_FOREGROUND);
  show_plain (cr, sub, PAD + 10, PAD + 8 + h1, LS_STYLE_COLOR_MUTED);
  show_plain (cr, dates, PAD + 10, PAD + 10 + h1 + h2, LS_STYLE_COLOR_FOREGROUND);
}

static void
draw_north (cairo_t *cr, const LsMapViewState *view)
{
  double x = view->width - PAD - 22, y = PAD + 4;
  g_autoptr(PangoLayout) n = ls_map_make_layout (cr, "N", 13, TRUE);
  int w, h;

  panel (cr, x - 18, y, 36, 62);
  pango_layout_get_pixel_size (n, &w, &h);
  show_plain (cr, n, x - w / 2.0, y + 2, LS_STYLE_COLOR_FOREGROUND);
  /* Grid north; true north is within 2° of it across Great Britain. */
  cairo_move_to (cr, x, y + 20);
  cairo_line_to (cr, x + 8, y + 56);
  cairo_line_to (cr, x, y + 48);
  cairo_close_path (cr);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  cairo_fill (cr);
  cairo_move_to (cr, x, y + 20);
  cairo_line_to (cr, x - 8, y + 56);
  cairo_line_to (cr, x, y + 48);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static void
draw_scale_bar (cairo_t *cr, const LsMapViewState *view, double bottom)
{
  double target = 140 * view->scale, unit = pow (10, floor (log10 (target))), metres, px;
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  double x = PAD + 10, y;
  int w, h;

  metres = target >= 5 * unit ? 5 * unit : target >= 2 * unit ? 2 * unit : unit;
  px = metres / view->scale;
  text = metres >= 1000 ? g_strdup_printf (_("%g km"), metres / 1000) : g_strdup_printf (_("%g m"), metres);
  layout = ls_map_make_layout (cr, text, 11, FALSE);
  pango_layout_get_pixel_size (layout, &w, &h);
  panel (cr, PAD, bottom - h - 28, MAX (px, w) + 20 + 20, h + 22);
  y = bottom - 14;
  for (int i = 0; i < 4; i++)
    {
      cairo_rectangle (cr, x + i * px / 4, y, px / 4, 5);
      if (i % 2 == 0)
        ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
      else
        cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
  cairo_rectangle (cr, x, y, px, 5);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  show_plain (cr, layout, x, y - h - 2, LS_STYLE_COLOR_FOREGROUND);
}

typedef enum {
  KEY_AREA, KEY_CELL, KEY_TOWN, KEY_HUB, KEY_FLOW, KEY_TRACK, KEY_OUT_OF_AREA, KEY_VICTIM,
} KeyKind;

static void
draw_key_symbol (cairo_t *cr, KeyKind kind, double x, double y)
{
  const LsColor fill = { 0.20, 0.29, 0.40, 1.0 };
  const LsColor act = { 0.85, 0.33, 0.10, 1.0 };

  switch (kind)
    {
    case KEY_AREA:
      for (int i = 0; i < 4; i++)
        {
          cairo_rectangle (cr, x + i * 7, y - 6, 7, 12);
          ls_map_set_color (cr, &act, 0.06 + 0.30 * sqrt ((i + 1) / 4.0));
          cairo_fill (cr);
        }
      break;
    case KEY_CELL:
      for (int i = 0; i < 3; i++)
        {
          cairo_arc (cr, x + 3 + i * 10, y, 2 + i * 2, 0, 2 * G_PI);
          ls_map_set_color (cr, &fill, 0.55);
          cairo_fill (cr);
        }
      break;
    case KEY_TOWN:
      cairo_arc (cr, x + 14, y, 3, 0, 2 * G_PI);
      ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
      cairo_fill (cr);
      break;
    case KEY_HUB:
      ls_map_draw_hub_marker (cr, x + 14, y);
      break;
    case KEY_FLOW:
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + 20, y);
      cairo_set_line_width (cr, 5);
      ls_render_style_set_color (cr, LS_STYLE_COLOR_HEAD);
      cairo_stroke (cr);
      cairo_move_to (cr, x + 30, y);
      cairo_line_to (cr, x + 18, y - 7);
      cairo_line_to (cr, x + 18, y + 7);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case KEY_TRACK:
      cairo_move_to (cr, x, y + 4);
      cairo_line_to (cr, x + 14, y - 3);
      cairo_line_to (cr, x + 28, y + 2);
      cairo_set_line_width (cr, 2.2);
      cairo_set_source_rgb (cr, 0.10, 0.45, 0.85);
      cairo_stroke (cr);
      break;
    case KEY_OUT_OF_AREA:
    case KEY_VICTIM:
      {
        LsStyleColor c = kind == KEY_VICTIM ? LS_STYLE_COLOR_VICTIM : LS_STYLE_COLOR_OTHER;

        cairo_move_to (cr, x + 4, y);
        cairo_line_to (cr, x + 24, y);
        ls_render_style_set_color (cr, c);
        cairo_set_line_width (cr, 1.6);
        cairo_set_dash (cr, (const double[]) { 4, 2 }, 2, 0);
        cairo_stroke (cr);
        cairo_set_dash (cr, NULL, 0, 0);
        ls_map_draw_house (cr, x + 4, y, 4);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_fill_preserve (cr);
        ls_render_style_set_color (cr, c);
        cairo_stroke (cr);
        ls_map_draw_found_marker (cr, x + 26, y, 5);
        cairo_fill (cr);
      }
      break;
    default:
      break;
    }
}

static void
draw_legend (cairo_t *cr, LsGeoModel *model, const LsMapViewState *view, double bottom)
{
  struct { KeyKind kind; const char *text; gboolean shown; } keys[] = {
    { KEY_AREA, N_("Force area, shaded by activity"), (view->layers & LS_MAP_LAYER_AREAS) != 0 },
    { KEY_CELL, N_("Cell site, sized by use"), model && (view->layers & LS_MAP_LAYER_CELLS) },
    { KEY_TOWN, N_("Town"), (view->layers & LS_MAP_LAYER_TOWNS) != 0 },
    { KEY_HUB, N_("Hub: where line holders spend nights"),
      model && ls_geo_model_get_hub (model)->found && (view->layers & LS_MAP_LAYER_FLOWS) },
    { KEY_FLOW, N_("Flow to county town (width: contacts)"),
      model && ls_geo_model_get_n_flows (model) > 0 && (view->layers & LS_MAP_LAYER_FLOWS) },
    { KEY_TRACK, N_("Movement of a selected person or phone"),
      model && ls_geo_model_get_n_tracks (model) > 0 && (view->layers & LS_MAP_LAYER_TRACKS) },
    { KEY_OUT_OF_AREA, N_("Home → where found out of area"),
      model && ls_geo_model_get_n_out_of_area (model) > 0 && (view->layers & LS_MAP_LAYER_OUT_OF_AREA) },
    { KEY_VICTIM, N_("Child or vulnerable adult"),
      model && ls_geo_model_get_n_out_of_area (model) > 0 && (view->layers & LS_MAP_LAYER_OUT_OF_AREA) },
  };
  g_autoptr(PangoLayout) heading = ls_map_make_layout (cr, _("Key"), 11, TRUE);
  PangoLayout *layouts[G_N_ELEMENTS (keys)] = { NULL };
  int wmax, hh, n = 0, row = 20;
  double x, y;

  pango_layout_get_pixel_size (heading, &wmax, &hh);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (keys[i].shown)
      {
        int w, h;

        layouts[i] = ls_map_make_layout (cr, _(keys[i].text), 10.5, FALSE);
        pango_layout_get_pixel_size (layouts[i], &w, &h);
        wmax = MAX (wmax, w + 40);
        n++;
      }
  x = view->width - PAD - wmax - 20;
  y = bottom - (hh + 10 + n * row + 6);
  panel (cr, x, y, wmax + 20, hh + 10 + n * row + 6);
  show_plain (cr, heading, x + 10, y + 6, LS_STYLE_COLOR_FOREGROUND);
  y += hh + 10 + row / 2.0;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (layouts[i] != NULL)
      {
        int w, h;

        draw_key_symbol (cr, keys[i].kind, x + 10, y);
        pango_layout_get_pixel_size (layouts[i], &w, &h);
        show_plain (cr, layouts[i], x + 48, y - h / 2.0, LS_STYLE_COLOR_FOREGROUND);
        g_object_unref (layouts[i]);
        y += row;
      }
}

void
ls_map_render_frame (cairo_t              *cr,
                     LsBasemap            *basemap,
                     LsGeoModel           *model,
                     const LsMapViewState *view)
{
  double band, bottom;

  g_return_if_fail (cr != NULL && basemap != NULL && view != NULL);

  cairo_save (cr);
  band = draw_attribution (cr, basemap, view);
  bottom = view->height - band - PAD;
  draw_title (cr, model, view);
  draw_north (cr, view);
  draw_marking (cr, view, PAD);
  if (view->marking && *view->marking)
    {
      draw_marking (cr, view, bottom - 22);
      bottom -= 30;
    }
  draw_scale_bar (cr, view, bottom);
  if (view->width >= 520)
    draw_legend (cr, model, view, bottom);
  cairo_restore (cr);
}

void
ls_map_render (cairo_t              *cr,
               LsBasemap            *basemap,
               LsGeoModel           *model,
               const LsMapViewState *view)
{
  ls_map_render_world (cr, basemap, model, view);
  ls_map_render_frame (cr, basemap, model, view);
}
