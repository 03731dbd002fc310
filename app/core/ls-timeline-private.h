/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared between ls-timeline-model.c and ls-timeline-query.c. */
#pragma once

#include "ls-timeline-model.h"

G_BEGIN_DECLS

struct _LsTimelineModel
{
  gatomicrefcount     ref_count;
  LsTimelineLaneMode  mode;
  GArray             *lanes;      /* LsTimelineLane */
  GArray             *events;     /* LsTimelineEvent, by start */
  GHashTable         *by_key;     /* key → lane + 1 */
  GHashTable         *by_phone;   /* gint64* phone id → lane + 1 */
  char               *phone_list; /* "1,2,3": every phone on a lane, for SQL IN () */
  gint64              first;
  gint64              last;
  GMutex              cache_lock;
  GPtrArray          *cache;      /* LsTimelineBins, most recent last */
};

gint64   ls_timeline_london_offset   (gint64 t);
gint64   ls_timeline_local_to_utc    (gint64 local);
void     ls_timeline_watch_cancel    (sqlite3      *db,
                                      GCancellable *cancellable);

G_END_DECLS
