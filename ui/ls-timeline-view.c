/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsTimelineView: a toolbar and a canvas. The canvas keeps the static
 * picture (ls_timeline_render into an image surface) and redraws it only
 * when the data, the visible range, the shared range, the selection or the
 * size change; the pointer cursor and the drag band are drawn on top each
 * frame. Counts and calls come from worker threads with their own reader
 * connections; the model caches bins per zoom level. */
#define G_LOG_DOMAIN "ls-timeline-view"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ls-analysis.h"
#include "ls-time.h"
#include "ls-time-axis.h"
#include "ls-export-dialog.h"
#include "ls-timeline-export.h"
#include "ls-timeline-render.h"
#include "ls-timeline-view.h"

#define MIN_SPAN      (5 * 60)
#define MARKS_MAX     3000     /* calls in view before bars replace marks */
#define MARKS_LIMIT   12000    /* calls fetched: the view and a view either side */
#define REQUEST_DELAY 40       /* ms: coalesce a burst of zoom steps into one query */
#define PLAY_INTERVAL 900      /* ms between Play steps */

struct _LsTimelineView
{
  GtkWidget           parent_instance;

  LsSession          *session;
  LsTimelineModel    *model;
  LsTimelineBins     *bins;
  LsTimelineMarks    *marks;
  guint32             heat[7][24];
  gboolean            heat_valid;
  char               *heat_title;
  char               *case_name;
  char               *marking;

  gboolean            show_phones;
  gboolean            show_heat_map;
  gboolean            playing;
  guint               play_source;
  gint64              play_step;

  gint64              view_from;
  gint64              view_to;
  guint               first_lane;

  GCancellable       *model_cancel;
  GCancellable       *data_cancel;
  GCancellable       *heat_cancel;
  GCancellable       *roles_cancel;
  GHashTable         *rank;        /* lane key → rank by role, from the analysis */
  guint               jobs;
  guint               request_source;
  guint               model_source;     /* waiting a moment for the roles */
  gboolean            model_started;
  gboolean            setting_range;

  cairo_surface_t    *picture;
  gboolean            picture_valid;
  LsTimelineLayout    layout;

  gboolean            selecting;
  gboolean            panning;
  double              drag_x0;
  double              drag_y0;
  double              drag_dx;
  gint64              pan_from;
  double              pointer_x;
  double              pointer_y;
  gboolean            pointer_in;
  gboolean            updating_zoom;

  GtkWidget          *toolbar;
  GtkDrawingArea     *canvas;
  GtkAdjustment      *zoom_adjustment;
  GtkDropDown        *step_dropdown;
  GtkButton          *play_button;
  GtkLabel           *status;
};

static void ls_timeline_view_view_init (LsViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LsTimelineView, ls_timeline_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LS_TYPE_VIEW, ls_timeline_view_view_init))

enum {
  PROP_0,
  PROP_SHOW_PHONES,
  PROP_SHOW_HEAT_MAP,
  PROP_PLAYING,
  N_PROPS,
  PROP_SESSION = N_PROPS,   /* LsView's */
};

static GParamSpec *properties[N_PROPS];

static void schedule_request (LsTimelineView *self);
static void load_model (LsTimelineView *self);
static void load_heat_map (LsTimelineView *self);

/* Scene and picture */

static void
fill_scene (LsTimelineView  *self,
            LsTimelineScene *scene)
{
  LsRedaction redaction = self->session ? ls_session_get_redaction (self->session) : LS_REDACTION_NONE;

  *scene = (LsTimelineScene) LS_TIMELINE_SCENE_INIT;
  scene->model = self->model;
  scene->bins = self->bins;
  scene->marks = self->marks;
  scene->heat = self->show_heat_map && self->heat_valid ? (const guint32 (*)[24]) self->heat : NULL;
  scene->heat_title = self->heat_title;
  scene->from = self->view_from;
  scene->to = self->view_to;
  scene->first_lane = self->first_lane;
  if (self->session)
    {
      scene->range_from = ls_session_get_range_from (self->session);
      scene->range_to = ls_session_get_range_to (self->session);
      scene->selection = ls_session_get_selection (self->session);
      scene->highlight = ls_session_get_highlighted_calls (self->session, &scene->n_highlight);
    }
  scene->hide_numbers = redaction != LS_REDACTION_NONE;
  scene->hide_names = redaction == LS_REDACTION_ALL;
}

static void
invalidate (LsTimelineView *self)
{
  self->picture_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
ensure_picture (LsTimelineView *self,
                int             width,
                int             height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self->canvas));
  LsTimelineScene scene;
  cairo_t *cr;

  if (self->picture != NULL &&
      (cairo_image_surface_get_width (self->picture) != width * scale ||
       cairo_image_surface_get_height (self->picture) != height * scale))
    g_clear_pointer (&self->picture, cairo_surface_destroy);
  if (self->picture == NULL)
    {
      self->picture = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
      cairo_surface_set_device_scale (self->picture, scale, scale);
      self->picture_valid = FALSE;
    }
  if (self->picture_valid)
    return;

  fill_scene (self, &scene);
  ls_timeline_render_layout (&scene, width, height, &self->layout);
  cr = cairo_create (self->picture);
  ls_timeline_render (cr, &scene, width, height);
  cairo_destroy (cr);
  self->picture_valid = TRUE;
}

static void
draw_message (GtkWidget  *widget,
              cairo_t    *cr,
              int         width,
              int         height,
              const char *message)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, message);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_set_source_rgba (cr, 0.5, 0.5, 0.55, 1);
  cairo_move_to (cr, (width - w) / 2.0, (height - h) / 2.0);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

