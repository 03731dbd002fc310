/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_DATA_PAGE (ls_data_page_get_type ())
G_DECLARE_FINAL_TYPE (LsDataPage, ls_data_page, LS, DATA_PAGE, GtkWidget)

LsSession  *ls_data_page_get_session (LsDataPage *self);
void        ls_data_page_set_session (LsDataPage *self,
                                      LsSession  *session);

G_END_DECLS
