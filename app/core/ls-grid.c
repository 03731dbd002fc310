/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Grid conversion. A PJ and its PJ_CONTEXT may not be shared between
 * threads, so each thread builds its own once and keeps it until it ends. */
#define G_LOG_DOMAIN "ls-grid"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <proj.h>

#include "ls-grid.h"
#include "ls-import-values.h"

typedef struct {
  PJ_CONTEXT *ctx;
  PJ         *pj;   /* EPSG:27700 → EPSG:4326, easting/northing → lon/lat */
} Grid;

static void
grid_free (gpointer data)
{
  Grid *grid = data;

  if (grid->pj)
    proj_destroy (grid->pj);
  proj_context_destroy (grid->ctx);
  g_free (grid);
}

static GPrivate grid_key = G_PRIVATE_INIT (grid_free);

static PJ *
get_pj (GError **error)
{
  Grid *grid = g_private_get (&grid_key);

  if (grid == NULL)
    {
      PJ *raw;

      grid = g_new0 (Grid, 1);
      grid->ctx = proj_context_create ();
      /* Offline: the grids PROJ ships are enough for OSGB36's Helmert. */
      proj_context_set_enable_network (grid->ctx, 0);
      raw = proj_create_crs_to_crs (grid->ctx, "EPSG:27700", "EPSG:4326", NULL);
      if (raw != NULL)
        {
          grid->pj = proj_normalize_for_visualization (grid->ctx, raw);
          proj_destroy (raw);
        }
      g_private_set (&grid_key, grid);
    }

  if (grid->pj == NULL)
    g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_FAILED,
                 _("cannot convert British National Grid references: PROJ has no "
                   "definition of EPSG:27700 (is proj-data installed?)"));

  return grid->pj;
}

static gboolean
transform (PJ_DIRECTION  direction,
           double        x,
           double        y,
           double       *out_x,
           double       *out_y,
           GError      **error)
{
  PJ *pj = get_pj (error);
  PJ_COORD c;

  if (pj == NULL)
    return FALSE;

  c = proj_trans (pj, direction, proj_coord (x, y, 0, 0));
  if (!isfinite (c.xy.x) || !isfinite (c.xy.y) || c.xy.x == HUGE_VAL)
    {
      g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_BAD_VALUE,
                   _("expected a place in Great Britain, found %.0f, %.0f"), x, y);
      return FALSE;
    }

  *out_x = c.xy.x;
  *out_y = c.xy.y;
  return TRUE;
}

gboolean
ls_grid_to_latlon (double   easting,
                   double   northing,
                   double  *lat,
                   double  *lon,
                   GError **error)
{
  return transform (PJ_FWD, easting, northing, lon, lat, error);
}

gboolean
ls_latlon_to_grid (double   lat,
                   double   lon,
                   double  *easting,
                   double  *northing,
                   GError **error)
{
  return transform (PJ_INV, lon, lat, easting, northing, error);
}
