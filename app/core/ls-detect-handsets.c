/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Handset and SIM swaps: a number moving to a new handset (IMEI), a
 * handset taking a new number, and chains of them ("dirty" phones passed
 * on). The handsets table holds one row per IMEI and number with the first
 * and last time seen (from handset files, and from the IMEI on calls); the
 * phones and handsets that share IMEIs form connected groups, and each
 * group with a change in it is one finding, told in time order. */
#define G_LOG_DOMAIN "ls-detect-handsets"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-detect.h"

typedef struct {
  gint64  id;
  char   *imei;
  gint64  phone_id;
  gint64  first;      /* -1 when unknown */
  gint64  last;
  gint64  import_id;
  gint64  line;
  guint   group;
} Use;

static void
use_clear (gpointer data)
{
  Use *u = data;

  g_free (u->imei);
}

static guint
find_root (guint *parent,
           guint  x)
{
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];

  return x;
}

static gboolean
load_uses (LsDetectContext  *ctx,
           GArray           *uses,
           GError          **error)
{
  static const char sql[] =
    "SELECT id, imei, phone_id, first_seen, last_seen, import_id, source_line FROM handsets"
    " WHERE phone_id IS NOT NULL"
    " AND (imei IN (SELECT imei FROM handsets WHERE phone_id IS NOT NULL GROUP BY imei"
    "               HAVING count(DISTINCT phone_id) > 1)"
    "  OR phone_id IN (SELECT phone_id FROM handsets WHERE phone_id IS NOT NULL GROUP BY phone_id"
    "               HAVING count(DISTINCT imei) > 1))"
    " AND (last_seen IS NULL OR last_seen >= ?1) AND (first_seen IS NULL OR first_seen < ?2)"
    " ORDER BY coalesce(first_seen, 0), id";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->from);
  sqlite3_bind_int64 (stmt, 2, ctx->to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Use u = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3),
        sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 4),
        sqlite3_column_int64 (stmt, 5),
        sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 6),
        0,
      };
      g_array_append_val (uses, u);
    }

  return TRUE;
}

/* Groups uses that share an IMEI or a number. */
static guint
group_uses (GArray *uses)
{
  g_autofree guint *parent = g_new (guint, MAX (uses->len, 1));
  g_autoptr(GHashTable) by_imei = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_phone = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) roots = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < uses->len; i++)
    {
      Use *u = &g_array_index (uses, Use, i);
      gpointer other;

      parent[i] = i;
      if ((other = g_hash_table_lookup (by_imei, u->imei)))
        parent[find_root (parent, i)] = find_root (parent, GPOINTER_TO_UINT (other) - 1);
      else
        g_hash_table_insert (by_imei, u->imei, GUINT_TO_POINTER (i + 1));
      if ((other = g_hash_table_lookup (by_phone, &u->phone_id)))
        parent[find_root (parent, i)] = find_root (parent, GPOINTER_TO_UINT (other) - 1);
      else
        g_hash_table_insert (by_phone, &u->phone_id, GUINT_TO_POINTER (i + 1));
    }

  /* Groups numbered in order of their first use. */
  for (guint i = 0; i < uses->len; i++)
    {
      guint root = find_root (parent, i);
      gpointer group;

      if (!g_hash_table_lookup_extended (roots, GUINT_TO_POINTER (root), NULL, &group))
        {
          group = GUINT_TO_POINTER (g_hash_table_size (roots));
          g_hash_table_insert (roots, GUINT_TO_POINTER (root), group);
        }
      g_array_index (uses, Use, i).group = GPOINTER_TO_UINT (group);
    }

  return g_hash_table_size (roots);
}

static char *
day_of (gint64 when)
{
  return when >= 0 ? ls_detect_format_day (when) : g_strdup (_("an unknown date"));
}

/* The first call from PHONE in handset IMEI: the row that shows the change. */
static void
add_first_call (LsDetectContext *ctx,
                LsFinding       *f,
                const Use       *u)
{
  static const char sql[] =
    "SELECT id, start, import_id, source_line FROM calls"
    " WHERE caller_id = ?1 AND imei = ?2 AND start >= ?3 AND start < ?4 ORDER BY start LIMIT 1";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, u->phone_id);
  sqlite3_bind_text (stmt, 2, u->imei, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, ctx->from);
  sqlite3_bind_int64 (stmt, 4, ctx->to);
  ls_detect_add_evidence (ctx, f, LS_EVIDENCE_CALL, stmt);
}

static void
subject_for_phone (LsDetectContext *ctx,
                   LsFinding       *f,
                   gint64           phone_id)
{
  int node = ls_detect_node_of_phone (ctx, phone_id);
  const char *number = ls_detect_number (ctx, phone_id);

  if (node >= 0)
    ls_finding_add_subject (f, ls_graph_get_node (ctx->graph, (guint) node)->key);
  else
    {
      g_autofree char *key = g_strdup_printf ("phone:%" G_GINT64_FORMAT, phone_id);
      ls_finding_add_subject (f, key);
    }
  if (number)
    ls_finding_add_number (f, number);
}

