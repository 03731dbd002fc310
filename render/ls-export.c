/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One surface per format; the view draws in CSS pixels, PNG scales them
 * by DPI / 96 and PDF/SVG to points, so the page matches the picture on
 * screen. Every string goes through ls_render_text_show() with the
 * export's LsTextCapture on the cairo_t: redacted in all formats, and
 * written as <text> in SVG (PDF keeps Pango's text as text). */
#define G_LOG_DOMAIN "ls-export"
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "ls-case-audit.h"
#include "ls-export.h"
#include "ls-marking.h"
#include "ls-render-style.h"
#include "ls-render-text.h"
#include "ls-safeguarding.h"
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

static const char * const paper_names[] = { "none", "a4", "a3" };
static const char * const orientation_names[] = { "landscape", "portrait" };
static const char * const redaction_names[] = { "none", "partner", "all" };

static gboolean
lookup (const char * const *names,
        guint               n,
        const char         *name,
        guint              *index)
{
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_ascii_strcasecmp (names[i], name) == 0)
      {
        *index = i;
        return TRUE;
      }

  return FALSE;
}

gboolean
ls_export_paper_from_string (const char    *name,
                             LsExportPaper *paper)
{
  guint i;

  if (!lookup (paper_names, G_N_ELEMENTS (paper_names), name, &i))
    return FALSE;
  *paper = i;
  return TRUE;
}

gboolean
ls_export_orientation_from_string (const char          *name,
                                   LsExportOrientation *orientation)
{
  guint i;

  if (!lookup (orientation_names, G_N_ELEMENTS (orientation_names), name, &i))
    return FALSE;
  *orientation = i;
  return TRUE;
}

gboolean
ls_redaction_from_string (const char  *name,
                          LsRedaction *redaction)
{
  static const LsRedaction values[] = { LS_REDACTION_NONE, LS_REDACTION_PARTNER, LS_REDACTION_ALL };
  guint i;

  if (!lookup (redaction_names, G_N_ELEMENTS (redaction_names), name, &i))
    return FALSE;
  *redaction = values[i];
  return TRUE;
}

const char *
ls_redaction_to_string (LsRedaction redaction)
{
  switch (redaction)
    {
    case LS_REDACTION_PARTNER:
      return "partner";
    case LS_REDACTION_ALL:
      return "all";
    case LS_REDACTION_NONE:
    default:
      return "none";
    }
}

/* ISO 216, in points (1/72 inch): A4 is 210 × 297 mm. */
void
ls_export_paper_size (LsExportPaper        paper,
                      LsExportOrientation  orientation,
                      double              *width_pt,
                      double              *height_pt)
{
  double mm = 72.0 / 25.4;
  double w = paper == LS_EXPORT_PAPER_A3 ? 297 * mm : 210 * mm;
  double h = paper == LS_EXPORT_PAPER_A3 ? 420 * mm : 297 * mm;

  *width_pt = orientation == LS_EXPORT_PORTRAIT ? w : h;
  *height_pt = orientation == LS_EXPORT_PORTRAIT ? h : w;
}

gboolean
ls_export_request_check (LsExportRequest  *request,
                         LsExportFormat    format,
                         GError          **error)
{
  double scale;

  if (request->dpi == 0)
    request->dpi = LS_EXPORT_DPI;
  if (request->dpi < LS_EXPORT_DPI_MIN || request->dpi > LS_EXPORT_DPI_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The resolution must be between %d and %d DPI; %d was asked for"),
                   LS_EXPORT_DPI_MIN, LS_EXPORT_DPI_MAX, request->dpi);
      return FALSE;
    }
  if (format == LS_EXPORT_PDF && request->paper != LS_EXPORT_PAPER_NONE)
    {
      double w, h;

      ls_export_paper_size (request->paper, request->orientation, &w, &h);
      request->width = (int) lround (w / 0.75);
      request->height = (int) lround (h / 0.75);
    }
  scale = format == LS_EXPORT_PNG ? request->dpi / LS_EXPORT_DPI : 1;
  if (request->width < 16 || request->height < 16 ||
      request->width * scale > 20000 || request->height * scale > 20000)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("An export must be between 16 and 20000 pixels wide and high; %d × %d at %d DPI was asked for"),
                   request->width, request->height, request->dpi);
      return FALSE;
    }

  return TRUE;
}

/* Cases made before markings were required default to OFFICIAL-SENSITIVE:
 * phone data about a drug line is never less (ls_marking_default). */
char *
ls_export_request_dup_marking (const LsExportRequest *request)
{
  g_autofree char *own = NULL;
  const char *marking = ls_marking_normalise (request->marking);

  if (marking != NULL)
    return g_strdup (marking);
  own = request->kase != NULL ? ls_case_get_meta (request->kase, "marking") : NULL;
  return g_strdup (ls_marking_default (own));
}

char *
ls_export_request_dup_title (const LsExportRequest *request)
{
  if (request->title != NULL && *request->title != '\0')
    return g_strdup (request->title);

  return request->kase ? ls_case_dup_name (request->kase) : g_strdup (_("Untitled case"));
}

