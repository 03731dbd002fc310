/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for CSV import: every input is imported as each kind
 * (a dry run, so the case never grows) and previewed. Built with
 * -Dfuzzing=true and clang as tests/fuzz/fuzz-csv-import; the same
 * function replays the seed corpus in the normal test suite
 * (fuzz-replay.c). */
#define G_LOG_DOMAIN "fuzz-csv-import"
#include "config.h"

#include <glib/gstdio.h>

#include "ls-case.h"
#include "ls-import.h"
#include "fuzz-common.h"

static LsCase *
fuzz_case (void)
{
  static LsCase *kase;

  if (kase == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("linesight-fuzz-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "fuzz.linesight", NULL);

      g_assert (dir != NULL);
      kase = ls_case_create (path, "Fuzz", NULL, NULL);
      g_assert (kase != NULL);
    }

  return kase;
}

static void
import_as (LsCase       *kase,
           GBytes       *bytes,
           LsImportKind  kind,
           gboolean      skip_bad_rows)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(LsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LsImportOptions options = { 0, };
  gboolean ok;

  options.kind = kind;
  options.stream = stream;
  options.display_name = "fuzz.csv";
  options.dry_run = TRUE;
  options.skip_bad_rows = skip_bad_rows;
  options.rejected_path = "/dev/null";

  ok = ls_import_run (kase, &options, NULL, NULL, NULL, &report, &error);

  /* What the import promises whatever the input. */
  g_assert (report != NULL);
  g_assert (ok == (error == NULL));
  g_assert (!report->committed);
  g_assert (report->problems->len <= LS_IMPORT_MAX_PROBLEMS);
  g_assert (report->n_problems >= (gint64) report->problems->len);
  for (guint i = 0; i < report->problems->len; i++)
    {
      const LsImportProblem *problem = g_ptr_array_index (report->problems, i);
      g_autofree char *line = ls_import_problem_format (report->file, problem);

      g_assert (problem->line >= 1 && problem->column >= 0);
      g_assert (g_utf8_validate (line, -1, NULL));
    }
  if (ok)
    g_assert (report->imported + report->duplicates + report->skipped <= report->rows);
  g_assert (sqlite3_get_autocommit (ls_case_get_db (kase)));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  LsCase *kase = fuzz_case ();
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);

  for (int kind = LS_IMPORT_KIND_CALLS; kind <= LS_IMPORT_KIND_EVENTS; kind++)
    import_as (kase, bytes, kind, FALSE);
  import_as (kase, bytes, LS_IMPORT_KIND_CALLS, TRUE);

  {
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
    g_autoptr(LsImportPreview) preview = NULL;
    LsImportOptions options = { 0, };

    options.kind = LS_IMPORT_KIND_CALLS;
    options.stream = stream;
    preview = ls_import_preview (NULL, &options, 5, NULL);
    if (preview != NULL)
      g_assert (preview->rows->len <= 5);
  }

  g_assert (ls_case_get_counts (kase, &(LsCaseCounts) { 0, }, NULL));
  return 0;
}
