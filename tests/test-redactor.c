/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Redaction of text: names to stable pseudonyms, numbers masked in every
 * written form, addresses and notes removed; partners keep the names of
 * the people on the safeguarding list. */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "test-redactor"
#include "config.h"

#include <string.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-redact.h"
#include "ls-redactor.h"
#include "test-case-builder.h"

static LsCase *
make_case (gint64 *tyrese,
           gint64 *ellie)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-redact-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "r.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, NULL, NULL, &error);
  LsPersonRecord people[] = {
    { .name = "Tyrese Okafor", .aliases = "T-Bone", .address = "12 Acacia Road, Romford", .notes = "Known to carry a knife", .line = 2 },
    { .name = "Ellie Simmons", .dob = "2008-02-27", .line = 3 },
  };
  LsPhoneRecord phone = { "+447700900123", "Tyrese Okafor", NULL, 2 };

  g_assert_no_error (error);
  test_case_write_people (kase, people, G_N_ELEMENTS (people));
  test_case_write_phones (kase, &phone, 1);
  *tyrese = ls_sqlite_query_int (ls_case_get_db (kase), "SELECT id FROM people WHERE name = 'Tyrese Okafor'", -1);
  *ellie = ls_sqlite_query_int (ls_case_get_db (kase), "SELECT id FROM people WHERE name = 'Ellie Simmons'", -1);

  return kase;
}

static const char text[] =
  "Tyrese Okafor (T-Bone) called 07700 900123 and +447700900123 from 12 Acacia Road, Romford; "
  "OKAFOR then texted ELLIE SIMMONS. Known to carry a knife.";

static void
test_all (void)
{
  gint64 tyrese, ellie;
  g_autoptr(LsCase) kase = make_case (&tyrese, &ellie);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsRedactor) r = ls_redactor_new (ls_case_get_db (kase), LS_REDACTION_ALL, NULL, &error);
  g_autoptr(GPtrArray) secrets = NULL;
  g_autofree char *out = NULL;
  g_autofree char *tyrese_alias = g_strdup_printf ("Person %" G_GINT64_FORMAT, tyrese);
  g_autofree char *ellie_alias = g_strdup_printf ("Person %" G_GINT64_FORMAT, ellie);
  g_autofree char *named = NULL;
  g_autofree char *masked = NULL;

  g_assert_no_error (error);
  out = ls_redactor_text (r, text);
  secrets = ls_redactor_get_secrets (r);
  g_assert_cmpuint (secrets->len, >=, 8);
  for (guint i = 0; i < secrets->len; i++)
    g_assert_null (strcasestr (out, g_ptr_array_index (secrets, i)));
  g_assert_null (strstr (out, "900123"));
  g_assert_null (strstr (out, "Acacia"));
  g_assert_null (strstr (out, "knife"));
  g_assert_true (g_str_has_prefix (out, tyrese_alias));
  g_assert_nonnull (strstr (out, ellie_alias));
  {
    g_autofree char *expected = ls_redact_number ("+447700900123");
    g_assert_nonnull (strstr (out, expected));
  }

  named = ls_redactor_person (r, tyrese, "Tyrese Okafor");
  g_assert_cmpstr (named, ==, tyrese_alias);
  masked = ls_redactor_number (r, "+447700900123");
  g_assert_true (g_str_has_prefix (masked, "+44 "));
  g_assert_true (g_str_has_suffix (masked, "0123"));
  g_assert_null (strstr (masked, "900123"));
}

static void
test_partner (void)
{
  gint64 tyrese, ellie;
  g_autoptr(LsCase) kase = make_case (&tyrese, &ellie);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsRedactor) r = NULL;
  g_autofree char *out = NULL;
  g_autofree char *kept = NULL;

  g_hash_table_add (keep, g_memdup2 (&ellie, sizeof ellie));
  r = ls_redactor_new (ls_case_get_db (kase), LS_REDACTION_PARTNER, keep, &error);
  g_assert_no_error (error);
  out = ls_redactor_text (r, text);

  g_assert_nonnull (strstr (out, "ELLIE SIMMONS"));
  g_assert_null (strcasestr (out, "Okafor"));
  g_assert_null (strstr (out, "T-Bone"));
  g_assert_null (strstr (out, "900123"));
  kept = ls_redactor_person (r, ellie, "Ellie Simmons");
  g_assert_cmpstr (kept, ==, "Ellie Simmons");
}

/* Whole words only: a name inside a longer word is not that name. */
static void
test_words (void)
{
  gint64 tyrese, ellie;
  g_autoptr(LsCase) kase = make_case (&tyrese, &ellie);
  g_autoptr(LsRedactor) r = ls_redactor_new (ls_case_get_db (kase), LS_REDACTION_ALL, NULL, NULL);
  g_autofree char *out = ls_redactor_text (r, "Tyreses and Okaforian; 4477009001234; Okafor.");
  g_autofree char *alias = g_strdup_printf ("Person %" G_GINT64_FORMAT ".", tyrese);

  g_assert_true (g_str_has_prefix (out, "Tyreses and Okaforian; 4477009001234; "));
  g_assert_true (g_str_has_suffix (out, alias));
}

static void
test_none (void)
{
  gint64 tyrese, ellie;
  g_autoptr(LsCase) kase = make_case (&tyrese, &ellie);
  g_autoptr(LsRedactor) r = ls_redactor_new (ls_case_get_db (kase), LS_REDACTION_NONE, NULL, NULL);
  g_autofree char *out = ls_redactor_text (r, text);

  g_assert_cmpstr (out, ==, text);
}

/* A child kept by name shares a surname with someone who is not: the
 * child's name stays whole, as written; the other is a pseudonym. */
static void
test_partner_shared_surname (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-redact-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "s.linesight", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, &error);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(LsRedactor) r = NULL;
  g_autofree char *out = NULL;
  LsPersonRecord people[] = {
    { .name = "Kai Thompson", .dob = "2008-05-01", .line = 2 },
    { .name = "Denise Thompson", .line = 3 },
  };
  gint64 kai;

  g_assert_no_error (error);
  test_case_write_people (kase, people, G_N_ELEMENTS (people));
  kai = ls_sqlite_query_int (ls_case_get_db (kase), "SELECT id FROM people WHERE name = 'Kai Thompson'", -1);
  g_hash_table_add (keep, g_memdup2 (&kai, sizeof kai));
  r = ls_redactor_new (ls_case_get_db (kase), LS_REDACTION_PARTNER, keep, &error);
  g_assert_no_error (error);

  out = ls_redactor_text (r, "KAI THOMPSON, found; Kai Thompson called Denise Thompson.");
  g_assert_nonnull (strstr (out, "KAI THOMPSON, found"));
  g_assert_nonnull (strstr (out, "Kai Thompson called Person "));
  g_assert_null (strstr (out, "Denise"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/redactor/all", test_all);
  g_test_add_func ("/redactor/partner", test_partner);
  g_test_add_func ("/redactor/partner-shared-surname", test_partner_shared_surname);
  g_test_add_func ("/redactor/words", test_words);
  g_test_add_func ("/redactor/none", test_none);

  return g_test_run ();
}
