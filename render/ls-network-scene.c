/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsNetworkScene: what the network renderer draws: the graph, its layout,
 * per-node measures for sizing, roles and communities for colour, and who
 * is a victim (a child or vulnerable adult) at the end of the range.
 * Degree and contacts come from the graph itself; betweenness, eigenvector,
 * communities and roles come from the analysis when it has run. */
#define G_LOG_DOMAIN "ls-network-scene"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-network-render.h"
#include "ls-redact.h"

static void
update_max (LsNetworkScene  *self,
            LsNetworkSizeBy  measure)
{
  double max = 0;

  for (guint i = 0; i < self->layout->n_nodes; i++)
    max = MAX (max, self->measures[measure][i]);
  self->measure_max[measure] = max;
}

/* The moment ages are taken at: the range's end, or the last contact in
 * the graph when the range is open. */
static gint64
victim_moment (LsGraph *graph)
{
  const LsGraphQuery *q = ls_graph_get_query (graph);
  gint64 when = G_MININT64;

  if (q->to >= 0)
    return q->to - 1;
  for (guint i = 0; i < ls_graph_get_n_nodes (graph); i++)
    when = MAX (when, ls_graph_get_node (graph, i)->last);

  return when == G_MININT64 ? g_get_real_time () / G_USEC_PER_SEC : when;
}

