/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRowModel: a GListModel of one case table, read from SQLite. It holds
 * only the ordered row ids (queried on a worker thread whenever the case,
 * the sort or the search changes) and makes LsRow objects when asked for
 * them, a page at a time, so a million-row table costs a million ids. */
#pragma once

#include <gio/gio.h>

#include "ls-row.h"
#include "ls-row-table.h"
#include "ls-types.h"

G_BEGIN_DECLS

#define LS_ROW_MODEL_PAGE_SIZE 100

#define LS_TYPE_ROW_MODEL (ls_row_model_get_type ())
G_DECLARE_FINAL_TYPE (LsRowModel, ls_row_model, LS, ROW_MODEL, GObject)

LsRowModel           *ls_row_model_new              (LsRowTable   table);
LsRowTable            ls_row_model_get_table        (LsRowModel  *self);
const LsRowTableSpec *ls_row_model_get_spec         (LsRowModel  *self);
LsCase               *ls_row_model_get_case         (LsRowModel  *self);
void                  ls_row_model_set_case         (LsRowModel  *self,
                                                     LsCase      *kase);
/* COLUMN -1 is the table's natural order. */
void                  ls_row_model_set_sort         (LsRowModel  *self,
                                                     int          column,
                                                     gboolean     descending);
int                   ls_row_model_get_sort_column  (LsRowModel  *self);
gboolean              ls_row_model_get_sort_descending (LsRowModel *self);
void                  ls_row_model_set_search       (LsRowModel  *self,
                                                     const char  *text);
const char           *ls_row_model_get_search       (LsRowModel  *self);
void                  ls_row_model_set_range        (LsRowModel  *self,
                                                     gint64       from,
                                                     gint64       to);
gboolean              ls_row_model_get_filtered     (LsRowModel  *self);
void                  ls_row_model_reload           (LsRowModel  *self);
/* TRUE while the ids are being queried. */
gboolean              ls_row_model_get_loading      (LsRowModel  *self);
/* Rows in the table, whatever the search and range. */
gint64                ls_row_model_get_total        (LsRowModel  *self);
char                **ls_row_model_dup_keys         (LsRowModel  *self,
                                                     LsRow       *row);
/* How many LsRow objects this model has made (for tests). */
guint                 ls_row_model_get_rows_created (LsRowModel  *self);

G_END_DECLS
