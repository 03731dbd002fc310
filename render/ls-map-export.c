/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Map export: the map's entry in the export table, used by `linesight
 * export` and the Export dialog through ls-export.c (real <text>,
 * redaction, marking, audit), drawn by the screen's renderer. */
#define G_LOG_DOMAIN "ls-map-export"
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ls-analysis.h"
#include "ls-error.h"
#include "ls-map-export.h"

/* The map's entry in the export table (ls-export.h): `linesight export CASE
 * --view map`. Roles come from the analysis of the whole case, as in the
 * window; the page is fitted to the activity. */

typedef struct {
  LsBasemap      *basemap;
  LsGeoModel     *model;
  char           *title;
  char           *marking;
  gboolean        hide_names;
  gboolean        on_screen;
  LsMapViewState  screen;
} MapExport;

static void
map_export_free (MapExport *data)
{
  g_clear_pointer (&data->model, ls_geo_model_unref);
  g_free (data->title);
  g_free (data->marking);
  g_free (data);
}

LsMapExportScreen *
ls_map_export_screen_new (LsGeoModel           *model,
                          const LsMapViewState *view)
{
  LsMapExportScreen *self = g_new0 (LsMapExportScreen, 1);

  self->model = model ? ls_geo_model_ref (model) : NULL;
  self->view = *view;
  self->view.title = self->view.marking = NULL;

  return self;
}

void
ls_map_export_screen_free (LsMapExportScreen *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->model, ls_geo_model_unref);
  g_free (self);
}

static gpointer
map_prepare (const LsExportRequest  *request,
             GError                **error)
{
  const LsMapExportScreen *screen = request->screen;
  g_autoptr(LsAnalysis) analysis = NULL;
  g_autoptr(GError) analysis_error = NULL;
  LsGeoQuery query = LS_GEO_QUERY_INIT;
  LsBasemap *basemap = ls_basemap_get_default (error);
  MapExport *data;
  LsGeoModel *model;

  if (basemap == NULL)
    return NULL;
  if (screen != NULL && screen->model != NULL)
    {
      model = ls_geo_model_ref (screen->model);
    }
  else
    {
      analysis = ls_analysis_load (request->kase, NULL, NULL, NULL, NULL, request->cancellable, &analysis_error);
      if (analysis != NULL)
        {
          ls_geo_query_set_roles (&query, analysis);
        }
      else if (g_error_matches (analysis_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&analysis_error));
          return NULL;
        }
      else
        {
          g_warning ("The map shows no hub or flows: %s", analysis_error->message);
        }
      query.from = request->from;
      query.to = request->to;
      model = ls_geo_model_build (ls_case_get_db (request->kase), basemap, &query, request->cancellable, error);
      ls_geo_query_clear_roles (&query);
      if (model == NULL)
        return NULL;
    }

  data = g_new0 (MapExport, 1);
  data->basemap = basemap;
  data->model = model;
  data->title = ls_export_request_dup_title (request);
  data->marking = ls_export_request_dup_marking (request);
  /* Pseudonyms from the renderer under full redaction; under partner
   * redaction the export's redactor keeps the safeguarding list's names
   * and pseudonymises the rest. Numbers are masked by the redactor. */
  data->hide_names = request->redaction == LS_REDACTION_ALL;
  if (screen != NULL)
    {
      data->on_screen = TRUE;
      data->screen = screen->view;
    }

  return data;
}

/* From the window: the same centre, scaled so that what the screen showed
 * fits the page. Otherwise the page is fitted to the activity. */
static void
map_draw (gpointer  user_data,
          cairo_t  *cr,
          double    width,
          double    height)
{
  MapExport *data = user_data;
  LsMapViewState view = { .width = (int) width, .height = (int) height, .layers = LS_MAP_LAYER_ALL };
  LsBBox extent;

  if (data->on_screen)
    {
      double s = MIN (width / MAX (data->screen.width, 1), height / MAX (data->screen.height, 1));

      view = data->screen;
      view.width = (int) width;
      view.height = (int) height;
      view.scale /= s;
    }
  else
    {
      if (!ls_map_model_extent (data->model, &extent))
        extent = *ls_basemap_get_bbox (data->basemap);
      ls_map_view_fit (&view, &extent, 90);
    }
  view.title = data->title;
  view.marking = data->marking;
  view.hide_names = data->hide_names;
  view.export_labels = TRUE;
  ls_map_render (cr, data->basemap, data->model, &view);
}

/* The title (PDF metadata, SVG <title>) carries the attribution too, as
 * the page's own attribution line does. */
static char *
map_title (gpointer user_data)
{
  MapExport *data = user_data;
  g_autofree char *range = ls_export_format_range (ls_geo_model_get_from (data->model),
                                                   ls_geo_model_get_to (data->model));

  /* Translators: "CASE — Map, DATE RANGE (MARKING). ATTRIBUTION" */
  return g_strdup_printf (_("%s — Map, %s (%s). %s"),
                          data->title ? data->title : _("Untitled case"), range,
                          data->marking ? data->marking : _("no marking"),
                          ls_basemap_get_attribution (data->basemap));
}

const LsExportView *
ls_map_export_view (void)
{
  static const LsExportView view = {
    "map",
    N_("The map of where the line operates"),
    map_prepare,
    map_draw,
    (GDestroyNotify) map_export_free,
    map_title,
  };

  return &view;
}
