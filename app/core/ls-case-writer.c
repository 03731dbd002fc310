/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsCaseWriter: the one path by which evidence enters a case. It holds a
 * write transaction from begin to commit, so a failed, cancelled or killed
 * import leaves the file exactly as it was. */
#define G_LOG_DOMAIN "ls-case-writer"
#include "config.h"

#include <string.h>

#include "ls-case-writer.h"
#include "ls-str-ids.h"
#include "ls-time.h"

enum {
  STMT_CALL,
  STMT_PHONE_FIND,
  STMT_PHONE_NEW,
  STMT_PHONE_UPSERT,
  STMT_PERSON_FIND,
  STMT_PERSON_NEW,
  STMT_PERSON_UPSERT,
  STMT_CELL_FIND,
  STMT_CELL_NEW,
  STMT_CELL_UPSERT,
  STMT_HANDSET_UPSERT,
  STMT_EVENT,
  N_STMTS
};

static const char * const stmt_sql[N_STMTS] = {
  /* Unless a call at the same second has the same fingerprint. */
  [STMT_CALL] =
    "INSERT INTO calls (start, caller_id, callee_id, kind, duration, cell_id, imei, imsi,"
    " fingerprint, import_id, source_line) SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11"
    " WHERE NOT EXISTS (SELECT 1 FROM calls WHERE start = ?1 AND fingerprint = ?9)",
  [STMT_PHONE_FIND] = "SELECT id FROM phones WHERE number = ?",
  [STMT_PHONE_NEW] =
    "INSERT INTO phones (number, import_id, source_line) VALUES (?, ?, ?)",
  [STMT_PHONE_UPSERT] =
    "INSERT INTO phones (number, person_id, notes, import_id, source_line) VALUES (?,?,?,?,?)"
    " ON CONFLICT (number) DO UPDATE SET"
    "  person_id = coalesce (excluded.person_id, person_id),"
    "  notes = coalesce (excluded.notes, notes)"
    " WHERE excluded.person_id IS NOT person_id OR excluded.notes IS NOT notes",
  [STMT_PERSON_FIND] = "SELECT id FROM people WHERE name = ?",
  [STMT_PERSON_NEW] =
    "INSERT INTO people (name, import_id, source_line) VALUES (?, ?, ?)",
  [STMT_PERSON_UPSERT] =
    "INSERT INTO people (name, aliases, dob, gender, address, lat, lon, vulnerable, notes,"
    " import_id, source_line) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (name) DO UPDATE SET"
    "  aliases = coalesce (excluded.aliases, aliases),"
    "  dob = coalesce (excluded.dob, dob),"
    "  gender = coalesce (excluded.gender, gender),"
    "  address = coalesce (excluded.address, address),"
    "  lat = coalesce (excluded.lat, lat),"
    "  lon = coalesce (excluded.lon, lon),"
    "  vulnerable = max (excluded.vulnerable, vulnerable),"
    "  notes = coalesce (excluded.notes, notes),"
    "  import_id = excluded.import_id, source_line = excluded.source_line"
    " WHERE (excluded.aliases IS NOT NULL AND excluded.aliases IS NOT aliases)"
    "  OR (excluded.dob IS NOT NULL AND excluded.dob IS NOT dob)"
    "  OR (excluded.gender IS NOT NULL AND excluded.gender IS NOT gender)"
    "  OR (excluded.address IS NOT NULL AND excluded.address IS NOT address)"
    "  OR (excluded.lat IS NOT NULL AND excluded.lat IS NOT lat)"
    "  OR (excluded.lon IS NOT NULL AND excluded.lon IS NOT lon)"
    "  OR excluded.vulnerable > vulnerable"
    "  OR (excluded.notes IS NOT NULL AND excluded.notes IS NOT notes)",
  [STMT_CELL_FIND] = "SELECT id FROM cells WHERE cell_ref = ?",
  [STMT_CELL_NEW] =
    "INSERT INTO cells (cell_ref, import_id, source_line) VALUES (?, ?, ?)",
  [STMT_CELL_UPSERT] =
    "INSERT INTO cells (cell_ref, name, lat, lon, easting, northing, azimuth, import_id,"
    " source_line) VALUES (?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (cell_ref) DO UPDATE SET"
    "  name = coalesce (excluded.name, name),"
    "  lat = coalesce (excluded.lat, lat), lon = coalesce (excluded.lon, lon),"
    "  easting = coalesce (excluded.easting, easting),"
    "  northing = coalesce (excluded.northing, northing),"
    "  azimuth = coalesce (excluded.azimuth, azimuth),"
    "  import_id = excluded.import_id, source_line = excluded.source_line"
    " WHERE (excluded.name IS NOT NULL AND excluded.name IS NOT name)"
    "  OR (excluded.lat IS NOT NULL AND excluded.lat IS NOT lat)"
    "  OR (excluded.lon IS NOT NULL AND excluded.lon IS NOT lon)"
    "  OR (excluded.easting IS NOT NULL AND excluded.easting IS NOT easting)"
    "  OR (excluded.northing IS NOT NULL AND excluded.northing IS NOT northing)"
    "  OR (excluded.azimuth IS NOT NULL AND excluded.azimuth IS NOT azimuth)",
  [STMT_HANDSET_UPSERT] =
    "INSERT INTO handsets (imei, imsi, phone_id, first_seen, last_seen, import_id, source_line)"
    " VALUES (?,?,?,?,?,?,?)"
    " ON CONFLICT (imei, phone_id) DO UPDATE SET"
    "  imsi = coalesce (excluded.imsi, imsi),"
    "  first_seen = min (coalesce (excluded.first_seen, first_seen), coalesce (first_seen, excluded.first_seen)),"
    "  last_seen = max (coalesce (excluded.last_seen, last_seen), coalesce (last_seen, excluded.last_seen))"
    " WHERE excluded.imsi IS NOT imsi OR excluded.first_seen < first_seen"
    "  OR excluded.last_seen > last_seen",
  [STMT_EVENT] =
    "INSERT INTO events (start, end, person_id, kind, place, lat, lon, text, source,"
    " fingerprint, import_id, source_line) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (fingerprint) DO NOTHING",
};

/* A column's last text on the parsing thread, and its local number. */
typedef struct {
  char   text[24];
  gsize  len;
  gint32 local;       /* -1: none yet */
} LastText;

