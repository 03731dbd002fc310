/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fixed row height and columns as fractions of the width, so the pages of
 * a long list line up; text is plain (never markup) and ellipsized. */
#define G_LOG_DOMAIN "ls-safeguarding-render"
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ls-case-audit.h"
#include "ls-marking.h"
#include "ls-redactor.h"
#include "ls-render-style.h"
#include "ls-render-text.h"
#include "ls-safeguarding-render.h"
#include "ls-time.h"

#define MARGIN    36.0
#define BAND      28.0
#define HEADER    64.0
#define ROW       30.0
#define PX_TO_PT  0.75

static const struct {
  const char *title;
  double      x;
} columns[] = {
  { N_("Risk"), 0.0 },
  { N_("Name"), 0.08 },
  { N_("Age"), 0.25 },
  { N_("Area"), 0.30 },
  { N_("Top signs"), 0.42 },
  { N_("Referral"), 0.80 },
};

static void
text (cairo_t    *cr,
      const char *str,
      double      x,
      double      y,
      double      width,
      double      size,
      gboolean    bold,
      gboolean    centre)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (ls_render_style_font ());
  int w, h;

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, centre ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, str ? str : "", -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_move_to (cr, x, y - (double) h / PANGO_SCALE / 2);
  ls_render_text_show (cr, layout);
}

guint
ls_safeguarding_render_rows_per_page (double height)
{
  double body = height - 2 * MARGIN - 2 * BAND - HEADER;

  return body > ROW ? (guint) (body / ROW) : 1;
}

static guint
n_rows (LsSafeguarding                 *sg,
        const LsSafeguardingRenderInfo *info)
{
  return info != NULL && info->people != NULL ? info->n_people : ls_safeguarding_get_n_people (sg);
}

static const LsSafeguardingPerson *
row_person (LsSafeguarding                 *sg,
            const LsSafeguardingRenderInfo *info,
            guint                           row)
{
  return info->people != NULL ? info->people[row] : ls_safeguarding_get_person (sg, row);
}

double
ls_safeguarding_render_height (LsSafeguarding                 *sg,
                               const LsSafeguardingRenderInfo *info)
{
  return 2 * MARGIN + 2 * BAND + HEADER + ROW * MAX (1, n_rows (sg, info));
}

static void
draw_bands (const LsSafeguardingRenderInfo *info,
            guint                           page,
            guint                           n_pages,
            cairo_t                        *cr,
            double                          width,
            double                          height)
{
  g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page, n_pages);

  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  text (cr, info->marking, 0, MARGIN / 2 + BAND / 2, width, 11, TRUE, TRUE);
  text (cr, info->marking, 0, height - MARGIN / 2 - BAND / 2, width, 11, TRUE, TRUE);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
  text (cr, footer, width - MARGIN - 200, height - MARGIN / 2 - BAND / 2, 200, 8, FALSE, FALSE);
}

static void
draw_row (const LsSafeguardingPerson *p,
          LsRedactor                 *redactor,
          cairo_t                    *cr,
          double                      x,
          double                      y,
          double                      w)
{
  g_autofree char *age = p->age >= 0 ? g_strdup_printf ("%d", p->age) : g_strdup ("—");
  g_autofree char *summary = ls_safeguarding_person_summary (p, 3);
  gint64 id = g_ascii_strtoll (p->key + strlen ("person:"), NULL, 10);
  g_autofree char *who = redactor ? ls_redactor_person (redactor, id, p->name) : g_strdup (p->name);
  g_autofree char *name = p->risk_rose ? g_strdup_printf ("%s ▲", who) : g_strdup (who);
  const char *values[G_N_ELEMENTS (columns)] = {
    ls_risk_label (p->risk), name, age, redactor ? "—" : p->area, summary,
    ls_referral_status_label (p->referral.status),
  };

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      double cx = x + columns[c].x * w;
      double cw = (c + 1 < G_N_ELEMENTS (columns) ? columns[c + 1].x * w : w) - columns[c].x * w - 8;

      if (c == 0)
        {
          /* The risk as a coloured badge: victims' colour for high. */
          ls_render_style_set_color (cr, p->risk == LS_RISK_HIGH ? LS_STYLE_COLOR_VICTIM
                                         : p->risk == LS_RISK_MEDIUM ? LS_STYLE_COLOR_LINE_HOLDER
                                         : LS_STYLE_COLOR_MUTED);
          cairo_rectangle (cr, cx, y + 5, cw, ROW - 10);
          cairo_fill (cr);
          ls_render_style_set_color (cr, LS_STYLE_COLOR_BACKGROUND);
          text (cr, values[c], cx, y + ROW / 2, cw, 9, TRUE, TRUE);
          continue;
        }
      ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
      text (cr, values[c], cx, y + ROW / 2, cw, 9.5, c == 1 && p->risk_rose, FALSE);
    }
  ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, x, y + ROW);
  cairo_line_to (cr, x + w, y + ROW);
  cairo_stroke (cr);
}

