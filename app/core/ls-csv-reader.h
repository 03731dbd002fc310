/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsCsvReader: streams a delimited text file through libcsv, a chunk at a
 * time, and hands each row to a callback with the physical line every
 * field starts on. It sniffs the delimiter and the encoding (UTF-8 with or
 * without BOM, UTF-16/32 with BOM, Windows-1252) and refuses what is not
 * text. It never holds more than one chunk and one row. */
#pragma once

#include <gio/gio.h>

#include "ls-types.h"

G_BEGIN_DECLS

typedef struct _LsCsvReader LsCsvReader;

/* Longest field accepted; anything longer is not a value from a phone
 * export but a file that has lost its quotes. */
#define LS_CSV_MAX_FIELD (1024 * 1024)
#define LS_CSV_MAX_COLUMNS 1000

typedef struct {
  guint          n_fields;
  const char   **fields;   /* UTF-8, NUL-terminated */
  const gsize   *lengths;
  const gint64  *lines;    /* physical line each field starts on */
  gint64         line;     /* physical line the row starts on */
} LsCsvRow;

/* Return FALSE to stop: with @error set to fail, unset to finish early. */
typedef gboolean (*LsCsvRowFunc) (const LsCsvRow  *row,
                                  gpointer         user_data,
                                  GError         **error);

LsCsvReader *ls_csv_reader_new           (GInputStream    *stream,
                                          goffset          size);
void         ls_csv_reader_free          (LsCsvReader     *self);
void         ls_csv_reader_set_delimiter (LsCsvReader     *self,
                                          char             delimiter);
gboolean     ls_csv_reader_read          (LsCsvReader     *self,
                                          LsCsvRowFunc     func,
                                          gpointer         user_data,
                                          LsProgressFunc   progress,
                                          gpointer         progress_data,
                                          GCancellable    *cancellable,
                                          GError         **error);
char         ls_csv_reader_get_delimiter (LsCsvReader     *self);
const char  *ls_csv_reader_get_encoding  (LsCsvReader     *self);
char        *ls_csv_reader_dup_sha256    (LsCsvReader     *self);
gint64       ls_csv_reader_get_line      (LsCsvReader     *self);
void         ls_csv_reader_get_error_position (LsCsvReader *self,
                                          gint64          *line,
                                          gint64          *column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsCsvReader, ls_csv_reader_free)

G_END_DECLS
