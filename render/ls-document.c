/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsDocument: blocks are measured with Pango on the PDF's own context, cut
 * into pages, then drawn, so the page count is known before any page is
 * drawn and "Page N of M" is exact. Text is set as plain text, never as
 * markup, so nothing from a case can change the layout or hide in it. */
#define G_LOG_DOMAIN "ls-document"
#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "ls-document.h"
#include "ls-render-style.h"

typedef enum {
  BLOCK_HEADING,
  BLOCK_SUBHEADING,
  BLOCK_PARAGRAPH,
  BLOCK_NOTE,
  BLOCK_FIELD,
  BLOCK_BULLET,
  BLOCK_TABLE,
  BLOCK_DRAWING,
  BLOCK_PAGE_BREAK,
} BlockKind;

typedef struct {
  BlockKind           kind;
  char               *text;
  char               *label;
  GStrv               header;
  GPtrArray          *rows;      /* GStrv */
  double             *widths;    /* fractions of the content width */
  guint               n_columns;
  double              height;    /* drawings */
  LsDocumentDrawFunc  func;
  gpointer            data;
  GDestroyNotify      destroy;
} Block;

/* Where a block (or a run of a table's rows) lands. */
typedef struct {
  guint  block;
  guint  page;
  double y;
  guint  first_row;   /* tables: rows [first_row, last_row) on this page */
  guint  last_row;
} Placement;

struct _LsDocument
{
  char      *title;
  char      *marking;
  char      *subject;
  char      *author;
  double     page_width;
  double     page_height;
  double     scale;       /* everything drawn this much smaller, to fit */
  GPtrArray *blocks;
  GArray    *placements;
  guint      n_pages;
};

#define MARGIN        48.0
#define BAND          30.0   /* marking band at top and bottom */
#define GAP            6.0
#define FIELD_LABEL  150.0
#define CELL_PAD       3.0

static void
block_free (gpointer data)
{
  Block *b = data;

  g_free (b->text);
  g_free (b->label);
  g_strfreev (b->header);
  g_clear_pointer (&b->rows, g_ptr_array_unref);
  g_free (b->widths);
  if (b->destroy)
    b->destroy (b->data);
  g_free (b);
}

LsDocument *
ls_document_new (const char *title,
                 const char *marking)
{
  LsDocument *self = g_new0 (LsDocument, 1);

  self->title = g_strdup (title ? title : "");
  self->marking = g_strdup (marking ? marking : "");
  self->blocks = g_ptr_array_new_with_free_func (block_free);
  self->placements = g_array_new (FALSE, TRUE, sizeof (Placement));
  self->scale = 1.0;
  ls_document_set_paper (self, LS_PAPER_A4, FALSE);

  return self;
}

void
ls_document_free (LsDocument *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->marking);
  g_free (self->subject);
  g_free (self->author);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->placements);
  g_free (self);
}

void
ls_document_set_paper (LsDocument *self,
                       LsPaper     paper,
                       gboolean    landscape)
{
  double w = paper == LS_PAPER_A3 ? 841.89 : 595.28;
  double h = paper == LS_PAPER_A3 ? 1190.55 : 841.89;

  self->page_width = landscape ? h : w;
  self->page_height = landscape ? w : h;
}

void
ls_document_set_metadata (LsDocument *self,
                          const char *subject,
                          const char *author)
{
  g_free (self->subject);
  g_free (self->author);
  self->subject = g_strdup (subject);
  self->author = g_strdup (author);
}

static Block *
add_block (LsDocument *self,
           BlockKind   kind,
           const char *text)
{
  Block *b = g_new0 (Block, 1);

  b->kind = kind;
  b->text = g_strdup (text ? text : "");
  g_ptr_array_add (self->blocks, b);

  return b;
}

void
ls_document_add_heading (LsDocument *self,
                         const char *text)
{
  add_block (self, BLOCK_HEADING, text);
}

void
ls_document_add_subheading (LsDocument *self,
                            const char *text)
{
  add_block (self, BLOCK_SUBHEADING, text);
}

void
ls_document_add_paragraph (LsDocument *self,
                           const char *text)
{
  add_block (self, BLOCK_PARAGRAPH, text);
}

void
ls_document_add_note (LsDocument *self,
                      const char *text)
{
  add_block (self, BLOCK_NOTE, text);
}

void
ls_document_add_field (LsDocument *self,
                       const char *label,
                       const char *value)
{
  Block *b = add_block (self, BLOCK_FIELD, value && value[0] ? value : "—");

  b->label = g_strdup (label);
}

