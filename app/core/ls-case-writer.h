/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsCaseWriter: one import (or demo generation) as one transaction.
 * Everything added through it carries the import's id and the source line,
 * and nothing is visible to readers until ls_case_writer_commit(). */
#pragma once

#include "ls-case.h"

G_BEGIN_DECLS

/* Times are unix seconds, UTC. Strings may be NULL where optional. */
typedef struct {
  gint64      start;
  const char *caller;     /* E.164, or NULL when withheld */
  const char *callee;     /* E.164, or NULL when withheld */
  LsCallKind  kind;
  gint64      duration;   /* seconds */
  const char *cell;       /* caller's cell reference */
  const char *imei;       /* caller's handset */
  const char *imsi;
  gint64      line;
} LsCallRecord;

typedef struct {
  const char *name;
  const char *aliases;
  const char *dob;        /* YYYY-MM-DD */
  const char *gender;
  const char *address;
  gboolean    has_location;
  double      lat;
  double      lon;
  gboolean    vulnerable;
  const char *notes;
  gint64      line;
} LsPersonRecord;

typedef struct {
  const char *number;     /* E.164 */
  const char *person;     /* name, created if new */
  const char *notes;
  gint64      line;
} LsPhoneRecord;

typedef struct {
  const char *imei;
  const char *imsi;
  const char *number;     /* E.164 or NULL */
  gint64      first_seen; /* -1 when unknown */
  gint64      last_seen;
  gint64      line;
} LsHandsetRecord;

typedef struct {
  const char *cell;
  const char *name;
  gboolean    has_latlon;
  double      lat;
  double      lon;
  gboolean    has_grid;   /* British National Grid */
  double      easting;
  double      northing;
  gboolean    has_azimuth;
  double      azimuth;
  gint64      line;
} LsCellRecord;

typedef struct {
  gint64      start;
  gint64      end;        /* -1 for an instant */
  const char *person;     /* name, created if new; may be NULL */
  const char *kind;
  const char *place;
  gboolean    has_location;
  double      lat;
  double      lon;
  const char *text;
  const char *source;
  gint64      line;
} LsEventRecord;

const char   *ls_import_kind_to_string   (LsImportKind           kind);
gboolean      ls_import_kind_from_string (const char            *str,
                                          LsImportKind          *kind);

LsCaseWriter *ls_case_writer_begin       (LsCase                *kase,
                                          LsImportKind           kind,
                                          const char            *file_name,
                                          const char            *sha256,
                                          const char            *mapping,
                                          GError               **error);
/* For a big import of calls into a case holding fewer: indexes made once
 * at the commit, duplicates found in memory. */
gboolean      ls_case_writer_bulk_load   (LsCaseWriter          *self,
                                          gint64                 expected_calls,
                                          GError               **error);
gint64        ls_case_writer_get_import_id (LsCaseWriter        *self);
gboolean      ls_case_writer_add_call    (LsCaseWriter          *self,
                                          const LsCallRecord    *rec,
                                          gboolean              *added,
                                          GError               **error);
gboolean      ls_case_writer_add_person  (LsCaseWriter          *self,
                                          const LsPersonRecord  *rec,
                                          gboolean              *added,
                                          GError               **error);
gboolean      ls_case_writer_add_phone   (LsCaseWriter          *self,
                                          const LsPhoneRecord   *rec,
                                          gboolean              *added,
                                          GError               **error);
gboolean      ls_case_writer_add_handset (LsCaseWriter          *self,
                                          const LsHandsetRecord *rec,
                                          gboolean              *added,
                                          GError               **error);
gboolean      ls_case_writer_add_cell    (LsCaseWriter          *self,
                                          const LsCellRecord    *rec,
                                          gboolean              *added,
                                          GError               **error);
gboolean      ls_case_writer_add_event   (LsCaseWriter          *self,
                                          const LsEventRecord   *rec,
                                          gboolean              *added,
                                          GError               **error);
void          ls_case_writer_set_tally   (LsCaseWriter          *self,
                                          gint64                 skipped,
                                          gint64                 warnings);
void          ls_case_writer_get_tally   (LsCaseWriter          *self,
                                          gint64                *imported,
                                          gint64                *duplicates);
gboolean      ls_case_writer_commit      (LsCaseWriter          *self,
                                          GError               **error);
void          ls_case_writer_abort       (LsCaseWriter          *self);

G_END_DECLS
