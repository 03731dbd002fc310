/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drawing the network map. Made to stay fast at 50,000 nodes: edges are
 * stroked as a few paths (one per width), nodes filled as one path per
 * colour, far out nodes become points, and only labels that fit are laid
 * out, greedily by priority against a grid of boxes already placed. */
#define G_LOG_DOMAIN "ls-network-render"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ls-export.h"
#include "ls-network-render.h"
#include "ls-raster-lines.h"
#include "ls-render-style.h"
#include "ls-render-text.h"

#define LABEL_PX        11.0
#define POINT_RADIUS    1.6   /* below this, a node is drawn as a point */
#define N_WIDTHS        8
#define GRID_CELL       64.0
#define MAX_LABEL_TRIES 2500
/* Screen area per label: beyond this density a map stops being readable,
 * so lower-priority labels wait until the person zooms in. */
#define AREA_PER_LABEL  16000.0
#define LABEL_PAD_X     6.0
#define LABEL_PAD_Y     3.0

/* Communities: distinct hues, none of them the victim purple. */
static const LsColor community_colors[] = {
  { 0.12, 0.47, 0.71, 1 }, { 1.00, 0.50, 0.05, 1 }, { 0.17, 0.63, 0.17, 1 },
  { 0.84, 0.15, 0.16, 1 }, { 0.55, 0.34, 0.29, 1 }, { 0.89, 0.47, 0.76, 1 },
  { 0.74, 0.74, 0.13, 1 }, { 0.09, 0.75, 0.81, 1 }, { 0.40, 0.40, 0.40, 1 },
  { 0.60, 0.80, 0.20, 1 }, { 0.99, 0.75, 0.44, 1 }, { 0.65, 0.81, 0.89, 1 },
};

static const LsStyleColor role_colors[LS_NETWORK_N_ROLES] = {
  [LS_NETWORK_ROLE_UNKNOWN]     = LS_STYLE_COLOR_OTHER,
  [LS_NETWORK_ROLE_HEAD]        = LS_STYLE_COLOR_HEAD,
  [LS_NETWORK_ROLE_LINE_HOLDER] = LS_STYLE_COLOR_LINE_HOLDER,
  [LS_NETWORK_ROLE_RUNNER]      = LS_STYLE_COLOR_RUNNER,
  [LS_NETWORK_ROLE_CUSTOMER]    = LS_STYLE_COLOR_CUSTOMER,
  [LS_NETWORK_ROLE_DEAL_LINE]   = LS_STYLE_COLOR_DEAL_LINE,
};

#define N_COLOR_GROUPS (G_N_ELEMENTS (community_colors) + 1)

void
ls_network_view_state_init (LsNetworkViewState *state)
{
  memset (state, 0, sizeof *state);
  state->width = LS_EXPORT_DEFAULT_WIDTH;
  state->height = LS_EXPORT_DEFAULT_HEIGHT;
  state->zoom = 1.0;
  state->show_chrome = TRUE;
  state->hover = -1;
  state->search = -1;
}

void
ls_network_render_to_screen (const LsNetworkViewState *state,
                             double                    x,
                             double                    y,
                             double                   *sx,
                             double                   *sy)
{
  *sx = (x - state->cx) * state->zoom + state->width / 2;
  *sy = (y - state->cy) * state->zoom + state->height / 2;
}

void
ls_network_render_from_screen (const LsNetworkViewState *state,
                               double                    sx,
                               double                    sy,
                               double                   *x,
                               double                   *y)
{
  *x = (sx - state->width / 2) / state->zoom + state->cx;
  *y = (sy - state->height / 2) / state->zoom + state->cy;
}

static inline gboolean
is_hidden (const LsNetworkViewState *state,
           guint                     node)
{
  return state->hidden != NULL && state->hidden[node];
}

/* Room the chrome takes, so the map fits around it. */
static void
chrome_margins (const LsNetworkViewState *state,
                double                   *top,
                double                   *bottom,
                double                   *side)
{
  *top = state->show_chrome ? 130 : 24;
  *bottom = state->show_chrome ? 40 : 24;
  *side = state->show_chrome ? 40 : 24;
}

