/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline renderer. Everything is laid out from the scene and the
 * surface size alone (ls_timeline_render_layout), so hit-testing in the
 * widget agrees with what was drawn. */
#define G_LOG_DOMAIN "ls-timeline-render"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "ls-render-style.h"
#include "ls-render-text.h"
#include "ls-time.h"
#include "ls-time-axis.h"
#include "ls-timeline-render.h"

#define PAD 8.0
#define STRIP_HEIGHT 44.0
#define AXIS_HEIGHT 30.0
#define TITLE_HEIGHT 62.0
#define HEAT_ROW 13.0
#define LEGEND_HEIGHT 22.0
#define MIN_LANE 16.0
#define MAX_LANE 36.0

typedef struct {
  cairo_t                *cr;
  const LsTimelineScene  *scene;
  LsTimelineLayout        layout;
  PangoLayout            *text;
  int                    *row_of_lane;  /* model lane → visible row, or -1 */
  guint                   n_model_lanes;
  GArray                 *boxes;        /* cairo_rectangle_int_t: bars waiting to be filled */
} Ctx;

static const LsColor event_colors[LS_TIMELINE_N_EVENT_KINDS] = {
  [LS_TIMELINE_EVENT_MISSING]           = { 0.57, 0.25, 0.67, 1.0 },
  [LS_TIMELINE_EVENT_FOUND_OUT_OF_AREA] = { 0.90, 0.38, 0.00, 1.0 },
  [LS_TIMELINE_EVENT_ARREST]            = { 0.65, 0.11, 0.18, 1.0 },
  [LS_TIMELINE_EVENT_STOP_SEARCH]       = { 0.80, 0.58, 0.00, 1.0 },
  [LS_TIMELINE_EVENT_HOSPITAL]          = { 0.15, 0.60, 0.35, 1.0 },
  [LS_TIMELINE_EVENT_SCHOOL_EXCLUSION]  = { 0.10, 0.45, 0.75, 1.0 },
  [LS_TIMELINE_EVENT_OTHER]             = { 0.47, 0.46, 0.48, 1.0 },
  [LS_TIMELINE_EVENT_HANDSET_CHANGE]    = { 0.21, 0.52, 0.89, 1.0 },
  [LS_TIMELINE_EVENT_NUMBER_CHANGE]     = { 0.14, 0.12, 0.19, 1.0 },
};

static const char * const event_names[LS_TIMELINE_N_EVENT_KINDS] = {
  [LS_TIMELINE_EVENT_MISSING]           = N_("Missing from home"),
  [LS_TIMELINE_EVENT_FOUND_OUT_OF_AREA] = N_("Found out of area"),
  [LS_TIMELINE_EVENT_ARREST]            = N_("Arrest"),
  [LS_TIMELINE_EVENT_STOP_SEARCH]       = N_("Stop and search"),
  [LS_TIMELINE_EVENT_HOSPITAL]          = N_("Hospital attendance"),
  [LS_TIMELINE_EVENT_SCHOOL_EXCLUSION]  = N_("School exclusion"),
  [LS_TIMELINE_EVENT_OTHER]             = N_("Other event"),
  [LS_TIMELINE_EVENT_HANDSET_CHANGE]    = N_("Handset change"),
  [LS_TIMELINE_EVENT_NUMBER_CHANGE]     = N_("New number"),
};

const char *
ls_timeline_render_event_name (LsTimelineEventKind kind)
{
  g_return_val_if_fail (kind < LS_TIMELINE_N_EVENT_KINDS, "");

  return _(event_names[kind]);
}

static guint
scene_n_lanes (const LsTimelineScene *scene)
{
  guint total = ls_timeline_model_get_n_lanes (scene->model);

  if (scene->lanes)
    return scene->n_lanes;
  return total > scene->first_lane ? total - scene->first_lane : 0;
}

static guint
scene_lane (const LsTimelineScene *scene,
            guint                  row)
{
  return scene->lanes ? scene->lanes[row] : scene->first_lane + row;
}

void
ls_timeline_render_layout (const LsTimelineScene *scene,
                           double                 width,
                           double                 height,
                           LsTimelineLayout      *l)
{
  double y = PAD, bottom = height - PAD;
  guint n = scene_n_lanes (scene);

  memset (l, 0, sizeof *l);
  l->width = width;
  l->height = height;
  l->plot_x = MIN (200.0, MAX (110.0, width * 0.2));
  l->plot_width = MAX (10.0, width - l->plot_x - PAD * 2);
  if (scene->title_block)
    {
      l->title_y = y + 18;
      l->title_height = TITLE_HEIGHT;
      y = l->title_y + TITLE_HEIGHT;
      bottom -= 24;
    }
  else if (scene->footer)
    bottom -= 18;
  l->strip_y = y;
  l->strip_height = STRIP_HEIGHT;
  y += STRIP_HEIGHT;
  l->axis_y = y;
  l->axis_height = AXIS_HEIGHT;
  y += AXIS_HEIGHT;
  if (scene->legend)
    {
      l->legend_y = bottom - LEGEND_HEIGHT + 4;
      bottom -= LEGEND_HEIGHT + 4;
    }
  if (scene->heat)
    {
      l->heat_height = HEAT_ROW * 7 + 22;
      l->heat_y = bottom - l->heat_height;
      bottom = l->heat_y - 10;
    }
  l->lanes_y = y + 2;
  l->lane_height = n ? CLAMP ((bottom - l->lanes_y) / n, MIN_LANE, MAX_LANE) : MAX_LANE;
  l->n_visible = MIN (n, (guint) MAX (0.0, floor ((bottom - l->lanes_y) / l->lane_height)));
  /* Heat map and legend follow the lanes rather than the page's foot. */
  y = l->lanes_y + l->n_visible * l->lane_height + 14;
  if (scene->heat)
    {
      l->heat_y = y;
      y += l->heat_height + 10;
    }
  if (scene->legend)
    l->legend_y = y;
}

