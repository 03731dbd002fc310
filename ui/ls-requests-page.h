/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LS_TYPE_REQUESTS_PAGE (ls_requests_page_get_type ())
G_DECLARE_FINAL_TYPE (LsRequestsPage, ls_requests_page, LS, REQUESTS_PAGE, AdwBin)

void  ls_requests_page_reload        (LsRequestsPage *self);
guint ls_requests_page_get_n_requests (LsRequestsPage *self);
guint ls_requests_page_get_n_outcomes (LsRequestsPage *self);
guint ls_requests_page_get_n_overdue  (LsRequestsPage *self);
gboolean ls_requests_page_select      (LsRequestsPage *self,
                                       gint64          request_id);

G_END_DECLS
