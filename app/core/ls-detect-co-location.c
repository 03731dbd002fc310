/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Co-location: two phones used on the same cell within the same window
 * (opts->colocation_window, 15 minutes by default), on several different
 * days. SQLite groups the calls by cell and window, keeping only windows
 * with a handful of phones: a busy city-centre cell at rush hour puts
 * strangers together and says nothing. Pairs are then counted here. */
#define G_LOG_DOMAIN "ls-detect-co-location"
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "ls-detect.h"

/* A window with more phones than this on one cell is a crowd. */
#define CROWD 6
/* Occurrences kept per pair for the reasons and the evidence. */
#define KEEP 8
/* At most this many pairs are reported, those with the most days first. */
#define MAX_PAIRS 200

typedef struct {
  gint64  cell;
  gint64  when;
} Meeting;

typedef struct {
  gint64      a;
  gint64      b;
  guint       times;
  GHashTable *days;      /* set of local day numbers */
  GArray     *meetings;  /* Meeting, the first KEEP */
  gint64      last_cell;
  gint64      last_slot;
} Pair;

static void
pair_free (gpointer data)
{
  Pair *p = data;

  g_hash_table_unref (p->days);
  g_array_unref (p->meetings);
  g_free (p);
}

static void
count_pair (GHashTable *pairs,
            gint64      a,
            gint64      b,
            gint64      cell,
            gint64      when,
            guint       window)
{
  guint64 key = ((guint64) MIN (a, b) << 32) | (guint64) MAX (a, b);
  Pair *p = g_hash_table_lookup (pairs, &key);
  gint64 slot = when / window;

  if (p == NULL)
    {
      guint64 *k = g_new (guint64, 1);

      *k = key;
      p = g_new0 (Pair, 1);
      p->a = MIN (a, b);
      p->b = MAX (a, b);
      p->days = g_hash_table_new (NULL, NULL);
      p->meetings = g_array_new (FALSE, FALSE, sizeof (Meeting));
      p->last_slot = G_MININT64;
      g_hash_table_insert (pairs, k, p);
    }
  /* Calls close together are one meeting, counted once. */
  if (p->last_cell == cell && slot - p->last_slot <= 1)
    return;
  p->last_cell = cell;
  p->last_slot = slot;
  p->times++;
  g_hash_table_add (p->days, GSIZE_TO_POINTER ((gsize) ls_detect_local_day (when)));
  if (p->meetings->len < KEEP)
    {
      Meeting m = { cell, when };
      g_array_append_val (p->meetings, m);
    }
}

typedef struct {
  gint64 phone;
  gint64 start;
} Use;

static void
parse_uses (const char *text,
            GArray     *uses)
{
  g_auto(GStrv) items = g_strsplit (text ? text : "", ",", -1);

  g_array_set_size (uses, 0);
  for (guint i = 0; items[i]; i++)
    {
      char *colon = strchr (items[i], ':');
      Use u;

      if (colon == NULL)
        continue;
      u.phone = g_ascii_strtoll (items[i], NULL, 10);
      u.start = g_ascii_strtoll (colon + 1, NULL, 10);
      g_array_append_val (uses, u);
    }
}

/* Pairs of different phones in X and Y whose calls are within WINDOW. */
static void
pair_up (GHashTable *pairs,
         gint64      cell,
         GArray     *x,
         GArray     *y,
         guint       window)
{
  for (guint i = 0; i < x->len; i++)
    for (guint j = (x == y ? i + 1 : 0); j < y->len; j++)
      {
        Use *u = &g_array_index (x, Use, i), *v = &g_array_index (y, Use, j);

        if (u->phone != v->phone && ABS (u->start - v->start) <= window)
          count_pair (pairs, u->phone, v->phone, cell, MIN (u->start, v->start), window);
      }
}

/* SQLite groups calls by cell and window (in order); each group is paired
 * with itself and with the window before it on the same cell, so two calls
 * a few minutes apart either side of a window's edge still meet. */
static gboolean
collect_pairs (LsDetectContext  *ctx,
               GHashTable       *pairs,
               GError          **error)
{
  static const char sql[] =
    "SELECT cell_id, start / ?3 AS slot, group_concat(caller_id || ':' || start) FROM calls"
    " WHERE cell_id IS NOT NULL AND caller_id IS NOT NULL AND start >= ?1 AND start < ?2"
    " GROUP BY cell_id, slot HAVING count(DISTINCT caller_id) <= ?4 ORDER BY cell_id, slot";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, error);
  g_autoptr(GArray) prev = g_array_new (FALSE, FALSE, sizeof (Use));
  g_autoptr(GArray) cur = g_array_new (FALSE, FALSE, sizeof (Use));
  guint window = MAX (ctx->opts->colocation_window, 60);
  gint64 prev_cell = -1, prev_slot = G_MININT64;
  guint rows = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->from);
  sqlite3_bind_int64 (stmt, 2, ctx->to);
  sqlite3_bind_int (stmt, 3, (int) window);
  sqlite3_bind_int (stmt, 4, CROWD);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 cell = sqlite3_column_int64 (stmt, 0);
      gint64 slot = sqlite3_column_int64 (stmt, 1);

      if ((++rows & 0x3fff) == 0 && g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
      parse_uses ((const char *) sqlite3_column_text (stmt, 2), cur);
      if (cur->len > 1)
        pair_up (pairs, cell, cur, cur, window);
      if (cell == prev_cell && slot == prev_slot + 1)
        pair_up (pairs, cell, prev, cur, window);
      prev_cell = cell;
      prev_slot = slot;
      g_array_set_size (prev, 0);
      g_array_append_vals (prev, cur->data, cur->len);
    }

  return TRUE;
}

