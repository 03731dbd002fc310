/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading PDFs back in tests, through poppler's pdftotext. */
#define G_LOG_DOMAIN "test-pdf"
#include "config.h"

#include "test-pdf.h"

gboolean
test_pdf_have_pdftotext (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");

  return path != NULL;
}

char *
test_pdf_text (const char *pdf,
               gboolean    layout,
               guint       page)
{
  g_autofree char *n = g_strdup_printf ("%u", page);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "pdftotext");
  if (layout)
    g_ptr_array_add (argv, (char *) "-layout");
  if (page > 0)
    {
      g_ptr_array_add (argv, (char *) "-f");
      g_ptr_array_add (argv, n);
      g_ptr_array_add (argv, (char *) "-l");
      g_ptr_array_add (argv, n);
    }
  g_ptr_array_add (argv, (char *) pdf);
  g_ptr_array_add (argv, (char *) "-");
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_nonnull (out);

  return out;
}
