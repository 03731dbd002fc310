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
  gint64 start;
  gint64 phone;
} Use;

static int
compare_uses (gconstpointer a,
              gconstpointer b)
{
  const Use *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->phone < y->phone ? -1 : (x->phone > y->phone);
}

/* Whether PHONE is a customer of one of the deal lines found: customers
 * meet the line's runners by design, there are hundreds of them, and
 * sweeping them would bury the pairs that matter. */
static gboolean
is_customer_phone (LsDetectContext *ctx,
                   gint64           phone)
{
  for (guint i = 0; i < ctx->deal_lines->len; i++)
    {
      LsDealLine *d = g_ptr_array_index (ctx->deal_lines, i);

      if (g_hash_table_contains (d->callers, &phone) || g_hash_table_contains (d->recipients, &phone))
        return TRUE;
    }

  return FALSE;
}

/* Pairs of different phones on one cell within WINDOW of each other;
 * USES sorted by time. A moment with more than CROWD calls within the
 * window is a crowd and says nothing. */
static void
pair_up_cell (GHashTable *pairs,
              gint64      cell,
              GArray     *uses,
              guint       window)
{
  for (guint i = 0; i < uses->len; i++)
    {
      Use *u = &g_array_index (uses, Use, i);
      guint end = i + 1;

      while (end < uses->len && g_array_index (uses, Use, end).start - u->start <= window)
        end++;
      if (end - i > 3 * CROWD)
        continue;
      for (guint j = i + 1; j < end; j++)
        {
          Use *v = &g_array_index (uses, Use, j);

          if (u->phone != v->phone)
            count_pair (pairs, u->phone, v->phone, cell, u->start, window);
        }
    }
}

/* One pass over the calls that have a cell (not through the time index,
 * "+start", which would cost a lookup per row), leaving out customers'
 * phones; then, cell by cell, the calls in time order. */
static gboolean
collect_pairs (LsDetectContext  *ctx,
               GHashTable       *pairs,
               GError          **error)
{
  static const char sql[] =
    "SELECT cell_id, caller_id, start FROM calls"
    " WHERE cell_id IS NOT NULL AND caller_id IS NOT NULL AND +start >= ?1 AND +start < ?2";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, error);
  g_autoptr(GHashTable) by_cell = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) skip = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint window = MAX (ctx->opts->colocation_window, 60);
  GHashTableIter iter;
  gpointer key, value;
  guint rows = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->from);
  sqlite3_bind_int64 (stmt, 2, ctx->to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 cell = sqlite3_column_int64 (stmt, 0);
      Use u = { sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 1) };
      gpointer known;
      GArray *uses;

      if ((++rows & 0xffff) == 0 && g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
      if (!g_hash_table_lookup_extended (skip, &u.phone, NULL, &known))
        {
          known = GINT_TO_POINTER (is_customer_phone (ctx, u.phone) ? 2 : 1);
          g_hash_table_insert (skip, g_memdup2 (&u.phone, sizeof u.phone), known);
        }
      if (GPOINTER_TO_INT (known) == 2)
        continue;
      uses = g_hash_table_lookup (by_cell, &cell);
      if (uses == NULL)
        {
          uses = g_array_new (FALSE, FALSE, sizeof (Use));
          g_hash_table_insert (by_cell, g_memdup2 (&cell, sizeof cell), uses);
        }
      g_array_append_val (uses, u);
    }

  g_hash_table_iter_init (&iter, by_cell);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *uses = value;

      g_array_sort (uses, compare_uses);
      pair_up_cell (pairs, *(gint64 *) key, uses, window);
    }

  return TRUE;
}

/* Days on which PHONE made a call with a cell: how often it could have
 * met. Remembered, as a deal line is in many pairs and has many calls. */
static guint
active_days (LsDetectContext *ctx,
             GHashTable      *known,
             gint64           phone)
{
  static const char sql[] =
    "SELECT count(DISTINCT (start + 3600) / 86400) FROM calls"
    " WHERE caller_id = ?1 AND cell_id IS NOT NULL AND start >= ?2 AND start < ?3";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gpointer days;
  guint n = 0;

  if (g_hash_table_lookup_extended (known, &phone, NULL, &days))
    return GPOINTER_TO_UINT (days);
  stmt = ls_detect_prepare (ctx, sql, NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, phone);
  sqlite3_bind_int64 (stmt, 2, ctx->from);
  sqlite3_bind_int64 (stmt, 3, ctx->to);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) sqlite3_column_int64 (stmt, 0);
  g_hash_table_insert (known, g_memdup2 (&phone, sizeof phone), GUINT_TO_POINTER (n));

  return n;
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
          GHashTable      *known,
          Pair            *p)
{
  static const char sql[] =
    "SELECT id, start, import_id, source_line FROM calls"
    " WHERE caller_id = ?1 AND cell_id = ?2 AND start >= ?3 AND start < ?4 ORDER BY start";
  guint window = MAX (ctx->opts->colocation_window, 60);
  guint days = g_hash_table_size (p->days);
  guint possible = MAX (1, MIN (active_days (ctx, known, p->a), active_days (ctx, known, p->b)));
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
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
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
    describe (ctx, known, g_ptr_array_index (found, i));

  return TRUE;
}
