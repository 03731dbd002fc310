/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsCsvReader: libcsv fed one physical line (or part of one) at a time,
 * so that every field knows the line it starts on even when quoted fields
 * hold newlines. Bytes pass through three stages per chunk: the SHA-256 of
 * the file as it is on disk, decoding to UTF-8, and parsing. */
#define G_LOG_DOMAIN "ls-csv-reader"
#include "config.h"

#include <csv.h>
#include <nettle/sha2.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "ls-csv-reader.h"
#include "ls-import-values.h"

/* libcsv's parser states (libcsv.c); the struct is public, these are not. */
#define LIBCSV_ROW_NOT_BEGUN          0
#define LIBCSV_FIELD_NOT_BEGUN        1
#define LIBCSV_FIELD_BEGUN            2
#define LIBCSV_FIELD_MIGHT_HAVE_ENDED 3

#define CHUNK_SIZE (64 * 1024)
#define MAX_ROW_BYTES (8 * 1024 * 1024)
/* How much text the delimiter may be sniffed from if no line ends sooner. */
#define SNIFF_MAX (1024 * 1024)

typedef enum {
  ENCODING_UNKNOWN,
  ENCODING_UTF8,
  ENCODING_UTF8_BOM,
  ENCODING_CP1252,
  ENCODING_UTF16LE,
  ENCODING_UTF16BE,
  ENCODING_UTF32LE,
  ENCODING_UTF32BE,
} Encoding;

static const char * const encoding_names[] = {
  [ENCODING_UNKNOWN] = "unknown",
  [ENCODING_UTF8] = "UTF-8",
  [ENCODING_UTF8_BOM] = "UTF-8 with BOM",
  [ENCODING_CP1252] = "Windows-1252",
  [ENCODING_UTF16LE] = "UTF-16LE",
  [ENCODING_UTF16BE] = "UTF-16BE",
  [ENCODING_UTF32LE] = "UTF-32LE",
  [ENCODING_UTF32BE] = "UTF-32BE",
};

struct _LsCsvReader
{
  GInputStream      *stream;
  goffset            size;
  goffset            consumed;
  struct sha256_ctx  sha;
  char              *sha_hex;

  struct csv_parser  parser;
  gboolean           parser_ready;
  char               delimiter;

  Encoding           encoding;
  GIConv             conv;
  gboolean           seen_non_ascii;
  guint8             carry[8];
  gsize              n_carry;
  GString           *text;

  GString           *row_buf;
  GArray            *offsets;
  GArray            *lengths;
  GArray            *lines;
  GPtrArray         *ptrs;

  gint64             line;
  char               last_byte;
  gint64             seg_line;
  gboolean           seg_continuing;
  gboolean           seg_completed;
  gint64             field_line;
  gint64             row_line;

  LsCsvRowFunc       func;
  gpointer           user_data;
  GError            *error;
  gboolean           stop;
  gint64             err_line;
  gint64             err_column;
};

LsCsvReader *
ls_csv_reader_new (GInputStream *stream,
                   goffset       size)
{
  LsCsvReader *self = g_new0 (LsCsvReader, 1);

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self->stream = g_object_ref (stream);
  self->size = size;
  sha256_init (&self->sha);
  self->conv = (GIConv) -1;
  self->text = g_string_sized_new (CHUNK_SIZE * 2);
  self->row_buf = g_string_sized_new (1024);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->lines = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->ptrs = g_ptr_array_new ();
  self->line = 1;
  self->row_line = 1;
  self->field_line = 1;

  return self;
}

void
ls_csv_reader_free (LsCsvReader *self)
{
  if (self == NULL)
    return;

  if (self->parser_ready)
    csv_free (&self->parser);
  if (self->conv != (GIConv) -1)
    g_iconv_close (self->conv);
  g_clear_object (&self->stream);
  g_free (self->sha_hex);
  g_string_free (self->text, TRUE);
  g_string_free (self->row_buf, TRUE);
  g_array_unref (self->offsets);
  g_array_unref (self->lengths);
  g_array_unref (self->lines);
  g_ptr_array_unref (self->ptrs);
  g_clear_error (&self->error);
  g_free (self);
}

void
ls_csv_reader_set_delimiter (LsCsvReader *self,
                             char         delimiter)
{
  self->delimiter = delimiter;
}

char
ls_csv_reader_get_delimiter (LsCsvReader *self)
{
  return self->delimiter;
}

