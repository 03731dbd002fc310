/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Deal lines: the phone a county line sells through. Its signature is the
 * "flare", one bulk text sent to the customer list within a minute or two,
 * repeated day after day, and many short calls coming back from many
 * different customers. A busy legitimate phone (a taxi firm, a parent)
 * gets many calls, and may text many people, but does not broadcast to
 * dozens of numbers in one go, day after day. */
#define G_LOG_DOMAIN "ls-detect-deal-lines"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-detect.h"

/* A flare: texts from one sender, each within FLARE_GAP seconds of the
 * one before, to at least FLARE_RECIPIENTS different numbers. */
#define FLARE_GAP          120
#define FLARE_RECIPIENTS   8
/* Flares on this many different days before a phone is called a deal line. */
#define FLARE_DAYS_MIN     2

void
ls_deal_line_free (gpointer data)
{
  LsDealLine *d = data;

  g_free (d->number);
  g_hash_table_unref (d->recipients);
  g_hash_table_unref (d->callers);
  g_free (d);
}

/* Senders with at least one quarter hour of texts to many numbers: a
 * cheap aggregate in one pass over the table (not through the time index:
 * "+start") that leaves only the few phones worth a closer look. */
static GArray *
flare_candidates (LsDetectContext  *ctx,
                  GError          **error)
{
  static const char sql[] =
    "SELECT caller_id FROM ("
    "  SELECT caller_id, start / 900 AS slot, count(DISTINCT callee_id) AS n FROM calls"
    "  WHERE kind = 1 AND caller_id IS NOT NULL AND callee_id IS NOT NULL"
    "  AND +start >= ?1 AND +start < ?2 GROUP BY caller_id, slot HAVING n >= ?3)"
    " GROUP BY caller_id HAVING count(*) >= ?4 ORDER BY caller_id";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, error);
  GArray *ids;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ctx->from);
  sqlite3_bind_int64 (stmt, 2, ctx->to);
  sqlite3_bind_int (stmt, 3, FLARE_RECIPIENTS / 2);
  sqlite3_bind_int (stmt, 4, FLARE_DAYS_MIN);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  return ids;
}

typedef struct {
  gint64  id;
  gint64  start;
  gint64  callee;
  gint64  import_id;
  gint64  line;
} Sms;

/* Walks one sender's texts in time order, cutting them into runs at gaps
 * longer than FLARE_GAP; a run to enough numbers is a flare. */
static void
find_flares (LsDetectContext *ctx,
             LsDealLine      *d,
             GArray          *texts,
             GArray          *flare_rows,
             GHashTable      *days)
{
  guint i = 0;

  while (i < texts->len)
    {
      g_autoptr(GHashTable) to = g_hash_table_new (g_int64_hash, g_int64_equal);
      guint j = i + 1;

      g_hash_table_add (to, &g_array_index (texts, Sms, i).callee);
      while (j < texts->len &&
             g_array_index (texts, Sms, j).start - g_array_index (texts, Sms, j - 1).start <= FLARE_GAP)
        {
          g_hash_table_add (to, &g_array_index (texts, Sms, j).callee);
          j++;
        }

      if (g_hash_table_size (to) >= FLARE_RECIPIENTS)
        {
          gint64 day = ls_detect_local_day (g_array_index (texts, Sms, i).start);

          d->bursts++;
          g_hash_table_add (days, g_memdup2 (&day, sizeof day));
          for (guint k = i; k < j; k++)
            {
              Sms *s = &g_array_index (texts, Sms, k);
              guint n = GPOINTER_TO_UINT (g_hash_table_lookup (d->recipients, &s->callee));

              /* An existing key is kept and the new copy freed by the table. */
              g_hash_table_insert (d->recipients, g_memdup2 (&s->callee, sizeof s->callee), GUINT_TO_POINTER (n + 1));
              g_array_append_val (flare_rows, *s);
            }
        }
      i = j;
    }
}

