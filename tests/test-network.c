/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The network map's model: aggregation seen through the scene, layouts
 * (determinism, pins, the case's layout cache), search, shortest paths,
 * expansion and redaction. */
#define G_LOG_DOMAIN "test-network"
#include "config.h"

#include <math.h>

#include "ls-case.h"
#include "ls-case-layouts.h"
#include "ls-case-writer.h"
#include "ls-graph.h"
#include "ls-network-export.h"
#include "ls-network-layout.h"
#include "ls-network-render.h"
#include "ls-network-select.h"
#include "ls-redact.h"

#define T0 1717236000 /* 2024-06-01 10:00 UTC */

/* A small line: Dan (head) – Lee (line holder, two phones) – Kid (a
 * 15-year-old runner) – customers C1..C4 (phones only); and an isolated
 * pair X–Y. Each entry: from, to, number of contacts. */
static const struct { const char *from, *to; guint n; } contacts[] = {
  { "+447700900001", "+447700900002", 5 },   /* Dan – Lee */
  { "+447700900012", "+447700900001", 2 },   /* Lee (2nd phone) – Dan */
  { "+447700900002", "+447700900003", 9 },   /* Lee – Kid */
  { "+447700900003", "+447700900101", 3 },   /* Kid – C1 */
  { "+447700900003", "+447700900102", 1 },   /* Kid – C2 */
  { "+447700900002", "+447700900103", 4 },   /* Lee – C3 */
  { "+447700900103", "+447700900104", 1 },   /* C3 – C4 */
  { "+447700900201", "+447700900202", 2 },   /* X – Y */
};

static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-network-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "net.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, "Operation Test", "OFFICIAL-SENSITIVE", &error);
  const LsPersonRecord kid = { .name = "Kid", .dob = "2009-03-01", .line = 2 };
  const LsPhoneRecord phones[] = {
    { "+447700900001", "Dan", NULL, 2 },
    { "+447700900002", "Lee", NULL, 3 },
    { "+447700900012", "Lee", NULL, 4 },
    { "+447700900003", "Kid", NULL, 5 },
  };
  LsCaseWriter *w;
  gint64 line = 2;

  g_assert_no_error (error);
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_PEOPLE, "people.csv", "", NULL, &error);
  g_assert_true (ls_case_writer_add_person (w, &kid, NULL, &error));
  g_assert_true (ls_case_writer_commit (w, &error));
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
                           .kind = k % 3 == 0 ? LS_CALL_KIND_SMS : LS_CALL_KIND_VOICE,
                           .line = line++ };
        g_assert_true (ls_case_writer_add_call (w, &r, NULL, &error));
      }
  g_assert_true (ls_case_writer_commit (w, &error));
  g_assert_no_error (error);

  return kase;
}

static LsGraph *
build (LsCase  *kase,
       gboolean separate)
{
  g_autoptr(GError) error = NULL;
  LsGraphQuery q = LS_GRAPH_QUERY_INIT;
  LsGraph *g;

  q.separate_phones = separate;
  g = ls_graph_build (ls_case_get_db (kase), &q, NULL, &error);
  g_assert_no_error (error);

  return g;
}

static int
node_of (LsGraph    *g,
         const char *number)
{
  int i = ls_graph_find_number (g, number);

  g_assert_cmpint (i, >=, 0);
  return i;
}

