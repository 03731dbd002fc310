/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-results"
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ls-request.h"
#include "ls-results.h"

static void
kind_free (gpointer data)
{
  LsResultsKind *k = data;

  g_free (k->kind);
  g_free (k->unit);
  g_free (k);
}

static void
row_free (gpointer data)
{
  LsResultsRow *r = data;

  g_free (r->key);
  g_array_unref (r->counts);
  g_free (r);
}

void
ls_results_free (LsResults *results)
{
  if (results == NULL)
    return;

  g_ptr_array_unref (results->kinds);
  g_ptr_array_unref (results->months);
  g_ptr_array_unref (results->lines);
  g_ptr_array_unref (results->referrals);
  g_free (results->first_date);
  g_free (results->last_date);
  g_free (results);
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
ls_median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return NAN;

  sorted = g_array_copy (values);
  qsort (sorted->data, n, sizeof (double), compare_double);
  if (n % 2)
    return g_array_index (sorted, double, n / 2);

  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static LsResultsRow *
row_for (GPtrArray  *rows,
         const char *key,
         guint       n_kinds)
{
  LsResultsRow *row;

  for (guint i = 0; i < rows->len; i++)
    {
      row = g_ptr_array_index (rows, i);
      if (g_str_equal (row->key, key))
        return row;
    }

  row = g_new0 (LsResultsRow, 1);
  row->key = g_strdup (key);
  row->counts = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (row->counts, n_kinds);
  g_ptr_array_add (rows, row);

  return row;
}

static void
tally_outcomes (LsResults *results,
                GPtrArray *outcomes)
{
  const char * const *all = ls_outcome_kinds ();

  /* Kinds present, in the canonical order. */
  for (guint k = 0; all[k]; k++)
    {
      LsResultsKind *kind = NULL;

      for (guint i = 0; i < outcomes->len; i++)
        {
          const LsOutcome *o = g_ptr_array_index (outcomes, i);

          if (!g_str_equal (o->kind, all[k]))
            continue;
          if (kind == NULL)
            {
              kind = g_new0 (LsResultsKind, 1);
              kind->kind = g_strdup (all[k]);
              kind->quantity = NAN;
              kind->unit = g_strdup (o->unit);
              g_ptr_array_add (results->kinds, kind);
            }
          kind->count++;
          if (!isnan (o->quantity))
            kind->quantity = isnan (kind->quantity) ? o->quantity : kind->quantity + o->quantity;
          if (g_strcmp0 (kind->unit, o->unit) != 0)
            g_clear_pointer (&kind->unit, g_free);
        }
    }

  for (guint i = 0; i < outcomes->len; i++)
    {
      const LsOutcome *o = g_ptr_array_index (outcomes, i);
      g_autofree char *month = g_strndup (o->date, 7);
      guint k;

      for (k = 0; k < results->kinds->len; k++)
        if (g_str_equal (((LsResultsKind *) results->kinds->pdata[k])->kind, o->kind))
          break;

      g_array_index (row_for (results->months, month, results->kinds->len)->counts, guint, k)++;
      if (o->line)
        g_array_index (row_for (results->lines, o->line, results->kinds->len)->counts, guint, k)++;
      if (results->first_date == NULL || strcmp (o->date, results->first_date) < 0)
        {
          g_free (results->first_date);
          results->first_date = g_strdup (o->date);
        }
      if (results->last_date == NULL || strcmp (o->date, results->last_date) > 0)
        {
          g_free (results->last_date);
          results->last_date = g_strdup (o->date);
        }
    }
}

static void
tally_requests (LsResults *results,
                GPtrArray *requests,
                int        target_days)
{
  static const char * const priorities[] = { NULL, "urgent", "high", "routine" };
  g_autofree char *today = ls_date_today_uk ();

  results->n_requests = requests->len;
  for (guint p = 0; p < G_N_ELEMENTS (priorities); p++)
    {
      LsResultsTurnaround *t = &results->turnaround[p];
      g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));

      t->priority = priorities[p];
      for (guint i = 0; i < requests->len; i++)
        {
          const LsRequest *r = g_ptr_array_index (requests, i);
          int turnaround = ls_request_turnaround_days (r);
          int outstanding = ls_request_days_outstanding (r, today);

          if (priorities[p] && g_strcmp0 (r->priority, priorities[p]) != 0)
            continue;
          if (turnaround >= 0)
            {
              double d = turnaround;
              g_array_append_val (days, d);
            }
          if (outstanding >= 0)
            {
              t->open++;
              t->overdue += outstanding > target_days;
            }
        }
      t->answered = days->len;
      t->median_days = ls_median (days);
    }
}

static gboolean
tally_referrals (LsResults  *results,
                 sqlite3    *db,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT status, count(*) FROM referrals GROUP BY status ORDER BY status",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot count the referrals");
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (results->referrals,
                     g_strdup_printf ("%s\t%d", sqlite3_column_text (stmt, 0), sqlite3_column_int (stmt, 1)));

  return TRUE;
}

LsResults *
ls_results_build (LsCase  *kase,
                  int      target_days,
                  GError **error)
{
  g_autoptr(LsResults) results = g_new0 (LsResults, 1);
  g_autoptr(GPtrArray) outcomes = NULL;
  g_autoptr(GPtrArray) requests = NULL;

  g_return_val_if_fail (LS_IS_CASE (kase), NULL);

  results->kinds = g_ptr_array_new_with_free_func (kind_free);
  results->months = g_ptr_array_new_with_free_func (row_free);
  results->lines = g_ptr_array_new_with_free_func (row_free);
  results->referrals = g_ptr_array_new_with_free_func (g_free);

  outcomes = ls_case_list_outcomes (kase, error);
  if (outcomes == NULL)
    return NULL;
  requests = ls_case_list_requests (kase, error);
  if (requests == NULL)
    return NULL;

  tally_outcomes (results, outcomes);
  tally_requests (results, requests, target_days);
  if (!tally_referrals (results, ls_case_get_db (kase), error))
    return NULL;

  return g_steal_pointer (&results);
}
