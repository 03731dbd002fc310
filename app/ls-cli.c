/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Dispatch of `linesight SUBCOMMAND ...`. */
#define G_LOG_DOMAIN "ls-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "ls-cli.h"
#include "ls-json.h"
#include "ls-time.h"

/* Keep in the order a person meets them. */
static const LsCliCommand commands[] = {
  { "new",  N_("Create an empty case"), ls_cli_new },
  { "demo", N_("Write the demo case"), ls_cli_demo },
  { "import", N_("Import calls, people, phones, handsets, cells or events from CSV"), ls_cli_import },
  { "info", N_("Summarise a case"), ls_cli_info },
  { "analyse", N_("Network measures, roles, deal lines and other findings"), ls_cli_analyse },
  { "safeguarding", N_("List the children and vulnerable adults at risk"), ls_cli_safeguarding },
  { "referral", N_("Show, change or print a person’s safeguarding referral"), ls_cli_referral },
  { "export", N_("Draw a view to a PNG, PDF or SVG file"), ls_cli_export },
  { "brief", N_("Write a briefing pack as PDF"), ls_cli_brief },
  { "requests", N_("List data requests to providers"), ls_cli_requests },
  { "request", N_("Draft, update or export a data request"), ls_cli_request },
  { "outcomes", N_("List what the operation achieved"), ls_cli_outcomes },
  { "outcome", N_("Record an outcome"), ls_cli_outcome },
  { "results", N_("Write a summary of results as PDF"), ls_cli_results },
  { "audit", N_("List the case’s exports and changes"), ls_cli_audit },
};

static const LsCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

gboolean
ls_cli_is_command (const char *name)
{
  return name != NULL && (find_command (name) != NULL ||
                          g_str_equal (name, "help") ||
                          g_str_equal (name, "--version"));
}

void
ls_cli_print_usage (FILE *out)
{
  fprintf (out, "%s\n  linesight [CASE%s]\n  linesight COMMAND [OPTION…]\n\n%s\n",
           _("Usage:"), ".linesight", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “linesight COMMAND --help” for a command’s options."));
}

/* Prints an error the way every subcommand does, and gives the exit status. */
int
ls_cli_fail (GError *error)
{
  g_printerr ("linesight: %s\n", error ? error->message : _("failed"));
  g_clear_error (&error);
  return 1;
}

gboolean
ls_cli_parse (GOptionContext   *context,
              int              *argc,
              char           ***argv,
              GError          **error)
{
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

/* --from/--to values: a UK calendar date (YYYY-MM-DD or DD/MM/YYYY, taken
 * as the start of that day, or with END_OF_DAY the start of the next, in
 * Europe/London time) or an ISO 8601 date and time. */
gboolean
ls_cli_parse_date (const char  *option,
                   const char  *value,
                   gboolean     end_of_day,
                   gint64      *out,
                   GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;

  if (value == NULL || *value == '\0')
    {
      *out = -1;
      return TRUE;
    }
  if (ls_time_parse_uk_day (value, end_of_day, out))
    return TRUE;

  dt = g_date_time_new_from_iso8601 (value, ls_time_zone_london ());
  if (dt == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s: expected a date like 2024-03-01 or 2024-03-01T14:05:00, found “%s”"),
                   option, value);
      return FALSE;
    }

  *out = g_date_time_to_unix (dt);
  return TRUE;
}

void
ls_cli_json_set_string (JsonBuilder *builder,
                        const char  *member,
                        const char  *value)
{
  ls_json_add_string (builder, member, value);
}

void
ls_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

int
ls_cli_run (int    argc,
            char **argv)
{
  const LsCliCommand *command;

  g_assert (argc >= 2);

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("linesight %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_str_equal (argv[1], "help"))
    {
      ls_cli_print_usage (stdout);
      return 0;
    }

  command = find_command (argv[1]);
  g_assert (command != NULL);

  /* The command sees itself as argv[0], so GOptionContext's --help reads
   * "linesight-info" rather than the whole program. */
  {
    g_autofree char *prgname = g_strdup_printf ("linesight %s", command->name);
    g_set_prgname (prgname);
  }

  return command->run (argc - 1, argv + 1);
}