const char *
ls_csv_reader_get_encoding (LsCsvReader *self)
{
  return encoding_names[self->encoding];
}

char *
ls_csv_reader_dup_sha256 (LsCsvReader *self)
{
  if (self->sha_hex == NULL)
    {
      guint8 digest[SHA256_DIGEST_SIZE];

      sha256_digest (&self->sha, sizeof digest, digest);
      self->sha_hex = g_malloc (2 * SHA256_DIGEST_SIZE + 1);
      for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
        g_snprintf (self->sha_hex + 2 * i, 3, "%02x", digest[i]);
    }

  return g_strdup (self->sha_hex);
}

gint64
ls_csv_reader_get_line (LsCsvReader *self)
{
  return self->line;
}

void
ls_csv_reader_get_error_position (LsCsvReader *self,
                                  gint64      *line,
                                  gint64      *column)
{
  *line = self->err_line;
  *column = self->err_column;
}

G_GNUC_PRINTF (4, 5) static gboolean
reader_fail (LsCsvReader  *self,
             GError      **error,
             gint64        line,
             const char   *format,
             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  self->err_line = line;
  self->err_column = self->offsets->len + 1;
  g_set_error_literal (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_NOT_CSV, message);
  return FALSE;
}

/* ---- rows ---- */

static void
reset_row (LsCsvReader *self)
{
  g_string_truncate (self->row_buf, 0);
  g_array_set_size (self->offsets, 0);
  g_array_set_size (self->lengths, 0);
  g_array_set_size (self->lines, 0);
}

static void
on_field (void   *data,
          size_t  len,
          void   *user_data)
{
  LsCsvReader *self = user_data;
  gint64 line = self->seg_continuing && !self->seg_completed ? self->field_line : self->seg_line;
  gsize offset = self->row_buf->len;

  self->seg_completed = TRUE;
  if (self->error != NULL || self->stop)
    return;

  if (self->offsets->len == 0)
    self->row_line = line;

  if (self->offsets->len >= LS_CSV_MAX_COLUMNS)
    {
      reader_fail (self, &self->error, line,
                   _("more than %d columns in one row; this does not look like an export of "
                     "phone or case data"), LS_CSV_MAX_COLUMNS);
      return;
    }
  if (self->row_buf->len + len > MAX_ROW_BYTES)
    {
      reader_fail (self, &self->error, self->row_line,
                   _("a row longer than %d MB; a quote is probably missing"), MAX_ROW_BYTES >> 20);
      return;
    }

  /* Excel's way of keeping a number's leading zero, ="07700 900123",
   * written inside quotes (the quotes doubled): the text is what is
   * meant. Unquoted, it is caught in feed_segment. */
  if (len >= 3 && ((const char *) data)[0] == '=' && ((const char *) data)[1] == '"' &&
      ((const char *) data)[len - 1] == '"' && memchr ((const char *) data + 2, '"', len - 3) == NULL)
    {
      data = (char *) data + 2;
      len -= 3;
    }

  g_string_append_len (self->row_buf, data ? data : "", len);
  g_string_append_c (self->row_buf, '\0');
  g_array_append_val (self->offsets, offset);
  g_array_append_val (self->lengths, len);
  g_array_append_val (self->lines, line);
}

static void
on_row (int   c,
        void *user_data)
{
  LsCsvReader *self = user_data;
  LsCsvRow row;

  if (self->error != NULL || self->stop)
    {
      reset_row (self);
      return;
    }

  g_ptr_array_set_size (self->ptrs, self->offsets->len);
  for (guint i = 0; i < self->offsets->len; i++)
    self->ptrs->pdata[i] = self->row_buf->str + g_array_index (self->offsets, gsize, i);

  row.n_fields = self->offsets->len;
  row.fields = (const char **) self->ptrs->pdata;
  row.lengths = (const gsize *) (gpointer) self->lengths->data;
  row.lines = (const gint64 *) (gpointer) self->lines->data;
  row.line = self->row_line;

  if (!self->func (&row, self->user_data, &self->error) && self->error == NULL)
    self->stop = TRUE;

  reset_row (self);
}

/* ---- parsing ---- */

static gboolean
in_field (LsCsvReader *self)
{
  return self->parser.pstate == LIBCSV_FIELD_BEGUN ||
         self->parser.pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED;
}

