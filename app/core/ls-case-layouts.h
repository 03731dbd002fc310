/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case's cache of network layouts (table layout_cache): node positions
 * per layout and date range, so a reopened case shows its map at once, and
 * pinned (dragged) nodes stay where the analyst put them. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct {
  double   x;
  double   y;
  gboolean pinned;
} LsLayoutPoint;

/* node key → LsLayoutPoint. Rows from another data version are dropped
 * unless pinned. An empty table when nothing is cached. */
GHashTable *ls_case_layouts_load      (sqlite3      *db,
                                       const char   *layout,
                                       gint64        range_from,
                                       gint64        range_to,
                                       gint64        data_version,
                                       GError      **error);
/* Replaces what is cached for LAYOUT and the range with POINTS. */
gboolean    ls_case_layouts_save      (sqlite3      *db,
                                       const char   *layout,
                                       gint64        range_from,
                                       gint64        range_to,
                                       gint64        data_version,
                                       GHashTable   *points,
                                       GError      **error);
/* One node moved (dragged) or unpinned. */
gboolean    ls_case_layouts_set_point (sqlite3      *db,
                                       const char   *layout,
                                       gint64        range_from,
                                       gint64        range_to,
                                       gint64        data_version,
                                       const char   *node_key,
                                       const LsLayoutPoint *point,
                                       GError      **error);
GHashTable *ls_layout_points_new      (void);

G_END_DECLS
