/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing the map to a file through the same renderer as the screen:
 * PNG, or vector PDF and SVG. */
#pragma once

#include <gio/gio.h>

#include "ls-case.h"
#include "ls-export.h"
#include "ls-map-render.h"

G_BEGIN_DECLS

typedef enum {
  LS_MAP_FORMAT_PNG,
  LS_MAP_FORMAT_PDF,
  LS_MAP_FORMAT_SVG,
} LsMapFormat;

gboolean ls_map_format_from_string (const char           *str,
                                    LsMapFormat          *format);
/* VIEW's width and height are the page in points (PDF/SVG) or pixels
 * (PNG, drawn at twice that for print). */
gboolean ls_map_export             (LsBasemap            *basemap,
                                    LsGeoModel           *model,
                                    const LsMapViewState *view,
                                    LsMapFormat           format,
                                    const char           *path,
                                    GError              **error);
/* The whole pipeline for the command line: builds the model for QUERY
 * (range and roles, from the analysis), fits a page to the data and
 * exports it with the case's name and marking. */
gboolean ls_map_export_case        (LsCase               *kase,
                                    const LsGeoQuery     *query,
                                    LsMapFormat           format,
                                    const char           *path,
                                    GError              **error);

/* The map's entry in `linesight export` (ls-cli-export.c). */
const LsExportView *ls_map_export_view (void);

/* What the window shows, for LsExportRequest.screen. */
typedef struct {
  LsGeoModel     *model;
  LsMapViewState  view;
} LsMapExportScreen;

LsMapExportScreen *ls_map_export_screen_new  (LsGeoModel           *model,
                                              const LsMapViewState *view);
void               ls_map_export_screen_free (LsMapExportScreen    *self);

G_END_DECLS
