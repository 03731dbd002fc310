/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the detectors share while one analysis runs (private to the
 * analysis: ls-analysis.c and ls-detect-*.c). Each detector reads the case
 * through SQL aggregates and indexes, adds findings, and may leave facts
 * for the detectors after it (the deal lines, the roles). */
#pragma once

#include <sqlite3.h>

#include "ls-analysis.h"
#include "ls-case.h"

G_BEGIN_DECLS

/* Calls no longer than this are "short" calls to a deal line: arranging a deal. */
#define LS_DETECT_SHORT_CALL 90

typedef struct {
  gint64      phone_id;
  char       *number;
  int         node;          /* graph node index, or -1 */
  LsFinding  *finding;       /* borrowed from the findings array */
  GHashTable *recipients;    /* phone id → number of its flares received */
  GHashTable *callers;       /* phone ids that made short calls to it (set) */
  guint       flare_days;
  guint       bursts;
  gint64      first;         /* first and last activity, unix seconds */
  gint64      last;
  gint64      first_out;     /* first and last call or text it made */
  gint64      last_out;
} LsDealLine;

typedef struct {
  sqlite3                 *db;
  LsGraph                 *graph;
  const LsAnalysisOptions *opts;
  gint64                   from;     /* bound values: open ends as int64 extremes */
  gint64                   to;
  GCancellable            *cancellable;
  GHashTable              *import_files;  /* import id (gint64 *) → file name */
  GHashTable              *numbers;       /* phone id (gint64 *) → E.164 */
  GPtrArray               *findings;      /* LsFinding, owned */
  GPtrArray               *deal_lines;    /* LsDealLine, owned */
  GHashTable              *together;      /* phone pair (a << 32 | b, a < b) → days co-located */
  LsRole                  *roles;         /* per graph node */
  double                  *role_confidence;
} LsDetectContext;

const char *ls_detect_number        (LsDetectContext *ctx,
                                     gint64           phone_id);
guint       ls_detect_days_together (LsDetectContext *ctx,
                                     gint64           a,
                                     gint64           b);
int         ls_detect_node_of_phone (LsDetectContext *ctx,
                                     gint64           phone_id);
const char *ls_detect_node_name     (LsDetectContext *ctx,
                                     int              node);
/* Runs STMT (already bound) whose columns are id, start, import_id,
 * source_line and adds its rows to FINDING as evidence of KIND (up to
 * max_evidence; all are counted). Returns the number of rows. */
guint       ls_detect_add_evidence  (LsDetectContext *ctx,
                                     LsFinding       *finding,
                                     LsEvidenceKind   kind,
                                     sqlite3_stmt    *stmt);
sqlite3_stmt *ls_detect_prepare     (LsDetectContext *ctx,
                                     const char      *sql,
                                     GError         **error);
char       *ls_detect_format_time   (gint64           when);
char       *ls_detect_format_day    (gint64           when);
/* The day (in UK time) of WHEN, as a count of days: for "on N different days". */
gint64      ls_detect_local_day     (gint64           when);
/* How many keys of set A are also in set B. */
guint       ls_detect_count_shared  (GHashTable      *a,
                                     GHashTable      *b);
void        ls_deal_line_free       (gpointer         data);

gboolean ls_detect_deal_lines      (LsDetectContext *ctx,
                                    GError         **error);
gboolean ls_detect_successor_lines (LsDetectContext *ctx,
                                    GError         **error);
gboolean ls_detect_roles           (LsDetectContext *ctx,
                                    GError         **error);
gboolean ls_detect_handset_swaps   (LsDetectContext *ctx,
                                    GError         **error);
gboolean ls_detect_co_location     (LsDetectContext *ctx,
                                    GError         **error);

G_END_DECLS
