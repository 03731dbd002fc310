/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight audit CASE [--json]: the case's audit trail. */
#define G_LOG_DOMAIN "ls-cli-audit"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ls-case-audit.h"
#include "ls-cli.h"
#include "ls-time.h"

static void
print_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "entries");
  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    {
      LsAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *at = ls_time_format_iso_utc (e->at);

      json_builder_begin_object (b);
      ls_cli_json_set_string (b, "at", at);
      ls_cli_json_set_string (b, "user", e->user);
      ls_cli_json_set_string (b, "action", e->action);
      ls_cli_json_set_string (b, "subject", e->subject);
      ls_cli_json_set_string (b, "old_value", e->old_value);
      ls_cli_json_set_string (b, "new_value", e->new_value);
      json_builder_set_member_name (b, "details");
      if (e->details && g_str_has_prefix (e->details, "{"))
        {
          g_autoptr(JsonNode) node = json_from_string (e->details, NULL);
          if (node)
            json_builder_add_value (b, g_steal_pointer (&node));
          else
            json_builder_add_string_value (b, e->details);
        }
      else if (e->details)
        json_builder_add_string_value (b, e->details);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  ls_cli_print_json (b);
}

static void
print_text (GPtrArray *entries)
{
  if (entries->len == 0)
    g_print ("%s\n", _("Nothing has been exported or changed in this case yet."));

  for (guint i = 0; i < entries->len; i++)
    {
      LsAuditEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *when = ls_time_format_local (e->at, "%d/%m/%Y %H:%M:%S");

      g_print ("%s  %-10s %-12s %s", when, e->user, e->action, e->subject ? e->subject : "");
      if (e->old_value || e->new_value)
        g_print ("  %s → %s", e->old_value ? e->old_value : "—", e->new_value ? e->new_value : "—");
      if (e->details)
        g_print ("  %s", e->details);
      g_print ("\n");
    }
}

int
ls_cli_audit (int    argc,
              char **argv)
{
  gboolean as_json = FALSE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GError *error = NULL;
  const GOptionEntry entries_opts[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("CASE — list every export, briefing and referral change"));
  g_option_context_add_main_entries (context, entries_opts, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);
  if (argc != 2)
    {
      g_printerr ("linesight audit: %s\n", _("give exactly one case file"));
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL || (entries = ls_case_list_audit (kase, &error)) == NULL)
    return ls_cli_fail (error);

  if (as_json)
    print_json (entries);
  else
    print_text (entries);

  return 0;
}
