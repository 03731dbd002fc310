/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case store: creation, refusal of foreign and newer files (leaving them
 * untouched), and migration of older ones. */
#define G_LOG_DOMAIN "test-store"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-case-audit.h"
#include "test-case-builder.h"

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_bytes_new_take (contents, len);
}

static void
test_create (void)
{
  g_autofree char *path = test_case_temp_path ("create.linesight");
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autofree char *name = NULL;
  g_autofree char *marking = NULL;
  LsCaseCounts counts;
  sqlite3 *db;

  kase = ls_case_create (path, "Operation Test", "OFFICIAL", &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);

  db = ls_case_get_db (kase);
  g_assert_cmpint (ls_sqlite_query_int (db, "PRAGMA application_id", 0), ==, LS_CASE_APPLICATION_ID);
  g_assert_cmpint (ls_sqlite_query_int (db, "PRAGMA user_version", 0), ==, LS_CASE_SCHEMA_VERSION);
  g_assert_cmpint (ls_sqlite_query_int (db, "PRAGMA foreign_keys", 0), ==, 1);
  g_assert_cmpint (ls_sqlite_query_int (db, "PRAGMA trusted_schema", 1), ==, 0);

  name = ls_case_dup_name (kase);
  marking = ls_case_get_meta (kase, "marking");
  g_assert_cmpstr (name, ==, "Operation Test");
  g_assert_cmpstr (marking, ==, "OFFICIAL");

  g_assert_true (ls_case_get_counts (kase, &counts, &error));
  g_assert_cmpint (counts.calls, ==, 0);
  g_assert_cmpint (counts.first_call, ==, -1);

  /* A second connection opens it while the first is still open. */
  {
    g_autoptr(LsCase) again = ls_case_open (path, &error);

    g_assert_no_error (error);
    g_assert_nonnull (again);
  }

  /* A second create on the same path is refused. */
  g_assert_null (ls_case_create (path, NULL, NULL, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_EXISTS);
}

static void
assert_refused_unchanged (const char *path,
                          int         code)
{
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (path, &error);

  g_assert_null (kase);
  g_assert_error (error, LS_CASE_ERROR, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_refuse_not_sqlite (void)
{
  g_autofree char *path = test_case_temp_path ("text.linesight");

  g_assert_true (g_file_set_contents (path, "name,number\nA,07700900123\n", -1, NULL));
  assert_refused_unchanged (path, LS_CASE_ERROR_NOT_A_CASE);
}

static void
make_plain_sqlite (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close_v2 (db);
}

static void
test_refuse_foreign_application (void)
{
  g_autofree char *path = test_case_temp_path ("other.linesight");

  make_plain_sqlite (path, "PRAGMA application_id = 1234; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_refused_unchanged (path, LS_CASE_ERROR_NOT_A_CASE);
}

static void
test_refuse_newer (void)
{
  g_autofree char *path = test_case_temp_path ("newer.linesight");
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;"
                                          " CREATE TABLE future (x);",
                                          LS_CASE_APPLICATION_ID, LS_CASE_SCHEMA_VERSION + 1);

  make_plain_sqlite (path, sql);
  assert_refused_unchanged (path, LS_CASE_ERROR_TOO_NEW);
}

static void
test_refuse_tampered (void)
{
  g_autofree char *path = test_case_temp_path ("tampered.linesight");
  sqlite3 *db = NULL;

  {
    g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, NULL);
    g_assert_nonnull (kase);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE;"
                                 "CREATE TRIGGER t AFTER INSERT ON calls BEGIN DELETE FROM people; END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close_v2 (db);

  assert_refused_unchanged (path, LS_CASE_ERROR_DAMAGED);
}

static void
test_refuse_truncated (void)
{
  g_autofree char *path = test_case_temp_path ("truncated.linesight");
  g_autofree char *contents = NULL;
  gsize len;
  sqlite3 *db = NULL;

  {
    g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, NULL);
    g_assert_nonnull (kase);
  }
  /* Fold the WAL back in, so the main file holds everything. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close_v2 (db);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 8192);
  g_assert_true (g_file_set_contents (path, contents, len / 2, NULL));

  assert_refused_unchanged (path, LS_CASE_ERROR_DAMAGED);
}

/* Makes a valid case, then lets RAW_SQL change it as someone else might,
 * through a plain connection. */
static char *
make_case_then (const char *name,
                const char *raw_sql)
{
  char *path = test_case_temp_path (name);
  sqlite3 *db = NULL;

  {
    g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, NULL);
    LsPersonRecord person = { .name = "Alex", .line = 2 };

    test_case_write_people (kase, &person, 1);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE;", NULL, NULL, NULL), ==, SQLITE_OK);
  if (raw_sql != NULL)
    g_assert_cmpint (sqlite3_exec (db, raw_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close_v2 (db);

  return path;
}

static void
test_refuse_view (void)
{
  g_autofree char *path = make_case_then ("view.linesight", "CREATE VIEW v AS SELECT * FROM people;");

  assert_refused_unchanged (path, LS_CASE_ERROR_DAMAGED);
}

static void
test_refuse_huge_field (void)
{
  g_autofree char *path = make_case_then ("huge.linesight",
                                          "UPDATE people SET notes = zeroblob (100 * 1024 * 1024);"
                                          "UPDATE people SET notes = CAST (notes AS TEXT);");

  assert_refused_unchanged (path, LS_CASE_ERROR_DAMAGED);
}

/* Text columns have text affinity, so a number written there is read back
 * as text: harmless, and the case opens. */
static void
test_number_for_text (void)
{
  g_autofree char *path = make_case_then ("number.linesight",
                                          "UPDATE people SET name = 12345;"
                                          "UPDATE case_meta SET value = 7 WHERE key = 'name';");
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (path, &error);
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  name = ls_case_dup_name (kase);
  g_assert_cmpstr (name, ==, "7");
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase),
                                        "SELECT count(*) FROM people WHERE name = '12345'", 0), ==, 1);
}

/* Where a number belongs, text cannot be read as one: refused. */
static void
test_refuse_text_for_number (void)
{
  g_autofree char *path = make_case_then ("text.linesight",
                                          "INSERT INTO calls (start, kind, duration, fingerprint)"
                                          " VALUES ('yesterday', 0, 0, 1);");

  assert_refused_unchanged (path, LS_CASE_ERROR_DAMAGED);
}

/* Overwrites the last page, a b-tree page of some table, leaving the
 * header and the schema intact, so only a real check of the file finds it. */
static void
test_refuse_corrupt_page (void)
{
  g_autofree char *path = make_case_then ("corrupt.linesight", NULL);
  g_autofree char *contents = NULL;
  gsize len;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(GError) error = NULL;
  gsize page_size;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* The page size, from the file's header. */
  page_size = ((guint8) contents[16] << 8) | (guint8) contents[17];
  g_assert_cmpuint (page_size, ==, LS_CASE_PAGE_SIZE);
  g_assert_cmpuint (len, >=, 2 * page_size);
  for (gsize i = len - page_size; i < len; i++)
    contents[i] = (char) (0xA5 ^ (i * 31));
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  assert_refused_unchanged (path, LS_CASE_ERROR_DAMAGED);
}

/* A path that is not UTF-8 still opens, and messages about it are UTF-8. */
static void
test_non_utf8_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "caf\xe9-\xff.linesight", NULL);
  g_autofree char *missing = g_build_filename (dir, "gone-\xff.linesight", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, &error);
  g_autoptr(LsCase) again = NULL;

  g_assert_no_error (error);
  g_clear_object (&kase);
  again = ls_case_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);

  g_assert_null (ls_case_open (missing, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_NOT_FOUND);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* A file of every older version, as an older Linesight wrote it, is
 * brought forward to the current one and keeps its data; the tables of
 * later versions then exist and work. */
static void
test_migrate_from_older (gconstpointer data)
{
  int from = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("v%d.linesight", from);
  g_autofree char *path = test_case_temp_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d;", LS_CASE_APPLICATION_ID);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (ls_sqlite_exec (db, pragma, &error));
  g_assert_true (ls_case_schema_apply (db, 0, from, &error));
  g_assert_no_error (error);
  g_assert_true (ls_sqlite_exec (db,
                                 "INSERT INTO case_meta VALUES ('name', 'Old case');"
                                 "INSERT INTO phones (number) VALUES ('+447700900123');",
                                 &error));
  g_assert_cmpint (ls_sqlite_query_int (db, "PRAGMA user_version", 0), ==, from);
  sqlite3_close_v2 (db);

  kase = ls_case_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kase);
  db = ls_case_get_db (kase);
  g_assert_cmpint (ls_sqlite_query_int (db, "PRAGMA user_version", 0), ==, LS_CASE_SCHEMA_VERSION);
  g_assert_cmpint (ls_sqlite_query_int (db, "SELECT count(*) FROM phones", 0), ==, 1);
  {
    g_autofree char *kept = ls_case_dup_name (kase);
    g_assert_cmpstr (kept, ==, "Old case");
  }
  /* Version 2: the audit log; version 3: requests and outcomes. */
  g_assert_true (ls_case_audit (kase, "test", "migrated", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ls_sqlite_query_int (db, "SELECT count(*) FROM audit_log", 0), ==, 1);
  g_assert_cmpint (ls_sqlite_query_int (db, "SELECT count(*) FROM requests", -1), ==, 0);
  g_assert_cmpint (ls_sqlite_query_int (db, "SELECT count(*) FROM outcomes", -1), ==, 0);
  /* Version 4: the calls' fingerprints are no longer a unique index. */
  g_assert_cmpint (ls_sqlite_query_int (db, "SELECT count(*) FROM sqlite_schema"
                                            " WHERE name = 'calls_by_fingerprint'", -1), ==, 0);
}

static void
test_writer_commit_and_duplicates (void)
{
  g_autofree char *path = test_case_temp_path ("writer.linesight");
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, &error);
  LsCallRecord call = { .start = 1700000000, .caller = "+447700900001", .callee = "+447700900002",
                        .kind = LS_CALL_KIND_SMS, .duration = 0, .cell = "CELL-1",
                        .imei = "356938035643809", .line = 2 };
  LsCaseWriter *writer;
  gint64 imported, duplicates;
  gboolean added;
  LsCaseCounts counts;

  for (int round = 0; round < 2; round++)
    {
      writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "00", NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ls_case_writer_add_call (writer, &call, &added, &error));
      g_assert_cmpint (added, ==, round == 0);
      ls_case_writer_get_tally (writer, &imported, &duplicates);
      g_assert_cmpint (imported, ==, round == 0 ? 1 : 0);
      g_assert_cmpint (duplicates, ==, round == 0 ? 0 : 1);
      g_assert_true (ls_case_writer_commit (writer, &error));
      g_assert_no_error (error);
    }

  /* At the same second, another call is not a duplicate; the same call
   * twice in one import is. */
  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "00", NULL, &error);
  call.callee = "+447700900003";
  g_assert_true (ls_case_writer_add_call (writer, &call, &added, &error));
  g_assert_true (added);
  g_assert_true (ls_case_writer_add_call (writer, &call, &added, &error));
  g_assert_false (added);
  ls_case_writer_abort (writer);

  g_assert_true (ls_case_get_counts (kase, &counts, &error));
  g_assert_cmpint (counts.calls, ==, 1);
  g_assert_cmpint (counts.phones, ==, 2);
  g_assert_cmpint (counts.cells, ==, 1);
  g_assert_cmpint (counts.handsets, ==, 1);
  g_assert_cmpint (counts.imports, ==, 2);
  g_assert_cmpint (counts.first_call, ==, 1700000000);
  g_assert_cmpint (ls_case_get_data_version (kase), ==, 2);
}