/* One sentence per change: for each number, each handset after its first;
 * for each handset, each number after its first. */
static void
describe_group (LsDetectContext *ctx,
                GPtrArray       *group)
{
  g_autoptr(GHashTable) last_of_phone = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) last_of_imei = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) imeis = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) phones = g_hash_table_new (g_int64_hash, g_int64_equal);
  LsFinding *f = ls_finding_new (LS_FINDING_HANDSET_SWAP, 0.0);
  guint changes = 0, clean = 0;

  for (guint i = 0; i < group->len; i++)
    {
      Use *u = g_ptr_array_index (group, i);
      Use *prev_phone = g_hash_table_lookup (last_of_phone, &u->phone_id);
      Use *prev_imei = g_hash_table_lookup (last_of_imei, u->imei);
      const char *number = ls_detect_number (ctx, u->phone_id);

      subject_for_phone (ctx, f, u->phone_id);
      g_hash_table_add (imeis, u->imei);
      g_hash_table_add (phones, &u->phone_id);
      if (prev_phone != NULL)
        {
          g_autofree char *until = day_of (prev_phone->last);
          g_autofree char *since = day_of (u->first);

          ls_finding_add_reason (f, _("%s moved from handset %s (last used %s) to handset %s (first used %s)."),
                                 number, prev_phone->imei, until, u->imei, since);
          changes++;
          clean += prev_phone->last >= 0 && u->first >= 0 && prev_phone->last <= u->first;
        }
      if (prev_imei != NULL)
        {
          g_autofree char *until = day_of (prev_imei->last);
          g_autofree char *since = day_of (u->first);

          ls_finding_add_reason (f, _("Handset %s, used with %s until %s, took the number %s from %s."),
                                 u->imei, ls_detect_number (ctx, prev_imei->phone_id), until, number, since);
          changes++;
          clean += prev_imei->last >= 0 && u->first >= 0 && prev_imei->last <= u->first;
        }
      g_hash_table_insert (last_of_phone, &u->phone_id, u);
      g_hash_table_insert (last_of_imei, u->imei, u);
      ls_finding_add_evidence (f, LS_EVIDENCE_HANDSET, u->id, u->first,
                               g_hash_table_lookup (ctx->import_files, &u->import_id), u->line);
      f->evidence_total++;
    }
  for (guint i = 0; i < group->len && f->evidence->len < ctx->opts->max_evidence; i++)
    add_first_call (ctx, f, g_ptr_array_index (group, i));

  /* A clean hand-over (the old stops before the new starts) is a swap; two
   * in use at once is as likely a dual-SIM handset. A chain of several is
   * the pattern of phones being passed on to avoid attribution. */
  f->confidence = MIN (0.95, 0.45 + 0.25 * ((double) clean / MAX (changes, 1)) +
                       0.1 * MIN (3.0, (double) (g_hash_table_size (imeis) + g_hash_table_size (phones)) - 3.0));
  if (g_hash_table_size (imeis) + g_hash_table_size (phones) >= 5)
    ls_finding_add_reason (f, _("A chain of %u numbers and %u handsets: phones passed on or changed to avoid "
                                "attribution."), g_hash_table_size (phones), g_hash_table_size (imeis));
  ls_finding_set_title (f, g_hash_table_size (phones) > 1
                           ? _("Handset swap: %u numbers, %u handsets")
                           : _("Number in a new handset: %u number, %u handsets"),
                        g_hash_table_size (phones), g_hash_table_size (imeis));
  g_ptr_array_add (ctx->findings, f);
}

gboolean
ls_detect_handset_swaps (LsDetectContext  *ctx,
                         GError          **error)
{
  g_autoptr(GArray) uses = g_array_new (FALSE, TRUE, sizeof (Use));
  g_autoptr(GPtrArray) groups = NULL;
  guint n_groups;

  g_array_set_clear_func (uses, use_clear);
  if (!load_uses (ctx, uses, error))
    return FALSE;

  n_groups = group_uses (uses);
  groups = g_ptr_array_new_full (n_groups, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < n_groups; i++)
    g_ptr_array_add (groups, g_ptr_array_new ());
  for (guint i = 0; i < uses->len; i++)
    {
      Use *u = &g_array_index (uses, Use, i);
      g_ptr_array_add (g_ptr_array_index (groups, u->group), u);
    }
  for (guint i = 0; i < n_groups; i++)
    describe_group (ctx, g_ptr_array_index (groups, i));

  return TRUE;
}
