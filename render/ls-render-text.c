/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Text for exports. Cairo's SVG surface writes glyphs as shapes, so a name
 * in an SVG could not be searched, and a test could not prove it redacted.
 * Here each run of a layout becomes a <text> element at the run's
 * baseline, in the run's font, size and colour, stretched to the run's
 * width (textLength) so it sits where the glyphs would. To keep the
 * drawing's order (a title box drawn over a town's name hides it, as on
 * screen) and its clips, each run leaves a marker in the drawing: a faint
 * rectangle in a colour that numbers it. Cairo writes the marker where the
 * run belongs, inside its clip group (or drops it with the run when it is
 * clipped away), and ls_text_capture_finish_svg() puts the <text> there. */
#define G_LOG_DOMAIN "ls-render-text"
#include "config.h"

#include <math.h>
#include <string.h>

#include "ls-render-text.h"

struct _LsTextCapture
{
  LsRedactor *redactor;
  gboolean    svg;
  GPtrArray  *elements;    /* the <text> of run N, drawn as marker N */
};

static const cairo_user_data_key_t capture_key;

LsTextCapture *
ls_text_capture_new (LsRedactor *redactor,
                     gboolean    svg)
{
  LsTextCapture *self = g_new0 (LsTextCapture, 1);

  self->redactor = redactor;
  self->svg = svg;
  self->elements = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
ls_text_capture_free (LsTextCapture *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->elements);
  g_free (self);
}

void
ls_text_capture_attach (LsTextCapture *self,
                        cairo_t       *cr)
{
  g_return_if_fail (self != NULL && cr != NULL);

  cairo_set_user_data (cr, &capture_key, self, NULL);
}

/* Markers are red 3/255, green and blue the run's number, alpha 0.01:
 * no drawing uses that colour that faintly. */
#define MARKER_RED 3
#define MARKER_ALPHA 0.01
#define MARKER_MAX 65536

static void
draw_marker (cairo_t *cr,
             guint    index,
             double   x,
             double   y,
             double   width,
             double   height)
{
  cairo_save (cr);
  cairo_new_path (cr);
  cairo_rectangle (cr, x, y, MAX (width, 0.5), MAX (height, 0.5));
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_set_source_rgba (cr, MARKER_RED / 255.0, (index >> 8) / 255.0, (index & 0xff) / 255.0, MARKER_ALPHA);
  cairo_fill (cr);
  cairo_restore (cr);
}

static int
percent_to_byte (const char *text)
{
  return (int) (g_ascii_strtod (text, NULL) * 2.55 + 0.5);
}

static gboolean
replace_marker (const GMatchInfo *match,
                GString          *out,
                gpointer          data)
{
  LsTextCapture *self = data;
  g_autofree char *r = g_match_info_fetch (match, 1);
  g_autofree char *g = g_match_info_fetch (match, 2);
  g_autofree char *b = g_match_info_fetch (match, 3);
  guint index = percent_to_byte (g) << 8 | percent_to_byte (b);

  if (percent_to_byte (r) == MARKER_RED && index < self->elements->len)
    {
      g_string_append (out, self->elements->pdata[index]);
    }
  else
    {
      g_autofree char *whole = g_match_info_fetch (match, 0);
      g_string_append (out, whole);
    }

  return FALSE;
}

char *
ls_text_capture_finish_svg (LsTextCapture *self,
                            const char    *svg)
{
  g_autoptr(GRegex) marker = g_regex_new ("<path style=\"[^\"]*fill:rgb\\(([0-9.]+)%,([0-9.]+)%,([0-9.]+)%\\);"
                                          "fill-opacity:0\\.01;\"[^>]*/>\n?", 0, 0, NULL);

  g_return_val_if_fail (self != NULL && svg != NULL, NULL);

  return g_regex_replace_eval (marker, svg, -1, 0, 0, replace_marker, self, NULL);
}

guint
ls_text_capture_get_n_strings (LsTextCapture *self)
{
  return self->elements->len;
}

