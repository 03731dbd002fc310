/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import of whole files: malformed files are refused at the exact line and
 * column with the case left byte for byte as it was; good files in the
 * styles operators and partners really send are read exactly. */
#define G_LOG_DOMAIN "test-import"
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <math.h>
#include <string.h>

#include "ls-case.h"
#include "ls-case-mappings.h"
#include "ls-case-writer.h"
#include "ls-import.h"

typedef struct {
  const char *file;
  LsImportKind kind;
  gint64      line;
  gint64      column;
  const char *field;     /* NULL for problems of the file rather than a field */
  const char *contains;
} BadFile;

static const BadFile bad_files[] = {
  { "bad-date.csv", LS_IMPORT_KIND_CALLS, 2, 1, "start", "found \"2024-13-01 10:00\"" },
  { "impossible-date.csv", LS_IMPORT_KIND_CALLS, 3, 1, "start",
    "expected a date like 2024-03-01 14:05:00 or 01/03/2024 14:05, found \"31/02/2024\"" },
  { "feb29-non-leap.csv", LS_IMPORT_KIND_CALLS, 2, 1, "start", "found \"29/02/2023 10:00\"" },
  { "us-order-date.csv", LS_IMPORT_KIND_CALLS, 4, 1, "start", "found \"03/13/2024 10:00\"" },
  { "unterminated-quote.csv", LS_IMPORT_KIND_CALLS, 4, 6, NULL, "closing quote" },
  { "short-row.csv", LS_IMPORT_KIND_CALLS, 2, 6, NULL, "expected 6 columns" },
  { "long-row.csv", LS_IMPORT_KIND_CALLS, 4, 7, NULL, "found 7" },
  { "binary-garbage.csv", LS_IMPORT_KIND_CALLS, 2, 1, NULL, "binary data" },
  { "empty.csv", LS_IMPORT_KIND_CALLS, 1, 1, NULL, "empty" },
  { "header-only.csv", LS_IMPORT_KIND_CALLS, 2, 1, NULL, "found none" },
  { "utf8-bom-bad-date.csv", LS_IMPORT_KIND_CALLS, 3, 1, "start", "found \"1/3/2024 25:10\"" },
  { "utf16le-bom-bad-number.tsv", LS_IMPORT_KIND_CALLS, 2, 2, "caller", "found \"07700 9OO123\"" },
  { "utf16be-bom-bad-duration.tsv", LS_IMPORT_KIND_CALLS, 2, 5, "duration", "found \"1:75\"" },
  { "utf16-truncated.tsv", LS_IMPORT_KIND_CALLS, 3, 1, NULL, "middle of a character" },
  { "cp1252-bad-dob.csv", LS_IMPORT_KIND_PEOPLE, 3, 3, "dob", "found \"30/02/2007\"" },
  { "cp1252-undefined-byte.csv", LS_IMPORT_KIND_PEOPLE, 2, 2, NULL, "0x81" },
  { "mixed-encoding.csv", LS_IMPORT_KIND_PEOPLE, 4, 1, NULL, "not valid UTF-8" },
  { "letters-in-number.csv", LS_IMPORT_KIND_CALLS, 2, 2, "caller", "found \"07700 9OO123\"" },
  { "excel-scientific-number.csv", LS_IMPORT_KIND_CALLS, 2, 2, "caller", "found \"4.47701E+11\"" },
  { "negative-duration.csv", LS_IMPORT_KIND_CALLS, 3, 5, "duration", "found \"-30\"" },
  { "bad-duration.csv", LS_IMPORT_KIND_CALLS, 2, 5, "duration", "found \"1:75\"" },
  { "unknown-call-type.csv", LS_IMPORT_KIND_CALLS, 2, 4, "kind", "found \"Fax\"" },
  { "stray-quote.csv", LS_IMPORT_KIND_CALLS, 2, 6, NULL, "does not start with one" },
  { "text-after-quote.csv", LS_IMPORT_KIND_CALLS, 2, 6, NULL, "after the closing quote" },
  { "nonexistent-time.csv", LS_IMPORT_KIND_CALLS, 2, 1, "start", "clocks went forward" },
  { "bad-time-split.csv", LS_IMPORT_KIND_CALLS, 2, 2, "time", "found \"25:00\"" },
  { "bad-imei.csv", LS_IMPORT_KIND_CALLS, 2, 4, "imei", "found \"35693803564380X\"" },
  { "event-multiline-bad-end.csv", LS_IMPORT_KIND_EVENTS, 4, 4, "end", "found \"32/03/2024\"" },
  { "event-multiline-then-bad-start.csv", LS_IMPORT_KIND_EVENTS, 5, 1, "start", "found \"yesterday\"" },
  { "people-bad-latitude.csv", LS_IMPORT_KIND_PEOPLE, 2, 3, "lat", "found \"91.5\"" },
  { "cells-lat-without-lon.csv", LS_IMPORT_KIND_CELLS, 3, 4, "lon", "longitude" },
  { "cells-bad-easting.csv", LS_IMPORT_KIND_CELLS, 2, 2, "easting", "found \"abc\"" },
  { "handsets-bad-first-seen.csv", LS_IMPORT_KIND_HANDSETS, 2, 3, "first_seen", "found \"yesterday\"" },
  { "phones-withheld-number.csv", LS_IMPORT_KIND_PHONES, 2, 1, "number", "found \"Withheld\"" },
  { "tab-bad-date.tsv", LS_IMPORT_KIND_CALLS, 3, 2, "start", "found \"2024-03-01T25:00:00Z\"" },
  { "semicolon-bad-number.csv", LS_IMPORT_KIND_CALLS, 4, 3, "callee", "found \"0770O 900456\"" },
  { "control-char.csv", LS_IMPORT_KIND_CALLS, 3, 2, NULL, "byte 0x07" },
  { "crlf-bad-date.csv", LS_IMPORT_KIND_CALLS, 3, 1, "start", "found \"01/03/2024 14:61\"" },
  { "cr-only-bad-date.csv", LS_IMPORT_KIND_CALLS, 3, 1, "start", "found \"00/03/2024 14:00\"" },
  { "blank-lines-then-bad.csv", LS_IMPORT_KIND_CALLS, 7, 2, "caller", "ext 5" },
  { "preamble-bad-date.csv", LS_IMPORT_KIND_CALLS, 6, 1, "date", "found \"31/04/2024\"" },
};

static char *
data_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", file, NULL);
}

static void
remove_tree (gpointer data)
{
  const char *path = data;
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  if (dir)
    g_dir_close (dir);
  g_rmdir (path);
}

static void
remove_tree_and_free (char *path)
{
  remove_tree (path);
  g_free (path);
}

