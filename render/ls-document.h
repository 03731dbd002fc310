/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsDocument: a paged document (referral summaries, data requests, results,
 * briefings) laid out with Pango and written as PDF through Cairo. Every
 * page carries the protective marking at top and bottom and "Page N of M". */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _LsDocument LsDocument;

typedef enum {
  LS_PAPER_A4,
  LS_PAPER_A3,
} LsPaper;

/* Draws into the rectangle (0, 0, width, height) of CR, in points. */
typedef void (*LsDocumentDrawFunc) (cairo_t  *cr,
                                    double    width,
                                    double    height,
                                    gpointer  user_data);

LsDocument *ls_document_new            (const char          *title,
                                        const char          *marking);
void        ls_document_free           (LsDocument          *self);
void        ls_document_set_paper      (LsDocument          *self,
                                        LsPaper              paper,
                                        gboolean             landscape);
void        ls_document_set_scale      (LsDocument          *self,
                                        double               scale);
void        ls_document_set_metadata   (LsDocument          *self,
                                        const char          *subject,
                                        const char          *author);
void        ls_document_add_heading    (LsDocument          *self,
                                        const char          *text);
void        ls_document_add_subheading (LsDocument          *self,
                                        const char          *text);
void        ls_document_add_paragraph  (LsDocument          *self,
                                        const char          *text);
void        ls_document_add_note       (LsDocument          *self,
                                        const char          *text);
void        ls_document_add_field      (LsDocument          *self,
                                        const char          *label,
                                        const char          *value);
void        ls_document_add_bullet     (LsDocument          *self,
                                        const char          *text);
void        ls_document_add_table      (LsDocument          *self,
                                        const char * const  *header,
                                        GPtrArray           *rows,
                                        const double        *widths);
void        ls_document_add_drawing    (LsDocument          *self,
                                        double               height,
                                        LsDocumentDrawFunc   func,
                                        gpointer             user_data,
                                        GDestroyNotify       destroy);
void        ls_document_add_page_break (LsDocument          *self);
double      ls_document_get_content_width  (LsDocument      *self);
double      ls_document_get_content_height (LsDocument      *self);
guint       ls_document_get_n_pages    (LsDocument          *self);
gboolean    ls_document_write_pdf      (LsDocument          *self,
                                        const char          *path,
                                        GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsDocument, ls_document_free)

G_END_DECLS
