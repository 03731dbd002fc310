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

/* Exact betweenness costs about nodes × links steps. Up to this budget it
 * is computed exactly (every source); above, from an evenly spread sample
 * of sources with the sums scaled up (Brandes & Pich 2007), which keeps
 * the ranking of the brokers on a million-call case in seconds. */
#define EXACT_BUDGET 6e7
/* Sequential key-player removal recomputes betweenness ten times: only
 * up to this budget; above, the nodes are removed in the order of the
 * first ranking. */
#define SEQUENTIAL_BUDGET 2e7

static igraph_error_t
subset (const igraph_t            *g,
        igraph_vector_t           *res,
        const igraph_vector_int_t *sources,
        igraph_integer_t           from,
        igraph_integer_t           to,
        const igraph_vector_t     *weights)
{
  igraph_vector_int_t part;
  igraph_error_t rc;

  if (sources == NULL)
    return igraph_betweenness_subset (g, res, igraph_vss_all (), IGRAPH_UNDIRECTED,
                                      igraph_vss_range (from, to), igraph_vss_all (), weights);

  igraph_vector_int_init (&part, to - from);
  for (igraph_integer_t i = from; i < to; i++)
    VECTOR (part)[i - from] = VECTOR (*sources)[i];
  rc = igraph_betweenness_subset (g, res, igraph_vss_all (), IGRAPH_UNDIRECTED,
                                  igraph_vss_vector (&part), igraph_vss_all (), weights);
  igraph_vector_int_destroy (&part);

  return rc;
}

/* Betweenness is a sum over source nodes, so the sources are split in two
 * and the halves computed at once, the first in a child process (igraph
 * keeps global state and cannot run in two threads) that writes its sums
 * into shared memory. Each half is igraph_betweenness_subset from those
 * sources to every target; together they are igraph_betweenness. On one
 * processor, or if the child cannot be made, the parent does both.
 * SOURCES, when not NULL, is the sample of sources to use. */
static igraph_error_t
split_betweenness (const igraph_t            *g,
                   igraph_vector_t           *res,
                   const igraph_vector_t     *weights,
                   const igraph_vector_int_t *sources)
{
  igraph_integer_t n = igraph_vcount (g);
  igraph_integer_t k = sources ? igraph_vector_int_size (sources) : n, half = k / 2;
  igraph_error_t rc;
  double *shared;
  pid_t pid;
  int status = 0;

  if (sources == NULL && (n < PARALLEL_MIN_NODES || g_get_num_processors () < 2))
    return igraph_betweenness (g, res, igraph_vss_all (), IGRAPH_UNDIRECTED, weights);
  if (n < PARALLEL_MIN_NODES || g_get_num_processors () < 2)
    return subset (g, res, sources, 0, k, weights);

  shared = mmap (NULL, sizeof (double) * n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED)
    return subset (g, res, sources, 0, k, weights);

  pid = fork ();
  if (pid == 0)
    {
      igraph_vector_t part;

      igraph_vector_init (&part, 0);
      rc = subset (g, &part, sources, 0, half, weights);
      if (rc == IGRAPH_SUCCESS)
        memcpy (shared, VECTOR (part), sizeof (double) * n);
      _exit (rc == IGRAPH_SUCCESS ? 0 : 1);
    }

  rc = subset (g, res, sources, pid > 0 ? half : 0, k, weights);
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
          rc = subset (g, res, sources, 0, k, weights);
        }
    }
  munmap (shared, sizeof (double) * n);

  return rc;
}

/* Closeness of every node, the first half of the nodes in a child
 * process as for betweenness: each node's closeness is its own search. */
static igraph_error_t
split_closeness (const igraph_t  *g,
                 igraph_vector_t *res)
{
  igraph_integer_t n = igraph_vcount (g), half = n / 2;
  igraph_vector_t part;
  igraph_error_t rc;
  double *shared;
  pid_t pid;
  int status = 0;

  if (n < PARALLEL_MIN_NODES || g_get_num_processors () < 2 ||
      (shared = mmap (NULL, sizeof (double) * n, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                      -1, 0)) == MAP_FAILED)
    return igraph_closeness (g, res, NULL, NULL, igraph_vss_all (), IGRAPH_ALL, NULL, TRUE);

  pid = fork ();
  if (pid == 0)
    {
      igraph_vector_init (&part, 0);
      rc = igraph_closeness (g, &part, NULL, NULL, igraph_vss_range (0, half), IGRAPH_ALL, NULL, TRUE);
      if (rc == IGRAPH_SUCCESS)
        memcpy (shared, VECTOR (part), sizeof (double) * half);
      _exit (rc == IGRAPH_SUCCESS ? 0 : 1);
    }

  igraph_vector_init (&part, 0);
  rc = igraph_closeness (g, &part, NULL, NULL, igraph_vss_range (pid > 0 ? half : 0, n), IGRAPH_ALL, NULL, TRUE);
  if (rc == IGRAPH_SUCCESS)
    rc = igraph_vector_resize (res, n);
  if (rc == IGRAPH_SUCCESS && pid > 0)
    {
      while (waitpid (pid, &status, 0) < 0 && errno == EINTR)
        ;
      if (WIFEXITED (status) && WEXITSTATUS (status) == 0)
        {
          memcpy (VECTOR (*res), shared, sizeof (double) * half);
          memcpy (VECTOR (*res) + half, VECTOR (part), sizeof (double) * (n - half));
        }
      else
        {
          rc = igraph_closeness (g, res, NULL, NULL, igraph_vss_all (), IGRAPH_ALL, NULL, TRUE);
        }
    }
  else if (rc == IGRAPH_SUCCESS)
    {
      igraph_vector_update (res, &part);
    }
  igraph_vector_destroy (&part);
  munmap (shared, sizeof (double) * n);

  return rc;
}