/* A directory of the test's own, removed when the test ends. */
static char *
temp_dir (void)
{
  char *dir = g_dir_make_tmp ("linesight-import-XXXXXX", NULL);

  g_assert_nonnull (dir);
  g_test_queue_destroy ((GDestroyNotify) remove_tree_and_free, g_strdup (dir));
  return dir;
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static LsImportReport *
import_file (LsCase       *kase,
             const char   *path,
             LsImportKind  kind,
             gboolean      expect_ok)
{
  LsImportOptions options = { 0, };
  LsImportReport *report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  options.kind = kind;
  options.path = path;
  ok = ls_import_run (kase, &options, NULL, NULL, NULL, &report, &error);
  if (expect_ok)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_false (ok);
    }
  g_assert_nonnull (report);
  return report;
}

/* A case with something in it already, closed so its file is settled. */
static char *
make_case (const char *dir)
{
  char *path = g_build_filename (dir, "case.linesight", NULL);
  g_autoptr(LsCase) kase = ls_case_create (path, "Test", NULL, NULL);
  g_autofree char *calls = data_path ("good-semicolon-ddmmyyyy.csv");
  g_autofree char *people = data_path ("good-cp1252-people.csv");

  g_assert_nonnull (kase);
  ls_import_report_free (import_file (kase, calls, LS_IMPORT_KIND_CALLS, TRUE));
  ls_import_report_free (import_file (kase, people, LS_IMPORT_KIND_PEOPLE, TRUE));
  return path;
}

static void
assert_refused_unchanged (const char   *file_path,
                          const char   *shown_name,
                          LsImportKind  kind,
                          gint64        line,
                          gint64        column,
                          const char   *field,
                          const char   *contains)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = make_case (dir);
  g_autoptr(GBytes) before = read_bytes (case_path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(LsImportReport) report = NULL;
  g_autofree char *formatted = NULL;
  g_autofree char *prefix = NULL;
  const LsImportProblem *problem;

  {
    g_autoptr(LsCase) kase = ls_case_open (case_path, NULL);

    g_assert_nonnull (kase);
    report = import_file (kase, file_path, kind, FALSE);
  }

  g_assert_cmpuint (report->problems->len, >=, 1);
  problem = g_ptr_array_index (report->problems, 0);
  formatted = ls_import_problem_format (shown_name, problem);
  g_test_message ("%s", formatted);
  g_assert_cmpint (problem->line, ==, line);
  g_assert_cmpint (problem->column, ==, column);
  g_assert_cmpstr (problem->field, ==, field);
  g_assert_nonnull (strstr (problem->message, contains));
  prefix = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ": %s%s%s", shown_name,
                            line, column, field ? "field '" : "", field ? field : "", field ? "': " : "");
  g_assert_true (g_str_has_prefix (formatted, prefix));
  g_assert_false (report->committed);

  after = read_bytes (case_path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *path = data_path (bad->file);

  assert_refused_unchanged (path, path, bad->kind, bad->line, bad->column, bad->field, bad->contains);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      len)
{
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

/* 10 MB in one field, closed and unclosed: refused where the field starts,
 * without the reader holding it all. */
static void
test_huge_field (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *closed = g_build_filename (dir, "huge-closed.csv", NULL);
  g_autofree char *open_quote = g_build_filename (dir, "huge-open.csv", NULL);
  GString *s = g_string_new ("Start,Caller,Callee,Type,Duration,Cell\n"
                             "01/03/2024 14:05,07700 900123,07700 900456,Voice,65,CELL1\n"
                             "01/03/2024 14:06,07700 900123,07700 900456,Voice,65,\"");
  gsize header_len = s->len;

  g_string_set_size (s, header_len + 10 * 1024 * 1024);
  memset (s->str + header_len, 'x', 10 * 1024 * 1024);
  write_file (open_quote, s->str, s->len);
  g_string_append (s, "\"\n");
  write_file (closed, s->str, s->len);
  g_string_free (s, TRUE);

  assert_refused_unchanged (closed, closed, LS_IMPORT_KIND_CALLS, 3, 6, NULL, "longer than 1 MB");
  assert_refused_unchanged (open_quote, open_quote, LS_IMPORT_KIND_CALLS, 3, 6, NULL, "longer than 1 MB");
}

static gint64
query_int (LsCase     *kase,
           const char *sql)
{
  return ls_sqlite_query_int (ls_case_get_db (kase), sql, -999);
}

static char *
query_text (LsCase     *kase,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (ls_case_get_db (kase), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static LsCase *
fresh_case (char **dir_out)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "fresh.linesight", NULL);
  LsCase *kase = ls_case_create (path, "Fresh", NULL, NULL);

  g_assert_nonnull (kase);
  if (dir_out)
    *dir_out = g_steal_pointer (&dir);
  return kase;
}

#define CALL_AT(n, col) "SELECT " col " FROM calls ORDER BY source_line LIMIT 1 OFFSET " #n

static void
test_good_semicolon (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-semicolon-ddmmyyyy.csv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);
  g_autofree char *caller = NULL, *callee = NULL, *cell = NULL, *sha = NULL;

  g_assert_cmpint (report->delimiter, ==, ';');
  g_assert_cmpint (report->imported, ==, 4);
  g_assert_cmpint (query_int (kase, CALL_AT (0, "start")), ==, 1709301910);
  g_assert_cmpint (query_int (kase, CALL_AT (0, "duration")), ==, 65);
  g_assert_cmpint (query_int (kase, CALL_AT (0, "kind")), ==, LS_CALL_KIND_VOICE);
  caller = query_text (kase, "SELECT number FROM phones p JOIN calls c ON c.caller_id = p.id WHERE c.source_line = 2");
  callee = query_text (kase, "SELECT number FROM phones p JOIN calls c ON c.callee_id = p.id WHERE c.source_line = 3");
  g_assert_cmpstr (caller, ==, "+447700900123");
  g_assert_cmpstr (callee, ==, "+447700900123");
  g_assert_cmpint (query_int (kase, CALL_AT (1, "kind")), ==, LS_CALL_KIND_SMS);
  g_assert_cmpint (query_int (kase, CALL_AT (1, "start")), ==, 1709302020);
  /* Withheld caller kept, not dropped. */
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls WHERE caller_id IS NULL AND source_line = 4"), ==, 1);
  g_assert_cmpint (query_int (kase, CALL_AT (2, "start")), ==, 1709370000);
  g_assert_cmpint (query_int (kase, CALL_AT (2, "duration")), ==, 10);
  g_assert_cmpint (query_int (kase, CALL_AT (3, "start")), ==, 1721079000);
  g_assert_cmpint (query_int (kase, CALL_AT (3, "duration")), ==, 3600);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM phones WHERE number = '+33612345678'"), ==, 1);
  cell = query_text (kase, "SELECT cell_ref FROM cells c JOIN calls k ON k.cell_id = c.id WHERE k.source_line = 2");
  g_assert_cmpstr (cell, ==, "234-10-1234-5678");

  /* Provenance: the import row holds the file's SHA-256. */
  {
    g_autoptr(GBytes) bytes = read_bytes (path);
    g_autofree char *expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

    sha = query_text (kase, "SELECT sha256 FROM imports");
    g_assert_cmpstr (sha, ==, expected);
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls WHERE import_id = (SELECT id FROM imports)"), ==, 4);
  }
}

