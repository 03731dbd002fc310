/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Export of any view to PNG, PDF or SVG through the renderer that draws the
 * screen: the machinery shared by every view (surfaces, page size, the title
 * block and protective marking, the audit entry). A view plugs in with one
 * LsExportView entry: prepare its model for a request, draw it at a size. */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ls-case.h"
#include "ls-redactor.h"

G_BEGIN_DECLS

typedef enum {
  LS_EXPORT_PNG,
  LS_EXPORT_PDF,
  LS_EXPORT_SVG,
} LsExportFormat;

typedef enum {
  LS_EXPORT_PAPER_NONE,      /* the page is WIDTH × HEIGHT pixels, in points */
  LS_EXPORT_PAPER_A4,
  LS_EXPORT_PAPER_A3,
} LsExportPaper;

typedef enum {
  LS_EXPORT_LANDSCAPE,
  LS_EXPORT_PORTRAIT,
} LsExportOrientation;

/* Drawing happens in CSS pixels at 96 DPI; PDF and SVG pages are the same
 * size in points (× 0.75), so text and lines keep their proportions. A PNG
 * at D DPI is the same drawing scaled by D / 96. */
#define LS_EXPORT_DPI 96.0
#define LS_EXPORT_DPI_MIN 96
#define LS_EXPORT_DPI_MAX 600
#define LS_EXPORT_DEFAULT_WIDTH 1600
#define LS_EXPORT_DEFAULT_HEIGHT 1000

typedef struct {
  LsCase              *kase;
  gint64               from;        /* unix seconds UTC, -1 open */
  gint64               to;          /* exclusive, -1 open */
  const char          *layout;      /* a view-specific variant (network: layout engine), or NULL */
  int                  width;       /* CSS pixels; with a paper, set from it */
  int                  height;
  int                  dpi;         /* PNG: 96–600; 0 means 96 */
  LsExportPaper        paper;       /* PDF */
  LsExportOrientation  orientation;
  const char          *marking;     /* NULL: the case's own */
  const char          *title;       /* NULL: the case's name */
  LsRedaction          redaction;
  gboolean             relayout;    /* ignore cached layouts */
  const char * const  *people;      /* names to show (timeline lanes), or NULL for everyone */
  gconstpointer        screen;      /* what the window shows (view-specific), or NULL */
  LsProgressFunc       progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
} LsExportRequest;

#define LS_EXPORT_REQUEST_INIT { NULL, -1, -1, NULL, LS_EXPORT_DEFAULT_WIDTH, LS_EXPORT_DEFAULT_HEIGHT, \
                                 0, LS_EXPORT_PAPER_NONE, LS_EXPORT_LANDSCAPE, NULL, NULL, \
                                 LS_REDACTION_NONE, FALSE, NULL, NULL, NULL, NULL, NULL }

typedef gpointer (*LsExportPrepareFunc) (const LsExportRequest  *request,
                                         GError                **error);
typedef void     (*LsExportDrawFunc)    (gpointer                data,
                                         cairo_t                *cr,
                                         double                  width,
                                         double                  height);
typedef char *   (*LsExportTitleFunc)   (gpointer                data);
/* A view with pages of its own (the timeline's month per page) says how
 * many a PDF of it has, and draws each; PNG and SVG show DRAW's picture. */
typedef guint    (*LsExportPagesFunc)   (gpointer                data);
typedef void     (*LsExportPageFunc)    (gpointer                data,
                                         guint                   page,
                                         cairo_t                *cr,
                                         double                  width,
                                         double                  height);

typedef struct {
  const char          *name;     /* --view NAME */
  const char          *summary;
  LsExportPrepareFunc  prepare;
  LsExportDrawFunc     draw;
  GDestroyNotify       free;
  LsExportTitleFunc    title;    /* the document's title (PDF/SVG metadata), or NULL */
  LsExportPagesFunc    n_pages;  /* PDF pages, or NULL for one */
  LsExportPageFunc     draw_page;
} LsExportView;

gboolean    ls_export_format_from_string (const char        *name,
                                          LsExportFormat    *format);
const char *ls_export_format_to_string   (LsExportFormat     format);
/* The views `linesight export` and the Export dialog know. */
const LsExportView *ls_export_views      (guint             *n_views);
const LsExportView *ls_export_find_view  (const char        *name,
                                          GError           **error);
/* Checks the request's DPI and size; for PDF with a paper, sets the size. */
gboolean    ls_export_request_check      (LsExportRequest   *request,
                                          LsExportFormat     format,
                                          GError           **error);
/* The marking to print: the request's, else the case's (normalised). */
char       *ls_export_request_dup_marking (const LsExportRequest *request);
char       *ls_export_request_dup_title   (const LsExportRequest *request);
/* The redactor for REQUEST's redaction (the safeguarding list kept for
 * LS_REDACTION_PARTNER), or NULL for none. */
LsRedactor *ls_export_redactor_new       (const LsExportRequest *request,
                                          GError           **error);
/* A page size in points: A4 595.28 × 841.89, A3 841.89 × 1190.55. */
void        ls_export_paper_size         (LsExportPaper      paper,
                                          LsExportOrientation orientation,
                                          double            *width_pt,
                                          double            *height_pt);
gboolean    ls_export_paper_from_string  (const char        *name,
                                          LsExportPaper     *paper);
gboolean    ls_export_orientation_from_string (const char   *name,
                                          LsExportOrientation *orientation);
gboolean    ls_redaction_from_string     (const char        *name,
                                          LsRedaction       *redaction);
const char *ls_redaction_to_string       (LsRedaction        redaction);
/* Prepares VIEW's model, draws it into PATH (every string through the
 * redactor; SVG text as <text>), and records the export with the file's
 * SHA-256 in the case's audit log. */
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