/* LAYOUT, or a copy holding the redacted text (in *COPY). */
static PangoLayout *
redacted (LsTextCapture  *self,
          PangoLayout    *layout,
          PangoLayout   **copy)
{
  const char *text = pango_layout_get_text (layout);
  g_autofree char *clean = NULL;

  if (self->redactor == NULL || text == NULL)
    return layout;
  clean = ls_redactor_text (self->redactor, text);
  if (g_strcmp0 (clean, text) == 0)
    return layout;
  *copy = pango_layout_copy (layout);
  pango_layout_set_text (*copy, clean, -1);

  return *copy;
}

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.3f", fabs (value) < 1e-9 ? 0 : value));
}

static void
append_color (GString    *out,
              const char *attribute,
              double      r,
              double      g,
              double      b,
              double      a)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", attribute,
                          (int) lround (CLAMP (r, 0, 1) * 255),
                          (int) lround (CLAMP (g, 0, 1) * 255),
                          (int) lround (CLAMP (b, 0, 1) * 255));
  if (a < 1)
    {
      g_string_append_printf (out, " %s-opacity=\"", attribute);
      append_number (out, a);
      g_string_append_c (out, '"');
    }
}

/* The colour text is filled with: a run's own foreground, else the source. */
static void
run_color (cairo_t      *cr,
           PangoItem    *item,
           double        rgba[4])
{
  cairo_pattern_t *source = cairo_get_source (cr);

  rgba[0] = rgba[1] = rgba[2] = 0;
  rgba[3] = 1;
  if (cairo_pattern_get_type (source) == CAIRO_PATTERN_TYPE_SOLID)
    cairo_pattern_get_rgba (source, &rgba[0], &rgba[1], &rgba[2], &rgba[3]);
  for (GSList *l = item->analysis.extra_attrs; l; l = l->next)
    {
      PangoAttribute *attr = l->data;

      if (attr->klass->type == PANGO_ATTR_FOREGROUND)
        {
          PangoColor *c = &((PangoAttrColor *) attr)->color;
          rgba[0] = c->red / 65535.0;
          rgba[1] = c->green / 65535.0;
          rgba[2] = c->blue / 65535.0;
        }
    }
}

/* Text wholly outside the clip is not on the page, so it is not written. */
static gboolean
visible (cairo_t *cr,
         double   x,
         double   y,
         double   width,
         double   height)
{
  double x1, y1, x2, y2;

  cairo_clip_extents (cr, &x1, &y1, &x2, &y2);
  return x < x2 && x + width > x1 && y < y2 && y + height > y1;
}