void
ls_network_render_fit (LsNetworkScene     *scene,
                       LsNetworkViewState *state)
{
  const LsNetworkLayout *l = scene->layout;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double top, bottom, side, w, h;

  for (guint i = 0; i < l->n_nodes; i++)
    {
      if (is_hidden (state, i))
        continue;
      x0 = MIN (x0, l->x[i]);
      x1 = MAX (x1, l->x[i]);
      y0 = MIN (y0, l->y[i]);
      y1 = MAX (y1, l->y[i]);
    }
  if (x0 > x1)
    {
      state->zoom = 1;
      state->cx = state->cy = 0;
      return;
    }

  chrome_margins (state, &top, &bottom, &side);
  w = MAX (state->width - 2 * side, 32);
  h = MAX (state->height - top - bottom, 32);
  state->zoom = MIN (w / MAX (x1 - x0, 1), h / MAX (y1 - y0, 1));
  state->zoom = CLAMP (state->zoom, 0.005, 4.0);
  state->cx = (x0 + x1) / 2;
  /* Shift so the fitted box sits between the title block and the foot. */
  state->cy = (y0 + y1) / 2 - ((top - bottom) / 2) / state->zoom;
}

double
ls_network_render_node_radius (LsNetworkScene           *scene,
                               const LsNetworkViewState *state,
                               guint                     node)
{
  double max = scene->measure_max[state->size_by];
  double t = max > 0 ? scene->measures[state->size_by][node] / max : 0;

  return (3.0 + 11.0 * sqrt (MAX (t, 0))) * CLAMP (state->zoom, 0.12, 1.4);
}

static const LsColor *
node_color (LsNetworkScene           *scene,
            const LsNetworkViewState *state,
            guint                     node,
            guint                    *group)
{
  guint g;

  if (state->color_by == LS_NETWORK_COLOR_COMMUNITY)
    {
      int c = scene->communities[node];
      g = c < 0 ? 0 : 1 + (guint) c % G_N_ELEMENTS (community_colors);
      if (group)
        *group = g;
      return g == 0 ? ls_render_style_color (LS_STYLE_COLOR_OTHER) : &community_colors[g - 1];
    }

  if (group)
    *group = scene->roles[node];
  return ls_render_style_color (role_colors[scene->roles[node]]);
}

static void
set_color (cairo_t       *cr,
           const LsColor *c,
           double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* The node's shape: people are discs, phones with no known user squares. */
static void
node_path (cairo_t           *cr,
           const LsGraphNode *node,
           double             sx,
           double             sy,
           double             r)
{
  if (r < POINT_RADIUS)
    {
      double s = MAX (r * 2, 1.2);
      cairo_rectangle (cr, sx - s / 2, sy - s / 2, s, s);
    }
  else if (node->kind == LS_NODE_PHONE)
    {
      double s = r * 0.9;
      cairo_rectangle (cr, sx - s, sy - s, 2 * s, 2 * s);
    }
  else
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, sx, sy, r, 0, 2 * G_PI);
    }
}

static inline gboolean
on_screen (const LsNetworkViewState *state,
           double                    sx,
           double                    sy,
           double                    margin)
{
  return sx >= -margin && sy >= -margin &&
         sx <= state->width + margin && sy <= state->height + margin;
}

static double
edge_width (const LsGraphEdge        *e,
            const LsNetworkViewState *state)
{
  double ez = CLAMP (state->zoom, 0.25, 1.2);

  return (0.5 + 0.75 * log ((double) MAX (e->count, 1))) * ez;
}

/* Cairo 1.16 strokes a path as one polygon and sweeps all its crossings:
 * 15,000 crossing lines in one stroke take a second. Paths of BATCH
 * segments keep that sweep small (crossings between batches are simply
 * drawn twice, which the eye does not see at these alphas). */
#define BATCH 64

static void
edge_pen (cairo_t  *cr,
          guint     w,
          gboolean  crowded)
{
  if (w == N_WIDTHS)
    {
      static const double dash[] = { 3, 3 };
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1);
      cairo_set_source_rgba (cr, 0.35, 0.35, 0.40, 0.8);
    }
  else
    {
      cairo_set_line_width (cr, (w + 1) / 2.0);
      cairo_set_source_rgba (cr, 0.42, 0.43, 0.48, crowded ? 0.28 : 0.5);
    }
}

