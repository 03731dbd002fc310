/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cached picture covers the view and half a view on every side, drawn
 * at one zoom into two images: the geometry (edges and nodes) and the
 * labels over it, which are drawn again alone when the selection or the
 * search changes. Images, not render nodes of Cairo drawing: GTK keeps a
 * Cairo node as a recording and would replay every edge each frame.
 * Panning translates the images; zooming scales them until the zoom
 * settles, then they are drawn afresh; they are redrawn at once only when
 * the view leaves them. Hover, selection, path and the rubber band are
 * drawn each frame by ls_network_render_overlay; the chrome (title,
 * legend, marking) is a third image, redrawn only when the size changes. */
#define G_LOG_DOMAIN "ls-network-canvas"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ls-network-canvas.h"
#include "ls-render-style.h"

#define SETTLE_MS   140
#define MIN_ZOOM    0.002
#define MAX_ZOOM    12.0

struct _LsNetworkCanvas
{
  GtkWidget           parent_instance;

  LsNetworkScene     *scene;
  LsNetworkViewState  state;
  guint8             *selected;
  guint8             *hidden;
  guint8             *path;

  cairo_surface_t    *picture;       /* edges and nodes */
  cairo_surface_t    *labels;        /* labels, transparent elsewhere */
  GdkTexture         *picture_texture; /* the same for renderers other than Cairo */
  GdkTexture         *labels_texture;
  cairo_surface_t    *flat;          /* picture and labels in one, for panning */
  guint8             *labelled;      /* per node: has a label in LABELS */
  int                 labels_search; /* the search it was drawn for */
  double              picture_cx;
  double              picture_cy;
  double              picture_zoom;
  int                 picture_width; /* the view size it was made for */
  int                 picture_height;
  cairo_surface_t    *chrome;
  GdkTexture         *chrome_texture;
  guint               generation;    /* counts pictures thrown away */
  gboolean            picture_stale; /* a node moved: draw it again, aside */
  int                 moved_node;    /* drawn in the overlay until then, or -1 */
  guint               selection_serial;
  GCancellable       *job_cancel;    /* a picture drawn on a worker thread */
  gboolean            job_running;
  guint               settle_source;
  gboolean            needs_fit;     /* a scene came before the widget had its size */

  /* Dragging: panning, moving a node or a rubber band. */
  enum { DRAG_NONE, DRAG_PAN, DRAG_NODE, DRAG_BAND } drag;
  double              drag_x;
  double              drag_y;
  double              drag_dx;
  double              drag_dy;
  double              drag_cx;
  double              drag_cy;
  int                 drag_node;
  double              node_x;
  double              node_y;
  double              pinch_zoom;
};

G_DEFINE_FINAL_TYPE (LsNetworkCanvas, ls_network_canvas, GTK_TYPE_WIDGET)