static void
record_run (LsTextCapture    *self,
            cairo_t          *cr,
            PangoLayout      *layout,
            const char       *text,
            PangoLayoutRun   *run,
            double            x,
            double            y,
            double            width,
            double            top,
            double            height,
            const double     *halo,
            double            halo_width)
{
  PangoItem *item = run->item;
  const PangoMatrix *ctm = pango_context_get_matrix (pango_layout_get_context (layout));
  /* Fonts are sized on the device: back to user space, where <text> is. */
  double font_scale = ctm && pango_matrix_get_font_scale_factor (ctm) > 0 ? pango_matrix_get_font_scale_factor (ctm) : 1;
  g_autoptr(PangoFontDescription) desc = pango_font_describe_with_absolute_size (item->analysis.font);
  g_autofree char *content = NULL, *family = NULL, *escaped = NULL;
  g_autoptr(GString) common = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  cairo_matrix_t m;
  double rgba[4];

  if (item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
    content = g_strdup ("…");
  else
    content = g_strndup (text + item->offset, item->length);
  g_strchomp (content);
  if (*content == '\0')
    return;

  cairo_get_matrix (cr, &m);
  run_color (cr, item, rgba);
  family = g_markup_escape_text (pango_font_description_get_family (desc) ? pango_font_description_get_family (desc) : "sans-serif", -1);
  common = g_string_new ("xml:space=\"preserve\" transform=\"matrix(");
  append_number (common, m.xx); g_string_append_c (common, ' ');
  append_number (common, m.yx); g_string_append_c (common, ' ');
  append_number (common, m.xy); g_string_append_c (common, ' ');
  append_number (common, m.yy); g_string_append_c (common, ' ');
  append_number (common, m.x0); g_string_append_c (common, ' ');
  append_number (common, m.y0);
  g_string_append (common, ")\" x=\"");
  append_number (common, x);
  g_string_append (common, "\" y=\"");
  append_number (common, y);
  g_string_append_printf (common, "\" font-family=\"%s, sans-serif\" font-size=\"", family);
  append_number (common, pango_font_description_get_size (desc) / (double) PANGO_SCALE / font_scale);
  g_string_append_printf (common, "\" font-weight=\"%d\"", (int) pango_font_description_get_weight (desc));
  if (pango_font_description_get_style (desc) != PANGO_STYLE_NORMAL)
    g_string_append (common, " font-style=\"italic\"");
  if (width > 0)
    {
      g_string_append (common, " textLength=\"");
      append_number (common, width);
      g_string_append (common, "\" lengthAdjust=\"spacingAndGlyphs\"");
    }
  escaped = g_markup_escape_text (content, -1);

  /* The halo is a stroked copy underneath (paint-order is not read by
   * every SVG viewer), hidden from screen readers. */
  if (halo != NULL)
    {
      g_string_append_printf (out, "<text %s fill=\"none\" aria-hidden=\"true\"", common->str);
      append_color (out, "stroke", halo[0], halo[1], halo[2], halo[3]);
      g_string_append (out, " stroke-width=\"");
      append_number (out, halo_width);
      g_string_append_printf (out, "\" stroke-linejoin=\"round\">%s</text>\n", escaped);
    }
  g_string_append_printf (out, "<text %s", common->str);
  append_color (out, "fill", rgba[0], rgba[1], rgba[2], rgba[3]);
  g_string_append_printf (out, ">%s</text>\n", escaped);

  if (self->elements->len < MARKER_MAX)
    {
      draw_marker (cr, self->elements->len, x, top, width, height);
      g_ptr_array_add (self->elements, g_string_free (g_steal_pointer (&out), FALSE));
    }
}

/* One element per run: runs change font (bold spans), and each has its
 * own baseline position. */
static void
record (LsTextCapture *self,
        cairo_t       *cr,
        PangoLayout   *layout,
        const double  *halo,
        double         halo_width)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  const char *text = pango_layout_get_text (layout);
  gboolean had_point = cairo_has_current_point (cr);
  double x0 = 0, y0 = 0;

  if (had_point)
    cairo_get_current_point (cr, &x0, &y0);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      double x, y, w, h, baseline;

      if (run == NULL)
        continue;
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      x = x0 + logical.x / (double) PANGO_SCALE;
      y = y0 + logical.y / (double) PANGO_SCALE;
      w = logical.width / (double) PANGO_SCALE;
      h = logical.height / (double) PANGO_SCALE;
      baseline = y0 + pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
      if (visible (cr, x, y, w, h))
        record_run (self, cr, layout, text, run, x, baseline, w, y, h, halo, halo_width);
    }
  while (pango_layout_iter_next_run (iter));
  /* The markers took the path; the current point stays as showing text
   * leaves it. */
  cairo_new_path (cr);
  if (had_point)
    cairo_move_to (cr, x0, y0);
}

void
ls_render_text_show (cairo_t     *cr,
                     PangoLayout *layout)
{
  LsTextCapture *self = cairo_get_user_data (cr, &capture_key);
  g_autoptr(PangoLayout) copy = NULL;

  if (self == NULL)
    {
      pango_cairo_show_layout (cr, layout);
      return;
    }
  layout = redacted (self, layout, &copy);
  if (self->svg)
    record (self, cr, layout, NULL, 0);
  else
    pango_cairo_show_layout (cr, layout);
}

void
ls_render_text_show_halo (cairo_t      *cr,
                          PangoLayout  *layout,
                          const double  halo[4],
                          double        width)
{
  LsTextCapture *self = cairo_get_user_data (cr, &capture_key);
  g_autoptr(PangoLayout) copy = NULL;
  double x = 0, y = 0;

  if (self != NULL)
    layout = redacted (self, layout, &copy);
  if (self != NULL && self->svg)
    {
      record (self, cr, layout, halo, width);
      return;
    }

  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x, &y);
  cairo_save (cr);
  pango_cairo_layout_path (cr, layout);
  cairo_set_source_rgba (cr, halo[0], halo[1], halo[2], halo[3]);
  cairo_set_line_width (cr, width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  cairo_restore (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}
