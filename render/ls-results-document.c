/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-results-document"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ls-marking.h"
#include "ls-results-document.h"

static const struct {
  const char *kind;
  const char *label;
} kind_labels[] = {
  { "line-closed", N_("Lines closed") },
  { "arrest", N_("Arrests") },
  { "charge", N_("Charges") },
  { "safeguarded", N_("People safeguarded") },
  { "cuckoo-closed", N_("Cuckooed addresses closed") },
  { "seizure-drugs", N_("Drugs seized") },
  { "seizure-cash", N_("Cash seized") },
  { "seizure-phones", N_("Phones seized") },
  { "other", N_("Other") },
};

const char *
ls_outcome_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_labels); i++)
    if (g_strcmp0 (kind, kind_labels[i].kind) == 0)
      return _(kind_labels[i].label);

  return kind;
}

/* With PSEUDONYMS, a row's key (a deal line's number) becomes "Line N". */
static GPtrArray *
rows_table (LsResults  *results,
            GPtrArray  *rows,
            gboolean    pseudonyms)
{
  GPtrArray *table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint r = 0; r < rows->len; r++)
    {
      const LsResultsRow *row = g_ptr_array_index (rows, r);
      char **cells = g_new0 (char *, results->kinds->len + 2);

      cells[0] = pseudonyms ? g_strdup_printf (_("Line %u"), r + 1) : g_strdup (row->key);
      for (guint k = 0; k < results->kinds->len; k++)
        cells[k + 1] = g_strdup_printf ("%u", g_array_index (row->counts, guint, k));
      g_ptr_array_add (table, cells);
    }

  return table;
}

static void
add_counts_table (LsDocument *doc,
                  LsResults  *results,
                  GPtrArray  *rows,
                  const char *first_column,
                  gboolean    pseudonyms)
{
  g_autoptr(GPtrArray) table = rows_table (results, rows, pseudonyms);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autofree double *widths = g_new (double, results->kinds->len + 1);
  guint n = results->kinds->len;

  g_ptr_array_add (header, (char *) first_column);
  widths[0] = 0.25;
  for (guint k = 0; k < n; k++)
    {
      g_ptr_array_add (header, (char *) ls_outcome_kind_label (((LsResultsKind *) results->kinds->pdata[k])->kind));
      widths[k + 1] = 0.75 / n;
    }
  g_ptr_array_add (header, NULL);
  ls_document_add_table (doc, (const char * const *) header->pdata, table, widths);
}

static void
add_turnaround (LsDocument *doc,
                LsResults  *results)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *header[] = { _("Priority"), _("Answered"), _("Median days"), _("Still open"), _("Overdue"), NULL };
  const double widths[] = { 0.28, 0.18, 0.18, 0.18, 0.18 };

  for (guint p = 0; p < G_N_ELEMENTS (results->turnaround); p++)
    {
      const LsResultsTurnaround *t = &results->turnaround[p];
      char **cells = g_new0 (char *, 6);

      cells[0] = g_strdup (t->priority ? t->priority : _("all requests"));
      cells[1] = g_strdup_printf ("%u", t->answered);
      cells[2] = isnan (t->median_days) ? g_strdup ("—") : g_strdup_printf ("%.1f", t->median_days);
      cells[3] = g_strdup_printf ("%u", t->open);
      cells[4] = g_strdup_printf ("%u", t->overdue);
      g_ptr_array_add (table, cells);
    }
  ls_document_add_table (doc, header, table, widths);
}

LsDocument *
ls_results_document (LsResults *results,
                     LsCase    *kase,
                     gboolean   redacted)
{
  g_autofree char *marking = ls_case_get_meta (kase, "marking");
  g_autofree char *operation = ls_case_get_meta (kase, "operation");
  g_autofree char *name = ls_case_dup_name (kase);
  g_autofree char *title = NULL;
  g_autofree char *period = NULL;
  LsDocument *doc;

  /* Redacted, even the operation's name stays out: it may name a place or a person. */
  if (redacted)
    title = g_strdup (_("Results of a county lines operation"));
  else
    title = g_strdup_printf (_("Results of %s"), operation ? operation : name);

  doc = ls_document_new (title, ls_marking_default (marking));
  ls_document_set_metadata (doc, _("Outcomes and data request turnaround"),
                            redacted ? NULL : g_get_real_name ());
  ls_document_add_heading (doc, title);
  if (results->first_date)
    {
      period = g_strdup_printf ("%s – %s", results->first_date, results->last_date);
      ls_document_add_field (doc, _("Period"), period);
    }

  if (results->kinds->len == 0)
    ls_document_add_paragraph (doc, _("No outcomes have been recorded yet."));

  for (guint k = 0; k < results->kinds->len; k++)
    {
      const LsResultsKind *kind = g_ptr_array_index (results->kinds, k);
      g_autofree char *value = NULL;

      if (!isnan (kind->quantity) && kind->unit)
        value = g_strdup_printf ("%u (%g %s)", kind->count, kind->quantity, kind->unit);
      else
        value = g_strdup_printf ("%u", kind->count);
      ls_document_add_field (doc, ls_outcome_kind_label (kind->kind), value);
    }

  if (results->months->len > 0)
    {
      ls_document_add_subheading (doc, _("By month"));
      add_counts_table (doc, results, results->months, _("Month"), FALSE);
    }
  if (results->lines->len > 0)
    {
      ls_document_add_subheading (doc, _("By line"));
      add_counts_table (doc, results, results->lines, _("Line"), redacted);
    }
  if (results->referrals->len > 0)
    {
      ls_document_add_subheading (doc, _("Safeguarding referrals"));
      for (guint i = 0; i < results->referrals->len; i++)
        {
          g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (results->referrals, i), "\t", 2);
          ls_document_add_field (doc, parts[0], parts[1]);
        }
    }

  ls_document_add_subheading (doc, _("Data requests to communications providers"));
  add_turnaround (doc, results);
  ls_document_add_note (doc, _("Turnaround is counted in calendar days from submission to the "
                               "provider’s answer (data returned, or refused)."));

  return doc;
}