/* Exports made for Excel write numbers as ="07700 900123" (or, quoted,
 * "=""07700 900123""") so the leading zero survives: the text inside is
 * the value, and the other fields of the row are read as usual. */
static void
test_good_excel_formula_text (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-excel-formula-text.csv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);
  g_autofree char *caller = NULL, *callee = NULL, *imei = NULL, *imei2 = NULL, *cell = NULL;

  g_assert_cmpint (report->imported, ==, 2);
  caller = query_text (kase, "SELECT number FROM phones p JOIN calls c ON c.caller_id = p.id WHERE c.source_line = 2");
  callee = query_text (kase, "SELECT number FROM phones p JOIN calls c ON c.callee_id = p.id WHERE c.source_line = 2");
  imei = query_text (kase, "SELECT imei FROM calls WHERE source_line = 2");
  imei2 = query_text (kase, "SELECT imei FROM calls WHERE source_line = 3");
  cell = query_text (kase, "SELECT cell_ref FROM cells c JOIN calls k ON k.cell_id = c.id WHERE k.source_line = 2");
  g_assert_cmpstr (caller, ==, "+447700900123");
  g_assert_cmpstr (callee, ==, "+447700900456");
  g_assert_cmpstr (imei, ==, "035693803564380");
  g_assert_cmpstr (imei2, ==, "035693803564381");
  g_assert_cmpstr (cell, ==, "0123");
  g_assert_cmpint (query_int (kase, CALL_AT (0, "duration")), ==, 65);
  g_assert_cmpint (query_int (kase, CALL_AT (1, "kind")), ==, LS_CALL_KIND_SMS);
}

static void
test_good_tab_iso (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-tab-iso.tsv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);
  g_autofree char *imei = NULL;

  g_assert_cmpint (report->delimiter, ==, '\t');
  g_assert_cmpint (report->imported, ==, 3);
  g_assert_cmpint (query_int (kase, CALL_AT (0, "start")), ==, 1709301900);
  g_assert_cmpint (query_int (kase, CALL_AT (1, "start")), ==, 1719839100);
  /* The column says UTC, so a time without an offset is UTC. */
  g_assert_cmpint (query_int (kase, CALL_AT (2, "start")), ==, 1719842700);
  imei = query_text (kase, CALL_AT (0, "imei"));
  g_assert_cmpstr (imei, ==, "356938035643809");
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM handsets WHERE imei = '356938035643809'"), ==, 1);
}

static void
test_good_split_date_time (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-split-date-time.csv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);

  g_assert_cmpint (report->imported, ==, 3);
  g_assert_cmpint (query_int (kase, CALL_AT (0, "start")), ==, 1719839100);
  g_assert_cmpint (query_int (kase, CALL_AT (1, "start")), ==, 1719839100);
  g_assert_cmpint (query_int (kase, CALL_AT (1, "kind")), ==, LS_CALL_KIND_SMS);
  g_assert_cmpint (query_int (kase, CALL_AT (2, "start")), ==, 1719839190);
  g_assert_cmpint (query_int (kase, CALL_AT (2, "duration")), ==, 95);
}

static void
test_good_cp1252_people (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-cp1252-people.csv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_PEOPLE, TRUE);
  g_autofree char *dob = NULL, *address = NULL, *notes = NULL;

  g_assert_cmpstr (report->encoding, ==, "Windows-1252");
  g_assert_cmpint (report->imported, ==, 2);
  g_assert_cmpint (query_int (kase, "SELECT vulnerable FROM people WHERE name = 'Zoë Brontë'"), ==, 1);
  g_assert_cmpint (query_int (kase, "SELECT vulnerable FROM people WHERE name = 'Seán Ó Brien'"), ==, 0);
  dob = query_text (kase, "SELECT dob FROM people WHERE name = 'Zoë Brontë'");
  address = query_text (kase, "SELECT address FROM people WHERE name = 'Zoë Brontë'");
  notes = query_text (kase, "SELECT notes FROM people WHERE name = 'Zoë Brontë'");
  g_assert_cmpstr (dob, ==, "2008-05-12");
  g_assert_cmpstr (address, ==, "14 Rue de l'Église, Bath");
  g_assert_cmpstr (notes, ==, "Café worker – “missing” twice");
}

static void
test_good_crlf_quoted_newlines (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-crlf-quoted-newlines.csv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_EVENTS, TRUE);
  g_autofree char *text = NULL, *place = NULL, *kind = NULL;

  g_assert_cmpint (report->imported, ==, 3);
  text = query_text (kase, "SELECT text FROM events WHERE source_line = 2");
  g_assert_nonnull (strstr (text, "said she was going \"to see friends\""));
  g_assert_nonnull (strstr (text, "\nin London"));
  place = query_text (kase, "SELECT place FROM events WHERE source_line = 2");
  g_assert_cmpstr (place, ==, "Flat 2, 5 Long Road");
  kind = query_text (kase, "SELECT group_concat(kind, ' ') FROM (SELECT kind FROM events ORDER BY source_line)");
  g_assert_cmpstr (kind, ==, "missing-from-home found-out-of-area cuckooing-report");
  /* Rows after a three-line field keep their own line numbers. */
  g_assert_cmpint (query_int (kase, "SELECT start FROM events WHERE source_line = 5"), ==, 1709424000);
  g_assert_cmpint (query_int (kase, "SELECT start FROM events WHERE source_line = 6"), ==, 1709569200);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM people WHERE name = 'Amy Example'"), ==, 1);
}

static void
test_good_utf16 (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-utf16-excel.txt");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);

  g_assert_cmpstr (report->encoding, ==, "UTF-16LE");
  g_assert_cmpint (report->imported, ==, 2);
  g_assert_cmpint (query_int (kase, CALL_AT (0, "start")), ==, 1709301900);
}

