/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Network measures against published and independently computed values:
 * Zachary's karate club (igraph ships it), the CAVIAR wiretap network
 * loaded as calls into a case (expected values from python3-igraph, see
 * tests/data/caviar-expected.py), and the Montagna phone network's
 * disruption curve published by Cavallaro et al. (PLOS ONE 2020). */
#define G_LOG_DOMAIN "test-analysis-measures"
#include "config.h"

#include <igraph.h>
#include <math.h>
#include <stdio.h>

#include "ls-analysis.h"
#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-measures.h"

#define EPS 1e-9

static void
karate (guint   *n_nodes,
        GArray **edges)
{
  igraph_t g;
  igraph_vector_int_t el;

  igraph_famous (&g, "Zachary");
  igraph_vector_int_init (&el, 0);
  igraph_get_edgelist (&g, &el, FALSE);
  *n_nodes = (guint) igraph_vcount (&g);
  *edges = g_array_new (FALSE, FALSE, sizeof (guint));
  for (igraph_integer_t i = 0; i < igraph_vector_int_size (&el); i++)
    {
      guint v = (guint) VECTOR (el)[i];
      g_array_append_val (*edges, v);
    }
  igraph_vector_int_destroy (&el);
  igraph_destroy (&g);
}

static void
test_karate (void)
{
  g_autoptr(GArray) edges = NULL;
  g_autofree LsNodeMeasures *m = NULL;
  g_autoptr(GHashTable) communities = g_hash_table_new (NULL, NULL);
  LsKeyPlayers kp;
  g_autoptr(GError) error = NULL;
  guint n;
  /* Sequential removal by betweenness: python3-igraph, the same procedure. */
  const guint lcc[] = { 34, 27, 26, 20, 10, 8, 5, 5, 5, 4, 3 };

  karate (&n, &edges);
  g_assert_cmpuint (n, ==, 34);
  m = g_new0 (LsNodeMeasures, n);
  g_assert_true (ls_measures_compute_edges (n, (guint *) edges->data, NULL, edges->len / 2, m, &kp, NULL, &error));
  g_assert_no_error (error);

  /* Published values (Zachary 1977; as in igraph, NetworkX and UCINET). */
  g_assert_cmpuint (m[0].degree, ==, 16);
  g_assert_cmpuint (m[33].degree, ==, 17);
  g_assert_cmpfloat_with_epsilon (m[0].betweenness, 231.0714285714286, EPS);
  g_assert_cmpfloat_with_epsilon (m[33].betweenness, 160.5515873015873, EPS);
  g_assert_cmpfloat_with_epsilon (m[32].betweenness, 76.69047619047619, EPS);
  g_assert_cmpfloat_with_epsilon (m[2].betweenness, 75.85079365079366, EPS);
  /* Unweighted graph: the weighted betweenness is the same. */
  g_assert_cmpfloat_with_epsilon (m[0].betweenness_weighted, 231.0714285714286, EPS);
  g_assert_cmpfloat_with_epsilon (m[0].closeness, 0.5689655172413793, 1e-12);
  g_assert_cmpfloat_with_epsilon (m[33].closeness, 0.55, 1e-12);
  g_assert_cmpfloat_with_epsilon (m[33].eigenvector, 1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (m[0].eigenvector, 0.9521323664766566, 1e-6);
  g_assert_cmpfloat_with_epsilon (m[33].pagerank, 0.1009191823326258, 1e-9);
  g_assert_cmpfloat_with_epsilon (m[0].pagerank, 0.09699728538829475, 1e-9);
  g_assert_cmpfloat_with_epsilon (m[0].weighted_degree, 16.0, EPS);

  /* The two factions of the split are in different communities, and the
   * modularity optimum has four groups (Q = 0.4188). */
  for (guint i = 0; i < n; i++)
    g_hash_table_add (communities, GINT_TO_POINTER (m[i].community + 1));
  g_assert_cmpuint (g_hash_table_size (communities), ==, 4);
  g_assert_cmpint (m[0].community, !=, m[33].community);

  g_assert_cmpuint (kp.n_steps, ==, 11);
  for (guint k = 0; k < G_N_ELEMENTS (lcc); k++)
    g_assert_cmpuint (kp.largest_component[k], ==, lcc[k]);
  g_assert_cmpint (kp.removed[0], ==, 0);
}

/* The unnormalised betweenness is igraph_betweenness on the same graph,
 * to 1e-9, also on a graph with several components; N large enough takes
 * the path that splits the sources over two processes. */
static void
check_igraph_reference (guint n,
                        guint m)
{
  igraph_t g;
  igraph_vector_int_t el;
  igraph_vector_t ref, ref_closeness;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree LsNodeMeasures *measures = NULL;
  g_autofree double *bet = NULL;
  LsKeyPlayers kp;
  g_autoptr(GError) error = NULL;

  igraph_rng_seed (igraph_rng_default (), 7);
  igraph_erdos_renyi_game_gnm (&g, n, m, IGRAPH_UNDIRECTED, IGRAPH_NO_LOOPS);
  igraph_vector_int_init (&el, 0);
  igraph_vector_init (&ref, 0);
  igraph_get_edgelist (&g, &el, FALSE);
  igraph_betweenness (&g, &ref, igraph_vss_all (), IGRAPH_UNDIRECTED, NULL);
  igraph_vector_init (&ref_closeness, 0);
  igraph_closeness (&g, &ref_closeness, NULL, NULL, igraph_vss_all (), IGRAPH_ALL, NULL, TRUE);
  for (igraph_integer_t i = 0; i < igraph_vector_int_size (&el); i++)
    {
      guint v = (guint) VECTOR (el)[i];
      g_array_append_val (edges, v);
    }
  measures = g_new0 (LsNodeMeasures, n);
  g_assert_true (ls_measures_compute_edges (n, (guint *) edges->data, NULL, edges->len / 2, measures, &kp, NULL, &error));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (measures[i].betweenness, VECTOR (ref)[i], EPS);
      g_assert_cmpfloat_with_epsilon (measures[i].closeness,
                                      isnan (VECTOR (ref_closeness)[i]) ? 0.0 : VECTOR (ref_closeness)[i], 1e-12);
    }
  igraph_vector_destroy (&ref_closeness);
  bet = g_new0 (double, n);
  g_assert_true (ls_measures_betweenness (n, (guint *) edges->data, NULL, edges->len / 2, bet, &error));
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (bet[i], VECTOR (ref)[i], EPS);
  igraph_vector_destroy (&ref);
  igraph_vector_int_destroy (&el);
  igraph_destroy (&g);
}

