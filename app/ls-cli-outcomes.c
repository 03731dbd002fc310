/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight outcomes CASE [--format text|csv|json]
 * linesight outcome CASE --kind KIND --date DATE [--line L] [--person NAME] …
 * linesight results CASE -o OUT.pdf [--redact all] */
#define G_LOG_DOMAIN "ls-cli-outcomes"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "ls-case-audit.h"
#include "ls-cli.h"
#include "ls-document.h"
#include "ls-request.h"
#include "ls-results-document.h"

static void
print_outcomes_json (GPtrArray *list)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "outcomes");
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      const LsOutcome *o = g_ptr_array_index (list, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, o->id);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, o->kind);
      json_builder_set_member_name (b, "date");
      json_builder_add_string_value (b, o->date);
      ls_cli_json_set_string (b, "line", o->line);
      ls_cli_json_set_string (b, "person", o->person);
      json_builder_set_member_name (b, "quantity");
      if (isnan (o->quantity))
        json_builder_add_null_value (b);
      else
        json_builder_add_double_value (b, o->quantity);
      ls_cli_json_set_string (b, "unit", o->unit);
      ls_cli_json_set_string (b, "source", o->source);
      ls_cli_json_set_string (b, "notes", o->notes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ls_cli_print_json (b);
}

int
ls_cli_outcomes (int    argc,
                 char **argv)
{
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default) or json"), N_("FORMAT") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — list what the operation achieved"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);
  if (argc != 2)
    {
      g_printerr ("linesight outcomes: %s\n", _("give exactly one case file"));
      return 2;
    }
  if (format && !g_str_equal (format, "text") && !g_str_equal (format, "json"))
    {
      g_printerr ("linesight outcomes: %s\n", _("--format must be text or json"));
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL || (list = ls_case_list_outcomes (kase, &error)) == NULL)
    return ls_cli_fail (error);

  if (format && g_str_equal (format, "json"))
    {
      print_outcomes_json (list);
      return 0;
    }

  if (list->len == 0)
    g_print ("%s\n", _("No outcomes recorded in this case yet."));
  for (guint i = 0; i < list->len; i++)
    {
      const LsOutcome *o = g_ptr_array_index (list, i);

      g_print ("%s  %-15s", o->date, o->kind);
      if (!isnan (o->quantity))
        g_print (" %g %s", o->quantity, o->unit ? o->unit : "");
      if (o->person)
        g_print ("  %s", o->person);
      if (o->line)
        g_print ("  %s %s", _("line"), o->line);
      if (o->source)
        g_print ("  (%s)", o->source);
      g_print ("\n");
    }

  return 0;
}

static gint64
find_person (LsCase      *kase,
             const char  *name,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = ls_case_get_db (kase);

  if (sqlite3_prepare_v2 (db, "SELECT id FROM people WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot look the person up");
      return -1;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   _("There is nobody called “%s” in this case"), name);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

int
ls_cli_outcome (int    argc,
                char **argv)
{
  g_autofree char *kind = NULL, *date = NULL, *line = NULL, *person = NULL;
  g_autofree char *unit = NULL, *source = NULL, *notes = NULL;
  double quantity = NAN;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autofree char *kinds = g_strjoinv (", ", (char **) ls_outcome_kinds ());
  g_autofree char *kind_help = g_strdup_printf (_("One of %s"), kinds);
  LsOutcome o = { 0 };
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, kind_help, N_("KIND") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When it happened"), N_("YYYY-MM-DD") },
    { "line", 0, 0, G_OPTION_ARG_STRING, &line, N_("The deal line it concerns"), N_("NUMBER") },
    { "person", 0, 0, G_OPTION_ARG_STRING, &person, N_("The person it concerns"), N_("NAME") },
    { "quantity", 0, 0, G_OPTION_ARG_DOUBLE, &quantity, N_("How much was seized"), N_("N") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Unit of the quantity (g, GBP, phones)"), N_("UNIT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where this is recorded"), N_("SOURCE") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &notes, N_("Notes"), N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — record an outcome of the operation"));
  g_option_context_add_main_entries (context, entries, NULL);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);
  if (argc != 2 || kind == NULL || date == NULL)
    {
      g_printerr ("linesight outcome: %s\n", _("give a case file, --kind and --date"));
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL)
    return ls_cli_fail (error);

  o.kind = kind;
  o.date = date;
  o.line = line;
  o.person_id = person ? find_person (kase, person, &error) : -1;
  if (person && o.person_id < 0)
    return ls_cli_fail (error);
  o.quantity = quantity;
  o.unit = unit;
  o.source = source;
  o.notes = notes;
  if (!ls_case_add_outcome (kase, &o, &error))
    return ls_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", o.id);
  return 0;
}

int
ls_cli_results (int    argc,
                char **argv)
{
  g_autofree char *output = NULL, *redact = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsResults) results = NULL;
  g_autoptr(LsDocument) doc = NULL;
  gboolean redacted;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF to write"), N_("OUT.pdf") },
    { "redact", 0, 0, G_OPTION_ARG_STRING, &redact,
      N_("“all”: name nobody and mask every number, so it can be shared widely"), N_("all") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — a one-page summary of results"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);
  if (argc != 2 || output == NULL)
    {
      g_printerr ("linesight results: %s\n", _("give a case file and -o OUT.pdf"));
      return 2;
    }
  if (redact && !g_str_equal (redact, "all") && !g_str_equal (redact, "none"))
    {
      g_printerr ("linesight results: %s\n", _("--redact must be all (or none)"));
      return 2;
    }
  redacted = redact && g_str_equal (redact, "all");

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL || (results = ls_results_build (kase, 14, &error)) == NULL)
    return ls_cli_fail (error);

  doc = ls_results_document (results, kase, redacted);
  {
    LsExportRecord rec = { "results", "pdf", redacted ? "all" : "none", -1, -1, output };

    if (!ls_document_write_pdf (doc, output, &error) || !ls_case_record_export (kase, &rec, &error))
      return ls_cli_fail (error);
  }

  return 0;
}
