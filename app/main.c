/* SPDX-License-Identifier: GPL-3.0-or-later */
/* With a subcommand, Linesight runs headless on the core libraries and never
 * opens a display; otherwise it is the GTK application. */
#define G_LOG_DOMAIN "linesight"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ls-cli.h"
#ifndef LS_NO_GUI
#include "ls-application.h"
#endif

int
main (int    argc,
      char **argv)
{
#ifndef LS_NO_GUI
  g_autoptr(LsApplication) app = NULL;
#endif

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LINESIGHT_LOCALEDIR") ? g_getenv ("LINESIGHT_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2 && ls_cli_is_command (argv[1]))
    return ls_cli_run (argc, argv);

#ifdef LS_NO_GUI
  ls_cli_print_usage (stderr);
  g_printerr ("\n%s\n", _("This build of Linesight has no window: use one of the commands above."));
  return 2;
#else
  app = ls_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
#endif
}
