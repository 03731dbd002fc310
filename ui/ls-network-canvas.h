/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsNetworkCanvas: the drawing surface of the network map. It keeps the
 * static picture (edges, nodes, labels) as a cached render node larger than
 * the view, so panning only moves it; hover, selection and the shortest
 * path are drawn on top each frame. Pan by drag and scroll, zoom with
 * Ctrl+scroll, pinch and keys, drag nodes to pin them, Shift+drag to select
 * a rectangle, arrows to move between nodes. */
#pragma once

#include <gtk/gtk.h>

#include "ls-network-render.h"

G_BEGIN_DECLS

#define LS_TYPE_NETWORK_CANVAS (ls_network_canvas_get_type ())
G_DECLARE_FINAL_TYPE (LsNetworkCanvas, ls_network_canvas, LS, NETWORK_CANVAS, GtkWidget)

GtkWidget          *ls_network_canvas_new          (void);
void                ls_network_canvas_set_scene    (LsNetworkCanvas *self,
                                                    LsNetworkScene  *scene);
LsNetworkScene     *ls_network_canvas_get_scene    (LsNetworkCanvas *self);
/* The view state, to change size-by, colour-by, redaction, chrome; call
 * ls_network_canvas_invalidate afterwards. */
LsNetworkViewState *ls_network_canvas_get_state    (LsNetworkCanvas *self);
void                ls_network_canvas_invalidate   (LsNetworkCanvas *self);
/* Per-node arrays owned by the canvas (NULL without a scene). */
guint8             *ls_network_canvas_get_selected (LsNetworkCanvas *self);
guint8             *ls_network_canvas_get_hidden   (LsNetworkCanvas *self);
guint8             *ls_network_canvas_get_path     (LsNetworkCanvas *self);
void                ls_network_canvas_selection_changed (LsNetworkCanvas *self,
                                                    gboolean         notify);
void                ls_network_canvas_zoom         (LsNetworkCanvas *self,
                                                    double           factor);
void                ls_network_canvas_fit          (LsNetworkCanvas *self);
void                ls_network_canvas_centre_on    (LsNetworkCanvas *self,
                                                    int              node);
/* Time to draw one frame with the cached picture, for the benchmark. */
void                ls_network_canvas_pan_by       (LsNetworkCanvas *self,
                                                    double           dx,
                                                    double           dy);

G_END_DECLS
