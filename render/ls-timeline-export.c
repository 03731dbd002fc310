/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Timeline export: the same scene the widget draws, with the title block,
 * protective marking, legend and heat map; a long range split into
 * monthly pages so each day stays readable on paper. */
#define G_LOG_DOMAIN "ls-timeline-export"
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "ls-analysis.h"
#include "ls-case-audit.h"
#include "ls-marking.h"
#include "ls-time-axis.h"
#include "ls-timeline-export.h"
#include "ls-timeline-render.h"

/* Pages are drawn in CSS pixels (96 DPI) and scaled to points. */
#define PX_TO_PT 0.75
#define MARKS_LIMIT 4000

typedef struct {
  gint64           from;
  gint64           to;
  LsTimelineBins  *bins;
  LsTimelineMarks *marks;
} Page;

struct _LsTimelineExport
{
  LsTimelineModel  *model;
  char             *case_name;
  char             *marking;
  gboolean          hide_names;
  gboolean          hide_numbers;
  GArray           *lanes;      /* guint: the lanes shown */
  char             *heat_title;
  guint32           heat[7][24];
  gint64            from;
  gint64            to;
  Page              whole;
  GArray           *pages;      /* Page */
};

static void
page_clear (gpointer data)
{
  Page *p = data;

  g_clear_pointer (&p->bins, ls_timeline_bins_unref);
  g_clear_pointer (&p->marks, ls_timeline_marks_unref);
}

void
ls_timeline_export_free (LsTimelineExport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->model, ls_timeline_model_unref);
  g_free (self->case_name);
  g_free (self->marking);
  g_clear_pointer (&self->lanes, g_array_unref);
  g_free (self->heat_title);
  page_clear (&self->whole);
  g_clear_pointer (&self->pages, g_array_unref);
  g_free (self);
}

static gboolean
choose_lanes (LsTimelineExport    *self,
              const char * const  *people,
              GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = ls_timeline_model_get_n_lanes (self->model);

  self->lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  if (people == NULL)
    {
      for (guint i = 0; i < n; i++)
        g_array_append_val (self->lanes, i);
      return TRUE;
    }

  for (guint p = 0; people[p]; p++)
    {
      g_autofree char *want = g_utf8_casefold (people[p], -1);
      gboolean found = FALSE;

      for (guint i = 0; i < n; i++)
        {
          const LsTimelineLane *lane = ls_timeline_model_get_lane (self->model, i);
          g_autofree char *label = g_utf8_casefold (lane->label, -1);
          g_autofree char *owner = lane->detail ? g_utf8_casefold (lane->detail, -1) : NULL;

          if (g_str_equal (label, want) ||
              (g_str_has_prefix (lane->key, "phone:") && g_strcmp0 (owner, want) == 0))
            {
              gboolean seen = FALSE;
              for (guint j = 0; j < self->lanes->len; j++)
                seen |= g_array_index (self->lanes, guint, j) == i;
              if (!seen)
                g_array_append_val (self->lanes, i);
              found = TRUE;
            }
        }
      if (!found)
        {
          g_autoptr(GString) known = g_string_new (NULL);

          for (guint i = 0; i < n && i < 12; i++)
            g_string_append_printf (known, "%s“%s”", i ? ", " : "",
                                    ls_timeline_model_get_lane (self->model, i)->label);
          g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                       _("--people: nobody named “%s” has calls or events in this case; expected one of %s"),
                       people[p], known->len ? known->str : _("(none)"));
          return FALSE;
        }
      g_ptr_array_add (names, (gpointer) people[p]);
    }
  g_ptr_array_add (names, NULL);
  self->heat_title = g_strjoinv (", ", (char **) names->pdata);

  return TRUE;
}

static gboolean
prepare_page (LsTimelineExport  *self,
              sqlite3           *db,
              Page              *page,
              double             plot_width,
              GCancellable      *cancellable,
              GError           **error)
{
  gint64 bin = ls_timeline_choose_bin (page->from, page->to, plot_width, 3);
  gboolean truncated = FALSE;

  page->bins = ls_timeline_bins_build (db, self->model, page->from, page->to, bin, cancellable, error);
  if (page->bins == NULL)
    return FALSE;
  if (ls_timeline_bins_count (page->bins, page->from, page->to) <= MARKS_LIMIT &&
      page->to - page->from <= 3 * 86400)
    {
      page->marks = ls_timeline_marks_build (db, self->model, page->from, page->to, MARKS_LIMIT,
                                             &truncated, cancellable, error);
      if (page->marks == NULL && !truncated)
        return FALSE;
    }

  return TRUE;
}