/* Static picture, then what moves with the pointer. */
static void
canvas_draw (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  LsTimelineView *self = user_data;
  double top, bottom;

  if (self->model == NULL || self->view_to <= self->view_from)
    {
      draw_message (GTK_WIDGET (area), cr, width, height,
                    self->session && ls_session_get_case (self->session) ? _("Loading the timeline…")
                                                                          : _("No case is open"));
      return;
    }
  ensure_picture (self, width, height);
  cairo_set_source_surface (cr, self->picture, 0, 0);
  cairo_paint (cr);

  top = self->layout.strip_y;
  bottom = self->layout.lanes_y + self->layout.n_visible * self->layout.lane_height;
  if (self->selecting && fabs (self->drag_dx) > 0)
    {
      double x0 = MIN (self->drag_x0, self->drag_x0 + self->drag_dx);
      double w = fabs (self->drag_dx);

      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.2);
      cairo_rectangle (cr, x0, top, w, bottom - top);
      cairo_fill (cr);
    }
  if (self->pointer_in && self->pointer_x >= self->layout.plot_x &&
      self->pointer_x <= self->layout.plot_x + self->layout.plot_width)
    {
      LsTimelineScene scene;
      g_autofree char *when = NULL;
      PangoLayout *layout;
      int w, h;

      fill_scene (self, &scene);
      when = ls_time_format_local (ls_timeline_render_time_at (&scene, &self->layout, self->pointer_x),
                                   "%a %-d %b %Y %H:%M");
      cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, 0.5);
      cairo_rectangle (cr, floor (self->pointer_x), top, 1, bottom - top);
      cairo_fill (cr);
      layout = gtk_widget_create_pango_layout (GTK_WIDGET (area), when);
      pango_layout_get_pixel_size (layout, &w, &h);
      cairo_set_source_rgba (cr, 0.14, 0.12, 0.19, 0.85);
      cairo_rectangle (cr, self->pointer_x + 4, top, w + 8, h + 2);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, self->pointer_x + 8, top + 1);
      pango_cairo_show_layout (cr, layout);
      g_object_unref (layout);
    }
}

/* Visible range and zoom */

static void
extent (LsTimelineView *self,
        gint64         *first,
        gint64         *last)
{
  *first = *last = -1;
  if (self->model)
    ls_timeline_model_get_extent (self->model, first, last);
  if (*first < 0)
    {
      *first = g_get_real_time () / G_USEC_PER_SEC - 86400;
      *last = *first + 86400;
    }
}

static gint64
max_span (LsTimelineView *self)
{
  gint64 first, last;

  extent (self, &first, &last);
  return MAX ((gint64) ((last - first) * 1.3), 2 * 86400);
}

static void
sync_zoom_scale (LsTimelineView *self)
{
  double span = self->view_to - self->view_from;
  double v = log (span / MIN_SPAN) / log ((double) max_span (self) / MIN_SPAN);

  self->updating_zoom = TRUE;
  gtk_adjustment_set_value (self->zoom_adjustment, CLAMP (v, 0, 1));
  self->updating_zoom = FALSE;
}

void
ls_timeline_view_set_visible (LsTimelineView *self,
                              gint64          from,
                              gint64          to)
{
  gint64 span, first, last, limit;

  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  span = CLAMP (to - from, MIN_SPAN, max_span (self));
  extent (self, &first, &last);
  /* Keep some of the case in view. */
  limit = MAX (span / 2, 3600);
  from = from + (to - from - span) / 2;
  from = CLAMP (from, first - span + limit, last - limit);
  to = from + span;
  if (from == self->view_from && to == self->view_to)
    return;

  self->view_from = from;
  self->view_to = to;
  sync_zoom_scale (self);
  invalidate (self);
  schedule_request (self);
}

void
ls_timeline_view_get_visible (LsTimelineView *self,
                              gint64         *from,
                              gint64         *to)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (from)
    *from = self->view_from;
  if (to)
    *to = self->view_to;
}

void
ls_timeline_view_zoom (LsTimelineView *self,
                       double          factor,
                       double          anchor)
{
  double span = self->view_to - self->view_from;
  double at = self->view_from + anchor * span;
  double new_span = CLAMP (span * factor, MIN_SPAN, max_span (self));

  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  ls_timeline_view_set_visible (self, (gint64) (at - anchor * new_span), (gint64) (at + (1 - anchor) * new_span));
}

static void
zoom_fit (LsTimelineView *self)
{
  gint64 first, last;

  extent (self, &first, &last);
  ls_timeline_view_set_visible (self, ls_time_axis_floor (first, LS_TIME_UNIT_DAY),
                                ls_time_axis_next (ls_time_axis_floor (last, LS_TIME_UNIT_DAY), LS_TIME_UNIT_DAY, 1));
}

static void
zoom_adjustment_changed (LsTimelineView *self)
{
  double v = gtk_adjustment_get_value (self->zoom_adjustment);
  double span = MIN_SPAN * pow ((double) max_span (self) / MIN_SPAN, v);

  if (self->updating_zoom || self->model == NULL)
    return;
  ls_timeline_view_zoom (self, span / (double) (self->view_to - self->view_from), 0.5);
}

static double
plot_anchor (LsTimelineView *self,
             double          x)
{
  if (self->layout.plot_width <= 0)
    return 0.5;
  return CLAMP ((x - self->layout.plot_x) / self->layout.plot_width, 0, 1);
}

/* Loading: model, then bins and marks for the zoom level, and the heat map */

