/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The network page under Xvfb, driven through its own event controllers
 * and actions: it loads and lays out a small line off the main thread; a
 * click on a node's position selects it for every view (the session);
 * search centres the map on the match; hiding the selection takes it out
 * of the drawn picture; arrow keys move the selection to a neighbour in
 * that direction; the shortest path marks exactly the links of the chain;
 * twopi shows the selected person's ego network. */
#define G_LOG_DOMAIN "test-network-view"
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-network-canvas.h"
#include "ls-network-view.h"
#include "ls-render-style.h"
#include "ls-session.h"

#define T0 1717236000 /* 2024-06-01 10:00 UTC */

/* Dan – Lee – Kid – C1, Kid – C2, Lee – C3 – C4, and a pair X – Y apart. */
static const struct { const char *from, *to; guint n; } contacts[] = {
  { "+447700900001", "+447700900002", 5 },   /* Dan – Lee */
  { "+447700900002", "+447700900003", 9 },   /* Lee – Kid */
  { "+447700900003", "+447700900101", 3 },   /* Kid – C1 */
  { "+447700900003", "+447700900102", 1 },   /* Kid – C2 */
  { "+447700900002", "+447700900103", 4 },   /* Lee – C3 */
  { "+447700900103", "+447700900104", 2 },   /* C3 – C4 */
  { "+447700900201", "+447700900202", 2 },   /* X – Y */
};

static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-netview-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "net.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, "Operation Net", "OFFICIAL", &error);
  const LsPhoneRecord phones[] = {
    { "+447700900001", "Dan", NULL, 2 },
    { "+447700900002", "Lee", NULL, 3 },
    { "+447700900003", "Kid", NULL, 4 },
  };
  LsCaseWriter *w;
  gint64 line = 2;

  g_assert_no_error (error);
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_PHONES, "phones.csv", "", NULL, &error);
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    g_assert_true (ls_case_writer_add_phone (w, &phones[i], NULL, &error));
  g_assert_true (ls_case_writer_commit (w, &error));
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "", NULL, &error);
  for (guint i = 0; i < G_N_ELEMENTS (contacts); i++)
    for (guint k = 0; k < contacts[i].n; k++)
      {
        LsCallRecord r = { .start = T0 + (gint64) (i * 1000 + k * 60),
                           .caller = k % 2 ? contacts[i].to : contacts[i].from,
                           .callee = k % 2 ? contacts[i].from : contacts[i].to,
                           .kind = LS_CALL_KIND_VOICE, .duration = 30, .line = line++ };
        g_assert_true (ls_case_writer_add_call (w, &r, NULL, &error));
      }
  g_assert_true (ls_case_writer_commit (w, &error));
  g_assert_no_error (error);

  return kase;
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_loaded (LsNetworkView *view)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      spin ();
      if (ls_network_view_get_scene (view) != NULL && !ls_network_view_is_loading (view))
        return;
      g_usleep (5000);
    }
  g_assert_not_reached ();
}

static GdkTexture *
render (GtkWidget *widget)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkTexture *texture;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_renderer_unrealize (renderer);

  return texture;
}

static guint32
pixel (GdkTexture *texture,
       double      x,
       double      y)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint32 *data = g_new (guint32, w * h);

  g_assert_true (x >= 0 && y >= 0 && x < w && y < h);
  gdk_texture_download (texture, (guchar *) data, w * 4);

  return data[(int) y * w + (int) x] & 0xffffff;
}

static int
node_of (LsNetworkScene *scene,
         const char     *number)
{
  int i = ls_graph_find_number (scene->graph, number);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static void
node_on_screen (LsNetworkCanvas *canvas,
                int              node,
                double          *sx,
                double          *sy)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);

  ls_network_render_to_screen (ls_network_canvas_get_state (canvas),
                               scene->layout->x[node], scene->layout->y[node], sx, sy);
}

static GtkEventController *
controller_of (GtkWidget *widget,
               GType      type)
{
  g_autoptr(GListModel) list = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (list, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
        return c;   /* the widget keeps it alive */
    }
  g_assert_not_reached ();
}

/* A press and release without movement, through the canvas's drag gesture. */
static void
click (GtkWidget *canvas,
       double     x,
       double     y)
{
  GtkEventController *drag = controller_of (canvas, GTK_TYPE_GESTURE_DRAG);

  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-end", 0.0, 0.0);
}