static void
test_bst_transitions (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-bst-transitions.csv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);
  const LsImportProblem *warning;

  g_assert_cmpint (report->imported, ==, 7);
  g_assert_cmpint (report->warnings, ==, 1);
  warning = g_ptr_array_index (report->warning_list, 0);
  g_assert_cmpint (warning->line, ==, 5);
  g_assert_cmpint (warning->column, ==, 1);
  g_assert_nonnull (strstr (warning->message, "happened twice"));
  g_assert_cmpint (query_int (kase, "SELECT warnings FROM imports"), ==, 1);

  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 2"), ==, 1711846799);
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 3"), ==, 1711846800);
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 4"), ==, 1729985400);
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 5"), ==, 1729989000);
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 6"), ==, 1729996200);
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 7"), ==, 1705320000);
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 8"), ==, 1721041200);
}

static void
test_cells (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *bng = data_path ("good-cells-bng.csv");
  g_autofree char *latlon = data_path ("good-cells-latlon.csv");
  g_autoptr(LsImportReport) r1 = import_file (kase, bng, LS_IMPORT_KIND_CELLS, TRUE);
  g_autoptr(LsImportReport) r2 = import_file (kase, latlon, LS_IMPORT_KIND_CELLS, TRUE);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (r1->imported + r2->imported, ==, 3);
  g_assert_cmpint (sqlite3_prepare_v2 (ls_case_get_db (kase),
                                       "SELECT lat, lon, easting, northing, azimuth FROM cells ORDER BY cell_ref",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* Trafalgar Square. */
  g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 0), 51.5077, 0.003);
  g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 1), -0.1281, 0.003);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 2), ==, 530000);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 4), ==, 120);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 4), ==, SQLITE_NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* Bath: grid reference computed from latitude and longitude. */
  g_assert_cmpfloat (sqlite3_column_double (stmt, 2), >, 370000);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 2), <, 380000);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 3), >, 160000);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 3), <, 170000);
}

static void
test_phones_handsets (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *phones = data_path ("good-phones.csv");
  g_autofree char *handsets = data_path ("good-handsets.csv");
  g_autoptr(LsImportReport) r1 = import_file (kase, phones, LS_IMPORT_KIND_PHONES, TRUE);
  g_autoptr(LsImportReport) r2 = import_file (kase, handsets, LS_IMPORT_KIND_HANDSETS, TRUE);
  g_autofree char *owner = NULL;

  g_assert_cmpint (r1->imported, ==, 2);
  g_assert_cmpint (r2->imported, ==, 1);
  owner = query_text (kase, "SELECT name FROM people p JOIN phones f ON f.person_id = p.id WHERE f.number = '+447700900123'");
  g_assert_cmpstr (owner, ==, "Amy Example");
  g_assert_cmpint (query_int (kase, "SELECT first_seen FROM handsets"), ==, 1709251200);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM handsets h JOIN phones p ON h.phone_id = p.id"
                                    " WHERE p.number = '+447700900123'"), ==, 1);
}

/* One subscriber's records: target, other party and a direction (or a call
 * type that carries one); data sessions are left out with a warning. */
static void
test_good_target_direction (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-target-direction.csv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);
  g_autofree char *pairs = NULL;

  g_assert_cmpint (report->imported, ==, 4);
  g_assert_cmpint (report->skipped, ==, 1);
  g_assert_cmpint (report->warnings, ==, 1);
  pairs = query_text (kase, "SELECT group_concat(a.number || '>' || b.number, ' ') FROM"
                            " (SELECT * FROM calls ORDER BY source_line) c"
                            " JOIN phones a ON a.id = c.caller_id JOIN phones b ON b.id = c.callee_id");
  g_assert_cmpstr (pairs, ==, "+447700900123>+447700900456 +447700900789>+447700900123 "
                              "+447700900456>+447700900123 +447700900123>+33612345678");
  /* 20240301140500 and "… 14:05:00 BST" */
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 2"), ==, 1709301900);
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 3"), ==, 1719839100);
  /* The target's handset is recorded only from calls the target made. */
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls WHERE imei IS NOT NULL"), ==, 2);
}

/* A title and period before the header, a count after the rows. */
static void
test_good_preamble_footer (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-preamble-footer.csv");
  g_autoptr(LsImportReport) report = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);
  const LsImportProblem *first, *last;

  g_assert_cmpint (report->imported, ==, 2);
  g_assert_cmpint (report->warnings, ==, 2);
  first = g_ptr_array_index (report->warning_list, 0);
  last = g_ptr_array_index (report->warning_list, 1);
  g_assert_cmpint (first->line, ==, 1);
  g_assert_nonnull (strstr (first->message, "header is on line 4"));
  g_assert_cmpint (last->line, ==, 7);
  g_assert_nonnull (strstr (last->message, "End of report"));
  g_assert_cmpint (query_int (kase, "SELECT start FROM calls WHERE source_line = 5"), ==, 1709301900);
  g_assert_cmpint (query_int (kase, "SELECT duration FROM calls WHERE source_line = 5"), ==, 65);
}

static void
test_reimport_duplicates (void)
{
  g_autoptr(LsCase) kase = fresh_case (NULL);
  g_autofree char *path = data_path ("good-semicolon-ddmmyyyy.csv");
  g_autoptr(LsImportReport) first = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);
  g_autoptr(LsImportReport) second = import_file (kase, path, LS_IMPORT_KIND_CALLS, TRUE);

  g_assert_cmpint (first->imported, ==, 4);
  g_assert_cmpint (second->imported, ==, 0);
  g_assert_cmpint (second->duplicates, ==, 4);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls"), ==, 4);
  g_assert_cmpint (query_int (kase, "SELECT rows_duplicate FROM imports ORDER BY id DESC LIMIT 1"), ==, 4);
}

