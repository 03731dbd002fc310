/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parsing of one value from an imported file: phone numbers, UK dates and
 * times, durations, call kinds. Pure functions, shared by every importer;
 * none allocates on success. On failure the GError's message reads
 * "expected …, found "…"", ready to be prefixed with the file position. */
#pragma once

#include <glib.h>

#include "ls-types.h"

G_BEGIN_DECLS

#define LS_IMPORT_ERROR (ls_import_error_quark ())

typedef enum {
  LS_IMPORT_ERROR_BAD_VALUE,        /* a value that is not what its field holds */
  LS_IMPORT_ERROR_BAD_DATE,
  LS_IMPORT_ERROR_NONEXISTENT_TIME, /* inside the hour skipped when clocks go forward */
  LS_IMPORT_ERROR_BAD_NUMBER,
  LS_IMPORT_ERROR_BAD_DURATION,
  LS_IMPORT_ERROR_BAD_KIND,
  LS_IMPORT_ERROR_NOT_CSV,          /* binary data, broken quoting, mixed encodings */
  LS_IMPORT_ERROR_EMPTY,            /* no header, or a header and no rows */
  LS_IMPORT_ERROR_MAPPING,          /* columns cannot be matched to fields */
  LS_IMPORT_ERROR_INVALID_ROWS,     /* one or more rows were refused */
  LS_IMPORT_ERROR_FAILED,
} LsImportError;

GQuark ls_import_error_quark (void);

/* "+" and at most 15 digits, plus the terminating NUL, with room to spare. */
#define LS_PHONE_NUMBER_MAX 24

typedef enum {
  LS_PHONE_NUMBER_VALID,
  LS_PHONE_NUMBER_WITHHELD,
  LS_PHONE_NUMBER_INVALID,
} LsPhoneNumberResult;

LsPhoneNumberResult ls_phone_number_normalise (const char *text,
                                               char        out[LS_PHONE_NUMBER_MAX]);
gboolean  ls_phone_number_parse   (const char  *text,
                                   char         out[LS_PHONE_NUMBER_MAX],
                                   gboolean    *withheld,
                                   GError     **error);

gboolean  ls_date_parse_uk        (const char  *text,
                                   int         *year,
                                   int         *month,
                                   int         *day,
                                   GError     **error);
gboolean  ls_time_of_day_parse    (const char  *text,
                                   int         *seconds,
                                   GError     **error);
gboolean  ls_datetime_from_local  (int          year,
                                   int          month,
                                   int          day,
                                   int          seconds,
                                   gint64      *utc,
                                   gboolean    *repeated,
                                   GError     **error);
gboolean  ls_datetime_parse_uk    (const char  *text,
                                   gboolean     local_is_utc,
                                   gint64      *utc,
                                   gboolean    *repeated,
                                   GError     **error);
gboolean  ls_datetime_parse_uk_date_ok (const char *text,
                                   gboolean     local_is_utc,
                                   gint64      *utc,
                                   gboolean    *repeated,
                                   GError     **error);
gboolean  ls_duration_parse       (const char  *text,
                                   gint64      *seconds,
                                   GError     **error);
gboolean  ls_call_kind_parse      (const char  *text,
                                   LsCallKind  *kind,
                                   GError     **error);
gboolean  ls_call_kind_is_data    (const char  *text);
gboolean  ls_direction_parse      (const char  *text,
                                   gboolean    *incoming);
gboolean  ls_number_parse         (const char  *text,
                                   double       min,
                                   double       max,
                                   double      *value,
                                   GError     **error);
gboolean  ls_boolean_parse        (const char  *text,
                                   gboolean    *value,
                                   GError     **error);
const char *ls_event_kind_normalise (const char *text);
gboolean  ls_digits_parse         (const char  *text,
                                   guint        min_digits,
                                   guint        max_digits,
                                   const char  *what,
                                   char        *out,
                                   gsize        out_len,
                                   GError     **error);

G_END_DECLS
