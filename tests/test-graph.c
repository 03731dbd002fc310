/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The contact graph: aggregation of calls into edges, merging of phones
 * into people, date ranges and the minimum-contacts filter. */
#define G_LOG_DOMAIN "test-graph"
#include "config.h"

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-graph.h"
#include "test-case-builder.h"

#define T0 1717236000 /* 2024-06-01 10:00 UTC */

static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-graph-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "graph.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, NULL, NULL, &error);
  /* Alice has two phones; Bob one; 0003 is nobody's. */
  const LsPhoneRecord phones[] = {
    { "+447700900001", "Alice", NULL, 2 },
    { "+447700900011", "Alice", NULL, 3 },
    { "+447700900002", "Bob", NULL, 4 },
  };
  const LsPersonRecord bob = { .name = "Bob", .dob = "2008-07-01", .line = 2 };
  const LsCallRecord calls[] = {
    { T0,        "+447700900001", "+447700900002", LS_CALL_KIND_VOICE, .line = 2 },
    { T0 + 60,   "+447700900011", "+447700900002", LS_CALL_KIND_SMS, .line = 3 },
    { T0 + 120,  "+447700900002", "+447700900001", LS_CALL_KIND_SMS, .line = 4 },
    { T0 + 180,  "+447700900002", "+447700900003", LS_CALL_KIND_VOICE, .line = 5 },
    { T0 + 240,  "+447700900001", "+447700900011", LS_CALL_KIND_VOICE, .line = 6 }, /* own phones */
    { T0 + 86400 * 10, "+447700900003", "+447700900001", LS_CALL_KIND_VOICE, .line = 7 },
    { T0 + 300,  NULL, "+447700900001", LS_CALL_KIND_VOICE, .line = 8 },            /* withheld */
  };

  g_assert_no_error (error);
  test_case_write_people (kase, &bob, 1);
  test_case_write_phones (kase, phones, G_N_ELEMENTS (phones));
  test_case_write_calls (kase, calls, G_N_ELEMENTS (calls));

  return kase;
}

static const LsGraphEdge *
edge_between (LsGraph    *g,
              const char *x,
              const char *y)
{
  int a = ls_graph_find_node (g, x), b = ls_graph_find_node (g, y);

  g_assert_cmpint (a, >=, 0);
  g_assert_cmpint (b, >=, 0);
  for (guint i = 0; i < ls_graph_get_n_edges (g); i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (g, i);
      if ((int) e->a == MIN (a, b) && (int) e->b == MAX (a, b))
        return e;
    }
  return NULL;
}

static char *
key_of_number (LsGraph    *g,
               const char *number)
{
  int i = ls_graph_find_number (g, number);

  g_assert_cmpint (i, >=, 0);
  return g_strdup (ls_graph_get_node (g, i)->key);
}

static void
test_merged (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsGraph) g = ls_graph_build (ls_case_get_db (kase), NULL, NULL, &error);
  g_autofree char *alice = NULL, *bob = NULL, *other = NULL;
  const LsGraphEdge *e;
  const LsGraphNode *n;
  int ia;

  g_assert_no_error (error);
  g_assert_cmpuint (ls_graph_get_n_nodes (g), ==, 3);
  g_assert_cmpuint (ls_graph_get_n_edges (g), ==, 3);

  alice = key_of_number (g, "+447700900011");
  bob = key_of_number (g, "+447700900002");
  other = key_of_number (g, "+447700900003");
  g_assert_true (g_str_has_prefix (alice, "person:"));
  g_assert_true (g_str_has_prefix (other, "phone:"));

  /* Both of Alice's phones are one node with both numbers. */
  ia = ls_graph_find_node (g, alice);
  n = ls_graph_get_node (g, ia);
  g_assert_cmpstr (n->label, ==, "Alice");
  g_assert_cmpuint (g_strv_length (n->numbers), ==, 2);

  e = edge_between (g, alice, bob);
  g_assert_nonnull (e);
  g_assert_cmpuint (e->count, ==, 3);
  g_assert_cmpuint (e->voice_ab + e->voice_ba, ==, 1);
  g_assert_cmpuint (e->sms_ab + e->sms_ba, ==, 2);
  g_assert_cmpint (e->first, ==, T0);
  g_assert_cmpint (e->last, ==, T0 + 120);
  /* Direction: Alice→Bob one voice and one SMS; Bob→Alice one SMS. */
  if ((int) e->a == ia)
    g_assert_cmpuint (e->sms_ba, ==, 1);
  else
    g_assert_cmpuint (e->sms_ab, ==, 1);

  n = ls_graph_get_node (g, ls_graph_find_node (g, bob));
  g_assert_cmpint (ls_graph_node_age_at (n, T0), ==, 15);
  g_assert_true (ls_graph_node_is_victim (n, T0));
  g_assert_false (ls_graph_node_is_victim (ls_graph_get_node (g, ia), T0));
}

static void
test_range_and_threshold (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  LsGraphQuery q = LS_GRAPH_QUERY_INIT;
  g_autoptr(LsGraph) g = NULL;
  g_autoptr(LsGraph) g2 = NULL;

  q.from = T0;
  q.to = T0 + 86400;
  g = ls_graph_build (ls_case_get_db (kase), &q, NULL, &error);
  g_assert_no_error (error);
  /* The call ten days later is outside the range. */
  g_assert_cmpuint (ls_graph_get_n_edges (g), ==, 2);

  q.min_contacts = 2;
  g2 = ls_graph_build (ls_case_get_db (kase), &q, NULL, &error);
  g_assert_cmpuint (ls_graph_get_n_edges (g2), ==, 1);
  g_assert_cmpuint (ls_graph_get_n_nodes (g2), ==, 2);
}

static void
test_separate_phones (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  LsGraphQuery q = LS_GRAPH_QUERY_INIT;
  g_autoptr(LsGraph) g = NULL;
  guint attribution = 0;

  q.separate_phones = TRUE;
  g = ls_graph_build (ls_case_get_db (kase), &q, NULL, &error);
  g_assert_no_error (error);
  /* Four phones and the two people they belong to. */
  g_assert_cmpuint (ls_graph_get_n_nodes (g), ==, 6);
  for (guint i = 0; i < ls_graph_get_n_edges (g); i++)
    attribution += ls_graph_get_edge (g, i)->attribution;
  g_assert_cmpuint (attribution, ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/merged", test_merged);
  g_test_add_func ("/graph/range-and-threshold", test_range_and_threshold);
  g_test_add_func ("/graph/separate-phones", test_separate_phones);

  return g_test_run ();
}
