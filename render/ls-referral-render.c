/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The referral summary is laid out with LsDocument (Cairo + Pango), which
 * puts the marking in the header and footer of every page. The lists are
 * shortened until the summary fits on one page. */
#define G_LOG_DOMAIN "ls-referral-render"
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ls-referral-render.h"
#include "ls-render-style.h"
#include "ls-time.h"

typedef struct {
  guint indicators;
  guint contacts;
  guint places;
  guint history;
} Limits;

static char *
format_date (gint64 when)
{
  return when < 0 ? g_strdup ("—") : ls_time_format_local (when, "%d/%m/%Y");
}

/* The signs are drawn by hand, smaller than LsDocument's tables, so that
 * all of them fit on the one page with their dates and evidence. */
#define WHY_GAP   4.0
#define WHY_SPLIT 0.74

typedef struct {
  GPtrArray *rows;   /* GStrv: title, text, dates and evidence */
} Why;

static void
why_free (gpointer data)
{
  Why *why = data;

  g_ptr_array_unref (why->rows);
  g_free (why);
}

static PangoLayout *
why_layout (cairo_t    *cr,
            const char *text,
            guint       bold_len,
            double      size,
            double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (ls_render_style_font ());
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);   /* never markup: the text comes from the case */
  if (bold_len > 0)
    {
      PangoAttribute *bold = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
      bold->start_index = 0;
      bold->end_index = bold_len;
      pango_attr_list_insert (attrs, bold);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* Lays out (and, when DRAW, draws) every row; returns the height. */
static double
why_run (Why      *why,
         cairo_t  *cr,
         double    width,
         gboolean  draw)
{
  double y = 0;

  for (guint i = 0; i < why->rows->len; i++)
    {
      GStrv row = g_ptr_array_index (why->rows, i);
      g_autoptr(PangoLayout) left = why_layout (cr, row[1], 0, 8.5, width * WHY_SPLIT - 8);
      g_autoptr(PangoLayout) right = why_layout (cr, row[2], 0, 7.5, width * (1 - WHY_SPLIT));
      double h = MAX (layout_height (left), layout_height (right));

      if (draw)
        {
          ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
          cairo_move_to (cr, 0, y);
          pango_cairo_show_layout (cr, left);
          cairo_move_to (cr, width * WHY_SPLIT, y);
          pango_cairo_show_layout (cr, right);
          ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
          cairo_set_line_width (cr, 0.5);
          cairo_move_to (cr, 0, y + h + WHY_GAP / 2);
          cairo_line_to (cr, width, y + h + WHY_GAP / 2);
          cairo_stroke (cr);
        }
      y += h + WHY_GAP;
    }

  return y;
}

static void
why_draw (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  data)
{
  why_run (data, cr, width, TRUE);
}

static double
why_measure (Why    *why,
             double  width)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, 595, 842);
  cairo_t *cr = cairo_create (surface);
  double h = why_run (why, cr, width, FALSE);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return h;
}

static GStrv
indicator_row (const LsIndicator *ind)
{
  g_autofree char *first = format_date (ind->first);
  g_autofree char *last = format_date (ind->last);
  g_autofree char *dates = NULL;
  g_autofree char *records = NULL;
  GStrv row = g_new0 (char *, 4);
  const char *source = NULL;

  for (guint i = 0; i < ind->evidence->len && source == NULL; i++)
    source = g_array_index (ind->evidence, LsIndicatorEvidence, i).source;

  if (ind->first >= 0)
    dates = g_str_equal (first, last) ? g_strdup (first) : g_strdup_printf ("%s – %s", first, last);
  if (source)
    records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record, e.g. %s", "%u records, e.g. %s",
                                            ind->n_evidence_total), ind->n_evidence_total, source);
  else
    records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", ind->n_evidence_total),
                               ind->n_evidence_total);

  row[0] = g_strdup (ls_indicator_title (ind->code));
  row[1] = g_strdup (ind->text);
  row[2] = dates ? g_strdup_printf ("%s\n%s", dates, records) : g_steal_pointer (&records);

  return row;
}

