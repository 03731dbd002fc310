/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One surface per format; the view draws in pixels, and PDF/SVG scale
 * pixels to points so the page matches the picture on screen. Text goes
 * through Pango, so PDF and SVG keep it as text. */
#define G_LOG_DOMAIN "ls-export"
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "ls-export.h"
#include "ls-render-style.h"
#include "ls-time.h"

static const char * const format_names[] = { "png", "pdf", "svg" };

gboolean
ls_export_format_from_string (const char     *name,
                              LsExportFormat *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (format_names[i], name) == 0)
      {
        *format = i;
        return TRUE;
      }

  return FALSE;
}

const char *
ls_export_format_to_string (LsExportFormat format)
{
  g_return_val_if_fail (format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

static cairo_surface_t *
surface_new (LsExportFormat  format,
             const char     *path,
             int             width,
             int             height)
{
  double pt = 72.0 / LS_EXPORT_DPI;

  switch (format)
    {
    case LS_EXPORT_PNG:
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    case LS_EXPORT_PDF:
      return cairo_pdf_surface_create (path, width * pt, height * pt);
    case LS_EXPORT_SVG:
      {
        cairo_surface_t *s = cairo_svg_surface_create (path, width * pt, height * pt);
        cairo_svg_surface_restrict_to_version (s, CAIRO_SVG_VERSION_1_2);
        return s;
      }
    default:
      g_assert_not_reached ();
    }
}

/* Puts <title> as the first child of the SVG's root element. */
static gboolean
svg_add_title (const char  *path,
               const char  *title,
               GError     **error)
{
  g_autofree char *svg = NULL, *escaped = NULL, *out = NULL;
  const char *root, *end;
  gsize len;

  if (!g_file_get_contents (path, &svg, &len, error))
    return FALSE;
  root = strstr (svg, "<svg");
  end = root ? strchr (root, '>') : NULL;
  if (end == NULL)
    return TRUE;
  escaped = g_markup_escape_text (title, -1);
  out = g_strdup_printf ("%.*s\n<title>%s</title>%s", (int) (end + 1 - svg), svg, escaped, end + 1);

  return g_file_set_contents (path, out, -1, error);
}

gboolean
ls_export_write_drawing (LsExportDrawFunc   draw,
                         gpointer           data,
                         LsExportFormat     format,
                         const char        *path,
                         int                width,
                         int                height,
                         const char        *title,
                         LsCase            *kase,
                         const char        *subject,
                         GError           **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (draw != NULL && path != NULL, FALSE);

  if (width < 16 || height < 16 || width > 20000 || height > 20000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An export must be between 16 and 20000 pixels wide and high; %d × %d was asked for"),
                   width, height);
      return FALSE;
    }

  surface = surface_new (format, path, width, height);
  if (format == LS_EXPORT_PDF && title != NULL)
    {
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
    }
  cr = cairo_create (surface);
  if (format != LS_EXPORT_PNG)
    cairo_scale (cr, 72.0 / LS_EXPORT_DPI, 72.0 / LS_EXPORT_DPI);
  draw (data, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (status == CAIRO_STATUS_SUCCESS && format == LS_EXPORT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write the %s export to “%s”: %s"),
                   format_names[format], path, cairo_status_to_string (status));
      return FALSE;
    }

  if (format == LS_EXPORT_SVG && title != NULL && !svg_add_title (path, title, error))
    return FALSE;

  if (kase != NULL)
    {
      g_autofree char *details = g_strdup_printf ("format=%s width=%d height=%d",
                                                  format_names[format], width, height);
      return ls_case_audit (kase, "export", subject, NULL, path, details, error);
    }

  return TRUE;
}

gboolean
ls_export_write (const LsExportView    *view,
                 const LsExportRequest *request,
                 LsExportFormat         format,
                 const char            *path,
                 GError               **error)
{
  g_autofree char *title = NULL;
  gpointer data;
  gboolean ok;

  g_return_val_if_fail (view != NULL && request != NULL, FALSE);

  if (view->write != NULL)
    return view->write (request, format, path, error);
  data = view->prepare (request, error);
  if (data == NULL)
    return FALSE;
  title = view->title ? view->title (data) : NULL;
  ok = ls_export_write_drawing (view->draw, data, format, path,
                                request->width, request->height, title,
                                request->kase, view->name, error);
  if (view->free != NULL)
    view->free (data);

  return ok;
}

static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      px,
             gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (ls_render_style_font ());

  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);

  return layout;
}

