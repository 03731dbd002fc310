/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Analysis page under Xvfb, on the demo case: the analysis loads off
 * the main thread; the findings listed are the analysis's, strongest
 * first, and filter by kind; selecting a finding selects its people in
 * the session and highlights its calls; two selected show their common
 * contacts; the measures table sorts by betweenness; the page follows the
 * date range, imports and redaction, and Cancel stops a run. Also the
 * session's highlighted calls on their own. */
#define G_LOG_DOMAIN "test-analysis-page"
#include "config.h"

#include <string.h>

#include "ls-analysis-page.h"
#include "ls-finding-item.h"
#include "ls-measure-item.h"
#include "test-page-fixture.h"

/* Until the page has an analysis other than BEFORE and is idle. */
static LsAnalysis *
wait_for_analysis (LsAnalysisPage *page,
                   LsAnalysis     *before)
{
  gint64 deadline = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  while ((ls_analysis_page_get_analysis (page) == NULL || ls_analysis_page_get_analysis (page) == before ||
          ls_analysis_page_is_busy (page)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (ls_analysis_page_get_analysis (page));
  g_assert_false (ls_analysis_page_is_busy (page));
  test_page_settle ();

  return ls_analysis_page_get_analysis (page);
}

static LsFinding *
finding_at (GListModel *model,
            guint       i)
{
  g_autoptr(LsFindingItem) item = g_list_model_get_item (model, i);

  return ls_finding_item_get_finding (item);
}

static char *
finding_signature (LsFinding *f)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_string_append_printf (s, "%s|%s|%.6f", f->type, f->title, f->confidence);
  for (guint i = 0; i < f->subjects->len; i++)
    g_string_append_printf (s, "|%s", (char *) g_ptr_array_index (f->subjects, i));

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);
      if (found)
        return found;
    }
  return NULL;
}

static const char *
state_of (LsAnalysisPage *page)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_first_child (GTK_WIDGET (page))));
}

/* The findings shown are the analysis's, strongest first. */
static void
check_findings (LsAnalysisPage *page,
                LsAnalysis     *reference)
{
  GListModel *shown = ls_analysis_page_get_findings (page);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = ls_analysis_get_n_findings (reference);

  g_assert_cmpuint (n, >, 20);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, n);
  for (guint i = 0; i < n; i++)
    g_hash_table_add (expected, finding_signature (ls_analysis_get_finding (reference, i)));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sig = finding_signature (finding_at (shown, i));

      g_assert_true (g_hash_table_remove (expected, sig));
      if (i > 0)
        {
          LsFinding *before = finding_at (shown, i - 1);
          LsFinding *f = finding_at (shown, i);

          g_assert_cmpfloat (before->confidence, >=, f->confidence);
          /* A child first among findings as strong. */
          if (before->confidence == f->confidence)
            g_assert_true (before->child || !f->child);
        }
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
}

static void
check_filter (LsAnalysisPage *page,
              LsAnalysis     *reference,
              const char     *type)
{
  GListModel *shown = ls_analysis_page_get_findings (page);
  g_autoptr(GPtrArray) of_type = ls_analysis_list_findings (reference, type, NULL);

  ls_analysis_page_set_type_filter (page, type);
  g_assert_cmpuint (of_type->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, of_type->len);
  for (guint i = 0; i < of_type->len; i++)
    g_assert_cmpstr (finding_at (shown, i)->type, ==, type);
}

/* Selecting a finding selects exactly its subjects and highlights its calls. */
static LsFinding *
select_and_check (LsAnalysisPage *page,
                  LsSession      *session,
                  guint           position)
{
  LsFinding *f = finding_at (ls_analysis_page_get_findings (page), position);
  const char * const *selection;
  guint n_calls = 0, n_highlighted = 0;

  g_assert_true (ls_analysis_page_select_finding (page, position));
  selection = ls_session_get_selection (session);
  g_assert_cmpuint (g_strv_length ((char **) selection), ==, f->subjects->len);
  for (guint i = 0; i < f->subjects->len; i++)
    g_assert_cmpstr (selection[i], ==, g_ptr_array_index (f->subjects, i));

  ls_session_get_highlighted_calls (session, &n_highlighted);
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LsEvidence *e = &g_array_index (f->evidence, LsEvidence, i);

      if (e->kind == LS_EVIDENCE_CALL)
        {
          n_calls++;
          g_assert_true (ls_session_is_call_highlighted (session, e->row_id));
        }
    }
  g_assert_cmpuint (n_highlighted, ==, n_calls);

  return f;
}

