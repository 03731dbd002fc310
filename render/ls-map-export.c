/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Map export. ls_map_export() draws a map view straight to a file (PDF
 * keeps text as text; its SVG carries the attribution as a <desc> and as
 * invisible <text> over cairo's glyph shapes). The map's entry in the
 * export table, used by `linesight export` and the Export dialog, goes
 * through ls-export.c instead: real <text>, redaction, marking, audit. */
#define G_LOG_DOMAIN "ls-map-export"
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ls-analysis.h"
#include "ls-error.h"
#include "ls-map-export.h"

gboolean
ls_map_format_from_string (const char  *str,
                           LsMapFormat *format)
{
  if (g_strcmp0 (str, "png") == 0)
    *format = LS_MAP_FORMAT_PNG;
  else if (g_strcmp0 (str, "pdf") == 0)
    *format = LS_MAP_FORMAT_PDF;
  else if (g_strcmp0 (str, "svg") == 0)
    *format = LS_MAP_FORMAT_SVG;
  else
    return FALSE;

  return TRUE;
}

static cairo_status_t
append_to_string (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *) data, length);

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_surface (cairo_surface_t *surface, const char *path, GError **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
               "Could not write the map to “%s”: %s", path, cairo_status_to_string (status));

  return FALSE;
}

static void
add_svg_text (GString *svg, LsBasemap *basemap, const LsMapViewState *view)
{
  g_autofree char *attribution = g_markup_escape_text (ls_basemap_get_attribution (basemap), -1);
  g_autofree char *title = g_markup_escape_text (view->title ? view->title : "Linesight", -1);
  g_autofree char *text = NULL;
  const char *open = strstr (svg->str, "<svg");
  const char *close = g_strrstr (svg->str, "</svg>");
  gssize after_open;

  if (open == NULL || close == NULL || strchr (open, '>') == NULL)
    return;
  text = g_strdup_printf ("<text x=\"10\" y=\"%d\" font-family=\"sans-serif\" font-size=\"9\" "
                          "fill-opacity=\"0\">%s</text>\n",
                          view->height - 6, attribution);
  g_string_insert (svg, close - svg->str, text);
  after_open = strchr (open, '>') - svg->str + 1;
  g_string_insert (svg, after_open, "</desc>\n");
  g_string_insert (svg, after_open, attribution);
  g_string_insert (svg, after_open, "</title>\n<desc>");
  g_string_insert (svg, after_open, title);
  g_string_insert (svg, after_open, "\n<title>");
}

gboolean
ls_map_export (LsBasemap            *basemap,
               LsGeoModel           *model,
               const LsMapViewState *view,
               LsMapFormat           format,
               const char           *path,
               GError              **error)
{
  cairo_surface_t *surface = NULL;
  g_autoptr(GString) svg = NULL;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (basemap != NULL && view != NULL && path != NULL, FALSE);

  switch (format)
    {
    case LS_MAP_FORMAT_PNG:
      /* Twice the pixels, so a printed page is sharp. */
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, view->width * 2, view->height * 2);
      cairo_surface_set_device_scale (surface, 2, 2);
      break;
    case LS_MAP_FORMAT_PDF:
      surface = cairo_pdf_surface_create (path, view->width, view->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, view->title ? view->title : "Linesight");
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Linesight " PACKAGE_VERSION);
      break;
    case LS_MAP_FORMAT_SVG:
      svg = g_string_new (NULL);
      surface = cairo_svg_surface_create_for_stream (append_to_string, svg, view->width, view->height);
      break;
    default:
      g_return_val_if_reached (FALSE);
    }
  if (!check_surface (surface, path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  ls_map_render (cr, basemap, model, view);
  cairo_show_page (cr);
  cairo_destroy (cr);
  if (format == LS_MAP_FORMAT_PNG && cairo_surface_write_to_png (surface, path) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "Could not write the map to “%s”: is the folder writable?", path);
      cairo_surface_destroy (surface);
      return FALSE;
    }
  cairo_surface_finish (surface);
  ok = check_surface (surface, path, error);
  cairo_surface_destroy (surface);
  if (ok && svg != NULL)
    {
      add_svg_text (svg, basemap, view);
      ok = g_file_set_contents (path, svg->str, svg->len, error);
    }

  return ok;
}

gboolean
ls_map_export_case (LsCase           *kase,
                    const LsGeoQuery *query,
                    LsMapFormat       format,
                    const char       *path,
                    GError          **error)
{
  LsBasemap *basemap = ls_basemap_get_default (error);
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(LsGeoModel) model = NULL;
  g_autofree char *name = NULL;
  g_autofree char *marking = NULL;
  LsMapViewState view = { .width = 1123, .height = 794, .layers = LS_MAP_LAYER_ALL, .export_labels = TRUE };
  LsBBox extent;

  g_return_val_if_fail (kase != NULL && path != NULL, FALSE);

  if (basemap == NULL ||
      !(db = ls_case_open_reader (kase, error)) ||
      !(model = ls_geo_model_build (db, basemap, query, NULL, error)))
    return FALSE;
  name = ls_case_dup_name (kase);
  marking = ls_case_get_meta (kase, "marking");
  view.title = name;
  view.marking = marking;
  /* A4 landscape in points; the data with room for the frame, or all of
   * Great Britain when there is nothing to show. */
  if (!ls_map_model_extent (model, &extent))
    extent = *ls_basemap_get_bbox (basemap);
  ls_map_view_fit (&view, &extent, 90);

  return ls_map_export (basemap, model, &view, format, path, error);
}

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