static void
test_igraph_reference (void)
{
  check_igraph_reference (300, 450);
  check_igraph_reference (1100, 1500);
}

static char *
number_of (const char *id)
{
  return g_strdup_printf ("+447700900%03d", atoi (id));
}

/* CAVIAR: each pair's weight is its number of calls, so the case holds
 * that many calls and the contact graph's weights are the published ones. */
static void
test_caviar_case (void)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "caviar_all_phases.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("linesight-caviar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "caviar.linesight", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsAnalysis) analysis = NULL;
  g_autoptr(sqlite3) reader = NULL;
  LsCaseWriter *w;
  gint64 t = 1717236000;
  /* From tests/data/caviar-expected.py (python3-igraph 0.10.2): id, degree,
   * strength, betweenness, weighted betweenness (distance 1/calls),
   * closeness, eigenvector (weighted, scaled), PageRank (weighted). */
  const struct { const char *id; guint deg; double str, bet, betw, clo, eig, pr; } expected[] = {
    { "1", 57, 1992.0, 3081.1090406669, 4795.5000000000, 0.6753246753, 1.0000000000, 0.2230626416 },
    { "3", 30, 743.0, 787.9104475933, 1806.0000000000, 0.5652173913, 0.7922316631, 0.0785422273 },
    { "12", 26, 561.0, 1427.8756576757, 1677.5000000000, 0.5252525253, 0.1164162521, 0.0734528190 },
    { "76", 16, 271.0, 778.6064336249, 786.0000000000, 0.5048543689, 0.2870865414, 0.0337726867 },
    { "87", 16, 287.0, 638.9186830713, 1636.0000000000, 0.4905660377, 0.2460137568, 0.0395455853 },
  };

  g_assert_true (g_file_get_contents (csv, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  kase = ls_case_create (path, NULL, NULL, &error);
  g_assert_no_error (error);
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "caviar_all_phases.csv", "", NULL, &error);
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", 3);
      g_autofree char *a = number_of (f[0]);
      g_autofree char *b = number_of (f[1]);
      int weight = atoi (f[2]);

      for (int k = 0; k < weight; k++)
        {
          LsCallRecord r = { .start = t += 60, .caller = k % 2 ? b : a, .callee = k % 2 ? a : b,
                             .kind = LS_CALL_KIND_VOICE, .duration = 60, .line = i + 1 };
          g_assert_true (ls_case_writer_add_call (w, &r, NULL, &error));
        }
    }
  g_assert_true (ls_case_writer_commit (w, &error));

  reader = ls_case_open_reader (kase, &error);
  analysis = ls_analysis_run (reader, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ls_analysis_get_n_nodes (analysis), ==, 107);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *number = number_of (expected[i].id);
      const LsAnalysisNode *node = NULL;

      for (guint j = 0; j < ls_analysis_get_n_nodes (analysis) && node == NULL; j++)
        if (g_str_equal (ls_analysis_get_node (analysis, j)->label, number))
          node = ls_analysis_get_node (analysis, j);
      g_assert_nonnull (node);
      g_assert_cmpuint (node->measures.degree, ==, expected[i].deg);
      g_assert_cmpfloat_with_epsilon (node->measures.weighted_degree, expected[i].str, EPS);
      g_assert_cmpfloat_with_epsilon (node->measures.betweenness, expected[i].bet, 1e-7);
      g_assert_cmpfloat_with_epsilon (node->measures.betweenness_weighted, expected[i].betw, 1e-7);
      g_assert_cmpfloat_with_epsilon (node->measures.closeness, expected[i].clo, 1e-9);
      g_assert_cmpfloat_with_epsilon (node->measures.eigenvector, expected[i].eig, 1e-6);
      g_assert_cmpfloat_with_epsilon (node->measures.pagerank, expected[i].pr, 1e-9);
    }
}

