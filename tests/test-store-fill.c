/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsStoreFill: a store ends up holding exactly the new items, in order,
 * whatever it held before (more, fewer, none); they arrive in slices,
 * over several emissions of items-changed, with the store never shorter
 * than it needs to be meanwhile; DONE is called once; the old items are
 * released; a cancelled fill stops and never calls DONE. */
#define G_LOG_DOMAIN "test-store-fill"
#include "config.h"

#include "ls-store-fill.h"

typedef struct {
  guint emissions;
  guint most_added;
  guint shortest;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->emissions++;
  changes->most_added = MAX (changes->most_added, added);
  changes->shortest = MIN (changes->shortest, g_list_model_get_n_items (model));
}

static void
done_cb (gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
}

static GPtrArray *
make_items (guint n)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));

  return items;
}

static void
check_fill (guint n_old,
            guint n_new)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GPtrArray) items = make_items (n_new);
  GObject *old_first = NULL;
  Changes changes = { 0, 0, G_MAXUINT };
  guint calls = 0;
  LsStoreFill *fill;

  {
    g_autoptr(GPtrArray) old = make_items (n_old);

    g_list_store_splice (store, 0, 0, old->pdata, old->len);
    if (n_old > 0)
      {
        old_first = g_ptr_array_index (old, 0);
        g_object_add_weak_pointer (old_first, (gpointer *) &old_first);
      }
  }
  g_signal_connect (store, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  fill = ls_store_fill_start (store, items, done_cb, &calls);
  g_assert_nonnull (fill);
  g_assert_true (ls_store_fill_get_items (fill) == items);
  /* Nothing until the main loop runs. */
  g_assert_cmpuint (changes.emissions, ==, 0);
  g_assert_cmpuint (ls_store_fill_get_done (fill), ==, 0);
  while (calls == 0)
    g_main_context_iteration (NULL, TRUE);
  /* And nothing after. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (calls, ==, 1);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, n_new);
  for (guint i = 0; i < n_new; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      g_assert_true (item == g_ptr_array_index (items, i));
    }
  if (n_old > 0 || n_new > 0)
    g_assert_cmpuint (changes.emissions, >=, 1);
  /* In slices: a big list over many emissions, none adding it all. */
  if (n_new >= 100)
    {
      g_assert_cmpuint (changes.emissions, >, 4);
      g_assert_cmpuint (changes.most_added, <=, n_new / 4);
    }
  /* The store kept its length meanwhile: never shorter than both lists. */
  if (changes.emissions > 0)
    g_assert_cmpuint (changes.shortest, >=, MIN (n_old, n_new));
  /* The old items are released. */
  g_assert_null (old_first);
}

static void
test_fill (void)
{
  check_fill (0, 0);
  check_fill (0, 1);
  check_fill (0, 1000);
  check_fill (500, 1000);
  check_fill (1000, 1000);
  check_fill (1000, 300);
  check_fill (300, 17);
  check_fill (300, 0);
}

static void
slow_cb (GListModel *model,
         guint       position,
         guint       removed,
         guint       added,
         gpointer    user_data)
{
  g_usleep (1000);
}

static void
test_cancel (void)
{
  g_autoptr(GListStore) store = g_list_store_new (G_TYPE_OBJECT);
  g_autoptr(GPtrArray) items = make_items (5000);
  guint calls = 0;
  LsStoreFill *fill;
  guint had;

  /* Cancelled before it starts: the store is untouched. */
  fill = ls_store_fill_start (store, items, done_cb, &calls);
  ls_store_fill_cancel (fill);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (calls, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);

  /* Half way (a slice takes a millisecond here: one turn of the main loop
   * does a few of them): it stops where it was. */
  g_signal_connect (store, "items-changed", G_CALLBACK (slow_cb), NULL);
  fill = ls_store_fill_start (store, items, done_cb, &calls);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (calls, ==, 0);
  had = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_assert_cmpuint (had, >, 0);
  g_assert_cmpuint (had, <, items->len);
  g_assert_cmpuint (had, ==, ls_store_fill_get_done (fill));
  ls_store_fill_cancel (fill);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (calls, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, had);
  ls_store_fill_cancel (NULL);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-fill/fill", test_fill);
  g_test_add_func ("/store-fill/cancel", test_cancel);

  return g_test_run ();
}