static void
draw_edges (cairo_t                  *cr,
            LsNetworkScene           *scene,
            const LsNetworkViewState *state)
{
  const LsNetworkLayout *l = scene->layout;
  guint n_edges = ls_graph_get_n_edges (scene->graph);
  g_autofree guint8 *bucket = g_new (guint8, MAX (n_edges, 1));
  gboolean crowded = n_edges > 20000;
  gboolean any_attribution = FALSE;
  guint batched = 0;
  LsRasterLines raster;

  for (guint i = 0; i < n_edges; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (scene->graph, i);
      double ax, ay, bx, by;

      bucket[i] = 0xff;
      if (is_hidden (state, e->a) || is_hidden (state, e->b))
        continue;
      ls_network_render_to_screen (state, l->x[e->a], l->y[e->a], &ax, &ay);
      ls_network_render_to_screen (state, l->x[e->b], l->y[e->b], &bx, &by);
      if ((ax < 0 && bx < 0) || (ay < 0 && by < 0) ||
          (ax > state->width && bx > state->width) || (ay > state->height && by > state->height))
        continue;
      if (e->attribution)
        {
          bucket[i] = N_WIDTHS;
          any_attribution = TRUE;
        }
      else
        bucket[i] = (guint8) CLAMP ((int) (edge_width (e, state) * 2 + 0.5), 1, N_WIDTHS) - 1;
    }

  /* On an image the contact links are drawn by ls-raster-lines, a
   * hundred times faster than Cairo's stroker; on PDF and SVG as paths. */
  if (ls_raster_lines_begin (&raster, cr))
    {
      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e;
          double ax, ay, bx, by;

          if (bucket[i] >= N_WIDTHS)
            continue;
          e = ls_graph_get_edge (scene->graph, i);
          ls_network_render_to_screen (state, l->x[e->a], l->y[e->a], &ax, &ay);
          ls_network_render_to_screen (state, l->x[e->b], l->y[e->b], &bx, &by);
          ls_raster_lines_draw (&raster, ax, ay, bx, by, (bucket[i] + 1) / 2.0,
                                0.42, 0.43, 0.48, crowded ? 0.28 : 0.5);
          bucket[i] = 0xff;
        }
      ls_raster_lines_end (&raster);
    }

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint w = 0; w <= N_WIDTHS; w++)
    {
      gboolean any = FALSE;

      if (w == N_WIDTHS && !any_attribution)
        break;
      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e;
          double ax, ay, bx, by;

          if (bucket[i] != w)
            continue;
          e = ls_graph_get_edge (scene->graph, i);
          ls_network_render_to_screen (state, l->x[e->a], l->y[e->a], &ax, &ay);
          ls_network_render_to_screen (state, l->x[e->b], l->y[e->b], &bx, &by);
          if (!any)
            edge_pen (cr, w, crowded);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
          any = TRUE;
          if (++batched == BATCH)
            {
              cairo_stroke (cr);
              batched = 0;
            }
        }
      if (batched > 0)
        cairo_stroke (cr);
      batched = 0;
    }
  cairo_restore (cr);
}

