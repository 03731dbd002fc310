/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Getting an analysis for a case: from the case's cache when nothing was
 * imported since it was made, else by running it on a worker thread with
 * its own reader connection. A fresh result is stored in the cache by that
 * worker too, through a writer connection of its own: the JSON of a
 * million-call case is tens of megabytes, not for the window's thread. */
#define G_LOG_DOMAIN "ls-analysis-load"
#include "config.h"

#include "ls-analysis-private.h"
#include "ls-case.h"
#include "ls-case-cache.h"

/* Bump when the measures or the detectors change what they report, so an
 * old cached result is not shown as a new one. */
#define ANALYSIS_REVISION 1

char *
ls_analysis_cache_key (const LsAnalysisOptions *opts)
{
  return g_strdup_printf ("analysis/%d/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%u/%u/%u",
                          ANALYSIS_REVISION, opts->from, opts->to, opts->colocation_window,
                          opts->colocation_min, opts->max_evidence);
}

typedef struct {
  char              *path;
  LsAnalysisOptions  opts;
  LsProgressFunc     progress;
  gpointer           progress_data;
  gint64             data_version;   /* as the worker saw it */
  gboolean           from_cache;
  char              *json;           /* to store, when computed */
} LoadData;

static void
load_data_free (gpointer data)
{
  LoadData *d = data;

  g_free (d->path);
  g_free (d->json);
  g_free (d);
}

/* Runs on any thread: its own reader connection. */
static LsAnalysis *
load_on_reader (sqlite3       *reader,
                LoadData      *d,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *key = ls_analysis_cache_key (&d->opts);
  g_autofree char *cached = NULL;
  LsAnalysis *analysis;

  d->data_version = ls_case_cache_data_version (reader);
  cached = ls_case_cache_lookup (reader, key, d->data_version);
  if (cached != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      analysis = ls_analysis_new_from_json (cached, &local_error);
      if (analysis != NULL)
        {
          d->from_cache = TRUE;
          return analysis;
        }
      g_debug ("%s", local_error->message);
    }

  analysis = ls_analysis_run (reader, &d->opts, d->progress, d->progress_data, cancellable, error);
  if (analysis != NULL)
    d->json = ls_analysis_to_json (analysis);

  return analysis;
}

LsAnalysis *
ls_analysis_lookup_cached (sqlite3                 *reader,
                           const LsAnalysisOptions *opts)
{
  static const LsAnalysisOptions defaults = LS_ANALYSIS_OPTIONS_INIT;
  g_autofree char *key = ls_analysis_cache_key (opts ? opts : &defaults);
  g_autofree char *cached = ls_case_cache_lookup (reader, key, ls_case_cache_data_version (reader));

  return cached != NULL ? ls_analysis_new_from_json (cached, NULL) : NULL;
}

static void
store (sqlite3  *db,
       LoadData *d)
{
  g_autofree char *key = ls_analysis_cache_key (&d->opts);
  g_autoptr(GError) error = NULL;

  /* A cache that cannot be written (a read-only case) is not an error:
   * the analysis is simply computed again next time. */
  if (d->json != NULL && !ls_case_cache_store (db, key, d->data_version, d->json, &error))
    g_debug ("Analysis not cached: %s", error->message);
  g_clear_pointer (&d->json, g_free);
}

LsAnalysis *
ls_analysis_load (LsCase                   *kase,
                  const LsAnalysisOptions  *opts,
                  LsProgressFunc            progress,
                  gpointer                  progress_data,
                  gboolean                 *from_cache,
                  GCancellable             *cancellable,
                  GError                  **error)
{
  static const LsAnalysisOptions defaults = LS_ANALYSIS_OPTIONS_INIT;
  g_autoptr(sqlite3) reader = NULL;
  LoadData d = { NULL, opts ? *opts : defaults, progress, progress_data };
  LsAnalysis *analysis;

  g_return_val_if_fail (LS_IS_CASE (kase), NULL);

  reader = ls_case_open_reader (kase, error);
  if (reader == NULL)
    return NULL;
  analysis = load_on_reader (reader, &d, cancellable, error);
  if (analysis != NULL)
    store (ls_case_get_db (kase), &d);
  if (from_cache)
    *from_cache = d.from_cache;
  g_free (d.json);

  return analysis;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *d = task_data;
  g_autoptr(sqlite3) reader = NULL;
  GError *error = NULL;
  LsAnalysis *analysis;

  reader = ls_case_open_reader (LS_CASE (source_object), &error);
  analysis = reader ? load_on_reader (reader, d, cancellable, &error) : NULL;
  if (analysis != NULL && d->json != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(sqlite3) writer = ls_case_open_writer (LS_CASE (source_object), &local_error);

      if (writer != NULL)
        store (writer, d);
      else
        g_debug ("Analysis not cached: %s", local_error->message);
    }
  if (analysis == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, analysis, (GDestroyNotify) ls_analysis_unref);
}

void
ls_analysis_load_async (LsCase                   *kase,
                        const LsAnalysisOptions  *opts,
                        LsProgressFunc            progress,
                        gpointer                  progress_data,
                        GCancellable             *cancellable,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  static const LsAnalysisOptions defaults = LS_ANALYSIS_OPTIONS_INIT;
  g_autoptr(GTask) task = NULL;
  LoadData *d = g_new0 (LoadData, 1);

  g_return_if_fail (LS_IS_CASE (kase));

  d->opts = opts ? *opts : defaults;
  d->progress = progress;
  d->progress_data = progress_data;
  task = g_task_new (kase, cancellable, callback, user_data);
  g_task_set_source_tag (task, ls_analysis_load_async);
  g_task_set_task_data (task, d, load_data_free);
  g_task_run_in_thread (task, load_thread);
}

LsAnalysis *
ls_analysis_load_finish (LsCase        *kase,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, kase), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
