/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsCase: one case file, opened for writing on the thread that owns it.
 * Opening refuses anything that is not a Linesight case of this or an
 * older version, and does so before SQLite writes a byte. */
#define G_LOG_DOMAIN "ls-case"
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ls-case.h"

struct _LsCase
{
  GObject  parent_instance;
  char    *path;
  sqlite3 *db;
  gboolean created;   /* by ls_case_create(), not opened */
};

G_DEFINE_FINAL_TYPE (LsCase, ls_case, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ls_case_finalize (GObject *object)
{
  LsCase *self = (LsCase *) object;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (ls_case_parent_class)->finalize (object);
}

static void
ls_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LsCase *self = LS_CASE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_case_class_init (LsCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_case_finalize;
  object_class->get_property = ls_case_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ls_case_init (LsCase *self)
{
}

void
ls_sqlite_set_error (sqlite3     *db,
                     GError     **error,
                     const char  *what)
{
  int code = db ? sqlite3_extended_errcode (db) : SQLITE_ERROR;
  int primary = code & 0xff;
  LsCaseError ls_code = LS_CASE_ERROR_SQL;

  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    ls_code = LS_CASE_ERROR_DAMAGED;

  g_set_error (error, LS_CASE_ERROR, ls_code, "%s: %s", what,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (code));
}

gboolean
ls_sqlite_exec (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      int primary = sqlite3_extended_errcode (db) & 0xff;

      g_set_error (error, LS_CASE_ERROR,
                   primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB
                     ? LS_CASE_ERROR_DAMAGED : LS_CASE_ERROR_SQL,
                   "%s", msg ? msg : sqlite3_errmsg (db));
      sqlite3_free (msg);
      return FALSE;
    }

  return TRUE;
}

gint64
ls_sqlite_query_int (sqlite3    *db,
                     const char *sql,
                     gint64      fallback)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fallback;
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return fallback;

  return sqlite3_column_int64 (stmt, 0);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Reads the 100-byte SQLite header ourselves, so that a file which is not
 * ours is refused without SQLite ever opening it. */
gboolean
ls_case_check_header (const char  *path,
                      int         *user_version,
                      GError     **error)
{
  guint8 header[100];
  g_autofree char *display = g_filename_display_name (path);
  GStatBuf st;
  FILE *fp;
  size_t n;
  guint32 page_size, page_count, app_id;

  if (g_stat (path, &st) != 0)
    {
      int saved = errno;
      g_set_error (error, LS_CASE_ERROR,
                   saved == ENOENT ? LS_CASE_ERROR_NOT_FOUND : LS_CASE_ERROR_INVALID,
                   "Cannot open “%s”: %s", display, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_NOT_A_CASE,
                   "“%s” is not a file, so it cannot be a Linesight case", display);
      return FALSE;
    }

  fp = g_fopen (path, "rb");
  if (fp == NULL)
    {
      int saved = errno;
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "Cannot open “%s”: %s", display, g_strerror (saved));
      return FALSE;
    }
  n = fread (header, 1, sizeof header, fp);
  fclose (fp);

  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_NOT_A_CASE,
                   "“%s” is not a Linesight case file (it is not a database at all)",
                   display);
      return FALSE;
    }

  app_id = read_be32 (header + 68);
  if (app_id != LS_CASE_APPLICATION_ID)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_NOT_A_CASE,
                   "“%s” is a database made by another program, not a Linesight case file",
                   display);
      return FALSE;
    }

  *user_version = (int) read_be32 (header + 60);
  if (*user_version > LS_CASE_SCHEMA_VERSION)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_TOO_NEW,
                   "“%s” was made by a newer version of Linesight (case format %d; "
                   "this version reads up to %d). Open it with a newer Linesight",
                   display, *user_version, LS_CASE_SCHEMA_VERSION);
      return FALSE;
    }
  if (*user_version < 1)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                   "“%s” is an unfinished Linesight case file (it has no tables)", display);
      return FALSE;
    }

  /* A truncated file: the header says how many pages there should be when
   * the size field is valid (the "version-valid-for" number matches). */
  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  page_count = read_be32 (header + 28);
  if (read_be32 (header + 92) == read_be32 (header + 24) &&
      (guint64) st.st_size < (guint64) page_size * page_count)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                   "“%s” is damaged: it is shorter than its header says "
                   "(%" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " bytes); it may have been "
                   "cut short while being copied",
                   display, (guint64) st.st_size, (guint64) page_size * page_count);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure_connection (sqlite3  *db,
                      gboolean  writer,
                      GError  **error)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  /* No field Linesight writes comes near this; a larger one is refused
   * rather than read into memory. */
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, LS_CASE_MAX_FIELD);
  sqlite3_busy_timeout (db, LS_CASE_BUSY_TIMEOUT_MS);

  if (!ls_sqlite_exec (db, "PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON;", error))
    return FALSE;

  if (writer)
    return ls_sqlite_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error);

  return ls_sqlite_exec (db, "PRAGMA query_only = ON;", error);
}

