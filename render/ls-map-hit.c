/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What is under the pointer, and how hover and selection are drawn on top
 * of the cached world picture. Hits are tested in screen pixels, smallest
 * and most specific things first. */
#define G_LOG_DOMAIN "ls-map-hit"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ls-map-render-private.h"
#include "ls-time.h"

void
ls_map_hit_clear (LsMapHit *hit)
{
  g_clear_pointer (&hit->key, g_free);
  g_clear_pointer (&hit->tooltip, g_free);
  hit->kind = LS_MAP_HIT_NONE;
  hit->index = -1;
}

static char *
format_day (gint64 t)
{
  return ls_time_format_local (t, "%d/%m/%Y");
}

static gboolean
hit_out_of_area (LsGeoModel *model, const LsMapViewState *view, double px, double py, LsMapHit *hit)
{
  for (guint i = 0; i < ls_geo_model_get_n_out_of_area (model); i++)
    {
      const LsGeoOutOfArea *o = ls_geo_model_get_out_of_area (model, i);
      double hx, hy, fx, fy;

      ls_map_view_to_screen (view, o->home_easting, o->home_northing, &hx, &hy);
      ls_map_view_to_screen (view, o->found_easting, o->found_northing, &fx, &fy);
      if (hypot (px - fx, py - fy) <= 8 || hypot (px - hx, py - hy) <= 7)
        {
          g_autofree char *who = ls_map_person_label (view, o->name, o->key);
          g_autofree char *when = format_day (o->time);

          hit->kind = LS_MAP_HIT_OUT_OF_AREA;
          hit->index = i;
          hit->key = g_strdup (o->key);
          hit->easting = o->found_easting;
          hit->northing = o->found_northing;
          hit->tooltip = g_strdup_printf (_("%s%s\nFound %s at %s, %.0f km from home"),
                                          who, o->victim ? _(" (child or vulnerable adult)") : "",
                                          when, o->place ? o->place : _("a recorded location"),
                                          o->distance / 1000);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
hit_flows (LsGeoModel *model, const LsMapViewState *view, double px, double py, LsMapHit *hit)
{
  const LsGeoHub *hub = ls_geo_model_get_hub (model);
  guint max = ls_map_max_flow_contacts (model);
  double hx, hy;

  if (!hub->found)
    return FALSE;
  ls_map_view_to_screen (view, hub->easting, hub->northing, &hx, &hy);
  if (hypot (px - hx, py - hy) <= 13)
    {
      hit->kind = LS_MAP_HIT_HUB;
      hit->easting = hub->easting;
      hit->northing = hub->northing;
      hit->tooltip = g_strdup_printf (_("Hub near %s\nLine holders’ phones used cells here on %u nights (%u night-time contacts)"),
                                      hub->town ? hub->town : _("an unnamed place"), hub->nights, hub->contacts);
      return TRUE;
    }
  /* Thinnest last drawn is on top: test from the end. */
  for (int i = (int) ls_geo_model_get_n_flows (model) - 1; i >= 0; i--)
    {
      const LsGeoFlow *f = ls_geo_model_get_flow (model, i);
      double p[8], tol = ls_map_flow_width (f, max) / 2 + 4;

      ls_map_flow_curve (view, hub, f, p);
      for (double t = 0.05; t <= 1.0; t += 0.025)
        {
          double x, y;

          ls_map_bezier_point (p, t, &x, &y);
          if (hypot (px - x, py - y) <= tol)
            {
              g_autofree char *first = format_day (f->first);
              g_autofree char *last = format_day (f->last);

              hit->kind = LS_MAP_HIT_FLOW;
              hit->index = i;
              hit->easting = f->easting;
              hit->northing = f->northing;
              hit->tooltip = g_strdup_printf (_("%s: %u contacts on %u days by %u deal line or runner phones\n%s to %s"),
                                              f->name, f->contacts, f->days, f->phones, first, last);
              return TRUE;
            }
        }
    }

  return FALSE;
}

static gboolean
hit_cells (LsGeoModel *model, const LsMapViewState *view, double px, double py, LsMapHit *hit)
{
  guint max = ls_geo_model_get_max_uses (model);
  double best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 0; i < ls_geo_model_get_n_cells (model); i++)
    {
      const LsGeoCell *c = ls_geo_model_get_cell (model, i);
      double x, y, d;

      ls_map_view_to_screen (view, c->easting, c->northing, &x, &y);
      d = hypot (px - x, py - y);
      if (d <= MAX (ls_map_cell_radius (c, max), 4) && d < best)
        {
          best = d;
          found = i;
        }
    }
  if (found >= 0)
    {
      const LsGeoCell *c = ls_geo_model_get_cell (model, found);

      hit->kind = LS_MAP_HIT_CELL;
      hit->index = found;
      hit->easting = c->easting;
      hit->northing = c->northing;
      hit->tooltip = g_strdup_printf (g_dngettext (NULL, "Cell %s%s%s\n%u call or message in the range",
                                                   "Cell %s%s%s\n%u calls or messages in the range", c->uses),
                                      c->ref, c->name ? " — " : "", c->name ? c->name : "", c->uses);
    }

  return found >= 0;
}

static gboolean
hit_towns (LsBasemap *basemap, const LsMapViewState *view, double px, double py, LsMapHit *hit)
{
  double min_pop = CLAMP (view->scale * 150, 20000, 250000);

  for (guint i = 0; i < ls_basemap_get_n_towns (basemap); i++)
    {
      const LsBasemapTown *t = ls_basemap_get_town (basemap, i);
      double x, y;

      if (t->population < min_pop)
        continue;
      ls_map_view_to_screen (view, t->easting, t->northing, &x, &y);
      if (hypot (px - x, py - y) <= 6)
        {
          hit->kind = LS_MAP_HIT_TOWN;
          hit->index = i;
          hit->easting = t->easting;
          hit->northing = t->northing;
          hit->tooltip = g_strdup_printf (_("%s\nClick to list who was active here"), t->name);
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
ls_map_hit_test (LsBasemap            *basemap,
                 LsGeoModel           *model,
                 const LsMapViewState *view,
                 double                x,
                 double                y,
                 LsMapHit             *hit)
{
  double e, n;
  int area;

  g_return_val_if_fail (basemap != NULL && view != NULL && hit != NULL, FALSE);

  ls_map_hit_clear (hit);
  if (model && (view->layers & LS_MAP_LAYER_OUT_OF_AREA) && hit_out_of_area (model, view, x, y, hit))
    return TRUE;
  if (model && (view->layers & LS_MAP_LAYER_FLOWS) && hit_flows (model, view, x, y, hit))
    return TRUE;
  if (model && (view->layers & LS_MAP_LAYER_CELLS) && hit_cells (model, view, x, y, hit))
    return TRUE;
  if ((view->layers & LS_MAP_LAYER_TOWNS) && hit_towns (basemap, view, x, y, hit))
    return TRUE;
  if (!(view->layers & LS_MAP_LAYER_AREAS))
    return FALSE;

  ls_map_view_to_map (view, x, y, &e, &n);
  if ((area = ls_basemap_area_at (basemap, e, n)) < 0)
    return FALSE;
  {
    guint n_areas = 0;
    const guint *act = model ? ls_geo_model_get_area_activity (model, &n_areas) : NULL;

    hit->kind = LS_MAP_HIT_AREA;
    hit->index = area;
    hit->easting = e;
    hit->northing = n;
    hit->tooltip = g_strdup_printf (_("%s\n%u calls or messages in the range. Click to list who was active here"),
                                    ls_basemap_get_area (basemap, area)->name,
                                    act && (guint) area < n_areas ? act[area] : 0);
  }

  return TRUE;
}

static void
outline_area (cairo_t *cr, LsBasemap *basemap, const LsMapViewState *view, int area)
{
  const LsBasemapShape *shape = ls_basemap_get_area (basemap, area);
  const LsBasemapPath *p = shape->levels[ls_basemap_level_for_scale (view->scale)];

  for (guint r = 0; r < p->n_rings; r++)
    for (guint i = p->rings[r]; i < p->rings[r + 1]; i++)
      {
        double x, y;

        ls_map_view_to_screen (view, p->xy[2 * i], p->xy[2 * i + 1], &x, &y);
        if (i == p->rings[r])
          cairo_move_to (cr, x, y);
        else
          cairo_line_to (cr, x, y);
      }
  ls_render_style_set_color (cr, LS_STYLE_COLOR_ACCENT);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
}

void
ls_map_render_overlay (cairo_t              *cr,
                       LsBasemap            *basemap,
                       LsGeoModel           *model,
                       const LsMapViewState *view,
                       const LsMapHit       *hover,
                       const char * const   *selection)
{
  double x, y;

  g_return_if_fail (cr != NULL && basemap != NULL && view != NULL);

  cairo_save (cr);
  /* Selected people found out of area: a ring that says "this one". */
  if (model && selection && (view->layers & LS_MAP_LAYER_OUT_OF_AREA))
    for (guint i = 0; i < ls_geo_model_get_n_out_of_area (model); i++)
      {
        const LsGeoOutOfArea *o = ls_geo_model_get_out_of_area (model, i);

        if (!g_strv_contains (selection, o->key))
          continue;
        ls_map_view_to_screen (view, o->found_easting, o->found_northing, &x, &y);
        cairo_arc (cr, x, y, 11, 0, 2 * G_PI);
        ls_render_style_set_color (cr, LS_STYLE_COLOR_ACCENT);
        cairo_set_line_width (cr, 2.5);
        cairo_stroke (cr);
      }

  if (hover == NULL || hover->kind == LS_MAP_HIT_NONE)
    {
      cairo_restore (cr);
      return;
    }
  switch (hover->kind)
    {
    case LS_MAP_HIT_AREA:
      outline_area (cr, basemap, view, hover->index);
      break;
    case LS_MAP_HIT_FLOW:
      if (model && hover->index < (int) ls_geo_model_get_n_flows (model))
        {
          const LsColor *accent = ls_render_style_color (LS_STYLE_COLOR_ACCENT);

          ls_map_draw_flow (cr, view, ls_geo_model_get_hub (model), ls_geo_model_get_flow (model, hover->index),
                            ls_map_max_flow_contacts (model), accent, 0.9);
        }
      break;
    default:
      ls_map_view_to_screen (view, hover->easting, hover->northing, &x, &y);
      cairo_arc (cr, x, y, 10, 0, 2 * G_PI);
      ls_render_style_set_color (cr, LS_STYLE_COLOR_ACCENT);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
      break;
    }
  cairo_restore (cr);
}
