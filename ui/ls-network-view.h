/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsNetworkView: the Network page: a toolbar (layout, size, colour, filters,
 * selection tools, search, export), the map (LsNetworkCanvas) with layout
 * progress and Cancel, and a details sidebar for the selection. It follows
 * the window's LsSession: case, date range, selection and redaction. */
#pragma once

#include <gtk/gtk.h>

#include "ls-network-render.h"
#include "ls-view.h"

G_BEGIN_DECLS

#define LS_TYPE_NETWORK_VIEW (ls_network_view_get_type ())
G_DECLARE_FINAL_TYPE (LsNetworkView, ls_network_view, LS, NETWORK_VIEW, GtkWidget)

GtkWidget      *ls_network_view_new         (void);
/* The scene shown, or NULL while none is loaded (for tests). */
LsNetworkScene *ls_network_view_get_scene   (LsNetworkView *self);
GtkWidget      *ls_network_view_get_canvas  (LsNetworkView *self);
/* Whether a load or layout is running (the scene shown may be the old one). */
gboolean        ls_network_view_is_loading  (LsNetworkView *self);

G_END_DECLS
