/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The fields each kind of import fills, the column headings that name
 * them in real exports, and the matching of a file's header to them. */
#pragma once

#include <glib.h>

#include "ls-types.h"

G_BEGIN_DECLS

#define LS_IMPORT_MAX_FIELDS 16

typedef enum {
  LS_FIELD_TEXT,
  LS_FIELD_DATETIME,
  LS_FIELD_DATETIME_OR_DATE,
  LS_FIELD_DATE,
  LS_FIELD_TIME,
  LS_FIELD_PHONE,
  LS_FIELD_CALL_KIND,
  LS_FIELD_DURATION,
  LS_FIELD_LAT,
  LS_FIELD_LON,
  LS_FIELD_EASTING,
  LS_FIELD_NORTHING,
  LS_FIELD_AZIMUTH,
  LS_FIELD_BOOLEAN,
  LS_FIELD_IMEI,
  LS_FIELD_IMSI,
  LS_FIELD_EVENT_KIND,
  LS_FIELD_DIRECTION,
} LsFieldType;

typedef struct {
  const char         *name;
  const char         *description;
  LsFieldType         type;
  gboolean            required;
  const char * const *synonyms;  /* normalised headings, best first */
} LsImportField;

/* Field positions in each kind's table. */
enum { CALL_DATE, CALL_TIME, CALL_START, CALL_CALLER, CALL_CALLEE, CALL_KIND, CALL_DURATION,
       CALL_CELL, CALL_IMEI, CALL_IMSI, CALL_TARGET, CALL_OTHER, CALL_DIRECTION, N_CALL_FIELDS };
enum { PERSON_NAME, PERSON_ALIASES, PERSON_DOB, PERSON_GENDER, PERSON_ADDRESS, PERSON_LAT,
       PERSON_LON, PERSON_VULNERABLE, PERSON_NOTES, N_PERSON_FIELDS };
enum { PHONE_NUMBER, PHONE_PERSON, PHONE_NOTES, N_PHONE_FIELDS };
enum { HANDSET_IMEI, HANDSET_IMSI, HANDSET_NUMBER, HANDSET_FIRST_SEEN, HANDSET_LAST_SEEN,
       N_HANDSET_FIELDS };
enum { CELL_CELL, CELL_NAME, CELL_LAT, CELL_LON, CELL_EASTING, CELL_NORTHING, CELL_AZIMUTH,
       N_CELL_FIELDS };
enum { EVENT_DATE, EVENT_TIME, EVENT_START, EVENT_END, EVENT_PERSON, EVENT_KIND, EVENT_PLACE,
       EVENT_LAT, EVENT_LON, EVENT_TEXT, EVENT_SOURCE, N_EVENT_FIELDS };

/* Which column (0-based, -1 for none) holds each field of a kind. */
typedef struct {
  LsImportKind kind;
  int          columns[LS_IMPORT_MAX_FIELDS];
  gboolean     utc[LS_IMPORT_MAX_FIELDS];  /* column heading says UTC/GMT */
} LsImportMapping;

const LsImportField *ls_import_fields          (LsImportKind            kind,
                                                guint                  *n_fields);
int                  ls_import_field_find      (LsImportKind            kind,
                                                const char             *name);
char                *ls_import_header_normalise (const char             *header);
void                 ls_import_mapping_guess   (LsImportMapping        *mapping,
                                                LsImportKind            kind,
                                                const char * const     *headers,
                                                guint                   n_headers);
gboolean             ls_import_mapping_apply   (LsImportMapping        *mapping,
                                                const char             *assignment,
                                                const char * const     *headers,
                                                guint                   n_headers,
                                                GError                **error);
gboolean             ls_import_mapping_check   (const LsImportMapping  *mapping,
                                                const char * const     *headers,
                                                guint                   n_headers,
                                                const char * const     *first_row,
                                                guint                   n_first_row,
                                                GError                **error);
char                *ls_import_mapping_to_string (const LsImportMapping *mapping,
                                                const char * const     *headers,
                                                guint                   n_headers);

G_END_DECLS
