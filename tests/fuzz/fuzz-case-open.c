/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer harness for opening a case file: every input is written to a
 * temporary file and opened; a case that opens must answer its counts.
 * A case file comes from another agency and is data, so no input may
 * crash, hang or take over the process. Built with -Dfuzzing=true and
 * clang as tests/fuzz/fuzz-case-open; fuzz-replay.c replays the seed
 * corpus (tests/fuzz/corpus/case) in the normal suite. */
#define G_LOG_DOMAIN "fuzz-case-open"
#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>

#include "ls-case.h"
#include "fuzz-common.h"

static char *fuzz_dir;

static void
remove_fuzz_dir (void)
{
  g_rmdir (fuzz_dir);
}

static const char *
fuzz_path (void)
{
  static char *path;

  if (path == NULL)
    {
      fuzz_dir = g_dir_make_tmp ("linesight-fuzz-case-XXXXXX", NULL);
      g_assert (fuzz_dir != NULL);
      atexit (remove_fuzz_dir);
      path = g_build_filename (fuzz_dir, "fuzz.linesight", NULL);
      fuzz_abort_on_criticals ();
    }

  return path;
}

static void
remove_case (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *path = fuzz_path ();
  g_autoptr(GError) error = NULL;

  remove_case (path);
  /* A long run outlives cleaners of the temporary folder. */
  g_mkdir_with_parents (fuzz_dir, 0700);
  g_assert (g_file_set_contents (path, (const char *) data, size, NULL));

  {
    g_autoptr(LsCase) kase = ls_case_open (path, &error);

    g_assert ((kase == NULL) == (error != NULL));
    if (kase != NULL)
      {
        LsCaseCounts counts = { 0, };
        g_autoptr(GError) count_error = NULL;

        if (!ls_case_get_counts (kase, &counts, &count_error))
          g_assert (count_error != NULL && g_utf8_validate (count_error->message, -1, NULL));
        else
          g_assert (counts.calls >= 0 && counts.phones >= 0 && counts.people >= 0);
      }
    else
      {
        g_assert (error->message != NULL && error->message[0] != '\0');
      }
  }

  remove_case (path);
  return 0;
}
