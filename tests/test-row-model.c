/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRowModel against SQL written out by hand: the counts, the order for a
 * column in each direction, the search, paging, and that rows are made
 * only when asked for. */
#define G_LOG_DOMAIN "test-row-model"
#include "config.h"

#include <string.h>

#include "ls-case.h"
#include "ls-row-model.h"
#include "ls-time.h"
#include "test-case-builder.h"

#define N_CALLS 2500

static char *case_path;

static void
wait_loaded (LsRowModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (ls_row_model_get_loading (model) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ls_row_model_get_loading (model));
}

static LsRowModel *
loaded_model (LsCase     *kase,
              LsRowTable  table)
{
  LsRowModel *model = ls_row_model_new (table);

  ls_row_model_set_case (model, kase);
  wait_loaded (model);
  return model;
}

static GArray *
query_ids (LsCase     *kase,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_cmpint (sqlite3_prepare_v2 (ls_case_get_db (kase), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  return ids;
}

/* Every item, page after page, is the row SQL puts at that position. */
static void
assert_order (LsRowModel *model,
              LsCase     *kase,
              const char *sql)
{
  g_autoptr(GArray) expected = query_ids (kase, sql);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(LsRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (ls_row_get_id (row), ==, g_array_index (expected, gint64, i));
    }
}

static void
test_counts (void)
{
  static const char * const counts[LS_ROW_TABLE_N] = {
    [LS_ROW_TABLE_PEOPLE] = "SELECT count(*) FROM people",
    [LS_ROW_TABLE_PHONES] = "SELECT count(*) FROM phones",
    [LS_ROW_TABLE_CALLS] = "SELECT count(*) FROM calls",
    [LS_ROW_TABLE_EVENTS] = "SELECT count(*) FROM events",
    [LS_ROW_TABLE_IMPORTS] = "SELECT count(*) FROM imports",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);

  g_assert_no_error (error);
  for (guint t = 0; t < LS_ROW_TABLE_N; t++)
    {
      g_autoptr(LsRowModel) model = loaded_model (kase, t);
      gint64 expected = ls_sqlite_query_int (ls_case_get_db (kase), counts[t], -1);

      g_assert_cmpint (expected, >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected);
      g_assert_cmpint (ls_row_model_get_total (model), ==, expected);
      g_assert_cmpuint (ls_row_model_get_rows_created (model), ==, 0);
    }
}

static void
test_lazy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);
  g_autoptr(LsRowModel) model = loaded_model (kase, LS_ROW_TABLE_CALLS);
  g_autoptr(LsRow) last = NULL;
  g_autoptr(LsRow) again = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (n, ==, N_CALLS);
  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_nonnull (last);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  /* One page was read for the last row, and not again for its neighbour. */
  g_assert_cmpuint (ls_row_model_get_rows_created (model), ==, N_CALLS % LS_ROW_MODEL_PAGE_SIZE ?: LS_ROW_MODEL_PAGE_SIZE);
  again = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_true (again == last);
}

