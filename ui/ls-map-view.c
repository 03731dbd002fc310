/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The map view. The world layer (basemap and data) is rendered into an
 * LsMapCache a little larger than the widget and shown as a texture, so a
 * pan moves a picture; hover, selection and the frame are drawn on top each
 * frame. The model is rebuilt off the main thread whenever the session's
 * range or selection changes (the timeline's play mode moves the range). */
#define G_LOG_DOMAIN "ls-map-view"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ls-analysis.h"
#include "ls-basemap.h"
#include "ls-geo-model.h"
#include "ls-map-cache.h"
#include "ls-export-dialog.h"
#include "ls-map-export.h"
#include "ls-map-render.h"
#include "ls-map-view.h"

/* From a town's streets (5 m a pixel) to the whole of Great Britain. */
#define MIN_SCALE 5.0
#define MAX_SCALE 4000.0

struct _LsMapView
{
  GtkWidget       parent_instance;

  LsSession      *session;
  GCancellable   *analysis_cancellable;
  GCancellable   *build_cancellable;
  guint           rebuild_source;

  LsBasemap      *basemap;
  LsGeoModel     *model;
  LsGeoQuery      roles;         /* only the role lists are used */
  char           *title;
  char           *marking;

  LsMapCache     *cache;
  cairo_surface_t *texture_surface;
  GdkTexture     *texture;
  LsMapViewState  view;
  gboolean        fitted;
  LsMapHit        hover;
  double          drag_e;
  double          drag_n;
  double          pointer_x;
  double          pointer_y;

  GtkWidget      *controls;
  GtkWidget      *panel;
  GtkLabel       *panel_title;
  GtkListBox     *panel_list;
  GtkSpinner     *spinner;
};

static void ls_map_view_view_init (LsViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LsMapView, ls_map_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LS_TYPE_VIEW, ls_map_view_view_init))

enum {
  PROP_0,
  PROP_SHOW_OUTLINE,
  PROP_SHOW_AREAS,
  PROP_SHOW_TOWNS,
  PROP_SHOW_CELLS,
  PROP_SHOW_TRACKS,
  PROP_SHOW_FLOWS,
  PROP_SHOW_OUT_OF_AREA,
  N_PROPS,
  PROP_SESSION = N_PROPS,   /* LsView's */
};

static GParamSpec *properties[N_PROPS];

/* Layer properties in the order of the enum, from PROP_SHOW_OUTLINE. */
static const LsMapLayers layer_of_prop[] = {
  LS_MAP_LAYER_OUTLINE, LS_MAP_LAYER_AREAS, LS_MAP_LAYER_TOWNS, LS_MAP_LAYER_CELLS,
  LS_MAP_LAYER_TRACKS, LS_MAP_LAYER_FLOWS, LS_MAP_LAYER_OUT_OF_AREA,
};

static void schedule_rebuild (LsMapView *self);

/* Drawing ---------------------------------------------------------------- */

static void
invalidate (LsMapView *self)
{
  ls_map_cache_invalidate (self->cache);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_texture (LsMapView *self, cairo_surface_t *surface)
{
  GBytes *bytes;

  if (surface == self->texture_surface && self->texture != NULL)
    return;
  g_clear_object (&self->texture);
  self->texture_surface = surface;
  /* The texture shares the cache's pixels: no copy per frame. */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      cairo_image_surface_get_height (surface) * cairo_image_surface_get_stride (surface),
                                      (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (surface));
  self->texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                          cairo_image_surface_get_height (surface),
                                          GDK_MEMORY_DEFAULT, bytes,
                                          cairo_image_surface_get_stride (surface));
  g_bytes_unref (bytes);
}