static void
test_writer_abort (void)
{
  g_autofree char *path = test_case_temp_path ("abort.linesight");
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, &error);
  LsPersonRecord person = { .name = "Alex", .dob = "2008-05-01", .line = 2 };
  LsCaseWriter *writer;
  LsCaseCounts counts;

  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_PEOPLE, "people.csv", "00", NULL, &error);
  g_assert_true (ls_case_writer_add_person (writer, &person, NULL, &error));
  ls_case_writer_abort (writer);

  g_assert_true (ls_case_get_counts (kase, &counts, &error));
  g_assert_cmpint (counts.people, ==, 0);
  g_assert_cmpint (counts.imports, ==, 0);
  g_assert_cmpint (ls_case_get_data_version (kase), ==, 0);
}

/* An export's audit entry names the file and holds its SHA-256. */
static void
test_audit_export (void)
{
  g_autofree char *path = test_case_temp_path ("audit.linesight");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *out = g_build_filename (dir, "network.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, &error);
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "picture", -1);
  LsExportRecord rec = { "network", "png", "all", 1700000000, -1, out };
  LsAuditEntry *e;

  g_assert_true (g_file_set_contents (out, "picture", -1, NULL));
  g_assert_true (ls_case_record_export (kase, &rec, &error));
  g_assert_no_error (error);

  entries = ls_case_list_audit (kase, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (e->action, ==, "export");
  g_assert_cmpstr (e->subject, ==, "network");
  g_assert_cmpstr (e->user, ==, g_get_user_name ());
  g_assert_nonnull (strstr (e->details, expected));
  g_assert_nonnull (strstr (e->details, "\"redaction\":\"all\""));
  g_assert_nonnull (strstr (e->details, "2023-11-14T22:13:20Z"));
  g_assert_nonnull (strstr (e->details, "network.png"));

  /* A file that is not there cannot be recorded. */
  rec.path = "/nonexistent/x.png";
  g_assert_false (ls_case_record_export (kase, &rec, &error));
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/create", test_create);
  g_test_add_func ("/store/refuse/not-sqlite", test_refuse_not_sqlite);
  g_test_add_func ("/store/refuse/foreign-application", test_refuse_foreign_application);
  g_test_add_func ("/store/refuse/newer-schema", test_refuse_newer);
  g_test_add_func ("/store/refuse/tampered", test_refuse_tampered);
  g_test_add_func ("/store/refuse/truncated", test_refuse_truncated);
  g_test_add_func ("/store/refuse/view", test_refuse_view);
  g_test_add_func ("/store/refuse/huge-field", test_refuse_huge_field);
  g_test_add_func ("/store/open/number-for-text", test_number_for_text);
  g_test_add_func ("/store/refuse/text-for-number", test_refuse_text_for_number);
  g_test_add_func ("/store/refuse/corrupt-page", test_refuse_corrupt_page);
  g_test_add_func ("/store/open/non-utf8-path", test_non_utf8_path);
  for (int v = 1; v < LS_CASE_SCHEMA_VERSION; v++)
    {
      g_autofree char *test_path = g_strdup_printf ("/store/migrate/from-v%d", v);
      g_test_add_data_func (test_path, GINT_TO_POINTER (v), test_migrate_from_older);
    }
  g_test_add_func ("/store/writer/commit-and-duplicates", test_writer_commit_and_duplicates);
  g_test_add_func ("/store/writer/abort", test_writer_abort);
  g_test_add_func ("/store/audit/export", test_audit_export);

  return g_test_run ();
}