static gboolean
load_texts (LsDetectContext  *ctx,
            gint64            phone_id,
            GArray           *texts,
            GError          **error)
{
  static const char sql[] =
    "SELECT id, start, callee_id, import_id, source_line FROM calls"
    " WHERE caller_id = ?1 AND kind = 1 AND callee_id IS NOT NULL"
    " AND start >= ?2 AND start < ?3 ORDER BY start, id";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, phone_id);
  sqlite3_bind_int64 (stmt, 2, ctx->from);
  sqlite3_bind_int64 (stmt, 3, ctx->to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Sms s = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
        sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 4),
      };
      g_array_append_val (texts, s);
    }

  return TRUE;
}

/* Who made short calls to the phone, and how many. */
static guint
load_short_callers (LsDetectContext *ctx,
                    LsDealLine      *d,
                    GError         **error)
{
  static const char sql[] =
    "SELECT caller_id, count(*) FROM calls"
    " WHERE callee_id = ?1 AND kind = 0 AND duration <= ?4 AND caller_id IS NOT NULL"
    " AND start >= ?2 AND start < ?3 GROUP BY caller_id";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, error);
  guint calls = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, d->phone_id);
  sqlite3_bind_int64 (stmt, 2, ctx->from);
  sqlite3_bind_int64 (stmt, 3, ctx->to);
  sqlite3_bind_int (stmt, 4, LS_DETECT_SHORT_CALL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 caller = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (d->callers, g_memdup2 (&caller, sizeof caller));
      calls += (guint) sqlite3_column_int64 (stmt, 1);
    }

  return calls;
}

static void
add_short_call_evidence (LsDetectContext *ctx,
                         LsFinding       *f,
                         LsDealLine      *d,
                         guint            limit)
{
  static const char sql[] =
    "SELECT id, start, import_id, source_line FROM calls"
    " WHERE callee_id = ?1 AND kind = 0 AND duration <= ?4 AND caller_id IS NOT NULL"
    " AND start >= ?2 AND start < ?3 ORDER BY start LIMIT ?5";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, d->phone_id);
  sqlite3_bind_int64 (stmt, 2, ctx->from);
  sqlite3_bind_int64 (stmt, 3, ctx->to);
  sqlite3_bind_int (stmt, 4, LS_DETECT_SHORT_CALL);
  sqlite3_bind_int (stmt, 5, (int) limit);
  ls_detect_add_evidence (ctx, f, LS_EVIDENCE_CALL, stmt);
}

static void
activity_span (LsDetectContext *ctx,
               LsDealLine      *d)
{
  static const char sql[] =
    "SELECT min(s), max(s), min(o), max(o) FROM ("
    " SELECT min(start) AS s, min(start) AS o FROM calls WHERE caller_id = ?1 AND start >= ?2 AND start < ?3"
    " UNION ALL SELECT max(start), max(start) FROM calls WHERE caller_id = ?1 AND start >= ?2 AND start < ?3"
    " UNION ALL SELECT min(start), NULL FROM calls WHERE callee_id = ?1 AND start >= ?2 AND start < ?3"
    " UNION ALL SELECT max(start), NULL FROM calls WHERE callee_id = ?1 AND start >= ?2 AND start < ?3)";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);

  d->first = d->last = d->first_out = d->last_out = -1;
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, d->phone_id);
  sqlite3_bind_int64 (stmt, 2, ctx->from);
  sqlite3_bind_int64 (stmt, 3, ctx->to);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      d->first = sqlite3_column_int64 (stmt, 0);
      d->last = sqlite3_column_int64 (stmt, 1);
      d->first_out = sqlite3_column_int64 (stmt, 2);
      d->last_out = sqlite3_column_int64 (stmt, 3);
    }
}