static gboolean
feed_segment (LsCsvReader  *self,
              const char   *s,
              gsize         len,
              GError      **error)
{
  gsize done;
  int state_before = self->parser.pstate;

  if (len == 0)
    return TRUE;

  self->seg_line = self->line;
  self->seg_continuing = in_field (self);
  self->seg_completed = FALSE;

  done = csv_parse (&self->parser, s, len, on_field, on_row, self);

  /* Excel's ="07700 900123" unquoted: the strict parser stops at the
   * quote after the "=". Read it as the quoted field "07700 900123". */
  while (done < len && self->error == NULL && !self->stop &&
         csv_error (&self->parser) == CSV_EPARSE &&
         self->parser.pstate == LIBCSV_FIELD_BEGUN && !self->parser.quoted &&
         self->parser.entry_pos == 1 && self->parser.entry_buf[0] == '=' && s[done] == '"')
    {
      self->parser.entry_pos = 0;
      self->parser.quoted = 1;
      self->parser.spaces = 0;
      self->parser.status = 0;
      done += 1 + csv_parse (&self->parser, s + done + 1, len - done - 1, on_field, on_row, self);
    }

  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  if (self->stop)
    return TRUE;

  if (done < len)
    {
      gint64 line = self->seg_line;

      (void) state_before;
      if (csv_error (&self->parser) != CSV_EPARSE)
        return reader_fail (self, error, line, _("out of memory reading the file"));
      if (self->parser.pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED)
        return reader_fail (self, error, line,
                            _("text after the closing quote of a quoted field; a quote inside "
                              "a quoted field must be doubled (\"\")"));
      return reader_fail (self, error, line,
                          _("a quote (\") inside a field that does not start with one; quote "
                            "the whole field and double the quote (\"\")"));
    }

  if (in_field (self))
    {
      if (!self->seg_continuing || self->seg_completed)
        self->field_line = self->seg_line;
      if (self->parser.entry_pos > LS_CSV_MAX_FIELD)
        return reader_fail (self, error, self->field_line,
                            _("a field longer than %d MB; a closing quote is probably missing"),
                            LS_CSV_MAX_FIELD >> 20);
    }

  return TRUE;
}

/* Splits decoded text at line ends, counting physical lines: "\n", "\r\n"
 * and a lone "\r" each end one. */
static gboolean
feed_text (LsCsvReader  *self,
           const char   *text,
           gsize         len,
           GError      **error)
{
  const char *p = text;
  const char *end = text + len;
  const char *seg = text;

  for (; p < end && !self->stop; p++)
    {
      guchar c;

      /* Eight bytes at a time past plain text: none below 0x20. */
      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, 8);
          if (((w - G_GUINT64_CONSTANT (0x2020202020202020)) & ~w &
               G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
            break;
          p += 8;
        }
      if (p >= end)
        break;

      c = (guchar) *p;
      if (G_LIKELY (c >= 0x20 || c == '\t'))
        continue;

      if (c == '\n' || c == '\r')
        {
          char prev = p > text ? p[-1] : self->last_byte;

          if (!feed_segment (self, seg, p + 1 - seg, error))
            return FALSE;
          seg = p + 1;
          if (c == '\r' || prev != '\r')
            self->line++;
          continue;
        }

      if (!feed_segment (self, seg, p - seg, error))
        return FALSE;
      return reader_fail (self, error, self->line,
                          _("the file contains binary data (a byte 0x%02x), not text; "
                            "is it really a CSV export?"), c);
    }

  if (!self->stop && !feed_segment (self, seg, end - seg, error))
    return FALSE;
  if (len > 0)
    self->last_byte = end[-1];

  return TRUE;
}

/* The header line decides the delimiter: whichever of comma, semicolon,
 * tab and bar it holds most of, outside quotes. */
static char
sniff_delimiter (const char *text,
                 gsize       len)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r'))
        break;
      else if (!quoted)
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          if (c == candidates[k])
            counts[k]++;
    }

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > best_count)
      {
        best = candidates[k];
        best_count = counts[k];
      }

  return best;
}

static gboolean
has_line_end (const char *text,
              gsize       len)
{
  return memchr (text, '\n', len) != NULL || memchr (text, '\r', len) != NULL;
}

static void
start_parser (LsCsvReader *self)
{
  csv_init (&self->parser, CSV_STRICT | CSV_STRICT_FINI);
  csv_set_blk_size (&self->parser, 16384);
  csv_set_delim (&self->parser, (unsigned char) self->delimiter);
  self->parser_ready = TRUE;
}