static void
add_why (LsDocument                 *doc,
         const LsSafeguardingPerson *p,
         guint                       limit)
{
  Why *why = g_new0 (Why, 1);

  why->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; i < p->indicators->len && i < limit; i++)
    g_ptr_array_add (why->rows, indicator_row (g_ptr_array_index (p->indicators, i)));

  ls_document_add_subheading (doc, _("Why: the signs of exploitation"));
  ls_document_add_drawing (doc, why_measure (why, ls_document_get_content_width (doc)), why_draw, why, why_free);
  if (p->indicators->len > limit)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more signs, listed in the case"), p->indicators->len - limit);
      ls_document_add_note (doc, more);
    }
}

static void
add_one_row_table (LsDocument         *doc,
                   const char * const *header,
                   const double       *widths,
                   const char * const *values)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_ptr_array_add (rows, g_strdupv ((char **) values));
  ls_document_add_table (doc, header, rows, widths);
}

static void
add_who (LsDocument                 *doc,
         const LsSafeguardingPerson *p)
{
  const char * const header[] = { _("Name"), _("Date of birth"), _("Age"), _("Address"), _("Risk"), NULL };
  const double widths[] = { 0.2, 0.14, 0.2, 0.36, 0.1 };
  g_autofree char *age = NULL;
  g_autofree char *latest = format_date (p->latest_activity);
  const char *values[6];

  if (p->age >= 0)
    age = g_strdup_printf (_("%d on %s (latest activity)"), p->age, latest);
  values[0] = p->name;
  values[1] = p->dob ? p->dob : _("not known");
  values[2] = age ? age : _("not known");
  values[3] = p->address ? p->address : _("not known");
  values[4] = ls_risk_label (p->risk);
  values[5] = NULL;

  ls_document_add_subheading (doc, p->child ? _("Who they are: a child at risk of criminal exploitation")
                                            : _("Who they are: a vulnerable adult at risk of exploitation"));
  add_one_row_table (doc, header, widths, values);
}

/* Who they are in contact with, beside where they have been: two
 * columns of short lines. */
typedef struct {
  GStrv left;
  GStrv right;
} Columns;

static void
columns_free (gpointer data)
{
  Columns *c = data;

  g_strfreev (c->left);
  g_strfreev (c->right);
  g_free (c);
}

static double
column_run (cairo_t            *cr,
            const char * const *lines,
            double              x,
            double              width,
            gboolean            draw)
{
  double y = 0;

  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(PangoLayout) layout = why_layout (cr, lines[i], i == 0 ? strlen (lines[0]) : 0,
                                                  i == 0 ? 9.5 : 8.5, width - 10);
      if (draw)
        {
          ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, layout);
        }
      y += layout_height (layout) + (i == 0 ? 3 : 2);
    }

  return y;
}

static void
columns_draw (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  data)
{
  Columns *c = data;

  column_run (cr, (const char * const *) c->left, 0, width / 2, TRUE);
  column_run (cr, (const char * const *) c->right, width / 2, width / 2, TRUE);
}

static GStrv
column_lines (const char *heading,
              GPtrArray  *items,
              guint       limit,
              const char *none)
{
  GStrvBuilder *b = g_strv_builder_new ();
  GStrv lines;

  g_strv_builder_add (b, heading);
  if (items->len == 0)
    g_strv_builder_add (b, none);
  for (guint i = 0; i < items->len && i < limit; i++)
    {
      g_autofree char *bullet = g_strdup_printf ("• %s", (char *) g_ptr_array_index (items, i));
      g_strv_builder_add (b, bullet);
    }
  lines = g_strv_builder_end (b);
  g_strv_builder_unref (b);

  return lines;
}

static void
add_contacts_and_places (LsDocument                 *doc,
                         const LsSafeguardingPerson *p,
                         const Limits               *lim)
{
  Columns *c = g_new0 (Columns, 1);
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL, 595, 842);
  cairo_t *cr = cairo_create (surface);
  double width = ls_document_get_content_width (doc), h;

  c->left = column_lines (_("Who they are in contact with"), p->contacts, lim->contacts,
                          _("No contacts in the phone data"));
  c->right = column_lines (_("Where they have been"), p->places, lim->places, _("No locations in the data"));
  h = MAX (column_run (cr, (const char * const *) c->left, 0, width / 2, FALSE),
           column_run (cr, (const char * const *) c->right, 0, width / 2, FALSE));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  ls_document_add_drawing (doc, h, columns_draw, c, columns_free);
}