/* As the briefing: under LS_REDACTION_PARTNER the people on the
 * safeguarding list keep their names. */
LsRedactor *
ls_export_redactor_new (const LsExportRequest  *request,
                        GError                **error)
{
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3 *db = ls_case_get_db (request->kase);
  LsRedactor *redactor;

  if (request->redaction == LS_REDACTION_PARTNER)
    {
      /* The list the Safeguarding page and `linesight safeguarding` show:
       * with the line's facts from the (cached) analysis. */
      g_autoptr(LsLineFacts) facts = ls_line_facts_for_case (request->kase, request->cancellable, error);
      g_autoptr(LsSafeguarding) sg = NULL;

      if (facts == NULL ||
          (sg = ls_safeguarding_build (db, NULL, facts, request->cancellable, error)) == NULL)
        return NULL;
      for (guint i = 0; i < ls_safeguarding_get_n_people (sg); i++)
        {
          const LsSafeguardingPerson *p = ls_safeguarding_get_person (sg, i);
          gint64 id = g_ascii_strtoll (p->key + strlen ("person:"), NULL, 10);

          g_hash_table_add (keep, g_memdup2 (&id, sizeof id));
        }
    }

  redactor = ls_redactor_new (db, request->redaction, keep, error);
  /* A view's strings are labels and titles: whole names, never a name
   * cut short (ellipsis comes after redaction), so a surname alone that
   * is also a word or a place ("Page", "Norwich") is left alone. */
  if (redactor != NULL)
    ls_redactor_set_whole_names (redactor, TRUE);
  return redactor;
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 c = 0xffffffff;

  for (gsize i = 0; i < len; i++)
    {
      c ^= data[i];
      for (int k = 0; k < 8; k++)
        c = (c >> 1) ^ (0xedb88320 & -(c & 1));
    }

  return c ^ 0xffffffff;
}

static void
put_be32 (guint8  *p,
          guint32  v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* Cairo writes no resolution into a PNG; a pHYs chunk after IHDR tells
 * printers and word processors how big the picture is meant to be. */
static void
png_set_dpi (GByteArray *png,
             int         dpi)
{
  guint8 chunk[4 + 4 + 9 + 4];
  guint32 ppm = (guint32) lround (dpi / 0.0254);
  gsize at = 8 + 4 + 4 + 13 + 4;   /* signature, then IHDR */

  if (png->len < at || memcmp (png->data + 12, "IHDR", 4) != 0)
    return;
  put_be32 (chunk, 9);
  memcpy (chunk + 4, "pHYs", 4);
  put_be32 (chunk + 8, ppm);
  put_be32 (chunk + 12, ppm);
  chunk[16] = 1;   /* the unit is the metre */
  put_be32 (chunk + 17, crc32 (chunk + 4, 4 + 9));
  g_byte_array_set_size (png, png->len + sizeof chunk);
  memmove (png->data + at + sizeof chunk, png->data + at, png->len - sizeof chunk - at);
  memcpy (png->data + at, chunk, sizeof chunk);
}

static gboolean
status_ok (cairo_status_t   status,
           LsExportFormat   format,
           const char      *path,
           GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write the %s export to “%s”: %s"),
               format_names[format], path, cairo_status_to_string (status));
  return FALSE;
}

/* Puts <title> first in the SVG's root element. */
static void
svg_finish (GByteArray *svg,
            const char *title)
{
  g_autoptr(GString) out = NULL;
  const char *root, *end;

  if (title == NULL)
    return;
  out = g_string_new_len ((const char *) svg->data, svg->len);
  root = strstr (out->str, "<svg");
  end = root ? strchr (root, '>') : NULL;
  if (end == NULL)
    return;
  {
    g_autofree char *escaped = g_markup_escape_text (title, -1);
    g_autofree char *element = g_strdup_printf ("\n<title>%s</title>", escaped);

    g_string_insert (out, end + 1 - out->str, element);
  }
  g_byte_array_set_size (svg, 0);
  g_byte_array_append (svg, (const guint8 *) out->str, out->len);
}

typedef struct {
  const LsExportView    *view;
  gpointer               data;
  const LsExportRequest *request;
  LsExportFormat         format;
  const char            *title;
  LsRedactor            *redactor;
} Job;

static void
draw_page (const Job *job,
           cairo_t   *cr,
           guint      page,
           guint      n_pages)
{
  if (n_pages > 1 && job->view->draw_page != NULL)
    job->view->draw_page (job->data, page, cr, job->request->width, job->request->height);
  else
    job->view->draw (job->data, cr, job->request->width, job->request->height);
}

static gboolean
write_png (const Job   *job,
           const char  *path,
           GError     **error)
{
  double scale = job->request->dpi / LS_EXPORT_DPI;
  int w = (int) lround (job->request->width * scale), h = (int) lround (job->request->height * scale);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  g_autoptr(LsTextCapture) capture = ls_text_capture_new (job->redactor, FALSE);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  cairo_status_t status;
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, scale, scale);
  ls_text_capture_attach (capture, cr);
  draw_page (job, cr, 0, 1);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, png);
  cairo_surface_destroy (surface);
  if (!status_ok (status, job->format, path, error))
    return FALSE;
  png_set_dpi (png, job->request->dpi);

  return g_file_set_contents (path, (const char *) png->data, png->len, error);
}