LsNetworkScene *
ls_network_scene_new (LsGraph         *graph,
                      LsNetworkLayout *layout)
{
  LsNetworkScene *self;
  guint n;
  gint64 when;

  g_return_val_if_fail (graph != NULL && layout != NULL, NULL);
  g_return_val_if_fail (layout->n_nodes == ls_graph_get_n_nodes (graph), NULL);

  n = layout->n_nodes;
  self = g_new0 (LsNetworkScene, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->graph = ls_graph_ref (graph);
  self->layout = layout;
  self->roles = g_new0 (guint8, MAX (n, 1));
  self->communities = g_new (int, MAX (n, 1));
  self->victims = g_new0 (guint8, MAX (n, 1));
  self->from = self->to = -1;
  for (guint m = 0; m < LS_NETWORK_N_SIZES; m++)
    self->measures[m] = g_new0 (double, MAX (n, 1));

  when = victim_moment (graph);
  for (guint i = 0; i < n; i++)
    {
      const LsGraphNode *node = ls_graph_get_node (graph, i);
      guint n_edges, degree = 0;
      const guint *edges = ls_graph_get_node_edges (graph, i, &n_edges);

      for (guint k = 0; k < n_edges; k++)
        degree += ls_graph_get_edge (graph, edges[k])->attribution ? 0 : 1;
      self->communities[i] = -1;
      self->victims[i] = ls_graph_node_is_victim (node, when);
      /* Until the analysis has run, every measure falls back to degree. */
      self->measures[LS_NETWORK_SIZE_DEGREE][i] = degree;
      self->measures[LS_NETWORK_SIZE_WEIGHTED_DEGREE][i] = (double) node->contacts;
      self->measures[LS_NETWORK_SIZE_BETWEENNESS][i] = degree;
      self->measures[LS_NETWORK_SIZE_EIGENVECTOR][i] = degree;
    }
  for (guint m = 0; m < LS_NETWORK_N_SIZES; m++)
    update_max (self, m);

  return self;
}

LsNetworkScene *
ls_network_scene_ref (LsNetworkScene *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_network_scene_unref (LsNetworkScene *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  ls_graph_unref (self->graph);
  ls_network_layout_free (self->layout);
  for (guint m = 0; m < LS_NETWORK_N_SIZES; m++)
    g_free (self->measures[m]);
  g_free (self->roles);
  g_free (self->communities);
  g_free (self->victims);
  g_free (self->case_name);
  g_free (self->marking);
  g_free (self->root_key);
  g_free (self);
}

void
ls_network_scene_set_title (LsNetworkScene *self,
                            const char     *case_name,
                            const char     *marking,
                            gint64          from,
                            gint64          to)
{
  g_free (self->case_name);
  g_free (self->marking);
  self->case_name = g_strdup (case_name);
  self->marking = g_strdup (marking);
  self->from = from;
  self->to = to;
}

void
ls_network_scene_set_measure (LsNetworkScene  *self,
                              LsNetworkSizeBy  measure,
                              const double    *values)
{
  g_return_if_fail (measure < LS_NETWORK_N_SIZES);

  memcpy (self->measures[measure], values, sizeof (double) * self->layout->n_nodes);
  update_max (self, measure);
}

void
ls_network_scene_set_role (LsNetworkScene *self,
                           guint           node,
                           LsNetworkRole   role)
{
  g_return_if_fail (node < self->layout->n_nodes && role < LS_NETWORK_N_ROLES);

  self->roles[node] = role;
  self->have_roles |= role != LS_NETWORK_ROLE_UNKNOWN;
}

void
ls_network_scene_set_community (LsNetworkScene *self,
                                guint           node,
                                int             community)
{
  g_return_if_fail (node < self->layout->n_nodes);

  self->communities[node] = community;
  self->have_communities |= community >= 0;
}

static LsNetworkRole
role_from_analysis (LsRole role)
{
  switch (role)
    {
    case LS_ROLE_HEAD:        return LS_NETWORK_ROLE_HEAD;
    case LS_ROLE_LINE_HOLDER: return LS_NETWORK_ROLE_LINE_HOLDER;
    case LS_ROLE_RUNNER:      return LS_NETWORK_ROLE_RUNNER;
    case LS_ROLE_CUSTOMER:    return LS_NETWORK_ROLE_CUSTOMER;
    case LS_ROLE_DEAL_LINE:   return LS_NETWORK_ROLE_DEAL_LINE;
    case LS_ROLE_NONE:
    default:                  return LS_NETWORK_ROLE_UNKNOWN;
    }
}

void
ls_network_scene_apply_analysis (LsNetworkScene *self,
                                 LsAnalysis     *analysis)
{
  guint n = self->layout->n_nodes;

  g_return_if_fail (self != NULL && analysis != NULL);

  for (guint i = 0; i < n; i++)
    {
      const LsGraphNode *node = ls_graph_get_node (self->graph, i);
      const LsAnalysisNode *a;
      int k = ls_analysis_find_node (analysis, node->key);

      if (k < 0 && node->person_id >= 0)
        {
          g_autofree char *person = g_strdup_printf ("person:%" G_GINT64_FORMAT, node->person_id);
          k = ls_analysis_find_node (analysis, person);
        }
      if (k < 0)
        continue;
      a = ls_analysis_get_node (analysis, (guint) k);
      self->measures[LS_NETWORK_SIZE_BETWEENNESS][i] = a->measures.betweenness;
      self->measures[LS_NETWORK_SIZE_EIGENVECTOR][i] = a->measures.eigenvector;
      ls_network_scene_set_community (self, i, a->measures.community);
      ls_network_scene_set_role (self, i, role_from_analysis (a->role));
    }
  update_max (self, LS_NETWORK_SIZE_BETWEENNESS);
  update_max (self, LS_NETWORK_SIZE_EIGENVECTOR);
}

char *
ls_network_scene_dup_label (LsNetworkScene *self,
                            guint           node,
                            gboolean        redact)
{
  const LsGraphNode *n = ls_graph_get_node (self->graph, node);

  if (redact)
    return ls_redact_pseudonym (n->key);

  return g_strdup (n->label ? n->label : n->key);
}

char *
ls_network_scene_dup_number (LsNetworkScene *self,
                             guint           node,
                             gboolean        redact)
{
  const LsGraphNode *n = ls_graph_get_node (self->graph, node);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint k = 0; n->numbers != NULL && n->numbers[k] != NULL; k++)
    {
      g_autofree char *masked = redact ? ls_redact_number (n->numbers[k]) : NULL;

      if (k > 0)
        g_string_append (out, ", ");
      g_string_append (out, redact ? masked : n->numbers[k]);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
ls_network_role_get_title (LsNetworkRole role)
{
  static const char * const titles[] = {
    N_("Role not known"), N_("Head of the line"), N_("Line holder"), N_("Runner"), N_("Customer"),
    N_("Deal line"),
  };

  g_return_val_if_fail (role < LS_NETWORK_N_ROLES, NULL);

  return _(titles[role]);
}

const char *
ls_network_size_by_get_title (LsNetworkSizeBy size_by)
{
  static const char * const titles[] = {
    N_("Degree"), N_("Contacts"), N_("Betweenness"), N_("Eigenvector"),
  };

  g_return_val_if_fail (size_by < LS_NETWORK_N_SIZES, NULL);

  return _(titles[size_by]);
}