typedef struct {
  LsCase          *kase;
  LsTimelineModel *model;
  LsTimelineLaneMode mode;
  gint64           bin;
  gint64           fetch_from;
  gint64           fetch_to;
  gint64           view_from;
  gint64           view_to;
  GArray          *lanes;
  gint64           range_from;
  gint64           range_to;
  LsTimelineBins  *bins;
  LsTimelineMarks *marks;
  GHashTable      *rank;
  guint32          heat[7][24];
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->kase);
  g_clear_pointer (&job->model, ls_timeline_model_unref);
  g_clear_pointer (&job->bins, ls_timeline_bins_unref);
  g_clear_pointer (&job->marks, ls_timeline_marks_unref);
  g_clear_pointer (&job->lanes, g_array_unref);
  g_clear_pointer (&job->rank, g_hash_table_unref);
  g_free (job);
}

static void
start_job (LsTimelineView      *self,
           Job                 *job,
           GCancellable        *cancellable,
           GTaskThreadFunc      func,
           GAsyncReadyCallback  done)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, done, NULL);

  job->kase = g_object_ref (ls_session_get_case (self->session));
  g_task_set_task_data (task, job, job_free);
  g_task_set_return_on_cancel (task, FALSE);
  self->jobs++;
  g_task_run_in_thread (task, func);
}

static void
model_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = ls_case_open_reader (job->kase, &error);

  if (db != NULL)
    job->model = ls_timeline_model_build (db, job->mode, cancellable, &error);
  /* Sorted before any other thread sees it: bins index lanes by position. */
  if (job->model != NULL && job->rank != NULL)
    ls_timeline_model_sort_lanes (job->model, job->rank);
  if (job->model == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_status (LsTimelineView *self)
{
  g_autofree char *text = NULL;
  guint64 in_view;

  if (self->model == NULL)
    {
      gtk_label_set_text (self->status, "");
      return;
    }
  if (self->bins == NULL)
    {
      gtk_label_set_text (self->status, _("Counting calls…"));
      return;
    }
  in_view = ls_timeline_bins_count (self->bins, self->view_from, self->view_to);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u lane · %'" G_GUINT64_FORMAT " contacts in view",
                                       "%u lanes · %'" G_GUINT64_FORMAT " contacts in view",
                                       ls_timeline_model_get_n_lanes (self->model)),
                          ls_timeline_model_get_n_lanes (self->model), in_view);
  gtk_label_set_text (self->status, text);
}

static void
model_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gint64 from, to;

  self->jobs--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status, error->message);
      return;
    }

  g_clear_pointer (&self->model, ls_timeline_model_unref);
  g_clear_pointer (&self->bins, ls_timeline_bins_unref);
  g_clear_pointer (&self->marks, ls_timeline_marks_unref);
  self->model = g_steal_pointer (&job->model);
  self->first_lane = 0;
  g_free (self->case_name);
  self->case_name = ls_case_dup_name (job->kase);

  from = ls_session_get_range_from (self->session);
  to = ls_session_get_range_to (self->session);
  if (self->view_to > self->view_from)
    {
      gint64 f = self->view_from, t = self->view_to;
      self->view_from = self->view_to = 0;
      ls_timeline_view_set_visible (self, f, t);
    }
  else if (from >= 0 && to > from)
    ls_timeline_view_set_visible (self, from - (to - from) / 10, to + (to - from) / 10);
  else
    zoom_fit (self);
  if (self->show_heat_map)
    load_heat_map (self);
  set_status (self);
  invalidate (self);
  schedule_request (self);
}

static void
load_model (LsTimelineView *self)
{
  Job *job;

  g_cancellable_cancel (self->model_cancel);
  g_cancellable_cancel (self->data_cancel);
  g_clear_object (&self->model_cancel);
  g_clear_handle_id (&self->model_source, g_source_remove);
  self->model_started = TRUE;
  if (self->session == NULL || ls_session_get_case (self->session) == NULL)
    {
      g_clear_pointer (&self->model, ls_timeline_model_unref);
      g_clear_pointer (&self->bins, ls_timeline_bins_unref);
      g_clear_pointer (&self->marks, ls_timeline_marks_unref);
      self->view_from = self->view_to = 0;
      set_status (self);
      invalidate (self);
      return;
    }
  self->model_cancel = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->mode = self->show_phones ? LS_TIMELINE_LANES_PHONES : LS_TIMELINE_LANES_PEOPLE;
  job->rank = self->rank ? g_hash_table_ref (self->rank) : NULL;
  gtk_label_set_text (self->status, _("Reading the case…"));
  start_job (self, job, self->model_cancel, model_thread, model_done);
}

static gboolean
marks_cover (LsTimelineMarks *marks,
             gint64           from,
             gint64           to)
{
  return marks != NULL && ls_timeline_marks_get_from (marks) <= from && ls_timeline_marks_get_to (marks) >= to;
}

/* Bins for the zoom level (from the cache when there), and the calls
 * themselves when few enough are in view. */
static void
data_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = ls_case_open_reader (job->kase, &error);
  gint64 span = job->view_to - job->view_from;
  gboolean truncated;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->bins == NULL)
    {
      job->bins = ls_timeline_bins_build (db, job->model, job->fetch_from, job->fetch_to, job->bin,
                                          cancellable, &error);
      if (job->bins == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      ls_timeline_model_store_bins (job->model, job->bins);
    }
  if (ls_timeline_bins_count (job->bins, job->view_from, job->view_to) <= MARKS_MAX)
    {
      job->marks = ls_timeline_marks_build (db, job->model, job->view_from - span, job->view_to + span,
                                            MARKS_LIMIT, &truncated, cancellable, &error);
      if (job->marks == NULL && !truncated)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_boolean (task, TRUE);
}

static void
data_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->jobs--;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status, error->message);
      return;
    }
  if (job->model != self->model)
    return;
  g_clear_pointer (&self->bins, ls_timeline_bins_unref);
  self->bins = g_steal_pointer (&job->bins);
  if (job->marks || !marks_cover (self->marks, self->view_from, self->view_to))
    {
      g_clear_pointer (&self->marks, ls_timeline_marks_unref);
      self->marks = g_steal_pointer (&job->marks);
    }
  set_status (self);
  invalidate (self);
}