static void
draw_nodes (cairo_t                  *cr,
            LsNetworkScene           *scene,
            const LsNetworkViewState *state)
{
  const LsNetworkLayout *l = scene->layout;
  guint n = l->n_nodes;
  g_autofree float *radius = g_new (float, MAX (n, 1));
  g_autofree guint8 *group = g_new (guint8, MAX (n, 1));
  const LsColor *colors[N_COLOR_GROUPS] = { NULL };
  gboolean outlines = FALSE, victims = FALSE;

  for (guint i = 0; i < n; i++)
    {
      double sx, sy;
      guint g;
      const LsColor *c;

      group[i] = 0xff;
      if (is_hidden (state, i))
        continue;
      radius[i] = ls_network_render_node_radius (scene, state, i);
      ls_network_render_to_screen (state, l->x[i], l->y[i], &sx, &sy);
      if (!on_screen (state, sx, sy, radius[i] + 6))
        continue;
      c = node_color (scene, state, i, &g);
      group[i] = g;
      colors[g] = c;
      outlines |= radius[i] >= 3;
      victims |= scene->victims[i];
    }

  cairo_save (cr);
  for (guint g = 0; g < N_COLOR_GROUPS; g++)
    {
      if (colors[g] == NULL)
        continue;
      for (guint i = 0; i < n; i++)
        {
          double sx, sy;

          if (group[i] != g)
            continue;
          ls_network_render_to_screen (state, l->x[i], l->y[i], &sx, &sy);
          node_path (cr, ls_graph_get_node (scene->graph, i), sx, sy, radius[i]);
        }
      set_color (cr, colors[g], 1.0);
      cairo_fill (cr);
    }

  /* A thin light outline separates overlapping nodes. */
  if (outlines)
    {
      for (guint i = 0; i < n; i++)
        {
          double sx, sy;

          if (group[i] == 0xff || radius[i] < 3)
            continue;
          ls_network_render_to_screen (state, l->x[i], l->y[i], &sx, &sy);
          node_path (cr, ls_graph_get_node (scene->graph, i), sx, sy, radius[i]);
        }
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  /* Victims first: a ring in the victim colour, never a suspect colour. */
  if (victims)
    {
      double widest = 2;

      for (guint i = 0; i < n; i++)
        {
          double sx, sy, w;

          if (group[i] == 0xff || !scene->victims[i])
            continue;
          w = MAX (2.0, radius[i] * 0.35);
          widest = MAX (widest, w);
          ls_network_render_to_screen (state, l->x[i], l->y[i], &sx, &sy);
          cairo_new_sub_path (cr);
          cairo_arc (cr, sx, sy, MAX (radius[i], 1) + 1.5 + w / 2, 0, 2 * G_PI);
        }
      ls_render_style_set_color (cr, LS_STYLE_COLOR_VICTIM);
      cairo_set_line_width (cr, MIN (widest, 3.5));
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static PangoLayout *
label_layout (cairo_t    *cr,
              double      px,
              gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (ls_render_style_font ());

  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);

  return layout;
}

typedef struct {
  GArray     *boxes;   /* LsNetworkLabel */
  GHashTable *grid;    /* cell → GArray of box indexes */
} Placer;

static guint64
cell_key (int cx,
          int cy)
{
  return ((guint64) (guint32) cx << 32) | (guint32) cy;
}

/* Boxes keep a little air between them, so labels read as separate. */
static gboolean
boxes_overlap (const LsNetworkLabel *a,
               const LsNetworkLabel *b)
{
  return a->x < b->x + b->width + LABEL_PAD_X && b->x < a->x + a->width + LABEL_PAD_X &&
         a->y < b->y + b->height + LABEL_PAD_Y && b->y < a->y + a->height + LABEL_PAD_Y;
}

static gboolean
placer_collides (Placer               *p,
                 const LsNetworkLabel *box)
{
  for (int cx = (int) floor (box->x / GRID_CELL); cx <= (int) floor ((box->x + box->width) / GRID_CELL); cx++)
    for (int cy = (int) floor (box->y / GRID_CELL); cy <= (int) floor ((box->y + box->height) / GRID_CELL); cy++)
      {
        guint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (p->grid, &key);

        for (guint k = 0; cell != NULL && k < cell->len; k++)
          if (boxes_overlap (box, &g_array_index (p->boxes, LsNetworkLabel, g_array_index (cell, guint, k))))
            return TRUE;
      }

  return FALSE;
}

static void
placer_add (Placer               *p,
            const LsNetworkLabel *box)
{
  guint index = p->boxes->len;

  g_array_append_val (p->boxes, *box);
  for (int cx = (int) floor (box->x / GRID_CELL); cx <= (int) floor ((box->x + box->width) / GRID_CELL); cx++)
    for (int cy = (int) floor (box->y / GRID_CELL); cy <= (int) floor ((box->y + box->height) / GRID_CELL); cy++)
      {
        guint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (p->grid, &key);

        if (cell == NULL)
          {
            guint64 *k = g_new (guint64, 1);
            *k = key;
            cell = g_array_new (FALSE, FALSE, sizeof (guint));
            g_hash_table_insert (p->grid, k, cell);
          }
        g_array_append_val (cell, index);
      }
}

typedef struct {
  guint  node;
  double priority;
} Candidate;

static int
by_priority (gconstpointer a,
             gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->priority != y->priority)
    return x->priority > y->priority ? -1 : 1;
  return x->node < y->node ? -1 : (x->node > y->node);
}

static gboolean
is_forced (const LsNetworkViewState *state,
           guint                     node)
{
  return (state->selected != NULL && state->selected[node]) ||
         (int) node == state->search || (int) node == state->hover;
}

static GArray *
label_candidates (LsNetworkScene           *scene,
                  const LsNetworkViewState *state)
{
  const LsNetworkLayout *l = scene->layout;
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  double max = MAX (scene->measure_max[state->size_by], 1e-9);

  for (guint i = 0; i < l->n_nodes; i++)
    {
      Candidate c = { i, 0 };
      double sx, sy, r;
      gboolean forced = is_forced (state, i);

      if (is_hidden (state, i))
        continue;
      ls_network_render_to_screen (state, l->x[i], l->y[i], &sx, &sy);
      if (!on_screen (state, sx, sy, 0))
        continue;
      r = ls_network_render_node_radius (scene, state, i);
      if (r < POINT_RADIUS && !forced)
        continue;
      c.priority = scene->measures[state->size_by][i] / max
                   + (scene->victims[i] ? 0.5 : 0)
                   + (ls_graph_get_node (scene->graph, i)->kind == LS_NODE_PERSON ? 0.25 : 0)
                   + (scene->roles[i] != LS_NETWORK_ROLE_UNKNOWN && scene->roles[i] != LS_NETWORK_ROLE_CUSTOMER ? 1 : 0)
                   + (forced ? 10 : 0);
      g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, by_priority);

  return candidates;
}

/* Areas the chrome covers: labels keep out of them. */
static void
reserve_chrome (Placer                   *p,
                const LsNetworkViewState *state)
{
  LsNetworkLabel title = { -1, 0, 0, 480, 118 };
  LsNetworkLabel legend = { -1, state->width - 250, state->height - 290, 250, 290 };

  if (!state->show_chrome)
    return;
  placer_add (p, &title);
  placer_add (p, &legend);
}

GArray *
ls_network_render_place_labels (LsNetworkScene           *scene,
                                const LsNetworkViewState *state,
                                cairo_t                  *cr)
{
  g_autoptr(GArray) candidates = label_candidates (scene, state);
  g_autoptr(PangoLayout) layout = label_layout (cr, LABEL_PX, FALSE);
  g_autoptr(GHashTable) grid = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_array_unref);
  Placer p = { g_array_new (FALSE, FALSE, sizeof (LsNetworkLabel)), grid };
  GArray *placed = g_array_new (FALSE, FALSE, sizeof (LsNetworkLabel));
  guint budget = (guint) (state->width * state->height / AREA_PER_LABEL);
  guint n_chrome;

  reserve_chrome (&p, state);
  n_chrome = p.boxes->len;

  for (guint k = 0; k < candidates->len && k < MAX_LABEL_TRIES; k++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, k);
      g_autofree char *text = ls_network_scene_dup_label (scene, c->node, state->redact);
      double sx, sy, r = ls_network_render_node_radius (scene, state, c->node);
      gboolean forced = c->priority >= 10;
      int w, h;

      if (!forced && p.boxes->len - n_chrome >= budget)
        break;
      ls_network_render_to_screen (state, scene->layout->x[c->node], scene->layout->y[c->node], &sx, &sy);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &w, &h);

      /* Right, left, below, above the node: the first place that is free. */
      for (int side = 0; side < 4; side++)
        {
          LsNetworkLabel box = { (int) c->node, 0, 0, w + 4, h };
          const double gap = r + 3;

          box.x = side == 0 ? sx + gap : side == 1 ? sx - gap - box.width : sx - box.width / 2;
          box.y = side < 2 ? sy - h / 2.0 : side == 2 ? sy + gap : sy - gap - h;
          if (!forced && (box.x < 0 || box.y < 0 || box.x + box.width > state->width ||
                          box.y + box.height > state->height || placer_collides (&p, &box)))
            continue;
          placer_add (&p, &box);
          break;
        }
    }

  g_array_append_vals (placed, p.boxes->data + n_chrome * sizeof (LsNetworkLabel), p.boxes->len - n_chrome);
  g_array_unref (p.boxes);

  return placed;
}