/* Days on which PHONE made a call with a cell: how often it could have met. */
static guint
active_days (LsDetectContext *ctx,
             gint64           phone)
{
  static const char sql[] =
    "SELECT count(DISTINCT (start + 3600) / 86400) FROM calls"
    " WHERE caller_id = ?1 AND cell_id IS NOT NULL AND start >= ?2 AND start < ?3";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, phone);
  sqlite3_bind_int64 (stmt, 2, ctx->from);
  sqlite3_bind_int64 (stmt, 3, ctx->to);

  return sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
}

static char *
cell_name (LsDetectContext *ctx,
           gint64           cell)
{
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, "SELECT cell_ref, name FROM cells WHERE id = ?1", NULL);

  if (stmt == NULL)
    return g_strdup ("?");
  sqlite3_bind_int64 (stmt, 1, cell);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("?");
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    return g_strdup_printf ("%s (%s)", sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 0));

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
add_subject (LsDetectContext *ctx,
             LsFinding       *f,
             gint64           phone)
{
  int node = ls_detect_node_of_phone (ctx, phone);

  if (node >= 0)
    ls_finding_add_subject (f, ls_graph_get_node (ctx->graph, (guint) node)->key);
  else
    {
      g_autofree char *key = g_strdup_printf ("phone:%" G_GINT64_FORMAT, phone);
      ls_finding_add_subject (f, key);
    }
  ls_finding_add_number (f, ls_detect_number (ctx, phone));
}

static void
describe (LsDetectContext *ctx,
          Pair            *p)
{
  static const char sql[] =
    "SELECT id, start, import_id, source_line FROM calls"
    " WHERE caller_id = ?1 AND cell_id = ?2 AND start >= ?3 AND start < ?4 ORDER BY start";
  guint window = MAX (ctx->opts->colocation_window, 60);
  guint days = g_hash_table_size (p->days);
  guint possible = MAX (1, MIN (active_days (ctx, p->a), active_days (ctx, p->b)));
  double share = MIN (1.0, (double) days / possible);
  LsFinding *f = ls_finding_new (LS_FINDING_CO_LOCATION,
                                 MIN (0.9, 0.3 + 0.3 * MIN (1.0, days / 10.0) + 0.3 * share));
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);
  const char *na = ls_detect_number (ctx, p->a);
  const char *nb = ls_detect_number (ctx, p->b);

  if (na == NULL || nb == NULL)
    {
      ls_finding_unref (f);
      return;
    }
  add_subject (ctx, f, p->a);
  add_subject (ctx, f, p->b);
  ls_finding_set_title (f, _("%s and %s together on %u days"), na, nb, days);
  ls_finding_add_reason (f, _("%s and %s were used on the same cell within %u minutes of each other %u times, "
                              "on %u different days (%.0f%% of the days both were in use)."),
                         na, nb, window / 60, p->times, days, 100.0 * share);
  for (guint i = 0; i < p->meetings->len; i++)
    {
      Meeting *m = &g_array_index (p->meetings, Meeting, i);
      g_autofree char *when = ls_detect_format_time (m->when);
      g_autofree char *where = cell_name (ctx, m->cell);

      if (i < 5)
        ls_finding_add_reason (f, _("%s, cell %s."), when, where);
      for (guint k = 0; k < 2 && stmt != NULL; k++)
        {
          sqlite3_reset (stmt);
          sqlite3_bind_int64 (stmt, 1, k ? p->b : p->a);
          sqlite3_bind_int64 (stmt, 2, m->cell);
          sqlite3_bind_int64 (stmt, 3, m->when);
          sqlite3_bind_int64 (stmt, 4, m->when + window + 1);
          ls_detect_add_evidence (ctx, f, LS_EVIDENCE_CALL, stmt);
        }
    }
  f->evidence_total = MAX (f->evidence_total, p->times * 2);
  g_ptr_array_add (ctx->findings, f);
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const Pair *x = *(Pair * const *) a;
  const Pair *y = *(Pair * const *) b;
  guint dx = g_hash_table_size (x->days), dy = g_hash_table_size (y->days);

  if (dx != dy)
    return dx > dy ? -1 : 1;
  if (x->a != y->a)
    return x->a < y->a ? -1 : 1;
  return x->b < y->b ? -1 : (x->b > y->b);
}

gboolean
ls_detect_co_location (LsDetectContext  *ctx,
                       GError          **error)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, pair_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  if (!collect_pairs (ctx, pairs, error))
    return FALSE;

  g_hash_table_iter_init (&iter, pairs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Pair *p = value;
      guint days = g_hash_table_size (p->days);
      guint64 *key;

      if (days >= MAX (ctx->opts->colocation_min, 1))
        g_ptr_array_add (found, p);
      /* Kept for the roles: who was with the deal line. */
      if (days < 2)
        continue;
      key = g_new (guint64, 1);
      *key = ((guint64) p->a << 32) | (guint64) p->b;
      g_hash_table_insert (ctx->together, key, GUINT_TO_POINTER (days));
    }
  g_ptr_array_sort (found, compare_pairs);
  for (guint i = 0; i < MIN (found->len, MAX_PAIRS); i++)
    describe (ctx, g_ptr_array_index (found, i));

  return TRUE;
}