static void
add_referral (LsDocument                 *doc,
              const LsSafeguardingPerson *p,
              GPtrArray                  *history,
              guint                       limit)
{
  const LsReferral *r = &p->referral;

  const char * const header[] = { _("Status"), _("Agency"), _("Reference"), _("Date"), _("Recorded by"), NULL };
  const double widths[] = { 0.3, 0.22, 0.16, 0.14, 0.18 };
  const char * const values[] = { ls_referral_status_label (r->status), r->agency ? r->agency : "—",
                                  r->reference ? r->reference : "—", r->date ? r->date : "—",
                                  r->recorded_by ? r->recorded_by : "—", NULL };

  ls_document_add_subheading (doc, _("Referral"));
  add_one_row_table (doc, header, widths, values);
  if (r->notes)
    ls_document_add_field (doc, _("Notes"), r->notes);
  if (p->risk_rose)
    ls_document_add_paragraph (doc, _("The risk level has risen since the last review of this referral."));

  for (guint i = history && history->len > limit ? history->len - limit : 0; history && i < history->len; i++)
    {
      const LsReferralHistoryEntry *e = g_ptr_array_index (history, i);
      g_autofree char *when = ls_time_format_local (e->at, "%d/%m/%Y %H:%M");
      g_autofree char *line = g_strdup_printf (_("%s: %s → %s (%s)"), when, e->old_value, e->new_value, e->user);

      ls_document_add_note (doc, line);
    }
}

static LsDocument *
build (const LsSafeguardingPerson *p,
       GPtrArray                  *history,
       const LsReferralRenderInfo *info,
       const Limits               *lim)
{
  g_autofree char *title = g_strdup_printf (_("Safeguarding referral summary: %s"), p->name);
  g_autofree char *when = ls_time_format_local (info->prepared_at >= 0 ? info->prepared_at
                                                : g_get_real_time () / G_USEC_PER_SEC, "%d/%m/%Y %H:%M");
  const char *by = info->prepared_by ? info->prepared_by : g_get_real_name ();
  g_autofree char *about = g_strdup_printf (_("Case “%s”. Prepared %s by %s with Linesight. The signs below "
                                              "are drawn from phone data and police records; they are for "
                                              "a professional to assess, not findings of fact."),
                                            info->case_name ? info->case_name : "—", when, by);
  LsDocument *doc = ls_document_new (title, info->marking);

  ls_document_set_metadata (doc, _("Safeguarding referral summary"), by);
  ls_document_add_heading (doc, title);
  ls_document_add_note (doc, about);
  add_who (doc, p);

  add_why (doc, p, lim->indicators);
  add_contacts_and_places (doc, p, lim);
  add_referral (doc, p, history, lim->history);

  return doc;
}

LsDocument *
ls_referral_document_new (const LsSafeguardingPerson *person,
                          GPtrArray                  *history,
                          const LsReferralRenderInfo *info)
{
  Limits lim = { 16, 6, 6, 3 };
  LsDocument *doc;

  g_return_val_if_fail (person != NULL && info != NULL, NULL);

  /* Shorten the longest lists until it fits on one page. */
  for (;;)
    {
      doc = build (person, history, info, &lim);
      if (ls_document_get_n_pages (doc) <= 1 || (lim.indicators <= 3 && lim.contacts <= 2 &&
                                                 lim.places <= 1 && lim.history == 0))
        return doc;
      ls_document_free (doc);
      if (lim.history > 0)
        lim.history--;
      else if (lim.places > 1)
        lim.places--;
      else if (lim.contacts > 2)
        lim.contacts--;
      else
        lim.indicators--;
    }
}

gboolean
ls_referral_render_pdf (const LsSafeguardingPerson  *person,
                        GPtrArray                   *history,
                        const LsReferralRenderInfo  *info,
                        const char                  *path,
                        GError                     **error)
{
  g_autoptr(LsDocument) doc = ls_referral_document_new (person, history, info);

  return ls_document_write_pdf (doc, path, error);
}