static void
ls_map_view_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  LsMapView *self = LS_MAP_VIEW (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  cairo_surface_t *surface;
  double x, y;
  cairo_t *cr;

  if (self->basemap == NULL || width <= 0 || height <= 0)
    {
      GTK_WIDGET_CLASS (ls_map_view_parent_class)->snapshot (widget, snapshot);
      return;
    }

  self->view.width = width;
  self->view.height = height;
  if (!self->fitted)
    {
      LsBBox box;

      if (self->model == NULL || !ls_map_model_extent (self->model, &box))
        box = *ls_basemap_get_bbox (self->basemap);
      ls_map_view_fit (&self->view, &box, 60);
      self->fitted = self->model != NULL;
    }

  ls_map_cache_update (self->cache, self->basemap, self->model, &self->view, scale);
  surface = ls_map_cache_get_surface (self->cache, &self->view, &x, &y);
  update_texture (self, surface);
  gtk_snapshot_push_clip (snapshot, &bounds);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (round (x), round (y),
                                                    cairo_image_surface_get_width (surface) / (double) scale,
                                                    cairo_image_surface_get_height (surface) / (double) scale));
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  ls_map_render_overlay (cr, self->basemap, self->model, &self->view, &self->hover,
                         self->session ? ls_session_get_selection (self->session) : NULL);
  ls_map_render_frame (cr, self->basemap, self->model, &self->view);
  cairo_destroy (cr);
  gtk_snapshot_pop (snapshot);

  GTK_WIDGET_CLASS (ls_map_view_parent_class)->snapshot (widget, snapshot);
}

/* Model ------------------------------------------------------------------- */

typedef struct {
  LsCase     *kase;
  LsBasemap  *basemap;
  LsGeoQuery  query;
} BuildJob;

static void
build_job_free (BuildJob *job)
{
  g_clear_object (&job->kase);
  g_clear_pointer (&job->basemap, ls_basemap_unref);
  g_strfreev (job->query.selected);
  ls_geo_query_clear_roles (&job->query);
  g_free (job);
}

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  BuildJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = ls_case_open_reader (job->kase, &error);
  LsGeoModel *model = NULL;

  if (db != NULL)
    model = ls_geo_model_build (db, job->basemap, &job->query, cancellable, &error);
  if (model == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, model, (GDestroyNotify) ls_geo_model_unref);
}

static void
build_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LsMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  LsGeoModel *model = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer build is running */
  gtk_spinner_stop (self->spinner);
  if (model == NULL)
    {
      g_warning ("Cannot draw the map: %s", error->message);
      return;
    }
  g_clear_pointer (&self->model, ls_geo_model_unref);
  self->model = model;
  ls_map_hit_clear (&self->hover);
  invalidate (self);
}

static gboolean
rebuild (gpointer user_data)
{
  LsMapView *self = user_data;
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  g_autoptr(GTask) task = NULL;
  BuildJob *job;

  self->rebuild_source = 0;
  g_cancellable_cancel (self->build_cancellable);
  g_clear_object (&self->build_cancellable);
  if (kase == NULL || self->basemap == NULL)
    return G_SOURCE_REMOVE;

  job = g_new0 (BuildJob, 1);
  job->kase = g_object_ref (kase);
  job->basemap = ls_basemap_ref (self->basemap);
  job->query.from = ls_session_get_range_from (self->session);
  job->query.to = ls_session_get_range_to (self->session);
  job->query.selected = g_strdupv ((GStrv) ls_session_get_selection (self->session));
  job->query.line_holders = g_strdupv (self->roles.line_holders);
  job->query.deal_lines = g_strdupv (self->roles.deal_lines);
  job->query.runners = g_strdupv (self->roles.runners);

  self->build_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  task = g_task_new (NULL, self->build_cancellable, build_done, g_object_ref (self));
  g_task_set_source_tag (task, rebuild);
  g_task_set_task_data (task, job, (GDestroyNotify) build_job_free);
  g_task_run_in_thread (task, build_thread);

  return G_SOURCE_REMOVE;
}

/* A short delay gathers the notifications of one change (from and to), and
 * keeps up with play mode without queueing stale builds. */
static void
schedule_rebuild (LsMapView *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_timeout_add (30, rebuild, self);
}

static void
analysis_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LsMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsAnalysis) analysis = ls_analysis_load_finish (LS_CASE (object), result, &error);

  if (analysis == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The map shows no hub or flows: the analysis failed: %s", error->message);
      return;
    }
  /* Roles are about who is who, so they come from the whole case. */
  ls_geo_query_set_roles (&self->roles, analysis);
  if (self->session != NULL)   /* not closed meanwhile */
    schedule_rebuild (self);
}

