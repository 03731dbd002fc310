/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsSafeguardingPage: the children and vulnerable adults at risk, why, and
 * the state of their referrals; selecting someone selects them in every
 * view of the window. */
#pragma once

#include <adwaita.h>

#include "ls-safeguarding.h"
#include "ls-view.h"

G_BEGIN_DECLS

#define LS_TYPE_SAFEGUARDING_PAGE (ls_safeguarding_page_get_type ())
G_DECLARE_FINAL_TYPE (LsSafeguardingPage, ls_safeguarding_page, LS, SAFEGUARDING_PAGE, GtkWidget)

/* The list as last loaded, or NULL while loading. */
LsSafeguarding *ls_safeguarding_page_get_model   (LsSafeguardingPage *self);
/* Rows shown after the filters. */
guint           ls_safeguarding_page_get_n_shown (LsSafeguardingPage *self);
gboolean        ls_safeguarding_page_select      (LsSafeguardingPage *self,
                                                  const char         *name_or_key);
/* Filters, as the toolbar sets them (for other views and tests). */
void            ls_safeguarding_page_set_area_filter (LsSafeguardingPage *self,
                                                      const char         *area);
void            ls_safeguarding_page_set_rose_filter (LsSafeguardingPage *self,
                                                      gboolean            only_risen);
/* The thresholds from GSettings (Preferences). */
void            ls_safeguarding_options_from_settings (GSettings             *settings,
                                                       LsSafeguardingOptions *options);

G_END_DECLS
