/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight analyse CASE [--from DATE] [--to DATE] [--json] */
#define G_LOG_DOMAIN "ls-cli-analyse"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-analysis.h"
#include "ls-case.h"
#include "ls-case-cache.h"
#include "ls-cli.h"
#include "ls-time.h"

/* A day (YYYY-MM-DD, UK time) or a full ISO 8601 time. A day given as the
 * end of a range includes that whole day, so --to is exclusive of the
 * following midnight. */
static gboolean
parse_date (const char  *text,
            gboolean     end,
            gint64      *out,
            GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;
  char extra;

  if (sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3)
    {
      dt = g_date_time_new (ls_time_zone_london (), y, m, d, 0, 0, 0);
      if (dt != NULL && end)
        {
          GDateTime *next = g_date_time_add_days (dt, 1);
          g_date_time_unref (dt);
          dt = next;
        }
    }
  else
    {
      dt = g_date_time_new_from_iso8601 (text, ls_time_zone_london ());
    }

  if (dt == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date: expected YYYY-MM-DD or an ISO 8601 time such as 2024-06-01T10:00:00Z"),
                   text);
      return FALSE;
    }
  *out = g_date_time_to_unix (dt);

  return TRUE;
}

static void
print_summary (LsAnalysis *analysis)
{
  const LsKeyPlayers *kp = ls_analysis_get_key_players (analysis);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = ls_analysis_get_n_nodes (analysis);

  g_print (_("%u people and phones in the contact network.\n"), n);

  g_print ("\n%s\n", _("Most central (betweenness):"));
  for (guint i = 0; i < n; i++)
    g_array_append_val (order, i);
  for (guint i = 0; i < MIN (n, 10); i++)
    {
      guint best = i;
      for (guint j = i + 1; j < n; j++)
        if (ls_analysis_get_node (analysis, g_array_index (order, guint, j))->measures.betweenness >
            ls_analysis_get_node (analysis, g_array_index (order, guint, best))->measures.betweenness)
          best = j;
      {
        guint t = g_array_index (order, guint, i);
        const LsAnalysisNode *node;

        g_array_index (order, guint, i) = g_array_index (order, guint, best);
        g_array_index (order, guint, best) = t;
        node = ls_analysis_get_node (analysis, g_array_index (order, guint, i));
        g_print ("  %-28s %10.1f  %s\n", node->label, node->measures.betweenness,
                 node->role ? ls_role_to_string (node->role) : "");
      }
    }

  g_print ("\n%s\n ", _("Largest connected group after removing the top k by betweenness (k = 0…10):"));
  for (guint k = 0; k < kp->n_steps; k++)
    g_print (" %u", kp->largest_component[k]);
  g_print ("\n\n%s\n", _("Findings:"));
  for (guint i = 0; i < ls_analysis_get_n_findings (analysis); i++)
    {
      LsFinding *f = ls_analysis_get_finding (analysis, i);

      if (g_str_equal (f->type, LS_FINDING_ROLE) && g_strcmp0 (f->role, "customer") == 0)
        continue;
      g_print ("  [%3.0f%%] %-15s %s\n", 100 * f->confidence, f->type, f->title ? f->title : "");
      for (guint r = 0; r < f->reasons->len; r++)
        g_print ("           – %s\n", (char *) g_ptr_array_index (f->reasons, r));
    }
}

int
ls_cli_analyse (int    argc,
                char **argv)
{
  gboolean as_json = FALSE;
  gboolean recompute = FALSE;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsAnalysis) analysis = NULL;
  LsAnalysisOptions opts = LS_ANALYSIS_OPTIONS_INIT;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Start of the range (YYYY-MM-DD or ISO 8601)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("End of the range, inclusive of a whole day"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print one JSON object (docs/ANALYSIS.md)"), NULL },
    { "recompute", 0, 0, G_OPTION_ARG_NONE, &recompute, N_("Ignore the results cached in the case"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("CASE — network measures, roles, deal lines and other findings"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);
  if (argc != 2)
    {
      g_printerr ("linesight analyse: %s\n", _("give exactly one case file"));
      return 2;
    }
  if ((from && !parse_date (from, FALSE, &opts.from, &error)) ||
      (to && !parse_date (to, TRUE, &opts.to, &error)))
    return ls_cli_fail (error);

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL || (recompute && !ls_case_cache_clear (kase, &error)))
    return ls_cli_fail (error);
  analysis = ls_analysis_load (kase, &opts, NULL, NULL, NULL, NULL, &error);
  if (analysis == NULL)
    return ls_cli_fail (error);

  if (as_json)
    {
      g_autofree char *json = ls_analysis_to_json (analysis);
      g_print ("%s\n", json);
    }
  else
    {
      print_summary (analysis);
    }

  return 0;
}