static void
reload (LsMapView *self)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;

  g_cancellable_cancel (self->analysis_cancellable);
  g_clear_object (&self->analysis_cancellable);
  ls_geo_query_clear_roles (&self->roles);
  g_clear_pointer (&self->model, ls_geo_model_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->marking, g_free);
  self->fitted = FALSE;
  gtk_widget_set_visible (self->panel, FALSE);
  if (kase != NULL)
    {
      self->title = ls_case_dup_name (kase);
      self->marking = ls_case_get_meta (kase, "marking");
      self->analysis_cancellable = g_cancellable_new ();
      ls_analysis_load_async (kase, NULL, NULL, NULL, self->analysis_cancellable,
                              analysis_done, g_object_ref (self));
    }
  self->view.title = self->title;
  self->view.marking = self->marking;
  schedule_rebuild (self);
  invalidate (self);
}

static void
redaction_changed (LsMapView *self)
{
  self->view.hide_names = ls_session_get_redaction (self->session) != LS_REDACTION_NONE;
  invalidate (self);
}

static void
basemap_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LsMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  LsBasemap *basemap = g_task_propagate_pointer (G_TASK (result), &error);

  if (basemap == NULL)
    {
      g_warning ("Cannot load the map of the UK: %s", error->message);
      return;
    }
  self->basemap = ls_basemap_ref (basemap);
  /* A view closed while the basemap loaded must not schedule work for
   * after this callback drops the last reference to it. */
  if (self->session == NULL)
    return;
  schedule_rebuild (self);
  invalidate (self);
}

static void
basemap_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  LsBasemap *basemap = ls_basemap_get_default (&error);

  if (basemap == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, basemap, NULL);
}

/* Interaction ------------------------------------------------------------- */

static double
max_scale (LsMapView *self)
{
  LsMapViewState whole = self->view;

  if (self->basemap == NULL)
    return MAX_SCALE;
  ls_map_view_fit (&whole, ls_basemap_get_bbox (self->basemap), 20);

  return MIN (MAX_SCALE, whole.scale * 1.5);
}

void
ls_map_view_zoom_at (LsMapView *self,
                     double     factor,
                     double     x,
                     double     y)
{
  double e, n, scale;

  g_return_if_fail (LS_IS_MAP_VIEW (self));

  scale = CLAMP (self->view.scale / factor, MIN_SCALE, max_scale (self));
  if (scale == self->view.scale)
    return;
  /* The point under the pointer stays under it. */
  ls_map_view_to_map (&self->view, x, y, &e, &n);
  self->view.scale = scale;
  self->view.center_e = e - (x - self->view.width / 2.0) * scale;
  self->view.center_n = n + (y - self->view.height / 2.0) * scale;
  self->fitted = TRUE;
  ls_map_hit_clear (&self->hover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ls_map_view_pan (LsMapView *self,
                 double     dx,
                 double     dy)
{
  g_return_if_fail (LS_IS_MAP_VIEW (self));

  self->view.center_e -= dx * self->view.scale;
  self->view.center_n += dy * self->view.scale;
  self->fitted = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
ls_map_view_get_scale (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), 0);

  return self->view.scale;
}

LsGeoModel *
ls_map_view_get_model (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), NULL);

  return self->model;
}

gboolean
ls_map_view_is_ready (LsMapView *self)
{
  g_return_val_if_fail (LS_IS_MAP_VIEW (self), FALSE);

  return self->basemap != NULL && self->model != NULL && self->rebuild_source == 0 &&
         !gtk_spinner_get_spinning (self->spinner);
}

