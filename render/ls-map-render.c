/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing the map. Everything is placed in screen pixels from British
 * National Grid metres with one affine step (ls_map_view_to_screen), the
 * basemap at the level of detail that matches the scale, and labels placed
 * greedily by importance so that none overlaps another. */
#define G_LOG_DOMAIN "ls-map-render"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ls-map-render.h"
#include "ls-map-render-private.h"
#include "ls-render-style.h"
#include "ls-redact.h"
#include "ls-render-text.h"
#include "ls-time.h"

/* Basemap colours: a quiet base so the data reads first. */
static const LsColor sea        = { 0.86, 0.91, 0.94, 1.0 };
static const LsColor land       = { 0.98, 0.97, 0.94, 1.0 };
static const LsColor land_other = { 0.93, 0.93, 0.91, 1.0 };
static const LsColor coast      = { 0.55, 0.62, 0.68, 1.0 };
static const LsColor boundary   = { 0.62, 0.60, 0.55, 1.0 };
static const LsColor activity   = { 0.85, 0.33, 0.10, 1.0 };
static const LsColor cell_fill  = { 0.20, 0.29, 0.40, 1.0 };
static const LsColor minor      = { 0.30, 0.30, 0.33, 1.0 };
static const LsColor track_colors[] = {
  { 0.10, 0.45, 0.85, 1.0 }, { 0.10, 0.60, 0.45, 1.0 }, { 0.80, 0.45, 0.05, 1.0 },
  { 0.55, 0.35, 0.20, 1.0 }, { 0.85, 0.20, 0.45, 1.0 }, { 0.30, 0.30, 0.30, 1.0 },
};