enum {
  SELECTION_CHANGED,
  NODE_MOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
drop_labels (LsNetworkCanvas *self)
{
  g_clear_pointer (&self->labels, cairo_surface_destroy);
  g_clear_object (&self->labels_texture);
  g_clear_pointer (&self->flat, cairo_surface_destroy);
}

static void
drop_picture (LsNetworkCanvas *self)
{
  self->generation++;
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  g_clear_object (&self->picture_texture);
  drop_labels (self);
}

static void
drop_chrome (LsNetworkCanvas *self)
{
  g_clear_pointer (&self->chrome, cairo_surface_destroy);
  g_clear_object (&self->chrome_texture);
}

void
ls_network_canvas_invalidate (LsNetworkCanvas *self)
{
  g_return_if_fail (LS_IS_NETWORK_CANVAS (self));

  drop_picture (self);
  drop_chrome (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
settle_cb (gpointer data)
{
  LsNetworkCanvas *self = data;

  self->settle_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* The zoom changed: show the old picture scaled, draw anew when it settles. */
static void
zoom_changed (LsNetworkCanvas *self)
{
  g_clear_handle_id (&self->settle_source, g_source_remove);
  self->settle_source = g_timeout_add (SETTLE_MS, settle_cb, self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
zoom_at (LsNetworkCanvas *self,
         double           zoom,
         double           sx,
         double           sy)
{
  double x, y;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  ls_network_render_from_screen (&self->state, sx, sy, &x, &y);
  self->state.zoom = zoom;
  self->state.cx = x - (sx - self->state.width / 2) / zoom;
  self->state.cy = y - (sy - self->state.height / 2) / zoom;
  zoom_changed (self);
}

void
ls_network_canvas_zoom (LsNetworkCanvas *self,
                        double           factor)
{
  zoom_at (self, self->state.zoom * factor, self->state.width / 2, self->state.height / 2);
}

void
ls_network_canvas_fit (LsNetworkCanvas *self)
{
  if (self->scene == NULL)
    return;
  self->needs_fit = gtk_widget_get_width (GTK_WIDGET (self)) < 64;
  self->state.width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 64);
  self->state.height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 64);
  ls_network_render_fit (self->scene, &self->state);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ls_network_canvas_centre_on (LsNetworkCanvas *self,
                             int              node)
{
  if (self->scene == NULL || node < 0 || (guint) node >= self->scene->layout->n_nodes)
    return;
  self->state.cx = self->scene->layout->x[node];
  self->state.cy = self->scene->layout->y[node];
  if (self->state.zoom < 0.8)
    self->state.zoom = 0.8;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ls_network_canvas_pan_by (LsNetworkCanvas *self,
                          double           dx,
                          double           dy)
{
  self->state.cx -= dx / self->state.zoom;
  self->state.cy -= dy / self->state.zoom;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Each frame paints the cached images, so they say how: the picture is
 * opaque (copied, not blended), the labels and the chrome are mostly
 * clear and only the tiles that hold something are blended. */
static const cairo_user_data_key_t opaque_key;
static const cairo_user_data_key_t ink_key;

#define INK_TILE 32

static void
paint_background (cairo_surface_t *image)
{
  cairo_t *cr = cairo_create (image);

  ls_render_style_set_color (cr, LS_STYLE_COLOR_BACKGROUND);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_set_user_data (image, &opaque_key, (void *) &opaque_key, NULL);
}

static gboolean
tile_has_ink (const guint8 *data,
              int           stride,
              int           x0,
              int           y0,
              int           x1,
              int           y1)
{
  for (int y = y0; y < y1; y++)
    {
      const guint32 *row = (const guint32 *) (data + (gsize) y * stride);

      for (int x = x0; x < x1; x++)
        if (row[x] >> 24)
          return TRUE;
    }

  return FALSE;
}

/* Finds the tiles with any ink, as runs along each row of tiles, in the
 * image's own (logical) units. Safe on any thread. */
static void
mark_ink (cairo_surface_t *image)
{
  int w = cairo_image_surface_get_width (image), h = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guint8 *data;
  cairo_region_t *region = cairo_region_create ();
  double sx, sy;

  cairo_surface_flush (image);
  data = cairo_image_surface_get_data (image);
  cairo_surface_get_device_scale (image, &sx, &sy);
  for (int ty = 0; ty < h; ty += INK_TILE)
    {
      int run = -1;

      for (int tx = 0; tx <= w; tx += INK_TILE)
        {
          gboolean ink = tx < w && tile_has_ink (data, stride, tx, ty, MIN (tx + INK_TILE, w), MIN (ty + INK_TILE, h));

          if (ink && run < 0)
            run = tx;
          else if (!ink && run >= 0)
            {
              cairo_rectangle_int_t r = { (int) floor (run / sx), (int) floor (ty / sy),
                                          (int) ceil ((MIN (tx, w) - run) / sx) + 1,
                                          (int) ceil (MIN (INK_TILE, h - ty) / sy) + 1 };
              cairo_region_union_rectangle (region, &r);
              run = -1;
            }
        }
    }
  cairo_surface_set_user_data (image, &ink_key, region, (cairo_destroy_func_t) cairo_region_destroy);
}

/* An image of WIDTH × HEIGHT logical pixels at the widget's scale. */
static cairo_surface_t *
new_image (LsNetworkCanvas *self,
           double           width,
           double           height)
{
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                                       (int) ceil (height * scale));

  cairo_surface_set_device_scale (image, scale, scale);

  return image;
}

/* The state the cached images are drawn with: the view and half a view
 * around it, at the picture's centre and zoom. */
static LsNetworkViewState
picture_state (LsNetworkCanvas *self)
{
  LsNetworkViewState s = self->state;

  s.width = self->picture_width * 2;
  s.height = self->picture_height * 2;
  s.cx = self->picture_cx;
  s.cy = self->picture_cy;
  s.zoom = self->picture_zoom;
  s.show_chrome = FALSE;
  s.selected = NULL;
  s.path_edges = NULL;
  s.labelled = NULL;
  s.hover = s.search = -1;

  return s;
}

static void
make_picture (LsNetworkCanvas *self)
{
  LsNetworkViewState s;
  cairo_t *cr;

  drop_picture (self);
  self->picture_stale = FALSE;
  if (self->drag != DRAG_NODE)
    self->moved_node = -1;
  self->picture_cx = self->state.cx;
  self->picture_cy = self->state.cy;
  self->picture_zoom = self->state.zoom;
  self->picture_width = (int) self->state.width;
  self->picture_height = (int) self->state.height;
  s = picture_state (self);
  self->picture = new_image (self, s.width, s.height);
  paint_background (self->picture);
  cr = cairo_create (self->picture);
  ls_network_render_geometry (cr, self->scene, &s);
  cairo_destroy (cr);
}

/* The labels, for the selection and search of now: theirs come first. */
static void
make_labels (LsNetworkCanvas *self)
{
  LsNetworkViewState s = picture_state (self);
  cairo_t *cr;

  drop_labels (self);
  s.selected = self->selected;
  s.search = self->state.search;
  memset (self->labelled, 0, MAX (self->scene->layout->n_nodes, 1));
  self->labels = new_image (self, s.width, s.height);
  cr = cairo_create (self->labels);
  ls_network_render_labels (cr, self->scene, &s, self->labelled);
  cairo_destroy (cr);
  mark_ink (self->labels);
  self->labels_search = self->state.search;
}

/* Whether the cached picture was drawn for this view: same size and zoom,
 * and the view within a quarter of a view of its centre. Past that, a new
 * one is drawn on a worker thread while this one is still shown, so it is
 * usually ready before the view runs off the old one's edge. */
static gboolean
picture_is_current (LsNetworkCanvas *self)
{
  double ox, oy;

  if (self->picture_stale || self->picture_width != (int) self->state.width ||
      self->picture_height != (int) self->state.height || self->picture_zoom != self->state.zoom)
    return FALSE;
  ox = (self->state.cx - self->picture_cx) * self->state.zoom;
  oy = (self->state.cy - self->picture_cy) * self->state.zoom;

  return fabs (ox) <= self->state.width / 4 && fabs (oy) <= self->state.height / 4;
}

/* A picture drawn on a worker thread. The thread reads the scene, which
 * the main thread only changes by writing single numbers (a dragged
 * node's position, roles when the analysis arrives) and then throws the
 * picture away, so at worst one picture shows a node mid-change; the
 * per-node arrays the canvas owns are copied. */
typedef struct {
  LsNetworkScene     *scene;
  LsNetworkViewState  state;
  guint8             *hidden;
  guint8             *selected;
  int                 scale;
  int                 view_width;
  int                 view_height;
  guint               generation;
  guint               selection_serial;
  int                 moved_node;
  cairo_surface_t    *picture;
  cairo_surface_t    *labels;
  guint8             *labelled;
} PictureJob;

static void
picture_job_free (gpointer data)
{
  PictureJob *job = data;

  ls_network_scene_unref (job->scene);
  g_free (job->hidden);
  g_free (job->selected);
  g_clear_pointer (&job->picture, cairo_surface_destroy);
  g_clear_pointer (&job->labels, cairo_surface_destroy);
  g_free (job->labelled);
  g_free (job);
}

static cairo_surface_t *
job_image (PictureJob *job)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                       (int) ceil (job->state.width * job->scale),
                                                       (int) ceil (job->state.height * job->scale));

  cairo_surface_set_device_scale (image, job->scale, job->scale);

  return image;
}

static void
picture_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  PictureJob *job = data;
  LsNetworkViewState s = job->state;
  cairo_t *cr;

  s.hidden = job->hidden;
  job->picture = job_image (job);
  paint_background (job->picture);
  cr = cairo_create (job->picture);
  ls_network_render_geometry (cr, job->scene, &s);
  cairo_destroy (cr);
  if (g_task_return_error_if_cancelled (task))
    return;

  s.selected = job->selected;
  job->labels = job_image (job);
  cr = cairo_create (job->labels);
  ls_network_render_labels (cr, job->scene, &s, job->labelled);
  cairo_destroy (cr);
  mark_ink (job->labels);
  g_task_return_boolean (task, TRUE);
}

static void
picture_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  LsNetworkCanvas *self = LS_NETWORK_CANVAS (source);
  PictureJob *job = g_task_get_task_data (G_TASK (result));
  guint n;

  self->job_running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->scene != job->scene ||
      job->generation != self->generation)
    {
      if (self->scene != NULL)
        gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  n = self->scene->layout->n_nodes;
  drop_picture (self);
  self->picture = g_steal_pointer (&job->picture);
  self->picture_cx = job->state.cx;
  self->picture_cy = job->state.cy;
  self->picture_zoom = job->state.zoom;
  self->picture_width = job->view_width;
  self->picture_height = job->view_height;
  if (self->moved_node == job->moved_node && self->drag != DRAG_NODE)
    self->moved_node = -1;
  if (job->selection_serial == self->selection_serial && job->state.search == self->state.search)
    {
      self->labels = g_steal_pointer (&job->labels);
      memcpy (self->labelled, job->labelled, MAX (n, 1));
      self->labels_search = job->state.search;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
start_picture_job (LsNetworkCanvas *self)
{
  g_autoptr(GTask) task = NULL;
  PictureJob *job = g_new0 (PictureJob, 1);
  guint n = self->scene->layout->n_nodes;

  job->scene = ls_network_scene_ref (self->scene);
  job->view_width = (int) self->state.width;
  job->view_height = (int) self->state.height;
  job->state = self->state;
  job->state.width = job->view_width * 2;
  job->state.height = job->view_height * 2;
  job->state.show_chrome = FALSE;
  job->state.path_edges = NULL;
  job->state.labelled = NULL;
  job->state.hover = -1;
  job->hidden = g_memdup2 (self->hidden, MAX (n, 1));
  job->selected = g_memdup2 (self->selected, MAX (n, 1));
  job->labelled = g_new0 (guint8, MAX (n, 1));
  job->state.hidden = job->state.selected = NULL;
  job->scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  job->generation = self->generation;
  job->selection_serial = self->selection_serial;
  job->moved_node = self->moved_node;
  self->picture_stale = FALSE;

  g_cancellable_cancel (self->job_cancel);
  g_clear_object (&self->job_cancel);
  self->job_cancel = g_cancellable_new ();
  self->job_running = TRUE;
  task = g_task_new (self, self->job_cancel, picture_done, NULL);
  g_task_set_task_data (task, job, picture_job_free);
  g_task_run_in_thread (task, picture_thread);
}

static GdkTexture *
texture_for (cairo_surface_t *image)
{
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (image);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (image),
                                      (gsize) cairo_image_surface_get_stride (image) *
                                      cairo_image_surface_get_height (image),
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (image));

  return gdk_memory_texture_new (cairo_image_surface_get_width (image), cairo_image_surface_get_height (image),
                                 GDK_MEMORY_DEFAULT, bytes, cairo_image_surface_get_stride (image));
}

/* An image placed at (X, Y) and scaled by SCALE. With the Cairo renderer
 * the whole frame is one Cairo node, CR, painted straight from our images
 * (each Cairo node costs GTK a temporary image of its size); the other
 * renderers get textures, uploaded once. */
static void
append_image (LsNetworkCanvas *self,
              GtkSnapshot     *snapshot,
              cairo_t         *cr,
              cairo_surface_t *image,
              GdkTexture     **texture,
              double           x,
              double           y,
              double           scale)
{
  cairo_region_t *ink;
  double dx, dy, w, h;

  cairo_surface_get_device_scale (image, &dx, &dy);
  w = cairo_image_surface_get_width (image) / dx * scale;
  h = cairo_image_surface_get_height (image) / dy * scale;
  if (cr == NULL)
    {
      if (*texture == NULL)
        *texture = texture_for (image);
      gtk_snapshot_append_texture (snapshot, *texture, &GRAPHENE_RECT_INIT (x, y, w, h));
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  ink = cairo_surface_get_user_data (image, &ink_key);
  if (ink != NULL)
    {
      for (int k = 0; k < cairo_region_num_rectangles (ink); k++)
        {
          cairo_rectangle_int_t r;

          cairo_region_get_rectangle (ink, k, &r);
          cairo_rectangle (cr, r.x, r.y, r.width, r.height);
        }
      cairo_clip (cr);
    }
  if (cairo_surface_get_user_data (image, &opaque_key) != NULL)
    cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), scale == 1.0 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/* Where the cached picture goes in the view, and at what scale. */
static void
picture_place (LsNetworkCanvas *self,
               double          *tx,
               double          *ty,
               double          *scale)
{
  double s = self->state.zoom / self->picture_zoom;
  double pw = self->picture_width * 2, ph = self->picture_height * 2;

  *tx = (self->picture_cx - self->state.cx) * self->state.zoom - pw / 2 * s + self->state.width / 2;
  *ty = (self->picture_cy - self->state.cy) * self->state.zoom - ph / 2 * s + self->state.height / 2;
  /* Whole pixels while panning, so the image is copied, not resampled. */
  if (s == 1.0)
    {
      *tx = round (*tx);
      *ty = round (*ty);
    }
  *scale = s;
}

/* An opaque picture over all of the view: nothing under it shows, so the
 * background need not be painted first (a frame's worth of pixels). */
static gboolean
picture_covers_view (LsNetworkCanvas *self)
{
  double tx, ty, s, dx, dy;

  if (self->picture == NULL || cairo_surface_get_user_data (self->picture, &opaque_key) == NULL)
    return FALSE;
  picture_place (self, &tx, &ty, &s);
  cairo_surface_get_device_scale (self->picture, &dx, &dy);
  return tx <= 0 && ty <= 0 &&
         tx + cairo_image_surface_get_width (self->picture) / dx * s >= self->state.width &&
         ty + cairo_image_surface_get_height (self->picture) / dy * s >= self->state.height;
}

static void
append_picture (LsNetworkCanvas *self,
                GtkSnapshot     *snapshot,
                cairo_t         *cr)
{
  double tx, ty, s;

  picture_place (self, &tx, &ty, &s);
  /* Panning with the Cairo renderer: the labels are blended into a copy
   * of the picture once, and each frame copies that one opaque image
   * instead of copying one and blending the other. */
  if (cr != NULL && s == 1.0 && self->labels != NULL &&
      cairo_surface_get_user_data (self->picture, &opaque_key) != NULL)
    {
      if (self->flat == NULL)
        {
          double dx, dy;
          cairo_t *fcr;

          cairo_surface_get_device_scale (self->picture, &dx, &dy);
          self->flat = cairo_surface_create_similar_image (self->picture, CAIRO_FORMAT_ARGB32,
                                                           cairo_image_surface_get_width (self->picture),
                                                           cairo_image_surface_get_height (self->picture));
          cairo_surface_set_device_scale (self->flat, dx, dy);
          fcr = cairo_create (self->flat);
          cairo_set_operator (fcr, CAIRO_OPERATOR_SOURCE);
          cairo_set_source_surface (fcr, self->picture, 0, 0);
          cairo_paint (fcr);
          cairo_set_operator (fcr, CAIRO_OPERATOR_OVER);
          cairo_set_source_surface (fcr, self->labels, 0, 0);
          cairo_paint (fcr);
          cairo_destroy (fcr);
          cairo_surface_set_user_data (self->flat, &opaque_key, (void *) &opaque_key, NULL);
        }
      append_image (self, snapshot, cr, self->flat, NULL, tx, ty, s);
      return;
    }
  append_image (self, snapshot, cr, self->picture, &self->picture_texture, tx, ty, s);
  append_image (self, snapshot, cr, self->labels, &self->labels_texture, tx, ty, s);
}

static void
append_chrome (LsNetworkCanvas *self,
               GtkSnapshot     *snapshot,
               cairo_t         *cr)
{
  if (self->chrome == NULL)
    {
      cairo_t *chrome_cr;

      self->chrome = new_image (self, self->state.width, self->state.height);
      chrome_cr = cairo_create (self->chrome);
      ls_network_render_chrome (chrome_cr, self->scene, &self->state);
      cairo_destroy (chrome_cr);
      mark_ink (self->chrome);
    }
  append_image (self, snapshot, cr, self->chrome, &self->chrome_texture, 0, 0, 1.0);
}

/* A node being dragged, or dragged and not yet in the picture: its links
 * and itself where it is now (the picture still has it where it was). */
static void
draw_moved_node (LsNetworkCanvas *self,
                 cairo_t         *cr)
{
  LsNetworkScene *scene = self->scene;
  const LsNetworkLayout *l = scene->layout;
  const guint *edges;
  guint n_edges;
  double sx, sy, ox, oy;
  int i = self->moved_node;

  if (i < 0 || (guint) i >= l->n_nodes || self->hidden[i])
    return;
  ls_network_render_to_screen (&self->state, l->x[i], l->y[i], &sx, &sy);
  edges = ls_graph_get_node_edges (scene->graph, i, &n_edges);
  for (guint k = 0; k < n_edges; k++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (scene->graph, edges[k]);
      guint other = e->a == (guint) i ? e->b : e->a;

      if (self->hidden[other])
        continue;
      ls_network_render_to_screen (&self->state, l->x[other], l->y[other], &ox, &oy);
      cairo_move_to (cr, sx, sy);
      cairo_line_to (cr, ox, oy);
    }
  cairo_set_source_rgba (cr, 0.42, 0.43, 0.48, 0.7);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
  cairo_arc (cr, sx, sy, MAX (ls_network_render_node_radius (scene, &self->state, i), 3), 0, 2 * G_PI);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_ACCENT);
  cairo_fill (cr);
}

static void
ls_network_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LsNetworkCanvas *self = LS_NETWORK_CANVAS (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, w, h);
  const LsColor *bg = ls_render_style_color (LS_STYLE_COLOR_BACKGROUND);
  GskRenderer *renderer;
  GtkNative *native;
  cairo_t *cr, *frame = NULL;

  if (self->scene == NULL || w < 2 || h < 2)
    {
      gtk_snapshot_append_color (snapshot, &(GdkRGBA) { bg->r, bg->g, bg->b, 1 }, &view);
      return;
    }

  if ((int) self->state.width != w || (int) self->state.height != h)
    {
      drop_chrome (self);
      /* The top left stays put, so opening the sidebar does not move the
       * node just clicked from under the pointer. */
      if (!self->needs_fit && self->state.width >= 64 && self->state.height >= 64)
        {
          self->state.cx += (w - self->state.width) / (2 * self->state.zoom);
          self->state.cy += (h - self->state.height) / (2 * self->state.zoom);
        }
    }
  self->state.width = w;
  self->state.height = h;
  if (self->needs_fit && w >= 64)
    {
      self->needs_fit = FALSE;
      ls_network_render_fit (self->scene, &self->state);
    }
  /* Drawn here only when there is nothing to show; otherwise the old
   * picture is shown (moved or scaled) while a new one is drawn aside. */
  if (self->picture == NULL)
    make_picture (self);
  else if (!picture_is_current (self) && !self->job_running && self->settle_source == 0)
    start_picture_job (self);
  if (self->labels == NULL || self->labels_search != self->state.search)
    make_labels (self);
  self->state.labelled = self->labelled;

  native = gtk_widget_get_native (widget);
  renderer = native ? gtk_native_get_renderer (native) : NULL;
  gtk_snapshot_push_clip (snapshot, &view);
  if (renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer))
    {
      frame = gtk_snapshot_append_cairo (snapshot, &view);
      if (!picture_covers_view (self))
        {
          cairo_set_source_rgb (frame, bg->r, bg->g, bg->b);
          cairo_paint (frame);
        }
    }
  else
    gtk_snapshot_append_color (snapshot, &(GdkRGBA) { bg->r, bg->g, bg->b, 1 }, &view);
  append_picture (self, snapshot, frame);
  cr = frame ? cairo_reference (frame) : gtk_snapshot_append_cairo (snapshot, &view);
  draw_moved_node (self, cr);
  ls_network_render_overlay (cr, self->scene, &self->state);
  if (self->drag == DRAG_BAND)
    {
      cairo_rectangle (cr, self->drag_x, self->drag_y, self->drag_dx, self->drag_dy);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  append_chrome (self, snapshot, frame);
  g_clear_pointer (&frame, cairo_destroy);
  gtk_snapshot_pop (snapshot);
}

void
ls_network_canvas_selection_changed (LsNetworkCanvas *self,
                                     gboolean         notify)
{
  self->selection_serial++;
  drop_labels (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (notify)
    g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static void
select_node (LsNetworkCanvas *self,
             int              node,
             gboolean         extend)
{
  guint n = self->scene->layout->n_nodes;

  if (!extend)
    memset (self->selected, 0, n);
  if (node >= 0)
    self->selected[node] = extend ? !self->selected[node] : TRUE;
  ls_network_canvas_selection_changed (self, TRUE);
}

static void
select_band (LsNetworkCanvas *self,
             gboolean         extend)
{
  const LsNetworkLayout *l = self->scene->layout;
  double x0 = MIN (self->drag_x, self->drag_x + self->drag_dx);
  double x1 = MAX (self->drag_x, self->drag_x + self->drag_dx);
  double y0 = MIN (self->drag_y, self->drag_y + self->drag_dy);
  double y1 = MAX (self->drag_y, self->drag_y + self->drag_dy);

  if (!extend)
    memset (self->selected, 0, l->n_nodes);
  for (guint i = 0; i < l->n_nodes; i++)
    {
      double sx, sy;

      if (self->hidden[i])
        continue;
      ls_network_render_to_screen (&self->state, l->x[i], l->y[i], &sx, &sy);
      if (sx >= x0 && sx <= x1 && sy >= y0 && sy <= y1)
        self->selected[i] = TRUE;
    }
  ls_network_canvas_selection_changed (self, TRUE);
}

static void
drag_begin (GtkGestureDrag  *gesture,
            double           x,
            double           y,
            LsNetworkCanvas *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (self->scene == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  self->drag_cx = self->state.cx;
  self->drag_cy = self->state.cy;
  self->drag_node = ls_network_render_hit (self->scene, &self->state, x, y);
  if (mods & GDK_SHIFT_MASK)
    self->drag = DRAG_BAND;
  else if (self->drag_node >= 0)
    {
      self->drag = DRAG_NODE;
      self->node_x = self->scene->layout->x[self->drag_node];
      self->node_y = self->scene->layout->y[self->drag_node];
    }
  else
    self->drag = DRAG_PAN;
}

static void
drag_update (GtkGestureDrag  *gesture,
             double           dx,
             double           dy,
             LsNetworkCanvas *self)
{
  if (self->scene == NULL)
    return;
  self->drag_dx = dx;
  self->drag_dy = dy;
  switch (self->drag)
    {
    case DRAG_PAN:
      self->state.cx = self->drag_cx - dx / self->state.zoom;
      self->state.cy = self->drag_cy - dy / self->state.zoom;
      break;
    case DRAG_NODE:
      if (fabs (dx) + fabs (dy) < 3)
        return;
      self->scene->layout->x[self->drag_node] = self->node_x + dx / self->state.zoom;
      self->scene->layout->y[self->drag_node] = self->node_y + dy / self->state.zoom;
      self->moved_node = self->drag_node;
      break;
    case DRAG_BAND:
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_end (GtkGestureDrag  *gesture,
          double           dx,
          double           dy,
          LsNetworkCanvas *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (mods & GDK_CONTROL_MASK) != 0;
  gboolean click = fabs (dx) + fabs (dy) < 3;

  if (self->scene == NULL)
    return;
  if (self->drag == DRAG_BAND && !click)
    select_band (self, extend || (mods & GDK_SHIFT_MASK));
  else if (click)
    select_node (self, self->drag_node, extend);
  else if (self->drag == DRAG_NODE)
    {
      self->scene->layout->pinned[self->drag_node] = TRUE;
      self->picture_stale = TRUE;
      g_signal_emit (self, signals[NODE_MOVED], 0, self->drag_node);
    }
  self->drag = DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll (GtkEventControllerScroll *controller,
        double                    dx,
        double                    dy,
        LsNetworkCanvas          *self)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double px = self->state.width / 2, py = self->state.height / 2;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (self->scene == NULL)
    return FALSE;
  if (event != NULL)
    gdk_event_get_position (event, &px, &py);
  if (mods & GDK_CONTROL_MASK)
    zoom_at (self, self->state.zoom * pow (wheel ? 1.2 : 1.01, -dy), px, py);
  else
    ls_network_canvas_pan_by (self, -dx * (wheel ? 48 : 1), -dy * (wheel ? 48 : 1));

  return TRUE;
}

static void
pinch_begin (GtkGesture       *gesture,
             GdkEventSequence *sequence,
             LsNetworkCanvas  *self)
{
  self->pinch_zoom = self->state.zoom;
}

static void
pinch_changed (GtkGestureZoom  *gesture,
               double           scale,
               LsNetworkCanvas *self)
{
  double x, y;

  if (self->scene == NULL)
    return;
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->state.width / 2, y = self->state.height / 2;
  zoom_at (self, self->pinch_zoom * scale, x, y);
}

static void
motion (GtkEventControllerMotion *controller,
        double                    x,
        double                    y,
        LsNetworkCanvas          *self)
{
  int hover;

  if (self->scene == NULL || self->drag != DRAG_NONE)
    return;
  hover = ls_network_render_hit (self->scene, &self->state, x, y);
  if (hover != self->state.hover)
    {
      self->state.hover = hover;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave (GtkEventControllerMotion *controller,
       LsNetworkCanvas          *self)
{
  if (self->state.hover >= 0)
    {
      self->state.hover = -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
query_tooltip (GtkWidget       *widget,
               int              x,
               int              y,
               gboolean         keyboard,
               GtkTooltip      *tooltip,
               LsNetworkCanvas *self)
{
  g_autofree char *label = NULL, *numbers = NULL, *markup = NULL, *escaped = NULL;
  const LsGraphNode *node;
  guint n_edges, people = 0;
  const guint *edges;
  int i;

  if (self->scene == NULL)
    return FALSE;
  i = ls_network_render_hit (self->scene, &self->state, x, y);
  if (i < 0)
    return FALSE;
  node = ls_graph_get_node (self->scene->graph, i);
  edges = ls_graph_get_node_edges (self->scene->graph, i, &n_edges);
  for (guint k = 0; k < n_edges; k++)
    people += !ls_graph_get_edge (self->scene->graph, edges[k])->attribution;
  label = ls_network_scene_dup_label (self->scene, i, self->state.redact);
  numbers = ls_network_scene_dup_number (self->scene, i, self->state.redact);
  escaped = g_markup_escape_text (label, -1);
  markup = g_strdup_printf (_("<b>%s</b>\n%s\n%" G_GUINT64_FORMAT " contacts with %u others%s"),
                            escaped, numbers, node->contacts, people,
                            self->scene->victims[i] ? _("\nChild or vulnerable adult") : "");
  gtk_tooltip_set_markup (tooltip, markup);

  return TRUE;
}

/* Arrow keys move the selection to the nearest node in that direction. */
static int
nearest_in_direction (LsNetworkCanvas *self,
                      int              from,
                      double           dx,
                      double           dy)
{
  const LsNetworkLayout *l = self->scene->layout;
  double best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 0; i < l->n_nodes; i++)
    {
      double vx = l->x[i] - l->x[from], vy = l->y[i] - l->y[from];
      double along = vx * dx + vy * dy, across = fabs (vx * dy - vy * dx), score;

      if ((int) i == from || self->hidden[i] || along <= 0)
        continue;
      score = along + 2 * across;
      if (score < best)
        {
          best = score;
          found = (int) i;
        }
    }

  return found;
}

static int
first_selected (LsNetworkCanvas *self)
{
  for (guint i = 0; i < self->scene->layout->n_nodes; i++)
    if (self->selected[i])
      return (int) i;

  return -1;
}

static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             LsNetworkCanvas       *self)
{
  double dx = 0, dy = 0;
  int from, to;

  if (self->scene == NULL)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:  dx = -1; break;
    case GDK_KEY_Right: dx = 1; break;
    case GDK_KEY_Up:    dy = -1; break;
    case GDK_KEY_Down:  dy = 1; break;
    case GDK_KEY_Escape:
      select_node (self, -1, FALSE);
      return TRUE;
    default:
      return FALSE;
    }

  from = first_selected (self);
  if (from < 0)
    to = ls_network_render_hit (self->scene, &self->state, self->state.width / 2, self->state.height / 2);
  else
    to = nearest_in_direction (self, from, dx, dy);
  if (to < 0 && from < 0)
    to = 0;
  if (to >= 0)
    {
      select_node (self, to, FALSE);
      ls_network_canvas_centre_on (self, to);
    }

  return TRUE;
}

static void
ls_network_canvas_dispose (GObject *object)
{
  LsNetworkCanvas *self = LS_NETWORK_CANVAS (object);

  g_clear_handle_id (&self->settle_source, g_source_remove);
  g_cancellable_cancel (self->job_cancel);
  g_clear_object (&self->job_cancel);
  drop_picture (self);
  drop_chrome (self);
  g_clear_pointer (&self->scene, ls_network_scene_unref);

  G_OBJECT_CLASS (ls_network_canvas_parent_class)->dispose (object);
}

static void
ls_network_canvas_finalize (GObject *object)
{
  LsNetworkCanvas *self = LS_NETWORK_CANVAS (object);

  g_free (self->selected);
  g_free (self->hidden);
  g_free (self->path);
  g_free (self->labelled);

  G_OBJECT_CLASS (ls_network_canvas_parent_class)->finalize (object);
}

static void
ls_network_canvas_class_init (LsNetworkCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_network_canvas_dispose;
  object_class->finalize = ls_network_canvas_finalize;
  widget_class->snapshot = ls_network_canvas_snapshot;

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[NODE_MOVED] =
    g_signal_new ("node-moved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "network-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ls_network_canvas_init (LsNetworkCanvas *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motions = gtk_event_controller_motion_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  ls_network_view_state_init (&self->state);
  self->drag_node = -1;
  self->moved_node = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (pinch, "begin", G_CALLBACK (pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (pinch_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));
  g_signal_connect (scroller, "scroll", G_CALLBACK (scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroller);
  g_signal_connect (motions, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motions, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motions);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), self);
}

GtkWidget *
ls_network_canvas_new (void)
{
  return g_object_new (LS_TYPE_NETWORK_CANVAS, NULL);
}

void
ls_network_canvas_set_scene (LsNetworkCanvas *self,
                             LsNetworkScene  *scene)
{
  guint n;

  g_return_if_fail (LS_IS_NETWORK_CANVAS (self));

  g_clear_pointer (&self->scene, ls_network_scene_unref);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->hidden, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->labelled, g_free);
  self->state.selected = self->state.hidden = self->state.path_edges = self->state.labelled = NULL;
  self->moved_node = -1;
  self->state.hover = self->state.search = -1;
  if (scene != NULL)
    {
      self->scene = ls_network_scene_ref (scene);
      n = scene->layout->n_nodes;
      self->selected = g_new0 (guint8, MAX (n, 1));
      self->hidden = g_new0 (guint8, MAX (n, 1));
      self->path = g_new0 (guint8, MAX (ls_graph_get_n_edges (scene->graph), 1));
      self->labelled = g_new0 (guint8, MAX (n, 1));
      self->state.selected = self->selected;
      self->state.hidden = self->hidden;
      self->state.path_edges = self->path;
    }
  ls_network_canvas_fit (self);
  ls_network_canvas_invalidate (self);
}

LsNetworkScene *
ls_network_canvas_get_scene (LsNetworkCanvas *self)
{
  return self->scene;
}

LsNetworkViewState *
ls_network_canvas_get_state (LsNetworkCanvas *self)
{
  return &self->state;
}

guint8 *
ls_network_canvas_get_selected (LsNetworkCanvas *self)
{
  return self->selected;
}

guint8 *
ls_network_canvas_get_hidden (LsNetworkCanvas *self)
{
  return self->hidden;
}

guint8 *
ls_network_canvas_get_path (LsNetworkCanvas *self)
{
  return self->path;
}
