/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case file's schema, as a list of forward migrations: version N is
 * reached by running steps 1..N in order, so a new file and an old file
 * brought forward end with the same tables. */
#define G_LOG_DOMAIN "ls-case-schema"
#include "config.h"

#include "ls-case.h"

/* Version 1: the evidence tables and their provenance. */
static const char schema_v1[] =
  "CREATE TABLE case_meta ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL);"
  "CREATE TABLE imports ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  file_name TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  imported_at INTEGER NOT NULL,"
  "  user TEXT,"
  "  mapping TEXT,"
  "  rows_imported INTEGER NOT NULL DEFAULT 0,"
  "  rows_duplicate INTEGER NOT NULL DEFAULT 0,"
  "  rows_skipped INTEGER NOT NULL DEFAULT 0,"
  "  warnings INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE people ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  aliases TEXT,"
  "  dob TEXT,"
  "  gender TEXT,"
  "  address TEXT,"
  "  lat REAL,"
  "  lon REAL,"
  "  vulnerable INTEGER NOT NULL DEFAULT 0,"
  "  notes TEXT,"
  "  import_id INTEGER REFERENCES imports(id),"
  "  source_line INTEGER);"
  "CREATE UNIQUE INDEX people_by_name ON people(name);"
  "CREATE TABLE phones ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE,"
  "  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,"
  "  notes TEXT,"
  "  import_id INTEGER REFERENCES imports(id),"
  "  source_line INTEGER);"
  "CREATE INDEX phones_by_person ON phones(person_id);"
  "CREATE TABLE cells ("
  "  id INTEGER PRIMARY KEY,"
  "  cell_ref TEXT NOT NULL UNIQUE,"
  "  name TEXT,"
  "  lat REAL,"
  "  lon REAL,"
  "  easting REAL,"
  "  northing REAL,"
  "  azimuth REAL,"
  "  import_id INTEGER REFERENCES imports(id),"
  "  source_line INTEGER);"
  "CREATE TABLE handsets ("
  "  id INTEGER PRIMARY KEY,"
  "  imei TEXT NOT NULL,"
  "  imsi TEXT,"
  "  phone_id INTEGER REFERENCES phones(id),"
  "  first_seen INTEGER,"
  "  last_seen INTEGER,"
  "  import_id INTEGER REFERENCES imports(id),"
  "  source_line INTEGER);"
  "CREATE UNIQUE INDEX handsets_by_imei ON handsets(imei, phone_id);"
  "CREATE INDEX handsets_by_phone ON handsets(phone_id);"
  /* caller_id or callee_id NULL means withheld. fingerprint is a hash of
   * the call's content, so the same row imported twice is seen as one
   * (its unique index is gone again in version 4). */
  "CREATE TABLE calls ("
  "  id INTEGER PRIMARY KEY,"
  "  start INTEGER NOT NULL,"
  "  caller_id INTEGER REFERENCES phones(id),"
  "  callee_id INTEGER REFERENCES phones(id),"
  "  kind INTEGER NOT NULL,"
  "  duration INTEGER NOT NULL DEFAULT 0,"
  "  cell_id INTEGER REFERENCES cells(id),"
  "  imei TEXT,"
  "  imsi TEXT,"
  "  fingerprint INTEGER NOT NULL,"
  "  import_id INTEGER REFERENCES imports(id),"
  "  source_line INTEGER);"
  "CREATE UNIQUE INDEX calls_by_fingerprint ON calls(fingerprint);"
  "CREATE INDEX calls_by_start ON calls(start);"
  "CREATE INDEX calls_by_caller ON calls(caller_id, start);"
  "CREATE INDEX calls_by_callee ON calls(callee_id, start);"
  "CREATE TABLE events ("
  "  id INTEGER PRIMARY KEY,"
  "  start INTEGER NOT NULL,"
  "  end INTEGER,"
  "  person_id INTEGER REFERENCES people(id),"
  "  kind TEXT NOT NULL,"
  "  place TEXT,"
  "  lat REAL,"
  "  lon REAL,"
  "  text TEXT,"
  "  source TEXT,"
  "  fingerprint INTEGER NOT NULL,"
  "  import_id INTEGER REFERENCES imports(id),"
  "  source_line INTEGER);"
  "CREATE UNIQUE INDEX events_by_fingerprint ON events(fingerprint);"
  "CREATE INDEX events_by_start ON events(start);"
  "CREATE INDEX events_by_person ON events(person_id, start);"
  "CREATE TABLE mappings ("
  "  name TEXT PRIMARY KEY NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  mapping TEXT NOT NULL);";

