/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-network-select"
#include "config.h"

#include <string.h>

#include "ls-network-select.h"

static gboolean
contains_casefold (const char *haystack,
                   const char *needle_folded)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle_folded) != NULL;
}

/* "07700 900123" → "+447700900123", so people can type numbers as written. */
static char *
digits_as_e164 (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len > 1 && digits->str[0] == '0')
    {
      g_string_erase (digits, 0, 1);
      g_string_prepend (digits, "+44");
    }

  return g_string_free (digits, FALSE);
}

static gboolean
node_matches (const LsGraphNode *node,
              const char        *folded,
              const char        *digits)
{
  if (contains_casefold (node->label, folded) || g_strcmp0 (node->key, folded) == 0)
    return TRUE;
  for (guint k = 0; node->numbers != NULL && node->numbers[k] != NULL; k++)
    if (strstr (node->numbers[k], folded) != NULL ||
        (strlen (digits) >= 4 && strstr (node->numbers[k], digits) != NULL))
      return TRUE;

  return FALSE;
}

int
ls_network_search (LsGraph      *graph,
                   const char   *text,
                   int           after,
                   const guint8 *hidden)
{
  g_autofree char *folded = NULL;
  g_autofree char *digits = NULL;
  guint n;

  g_return_val_if_fail (graph != NULL, -1);

  n = ls_graph_get_n_nodes (graph);
  if (text == NULL || *text == '\0' || n == 0)
    return -1;
  folded = g_utf8_casefold (text, -1);
  g_strstrip (folded);
  digits = digits_as_e164 (folded);

  for (guint k = 1; k <= n; k++)
    {
      guint i = (guint) ((after + (gint64) k) % n);

      if (after < 0)
        i = k - 1;
      if (hidden != NULL && hidden[i])
        continue;
      if (node_matches (ls_graph_get_node (graph, i), folded, digits))
        return (int) i;
    }

  return -1;
}

GArray *
ls_network_shortest_path (LsGraph      *graph,
                          guint         from,
                          guint         to,
                          const guint8 *hidden)
{
  guint n = ls_graph_get_n_nodes (graph);
  g_autofree int *parent = NULL;
  g_autofree guint *queue = NULL;
  guint head = 0, tail = 0;
  GArray *path;

  g_return_val_if_fail (from < n && to < n, NULL);

  parent = g_new (int, n);
  queue = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    parent[i] = -1;
  parent[from] = (int) from;
  queue[tail++] = from;

  /* Breadth first: the chain with the fewest links. */
  while (head < tail && parent[to] < 0)
    {
      guint v = queue[head++], n_edges;
      const guint *edges = ls_graph_get_node_edges (graph, v, &n_edges);

      for (guint k = 0; k < n_edges; k++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (graph, edges[k]);
          guint w = e->a == v ? e->b : e->a;

          if (e->attribution || parent[w] >= 0 || (hidden != NULL && hidden[w]))
            continue;
          parent[w] = (int) v;
          queue[tail++] = w;
        }
    }

  if (parent[to] < 0)
    return NULL;

  path = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint v = to; ; v = (guint) parent[v])
    {
      g_array_prepend_val (path, v);
      if (v == from)
        break;
    }

  return path;
}

void
ls_network_path_edges (LsGraph *graph,
                       GArray  *path,
                       guint8  *edges)
{
  for (guint k = 0; path != NULL && k + 1 < path->len; k++)
    {
      guint a = g_array_index (path, guint, k), b = g_array_index (path, guint, k + 1), n_edges;
      const guint *adj = ls_graph_get_node_edges (graph, a, &n_edges);

      for (guint j = 0; j < n_edges; j++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (graph, adj[j]);
          if ((e->a == b || e->b == b) && !e->attribution)
            edges[adj[j]] = TRUE;
        }
    }
}

void
ls_network_expand (LsGraph *graph,
                   guint8  *mark)
{
  guint n = ls_graph_get_n_nodes (graph);
  g_autofree guint8 *was = g_memdup2 (mark, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      guint n_edges;
      const guint *edges;

      if (!was[i])
        continue;
      edges = ls_graph_get_node_edges (graph, i, &n_edges);
      for (guint k = 0; k < n_edges; k++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (graph, edges[k]);
          mark[e->a == i ? e->b : e->a] = TRUE;
        }
    }
}