static sqlite3 *
open_connection (const char  *path,
                 int          flags,
                 GError     **error)
{
  static gsize configured = 0;
  sqlite3 *db = NULL;

  /* By default SQLite counts every allocation under one global mutex,
   * for sqlite3_memory_used(), which Linesight never calls; an import
   * allocates millions of times on two threads. This can only be set
   * before SQLite starts: if something opened a database first, it stays. */
  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }

  if (sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *what = g_strdup_printf ("Cannot open “%s”", display);

      ls_sqlite_set_error (db, error, what);
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static LsCase *
case_exists (const char  *display,
             GError     **error)
{
  g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_EXISTS,
               "“%s” already exists; choose another name or open it instead", display);
  return NULL;
}

LsCase *
ls_case_create (const char  *path,
                const char  *name,
                const char  *marking,
                GError     **error)
{
  g_autoptr(LsCase) self = NULL;
  g_autoptr(LsCase) opened = NULL;
  g_autofree char *pragma = NULL;
  g_autofree char *now = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *partial_journal = NULL;
  g_autofree char *display = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return case_exists (display, error);

  /* The case is made under another name beside it and given its own
   * name only once it is whole: a process killed while making it leaves
   * no half-made case behind, which could not be opened. */
  partial = g_strdup_printf ("%s.partial-%08x", path, g_random_int ());
  partial_journal = g_strconcat (partial, "-journal", NULL);
  self = g_object_new (LS_TYPE_CASE, NULL);
  self->path = g_strdup (partial);
  self->db = open_connection (partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self->db == NULL)
    return NULL;

  pragma = g_strdup_printf ("PRAGMA application_id = %d;", LS_CASE_APPLICATION_ID);
  now = now_iso8601 ();
  if (name == NULL)
    {
      basename = g_path_get_basename (path);
      if (g_str_has_suffix (basename, LS_CASE_EXTENSION))
        basename[strlen (basename) - strlen (LS_CASE_EXTENSION)] = '\0';
      name = basename;
    }

  /* Before anything is written, while the size of a page can be set:
   * with 8 KB pages a big import's index builds are quicker than with
   * SQLite's 4 KB (and than with 16 KB, in the 2 MB the builds sort in).
   * Made with a rollback journal, so that all of it is in the one file
   * when it is renamed; opened, it is in WAL mode like every case. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  ok = ls_sqlite_exec (self->db, "PRAGMA page_size = " G_STRINGIFY (LS_CASE_PAGE_SIZE) ";", error) &&
       ls_sqlite_exec (self->db, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;", error) &&
       ls_sqlite_exec (self->db, "BEGIN;", error) &&
       ls_sqlite_exec (self->db, pragma, error) &&
       ls_case_schema_apply (self->db, 0, LS_CASE_SCHEMA_VERSION, error) &&
       ls_case_set_meta (self, "name", name, error) &&
       ls_case_set_meta (self, "marking", marking ? marking : "OFFICIAL-SENSITIVE", error) &&
       ls_case_set_meta (self, "created", now, error) &&
       ls_case_set_meta (self, "modified", now, error) &&
       ls_case_set_meta (self, "data_version", "0", error) &&
       ls_sqlite_exec (self->db, "COMMIT;", error);
  g_clear_pointer (&self->db, sqlite3_close_v2);

  /* A hard link fails if the name was taken in the meantime. */
  if (ok && link (partial, path) != 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        case_exists (display, error);
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     "Cannot create “%s”: %s", display, g_strerror (saved));
      ok = FALSE;
    }
  g_unlink (partial);
  g_unlink (partial_journal);
  if (!ok)
    return NULL;

  opened = ls_case_open (path, error);
  if (opened == NULL)
    return NULL;
  opened->created = TRUE;
  return g_steal_pointer (&opened);
}

/* What a reader finds before the case is opened for writing: the b-trees
 * intact (quick_check), and no value of a kind or size Linesight never
 * writes, which would mean the file was made or changed by something else. */
