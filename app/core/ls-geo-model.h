/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsGeoModel: what the map shows for one date range: cells with their use,
 * force areas with their activity, the tracks of the selected people and
 * phones, the hub where the line is controlled and the flows from it to the
 * county towns, and people found out of their home area. Built off the main
 * thread from a reader connection; immutable once built, so any thread may
 * read it. All positions are British National Grid metres. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "ls-analysis.h"
#include "ls-basemap.h"

G_BEGIN_DECLS

/* The roles the map needs, by node key ("person:ID" / "phone:ID"); the
 * window fills them from the analysis (ls-analysis.h). */
typedef struct {
  gint64  from;           /* unix seconds UTC, inclusive; -1 for open */
  gint64  to;             /* exclusive; -1 for open */
  GStrv   selected;       /* tracks are drawn for these only */
  GStrv   line_holders;   /* their nights make the hub */
  GStrv   deal_lines;     /* with runners: where the line deals */
  GStrv   runners;
} LsGeoQuery;

#define LS_GEO_QUERY_INIT { -1, -1, NULL, NULL, NULL, NULL }

/* Fills the roles of QUERY from ANALYSIS (new string arrays; free them with
 * ls_geo_query_clear_roles). Deal lines are its deal-line findings' phones
 * and any node whose role is deal line. */
void                  ls_geo_query_set_roles      (LsGeoQuery        *query,
                                                   LsAnalysis        *analysis);
void                  ls_geo_query_clear_roles    (LsGeoQuery        *query);

typedef struct {
  gint64  id;             /* cells.id */
  char   *ref;
  char   *name;
  double  easting;
  double  northing;
  guint   uses;           /* calls and SMS made on it in the range */
  int     area;           /* force area index in the basemap, or -1 */
} LsGeoCell;

typedef struct {
  gint64  time;
  guint   cell;           /* index into the model's cells */
} LsGeoTrackPoint;

typedef struct {
  char   *key;            /* "person:ID" / "phone:ID" */
  char   *label;
  gboolean victim;
  GArray *points;         /* LsGeoTrackPoint in time order, repeats removed */
} LsGeoTrack;

typedef struct {
  gboolean found;
  double   easting;
  double   northing;
  char    *town;          /* the nearest town, or NULL */
  guint    nights;        /* distinct nights seen there */
  guint    contacts;      /* night-time calls on the hub's cells */
} LsGeoHub;

typedef struct {
  int     town;           /* index in the basemap's towns */
  char   *name;
  double  easting;
  double  northing;
  guint   contacts;       /* calls by the deal lines and runners there */
  guint   days;           /* distinct days they were there */
  guint   phones;         /* how many of those phones */
  gint64  first;
  gint64  last;
} LsGeoFlow;

typedef struct {
  gint64  event_id;
  gint64  person_id;
  char   *key;            /* "person:ID" */
  char   *name;
  gboolean victim;        /* a child or vulnerable adult at the time */
  double  home_easting;
  double  home_northing;
  double  found_easting;
  double  found_northing;
  char   *place;          /* where found, as recorded */
  char   *kind;           /* the event's kind */
  gint64  time;
  double  distance;       /* metres between home and where found */
  int     home_area;      /* force areas, or -1 */
  int     found_area;
} LsGeoOutOfArea;

/* People and phones active on a set of cells, for a town or force area. */
typedef struct {
  char   *key;
  char   *label;
  guint   contacts;
  gboolean victim;
} LsGeoActive;

typedef struct _LsGeoModel LsGeoModel;

LsGeoModel           *ls_geo_model_build          (sqlite3           *db,
                                                   LsBasemap         *basemap,
                                                   const LsGeoQuery  *query,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
LsGeoModel           *ls_geo_model_ref            (LsGeoModel        *self);
void                  ls_geo_model_unref          (LsGeoModel        *self);
gint64                ls_geo_model_get_from       (LsGeoModel        *self);
gint64                ls_geo_model_get_to         (LsGeoModel        *self);
LsBasemap            *ls_geo_model_get_basemap    (LsGeoModel        *self);

guint                 ls_geo_model_get_n_cells    (LsGeoModel        *self);
const LsGeoCell      *ls_geo_model_get_cell       (LsGeoModel        *self,
                                                   guint              index);
guint                 ls_geo_model_get_max_uses   (LsGeoModel        *self);
/* Calls made in each force area (indexed like the basemap's areas). */
const guint          *ls_geo_model_get_area_activity (LsGeoModel     *self,
                                                   guint             *n_areas);
guint                 ls_geo_model_get_n_tracks   (LsGeoModel        *self);
const LsGeoTrack     *ls_geo_model_get_track      (LsGeoModel        *self,
                                                   guint              index);
const LsGeoHub       *ls_geo_model_get_hub        (LsGeoModel        *self);
guint                 ls_geo_model_get_n_flows    (LsGeoModel        *self);
const LsGeoFlow      *ls_geo_model_get_flow       (LsGeoModel        *self,
                                                   guint              index);
guint                 ls_geo_model_get_n_out_of_area (LsGeoModel     *self);
const LsGeoOutOfArea *ls_geo_model_get_out_of_area (LsGeoModel       *self,
                                                   guint              index);

/* Who was active (made calls) on the cells of a force area (AREA >= 0) or
 * within RADIUS metres of a point, in the model's range: a new array of
 * LsGeoActive, most contacts first. Runs a query: call it off the main
 * thread with its own reader. */
GArray               *ls_geo_model_list_active    (LsGeoModel        *self,
                                                   sqlite3           *db,
                                                   int                area,
                                                   double             easting,
                                                   double             northing,
                                                   double             radius,
                                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsGeoModel, ls_geo_model_unref)

G_END_DECLS
