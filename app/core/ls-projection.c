/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WGS84 to British National Grid. Debian's proj-data lacks OSTN15, so we
 * ship Ordnance Survey's grid (resources/proj/README.md) and put its folder
 * first on PROJ's search path; PROJ then picks the OSTN15 operation by
 * itself, and falls back to Helmert if the file is missing. */
#define G_LOG_DOMAIN "ls-projection"
#include "config.h"

#include <math.h>
#include <string.h>

#include <proj.h>

#include "ls-error.h"
#include "ls-projection.h"

#define OSTN15_FILE "uk_os_OSTN15_NTv2_OSGBtoETRS.tif"

struct _LsProjection {
  PJ_CONTEXT *ctx;
  PJ         *pj;
  gboolean    ostn15;
  char       *description;
};

/* LINESIGHT_PROJ_DIR, then the installed copy, then the source tree (for
 * tests and running from the build directory). */
static const char *
find_grid_dir (void)
{
  static const char *dir;

  if (g_once_init_enter (&dir))
    {
      const char *candidates[] = {
        g_getenv ("LINESIGHT_PROJ_DIR"), LS_PROJ_INSTALLED_DIR, LS_PROJ_SOURCE_DIR, LS_PROJ_SHARED_DIR,
      };
      const char *found = "";

      for (guint i = 0; i < G_N_ELEMENTS (candidates) && !*found; i++)
        {
          g_autofree char *path = NULL;

          if (candidates[i] == NULL)
            continue;
          path = g_build_filename (candidates[i], OSTN15_FILE, NULL);
          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            found = candidates[i];
        }
      g_once_init_leave (&dir, found);
    }

  return dir;
}

static void
set_search_path (PJ_CONTEXT *ctx)
{
  const char *grid_dir = find_grid_dir ();
  g_auto(GStrv) defaults = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  if (!*grid_dir)
    return;
  /* Setting the search path replaces PROJ's own, which holds proj.db. */
  defaults = g_strsplit (proj_info ().searchpath ? proj_info ().searchpath : "",
                         G_SEARCHPATH_SEPARATOR_S, -1);
  g_ptr_array_add (paths, (gpointer) grid_dir);
  for (guint i = 0; defaults[i]; i++)
    if (*defaults[i])
      g_ptr_array_add (paths, defaults[i]);
  proj_context_set_search_paths (ctx, paths->len, (const char * const *) paths->pdata);
}

LsProjection *
ls_projection_new (GError **error)
{
  g_autoptr(LsProjection) self = g_new0 (LsProjection, 1);
  PJ *raw;
  PJ_COORD probe;

  self->ctx = proj_context_create ();
  proj_context_use_proj4_init_rules (self->ctx, FALSE);
  proj_context_set_enable_network (self->ctx, FALSE);
  set_search_path (self->ctx);

  raw = proj_create_crs_to_crs (self->ctx, "EPSG:4326", "EPSG:27700", NULL);
  if (raw == NULL)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "PROJ cannot transform WGS84 to British National Grid: %s "
                   "(is proj-data installed, with proj.db?)",
                   proj_context_errno_string (self->ctx, proj_context_errno (self->ctx)));
      return NULL;
    }
  /* Longitude first, easting first, whatever the CRS axis order says. */
  self->pj = proj_normalize_for_visualization (self->ctx, raw);
  proj_destroy (raw);
  if (self->pj == NULL)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "PROJ cannot normalise the WGS84 to British National Grid transformation");
      return NULL;
    }

  /* The operation is chosen per point; project one in Norfolk to see which. */
  probe = proj_trans (self->pj, PJ_FWD, proj_coord (1.0, 52.5, 0, 0));
  (void) probe;
  {
    PJ *last = proj_trans_get_last_used_operation (self->pj);
    const char *def = last ? proj_pj_info (last).definition : NULL;

    self->ostn15 = def != NULL && strstr (def, "OSTN15") != NULL;
    self->description = g_strdup (def ? def : "unknown");
    g_clear_pointer (&last, proj_destroy);
  }

  return g_steal_pointer (&self);
}

void
ls_projection_free (LsProjection *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->pj, proj_destroy);
  g_clear_pointer (&self->ctx, proj_context_destroy);
  g_free (self->description);
  g_free (self);
}

gboolean
ls_projection_forward (LsProjection *self,
                       double        lon,
                       double        lat,
                       double       *easting,
                       double       *northing)
{
  PJ_COORD out;

  g_return_val_if_fail (self != NULL, FALSE);

  out = proj_trans (self->pj, PJ_FWD, proj_coord (lon, lat, 0, 0));
  if (!isfinite (out.xy.x) || !isfinite (out.xy.y) || out.xy.x == HUGE_VAL)
    return FALSE;
  *easting = out.xy.x;
  *northing = out.xy.y;

  return TRUE;
}

void
ls_projection_forward_many (LsProjection *self,
                            double       *xy,
                            gsize         n)
{
  g_return_if_fail (self != NULL);

  proj_trans_generic (self->pj, PJ_FWD,
                      xy, 2 * sizeof (double), n,
                      xy + 1, 2 * sizeof (double), n,
                      NULL, 0, 0, NULL, 0, 0);
}

gboolean
ls_projection_has_ostn15 (LsProjection *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->ostn15;
}

const char *
ls_projection_describe (LsProjection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->description;
}
