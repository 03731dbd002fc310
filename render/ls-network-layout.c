/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Graphviz as a library: build a cgraph graph of bare points (no labels, so
 * no text is measured), run one engine, read ND_coord back and free. The
 * GVC context and Graphviz's globals are shared, so one layout runs at a
 * time behind a mutex. */
#define G_LOG_DOMAIN "ls-network-layout"
#include "config.h"

#include <glib/gi18n.h>
#include <graphviz/gvc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ls-case-layouts.h"
#include "ls-network-layout.h"

static GMutex gv_lock;
static GVC_t *gv_context;

static const struct {
  const char *name;
  const char *engine;
  const char *title;
} kinds[LS_NETWORK_LAYOUT_N_KINDS] = {
  [LS_NETWORK_LAYOUT_AUTO]  = { "auto",  NULL,    N_("Automatic") },
  [LS_NETWORK_LAYOUT_SFDP]  = { "sfdp",  "sfdp",  N_("Force-directed, large (sfdp)") },
  [LS_NETWORK_LAYOUT_NEATO] = { "neato", "neato", N_("Spring model (neato)") },
  [LS_NETWORK_LAYOUT_FDP]   = { "fdp",   "fdp",   N_("Force-directed (fdp)") },
  [LS_NETWORK_LAYOUT_DOT]   = { "dot",   "dot",   N_("Hierarchy by role (dot)") },
  [LS_NETWORK_LAYOUT_CIRCO] = { "circo", "circo", N_("Circular (circo)") },
  [LS_NETWORK_LAYOUT_TWOPI] = { "twopi", "twopi", N_("Ego network (twopi)") },
};

/* The attributes every layout gets, in-process and in the DOT written for
 * the sfdp benchmark alike: fixed seeds for determinism, points for nodes. */
static const char * const graph_attrs[][2] = {
  { "start", "7" },
  { "seed", "7" },
  { "inputscale", "72" },
  { "outputorder", "edgesfirst" },
  { "splines", "false" },
  { "overlap", "true" },
  { "quadtree", "fast" },
};

/* Engines give very different scales (sfdp without overlap removal packs
 * 5,000 nodes into an inch): positions are scaled to about this many
 * points of area per node, so sizes and zoom mean the same everywhere. */
#define AREA_PER_NODE (36.0 * 36.0)

const char *
ls_network_layout_kind_to_string (LsNetworkLayoutKind kind)
{
  g_return_val_if_fail (kind < LS_NETWORK_LAYOUT_N_KINDS, NULL);

  return kinds[kind].name;
}

const char *
ls_network_layout_kind_get_title (LsNetworkLayoutKind kind)
{
  g_return_val_if_fail (kind < LS_NETWORK_LAYOUT_N_KINDS, NULL);

  return _(kinds[kind].title);
}

gboolean
ls_network_layout_kind_from_string (const char          *name,
                                    LsNetworkLayoutKind *kind)
{
  for (guint i = 0; i < LS_NETWORK_LAYOUT_N_KINDS; i++)
    if (g_strcmp0 (kinds[i].name, name) == 0)
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

LsNetworkLayoutKind
ls_network_layout_kind_resolve (LsNetworkLayoutKind kind,
                                guint               n_nodes)
{
  if (kind != LS_NETWORK_LAYOUT_AUTO)
    return kind;

  return n_nodes > LS_NETWORK_LAYOUT_AUTO_THRESHOLD ? LS_NETWORK_LAYOUT_SFDP : LS_NETWORK_LAYOUT_NEATO;
}

LsNetworkLayout *
ls_network_layout_new (guint n_nodes)
{
  LsNetworkLayout *self = g_new0 (LsNetworkLayout, 1);

  self->n_nodes = n_nodes;
  self->kind = LS_NETWORK_LAYOUT_SFDP;
  self->x = g_new0 (double, MAX (n_nodes, 1));
  self->y = g_new0 (double, MAX (n_nodes, 1));
  self->pinned = g_new0 (guint8, MAX (n_nodes, 1));

  return self;
}

LsNetworkLayout *
ls_network_layout_copy (const LsNetworkLayout *self)
{
  LsNetworkLayout *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ls_network_layout_new (self->n_nodes);
  copy->kind = self->kind;
  memcpy (copy->x, self->x, sizeof (double) * self->n_nodes);
  memcpy (copy->y, self->y, sizeof (double) * self->n_nodes);
  memcpy (copy->pinned, self->pinned, self->n_nodes);

  return copy;
}

void
ls_network_layout_free (LsNetworkLayout *self)
{
  if (self == NULL)
    return;

  g_free (self->x);
  g_free (self->y);
  g_free (self->pinned);
  g_free (self);
}

void
ls_network_layout_get_bounds (const LsNetworkLayout *self,
                              double                *x0,
                              double                *y0,
                              double                *x1,
                              double                *y1)
{
  *x0 = *y0 = G_MAXDOUBLE;
  *x1 = *y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < self->n_nodes; i++)
    {
      *x0 = MIN (*x0, self->x[i]);
      *x1 = MAX (*x1, self->x[i]);
      *y0 = MIN (*y0, self->y[i]);
      *y1 = MAX (*y1, self->y[i]);
    }
  if (self->n_nodes == 0)
    *x0 = *y0 = *x1 = *y1 = 0;
}