static gboolean
request_data (gpointer user_data)
{
  LsTimelineView *self = user_data;
  double width = self->layout.plot_width > 0 ? self->layout.plot_width
                 : MAX (200, gtk_widget_get_width (GTK_WIDGET (self)) - 220);
  g_autoptr(LsTimelineBins) cached = NULL;
  gint64 bin;
  Job *job;

  self->request_source = 0;
  if (self->model == NULL || self->session == NULL || ls_session_get_case (self->session) == NULL)
    return G_SOURCE_REMOVE;

  bin = ls_timeline_choose_bin (self->view_from, self->view_to, width, 3);
  cached = ls_timeline_model_lookup_bins (self->model, bin, self->view_from, self->view_to);
  if (cached != NULL)
    {
      gboolean few = ls_timeline_bins_count (cached, self->view_from, self->view_to) <= MARKS_MAX;

      if (cached != self->bins)
        {
          g_clear_pointer (&self->bins, ls_timeline_bins_unref);
          self->bins = ls_timeline_bins_ref (cached);
          invalidate (self);
        }
      if (!few && self->marks)
        {
          g_clear_pointer (&self->marks, ls_timeline_marks_unref);
          invalidate (self);
        }
      set_status (self);
      if (!few || marks_cover (self->marks, self->view_from, self->view_to))
        return G_SOURCE_REMOVE;
    }

  g_cancellable_cancel (self->data_cancel);
  g_clear_object (&self->data_cancel);
  self->data_cancel = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->model = ls_timeline_model_ref (self->model);
  job->bin = bin;
  job->view_from = self->view_from;
  job->view_to = self->view_to;
  job->bins = cached ? ls_timeline_bins_ref (cached) : NULL;
  ls_timeline_model_fetch_span (self->model, bin, self->view_from, self->view_to, &job->fetch_from, &job->fetch_to);
  start_job (self, job, self->data_cancel, data_thread, data_done);

  return G_SOURCE_REMOVE;
}

static void
schedule_request (LsTimelineView *self)
{
  if (self->request_source == 0)
    self->request_source = g_timeout_add (REQUEST_DELAY, request_data, self);
}

/* Lanes the heat map is for: the selection's, or everyone's. */
static GArray *
heat_lanes (LsTimelineView *self,
            char          **title)
{
  GArray *lanes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  LsTimelineScene scene;

  fill_scene (self, &scene);
  for (guint i = 0; i < ls_timeline_model_get_n_lanes (self->model); i++)
    {
      const LsTimelineLane *lane = ls_timeline_model_get_lane (self->model, i);

      if (ls_session_is_selected (self->session, lane->key) ||
          ls_session_is_selected (self->session, lane->select_key))
        {
          g_array_append_val (lanes, i);
          g_ptr_array_add (names, ls_timeline_render_lane_label (&scene, i));
        }
    }
  g_ptr_array_add (names, NULL);
  if (lanes->len == 0)
    {
      for (guint i = 0; i < ls_timeline_model_get_n_lanes (self->model); i++)
        g_array_append_val (lanes, i);
      *title = g_strdup (_("Everyone on the timeline; select people to see theirs"));
    }
  else
    *title = g_strjoinv (", ", (char **) names->pdata);

  return lanes;
}

static void
heat_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = ls_case_open_reader (job->kase, &error);

  if (db == NULL ||
      !ls_timeline_heat_map_build (db, job->model, (const guint *) job->lanes->data, job->lanes->len,
                                   job->range_from, job->range_to, job->heat, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
heat_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (source);
  Job *job = g_task_get_task_data (G_TASK (result));

  self->jobs--;
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || job->model != self->model)
    return;
  memcpy (self->heat, job->heat, sizeof self->heat);
  self->heat_valid = TRUE;
  invalidate (self);
}

static void
load_heat_map (LsTimelineView *self)
{
  Job *job;

  g_cancellable_cancel (self->heat_cancel);
  g_clear_object (&self->heat_cancel);
  if (self->model == NULL || !self->show_heat_map)
    return;
  self->heat_cancel = g_cancellable_new ();
  job = g_new0 (Job, 1);
  job->model = ls_timeline_model_ref (self->model);
  g_free (self->heat_title);
  job->lanes = heat_lanes (self, &self->heat_title);
  job->range_from = ls_session_get_range_from (self->session);
  job->range_to = ls_session_get_range_to (self->session);
  start_job (self, job, self->heat_cancel, heat_thread, heat_done);
}

gboolean
ls_timeline_view_is_idle (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), TRUE);

  return self->jobs == 0 && self->request_source == 0 && self->model_source == 0 &&
         (!gtk_widget_get_mapped (GTK_WIDGET (self->canvas)) || self->model == NULL || self->picture_valid);
}

double
ls_timeline_view_x_at (LsTimelineView *self,
                       gint64          t)
{
  LsTimelineScene scene;

  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), 0);

  fill_scene (self, &scene);
  return ls_timeline_render_x_at (&scene, &self->layout, t);
}

gint64
ls_timeline_view_time_at (LsTimelineView *self,
                          double          x)
{
  LsTimelineScene scene;

  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), 0);

  fill_scene (self, &scene);
  return ls_timeline_render_time_at (&scene, &self->layout, x);
}

double
ls_timeline_view_lane_y (LsTimelineView *self,
                         const char     *key)
{
  int lane;

  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), -1);

  lane = self->model ? ls_timeline_model_find_lane (self->model, key) : -1;
  if (lane < (int) self->first_lane || lane >= (int) (self->first_lane + self->layout.n_visible))
    return -1;
  return ls_timeline_render_row_y (&self->layout, lane - self->first_lane) + self->layout.lane_height / 2;
}

