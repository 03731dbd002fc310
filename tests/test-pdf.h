/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading PDFs back in tests, through poppler's pdftotext. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether pdftotext (poppler-utils) is installed. */
gboolean  test_pdf_have_pdftotext (void);
/* The text of PDF, laid out as on the page when LAYOUT, of page PAGE only
 * (counting from 1) unless it is 0; fails the test if pdftotext does. */
char     *test_pdf_text           (const char *pdf,
                                   gboolean    layout,
                                   guint       page);

G_END_DECLS