/* The busiest node: twopi's default centre. */
static int
busiest_node (LsGraph *graph)
{
  guint64 best = 0;
  int index = -1;

  for (guint i = 0; i < ls_graph_get_n_nodes (graph); i++)
    if (index < 0 || ls_graph_get_node (graph, i)->contacts > best)
      {
        best = ls_graph_get_node (graph, i)->contacts;
        index = (int) i;
      }

  return index;
}

/* For dot, edges run from the higher role to the lower, so ranks follow
 * head → line holder → runner → customer; unknown roles sit in between. */
static gboolean
edge_reversed (const LsNetworkLayoutOptions *options,
               guint                         a,
               guint                         b)
{
  int ra, rb;

  if (options->ranks == NULL)
    return FALSE;
  ra = options->ranks[a] < 0 ? 2 : options->ranks[a];
  rb = options->ranks[b] < 0 ? 2 : options->ranks[b];

  return ra > rb;
}

static void
add_rank_groups (Agraph_t                     *g,
                 Agnode_t                    **nodes,
                 guint                         n,
                 const LsNetworkLayoutOptions *options)
{
  static const char * const rank_kind[] = { "min", "same", "same", "max" };

  if (options->ranks == NULL)
    return;

  for (int r = 0; r < 4; r++)
    {
      char name[16];
      Agraph_t *sub;

      g_snprintf (name, sizeof name, "rank%d", r);
      sub = agsubg (g, name, 1);
      agsafeset (sub, (char *) "rank", (char *) rank_kind[r], (char *) "");
      for (guint i = 0; i < n; i++)
        if (options->ranks[i] == r)
          agsubnode (sub, nodes[i], 1);
    }
}

static void
set_pin (Agnode_t            *node,
         const LsLayoutPoint *p,
         gboolean             hard)
{
  char pos[64];

  /* Graphviz's y grows upwards; ours downwards. */
  g_snprintf (pos, sizeof pos, "%.2f,%.2f%s", p->x, -p->y, hard ? "!" : "");
  agsafeset (node, (char *) "pos", pos, (char *) "");
}

static Agraph_t *
build_agraph (LsGraph                      *graph,
              LsNetworkLayoutKind           kind,
              const LsNetworkLayoutOptions *options,
              Agnode_t                    **nodes)
{
  guint n = ls_graph_get_n_nodes (graph);
  gboolean can_pin = kind == LS_NETWORK_LAYOUT_NEATO || kind == LS_NETWORK_LAYOUT_FDP;
  Agraph_t *g;

  g = agopen ((char *) "network", Agundirected, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (graph_attrs); i++)
    agattr (g, AGRAPH, (char *) graph_attrs[i][0], (char *) graph_attrs[i][1]);
  agattr (g, AGNODE, (char *) "shape", (char *) "point");
  agattr (g, AGNODE, (char *) "width", (char *) "0.1");
  agattr (g, AGNODE, (char *) "label", (char *) "");
  /* A line has a few heads and hundreds of customers: the customers' rank
   * is very wide, so the ranks are spread to a screen's proportions. */
  if (kind == LS_NETWORK_LAYOUT_DOT)
    agattr (g, AGRAPH, (char *) "ranksep", (char *) "1.2");

  for (guint i = 0; i < n; i++)
    {
      char name[24];
      const LsLayoutPoint *p = NULL;

      g_snprintf (name, sizeof name, "n%u", i);
      nodes[i] = agnode (g, name, 1);
      if (options->points != NULL && can_pin)
        p = g_hash_table_lookup (options->points, ls_graph_get_node (graph, i)->key);
      if (p != NULL)
        set_pin (nodes[i], p, p->pinned);
    }

  for (guint i = 0; i < ls_graph_get_n_edges (graph); i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (graph, i);

      if (kind == LS_NETWORK_LAYOUT_DOT && edge_reversed (options, e->a, e->b))
        agedge (g, nodes[e->b], nodes[e->a], NULL, 1);
      else
        agedge (g, nodes[e->a], nodes[e->b], NULL, 1);
    }

  if (kind == LS_NETWORK_LAYOUT_DOT)
    add_rank_groups (g, nodes, n, options);
  if (kind == LS_NETWORK_LAYOUT_TWOPI && n > 0)
    {
      int root = options->root >= 0 && (guint) options->root < n ? options->root : busiest_node (graph);
      agsafeset (g, (char *) "root", agnameof (nodes[root]), (char *) "");
    }

  return g;
}

