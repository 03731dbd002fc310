/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Safeguarding page's list, drawn with Cairo and Pango for export
 * (PNG, SVG, or PDF over as many pages as it needs): risk, name, age, area,
 * the top signs and the referral stage of each person, with the case's
 * protective marking at top and bottom of every page. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ls-case.h"
#include "ls-safeguarding.h"

G_BEGIN_DECLS

typedef struct _LsRedactor LsRedactor;

typedef struct {
  const char *title;     /* the case's name */
  const char *marking;   /* case_meta 'marking' */
  gint64      when;      /* prepared at, unix seconds UTC; -1 for now */
  LsRedactor *redactor;  /* names as pseudonyms, areas removed; NULL for none */
  /* The rows, in order, when not everyone in SG's order: the people the
   * page shows after its filters and sort (people of SG). */
  const LsSafeguardingPerson * const *people;
  guint       n_people;
  const char *filters;   /* how the page narrowed the list, said under the title; or NULL */
} LsSafeguardingRenderInfo;

/* Rows that fit on a page of HEIGHT (CSS pixels). */
guint    ls_safeguarding_render_rows_per_page (double                          height);
/* The height (CSS pixels) that shows every row of INFO (or SG) on one page. */
double   ls_safeguarding_render_height        (LsSafeguarding                 *sg,
                                               const LsSafeguardingRenderInfo *info);
/* Draws rows [first, first + n) onto (0, 0, width, height); page counts from 1. */
void     ls_safeguarding_render               (LsSafeguarding                 *sg,
                                               const LsSafeguardingRenderInfo *info,
                                               guint                           first,
                                               guint                           n,
                                               guint                           page,
                                               guint                           n_pages,
                                               cairo_t                        *cr,
                                               double                          width,
                                               double                          height);
/* Builds the list from the case (with the analysis) and writes FORMAT
 * ("png", "pdf" or "svg") to PATH; records the export in the audit log. */
gboolean ls_safeguarding_export_write         (LsCase                         *kase,
                                               const LsSafeguardingOptions    *options,
                                               const char                     *format,
                                               const char                     *path,
                                               GError                        **error);

G_END_DECLS