static void
draw_label (cairo_t        *cr,
            PangoLayout    *layout,
            const char     *text,
            const LsNetworkLabel *box,
            gboolean        emphasis,
            gboolean        victim)
{
  pango_layout_set_text (layout, text, -1);
  cairo_set_source_rgba (cr, 1, 1, 1, emphasis ? 0.95 : 0.72);
  cairo_rectangle (cr, box->x, box->y, box->width, box->height);
  cairo_fill (cr);
  if (victim)
    ls_render_style_set_color (cr, LS_STYLE_COLOR_VICTIM);
  else
    ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  cairo_move_to (cr, box->x + 2, box->y);
  ls_render_text_show (cr, layout);
}

void
ls_network_render_labels (cairo_t                  *cr,
                          LsNetworkScene           *scene,
                          const LsNetworkViewState *state,
                          guint8                   *labelled)
{
  g_autoptr(GArray) placed = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(PangoLayout) bold = NULL;

  g_return_if_fail (cr != NULL && scene != NULL && state != NULL);

  placed = ls_network_render_place_labels (scene, state, cr);
  layout = label_layout (cr, LABEL_PX, FALSE);
  bold = label_layout (cr, LABEL_PX, TRUE);
  for (guint k = 0; k < placed->len; k++)
    {
      const LsNetworkLabel *box = &g_array_index (placed, LsNetworkLabel, k);
      g_autofree char *text = ls_network_scene_dup_label (scene, box->node, state->redact);
      gboolean forced = is_forced (state, box->node);

      draw_label (cr, forced ? bold : layout, text, box, forced, scene->victims[box->node]);
      if (labelled != NULL)
        labelled[box->node] = TRUE;
    }
}