static gboolean
press_key (GtkWidget *canvas,
           guint      keyval)
{
  GtkEventController *keys = controller_of (canvas, GTK_TYPE_EVENT_CONTROLLER_KEY);
  gboolean handled = FALSE;

  g_signal_emit_by_name (keys, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);

  return handled;
}

static guint
count_selected (LsNetworkCanvas *canvas)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  const guint8 *selected = ls_network_canvas_get_selected (canvas);
  guint n = 0;

  for (guint i = 0; i < scene->layout->n_nodes; i++)
    n += selected[i] != 0;

  return n;
}

static const char *
session_key (LsSession *session)
{
  const char * const *keys = ls_session_get_selection (session);

  g_assert_nonnull (keys);
  g_assert_nonnull (keys[0]);
  g_assert_null (keys[1]);

  return keys[0];
}

static void
test_click_selects (LsNetworkView   *view,
                    LsNetworkCanvas *canvas,
                    LsSession       *session)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  int kid = node_of (scene, "+447700900003"), dan = node_of (scene, "+447700900001");
  double sx, sy;

  node_on_screen (canvas, kid, &sx, &sy);
  click (GTK_WIDGET (canvas), sx + 1, sy - 1);
  g_assert_cmpuint (count_selected (canvas), ==, 1);
  g_assert_true (ls_network_canvas_get_selected (canvas)[kid]);
  g_assert_cmpstr (session_key (session), ==, ls_graph_get_node (scene->graph, kid)->key);

  /* Another view selects Dan: the map follows. */
  {
    const char *keys[] = { ls_graph_get_node (scene->graph, dan)->key, NULL };

    ls_session_set_selection (session, keys);
    g_assert_true (ls_network_canvas_get_selected (canvas)[dan]);
    g_assert_false (ls_network_canvas_get_selected (canvas)[kid]);
  }

  /* A click on empty space clears the selection. */
  click (GTK_WIDGET (canvas), 3, gtk_widget_get_height (GTK_WIDGET (canvas)) - 3);
  g_assert_cmpuint (count_selected (canvas), ==, 0);
  g_assert_true (ls_session_get_selection (session) == NULL || ls_session_get_selection (session)[0] == NULL);
}

static void
test_search_centres (LsNetworkView   *view,
                     LsNetworkCanvas *canvas)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  LsNetworkViewState *state = ls_network_canvas_get_state (canvas);
  int c4 = node_of (scene, "+447700900104");
  GtkWidget *entry = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  double sx, sy;

  /* Ctrl+F's action puts the focus in the search entry. */
  gtk_widget_activate_action (GTK_WIDGET (view), "network.find", NULL);
  spin ();
  entry = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view)));
  while (entry != NULL && !GTK_IS_SEARCH_ENTRY (entry))
    entry = gtk_widget_get_parent (entry);
  g_assert_nonnull (entry);

  /* Move away first, so centring is seen. */
  ls_network_canvas_pan_by (canvas, 300, 200);
  gtk_editable_set_text (GTK_EDITABLE (entry), "0104");
  while (state->search < 0 && g_get_monotonic_time () < deadline)
    {
      spin ();
      g_usleep (5000);
    }
  g_assert_cmpint (state->search, ==, c4);
  node_on_screen (canvas, c4, &sx, &sy);
  g_assert_cmpfloat (fabs (sx - state->width / 2), <, 1);
  g_assert_cmpfloat (fabs (sy - state->height / 2), <, 1);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  ls_network_canvas_fit (canvas);
  spin ();
}

static void
test_hide_selected (LsNetworkView   *view,
                    LsNetworkCanvas *canvas)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  int c2 = node_of (scene, "+447700900102");
  g_autoptr(GdkTexture) before = NULL, after = NULL, restored = NULL;
  const LsColor *bg = ls_render_style_color (LS_STYLE_COLOR_BACKGROUND);
  guint32 white = ((guint32) (bg->r * 255) << 16) | ((guint32) (bg->g * 255) << 8) | (guint32) (bg->b * 255);
  double sx, sy;

  node_on_screen (canvas, c2, &sx, &sy);
  before = render (GTK_WIDGET (canvas));
  g_assert_cmphex (pixel (before, sx, sy), !=, white);

  click (GTK_WIDGET (canvas), sx, sy);
  g_assert_true (ls_network_canvas_get_selected (canvas)[c2]);
  gtk_widget_activate_action (GTK_WIDGET (view), "network.hide-selected", NULL);
  g_assert_true (ls_network_canvas_get_hidden (canvas)[c2]);
  g_assert_cmpuint (count_selected (canvas), ==, 0);
  after = render (GTK_WIDGET (canvas));
  g_assert_cmphex (pixel (after, sx, sy), ==, white);
  g_assert_cmpint (ls_network_render_hit (scene, ls_network_canvas_get_state (canvas), sx, sy), ==, -1);

  gtk_widget_activate_action (GTK_WIDGET (view), "network.show-all", NULL);
  node_on_screen (canvas, c2, &sx, &sy);
  restored = render (GTK_WIDGET (canvas));
  g_assert_cmphex (pixel (restored, sx, sy), !=, white);
}

