/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Small helpers every detector uses: names of phones and nodes, evidence
 * rows with their source file and line, times in UK local time. */
#define G_LOG_DOMAIN "ls-detect"
#include "config.h"

#include "ls-case.h"
#include "ls-detect.h"
#include "ls-time.h"

const char *
ls_detect_number (LsDetectContext *ctx,
                  gint64           phone_id)
{
  return g_hash_table_lookup (ctx->numbers, &phone_id);
}

guint
ls_detect_days_together (LsDetectContext *ctx,
                         gint64           a,
                         gint64           b)
{
  guint64 key = ((guint64) MIN (a, b) << 32) | (guint64) MAX (a, b);

  return GPOINTER_TO_UINT (g_hash_table_lookup (ctx->together, &key));
}

int
ls_detect_node_of_phone (LsDetectContext *ctx,
                         gint64           phone_id)
{
  const char *number = ls_detect_number (ctx, phone_id);

  return number ? ls_graph_find_number (ctx->graph, number) : -1;
}

const char *
ls_detect_node_name (LsDetectContext *ctx,
                     int              node)
{
  if (node < 0)
    return NULL;

  return ls_graph_get_node (ctx->graph, (guint) node)->label;
}

sqlite3_stmt *
ls_detect_prepare (LsDetectContext  *ctx,
                   const char       *sql,
                   GError          **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (ctx->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (ctx->db, error, "Cannot analyse the case");
      return NULL;
    }

  return stmt;
}

guint
ls_detect_add_evidence (LsDetectContext *ctx,
                        LsFinding       *finding,
                        LsEvidenceKind   kind,
                        sqlite3_stmt    *stmt)
{
  guint rows = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 import_id = sqlite3_column_int64 (stmt, 2);

      rows++;
      if (finding->evidence->len >= ctx->opts->max_evidence)
        continue;
      ls_finding_add_evidence (finding, kind,
                               sqlite3_column_int64 (stmt, 0),
                               sqlite3_column_type (stmt, 1) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 1),
                               g_hash_table_lookup (ctx->import_files, &import_id),
                               sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3));
    }
  finding->evidence_total += rows;

  return rows;
}

char *
ls_detect_format_time (gint64 when)
{
  if (when < 0)
    return NULL;

  return ls_time_format_local (when, "%d/%m/%Y %H:%M");
}

char *
ls_detect_format_day (gint64 when)
{
  if (when < 0)
    return NULL;

  return ls_time_format_local (when, "%d/%m/%Y");
}

gint64
ls_detect_local_day (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return 0;
  local = g_date_time_to_timezone (utc, ls_time_zone_london ());

  return (when + g_date_time_get_utc_offset (local) / G_USEC_PER_SEC) / 86400;
}

guint
ls_detect_count_shared (GHashTable *a,
                        GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;
  guint n = 0;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    n += g_hash_table_contains (b, key);

  return n;
}
