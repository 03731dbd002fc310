/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight demo OUT.linesight [--seed N] [--scale N] */
#define G_LOG_DOMAIN "ls-cli-demo"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <unistd.h>

#include "ls-case.h"
#include "ls-cli.h"
#include "ls-demo.h"
#include "ls-time.h"

static void
show_progress (double   fraction,
               gpointer user_data)
{
  int *last = user_data;
  int percent = (int) (fraction * 100);

  if (percent != *last)
    {
      *last = percent;
      g_printerr ("\r%s %3d%%", _("Generating the demo case…"), percent);
      if (percent == 100)
        g_printerr ("\n");
    }
}

static void
add_strings (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *strings)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < strings->len; i++)
    json_builder_add_string_value (builder, strings->pdata[i]);
  json_builder_end_array (builder);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* A JSON object of TABLE's entries, in key order so the output is stable. */
static void
add_map (JsonBuilder *builder,
         const char  *member,
         GHashTable  *table)
{
  guint n = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (table, &n);

  qsort (keys, n, sizeof (gpointer), compare_strings);
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; i < n; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      json_builder_add_string_value (builder, g_hash_table_lookup (table, keys[i]));
    }
  json_builder_end_object (builder);
}

/* The planted truth of docs/DEMO.md, for checking analysis against. */
static void
print_truth (guint32 seed,
             double  scale)
{
  g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (seed, scale);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, seed);
  json_builder_set_member_name (builder, "scale");
  json_builder_add_double_value (builder, scale);
  json_builder_set_member_name (builder, "deal_line_name");
  json_builder_add_string_value (builder, truth->deal_line_name);
  add_strings (builder, "deal_numbers", truth->deal_numbers);
  json_builder_set_member_name (builder, "deal_starts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < truth->deal_starts->len; i++)
    {
      g_autofree char *iso = ls_time_format_iso_utc (g_array_index (truth->deal_starts, gint64, i));
      json_builder_add_string_value (builder, iso);
    }
  json_builder_end_array (builder);
  add_strings (builder, "deal_imeis", truth->deal_imeis);
  add_strings (builder, "children", truth->children);
  add_strings (builder, "cuckooed", truth->cuckooed);
  add_strings (builder, "legitimate", truth->legitimate);
  add_map (builder, "roles", truth->roles);
  add_map (builder, "number_roles", truth->number_roles);
  add_map (builder, "number_owners", truth->number_owners);
  json_builder_end_object (builder);
  ls_cli_print_json (builder);
}

static gboolean
parse_seed (const char  *text,
            guint32     *seed,
            GError     **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--seed must be a whole number from 0 to %u, not “%s”"), G_MAXUINT32, text);
      return FALSE;
    }
  *seed = (guint32) value;
  return TRUE;
}

int
ls_cli_demo (int    argc,
             char **argv)
{
  g_autofree char *seed_text = NULL;
  double scale = 1.0;
  guint32 seed = LS_DEMO_DEFAULT_SEED;
  gboolean quiet = FALSE;
  gboolean truth = FALSE;
  int last_percent = -1;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(GTimer) timer = NULL;
  LsCaseCounts counts;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Random seed: the same seed always gives the same case (default: 1)"), N_("N") },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale,
      N_("Size: 1 gives about 35,000 calls, 40 about a million (default: 1)"), N_("N") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Do not show progress"), NULL },
    { "truth", 0, 0, G_OPTION_ARG_NONE, &truth,
      N_("Print what the case plants (roles, deal-line numbers, children) as JSON instead of a summary"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("OUT.linesight — write a realistic demo case"));
  g_option_context_set_description (context,
    _("The demo case is an invented county line run from London into Norwich, Great Yarmouth "
      "and Ipswich over six months of 2024; docs/DEMO.md says what it contains."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);

  if (argc != 2)
    {
      g_printerr ("linesight demo: %s\n", _("give exactly one case file to write"));
      return 2;
    }
  if (seed_text != NULL && !parse_seed (seed_text, &seed, &error))
    return ls_cli_fail (error);

  timer = g_timer_new ();
  if (!ls_demo_generate (argv[1], seed, scale,
                         quiet || !isatty (STDERR_FILENO) ? NULL : show_progress, &last_percent,
                         NULL, &error))
    return ls_cli_fail (error);
  g_timer_stop (timer);

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL || !ls_case_get_counts (kase, &counts, &error))
    return ls_cli_fail (error);

  if (truth)
    {
      print_truth (seed, scale);
      return 0;
    }

  g_print (_("Wrote %s in %.1f s: %" G_GINT64_FORMAT " calls and messages, %" G_GINT64_FORMAT
             " people, %" G_GINT64_FORMAT " phones, %" G_GINT64_FORMAT " events\n"),
           argv[1], g_timer_elapsed (timer, NULL), counts.calls, counts.people, counts.phones,
           counts.events);

  return 0;
}