void
ls_map_set_color (cairo_t *cr, const LsColor *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* The view ------------------------------------------------------------- */

void
ls_map_view_to_screen (const LsMapViewState *view,
                       double                easting,
                       double                northing,
                       double               *x,
                       double               *y)
{
  *x = view->width / 2.0 + (easting - view->center_e) / view->scale;
  *y = view->height / 2.0 - (northing - view->center_n) / view->scale;
}

void
ls_map_view_to_map (const LsMapViewState *view,
                    double                x,
                    double                y,
                    double               *easting,
                    double               *northing)
{
  *easting = view->center_e + (x - view->width / 2.0) * view->scale;
  *northing = view->center_n - (y - view->height / 2.0) * view->scale;
}

void
ls_map_view_fit (LsMapViewState *view,
                 const LsBBox   *bbox,
                 double          margin)
{
  double w = MAX (bbox->x1 - bbox->x0, 1000), h = MAX (bbox->y1 - bbox->y0, 1000);
  double avail_w = MAX (view->width - 2 * margin, 50), avail_h = MAX (view->height - 2 * margin, 50);

  view->center_e = (bbox->x0 + bbox->x1) / 2;
  view->center_n = (bbox->y0 + bbox->y1) / 2;
  view->scale = MAX (w / avail_w, h / avail_h);
}

static void
bbox_add (LsBBox *b, double x, double y, double pad)
{
  b->x0 = MIN (b->x0, x - pad);
  b->y0 = MIN (b->y0, y - pad);
  b->x1 = MAX (b->x1, x + pad);
  b->y1 = MAX (b->y1, y + pad);
}

gboolean
ls_map_model_extent (LsGeoModel *model,
                     LsBBox     *bbox)
{
  LsBBox b = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  const LsGeoHub *hub;

  g_return_val_if_fail (model != NULL, FALSE);

  for (guint i = 0; i < ls_geo_model_get_n_cells (model); i++)
    {
      const LsGeoCell *c = ls_geo_model_get_cell (model, i);

      if (c->uses > 0)
        bbox_add (&b, c->easting, c->northing, 5000);
    }
  hub = ls_geo_model_get_hub (model);
  if (hub->found)
    bbox_add (&b, hub->easting, hub->northing, 15000);
  for (guint i = 0; i < ls_geo_model_get_n_flows (model); i++)
    bbox_add (&b, ls_geo_model_get_flow (model, i)->easting, ls_geo_model_get_flow (model, i)->northing, 15000);
  for (guint i = 0; i < ls_geo_model_get_n_out_of_area (model); i++)
    {
      const LsGeoOutOfArea *o = ls_geo_model_get_out_of_area (model, i);

      bbox_add (&b, o->home_easting, o->home_northing, 10000);
      bbox_add (&b, o->found_easting, o->found_northing, 10000);
    }
  if (b.x0 > b.x1)
    return FALSE;
  *bbox = b;

  return TRUE;
}

/* Text and labels ------------------------------------------------------ */

PangoLayout *
ls_map_make_layout (cairo_t *cr, const char *text, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (ls_render_style_font ());
  PangoContext *ctx = pango_layout_get_context (layout);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Hinting moves glyphs as the map pans; keep text where it is. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (ctx, options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

/* Text with a pale halo so it reads over shading and lines. The halo is a
 * path; the text itself stays text (searchable in PDF). */
void
ls_map_show_text (cairo_t *cr, PangoLayout *layout, double x, double y, const LsColor *color)
{
  static const double halo[4] = { 1, 1, 1, 0.85 };

  cairo_save (cr);
  cairo_move_to (cr, x, y);
  ls_map_set_color (cr, color, 1);
  ls_render_text_show_halo (cr, layout, halo, 3);
  cairo_restore (cr);
}

typedef struct {
  double x0, y0, x1, y1;
} Rect;

static gboolean
rects_overlap (const Rect *a, const Rect *b)
{
  return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* Places a label of size W×H beside a point (x, y) marked with radius R:
 * right, left, above, below. FALSE if every place is taken. */
static gboolean
place_label (GArray *placed, double x, double y, double r, double w, double h, double *lx, double *ly)
{
  const double gap = r + 3;
  const double candidates[][2] = {
    { x + gap, y - h / 2 }, { x - gap - w, y - h / 2 },
    { x - w / 2, y - gap - h }, { x - w / 2, y + gap },
  };

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      Rect rect = { candidates[c][0] - 1, candidates[c][1], candidates[c][0] + w + 1, candidates[c][1] + h };
      gboolean free = TRUE;

      for (guint i = 0; i < placed->len && free; i++)
        free = !rects_overlap (&rect, &g_array_index (placed, Rect, i));
      if (free)
        {
          g_array_append_val (placed, rect);
          *lx = candidates[c][0];
          *ly = candidates[c][1];
          return TRUE;
        }
    }

  return FALSE;
}

static void
reserve (GArray *placed, double x, double y, double r)
{
  Rect rect = { x - r, y - r, x + r, y + r };

  g_array_append_val (placed, rect);
}

/* Basemap -------------------------------------------------------------- */

static void
path_shape (cairo_t *cr, const LsMapViewState *view, const LsBasemapShape *shape, guint level)
{
  const LsBasemapPath *p = shape->levels[level];
  double x0, y0, x1, y1;

  /* Whole shapes off screen cost nothing. */
  ls_map_view_to_screen (view, shape->bbox.x0, shape->bbox.y1, &x0, &y0);
  ls_map_view_to_screen (view, shape->bbox.x1, shape->bbox.y0, &x1, &y1);
  if (x1 < -10 || y1 < -10 || x0 > view->width + 10 || y0 > view->height + 10)
    return;

  for (guint r = 0; r < p->n_rings; r++)
    {
      for (guint i = p->rings[r]; i < p->rings[r + 1]; i++)
        {
          double x, y;

          ls_map_view_to_screen (view, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
          if (i == p->rings[r])
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      cairo_close_path (cr);
    }
}

static void
draw_land (cairo_t *cr, LsBasemap *basemap, const LsMapViewState *view, guint level)
{
  ls_map_set_color (cr, &sea, 1);
  cairo_paint (cr);
  if (!(view->layers & LS_MAP_LAYER_OUTLINE))
    {
      ls_map_set_color (cr, &land, 1);
      cairo_paint (cr);
      return;
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint i = 0; i < ls_basemap_get_n_land (basemap); i++)
    {
      const LsBasemapShape *shape = ls_basemap_get_land (basemap, i);

      path_shape (cr, view, shape, level);
      ls_map_set_color (cr, g_str_equal (shape->name, "United Kingdom") ? &land : &land_other, 1);
      cairo_fill_preserve (cr);
      ls_map_set_color (cr, &coast, 1);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
}

static void
draw_areas (cairo_t *cr, LsBasemap *basemap, LsGeoModel *model, const LsMapViewState *view, guint level)
{
  guint n_areas = 0, max = 0;
  const guint *act = model ? ls_geo_model_get_area_activity (model, &n_areas) : NULL;

  for (guint i = 0; i < n_areas; i++)
    max = MAX (max, act[i]);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < ls_basemap_get_n_areas (basemap); i++)
    {
      const LsBasemapShape *shape = ls_basemap_get_area (basemap, i);

      cairo_new_path (cr);
      path_shape (cr, view, shape, level);
      if (act && i < n_areas && act[i] > 0 && max > 0)
        {
          /* Lightly: the shading says "activity here", the cells say how much. */
          ls_map_set_color (cr, &activity, 0.06 + 0.30 * sqrt ((double) act[i] / max));
          cairo_fill_preserve (cr);
        }
      ls_map_set_color (cr, &boundary, 0.9);
      cairo_set_line_width (cr, 0.6);
      cairo_set_dash (cr, (const double[]) { 3, 2 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* Data ------------------------------------------------------------------- */

double
ls_map_cell_radius (const LsGeoCell *cell, guint max_uses)
{
  if (cell->uses == 0 || max_uses == 0)
    return 1.2;

  return 2.0 + 7.0 * sqrt ((double) cell->uses / max_uses);
}

/* One cell's mark: a disc with a white rim. */
static void
cell_mark (cairo_t *cr, double x, double y, double r, gboolean used)
{
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  ls_map_set_color (cr, &cell_fill, used ? 0.55 : 0.25);
  if (!used)
    {
      cairo_fill (cr);
      return;
    }
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
  cairo_set_line_width (cr, 0.7);
  cairo_stroke (cr);
}

/* On a raster target 10,000 cells are stamped from one small picture per
 * size (sizes are rounded to a quarter pixel), not filled and stroked one
 * by one; PDF and SVG get true circles. */
static cairo_surface_t *
cell_sprite (cairo_t *cr, GHashTable *sprites, double r, gboolean used)
{
  int key = (int) lround (r * 4) * 2 + used;
  cairo_surface_t *sprite = g_hash_table_lookup (sprites, GINT_TO_POINTER (key));

  if (sprite == NULL)
    {
      double sx = 1, sy = 1, size;
      cairo_t *scr;

      cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
      size = ceil (2 * (lround (r * 4) / 4.0) + 4);
      sprite = cairo_surface_create_similar_image (cairo_get_target (cr), CAIRO_FORMAT_ARGB32,
                                                   (int) (size * sx), (int) (size * sy));
      cairo_surface_set_device_scale (sprite, sx, sy);
      scr = cairo_create (sprite);
      cell_mark (scr, size / 2, size / 2, key / 2 / 4.0, used);
      cairo_destroy (scr);
      g_hash_table_insert (sprites, GINT_TO_POINTER (key), sprite);
    }

  return sprite;
}

static void
draw_cells (cairo_t *cr, LsGeoModel *model, const LsMapViewState *view)
{
  guint max = ls_geo_model_get_max_uses (model);
  gboolean raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  g_autoptr(GHashTable) sprites = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);

  /* Unused cells first, faint, so the used ones sit on top. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < ls_geo_model_get_n_cells (model); i++)
      {
        const LsGeoCell *c = ls_geo_model_get_cell (model, i);
        double x, y, r = ls_map_cell_radius (c, max);

        if ((pass == 0) != (c->uses == 0))
          continue;
        ls_map_view_to_screen (view, c->easting, c->northing, &x, &y);
        if (x < -r || y < -r || x > view->width + r || y > view->height + r)
          continue;
        if (raster)
          {
            cairo_surface_t *sprite = cell_sprite (cr, sprites, r, c->uses > 0);
            double half = ceil (2 * (lround (r * 4) / 4.0) + 4) / 2;

            cairo_set_source_surface (cr, sprite, round (x - half), round (y - half));
            cairo_paint (cr);
          }
        else
          cell_mark (cr, x, y, r, c->uses > 0);
      }
}

static void
arrow_head (cairo_t *cr, double x, double y, double angle, double size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - size * cos (angle - 0.45), y - size * sin (angle - 0.45));
  cairo_line_to (cr, x - size * cos (angle + 0.45), y - size * sin (angle + 0.45));
  cairo_close_path (cr);
}

static void
draw_tracks (cairo_t *cr, LsGeoModel *model, const LsMapViewState *view)
{
  for (guint t = 0; t < ls_geo_model_get_n_tracks (model); t++)
    {
      const LsGeoTrack *track = ls_geo_model_get_track (model, t);
      const LsColor *color = track->victim ? ls_render_style_color (LS_STYLE_COLOR_VICTIM)
                                           : &track_colors[t % G_N_ELEMENTS (track_colors)];
      double px = 0, py = 0;

      if (track->points->len == 0)
        continue;
      cairo_set_line_width (cr, 2.2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (guint i = 0; i < track->points->len; i++)
        {
          const LsGeoTrackPoint *pt = &g_array_index (track->points, LsGeoTrackPoint, i);
          const LsGeoCell *c = ls_geo_model_get_cell (model, pt->cell);
          double x, y;

          ls_map_view_to_screen (view, c->easting, c->northing, &x, &y);
          if (i == 0)
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      ls_map_set_color (cr, color, 0.75);
      cairo_stroke (cr);

      /* Direction: a small head halfway along each long move. */
      for (guint i = 0; i < track->points->len; i++)
        {
          const LsGeoTrackPoint *pt = &g_array_index (track->points, LsGeoTrackPoint, i);
          const LsGeoCell *c = ls_geo_model_get_cell (model, pt->cell);
          double x, y;

          ls_map_view_to_screen (view, c->easting, c->northing, &x, &y);
          if (i > 0 && hypot (x - px, y - py) > 40)
            arrow_head (cr, (x + px) / 2, (y + py) / 2, atan2 (y - py, x - px), 8);
          px = x;
          py = y;
        }
      ls_map_set_color (cr, color, 0.9);
      cairo_fill (cr);
      /* Start hollow, end solid. */
      {
        const LsGeoCell *c0 = ls_geo_model_get_cell (model, g_array_index (track->points, LsGeoTrackPoint, 0).cell);
        double x, y;

        ls_map_view_to_screen (view, c0->easting, c0->northing, &x, &y);
        cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_fill_preserve (cr);
        ls_map_set_color (cr, color, 1);
        cairo_set_line_width (cr, 2);
        cairo_stroke (cr);
        cairo_arc (cr, px, py, 4.5, 0, 2 * G_PI);
        cairo_fill (cr);
      }
    }
}

double
ls_map_flow_width (const LsGeoFlow *flow, guint max_contacts)
{
  return 2.0 + 10.0 * sqrt ((double) flow->contacts / MAX (max_contacts, 1));
}

/* The curve of a flow: a quadratic bent to one side so that flows to
 * towns in a line stay apart. Returned as a cubic's control points. */
void
ls_map_flow_curve (const LsMapViewState *view, const LsGeoHub *hub, const LsGeoFlow *flow, double pts[8])
{
  double hx, hy, tx, ty, mx, my, dx, dy, len, cx, cy;

  ls_map_view_to_screen (view, hub->easting, hub->northing, &hx, &hy);
  ls_map_view_to_screen (view, flow->easting, flow->northing, &tx, &ty);
  dx = tx - hx;
  dy = ty - hy;
  len = MAX (hypot (dx, dy), 1);
  mx = (hx + tx) / 2;
  my = (hy + ty) / 2;
  cx = mx - dy / len * len * 0.18;
  cy = my + dx / len * len * 0.18;
  /* Quadratic (h, c, t) as a cubic. */
  pts[0] = hx; pts[1] = hy;
  pts[2] = hx + 2.0 / 3 * (cx - hx); pts[3] = hy + 2.0 / 3 * (cy - hy);
  pts[4] = tx + 2.0 / 3 * (cx - tx); pts[5] = ty + 2.0 / 3 * (cy - ty);
  pts[6] = tx; pts[7] = ty;
}

void
ls_map_bezier_point (const double p[8], double t, double *x, double *y)
{
  double u = 1 - t;

  *x = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6];
  *y = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7];
}

guint
ls_map_max_flow_contacts (LsGeoModel *model)
{
  guint max = 0;

  for (guint i = 0; i < ls_geo_model_get_n_flows (model); i++)
    max = MAX (max, ls_geo_model_get_flow (model, i)->contacts);

  return max;
}

void
ls_map_draw_flow (cairo_t *cr, const LsMapViewState *view, const LsGeoHub *hub, const LsGeoFlow *flow,
           guint max, const LsColor *color, double alpha)
{
  double p[8], w = ls_map_flow_width (flow, max), ex, ey, bx, by, head = 8 + 1.6 * w;
  double t_end = 1.0;

  ls_map_flow_curve (view, hub, flow, p);
  /* Stop short of the town so the head points at it without hiding it. */
  for (double t = 1.0; t > 0.5; t -= 0.01)
    {
      ls_map_bezier_point (p, t, &ex, &ey);
      if (hypot (ex - p[6], ey - p[7]) >= 6)
        {
          t_end = t;
          break;
        }
    }
  ls_map_bezier_point (p, t_end, &ex, &ey);
  for (double t = t_end; t > 0.3; t -= 0.005)
    {
      ls_map_bezier_point (p, t, &bx, &by);
      if (hypot (ex - bx, ey - by) >= head * 0.8)
        break;
    }
  cairo_move_to (cr, p[0], p[1]);
  cairo_curve_to (cr, p[2], p[3], (p[4] + bx) / 2, (p[5] + by) / 2, bx, by);
  ls_map_set_color (cr, color, alpha);
  cairo_set_line_width (cr, w);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_stroke (cr);
  arrow_head (cr, ex, ey, atan2 (ey - by, ex - bx), head);
  cairo_fill (cr);
}

void
ls_map_draw_hub_marker (cairo_t *cr, double x, double y)
{
  const LsColor *c = ls_render_style_color (LS_STYLE_COLOR_LINE_HOLDER);

  cairo_arc (cr, x, y, 13, 0, 2 * G_PI);
  ls_map_set_color (cr, c, 0.25);
  cairo_fill (cr);
  cairo_arc (cr, x, y, 7, 0, 2 * G_PI);
  ls_map_set_color (cr, c, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 2);
  cairo_stroke (cr);
}

static void
draw_flows (cairo_t *cr, LsGeoModel *model, const LsMapViewState *view)
{
  const LsGeoHub *hub = ls_geo_model_get_hub (model);
  guint max = ls_map_max_flow_contacts (model);

  if (!hub->found)
    return;
  /* Flows come busiest first: thin ones end on top, none hidden. */
  for (guint i = 0; i < ls_geo_model_get_n_flows (model); i++)
    ls_map_draw_flow (cr, view, hub, ls_geo_model_get_flow (model, i),
                      max, ls_render_style_color (LS_STYLE_COLOR_HEAD), 0.78);
}

char *
ls_map_person_label (const LsMapViewState *view, const char *name, const char *key)
{
  /* The pseudonym every export and briefing uses for this person. */
  if (view->hide_names || name == NULL)
    return ls_redact_pseudonym (key);

  return g_strdup (name);
}

void
ls_map_draw_house (cairo_t *cr, double x, double y, double s)
{
  cairo_move_to (cr, x - s, y + s);
  cairo_line_to (cr, x - s, y - s * 0.2);
  cairo_line_to (cr, x, y - s * 1.2);
  cairo_line_to (cr, x + s, y - s * 0.2);
  cairo_line_to (cr, x + s, y + s);
  cairo_close_path (cr);
}

void
ls_map_draw_found_marker (cairo_t *cr, double x, double y, double s)
{
  cairo_move_to (cr, x, y - s);
  cairo_line_to (cr, x + s, y);
  cairo_line_to (cr, x, y + s);
  cairo_line_to (cr, x - s, y);
  cairo_close_path (cr);
}

static void
draw_out_of_area (cairo_t *cr, LsGeoModel *model, const LsMapViewState *view)
{
  for (guint i = 0; i < ls_geo_model_get_n_out_of_area (model); i++)
    {
      const LsGeoOutOfArea *o = ls_geo_model_get_out_of_area (model, i);
      const LsColor *color = ls_render_style_color (o->victim ? LS_STYLE_COLOR_VICTIM : LS_STYLE_COLOR_OTHER);
      double hx, hy, fx, fy;

      ls_map_view_to_screen (view, o->home_easting, o->home_northing, &hx, &hy);
      ls_map_view_to_screen (view, o->found_easting, o->found_northing, &fx, &fy);
      cairo_move_to (cr, hx, hy);
      cairo_line_to (cr, fx, fy);
      ls_map_set_color (cr, color, 0.85);
      cairo_set_line_width (cr, 1.8);
      cairo_set_dash (cr, (const double[]) { 6, 3 }, 2, 0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      ls_map_draw_house (cr, hx, hy, 5);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      ls_map_set_color (cr, color, 1);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
      ls_map_draw_found_marker (cr, fx, fy, 6);
      ls_map_set_color (cr, color, 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.2);
      cairo_stroke (cr);
    }
}

/* Labels, most important first, none over another. */
static void
draw_labels (cairo_t *cr, LsBasemap *basemap, LsGeoModel *model, const LsMapViewState *view)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (Rect));
  const LsColor *fg = ls_render_style_color (LS_STYLE_COLOR_FOREGROUND);
  double min_pop = CLAMP (view->scale * 150, 20000, 250000);
  const LsGeoHub *hub = model ? ls_geo_model_get_hub (model) : NULL;
  g_autoptr(GHashTable) flow_towns = g_hash_table_new (NULL, NULL);
  double x, y, lx, ly;
  int w, h;

  /* Markers first: labels may not cover them. */
  if (hub && hub->found && (view->layers & LS_MAP_LAYER_FLOWS))
    {
      ls_map_view_to_screen (view, hub->easting, hub->northing, &x, &y);
      reserve (placed, x, y, 13);
    }
  if (model && (view->layers & LS_MAP_LAYER_OUT_OF_AREA))
    for (guint i = 0; i < ls_geo_model_get_n_out_of_area (model); i++)
      {
        const LsGeoOutOfArea *o = ls_geo_model_get_out_of_area (model, i);

        ls_map_view_to_screen (view, o->found_easting, o->found_northing, &x, &y);
        reserve (placed, x, y, 7);
      }

  if (hub && hub->found && (view->layers & LS_MAP_LAYER_FLOWS))
    {
      g_autofree char *text = g_strdup_printf (_("Hub: %s (line holders’ nights)"),
                                               hub->town ? hub->town : _("unnamed"));
      g_autoptr(PangoLayout) layout = ls_map_make_layout (cr, text, 12, TRUE);

      ls_map_view_to_screen (view, hub->easting, hub->northing, &x, &y);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (place_label (placed, x, y, 13, w, h, &lx, &ly))
        ls_map_show_text (cr, layout, lx, ly, ls_render_style_color (LS_STYLE_COLOR_LINE_HOLDER));
    }

  if (model && hub && hub->found && (view->layers & LS_MAP_LAYER_FLOWS))
    for (guint i = 0; i < ls_geo_model_get_n_flows (model); i++)
      {
        const LsGeoFlow *f = ls_geo_model_get_flow (model, i);
        g_autofree char *contacts = g_strdup_printf (g_dngettext (NULL, "%u contact", "%u contacts", f->contacts), f->contacts);
        g_autofree char *days = g_strdup_printf (g_dngettext (NULL, "%u day", "%u days", f->days), f->days);
        /* TRANSLATORS: a town, its contacts and days, e.g. "Norwich — 90 contacts, 29 days" */
        g_autofree char *text = view->export_labels ? g_strdup_printf (_("%s — %s, %s"), f->name, contacts, days)
                                                    : g_strdup (f->name);
        g_autoptr(PangoLayout) layout = ls_map_make_layout (cr, text, 12, TRUE);

        g_hash_table_add (flow_towns, GINT_TO_POINTER (f->town + 1));
        ls_map_view_to_screen (view, f->easting, f->northing, &x, &y);
        pango_layout_get_pixel_size (layout, &w, &h);
        if (place_label (placed, x, y, 6, w, h, &lx, &ly))
          ls_map_show_text (cr, layout, lx, ly, ls_render_style_color (LS_STYLE_COLOR_HEAD));
      }

  if (model && (view->layers & LS_MAP_LAYER_OUT_OF_AREA))
    for (guint i = 0; i < ls_geo_model_get_n_out_of_area (model); i++)
      {
        const LsGeoOutOfArea *o = ls_geo_model_get_out_of_area (model, i);
        g_autofree char *who = ls_map_person_label (view, o->name, o->key);
        g_autofree char *when = ls_time_format_local (o->time, "%d/%m/%Y");
        g_autofree char *text = g_strdup_printf (_("%s, found %s"), who, when);
        g_autoptr(PangoLayout) layout = ls_map_make_layout (cr, text, 10, FALSE);

        ls_map_view_to_screen (view, o->found_easting, o->found_northing, &x, &y);
        pango_layout_get_pixel_size (layout, &w, &h);
        if (place_label (placed, x, y, 7, w, h, &lx, &ly))
          ls_map_show_text (cr, layout, lx, ly,
                     ls_render_style_color (o->victim ? LS_STYLE_COLOR_VICTIM : LS_STYLE_COLOR_FOREGROUND));
      }

  if (!(view->layers & LS_MAP_LAYER_TOWNS))
    return;
  for (guint i = 0; i < ls_basemap_get_n_towns (basemap); i++)
    {
      const LsBasemapTown *t = ls_basemap_get_town (basemap, i);
      gboolean flow_town = g_hash_table_contains (flow_towns, GINT_TO_POINTER (i + 1));
      gboolean big = t->population >= 500000;
      double r = big ? 3.5 : t->population >= 100000 ? 2.6 : 2;
      g_autoptr(PangoLayout) layout = NULL;

      if (t->population < min_pop && !flow_town)
        continue;
      ls_map_view_to_screen (view, t->easting, t->northing, &x, &y);
      if (!flow_town)
        {
          Rect dot = { x - r, y - r, x + r, y + r };
          gboolean free = TRUE;

          for (guint k = 0; k < placed->len && free; k++)
            free = !rects_overlap (&dot, &g_array_index (placed, Rect, k));
          layout = ls_map_make_layout (cr, t->name, big ? 12 : t->population >= 100000 ? 10.5 : 9.5, big);
          pango_layout_get_pixel_size (layout, &w, &h);
          /* A town whose name has no room is left out, dot and all. */
          if (!free || !place_label (placed, x, y, r, w, h, &lx, &ly))
            continue;
          ls_map_show_text (cr, layout, lx, ly, t->population >= 100000 ? fg : &minor);
        }
      reserve (placed, x, y, r);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      ls_map_set_color (cr, fg, 0.85);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
}

void
ls_map_render_world (cairo_t              *cr,
                     LsBasemap            *basemap,
                     LsGeoModel           *model,
                     const LsMapViewState *view)
{
  guint level;

  g_return_if_fail (cr != NULL && basemap != NULL && view != NULL && view->scale > 0);

  level = ls_basemap_level_for_scale (view->scale);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, view->width, view->height);
  cairo_clip (cr);
  draw_land (cr, basemap, view, level);
  if (view->layers & LS_MAP_LAYER_AREAS)
    draw_areas (cr, basemap, model, view, level);
  if (model && (view->layers & LS_MAP_LAYER_CELLS))
    draw_cells (cr, model, view);
  if (model && (view->layers & LS_MAP_LAYER_FLOWS))
    draw_flows (cr, model, view);
  if (model && (view->layers & LS_MAP_LAYER_TRACKS))
    draw_tracks (cr, model, view);
  if (model && (view->layers & LS_MAP_LAYER_OUT_OF_AREA))
    draw_out_of_area (cr, model, view);
  if (model && ls_geo_model_get_hub (model)->found && (view->layers & LS_MAP_LAYER_FLOWS))
    {
      double x, y;

      ls_map_view_to_screen (view, ls_geo_model_get_hub (model)->easting,
                             ls_geo_model_get_hub (model)->northing, &x, &y);
      ls_map_draw_hub_marker (cr, x, y);
    }
  draw_labels (cr, basemap, model, view);
  cairo_restore (cr);
}