static void
drag_begin (GtkGestureDrag *gesture, double x, double y, LsMapView *self)
{
  self->drag_e = self->view.center_e;
  self->drag_n = self->view.center_n;
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, LsMapView *self)
{
  self->view.center_e = self->drag_e - dx * self->view.scale;
  self->view.center_n = self->drag_n + dy * self->view.scale;
  self->fitted = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scrolled (GtkEventControllerScroll *controller, double dx, double dy, LsMapView *self)
{
  ls_map_view_zoom_at (self, pow (1.25, -dy), self->pointer_x, self->pointer_y);

  return TRUE;
}

static void
motion (GtkEventControllerMotion *controller, double x, double y, LsMapView *self)
{
  LsMapHit hit = { 0 };

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->basemap == NULL)
    return;
  ls_map_hit_test (self->basemap, self->model, &self->view, x, y, &hit);
  if (hit.kind == self->hover.kind && hit.index == self->hover.index)
    {
      ls_map_hit_clear (&hit);
      return;
    }
  ls_map_hit_clear (&self->hover);
  self->hover = hit;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), hit.tooltip);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave (GtkEventControllerMotion *controller, LsMapView *self)
{
  ls_map_hit_clear (&self->hover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The "who was active here" panel ------------------------------------------ */

typedef struct {
  LsGeoModel *model;
  LsCase     *kase;
  int         area;
  double      easting;
  double      northing;
} ActiveJob;

static void
active_job_free (ActiveJob *job)
{
  ls_geo_model_unref (job->model);
  g_object_unref (job->kase);
  g_free (job);
}

static void
active_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ActiveJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = ls_case_open_reader (job->kase, &error);
  GArray *active = NULL;

  /* A town is the cells within 8 km of its centre. */
  if (db != NULL)
    active = ls_geo_model_list_active (job->model, db, job->area, job->easting, job->northing, 8000, &error);
  if (active == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, active, (GDestroyNotify) g_array_unref);
}

static GtkWidget *
active_row (const LsGeoActive *a, gboolean hide_names)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *label = hide_names && g_str_has_prefix (a->key, "person:")
    ? g_strdup_printf (_("Person %s"), a->key + 7) : g_strdup (a->label);
  g_autofree char *count = g_strdup_printf ("%u", a->contacts);
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *n = gtk_label_new (count);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (n, "dim-label");
  gtk_widget_add_css_class (n, "numeric");
  if (a->victim)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_tooltip_text (icon, _("Child or vulnerable adult"));
      gtk_box_append (GTK_BOX (box), icon);
    }
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), n);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "key", g_strdup (a->key), g_free);

  return row;
}

static void
active_done (GObject *object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(LsMapView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) active = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->panel_list))))
    gtk_list_box_remove (self->panel_list, child);
  if (active == NULL)
    {
      g_warning ("Cannot list who was active there: %s", error->message);
      return;
    }
  if (active->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("Nobody made calls here in the range."));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_list_box_append (self->panel_list, none);
    }
  for (guint i = 0; i < active->len; i++)
    gtk_list_box_append (self->panel_list, active_row (&g_array_index (active, LsGeoActive, i),
                                                       self->view.hide_names));
}

static void
show_active (LsMapView *self, const LsMapHit *hit)
{
  g_autoptr(GTask) task = NULL;
  ActiveJob *job;
  const char *name = hit->kind == LS_MAP_HIT_AREA ? ls_basemap_get_area (self->basemap, hit->index)->name
                                                  : ls_basemap_get_town (self->basemap, hit->index)->name;
  g_autofree char *title = g_strdup_printf (_("Active in %s"), name);

  if (self->model == NULL || self->session == NULL || ls_session_get_case (self->session) == NULL)
    return;
  gtk_label_set_label (self->panel_title, title);
  gtk_widget_set_visible (self->panel, TRUE);
  job = g_new0 (ActiveJob, 1);
  job->model = ls_geo_model_ref (self->model);
  job->kase = g_object_ref (ls_session_get_case (self->session));
  job->area = hit->kind == LS_MAP_HIT_AREA ? hit->index : -1;
  job->easting = hit->easting;
  job->northing = hit->northing;
  task = g_task_new (NULL, NULL, active_done, g_object_ref (self));
  g_task_set_task_data (task, job, (GDestroyNotify) active_job_free);
  g_task_run_in_thread (task, active_thread);
}

static void
panel_row_activated_cb (LsMapView     *self,
                        GtkListBoxRow *row)
{
  const char *key = g_object_get_data (G_OBJECT (row), "key");
  const char *keys[] = { key, NULL };

  if (key != NULL && self->session != NULL)
    ls_session_set_selection (self->session, keys);
}