/* Version 2: safeguarding, the audit log and caches of derived data. */
static const char schema_v2[] =
  "CREATE TABLE referrals ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL DEFAULT 'not-reviewed',"
  "  agency TEXT,"
  "  reference TEXT,"
  "  date TEXT,"
  "  recorded_by TEXT,"
  "  notes TEXT,"
  "  reviewed_risk TEXT,"
  "  updated_at INTEGER);"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  user TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  subject TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  details TEXT);"
  "CREATE TABLE layout_cache ("
  "  layout TEXT NOT NULL,"
  "  range_from INTEGER NOT NULL,"
  "  range_to INTEGER NOT NULL,"
  "  node_key TEXT NOT NULL,"
  "  x REAL NOT NULL,"
  "  y REAL NOT NULL,"
  "  pinned INTEGER NOT NULL DEFAULT 0,"
  "  data_version INTEGER NOT NULL,"
  "  PRIMARY KEY (layout, range_from, range_to, node_key));"
  "CREATE TABLE analysis_cache ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  data_version INTEGER NOT NULL,"
  "  result TEXT NOT NULL);";

/* Version 3: requests for data to communications providers, with their
 * status history, and the outcomes of the operation. */
static const char schema_v3[] =
  "CREATE TABLE requests ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at INTEGER NOT NULL,"
  "  created_by TEXT NOT NULL,"
  "  subject TEXT NOT NULL,"
  "  identifiers TEXT NOT NULL,"
  "  data_kinds TEXT NOT NULL,"
  "  period_from INTEGER,"
  "  period_to INTEGER,"
  "  provider TEXT NOT NULL,"
  "  priority TEXT NOT NULL,"
  "  urgent_reason TEXT,"
  "  justification TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'draft',"
  "  import_id INTEGER REFERENCES imports(id));"
  "CREATE TABLE request_history ("
  "  id INTEGER PRIMARY KEY,"
  "  request_id INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,"
  "  status TEXT NOT NULL,"
  "  date TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  user TEXT NOT NULL,"
  "  note TEXT);"
  "CREATE INDEX request_history_by_request ON request_history(request_id, at);"
  "CREATE TABLE outcomes ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  date TEXT NOT NULL,"
  "  line TEXT,"
  "  person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,"
  "  quantity REAL,"
  "  unit TEXT,"
  "  source TEXT,"
  "  notes TEXT,"
  "  recorded_at INTEGER NOT NULL,"
  "  recorded_by TEXT NOT NULL);";

/* Version 4: no unique index of the calls' fingerprints. A call is the
 * same as one already in the case when a call at the same second has its
 * fingerprint, which the index of start times finds; a big import finds
 * them in a hash set instead. One index fewer to build is a quarter less
 * work at the end of an import of a million calls. */
static const char schema_v4[] =
  "DROP INDEX IF EXISTS calls_by_fingerprint;";

static const char * const steps[] = {
  NULL,
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
};

G_STATIC_ASSERT (G_N_ELEMENTS (steps) == LS_CASE_SCHEMA_VERSION + 1);

/* The tables a case of the current version holds, and nothing else may be
 * in sqlite_schema but their indexes: no views or triggers, which could make
 * a case file run SQL of someone else's when we write to it. */
static const char * const expected_tables[] = {
  "case_meta", "imports", "people", "phones", "cells", "handsets", "calls",
  "events", "mappings", "referrals", "audit_log", "layout_cache",
  "analysis_cache", "requests", "request_history", "outcomes",
};

gboolean
ls_case_schema_apply (sqlite3  *db,
                      int       from_version,
                      int       to_version,
                      GError  **error)
{
  g_return_val_if_fail (from_version >= 0, FALSE);
  g_return_val_if_fail (to_version <= LS_CASE_SCHEMA_VERSION, FALSE);

  for (int v = from_version + 1; v <= to_version; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d;", v);

      if (!ls_sqlite_exec (db, steps[v], error) ||
          !ls_sqlite_exec (db, pragma, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
ls_case_schema_check (sqlite3  *db,
                      GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name FROM sqlite_schema", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                   "The case file's schema cannot be read: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *table = (const char *) sqlite3_column_text (stmt, 2);
      gboolean known = FALSE;

      if (g_strcmp0 (type, "table") != 0 && g_strcmp0 (type, "index") != 0)
        {
          g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                       "The case file contains a %s named “%s” that Linesight did not create; "
                       "it has been changed outside Linesight and will not be opened",
                       type, name);
          return FALSE;
        }

      for (guint i = 0; i < G_N_ELEMENTS (expected_tables) && !known; i++)
        known = g_strcmp0 (table, expected_tables[i]) == 0;

      if (!known && !g_str_has_prefix (name, "sqlite_"))
        {
          g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                       "The case file contains a table “%s” that Linesight did not create; "
                       "it has been changed outside Linesight and will not be opened",
                       table);
          return FALSE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                   "The case file is damaged: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}