LsTimelineExport *
ls_timeline_export_prepare (const LsTimelineExportOptions  *options,
                            GError                        **error)
{
  g_autoptr(LsTimelineExport) self = g_new0 (LsTimelineExport, 1);
  sqlite3 *db;
  gint64 first, last;

  g_return_val_if_fail (options != NULL && LS_IS_CASE (options->kase), NULL);

  db = ls_case_get_db (options->kase);
  self->model = ls_timeline_model_build (db, options->mode, options->cancellable, error);
  if (self->model == NULL)
    return NULL;
  if (options->rank != NULL)
    ls_timeline_model_sort_lanes (self->model, options->rank);
  self->case_name = ls_case_dup_name (options->kase);
  {
    g_autofree char *own = ls_case_get_meta (options->kase, "marking");

    self->marking = g_strdup (ls_marking_default (own));
  }
  self->hide_names = self->hide_numbers = options->redact;
  self->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  g_array_set_clear_func (self->pages, page_clear);

  ls_timeline_model_get_extent (self->model, &first, &last);
  self->from = options->from >= 0 ? options->from : first >= 0 ? ls_time_axis_floor (first, LS_TIME_UNIT_DAY) : 0;
  self->to = options->to >= 0 ? options->to
             : last >= 0 ? ls_time_axis_next (ls_time_axis_floor (last, LS_TIME_UNIT_DAY), LS_TIME_UNIT_DAY, 1)
             : self->from + 86400;
  if (self->to <= self->from)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   _("The date range is empty: --to must be after --from"));
      return NULL;
    }
  if (!choose_lanes (self, options->people, error))
    return NULL;

  self->whole.from = self->from;
  self->whole.to = self->to;
  if (!prepare_page (self, db, &self->whole, 1400, options->cancellable, error) ||
      !ls_timeline_heat_map_build (db, self->model, (const guint *) self->lanes->data, self->lanes->len,
                                   self->from, self->to, self->heat, options->cancellable, error))
    return NULL;

  /* Over six weeks, a page per calendar month: the axis then shows days. */
  if (options->paged && self->to - self->from > 45 * 86400)
    {
      for (gint64 t = ls_time_axis_floor (self->from, LS_TIME_UNIT_MONTH); t < self->to;
           t = ls_time_axis_next (t, LS_TIME_UNIT_MONTH, 1))
        {
          Page page = { MAX (t, self->from), MIN (ls_time_axis_next (t, LS_TIME_UNIT_MONTH, 1), self->to) };

          g_array_append_val (self->pages, page);
          if (!prepare_page (self, db, &g_array_index (self->pages, Page, self->pages->len - 1), 900,
                             options->cancellable, error))
            return NULL;
        }
    }

  return g_steal_pointer (&self);
}

guint
ls_timeline_export_get_n_pages (LsTimelineExport *self)
{
  return MAX (1, self->pages->len);
}

static void
draw_one (LsTimelineExport *self,
          const Page       *page,
          const char       *footer,
          cairo_t          *cr,
          double            width,
          double            height)
{
  LsTimelineScene scene = LS_TIMELINE_SCENE_INIT;

  scene.model = self->model;
  scene.bins = page->bins;
  scene.marks = page->marks;
  scene.heat = (const guint32 (*)[24]) self->heat;
  scene.heat_title = self->heat_title;
  scene.from = page->from;
  scene.to = page->to;
  scene.lanes = (const guint *) self->lanes->data;
  scene.n_lanes = self->lanes->len;
  scene.title_block = TRUE;
  scene.case_name = self->case_name;
  scene.marking = self->marking;
  scene.footer = footer;
  scene.legend = TRUE;
  scene.hide_names = self->hide_names;
  scene.hide_numbers = self->hide_numbers;
  ls_timeline_render (cr, &scene, width, height);
}

void
ls_timeline_export_draw_page (LsTimelineExport *self,
                              guint             page,
                              cairo_t          *cr,
                              double            width,
                              double            height)
{
  g_autofree char *footer = NULL;

  g_return_if_fail (self != NULL);

  if (self->pages->len == 0)
    {
      draw_one (self, &self->whole, NULL, cr, width, height);
      return;
    }
  g_return_if_fail (page < self->pages->len);
  footer = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  draw_one (self, &g_array_index (self->pages, Page, page), footer, cr, width, height);
}

void
ls_timeline_export_draw (gpointer  data,
                         cairo_t  *cr,
                         double    width,
                         double    height)
{
  LsTimelineExport *self = data;

  draw_one (self, &self->whole, NULL, cr, width, height);
}

static gboolean
surface_ok (cairo_surface_t  *surface,
            const char       *path,
            GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"),
               path, cairo_status_to_string (status));
  return FALSE;
}

