/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The analysis against the demo generator's planted truth (docs/DEMO.md):
 * what it plants is found, and nothing it did not plant is reported with
 * high confidence (0.8 or more). Two seeds, so the detectors are not
 * tuned to one draw. */
#define G_LOG_DOMAIN "test-analysis-demo"
#include "config.h"

#include <glib/gstdio.h>

#include "ls-analysis.h"
#include "ls-case.h"
#include "ls-demo.h"

#define HIGH 0.8

typedef struct {
  LsDemoTruth *truth;
  LsAnalysis  *analysis;
  char        *dir;
} Fixture;

static gboolean
is_deal_number (LsDemoTruth *t,
                const char  *number)
{
  for (guint i = 0; i < t->deal_numbers->len; i++)
    if (g_str_equal (g_ptr_array_index (t->deal_numbers, i), number))
      return TRUE;

  return FALSE;
}

static int
deal_index (LsDemoTruth *t,
            const char  *number)
{
  for (guint i = 0; i < t->deal_numbers->len; i++)
    if (g_str_equal (g_ptr_array_index (t->deal_numbers, i), number))
      return (int) i;

  return -1;
}

/* The planted role of an analysis node: by name for a person, by number
 * for a phone. NULL for the public. */
static const char *
truth_of (LsDemoTruth          *t,
          const LsAnalysisNode *n)
{
  if (n->kind == LS_NODE_PERSON)
    return ls_demo_truth_role_of (t, n->label);
  if (is_deal_number (t, n->numbers[0]))
    return "deal-line";

  return g_hash_table_lookup (t->number_roles, n->numbers[0]);
}

static const char *
owner_of (LsDemoTruth *t,
          const char  *number)
{
  return g_hash_table_lookup (t->number_owners, number);
}

