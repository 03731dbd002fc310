/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LS_TYPE_WINDOW (ls_window_get_type ())
G_DECLARE_FINAL_TYPE (LsWindow, ls_window, LS, WINDOW, AdwApplicationWindow)

LsWindow *ls_window_new          (gpointer        application);
void      ls_window_open_case    (LsWindow       *self,
                                  GFile          *file);
gboolean  ls_window_has_case     (LsWindow       *self);
void      ls_window_setup_accels (GtkApplication *app);

G_END_DECLS