static void
report (const LsNetworkLayoutOptions *options,
        double                        fraction)
{
  if (options->progress != NULL)
    options->progress (fraction, options->progress_data);
}

static gboolean
any_pinned (GHashTable *points)
{
  GHashTableIter iter;
  gpointer value;

  if (points == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, points);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((LsLayoutPoint *) value)->pinned)
      return TRUE;

  return FALSE;
}

static void
normalise_scale (LsNetworkLayout *layout)
{
  double x0, y0, x1, y1, area, s;

  ls_network_layout_get_bounds (layout, &x0, &y0, &x1, &y1);
  area = MAX (x1 - x0, 1) * MAX (y1 - y0, 1);
  if (layout->n_nodes < 2)
    return;
  s = sqrt (AREA_PER_NODE * layout->n_nodes / area);
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      layout->x[i] = (layout->x[i] - (x0 + x1) / 2) * s;
      layout->y[i] = (layout->y[i] - (y0 + y1) / 2) * s;
    }
}

/* Pinned nodes keep their place even where the engine cannot pin (sfdp,
 * dot, circo, twopi): their positions are put back after the layout. */
static void
reapply_pins (LsNetworkLayout *layout,
              LsGraph         *graph,
              GHashTable      *points)
{
  if (points == NULL)
    return;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const LsLayoutPoint *p = g_hash_table_lookup (points, ls_graph_get_node (graph, i)->key);

      if (p == NULL || !p->pinned)
        continue;
      layout->x[i] = p->x;
      layout->y[i] = p->y;
      layout->pinned[i] = TRUE;
    }
}

typedef struct {
  double y;
  double x;
  guint  node;
} RankSlot;

static int
by_rank_then_x (gconstpointer a,
                gconstpointer b)
{
  const RankSlot *p = a, *q = b;

  if (p->y != q->y)
    return p->y < q->y ? -1 : 1;
  return p->x < q->x ? -1 : p->x > q->x;
}

/* A line has a few heads and hundreds of customers: dot puts a rank on
 * one row, so the customers' row is a hundred times wider than the rest
 * and nothing can be read. Each rank is laid again as rows of evenly
 * spaced nodes in dot's order (which keeps crossings few), centred on one
 * axis; long ranks fold into several rows and the ranks below move down. */
#define DOT_SPACING 36.0
#define DOT_ROW_GAP 28.0

static void
fold_wide_ranks (LsNetworkLayout *layout)
{
  g_autoptr(GArray) slots = g_array_sized_new (FALSE, FALSE, sizeof (RankSlot), layout->n_nodes);
  double shift = 0;
  guint start = 0;

  for (guint i = 0; i < layout->n_nodes; i++)
    {
      RankSlot s = { layout->y[i], layout->x[i], i };
      g_array_append_val (slots, s);
    }
  g_array_sort (slots, by_rank_then_x);

  while (start < slots->len)
    {
      double y = g_array_index (slots, RankSlot, start).y;
      guint end = start, m, per_row, rows;

      while (end < slots->len && g_array_index (slots, RankSlot, end).y == y)
        end++;
      m = end - start;
      per_row = MAX (24, (guint) ceil (sqrt (m * 6.0)));
      rows = (m + per_row - 1) / per_row;
      for (guint k = 0; k < m; k++)
        {
          const RankSlot *s = &g_array_index (slots, RankSlot, start + k);
          guint row = k / per_row, col = k % per_row;
          guint in_row = MIN (per_row, m - row * per_row);

          layout->y[s->node] = y + shift + row * DOT_ROW_GAP;
          layout->x[s->node] = (col - (in_row - 1) / 2.0) * DOT_SPACING;
        }
      shift += (rows - 1) * DOT_ROW_GAP;
      start = end;
    }
}

static gboolean
run_graphviz (LsGraph                      *graph,
              LsNetworkLayoutKind           kind,
              const LsNetworkLayoutOptions *options,
              LsNetworkLayout              *layout,
              GCancellable                 *cancellable,
              GError                      **error)
{
  guint n = ls_graph_get_n_nodes (graph);
  g_autofree Agnode_t **nodes = g_new0 (Agnode_t *, MAX (n, 1));
  Agraph_t *g;
  int rc;

  if (gv_context == NULL)
    gv_context = gvContext ();

  g = build_agraph (graph, kind, options, nodes);
  report (options, 0.2);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      agclose (g);
      return FALSE;
    }

  /* Some engines draw from the C library's generators without seeding
   * them: seed both, so every run in this process starts alike. */
  srand (7);
  srand48 (7);
  rc = gvLayout (gv_context, g, kinds[kind].engine);
  if (rc != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Graphviz could not lay out the network with %s (%u nodes); try another layout"),
                   kinds[kind].engine, n);
      agclose (g);
      return FALSE;
    }
  report (options, 0.9);

  for (guint i = 0; i < n; i++)
    {
      layout->x[i] = ND_coord (nodes[i]).x;
      layout->y[i] = -ND_coord (nodes[i]).y;
    }

  gvFreeLayout (gv_context, g);
  agclose (g);
  if (kind == LS_NETWORK_LAYOUT_DOT)
    fold_wide_ranks (layout);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