static void
test_calls_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);
  g_autoptr(LsRowModel) model = loaded_model (kase, LS_ROW_TABLE_CALLS);
  g_autoptr(LsRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *time = NULL;
  g_autofree char *source = NULL;

  /* The first call in time, shown in London time, with names and source. */
  g_assert_cmpint (sqlite3_prepare_v2 (ls_case_get_db (kase),
                                       "SELECT c.id, c.start, im.file_name, c.source_line FROM calls c "
                                       "JOIN imports im ON im.id = c.import_id ORDER BY c.start, c.id LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (ls_row_get_id (first), ==, sqlite3_column_int64 (stmt, 0));
  time = ls_time_format_local (sqlite3_column_int64 (stmt, 1), "%d/%m/%Y %H:%M:%S %Z");
  source = g_strdup_printf ("%s:%d", sqlite3_column_text (stmt, 2), sqlite3_column_int (stmt, 3));
  g_assert_cmpstr (ls_row_get_value (first, 0), ==, time);
  g_assert_cmpstr (ls_row_get_value (first, 7), ==, source);

  /* Sorted by caller, withheld numbers (NULL) come first; named ones show the name. */
  ls_row_model_set_sort (model, 1, FALSE);
  wait_loaded (model);
  {
    g_autoptr(LsRow) withheld = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autoptr(LsRow) named = NULL;

    g_assert_cmpstr (ls_row_get_value (withheld, 1), ==, "withheld");
    ls_row_model_set_sort (model, 1, TRUE);
    wait_loaded (model);
    named = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (ls_row_get_value (named, 1), ==, "Cat Example (+447700900003)");
  }
}

static void
test_sort (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);
  g_autoptr(LsRowModel) calls = loaded_model (kase, LS_ROW_TABLE_CALLS);
  g_autoptr(LsRowModel) people = loaded_model (kase, LS_ROW_TABLE_PEOPLE);

  assert_order (calls, kase, "SELECT id FROM calls ORDER BY start, id");

  ls_row_model_set_sort (calls, 0, TRUE);
  wait_loaded (calls);
  assert_order (calls, kase, "SELECT id FROM calls ORDER BY start DESC, id DESC");

  ls_row_model_set_sort (calls, 4, FALSE);
  wait_loaded (calls);
  assert_order (calls, kase, "SELECT id FROM calls ORDER BY duration, id");

  /* By callee: the name when the phone is attributed, else the number. */
  ls_row_model_set_sort (calls, 2, FALSE);
  wait_loaded (calls);
  assert_order (calls, kase,
                "SELECT c.id FROM calls c JOIN phones p ON p.id = c.callee_id "
                "LEFT JOIN people n ON n.id = p.person_id "
                "ORDER BY coalesce(n.name || ' (' || p.number || ')', p.number), c.id");

  ls_row_model_set_sort (people, 0, TRUE);
  wait_loaded (people);
  assert_order (people, kase, "SELECT id FROM people ORDER BY name COLLATE NOCASE DESC, id DESC");

  ls_row_model_set_sort (calls, -1, FALSE);
  wait_loaded (calls);
  assert_order (calls, kase, "SELECT id FROM calls ORDER BY start, id");
}

static void
test_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);
  g_autoptr(LsRowModel) calls = loaded_model (kase, LS_ROW_TABLE_CALLS);
  g_autoptr(LsRowModel) people = loaded_model (kase, LS_ROW_TABLE_PEOPLE);

  /* Names are found through the joins. */
  ls_row_model_set_search (calls, "bob exa");
  wait_loaded (calls);
  assert_order (calls, kase,
                "SELECT c.id FROM calls c "
                "LEFT JOIN phones a ON a.id = c.caller_id LEFT JOIN people na ON na.id = a.person_id "
                "LEFT JOIN phones b ON b.id = c.callee_id LEFT JOIN people nb ON nb.id = b.person_id "
                "WHERE na.name = 'Bob Example' OR nb.name = 'Bob Example' ORDER BY c.start, c.id");
  g_assert_cmpint (ls_row_model_get_total (calls), ==, N_CALLS);

  /* Search and sort together. */
  ls_row_model_set_search (calls, "NOR-001");
  ls_row_model_set_sort (calls, 0, TRUE);
  wait_loaded (calls);
  assert_order (calls, kase,
                "SELECT c.id FROM calls c JOIN cells ce ON ce.id = c.cell_id "
                "WHERE ce.cell_ref = 'NOR-001' ORDER BY c.start DESC, c.id DESC");

  /* LIKE's wildcards are taken literally. */
  ls_row_model_set_search (people, "%");
  wait_loaded (people);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (people)), ==, 0);
  ls_row_model_set_search (people, "  ");
  wait_loaded (people);
  g_assert_null (ls_row_model_get_search (people));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (people)), ==, 3);
}

/* Calls and events keep to a date range, [from, to); other tables ignore it. */
static void
test_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);
  g_autoptr(LsRowModel) calls = loaded_model (kase, LS_ROW_TABLE_CALLS);
  g_autoptr(LsRowModel) people = loaded_model (kase, LS_ROW_TABLE_PEOPLE);
  gint64 from = ls_sqlite_query_int (ls_case_get_db (kase), "SELECT start FROM calls ORDER BY start LIMIT 1 OFFSET 100", -1);
  gint64 to = ls_sqlite_query_int (ls_case_get_db (kase), "SELECT start FROM calls ORDER BY start LIMIT 1 OFFSET 600", -1);
  g_autofree char *in_range = g_strdup_printf ("SELECT id FROM calls WHERE start >= %" G_GINT64_FORMAT
                                               " AND start < %" G_GINT64_FORMAT " ORDER BY duration DESC, id DESC",
                                               from, to);
  g_autofree char *after = g_strdup_printf ("SELECT id FROM calls WHERE start >= %" G_GINT64_FORMAT
                                            " ORDER BY start, id", to);

  ls_row_model_set_range (calls, from, to);
  ls_row_model_set_sort (calls, 4, TRUE);
  ls_row_model_set_range (people, from, to);
  g_assert_false (ls_row_model_get_loading (people));
  g_assert_false (ls_row_model_get_filtered (people));
  wait_loaded (calls);
  g_assert_true (ls_row_model_get_filtered (calls));
  assert_order (calls, kase, in_range);
  g_assert_cmpint (ls_row_model_get_total (calls), ==, N_CALLS);

  ls_row_model_set_sort (calls, -1, FALSE);
  ls_row_model_set_range (calls, to, -1);
  wait_loaded (calls);
  assert_order (calls, kase, after);

  ls_row_model_set_range (calls, -1, -1);
  wait_loaded (calls);
  g_assert_false (ls_row_model_get_filtered (calls));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (calls)), ==, N_CALLS);
}