static void
test_aggregation (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsGraph) g = build (kase, FALSE);
  g_autoptr(LsGraph) sep = build (kase, TRUE);
  g_autoptr(LsNetworkScene) scene = NULL;
  int lee = node_of (g, "+447700900002"), kid = node_of (g, "+447700900003");
  int dan = node_of (g, "+447700900001");

  /* Dan, Lee, Kid, C1–C4, X, Y; Lee's two phones are one node. */
  g_assert_cmpuint (ls_graph_get_n_nodes (g), ==, 9);
  g_assert_cmpuint (ls_graph_get_n_edges (g), ==, 7);
  g_assert_cmpint (node_of (g, "+447700900012"), ==, lee);

  scene = ls_network_scene_new (g, ls_network_layout_new (ls_graph_get_n_nodes (g)));
  /* Lee: Dan (5 + 2), Kid (9), C3 (4): degree 3, 20 contacts. */
  g_assert_cmpfloat (scene->measures[LS_NETWORK_SIZE_DEGREE][lee], ==, 3);
  g_assert_cmpfloat (scene->measures[LS_NETWORK_SIZE_WEIGHTED_DEGREE][lee], ==, 20);
  g_assert_cmpfloat (scene->measures[LS_NETWORK_SIZE_WEIGHTED_DEGREE][dan], ==, 7);
  g_assert_cmpfloat (scene->measure_max[LS_NETWORK_SIZE_WEIGHTED_DEGREE], ==, 20);
  /* Kid is 15 at the end of the data: a victim; Lee is not. */
  g_assert_true (scene->victims[kid]);
  g_assert_false (scene->victims[lee]);

  /* Phones separately: ten phones and three people; Dan's calls with Lee's
   * two phones are two links, and four attribution links join phones to
   * their people. */
  g_assert_cmpuint (ls_graph_get_n_nodes (sep), ==, 13);
  g_assert_cmpuint (ls_graph_get_n_edges (sep), ==, 8 + 4);
}

static void
assert_same_layout (const LsNetworkLayout *a,
                    const LsNetworkLayout *b)
{
  g_assert_cmpuint (a->n_nodes, ==, b->n_nodes);
  for (guint i = 0; i < a->n_nodes; i++)
    {
      g_assert_cmpfloat (a->x[i], ==, b->x[i]);
      g_assert_cmpfloat (a->y[i], ==, b->y[i]);
    }
}

static void
assert_spread (const LsNetworkLayout *l)
{
  for (guint i = 0; i < l->n_nodes; i++)
    {
      g_assert_true (isfinite (l->x[i]) && isfinite (l->y[i]));
      for (guint j = i + 1; j < l->n_nodes; j++)
        g_assert_true (l->x[i] != l->x[j] || l->y[i] != l->y[j]);
    }
}

static void
test_layout_determinism (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsGraph) g = build (kase, FALSE);

  for (LsNetworkLayoutKind k = LS_NETWORK_LAYOUT_SFDP; k < LS_NETWORK_LAYOUT_N_KINDS; k++)
    {
      g_autoptr(GError) error = NULL;
      LsNetworkLayoutOptions o = LS_NETWORK_LAYOUT_OPTIONS_INIT;
      g_autoptr(LsNetworkLayout) a = NULL, b = NULL;

      o.kind = k;
      a = ls_network_layout_compute (g, &o, NULL, &error);
      g_assert_no_error (error);
      b = ls_network_layout_compute (g, &o, NULL, &error);
      g_assert_no_error (error);
      g_test_message ("layout %s", ls_network_layout_kind_to_string (k));
      g_assert_cmpint (a->kind, ==, k);
      assert_same_layout (a, b);
      assert_spread (a);
    }
}

/* Dot puts the head above the line holder above the runner. */
static void
test_layout_hierarchy (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsGraph) g = build (kase, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsNetworkLayout) l = NULL;
  LsNetworkLayoutOptions o = LS_NETWORK_LAYOUT_OPTIONS_INIT;
  g_autofree int *ranks = g_new (int, ls_graph_get_n_nodes (g));
  int dan = node_of (g, "+447700900001"), lee = node_of (g, "+447700900002");
  int kid = node_of (g, "+447700900003"), c3 = node_of (g, "+447700900103");

  for (guint i = 0; i < ls_graph_get_n_nodes (g); i++)
    ranks[i] = 3;
  ranks[dan] = 0;
  ranks[lee] = 1;
  ranks[kid] = 2;
  o.kind = LS_NETWORK_LAYOUT_DOT;
  o.ranks = ranks;
  l = ls_network_layout_compute (g, &o, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (l->y[dan], <, l->y[lee]);
  g_assert_cmpfloat (l->y[lee], <, l->y[kid]);
  g_assert_cmpfloat (l->y[kid], <, l->y[c3]);
}

