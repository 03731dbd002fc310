/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Paged PDF documents: the marking on every page, "Page N of M", tables
 * that run over pages, and metadata. Checked with poppler's tools. */
#define G_LOG_DOMAIN "test-document"
#include "config.h"

#include <string.h>

#include "ls-document.h"
#include "test-pdf.h"

static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  return g_steal_pointer (&out);
}

static void
draw_box (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  data)
{
  int *calls = data;

  (*calls)++;
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

static void
test_pages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-doc-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "doc.pdf", NULL);
  g_autoptr(LsDocument) doc = ls_document_new ("Operation Kestrel briefing", "OFFICIAL-SENSITIVE");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  const char *header[] = { "Name", "Number", "Contacts", NULL };
  const double widths[] = { 0.4, 0.4, 0.2 };
  int drawn = 0;
  guint pages;

  for (int i = 0; i < 150; i++)
    {
      char **row = g_new0 (char *, 4);
      row[0] = g_strdup_printf ("Person %d", i + 1);
      row[1] = g_strdup_printf ("+4477009%05d", i);
      row[2] = g_strdup_printf ("%d", i * 3);
      g_ptr_array_add (rows, row);
    }

  ls_document_set_metadata (doc, "Test subject", "Analyst");
  ls_document_add_heading (doc, "Cover");
  ls_document_add_field (doc, "Reference", "KES/2024/001");
  ls_document_add_paragraph (doc, "A paragraph <b>with</b> angle brackets & ampersands, set as plain text.");
  ls_document_add_drawing (doc, 200, draw_box, &drawn, NULL);
  {
    g_autoptr(GString) longtext = g_string_new (NULL);

    for (int i = 0; i < 60; i++)
      g_string_append_printf (longtext, "Sentence %d of a paragraph long enough to run over a page. ", i + 1);
    ls_document_add_paragraph (doc, longtext->str);
  }
  ls_document_add_page_break (doc);
  ls_document_add_heading (doc, "Contacts");
  ls_document_add_table (doc, header, rows, widths);

  pages = ls_document_get_n_pages (doc);
  g_assert_cmpuint (pages, >=, 4);
  g_assert_true (ls_document_write_pdf (doc, pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpint (drawn, ==, 1);

  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *text = test_pdf_text (pdf, TRUE, p);
      g_autofree char *expect = g_strdup_printf ("Page %u of %u", p, pages);
      char *first = strstr (text, "OFFICIAL-SENSITIVE");

      g_assert_nonnull (first);
      /* Top and bottom of every page. */
      g_assert_nonnull (strstr (first + 1, "OFFICIAL-SENSITIVE"));
      g_assert_nonnull (strstr (text, expect));
      if (p >= 3)
        g_assert_nonnull (strstr (text, "Number"));   /* the header again */
    }

  {
    g_autofree char *first_page = test_pdf_text (pdf, TRUE, 1);
    g_autofree char *last_page = test_pdf_text (pdf, TRUE, pages);
    const char *info_argv[] = { "pdfinfo", pdf, NULL };
    g_autofree char *info = run (info_argv);

    g_autofree char *second_page = test_pdf_text (pdf, TRUE, 2);

    g_assert_nonnull (strstr (first_page, "<b>with</b> angle brackets & ampersands"));
    /* The long paragraph starts on page 1 and runs on to page 2, no line lost. */
    g_assert_nonnull (strstr (first_page, "Sentence 1 of"));
    g_assert_nonnull (strstr (second_page, "Sentence 60 of"));
    g_assert_nonnull (strstr (last_page, "Person 150"));
    g_assert_nonnull (strstr (info, "Operation Kestrel briefing"));
    g_assert_nonnull (strstr (info, "Test subject"));
    g_assert_nonnull (strstr (info, "Linesight"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  if (!test_pdf_have_pdftotext ())
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return g_test_run ();
    }
  g_test_add_func ("/document/pages", test_pages);

  return g_test_run ();
}
