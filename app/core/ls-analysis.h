/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsAnalysis: everything the analysis knows about a case for one date
 * range: igraph measures per node, a role per node, key players, and the
 * findings (deal lines, successor lines, roles, handset swaps,
 * co-location), each with reasons and evidence rows. Built on a worker
 * thread from a reader connection; immutable and refcounted once built, so
 * any thread may read it. docs/ANALYSIS.md describes the JSON form. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "ls-finding.h"
#include "ls-graph.h"
#include "ls-measures.h"
#include "ls-types.h"

G_BEGIN_DECLS

typedef enum {
  LS_ROLE_NONE,
  LS_ROLE_HEAD,
  LS_ROLE_LINE_HOLDER,
  LS_ROLE_RUNNER,
  LS_ROLE_CUSTOMER,
  LS_ROLE_DEAL_LINE,   /* an unattributed phone that is itself a deal line */
} LsRole;

typedef struct {
  gint64   from;                 /* unix seconds UTC, inclusive; -1 for open */
  gint64   to;                   /* exclusive; -1 for open */
  guint    colocation_window;    /* seconds: two phones on one cell within this */
  guint    colocation_min;       /* distinct days together before it is a finding */
  guint    max_evidence;         /* evidence rows kept per finding */
} LsAnalysisOptions;

#define LS_ANALYSIS_OPTIONS_INIT { -1, -1, 15 * 60, 3, 50 }

typedef struct {
  char           *key;        /* "person:ID" or "phone:ID", as LsGraphNode.key */
  LsNodeKind      kind;
  char           *label;
  GStrv           numbers;    /* E.164 */
  gboolean        victim;     /* a child or vulnerable adult in the range */
  LsNodeMeasures  measures;
  LsRole          role;
  double          role_confidence;
} LsAnalysisNode;

typedef struct _LsAnalysis LsAnalysis;

const char     *ls_role_to_string          (LsRole                    role);
LsRole          ls_role_from_string        (const char               *str);

LsAnalysis     *ls_analysis_run            (sqlite3                  *reader,
                                            const LsAnalysisOptions  *opts,
                                            LsProgressFunc            progress,
                                            gpointer                  progress_data,
                                            GCancellable             *cancellable,
                                            GError                  **error);
LsAnalysis     *ls_analysis_ref            (LsAnalysis               *self);
void            ls_analysis_unref          (LsAnalysis               *self);
const LsAnalysisOptions *ls_analysis_get_options (LsAnalysis         *self);

guint           ls_analysis_get_n_nodes    (LsAnalysis               *self);
const LsAnalysisNode *ls_analysis_get_node (LsAnalysis               *self,
                                            guint                     index);
int             ls_analysis_find_node      (LsAnalysis               *self,
                                            const char               *key);
const LsKeyPlayers *ls_analysis_get_key_players (LsAnalysis          *self);
guint           ls_analysis_get_n_findings (LsAnalysis               *self);
LsFinding      *ls_analysis_get_finding    (LsAnalysis               *self,
                                            guint                     index);
/* Findings of TYPE (LS_FINDING_*) that name KEY among their subjects;
 * either may be NULL for all. A new array of borrowed findings. */
GPtrArray      *ls_analysis_list_findings  (LsAnalysis               *self,
                                            const char               *type,
                                            const char               *key);

char           *ls_analysis_to_json        (LsAnalysis               *self);
LsAnalysis     *ls_analysis_new_from_json  (const char               *json,
                                            GError                  **error);

/* The cached result for OPTS if the case has not changed since, else a
 * fresh run on a worker thread, stored in the case's cache on completion.
 * PROGRESS is called on the worker thread. */
void            ls_analysis_load_async     (LsCase                   *kase,
                                            const LsAnalysisOptions  *opts,
                                            LsProgressFunc            progress,
                                            gpointer                  progress_data,
                                            GCancellable             *cancellable,
                                            GAsyncReadyCallback       callback,
                                            gpointer                  user_data);
LsAnalysis     *ls_analysis_load_finish    (LsCase                   *kase,
                                            GAsyncResult             *result,
                                            GError                  **error);
/* The same, synchronously: for the command line. */
LsAnalysis     *ls_analysis_load           (LsCase                   *kase,
                                            const LsAnalysisOptions  *opts,
                                            LsProgressFunc            progress,
                                            gpointer                  progress_data,
                                            gboolean                 *from_cache,
                                            GCancellable             *cancellable,
                                            GError                  **error);

/* The cached result for OPTS if the case has not changed since it was
 * made, else NULL (never runs the analysis): for views that show roles
 * when they are known without waiting for them. Any thread, own reader. */
LsAnalysis     *ls_analysis_lookup_cached  (sqlite3                  *reader,
                                            const LsAnalysisOptions  *opts);

/* Common contacts of two nodes: node indexes of the graph linked to both. */
GArray         *ls_analysis_common_contacts (LsGraph                 *graph,
                                             const char              *key_a,
                                             const char              *key_b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsAnalysis, ls_analysis_unref)

G_END_DECLS