/* Lanes in order of role once the analysis (usually cached) is known. */
static void
roles_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LsTimelineView) self = user_data;
  g_autoptr(LsAnalysis) analysis = ls_analysis_load_finish (LS_CASE (source), result, NULL);

  self->jobs--;
  if (self->session == NULL || ls_session_get_case (self->session) != LS_CASE (source))
    return;
  if (analysis != NULL)
    {
      g_clear_pointer (&self->rank, g_hash_table_unref);
      self->rank = ls_timeline_rank_by_role (analysis);
    }
  /* Reading the lanes waited for the roles a moment; if it already went
   * ahead, read them again only when the order would change. */
  if (!self->model_started)
    load_model (self);
  else if (analysis != NULL && self->model != NULL && !ls_timeline_model_is_sorted (self->model, self->rank))
    load_model (self);
}

static gboolean
model_timeout (gpointer user_data)
{
  LsTimelineView *self = user_data;

  self->model_source = 0;
  if (!self->model_started)
    load_model (self);
  return G_SOURCE_REMOVE;
}

static void
load_roles (LsTimelineView *self)
{
  LsAnalysisOptions options = LS_ANALYSIS_OPTIONS_INIT;

  g_cancellable_cancel (self->roles_cancel);
  g_clear_object (&self->roles_cancel);
  g_clear_pointer (&self->rank, g_hash_table_unref);
  if (self->session == NULL || ls_session_get_case (self->session) == NULL)
    return;
  self->roles_cancel = g_cancellable_new ();
  self->jobs++;
  ls_analysis_load_async (ls_session_get_case (self->session), &options, NULL, NULL,
                          self->roles_cancel, roles_done, g_object_ref (self));
}

/* Roles first (usually cached, so quick), lanes in their order. */
static void
reload (LsTimelineView *self)
{
  self->model_started = FALSE;
  g_clear_handle_id (&self->model_source, g_source_remove);
  load_roles (self);
  if (self->roles_cancel == NULL)
    load_model (self);
  else
    self->model_source = g_timeout_add (1500, model_timeout, self);
}

static void
case_changed (LsTimelineView *self)
{
  self->view_from = self->view_to = 0;
  reload (self);
}

/* Following the session */

static void
range_changed (LsTimelineView *self)
{
  gint64 from = ls_session_get_range_from (self->session);
  gint64 to = ls_session_get_range_to (self->session);
  gint64 span = self->view_to - self->view_from;

  invalidate (self);
  if (self->show_heat_map)
    load_heat_map (self);
  if (self->setting_range || self->model == NULL || from < 0 || to <= from)
    return;
  if (from >= self->view_from && to <= self->view_to)
    return;
  /* Keep the zoom when the range fits (Play moving on); else show it all. */
  if (to - from <= span * 0.8)
    ls_timeline_view_set_visible (self, from - span / 10, from - span / 10 + span);
  else
    ls_timeline_view_set_visible (self, from - (to - from) / 20, to + (to - from) / 20);
}

static void
selection_changed (LsTimelineView *self)
{
  invalidate (self);
  if (self->show_heat_map)
    load_heat_map (self);
}

/* Calls highlighted elsewhere (a finding's evidence): shown, zoomed in
 * far enough for them to be drawn one by one when they are close together. */
static void
highlight_changed (LsTimelineView *self)
{
  gint64 first, last, pad;

  invalidate (self);
  if (self->model == NULL || !ls_session_get_highlight_span (self->session, &first, &last))
    return;
  pad = MAX ((last - first) / 10, 30 * 60);
  if (first >= self->view_from && last <= self->view_to && self->view_to - self->view_from <= 3 * (last - first + 2 * pad))
    return;
  ls_timeline_view_set_visible (self, first - pad, last + pad);
}

static void
session_notify (GObject    *object,
                GParamSpec *pspec,
                gpointer    user_data)
{
  LsTimelineView *self = user_data;
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "case"))
    case_changed (self);
  else if (g_str_equal (name, "range-from") || g_str_equal (name, "range-to"))
    range_changed (self);
  else if (g_str_equal (name, "selection"))
    selection_changed (self);
  else if (g_str_equal (name, "redaction"))
    invalidate (self);
  else if (g_str_equal (name, "highlighted-calls"))
    highlight_changed (self);
}

static void
session_changed (LsView *view)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (view);

  if (self->session != NULL)
    {
      g_signal_connect (self->session, "notify", G_CALLBACK (session_notify), self);
      g_signal_connect_swapped (self->session, "data-changed", G_CALLBACK (reload), self);
    }
  case_changed (self);
}

static void
ls_timeline_view_view_init (LsViewInterface *iface)
{
  iface->session_offset = G_STRUCT_OFFSET (LsTimelineView, session);
  iface->session_changed = session_changed;
}

LsTimelineModel *
ls_timeline_view_get_model (LsTimelineView *self)
{
  g_return_val_if_fail (LS_IS_TIMELINE_VIEW (self), NULL);

  return self->model;
}

/* Play */

static gint64
play_step (LsTimelineView *self)
{
  static const gint64 steps[] = { 3600, 86400, 7 * 86400 };
  guint i = gtk_drop_down_get_selected (self->step_dropdown);

  return self->play_step > 0 ? self->play_step : steps[MIN (i, G_N_ELEMENTS (steps) - 1)];
}

static gint64
step_on (gint64 t,
         gint64 step)
{
  /* Days and weeks on the local calendar: midnight stays midnight. */
  if (step % 86400 == 0)
    return ls_time_axis_next (t, LS_TIME_UNIT_DAY, step / 86400);
  return t + step;
}

