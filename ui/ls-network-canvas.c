/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The cached picture covers the view and half a view on every side, drawn
 * at one zoom. Panning translates it; zooming scales it until the zoom
 * settles, then it is drawn afresh; it is redrawn at once only when the
 * view leaves it. Hover, selection, path and the rubber band are drawn each
 * frame by ls_network_render_overlay; the chrome (title, legend, marking)
 * is its own cached node, redrawn only when the size changes. */
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

  GskRenderNode      *picture;       /* the static layer */
  double              picture_cx;
  double              picture_cy;
  double              picture_zoom;
  int                 picture_width; /* the view size it was made for */
  int                 picture_height;
  GskRenderNode      *chrome;
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
drop_picture (LsNetworkCanvas *self)
{
  g_clear_pointer (&self->picture, gsk_render_node_unref);
}

void
ls_network_canvas_invalidate (LsNetworkCanvas *self)
{
  g_return_if_fail (LS_IS_NETWORK_CANVAS (self));

  drop_picture (self);
  g_clear_pointer (&self->chrome, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
settle_cb (gpointer data)
{
  LsNetworkCanvas *self = data;

  self->settle_source = 0;
  drop_picture (self);
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
  drop_picture (self);
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
    {
      self->state.zoom = 0.8;
      drop_picture (self);
    }
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

/* Draws the static layer for the view and half a view around it. */
static void
make_picture (LsNetworkCanvas *self)
{
  LsNetworkViewState s = self->state;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  cairo_t *cr;

  s.width = self->state.width * 2;
  s.height = self->state.height * 2;
  s.show_chrome = FALSE;
  s.selected = NULL;
  s.path_edges = NULL;
  s.hover = s.search = -1;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, s.width, s.height));
  ls_network_render_static (cr, self->scene, &s);
  cairo_destroy (cr);

  g_clear_pointer (&self->picture, gsk_render_node_unref);
  self->picture = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  self->picture_cx = s.cx;
  self->picture_cy = s.cy;
  self->picture_zoom = s.zoom;
  self->picture_width = (int) self->state.width;
  self->picture_height = (int) self->state.height;
}

/* Whether the view still lies inside the cached picture. */
static gboolean
picture_covers_view (LsNetworkCanvas *self)
{
  double ox, oy;

  if (self->picture == NULL || self->picture_width != (int) self->state.width ||
      self->picture_height != (int) self->state.height)
    return FALSE;
  if (self->picture_zoom != self->state.zoom)
    return self->settle_source != 0;
  ox = (self->state.cx - self->picture_cx) * self->state.zoom;
  oy = (self->state.cy - self->picture_cy) * self->state.zoom;

  return fabs (ox) <= self->state.width / 2 && fabs (oy) <= self->state.height / 2;
}

static void
append_picture (LsNetworkCanvas *self,
                GtkSnapshot     *snapshot)
{
  double s = self->state.zoom / self->picture_zoom;
  double pw = self->picture_width * 2, ph = self->picture_height * 2;
  double tx = (self->picture_cx - self->state.cx) * self->state.zoom - pw / 2 * s + self->state.width / 2;
  double ty = (self->picture_cy - self->state.cy) * self->state.zoom - ph / 2 * s + self->state.height / 2;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (tx, ty));
  if (s != 1.0)
    gtk_snapshot_scale (snapshot, s, s);
  gtk_snapshot_append_node (snapshot, self->picture);
  gtk_snapshot_restore (snapshot);
}

static void
append_chrome (LsNetworkCanvas *self,
               GtkSnapshot     *snapshot)
{
  if (self->chrome == NULL)
    {
      g_autoptr(GtkSnapshot) s = gtk_snapshot_new ();
      cairo_t *cr = gtk_snapshot_append_cairo (s, &GRAPHENE_RECT_INIT (0, 0, self->state.width, self->state.height));

      ls_network_render_chrome (cr, self->scene, &self->state);
      cairo_destroy (cr);
      self->chrome = gtk_snapshot_free_to_node (g_steal_pointer (&s));
    }
  gtk_snapshot_append_node (snapshot, self->chrome);
}

static void
ls_network_canvas_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  LsNetworkCanvas *self = LS_NETWORK_CANVAS (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, w, h);
  const LsColor *bg = ls_render_style_color (LS_STYLE_COLOR_BACKGROUND);
  cairo_t *cr;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { bg->r, bg->g, bg->b, 1 }, &view);
  if (self->scene == NULL || w < 2 || h < 2)
    return;

  if ((int) self->state.width != w || (int) self->state.height != h)
    g_clear_pointer (&self->chrome, gsk_render_node_unref);
  self->state.width = w;
  self->state.height = h;
  if (self->needs_fit && w >= 64)
    {
      self->needs_fit = FALSE;
      ls_network_render_fit (self->scene, &self->state);
      drop_picture (self);
    }
  if (!picture_covers_view (self))
    make_picture (self);

  gtk_snapshot_push_clip (snapshot, &view);
  append_picture (self, snapshot);
  cr = gtk_snapshot_append_cairo (snapshot, &view);
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
  append_chrome (self, snapshot);
  gtk_snapshot_pop (snapshot);
}

void
ls_network_canvas_selection_changed (LsNetworkCanvas *self,
                                     gboolean         notify)
{
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
      drop_picture (self);
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
  g_clear_pointer (&self->picture, gsk_render_node_unref);
  g_clear_pointer (&self->chrome, gsk_render_node_unref);
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
  self->state.selected = self->state.hidden = self->state.path_edges = NULL;
  self->state.hover = self->state.search = -1;
  if (scene != NULL)
    {
      self->scene = ls_network_scene_ref (scene);
      n = scene->layout->n_nodes;
      self->selected = g_new0 (guint8, MAX (n, 1));
      self->hidden = g_new0 (guint8, MAX (n, 1));
      self->path = g_new0 (guint8, MAX (ls_graph_get_n_edges (scene->graph), 1));
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
