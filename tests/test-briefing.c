/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The briefing pack from the command line, read back with poppler: the
 * marking and "Page N of M" on every page, metadata, and redaction that
 * leaves no name or number of the case anywhere in the text or metadata. */
#define G_LOG_DOMAIN "test-briefing"
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "ls-case.h"
#include "ls-case-audit.h"
#include "ls-demo.h"

static char *demo_path;

static char *
run (const char * const *argv,
     int                 expect)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, expect);
  return out;
}

static char *
brief (const char *redact)
{
  g_autofree char *dir = g_path_get_dirname (demo_path);
  char *pdf = g_strdup_printf ("%s/brief-%s.pdf", dir, redact ? redact : "none");
  const char *argv[] = { g_getenv ("LINESIGHT"), "brief", demo_path, "-o", pdf,
                         redact ? "--redact" : NULL, redact, NULL };

  g_free (run (argv, 0));
  return pdf;
}

/* All the text of the PDF, and its metadata. */
static char *
pdf_all_text (const char *pdf)
{
  const char *text_argv[] = { "pdftotext", pdf, "-", NULL };
  const char *info_argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *text = run (text_argv, 0);
  g_autofree char *info = run (info_argv, 0);

  return g_strconcat (text, "\n", info, NULL);
}

static guint
n_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv, 0);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
test_pages (void)
{
  g_autofree char *pdf = brief (NULL);
  g_autofree char *all = pdf_all_text (pdf);
  guint pages = n_pages (pdf);

  g_assert_cmpuint (pages, >=, 6);
  for (guint p = 1; p <= pages; p++)
    {
      g_autofree char *n = g_strdup_printf ("%u", p);
      const char *argv[] = { "pdftotext", "-f", n, "-l", n, pdf, "-", NULL };
      g_autofree char *text = run (argv, 0);
      g_autofree char *page_of = g_strdup_printf ("Page %u of %u", p, pages);
      const char *first = strstr (text, "OFFICIAL-SENSITIVE");

      g_assert_nonnull (first);
      g_assert_nonnull (strstr (first + 1, "OFFICIAL-SENSITIVE"));
      g_assert_nonnull (strstr (text, page_of));
    }

  g_assert_nonnull (strstr (all, "Briefing: Operation Kestrel"));
  g_assert_nonnull (strstr (all, "County lines briefing"));
  g_assert_nonnull (strstr (all, "Creator:         Linesight"));
  g_assert_nonnull (strstr (all, "Key findings"));
  g_assert_nonnull (strstr (all, "Children and adults at risk"));
  g_assert_nonnull (strstr (all, "Appendix: sources"));
  /* Unredacted, the children are named. */
  {
    g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (1, 1.0);
    g_assert_nonnull (strstr (all, g_ptr_array_index (truth->children, 0)));
  }
}

/* NEEDLE in TEXT as a word of its own, not inside a hash or an IMEI. */
static gboolean
contains_word (const char *text,
               const char *needle)
{
  gsize len = strlen (needle);

  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    if ((p == text || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[len]))
      return TRUE;

  return FALSE;
}

static void
assert_no_numbers (sqlite3    *db,
                   const char *text)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT number FROM phones", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (stmt, 0);
      const char *local = number + strlen (number) - 6;   /* "900123" of "07700 900123" */

      g_assert_null (strstr (text, number));
      g_assert_null (strstr (text, number + 1));            /* 447700900123 */
      if (contains_word (text, local))
        g_error ("the number %s is in the redacted briefing", number);
    }
}

static void
test_redact_all (void)
{
  g_autofree char *pdf = brief ("all");
  g_autofree char *all = pdf_all_text (pdf);
  g_autoptr(LsCase) kase = ls_case_open (demo_path, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = ls_case_get_db (kase);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, address FROM people", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *address = (const char *) sqlite3_column_text (stmt, 1);

      if (strstr (all, name) != NULL)
        g_error ("“%s” is in the redacted briefing", name);
      if (address && strstr (all, address) != NULL)
        g_error ("“%s” is in the redacted briefing", address);
    }
  assert_no_numbers (db, all);
  g_assert_nonnull (strstr (all, "Person "));
  g_assert_nonnull (strstr (all, "+44 •••"));

  /* The export is in the audit log with the file's SHA-256 and redaction. */
  {
    g_autofree char *sha = ls_file_sha256 (pdf, NULL);
    g_autofree char *like = g_strdup_printf ("%%%s%%", sha);
    g_autoptr(sqlite3_stmt) audit = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit_log WHERE action = 'export'"
                                         " AND subject = 'briefing' AND details LIKE ?"
                                         " AND details LIKE '%\"redaction\":\"all\"%'", -1, &audit, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (audit, 1, like, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (audit), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (audit, 0), ==, 1);
  }
}

/* The network map exported on its own with --redact names nobody either. */
static void
test_export_network_redacted (void)
{
  g_autofree char *dir = g_path_get_dirname (demo_path);
  g_autofree char *pdf = g_build_filename (dir, "network.pdf", NULL);
  const char *argv[] = { g_getenv ("LINESIGHT"), "export", demo_path, "--view", "network", "--format", "pdf",
                         "-o", pdf, "--redact", NULL };
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *all = NULL;

  g_free (run (argv, 0));
  all = pdf_all_text (pdf);
  kase = ls_case_open (demo_path, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (ls_case_get_db (kase), "SELECT name FROM people", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (strstr (all, (const char *) sqlite3_column_text (stmt, 0)) != NULL)
      g_error ("“%s” is in the redacted network export", sqlite3_column_text (stmt, 0));
  assert_no_numbers (ls_case_get_db (kase), all);
}

static void
test_redact_partner (void)
{
  g_autofree char *pdf = brief ("partner");
  g_autofree char *all = pdf_all_text (pdf);
  g_autoptr(LsCase) kase = ls_case_open (demo_path, NULL);
  g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (1, 1.0);
  GHashTableIter iter;
  gpointer name, role;

  /* Social care sees who the children are ... */
  for (guint i = 0; i < truth->children->len; i++)
    g_assert_nonnull (strstr (all, g_ptr_array_index (truth->children, i)));
  /* ... but not who runs the line, nor any number. */
  g_hash_table_iter_init (&iter, truth->roles);
  while (g_hash_table_iter_next (&iter, &name, &role))
    if (g_str_equal (role, "line-holder") || g_str_equal (role, "head"))
      if (strstr (all, name) != NULL)
        g_error ("“%s” (%s) is in the partner briefing", (char *) name, (char *) role);
  assert_no_numbers (ls_case_get_db (kase), all);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return g_test_run ();
    }

  dir = g_dir_make_tmp ("linesight-brief-XXXXXX", NULL);
  demo_path = g_build_filename (dir, "demo.linesight", NULL);
  g_assert_true (ls_demo_generate (demo_path, 1, 1.0, NULL, NULL, NULL, NULL));

  g_test_add_func ("/briefing/pages", test_pages);
  g_test_add_func ("/briefing/redact-all", test_redact_all);
  g_test_add_func ("/briefing/redact-partner", test_redact_partner);
  g_test_add_func ("/briefing/export-network-redacted", test_export_network_redacted);

  status = g_test_run ();
  {
    g_autoptr(GFile) folder = g_file_new_for_path (dir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, g_file_info_get_name (info), NULL);
        g_remove (child);
        g_object_unref (info);
      }
    g_rmdir (dir);
  }
  g_free (demo_path);
  return status;
}