double
ls_timeline_render_x_at (const LsTimelineScene  *scene,
                         const LsTimelineLayout *layout,
                         gint64                  t)
{
  return layout->plot_x + (double) (t - scene->from) * layout->plot_width / (double) MAX (1, scene->to - scene->from);
}

gint64
ls_timeline_render_time_at (const LsTimelineScene  *scene,
                            const LsTimelineLayout *layout,
                            double                  x)
{
  return scene->from + (gint64) floor ((x - layout->plot_x) * (double) (scene->to - scene->from) / layout->plot_width);
}

double
ls_timeline_render_row_y (const LsTimelineLayout *layout,
                          guint                   row)
{
  return layout->lanes_y + row * layout->lane_height;
}

int
ls_timeline_render_lane_at (const LsTimelineScene  *scene,
                            const LsTimelineLayout *layout,
                            double                  y)
{
  double row = floor ((y - layout->lanes_y) / layout->lane_height);

  if (y < layout->lanes_y || row >= layout->n_visible)
    return -1;
  return scene_lane (scene, (guint) row);
}

char *
ls_timeline_render_mask_number (const char *number)
{
  GString *s = g_string_new (NULL);
  gsize len = number ? strlen (number) : 0;

  for (gsize i = 0; i < len; i++)
    {
      if (i < 5 || i + 2 >= len || !g_ascii_isdigit (number[i]))
        g_string_append_c (s, number[i]);
      else
        g_string_append (s, "•");
    }
  return g_string_free (s, FALSE);
}

char *
ls_timeline_render_lane_label (const LsTimelineScene *scene,
                               guint                  lane)
{
  const LsTimelineLane *l = ls_timeline_model_get_lane (scene->model, lane);
  gboolean is_person = g_str_has_prefix (l->key, "person:");

  if (scene->hide_names && is_person)
    return g_strdup_printf (_("Person %s"), l->key + strlen ("person:"));
  if (!is_person && (scene->hide_numbers || scene->hide_names))
    return ls_timeline_render_mask_number (l->label);
  return g_strdup (l->label);
}

static char *
lane_detail (const LsTimelineScene *scene,
             guint                  lane)
{
  const LsTimelineLane *l = ls_timeline_model_get_lane (scene->model, lane);
  gboolean is_person = g_str_has_prefix (l->key, "person:");

  if (l->detail == NULL)
    return NULL;
  if (is_person && (scene->hide_numbers || scene->hide_names))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u number", "%u numbers", l->phone_ids->len),
                            l->phone_ids->len);
  if (!is_person && scene->hide_names)
    return NULL;
  return g_strdup (l->detail);
}