void
ls_document_add_bullet (LsDocument *self,
                        const char *text)
{
  add_block (self, BLOCK_BULLET, text);
}

void
ls_document_add_table (LsDocument         *self,
                       const char * const *header,
                       GPtrArray          *rows,
                       const double       *widths)
{
  Block *b = add_block (self, BLOCK_TABLE, NULL);

  b->header = g_strdupv ((char **) header);
  b->n_columns = g_strv_length (b->header);
  b->rows = g_ptr_array_ref (rows);
  b->widths = g_new (double, b->n_columns);
  for (guint i = 0; i < b->n_columns; i++)
    b->widths[i] = widths ? widths[i] : 1.0 / b->n_columns;
}

void
ls_document_add_drawing (LsDocument         *self,
                         double              height,
                         LsDocumentDrawFunc  func,
                         gpointer            user_data,
                         GDestroyNotify      destroy)
{
  Block *b = add_block (self, BLOCK_DRAWING, NULL);

  b->height = height;
  b->func = func;
  b->data = user_data;
  b->destroy = destroy;
}

void
ls_document_add_page_break (LsDocument *self)
{
  add_block (self, BLOCK_PAGE_BREAK, NULL);
}

/* Pages are laid out at 1/scale of their size, then drawn scaled down. */
static double
virtual_width (LsDocument *self)
{
  return self->page_width / self->scale;
}

static double
virtual_height (LsDocument *self)
{
  return self->page_height / self->scale;
}

void
ls_document_set_scale (LsDocument *self,
                       double      scale)
{
  g_return_if_fail (scale > 0.1 && scale <= 1.0);

  self->scale = scale;
}

double
ls_document_get_content_width (LsDocument *self)
{
  return virtual_width (self) - 2 * MARGIN;
}

double
ls_document_get_content_height (LsDocument *self)
{
  return virtual_height (self) - 2 * MARGIN - 2 * BAND;
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             const char *font,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static const char *
block_font (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_HEADING:    return "Cantarell Bold 16";
    case BLOCK_SUBHEADING: return "Cantarell Bold 12";
    case BLOCK_NOTE:       return "Cantarell Italic 8.5";
    default:               return "Cantarell 10";
    }
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
text_block_height (cairo_t    *cr,
                   Block      *b,
                   double      width)
{
  g_autoptr(PangoLayout) layout = NULL;
  double x_text = 0;

  if (b->kind == BLOCK_FIELD)
    x_text = FIELD_LABEL;
  else if (b->kind == BLOCK_BULLET)
    x_text = 14;

  layout = make_layout (cr, b->text, block_font (b->kind), width - x_text);
  return layout_height (layout);
}

static double
table_row_height (cairo_t    *cr,
                  Block      *b,
                  const char * const *cells,
                  const char *font,
                  double      width)
{
  double h = 0;

  for (guint c = 0; c < b->n_columns && cells[c]; c++)
    {
      g_autoptr(PangoLayout) layout = make_layout (cr, cells[c], font,
                                                   width * b->widths[c] - 2 * CELL_PAD);
      h = MAX (h, layout_height (layout));
    }

  return h + 2 * CELL_PAD;
}

static void
place (LsDocument *self,
       guint       block,
       guint       page,
       double      y,
       guint       first_row,
       guint       last_row)
{
  Placement p = { block, page, y, first_row, last_row };

  g_array_append_val (self->placements, p);
}

/* The top and bottom of each line of LAYOUT, in points. */
static GArray *
line_ranges (PangoLayout *layout)
{
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (double));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      int y0, y1;
      double top, bottom;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      top = (double) y0 / PANGO_SCALE;
      bottom = (double) y1 / PANGO_SCALE;
      g_array_append_val (ranges, top);
      g_array_append_val (ranges, bottom);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  return ranges;
}

/* A paragraph runs on over pages a line at a time: placements hold the
 * lines [first_row, last_row) that land on each page, and y is their top. */
static double
place_paragraph (LsDocument *self,
                 cairo_t    *cr,
                 guint       index,
                 Block      *b,
                 double      width,
                 double      bottom,
                 guint      *page,
                 double      y)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, b->text, block_font (b->kind), width);
  g_autoptr(GArray) ranges = line_ranges (layout);
  guint n = ranges->len / 2;
  guint first = 0;

#define TOP(i) g_array_index (ranges, double, 2 * (i))
#define BOTTOM(i) g_array_index (ranges, double, 2 * (i) + 1)
  while (first < n)
    {
      guint last = first;

      while (last < n && y + BOTTOM (last) - TOP (first) <= bottom)
        last++;
      if (last == first)
        {
          if (y > 0)
            {
              (*page)++;
              y = 0;
              continue;
            }
          last = first + 1;
        }
      place (self, index, *page, y, first, last);
      y += BOTTOM (last - 1) - TOP (first);
      if (last < n)
        {
          (*page)++;
          y = 0;
        }
      first = last;
    }
