/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Builds a case shaped like a county line for the network benchmarks:
 * NODES phones and about EDGES distinct contact pairs (heads, line holders,
 * runners, customers; some runners children), deterministic from a seed.
 * With --dot it also writes the graph as DOT for `sfdp -Tpng`.
 *   bench-network-case OUT.linesight --nodes 5000 --edges 15000 [--dot OUT.dot] */
#define G_LOG_DOMAIN "bench-network-case"
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-graph.h"
#include "ls-network-layout.h"

#define T0 1717196400 /* 2024-06-01 00:00 BST */

static const char * const first[] = {
  "Aaron", "Bella", "Callum", "Dionne", "Ellis", "Farah", "Grant", "Hollie", "Idris", "Jade",
  "Kyle", "Leah", "Mason", "Nadia", "Owen", "Priya", "Reece", "Sasha", "Tyler", "Zara",
};
static const char * const last[] = {
  "Adeyemi", "Barker", "Clarke", "Doherty", "Evans", "Fletcher", "Gray", "Hussain", "Ince",
  "Jones", "Khan", "Lowe", "Mensah", "Nolan", "Osei", "Patel", "Quinn", "Reid", "Shaw", "Walsh",
};

typedef struct {
  guint n;
  guint heads, holders, runners;
} Shape;

/* Role bands by index: heads, then line holders, runners, customers. */
static guint
pick_partner (GRand       *rand,
              const Shape *s,
              guint        i)
{
  guint top = s->heads + s->holders + s->runners;

  if (i < s->heads)
    return s->heads + g_rand_int_range (rand, 0, s->holders);
  if (i < s->heads + s->holders)
    return g_rand_int_range (rand, 0, 3) == 0 ? (guint) g_rand_int_range (rand, 0, s->heads)
                                              : s->heads + s->holders + (guint) g_rand_int_range (rand, 0, s->runners);
  /* Customers and runners mostly call the line (holders, runners), some
   * each other: a skewed pick gives the busy dealers their busy-ness. */
  if (g_rand_int_range (rand, 0, 10) < 7)
    {
      double u = g_rand_double (rand);
      return s->heads + (guint) ((top - s->heads) * u * u);
    }
  return top + g_rand_int_range (rand, 0, s->n - top);
}

static void
number_of (guint  i,
           char  *buf,
           gsize  len)
{
  g_snprintf (buf, len, "+4477%08u", 10000000 + i);
}

static gboolean
write_people (LsCase      *kase,
              GRand       *rand,
              const Shape *s,
              GError     **error)
{
  LsCaseWriter *w = ls_case_writer_begin (kase, LS_IMPORT_KIND_PHONES, "phones.csv", "", NULL, error);
  guint named = s->heads + s->holders + s->runners + (s->n - s->heads - s->holders - s->runners) / 10;

  if (w == NULL)
    return FALSE;
  for (guint i = 0; i < named && i < s->n; i++)
    {
      char number[32], name[64], dob[16];
      gboolean child = i >= s->heads + s->holders && i < s->heads + s->holders + s->runners && i % 3 == 0;
      LsPersonRecord person = { .name = name, .dob = dob, .line = i + 2 };
      LsPhoneRecord phone = { .number = number, .person = name, .line = i + 2 };

      g_snprintf (name, sizeof name, "%s %s %u", first[i % G_N_ELEMENTS (first)],
                  last[(i / G_N_ELEMENTS (first)) % G_N_ELEMENTS (last)], i);
      g_snprintf (dob, sizeof dob, "%d-%02d-%02d", child ? 2008 : 1975 + (int) (i % 25),
                  1 + (int) (i % 12), 1 + (int) (i % 28));
      person.vulnerable = !child && i > s->heads + s->holders + s->runners && i % 17 == 0;
      number_of (i, number, sizeof number);
      if (!ls_case_writer_add_person (w, &person, NULL, error) ||
          !ls_case_writer_add_phone (w, &phone, NULL, error))
        return FALSE;
    }
  (void) rand;

  return ls_case_writer_commit (w, error);
}

static gboolean
write_calls (LsCase      *kase,
             GRand       *rand,
             const Shape *s,
             guint        n_edges,
             GError     **error)
{
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  LsCaseWriter *w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "", NULL, error);
  gint64 line = 2;
  guint tries = 0;

  if (w == NULL)
    return FALSE;
  while (g_hash_table_size (pairs) < n_edges && tries++ < n_edges * 20)
    {
      /* Every phone gets contacts: walk the nodes in turn, then at random. */
      guint a = g_hash_table_size (pairs) < s->n ? g_hash_table_size (pairs) : (guint) g_rand_int_range (rand, 0, s->n);
      guint b = pick_partner (rand, s, a);
      gint64 *key;
      guint count;
      char na[32], nb[32];

      if (a == b)
        continue;
      key = g_new (gint64, 1);
      *key = ((gint64) MIN (a, b) << 32) | MAX (a, b);
      if (g_hash_table_contains (pairs, key))
        {
          g_free (key);
          continue;
        }
      g_hash_table_add (pairs, key);
      number_of (a, na, sizeof na);
      number_of (b, nb, sizeof nb);
      count = 1 + (guint) (-log (1 - g_rand_double (rand)) * 3);
      for (guint k = 0; k < count; k++)
        {
          LsCallRecord r = { .start = T0 + g_rand_int_range (rand, 0, 30 * 86400),
                             .caller = k % 2 ? nb : na, .callee = k % 2 ? na : nb,
                             .kind = g_rand_int_range (rand, 0, 2), .duration = 30, .line = line++ };
          if (!ls_case_writer_add_call (w, &r, NULL, error))
            return FALSE;
        }
    }

  return ls_case_writer_commit (w, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new ("OUT.linesight");
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *dot = NULL, *dot_attrs = NULL;
  int nodes = 5000, edges = 15000;
  Shape s;
  const GOptionEntry entries[] = {
    { "nodes", 0, 0, G_OPTION_ARG_INT, &nodes, "Phones", "N" },
    { "edges", 0, 0, G_OPTION_ARG_INT, &edges, "Distinct contact pairs", "M" },
    { "dot", 0, 0, G_OPTION_ARG_FILENAME, &dot, "Also write the bare graph as DOT", "FILE" },
    { "dot-attrs", 0, 0, G_OPTION_ARG_FILENAME, &dot_attrs, "Also write it as DOT with our layout attributes", "FILE" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error ? error->message : "usage: bench-network-case OUT.linesight");
      return 1;
    }

  s.n = (guint) MAX (nodes, 20);
  s.heads = 3;
  s.holders = MAX (s.n / 500, 4);
  s.runners = MAX (s.n / 80, 8);
  kase = ls_case_create (argv[1], "Operation Benchmark", "OFFICIAL-SENSITIVE", &error);
  if (kase == NULL ||
      !write_people (kase, rand, &s, &error) ||
      !write_calls (kase, rand, &s, (guint) edges, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (dot != NULL || dot_attrs != NULL)
    {
      g_autoptr(LsGraph) graph = ls_graph_build (ls_case_get_db (kase), NULL, NULL, &error);

      if (graph == NULL ||
          (dot != NULL && !ls_network_layout_write_dot (graph, FALSE, dot, &error)) ||
          (dot_attrs != NULL && !ls_network_layout_write_dot (graph, TRUE, dot_attrs, &error)))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%u nodes, %u edges\n", ls_graph_get_n_nodes (graph), ls_graph_get_n_edges (graph));
    }

  return 0;
}