/* A row names the people and phones it is about, as session keys. */
static void
test_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);
  g_autoptr(LsRowModel) calls = loaded_model (kase, LS_ROW_TABLE_CALLS);
  g_autoptr(LsRowModel) people = loaded_model (kase, LS_ROW_TABLE_PEOPLE);
  g_autoptr(LsRowModel) imports = loaded_model (kase, LS_ROW_TABLE_IMPORTS);
  g_autoptr(LsRow) call = NULL;
  g_autoptr(LsRow) withheld = NULL;
  g_autoptr(LsRow) person = g_list_model_get_item (G_LIST_MODEL (people), 0);
  g_autoptr(LsRow) import = g_list_model_get_item (G_LIST_MODEL (imports), 0);
  g_auto(GStrv) call_keys = NULL;
  g_auto(GStrv) withheld_keys = NULL;
  g_auto(GStrv) person_keys = ls_row_model_dup_keys (people, person);
  g_auto(GStrv) import_keys = ls_row_model_dup_keys (imports, import);
  g_autofree char *expected_person = g_strdup_printf ("person:%" G_GINT64_FORMAT, ls_row_get_id (person));
  g_autofree char *caller = NULL;
  g_autofree char *callee = NULL;

  /* Named callers sort last: the first row then has both phones. */
  ls_row_model_set_sort (calls, 1, TRUE);
  wait_loaded (calls);
  call = g_list_model_get_item (G_LIST_MODEL (calls), 0);
  call_keys = ls_row_model_dup_keys (calls, call);
  caller = g_strdup_printf ("SELECT caller_id FROM calls WHERE id = %" G_GINT64_FORMAT, ls_row_get_id (call));
  callee = g_strdup_printf ("SELECT callee_id FROM calls WHERE id = %" G_GINT64_FORMAT, ls_row_get_id (call));
  g_assert_cmpuint (g_strv_length (call_keys), ==, 2);
  g_assert_cmpint (g_ascii_strtoll (call_keys[0] + strlen ("phone:"), NULL, 10), ==,
                   ls_sqlite_query_int (ls_case_get_db (kase), caller, -1));
  g_assert_cmpint (g_ascii_strtoll (call_keys[1] + strlen ("phone:"), NULL, 10), ==,
                   ls_sqlite_query_int (ls_case_get_db (kase), callee, -1));

  /* A withheld caller has no phone to select. */
  ls_row_model_set_sort (calls, 1, FALSE);
  wait_loaded (calls);
  withheld = g_list_model_get_item (G_LIST_MODEL (calls), 0);
  withheld_keys = ls_row_model_dup_keys (calls, withheld);
  g_assert_cmpuint (g_strv_length (withheld_keys), ==, 1);

  g_assert_cmpuint (g_strv_length (person_keys), ==, 1);
  g_assert_cmpstr (person_keys[0], ==, expected_person);
  g_assert_cmpuint (g_strv_length (import_keys), ==, 0);
}

/* Only the last of several quick changes decides what is shown. */
static void
test_superseded (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (case_path, &error);
  g_autoptr(LsRowModel) calls = ls_row_model_new (LS_ROW_TABLE_CALLS);

  ls_row_model_set_case (calls, kase);
  ls_row_model_set_sort (calls, 4, TRUE);
  ls_row_model_set_search (calls, "Ann");
  ls_row_model_set_search (calls, NULL);
  ls_row_model_set_sort (calls, 0, TRUE);
  wait_loaded (calls);
  assert_order (calls, kase, "SELECT id FROM calls ORDER BY start DESC, id DESC");

  ls_row_model_set_case (calls, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (calls)), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  case_path = test_case_build (N_CALLS);

  g_test_add_func ("/row-model/counts", test_counts);
  g_test_add_func ("/row-model/lazy", test_lazy);
  g_test_add_func ("/row-model/calls-values", test_calls_values);
  g_test_add_func ("/row-model/sort", test_sort);
  g_test_add_func ("/row-model/search", test_search);
  g_test_add_func ("/row-model/range", test_range);
  g_test_add_func ("/row-model/keys", test_keys);
  g_test_add_func ("/row-model/superseded", test_superseded);

  status = g_test_run ();
  g_free (case_path);
  return status;
}
