/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How fast the calls table of a million-call case is ready to show, against
 * the obvious way: a GListStore holding an object for every call.
 *
 * linesight: LsRowModel reads the ordered ids on its worker thread, then
 * makes the first screen of rows and jumps to 20 places as a scroll would.
 * baseline(eager-list-store): the same SQL and formatting for every row,
 * each row an LsRow appended to a GListStore. */
#define G_LOG_DOMAIN "bench-row-model"
#include "config.h"

#include <glib/gstdio.h>

#include "ls-case.h"
#include "ls-demo.h"
#include "ls-row-model.h"

static double
lazy_model (LsCase *kase,
            guint  *n_items)
{
  g_autoptr(LsRowModel) model = ls_row_model_new (LS_ROW_TABLE_CALLS);
  g_autoptr(GTimer) timer = g_timer_new ();

  ls_row_model_set_case (model, kase);
  while (ls_row_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);

  *n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < 40; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  for (guint jump = 1; jump <= 20; jump++)
    for (guint i = 0; i < 40; i++)
      g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), (guint) ((guint64) *n_items * jump / 21) + i));

  return g_timer_elapsed (timer, NULL);
}

static double
eager_store (LsCase *kase,
             guint  *n_items)
{
  const LsRowTableSpec *spec = ls_row_table_get (LS_ROW_TABLE_CALLS);
  g_autoptr(GListStore) store = g_list_store_new (LS_TYPE_ROW);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();

  g_string_append (sql, spec->id);
  for (guint i = 0; i < spec->n_columns; i++)
    g_string_append_printf (sql, ", %s", spec->columns[i].expr);
  g_string_append_printf (sql, " FROM %s ORDER BY %s", spec->from, spec->order);

  g_assert (sqlite3_prepare_v2 (ls_case_get_db (kase), sql->str, -1, &stmt, NULL) == SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **values = g_new0 (char *, spec->n_columns + 1);
      g_autoptr(LsRow) row = NULL;

      for (guint i = 0; i < spec->n_columns; i++)
        values[i] = ls_row_format_value (spec->columns[i].format,
                                         sqlite3_column_type (stmt, i + 1) == SQLITE_NULL,
                                         sqlite3_column_int64 (stmt, i + 1),
                                         (const char *) sqlite3_column_text (stmt, i + 1));
      row = ls_row_new (sqlite3_column_int64 (stmt, 0), values);
      g_list_store_append (store, row);
    }

  *n_items = g_list_model_get_n_items (G_LIST_MODEL (store));
  return g_timer_elapsed (timer, NULL);
}

int
main (int    argc,
      char **argv)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  double scale = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 40.0;
  g_autofree char *dir = g_dir_make_tmp ("linesight-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "calls.linesight", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;
  guint lazy_n = 0, eager_n = 0;
  double lazy, eager;

  if (!ls_demo_generate (path, LS_DEMO_DEFAULT_SEED, scale, NULL, NULL, NULL, &error) ||
      (kase = ls_case_open (path, &error)) == NULL)
    {
      g_printerr ("bench-row-model: %s\n", error->message);
      return 1;
    }

  lazy = lazy_model (kase, &lazy_n);
  eager = eager_store (kase, &eager_n);
  g_assert (lazy_n == eager_n);

  g_print ("calls-table-open(%u calls)  linesight=%.3f  baseline(eager-list-store)=%.3f  ratio=%.3f  goal<=0.25\n",
           lazy_n, lazy, eager, lazy / eager);

  g_clear_object (&kase);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
  return 0;
}