#undef TOP
#undef BOTTOM

  return y + GAP;
}

/* Cuts the blocks into pages. Headings keep with what follows them. */
static void
paginate (LsDocument *self,
          cairo_t    *cr)
{
  double width = ls_document_get_content_width (self);
  double bottom = ls_document_get_content_height (self);
  guint page = 0;
  double y = 0;

  g_array_set_size (self->placements, 0);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (self->blocks, i);
      double h;

      if (b->kind == BLOCK_PAGE_BREAK)
        {
          if (y > 0)
            page++;
          y = 0;
          continue;
        }

      if (b->kind == BLOCK_TABLE)
        {
          double head = table_row_height (cr, b, (const char * const *) b->header, "Cantarell Bold 9", width);
          guint first = 0;

          if (y + head * 2 > bottom && y > 0)
            page++, y = 0;
          y += head;
          for (guint r = 0; r < b->rows->len; r++)
            {
              double rh = table_row_height (cr, b, g_ptr_array_index (b->rows, r), "Cantarell 9", width);

              if (y + rh > bottom && r > first)
                {
                  place (self, i, page, y, first, r);
                  page++;
                  y = head;
                  first = r;
                }
              y += rh;
            }
          place (self, i, page, y, first, b->rows->len);
          y += GAP * 2;
          continue;
        }

      if (b->kind == BLOCK_PARAGRAPH)
        {
          y = place_paragraph (self, cr, i, b, width, bottom, &page, y);
          continue;
        }

      h = b->kind == BLOCK_DRAWING ? b->height : text_block_height (cr, b, width);
      if (b->kind == BLOCK_HEADING || b->kind == BLOCK_SUBHEADING)
        h += 40;   /* keep with the next block */
      if (y + h > bottom && y > 0)
        page++, y = 0;
      if (b->kind == BLOCK_HEADING || b->kind == BLOCK_SUBHEADING)
        h -= 40;
      place (self, i, page, y, 0, 0);
      y += h + (b->kind == BLOCK_HEADING ? GAP * 2 : GAP);
    }

  self->n_pages = page + 1;
}

guint
ls_document_get_n_pages (LsDocument *self)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (NULL, NULL,
                                                                  self->page_width,
                                                                  self->page_height);
  cairo_t *cr = cairo_create (surface);

  cairo_scale (cr, self->scale, self->scale);
  paginate (self, cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return self->n_pages;
}

static void
draw_text (cairo_t    *cr,
           const char *text,
           const char *font,
           double      x,
           double      y,
           double      width,
           PangoAlignment align)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, text, font, width);

  pango_layout_set_alignment (layout, align);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_bands (LsDocument *self,
            cairo_t    *cr,
            guint       page)
{
  double width = ls_document_get_content_width (self);
  g_autofree char *page_text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);

  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  draw_text (cr, self->marking, "Cantarell Bold 11", MARGIN, MARGIN - 22, width, PANGO_ALIGN_CENTER);
  draw_text (cr, self->marking, "Cantarell Bold 11", MARGIN, virtual_height (self) - MARGIN + 6,
             width, PANGO_ALIGN_CENTER);
  ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
  draw_text (cr, self->title, "Cantarell 8", MARGIN, virtual_height (self) - MARGIN - 10,
             width * 0.7, PANGO_ALIGN_LEFT);
  draw_text (cr, page_text, "Cantarell 8", MARGIN, virtual_height (self) - MARGIN - 10,
             width, PANGO_ALIGN_RIGHT);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, MARGIN + BAND - 12);
  cairo_line_to (cr, virtual_width (self) - MARGIN, MARGIN + BAND - 12);
  cairo_move_to (cr, MARGIN, virtual_height (self) - MARGIN - 14);
  cairo_line_to (cr, virtual_width (self) - MARGIN, virtual_height (self) - MARGIN - 14);
  cairo_stroke (cr);
}

static void
draw_table_row (cairo_t            *cr,
                Block              *b,
                const char * const *cells,
                const char         *font,
                double              x,
                double              y,
                double              width,
                double              height,
                gboolean            header)
{
  double cx = x;

  if (header)
    {
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.94);
      cairo_rectangle (cr, x, y, width, height);
      cairo_fill (cr);
    }
  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
  for (guint c = 0; c < b->n_columns && cells[c]; c++)
    {
      double w = width * b->widths[c];

      draw_text (cr, cells[c], font, cx + CELL_PAD, y + CELL_PAD, w - 2 * CELL_PAD, PANGO_ALIGN_LEFT);
      cx += w;
    }
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.82);
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, x, y + height);
  cairo_line_to (cr, x + width, y + height);
  cairo_stroke (cr);
}