static void
test_skip_bad_rows (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LsCase) kase = fresh_case (&dir);
  g_autofree char *path = data_path ("us-order-date.csv");
  g_autofree char *rejected = g_build_filename (dir, "rejected.csv", NULL);
  g_autofree char *contents = NULL;
  LsImportOptions options = { 0, };
  g_autoptr(LsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  options.kind = LS_IMPORT_KIND_CALLS;
  options.path = path;
  options.skip_bad_rows = TRUE;
  options.rejected_path = rejected;
  g_assert_true (ls_import_run (kase, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->imported, ==, 2);
  g_assert_cmpint (report->skipped, ==, 1);
  g_assert_cmpstr (report->rejected_path, ==, rejected);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls"), ==, 2);
  g_assert_cmpint (query_int (kase, "SELECT rows_skipped FROM imports"), ==, 1);

  g_assert_true (g_file_get_contents (rejected, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==,
                   "\"Start\",\"Caller\",\"Callee\",\"Type\",\"Duration\",\"Cell\",\"reason\"\n"
                   "\"03/13/2024 10:00\",\"07700 900123\",\"07700 900456\",\"Voice\",\"65\",\"CELL1\","
                   "\"line 4, column 1: field 'start': expected a date like 2024-03-01 14:05:00 or "
                   "01/03/2024 14:05, found \"\"03/13/2024 10:00\"\"\"\n");
}

static void
test_dry_run (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = make_case (dir);
  g_autofree char *path = data_path ("good-tab-iso.tsv");
  g_autoptr(GBytes) before = read_bytes (case_path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(LsImportReport) report = NULL;
  LsImportOptions options = { 0, };

  options.kind = LS_IMPORT_KIND_CALLS;
  options.path = path;
  options.dry_run = TRUE;
  options.save_mapping = "not-saved";
  {
    g_autoptr(LsCase) kase = ls_case_open (case_path, NULL);

    g_assert_true (ls_import_run (kase, &options, NULL, NULL, NULL, &report, NULL));
  }
  g_assert_cmpint (report->imported, ==, 3);
  g_assert_false (report->committed);
  after = read_bytes (case_path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_saved_mapping (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(LsCase) kase = fresh_case (&dir);
  g_autofree char *one = g_build_filename (dir, "one.csv", NULL);
  g_autofree char *two = g_build_filename (dir, "two.csv", NULL);
  const char * const maps[] = { "caller=Who Called", "callee=3", "duration=", NULL };
  LsImportOptions options = { 0, };
  g_autoptr(LsImportReport) report = NULL;
  g_autoptr(LsImportReport) report2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  write_file (one, "When,Who Called,Who Answered,Secs\n01/03/2024 10:00,07700 900123,07700 900456,x\n", -1);
  write_file (two, "When,Who Called,Who Answered,Secs\n02/03/2024 10:00,07700 900123,07700 900456,y\n", -1);

  /* Without a mapping the file cannot be placed. */
  options.kind = LS_IMPORT_KIND_CALLS;
  options.path = one;
  g_assert_false (ls_import_run (kase, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "Columns found: 1 \"When\", 2 \"Who Called\""));
  g_assert_nonnull (strstr (error->message, "Fields missing: caller"));
  g_assert_nonnull (strstr (error->message, "--map 'caller=Who Called'"));
  g_assert_nonnull (strstr (error->message, "--map 'callee=Who Answered'"));
  g_clear_error (&error);

  options.maps = maps;
  options.save_mapping = "operator-x";
  g_assert_true (ls_import_run (kase, &options, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report->imported, ==, 1);
  saved = ls_case_load_mapping (kase, "operator-x", LS_IMPORT_KIND_CALLS, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, "caller=Who Called\n"));
  g_assert_nonnull (strstr (saved, "callee=Who Answered\n"));

  options.path = two;
  options.maps = NULL;
  options.save_mapping = NULL;
  options.mapping_name = "operator-x";
  g_assert_true (ls_import_run (kase, &options, NULL, NULL, NULL, &report2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report2->imported, ==, 1);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls"), ==, 2);

  options.mapping_name = "nope";
  g_assert_false (ls_import_run (kase, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "operator-x"));
  g_clear_error (&error);

  options.kind = LS_IMPORT_KIND_PEOPLE;
  options.mapping_name = "operator-x";
  g_assert_false (ls_import_run (kase, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "is for calls"));
}

static void
test_preview (void)
{
  g_autofree char *path = data_path ("us-order-date.csv");
  LsImportOptions options = { 0, };
  g_autoptr(LsImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  const LsImportProblem *problem;

  options.kind = LS_IMPORT_KIND_CALLS;
  options.path = path;
  preview = ls_import_preview (NULL, &options, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (preview->headers), ==, 6);
  g_assert_cmpuint (preview->rows->len, ==, 3);
  g_assert_null (preview->mapping_error);
  g_assert_cmpint (preview->mapping.columns[CALL_START], ==, 0);
  g_assert_cmpint (preview->mapping.columns[CALL_CELL], ==, 5);
  g_assert_cmpuint (preview->problems->len, ==, 1);
  problem = g_ptr_array_index (preview->problems, 0);
  g_assert_cmpint (problem->line, ==, 4);
  g_assert_cmpstr (problem->field, ==, "start");
}

/* A calls file big enough to be interrupted part of the way through. */
static char *
write_big_calls (const char *dir,
                 guint       rows)
{
  char *path = g_build_filename (dir, "big.csv", NULL);
  GString *s = g_string_new ("Start,Caller,Callee,Type,Duration,Cell,IMEI,IMSI\n");

  /* Each IMEI in two phones, each with three IMSIs over time. */
  for (guint i = 0; i < rows; i++)
    g_string_append_printf (s, "%02u/%02u/2024 %02u:%02u:%02u,07700 9%05u,07700 9%05u,MOC,%u,C%u,"
                            "3569380%08u,2341000%08u\n",
                            1 + (i / 86400) % 28, 1 + (i / (86400 * 28)) % 12, (i / 3600) % 24,
                            (i / 60) % 60, i % 60, i % 997, (i * 7) % 991, i % 600, i % 50,
                            (i % 997) / 2, (i % 997) * 10 + (i / 997) % 3);
  write_file (path, s->str, s->len);
  g_string_free (s, TRUE);
  return path;
}

/* A big import into a smaller case takes the bulk path (indexes made once
 * at the end, duplicates found in memory): it must find the duplicates
 * the case holds already and those repeated in the file, leave every index
 * in place and agreeing with the table, and lose nothing when it fails. */
static void
test_bulk_load (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = g_build_filename (dir, "bulk.linesight", NULL);
  g_autofree char *big = write_big_calls (dir, 90000);
  g_autofree char *small = g_build_filename (dir, "small.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) with_repeats = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  gsize len;
  const char *p;

  g_assert_true (g_file_get_contents (big, &contents, &len, NULL));
  /* The header and the first ten rows, imported on their own first. */
  p = contents;
  for (guint i = 0; i < 11; i++)
    p = strchr (p, '\n') + 1;
  write_file (small, contents, p - contents);
  /* The file again with its first 300 rows repeated at the end. */
  with_repeats = g_string_new_len (contents, len);
  p = contents;
  for (guint i = 0; i < 301; i++)
    p = strchr (p, '\n') + 1;
  g_string_append_len (with_repeats, strchr (contents, '\n') + 1, p - (strchr (contents, '\n') + 1));
  write_file (big, with_repeats->str, with_repeats->len);

  {
    g_autoptr(LsCase) kase = ls_case_create (case_path, "Bulk", NULL, NULL);
    g_autoptr(LsImportReport) first = import_file (kase, small, LS_IMPORT_KIND_CALLS, TRUE);
    g_autoptr(LsImportReport) second = import_file (kase, big, LS_IMPORT_KIND_CALLS, TRUE);

    g_assert_cmpint (first->imported, ==, 10);
    g_assert_cmpint (second->imported, ==, 90000 - 10);
    g_assert_cmpint (second->duplicates, ==, 10 + 300);
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls"), ==, 90000);
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                      " AND tbl_name = 'calls' AND sql IS NOT NULL"), ==, 3);
    {
      g_autofree char *integrity = query_text (kase, "PRAGMA integrity_check");

      g_assert_cmpstr (integrity, ==, "ok");
    }
    /* Each index finds what a scan of the table finds. */
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls INDEXED BY calls_by_caller"
                                      " WHERE caller_id = (SELECT id FROM phones WHERE number = '+447700900005')"),
                     ==,
                     query_int (kase, "SELECT count(*) FROM calls NOT INDEXED"
                                      " WHERE caller_id = (SELECT id FROM phones WHERE number = '+447700900005')"));
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls INDEXED BY calls_by_callee"
                                      " WHERE callee_id = (SELECT id FROM phones WHERE number = '+447700900007')"),
                     ==,
                     query_int (kase, "SELECT count(*) FROM calls NOT INDEXED"
                                      " WHERE callee_id = (SELECT id FROM phones WHERE number = '+447700900007')"));
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls WHERE caller_id ="
                                      " (SELECT id FROM phones WHERE number = '+447700900005')"), >, 0);
    /* The handsets gathered on the way are what the calls say. */
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM handsets"), ==, 997);
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM (SELECT imei, caller_id, min(start), max(start)"
                                      " FROM calls WHERE imei IS NOT NULL GROUP BY imei, caller_id"
                                      " EXCEPT SELECT imei, phone_id, first_seen, last_seen FROM handsets)"), ==, 0);
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM handsets h WHERE import_id = (SELECT max(id) FROM imports)"
                                      " AND imsi IS NOT (SELECT max(imsi) FROM calls c"
                                      "  WHERE c.imei = h.imei AND c.caller_id = h.phone_id)"), ==, 0);
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM handsets WHERE import_id = (SELECT max(id) FROM imports)"), >, 900);
  }

  /* A bad last row: the whole bulk import is rolled back, indexes too. */
  g_string_append (with_repeats, "31/02/2024 10:00:00,07700 900001,07700 900002,MOC,1,C1,356938000000001\n");
  write_file (bad, with_repeats->str, with_repeats->len);
  {
    g_autofree char *second_path = g_build_filename (dir, "second.linesight", NULL);
    g_autoptr(LsCase) kase = ls_case_create (second_path, "Bulk", NULL, NULL);

    ls_import_report_free (import_file (kase, small, LS_IMPORT_KIND_CALLS, TRUE));
    g_clear_object (&kase);
    before = read_bytes (second_path);
    kase = ls_case_open (second_path, NULL);
    ls_import_report_free (import_file (kase, bad, LS_IMPORT_KIND_CALLS, FALSE));
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                      " AND tbl_name = 'calls' AND sql IS NOT NULL"), ==, 3);
    g_clear_object (&kase);
    after = read_bytes (second_path);
    g_assert_true (g_bytes_equal (before, after));
  }
}

