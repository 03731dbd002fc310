/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsStoreFill: a new list of items spliced into a GListStore a slice per
 * turn of the main loop. The frame clock's layout and paint run at a
 * higher priority than the idle that splices, so frames and input come
 * between two turns; each turn stops after a few milliseconds (the rows a
 * list view builds and binds for a slice are made inside the splice). */
#define G_LOG_DOMAIN "ls-store-fill"
#include "config.h"

#include "ls-store-fill.h"

#define SLICE  16      /* items spliced at once: a list view builds at most this many rows */
#define BUDGET 4000    /* µs of splicing per turn of the main loop */

struct _LsStoreFill
{
  GListStore      *store;
  GPtrArray       *items;
  guint            done_items;
  guint            source;
  LsStoreFillDone  done;
  gpointer         user_data;
};

static void
fill_free (LsStoreFill *fill)
{
  g_clear_handle_id (&fill->source, g_source_remove);
  g_object_unref (fill->store);
  g_ptr_array_unref (fill->items);
  g_free (fill);
}

static gboolean
fill_step (gpointer data)
{
  LsStoreFill *fill = data;
  gint64 deadline = g_get_monotonic_time () + BUDGET;
  GListModel *model = G_LIST_MODEL (fill->store);

  do
    {
      guint old = g_list_model_get_n_items (model);
      guint take = MIN (SLICE, fill->items->len - fill->done_items);
      guint removed = fill->done_items < old ? MIN (take, old - fill->done_items) : 0;

      /* The last slice also takes the old items left after it. */
      if (fill->done_items + take == fill->items->len && fill->done_items < old)
        removed = old - fill->done_items;
      g_list_store_splice (fill->store, fill->done_items, removed, fill->items->pdata + fill->done_items, take);
      fill->done_items += take;
    }
  while (fill->done_items < fill->items->len && g_get_monotonic_time () < deadline);

  if (fill->done_items < fill->items->len)
    return G_SOURCE_CONTINUE;

  fill->source = 0;
  fill->done (fill->user_data);
  fill_free (fill);

  return G_SOURCE_REMOVE;
}

LsStoreFill *
ls_store_fill_start (GListStore      *store,
                     GPtrArray       *items,
                     LsStoreFillDone  done,
                     gpointer         user_data)
{
  LsStoreFill *fill;

  g_return_val_if_fail (G_IS_LIST_STORE (store), NULL);
  g_return_val_if_fail (items != NULL, NULL);
  g_return_val_if_fail (done != NULL, NULL);

  fill = g_new0 (LsStoreFill, 1);
  fill->store = g_object_ref (store);
  fill->items = g_ptr_array_ref (items);
  fill->done = done;
  fill->user_data = user_data;
  fill->source = g_idle_add (fill_step, fill);
  g_source_set_name_by_id (fill->source, "[linesight] store fill");

  return fill;
}

void
ls_store_fill_cancel (LsStoreFill *fill)
{
  if (fill != NULL)
    fill_free (fill);
}

GPtrArray *
ls_store_fill_get_items (LsStoreFill *fill)
{
  g_return_val_if_fail (fill != NULL, NULL);

  return fill->items;
}

guint
ls_store_fill_get_done (LsStoreFill *fill)
{
  g_return_val_if_fail (fill != NULL, 0);

  return fill->done_items;
}