struct _LsCaseWriter
{
  LsCase       *kase;
  sqlite3      *db;
  LsImportKind  kind;
  gint64        import_id;
  gint64        imported;
  gint64        duplicates;
  gint64        skipped;
  gint64        warnings;
  sqlite3_stmt *stmts[N_STMTS];
  LsStrIds     *phone_ids;   /* number → id */
  LsStrIds     *cell_ids;    /* cell reference → id */
  LsStrIds     *person_ids;  /* name → id */
  GPtrArray    *handsets_seen; /* HandsetSeen, calls imports only */
  LsStrIds     *handset_by_imei; /* IMEI → its place in handset_heads */
  GPtrArray    *handset_heads;   /* the IMEI's HandsetSeen, a list by ->next */
  LsIdSet      *fingerprints; /* bulk load: every call's fingerprint */
  /* Bulk load: the parsing thread numbers the numbers and cells it meets,
   * 0, 1, 2..., and sends each one's text only the first time; the
   * writing thread keeps their ids in the case by those numbers. */
  LsStrIds     *local_numbers;   /* parsing thread */
  LsStrIds     *local_cells;
  LsStrIds     *local_imeis;
  LsStrIds     *local_imsis;
  LastText      last[5];         /* parsing thread: by column, as in a batch */
  GArray       *number_ids;      /* writing thread: gint64 by local number */
  GArray       *cell_ids_local;
  GPtrArray    *imei_texts;      /* writing thread: IMEI by local number, in texts */
  GPtrArray    *imsi_texts;
  GStringChunk *texts;
  GStrv         deferred;     /* bulk load: the SQL of the dropped indexes */
  char         *start_index;  /* bulk load: the SQL of calls_by_start, kept... */
  gboolean      start_index_dropped; /* ...unless the calls come out of time order */
  gboolean      rollback_journal; /* bulk load: out of WAL for the import */
  char         *file_name;    /* for the imports row */
  char         *sha256;
  char         *mapping;

  /* Bulk load: calls are written on a thread of their own while the
   * caller goes on parsing. Batches go round between two queues. */
  GThread      *worker;
  GAsyncQueue  *full;         /* CallBatch to write, then the stop marker */
  GAsyncQueue  *empty;        /* CallBatch written, ready to fill again */
  struct _CallBatch *batch;   /* being filled by the caller */
  GMutex        worker_lock;
  GError       *worker_error; /* the first failure, under worker_lock */
  gint          worker_failed;
  double        worker_cpu;   /* seconds the thread ran, for the debug log */
};

/* One batch of calls on their way to the worker, with the strings they
 * point to copied into one buffer (the parser reuses its own). */
#define BATCH_ROWS 4096
#define N_BATCHES 6
#define N_STRINGS 5

typedef struct _CallBatch {
  LsCallRecord  recs[BATCH_ROWS];
  guint64       fingerprints[BATCH_ROWS];   /* worked out by the parsing thread */
  gint32        local[BATCH_ROWS][N_STRINGS]; /* each string's local number, -1 none */
  gsize         offsets[BATCH_ROWS][N_STRINGS];   /* in text, or G_MAXSIZE for NULL */
  guint         n;
  GString      *text;
} CallBatch;

static CallBatch stop_marker;

static const char * const kind_names[] = {
  [LS_IMPORT_KIND_CALLS] = "calls",
  [LS_IMPORT_KIND_PEOPLE] = "people",
  [LS_IMPORT_KIND_PHONES] = "phones",
  [LS_IMPORT_KIND_HANDSETS] = "handsets",
  [LS_IMPORT_KIND_CELLS] = "cells",
  [LS_IMPORT_KIND_EVENTS] = "events",
};

const char *
ls_import_kind_to_string (LsImportKind kind)
{
  g_return_val_if_fail (kind <= LS_IMPORT_KIND_EVENTS, NULL);

  return kind_names[kind];
}

gboolean
ls_import_kind_from_string (const char   *str,
                            LsImportKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (str, kind_names[i]) == 0)
        {
          *kind = (LsImportKind) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The handsets of one import's calls, gathered as the calls are added
 * rather than by reading them all back at the commit. */
typedef struct _HandsetSeen {
  char   *imei;
  gint64  phone_id;
  char   *imsi;      /* the greatest seen, as max() would give */
  gint64  first_seen;
  gint64  last_seen;
  gint32  imsi_local; /* the local number of imsi in a bulk load, or -1 */
  struct _HandsetSeen *next; /* the IMEI's next (in another phone) */
} HandsetSeen;

static void
handset_seen_free (gpointer data)
{
  HandsetSeen *seen = data;

  g_free (seen->imei);
  g_free (seen->imsi);
  g_free (seen);
}

static void bulk_start (LsCaseWriter *self);
static void bulk_stop (LsCaseWriter *self);

static void
writer_free (LsCaseWriter *self)
{
  bulk_stop (self);
  for (guint i = 0; i < N_STMTS; i++)
    sqlite3_finalize (self->stmts[i]);
  g_clear_pointer (&self->phone_ids, ls_str_ids_free);
  g_clear_pointer (&self->cell_ids, ls_str_ids_free);
  g_clear_pointer (&self->person_ids, ls_str_ids_free);
  g_clear_pointer (&self->handsets_seen, g_ptr_array_unref);
  g_clear_pointer (&self->handset_by_imei, ls_str_ids_free);
  g_clear_pointer (&self->handset_heads, g_ptr_array_unref);
  g_clear_pointer (&self->fingerprints, ls_id_set_free);
  g_clear_pointer (&self->local_numbers, ls_str_ids_free);
  g_clear_pointer (&self->local_cells, ls_str_ids_free);
  g_clear_pointer (&self->local_imeis, ls_str_ids_free);
  g_clear_pointer (&self->local_imsis, ls_str_ids_free);
  g_clear_pointer (&self->number_ids, g_array_unref);
  g_clear_pointer (&self->cell_ids_local, g_array_unref);
  g_clear_pointer (&self->imei_texts, g_ptr_array_unref);
  g_clear_pointer (&self->imsi_texts, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_string_chunk_free);
  g_clear_pointer (&self->deferred, g_strfreev);
  g_clear_pointer (&self->start_index, g_free);
  g_free (self->file_name);
  g_free (self->sha256);
  g_free (self->mapping);
  g_clear_object (&self->kase);
  g_free (self);
}

static gboolean
step_done (LsCaseWriter  *self,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      ls_sqlite_set_error (self->db, error, what);
      return FALSE;
    }

  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           pos,
                   const char   *text)
{
  if (text != NULL && text[0] != '\0')
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, pos);
}