/* Calls not in time order (here, last first): the index of start times
 * cannot stay in place while they are written; it is dropped and built at
 * the end, and finds what a scan of the table finds. */
static void
test_bulk_load_out_of_order (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = g_build_filename (dir, "shuffled.linesight", NULL);
  g_autofree char *big = write_big_calls (dir, 80000);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) reversed = g_string_new (NULL);
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsImportReport) report = NULL;
  guint n;

  g_assert_true (g_file_get_contents (big, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  n = g_strv_length (lines);
  g_string_append_printf (reversed, "%s\n", lines[0]);
  for (guint i = n - 1; i >= 1; i--)
    if (lines[i][0] != '\0')
      g_string_append_printf (reversed, "%s\n", lines[i]);
  write_file (big, reversed->str, reversed->len);

  kase = ls_case_create (case_path, "Shuffled", NULL, NULL);
  report = import_file (kase, big, LS_IMPORT_KIND_CALLS, TRUE);
  g_assert_cmpint (report->imported, ==, 80000);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM sqlite_schema WHERE name = 'calls_by_start'"), ==, 1);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls INDEXED BY calls_by_start"
                                    " WHERE start BETWEEN 1704070000 AND 1704100000"),
                   ==,
                   query_int (kase, "SELECT count(*) FROM calls NOT INDEXED"
                                    " WHERE start BETWEEN 1704070000 AND 1704100000"));
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls WHERE start BETWEEN 1704070000 AND 1704100000"), >, 0);
  {
    g_autofree char *integrity = query_text (kase, "PRAGMA integrity_check");

    g_assert_cmpstr (integrity, ==, "ok");
  }
}

/* A target's records as an operator sends them: the target's number in
 * every row, the other party and a direction, date and time apart, tab
 * separated with CRLF, durations as h:mm:ss, withheld callers, data
 * sessions (left out) and rows repeated within the file. */
static char *
write_target_calls (const char *dir,
                    guint       rows)
{
  char *path = g_build_filename (dir, "target.tsv", NULL);
  GString *s = g_string_new ("MSISDN\tOther Party\tDirection\tCall Date\tCall Time\tEvent Type\t"
                             "Duration\tCell ID\tIMEI\tIMSI\r\n");

  for (guint i = 0; i < rows; i++)
    {
      guint r = i % 10 == 9 ? i - 5 : i;   /* every tenth row repeats an earlier one */
      guint other = (r * 37) % 1500;
      const char *type = r % 97 == 0 ? "GPRS" : r % 3 == 0 ? "SMS" : "Voice";
      char number[32];

      g_snprintf (number, sizeof number, "07700 9%05u", other);

      g_string_append_printf (s, "447700900%03u\t%s\t%s\t%02u/%02u/2024\t%02u:%02u:%02u\t%s\t"
                              "%u:%02u:%02u\t234-15-%u\t35291100%07u\t23415000%07u\r\n",
                              r % 3, r % 41 == 0 ? "Withheld" : number,
                              r % 2 ? "Incoming" : "Outgoing",
                              1 + (r / 2400) % 28, 1 + (r / 67200) % 12, (r / 100) % 24, (r / 2) % 60,
                              (r * 7) % 60, type, 0, (r % 300) / 60, r % 60, r % 211,
                              (r % 3) * 10 + (r / 20000) % 2, (r % 3) * 100 + (r / 7000) % 3);
    }
  write_file (path, s->str, s->len);
  g_string_free (s, TRUE);
  return path;
}

/* What an import left in a case, as text: the calls (numbers, not ids)
 * and the handsets, in a fixed order. */
