/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight export CASE --view VIEW --format png|pdf|svg -o OUT
 *   [--width PX --height PX] [--dpi N] [--paper a4|a3 --orientation landscape|portrait]
 *   [--marking M] [--title T] [--redact [all|partner]] [--from DATE --to DATE]
 *   [--layout NAME] [--people NAME,…] [--relayout]
 * The views are the table in render/ls-export-views.c, shared with the
 * window's Export dialog. */
#define G_LOG_DOMAIN "ls-cli-export"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-case.h"
#include "ls-cli.h"
#include "ls-export.h"
#include "ls-marking.h"

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

static gboolean
parse_redact (const char  *option,
              const char  *value,
              gpointer     data,
              GError     **error)
{
  LsRedaction *redaction = data;

  if (value == NULL)
    {
      *redaction = LS_REDACTION_ALL;
      return TRUE;
    }
  if (ls_redaction_from_string (value, redaction))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--redact: “%s” is not a redaction; expected all (everyone by pseudonym) or "
                 "partner (the safeguarding list keeps its names)"), value);
  return FALSE;
}

/* "--redact partner" as well as "--redact=partner": GOption takes an
 * optional value only after "=". The joined arguments go in OWNED. */
static void
join_redact_value (int        *argc,
                   char      **argv,
                   GPtrArray  *owned)
{
  static const char * const values[] = { "all", "partner", "none" };

  for (int i = 1; i + 1 < *argc; i++)
    if (g_str_equal (argv[i], "--redact") && g_strv_contains (values, argv[i + 1]))
      {
        argv[i] = g_strconcat ("--redact=", argv[i + 1], NULL);
        g_ptr_array_add (owned, argv[i]);
        memmove (&argv[i + 1], &argv[i + 2], (*argc - i - 2) * sizeof (char *));
        argv[--*argc] = NULL;
      }
}

static gboolean
check_options (LsExportRequest  *request,
               LsExportFormat    format,
               const char       *paper,
               const char       *orientation,
               const char       *marking,
               gboolean          sized,
               GError          **error)
{
  if (paper != NULL && !ls_export_paper_from_string (paper, &request->paper))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("--paper: “%s” is not a paper size; expected a4 or a3"), paper);
      return FALSE;
    }
  if (orientation != NULL && !ls_export_orientation_from_string (orientation, &request->orientation))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("--orientation: “%s” is not an orientation; expected landscape or portrait"), orientation);
      return FALSE;
    }
  if (marking != NULL && (request->marking = ls_marking_normalise (marking)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("--marking: “%s” is not a protective marking; expected OFFICIAL, OFFICIAL-SENSITIVE or SECRET"),
                   marking);
      return FALSE;
    }
  if (request->dpi != 0 && (request->dpi < LS_EXPORT_DPI_MIN || request->dpi > LS_EXPORT_DPI_MAX))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("--dpi: %d is out of range; expected a resolution from %d to %d"),
                   request->dpi, LS_EXPORT_DPI_MIN, LS_EXPORT_DPI_MAX);
      return FALSE;
    }
  /* A PDF is for printing: A4 landscape unless a paper or a size is given. */
  if (format == LS_EXPORT_PDF && paper == NULL && !sized)
    request->paper = LS_EXPORT_PAPER_A4;

  return TRUE;
}

int
ls_cli_export (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("CASE — draw a view of a case to a PNG, PDF or SVG file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autofree char *view_name = NULL, *format = NULL, *out = NULL, *layout = NULL;
  g_autofree char *from = NULL, *to = NULL, *people = NULL, *paper = NULL, *orientation = NULL;
  g_autofree char *marking = NULL, *title = NULL;
  g_auto(GStrv) people_list = NULL;
  g_autoptr(GPtrArray) joined = g_ptr_array_new_with_free_func (g_free);
  LsExportRequest request = LS_EXPORT_REQUEST_INIT;
  int width = 0, height = 0, dpi = 0;
  gboolean relayout = FALSE;
  LsRedaction redaction = LS_REDACTION_NONE;
  LsExportFormat fmt;
  const LsExportView *view;
  const GOptionEntry entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &view_name, N_("The view to draw: network (default), timeline, map or safeguarding"), N_("VIEW") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("png, pdf or svg (default: from OUT)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write"), N_("OUT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, N_("Width of the drawing in pixels at 96 DPI (default 1600)"), N_("PX") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, N_("Height of the drawing in pixels at 96 DPI (default 1000)"), N_("PX") },
    { "dpi", 0, 0, G_OPTION_ARG_INT, &dpi, N_("PNG resolution, 96–600: the image is WIDTH×DPI/96 pixels wide (default 96)"), N_("N") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("PDF page: a4 or a3 (default a4 landscape, unless --width/--height give the page)"), N_("SIZE") },
    { "orientation", 0, 0, G_OPTION_ARG_STRING, &orientation, N_("PDF page: landscape (default) or portrait"), N_("WAY") },
    { "marking", 0, 0, G_OPTION_ARG_STRING, &marking, N_("Protective marking: OFFICIAL, OFFICIAL-SENSITIVE or SECRET (default: the case's)"), N_("MARKING") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title shown on the export (default: the case's name)"), N_("TEXT") },
    { "redact", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, parse_redact,
      N_("all: every name by pseudonym, numbers masked (plain --redact); partner: the safeguarding list keeps its names"),
      N_("[all|partner]") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("First day, YYYY-MM-DD (UK time)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Last day, YYYY-MM-DD, included"), N_("DATE") },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &layout, N_("Network layout (auto, sfdp, neato, fdp, dot, circo, twopi); timeline: phones for a lane per phone"), N_("NAME") },
    { "people", 0, 0, G_OPTION_ARG_STRING, &people, N_("Timeline: only these people (or phone numbers)"), N_("NAME,…") },
    { "relayout", 0, 0, G_OPTION_ARG_NONE, &relayout, N_("Lay out afresh, ignoring the cached layout"), NULL },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("export", NULL, NULL, &redaction, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, group);
  g_option_context_set_description (context,
    _("Every export carries the title, the date range and the protective marking, and is recorded "
      "in the case's audit log with the SHA-256 of the file. SVG keeps its text as <text>. "
      "Map exports keep the map's attribution."));
  join_redact_value (&argc, argv, joined);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (g_steal_pointer (&error));
  if (argc != 2 || out == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Give one case file and -o OUT, e.g. linesight export case.linesight --view network -o map.png"));
      return ls_cli_fail (g_steal_pointer (&error));
    }

  request.dpi = dpi;
  if ((view = ls_export_find_view (view_name ? view_name : "network", &error)) == NULL ||
      !pick_format (format, out, &fmt, &error) ||
      !check_options (&request, fmt, paper, orientation, marking, width > 0 || height > 0, &error) ||
      (from != NULL && !ls_export_parse_date (from, FALSE, &request.from, &error)) ||
      (to != NULL && !ls_export_parse_date (to, TRUE, &request.to, &error)) ||
      (kase = ls_case_open (argv[1], &error)) == NULL)
    return ls_cli_fail (g_steal_pointer (&error));

  request.kase = kase;
  request.layout = layout;
  request.width = width > 0 ? width : LS_EXPORT_DEFAULT_WIDTH;
  request.height = height > 0 ? height : LS_EXPORT_DEFAULT_HEIGHT;
  request.title = title;
  request.redaction = redaction;
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