static gboolean
validate_contents (sqlite3     *db,
                   const char  *path,
                   GError     **error)
{
  static const char sanity_sql[] =
    "SELECT (SELECT count(*) FROM case_meta WHERE typeof(value) <> 'text' OR length(value) > 65536)"
    " + (SELECT count(*) FROM people WHERE typeof(name) <> 'text' OR length(name) > 4096"
    "    OR length(aliases) > 65536 OR length(address) > 65536 OR length(notes) > 1048576)"
    " + (SELECT count(*) FROM phones WHERE typeof(number) <> 'text' OR length(number) > 64"
    "    OR length(notes) > 1048576)"
    " + (SELECT count(*) FROM cells WHERE typeof(cell_ref) <> 'text' OR length(cell_ref) > 256"
    "    OR length(name) > 4096)"
    " + (SELECT count(*) FROM events WHERE typeof(start) <> 'integer' OR typeof(kind) <> 'text'"
    "    OR length(text) > 1048576)"
    " + (SELECT count(*) FROM calls WHERE typeof(start) <> 'integer' OR typeof(kind) <> 'integer'"
    "    OR typeof(duration) <> 'integer')";
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *result;

  if (sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                   "“%s” is damaged and cannot be opened (%s). Open a backup copy instead",
                   display, sqlite3_errmsg (db));
      return FALSE;
    }
  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                   "“%s” is damaged and cannot be opened (SQLite reports: %s). "
                   "Open a backup copy instead",
                   display, result ? result : "unknown damage");
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (sqlite3_prepare_v2 (db, sanity_sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      sqlite3_column_int64 (stmt, 0) != 0)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                   "“%s” holds values that Linesight never writes (text of the wrong kind or "
                   "far too long); it has been changed outside Linesight and will not be opened",
                   display);
      return FALSE;
    }

  return TRUE;
}

/* A bulk import into a new case runs with a rollback journal; killed, it
 * leaves the journal beside the case, "hot". SQLite puts the case back as
 * it was from that journal on the first read, but only through a
 * connection that may write: so before any check (the header in the file
 * may be the unfinished import's), one such connection reads the case,
 * and is closed. Any failure here is left to the checks that follow. */
static void
roll_back_hot_journal (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(sqlite3) db = NULL;
  GStatBuf st;

  if (g_stat (journal, &st) != 0 || st.st_size == 0)
    return;

  db = open_connection (path, SQLITE_OPEN_READWRITE, NULL);
  if (db == NULL)
    return;
  sqlite3_busy_timeout (db, LS_CASE_BUSY_TIMEOUT_MS);
  ls_sqlite_exec (db, "PRAGMA schema_version;", NULL);
}

/* Checks what can be checked without writing: the header, then the schema
 * through a read-only connection. Only then is the file opened for writing
 * (a journal left by a killed import aside). */
LsCase *
ls_case_open (const char  *path,
              GError     **error)
{
  g_autoptr(LsCase) self = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  roll_back_hot_journal (path);
  if (!ls_case_check_header (path, &version, error))
    return NULL;

  {
    g_autoptr(sqlite3) reader = open_connection (path, SQLITE_OPEN_READONLY, error);

    if (reader == NULL ||
        !configure_connection (reader, FALSE, error) ||
        !ls_case_schema_check (reader, error) ||
        !validate_contents (reader, path, error))
      return NULL;
  }

  self = g_object_new (LS_TYPE_CASE, NULL);
  self->path = g_strdup (path);
  self->db = open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (self->db == NULL || !configure_connection (self->db, TRUE, error))
    return NULL;

  if (version < LS_CASE_SCHEMA_VERSION)
    {
      if (!ls_sqlite_exec (self->db, "BEGIN IMMEDIATE;", error))
        return NULL;
      if (!ls_case_schema_apply (self->db, version, LS_CASE_SCHEMA_VERSION, error) ||
          !ls_case_schema_check (self->db, error) ||
          !ls_sqlite_exec (self->db, "COMMIT;", error))
        {
          ls_sqlite_exec (self->db, "ROLLBACK;", NULL);
          g_prefix_error (error, "Cannot bring the case up to date: ");
          return NULL;
        }
      ls_sqlite_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL);
    }

  return g_steal_pointer (&self);
}

LsCase *
ls_case_open_or_create (const char  *path,
                        GError     **error)
{
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return ls_case_open (path, error);

  return ls_case_create (path, NULL, NULL, error);
}

const char *
ls_case_get_path (LsCase *self)
{
  g_return_val_if_fail (LS_IS_CASE (self), NULL);

  return self->path;
}