static char *
import_contents (LsCase *kase,
                 gint64  import_id)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf (
    "SELECT c.start, coalesce(a.number, '-'), coalesce(b.number, '-'), c.kind, c.duration,"
    " coalesce(cl.cell_ref, '-'), coalesce(c.imei, '-'), coalesce(c.imsi, '-'), c.source_line"
    " FROM calls c LEFT JOIN phones a ON a.id = c.caller_id LEFT JOIN phones b ON b.id = c.callee_id"
    " LEFT JOIN cells cl ON cl.id = c.cell_id WHERE c.import_id = %" G_GINT64_FORMAT
    " UNION ALL SELECT h.first_seen, p.number, h.imei, h.imsi, h.last_seen, '', '', '', 0"
    " FROM handsets h JOIN phones p ON p.id = h.phone_id WHERE h.import_id = %" G_GINT64_FORMAT
    " ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9", import_id, import_id);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (ls_case_get_db (kase), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 9; c++)
        g_string_append_printf (out, "%s%s", c ? "|" : "", (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The bulk load (a big file into a smaller case) and the row-by-row path
 * (the same file into a case that holds more calls already) store the
 * same calls and handsets, and count the same duplicates and skips. */
static void
test_bulk_same_as_rows (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *target = write_target_calls (dir, 50000);
  g_autofree char *other = write_big_calls (dir, 100000);
  g_autofree char *bulk_path = g_build_filename (dir, "bulk.linesight", NULL);
  g_autofree char *rows_path = g_build_filename (dir, "rows.linesight", NULL);
  g_autoptr(LsCase) bulk = ls_case_create (bulk_path, "Bulk", NULL, NULL);
  g_autoptr(LsCase) rows = ls_case_create (rows_path, "Rows", NULL, NULL);
  g_autoptr(LsImportReport) before = import_file (rows, other, LS_IMPORT_KIND_CALLS, TRUE);
  g_autoptr(LsImportReport) by_bulk = import_file (bulk, target, LS_IMPORT_KIND_CALLS, TRUE);
  g_autoptr(LsImportReport) by_rows = import_file (rows, target, LS_IMPORT_KIND_CALLS, TRUE);
  g_autofree char *bulk_contents = NULL;
  g_autofree char *rows_contents = NULL;

  g_assert_cmpint (before->imported, ==, 100000);
  g_assert_cmpint (by_bulk->imported, >, 40000);
  g_assert_cmpint (by_bulk->imported, ==, by_rows->imported);
  g_assert_cmpint (by_bulk->duplicates, ==, by_rows->duplicates);
  g_assert_cmpint (by_bulk->duplicates, >=, 4000);
  g_assert_cmpint (by_bulk->skipped, ==, by_rows->skipped);
  g_assert_cmpint (by_bulk->skipped, >, 0);

  bulk_contents = import_contents (bulk, query_int (bulk, "SELECT max(id) FROM imports"));
  rows_contents = import_contents (rows, query_int (rows, "SELECT max(id) FROM imports"));
  g_assert_cmpuint (strlen (bulk_contents), >, 1000000);
  g_assert_true (strstr (bulk_contents, "|-|") != NULL);        /* withheld */
  g_assert_true (strstr (bulk_contents, "|352911000000000|") != NULL);   /* a handset */
  /* Not g_assert_cmpstr: a difference would print megabytes. */
  g_assert_true (g_str_equal (bulk_contents, rows_contents));
}

static void
cancel_half_way (double   fraction,
                 gpointer data)
{
  if (fraction > 0.5)
    g_cancellable_cancel (data);
}

/* Cancel rolls back: the case is byte for byte as before. */
static void
test_cancel (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = make_case (dir);
  g_autofree char *big = write_big_calls (dir, 60000);
  g_autoptr(GBytes) before = read_bytes (case_path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LsImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LsImportOptions options = { 0, };

  options.kind = LS_IMPORT_KIND_CALLS;
  options.path = big;
  {
    g_autoptr(LsCase) kase = ls_case_open (case_path, NULL);

    g_assert_false (ls_import_run (kase, &options, cancel_half_way, cancellable, cancellable, &report, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpint (report->rows, >, 1000);
    g_assert_cmpint (report->rows, <, 60000);
    g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls"), ==, 4);
  }
  after = read_bytes (case_path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Runs `linesight import CASE --kind calls BIG` and kills it with SIGKILL
 * once @grown is more than @by bytes long, or a second into the import.
 * FALSE (the test skipped) if it finished first. */
static gboolean
import_killed (const char *case_path,
               const char *big,
               const char *grown,
               goffset     by)
{
  const char *argv[] = { g_getenv ("LINESIGHT"), "import", case_path, "--kind", "calls", big, NULL };
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  GPid pid;
  int status;
  gint64 deadline;

  if (argv[0] == NULL)
    {
      g_test_skip ("LINESIGHT not set");
      return FALSE;
    }

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD |
                                G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        {
          g_spawn_close_pid (pid);
          g_test_skip ("the import finished before it could be interrupted");
          return FALSE;
        }
      if (g_stat (grown, &st) == 0 && st.st_size > by)
        break;
      g_usleep (5000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  if (!WIFSIGNALED (status))
    {
      g_test_skip ("the import finished before it could be interrupted");
      return FALSE;
    }

  return TRUE;
}

/* kill -9 in the middle of an import: the case opens with what it held. */
static void
test_killed (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = make_case (dir);
  g_autofree char *big = write_big_calls (dir, 300000);
  g_autofree char *wal = g_strconcat (case_path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;

  /* Once it writes into the WAL. */
  if (!import_killed (case_path, big, wal, 0))
    return;

  kase = ls_case_open (case_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls"), ==, 4);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM imports"), ==, 2);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM sqlite_schema WHERE name = 'calls_by_caller'"), ==, 1);
}

/* Into a case the import creates, a bulk import runs with a rollback
 * journal, writing rows straight into the case file: killed once it has,
 * the journal left behind takes the case back to the empty case it made. */
static void
test_killed_new_case (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = g_build_filename (dir, "new.linesight", NULL);
  g_autofree char *journal = g_strconcat (case_path, "-journal", NULL);
  g_autofree char *big = write_big_calls (dir, 300000);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;

  /* Once rows have gone into the case file, 4 MB past an empty case. */
  if (!import_killed (case_path, big, case_path, 4 * 1024 * 1024))
    return;
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  kase = ls_case_open (case_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM calls"), ==, 0);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM phones"), ==, 0);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM imports"), ==, 0);
  g_assert_cmpint (query_int (kase, "SELECT count(*) FROM sqlite_schema WHERE name = 'calls_by_caller'"), ==, 1);
  {
    g_autofree char *integrity = query_text (kase, "PRAGMA integrity_check");
    g_autofree char *mode = query_text (kase, "PRAGMA journal_mode");

    g_assert_cmpstr (integrity, ==, "ok");
    g_assert_cmpstr (mode, ==, "wal");
  }
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
}

/* ---- the command line ---- */

static void
run_cli (const char * const *args,
         const char         *input,
         int                *status,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cmd = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("LINESIGHT"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    {
      /* Standard input from a file, through the shell. */
      g_autofree char *quoted = g_shell_quote (input);
      GString *line = g_string_new (NULL);

      for (guint i = 0; i < argv->len - 1; i++)
        {
          g_autofree char *q = g_shell_quote (argv->pdata[i]);
          g_string_append_printf (line, "%s ", q);
        }
      g_string_append_printf (line, "< %s", quoted);
      cmd = g_string_free (line, FALSE);
      {
        const char *sh[] = { "/bin/sh", "-c", cmd, NULL };

        g_assert_true (g_spawn_sync (NULL, (char **) sh, NULL, 0, NULL, NULL, out, err, status, &error));
      }
    }
  else
    g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, out, err, status, &error));
  g_assert_no_error (error);
}

static void
test_cli_error_format (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = g_build_filename (dir, "new.linesight", NULL);
  g_autofree char *path = data_path ("impossible-date.csv");
  g_autofree char *out = NULL, *err = NULL, *expected = NULL;
  const char * const args[] = { "import", case_path, "--kind", "calls", path, NULL };
  int status;

  if (g_getenv ("LINESIGHT") == NULL)
    {
      g_test_skip ("LINESIGHT not set");
      return;
    }

  run_cli (args, NULL, &status, &out, &err);
  g_test_message ("%s", err);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  expected = g_strdup_printf ("%s:3:1: field 'start': expected a date like 2024-03-01 14:05:00 or "
                              "01/03/2024 14:05, found \"31/02/2024\"\n", path);
  g_assert_true (g_str_has_prefix (err, expected));
  /* The case the import would have created is not left behind. */
  g_assert_false (g_file_test (case_path, G_FILE_TEST_EXISTS));
}

static void
test_cli_stdin_and_summary (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = g_build_filename (dir, "stdin.linesight", NULL);
  g_autofree char *path = data_path ("good-semicolon-ddmmyyyy.csv");
  g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
  const char * const args[] = { "import", case_path, "--kind", "calls", "-", NULL };
  int status;

  if (g_getenv ("LINESIGHT") == NULL)
    {
      g_test_skip ("LINESIGHT not set");
      return;
    }

  run_cli (args, path, &status, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "4 imported, 0 already present, 0 skipped, 0 warnings"));
  run_cli (args, path, &status, &out2, &err2);
  g_assert_nonnull (strstr (out2, "0 imported, 4 already present, 0 skipped, 0 warnings"));
}

static void
test_cli_many_problems (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = g_build_filename (dir, "many.linesight", NULL);
  g_autofree char *path = g_build_filename (dir, "many.csv", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char * const args[] = { "import", case_path, "--kind", "calls", path, NULL };
  GString *s = g_string_new ("Start,Caller,Callee\n");
  int status;

  if (g_getenv ("LINESIGHT") == NULL)
    {
      g_test_skip ("LINESIGHT not set");
      g_string_free (s, TRUE);
      return;
    }

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (s, "32/01/2024 10:%02u,07700 900123,07700 900456\n", i % 60);
  write_file (path, s->str, s->len);
  g_string_free (s, TRUE);

  run_cli (args, NULL, &status, &out, &err);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 1);
  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s:%u:1: field 'start': ", path, i + 2);
      g_assert_true (g_str_has_prefix (lines[i], prefix));
    }
  g_assert_cmpstr (lines[100], ==, "… and 50 more problems");
}

static void
test_cli_skip_bad_rows (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *case_path = g_build_filename (dir, "skip.linesight", NULL);
  g_autofree char *path = g_build_filename (dir, "calls.csv", NULL);
  g_autofree char *rejected = g_build_filename (dir, "calls.csv.rejected.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *source = data_path ("us-order-date.csv");
  g_autofree char *contents = NULL;
  const char * const args[] = { "import", case_path, "--kind", "calls", path, "--skip-bad-rows", NULL };
  int status;

  if (g_getenv ("LINESIGHT") == NULL)
    {
      g_test_skip ("LINESIGHT not set");
      return;
    }

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  write_file (path, contents, -1);
  run_cli (args, NULL, &status, &out, &err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "2 imported, 0 already present, 1 skipped, 0 warnings"));
  g_assert_true (g_file_test (rejected, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *name = g_strdup_printf ("/import/refused/%s", bad_files[i].file);

      g_test_add_data_func (name, &bad_files[i], test_bad_file);
    }
  g_test_add_func ("/import/refused/ten-megabyte-field", test_huge_field);
  g_test_add_func ("/import/good/semicolon-ddmmyyyy", test_good_semicolon);
  g_test_add_func ("/import/good/tab-iso-utc", test_good_tab_iso);
  g_test_add_func ("/import/good/excel-formula-text", test_good_excel_formula_text);
  g_test_add_func ("/import/good/split-date-time", test_good_split_date_time);
  g_test_add_func ("/import/good/cp1252-people", test_good_cp1252_people);
  g_test_add_func ("/import/good/crlf-quoted-newlines", test_good_crlf_quoted_newlines);
  g_test_add_func ("/import/good/utf16-excel", test_good_utf16);
  g_test_add_func ("/import/good/bst-transitions", test_bst_transitions);
  g_test_add_func ("/import/good/cells", test_cells);
  g_test_add_func ("/import/good/phones-handsets", test_phones_handsets);
  g_test_add_func ("/import/good/target-direction", test_good_target_direction);
  g_test_add_func ("/import/good/preamble-footer", test_good_preamble_footer);
  g_test_add_func ("/import/reimport-duplicates", test_reimport_duplicates);
  g_test_add_func ("/import/skip-bad-rows", test_skip_bad_rows);
  g_test_add_func ("/import/dry-run", test_dry_run);
  g_test_add_func ("/import/saved-mapping", test_saved_mapping);
  g_test_add_func ("/import/bulk-load", test_bulk_load);
  g_test_add_func ("/import/bulk-load-out-of-order", test_bulk_load_out_of_order);
  g_test_add_func ("/import/bulk-same-as-rows", test_bulk_same_as_rows);
  g_test_add_func ("/import/cancel", test_cancel);
  g_test_add_func ("/import/killed", test_killed);
  g_test_add_func ("/import/killed-new-case", test_killed_new_case);
  g_test_add_func ("/import/preview", test_preview);
  g_test_add_func ("/import/cli/error-format", test_cli_error_format);
  g_test_add_func ("/import/cli/stdin-summary", test_cli_stdin_and_summary);
  g_test_add_func ("/import/cli/many-problems", test_cli_many_problems);
  g_test_add_func ("/import/cli/skip-bad-rows", test_cli_skip_bad_rows);

  return g_test_run ();
}