/* Government Security Classifications are shown at the top and the foot of
 * every page, centred, in capitals. */
void
ls_export_draw_marking (cairo_t    *cr,
                        double      width,
                        double      height,
                        const char *marking)
{
  g_autofree char *upper = NULL;
  int w, h;

  if (marking == NULL || *marking == '\0')
    return;

  upper = g_utf8_strup (marking, -1);
  for (int i = 0; i < 2; i++)
    {
      g_autoptr(PangoLayout) layout = text_layout (cr, upper, 13, TRUE);
      double y;

      pango_layout_get_pixel_size (layout, &w, &h);
      y = i == 0 ? 6 : height - h - 6;
      cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
      cairo_rectangle (cr, (width - w) / 2 - 8, y - 2, w + 16, h + 4);
      cairo_fill (cr);
      ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
      cairo_move_to (cr, (width - w) / 2, y);
      pango_cairo_show_layout (cr, layout);
    }
}

void
ls_export_draw_title_block (cairo_t             *cr,
                            double               x,
                            double               y,
                            const char          *title,
                            const char * const  *lines,
                            double              *width,
                            double              *height)
{
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double pad = 10, w = 0, h = 0, cy;
  int lw, lh;

  g_ptr_array_add (layouts, text_layout (cr, title ? title : "", 16, TRUE));
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    g_ptr_array_add (layouts, text_layout (cr, lines[i], 12, FALSE));
  for (guint i = 0; i < layouts->len; i++)
    {
      pango_layout_get_pixel_size (layouts->pdata[i], &lw, &lh);
      w = MAX (w, lw);
      h += lh + (i == 0 ? 4 : 1);
    }

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w + 2 * pad, h + 2 * pad);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  /* An accent rule down the left edge, as on a briefing slide. */
  ls_render_style_set_color (cr, LS_STYLE_COLOR_ACCENT);
  cairo_rectangle (cr, x, y, 3, h + 2 * pad);
  cairo_fill (cr);

  cy = y + pad;
  for (guint i = 0; i < layouts->len; i++)
    {
      pango_layout_get_pixel_size (layouts->pdata[i], &lw, &lh);
      ls_render_style_set_color (cr, i == 0 ? LS_STYLE_COLOR_FOREGROUND : LS_STYLE_COLOR_FOREGROUND);
      if (i > 0)
        cairo_set_source_rgba (cr, 0.30, 0.29, 0.34, 1);
      cairo_move_to (cr, x + pad + 2, cy);
      pango_cairo_show_layout (cr, layouts->pdata[i]);
      cy += lh + (i == 0 ? 4 : 1);
    }
  cairo_restore (cr);

  if (width)
    *width = w + 2 * pad;
  if (height)
    *height = h + 2 * pad;
}

char *
ls_export_format_range (gint64 from,
                        gint64 to)
{
  g_autofree char *a = NULL, *b = NULL;

  if (from < 0 && to < 0)
    return g_strdup (_("All dates"));

  a = from >= 0 ? ls_time_format_local (from, "%-d %b %Y") : g_strdup (_("the start"));
  /* TO is exclusive: the last day shown is the one before. */
  b = to >= 0 ? ls_time_format_local (to - 1, "%-d %b %Y") : g_strdup (_("the end"));

  /* Translators: a date range, e.g. "1 Jun 2024 – 30 Jun 2024 (UK time)" */
  return g_strdup_printf (_("%s – %s (UK time)"), a, b);
}

gboolean
ls_export_parse_date (const char  *text,
                      gboolean     end,
                      gint64      *when,
                      GError     **error)
{
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      (day = g_date_time_new (ls_time_zone_london (), y, m, d, 0, 0, 0)) == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date: expected YYYY-MM-DD, for example 2024-06-30"),
                   text ? text : "");
      return FALSE;
    }

  if (end)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);
      *when = g_date_time_to_unix (next);
    }
  else
    {
      *when = g_date_time_to_unix (day);
    }

  return TRUE;
}