static void
draw_placement (LsDocument      *self,
                cairo_t         *cr,
                const Placement *p)
{
  Block *b = g_ptr_array_index (self->blocks, p->block);
  double width = ls_document_get_content_width (self);
  double x = MARGIN, y = MARGIN + BAND + p->y;

  ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);

  switch (b->kind)
    {
    case BLOCK_FIELD:
      ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
      draw_text (cr, b->label, "Cantarell Bold 10", x, y, FIELD_LABEL - 8, PANGO_ALIGN_LEFT);
      ls_render_style_set_color (cr, LS_STYLE_COLOR_FOREGROUND);
      draw_text (cr, b->text, block_font (b->kind), x + FIELD_LABEL, y, width - FIELD_LABEL, PANGO_ALIGN_LEFT);
      break;

    case BLOCK_BULLET:
      draw_text (cr, "•", block_font (b->kind), x + 2, y, 10, PANGO_ALIGN_LEFT);
      draw_text (cr, b->text, block_font (b->kind), x + 14, y, width - 14, PANGO_ALIGN_LEFT);
      break;

    case BLOCK_NOTE:
      ls_render_style_set_color (cr, LS_STYLE_COLOR_MUTED);
      draw_text (cr, b->text, block_font (b->kind), x, y, width, PANGO_ALIGN_LEFT);
      break;

    case BLOCK_TABLE:
      {
        /* p->y is where this run of rows ends; draw from the top down. */
        double head = table_row_height (cr, b, (const char * const *) b->header, "Cantarell Bold 9", width);
        double top = y;

        for (guint r = p->first_row; r < p->last_row; r++)
          top -= table_row_height (cr, b, g_ptr_array_index (b->rows, r), "Cantarell 9", width);
        top -= head;
        draw_table_row (cr, b, (const char * const *) b->header, "Cantarell Bold 9", x, top, width, head, TRUE);
        top += head;
        for (guint r = p->first_row; r < p->last_row; r++)
          {
            const char * const *cells = g_ptr_array_index (b->rows, r);
            double rh = table_row_height (cr, b, cells, "Cantarell 9", width);

            draw_table_row (cr, b, cells, "Cantarell 9", x, top, width, rh, FALSE);
            top += rh;
          }
      }
      break;

    case BLOCK_DRAWING:
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_rectangle (cr, 0, 0, width, b->height);
      cairo_clip (cr);
      b->func (cr, width, b->height, b->data);
      cairo_restore (cr);
      break;

    case BLOCK_PAGE_BREAK:
      break;

    case BLOCK_PARAGRAPH:
      {
        g_autoptr(PangoLayout) layout = make_layout (cr, b->text, block_font (b->kind), width);
        g_autoptr(GArray) ranges = line_ranges (layout);
        double top = g_array_index (ranges, double, 2 * p->first_row);
        double end = g_array_index (ranges, double, 2 * (p->last_row - 1) + 1);

        cairo_save (cr);
        cairo_rectangle (cr, x, y, width, end - top);
        cairo_clip (cr);
        cairo_move_to (cr, x, y - top);
        pango_cairo_show_layout (cr, layout);
        cairo_restore (cr);
      }
      break;

    case BLOCK_HEADING:
    case BLOCK_SUBHEADING:
    default:
      draw_text (cr, b->text, block_font (b->kind), x, y, width, PANGO_ALIGN_LEFT);
      break;
    }
}

gboolean
ls_document_write_pdf (LsDocument  *self,
                       const char  *path,
                       GError     **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  guint page = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, self->page_width, self->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->subject)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, self->subject);
  if (self->author)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->author);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Linesight " PACKAGE_VERSION);
  cr = cairo_create (surface);
  cairo_scale (cr, self->scale, self->scale);

  paginate (self, cr);

  draw_bands (self, cr, 0);
  for (guint i = 0; i < self->placements->len; i++)
    {
      const Placement *p = &g_array_index (self->placements, Placement, i);

      while (page < p->page)
        {
          cairo_show_page (cr);
          page++;
          draw_bands (self, cr, page);
        }
      draw_placement (self, cr, p);
    }
  while (page + 1 < self->n_pages)
    {
      cairo_show_page (cr);
      page++;
      draw_bands (self, cr, page);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot write “%s”: %s", display, cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
