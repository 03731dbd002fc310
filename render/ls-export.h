/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export of any view to PNG, PDF or SVG through the renderer that draws the
 * screen: the machinery shared by every view (surfaces, page size, the title
 * block and protective marking, the audit entry). A view plugs in with one
 * LsExportView entry: prepare its model for a request, draw it at a size. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ls-case.h"

G_BEGIN_DECLS

typedef enum {
  LS_EXPORT_PNG,
  LS_EXPORT_PDF,
  LS_EXPORT_SVG,
} LsExportFormat;

/* Drawing happens in CSS pixels at 96 DPI; PDF and SVG pages are the same
 * size in points (× 0.75), so text and lines keep their proportions. */
#define LS_EXPORT_DPI 96.0
#define LS_EXPORT_DEFAULT_WIDTH 1600
#define LS_EXPORT_DEFAULT_HEIGHT 1000

typedef struct {
  LsCase       *kase;
  gint64        from;        /* unix seconds UTC, -1 open */
  gint64        to;          /* exclusive, -1 open */
  const char   *layout;      /* a view-specific variant (network: layout engine), or NULL */
  int           width;       /* pixels */
  int           height;
  gboolean      redact;      /* pseudonyms and masked numbers */
  gboolean      relayout;    /* ignore cached layouts */
  const char * const *people; /* names to show (timeline lanes), or NULL for everyone */
  GCancellable *cancellable;
} LsExportRequest;

typedef gpointer (*LsExportPrepareFunc) (const LsExportRequest  *request,
                                         GError                **error);
typedef void     (*LsExportDrawFunc)    (gpointer                data,
                                         cairo_t                *cr,
                                         double                  width,
                                         double                  height);

typedef char *   (*LsExportTitleFunc)   (gpointer                data);
/* A view that lays out its own pages (the timeline's paged PDF) writes
 * the whole file, audit entry included. */
typedef gboolean (*LsExportWriteFunc)   (const LsExportRequest  *request,
                                         LsExportFormat          format,
                                         const char             *path,
                                         GError                **error);

typedef struct {
  const char          *name;     /* --view NAME */
  const char          *summary;
  LsExportPrepareFunc  prepare;
  LsExportDrawFunc     draw;
  GDestroyNotify       free;
  LsExportTitleFunc    title;    /* the document's title (PDF/SVG metadata), or NULL */
  LsExportWriteFunc    write;    /* instead of prepare and draw, or NULL */
} LsExportView;

gboolean    ls_export_format_from_string (const char        *name,
                                          LsExportFormat    *format);
const char *ls_export_format_to_string   (LsExportFormat     format);
/* Draws DATA with DRAW into PATH and records the export in the case's audit
 * log (when KASE is given). TITLE goes in the PDF's metadata and the SVG's
 * <title>: cairo draws SVG text as glyph shapes, so the title is kept
 * there as text for search and screen readers. */
gboolean    ls_export_write_drawing      (LsExportDrawFunc   draw,
                                          gpointer           data,
                                          LsExportFormat     format,
                                          const char        *path,
                                          int                width,
                                          int                height,
                                          const char        *title,
                                          LsCase            *kase,
                                          const char        *subject,
                                          GError           **error);
gboolean    ls_export_write              (const LsExportView    *view,
                                          const LsExportRequest *request,
                                          LsExportFormat         format,
                                          const char            *path,
                                          GError               **error);

/* Shared pieces every view draws the same way. */
void        ls_export_draw_marking       (cairo_t           *cr,
                                          double             width,
                                          double             height,
                                          const char        *marking);
/* A boxed block: TITLE in bold, then LINES. Gives its size. */
void        ls_export_draw_title_block   (cairo_t           *cr,
                                          double             x,
                                          double             y,
                                          const char        *title,
                                          const char * const *lines,
                                          double            *width,
                                          double            *height);
/* "1 Jun 2024 – 30 Jun 2024 (UK time)", or "All dates". TO is exclusive. */
char       *ls_export_format_range       (gint64             from,
                                          gint64             to);
/* "YYYY-MM-DD" (a UK day) to unix seconds at the start of that day; with
 * END, the start of the next day (an inclusive end date). */
gboolean    ls_export_parse_date         (const char        *text,
                                          gboolean           end,
                                          gint64            *when,
                                          GError           **error);

G_END_DECLS
