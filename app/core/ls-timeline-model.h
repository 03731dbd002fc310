/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline's data: swimlanes (one per person, or per phone), the
 * events and handset/number changes on them, and — per zoom level — call
 * counts binned by SQL aggregates, individual calls when the range is
 * small, and an hour × weekday heat map. Everything is built from a
 * reader connection off the main thread and is immutable once built
 * (refcounted), so any thread may read it; the model keeps a small cache
 * of bins per zoom level. Bins follow the Europe/London calendar: a "day"
 * bin runs from local midnight to local midnight. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef enum {
  LS_TIMELINE_LANES_PEOPLE,
  LS_TIMELINE_LANES_PHONES,
} LsTimelineLaneMode;

typedef struct {
  char     *key;         /* "person:ID" or "phone:ID" */
  char     *label;       /* name, or number */
  char     *detail;      /* numbers of a person, owner of a phone; may be NULL */
  char     *select_key;  /* what a click selects: the person, else the phone */
  gboolean  victim;      /* a child (by date of birth) or vulnerable adult */
  gint64    first;       /* first and last contact, unix seconds UTC; -1 if none */
  gint64    last;
  guint64   contacts;
  GArray   *phone_ids;   /* gint64 phones.id on this lane */
} LsTimelineLane;

typedef enum {
  LS_TIMELINE_EVENT_MISSING,          /* a span: missing from home */
  LS_TIMELINE_EVENT_FOUND_OUT_OF_AREA,
  LS_TIMELINE_EVENT_ARREST,
  LS_TIMELINE_EVENT_STOP_SEARCH,
  LS_TIMELINE_EVENT_HOSPITAL,
  LS_TIMELINE_EVENT_SCHOOL_EXCLUSION,
  LS_TIMELINE_EVENT_OTHER,
  LS_TIMELINE_EVENT_HANDSET_CHANGE,   /* a new IMEI seen with a phone */
  LS_TIMELINE_EVENT_NUMBER_CHANGE,    /* a person starts using another number */
  LS_TIMELINE_N_EVENT_KINDS
} LsTimelineEventKind;

typedef struct {
  LsTimelineEventKind kind;
  guint               lane;
  gint64              start;   /* unix seconds UTC */
  gint64              end;     /* -1 for an instant (or a missing episode not yet closed) */
  char               *text;    /* the case's kind, place and text; or the IMEI / number */
  gint64              row_id;  /* events.id, handsets.id or phones.id */
} LsTimelineEvent;

/* One call as a mark, for a small visible range. */
typedef struct {
  gint64   id;
  gint64   start;
  gint64   duration;
  int      kind;        /* LsCallKind */
  int      caller_lane; /* -1 when the caller is on no lane (or withheld) */
  int      callee_lane;
  char    *caller;      /* numbers; NULL when withheld */
  char    *callee;
  char    *cell;        /* cell reference and name, or NULL */
  char    *source;      /* import file name */
  gint64   line;        /* source line */
} LsTimelineMark;

typedef struct _LsTimelineModel LsTimelineModel;
typedef struct _LsTimelineBins  LsTimelineBins;
typedef struct _LsTimelineMarks LsTimelineMarks;

const char          *ls_timeline_event_kind_to_string (LsTimelineEventKind kind);
LsTimelineEventKind  ls_timeline_event_kind_parse     (const char *kind);

/* Lanes, events and the case's extent. Reads every person and phone and
 * one aggregate per direction over the calls. */
