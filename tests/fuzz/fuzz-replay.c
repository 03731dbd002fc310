/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays one fuzzer's corpus (and any crash files found since) as a
 * regression test in the normal suite. FUZZ_CORPUS names the folder under
 * tests/fuzz/corpus and the test path. */
#define G_LOG_DOMAIN "fuzz-replay"
#include "config.h"

#include <glib.h>

#include "fuzz-common.h"

#ifndef FUZZ_CORPUS
#define FUZZ_CORPUS "csv"
#endif
#ifndef FUZZ_NAME
#define FUZZ_NAME "csv-import"
#endif

static void
test_replay (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const guint8 *) contents, len), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_test_init (&argc, &argv, NULL);

  dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", FUZZ_CORPUS, NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *test = g_strdup_printf ("/fuzz/%s/%s", FUZZ_NAME, (char *) names->pdata[i]);
      char *path = g_build_filename (dir_path, names->pdata[i], NULL);

      g_test_add_data_func_full (test, path, test_replay, g_free);
    }

  return g_test_run ();
}