gboolean
ls_timeline_export_write (const LsTimelineExportOptions  *options,
                          const char                     *format,
                          const char                     *path,
                          GError                        **error)
{
  g_autoptr(LsTimelineExport) self = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;
  int width = options->width > 0 ? options->width : 1600;
  int height = options->height > 0 ? options->height : 1000;

  g_return_val_if_fail (format != NULL && path != NULL, FALSE);

  if (!g_str_equal (format, "png") && !g_str_equal (format, "pdf") && !g_str_equal (format, "svg"))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   _("Unknown export format “%s”: expected png, pdf or svg"), format);
      return FALSE;
    }
  self = ls_timeline_export_prepare (options, error);
  if (self == NULL)
    return FALSE;

  if (g_str_equal (format, "png"))
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cr = cairo_create (surface);
      ls_timeline_export_draw (self, cr, width, height);
      cairo_destroy (cr);
      ok = surface_ok (surface, path, error) &&
           (cairo_surface_write_to_png (surface, path) == CAIRO_STATUS_SUCCESS ||
            surface_ok (NULL, path, error));
    }
  else
    {
      gboolean pdf = g_str_equal (format, "pdf");
      /* A4 and A3 landscape, in CSS pixels. */
      double pw = pdf ? (options->paper == LS_TIMELINE_PAPER_A3 ? 1587 : 1123) : width;
      double ph = pdf ? (options->paper == LS_TIMELINE_PAPER_A3 ? 1123 : 794) : height;
      guint pages = pdf ? ls_timeline_export_get_n_pages (self) : 1;

      surface = pdf ? cairo_pdf_surface_create (path, pw * PX_TO_PT, ph * PX_TO_PT)
                    : cairo_svg_surface_create (path, pw * PX_TO_PT, ph * PX_TO_PT);
      cr = cairo_create (surface);
      cairo_scale (cr, PX_TO_PT, PX_TO_PT);
      for (guint i = 0; i < pages; i++)
        {
          if (pdf)
            ls_timeline_export_draw_page (self, i, cr, pw, ph);
          else
            ls_timeline_export_draw (self, cr, pw, ph);
          cairo_show_page (cr);
        }
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      ok = surface_ok (surface, path, error);
    }
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  {
    LsExportRecord record = { "timeline", format, options->redact ? "all" : "none",
                              self->from, self->to, path };
    return ls_case_record_export (options->kase, &record, error);
  }
}

struct _LsTimelineExportScreen
{
  GHashTable *rank;   /* lane key → its row in the view + 1 */
};

LsTimelineExportScreen *
ls_timeline_export_screen_new (LsTimelineModel *model)
{
  LsTimelineExportScreen *self;

  g_return_val_if_fail (model != NULL, NULL);

  self = g_new0 (LsTimelineExportScreen, 1);
  self->rank = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < ls_timeline_model_get_n_lanes (model); i++)
    g_hash_table_insert (self->rank, g_strdup (ls_timeline_model_get_lane (model, i)->key), GUINT_TO_POINTER (i + 1));

  return self;
}

void
ls_timeline_export_screen_free (LsTimelineExportScreen *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->rank);
  g_free (self);
}

/* The timeline's entry in the export table. From the window, the lanes are
 * in the view's order (the roles it sorted by may be in no cache: the
 * analysis that gave them may not have been stored). Otherwise the order
 * comes from the analysis when the case has it cached (a fresh analysis is
 * not worth running for a picture). REQUEST->layout "phones" shows a lane
 * per phone. A PDF over six weeks gets a page per month. */
static gpointer
export_view_prepare (const LsExportRequest  *request,
                     GError                **error)
{
  const LsTimelineExportScreen *screen = request->screen;
  LsTimelineExportOptions options = LS_TIMELINE_EXPORT_OPTIONS_INIT;
  LsAnalysisOptions analysis_options = LS_ANALYSIS_OPTIONS_INIT;
  g_autoptr(LsAnalysis) analysis = NULL;
  g_autoptr(GHashTable) rank = NULL;
  LsTimelineExport *self;

  if (screen != NULL)
    {
      rank = g_hash_table_ref (screen->rank);
    }
  else
    {
      analysis = ls_analysis_lookup_cached (ls_case_get_db (request->kase), &analysis_options);
      rank = analysis ? ls_timeline_rank_by_role (analysis) : NULL;
    }
  options.rank = rank;
  options.kase = request->kase;
  options.from = request->from;
  options.to = request->to;
  options.people = request->people;
  options.cancellable = request->cancellable;
  if (request->layout != NULL && g_ascii_strcasecmp (request->layout, "phones") == 0)
    options.mode = LS_TIMELINE_LANES_PHONES;
  self = ls_timeline_export_prepare (&options, error);
  if (self == NULL)
    return NULL;

  g_free (self->case_name);
  g_free (self->marking);
  self->case_name = ls_export_request_dup_title (request);
  self->marking = ls_export_request_dup_marking (request);
  /* Under partner redaction names stay for the export's redactor to
   * keep or pseudonymise; numbers are masked either way. */
  self->hide_names = request->redaction == LS_REDACTION_ALL;
  self->hide_numbers = request->redaction != LS_REDACTION_NONE;

  return self;
}

static guint
export_view_n_pages (gpointer data)
{
  return ls_timeline_export_get_n_pages (data);
}

static void
export_view_draw_page (gpointer  data,
                       guint     page,
                       cairo_t  *cr,
                       double    width,
                       double    height)
{
  ls_timeline_export_draw_page (data, page, cr, width, height);
}

const LsExportView *
ls_timeline_export_view (void)
{
  static const LsExportView view = {
    .name = "timeline",
    .summary = N_("The timeline"),
    .prepare = export_view_prepare,
    .draw = ls_timeline_export_draw,
    .free = (GDestroyNotify) ls_timeline_export_free,
    .n_pages = export_view_n_pages,
    .draw_page = export_view_draw_page,
  };

  return &view;
}