sqlite3 *
ls_case_get_db (LsCase *self)
{
  g_return_val_if_fail (LS_IS_CASE (self), NULL);

  return self->db;
}

/* Whether this object made the file, rather than opening one that was
 * there: a case nobody else has had the chance to hold yet. */
gboolean
ls_case_was_created (LsCase *self)
{
  g_return_val_if_fail (LS_IS_CASE (self), FALSE);

  return self->created;
}

/* A connection of its own for a worker thread; WAL lets it read beside the
 * writer. The caller closes it with sqlite3_close(). */
sqlite3 *
ls_case_open_reader (LsCase  *self,
                     GError **error)
{
  sqlite3 *db;

  g_return_val_if_fail (LS_IS_CASE (self), NULL);

  db = open_connection (self->path, SQLITE_OPEN_READONLY, error);
  if (db != NULL && !configure_connection (db, FALSE, error))
    g_clear_pointer (&db, sqlite3_close_v2);

  return db;
}

/* A writing connection of its own for a worker thread, to store what it
 * derived (a cached analysis) without the window's thread doing the
 * writing. SQLite takes one writer at a time: it waits its turn (the busy
 * timeout). The caller closes it with sqlite3_close(). */
sqlite3 *
ls_case_open_writer (LsCase  *self,
                     GError **error)
{
  sqlite3 *db;

  g_return_val_if_fail (LS_IS_CASE (self), NULL);

  db = open_connection (self->path, SQLITE_OPEN_READWRITE, error);
  if (db != NULL && !configure_connection (db, TRUE, error))
    g_clear_pointer (&db, sqlite3_close_v2);

  return db;
}

char *
ls_case_get_meta (LsCase     *self,
                  const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LS_IS_CASE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM case_meta WHERE key = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
ls_case_set_meta (LsCase      *self,
                  const char  *key,
                  const char  *value,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LS_IS_CASE (self), FALSE);

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO case_meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (self->db, error, "Cannot record case details");
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      ls_sqlite_set_error (self->db, error, "Cannot record case details");
      return FALSE;
    }

  return TRUE;
}

char *
ls_case_dup_name (LsCase *self)
{
  char *name = ls_case_get_meta (self, "name");

  return name ? name : g_path_get_basename (self->path);
}

gint64
ls_case_get_data_version (LsCase *self)
{
  g_return_val_if_fail (LS_IS_CASE (self), -1);

  return ls_sqlite_query_int (self->db,
                              "SELECT CAST(value AS INTEGER) FROM case_meta WHERE key = 'data_version'",
                              0);
}

gboolean
ls_case_get_counts (LsCase        *self,
                    LsCaseCounts  *counts,
                    GError       **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM phones),"
    " (SELECT count(*) FROM handsets), (SELECT count(*) FROM calls),"
    " (SELECT count(*) FROM cells), (SELECT count(*) FROM events),"
    " (SELECT count(*) FROM imports),"
    " (SELECT min(start) FROM calls), (SELECT max(start) FROM calls)";
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LS_IS_CASE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      ls_sqlite_set_error (self->db, error, "Cannot count the case's contents");
      return FALSE;
    }

  counts->people = sqlite3_column_int64 (stmt, 0);
  counts->phones = sqlite3_column_int64 (stmt, 1);
  counts->handsets = sqlite3_column_int64 (stmt, 2);
  counts->calls = sqlite3_column_int64 (stmt, 3);
  counts->cells = sqlite3_column_int64 (stmt, 4);
  counts->events = sqlite3_column_int64 (stmt, 5);
  counts->imports = sqlite3_column_int64 (stmt, 6);
  counts->first_call = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
  counts->last_call = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 8);

  return TRUE;
}

gboolean
ls_case_exec (LsCase      *self,
              const char  *sql,
              GError     **error)
{
  g_return_val_if_fail (LS_IS_CASE (self), FALSE);

  return ls_sqlite_exec (self->db, sql, error);
}

gboolean
ls_case_audit (LsCase      *self,
               const char  *action,
               const char  *subject,
               const char  *old_value,
               const char  *new_value,
               const char  *details,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LS_IS_CASE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (sqlite3_prepare_v2 (self->db,
                          "INSERT INTO audit_log (at, user, action, subject, old_value, new_value, details)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (self->db, error, "Cannot write to the audit log");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, subject, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, new_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, details, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      ls_sqlite_set_error (self->db, error, "Cannot write to the audit log");
      return FALSE;
    }

  return TRUE;
}
