/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writing the map to a file through the same renderer as the screen:
 * PNG, or vector PDF and SVG. */
#pragma once

#include <gio/gio.h>

#include "ls-case.h"
#include "ls-export.h"
#include "ls-map-render.h"

G_BEGIN_DECLS

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