static void
test_layout_pins (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsGraph) g = build (kase, FALSE);
  int lee = node_of (g, "+447700900002");

  for (LsNetworkLayoutKind k = LS_NETWORK_LAYOUT_SFDP; k <= LS_NETWORK_LAYOUT_FDP; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) points = ls_layout_points_new ();
      g_autoptr(LsNetworkLayout) l = NULL;
      LsNetworkLayoutOptions o = LS_NETWORK_LAYOUT_OPTIONS_INIT;
      LsLayoutPoint *p = g_new (LsLayoutPoint, 1);

      p->x = 1234.5;
      p->y = -321.25;
      p->pinned = TRUE;
      g_hash_table_insert (points, g_strdup (ls_graph_get_node (g, lee)->key), p);
      o.kind = k;
      o.points = points;
      l = ls_network_layout_compute (g, &o, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (l->x[lee], 1234.5, 0.01);
      g_assert_cmpfloat_with_epsilon (l->y[lee], -321.25, 0.01);
      g_assert_true (l->pinned[lee]);
    }
}

static void
test_layout_cache (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsGraph) g = build (kase, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsNetworkLayout) l = ls_network_layout_compute (g, NULL, NULL, &error);
  g_autoptr(GHashTable) points = NULL, loaded = NULL, stale = NULL;
  g_autoptr(LsNetworkLayout) back = NULL;
  sqlite3 *db = ls_case_get_db (kase);
  LsLayoutPoint moved = { 10, 20, TRUE };

  g_assert_no_error (error);
  points = ls_network_layout_to_points (l, g);
  g_assert_true (ls_case_layouts_save (db, "neato", T0, T0 + 86400, 3, points, &error));
  g_assert_no_error (error);

  loaded = ls_case_layouts_load (db, "neato", T0, T0 + 86400, 3, &error);
  g_assert_no_error (error);
  back = ls_network_layout_from_points (g, loaded, LS_NETWORK_LAYOUT_NEATO);
  g_assert_nonnull (back);
  assert_same_layout (l, back);

  /* Another range has nothing; a newer data version keeps only pins. */
  g_clear_pointer (&loaded, g_hash_table_unref);
  loaded = ls_case_layouts_load (db, "neato", -1, -1, 3, &error);
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
  g_assert_true (ls_case_layouts_set_point (db, "neato", T0, T0 + 86400, 3,
                                            ls_graph_get_node (g, 0)->key, &moved, &error));
  stale = ls_case_layouts_load (db, "neato", T0, T0 + 86400, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (stale), ==, 1);
  g_assert_cmpfloat (((LsLayoutPoint *) g_hash_table_lookup (stale, ls_graph_get_node (g, 0)->key))->y, ==, 20);
  g_assert_null (ls_network_layout_from_points (g, stale, LS_NETWORK_LAYOUT_NEATO));
}

/* ls_network_load: the second load comes from the cache, same positions. */
static void
test_load_cached (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  LsNetworkLoad load = { LS_GRAPH_QUERY_INIT, LS_NETWORK_LAYOUT_FDP, FALSE, NULL, 1 };
  g_autoptr(LsNetworkScene) a = NULL, b = NULL;
  g_autoptr(GHashTable) points = NULL;
  g_autofree char *name = NULL;
  gboolean cached = TRUE;

  a = ls_network_load (ls_case_get_db (kase), &load, NULL, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cached);
  name = ls_network_cache_name (a);
  g_assert_cmpstr (name, ==, "fdp");
  points = ls_network_layout_to_points (a->layout, a->graph);
  g_assert_true (ls_case_layouts_save (ls_case_get_db (kase), name, -1, -1, 1, points, &error));
  b = ls_network_load (ls_case_get_db (kase), &load, NULL, &cached, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cached);
  assert_same_layout (a->layout, b->layout);
}