void
ls_network_render_geometry (cairo_t                  *cr,
                            LsNetworkScene           *scene,
                            const LsNetworkViewState *state)
{
  g_return_if_fail (cr != NULL && scene != NULL && state != NULL);

  draw_edges (cr, scene, state);
  draw_nodes (cr, scene, state);
}

void
ls_network_render_static (cairo_t                  *cr,
                          LsNetworkScene           *scene,
                          const LsNetworkViewState *state)
{
  g_return_if_fail (cr != NULL && scene != NULL && state != NULL);

  ls_network_render_geometry (cr, scene, state);
  ls_network_render_labels (cr, scene, state, NULL);
}

static void
ring (cairo_t *cr,
      double   sx,
      double   sy,
      double   r,
      double   width)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, sx, sy, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
draw_path_edges (cairo_t                  *cr,
                 LsNetworkScene           *scene,
                 const LsNetworkViewState *state)
{
  const LsNetworkLayout *l = scene->layout;
  gboolean any = FALSE;

  if (state->path_edges == NULL)
    return;

  for (guint i = 0; i < ls_graph_get_n_edges (scene->graph); i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (scene->graph, i);
      double ax, ay, bx, by;

      if (!state->path_edges[i])
        continue;
      ls_network_render_to_screen (state, l->x[e->a], l->y[e->a], &ax, &ay);
      ls_network_render_to_screen (state, l->x[e->b], l->y[e->b], &bx, &by);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
      any = TRUE;
    }
  if (!any)
    return;
  ls_render_style_set_color (cr, LS_STYLE_COLOR_ACCENT);
  cairo_set_line_width (cr, 4);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
}

static void
emphasise_node (cairo_t                  *cr,
                LsNetworkScene           *scene,
                const LsNetworkViewState *state,
                PangoLayout              *layout,
                guint                     node,
                gboolean                  dashed)
{
  static const double dash[] = { 4, 3 };
  g_autofree char *text = ls_network_scene_dup_label (scene, node, state->redact);
  double sx, sy, r = MAX (ls_network_render_node_radius (scene, state, node), 3);
  LsNetworkLabel box = { (int) node, 0, 0, 0, 0 };
  int w, h;

  ls_network_render_to_screen (state, scene->layout->x[node], scene->layout->y[node], &sx, &sy);
  cairo_save (cr);
  if (dashed)
    cairo_set_dash (cr, dash, 2, 0);
  cairo_set_source_rgba (cr, 1, 1, 1, 1);
  ring (cr, sx, sy, r + 3, 4);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_ACCENT);
  ring (cr, sx, sy, r + 3, 2.5);
  cairo_restore (cr);

  /* The label: the static picture places the selected and searched
   * nodes' first; only a hovered node without one gets it here. */
  if (state->labelled == NULL || state->labelled[node])
    return;
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  box.x = sx + r + 3;
  box.y = sy - h / 2.0;
  box.width = w + 4;
  box.height = h;
  draw_label (cr, layout, text, &box, TRUE, scene->victims[node]);
}