static void set_playing (LsTimelineView *self, gboolean playing);

void
ls_timeline_view_play_tick (LsTimelineView *self)
{
  gint64 from, to, first, last, step = play_step (self);

  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (self->session == NULL || self->model == NULL)
    return;
  extent (self, &first, &last);
  from = ls_session_get_range_from (self->session);
  to = ls_session_get_range_to (self->session);
  if (from < 0 || to <= from)
    {
      from = step % 86400 == 0 ? ls_time_axis_floor (MAX (first, self->view_from), LS_TIME_UNIT_DAY)
                               : ls_time_axis_floor (MAX (first, self->view_from), LS_TIME_UNIT_HOUR);
      to = step_on (from, step);
    }
  else
    {
      from = step_on (from, step);
      to = step_on (to, step);
    }
  if (from > last)
    {
      set_playing (self, FALSE);
      return;
    }
  ls_session_set_range (self->session, from, to);
}

static gboolean
play_timeout (gpointer user_data)
{
  ls_timeline_view_play_tick (user_data);
  return G_SOURCE_CONTINUE;
}

void
ls_timeline_view_set_play_step (LsTimelineView *self,
                                gint64          step)
{
  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  self->play_step = step;
}

static void
set_playing (LsTimelineView *self,
             gboolean        playing)
{
  if (self->playing == playing)
    return;
  self->playing = playing;
  gtk_button_set_icon_name (self->play_button, playing ? "media-playback-pause-symbolic"
                                                       : "media-playback-start-symbolic");
  g_clear_handle_id (&self->play_source, g_source_remove);
  if (playing)
    {
      ls_timeline_view_play_tick (self);
      self->play_source = g_timeout_add (PLAY_INTERVAL, play_timeout, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

/* Input */

void
ls_timeline_view_drag_select (LsTimelineView *self,
                              double          x0,
                              double          x1)
{
  LsTimelineScene scene;
  gint64 a, b, span = self->view_to - self->view_from;
  gint64 snap = span > 20 * 86400 ? 86400 : span > 2 * 86400 ? 3600 : 60;

  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (self->model == NULL || self->session == NULL)
    return;
  fill_scene (self, &scene);
  a = ls_timeline_render_time_at (&scene, &self->layout, MIN (x0, x1));
  b = ls_timeline_render_time_at (&scene, &self->layout, MAX (x0, x1));
  /* Whole days (local) when zoomed out, hours or minutes when in. */
  if (snap == 86400)
    {
      a = ls_time_axis_floor (a + 43200, LS_TIME_UNIT_DAY);
      b = ls_time_axis_floor (b + 43200, LS_TIME_UNIT_DAY);
    }
  else
    {
      a = (a + snap / 2) / snap * snap;
      b = (b + snap / 2) / snap * snap;
    }
  if (b <= a)
    b = snap == 86400 ? ls_time_axis_next (a, LS_TIME_UNIT_DAY, 1) : a + snap;
  self->setting_range = TRUE;
  ls_session_set_range (self->session, a, b);
  self->setting_range = FALSE;
}

void
ls_timeline_view_click (LsTimelineView *self,
                        double          x,
                        double          y)
{
  LsTimelineScene scene;
  int lane;
  const char *keys[] = { NULL, NULL };

  g_return_if_fail (LS_IS_TIMELINE_VIEW (self));

  if (self->model == NULL || self->session == NULL)
    return;
  fill_scene (self, &scene);
  lane = ls_timeline_render_lane_at (&scene, &self->layout, y);
  if (lane >= 0)
    keys[0] = ls_timeline_model_get_lane (self->model, lane)->select_key;
  ls_session_set_selection (self->session, keys);
}

static void
drag_begin (GtkGestureDrag *gesture,
            double          x,
            double          y,
            LsTimelineView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  gboolean on_axis = y >= self->layout.axis_y && y < self->layout.axis_y + self->layout.axis_height;

  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
  self->drag_x0 = x;
  self->drag_y0 = y;
  self->drag_dx = 0;
  self->pan_from = self->view_from;
  self->panning = button == GDK_BUTTON_MIDDLE || on_axis || x < self->layout.plot_x;
  self->selecting = !self->panning && button == GDK_BUTTON_PRIMARY;
}

static void
drag_update (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LsTimelineView *self)
{
  self->drag_dx = dx;
  if (self->panning && self->layout.plot_width > 0)
    {
      gint64 span = self->view_to - self->view_from;
      gint64 shift = (gint64) (dx * span / self->layout.plot_width);

      ls_timeline_view_set_visible (self, self->pan_from - shift, self->pan_from - shift + span);
    }
  else
    gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
drag_end (GtkGestureDrag *gesture,
          double          dx,
          double          dy,
          LsTimelineView *self)
{
  gboolean click = fabs (dx) < 4 && fabs (dy) < 4;

  if (click && gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture)) == GDK_BUTTON_PRIMARY)
    ls_timeline_view_click (self, self->drag_x0, self->drag_y0);
  else if (self->selecting && !click)
    ls_timeline_view_drag_select (self, self->drag_x0, self->drag_x0 + dx);
  self->selecting = self->panning = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static gboolean
scroll (GtkEventControllerScroll *controller,
        double                    dx,
        double                    dy,
        LsTimelineView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gint64 span = self->view_to - self->view_from;
  guint n_lanes = self->model ? ls_timeline_model_get_n_lanes (self->model) : 0;

  if (self->model == NULL)
    return FALSE;
  if (state & GDK_CONTROL_MASK)
    {
      ls_timeline_view_zoom (self, pow (1.25, dy), plot_anchor (self, self->pointer_x));
      return TRUE;
    }
  if ((state & GDK_SHIFT_MASK) && dx == 0)
    dx = dy, dy = 0;
  if (dy != 0 && self->layout.n_visible < n_lanes - MIN (n_lanes, self->first_lane) + self->first_lane &&
      self->layout.n_visible < n_lanes)
    {
      int first = (int) self->first_lane + (dy > 0 ? 1 : -1);
      self->first_lane = CLAMP (first, 0, (int) (n_lanes - self->layout.n_visible));
      invalidate (self);
      return TRUE;
    }
  if (dx == 0)
    dx = dy;
  ls_timeline_view_set_visible (self, self->view_from + (gint64) (dx * span / 10),
                                self->view_to + (gint64) (dx * span / 10));
  return TRUE;
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        LsTimelineView           *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_in = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
leave (GtkEventControllerMotion *controller,
       LsTimelineView           *self)
{
  self->pointer_in = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static char *
party (LsTimelineView  *self,
       LsTimelineScene *scene,
       const char      *number,
       int              lane)
{
  g_autofree char *shown = NULL;

  if (number == NULL)
    return g_strdup (_("withheld"));
  shown = scene->hide_numbers ? ls_timeline_render_mask_number (number) : g_strdup (number);
  if (lane >= 0 && g_str_has_prefix (ls_timeline_model_get_lane (self->model, lane)->key, "person:"))
    {
      g_autofree char *name = ls_timeline_render_lane_label (scene, lane);
      return g_strdup_printf ("%s (%s)", name, shown);
    }
  return g_steal_pointer (&shown);
}

static char *
mark_tooltip (LsTimelineView       *self,
              LsTimelineScene      *scene,
              const LsTimelineMark *m)
{
  g_autofree char *from = party (self, scene, m->caller, m->caller_lane);
  g_autofree char *to = party (self, scene, m->callee, m->callee_lane);
  g_autofree char *when = ls_time_format_local (m->start, "%a %-d %b %Y %H:%M:%S");
  g_autofree char *what = m->kind == 0
    ? g_strdup_printf (_("Voice call, %" G_GINT64_FORMAT " min %02" G_GINT64_FORMAT " s"),
                       m->duration / 60, m->duration % 60)
    : g_strdup (_("Text message"));

  return g_markup_printf_escaped ("<b>%s → %s</b>\n%s (UK time)\n%s\n%s %s\n<small>%s %s, %s %" G_GINT64_FORMAT "</small>",
                                  from, to, when, what, _("Cell"), m->cell ? m->cell : _("unknown"),
                                  _("Source"), m->source ? m->source : _("unknown"), _("line"), m->line);
}

static char *
event_tooltip (LsTimelineView        *self,
               const LsTimelineEvent *e)
{
  g_autofree char *start = ls_time_format_local (e->start, "%a %-d %b %Y %H:%M");
  g_autofree char *end = e->end >= 0 ? ls_time_format_local (e->end, "%a %-d %b %Y %H:%M") : NULL;

  return g_markup_printf_escaped ("<b>%s</b>\n%s%s%s\n%s", ls_timeline_render_event_name (e->kind), start,
                                  end ? " – " : "", end ? end : "", e->text ? e->text : "");
}

static char *
bin_tooltip (LsTimelineView  *self,
             LsTimelineScene *scene,
             int              lane,
             double           x)
{
  gint64 t = ls_timeline_render_time_at (scene, &self->layout, x);
  guint b = ls_timeline_bins_find (self->bins, t);
  g_autofree char *label = ls_timeline_render_lane_label (scene, lane);
  g_autofree char *a = NULL, *z = NULL;

  if (b >= ls_timeline_bins_get_n_bins (self->bins))
    return NULL;
  a = ls_time_format_local (ls_timeline_bins_get_start (self->bins, b), "%a %-d %b %Y %H:%M");
  z = ls_time_format_local (ls_timeline_bins_get_start (self->bins, b + 1),
                            ls_timeline_bins_get_bin_size (self->bins) >= 86400 ? "%a %-d %b %Y %H:%M" : "%H:%M");
  return g_markup_printf_escaped (_("<b>%s</b>\n%s – %s\n%u outgoing, %u incoming"), label, a, z,
                                  ls_timeline_bins_get_out (self->bins, lane)[b],
                                  ls_timeline_bins_get_in (self->bins, lane)[b]);
}

static gboolean
query_tooltip (GtkWidget      *widget,
               int             x,
               int             y,
               gboolean        keyboard,
               GtkTooltip     *tooltip,
               LsTimelineView *self)
{
  LsTimelineScene scene;
  const LsTimelineMark *m;
  const LsTimelineEvent *e;
  g_autofree char *markup = NULL;
  int lane;

  if (self->model == NULL || !self->picture_valid)
    return FALSE;
  fill_scene (self, &scene);
  if ((e = ls_timeline_render_event_at (&scene, &self->layout, x, y)) != NULL &&
      e->kind != LS_TIMELINE_EVENT_MISSING)
    markup = event_tooltip (self, e);
  else if ((m = ls_timeline_render_mark_at (&scene, &self->layout, x, y)) != NULL)
    markup = mark_tooltip (self, &scene, m);
  else if (e != NULL)
    markup = event_tooltip (self, e);
  else if ((lane = ls_timeline_render_lane_at (&scene, &self->layout, y)) >= 0 && self->bins &&
           x >= self->layout.plot_x && !marks_cover (self->marks, self->view_from, self->view_to))
    markup = bin_tooltip (self, &scene, lane, x);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* Export */

/* Export…: the shared Export dialog, given what is on the screen: the
 * shared range if set, else the view's; the selected people if any; a
 * lane per person or per phone, in the view's order. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (widget);
  g_autoptr(GStrvBuilder) people = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;
  gint64 from = ls_session_get_range_from (self->session), to = ls_session_get_range_to (self->session);
  LsExportDialog *dialog;
  gboolean any = FALSE;

  if (self->model == NULL)
    return;
  for (guint i = 0; i < ls_timeline_model_get_n_lanes (self->model); i++)
    {
      const LsTimelineLane *lane = ls_timeline_model_get_lane (self->model, i);
      if (ls_session_is_selected (self->session, lane->select_key))
        {
          g_strv_builder_add (people, self->show_phones && lane->detail ? lane->detail : lane->label);
          any = TRUE;
        }
    }
  chosen = any ? g_strv_builder_end (people) : NULL;
  dialog = ls_export_dialog_new (self->session, "timeline");
  ls_export_dialog_set_range (dialog, from >= 0 && to > from ? from : self->view_from,
                              from >= 0 && to > from ? to : self->view_to);
  ls_export_dialog_set_layout (dialog, self->show_phones ? "phones" : NULL);
  ls_export_dialog_set_people (dialog, (const char * const *) chosen);
  ls_export_dialog_set_screen (dialog, ls_timeline_export_screen_new (self->model),
                               (GDestroyNotify) ls_timeline_export_screen_free, 0, 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (widget);

  if (self->model == NULL)
    return;
  if (g_str_equal (action_name, "timeline.zoom-in"))
    ls_timeline_view_zoom (self, 1 / 1.6, 0.5);
  else if (g_str_equal (action_name, "timeline.zoom-out"))
    ls_timeline_view_zoom (self, 1.6, 0.5);
  else
    zoom_fit (self);
}

/* GObject */

static void
ls_timeline_view_dispose (GObject *object)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (object);

  g_cancellable_cancel (self->model_cancel);
  g_cancellable_cancel (self->data_cancel);
  g_cancellable_cancel (self->heat_cancel);
  g_cancellable_cancel (self->roles_cancel);
  g_clear_handle_id (&self->play_source, g_source_remove);
  g_clear_handle_id (&self->request_source, g_source_remove);
  g_clear_handle_id (&self->model_source, g_source_remove);
  ls_view_clear_session (LS_VIEW (self));
  g_clear_object (&self->model_cancel);
  g_clear_object (&self->data_cancel);
  g_clear_object (&self->heat_cancel);
  g_clear_object (&self->roles_cancel);
  g_clear_pointer (&self->rank, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_TIMELINE_VIEW);

  G_OBJECT_CLASS (ls_timeline_view_parent_class)->dispose (object);
}

static void
ls_timeline_view_finalize (GObject *object)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (object);

  g_clear_pointer (&self->model, ls_timeline_model_unref);
  g_clear_pointer (&self->bins, ls_timeline_bins_unref);
  g_clear_pointer (&self->marks, ls_timeline_marks_unref);
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  g_free (self->heat_title);
  g_free (self->case_name);
  g_free (self->marking);

  G_OBJECT_CLASS (ls_timeline_view_parent_class)->finalize (object);
}

static void
ls_timeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ls_view_get_property (object, prop_id, value, pspec);
      break;
    case PROP_SHOW_PHONES:
      g_value_set_boolean (value, self->show_phones);
      break;
    case PROP_SHOW_HEAT_MAP:
      g_value_set_boolean (value, self->show_heat_map);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_timeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LsTimelineView *self = LS_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ls_view_set_property (object, prop_id, value, pspec);
      break;
    case PROP_SHOW_PHONES:
      if (self->show_phones != g_value_get_boolean (value))
        {
          self->show_phones = g_value_get_boolean (value);
          load_model (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_HEAT_MAP:
      if (self->show_heat_map != g_value_get_boolean (value))
        {
          self->show_heat_map = g_value_get_boolean (value);
          self->heat_valid = FALSE;
          load_heat_map (self);
          invalidate (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_PLAYING:
      set_playing (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_timeline_view_class_init (LsTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_timeline_view_dispose;
  object_class->finalize = ls_timeline_view_finalize;
  object_class->get_property = ls_timeline_view_get_property;
  object_class->set_property = ls_timeline_view_set_property;

  properties[PROP_SHOW_PHONES] =
    g_param_spec_boolean ("show-phones", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_HEAT_MAP] =
    g_param_spec_boolean ("show-heat-map", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_SESSION, "session");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-timeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LsTimelineView, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LsTimelineView, canvas);
  gtk_widget_class_bind_template_child (widget_class, LsTimelineView, zoom_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LsTimelineView, step_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsTimelineView, play_button);
  gtk_widget_class_bind_template_child (widget_class, LsTimelineView, status);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timeline");

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "timeline.export", NULL, export_action);
  gtk_widget_class_install_property_action (widget_class, "timeline.show-phones", "show-phones");
  gtk_widget_class_install_property_action (widget_class, "timeline.show-heat-map", "show-heat-map");
  gtk_widget_class_install_property_action (widget_class, "timeline.playing", "playing");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "timeline.zoom-fit", NULL);
}

static void
ls_timeline_view_init (LsTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *drag;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_drawing_area_set_draw_func (self->canvas, canvas_draw, self, NULL);
  g_signal_connect_swapped (self->canvas, "resize", G_CALLBACK (invalidate), self);
  g_signal_connect_swapped (self->canvas, "resize", G_CALLBACK (schedule_request), self);
  g_signal_connect (self->canvas, "query-tooltip", G_CALLBACK (query_tooltip), self);
  g_signal_connect_swapped (self->zoom_adjustment, "value-changed", G_CALLBACK (zoom_adjustment_changed), self);

  drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), GTK_EVENT_CONTROLLER (drag));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), controller);
}

GtkWidget *
ls_timeline_view_new (LsSession *session)
{
  return g_object_new (LS_TYPE_TIMELINE_VIEW, "session", session, NULL);
}