static void
test_keyboard (LsNetworkView   *view,
               LsNetworkCanvas *canvas,
               LsSession       *session)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  const LsNetworkLayout *l = scene->layout;
  static const guint keys[] = { GDK_KEY_Right, GDK_KEY_Left, GDK_KEY_Down, GDK_KEY_Up };
  int lee = node_of (scene, "+447700900002");
  guint moves = 0;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      const char *keys_sel[] = { ls_graph_get_node (scene->graph, lee)->key, NULL };
      double dx = keys[k] == GDK_KEY_Right ? 1 : keys[k] == GDK_KEY_Left ? -1 : 0;
      double dy = keys[k] == GDK_KEY_Down ? 1 : keys[k] == GDK_KEY_Up ? -1 : 0;
      int to = -1;

      ls_session_set_selection (session, keys_sel);
      g_assert_true (press_key (GTK_WIDGET (canvas), keys[k]));
      g_assert_cmpuint (count_selected (canvas), <=, 1);
      for (guint i = 0; i < l->n_nodes; i++)
        if (ls_network_canvas_get_selected (canvas)[i])
          to = (int) i;
      if (to == lee)
        continue;   /* nothing lies that way */
      g_assert_cmpint (to, >=, 0);
      moves++;
      /* The new node lies in the direction of the arrow… */
      g_assert_cmpfloat ((l->x[to] - l->x[lee]) * dx + (l->y[to] - l->y[lee]) * dy, >, 0);
      /* …and every view sees the move. */
      g_assert_cmpstr (session_key (session), ==, ls_graph_get_node (scene->graph, to)->key);
    }
  /* Lee sits among six others: at least two directions lead somewhere. */
  g_assert_cmpuint (moves, >=, 2);

  g_assert_true (press_key (GTK_WIDGET (canvas), GDK_KEY_Escape));
  g_assert_cmpuint (count_selected (canvas), ==, 0);
}

static int
edge_between (LsNetworkScene *scene,
              int             a,
              int             b)
{
  for (guint i = 0; i < ls_graph_get_n_edges (scene->graph); i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (scene->graph, i);

      if (((int) e->a == a && (int) e->b == b) || ((int) e->a == b && (int) e->b == a))
        return (int) i;
    }
  g_assert_not_reached ();
}

static void
test_shortest_path (LsNetworkView   *view,
                    LsNetworkCanvas *canvas,
                    LsSession       *session)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  int dan = node_of (scene, "+447700900001"), lee = node_of (scene, "+447700900002");
  int c3 = node_of (scene, "+447700900103"), c4 = node_of (scene, "+447700900104");
  int x = node_of (scene, "+447700900201");
  const guint8 *path = ls_network_canvas_get_path (canvas);
  const char *pair[] = { ls_graph_get_node (scene->graph, dan)->key,
                         ls_graph_get_node (scene->graph, c4)->key, NULL };
  const char *apart[] = { ls_graph_get_node (scene->graph, dan)->key,
                          ls_graph_get_node (scene->graph, x)->key, NULL };
  int expected[3] = { edge_between (scene, dan, lee), edge_between (scene, lee, c3), edge_between (scene, c3, c4) };
  g_autoptr(GdkTexture) picture = NULL;
  const LsColor *accent = ls_render_style_color (LS_STYLE_COLOR_ACCENT);
  guint n = 0;

  ls_session_set_selection (session, pair);
  gtk_widget_activate_action (GTK_WIDGET (view), "network.shortest-path", NULL);
  for (guint i = 0; i < ls_graph_get_n_edges (scene->graph); i++)
    n += path[i] != 0;
  g_assert_cmpuint (n, ==, 3);
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    g_assert_true (path[expected[k]]);

  /* Drawn in the accent colour, over the link's middle. */
  picture = render (GTK_WIDGET (canvas));
  {
    double ax, ay, bx, by;
    guint32 p;

    node_on_screen (canvas, lee, &ax, &ay);
    node_on_screen (canvas, c3, &bx, &by);
    p = pixel (picture, (ax + bx) / 2, (ay + by) / 2);
    g_assert_cmpint (abs ((int) ((p >> 16) & 0xff) - (int) (accent->r * 255)), <=, 3);
    g_assert_cmpint (abs ((int) ((p >> 8) & 0xff) - (int) (accent->g * 255)), <=, 3);
    g_assert_cmpint (abs ((int) (p & 0xff) - (int) (accent->b * 255)), <=, 3);
  }

  /* No chain joins Dan to the pair apart: nothing stays marked. */
  ls_session_set_selection (session, apart);
  gtk_widget_activate_action (GTK_WIDGET (view), "network.shortest-path", NULL);
  for (guint i = 0; i < ls_graph_get_n_edges (scene->graph); i++)
    g_assert_false (path[i]);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The twopi layout around the selected person shows their ego network:
 * Lee and the four he is in touch with, no one else; Expand One Step adds
 * the contacts of those. */
