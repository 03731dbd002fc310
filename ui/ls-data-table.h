/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-row-model.h"

G_BEGIN_DECLS

#define LS_TYPE_DATA_TABLE (ls_data_table_get_type ())
G_DECLARE_FINAL_TYPE (LsDataTable, ls_data_table, LS, DATA_TABLE, GtkWidget)

GtkWidget     *ls_data_table_new         (LsRowTable   table);
LsRowModel    *ls_data_table_get_model   (LsDataTable *self);
GtkColumnView *ls_data_table_get_view    (LsDataTable *self);
/* "1,000,000 calls", or "12 of 1,000,000 calls" while searching. */
char          *ls_data_table_dup_summary (LsDataTable *self);

G_END_DECLS
