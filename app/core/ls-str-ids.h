/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsStrIds: short strings (phone numbers, cell references, IMEIs) to the
 * ids they have in the case, looked up for every row of an import. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LsStrIds LsStrIds;

LsStrIds *ls_str_ids_new    (void);
void      ls_str_ids_free   (LsStrIds   *self);
gint64    ls_str_ids_lookup (LsStrIds   *self,
                             const char *key);
void      ls_str_ids_set    (LsStrIds   *self,
                             const char *key,
                             gint64      id);
guint     ls_str_ids_size   (LsStrIds   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsStrIds, ls_str_ids_free)

/* LsIdSet: a set of 64-bit values (the fingerprints of a bulk import). */
typedef struct _LsIdSet LsIdSet;

LsIdSet  *ls_id_set_new     (gsize       expected);
void      ls_id_set_free    (LsIdSet    *self);
gboolean  ls_id_set_add     (LsIdSet    *self,
                             guint64     value);
gsize     ls_id_set_size    (LsIdSet    *self);
void      ls_id_set_prefetch (LsIdSet   *self,
                             guint64     value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsIdSet, ls_id_set_free)

G_END_DECLS