static void
check_common_contacts (LsAnalysisPage *page,
                       LsCase         *kase,
                       LsAnalysis     *analysis,
                       LsFinding      *pair)
{
  const LsAnalysisOptions *opts = ls_analysis_get_options (analysis);
  LsGraphQuery query = LS_GRAPH_QUERY_INIT;
  g_autoptr(LsGraph) graph = NULL;
  g_autoptr(GArray) expected = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  const char * const *shown;

  query.from = opts->from;
  query.to = opts->to;
  graph = ls_graph_build (ls_case_get_db (kase), &query, NULL, NULL);
  expected = ls_analysis_common_contacts (graph, g_ptr_array_index (pair->subjects, 0),
                                          g_ptr_array_index (pair->subjects, 1));
  while (ls_analysis_page_get_common_contacts (page) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  shown = ls_analysis_page_get_common_contacts (page);
  g_assert_nonnull (shown);
  g_assert_cmpuint (g_strv_length ((char **) shown), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_true (g_strv_contains (shown, ls_graph_get_node (graph, g_array_index (expected, guint, i))->key));
}

static void
check_measures_sorted (LsAnalysisPage *page,
                       LsAnalysis     *analysis,
                       GtkSortType     order)
{
  GListModel *rows = ls_analysis_page_get_measures (page);
  double previous = order == GTK_SORT_DESCENDING ? G_MAXDOUBLE : -G_MAXDOUBLE;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n;

  g_assert_true (ls_analysis_page_sort_measures (page, "betweenness", order));
  /* Sorted on a worker and filled a slice per frame: until it is done. */
  while (ls_analysis_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, ==, ls_analysis_get_n_nodes (analysis));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LsMeasureItem) item = g_list_model_get_item (rows, i);
      double b = ls_measure_item_get_node (item)->measures.betweenness;

      if (order == GTK_SORT_DESCENDING)
        g_assert_cmpfloat (b, <=, previous);
      else
        g_assert_cmpfloat (b, >=, previous);
      previous = b;
      /* Every node once. */
      g_assert_true (g_hash_table_add (seen, GUINT_TO_POINTER (ls_measure_item_get_index (item) + 1)));
    }
}

/* By name (as g_utf8_collate orders them), then back to betweenness; each
 * time every node once. */
static void
check_measures_by_name (LsAnalysisPage *page,
                        LsAnalysis     *analysis)
{
  GListModel *rows = ls_analysis_page_get_measures (page);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n;

  g_assert_true (ls_analysis_page_sort_measures (page, "name", GTK_SORT_ASCENDING));
  g_assert_true (ls_analysis_page_is_busy (page));
  while (ls_analysis_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  n = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n, ==, ls_analysis_get_n_nodes (analysis));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LsMeasureItem) item = g_list_model_get_item (rows, i);

      if (i > 0)
        {
          g_autoptr(LsMeasureItem) before = g_list_model_get_item (rows, i - 1);

          g_assert_cmpint (g_utf8_collate (ls_measure_item_get_node (before)->label,
                                           ls_measure_item_get_node (item)->label), <=, 0);
        }
      g_assert_true (g_hash_table_add (seen, GUINT_TO_POINTER (ls_measure_item_get_index (item) + 1)));
    }
  check_measures_sorted (page, analysis, GTK_SORT_DESCENDING);
}