void
ls_network_render_overlay (cairo_t                  *cr,
                           LsNetworkScene           *scene,
                           const LsNetworkViewState *state)
{
  g_autoptr(PangoLayout) layout = NULL;
  guint n = scene->layout->n_nodes;

  g_return_if_fail (cr != NULL && scene != NULL && state != NULL);

  draw_path_edges (cr, scene, state);
  layout = label_layout (cr, LABEL_PX, TRUE);
  if (state->selected != NULL)
    for (guint i = 0; i < n; i++)
      if (state->selected[i] && !is_hidden (state, i))
        emphasise_node (cr, scene, state, layout, i, FALSE);
  if (state->search >= 0 && (guint) state->search < n)
    emphasise_node (cr, scene, state, layout, state->search, TRUE);
  if (state->hover >= 0 && (guint) state->hover < n)
    emphasise_node (cr, scene, state, layout, state->hover, FALSE);
}

typedef struct {
  cairo_t     *cr;
  PangoLayout *layout;
  double       x;
  double       y;
} LegendPen;

static void
legend_text (LegendPen  *pen,
             double      indent,
             const char *text,
             gboolean    heading)
{
  int w, h;

  pango_layout_set_text (pen->layout, text, -1);
  pango_layout_get_pixel_size (pen->layout, &w, &h);
  if (heading)
    ls_render_style_set_color (pen->cr, LS_STYLE_COLOR_FOREGROUND);
  else
    cairo_set_source_rgba (pen->cr, 0.30, 0.29, 0.34, 1);
  cairo_move_to (pen->cr, pen->x + indent, pen->y);
  ls_render_text_show (pen->cr, pen->layout);
  pen->y += 17;
}

static void
legend_swatch (LegendPen     *pen,
               const LsColor *color,
               gboolean       square,
               const char    *text)
{
  set_color (pen->cr, color, 1);
  cairo_new_path (pen->cr);
  if (square)
    cairo_rectangle (pen->cr, pen->x + 2, pen->y + 3, 10, 10);
  else
    cairo_arc (pen->cr, pen->x + 7, pen->y + 8, 5.5, 0, 2 * G_PI);
  cairo_fill (pen->cr);
  legend_text (pen, 20, text, FALSE);
}

static void
legend_body (LegendPen                *pen,
             LsNetworkScene           *scene,
             const LsNetworkViewState *state)
{
  cairo_t *cr = pen->cr;
  const LsColor *other = ls_render_style_color (LS_STYLE_COLOR_OTHER);
  g_autofree char *size = g_strdup_printf (_("Size: %s"), ls_network_size_by_get_title (state->size_by));

  legend_text (pen, 0, _("Key"), TRUE);
  if (state->color_by == LS_NETWORK_COLOR_ROLE)
    {
      for (guint r = LS_NETWORK_ROLE_HEAD; r < LS_NETWORK_N_ROLES; r++)
        legend_swatch (pen, ls_render_style_color (role_colors[r]), FALSE, ls_network_role_get_title (r));
      legend_swatch (pen, other, FALSE, ls_network_role_get_title (LS_NETWORK_ROLE_UNKNOWN));
    }
  else
    {
      legend_swatch (pen, &community_colors[0], FALSE, _("Colour: community"));
      legend_swatch (pen, other, FALSE, _("No community"));
    }

  ls_render_style_set_color (cr, LS_STYLE_COLOR_VICTIM);
  cairo_new_path (cr);
  cairo_arc (cr, pen->x + 7, pen->y + 8, 5, 0, 2 * G_PI);
  cairo_set_line_width (cr, 2.5);
  cairo_stroke (cr);
  legend_text (pen, 20, _("Child or vulnerable adult"), FALSE);
  legend_swatch (pen, other, TRUE, _("Phone, user not known"));
  legend_text (pen, 20, size, FALSE);

  cairo_set_source_rgba (cr, 0.42, 0.43, 0.48, 0.8);
  cairo_new_path (cr);
  for (int k = 0; k < 3; k++)
    {
      cairo_move_to (cr, pen->x, pen->y + 4 + k * 4);
      cairo_line_to (cr, pen->x + 14, pen->y + 4 + k * 4);
      cairo_set_line_width (cr, 0.6 + k * 1.2);
      cairo_stroke (cr);
    }
  legend_text (pen, 20, _("Line width: contacts (log)"), FALSE);

  if (ls_graph_get_query (scene->graph)->separate_phones)
    {
      static const double dash[] = { 3, 3 };

      cairo_save (cr);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, 1);
      cairo_set_source_rgba (cr, 0.35, 0.35, 0.40, 0.8);
      cairo_move_to (cr, pen->x, pen->y + 8);
      cairo_line_to (cr, pen->x + 14, pen->y + 8);
      cairo_stroke (cr);
      cairo_restore (cr);
      legend_text (pen, 20, _("Phone attributed to a person"), FALSE);
    }
}