/* ---- decoding ---- */

static void
detect_encoding (LsCsvReader   *self,
                 const guint8  *b,
                 gsize          n,
                 gsize         *skip)
{
  const char *iconv_name = NULL;

  *skip = 0;
  if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
    {
      self->encoding = ENCODING_UTF8_BOM;
      *skip = 3;
    }
  else if (n >= 4 && b[0] == 0xff && b[1] == 0xfe && b[2] == 0 && b[3] == 0)
    self->encoding = ENCODING_UTF32LE, *skip = 4, iconv_name = "UTF-32LE";
  else if (n >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xfe && b[3] == 0xff)
    self->encoding = ENCODING_UTF32BE, *skip = 4, iconv_name = "UTF-32BE";
  else if (n >= 2 && b[0] == 0xff && b[1] == 0xfe)
    self->encoding = ENCODING_UTF16LE, *skip = 2, iconv_name = "UTF-16LE";
  else if (n >= 2 && b[0] == 0xfe && b[1] == 0xff)
    self->encoding = ENCODING_UTF16BE, *skip = 2, iconv_name = "UTF-16BE";
  else if (n >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0)
    self->encoding = ENCODING_UTF16LE, iconv_name = "UTF-16LE";
  else if (n >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)
    self->encoding = ENCODING_UTF16BE, iconv_name = "UTF-16BE";
  else
    self->encoding = ENCODING_UTF8;

  if (iconv_name != NULL)
    self->conv = g_iconv_open ("UTF-8", iconv_name);
}

static gboolean
has_non_ascii (const guint8 *b,
               gsize         n)
{
  gsize i = 0;

  /* Eight bytes at a time: export files are nearly all plain ASCII. */
  for (; i + 8 <= n; i += 8)
    {
      guint64 w;

      memcpy (&w, b + i, 8);
      if (w & G_GUINT64_CONSTANT (0x8080808080808080))
        return TRUE;
    }
  for (; i < n; i++)
    if (b[i] & 0x80)
      return TRUE;
  return FALSE;
}

/* Converts with iconv, keeping an incomplete character for the next
 * chunk. Returns FALSE with @deferred set for bytes that are no character
 * at all; the text before them has been appended. */
static void
decode_iconv (LsCsvReader   *self,
              const guint8  *in,
              gsize          len,
              gboolean       last,
              GError       **deferred)
{
  char *inp = (char *) in;
  gsize inleft = len;

  while (inleft > 0)
    {
      gsize old_len = self->text->len;
      gsize room = inleft * 4 + 16;
      char *outp;
      gsize outleft = room;
      gsize r;

      g_string_set_size (self->text, old_len + room);
      outp = self->text->str + old_len;
      r = g_iconv (self->conv, &inp, &inleft, &outp, &outleft);
      g_string_set_size (self->text, old_len + (room - outleft));

      if (r != (gsize) -1)
        break;
      if (errno == E2BIG)
        continue;
      if (errno == EINVAL && !last && inleft < sizeof self->carry)
        {
          memcpy (self->carry, inp, inleft);
          self->n_carry = inleft;
          return;
        }
      if (errno == EINVAL)
        {
          g_set_error (deferred, LS_IMPORT_ERROR, LS_IMPORT_ERROR_NOT_CSV,
                       _("the file ends in the middle of a character; it may have been cut short"));
          return;
        }
      g_set_error (deferred, LS_IMPORT_ERROR, LS_IMPORT_ERROR_NOT_CSV,
                   _("byte 0x%02x is not a character in %s; the file is damaged or not text"),
                   (guint8) *inp, encoding_names[self->encoding]);
      return;
    }
}

/* UTF-8 unless proven otherwise. A file that turns out not to be UTF-8
 * after only plain ASCII so far is Windows-1252 (Excel's "CSV"), and the
 * ASCII already read means the same in both; one that has already shown
 * UTF-8 characters is refused rather than garbled. */
