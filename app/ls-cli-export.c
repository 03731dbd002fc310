/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight export CASE --view VIEW --format png|pdf|svg -o OUT
 *   [--layout NAME] [--width PX --height PX] [--from DATE --to DATE] [--redact]
 * Views plug in with one line in the table below: an LsExportView whose
 * prepare builds the model headless and whose draw is the view's renderer. */
#define G_LOG_DOMAIN "ls-cli-export"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case.h"
#include "ls-cli.h"
#include "ls-export.h"
#include "ls-map-export.h"
#include "ls-network-export.h"
#include "ls-safeguarding-export.h"
#include "ls-timeline-export.h"

static const LsExportView *
views (guint *n_views)
{
  static LsExportView table[4];
  static gsize done;

  /* Other views add their entry here. */
  if (g_once_init_enter (&done))
    {
      table[0] = *ls_network_export_view ();
      table[1] = *ls_safeguarding_export_view ();
      table[2] = *ls_map_export_view ();
      table[3] = *ls_timeline_export_view ();
      g_once_init_leave (&done, 1);
    }
  *n_views = G_N_ELEMENTS (table);

  return table;
}

static const LsExportView *
find_view (const char  *name,
           GError     **error)
{
  g_autoptr(GString) known = g_string_new (NULL);
  guint n;
  const LsExportView *table = views (&n);

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (table[i].name, name) == 0)
        return &table[i];
      g_string_append_printf (known, "%s%s", i ? ", " : "", table[i].name);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("There is no view named “%s” to export; the views are: %s"),
               name ? name : "", known->str);
  return NULL;
}

/* The format from --format, or else from OUT's extension. */
static gboolean
pick_format (const char      *format,
             const char      *out,
             LsExportFormat  *result,
             GError         **error)
{
  const char *dot = strrchr (out, '.');

  if (format == NULL && dot != NULL)
    format = dot + 1;
  if (format != NULL && ls_export_format_from_string (format, result))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("Unknown export format “%s”: expected png, pdf or svg"),
               format ? format : "");
  return FALSE;
}

int
ls_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CASE — draw a view of a case to a PNG, PDF or SVG file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autofree char *view_name = NULL, *format = NULL, *out = NULL, *layout = NULL;
  g_autofree char *from = NULL, *to = NULL, *people = NULL;
  g_auto(GStrv) people_list = NULL;
  int width = LS_EXPORT_DEFAULT_WIDTH, height = LS_EXPORT_DEFAULT_HEIGHT;
  gboolean redact = FALSE, relayout = FALSE;
  LsExportRequest request = { 0 };
  LsExportFormat fmt;
  const LsExportView *view;
  const GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_name, N_("The view to draw (network, safeguarding, map, timeline)"), N_("VIEW") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("png, pdf or svg (default: from OUT)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), N_("OUT") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout, N_("Network layout: auto, sfdp, neato, fdp, dot, circo, twopi"), N_("NAME") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width in pixels (default 1600)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height in pixels (default 1000)"), N_("PX") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day, YYYY-MM-DD (UK time)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day, YYYY-MM-DD, included"), N_("DATE") },
    { "people", 0, 0, G_OPTION_ARG_STRING, &people, N_("Timeline: only these people (or phone numbers)"), N_("NAME,…") },
    { "redact", 0, 0, G_OPTION_ARG_NONE, &redact, N_("Pseudonyms for names, masked numbers"), NULL },
    { "relayout", 0, 0, G_OPTION_ARG_NONE, &relayout, N_("Lay out afresh, ignoring the cached layout"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (g_steal_pointer (&error));
  if (argc != 2 || out == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Give one case file and -o OUT, e.g. linesight export case.linesight --view network -o map.png"));
      return ls_cli_fail (g_steal_pointer (&error));
    }

  request.from = request.to = -1;
  if ((view = find_view (view_name ? view_name : "network", &error)) == NULL ||
      !pick_format (format, out, &fmt, &error) ||
      (from != NULL && !ls_export_parse_date (from, FALSE, &request.from, &error)) ||
      (to != NULL && !ls_export_parse_date (to, TRUE, &request.to, &error)) ||
      (kase = ls_case_open (argv[1], &error)) == NULL)
    return ls_cli_fail (g_steal_pointer (&error));

  request.kase = kase;
  request.layout = layout;
  request.width = width;
  request.height = height;
  request.redact = redact;
  request.relayout = relayout;
  if (people != NULL)
    {
      people_list = g_strsplit (people, ",", -1);
      for (guint i = 0; people_list[i]; i++)
        g_strstrip (people_list[i]);
      request.people = (const char * const *) people_list;
    }
  if (!ls_export_write (view, &request, fmt, out, &error))
    return ls_cli_fail (g_steal_pointer (&error));

  return 0;
}
