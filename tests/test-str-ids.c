/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsStrIds and LsIdSet, checked against GHashTable on the same keys. */
#include "config.h"

#include <glib.h>

#include "ls-str-ids.h"

/* Keys of every length round the 16 bytes kept in a slot, many sharing a
 * prefix (as phone numbers do), through several growths of the table. */
static void
test_str_ids_matches_hash_table (void)
{
  g_autoptr(LsStrIds) ids = ls_str_ids_new ();
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GHashTableIter iter;
  gpointer key, value;

  for (gint64 i = 0; i < 20000; i++)
    {
      guint len = g_rand_int_range (rand, 0, 40);
      g_autofree char *k = g_strdup_printf ("+4477009%05u%.*s", g_rand_int_range (rand, 0, 30000),
                                            (int) len, "abcdefghijklmnopqrstuvwxyz0123456789ABCD");

      if (g_rand_boolean (rand))
        k[g_rand_int_range (rand, 0, strlen (k) + 1)] = '\0';
      ls_str_ids_set (ids, k, i);
      g_hash_table_insert (expected, g_steal_pointer (&k), GSIZE_TO_POINTER ((gsize) i));
    }

  g_assert_cmpuint (ls_str_ids_size (ids), ==, g_hash_table_size (expected));
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpint (ls_str_ids_lookup (ids, key), ==, (gint64) GPOINTER_TO_SIZE (value));

  /* Keys never given, among them prefixes and extensions of given ones. */
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *longer = g_strconcat (key, "9", NULL);
      g_autofree char *shorter = g_strndup (key, MAX (strlen (key), 1) - 1);

      if (!g_hash_table_contains (expected, longer))
        g_assert_cmpint (ls_str_ids_lookup (ids, longer), ==, -1);
      if (!g_hash_table_contains (expected, shorter))
        g_assert_cmpint (ls_str_ids_lookup (ids, shorter), ==, -1);
    }
  g_assert_cmpint (ls_str_ids_lookup (ids, "never"), ==, -1);
}

static void
test_str_ids_forget_and_empty (void)
{
  g_autoptr(LsStrIds) ids = ls_str_ids_new ();

  g_assert_cmpint (ls_str_ids_lookup (ids, ""), ==, -1);
  ls_str_ids_set (ids, "", 5);
  ls_str_ids_set (ids, "234-10-0012-0034", 6);          /* 16 bytes: kept in the slot */
  ls_str_ids_set (ids, "234-10-0012-00345", 7);         /* 17: kept apart */
  g_assert_cmpint (ls_str_ids_lookup (ids, ""), ==, 5);
  g_assert_cmpint (ls_str_ids_lookup (ids, "234-10-0012-0034"), ==, 6);
  g_assert_cmpint (ls_str_ids_lookup (ids, "234-10-0012-00345"), ==, 7);

  /* -1 forgets; giving it again brings it back, without a second key. */
  ls_str_ids_set (ids, "234-10-0012-0034", -1);
  g_assert_cmpint (ls_str_ids_lookup (ids, "234-10-0012-0034"), ==, -1);
  g_assert_cmpint (ls_str_ids_lookup (ids, "234-10-0012-00345"), ==, 7);
  ls_str_ids_set (ids, "234-10-0012-0034", 8);
  g_assert_cmpint (ls_str_ids_lookup (ids, "234-10-0012-0034"), ==, 8);
  g_assert_cmpuint (ls_str_ids_size (ids), ==, 3);
}

static void
test_id_set (void)
{
  g_autoptr(LsIdSet) set = ls_id_set_new (10);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);

  /* Zero is a value like any other. */
  g_assert_true (ls_id_set_add (set, 0));
  g_assert_false (ls_id_set_add (set, 0));

  for (guint i = 0; i < 200000; i++)
    {
      /* Few enough distinct values that many come again. */
      guint32 r = g_rand_int_range (rand, 1, 150000);
      guint64 v = ((guint64) r << 32) ^ (r * 0x9e3779b1u);
      gboolean fresh = !g_hash_table_contains (expected, &v);

      ls_id_set_prefetch (set, v);
      g_assert_cmpint (ls_id_set_add (set, v), ==, fresh);
      if (fresh)
        g_hash_table_add (expected, g_memdup2 (&v, sizeof v));
    }
  g_assert_cmpuint (ls_id_set_size (set), ==, g_hash_table_size (expected) + 1);
  g_assert_cmpuint (g_hash_table_size (expected), >, 50000);
  g_assert_cmpuint (g_hash_table_size (expected), <, 150000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/str-ids/matches-hash-table", test_str_ids_matches_hash_table);
  g_test_add_func ("/str-ids/forget-and-empty", test_str_ids_forget_and_empty);
  g_test_add_func ("/str-ids/id-set", test_id_set);
  return g_test_run ();
}
