/* SPDX-License-Identifier: GPL-3.0-or-later */
/* On the demo case, with the analysis engine finding the line: every
 * planted child and every cuckooed adult is listed, for the right reasons,
 * and no one is called a runner. */
#define G_LOG_DOMAIN "test-safeguarding-demo"
#include "config.h"

#include <string.h>

#include "ls-case.h"
#include "ls-demo.h"
#include "ls-safeguarding.h"

static LsCase *demo_case;
static LsSafeguarding *demo_sg;

static void
setup_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linesight-sg-demo-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "demo.linesight", NULL);

  g_assert_true (ls_demo_generate (path, LS_DEMO_DEFAULT_SEED, 1.0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  demo_case = ls_case_open (path, &error);
  g_assert_no_error (error);
  demo_sg = ls_safeguarding_build (ls_case_get_db (demo_case), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_children (void)
{
  g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (LS_DEMO_DEFAULT_SEED, 1.0);

  g_assert_cmpuint (truth->children->len, >, 0);
  for (guint i = 0; i < truth->children->len; i++)
    {
      const char *name = g_ptr_array_index (truth->children, i);
      const LsSafeguardingPerson *p = ls_safeguarding_find (demo_sg, name);
      const LsIndicator *line;

      g_test_message ("child %s", name);
      g_assert_nonnull (p);
      g_assert_true (p->child);
      g_assert_cmpint (p->age, <, 18);
      g_assert_cmpint (p->risk, ==, LS_RISK_HIGH);
      line = ls_safeguarding_person_find_indicator (p, "child-in-contact-with-line");
      if (line == NULL)
        line = ls_safeguarding_person_find_indicator (p, "child-runner-pattern");
      if (line == NULL)
        g_error ("%s is not listed as a child in contact with the line", name);
      g_assert_true (g_str_has_prefix (line->text, "Child at risk of criminal exploitation"));
      g_assert_cmpuint (line->evidence->len, >, 0);
      /* Every planted child travels to the county towns with the line. */
      g_assert_nonnull (ls_safeguarding_person_find_indicator (p, "phone-far-from-home"));
      g_assert_nonnull (ls_safeguarding_person_find_indicator (p, "older-associates"));
    }
}

static void
test_cuckooed (void)
{
  g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (LS_DEMO_DEFAULT_SEED, 1.0);

  g_assert_cmpuint (truth->cuckooed->len, >, 0);
  for (guint i = 0; i < truth->cuckooed->len; i++)
    {
      const char *name = g_ptr_array_index (truth->cuckooed, i);
      const LsSafeguardingPerson *p = ls_safeguarding_find (demo_sg, name);

      g_test_message ("cuckooed %s", name);
      g_assert_nonnull (p);
      g_assert_false (p->child);
      g_assert_true (p->vulnerable_adult);
      g_assert_nonnull (ls_safeguarding_person_find_indicator (p, "cuckooing"));
      g_assert_nonnull (ls_safeguarding_person_find_indicator (p, "vulnerable-adult"));
      g_assert_cmpint (p->risk, >=, LS_RISK_MEDIUM);
    }
}

/* No customer, head or line holder is listed; no text calls anyone a runner. */
static void
test_no_one_else (void)
{
  g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (LS_DEMO_DEFAULT_SEED, 1.0);

  for (guint i = 0; i < ls_safeguarding_get_n_people (demo_sg); i++)
    {
      const LsSafeguardingPerson *p = ls_safeguarding_get_person (demo_sg, i);
      const char *role = ls_demo_truth_role_of (truth, p->name);

      g_test_message ("listed %s (%s)", p->name, role);
      g_assert_cmpstr (role, !=, "customer");
      g_assert_cmpstr (role, !=, "head");
      g_assert_cmpstr (role, !=, "line-holder");
      for (guint j = 0; j < p->indicators->len; j++)
        g_assert_null (strstr (((LsIndicator *) g_ptr_array_index (p->indicators, j))->text, "runner"));
    }
}

int
main (int    argc,
      char **argv)
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  setup_demo ();

  g_test_add_func ("/safeguarding/demo/children", test_children);
  g_test_add_func ("/safeguarding/demo/cuckooed", test_cuckooed);
  g_test_add_func ("/safeguarding/demo/no-one-else", test_no_one_else);

  rc = g_test_run ();
  ls_safeguarding_unref (demo_sg);
  g_object_unref (demo_case);

  return rc;
}
