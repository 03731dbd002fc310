/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-case-audit"
#include "config.h"

#include <json-glib/json-glib.h>
#include <errno.h>
#include <stdio.h>

#include "ls-case-audit.h"
#include "ls-json.h"

/* Streams the file, so a large PDF is never held whole. */
char *
ls_file_sha256 (const char  *path,
                GError     **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (64 * 1024);
  FILE *fp = fopen (path, "rb");
  size_t n;

  if (fp == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                   "Cannot read “%s” to record it: %s", display, g_strerror (errno));
      return NULL;
    }
  while ((n = fread (buf, 1, 64 * 1024, fp)) > 0)
    g_checksum_update (sum, buf, n);
  fclose (fp);

  return g_strdup (g_checksum_get_string (sum));
}

gboolean
ls_case_record_export (LsCase                *kase,
                       const LsExportRecord  *record,
                       GError               **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *details = NULL;
  g_autofree char *absolute = NULL;

  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (record != NULL && record->path != NULL, FALSE);

  sha256 = ls_file_sha256 (record->path, error);
  if (sha256 == NULL)
    return FALSE;
  absolute = g_canonicalize_filename (record->path, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, record->format ? record->format : "");
  json_builder_set_member_name (b, "redaction");
  json_builder_add_string_value (b, record->redaction ? record->redaction : "none");
  ls_json_add_time (b, "from", record->from);
  ls_json_add_time (b, "to", record->to);
  json_builder_set_member_name (b, "path");
  {
    g_autofree char *display = g_filename_display_name (absolute);
    json_builder_add_string_value (b, display);
  }
  json_builder_set_member_name (b, "sha256");
  json_builder_add_string_value (b, sha256);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  details = json_to_string (root, FALSE);

  return ls_case_audit (kase, "export", record->what, NULL, NULL, details, error);
}

void
ls_audit_entry_free (LsAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->user);
  g_free (entry->action);
  g_free (entry->subject);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->details);
  g_free (entry);
}

GPtrArray *
ls_case_list_audit (LsCase  *kase,
                    GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_audit_entry_free);
  sqlite3 *db = ls_case_get_db (kase);
  int rc;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, at, user, action, subject, old_value, new_value, details"
                          " FROM audit_log ORDER BY at, id", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the audit log");
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LsAuditEntry *e = g_new0 (LsAuditEntry, 1);

      e->id = sqlite3_column_int64 (stmt, 0);
      e->at = sqlite3_column_int64 (stmt, 1);
      e->user = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      e->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      e->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      e->details = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      g_ptr_array_add (entries, e);
    }
  if (rc != SQLITE_DONE)
    {
      ls_sqlite_set_error (db, error, "Cannot read the audit log");
      return NULL;
    }

  return g_steal_pointer (&entries);
}