static void
test_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsAnalysis) reference = NULL;
  TestPage fixture;
  LsAnalysisPage *page;
  LsCase *kase;
  LsSession *session;
  LsAnalysis *analysis;
  LsFinding *f;

  test_page_open (&fixture, LS_TYPE_ANALYSIS_PAGE);
  page = LS_ANALYSIS_PAGE (fixture.page);
  kase = fixture.kase;
  session = fixture.session;
  g_assert_cmpstr (state_of (page), ==, "empty");
  test_page_show_case (&fixture);
  analysis = wait_for_analysis (page, NULL);
  g_assert_cmpstr (state_of (page), ==, "results");

  reference = ls_analysis_load (kase, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  check_findings (page, reference);
  check_filter (page, reference, LS_FINDING_ROLE);
  check_filter (page, reference, LS_FINDING_DEAL_LINE);

  /* A deal line: its phone is selected everywhere, its calls highlighted. */
  f = select_and_check (page, session, 0);
  g_assert_cmpuint (f->evidence->len, >, 0);
  g_assert_nonnull (test_page_find_label (GTK_WIDGET (page), "title-2"));
  g_assert_nonnull (strstr (gtk_label_get_text (test_page_find_label (GTK_WIDGET (page), "title-2")),
                            g_ptr_array_index (f->numbers, 0)));

  /* Two phones seen together: their common contacts. */
  check_filter (page, reference, LS_FINDING_CO_LOCATION);
  f = select_and_check (page, session, 0);
  g_assert_cmpuint (f->subjects->len, ==, 2);
  check_common_contacts (page, kase, analysis, f);

  /* Selecting something else in another view: no common contacts. */
  {
    const char *one[] = { g_ptr_array_index (f->subjects, 0), NULL };

    ls_session_set_selection (session, one);
    g_assert_null (ls_analysis_page_get_common_contacts (page));
  }

  /* The measures table sorts by betweenness both ways. */
  check_measures_sorted (page, analysis, GTK_SORT_DESCENDING);
  check_measures_sorted (page, analysis, GTK_SORT_ASCENDING);
  check_measures_by_name (page, analysis);
  g_assert_false (ls_analysis_page_sort_measures (page, "no-such-column", GTK_SORT_ASCENDING));

  /* Rows selected in the table are selected in the session; two of them
   * show their common contacts. */
  {
    GtkColumnView *view = GTK_COLUMN_VIEW (find_widget_of_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW));
    GtkSelectionModel *rows = gtk_column_view_get_model (view);
    g_autoptr(LsMeasureItem) first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
    g_autoptr(LsMeasureItem) second = g_list_model_get_item (G_LIST_MODEL (rows), 1);
    const char * const *selection;
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    gtk_selection_model_select_item (rows, 0, TRUE);
    selection = ls_session_get_selection (session);
    g_assert_cmpuint (g_strv_length ((char **) selection), ==, 1);
    g_assert_cmpstr (selection[0], ==, ls_measure_item_get_node (first)->key);
    gtk_selection_model_select_item (rows, 1, FALSE);
    selection = ls_session_get_selection (session);
    g_assert_cmpuint (g_strv_length ((char **) selection), ==, 2);
    g_assert_true (g_strv_contains (selection, ls_measure_item_get_node (second)->key));
    while (ls_analysis_page_get_common_contacts (page) == NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (ls_analysis_page_get_common_contacts (page));
    /* And a selection made elsewhere shows in the table. */
    {
      const char *keys[] = { ls_measure_item_get_node (second)->key, NULL };

      ls_session_set_selection (session, keys);
      g_assert_false (gtk_selection_model_is_selected (rows, 0));
      g_assert_true (gtk_selection_model_is_selected (rows, 1));
    }
  }

  /* Redaction: a line holder's name goes from the list and the details. */
  ls_analysis_page_set_type_filter (page, LS_FINDING_ROLE);
  {
    GListModel *shown = ls_analysis_page_get_findings (page);
    guint i;
    g_autofree char *name = NULL;
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    GtkLabel *title;

    for (i = 0; i < g_list_model_get_n_items (shown); i++)
      if (g_strcmp0 (finding_at (shown, i)->role, "line-holder") == 0)
        break;
    g_assert_cmpuint (i, <, g_list_model_get_n_items (shown));
    f = select_and_check (page, session, i);
    name = g_strdup (ls_analysis_get_node (analysis, ls_analysis_find_node (analysis, g_ptr_array_index (f->subjects, 0)))->label);
    title = test_page_find_label (GTK_WIDGET (page), "title-2");
    g_assert_nonnull (strstr (gtk_label_get_text (title), name));
    ls_session_set_redaction (session, LS_REDACTION_ALL);
    while (strstr (gtk_label_get_text (title), name) != NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (strstr (gtk_label_get_text (title), name));
    g_assert_nonnull (strstr (gtk_label_get_text (title), "Person "));
    ls_session_set_redaction (session, LS_REDACTION_NONE);
    deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
    while (strstr (gtk_label_get_text (title), name) == NULL && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (strstr (gtk_label_get_text (title), name));
  }
  ls_analysis_page_set_type_filter (page, NULL);

  /* The date range: a new analysis for the new range. */
  {
    gint64 from = ls_analysis_get_options (analysis)->from;
    gint64 first = ls_sqlite_query_int (ls_case_get_db (kase), "SELECT min(start) FROM calls", -1);
    gint64 to = first + 14 * 86400;

    g_assert_cmpint (from, ==, -1);
    ls_session_set_range (session, first, to);
    analysis = wait_for_analysis (page, analysis);
    g_assert_cmpint (ls_analysis_get_options (analysis)->from, ==, first);
    g_assert_cmpint (ls_analysis_get_options (analysis)->to, ==, to);
    g_assert_cmpuint (ls_analysis_get_n_nodes (analysis), <, ls_analysis_get_n_nodes (reference));
  }

  /* Nothing in the range: the empty state. */
  ls_session_set_range (session, 1000, 2000);
  analysis = wait_for_analysis (page, analysis);
  g_assert_cmpuint (ls_analysis_get_n_nodes (analysis), ==, 0);
  g_assert_cmpstr (state_of (page), ==, "empty");
  ls_session_set_range (session, -1, -1);
  analysis = wait_for_analysis (page, analysis);
  g_assert_cmpstr (state_of (page), ==, "results");

  /* An import (data changed): analysed again. */
  ls_session_data_changed (session);
  g_assert_true (ls_analysis_page_is_busy (page));
  analysis = wait_for_analysis (page, analysis);

  /* Cancel: the run stops and says so; the old results are kept. Until
   * then they stay on screen, marked as being brought up to date. */
  ls_analysis_page_refresh (page);
  g_assert_true (ls_analysis_page_is_busy (page));
  g_assert_cmpstr (state_of (page), ==, "results");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "analysis.cancel", NULL));
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (ls_analysis_page_is_busy (page) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_false (ls_analysis_page_is_busy (page));
  g_assert_cmpstr (state_of (page), ==, "results");
  g_assert_true (ls_analysis_page_get_analysis (page) == analysis);
  ls_analysis_page_refresh (page);
  analysis = wait_for_analysis (page, NULL);
  g_assert_cmpstr (state_of (page), ==, "results");

  /* Cancelling the first run of a case: nothing to show but that. */
  ls_session_set_case (session, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (ls_analysis_page_get_findings (page)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ls_analysis_page_get_measures (page)), ==, 0);
  ls_session_set_case (session, kase);
  g_assert_cmpstr (state_of (page), ==, "loading");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "analysis.cancel", NULL));
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (ls_analysis_page_is_busy (page) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpstr (state_of (page), ==, "error");
  g_assert_null (ls_analysis_page_get_analysis (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "analysis.refresh", NULL));
  analysis = wait_for_analysis (page, NULL);
  g_assert_cmpstr (state_of (page), ==, "results");

  /* A picture to look at: a deal line selected. */
  ls_analysis_page_set_type_filter (page, NULL);
  ls_analysis_page_select_finding (page, 0);
  test_page_settle ();
  test_page_save_png (fixture.window, "analysis-page.png");

  /* No case: the empty state. */
  ls_session_set_case (session, NULL);
  g_assert_null (ls_analysis_page_get_analysis (page));
  g_assert_cmpstr (state_of (page), ==, "empty");

  test_page_close (&fixture);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* The session's highlighted calls: sorted, looked up, spanned, notified
 * once per change, and cleared with the case. */
static void
test_session_highlight (void)
{
  g_autoptr(LsSession) session = ls_session_new ();
  const gint64 ids[] = { 30, 10, 20 };
  const gint64 times[] = { 3000, 1000, -1 };
  const gint64 *got;
  guint n = 99, notified = 0;
  gint64 first, last;

  g_signal_connect (session, "notify::highlighted-calls", G_CALLBACK (count_notify), &notified);
  ls_session_get_highlighted_calls (session, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (ls_session_get_highlight_span (session, NULL, NULL));

  ls_session_set_highlighted_calls (session, ids, times, 3);
  g_assert_cmpuint (notified, ==, 1);
  got = ls_session_get_highlighted_calls (session, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpint (got[0], ==, 10);
  g_assert_cmpint (got[1], ==, 20);
  g_assert_cmpint (got[2], ==, 30);
  g_assert_true (ls_session_is_call_highlighted (session, 20));
  g_assert_false (ls_session_is_call_highlighted (session, 25));
  g_assert_true (ls_session_get_highlight_span (session, &first, &last));
  g_assert_cmpint (first, ==, 1000);
  g_assert_cmpint (last, ==, 3000);

  /* The same again is no change. */
  ls_session_set_highlighted_calls (session, ids, times, 3);
  g_assert_cmpuint (notified, ==, 1);
  {
    g_autoptr(GVariant) v = NULL;

    g_object_get (session, "highlighted-calls", &v, NULL);
    g_assert_cmpuint (g_variant_n_children (v), ==, 3);
  }

  ls_session_set_highlighted_calls (session, NULL, NULL, 0);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_false (ls_session_is_call_highlighted (session, 20));
}

int
main (int    argc,
      char **argv)
{
  test_page_init (&argc, &argv, "analysis-page");

  g_test_add_func ("/analysis-page/session-highlight", test_session_highlight);
  g_test_add_func ("/analysis-page/page", test_page);

  return test_page_run ();
}
