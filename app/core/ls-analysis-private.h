/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by ls-analysis.c (the run), ls-analysis-json.c (to and from JSON)
 * and ls-analysis-load.c (the cache and the worker thread). */
#pragma once

#include "ls-analysis.h"

G_BEGIN_DECLS

struct _LsAnalysis
{
  gatomicrefcount    ref_count;
  LsAnalysisOptions  opts;
  GArray            *nodes;      /* LsAnalysisNode */
  GHashTable        *by_key;     /* key → index + 1 */
  LsKeyPlayers       key_players;
  GPtrArray         *findings;   /* LsFinding */
};

LsAnalysis *ls_analysis_new_empty   (const LsAnalysisOptions *opts);
void        ls_analysis_index_nodes (LsAnalysis              *self);
/* The cache key of a run with OPTS: every option that changes the result. */
char       *ls_analysis_cache_key   (const LsAnalysisOptions *opts);

G_END_DECLS
