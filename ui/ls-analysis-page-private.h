/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared between ls-analysis-page.c (loading, the findings list),
 * ls-analysis-page-details.c (labels after redaction, the details pane)
 * and ls-analysis-page-measures.c (the measures table, the key-player
 * curve and common contacts). */
#pragma once

#include "ls-analysis-page.h"
#include "ls-graph.h"
#include "ls-redactor.h"
#include "ls-store-fill.h"

G_BEGIN_DECLS

/* "query-tooltip" of a label that may be cut short: its whole text, asked
 * for only when a tooltip is shown (setting one on every bind costs a
 * round trip to the display server per row). */
gboolean ls_analysis_page_label_tooltip (GtkWidget  *label,
                                         int         x,
                                         int         y,
                                         gboolean    keyboard,
                                         GtkTooltip *tooltip,
                                         gpointer    user_data);

struct _LsAnalysisPage
{
  GtkWidget            parent_instance;

  LsSession           *session;
  GCancellable        *cancellable;      /* the analysis being loaded */
  gpointer             job;              /* its progress, while it runs */
  guint                progress_source;
  guint                reload_source;    /* a burst of range changes is one reload */
  gboolean             stale;            /* reload when next shown */
  LsAnalysis          *analysis;
  LsRedactor          *redactor;         /* for the session's redaction, or NULL for none */
  gboolean             syncing;          /* setting the session's selection ourselves */

  /* Findings */
  GListStore          *findings_store;
  GtkCustomFilter     *findings_filter;
  GtkFilterListModel  *findings_filtered;
  GtkSingleSelection  *findings_selection;
  LsStoreFill         *findings_fill;    /* the store being filled, a slice per frame */
  char                *type_filter;
  GCancellable        *evidence_cancel;

  /* Measures */
  GListStore          *measures_store;   /* in the table's order */
  GtkMultiSelection   *measures_selection;
  gboolean             measures_stale;   /* filled when next shown */
  int                  measures_column;  /* the order asked for (a Column, or -1 for none) */
  gboolean             measures_descending;
  GCancellable        *measures_cancel;  /* the rows being made and sorted on a worker */
  LsStoreFill         *measures_fill;    /* then put in the store, a slice per frame */
  LsGraph             *graph;            /* for common contacts, built when first needed */
  GCancellable        *graph_cancel;
  GStrv                common_keys;

  /* Template */
  GtkStack            *state_stack;
  AdwStatusPage       *empty_page;
  AdwStatusPage       *error_page;
  GtkProgressBar      *progress_bar;
  GtkWidget           *busy_box;         /* progress over results being brought up to date */
  GtkProgressBar      *busy_progress;
  GtkStack            *results_stack;
  GtkDropDown         *type_dropdown;
  GtkLabel            *summary_label;
  GtkListView         *finding_list;
  GtkStack            *detail_stack;
  GtkLabel            *detail_title;
  GtkLabel            *detail_subtitle;
  GtkWidget           *detail_child_banner;
  GtkListBox          *subject_list;
  GtkListBox          *reason_list;
  AdwPreferencesGroup *evidence_group;
  GtkListBox          *evidence_list;
  GtkWidget           *detail_common_group;
  GtkListBox          *detail_common_list;
  GtkColumnView       *measure_view;
  GtkDrawingArea      *key_player_chart;
  GtkListBox          *key_player_list;
  AdwPreferencesGroup *common_group;
  GtkListBox          *common_list;
};

/* Labels after redaction. */
char *ls_analysis_page_node_label     (LsAnalysisPage       *self,
                                       const LsAnalysisNode *node);
char *ls_analysis_page_key_label      (LsAnalysisPage       *self,
                                       const char           *key);
char *ls_analysis_page_redact_text    (LsAnalysisPage       *self,
                                       const char           *text);
const char *ls_analysis_page_role_title (LsRole              role);
const char *ls_analysis_page_type_title (const char          *type);
const char *ls_analysis_page_type_icon  (const char          *type);
char *ls_analysis_page_finding_title  (LsAnalysisPage       *self,
                                       LsFinding            *finding);
/* The kind, the people not named in TITLE, the records behind it. */
char *ls_analysis_page_finding_about  (LsAnalysisPage       *self,
                                       LsFinding            *finding,
                                       const char           *title);
char *ls_analysis_page_confidence_text (double               confidence);

/* Drops a reference to ANALYSIS on a worker (the last one frees
 * hundreds of thousands of blocks). NULL is allowed. */
void ls_analysis_page_free_on_worker  (LsAnalysis           *analysis);

/* ls-analysis-page-details.c: the details pane (NULL: none selected). */
void ls_analysis_page_show_finding     (LsAnalysisPage *self,
                                       LsFinding      *finding);

/* ls-analysis-page-measures.c */
void ls_analysis_page_init_measures   (LsAnalysisPage *self);
void ls_analysis_page_show_measures   (LsAnalysisPage *self);
void ls_analysis_page_ensure_measures (LsAnalysisPage *self);
void ls_analysis_page_sync_measures_selection (LsAnalysisPage *self);
void ls_analysis_page_update_common   (LsAnalysisPage *self);
void ls_analysis_page_fill_common     (LsAnalysisPage *self,
                                       GtkListBox     *list);
void ls_analysis_page_clear_list      (GtkListBox     *list);
void ls_analysis_page_dispose_measures (LsAnalysisPage *self);

G_END_DECLS
