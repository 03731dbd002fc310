/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsCase owns one case file: a SQLite database with Linesight's schema.
 * It is the only code that writes SQL to the file (with its companions
 * ls-case-schema.c and ls-case-writer.c); everything else goes through it. */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "ls-types.h"
#include "ls-error.h"

G_BEGIN_DECLS

/* "LnSt": PRAGMA application_id of every Linesight case file. */
#define LS_CASE_APPLICATION_ID 0x4C6E5374
/* PRAGMA user_version this build writes. */
#define LS_CASE_SCHEMA_VERSION 4
#define LS_CASE_EXTENSION ".linesight"
/* The largest single value any connection will read or write. The
 * largest Linesight writes is the cached analysis: about 19 MB for a
 * million calls (9,650 nodes, 6,630 findings). */
#define LS_CASE_MAX_FIELD (64 * 1024 * 1024)
/* The size of a page of a new case file, in bytes. */
#define LS_CASE_PAGE_SIZE 8192
/* How long a connection waits for another to let go of the case. */
#define LS_CASE_BUSY_TIMEOUT_MS 5000

#define LS_TYPE_CASE (ls_case_get_type ())
G_DECLARE_FINAL_TYPE (LsCase, ls_case, LS, CASE, GObject)

typedef struct {
  gint64 people;
  gint64 phones;
  gint64 handsets;
  gint64 calls;
  gint64 cells;
  gint64 events;
  gint64 imports;
  gint64 first_call;   /* unix seconds UTC, or -1 when there are no calls */
  gint64 last_call;
} LsCaseCounts;

LsCase     *ls_case_create            (const char    *path,
                                       const char    *name,
                                       const char    *marking,
                                       GError       **error);
LsCase     *ls_case_open              (const char    *path,
                                       GError       **error);
LsCase     *ls_case_open_or_create    (const char    *path,
                                       GError       **error);
const char *ls_case_get_path          (LsCase        *self);
sqlite3    *ls_case_get_db            (LsCase        *self);
gboolean    ls_case_was_created       (LsCase        *self);
sqlite3    *ls_case_open_reader       (LsCase        *self,
                                       GError       **error);
sqlite3    *ls_case_open_writer       (LsCase        *self,
                                       GError       **error);
char       *ls_case_get_meta          (LsCase        *self,
                                       const char    *key);
gboolean    ls_case_set_meta          (LsCase        *self,
                                       const char    *key,
                                       const char    *value,
                                       GError       **error);
char       *ls_case_dup_name          (LsCase        *self);
gboolean    ls_case_get_counts        (LsCase        *self,
                                       LsCaseCounts  *counts,
                                       GError       **error);
gint64      ls_case_get_data_version  (LsCase        *self);
gboolean    ls_case_exec              (LsCase        *self,
                                       const char    *sql,
                                       GError       **error);
gboolean    ls_case_audit             (LsCase        *self,
                                       const char    *action,
                                       const char    *subject,
                                       const char    *old_value,
                                       const char    *new_value,
                                       const char    *details,
                                       GError       **error);

/* Helpers for the store's own files and for readers on worker threads. */
gboolean    ls_sqlite_exec            (sqlite3       *db,
                                       const char    *sql,
                                       GError       **error);
void        ls_sqlite_set_error       (sqlite3       *db,
                                       GError       **error,
                                       const char    *what);
gint64      ls_sqlite_query_int       (sqlite3       *db,
                                       const char    *sql,
                                       gint64         fallback);
gboolean    ls_case_check_header      (const char    *path,
                                       int           *user_version,
                                       GError       **error);

/* Schema (ls-case-schema.c). */
gboolean    ls_case_schema_apply      (sqlite3       *db,
                                       int            from_version,
                                       int            to_version,
                                       GError       **error);
gboolean    ls_case_schema_check      (sqlite3       *db,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