static void
clicked (GtkGestureClick *gesture, int n_press, double x, double y, LsMapView *self)
{
  LsMapHit hit = { 0 };

  if (self->basemap == NULL || self->session == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  ls_map_hit_test (self->basemap, self->model, &self->view, x, y, &hit);
  switch (hit.kind)
    {
    case LS_MAP_HIT_TOWN:
    case LS_MAP_HIT_AREA:
      show_active (self, &hit);
      break;
    case LS_MAP_HIT_OUT_OF_AREA:
    case LS_MAP_HIT_TRACK:
      {
        const char *keys[] = { hit.key, NULL };

        ls_session_set_selection (self->session, keys);
      }
      break;
    case LS_MAP_HIT_NONE:
      ls_session_set_selection (self->session, NULL);
      gtk_widget_set_visible (self->panel, FALSE);
      break;
    default:
      break;
    }
  ls_map_hit_clear (&hit);
}

/* Actions ------------------------------------------------------------------ */

static void
zoom_action (GtkWidget *widget, const char *name, GVariant *param)
{
  LsMapView *self = LS_MAP_VIEW (widget);
  double cx = self->view.width / 2.0, cy = self->view.height / 2.0;

  if (g_str_equal (name, "map.zoom-in"))
    ls_map_view_zoom_at (self, 2, cx, cy);
  else if (g_str_equal (name, "map.zoom-out"))
    ls_map_view_zoom_at (self, 0.5, cx, cy);
  else
    {
      self->fitted = FALSE;
      gtk_widget_queue_draw (widget);
    }
}

static void
close_panel_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_set_visible (LS_MAP_VIEW (widget)->panel, FALSE);
}

/* Export…: the shared Export dialog, given what the screen shows (the
 * model, centre and scale, layers) at its size. */
static void
export_action (GtkWidget *widget, const char *name, GVariant *param)
{
  LsMapView *self = LS_MAP_VIEW (widget);
  LsExportDialog *dialog;

  if (self->basemap == NULL)
    return;
  dialog = ls_export_dialog_new (self->session, "map");
  ls_export_dialog_set_screen (dialog, ls_map_export_screen_new (self->model, &self->view),
                               (GDestroyNotify) ls_map_export_screen_free, self->view.width, self->view.height);
  if (self->model != NULL)
    ls_export_dialog_set_range (dialog, ls_geo_model_get_from (self->model), ls_geo_model_get_to (self->model));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject -------------------------------------------------------------------- */

GtkWidget *
ls_map_view_new (LsSession *session)
{
  return g_object_new (LS_TYPE_MAP_VIEW, "session", session, NULL);
}

static void
session_changed (LsView *view)
{
  LsMapView *self = LS_MAP_VIEW (view);
  LsSession *session = self->session;

  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::case", G_CALLBACK (reload), self);
      g_signal_connect_swapped (session, "data-changed", G_CALLBACK (reload), self);
      g_signal_connect_swapped (session, "notify::range-from", G_CALLBACK (schedule_rebuild), self);
      g_signal_connect_swapped (session, "notify::range-to", G_CALLBACK (schedule_rebuild), self);
      g_signal_connect_swapped (session, "notify::selection", G_CALLBACK (schedule_rebuild), self);
      g_signal_connect_swapped (session, "notify::redaction", G_CALLBACK (redaction_changed), self);
      self->view.hide_names = ls_session_get_redaction (session) != LS_REDACTION_NONE;
    }
  reload (self);
}

static void
ls_map_view_view_init (LsViewInterface *iface)
{
  iface->session_offset = G_STRUCT_OFFSET (LsMapView, session);
  iface->session_changed = session_changed;
}

static void
ls_map_view_dispose (GObject *object)
{
  LsMapView *self = LS_MAP_VIEW (object);

  g_cancellable_cancel (self->analysis_cancellable);
  g_cancellable_cancel (self->build_cancellable);
  ls_view_set_session (LS_VIEW (self), NULL);
  /* After the session is gone: unsetting it schedules a rebuild. */
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_MAP_VIEW);

  G_OBJECT_CLASS (ls_map_view_parent_class)->dispose (object);
}

