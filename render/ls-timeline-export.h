/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline as a file: PNG, SVG, or PDF — one page for a short range,
 * one page per month (A4 or A3 landscape, axis and title on every page)
 * for a long one. Drawn by ls_timeline_render(), as on the screen. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ls-case.h"
#include "ls-export.h"
#include "ls-timeline-model.h"

G_BEGIN_DECLS

typedef enum {
  LS_TIMELINE_PAPER_A4,
  LS_TIMELINE_PAPER_A3,
} LsTimelinePaper;

typedef struct {
  LsCase              *kase;
  gint64               from;        /* unix seconds UTC; -1: the case's first call */
  gint64               to;          /* exclusive; -1: after the last call */
  const char * const  *people;      /* lane names to show (people or phones' owners); NULL: all */
  LsTimelineLaneMode   mode;
  int                  width;       /* PNG and SVG size in pixels; 0: 1600 × 1000 */
  int                  height;
  LsTimelinePaper      paper;       /* PDF */
  gboolean             paged;       /* PDF: a page per month when the range is long */
  gboolean             redact;      /* pseudonyms and masked numbers */
  GHashTable          *rank;        /* lane order (ls_timeline_rank_by_role), or NULL */
  GCancellable        *cancellable;
} LsTimelineExportOptions;

#define LS_TIMELINE_EXPORT_OPTIONS_INIT { NULL, -1, -1, NULL, LS_TIMELINE_LANES_PEOPLE, 0, 0, \
                                          LS_TIMELINE_PAPER_A4, TRUE, FALSE, NULL, NULL }

typedef struct _LsTimelineExport LsTimelineExport;

/* Queries everything the pages need (on the calling thread). */
LsTimelineExport *ls_timeline_export_prepare    (const LsTimelineExportOptions *options,
                                                 GError                       **error);
void              ls_timeline_export_free       (LsTimelineExport              *self);
/* Pages: 1, or one per calendar month for a range over 45 days. */
guint             ls_timeline_export_get_n_pages (LsTimelineExport             *self);
void              ls_timeline_export_draw_page  (LsTimelineExport              *self,
                                                 guint                          page,
                                                 cairo_t                       *cr,
                                                 double                         width,
                                                 double                         height);
/* The whole range on one page (an LsExportDrawFunc). */
void              ls_timeline_export_draw       (gpointer                       self,
                                                 cairo_t                       *cr,
                                                 double                         width,
                                                 double                         height);
/* FORMAT is "png", "pdf" or "svg". Records the export in the audit log. */
gboolean          ls_timeline_export_write      (const LsTimelineExportOptions *options,
                                                 const char                    *format,
                                                 const char                    *path,
                                                 GError                       **error);

/* The `linesight export --view timeline` entry. */
const LsExportView *ls_timeline_export_view     (void);

/* What the view shows, for LsExportRequest.screen: its lanes in its
 * order, which the export keeps (lanes it has that the view had not
 * follow, by first activity). */
typedef struct _LsTimelineExportScreen LsTimelineExportScreen;

LsTimelineExportScreen *ls_timeline_export_screen_new  (LsTimelineModel        *model);
void                    ls_timeline_export_screen_free (LsTimelineExportScreen *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsTimelineExport, ls_timeline_export_free)

G_END_DECLS