/* One case and one analysis per seed, shared by that seed's tests. */
static GHashTable *per_seed;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  Fixture *done = per_seed ? g_hash_table_lookup (per_seed, data) : NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(sqlite3) reader = NULL;

  if (done != NULL)
    {
      *f = *done;
      return;
    }

  f->dir = g_dir_make_tmp ("linesight-demo-analysis-XXXXXX", NULL);
  path = g_build_filename (f->dir, "demo.linesight", NULL);
  g_assert_true (ls_demo_generate (path, seed, 1.0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  f->truth = ls_demo_truth_new (seed, 1.0);
  kase = ls_case_open (path, &error);
  g_assert_no_error (error);
  reader = ls_case_open_reader (kase, &error);
  f->analysis = ls_analysis_run (reader, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  if (per_seed == NULL)
    per_seed = g_hash_table_new (NULL, NULL);
  g_hash_table_insert (per_seed, (gpointer) data, g_memdup2 (f, sizeof *f));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
}

static void
fixture_free (gpointer data)
{
  Fixture *f = data;
  g_autofree char *path = g_build_filename (f->dir, "demo.linesight", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  ls_analysis_unref (f->analysis);
  ls_demo_truth_free (f->truth);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f);
}

static const LsAnalysisNode *
subject_node (LsAnalysis *a,
              LsFinding  *f,
              guint       i)
{
  int index = ls_analysis_find_node (a, g_ptr_array_index (f->subjects, i));

  g_assert_cmpint (index, >=, 0);
  return ls_analysis_get_node (a, (guint) index);
}

/* Every number of the deal line is a deal line, and nothing else is;
 * each number is linked to the next one and to no other. */
static void
test_deal_lines (Fixture       *f,
                 gconstpointer  data)
{
  LsDemoTruth *t = f->truth;
  g_autoptr(GPtrArray) deal = ls_analysis_list_findings (f->analysis, LS_FINDING_DEAL_LINE, NULL);
  g_autoptr(GPtrArray) succ = ls_analysis_list_findings (f->analysis, LS_FINDING_SUCCESSOR_LINE, NULL);
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < deal->len; i++)
    {
      LsFinding *d = g_ptr_array_index (deal, i);
      const char *number = g_ptr_array_index (d->numbers, 0);

      g_assert_true (is_deal_number (t, number));
      g_assert_cmpfloat (d->confidence, >=, HIGH);
      g_hash_table_add (found, (gpointer) number);
    }
  g_assert_cmpuint (g_hash_table_size (found), ==, t->deal_numbers->len);

  g_assert_cmpuint (succ->len, ==, t->deal_numbers->len - 1);
  for (guint i = 0; i < succ->len; i++)
    {
      LsFinding *s = g_ptr_array_index (succ, i);
      int old_line = deal_index (t, g_ptr_array_index (s->numbers, 0));
      int new_line = deal_index (t, g_ptr_array_index (s->numbers, 1));

      g_assert_cmpint (old_line, >=, 0);
      g_assert_cmpint (new_line, ==, old_line + 1);
      g_assert_cmpfloat (s->confidence, >=, HIGH);
    }
}

/* The head, the three line holders, the runners and the customers. Every
 * role given agrees with the planted one. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  LsDemoTruth *t = f->truth;
  LsAnalysis *a = f->analysis;
  guint heads = 0, holders = 0, runners = 0, customers = 0, children = 0;

  for (guint i = 0; i < ls_analysis_get_n_nodes (a); i++)
    {
      const LsAnalysisNode *n = ls_analysis_get_node (a, i);
      const char *planted = truth_of (t, n);

      if (n->role == LS_ROLE_NONE)
        continue;
      if (g_strcmp0 (planted, ls_role_to_string (n->role)) != 0)
        g_error ("%s is given the role %s (%.2f) but is planted as %s",
                 n->label, ls_role_to_string (n->role), n->role_confidence, planted);
      heads += n->role == LS_ROLE_HEAD;
      holders += n->role == LS_ROLE_LINE_HOLDER;
      runners += n->role == LS_ROLE_RUNNER;
      customers += n->role == LS_ROLE_CUSTOMER;
    }
  g_assert_cmpuint (heads, ==, 1);
  g_assert_cmpuint (holders, ==, 3);
  g_assert_cmpuint (runners, >=, 12);
  g_assert_cmpuint (customers, >=, 150);

  /* At least four of the five children are recognised as used by the line
   * (their own phone or their work phone), and a child's own role finding
   * says first that they are at risk. */
  for (guint c = 0; c < t->children->len; c++)
    {
      const char *child = g_ptr_array_index (t->children, c);
      gboolean seen = FALSE;

      for (guint i = 0; i < ls_analysis_get_n_nodes (a) && !seen; i++)
        {
          const LsAnalysisNode *n = ls_analysis_get_node (a, i);

          if (n->role != LS_ROLE_RUNNER)
            continue;
          if (n->kind == LS_NODE_PERSON && g_str_equal (n->label, child))
            {
              g_autoptr(GPtrArray) roles = ls_analysis_list_findings (a, LS_FINDING_ROLE, n->key);
              LsFinding *rf = g_ptr_array_index (roles, 0);

              g_assert_true (n->victim);
              g_assert_true (rf->child);
              g_assert_true (g_str_has_prefix (g_ptr_array_index (rf->reasons, 0), child));
              g_assert_nonnull (strstr (g_ptr_array_index (rf->reasons, 0), "is a child"));
              seen = TRUE;
            }
          for (guint k = 0; n->numbers[k] && !seen; k++)
            seen = g_strcmp0 (owner_of (t, n->numbers[k]), child) == 0;
        }
      children += seen;
    }
  g_assert_cmpuint (children, >=, t->children->len - 1);
}

/* The deal line's handset changes part-way through a number, and Ryan
 * Mitchell's new handset, are found. */
