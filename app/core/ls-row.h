/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRow: one row of a case table as display strings, made on demand by
 * LsRowModel. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LS_TYPE_ROW (ls_row_get_type ())
G_DECLARE_FINAL_TYPE (LsRow, ls_row, LS, ROW, GObject)

/* Takes VALUES (NULL-terminated, N_VALUES long). */
LsRow      *ls_row_new          (gint64   id,
                                 char   **values);
gint64      ls_row_get_id       (LsRow   *self);
guint       ls_row_get_n_values (LsRow   *self);
/* The display text of one column; "" when empty, NULL past the end. */
const char *ls_row_get_value    (LsRow   *self,
                                 guint    column);

G_END_DECLS