LsTimelineModel      *ls_timeline_model_build       (sqlite3             *db,
                                                     LsTimelineLaneMode   mode,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
LsTimelineModel      *ls_timeline_model_ref         (LsTimelineModel     *self);
void                  ls_timeline_model_unref       (LsTimelineModel     *self);
LsTimelineLaneMode    ls_timeline_model_get_mode    (LsTimelineModel     *self);
guint                 ls_timeline_model_get_n_lanes (LsTimelineModel     *self);
const LsTimelineLane *ls_timeline_model_get_lane    (LsTimelineModel     *self,
                                                     guint                index);
int                   ls_timeline_model_find_lane   (LsTimelineModel     *self,
                                                     const char          *key);
/* Lane of a phone, or -1. */
int                   ls_timeline_model_lane_of_phone (LsTimelineModel   *self,
                                                     gint64               phone_id);
/* Events sorted by start. */
guint                 ls_timeline_model_get_n_events (LsTimelineModel    *self);
const LsTimelineEvent *ls_timeline_model_get_event  (LsTimelineModel     *self,
                                                     guint                index);
/* First and last call of the case (unix seconds UTC), -1 when none. */
void                  ls_timeline_model_get_extent  (LsTimelineModel     *self,
                                                     gint64              *first,
                                                     gint64              *last);
/* Reorders lanes by RANK (key → GINT_TO_POINTER (rank + 1)); lanes
 * without a rank follow, by first activity. Only before the model is
 * shared with another thread. */
void                  ls_timeline_model_sort_lanes  (LsTimelineModel     *self,
                                                     GHashTable          *rank);
/* Whether the lanes are already in the order RANK would give them. */
gboolean              ls_timeline_model_is_sorted   (LsTimelineModel     *self,
                                                     GHashTable          *rank);

/* Lane ranks by role from an analysis (head, line holder, deal line,
 * runner, then the rest), for ls_timeline_model_sort_lanes(). */
typedef struct _LsAnalysis LsAnalysis;
GHashTable           *ls_timeline_rank_by_role      (LsAnalysis          *analysis);

/* Bin sizes the timeline uses, finest first; and the finest one whose bins
 * are at least MIN_PX wide when FROM..TO spans WIDTH pixels. */
const gint64         *ls_timeline_bin_sizes         (guint               *n_sizes);
gint64                ls_timeline_choose_bin        (gint64               from,
                                                     gint64               to,
                                                     double               width,
                                                     double               min_px);

/* Calls per lane (outgoing and incoming separately) and in all (every
 * call of the case, on a lane or not) in bins of BIN seconds covering
 * FROM..TO, aligned to the local calendar. */
LsTimelineBins       *ls_timeline_bins_build        (sqlite3             *db,
                                                     LsTimelineModel     *model,
                                                     gint64               from,
                                                     gint64               to,
                                                     gint64               bin,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
LsTimelineBins       *ls_timeline_bins_ref          (LsTimelineBins      *self);
void                  ls_timeline_bins_unref        (LsTimelineBins      *self);
gint64                ls_timeline_bins_get_bin_size (LsTimelineBins      *self);
guint                 ls_timeline_bins_get_n_bins   (LsTimelineBins      *self);
/* Start of bin I in unix seconds UTC (I may be n_bins: the end). */
gint64                ls_timeline_bins_get_start    (LsTimelineBins      *self,
                                                     guint                i);
/* Index of the bin holding T, clamped to [0, n_bins]. */
guint                 ls_timeline_bins_find         (LsTimelineBins      *self,
                                                     gint64               t);
const guint32        *ls_timeline_bins_get_out      (LsTimelineBins      *self,
                                                     guint                lane);
const guint32        *ls_timeline_bins_get_in       (LsTimelineBins      *self,
                                                     guint                lane);
const guint32        *ls_timeline_bins_get_total    (LsTimelineBins      *self);
/* Largest out+in of one lane bin, and largest total, for scaling. */
guint32               ls_timeline_bins_get_lane_max (LsTimelineBins      *self);
guint32               ls_timeline_bins_get_total_max (LsTimelineBins     *self);
/* Calls on any lane in [FROM, TO): a sum over bins, for deciding whether
 * to fetch marks. */
guint64               ls_timeline_bins_count        (LsTimelineBins      *self,
                                                     gint64               from,
                                                     gint64               to);

/* The per-zoom-level cache: bins of size BIN covering FROM..TO, or NULL. */
LsTimelineBins       *ls_timeline_model_lookup_bins (LsTimelineModel     *self,
                                                     gint64               bin,
                                                     gint64               from,
                                                     gint64               to);
void                  ls_timeline_model_store_bins  (LsTimelineModel     *self,
                                                     LsTimelineBins      *bins);
/* The span to fetch bins of size BIN for when FROM..TO is visible: the
 * whole case when that is few enough bins, else the visible range and
 * as much again either side (so a pan needs no query). */
void                  ls_timeline_model_fetch_span  (LsTimelineModel     *self,
                                                     gint64               bin,
                                                     gint64               from,
                                                     gint64               to,
                                                     gint64              *fetch_from,
                                                     gint64              *fetch_to);

/* Individual calls on the lanes in [FROM, TO), sorted by start; NULL with
 * *TRUNCATED set when there are more than LIMIT. */
LsTimelineMarks      *ls_timeline_marks_build       (sqlite3             *db,
                                                     LsTimelineModel     *model,
                                                     gint64               from,
                                                     gint64               to,
                                                     guint                limit,
                                                     gboolean            *truncated,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
LsTimelineMarks      *ls_timeline_marks_ref         (LsTimelineMarks     *self);
void                  ls_timeline_marks_unref       (LsTimelineMarks     *self);
gint64                ls_timeline_marks_get_from    (LsTimelineMarks     *self);
gint64                ls_timeline_marks_get_to      (LsTimelineMarks     *self);
guint                 ls_timeline_marks_get_n_marks (LsTimelineMarks     *self);
const LsTimelineMark *ls_timeline_marks_get_mark    (LsTimelineMarks     *self,
                                                     guint                index);
/* Index of the first mark at or after T. */
guint                 ls_timeline_marks_bisect      (LsTimelineMarks     *self,
                                                     gint64               t);

/* Calls of LANES (indexes into the model's lanes) in [FROM, TO) (-1 for
 * open ends) by Europe/London hour of day and weekday: COUNTS[weekday][hour],
 * Monday = 0. A call between two of the lanes counts once. */
gboolean              ls_timeline_heat_map_build    (sqlite3             *db,
                                                     LsTimelineModel     *model,
                                                     const guint         *lanes,
                                                     guint                n_lanes,
                                                     gint64               from,
                                                     gint64               to,
                                                     guint32              counts[7][24],
                                                     GCancellable        *cancellable,
                                                     GError             **error);

/* SQL for the Europe/London local time of the integer column COLUMN for
 * instants in FROM..TO (unix seconds UTC): COLUMN plus the offset in force. */
char                 *ls_timeline_local_time_sql    (const char          *column,
                                                     gint64               from,
                                                     gint64               to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsTimelineModel, ls_timeline_model_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsTimelineBins, ls_timeline_bins_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsTimelineMarks, ls_timeline_marks_unref)

G_END_DECLS
