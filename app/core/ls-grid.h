/* SPDX-License-Identifier: GPL-3.0-or-later */
/* British National Grid (EPSG:27700) to and from WGS84 (EPSG:4326), with
 * PROJ. Safe on any thread: each thread has its own PROJ context. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean ls_grid_to_latlon (double   easting,
                            double   northing,
                            double  *lat,
                            double  *lon,
                            GError **error);
gboolean ls_latlon_to_grid (double   lat,
                            double   lon,
                            double  *easting,
                            double  *northing,
                            GError **error);

G_END_DECLS