void
ls_safeguarding_render (LsSafeguarding                 *sg,
                        const LsSafeguardingRenderInfo *info,
                        guint                           first,
                        guint                           n,
                        guint                           page,
                        guint                           n_pages,
                        cairo_t                        *cr,
                        double                          width,
                        double                          height)
{
  double x = MARGIN, y = MARGIN + BAND, w = width - 2 * MARGIN;
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *sub = NULL;
  guint rows, all;

  g_return_if_fail (sg != NULL && info != NULL);

  when = ls_time_format_local (info->when >= 0 ? info->when : g_get_real_time () / G_USEC_PER_SEC,
                               "%d/%m/%Y %H:%M");
  title = g_strdup_printf (_("Safeguarding: children and vulnerable adults at risk — %s"),
                           info->title ? info->title : "");
  rows = n_rows (sg, info);
  all = ls_safeguarding_get_n_people (sg);
  /* A list narrowed on the page says so: a reader must not take it for
   * everyone at risk. */
  if (rows != all || (info->filters != NULL && *info->filters != '\0'))
    sub = g_strdup_printf (_("%u of %u people, as at %s (%s). ▲ risk rose since the last review."),
                           rows, all, when, info->filters && *info->filters ? info->filters : _("filtered"));
  else
    sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person, as at %s. ▲ risk rose since the last review.",
                                        "%u people, as at %s. ▲ risk rose since the last review.", all),
                           all, when);

  ls_render_style_set_color (cr, LS_STYLE_COLOR_BACKGROUND);
  cairo_paint (cr);
  draw_bands (info, page, n_pages, cr, width, height);

  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  text (cr, title, x, y + 12, w, 14, TRUE, FALSE);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
  text (cr, sub, x, y + 32, w, 9, FALSE, FALSE);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    text (cr, _(columns[c].title), x + columns[c].x * w, y + HEADER - 10, 200, 9, TRUE, FALSE);
  y += HEADER;

  if (rows == 0)
    {
      ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
      text (cr, all == 0 ? _("No one in the case shows signs of exploitation.")
                         : _("No one on the list matches the page's filters."),
            x, y + ROW / 2, w, 10, FALSE, FALSE);
      return;
    }
  for (guint i = first; i < first + n && i < rows; i++, y += ROW)
    draw_row (row_person (sg, info, i), info->redactor, cr, x, y, w);
}

static gboolean
surface_ok (cairo_surface_t  *surface,
            const char       *path,
            GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
               cairo_status_to_string (status));
  return FALSE;
}

gboolean
ls_safeguarding_export_write (LsCase                       *kase,
                              const LsSafeguardingOptions  *options,
                              const char                   *format,
                              const char                   *path,
                              GError                      **error)
{
  g_autoptr(LsSafeguarding) sg = NULL;
  g_autofree char *name = NULL;
  g_autofree char *marking = NULL;
  LsSafeguardingRenderInfo info = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (format != NULL && path != NULL, FALSE);

  if (!g_str_equal (format, "png") && !g_str_equal (format, "pdf") && !g_str_equal (format, "svg"))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   _("Unknown export format “%s”: expected png, pdf or svg"), format);
      return FALSE;
    }
  {
    g_autoptr(LsLineFacts) facts = ls_line_facts_for_case (kase, NULL, error);

    sg = facts ? ls_safeguarding_build (ls_case_get_db (kase), options, facts, NULL, error) : NULL;
  }
  if (sg == NULL)
    return FALSE;
  name = ls_case_dup_name (kase);
  marking = ls_case_get_meta (kase, "marking");
  info.title = name;
  info.marking = ls_marking_default (marking);
  info.when = -1;
  info.redactor = NULL;

  if (g_str_equal (format, "pdf"))
    {
      /* A4 landscape, in CSS pixels; as many pages as the rows need. */
      double pw = 1123, ph = 794;
      guint per_page = ls_safeguarding_render_rows_per_page (ph);
      guint n = ls_safeguarding_get_n_people (sg);
      guint pages = MAX (1, (n + per_page - 1) / per_page);

      surface = cairo_pdf_surface_create (path, pw * PX_TO_PT, ph * PX_TO_PT);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Safeguarding"));
      cr = cairo_create (surface);
      cairo_scale (cr, PX_TO_PT, PX_TO_PT);
      for (guint p = 0; p < pages; p++)
        {
          ls_safeguarding_render (sg, &info, p * per_page, per_page, p + 1, pages, cr, pw, ph);
          cairo_show_page (cr);
        }
    }
  else
    {
      double w = 1400, h = ls_safeguarding_render_height (sg, &info);

      surface = g_str_equal (format, "svg") ? cairo_svg_surface_create (path, w * PX_TO_PT, h * PX_TO_PT)
                                            : cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
      cr = cairo_create (surface);
      if (g_str_equal (format, "svg"))
        cairo_scale (cr, PX_TO_PT, PX_TO_PT);
      ls_safeguarding_render (sg, &info, 0, ls_safeguarding_get_n_people (sg), 1, 1, cr, w, h);
    }
  cairo_destroy (cr);
  if (g_str_equal (format, "png"))
    {
      cairo_status_t status = cairo_surface_write_to_png (surface, path);

      ok = status == CAIRO_STATUS_SUCCESS;
      if (!ok)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                     cairo_status_to_string (status));
    }
  else
    {
      cairo_surface_finish (surface);
      ok = surface_ok (surface, path, error);
    }
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  {
    const LsExportRecord record = { "safeguarding", format, "none", -1, -1, path };
    return ls_case_record_export (kase, &record, error);
  }
}
