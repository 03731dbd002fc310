/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Network measures through igraph. Nothing here is computed by hand: each
 * measure is one igraph call, so the values are igraph's reference
 * definitions and can be checked against published results. */
#define G_LOG_DOMAIN "ls-measures"
#include "config.h"

#include <igraph.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ls-error.h"
#include "ls-measures.h"

/* igraph 0.10 on Debian 12 is built without thread-local state (its RNG
 * and error handler are global), so one analysis at a time uses it. */
static GMutex igraph_lock;

/* The RNG seed of community detection: a fixed seed makes the same case
 * give the same communities every time, which a briefing relies on. */
#define COMMUNITY_SEED 20240601

static gboolean
check (igraph_error_t   rc,
       const char      *what,
       GError         **error)
{
  if (rc == IGRAPH_SUCCESS)
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "Network measures failed while computing %s: %s",
               what, igraph_strerror (rc));
  return FALSE;
}

/* Below this many nodes a second process costs more than it saves. */
#define PARALLEL_MIN_NODES 1000

/* Betweenness is a sum over source nodes, so the sources are split in two
 * and the halves computed at once, the first in a child process (igraph
 * keeps global state and cannot run in two threads) that writes its sums
 * into shared memory. Each half is igraph_betweenness_subset from those
 * sources to every target; together they are igraph_betweenness. On one
 * processor, or if the child cannot be made, the parent does both. */
static igraph_error_t
split_betweenness (const igraph_t        *g,
             igraph_vector_t       *res,
             const igraph_vector_t *weights)
{
  igraph_integer_t n = igraph_vcount (g), half = n / 2;
  igraph_error_t rc;
  double *shared;
  pid_t pid;
  int status = 0;

  if (n < PARALLEL_MIN_NODES || g_get_num_processors () < 2)
    return igraph_betweenness (g, res, igraph_vss_all (), IGRAPH_UNDIRECTED, weights);

  shared = mmap (NULL, sizeof (double) * n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED)
    return igraph_betweenness (g, res, igraph_vss_all (), IGRAPH_UNDIRECTED, weights);

  pid = fork ();
  if (pid == 0)
    {
      igraph_vector_t part;

      igraph_vector_init (&part, 0);
      rc = igraph_betweenness_subset (g, &part, igraph_vss_all (), IGRAPH_UNDIRECTED,
                                      igraph_vss_range (0, half), igraph_vss_all (), weights);
      if (rc == IGRAPH_SUCCESS)
        memcpy (shared, VECTOR (part), sizeof (double) * n);
      _exit (rc == IGRAPH_SUCCESS ? 0 : 1);
    }

  rc = igraph_betweenness_subset (g, res, igraph_vss_all (), IGRAPH_UNDIRECTED,
                                  igraph_vss_range (pid > 0 ? half : 0, n), igraph_vss_all (), weights);
  if (pid > 0)
    {
      while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
        ;
      if (rc == IGRAPH_SUCCESS && WIFEXITED (status) && WEXITSTATUS (status) == 0)
        {
          for (igraph_integer_t i = 0; i < n; i++)
            VECTOR (*res)[i] += shared[i];
        }
      else if (rc == IGRAPH_SUCCESS)
        {
          rc = igraph_betweenness (g, res, igraph_vss_all (), IGRAPH_UNDIRECTED, weights);
        }
    }
  munmap (shared, sizeof (double) * n);

  return rc;
}

static guint
largest_component (const igraph_t *g)
{
  igraph_vector_int_t csize;
  igraph_integer_t n_comp = 0;
  guint largest = 0;

  igraph_vector_int_init (&csize, 0);
  if (igraph_connected_components (g, NULL, &csize, &n_comp, IGRAPH_WEAK) == IGRAPH_SUCCESS)
    for (igraph_integer_t i = 0; i < n_comp; i++)
      largest = MAX (largest, (guint) VECTOR (csize)[i]);
  igraph_vector_int_destroy (&csize);

  return largest;
}

/* Sequential removal: after each removal betweenness is computed again on
 * what is left, as in the disruption studies of criminal networks
 * (Cavallaro et al. 2020), so the k-th node removed is the broker of the
 * network as it then stands. Ties go to the lowest index. */