static void
draw_legend (cairo_t                  *cr,
             LsNetworkScene           *scene,
             const LsNetworkViewState *state)
{
  g_autoptr(PangoLayout) layout = label_layout (cr, 12, FALSE);
  gboolean separate = ls_graph_get_query (scene->graph)->separate_phones;
  guint rows = (state->color_by == LS_NETWORK_COLOR_ROLE ? 12 : 7) + (separate ? 1 : 0);
  const double w = 232, h = 17 * rows + 16;
  double x = state->width - w - 14, y = state->height - h - 34;
  LegendPen pen = { cr, layout, x + 10, y + 8 };

  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_fill_preserve (cr);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  legend_body (&pen, scene, state);
  cairo_restore (cr);
}

static void
draw_title (cairo_t                  *cr,
            LsNetworkScene           *scene,
            const LsNetworkViewState *state)
{
  g_autofree char *range = ls_export_format_range (scene->from, scene->to);
  g_autofree char *heading = g_strdup_printf (_("Network map · %s"), range);
  g_autofree char *counts = NULL;
  g_autofree char *detail = NULL;
  const LsGraphQuery *q = ls_graph_get_query (scene->graph);
  const char *lines[5] = { heading, NULL, NULL, NULL, NULL };
  guint k = 1;

  counts = g_strdup_printf (_("%u people and phones · %u links · at least %u contact(s) per link"),
                            ls_graph_get_n_nodes (scene->graph), ls_graph_get_n_edges (scene->graph),
                            MAX (q->min_contacts, 1));
  lines[k++] = counts;
  detail = g_strdup_printf (_("Layout: %s · phones %s"),
                            ls_network_layout_kind_to_string (scene->layout->kind),
                            q->separate_phones ? _("shown separately") : _("merged into their users"));
  lines[k++] = detail;
  if (state->redact)
    lines[k++] = _("Redacted: names replaced by pseudonyms, numbers masked");

  ls_export_draw_title_block (cr, 14, 30, scene->case_name ? scene->case_name : _("Untitled case"),
                              lines, NULL, NULL);
}

void
ls_network_render_chrome (cairo_t                  *cr,
                          LsNetworkScene           *scene,
                          const LsNetworkViewState *state)
{
  g_return_if_fail (cr != NULL && scene != NULL && state != NULL);

  if (!state->show_chrome)
    return;
  draw_title (cr, scene, state);
  draw_legend (cr, scene, state);
  ls_export_draw_marking (cr, state->width, state->height, scene->marking);
}

void
ls_network_render (cairo_t                  *cr,
                   LsNetworkScene           *scene,
                   const LsNetworkViewState *state)
{
  g_return_if_fail (cr != NULL && scene != NULL && state != NULL);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, state->width, state->height);
  cairo_clip (cr);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_BACKGROUND);
  cairo_paint (cr);
  ls_network_render_static (cr, scene, state);
  ls_network_render_overlay (cr, scene, state);
  ls_network_render_chrome (cr, scene, state);
  cairo_restore (cr);
}

int
ls_network_render_hit (LsNetworkScene           *scene,
                       const LsNetworkViewState *state,
                       double                    sx,
                       double                    sy)
{
  const LsNetworkLayout *l = scene->layout;
  double best = G_MAXDOUBLE;
  int found = -1;

  for (guint i = 0; i < l->n_nodes; i++)
    {
      double nx, ny, d, r;

      if (is_hidden (state, i))
        continue;
      ls_network_render_to_screen (state, l->x[i], l->y[i], &nx, &ny);
      d = (nx - sx) * (nx - sx) + (ny - sy) * (ny - sy);
      r = MAX (ls_network_render_node_radius (scene, state, i), 2) + 3;
      if (d <= r * r && d <= best)
        {
          best = d;
          found = (int) i;
        }
    }

  return found;
}