static void
bind_double_if (sqlite3_stmt *stmt,
                int           pos,
                gboolean      has,
                double        value)
{
  if (has)
    sqlite3_bind_double (stmt, pos, value);
  else
    sqlite3_bind_null (stmt, pos);
}

/* Finds the id of a phone, cell or person by its key, creating a bare row
 * when it is new. The cache keeps million-row imports off the index. */
static gboolean
lookup_or_create (LsCaseWriter  *self,
                  LsStrIds      *cache,
                  int            find,
                  int            create,
                  const char    *key,
                  gint64         line,
                  gint64        *id,
                  GError       **error)
{
  sqlite3_stmt *stmt;

  *id = ls_str_ids_lookup (cache, key);
  if (*id >= 0)
    return TRUE;

  stmt = self->stmts[find];
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *id = sqlite3_column_int64 (stmt, 0);
  else
    *id = -1;
  sqlite3_reset (stmt);

  if (*id < 0)
    {
      stmt = self->stmts[create];
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, self->import_id);
      sqlite3_bind_int64 (stmt, 3, line);
      if (!step_done (self, stmt, "Cannot add to the case", error))
        return FALSE;
      *id = sqlite3_last_insert_rowid (self->db);
    }

  ls_str_ids_set (cache, key, *id);
  return TRUE;
}

/* The import's own row, which every row it adds points to. */
static gboolean
record_import (LsCaseWriter  *self,
               GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO imports (kind, file_name, sha256, imported_at, user, mapping)"
                          " VALUES (?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (self->db, error, "Cannot record the import");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, kind_names[self->kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, self->file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, self->sha256 ? self->sha256 : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 5, g_get_user_name (), -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 6, self->mapping);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      ls_sqlite_set_error (self->db, error, "Cannot record the import");
      return FALSE;
    }
  self->import_id = sqlite3_last_insert_rowid (self->db);

  return TRUE;
}

LsCaseWriter *
ls_case_writer_begin (LsCase        *kase,
                      LsImportKind   kind,
                      const char    *file_name,
                      const char    *sha256,
                      const char    *mapping,
                      GError       **error)
{
  LsCaseWriter *self;

  g_return_val_if_fail (LS_IS_CASE (kase), NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  self = g_new0 (LsCaseWriter, 1);
  self->kase = g_object_ref (kase);
  self->db = ls_case_get_db (kase);
  self->kind = kind;
  self->file_name = g_strdup (file_name);
  self->sha256 = g_strdup (sha256);
  self->mapping = g_strdup (mapping);
  self->phone_ids = ls_str_ids_new ();
  self->cell_ids = ls_str_ids_new ();
  self->person_ids = ls_str_ids_new ();
  self->handsets_seen = g_ptr_array_new_with_free_func (handset_seen_free);
  self->handset_by_imei = ls_str_ids_new ();
  self->handset_heads = g_ptr_array_new ();

  if (!ls_sqlite_exec (self->db, "BEGIN IMMEDIATE;", error))
    {
      g_prefix_error (error, "The case is busy (is another import running?): ");
      writer_free (self);
      return NULL;
    }

  for (guint i = 0; i < N_STMTS; i++)
    {
      if (sqlite3_prepare_v3 (self->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                              &self->stmts[i], NULL) != SQLITE_OK)
        {
          ls_sqlite_set_error (self->db, error, "Cannot prepare the import");
          ls_case_writer_abort (self);
          return NULL;
        }
    }

  if (!record_import (self, error))
    {
      ls_case_writer_abort (self);
      return NULL;
    }

  return self;
}

/* In WAL mode every page of a big import is written twice: into the WAL,
 * then into the case at the checkpoint. Into a case this process has just
 * made, with no other connection to it (an import from the command line
 * that creates the case, the demo), the import runs with a rollback
 * journal instead, in which the pages it appends to the file need no
 * journal at all, so they are written once; atomic all the same: a crash
 * leaves a hot journal that takes the case back on the next open. Not in
 * a case that was there before: changing the journal mode rewrites the
 * file's header, and an import that fails must leave such a case byte for
 * byte as it was. The journal mode cannot change inside a transaction, so
 * the one begun (holding only the imports row) is begun again. */
static gboolean
use_rollback_journal (LsCaseWriter  *self,
                      GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!ls_case_was_created (self->kase))
    return TRUE;
  if (!ls_sqlite_exec (self->db, "ROLLBACK;", error))
    return FALSE;

  /* Not to wait for the other connections: they will not go away. */
  sqlite3_busy_timeout (self->db, 0);
  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    self->rollback_journal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_busy_timeout (self->db, LS_CASE_BUSY_TIMEOUT_MS);
  g_debug ("bulk load with %s journal", self->rollback_journal ? "a rollback" : "the WAL");

  if ((self->rollback_journal && !ls_sqlite_exec (self->db, "PRAGMA synchronous = FULL;", error)) ||
      !ls_sqlite_exec (self->db, "BEGIN IMMEDIATE;", error))
    return FALSE;

  return record_import (self, error);
}

/* Back to WAL mode after the transaction, so readers and the writer do
 * not block each other again. */
