/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight import CASE --kind KIND FILE [--map FIELD=COLUMN]... [--mapping NAME]
 *                  [--save-mapping NAME] [--skip-bad-rows] [--dry-run]
 *
 * A case that does not exist yet is created; if the import then fails (or
 * is a dry run) the new, empty case file is removed again, so a mistyped
 * command leaves nothing behind. An existing case is never removed. */
#define G_LOG_DOMAIN "ls-cli-import"
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-cli.h"
#include "ls-request.h"
#include "ls-import.h"

static void
remove_case_file (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
print_problems (const LsImportReport *report,
                GPtrArray            *list,
                gint64                total)
{
  for (guint i = 0; i < list->len; i++)
    {
      g_autofree char *line = ls_import_problem_format (report->file, g_ptr_array_index (list, i));

      g_printerr ("%s\n", line);
    }
  if (total > (gint64) list->len)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "… and %" G_GINT64_FORMAT " more problem\n",
                             "… and %" G_GINT64_FORMAT " more problems\n", total - list->len),
                total - (gint64) list->len);
}

static void
print_summary (const LsImportReport *report,
               gboolean              dry_run)
{
  if (dry_run)
    g_print (_("Dry run, nothing was changed: %" G_GINT64_FORMAT " would be imported, "
               "%" G_GINT64_FORMAT " already present, %" G_GINT64_FORMAT " skipped, "
               "%" G_GINT64_FORMAT " warnings\n"),
             report->imported, report->duplicates, report->skipped, report->warnings);
  else
    g_print (_("%s: %" G_GINT64_FORMAT " imported, %" G_GINT64_FORMAT " already present, "
               "%" G_GINT64_FORMAT " skipped, %" G_GINT64_FORMAT " warnings\n"),
             report->file, report->imported, report->duplicates, report->skipped,
             report->warnings);
  if (report->rejected_path != NULL)
    g_print (_("Rejected rows, each with its reason, are in %s\n"), report->rejected_path);
}

int
ls_cli_import (int    argc,
               char **argv)
{
  g_autofree char *kind_name = NULL;
  g_autofree char *mapping_name = NULL;
  g_autofree char *save_mapping = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean skip_bad_rows = FALSE, dry_run = FALSE;
  gint64 request_id = -1;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsImportReport) report = NULL;
  LsImportOptions options = { 0, };
  GError *error = NULL;
  gboolean created = FALSE, ok;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name,
      N_("What the file holds: calls, people, phones, handsets, cells or events"), N_("KIND") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Read FIELD from COLUMN (a heading or a number from 1); repeat as needed"),
      N_("FIELD=COLUMN") },
    { "mapping", 0, 0, G_OPTION_ARG_STRING, &mapping_name,
      N_("Start from the mapping saved in the case under NAME"), N_("NAME") },
    { "save-mapping", 0, 0, G_OPTION_ARG_STRING, &save_mapping,
      N_("Save the mapping used in the case under NAME"), N_("NAME") },
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip_bad_rows,
      N_("Import the good rows; write the others, with reasons, to FILE.rejected.csv"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check the file and count what would be imported, changing nothing"), NULL },
    { "request", 0, 0, G_OPTION_ARG_INT64, &request_id,
      N_("The file answers data request N: link the import to it and close the request"), N_("N") },
    { NULL }
  };

  context = g_option_context_new (_("CASE FILE — import a CSV file (FILE may be - for standard input)"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);

  if (argc != 3)
    {
      g_printerr ("linesight import: %s\n", _("give the case and one file to import"));
      return 2;
    }
  if (kind_name == NULL || !ls_import_kind_from_string (kind_name, &options.kind))
    {
      g_printerr ("linesight import: %s\n",
                  _("--kind must be one of calls, people, phones, handsets, cells, events"));
      return 2;
    }

  options.path = argv[2];
  options.maps = (const char * const *) maps;
  options.mapping_name = mapping_name;
  options.save_mapping = save_mapping;
  options.skip_bad_rows = skip_bad_rows;
  options.dry_run = dry_run;

  if (!g_str_equal (options.path, "-") && !g_file_test (options.path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("linesight: %s: %s\n", options.path, _("no such file"));
      return 1;
    }

  created = !g_file_test (argv[1], G_FILE_TEST_EXISTS);
  kase = ls_case_open_or_create (argv[1], &error);
  if (kase == NULL)
    return ls_cli_fail (error);

  if (request_id >= 0 && !dry_run)
    {
      g_autoptr(LsRequest) request = ls_case_get_request (kase, request_id, &error);

      if (request == NULL)
        return ls_cli_fail (error);
      if (!ls_request_status_can_move (request->status, LS_REQUEST_IMPORTED) &&
          !ls_request_status_is_open (request->status))
        {
          g_printerr ("linesight import: %s\n",
                      _("that request is not waiting for data (see linesight requests)"));
          return 1;
        }
    }

  ok = ls_import_run (kase, &options, NULL, NULL, NULL, &report, &error);
  /* The data is in; now the request it answers closes, linked to it. */
  if (ok && request_id >= 0 && !dry_run && report->import_id > 0 &&
      !ls_case_link_request_import (kase, request_id, report->import_id, &error))
    {
      g_prefix_error (&error, _("The data was imported, but request %" G_GINT64_FORMAT " was not closed: "),
                      request_id);
      return ls_cli_fail (error);
    }
  g_clear_object (&kase);

  if (report != NULL)
    {
      print_problems (report, report->warning_list, report->warnings);
      print_problems (report, report->problems, report->n_problems);
    }

  if (created && (!ok || dry_run))
    remove_case_file (argv[1]);

  if (!ok)
    {
      if (report != NULL && report->problems->len > 0)
        {
          g_printerr ("linesight: %s\n", g_error_matches (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_INVALID_ROWS)
                      ? error->message : _("nothing was imported and the case is unchanged"));
          g_clear_error (&error);
          return 1;
        }
      return ls_cli_fail (error);
    }

  print_summary (report, dry_run);
  return 0;
}