/* The disruption curve of the Montagna phone network, as published by its
 * authors. Their data has no licence, so it is read where the project's
 * shared copy is and the test is skipped elsewhere. */
static void
test_montagna_key_players (void)
{
  const char *csv = "/work/shared/data/networks/montagna_phonecalls.csv";
  const guint published[] = { 89, 68, 51, 38, 35, 22, 12, 11, 5, 5, 4 };
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree LsNodeMeasures *m = NULL;
  LsKeyPlayers kp;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (csv, &text, NULL, NULL))
    {
      g_test_skip ("the Montagna data is not on this machine");
      return;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", 3);
      guint v[2];
      gint64 key;

      for (guint k = 0; k < 2; k++)
        {
          gpointer id;
          if (!g_hash_table_lookup_extended (ids, f[k], NULL, &id))
            {
              id = GUINT_TO_POINTER (g_hash_table_size (ids));
              g_hash_table_insert (ids, g_strdup (f[k]), id);
            }
          v[k] = GPOINTER_TO_UINT (id);
        }
      key = ((gint64) MIN (v[0], v[1]) << 32) | MAX (v[0], v[1]);
      if (v[0] == v[1] || g_hash_table_contains (pairs, &key))
        continue;
      g_hash_table_add (pairs, g_memdup2 (&key, sizeof key));
      g_array_append_vals (edges, v, 2);
    }

  m = g_new0 (LsNodeMeasures, g_hash_table_size (ids));
  g_assert_true (ls_measures_compute_edges (g_hash_table_size (ids), (guint *) edges->data, NULL,
                                            edges->len / 2, m, &kp, NULL, &error));
  for (guint k = 0; k < G_N_ELEMENTS (published); k++)
    g_assert_cmpuint (kp.largest_component[k], ==, published[k]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/measures/karate", test_karate);
  g_test_add_func ("/analysis/measures/igraph-reference", test_igraph_reference);
  g_test_add_func ("/analysis/measures/caviar-case", test_caviar_case);
  g_test_add_func ("/analysis/measures/montagna-key-players", test_montagna_key_players);
  return g_test_run ();
}