static void
ls_map_view_finalize (GObject *object)
{
  LsMapView *self = LS_MAP_VIEW (object);

  /* A load finishing after dispose may have scheduled one more rebuild. */
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  g_clear_object (&self->analysis_cancellable);
  g_clear_object (&self->build_cancellable);
  g_clear_pointer (&self->model, ls_geo_model_unref);
  g_clear_pointer (&self->basemap, ls_basemap_unref);
  g_clear_pointer (&self->cache, ls_map_cache_free);
  g_clear_object (&self->texture);
  ls_geo_query_clear_roles (&self->roles);
  ls_map_hit_clear (&self->hover);
  g_free (self->title);
  g_free (self->marking);

  G_OBJECT_CLASS (ls_map_view_parent_class)->finalize (object);
}

static void
ls_map_view_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LsMapView *self = LS_MAP_VIEW (object);

  if (prop_id == PROP_SESSION)
    ls_view_get_property (object, prop_id, value, pspec);
  else if (prop_id >= PROP_SHOW_OUTLINE && prop_id < N_PROPS)
    g_value_set_boolean (value, (self->view.layers & layer_of_prop[prop_id - PROP_SHOW_OUTLINE]) != 0);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ls_map_view_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LsMapView *self = LS_MAP_VIEW (object);

  if (prop_id == PROP_SESSION)
    ls_view_set_property (object, prop_id, value, pspec);
  else if (prop_id >= PROP_SHOW_OUTLINE && prop_id < N_PROPS)
    {
      LsMapLayers layer = layer_of_prop[prop_id - PROP_SHOW_OUTLINE];
      LsMapLayers layers = g_value_get_boolean (value) ? self->view.layers | layer : self->view.layers & ~layer;

      if (layers == self->view.layers)
        return;
      self->view.layers = layers;
      ls_map_hit_clear (&self->hover);
      invalidate (self);
      g_object_notify_by_pspec (object, pspec);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ls_map_view_class_init (LsMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const layer_names[] = {
    "show-outline", "show-areas", "show-towns", "show-cells", "show-tracks", "show-flows", "show-out-of-area",
  };

  object_class->dispose = ls_map_view_dispose;
  object_class->finalize = ls_map_view_finalize;
  object_class->get_property = ls_map_view_get_property;
  object_class->set_property = ls_map_view_set_property;
  widget_class->snapshot = ls_map_view_snapshot;

  for (guint i = 0; i < G_N_ELEMENTS (layer_names); i++)
    properties[PROP_SHOW_OUTLINE + i] =
      g_param_spec_boolean (layer_names[i], NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_SESSION, "session");

  for (guint i = 0; i < G_N_ELEMENTS (layer_names); i++)
    {
      g_autofree char *action = g_strconcat ("map.", layer_names[i], NULL);

      gtk_widget_class_install_property_action (widget_class, action, layer_names[i]);
    }
  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "map.close-panel", NULL, close_panel_action);
  gtk_widget_class_install_action (widget_class, "map.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "map.zoom-fit", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LsMapView, controls);
  gtk_widget_class_bind_template_child (widget_class, LsMapView, panel);
  gtk_widget_class_bind_template_child (widget_class, LsMapView, panel_title);
  gtk_widget_class_bind_template_child (widget_class, LsMapView, panel_list);
  gtk_widget_class_bind_template_child (widget_class, LsMapView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, panel_row_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lsmapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ls_map_view_init (LsMapView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  GtkEventController *motion_controller = gtk_event_controller_motion_new ();
  g_autoptr(GTask) task = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cache = ls_map_cache_new ();
  self->view.layers = LS_MAP_LAYER_ALL;
  self->view.scale = 1000;
  self->view.center_e = 400000;
  self->view.center_n = 400000;

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (click, "released", G_CALLBACK (clicked), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (scroll, "scroll", G_CALLBACK (scrolled), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);

  /* A quarter of a second of parsing and projecting: not on the main loop. */
  task = g_task_new (NULL, NULL, basemap_loaded, g_object_ref (self));
  g_task_run_in_thread (task, basemap_thread);
}
