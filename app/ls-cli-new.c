/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight new CASE [--name NAME] [--marking MARKING] */
#define G_LOG_DOMAIN "ls-cli-new"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case.h"
#include "ls-cli.h"
#include "ls-marking.h"

int
ls_cli_new (int    argc,
            char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *marking = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The case’s name (default: the file’s name)"), N_("NAME") },
    { "marking", 0, 0, G_OPTION_ARG_STRING, &marking,
      N_("Protective marking: OFFICIAL, OFFICIAL-SENSITIVE (default) or SECRET"), N_("MARKING") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — create an empty case file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);

  if (argc != 2)
    {
      g_printerr ("linesight new: %s\n", _("give exactly one case file to create"));
      return 2;
    }

  if (marking != NULL && !ls_marking_is_valid (marking))
    {
      g_printerr ("linesight new: %s\n",
                  _("the marking must be OFFICIAL, OFFICIAL-SENSITIVE or SECRET"));
      return 2;
    }

  kase = ls_case_create (argv[1], name, marking ? ls_marking_normalise (marking) : NULL, &error);
  if (kase == NULL)
    return ls_cli_fail (error);

  return 0;
}
