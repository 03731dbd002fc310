/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The layout_cache table: companion of ls-case.c, the only other place that
 * writes SQL to it. Open ranges are stored as -1. */
#define G_LOG_DOMAIN "ls-case-layouts"
#include "config.h"

#include "ls-case.h"
#include "ls-case-layouts.h"

GHashTable *
ls_layout_points_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

GHashTable *
ls_case_layouts_load (sqlite3     *db,
                      const char  *layout,
                      gint64       range_from,
                      gint64       range_to,
                      gint64       data_version,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) points = ls_layout_points_new ();
  int rc;

  g_return_val_if_fail (db != NULL && layout != NULL, NULL);

  if (sqlite3_prepare_v2 (db,
                          "SELECT node_key, x, y, pinned FROM layout_cache"
                          " WHERE layout = ?1 AND range_from = ?2 AND range_to = ?3"
                          " AND (data_version = ?4 OR pinned != 0)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the cached network layout");
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, layout, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, range_from);
  sqlite3_bind_int64 (stmt, 3, range_to);
  sqlite3_bind_int64 (stmt, 4, data_version);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LsLayoutPoint *p = g_new (LsLayoutPoint, 1);

      p->x = sqlite3_column_double (stmt, 1);
      p->y = sqlite3_column_double (stmt, 2);
      p->pinned = sqlite3_column_int (stmt, 3) != 0;
      g_hash_table_insert (points, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), p);
    }
  if (rc != SQLITE_DONE)
    {
      ls_sqlite_set_error (db, error, "Cannot read the cached network layout");
      return NULL;
    }

  return g_steal_pointer (&points);
}

static gboolean
insert_point (sqlite3_stmt        *stmt,
              const char          *key,
              const LsLayoutPoint *p)
{
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 5, p->x);
  sqlite3_bind_double (stmt, 6, p->y);
  sqlite3_bind_int (stmt, 7, p->pinned ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static sqlite3_stmt *
prepare_insert (sqlite3     *db,
                const char  *layout,
                gint64       range_from,
                gint64       range_to,
                gint64       data_version)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT OR REPLACE INTO layout_cache"
                          " (layout, range_from, range_to, node_key, x, y, pinned, data_version)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, layout, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, range_from);
  sqlite3_bind_int64 (stmt, 3, range_to);
  sqlite3_bind_int64 (stmt, 8, data_version);

  return stmt;
}

gboolean
ls_case_layouts_save (sqlite3     *db,
                      const char  *layout,
                      gint64       range_from,
                      gint64       range_to,
                      gint64       data_version,
                      GHashTable  *points,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) del = NULL;
  g_autoptr(sqlite3_stmt) ins = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (db != NULL && layout != NULL && points != NULL, FALSE);

  if (!ls_sqlite_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;

  if (sqlite3_prepare_v2 (db,
                          "DELETE FROM layout_cache WHERE layout = ?1 AND range_from = ?2 AND range_to = ?3",
                          -1, &del, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (del, 1, layout, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (del, 2, range_from);
  sqlite3_bind_int64 (del, 3, range_to);
  if (sqlite3_step (del) != SQLITE_DONE)
    goto fail;

  ins = prepare_insert (db, layout, range_from, range_to, data_version);
  if (ins == NULL)
    goto fail;
  g_hash_table_iter_init (&iter, points);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!insert_point (ins, key, value))
      goto fail;

  return ls_sqlite_exec (db, "COMMIT;", error);

fail:
  ls_sqlite_set_error (db, error, "Cannot save the network layout in the case file");
  ls_sqlite_exec (db, "ROLLBACK;", NULL);
  return FALSE;
}

gboolean
ls_case_layouts_set_point (sqlite3             *db,
                           const char          *layout,
                           gint64               range_from,
                           gint64               range_to,
                           gint64               data_version,
                           const char          *node_key,
                           const LsLayoutPoint *point,
                           GError             **error)
{
  g_autoptr(sqlite3_stmt) ins = NULL;

  g_return_val_if_fail (db != NULL && layout != NULL && node_key != NULL, FALSE);

  ins = prepare_insert (db, layout, range_from, range_to, data_version);
  if (ins == NULL || !insert_point (ins, node_key, point))
    {
      ls_sqlite_set_error (db, error, "Cannot save the node’s position in the case file");
      return FALSE;
    }

  return TRUE;
}