static gboolean
write_vector (const Job   *job,
              const char  *path,
              GError     **error)
{
  double pt = 72.0 / LS_EXPORT_DPI;
  double w = job->request->width * pt, h = job->request->height * pt;
  gboolean pdf = job->format == LS_EXPORT_PDF;
  double sx = pt, sy = pt;

  /* Paper is exact (A4 is 595.28 × 841.89 pt); the drawing, a whole
   * number of pixels, is scaled to it by a hair. */
  if (pdf && job->request->paper != LS_EXPORT_PAPER_NONE)
    {
      ls_export_paper_size (job->request->paper, job->request->orientation, &w, &h);
      sx = w / job->request->width;
      sy = h / job->request->height;
    }
  g_autoptr(LsTextCapture) capture = ls_text_capture_new (job->redactor, !pdf);
  g_autoptr(GByteArray) svg = g_byte_array_new ();
  g_autofree char *with_text = NULL;
  guint n_pages = pdf && job->view->n_pages ? MAX (1, job->view->n_pages (job->data)) : 1;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (pdf)
    {
      surface = cairo_pdf_surface_create (path, w, h);
      if (job->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, job->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, job->view->name);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME " " PACKAGE_VERSION);
    }
  else
    {
      surface = cairo_svg_surface_create_for_stream (append_bytes, svg, w, h);
      cairo_svg_surface_restrict_to_version (surface, CAIRO_SVG_VERSION_1_2);
    }
  cr = cairo_create (surface);
  cairo_scale (cr, sx, sy);
  ls_text_capture_attach (capture, cr);
  for (guint i = 0; i < n_pages && cairo_status (cr) == CAIRO_STATUS_SUCCESS; i++)
    {
      cairo_save (cr);
      draw_page (job, cr, i, n_pages);
      cairo_restore (cr);
      cairo_show_page (cr);
      if (job->request->progress)
        job->request->progress (0.6 + 0.35 * (i + 1) / n_pages, job->request->progress_data);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!status_ok (status, job->format, path, error))
    return FALSE;
  if (pdf)
    return TRUE;

  g_byte_array_append (svg, (const guint8 *) "", 1);
  with_text = ls_text_capture_finish_svg (capture, (const char *) svg->data);
  g_byte_array_set_size (svg, 0);
  g_byte_array_append (svg, (const guint8 *) with_text, strlen (with_text));
  svg_finish (svg, job->title);
  return g_file_set_contents (path, (const char *) svg->data, svg->len, error);
}

static void
report (const LsExportRequest *request,
        double                 fraction)
{
  if (request->progress)
    request->progress (fraction, request->progress_data);
}

/* Written beside PATH and renamed into place, so a cancelled or failed
 * export leaves no half file, and the audited hash is the file's. */
gboolean
ls_export_write (const LsExportView    *view,
                 const LsExportRequest *request_in,
                 LsExportFormat         format,
                 const char            *path,
                 GError               **error)
{
  LsExportRequest request;
  g_autoptr(LsRedactor) redactor = NULL;
  g_autofree char *title = NULL, *part = NULL;
  Job job = { view, NULL, &request, format, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (view != NULL && request_in != NULL && path != NULL, FALSE);
  g_return_val_if_fail (LS_IS_CASE (request_in->kase), FALSE);

  request = *request_in;
  if (!ls_export_request_check (&request, format, error))
    return FALSE;
  report (&request, 0.05);
  if (request.redaction != LS_REDACTION_NONE &&
      (redactor = ls_export_redactor_new (&request, error)) == NULL)
    return FALSE;
  report (&request, 0.1);
  job.redactor = redactor;
  job.data = view->prepare (&request, error);
  if (job.data == NULL)
    return FALSE;
  report (&request, 0.6);

  title = view->title ? view->title (job.data) : ls_export_request_dup_title (&request);
  if (redactor != NULL)
    {
      char *clean = ls_redactor_text (redactor, title);
      g_free (title);
      title = clean;
    }
  job.title = title;
  part = g_strconcat (path, ".part", NULL);
  ok = !g_cancellable_set_error_if_cancelled (request.cancellable, error) &&
       (format == LS_EXPORT_PNG ? write_png (&job, part, error) : write_vector (&job, part, error)) &&
       !g_cancellable_set_error_if_cancelled (request.cancellable, error);
  if (view->free != NULL)
    view->free (job.data);
  if (ok && g_rename (part, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the export to “%s”: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_unlink (part);
      return FALSE;
    }
  report (&request, 1.0);

  {
    LsExportRecord record = { view->name, format_names[format], ls_redaction_to_string (request.redaction),
                              request.from, request.to, path };
    return ls_case_record_export (request.kase, &record, error);
  }
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
      ls_render_text_show (cr, layout);
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
      ls_render_text_show (cr, layouts->pdata[i]);
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
