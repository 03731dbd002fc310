/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight brief CASE -o OUT.pdf [--marking M] [--from D --to D] [--redact all|partner] */
#define G_LOG_DOMAIN "ls-cli-brief"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-briefing.h"
#include "ls-case-audit.h"
#include "ls-cli.h"
#include "ls-marking.h"

static const char *
redaction_name (LsRedaction redaction)
{
  return redaction == LS_REDACTION_ALL ? "all" : redaction == LS_REDACTION_PARTNER ? "partner" : "none";
}

int
ls_cli_brief (int    argc,
              char **argv)
{
  g_autofree char *output = NULL, *marking_arg = NULL, *from_s = NULL, *to_s = NULL, *redact = NULL;
  g_autofree char *case_marking = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  LsBriefingOptions options = { 0 };
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("OUT.pdf") },
    { "marking", 0, 0, G_OPTION_ARG_STRING, &marking_arg,
      N_("OFFICIAL, OFFICIAL-SENSITIVE or SECRET (default: the case’s)"), N_("MARKING") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_s, N_("Start of the period"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_s, N_("End of the period (inclusive)"), N_("DATE") },
    { "redact", 0, 0, G_OPTION_ARG_STRING, &redact,
      N_("all: pseudonyms for everyone; partner: keep the names of the people at risk"), N_("all|partner") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — write a briefing pack for a meeting, as PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error) ||
      !ls_cli_parse_date ("--from", from_s, FALSE, &options.from, &error) ||
      !ls_cli_parse_date ("--to", to_s, TRUE, &options.to, &error))
    return ls_cli_fail (error);
  if (argc != 2 || output == NULL)
    {
      g_printerr ("linesight brief: %s\n", _("give a case file and -o OUT.pdf"));
      return 2;
    }
  if (marking_arg && !ls_marking_is_valid (marking_arg))
    {
      g_printerr ("linesight brief: %s\n", _("--marking must be OFFICIAL, OFFICIAL-SENSITIVE or SECRET"));
      return 2;
    }
  if (redact == NULL || g_str_equal (redact, "none"))
    options.redaction = LS_REDACTION_NONE;
  else if (g_str_equal (redact, "all"))
    options.redaction = LS_REDACTION_ALL;
  else if (g_str_equal (redact, "partner"))
    options.redaction = LS_REDACTION_PARTNER;
  else
    {
      g_printerr ("linesight brief: %s\n", _("--redact must be all or partner"));
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL)
    return ls_cli_fail (error);
  case_marking = ls_case_get_meta (kase, "marking");
  options.kase = kase;
  options.marking = marking_arg ? ls_marking_normalise (marking_arg) : ls_marking_default (case_marking);

  if (!ls_briefing_write (&options, output, &error))
    return ls_cli_fail (error);

  {
    LsExportRecord rec = { "briefing", "pdf", redaction_name (options.redaction),
                           options.from, options.to, output };

    if (!ls_case_record_export (kase, &rec, &error))
      return ls_cli_fail (error);
  }

  return 0;
}
