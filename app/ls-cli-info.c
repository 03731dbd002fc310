/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight info CASE [--json] */
#define G_LOG_DOMAIN "ls-cli-info"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ls-case.h"
#include "ls-cli.h"
#include "ls-json.h"
#include "ls-time.h"

static void
add_meta (JsonBuilder *builder,
          LsCase      *kase,
          const char  *key)
{
  g_autofree char *value = ls_case_get_meta (kase, key);

  json_builder_set_member_name (builder, key);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
print_json (LsCase             *kase,
            const LsCaseCounts *counts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_int (builder, "schema_version", LS_CASE_SCHEMA_VERSION);
  add_meta (builder, kase, "name");
  add_meta (builder, kase, "operation");
  add_meta (builder, kase, "reference");
  add_meta (builder, kase, "marking");
  add_meta (builder, kase, "created");
  add_meta (builder, kase, "modified");
  add_int (builder, "people", counts->people);
  add_int (builder, "phones", counts->phones);
  add_int (builder, "handsets", counts->handsets);
  add_int (builder, "calls", counts->calls);
  add_int (builder, "cells", counts->cells);
  add_int (builder, "events", counts->events);
  add_int (builder, "imports", counts->imports);
  ls_json_add_time (builder, "first_call", counts->first_call);
  ls_json_add_time (builder, "last_call", counts->last_call);
  json_builder_end_object (builder);
  ls_cli_print_json (builder);
}

static void
print_text (LsCase             *kase,
            const LsCaseCounts *counts)
{
  g_autofree char *name = ls_case_dup_name (kase);
  g_autofree char *marking = ls_case_get_meta (kase, "marking");
  g_autofree char *first = counts->first_call >= 0 ? ls_time_format_local (counts->first_call, NULL) : NULL;
  g_autofree char *last = counts->last_call >= 0 ? ls_time_format_local (counts->last_call, NULL) : NULL;

  g_print ("%s\n", name);
  g_print ("  %-12s %s\n", _("Marking"), marking ? marking : "—");
  g_print ("  %-12s %" G_GINT64_FORMAT "\n", _("People"), counts->people);
  g_print ("  %-12s %" G_GINT64_FORMAT "\n", _("Phones"), counts->phones);
  g_print ("  %-12s %" G_GINT64_FORMAT "\n", _("Handsets"), counts->handsets);
  g_print ("  %-12s %" G_GINT64_FORMAT "\n", _("Calls"), counts->calls);
  g_print ("  %-12s %" G_GINT64_FORMAT "\n", _("Cells"), counts->cells);
  g_print ("  %-12s %" G_GINT64_FORMAT "\n", _("Events"), counts->events);
  g_print ("  %-12s %" G_GINT64_FORMAT "\n", _("Imports"), counts->imports);
  if (first && last)
    g_print ("  %-12s %s – %s (%s)\n", _("Calls from"), first, last, _("UK time"));
}

int
ls_cli_info (int    argc,
             char **argv)
{
  gboolean as_json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  LsCaseCounts counts;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("CASE — summarise a case file"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);

  if (argc != 2)
    {
      g_printerr ("linesight info: %s\n", _("give exactly one case file"));
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL || !ls_case_get_counts (kase, &counts, &error))
    return ls_cli_fail (error);

  if (as_json)
    print_json (kase, &counts);
  else
    print_text (kase, &counts);

  return 0;
}
