/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsStoreFill: puts a new list of items into a GListStore a slice at a
 * time, across turns of the main loop, so that a list view over it builds
 * and binds a few rows between two frames instead of thousands in one:
 * thousands of rows spliced at once keep the window from answering. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LsStoreFill LsStoreFill;

typedef void (*LsStoreFillDone) (gpointer user_data);

/* Replaces STORE's items by ITEMS (objects of STORE's item type; the
 * array is kept, with a reference), in order: each turn of the main loop
 * at idle priority splices a slice or a few milliseconds' worth of slices
 * in place of the old items (the store keeps its length meanwhile, so a
 * list over it does not jump), the old ones left over are removed at the
 * end, and then DONE is called (once, on the main thread; the fill is
 * freed after it returns: DONE must not cancel it). */
LsStoreFill *ls_store_fill_start     (GListStore      *store,
                                      GPtrArray       *items,
                                      LsStoreFillDone  done,
                                      gpointer         user_data);
/* Stops FILL where it is (STORE part new, part old) without calling its
 * DONE, and frees it. NULL is allowed. */
void         ls_store_fill_cancel    (LsStoreFill     *fill);
/* The items FILL puts into its store. */
GPtrArray   *ls_store_fill_get_items (LsStoreFill     *fill);
/* How many of them are in place (from the store's start). */
guint        ls_store_fill_get_done  (LsStoreFill     *fill);

G_END_DECLS