static void
end_rollback_journal (LsCaseWriter *self)
{
  if (!self->rollback_journal)
    return;
  self->rollback_journal = FALSE;
  ls_sqlite_exec (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", NULL);
}

/* Building an index once over a million new rows is several times faster
 * than updating it a million times at random places, and checking
 * duplicates in a hash set is faster than through the index of start
 * times. So for a big import of calls the table's indexes are dropped
 * inside the import's transaction and made again, from the very SQL the
 * schema made them with, at the commit; a rollback brings them back
 * untouched. */
gboolean
ls_case_writer_bulk_load (LsCaseWriter  *self,
                          gint64         expected_calls,
                          GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) sql = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self->kind == LS_IMPORT_KIND_CALLS, FALSE);

  if (self->deferred != NULL)
    return TRUE;

  if (!use_rollback_journal (self, error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "SELECT name, sql FROM sqlite_schema WHERE type = 'index'"
                                    " AND tbl_name = 'calls' AND sql IS NOT NULL",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *index_sql = (const char *) sqlite3_column_text (stmt, 1);

      /* Calls in time order, as exports nearly always are, go onto the
       * end of the index of start times: it stays, unless the writing
       * thread finds them out of order. */
      if (g_strcmp0 (name, "calls_by_start") == 0)
        {
          self->start_index = g_strdup (index_sql);
          continue;
        }
      g_ptr_array_add (names, g_strdup (name));
      g_strv_builder_add (sql, index_sql);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Room for what the file and the case are expected to hold, up to two
   * million calls (32 MB): EXPECTED_CALLS is a guess from the file's size,
   * and a file of long rows should not reserve memory it never uses. */
  self->fingerprints = ls_id_set_new (MIN (expected_calls +
                                           ls_sqlite_query_int (self->db, "SELECT max(rowid) FROM calls", 0),
                                           2000000));
  if (sqlite3_prepare_v2 (self->db, "SELECT fingerprint FROM calls", -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ls_id_set_add (self->fingerprints, (guint64) sqlite3_column_int64 (stmt, 0));
  g_clear_pointer (&stmt, sqlite3_finalize);

  for (guint i = 0; i < names->len; i++)
    {
      char *drop = sqlite3_mprintf ("DROP INDEX \"%w\"", (char *) names->pdata[i]);
      int rc = sqlite3_exec (self->db, drop, NULL, NULL, NULL);

      sqlite3_free (drop);
      if (rc != SQLITE_OK)
        goto failed;
    }
  self->deferred = g_strv_builder_end (sql);

  /* The set finds the duplicates now: a plain insert. */
  g_clear_pointer (&self->stmts[STMT_CALL], sqlite3_finalize);
  if (sqlite3_prepare_v3 (self->db,
                          "INSERT INTO calls (start, caller_id, callee_id, kind, duration, cell_id,"
                          " imei, imsi, fingerprint, import_id, source_line)"
                          " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                          -1, SQLITE_PREPARE_PERSISTENT, &self->stmts[STMT_CALL], NULL) != SQLITE_OK)
    goto failed;

  bulk_start (self);
  return TRUE;

failed:
  ls_sqlite_set_error (self->db, error, "Cannot prepare the import");
  return FALSE;
}

/* CREATE INDEX sorts with as much memory as the page cache may hold; a
 * small cache makes it sort in runs that fit the processor's caches, which
 * is three times faster than one big sort in a bulk import's large cache. */
static gboolean
restore_indexes (LsCaseWriter  *self,
                 GError       **error)
{
  gint64 cache_size = ls_sqlite_query_int (self->db, "PRAGMA cache_size", -2000);
  g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);
  gboolean ok = TRUE;

  if (!ls_sqlite_exec (self->db, "PRAGMA cache_size = -2000", error))
    return FALSE;
  for (guint i = 0; ok && self->deferred[i] != NULL; i++)
    {
      gint64 began = g_get_monotonic_time ();

      ok = ls_sqlite_exec (self->db, self->deferred[i], error);
      g_debug ("%s: %.3f s", self->deferred[i], (g_get_monotonic_time () - began) / 1e6);
    }
  if (ok && self->start_index_dropped)
    ok = ls_sqlite_exec (self->db, self->start_index, error);
  ls_sqlite_exec (self->db, restore, NULL);

  return ok;
}

gint64
ls_case_writer_get_import_id (LsCaseWriter *self)
{
  return self->import_id;
}

static void
tally (LsCaseWriter *self,
       gboolean      was_added,
       gboolean     *added)
{
  if (was_added)
    self->imported++;
  else
    self->duplicates++;
  if (added != NULL)
    *added = was_added;
}

/* FNV-1a over the fields that make two records the same record. */
static guint64
fingerprint_add (guint64     h,
                 const void *data,
                 gsize       len)
{
  const guint8 *p = data;

  for (gsize i = 0; i < len; i++)
    {
      h ^= p[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  /* A separator, so that "ab"+"c" and "a"+"bc" differ. */
  h ^= 0xff;
  h *= G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

static guint64
fingerprint_str (guint64     h,
                 const char *s)
{
  return fingerprint_add (h, s ? s : "", s ? strlen (s) : 0);
}

/* What makes two records the same call. */
static guint64
call_fingerprint (const LsCallRecord *rec)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  gint64 kind = rec->kind;

  h = fingerprint_add (h, &rec->start, sizeof rec->start);
  h = fingerprint_str (h, rec->caller);
  h = fingerprint_str (h, rec->callee);
  h = fingerprint_add (h, &kind, sizeof kind);
  h = fingerprint_add (h, &rec->duration, sizeof rec->duration);
  h = fingerprint_str (h, rec->cell);
  return h;
}

/* The local numbers of a call's IMEI and IMSI in a bulk load (-1: none,
 * or not a bulk load). */
typedef struct {
  gint32 imei;
  gint32 imsi;
} LocalCodes;

static void
note_handset (LsCaseWriter       *self,
              const LsCallRecord *rec,
              gint64              phone_id,
              LocalCodes          codes)
{
  const char *imsi = rec->imsi && rec->imsi[0] ? rec->imsi : NULL;
  gint64 slot = codes.imei;
  HandsetSeen *seen;

  /* In a bulk load the IMEI's local number is its place in the heads. */
  if (slot < 0)
    {
      slot = ls_str_ids_lookup (self->handset_by_imei, rec->imei);
      if (slot < 0)
        {
          slot = self->handset_heads->len;
          ls_str_ids_set (self->handset_by_imei, rec->imei, slot);
        }
    }
  if ((guint) slot >= self->handset_heads->len)
    g_ptr_array_set_size (self->handset_heads, slot + 1);

  /* The IMEI's handsets, one a phone it was in: nearly always one. */
  for (seen = g_ptr_array_index (self->handset_heads, slot);
       seen != NULL && seen->phone_id != phone_id;
       seen = seen->next)
    ;

  if (seen == NULL)
    {
      seen = g_new0 (HandsetSeen, 1);
      seen->imei = g_strdup (rec->imei);
      seen->phone_id = phone_id;
      seen->imsi = g_strdup (imsi);
      seen->imsi_local = imsi ? codes.imsi : -1;
      seen->first_seen = seen->last_seen = rec->start;
      seen->next = g_ptr_array_index (self->handset_heads, slot);
      self->handset_heads->pdata[slot] = seen;
      g_ptr_array_add (self->handsets_seen, seen);
      return;
    }

  seen->first_seen = MIN (seen->first_seen, rec->start);
  seen->last_seen = MAX (seen->last_seen, rec->start);
  /* The same IMSI as last time (by its local number) changes nothing. */
  if (imsi && (codes.imsi < 0 || codes.imsi != seen->imsi_local) &&
      (seen->imsi == NULL || strcmp (imsi, seen->imsi) > 0))
    {
      g_free (seen->imsi);
      seen->imsi = g_strdup (imsi);
      seen->imsi_local = codes.imsi;
    }
}

static gboolean
add_call_ids (LsCaseWriter        *self,
              const LsCallRecord  *rec,
              guint64              h,
              gint64               caller_id,
              gint64               callee_id,
              gint64               cell_id,
              LocalCodes           codes,
              gboolean            *added,
              GError             **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_CALL];

  if (self->fingerprints != NULL && !ls_id_set_add (self->fingerprints, h))
    {
      tally (self, FALSE, added);
      return TRUE;
    }

  sqlite3_bind_int64 (stmt, 1, rec->start);
  if (caller_id >= 0) sqlite3_bind_int64 (stmt, 2, caller_id);
  if (callee_id >= 0) sqlite3_bind_int64 (stmt, 3, callee_id);
  sqlite3_bind_int (stmt, 4, rec->kind);
  sqlite3_bind_int64 (stmt, 5, rec->duration);
  if (cell_id >= 0) sqlite3_bind_int64 (stmt, 6, cell_id);
  bind_text_or_null (stmt, 7, rec->imei);
  bind_text_or_null (stmt, 8, rec->imsi);
  sqlite3_bind_int64 (stmt, 9, (gint64) h);
  sqlite3_bind_int64 (stmt, 10, self->import_id);
  sqlite3_bind_int64 (stmt, 11, rec->line);

  if (!step_done (self, stmt, "Cannot add a call to the case", error))
    return FALSE;

  if (sqlite3_changes (self->db) > 0 && rec->imei && rec->imei[0] && caller_id >= 0)
    note_handset (self, rec, caller_id, codes);
  tally (self, sqlite3_changes (self->db) > 0, added);
  return TRUE;
}

static gboolean
add_call_now (LsCaseWriter        *self,
              const LsCallRecord  *rec,
              gboolean            *added,
              GError             **error)
{
  gint64 caller_id = -1, callee_id = -1, cell_id = -1;

  if ((rec->caller && !lookup_or_create (self, self->phone_ids, STMT_PHONE_FIND, STMT_PHONE_NEW,
                                         rec->caller, rec->line, &caller_id, error)) ||
      (rec->callee && !lookup_or_create (self, self->phone_ids, STMT_PHONE_FIND, STMT_PHONE_NEW,
                                         rec->callee, rec->line, &callee_id, error)) ||
      (rec->cell && rec->cell[0] &&
       !lookup_or_create (self, self->cell_ids, STMT_CELL_FIND, STMT_CELL_NEW,
                          rec->cell, rec->line, &cell_id, error)))
    return FALSE;

  return add_call_ids (self, rec, call_fingerprint (rec), caller_id, callee_id, cell_id,
                       (LocalCodes) { -1, -1 }, added, error);
}

/* ---- the bulk load's writing thread ---- */

/* The text of a local number, kept the first time it comes. */
static const char *
local_to_text (LsCaseWriter *self,
               GPtrArray    *texts,
               gint32        local,
               const char   *text)
{
  if (local < 0)
    return NULL;
  if ((guint) local == texts->len)
    g_ptr_array_add (texts, g_string_chunk_insert (self->texts, text));
  return g_ptr_array_index (texts, local);
}

/* The case's id of a local number: known, or (the first time it comes,
 * with its text) looked up or added. */
static gboolean
local_to_id (LsCaseWriter  *self,
             GArray        *ids,
             LsStrIds      *cache,
             int            find,
             int            create,
             gint32         local,
             const char    *text,
             gint64         line,
             gint64        *id,
             GError       **error)
{
  if (local < 0)
    {
      *id = -1;
      return TRUE;
    }
  if ((guint) local < ids->len)
    {
      *id = g_array_index (ids, gint64, local);
      return TRUE;
    }

  g_assert ((guint) local == ids->len && text != NULL);
  if (!lookup_or_create (self, cache, find, create, text, line, id, error))
    return FALSE;
  g_array_append_val (ids, *id);
  return TRUE;
}

static void
batch_free (gpointer data)
{
  CallBatch *batch = data;

  if (batch == &stop_marker)
    return;
  g_string_free (batch->text, TRUE);
  g_free (batch);
}

/* The record's string fields, to copy or point. */
static void
record_strings (LsCallRecord *rec,
                const char  **strings[N_STRINGS])
{
  strings[0] = &rec->caller;
  strings[1] = &rec->callee;
  strings[2] = &rec->cell;
  strings[3] = &rec->imei;
  strings[4] = &rec->imsi;
}

/* Whether most of a batch is in time order: then its calls go onto the
 * end of the index of start times, which is cheap; if not, each would go
 * somewhere in the middle, and the index is better dropped and built once
 * at the end. */
static gboolean
batch_in_time_order (const CallBatch *batch)
{
  guint in_order = 0;

  for (guint i = 1; i < batch->n; i++)
    in_order += batch->recs[i].start >= batch->recs[i - 1].start;
  return in_order >= (batch->n - 1) * 0.95;
}

static gpointer
bulk_worker (gpointer data)
{
  LsCaseWriter *self = data;
  gboolean first = TRUE;

  for (;;)
    {
      CallBatch *batch = g_async_queue_pop (self->full);

      if (batch == &stop_marker)
        break;

      if (first && self->start_index != NULL && !batch_in_time_order (batch))
        {
          g_debug ("calls out of time order: the index of start times is built at the end");
          if (sqlite3_exec (self->db, "DROP INDEX calls_by_start", NULL, NULL, NULL) == SQLITE_OK)
            self->start_index_dropped = TRUE;
        }
      first = FALSE;

      for (guint i = 0; i < batch->n && !g_atomic_int_get (&self->worker_failed); i++)
        {
          LsCallRecord rec = batch->recs[i];
          const char **strings[N_STRINGS];
          const gint32 *loc = batch->local[i];
          gint64 caller_id, callee_id, cell_id;
          GError *local = NULL;

          /* The set is too big for the processor's caches: ask for the
           * place of a call a little ahead before it is needed. */
          if (i + 8 < batch->n)
            ls_id_set_prefetch (self->fingerprints, batch->fingerprints[i + 8]);
          record_strings (&rec, strings);
          for (guint k = 0; k < N_STRINGS; k++)
            *strings[k] = batch->offsets[i][k] == G_MAXSIZE ? NULL
                                                            : batch->text->str + batch->offsets[i][k];

          rec.imei = local_to_text (self, self->imei_texts, loc[3], rec.imei);
          rec.imsi = local_to_text (self, self->imsi_texts, loc[4], rec.imsi);
          if (!local_to_id (self, self->number_ids, self->phone_ids, STMT_PHONE_FIND, STMT_PHONE_NEW,
                            loc[0], rec.caller, rec.line, &caller_id, &local) ||
              !local_to_id (self, self->number_ids, self->phone_ids, STMT_PHONE_FIND, STMT_PHONE_NEW,
                            loc[1], rec.callee, rec.line, &callee_id, &local) ||
              !local_to_id (self, self->cell_ids_local, self->cell_ids, STMT_CELL_FIND, STMT_CELL_NEW,
                            loc[2], rec.cell, rec.line, &cell_id, &local) ||
              !add_call_ids (self, &rec, batch->fingerprints[i], caller_id, callee_id, cell_id,
                             (LocalCodes) { loc[3], loc[4] }, NULL, &local))
            {
              g_mutex_lock (&self->worker_lock);
              self->worker_error = local;
              g_mutex_unlock (&self->worker_lock);
              g_atomic_int_set (&self->worker_failed, TRUE);
            }
        }

      batch->n = 0;
      g_string_truncate (batch->text, 0);
      g_async_queue_push (self->empty, batch);
    }

  self->worker_cpu = ls_thread_cpu_seconds ();
  return NULL;
}

static void
bulk_start (LsCaseWriter *self)
{
  self->full = g_async_queue_new ();
  self->empty = g_async_queue_new_full (batch_free);
  for (guint i = 0; i < N_BATCHES; i++)
    {
      CallBatch *batch = g_new (CallBatch, 1);

      batch->n = 0;
      batch->text = g_string_sized_new (BATCH_ROWS * 64);
      g_async_queue_push (self->empty, batch);
    }
  self->local_numbers = ls_str_ids_new ();
  self->local_cells = ls_str_ids_new ();
  self->local_imeis = ls_str_ids_new ();
  self->local_imsis = ls_str_ids_new ();
  for (guint k = 0; k < G_N_ELEMENTS (self->last); k++)
    self->last[k].local = -1;
  self->imei_texts = g_ptr_array_new ();
  self->imsi_texts = g_ptr_array_new ();
  self->texts = g_string_chunk_new (64 * 1024);
  self->number_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cell_ids_local = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_mutex_init (&self->worker_lock);
  self->worker = g_thread_new ("ls-import-writer", bulk_worker, self);
}

/* Waits until every call handed over is written and the thread is gone:
 * after it, the connection is the caller's alone again. */
static void
bulk_stop (LsCaseWriter *self)
{
  gint64 began;

  if (self->worker == NULL)
    return;

  if (self->batch != NULL && self->batch->n > 0)
    g_async_queue_push (self->full, self->batch);
  else if (self->batch != NULL)
    g_async_queue_push (self->empty, self->batch);
  self->batch = NULL;
  g_async_queue_push (self->full, &stop_marker);
  began = g_get_monotonic_time ();
  g_thread_join (g_steal_pointer (&self->worker));
  g_debug ("waited %.3f s for the writing thread, which ran for %.3f s",
           (g_get_monotonic_time () - began) / 1e6, self->worker_cpu);

  g_clear_pointer (&self->full, g_async_queue_unref);
  g_clear_pointer (&self->empty, g_async_queue_unref);
  g_mutex_clear (&self->worker_lock);
}

/* The worker's failure, if it had one, as this thread's error. */
static gboolean
bulk_check (LsCaseWriter  *self,
            GError       **error)
{
  if (!g_atomic_int_get (&self->worker_failed))
    return TRUE;

  bulk_stop (self);
  if (self->worker_error != NULL)
    g_propagate_error (error, g_steal_pointer (&self->worker_error));
  else
    g_set_error_literal (error, LS_CASE_ERROR, LS_CASE_ERROR_SQL, "Cannot add a call to the case");
  return FALSE;
}

/* The local number of a number or cell, and whether it is new (then its
 * text goes to the writing thread with the call). -1 for none. An
 * operator's records are about one target, whose number, IMEI and IMSI
 * come in row after row: the column's last text is tried first. */
static gint32
local_number (LsCaseWriter *self,
              LsStrIds     *numbers,
              LastText     *last,
              const char   *text,
              gboolean     *is_new)
{
  gint64 local;
  gsize len;

  *is_new = FALSE;
  if (text == NULL || text[0] == '\0')
    return -1;

  len = strlen (text);
  if (last->local >= 0 && len == last->len && memcmp (text, last->text, len) == 0)
    return last->local;

  local = ls_str_ids_lookup (numbers, text);
  if (local < 0)
    {
      local = ls_str_ids_size (numbers);
      ls_str_ids_set (numbers, text, local);
      *is_new = TRUE;
    }
  if (len < sizeof last->text)
    {
      memcpy (last->text, text, len);
      last->len = len;
      last->local = (gint32) local;
    }
  return (gint32) local;
}

static void
bulk_queue (LsCaseWriter       *self,
            const LsCallRecord *rec)
{
  CallBatch *batch = self->batch;
  LsCallRecord copy = *rec;
  const char **strings[N_STRINGS];
  gboolean send[N_STRINGS];
  guint i;

  if (batch == NULL)
    batch = self->batch = g_async_queue_pop (self->empty);

  i = batch->n++;
  /* The caller, the callee, the cell, the IMEI and the IMSI. */
  batch->local[i][0] = local_number (self, self->local_numbers, &self->last[0], rec->caller, &send[0]);
  batch->local[i][1] = local_number (self, self->local_numbers, &self->last[1], rec->callee, &send[1]);
  batch->local[i][2] = local_number (self, self->local_cells, &self->last[2], rec->cell, &send[2]);
  batch->local[i][3] = local_number (self, self->local_imeis, &self->last[3], rec->imei, &send[3]);
  batch->local[i][4] = local_number (self, self->local_imsis, &self->last[4], rec->imsi, &send[4]);

  record_strings (&copy, strings);
  for (guint k = 0; k < N_STRINGS; k++)
    {
      const char *str = *strings[k];

      if (str == NULL || !send[k])
        batch->offsets[i][k] = G_MAXSIZE;
      else
        {
          batch->offsets[i][k] = batch->text->len;
          g_string_append_len (batch->text, str, strlen (str) + 1);
        }
      *strings[k] = NULL;
    }
  batch->recs[i] = copy;
  batch->fingerprints[i] = call_fingerprint (rec);

  if (batch->n == BATCH_ROWS)
    {
      g_async_queue_push (self->full, batch);
      self->batch = NULL;
    }
}

/* In a bulk load the call is queued and written a moment later on the
 * writing thread, so ADDED cannot be known yet: it is left alone, and a
 * failure is reported by a later call, or by the commit. */
gboolean
ls_case_writer_add_call (LsCaseWriter        *self,
                         const LsCallRecord  *rec,
                         gboolean            *added,
                         GError             **error)
{
  if (self->worker == NULL)
    return add_call_now (self, rec, added, error);

  if (!bulk_check (self, error))
    return FALSE;
  bulk_queue (self, rec);
  return TRUE;
}

gboolean
ls_case_writer_add_person (LsCaseWriter          *self,
                           const LsPersonRecord  *rec,
                           gboolean              *added,
                           GError               **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_PERSON_UPSERT];

  g_return_val_if_fail (rec->name != NULL && rec->name[0] != '\0', FALSE);

  sqlite3_bind_text (stmt, 1, rec->name, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 2, rec->aliases);
  bind_text_or_null (stmt, 3, rec->dob);
  bind_text_or_null (stmt, 4, rec->gender);
  bind_text_or_null (stmt, 5, rec->address);
  bind_double_if (stmt, 6, rec->has_location, rec->lat);
  bind_double_if (stmt, 7, rec->has_location, rec->lon);
  sqlite3_bind_int (stmt, 8, rec->vulnerable ? 1 : 0);
  bind_text_or_null (stmt, 9, rec->notes);
  sqlite3_bind_int64 (stmt, 10, self->import_id);
  sqlite3_bind_int64 (stmt, 11, rec->line);

  if (!step_done (self, stmt, "Cannot add a person to the case", error))
    return FALSE;

  tally (self, sqlite3_changes (self->db) > 0, added);
  return TRUE;
}

gboolean
ls_case_writer_add_phone (LsCaseWriter         *self,
                          const LsPhoneRecord  *rec,
                          gboolean             *added,
                          GError              **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_PHONE_UPSERT];
  gint64 person_id = -1;

  g_return_val_if_fail (rec->number != NULL, FALSE);

  if (rec->person && rec->person[0] &&
      !lookup_or_create (self, self->person_ids, STMT_PERSON_FIND, STMT_PERSON_NEW,
                         rec->person, rec->line, &person_id, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, rec->number, -1, SQLITE_STATIC);
  if (person_id >= 0)
    sqlite3_bind_int64 (stmt, 2, person_id);
  bind_text_or_null (stmt, 3, rec->notes);
  sqlite3_bind_int64 (stmt, 4, self->import_id);
  sqlite3_bind_int64 (stmt, 5, rec->line);

  if (!step_done (self, stmt, "Cannot add a phone to the case", error))
    return FALSE;

  /* The number may be cached from a calls import in this transaction. */
  ls_str_ids_set (self->phone_ids, rec->number, -1);
  tally (self, sqlite3_changes (self->db) > 0, added);
  return TRUE;
}

gboolean
ls_case_writer_add_handset (LsCaseWriter           *self,
                            const LsHandsetRecord  *rec,
                            gboolean               *added,
                            GError                **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_HANDSET_UPSERT];
  gint64 phone_id = -1;

  g_return_val_if_fail (rec->imei != NULL, FALSE);

  if (rec->number && !lookup_or_create (self, self->phone_ids, STMT_PHONE_FIND, STMT_PHONE_NEW,
                                        rec->number, rec->line, &phone_id, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, rec->imei, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 2, rec->imsi);
  if (phone_id >= 0)
    sqlite3_bind_int64 (stmt, 3, phone_id);
  if (rec->first_seen >= 0)
    sqlite3_bind_int64 (stmt, 4, rec->first_seen);
  if (rec->last_seen >= 0)
    sqlite3_bind_int64 (stmt, 5, rec->last_seen);
  sqlite3_bind_int64 (stmt, 6, self->import_id);
  sqlite3_bind_int64 (stmt, 7, rec->line);

  if (!step_done (self, stmt, "Cannot add a handset to the case", error))
    return FALSE;

  tally (self, sqlite3_changes (self->db) > 0, added);
  return TRUE;
}

gboolean
ls_case_writer_add_cell (LsCaseWriter        *self,
                         const LsCellRecord  *rec,
                         gboolean            *added,
                         GError             **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_CELL_UPSERT];

  g_return_val_if_fail (rec->cell != NULL, FALSE);

  sqlite3_bind_text (stmt, 1, rec->cell, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 2, rec->name);
  bind_double_if (stmt, 3, rec->has_latlon, rec->lat);
  bind_double_if (stmt, 4, rec->has_latlon, rec->lon);
  bind_double_if (stmt, 5, rec->has_grid, rec->easting);
  bind_double_if (stmt, 6, rec->has_grid, rec->northing);
  bind_double_if (stmt, 7, rec->has_azimuth, rec->azimuth);
  sqlite3_bind_int64 (stmt, 8, self->import_id);
  sqlite3_bind_int64 (stmt, 9, rec->line);

  if (!step_done (self, stmt, "Cannot add a cell to the case", error))
    return FALSE;

  ls_str_ids_set (self->cell_ids, rec->cell, -1);
  tally (self, sqlite3_changes (self->db) > 0, added);
  return TRUE;
}

gboolean
ls_case_writer_add_event (LsCaseWriter         *self,
                          const LsEventRecord  *rec,
                          gboolean             *added,
                          GError              **error)
{
  sqlite3_stmt *stmt = self->stmts[STMT_EVENT];
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  gint64 person_id = -1;

  g_return_val_if_fail (rec->kind != NULL, FALSE);

  if (rec->person && rec->person[0] &&
      !lookup_or_create (self, self->person_ids, STMT_PERSON_FIND, STMT_PERSON_NEW,
                         rec->person, rec->line, &person_id, error))
    return FALSE;

  h = fingerprint_add (h, &rec->start, sizeof rec->start);
  h = fingerprint_add (h, &rec->end, sizeof rec->end);
  h = fingerprint_str (h, rec->person);
  h = fingerprint_str (h, rec->kind);
  h = fingerprint_str (h, rec->place);
  h = fingerprint_str (h, rec->text);

  sqlite3_bind_int64 (stmt, 1, rec->start);
  if (rec->end >= 0)
    sqlite3_bind_int64 (stmt, 2, rec->end);
  if (person_id >= 0)
    sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_text (stmt, 4, rec->kind, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 5, rec->place);
  bind_double_if (stmt, 6, rec->has_location, rec->lat);
  bind_double_if (stmt, 7, rec->has_location, rec->lon);
  bind_text_or_null (stmt, 8, rec->text);
  bind_text_or_null (stmt, 9, rec->source);
  sqlite3_bind_int64 (stmt, 10, (gint64) h);
  sqlite3_bind_int64 (stmt, 11, self->import_id);
  sqlite3_bind_int64 (stmt, 12, rec->line);

  if (!step_done (self, stmt, "Cannot add an event to the case", error))
    return FALSE;

  tally (self, sqlite3_changes (self->db) > 0, added);
  return TRUE;
}

void
ls_case_writer_set_tally (LsCaseWriter *self,
                          gint64        skipped,
                          gint64        warnings)
{
  self->skipped = skipped;
  self->warnings = warnings;
}

void
ls_case_writer_get_tally (LsCaseWriter *self,
                          gint64       *imported,
                          gint64       *duplicates)
{
  bulk_stop (self);
  if (imported)
    *imported = self->imported;
  if (duplicates)
    *duplicates = self->duplicates;
}

/* Handsets seen in calls are recorded as observations of the caller's
 * phone, so swaps can be found without a separate handset file. */
static const char record_handsets_sql[] =
  "INSERT INTO handsets (imei, imsi, phone_id, first_seen, last_seen, import_id)"
  " VALUES (?, ?, ?, ?, ?, ?)"
  " ON CONFLICT (imei, phone_id) DO UPDATE SET"
  "  imsi = coalesce (imsi, excluded.imsi),"
  "  first_seen = min (coalesce (first_seen, excluded.first_seen), excluded.first_seen),"
  "  last_seen = max (coalesce (last_seen, excluded.last_seen), excluded.last_seen)";

static int
compare_handsets_seen (gconstpointer a,
                       gconstpointer b)
{
  const HandsetSeen *x = *(HandsetSeen * const *) a;
  const HandsetSeen *y = *(HandsetSeen * const *) b;
  int c = strcmp (x->imei, y->imei);

  if (c != 0)
    return c;
  return x->phone_id < y->phone_id ? -1 : x->phone_id > y->phone_id;
}

gboolean
ls_case_writer_commit (LsCaseWriter  *self,
                       GError       **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *modified = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  if (!bulk_check (self, error))
    {
      ls_case_writer_abort (self);
      return FALSE;
    }
  bulk_stop (self);

  if (self->deferred != NULL && !restore_indexes (self, error))
    {
      ls_case_writer_abort (self);
      return FALSE;
    }

  if (self->kind == LS_IMPORT_KIND_CALLS)
    {
      g_autoptr(sqlite3_stmt) hs = NULL;
      g_autoptr(GPtrArray) seen = g_ptr_array_sized_new (self->handsets_seen->len);

      /* Sorted in a copy that does not own them. */
      g_ptr_array_extend (seen, self->handsets_seen, NULL, NULL);

      /* In the order of (imei, phone), as a GROUP BY would give them. */
      g_ptr_array_sort (seen, compare_handsets_seen);
      if (sqlite3_prepare_v2 (self->db, record_handsets_sql, -1, &hs, NULL) != SQLITE_OK)
        goto failed;
      for (guint i = 0; i < seen->len; i++)
        {
          HandsetSeen *h = g_ptr_array_index (seen, i);

          sqlite3_bind_text (hs, 1, h->imei, -1, SQLITE_STATIC);
          bind_text_or_null (hs, 2, h->imsi);
          sqlite3_bind_int64 (hs, 3, h->phone_id);
          sqlite3_bind_int64 (hs, 4, h->first_seen);
          sqlite3_bind_int64 (hs, 5, h->last_seen);
          sqlite3_bind_int64 (hs, 6, self->import_id);
          if (sqlite3_step (hs) != SQLITE_DONE)
            goto failed;
          sqlite3_reset (hs);
        }
    }

  if (sqlite3_prepare_v2 (self->db,
                          "UPDATE imports SET rows_imported = ?, rows_duplicate = ?,"
                          " rows_skipped = ?, warnings = ? WHERE id = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, self->imported);
  sqlite3_bind_int64 (stmt, 2, self->duplicates);
  sqlite3_bind_int64 (stmt, 3, self->skipped);
  sqlite3_bind_int64 (stmt, 4, self->warnings);
  sqlite3_bind_int64 (stmt, 5, self->import_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    goto failed;

  if (!ls_sqlite_exec (self->db,
                       "UPDATE case_meta SET value = CAST(value AS INTEGER) + 1"
                       " WHERE key = 'data_version'", error) ||
      !ls_case_set_meta (self->kase, "modified", modified, error) ||
      !ls_sqlite_exec (self->db, "COMMIT;", error))
    {
      ls_case_writer_abort (self);
      return FALSE;
    }

  end_rollback_journal (self);
  writer_free (self);
  return TRUE;

failed:
  ls_sqlite_set_error (self->db, error, "Cannot finish the import");
  ls_case_writer_abort (self);
  return FALSE;
}

void
ls_case_writer_abort (LsCaseWriter *self)
{
  g_return_if_fail (self != NULL);

  bulk_stop (self);
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  if (!sqlite3_get_autocommit (self->db))
    ls_sqlite_exec (self->db, "ROLLBACK;", NULL);
  end_rollback_journal (self);
  writer_free (self);
}
