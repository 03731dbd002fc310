/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-types.h"
#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_WINDOW (ls_window_get_type ())
G_DECLARE_FINAL_TYPE (LsWindow, ls_window, LS, WINDOW, AdwApplicationWindow)

LsWindow  *ls_window_new          (gpointer        application);
void       ls_window_open_case    (LsWindow       *self,
                                   GFile          *file);
gboolean   ls_window_load_case    (LsWindow       *self,
                                   const char     *path,
                                   GError        **error);
void       ls_window_set_case     (LsWindow       *self,
                                   LsCase         *kase);
gboolean   ls_window_has_case     (LsWindow       *self);
LsSession *ls_window_get_session  (LsWindow       *self);
/* The widget of one page of the view stack: "network", "timeline", "map",
 * "safeguarding" or "data". */
GtkWidget *ls_window_get_page     (LsWindow       *self,
                                   const char     *name);
void       ls_window_open_demo    (LsWindow       *self);
void       ls_window_setup_accels (GtkApplication *app);

G_END_DECLS
