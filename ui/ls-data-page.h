/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-data-table.h"
#include "ls-view.h"

G_BEGIN_DECLS

#define LS_TYPE_DATA_PAGE (ls_data_page_get_type ())
G_DECLARE_FINAL_TYPE (LsDataPage, ls_data_page, LS, DATA_PAGE, GtkWidget)

LsDataTable *ls_data_page_get_table  (LsDataPage *self,
                                      LsRowTable  table);
void        ls_data_page_show_table  (LsDataPage *self,
                                      LsRowTable  table);
/* The visible table's row count, as shown: "1,000,000 calls". */
const char *ls_data_page_get_summary (LsDataPage *self);
/* Searches every table, as typing in the search entry does. */
void        ls_data_page_set_search  (LsDataPage *self,
                                      const char *text);

G_END_DECLS
