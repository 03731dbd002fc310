/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Analysis page on a large case, under Xvfb: the real LsAnalysisPage in
 * a window, with a 5 ms timeout on the main loop that records the longest
 * gap between its runs (how long the window could not answer). Three runs:
 *   computed  the case opened with no cached analysis: the page runs it on
 *             a worker and shows it; baseline: ls_analysis_run on a reader
 *             connection in the same process, nothing else (the page's
 *             overhead is the ratio);
 *   cached    the page refreshed: the same analysis from the case's cache;
 *   select    the first finding selected and the measures table sorted by
 *             betweenness and by name, each as a click does (the page
 *             sorts on a worker and fills the table a slice per frame:
 *             until it is done).
 * Each stall (the main thread's processor time between two runs of the
 * timeout) is compared with a 100 ms budget (a pause a person notices).
 *   GSK_RENDERER=cairo xvfb-run -a bench-analysis-page [--name NAME] CASE.linesight
 * The case is copied first: the run must start with no cached analysis. */
#define G_LOG_DOMAIN "bench-analysis-page"
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <time.h>

#include "ls-analysis-page.h"
#include "ls-case.h"
#include "ls-session.h"

#define STALL_BUDGET 0.100

static gint64 last_tick;
static double last_cpu;
static gint64 longest_gap;     /* µs of wall time between two runs of the timeout */
static double longest_cpu;     /* s of the main thread's processor time between two runs */

/* The main thread's processor time: what it did between two runs of the
 * timeout, which other work on a shared machine does not inflate (the
 * wall time it does). */
static double
thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();
  double cpu = thread_cpu ();

  if (last_tick > 0)
    {
      longest_gap = MAX (longest_gap, now - last_tick);
      longest_cpu = MAX (longest_cpu, cpu - last_cpu);
    }
  last_tick = now;
  last_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
reset_stall (void)
{
  last_tick = 0;
  longest_gap = 0;
  longest_cpu = 0;
}

static double
wait_loaded (LsAnalysisPage *page,
             LsAnalysis     *before)
{
  gint64 start = g_get_monotonic_time ();

  while (ls_analysis_page_get_analysis (page) == NULL || ls_analysis_page_get_analysis (page) == before ||
         ls_analysis_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  /* The rows drawn. */
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  return (g_get_monotonic_time () - start) / 1e6;
}

/* Until the page has sorted and filled its lists, and drawn them. */
static void
settle (LsAnalysisPage *page)
{
  while (ls_analysis_page_is_busy (page))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
print_line (const char *name,
            const char *what,
            double      value,
            const char *baseline,
            double      base,
            double      goal)
{
  g_print ("%s-%s  linesight=%.3f  baseline(%s)=%.3f  ratio=%.2f", name, what, value, baseline, base, value / base);
  if (goal > 0)
    g_print ("  goal<=%.2f", goal);
  g_print ("\n");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *name = g_strdup ("analysis-page");
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Name printed on each line", "NAME" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("CASE.linesight");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsSession) session = NULL;
  g_autoptr(LsAnalysis) baseline = NULL;
  GtkWidget *window;
  LsAnalysisPage *page;
  double computed, computed_stall, bare, cached, cached_stall, select_stall;
  double computed_wall, cached_wall, select_wall;
  gsize length;
  gint64 start;
  gboolean ok = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "Usage: bench-analysis-page [--name NAME] CASE.linesight");
      return 2;
    }
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("linesight-bench-page-XXXXXX", NULL);
  path = g_build_filename (dir, "case.linesight", NULL);
  if (!g_file_get_contents (argv[1], &contents, &length, &error) ||
      !g_file_set_contents (path, contents, length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_clear_pointer (&contents, g_free);
  kase = ls_case_open (path, &error);
  if (kase == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  sqlite3_exec (ls_case_get_db (kase), "DELETE FROM analysis_cache", NULL, NULL, NULL);

  /* Baseline: the analysis alone, on a reader, in this process. */
  {
    g_autoptr(sqlite3) reader = ls_case_open_reader (kase, &error);
    const LsAnalysisOptions opts = LS_ANALYSIS_OPTIONS_INIT;

    start = g_get_monotonic_time ();
    baseline = reader ? ls_analysis_run (reader, &opts, NULL, NULL, NULL, &error) : NULL;
    bare = (g_get_monotonic_time () - start) / 1e6;
    if (baseline == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }

  window = gtk_window_new ();
  page = g_object_new (LS_TYPE_ANALYSIS_PAGE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  session = ls_session_new ();
  ls_analysis_page_set_session (page, session);
  g_timeout_add (5, tick, NULL);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  reset_stall ();
  ls_session_set_case (session, kase);
  computed = wait_loaded (page, NULL);
  computed_stall = longest_cpu;
  computed_wall = longest_gap / 1e6;

  reset_stall ();
  ls_analysis_page_refresh (page);
  cached = wait_loaded (page, ls_analysis_page_get_analysis (page));
  cached_stall = longest_cpu;
  cached_wall = longest_gap / 1e6;

  reset_stall ();
  ls_analysis_page_select_finding (page, 0);
  ls_analysis_page_sort_measures (page, "betweenness", GTK_SORT_DESCENDING);
  settle (page);
  ls_analysis_page_sort_measures (page, "name", GTK_SORT_ASCENDING);
  settle (page);
  select_stall = longest_cpu;
  select_wall = longest_gap / 1e6;

  g_printerr ("longest wall-clock gaps (machine load included): computed %.3f s, cached %.3f s, select and sort %.3f s\n",
              computed_wall, cached_wall, select_wall);
  g_printerr ("%u nodes, %u findings\n", ls_analysis_get_n_nodes (ls_analysis_page_get_analysis (page)),
              ls_analysis_get_n_findings (ls_analysis_page_get_analysis (page)));
  print_line (name, "computed", computed, "analysis-alone", bare, 0);
  print_line (name, "cached", cached, "analysis-alone", bare, 0);
  print_line (name, "stall-computed", computed_stall, "noticeable-pause", STALL_BUDGET, 1);
  print_line (name, "stall-cached", cached_stall, "noticeable-pause", STALL_BUDGET, 1);
  print_line (name, "stall-select-sort", select_stall, "noticeable-pause", STALL_BUDGET, 1);
  ok = computed_stall <= STALL_BUDGET && cached_stall <= STALL_BUDGET && select_stall <= STALL_BUDGET;

  gtk_window_destroy (GTK_WINDOW (window));
  ls_session_set_case (session, NULL);
  g_clear_object (&kase);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);

  return ok ? 0 : 1;
}