static void
decode (LsCsvReader   *self,
        const guint8  *data,
        gsize          len,
        gboolean       last,
        GError       **deferred)
{
  g_autofree guint8 *joined = NULL;
  const char *valid_end;

  if (self->n_carry > 0)
    {
      joined = g_malloc (self->n_carry + len);
      memcpy (joined, self->carry, self->n_carry);
      memcpy (joined + self->n_carry, data, len);
      data = joined;
      len += self->n_carry;
      self->n_carry = 0;
    }

  if (self->conv != (GIConv) -1)
    {
      decode_iconv (self, data, len, last, deferred);
      return;
    }

  /* Plain ASCII is valid UTF-8, and quicker to see. */
  if (!has_non_ascii (data, len))
    {
      g_string_append_len (self->text, (const char *) data, len);
      return;
    }

  if (g_utf8_validate_len ((const char *) data, len, &valid_end))
    {
      if (!self->seen_non_ascii)
        self->seen_non_ascii = has_non_ascii (data, len);
      g_string_append_len (self->text, (const char *) data, len);
      return;
    }

  {
    gsize good = (const guint8 *) valid_end - data;
    gsize rest = len - good;

    if (!last && rest < 4 &&
        g_utf8_get_char_validated (valid_end, rest) == (gunichar) -2)
      {
        if (!self->seen_non_ascii)
          self->seen_non_ascii = has_non_ascii (data, good);
        g_string_append_len (self->text, (const char *) data, good);
        memcpy (self->carry, valid_end, rest);
        self->n_carry = rest;
        return;
      }

    if (self->encoding == ENCODING_UTF8 && !self->seen_non_ascii && !has_non_ascii (data, good))
      {
        self->encoding = ENCODING_CP1252;
        self->conv = g_iconv_open ("UTF-8", "WINDOWS-1252");
        decode_iconv (self, data, len, last, deferred);
        return;
      }

    g_string_append_len (self->text, (const char *) data, good);
    g_set_error (deferred, LS_IMPORT_ERROR, LS_IMPORT_ERROR_NOT_CSV,
                 _("this line is not valid UTF-8 (byte 0x%02x), but the file is UTF-8 "
                   "before it; save the file again as “CSV UTF-8” and import that"),
                 (guint8) *valid_end);
  }
}

static gboolean
process_text (LsCsvReader  *self,
              gboolean      last,
              GError      **error)
{
  if (!self->parser_ready)
    {
      if (!last && self->text->len < SNIFF_MAX && !has_line_end (self->text->str, self->text->len))
        return TRUE;
      if (self->delimiter == '\0')
        self->delimiter = sniff_delimiter (self->text->str, self->text->len);
      start_parser (self);
    }

  if (!feed_text (self, self->text->str, self->text->len, error))
    return FALSE;
  g_string_truncate (self->text, 0);
  return TRUE;
}

static gboolean
finish (LsCsvReader  *self,
        GError      **error)
{
  if (self->stop)
    return TRUE;

  if (self->parser.pstate == LIBCSV_FIELD_BEGUN && self->parser.quoted)
    return reader_fail (self, error, self->field_line,
                        _("a quoted field starts here but its closing quote (\") is missing"));

  csv_fini (&self->parser, on_field, on_row, self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }

  return TRUE;
}

gboolean
ls_csv_reader_read (LsCsvReader    *self,
                    LsCsvRowFunc    func,
                    gpointer        user_data,
                    LsProgressFunc  progress,
                    gpointer        progress_data,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autofree guint8 *buf = g_malloc (CHUNK_SIZE);
  gboolean first = TRUE;

  self->func = func;
  self->user_data = user_data;

  for (;;)
    {
      g_autoptr(GError) deferred = NULL;
      gsize n = 0, skip = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!g_input_stream_read_all (self->stream, buf, CHUNK_SIZE, &n, cancellable, error))
        return FALSE;

      sha256_update (&self->sha, n, buf);
      self->consumed += n;
      if (first && n > 0)
        {
          detect_encoding (self, buf, n, &skip);
          first = FALSE;
        }

      decode (self, buf + skip, n - skip, n == 0, &deferred);
      if (!process_text (self, n == 0 && deferred == NULL, error))
        return FALSE;
      if (deferred != NULL)
        {
          self->err_line = self->line;
          self->err_column = self->offsets->len + 1;
          g_propagate_error (error, g_steal_pointer (&deferred));
          return FALSE;
        }
      if (self->stop)
        return TRUE;

      if (progress != NULL && self->size > 0)
        progress (MIN (1.0, (double) self->consumed / (double) self->size), progress_data);

      if (n == 0)
        break;
    }

  if (self->n_carry > 0)
    return reader_fail (self, error, self->line,
                        _("the file ends in the middle of a character; it may have been cut short"));

  if (!self->parser_ready)
    return TRUE;

  return finish (self, error);
}
