/* SPDX-License-Identifier: GPL-3.0-or-later */
/* analysis_cache access. A stale entry is never returned: the caller gives
 * the data version it expects, and an import bumps it. */
#define G_LOG_DOMAIN "ls-case-cache"
#include "config.h"

#include "ls-case-cache.h"

gint64
ls_case_cache_data_version (sqlite3 *db)
{
  g_return_val_if_fail (db != NULL, -1);

  return ls_sqlite_query_int (db, "SELECT CAST(value AS INTEGER) FROM case_meta WHERE key = 'data_version'", 0);
}

char *
ls_case_cache_lookup (sqlite3    *db,
                      const char *key,
                      gint64      data_version)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (sqlite3_prepare_v2 (db, "SELECT result FROM analysis_cache WHERE key = ?1 AND data_version = ?2",
                          -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, data_version);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
ls_case_cache_store (sqlite3     *db,
                     const char  *key,
                     gint64       data_version,
                     const char  *result,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (key != NULL && result != NULL, FALSE);

  if (sqlite3_prepare_v2 (db, "INSERT OR REPLACE INTO analysis_cache (key, data_version, result)"
                              " VALUES (?1, ?2, ?3)", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot store the analysis in the case");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, data_version);
  sqlite3_bind_text (stmt, 3, result, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      ls_sqlite_set_error (db, error, "Cannot store the analysis in the case");
      return FALSE;
    }

  return TRUE;
}

gboolean
ls_case_cache_clear (LsCase  *kase,
                     GError **error)
{
  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);

  return ls_sqlite_exec (ls_case_get_db (kase), "DELETE FROM analysis_cache", error);
}
