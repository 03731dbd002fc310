/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The network map drawn on any cairo_t: the widget, PNG, PDF and SVG all
 * come from these functions, so an export is what the screen shows.
 * LsNetworkScene is the model (graph, positions, measures, roles);
 * LsNetworkViewState says how to look at it (zoom, pan, selection…). */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "ls-analysis.h"
#include "ls-graph.h"
#include "ls-network-layout.h"

G_BEGIN_DECLS

typedef enum {
  LS_NETWORK_ROLE_UNKNOWN,
  LS_NETWORK_ROLE_HEAD,
  LS_NETWORK_ROLE_LINE_HOLDER,
  LS_NETWORK_ROLE_RUNNER,
  LS_NETWORK_ROLE_CUSTOMER,
  LS_NETWORK_ROLE_DEAL_LINE,    /* a phone that is itself the line */
  LS_NETWORK_N_ROLES
} LsNetworkRole;

typedef enum {
  LS_NETWORK_SIZE_DEGREE,
  LS_NETWORK_SIZE_WEIGHTED_DEGREE,
  LS_NETWORK_SIZE_BETWEENNESS,
  LS_NETWORK_SIZE_EIGENVECTOR,
  LS_NETWORK_N_SIZES
} LsNetworkSizeBy;

typedef enum {
  LS_NETWORK_COLOR_ROLE,
  LS_NETWORK_COLOR_COMMUNITY,
} LsNetworkColorBy;

typedef struct {
  gatomicrefcount  ref_count;
  LsGraph         *graph;
  LsNetworkLayout *layout;                      /* owned; positions may be moved (drag) */
  double          *measures[LS_NETWORK_N_SIZES]; /* per node */
  double           measure_max[LS_NETWORK_N_SIZES];
  guint8          *roles;                       /* LsNetworkRole per node */
  int             *communities;                 /* per node, -1 unknown */
  guint8          *victims;                     /* child or vulnerable adult at the range end */
  gboolean         have_roles;
  gboolean         have_communities;
  char            *case_name;
  char            *marking;
  gint64           from;
  gint64           to;
  gboolean         export_redact;               /* an export asked for pseudonyms */
  char            *root_key;                    /* twopi's centre as asked for, or NULL */
} LsNetworkScene;

typedef struct {
  double            width;          /* viewport, pixels */
  double            height;
  double            zoom;           /* pixels per layout point */
  double            cx;             /* the layout point at the viewport's centre */
  double            cy;
  LsNetworkSizeBy   size_by;
  LsNetworkColorBy  color_by;
  gboolean          redact;         /* pseudonyms for names, masked numbers */
  gboolean          show_chrome;    /* title block, legend, marking */
  const guint8     *selected;       /* per node, or NULL */
  const guint8     *hidden;         /* per node, or NULL */
  const guint8     *path_edges;     /* per edge: the highlighted shortest path, or NULL */
  int               hover;          /* node index or -1 */
  int               search;         /* node index or -1 */
  const guint8     *labelled;       /* per node: labelled in the cached picture, so the
                                     * overlay need not (hover); or NULL */
} LsNetworkViewState;

typedef struct {
  int    node;
  double x, y, width, height;       /* the label's box on screen */
} LsNetworkLabel;

LsNetworkScene *ls_network_scene_new          (LsGraph          *graph,
                                               LsNetworkLayout  *layout);
LsNetworkScene *ls_network_scene_ref          (LsNetworkScene   *self);
void            ls_network_scene_unref        (LsNetworkScene   *self);
void            ls_network_scene_set_title    (LsNetworkScene   *self,
                                               const char       *case_name,
                                               const char       *marking,
                                               gint64            from,
                                               gint64            to);
void            ls_network_scene_set_measure  (LsNetworkScene   *self,
                                               LsNetworkSizeBy   measure,
                                               const double     *values);
void            ls_network_scene_set_role     (LsNetworkScene   *self,
                                               guint             node,
                                               LsNetworkRole     role);
void            ls_network_scene_set_community (LsNetworkScene  *self,
                                               guint             node,
                                               int               community);
/* Takes measures, communities and roles from an analysis of the same
 * range, matching nodes by key (a separately shown phone takes its
 * person's role). */
void            ls_network_scene_apply_analysis (LsNetworkScene *self,
                                               LsAnalysis       *analysis);
char           *ls_network_scene_dup_label    (LsNetworkScene   *self,
                                               guint             node,
                                               gboolean          redact);
char           *ls_network_scene_dup_number   (LsNetworkScene   *self,
                                               guint             node,
                                               gboolean          redact);
const char     *ls_network_role_get_title     (LsNetworkRole     role);
const char     *ls_network_size_by_get_title  (LsNetworkSizeBy   size_by);

void            ls_network_view_state_init    (LsNetworkViewState *state);
/* Zoom and centre to show every visible node, clear of the title and legend. */
void            ls_network_render_fit         (LsNetworkScene   *scene,
                                               LsNetworkViewState *state);
void            ls_network_render_to_screen   (const LsNetworkViewState *state,
                                               double            x,
                                               double            y,
                                               double           *sx,
                                               double           *sy);
void            ls_network_render_from_screen (const LsNetworkViewState *state,
                                               double            sx,
                                               double            sy,
                                               double           *x,
                                               double           *y);
double          ls_network_render_node_radius (LsNetworkScene   *scene,
                                               const LsNetworkViewState *state,
                                               guint             node);
/* The node under a screen point, or -1. */
int             ls_network_render_hit         (LsNetworkScene   *scene,
                                               const LsNetworkViewState *state,
                                               double            sx,
                                               double            sy);
/* Labels that fit, by priority, none overlapping. */
GArray         *ls_network_render_place_labels (LsNetworkScene  *scene,
                                               const LsNetworkViewState *state,
                                               cairo_t          *cr);

/* The three layers: the static picture (edges, nodes, labels) which the
 * widget caches, the overlay drawn each frame (selection, hover, path) and
 * the chrome (title block, legend, marking) in screen space. The static
 * picture is geometry (edges and nodes, which change only with the view)
 * under labels (which also change with the selection and search: theirs
 * are always placed first, so no other label covers them). */
void            ls_network_render_static      (cairo_t          *cr,
                                               LsNetworkScene   *scene,
                                               const LsNetworkViewState *state);
void            ls_network_render_geometry    (cairo_t          *cr,
                                               LsNetworkScene   *scene,
                                               const LsNetworkViewState *state);
/* LABELLED (one per node, or NULL) is set for every node given a label. */
void            ls_network_render_labels      (cairo_t          *cr,
                                               LsNetworkScene   *scene,
                                               const LsNetworkViewState *state,
                                               guint8           *labelled);
void            ls_network_render_overlay     (cairo_t          *cr,
                                               LsNetworkScene   *scene,
                                               const LsNetworkViewState *state);
void            ls_network_render_chrome      (cairo_t          *cr,
                                               LsNetworkScene   *scene,
                                               const LsNetworkViewState *state);
/* Background and all three layers: what an export draws. */
void            ls_network_render             (cairo_t          *cr,
                                               LsNetworkScene   *scene,
                                               const LsNetworkViewState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsNetworkScene, ls_network_scene_unref)

G_END_DECLS
