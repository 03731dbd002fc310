/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsProjection: WGS84 longitude/latitude to British National Grid
 * (EPSG:27700) through PROJ, with Ordnance Survey's OSTN15 grid when it can
 * be found. One per thread: it owns its own PJ_CONTEXT. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LsProjection LsProjection;

LsProjection *ls_projection_new          (GError        **error);
void          ls_projection_free         (LsProjection   *self);
/* FALSE when PROJ cannot project the point (far outside the grid). */
gboolean      ls_projection_forward      (LsProjection   *self,
                                          double          lon,
                                          double          lat,
                                          double         *easting,
                                          double         *northing);
/* Projects N interleaved lon,lat pairs in place to easting,northing. */
void          ls_projection_forward_many (LsProjection   *self,
                                          double         *xy,
                                          gsize           n);
/* TRUE when the OSTN15 grid was found, so results are within ~0.1 m of the
 * National Grid rather than the 2–4 m of the Helmert fallback. */
gboolean      ls_projection_has_ostn15   (LsProjection   *self);
const char   *ls_projection_describe     (LsProjection   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsProjection, ls_projection_free)

G_END_DECLS