LsNetworkLayout *
ls_network_layout_compute (LsGraph                      *graph,
                           const LsNetworkLayoutOptions *options,
                           GCancellable                 *cancellable,
                           GError                      **error)
{
  static const LsNetworkLayoutOptions defaults = LS_NETWORK_LAYOUT_OPTIONS_INIT;
  g_autoptr(LsNetworkLayout) layout = NULL;
  LsNetworkLayoutKind kind;
  gboolean ok;

  g_return_val_if_fail (graph != NULL, NULL);

  if (options == NULL)
    options = &defaults;
  kind = ls_network_layout_kind_resolve (options->kind, ls_graph_get_n_nodes (graph));
  layout = ls_network_layout_new (ls_graph_get_n_nodes (graph));
  layout->kind = kind;

  report (options, 0.0);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (layout->n_nodes > 0)
    {
      g_mutex_lock (&gv_lock);
      ok = run_graphviz (graph, kind, options, layout, cancellable, error);
      g_mutex_unlock (&gv_lock);
      if (!ok)
        return NULL;
    }

  /* With engines that honour pins, the pinned coordinates are the frame
   * of reference and must not be rescaled. */
  if (!(any_pinned (options->points) &&
        (kind == LS_NETWORK_LAYOUT_NEATO || kind == LS_NETWORK_LAYOUT_FDP)))
    normalise_scale (layout);
  /* fdp sums forces in an order that depends on memory addresses, which
   * moves the last bits; a thousandth of a point is far below a pixel. */
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      layout->x[i] = round (layout->x[i] * 1000) / 1000;
      layout->y[i] = round (layout->y[i] * 1000) / 1000;
    }
  reapply_pins (layout, graph, options->points);
  report (options, 1.0);

  return g_steal_pointer (&layout);
}

LsNetworkLayout *
ls_network_layout_from_points (LsGraph             *graph,
                               GHashTable          *points,
                               LsNetworkLayoutKind  kind)
{
  g_autoptr(LsNetworkLayout) layout = NULL;

  g_return_val_if_fail (graph != NULL && points != NULL, NULL);

  layout = ls_network_layout_new (ls_graph_get_n_nodes (graph));
  layout->kind = kind;
  for (guint i = 0; i < layout->n_nodes; i++)
    {
      const LsLayoutPoint *p = g_hash_table_lookup (points, ls_graph_get_node (graph, i)->key);

      if (p == NULL)
        return NULL;
      layout->x[i] = p->x;
      layout->y[i] = p->y;
      layout->pinned[i] = p->pinned;
    }

  return g_steal_pointer (&layout);
}

GHashTable *
ls_network_layout_to_points (const LsNetworkLayout *self,
                             LsGraph               *graph)
{
  GHashTable *points = ls_layout_points_new ();

  g_return_val_if_fail (self->n_nodes == ls_graph_get_n_nodes (graph), points);

  for (guint i = 0; i < self->n_nodes; i++)
    {
      LsLayoutPoint *p = g_new (LsLayoutPoint, 1);

      p->x = self->x[i];
      p->y = self->y[i];
      p->pinned = self->pinned[i];
      g_hash_table_insert (points, g_strdup (ls_graph_get_node (graph, i)->key), p);
    }

  return points;
}

gboolean
ls_network_layout_write_dot (LsGraph              *graph,
                             gboolean              with_attributes,
                             const char           *path,
                             GError              **error)
{
  g_autoptr(GString) dot = g_string_new ("graph network {\n");

  if (with_attributes)
    {
      for (guint i = 0; i < G_N_ELEMENTS (graph_attrs); i++)
        g_string_append_printf (dot, "  %s=\"%s\";\n", graph_attrs[i][0], graph_attrs[i][1]);
      g_string_append (dot, "  node [shape=point, width=0.1, label=\"\"];\n");
    }
  for (guint i = 0; i < ls_graph_get_n_nodes (graph); i++)
    g_string_append_printf (dot, "  n%u;\n", i);
  for (guint i = 0; i < ls_graph_get_n_edges (graph); i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (graph, i);
      g_string_append_printf (dot, "  n%u -- n%u;\n", e->a, e->b);
    }
  g_string_append (dot, "}\n");

  return g_file_set_contents (path, dot->str, (gssize) dot->len, error);
}