static void
describe (LsDetectContext *ctx,
          LsDealLine      *d,
          GArray          *flare_rows,
          guint            short_calls)
{
  guint n_callers = g_hash_table_size (d->callers);
  guint answered = ls_detect_count_shared (d->callers, d->recipients);
  double fs = MIN (1.0, d->flare_days / 5.0);
  double cs = MIN (1.0, n_callers / 15.0);
  double os = n_callers > 0 ? (double) answered / n_callers : 0.0;
  LsFinding *f = ls_finding_new (LS_FINDING_DEAL_LINE, MIN (0.98, 0.35 + 0.3 * fs + 0.2 * cs + 0.15 * os));
  const char *holder = d->node >= 0 ? ls_detect_node_name (ctx, d->node) : NULL;
  g_autofree char *first = ls_detect_format_time (d->first);
  g_autofree char *last = ls_detect_format_time (d->last);
  guint max = ctx->opts->max_evidence;

  ls_finding_set_title (f, _("Deal line %s"), d->number);
  ls_finding_add_number (f, d->number);
  if (d->node >= 0)
    ls_finding_add_subject (f, ls_graph_get_node (ctx->graph, (guint) d->node)->key);
  else
    {
      g_autofree char *key = g_strdup_printf ("phone:%" G_GINT64_FORMAT, d->phone_id);
      ls_finding_add_subject (f, key);
    }
  ls_finding_add_reason (f, _("%s sent %u bulk texts (“flares”) on %u different days, each to at least %d "
                              "different numbers within a few minutes; %u different numbers received them."),
                         d->number, d->bursts, d->flare_days, FLARE_RECIPIENTS,
                         g_hash_table_size (d->recipients));
  if (n_callers > 0)
    ls_finding_add_reason (f, _("%u different numbers made %u short calls (%d seconds or less) to it."),
                           n_callers, short_calls, LS_DETECT_SHORT_CALL);
  if (answered > 0)
    ls_finding_add_reason (f, _("%u of the numbers that called it had received its flares: "
                                "customers answering the adverts."), answered);
  if (holder != NULL && g_strcmp0 (holder, d->number) != 0)
    ls_finding_add_reason (f, _("The number is attributed to %s."), holder);
  else
    ls_finding_add_reason (f, _("The number is attributed to no one in the case."));
  if (first != NULL && last != NULL)
    ls_finding_add_reason (f, _("Active from %s to %s."), first, last);

  /* Evidence: flare texts first (the defining rows), then short calls. */
  for (guint i = 0; i < flare_rows->len; i++)
    {
      Sms *s = &g_array_index (flare_rows, Sms, i);
      if (f->evidence->len < max - MIN (max / 3, short_calls))
        ls_finding_add_evidence (f, LS_EVIDENCE_CALL, s->id, s->start,
                                 g_hash_table_lookup (ctx->import_files, &s->import_id), s->line);
    }
  f->evidence_total = flare_rows->len;
  if (short_calls > 0 && f->evidence->len < max)
    {
      guint before = f->evidence_total;
      add_short_call_evidence (ctx, f, d, max - f->evidence->len);
      f->evidence_total = before + short_calls;
    }

  d->finding = f;
  g_ptr_array_add (ctx->findings, f);
}

static gboolean
examine (LsDetectContext  *ctx,
         gint64            phone_id,
         GError          **error)
{
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (Sms));
  g_autoptr(GArray) flare_rows = g_array_new (FALSE, FALSE, sizeof (Sms));
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  LsDealLine *d = g_new0 (LsDealLine, 1);
  guint short_calls;

  d->phone_id = phone_id;
  d->number = g_strdup (ls_detect_number (ctx, phone_id));
  d->node = ls_detect_node_of_phone (ctx, phone_id);
  d->recipients = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  d->callers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (d->number == NULL || !load_texts (ctx, phone_id, texts, error))
    {
      gboolean unknown = d->number == NULL;

      ls_deal_line_free (d);
      return unknown;
    }
  find_flares (ctx, d, texts, flare_rows, days);
  d->flare_days = g_hash_table_size (days);
  if (d->flare_days < FLARE_DAYS_MIN)
    {
      ls_deal_line_free (d);
      return TRUE;
    }

  short_calls = load_short_callers (ctx, d, error);
  activity_span (ctx, d);
  describe (ctx, d, flare_rows, short_calls);
  g_ptr_array_add (ctx->deal_lines, d);

  return TRUE;
}

gboolean
ls_detect_deal_lines (LsDetectContext  *ctx,
                      GError          **error)
{
  g_autoptr(GArray) candidates = flare_candidates (ctx, error);

  if (candidates == NULL)
    return FALSE;

  for (guint i = 0; i < candidates->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error) ||
          !examine (ctx, g_array_index (candidates, gint64, i), error))
        return FALSE;
    }

  return TRUE;
}
