/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsAnalysisPage: the analysis of the session's case for its date range:
 * the findings (deal lines, successor lines, roles, handset swaps,
 * co-location) with their reasons and evidence, and the network measures
 * of every person and phone with the key-player curve. Selecting a
 * finding or a row selects its people in every view of the window. */
#pragma once

#include <adwaita.h>

#include "ls-analysis.h"
#include "ls-view.h"

G_BEGIN_DECLS

#define LS_TYPE_ANALYSIS_PAGE (ls_analysis_page_get_type ())
G_DECLARE_FINAL_TYPE (LsAnalysisPage, ls_analysis_page, LS, ANALYSIS_PAGE, GtkWidget)

/* ls_view_set_session (). */
void        ls_analysis_page_set_session   (LsAnalysisPage *self,
                                            LsSession      *session);
/* The analysis as last loaded, or NULL while there is none. */
LsAnalysis *ls_analysis_page_get_analysis  (LsAnalysisPage *self);
/* Whether an analysis is being loaded or computed, or the lists sorted
 * or filled (their rows go in a slice per frame). */
gboolean    ls_analysis_page_is_busy       (LsAnalysisPage *self);
/* Runs (or reloads from the case's cache) the analysis now. */
void        ls_analysis_page_refresh       (LsAnalysisPage *self);

/* The findings shown (LsFindingItem), filtered and strongest first. */
GListModel *ls_analysis_page_get_findings  (LsAnalysisPage *self);
/* Shows only findings of TYPE (LS_FINDING_*), or all when NULL. */
void        ls_analysis_page_set_type_filter (LsAnalysisPage *self,
                                              const char     *type);
/* Selects the finding at POSITION of the shown list, as a click does. */
gboolean    ls_analysis_page_select_finding (LsAnalysisPage *self,
                                             guint           position);

/* The measures table (LsMeasureItem) in its current order. */
GListModel *ls_analysis_page_get_measures  (LsAnalysisPage *self);
/* Sorts the table by COLUMN ("name", "role", "degree", "weighted-degree",
 * "betweenness", "closeness", "eigenvector", "pagerank", "community"), as
 * a click on its header does. */
gboolean    ls_analysis_page_sort_measures (LsAnalysisPage *self,
                                            const char     *column,
                                            GtkSortType     order);
/* Node keys of the common contacts shown for two selected nodes, or NULL
 * when they are not shown. */
const char * const *ls_analysis_page_get_common_contacts (LsAnalysisPage *self);

G_END_DECLS