static gboolean
key_players (const igraph_t  *graph,
             LsKeyPlayers    *kp,
             GCancellable    *cancellable,
             GError         **error)
{
  igraph_t g;
  igraph_vector_t bet;
  igraph_vector_int_t ids;   /* current vertex → original index */
  igraph_integer_t n = igraph_vcount (graph);
  gboolean ok = TRUE;

  memset (kp, 0, sizeof *kp);
  for (guint i = 0; i < LS_KEY_PLAYERS_MAX; i++)
    kp->removed[i] = -1;

  igraph_copy (&g, graph);
  igraph_vector_init (&bet, 0);
  igraph_vector_int_init_range (&ids, 0, n);

  kp->largest_component[0] = largest_component (&g);
  kp->n_steps = 1;
  for (guint k = 1; k <= LS_KEY_PLAYERS_MAX && igraph_vcount (&g) > 0; k++)
    {
      igraph_integer_t best = 0;
      igraph_t rest;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !check (split_betweenness (&g, &bet, NULL), "key players", error))
        {
          ok = FALSE;
          break;
        }
      for (igraph_integer_t v = 1; v < igraph_vcount (&g); v++)
        if (VECTOR (bet)[v] > VECTOR (bet)[best])
          best = v;

      kp->removed[k - 1] = (int) VECTOR (ids)[best];
      igraph_vector_int_remove (&ids, best);
      igraph_copy (&rest, &g);
      igraph_delete_vertices (&rest, igraph_vss_1 (best));
      igraph_destroy (&g);
      g = rest;
      kp->largest_component[k] = largest_component (&g);
      kp->n_steps = k + 1;
    }

  igraph_vector_int_destroy (&ids);
  igraph_vector_destroy (&bet);
  igraph_destroy (&g);

  return ok;
}

static gboolean
compute_locked (const igraph_t  *g,
                const igraph_vector_t *weights,
                LsNodeMeasures  *m,
                LsKeyPlayers    *kp,
                GCancellable    *cancellable,
                GError         **error)
{
  igraph_integer_t n = igraph_vcount (g);
  igraph_vector_t v, distance;
  igraph_vector_int_t vi, membership;
  igraph_arpack_options_t arpack;
  gboolean ok;

  igraph_vector_init (&v, n);
  igraph_vector_int_init (&vi, n);
  igraph_vector_int_init (&membership, n);
  igraph_vector_init (&distance, igraph_vector_size (weights));
  for (igraph_integer_t e = 0; e < igraph_vector_size (weights); e++)
    VECTOR (distance)[e] = 1.0 / VECTOR (*weights)[e];
  igraph_arpack_options_init (&arpack);

#define EACH(field, expr) for (igraph_integer_t i = 0; i < n; i++) m[i].field = (expr)
  ok = check (igraph_degree (g, &vi, igraph_vss_all (), IGRAPH_ALL, IGRAPH_NO_LOOPS), "degree", error);
  if (ok)
    EACH (degree, (guint) VECTOR (vi)[i]);
  ok = ok && check (igraph_strength (g, &v, igraph_vss_all (), IGRAPH_ALL, IGRAPH_NO_LOOPS, weights),
                    "weighted degree", error);
  if (ok)
    EACH (weighted_degree, VECTOR (v)[i]);
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       check (split_betweenness (g, &v, NULL), "betweenness", error);
  if (ok)
    EACH (betweenness, VECTOR (v)[i]);
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       check (split_betweenness (g, &v, &distance), "weighted betweenness", error);
  if (ok)
    EACH (betweenness_weighted, VECTOR (v)[i]);
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       check (igraph_closeness (g, &v, NULL, NULL, igraph_vss_all (), IGRAPH_ALL, NULL, TRUE),
              "closeness", error);
  if (ok)
    EACH (closeness, isnan (VECTOR (v)[i]) ? 0.0 : VECTOR (v)[i]);
  ok = ok && check (igraph_eigenvector_centrality (g, &v, NULL, IGRAPH_UNDIRECTED, TRUE, weights, &arpack),
                    "eigenvector centrality", error);
  if (ok)
    EACH (eigenvector, VECTOR (v)[i]);
  ok = ok && check (igraph_pagerank (g, IGRAPH_PAGERANK_ALGO_PRPACK, &v, NULL, igraph_vss_all (),
                                     IGRAPH_UNDIRECTED, 0.85, weights, NULL),
                    "PageRank", error);
  if (ok)
    EACH (pagerank, VECTOR (v)[i]);
  if (ok)
    {
      igraph_rng_seed (igraph_rng_default (), COMMUNITY_SEED);
      ok = check (igraph_community_multilevel (g, weights, 1.0, &membership, NULL, NULL),
                  "communities", error);
    }
  if (ok)
    EACH (community, (int) VECTOR (membership)[i]);
#undef EACH

  ok = ok && key_players (g, kp, cancellable, error);

  igraph_vector_destroy (&distance);
  igraph_vector_int_destroy (&membership);
  igraph_vector_int_destroy (&vi);
  igraph_vector_destroy (&v);

  return ok;
}