static void
test_ego_network (LsNetworkView   *view,
                  LsNetworkCanvas *canvas,
                  LsSession       *session)
{
  LsNetworkScene *scene = ls_network_canvas_get_scene (canvas);
  GtkDropDown *layouts = GTK_DROP_DOWN (find_widget (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN));
  g_autofree char *lee = g_strdup (ls_graph_get_node (scene->graph, node_of (scene, "+447700900002"))->key);
  const char *lee_key[] = { lee, NULL };
  static const char * const shown[] = { "+447700900001", "+447700900002", "+447700900003", "+447700900103" };
  static const char * const next[] = { "+447700900101", "+447700900102", "+447700900104" };
  const guint8 *hidden;

  ls_session_set_selection (session, lee_key);
  gtk_drop_down_set_selected (layouts, LS_NETWORK_LAYOUT_TWOPI);
  wait_loaded (view);
  scene = ls_network_canvas_get_scene (canvas);
  g_assert_cmpint (scene->layout->kind, ==, LS_NETWORK_LAYOUT_TWOPI);
  g_assert_cmpstr (scene->root_key, ==, lee_key[0]);
  hidden = ls_network_canvas_get_hidden (canvas);
  for (guint k = 0; k < G_N_ELEMENTS (shown); k++)
    g_assert_false (hidden[node_of (scene, shown[k])]);
  for (guint k = 0; k < G_N_ELEMENTS (next); k++)
    g_assert_true (hidden[node_of (scene, next[k])]);
  g_assert_true (hidden[node_of (scene, "+447700900201")]);

  gtk_widget_activate_action (GTK_WIDGET (view), "network.expand", NULL);
  for (guint k = 0; k < G_N_ELEMENTS (next); k++)
    g_assert_false (hidden[node_of (scene, next[k])]);
  g_assert_true (hidden[node_of (scene, "+447700900201")]);
}

static void
test_network_view (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsSession) session = ls_session_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *widget = ls_network_view_new ();
  LsNetworkView *view = LS_NETWORK_VIEW (widget);
  LsNetworkCanvas *canvas = LS_NETWORK_CANVAS (ls_network_view_get_canvas (view));
  LsNetworkScene *scene;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_set_child (GTK_WINDOW (window), widget);
  ls_view_set_session (LS_VIEW (view), session);
  gtk_window_present (GTK_WINDOW (window));
  ls_session_set_case (session, kase);
  wait_loaded (view);
  gtk_test_widget_wait_for_draw (window);
  spin ();

  scene = ls_network_view_get_scene (view);
  g_assert_cmpuint (ls_graph_get_n_nodes (scene->graph), ==, 9);
  g_assert_cmpuint (ls_graph_get_n_edges (scene->graph), ==, 7);
  g_assert_cmpint (ls_network_canvas_get_state (canvas)->width, ==, gtk_widget_get_width (GTK_WIDGET (canvas)));

  test_click_selects (view, canvas, session);
  test_search_centres (view, canvas);
  test_hide_selected (view, canvas);
  test_keyboard (view, canvas, session);
  test_shortest_path (view, canvas, session);
  test_ego_network (view, canvas, session);

  gtk_window_destroy (GTK_WINDOW (window));
  spin ();
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/network-view/interaction", test_network_view);

  return g_test_run ();
}
