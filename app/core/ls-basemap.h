/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsBasemap: the offline map of the UK (land outline, police force areas of
 * England and Wales, towns) parsed from the GeoJSON and CSV shipped in the
 * resources, projected once to British National Grid and simplified per
 * zoom level. Immutable once loaded, so any thread may read it. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Shown on every map and export: the licences of the data require it
 * (resources/basemap/SOURCES.md). Same text as ATTRIBUTION.txt. */
#define LS_BASEMAP_ATTRIBUTION \
  "Map data: Made with Natural Earth. Contains OS data © Crown copyright and database right 2014. " \
  "Contains National Statistics data © Crown copyright and database right 2014. " \
  "Contains public sector information licensed under the Open Government Licence v3.0. " \
  "Boundaries converted by Martin Chorley (UK-GeoJSON, CC BY 4.0). " \
  "Places: GeoNames (geonames.org), CC BY 4.0."

/* Douglas–Peucker tolerances, coarse to full detail (metres). */
#define LS_BASEMAP_N_LEVELS 5

typedef struct {
  double x0, y0, x1, y1;
} LsBBox;

/* Rings of one shape at one level of detail: ring i is points
 * rings[i] .. rings[i + 1] - 1 of xy (interleaved easting, northing). */
typedef struct {
  double *xy;
  guint  *rings;
  guint   n_rings;
  guint   n_points;
} LsBasemapPath;

typedef struct {
  char          *name;       /* "Norfolk", "United Kingdom" */
  char          *id;         /* force_id, or the ISO numeric country code */
  LsBBox         bbox;
  LsBasemapPath *levels[LS_BASEMAP_N_LEVELS];
} LsBasemapShape;

typedef struct {
  char   *name;
  double  lat;
  double  lon;
  double  easting;
  double  northing;
  guint   population;
} LsBasemapTown;

typedef struct _LsBasemap LsBasemap;

/* The shipped basemap, loaded on first use (from any thread). */
LsBasemap            *ls_basemap_get_default    (GError        **error);
LsBasemap            *ls_basemap_load           (GBytes         *outline_geojson,
                                                 GBytes         *areas_geojson,
                                                 GBytes         *towns_csv,
                                                 GError        **error);
LsBasemap            *ls_basemap_ref            (LsBasemap      *self);
void                  ls_basemap_unref          (LsBasemap      *self);

const char           *ls_basemap_get_attribution (LsBasemap     *self);
const LsBBox         *ls_basemap_get_bbox       (LsBasemap      *self);
guint                 ls_basemap_get_n_land     (LsBasemap      *self);
const LsBasemapShape *ls_basemap_get_land       (LsBasemap      *self,
                                                 guint           index);
guint                 ls_basemap_get_n_areas    (LsBasemap      *self);
const LsBasemapShape *ls_basemap_get_area       (LsBasemap      *self,
                                                 guint           index);
guint                 ls_basemap_get_n_towns    (LsBasemap      *self);
const LsBasemapTown  *ls_basemap_get_town       (LsBasemap      *self,
                                                 guint           index);
/* Towns are sorted by population, largest first. -1 if none is within
 * MAX_DISTANCE metres. */
int                   ls_basemap_nearest_town   (LsBasemap      *self,
                                                 double          easting,
                                                 double          northing,
                                                 double          max_distance);
int                   ls_basemap_find_town      (LsBasemap      *self,
                                                 const char     *name);
/* The force area containing the point, or -1. Results are cached. */
int                   ls_basemap_area_at        (LsBasemap      *self,
                                                 double          easting,
                                                 double          northing);
gboolean              ls_basemap_land_at        (LsBasemap      *self,
                                                 double          easting,
                                                 double          northing);
/* The coarsest level whose error is under one pixel of METRES_PER_PIXEL. */
guint                 ls_basemap_level_for_scale (double         metres_per_pixel);
double                ls_basemap_level_tolerance (guint          level);

/* Exposed for tests. Simplifies N interleaved points of a closed ring. */
GArray               *ls_basemap_simplify_ring  (const double   *xy,
                                                 guint           n,
                                                 double          tolerance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsBasemap, ls_basemap_unref)

G_END_DECLS