static void
text_at (Ctx        *ctx,
         const char *text,
         double      x,
         double      y,
         double      size,
         gboolean    bold,
         double      align,      /* 0 left, 0.5 centre, 1 right of X */
         double      max_width)
{
  PangoFontDescription *font = pango_font_description_from_string (ls_render_style_font ());
  int w, h;

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (ctx->text, font);
  pango_font_description_free (font);
  pango_layout_set_width (ctx->text, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (ctx->text, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (ctx->text, text, -1);
  pango_layout_get_pixel_size (ctx->text, &w, &h);
  cairo_move_to (ctx->cr, x - w * align, y);
  ls_render_text_show (ctx->cr, ctx->text);
}

static void
set_color (cairo_t       *cr,
           const LsColor *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static const LsColor *
lane_color (const LsTimelineLane *lane)
{
  return ls_render_style_color (lane->victim ? LS_STYLE_COLOR_VICTIM : LS_STYLE_COLOR_ACCENT);
}

static gboolean
lane_selected (const LsTimelineScene *scene,
               const LsTimelineLane  *lane)
{
  return scene->selection != NULL &&
         (g_strv_contains (scene->selection, lane->key) ||
          g_strv_contains (scene->selection, lane->select_key));
}

static void
draw_title (Ctx *ctx)
{
  const LsTimelineScene *scene = ctx->scene;
  g_autofree char *range = ls_time_axis_format_range (scene->from, scene->to);
  g_autofree char *line = g_strdup_printf (_("Timeline, %s (UK time)"), range);
  const char *mode = ls_timeline_model_get_mode (scene->model) == LS_TIMELINE_LANES_PEOPLE
                     ? _("One lane per person; ▲ outgoing, ▼ incoming calls and messages")
                     : _("One lane per phone; ▲ outgoing, ▼ incoming calls and messages");

  ls_render_style_set_color (ctx->cr, LS_STYLE_COLOR_FOREGROUND);
  text_at (ctx, scene->case_name ? scene->case_name : _("Untitled case"), PAD, ctx->layout.title_y, 18, TRUE, 0, ctx->layout.width - 2 * PAD);
  text_at (ctx, line, PAD, ctx->layout.title_y + 24, 12, FALSE, 0, ctx->layout.width - 2 * PAD);
  ls_render_style_set_color (ctx->cr, LS_STYLE_COLOR_MUTED);
  text_at (ctx, mode, PAD, ctx->layout.title_y + 41, 11, FALSE, 0, ctx->layout.width - 2 * PAD);
}

static void
draw_marking (Ctx *ctx)
{
  g_autofree char *upper = NULL;

  if (ctx->scene->marking == NULL || *ctx->scene->marking == '\0')
    return;
  upper = g_utf8_strup (ctx->scene->marking, -1);
  ls_render_style_set_color (ctx->cr, LS_STYLE_COLOR_FOREGROUND);
  text_at (ctx, upper, ctx->layout.width / 2, 4, 12, TRUE, 0.5, -1);
  text_at (ctx, upper, ctx->layout.width / 2, ctx->layout.height - 20, 12, TRUE, 0.5, -1);
}

static double
plot_right (Ctx *ctx)
{
  return ctx->layout.plot_x + ctx->layout.plot_width;
}

static void
draw_lane_backgrounds (Ctx *ctx)
{
  const LsTimelineScene *scene = ctx->scene;
  cairo_t *cr = ctx->cr;
  double lh = ctx->layout.lane_height;

  for (guint row = 0; row < ctx->layout.n_visible; row++)
    {
      guint lane = scene_lane (scene, row);
      const LsTimelineLane *l = ls_timeline_model_get_lane (scene->model, lane);
      double y = ls_timeline_render_row_y (&ctx->layout, row);
      g_autofree char *label = ls_timeline_render_lane_label (scene, lane);
      g_autofree char *detail = lane_detail (scene, lane);
      gboolean selected = lane_selected (scene, l);

      if (selected)
        set_color (cr, ls_render_style_color (LS_STYLE_COLOR_ACCENT), 0.14);
      else
        cairo_set_source_rgba (cr, 0.5, 0.5, 0.55, row % 2 ? 0.07 : 0.02);
      cairo_rectangle (cr, 0, y, plot_right (ctx), lh);
      cairo_fill (cr);
      /* Victims first: a bar in the victim colour by their name. */
      set_color (cr, lane_color (l), 1.0);
      cairo_rectangle (cr, PAD - 4, y + 2, l->victim ? 4 : 2, lh - 4);
      cairo_fill (cr);

      ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
      if (detail && lh >= 28)
        {
          text_at (ctx, label, PAD + 4, y + lh / 2 - 14, 12, selected, 0, ctx->layout.plot_x - PAD - 8);
          ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
          text_at (ctx, detail, PAD + 4, y + lh / 2 + 1, 10, FALSE, 0, ctx->layout.plot_x - PAD - 8);
        }
      else if (detail && g_str_has_prefix (l->key, "phone:"))
        {
          /* One line: whose phone it is comes first. */
          g_autofree char *both = g_strdup_printf ("%s · %s", detail, label);
          text_at (ctx, both, PAD + 4, y + lh / 2 - 8, MIN (12, lh - 5), selected, 0, ctx->layout.plot_x - PAD - 8);
        }
      else
        text_at (ctx, label, PAD + 4, y + lh / 2 - 8, MIN (12, lh - 5), selected, 0, ctx->layout.plot_x - PAD - 8);
    }
}

/* Queues a bar on whole pixels. */
static void
bar (Ctx    *ctx,
     double  x0,
     double  x1,
     double  base,
     double  height)
{
  int a = (int) round (x0), z = (int) round (x1), h = (int) round (height), y = (int) round (base);
  cairo_rectangle_int_t box;

  if (z <= a)
    z = a + 1;
  if (h == 0)
    h = height < 0 ? -1 : 1;
  box = (cairo_rectangle_int_t) { a, h < 0 ? y + h : y, z - a, ABS (h) };
  g_array_append_val (ctx->boxes, box);
}

/* Blends the queued bars into the pixels when the target is an ARGB32
 * image with no rotation: thousands of small boxes cost cairo about a
 * microsecond each, and a whole-case view has tens of thousands. Other
 * targets (PDF, SVG) get rectangles. Either way the queue is emptied. */
static void
fill_boxes (Ctx           *ctx,
            const LsColor *color,
            double         alpha)
{
  cairo_t *cr = ctx->cr;
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sx = 1, sy = 1, ox = 0, oy = 0;
  double a = color->a * alpha;

  cairo_get_matrix (cr, &m);
  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE &&
      cairo_image_surface_get_format (target) == CAIRO_FORMAT_ARGB32 &&
      m.xy == 0 && m.yx == 0 && m.xx > 0 && m.yy > 0)
    {
      int width = cairo_image_surface_get_width (target), height = cairo_image_surface_get_height (target);
      int stride = cairo_image_surface_get_stride (target);
      guint8 *data;
      /* Premultiplied source, 8.8 fixed point. */
      guint32 sa = (guint32) (a * 255 + 0.5), inv = 255 - sa;
      guint32 sr = (guint32) (color->r * a * 255 + 0.5), sg = (guint32) (color->g * a * 255 + 0.5);
      guint32 sb = (guint32) (color->b * a * 255 + 0.5);

      cairo_surface_get_device_scale (target, &sx, &sy);
      cairo_surface_get_device_offset (target, &ox, &oy);
      cairo_surface_flush (target);
      data = cairo_image_surface_get_data (target);
      for (guint i = 0; i < ctx->boxes->len; i++)
        {
          const cairo_rectangle_int_t *box = &g_array_index (ctx->boxes, cairo_rectangle_int_t, i);
          int x0 = (int) round ((box->x * m.xx + m.x0) * sx + ox);
          int x1 = (int) round (((box->x + box->width) * m.xx + m.x0) * sx + ox);
          int y0 = (int) round ((box->y * m.yy + m.y0) * sy + oy);
          int y1 = (int) round (((box->y + box->height) * m.yy + m.y0) * sy + oy);

          x0 = MAX (x0, 0), y0 = MAX (y0, 0), x1 = MIN (x1, width), y1 = MIN (y1, height);
          for (int y = y0; y < y1; y++)
            {
              guint32 *row = (guint32 *) (data + (gsize) y * stride);

              for (int x = x0; x < x1; x++)
                {
                  guint32 d = row[x];
                  guint32 r = sr + (((d >> 16) & 0xff) * inv + 127) / 255;
                  guint32 g = sg + (((d >> 8) & 0xff) * inv + 127) / 255;
                  guint32 b = sb + ((d & 0xff) * inv + 127) / 255;
                  guint32 da = sa + ((d >> 24) * inv + 127) / 255;

                  row[x] = (da << 24) | (r << 16) | (g << 8) | b;
                }
            }
        }
      cairo_surface_mark_dirty (target);
    }
  else
    {
      for (guint i = 0; i < ctx->boxes->len; i++)
        {
          const cairo_rectangle_int_t *box = &g_array_index (ctx->boxes, cairo_rectangle_int_t, i);
          cairo_rectangle (cr, box->x, box->y, box->width, box->height);
        }
      set_color (cr, color, alpha);
      cairo_fill (cr);
    }
  g_array_set_size (ctx->boxes, 0);
}

/* Bars of one series over [from, to): bins wider than a pixel are drawn
 * as they are, narrower ones merged per pixel column (their maximum), so
 * the work is bounded by the width. SIGN -1 draws up from BASE. */
static void
path_series (Ctx            *ctx,
             LsTimelineBins *bins,
             const guint32  *values,
             double          scale,
             gboolean        use_sqrt,
             double          base,
             double          sign)
{
  guint n = ls_timeline_bins_get_n_bins (bins);
  guint b0 = ls_timeline_bins_find (bins, ctx->scene->from);
  guint b1 = MIN (n, ls_timeline_bins_find (bins, ctx->scene->to) + 1);
  double col = -1, left = ctx->layout.plot_x, right = plot_right (ctx);
  guint32 col_max = 0;
  double xb = ls_timeline_render_x_at (ctx->scene, &ctx->layout, ls_timeline_bins_get_start (bins, b0));

#define BAR_HEIGHT(v) (sign * MAX (1, (use_sqrt ? sqrt ((double) (v)) : (double) (v)) * scale))
  for (guint b = b0; b < b1; b++)
    {
      double x0 = xb;
      double x1 = ls_timeline_render_x_at (ctx->scene, &ctx->layout, ls_timeline_bins_get_start (bins, b + 1));
      guint32 v = values[b];

      xb = x1;
      if (x1 - x0 >= 1.5)
        {
          double gap = x1 - x0 > 4 ? 1 : 0;
          double a = MAX (x0, left), z = MIN (x1 - gap, right);
          if (v && z > a)
            bar (ctx, a, z, base, BAR_HEIGHT (v));
          continue;
        }
      if (floor (x0) != col)
        {
          if (col_max && col >= left && col < right)
            bar (ctx, col, col + 1, base, BAR_HEIGHT (col_max));
          col = floor (x0);
          col_max = 0;
        }
      col_max = MAX (col_max, v);
    }
  if (col_max && col >= left && col < right)
    bar (ctx, col, col + 1, base, BAR_HEIGHT (col_max));
#undef BAR_HEIGHT
}

static void
draw_lane_bins (Ctx *ctx)
{
  const LsTimelineScene *scene = ctx->scene;
  LsTimelineBins *bins = scene->bins;
  double lh = ctx->layout.lane_height, half = lh / 2 - 2;
  guint n = ls_timeline_bins_get_n_bins (bins);
  guint b0 = ls_timeline_bins_find (bins, scene->from);
  guint b1 = MIN (n, ls_timeline_bins_find (bins, scene->to) + 1);
  guint32 max = 0;
  double scale;

  /* Scaled to the busiest bin in view on the lanes drawn, so zooming in
   * or picking people keeps the bars readable; square root, so one call
   * shows and a busy day does not flatten the rest. */
  for (guint row = 0; row < ctx->layout.n_visible; row++)
    {
      guint lane = scene_lane (scene, row);
      const guint32 *out, *in;

      if (lane >= ls_timeline_model_get_n_lanes (scene->model))
        continue;
      out = ls_timeline_bins_get_out (bins, lane);
      in = ls_timeline_bins_get_in (bins, lane);
      for (guint b = b0; b < b1; b++)
        max = MAX (max, MAX (out[b], in[b]));
    }
  scale = max ? half / sqrt ((double) max) : 0;

  for (guint row = 0; row < ctx->layout.n_visible; row++)
    {
      guint lane = scene_lane (scene, row);
      const LsTimelineLane *l = ls_timeline_model_get_lane (scene->model, lane);
      double mid = ls_timeline_render_row_y (&ctx->layout, row) + lh / 2;

      if (lane >= ls_timeline_model_get_n_lanes (scene->model))
        continue;
      path_series (ctx, bins, ls_timeline_bins_get_out (bins, lane), scale, TRUE, mid, -1);
      fill_boxes (ctx, lane_color (l), 0.9);
      path_series (ctx, bins, ls_timeline_bins_get_in (bins, lane), scale, TRUE, mid, 1);
      fill_boxes (ctx, lane_color (l), 0.45);
    }
}

static gboolean
marks_cover_view (const LsTimelineScene *scene)
{
  return scene->marks != NULL &&
         ls_timeline_marks_get_from (scene->marks) <= scene->from &&
         ls_timeline_marks_get_to (scene->marks) >= scene->to;
}

static void
mark_extent (Ctx                  *ctx,
             const LsTimelineMark *m,
             double               *x0,
             double               *x1)
{
  *x0 = ls_timeline_render_x_at (ctx->scene, &ctx->layout, m->start);
  *x1 = m->kind == 0 ? ls_timeline_render_x_at (ctx->scene, &ctx->layout, m->start + m->duration) : *x0;
  *x1 = MAX (*x1, *x0 + 2);
}

static void
draw_mark_half (Ctx                  *ctx,
                const LsTimelineMark *m,
                int                   lane,
                double                sign)
{
  cairo_t *cr = ctx->cr;
  int row = lane >= 0 && (guint) lane < ctx->n_model_lanes ? ctx->row_of_lane[lane] : -1;
  double lh = ctx->layout.lane_height, mid, x0, x1, h;
  const LsTimelineLane *l;

  if (row < 0)
    return;
  l = ls_timeline_model_get_lane (ctx->scene->model, lane);
  mid = ls_timeline_render_row_y (&ctx->layout, row) + lh / 2;
  h = lh / 2 - 3;
  mark_extent (ctx, m, &x0, &x1);
  set_color (cr, lane_color (l), sign < 0 ? 0.95 : 0.55);
  if (m->kind == 0)
    {
      /* A call: as long as it lasted, a notch at its start. */
      cairo_rectangle (cr, x0, mid, x1 - x0, sign * h * 0.55);
      cairo_rectangle (cr, x0, mid, 1.5, sign * h);
    }
  else
    {
      /* A message: a small arrowhead pointing the way it went. */
      cairo_move_to (cr, x0 - 3.5, mid + sign * 1);
      cairo_line_to (cr, x0 + 3.5, mid + sign * 1);
      cairo_line_to (cr, x0, mid + sign * h);
      cairo_close_path (cr);
    }
  cairo_fill (cr);
}

static int
compare_id (const void *a,
            const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static gboolean
mark_highlighted (const LsTimelineScene *scene,
                  const LsTimelineMark  *m)
{
  return scene->n_highlight > 0 &&
         bsearch (&m->id, scene->highlight, scene->n_highlight, sizeof (gint64), compare_id) != NULL;
}

/* A highlighted call: a highlighter band across its lanes, under the mark. */
static void
draw_mark_highlight (Ctx                  *ctx,
                     const LsTimelineMark *m)
{
  int lanes[2] = { m->caller_lane, m->callee_lane };
  double lh = ctx->layout.lane_height, x0, x1;

  mark_extent (ctx, m, &x0, &x1);
  cairo_set_source_rgba (ctx->cr, 0.96, 0.76, 0.07, 0.6);
  for (guint k = 0; k < 2; k++)
    {
      int row = lanes[k] >= 0 && (guint) lanes[k] < ctx->n_model_lanes ? ctx->row_of_lane[lanes[k]] : -1;

      if (row >= 0)
        cairo_rectangle (ctx->cr, x0 - 3, ls_timeline_render_row_y (&ctx->layout, row) + 1, x1 - x0 + 6, lh - 2);
    }
  cairo_fill (ctx->cr);
}

static void
draw_marks (Ctx *ctx)
{
  const LsTimelineScene *scene = ctx->scene;
  LsTimelineMarks *marks = scene->marks;
  guint n = ls_timeline_marks_get_n_marks (marks);
  /* Calls that started before the view may still be going on. */
  guint i0 = ls_timeline_marks_bisect (marks, scene->from - 3 * 3600);
  guint i1 = ls_timeline_marks_bisect (marks, scene->to);
  cairo_t *cr = ctx->cr;

  for (guint i = i0; i < i1 && i < n && scene->n_highlight > 0; i++)
    if (mark_highlighted (scene, ls_timeline_marks_get_mark (marks, i)))
      draw_mark_highlight (ctx, ls_timeline_marks_get_mark (marks, i));
  for (guint i = i0; i < i1 && i < n; i++)
    {
      const LsTimelineMark *m = ls_timeline_marks_get_mark (marks, i);
      int ra = m->caller_lane >= 0 ? ctx->row_of_lane[m->caller_lane] : -1;
      int rb = m->callee_lane >= 0 ? ctx->row_of_lane[m->callee_lane] : -1;

      if (ra >= 0 && rb >= 0 && ra != rb)
        {
          double x = ls_timeline_render_x_at (scene, &ctx->layout, m->start) + 0.5;
          double lh = ctx->layout.lane_height;
          double ya = ls_timeline_render_row_y (&ctx->layout, ra) + lh / 2;
          double yb = ls_timeline_render_row_y (&ctx->layout, rb) + lh / 2;

          ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
          cairo_set_line_width (cr, 1);
          cairo_move_to (cr, x, ya);
          cairo_line_to (cr, x, yb);
          cairo_stroke (cr);
        }
      draw_mark_half (ctx, m, m->caller_lane, -1);
      draw_mark_half (ctx, m, m->callee_lane, 1);
    }
}

void
ls_timeline_render_event_glyph (cairo_t             *cr,
                                LsTimelineEventKind  kind,
                                double               x,
                                double               y,
                                double               r)
{
  cairo_new_path (cr);
  set_color (cr, &event_colors[kind], 1.0);
  cairo_set_line_width (cr, 1.5);
  switch (kind)
    {
    case LS_TIMELINE_EVENT_MISSING:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      set_color (cr, &event_colors[kind], 0.35);
      cairo_fill (cr);
      break;
    case LS_TIMELINE_EVENT_FOUND_OUT_OF_AREA:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case LS_TIMELINE_EVENT_ARREST:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      cairo_fill (cr);
      break;
    case LS_TIMELINE_EVENT_STOP_SEARCH:
      cairo_move_to (cr, x, y - r - 1);
      cairo_line_to (cr, x + r + 1, y);
      cairo_line_to (cr, x, y + r + 1);
      cairo_line_to (cr, x - r - 1, y);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case LS_TIMELINE_EVENT_HOSPITAL:
      cairo_rectangle (cr, x - r, y - r / 3, 2 * r, 2 * r / 3);
      cairo_rectangle (cr, x - r / 3, y - r, 2 * r / 3, 2 * r);
      cairo_fill (cr);
      break;
    case LS_TIMELINE_EVENT_SCHOOL_EXCLUSION:
      cairo_move_to (cr, x - r - 1, y - r);
      cairo_line_to (cr, x + r + 1, y - r);
      cairo_line_to (cr, x, y + r);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;
    case LS_TIMELINE_EVENT_HANDSET_CHANGE:
      cairo_rectangle (cr, x - r * 0.6, y - r, r * 1.2, 2 * r);
      cairo_stroke (cr);
      cairo_rectangle (cr, x - r * 0.3, y + r * 0.45, r * 0.6, r * 0.3);
      cairo_fill (cr);
      break;
    case LS_TIMELINE_EVENT_NUMBER_CHANGE:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_arc (cr, x, y, r * 0.4, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case LS_TIMELINE_EVENT_OTHER:
    default:
      cairo_arc (cr, x, y, r * 0.8, 0, 2 * G_PI);
      cairo_stroke (cr);
      break;
    }
}

static void
event_span (Ctx                   *ctx,
            const LsTimelineEvent *e,
            double                *x0,
            double                *x1)
{
  *x0 = ls_timeline_render_x_at (ctx->scene, &ctx->layout, e->start);
  if (e->kind == LS_TIMELINE_EVENT_MISSING)
    *x1 = e->end >= 0 ? ls_timeline_render_x_at (ctx->scene, &ctx->layout, e->end) : plot_right (ctx);
  else
    *x1 = *x0;
  *x1 = MAX (*x1, *x0 + 2);
}

static void
draw_events (Ctx      *ctx,
             gboolean  spans)
{
  const LsTimelineScene *scene = ctx->scene;
  cairo_t *cr = ctx->cr;
  guint n = ls_timeline_model_get_n_events (scene->model);
  double lh = ctx->layout.lane_height;

  cairo_save (cr);
  cairo_rectangle (cr, ctx->layout.plot_x, ctx->layout.lanes_y, ctx->layout.plot_width,
                   ctx->layout.n_visible * lh);
  cairo_clip (cr);
  for (guint i = 0; i < n; i++)
    {
      const LsTimelineEvent *e = ls_timeline_model_get_event (scene->model, i);
      int row = e->lane < ctx->n_model_lanes ? ctx->row_of_lane[e->lane] : -1;
      double y, x0, x1;

      if (row < 0 || (e->kind == LS_TIMELINE_EVENT_MISSING) != spans)
        continue;
      event_span (ctx, e, &x0, &x1);
      if (x1 < ctx->layout.plot_x || x0 > plot_right (ctx))
        continue;
      y = ls_timeline_render_row_y (&ctx->layout, row);
      if (spans)
        {
          set_color (cr, &event_colors[e->kind], 0.22);
          cairo_rectangle (cr, x0, y + 1, x1 - x0, lh - 2);
          cairo_fill (cr);
          set_color (cr, &event_colors[e->kind], 0.9);
          cairo_rectangle (cr, x0, y + 1, 2, lh - 2);
          cairo_fill (cr);
          if (x1 - MAX (x0, ctx->layout.plot_x) > 60 && lh >= 20)
            text_at (ctx, _("Missing"), MAX (x0, ctx->layout.plot_x) + 4, y + 2, 9, TRUE, 0, x1 - x0 - 6);
        }
      else
        {
          set_color (cr, &event_colors[e->kind], 0.6);
          cairo_rectangle (cr, x0 - 0.5, y + 1, 1, lh - 2);
          cairo_fill (cr);
          ls_timeline_render_event_glyph (cr, e->kind, x0, y + MIN (7, lh / 2), MIN (5, lh / 4));
        }
    }
  cairo_restore (cr);
}

static const char *
per_bin_label (gint64 bin)
{
  switch (bin)
    {
    case 60: return _("Contacts per minute");
    case 300: return _("Contacts per 5 minutes");
    case 900: return _("Contacts per 15 minutes");
    case 3600: return _("Contacts per hour");
    case 3 * 3600: return _("Contacts per 3 hours");
    case 6 * 3600: return _("Contacts per 6 hours");
    case 86400: return _("Contacts per day");
    default: return _("Contacts per week");
    }
}

static void
draw_strip (Ctx *ctx)
{
  const LsTimelineScene *scene = ctx->scene;
  LsTimelineBins *bins = scene->strip ? scene->strip : scene->bins;
  double base = ctx->layout.strip_y + ctx->layout.strip_height - 4;
  const guint32 *total;
  guint32 max = 0;
  guint b0, b1;
  char peak[64];

  ls_render_style_set_color (ctx->cr, LS_STYLE_COLOR_MUTED);
  cairo_rectangle (ctx->cr, ctx->layout.plot_x, base, ctx->layout.plot_width, 1);
  cairo_fill (ctx->cr);
  if (bins == NULL)
    return;
  total = ls_timeline_bins_get_total (bins);
  b0 = ls_timeline_bins_find (bins, scene->from);
  b1 = MIN (ls_timeline_bins_get_n_bins (bins), ls_timeline_bins_find (bins, scene->to) + 1);
  for (guint b = b0; b < b1; b++)
    max = MAX (max, total[b]);

  ls_render_style_set_color (ctx->cr, LS_STYLE_COLOR_FOREGROUND);
  text_at (ctx, per_bin_label (ls_timeline_bins_get_bin_size (bins)), PAD, ctx->layout.strip_y + 4, 11, TRUE, 0,
           ctx->layout.plot_x - 2 * PAD);
  g_snprintf (peak, sizeof peak, _("peak %u"), max);
  ls_render_style_set_color (ctx->cr, LS_STYLE_COLOR_MUTED);
  text_at (ctx, peak, PAD, ctx->layout.strip_y + 20, 10, FALSE, 0, ctx->layout.plot_x - 2 * PAD);
  if (max == 0)
    return;
  path_series (ctx, bins, total, (ctx->layout.strip_height - 10) / max, FALSE, base, -1);
  fill_boxes (ctx, ls_render_style_color (LS_STYLE_COLOR_OTHER), 1.0);
}

static void
draw_axis (Ctx *ctx)
{
  const LsTimelineScene *scene = ctx->scene;
  cairo_t *cr = ctx->cr;
  const LsTimeStep *step = ls_time_axis_choose_step (scene->from, scene->to, ctx->layout.plot_width, 64);
  g_autoptr(GArray) ticks = ls_time_axis_ticks (scene->from, scene->to, step);
  double top = ctx->layout.axis_y, grid_bottom = ctx->layout.lanes_y + ctx->layout.n_visible * ctx->layout.lane_height;
  g_autofree char *context = NULL;

  for (guint i = 0; i < ticks->len; i++)
    {
      const LsTimeTick *tick = &g_array_index (ticks, LsTimeTick, i);
      double x = round (ls_timeline_render_x_at (scene, &ctx->layout, tick->t)) + 0.5;

      cairo_set_line_width (cr, 1);
      cairo_set_source_rgba (cr, 0.3, 0.3, 0.35, tick->major ? 0.35 : 0.12);
      cairo_move_to (cr, x, ctx->layout.strip_y);
      cairo_line_to (cr, x, top);
      cairo_move_to (cr, x, top + AXIS_HEIGHT - 4);
      cairo_line_to (cr, x, grid_bottom);
      cairo_stroke (cr);
      ls_render_style_set_color (cr, tick->major ? LS_STYLE_COLOR_FOREGROUND : LS_STYLE_COLOR_MUTED);
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + 5);
      cairo_stroke (cr);
      if (x + 4 < plot_right (ctx) - 20)
        {
          ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
          text_at (ctx, tick->label, x + 3, top + 6, 11, tick->major, 0, -1);
        }
    }

  /* Which day, month or year the ticks belong to, in the label column. */
  switch (step->unit)
    {
    case LS_TIME_UNIT_MINUTE:
    case LS_TIME_UNIT_HOUR:
      context = ls_time_format_local (scene->from, "%a %-d %b %Y");
      break;
    case LS_TIME_UNIT_DAY:
    case LS_TIME_UNIT_WEEK:
      context = ls_time_format_local (scene->from, "%B %Y");
      break;
    default:
      context = g_strdup (_("UK time"));
      break;
    }
  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  text_at (ctx, context, ctx->layout.plot_x - PAD, top + 6, 11, TRUE, 1, -1);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
  cairo_rectangle (cr, ctx->layout.plot_x, top, ctx->layout.plot_width, 1);
  cairo_fill (cr);
}

static void
draw_range (Ctx *ctx)
{
  const LsTimelineScene *scene = ctx->scene;
  double bottom = ctx->layout.lanes_y + ctx->layout.n_visible * ctx->layout.lane_height;
  gint64 from = scene->range_from, to = scene->range_to;
  double x0, x1;

  if (from < 0 && to < 0)
    return;
  x0 = from < 0 ? ctx->layout.plot_x : MAX (ctx->layout.plot_x, ls_timeline_render_x_at (scene, &ctx->layout, from));
  x1 = to < 0 ? plot_right (ctx) : MIN (plot_right (ctx), ls_timeline_render_x_at (scene, &ctx->layout, to));
  if (x1 <= x0)
    return;
  set_color (ctx->cr, ls_render_style_color (LS_STYLE_COLOR_ACCENT), 0.10);
  cairo_rectangle (ctx->cr, x0, ctx->layout.strip_y, x1 - x0, bottom - ctx->layout.strip_y);
  cairo_fill (ctx->cr);
  set_color (ctx->cr, ls_render_style_color (LS_STYLE_COLOR_ACCENT), 0.8);
  if (from >= scene->from)
    cairo_rectangle (ctx->cr, x0, ctx->layout.strip_y, 1.5, bottom - ctx->layout.strip_y);
  if (to >= 0 && to <= scene->to)
    cairo_rectangle (ctx->cr, x1 - 1.5, ctx->layout.strip_y, 1.5, bottom - ctx->layout.strip_y);
  cairo_fill (ctx->cr);
}

static void
draw_heat_map (Ctx *ctx)
{
  const LsTimelineScene *scene = ctx->scene;
  static const char * const days[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };
  cairo_t *cr = ctx->cr;
  double cell = MIN (ctx->layout.plot_width / 24, 30), y0 = ctx->layout.heat_y + 18;
  guint32 max = 0;
  const LsColor *accent = ls_render_style_color (LS_STYLE_COLOR_ACCENT);

  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      max = MAX (max, scene->heat[d][h]);

  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  text_at (ctx, _("When active (UK time)"), PAD, ctx->layout.heat_y, 11, TRUE, 0, ctx->layout.plot_x - 2 * PAD);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
  text_at (ctx, scene->heat_title ? scene->heat_title : _("All lanes"), PAD, ctx->layout.heat_y + 16, 10, FALSE, 0,
           ctx->layout.plot_x - 2 * PAD - 30);
  for (guint h = 0; h < 24; h += cell >= 20 ? 1 : 3)
    {
      char label[8];
      g_snprintf (label, sizeof label, "%02u", h);
      text_at (ctx, label, ctx->layout.plot_x + h * cell + cell / 2, ctx->layout.heat_y + 2, 9, FALSE, 0.5, -1);
    }
  for (guint d = 0; d < 7; d++)
    {
      double y = y0 + d * HEAT_ROW;

      ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
      text_at (ctx, _(days[d]), ctx->layout.plot_x - 4, y, 9, FALSE, 1, -1);
      for (guint h = 0; h < 24; h++)
        {
          double v = max ? (double) scene->heat[d][h] / max : 0;

          cairo_set_source_rgba (cr, 0.5, 0.5, 0.55, 0.08);
          cairo_rectangle (cr, ctx->layout.plot_x + h * cell, y, cell - 1, HEAT_ROW - 1);
          cairo_fill (cr);
          if (v > 0)
            {
              set_color (cr, accent, 0.12 + 0.88 * v);
              cairo_rectangle (cr, ctx->layout.plot_x + h * cell, y, cell - 1, HEAT_ROW - 1);
              cairo_fill (cr);
            }
        }
    }
}

static void
draw_legend (Ctx *ctx)
{
  double x = PAD;
  double y = ctx->layout.legend_y;

  for (guint k = 0; k < LS_TIMELINE_N_EVENT_KINDS; k++)
    {
      int w, h;

      ls_timeline_render_event_glyph (ctx->cr, k, x + 5, y + 8, 5);
      ls_render_style_set_color (ctx->cr, LS_STYLE_COLOR_FOREGROUND);
      text_at (ctx, _(event_names[k]), x + 14, y + 1, 10, FALSE, 0, -1);
      pango_layout_get_pixel_size (ctx->text, &w, &h);
      x += w + 30;
    }
}

void
ls_timeline_render (cairo_t               *cr,
                    const LsTimelineScene *scene,
                    double                 width,
                    double                 height)
{
  Ctx ctx = { cr, scene };
  g_autofree int *rows = NULL;

  g_return_if_fail (cr != NULL && scene != NULL && scene->model != NULL);
  g_return_if_fail (scene->to > scene->from);

  ls_timeline_render_layout (scene, width, height, &ctx.layout);
  ctx.text = pango_cairo_create_layout (cr);
  ctx.n_model_lanes = ls_timeline_model_get_n_lanes (scene->model);
  rows = g_new (int, MAX (1, ctx.n_model_lanes));
  for (guint i = 0; i < ctx.n_model_lanes; i++)
    rows[i] = -1;
  for (guint r = 0; r < ctx.layout.n_visible; r++)
    rows[scene_lane (scene, r)] = r;
  ctx.row_of_lane = rows;
  ctx.boxes = g_array_sized_new (FALSE, FALSE, sizeof (cairo_rectangle_int_t), 1024);

  cairo_save (cr);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_BACKGROUND);
  cairo_paint (cr);
  if (scene->title_block)
    draw_title (&ctx);
  draw_lane_backgrounds (&ctx);
  draw_range (&ctx);
  draw_events (&ctx, TRUE);

  cairo_save (cr);
  cairo_rectangle (cr, ctx.layout.plot_x, ctx.layout.strip_y, ctx.layout.plot_width, height);
  cairo_clip (cr);
  if (marks_cover_view (scene))
    draw_marks (&ctx);
  else if (scene->bins)
    draw_lane_bins (&ctx);
  cairo_restore (cr);

  draw_events (&ctx, FALSE);
  draw_strip (&ctx);
  draw_axis (&ctx);
  if (scene->bins == NULL && !marks_cover_view (scene))
    {
      ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
      text_at (&ctx, _("Counting calls…"), ctx.layout.plot_x + ctx.layout.plot_width / 2,
               ctx.layout.lanes_y + 8, 12, FALSE, 0.5, -1);
    }
  if (ctx.n_model_lanes == 0)
    {
      ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
      text_at (&ctx, _("No calls or events in this case"), width / 2, ctx.layout.lanes_y + 30, 14, FALSE, 0.5, -1);
    }
  if (scene->heat)
    draw_heat_map (&ctx);
  if (scene->legend)
    draw_legend (&ctx);
  if (scene->footer)
    {
      ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
      text_at (&ctx, scene->footer, width - PAD, height - 20, 10, FALSE, 1, -1);
    }
  if (scene->title_block)
    draw_marking (&ctx);
  cairo_restore (cr);

  g_object_unref (ctx.text);
  g_array_unref (ctx.boxes);
}

const LsTimelineMark *
ls_timeline_render_mark_at (const LsTimelineScene  *scene,
                            const LsTimelineLayout *layout,
                            double                  x,
                            double                  y)
{
  int lane = ls_timeline_render_lane_at (scene, layout, y);
  gint64 slop = (gint64) ceil (4 * (scene->to - scene->from) / layout->plot_width);
  const LsTimelineMark *best = NULL;
  double best_d = 5;
  guint i0, i1;

  if (lane < 0 || !marks_cover_view (scene))
    return NULL;
  i0 = ls_timeline_marks_bisect (scene->marks, ls_timeline_render_time_at (scene, layout, x) - slop - 3 * 3600);
  i1 = ls_timeline_marks_bisect (scene->marks, ls_timeline_render_time_at (scene, layout, x) + slop + 1);
  for (guint i = i0; i < i1 && i < ls_timeline_marks_get_n_marks (scene->marks); i++)
    {
      const LsTimelineMark *m = ls_timeline_marks_get_mark (scene->marks, i);
      double x0 = ls_timeline_render_x_at (scene, layout, m->start);
      double x1 = MAX (x0 + 2, m->kind == 0 ? ls_timeline_render_x_at (scene, layout, m->start + m->duration) : x0);
      double d = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;

      if ((m->caller_lane == lane || m->callee_lane == lane) && d <= best_d)
        {
          best = m;
          best_d = d;
        }
    }

  return best;
}

const LsTimelineEvent *
ls_timeline_render_event_at (const LsTimelineScene  *scene,
                             const LsTimelineLayout *layout,
                             double                  x,
                             double                  y)
{
  int lane = ls_timeline_render_lane_at (scene, layout, y);
  const LsTimelineEvent *span = NULL;

  if (lane < 0)
    return NULL;
  for (guint i = 0; i < ls_timeline_model_get_n_events (scene->model); i++)
    {
      const LsTimelineEvent *e = ls_timeline_model_get_event (scene->model, i);
      double x0 = ls_timeline_render_x_at (scene, layout, e->start);

      if ((int) e->lane != lane)
        continue;
      if (e->kind != LS_TIMELINE_EVENT_MISSING && fabs (x - x0) <= 5)
        return e;
      if (e->kind == LS_TIMELINE_EVENT_MISSING && x >= x0 &&
          (e->end < 0 || x <= ls_timeline_render_x_at (scene, layout, e->end)))
        span = e;
    }

  return span;
}