static void
test_handset_swaps (Fixture       *f,
                    gconstpointer  data)
{
  LsDemoTruth *t = f->truth;
  g_autoptr(GPtrArray) swaps = ls_analysis_list_findings (f->analysis, LS_FINDING_HANDSET_SWAP, NULL);
  guint deal_swaps = 0;
  gboolean ryan = FALSE;

  for (guint i = 0; i < swaps->len; i++)
    {
      LsFinding *s = g_ptr_array_index (swaps, i);

      for (guint k = 0; k < s->numbers->len; k++)
        {
          const char *number = g_ptr_array_index (s->numbers, k);

          deal_swaps += is_deal_number (t, number);
          ryan = ryan || g_strcmp0 (owner_of (t, number), "Ryan Mitchell") == 0;
        }
      g_assert_cmpuint (s->evidence->len, >, 0);
    }
  /* One IMEI per number, plus one for each number whose handset changed. */
  g_assert_cmpuint (deal_swaps, ==, t->deal_imeis->len - t->deal_numbers->len);
  g_assert_true (ryan);
}

/* Nothing that was not planted is reported with confidence 0.8 or more. */
static void
test_no_confident_inventions (Fixture       *f,
                              gconstpointer  data)
{
  LsDemoTruth *t = f->truth;
  LsAnalysis *a = f->analysis;

  for (guint i = 0; i < ls_analysis_get_n_findings (a); i++)
    {
      LsFinding *fi = ls_analysis_get_finding (a, i);
      gboolean planted = FALSE;

      if (fi->confidence < HIGH)
        continue;
      if (g_str_equal (fi->type, LS_FINDING_DEAL_LINE) || g_str_equal (fi->type, LS_FINDING_SUCCESSOR_LINE))
        {
          planted = TRUE;
          for (guint k = 0; k < fi->numbers->len; k++)
            planted = planted && is_deal_number (t, g_ptr_array_index (fi->numbers, k));
        }
      else if (g_str_equal (fi->type, LS_FINDING_ROLE))
        {
          planted = g_strcmp0 (truth_of (t, subject_node (a, fi, 0)), fi->role) == 0;
        }
      else
        {
          /* A handset swap or two phones together: at least one of them
           * is the line's (the deal line, a holder, a runner, the head). */
          for (guint k = 0; k < fi->subjects->len; k++)
            {
              const char *role = truth_of (t, subject_node (a, fi, k));
              planted = planted || (role != NULL && !g_str_equal (role, "associate") &&
                                    !g_str_equal (role, "customer"));
            }
        }
      if (!planted)
        g_error ("“%s” (%s, %.2f) was not planted", fi->title, fi->type, fi->confidence);
    }

  /* The taxi firm, with its many short callers, is nothing. */
  for (guint i = 0; i < ls_analysis_get_n_nodes (a); i++)
    {
      const LsAnalysisNode *n = ls_analysis_get_node (a, i);
      if (g_str_equal (n->label, "Star Cars Norwich"))
        g_assert_cmpint (n->role, ==, LS_ROLE_NONE);
    }
}

static void
fixture_free_entry (gpointer key,
                    gpointer value,
                    gpointer user_data)
{
  fixture_free (value);
}

int
main (int argc, char **argv)
{
  const guint32 seeds[] = { 1, 3 };
  int status;

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    {
      const struct { const char *name; void (*func) (Fixture *, gconstpointer); } tests[] = {
        { "deal-lines", test_deal_lines },
        { "roles", test_roles },
        { "handset-swaps", test_handset_swaps },
        { "no-confident-inventions", test_no_confident_inventions },
      };

      for (guint k = 0; k < G_N_ELEMENTS (tests); k++)
        {
          g_autofree char *path = g_strdup_printf ("/analysis/demo/seed-%u/%s", seeds[i], tests[k].name);
          g_test_add (path, Fixture, GUINT_TO_POINTER (seeds[i]), fixture_set_up, tests[k].func, fixture_tear_down);
        }
    }
  status = g_test_run ();
  if (per_seed != NULL)
    {
      g_hash_table_foreach (per_seed, fixture_free_entry, NULL);
      g_hash_table_unref (per_seed);
    }

  return status;
}
