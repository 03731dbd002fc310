/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Successor lines: a deal line's number is dropped (seized, or changed to
 * shake off the police) and a new one starts; the customers move with the
 * line, because the new number texts them all. Two deal lines are linked
 * when the new one starts about when the old one stops and their customers
 * overlap (Jaccard: shared customers over all customers of either). */
#define G_LOG_DOMAIN "ls-detect-successors"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-detect.h"

/* The old line may overlap the new one, or leave a gap, by this much. */
#define HANDOVER_SLACK (14 * 86400)
#define MIN_JACCARD    0.2

static GHashTable *
customers_of (LsDealLine *d)
{
  GHashTable *set = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, d->recipients);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (set, key);
  g_hash_table_iter_init (&iter, d->callers);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (set, key);

  return set;
}

/* The last texts of the old line and the first of the new one. */
static void
add_handover_evidence (LsDetectContext *ctx,
                       LsFinding       *f,
                       LsDealLine      *old_line,
                       LsDealLine      *new_line)
{
  static const char last_sql[] =
    "SELECT id, start, import_id, source_line FROM calls WHERE caller_id = ?1"
    " AND start >= ?2 AND start < ?3 ORDER BY start DESC LIMIT ?4";
  static const char first_sql[] =
    "SELECT id, start, import_id, source_line FROM calls WHERE caller_id = ?1"
    " AND start >= ?2 AND start < ?3 ORDER BY start LIMIT ?4";
  guint half = MAX (ctx->opts->max_evidence / 2, 1);
  g_autoptr(sqlite3_stmt) last = ls_detect_prepare (ctx, last_sql, NULL);
  g_autoptr(sqlite3_stmt) first = ls_detect_prepare (ctx, first_sql, NULL);

  if (last == NULL || first == NULL)
    return;
  sqlite3_bind_int64 (last, 1, old_line->phone_id);
  sqlite3_bind_int64 (last, 2, ctx->from);
  sqlite3_bind_int64 (last, 3, ctx->to);
  sqlite3_bind_int (last, 4, (int) half);
  ls_detect_add_evidence (ctx, f, LS_EVIDENCE_CALL, last);
  sqlite3_bind_int64 (first, 1, new_line->phone_id);
  sqlite3_bind_int64 (first, 2, ctx->from);
  sqlite3_bind_int64 (first, 3, ctx->to);
  sqlite3_bind_int (first, 4, (int) half);
  ls_detect_add_evidence (ctx, f, LS_EVIDENCE_CALL, first);
}

static void
add_subject (LsDetectContext *ctx,
             LsFinding       *f,
             LsDealLine      *d)
{
  if (d->node >= 0)
    ls_finding_add_subject (f, ls_graph_get_node (ctx->graph, (guint) d->node)->key);
  else
    {
      g_autofree char *key = g_strdup_printf ("phone:%" G_GINT64_FORMAT, d->phone_id);
      ls_finding_add_subject (f, key);
    }
  ls_finding_add_number (f, d->number);
}

static void
link_lines (LsDetectContext *ctx,
            LsDealLine      *old_line,
            LsDealLine      *new_line,
            guint            common,
            double           jaccard,
            guint            old_customers)
{
  gint64 gap = new_line->first_out - old_line->last_out;
  double timing = ABS (gap) <= 3 * 86400 ? 1.0 : 0.7;
  LsFinding *f = ls_finding_new (LS_FINDING_SUCCESSOR_LINE,
                                 MIN (0.95, 0.4 + 0.55 * MIN (1.0, jaccard / 0.5) * timing));
  g_autofree char *stopped = ls_detect_format_time (old_line->last_out);
  g_autofree char *started = ls_detect_format_time (new_line->first_out);

  add_subject (ctx, f, old_line);
  add_subject (ctx, f, new_line);
  ls_finding_set_title (f, _("%s replaced by %s"), old_line->number, new_line->number);
  ls_finding_add_reason (f, _("The deal line %s made its last call or text on %s; %s made its first on %s."),
                         old_line->number, stopped, new_line->number, started);
  ls_finding_add_reason (f, _("%u of the %u customers of %s are customers of %s "
                              "(Jaccard overlap of their customers %.2f)."),
                         common, old_customers, old_line->number, new_line->number, jaccard);
  add_handover_evidence (ctx, f, old_line, new_line);
  g_ptr_array_add (ctx->findings, f);
}

gboolean
ls_detect_successor_lines (LsDetectContext  *ctx,
                           GError          **error)
{
  guint n = ctx->deal_lines->len;
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (customers, customers_of (g_ptr_array_index (ctx->deal_lines, i)));

  /* For each old line, the best-matching line that started as it stopped. */
  for (guint i = 0; i < n; i++)
    {
      LsDealLine *old_line = g_ptr_array_index (ctx->deal_lines, i);
      GHashTable *a = g_ptr_array_index (customers, i);
      int best = -1;
      double best_j = 0.0;
      guint best_common = 0;

      for (guint j = 0; j < n; j++)
        {
          LsDealLine *new_line = g_ptr_array_index (ctx->deal_lines, j);
          GHashTable *b = g_ptr_array_index (customers, j);
          guint common;
          double jaccard;

          if (j == i || new_line->first_out <= old_line->first_out || new_line->last_out <= old_line->last_out ||
              ABS (new_line->first_out - old_line->last_out) > HANDOVER_SLACK)
            continue;
          common = ls_detect_count_shared (a, b);
          jaccard = (double) common / MAX (1, g_hash_table_size (a) + g_hash_table_size (b) - common);
          if (jaccard >= MIN_JACCARD && jaccard > best_j)
            {
              best = (int) j;
              best_j = jaccard;
              best_common = common;
            }
        }
      if (best >= 0)
        link_lines (ctx, old_line, g_ptr_array_index (ctx->deal_lines, best), best_common, best_j,
                    g_hash_table_size (a));
    }

  return TRUE;
}
