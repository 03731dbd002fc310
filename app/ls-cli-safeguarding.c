/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight safeguarding CASE [--format csv|json|text] [-o FILE]: the
 * people at risk, as on the Safeguarding page. */
#define G_LOG_DOMAIN "ls-cli-safeguarding"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case.h"
#include "ls-case-audit.h"
#include "ls-cli.h"
#include "ls-safeguarding.h"
#include "ls-safeguarding-render.h"

static void
print_text (LsSafeguarding *sg)
{
  for (guint i = 0; i < ls_safeguarding_get_n_people (sg); i++)
    {
      const LsSafeguardingPerson *p = ls_safeguarding_get_person (sg, i);

      g_autofree char *age = p->age >= 0 ? g_strdup_printf (_("age %d"), p->age) : g_strdup (_("age not known"));

      g_print ("%s  %s%s  %s, %s  [%s]\n", ls_risk_label (p->risk), p->name,
               p->risk_rose ? _(" (risk rose since last review)") : "",
               p->child ? _("child") : _("adult"), age, ls_referral_status_label (p->referral.status));
      for (guint j = 0; j < p->indicators->len; j++)
        g_print ("    • %s\n", ((LsIndicator *) g_ptr_array_index (p->indicators, j))->text);
    }
}

static gboolean
is_picture (const char *format)
{
  return g_strcmp0 (format, "png") == 0 || g_strcmp0 (format, "pdf") == 0 || g_strcmp0 (format, "svg") == 0;
}

/* With the case's cached analysis, as the window uses. */
static LsSafeguarding *
build_list (LsCase  *kase,
            GError **error)
{
  g_autoptr(LsLineFacts) facts = ls_line_facts_for_case (kase, NULL, error);

  return facts ? ls_safeguarding_build (ls_case_get_db (kase), NULL, facts, NULL, error) : NULL;
}

int
ls_cli_safeguarding (int    argc,
                     char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsSafeguarding) sg = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv, json, text (default), or the page as png, pdf or svg"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — list the children and vulnerable adults at risk"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);
  if (argc != 2)
    {
      g_printerr ("linesight safeguarding: %s\n", _("give exactly one case file"));
      return 2;
    }
  if (format != NULL && g_strcmp0 (format, "csv") != 0 && g_strcmp0 (format, "json") != 0 &&
      g_strcmp0 (format, "text") != 0 && !is_picture (format))
    {
      g_printerr ("linesight safeguarding: %s “%s”; %s\n", _("unknown format"), format,
                  _("expected csv, json, text, png, pdf or svg"));
      return 2;
    }
  if (is_picture (format) && output == NULL)
    {
      g_printerr ("linesight safeguarding: %s\n", _("--format png, pdf or svg needs --output FILE"));
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL)
    return ls_cli_fail (error);
  /* The page as a picture, as `linesight export --view safeguarding` draws it. */
  if (is_picture (format))
    return ls_safeguarding_export_write (kase, NULL, format, output, &error) ? 0 : ls_cli_fail (error);
  sg = build_list (kase, &error);
  if (sg == NULL)
    return ls_cli_fail (error);

  if (g_strcmp0 (format, "json") == 0)
    text = ls_safeguarding_to_json (sg);
  else if (g_strcmp0 (format, "csv") == 0)
    text = ls_safeguarding_to_csv (sg);
  else if (output == NULL)
    {
      print_text (sg);
      return 0;
    }
  else
    {
      g_printerr ("linesight safeguarding: %s\n", _("--output needs --format csv or json"));
      return 2;
    }

  if (output == NULL)
    {
      g_print ("%s%s", text, g_str_has_suffix (text, "\n") ? "" : "\n");
      return 0;
    }
  if (!g_file_set_contents (output, text, -1, &error))
    return ls_cli_fail (error);
  {
    const LsExportRecord record = { "safeguarding", format, "none", -1, -1, output };
    if (!ls_case_record_export (kase, &record, &error))
      return ls_cli_fail (error);
  }

  return 0;
}