gboolean
ls_measures_compute_edges (guint            n_nodes,
                           const guint     *edges,
                           const double    *weights,
                           guint            n_edges,
                           LsNodeMeasures  *measures,
                           LsKeyPlayers    *key_players_out,
                           GCancellable    *cancellable,
                           GError         **error)
{
  igraph_t g;
  igraph_vector_int_t ev;
  igraph_vector_t w;
  gboolean ok;

  g_return_val_if_fail (measures != NULL || n_nodes == 0, FALSE);
  g_return_val_if_fail (key_players_out != NULL, FALSE);

  memset (measures, 0, sizeof (LsNodeMeasures) * n_nodes);
  igraph_vector_int_init (&ev, 2 * (igraph_integer_t) n_edges);
  igraph_vector_init (&w, n_edges);
  for (guint i = 0; i < 2 * n_edges; i++)
    VECTOR (ev)[i] = edges[i];
  for (guint i = 0; i < n_edges; i++)
    VECTOR (w)[i] = weights ? MAX (weights[i], 1e-9) : 1.0;

  g_mutex_lock (&igraph_lock);
  igraph_set_error_handler (igraph_error_handler_ignore);
  ok = check (igraph_create (&g, &ev, n_nodes, IGRAPH_UNDIRECTED), "the graph", error);
  if (ok)
    {
      ok = compute_locked (&g, &w, measures, key_players_out, cancellable, error);
      igraph_destroy (&g);
    }
  g_mutex_unlock (&igraph_lock);

  igraph_vector_destroy (&w);
  igraph_vector_int_destroy (&ev);

  return ok;
}

gboolean
ls_measures_betweenness (guint          n_nodes,
                         const guint   *edges,
                         const double  *weights,
                         guint          n_edges,
                         double        *betweenness,
                         GError       **error)
{
  igraph_t g;
  igraph_vector_int_t ev;
  igraph_vector_t w, res;
  gboolean ok;

  igraph_vector_int_init (&ev, 2 * (igraph_integer_t) n_edges);
  for (guint i = 0; i < 2 * n_edges; i++)
    VECTOR (ev)[i] = edges[i];
  igraph_vector_init (&w, weights ? n_edges : 0);
  for (guint i = 0; weights && i < n_edges; i++)
    VECTOR (w)[i] = 1.0 / MAX (weights[i], 1e-9);
  igraph_vector_init (&res, n_nodes);

  g_mutex_lock (&igraph_lock);
  igraph_set_error_handler (igraph_error_handler_ignore);
  ok = check (igraph_create (&g, &ev, n_nodes, IGRAPH_UNDIRECTED), "the graph", error);
  if (ok)
    {
      ok = check (split_betweenness (&g, &res, weights ? &w : NULL), "betweenness", error);
      igraph_destroy (&g);
    }
  g_mutex_unlock (&igraph_lock);

  if (ok)
    memcpy (betweenness, VECTOR (res), sizeof (double) * n_nodes);
  igraph_vector_destroy (&res);
  igraph_vector_destroy (&w);
  igraph_vector_int_destroy (&ev);

  return ok;
}

gboolean
ls_measures_compute (LsGraph         *graph,
                     LsNodeMeasures  *measures,
                     LsKeyPlayers    *key_players_out,
                     GCancellable    *cancellable,
                     GError         **error)
{
  guint n_edges = ls_graph_get_n_edges (graph);
  g_autofree guint *edges = g_new (guint, 2 * MAX (n_edges, 1));
  g_autofree double *weights = g_new (double, MAX (n_edges, 1));
  guint used = 0;

  for (guint i = 0; i < n_edges; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (graph, i);

      if (e->attribution)
        continue;
      edges[2 * used] = e->a;
      edges[2 * used + 1] = e->b;
      weights[used] = e->count;
      used++;
    }

  return ls_measures_compute_edges (ls_graph_get_n_nodes (graph), edges, weights, used,
                                    measures, key_players_out, cancellable, error);
}