static void
test_search (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsGraph) g = build (kase, FALSE);
  g_autofree guint8 *hidden = g_new0 (guint8, ls_graph_get_n_nodes (g));
  int lee = node_of (g, "+447700900002"), c1 = node_of (g, "+447700900101");
  int c2 = node_of (g, "+447700900102");
  int first, second;

  g_assert_cmpint (ls_network_search (g, "lee", -1, NULL), ==, lee);
  g_assert_cmpint (ls_network_search (g, "LEE", -1, NULL), ==, lee);
  /* By a number of the node, also written the UK way. */
  g_assert_cmpint (ls_network_search (g, "+447700900012", -1, NULL), ==, lee);
  g_assert_cmpint (ls_network_search (g, "07700 900012", -1, NULL), ==, lee);
  g_assert_cmpint (ls_network_search (g, "nobody", -1, NULL), ==, -1);
  /* Next match goes round: C1 and C2 both contain "90010". */
  first = ls_network_search (g, "90010", -1, NULL);
  second = ls_network_search (g, "90010", first, NULL);
  g_assert_true ((first == c1 && second == c2) || (first == c2 && second == c1) ||
                 first != second);
  g_assert_cmpint (ls_network_search (g, "90010", second, NULL), !=, second);
  hidden[lee] = TRUE;
  g_assert_cmpint (ls_network_search (g, "lee", -1, hidden), ==, -1);
}

static void
test_shortest_path (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsGraph) g = build (kase, FALSE);
  guint n = ls_graph_get_n_nodes (g);
  g_autofree guint8 *hidden = g_new0 (guint8, n);
  g_autofree guint8 *edges = g_new0 (guint8, ls_graph_get_n_edges (g));
  g_autofree guint8 *mark = g_new0 (guint8, n);
  int dan = node_of (g, "+447700900001"), lee = node_of (g, "+447700900002");
  int kid = node_of (g, "+447700900003"), c1 = node_of (g, "+447700900101");
  int c4 = node_of (g, "+447700900104"), x = node_of (g, "+447700900201");
  g_autoptr(GArray) path = ls_network_shortest_path (g, dan, c1, NULL);
  g_autoptr(GArray) none = ls_network_shortest_path (g, dan, x, NULL);
  g_autoptr(GArray) blocked = NULL;
  guint marked = 0;

  /* Dan – Lee – Kid – C1. */
  g_assert_nonnull (path);
  g_assert_cmpuint (path->len, ==, 4);
  g_assert_cmpint (g_array_index (path, guint, 0), ==, dan);
  g_assert_cmpint (g_array_index (path, guint, 1), ==, lee);
  g_assert_cmpint (g_array_index (path, guint, 2), ==, kid);
  g_assert_cmpint (g_array_index (path, guint, 3), ==, c1);
  ls_network_path_edges (g, path, edges);
  for (guint i = 0; i < ls_graph_get_n_edges (g); i++)
    marked += edges[i];
  g_assert_cmpuint (marked, ==, 3);
  /* No chain to the isolated pair; none through a hidden node. */
  g_assert_null (none);
  hidden[lee] = TRUE;
  blocked = ls_network_shortest_path (g, dan, c4, hidden);
  g_assert_null (blocked);

  /* One step out from Kid: Lee, C1, C2, and Kid. */
  mark[kid] = TRUE;
  ls_network_expand (g, mark);
  marked = 0;
  for (guint i = 0; i < n; i++)
    marked += mark[i];
  g_assert_cmpuint (marked, ==, 4);
  g_assert_true (mark[lee] && mark[c1]);
}

static void
test_redact (void)
{
  g_autofree char *a = ls_redact_pseudonym ("person:12");
  g_autofree char *b = ls_redact_pseudonym ("phone:7");
  g_autofree char *m = ls_redact_number ("+447700900123");

  g_assert_cmpstr (a, ==, "Person 12");
  g_assert_cmpstr (b, ==, "Phone 7");
  g_assert_true (g_str_has_prefix (m, "+44 "));
  g_assert_true (g_str_has_suffix (m, " 0123"));
  g_assert_null (strstr (m, "7700900"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/network/aggregation", test_aggregation);
  g_test_add_func ("/network/layout/determinism", test_layout_determinism);
  g_test_add_func ("/network/layout/hierarchy", test_layout_hierarchy);
  g_test_add_func ("/network/layout/pins", test_layout_pins);
  g_test_add_func ("/network/layout/cache", test_layout_cache);
  g_test_add_func ("/network/layout/load-cached", test_load_cached);
  g_test_add_func ("/network/search", test_search);
  g_test_add_func ("/network/shortest-path", test_shortest_path);
  g_test_add_func ("/network/redact", test_redact);

  return g_test_run ();
}
