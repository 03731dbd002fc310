/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The mappings table: a name for the way one source's columns map to
 * Linesight's fields, so that next month's file from the same operator
 * imports with --mapping NAME. Written inside the import's transaction when
 * an import is running, so that it is saved only if the import is. */
#define G_LOG_DOMAIN "ls-case-mappings"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case-mappings.h"
#include "ls-case-writer.h"

gboolean
ls_case_save_mapping (LsCase        *kase,
                      const char    *name,
                      LsImportKind   kind,
                      const char    *mapping,
                      GError       **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (name != NULL && mapping != NULL, FALSE);

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO mappings (name, kind, mapping) VALUES (?, ?, ?)"
                          " ON CONFLICT (name) DO UPDATE SET kind = excluded.kind,"
                          " mapping = excluded.mapping", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, _("Cannot save the mapping"));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, ls_import_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mapping, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      ls_sqlite_set_error (db, error, _("Cannot save the mapping"));
      return FALSE;
    }

  return TRUE;
}

GStrv
ls_case_list_mappings (LsCase       *kase,
                       LsImportKind  kind)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  if (sqlite3_prepare_v2 (db, "SELECT name FROM mappings WHERE kind = ? ORDER BY name",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, ls_import_kind_to_string (kind), -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (names, (const char *) sqlite3_column_text (stmt, 0));
    }

  return g_strv_builder_end (names);
}

char *
ls_case_load_mapping (LsCase        *kase,
                      const char    *name,
                      LsImportKind   kind,
                      GError       **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *saved_kind;

  if (sqlite3_prepare_v2 (db, "SELECT kind, mapping FROM mappings WHERE name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, _("Cannot read saved mappings"));
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_auto(GStrv) known = ls_case_list_mappings (kase, kind);
      g_autofree char *list = g_strjoinv (", ", known);

      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   _("there is no saved mapping “%s” in this case; saved mappings for %s: %s"),
                   name, ls_import_kind_to_string (kind), list[0] ? list : _("none"));
      return NULL;
    }

  saved_kind = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (saved_kind, ls_import_kind_to_string (kind)) != 0)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   _("the saved mapping “%s” is for %s, not %s"),
                   name, saved_kind, ls_import_kind_to_string (kind));
      return NULL;
    }

  return g_strdup ((const char *) sqlite3_column_text (stmt, 1));
}

/* The file's SHA-256 is known only once it has all been read, after the
 * import's row in imports was written. */
gboolean
ls_case_set_import_sha256 (LsCase      *kase,
                           gint64       import_id,
                           const char  *sha256,
                           GError     **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "UPDATE imports SET sha256 = ? WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, _("Cannot record the file’s checksum"));
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, import_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      ls_sqlite_set_error (db, error, _("Cannot record the file’s checksum"));
      return FALSE;
    }

  return TRUE;
}