/* Exact, or from a sample of sources scaled up: see EXACT_BUDGET. With
 * weights each source costs a Dijkstra search, several times a BFS, so
 * the budget is smaller. */
static igraph_error_t
betweenness (const igraph_t        *g,
             igraph_vector_t       *res,
             const igraph_vector_t *weights,
             guint                 *n_sources)
{
  igraph_integer_t n = igraph_vcount (g), m = igraph_ecount (g), k;
  double budget = weights ? EXACT_BUDGET / 6 : EXACT_BUDGET;
  igraph_vector_int_t sample;
  igraph_error_t rc;

  if ((double) n * MAX (m, 1) <= budget)
    {
      if (n_sources)
        *n_sources = 0;
      return split_betweenness (g, res, weights, NULL);
    }

  /* Every (n / k)-th node: deterministic, and spread over the whole graph. */
  k = MAX (1, (igraph_integer_t) (budget / MAX (m, 1)));
  igraph_vector_int_init (&sample, k);
  for (igraph_integer_t i = 0; i < k; i++)
    VECTOR (sample)[i] = (igraph_integer_t) ((double) i * n / k);
  rc = split_betweenness (g, res, weights, &sample);
  if (rc == IGRAPH_SUCCESS)
    igraph_vector_scale (res, (double) n / k);
  igraph_vector_int_destroy (&sample);
  if (n_sources)
    *n_sources = (guint) k;

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
static int
compare_desc (const void *a,
              const void *b,
              void       *data)
{
  const double *bet = data;
  int x = *(const int *) a, y = *(const int *) b;

  if (bet[x] != bet[y])
    return bet[x] > bet[y] ? -1 : 1;
  return x - y;
}

/* Removal in the order of the first ranking, for large graphs. */
static void
key_players_static (const igraph_t        *graph,
                    const igraph_vector_t *first,
                    LsKeyPlayers          *kp)
{
  igraph_integer_t n = igraph_vcount (graph);
  g_autofree int *order = g_new (int, MAX (n, 1));
  igraph_vector_int_t gone;

  for (igraph_integer_t i = 0; i < n; i++)
    order[i] = (int) i;
  g_qsort_with_data (order, (gint) n, sizeof (int), compare_desc, VECTOR (*first));

  igraph_vector_int_init (&gone, 0);
  kp->largest_component[0] = largest_component (graph);
  kp->n_steps = 1;
  for (guint k = 1; k <= LS_KEY_PLAYERS_MAX && (igraph_integer_t) k <= n; k++)
    {
      igraph_t rest;

      kp->removed[k - 1] = order[k - 1];
      igraph_vector_int_push_back (&gone, order[k - 1]);
      igraph_copy (&rest, graph);
      igraph_delete_vertices (&rest, igraph_vss_vector (&gone));
      kp->largest_component[k] = largest_component (&rest);
      kp->n_steps = k + 1;
      igraph_destroy (&rest);
    }
  igraph_vector_int_destroy (&gone);
}

static gboolean
key_players (const igraph_t        *graph,
             const igraph_vector_t *first,
             LsKeyPlayers          *kp,
             GCancellable          *cancellable,
             GError               **error)
{
  igraph_t g;
  igraph_vector_t bet;
  igraph_vector_int_t ids;   /* current vertex → original index */
  igraph_integer_t n = igraph_vcount (graph);
  gboolean ok = TRUE;

  memset (kp, 0, sizeof *kp);
  for (guint i = 0; i < LS_KEY_PLAYERS_MAX; i++)
    kp->removed[i] = -1;

  if ((double) n * MAX (igraph_ecount (graph), 1) > SEQUENTIAL_BUDGET)
    {
      key_players_static (graph, first, kp);
      return TRUE;
    }
  kp->sequential = TRUE;

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
          !check (betweenness (&g, &bet, NULL, NULL), "key players", error))
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
  igraph_vector_t v, distance, first;
  igraph_vector_int_t vi, membership;
  igraph_arpack_options_t arpack;
  gboolean ok;

  igraph_vector_init (&v, n);
  igraph_vector_init (&first, n);
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
       check (betweenness (g, &v, NULL, &kp->betweenness_sources), "betweenness", error);
  if (ok)
    {
      EACH (betweenness, VECTOR (v)[i]);
      igraph_vector_update (&first, &v);
    }
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       check (betweenness (g, &v, &distance, &kp->betweenness_weighted_sources), "weighted betweenness", error);
  if (ok)
    EACH (betweenness_weighted, VECTOR (v)[i]);
  ok = ok && !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       check (split_closeness (g, &v), "closeness", error);
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

  {
    guint sources = kp->betweenness_sources, weighted_sources = kp->betweenness_weighted_sources;

    ok = ok && key_players (g, &first, kp, cancellable, error);
    kp->betweenness_sources = sources;
    kp->betweenness_weighted_sources = weighted_sources;
  }
  igraph_vector_destroy (&first);

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
      ok = check (split_betweenness (&g, &res, weights ? &w : NULL, NULL), "betweenness", error);
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
