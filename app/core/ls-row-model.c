/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRowModel: one case table as a GListModel that scales to a million rows.
 *
 * Sorting and searching are SQL (ORDER BY, LIKE) run on a worker thread
 * with its own reader connection; what comes back is only the ordered ids.
 * get_item() then reads the rows around the one asked for, a page of ids
 * at a time, by primary key on the main thread's connection (a page takes
 * well under a millisecond), and keeps the last few pages. */
#define G_LOG_DOMAIN "ls-row-model"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ls-case.h"
#include "ls-row-model.h"

#define MAX_CACHED_PAGES 24

struct _LsRowModel
{
  GObject               parent_instance;

  LsRowTable            table;
  const LsRowTableSpec *spec;
  LsCase               *kase;
  int                   sort_column;
  gboolean              descending;
  char                 *search;
  gint64                range_from;   /* -1: open-ended */
  gint64                range_to;

  GArray               *ids;          /* gint64, in the order shown */
  gint64                total;
  gboolean              loading;
  guint                 generation;   /* of the query whose ids we want */
  GCancellable         *cancellable;

  sqlite3_stmt         *page_stmt;    /* on the case's own connection */
  GHashTable           *pages;        /* page number → GPtrArray of LsRow */
  GQueue                lru;          /* page numbers, most recent first */
  guint                 rows_created;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LsRowModel, ls_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADING,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The query job ------------------------------------------------------------ */

typedef struct {
  LsCase *kase;
  char   *sql;
  char   *pattern;     /* LIKE pattern bound to ?1, or NULL */
  gint64  range_from;  /* bound to ?2 and ?3 */
  gint64  range_to;
  gboolean filtered;   /* by search or range: count the whole table too */
  const char *count_sql;
  guint   generation;
} QueryJob;

typedef struct {
  GArray *ids;
  gint64  total;
} QueryResult;

static void
query_job_free (QueryJob *job)
{
  g_clear_object (&job->kase);
  g_free (job->sql);
  g_free (job->pattern);
  g_free (job);
}

static void
query_result_free (QueryResult *result)
{
  g_array_unref (result->ids);
  g_free (result);
}

/* Lets g_cancellable_cancel() stop a long sort inside SQLite. */
static int
query_progress_cb (void *data)
{
  return g_cancellable_is_cancelled (G_CANCELLABLE (data));
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  QueryJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = ls_case_open_reader (job->kase, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  QueryResult *result;
  int rc;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  sqlite3_progress_handler (db, 10000, query_progress_cb, cancellable);

  if (sqlite3_prepare_v2 (db, job->sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, &error, "Cannot read the table");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->pattern != NULL)
    sqlite3_bind_text (stmt, 1, job->pattern, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, job->range_from);
  sqlite3_bind_int64 (stmt, 3, job->range_to);

  result = g_new0 (QueryResult, 1);
  result->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (result->ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error) == FALSE)
        ls_sqlite_set_error (db, &error, "Cannot read the table");
      query_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A search or a range shows some of the rows: say of how many. */
  result->total = !job->filtered ? (gint64) result->ids->len
                                 : ls_sqlite_query_int (db, job->count_sql, 0);
  g_task_return_pointer (task, result, (GDestroyNotify) query_result_free);
}

/* The page cache ------------------------------------------------------------ */

static void
clear_pages (LsRowModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->lru);
}

static void
touch_page (LsRowModel *self,
            guint       page)
{
  g_queue_remove (&self->lru, GUINT_TO_POINTER (page));
  g_queue_push_head (&self->lru, GUINT_TO_POINTER (page));

  while (g_queue_get_length (&self->lru) > MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->lru));
}

static gboolean
prepare_page_stmt (LsRowModel *self)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  sqlite3 *db = ls_case_get_db (self->kase);

  g_string_append (sql, self->spec->id);
  for (guint i = 0; i < self->spec->n_columns; i++)
    g_string_append_printf (sql, ", %s", self->spec->columns[i].expr);
  g_string_append_printf (sql, " FROM %s WHERE %s IN (?", self->spec->from, self->spec->id);
  for (guint i = 1; i < LS_ROW_MODEL_PAGE_SIZE; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  if (sqlite3_prepare_v3 (db, sql->str, -1, SQLITE_PREPARE_PERSISTENT, &self->page_stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot read the %s table: %s", self->spec->name, sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

static LsRow *
row_from_stmt (LsRowModel   *self,
               sqlite3_stmt *stmt)
{
  char **values = g_new0 (char *, self->spec->n_columns + 1);

  for (guint i = 0; i < self->spec->n_columns; i++)
    values[i] = ls_row_format_value (self->spec->columns[i].format,
                                     sqlite3_column_type (stmt, i + 1) == SQLITE_NULL,
                                     sqlite3_column_int64 (stmt, i + 1),
                                     (const char *) sqlite3_column_text (stmt, i + 1));

  return ls_row_new (sqlite3_column_int64 (stmt, 0), values);
}

/* Reads the rows of one page of ids, in the page's order. A row that has
 * gone since the ids were read is shown empty rather than shifting others. */
static GPtrArray *
load_page (LsRowModel *self,
           guint       page)
{
  guint first = page * LS_ROW_MODEL_PAGE_SIZE;
  guint n = MIN (LS_ROW_MODEL_PAGE_SIZE, self->ids->len - first);
  g_autoptr(GHashTable) slot = g_hash_table_new (g_int64_hash, g_int64_equal);
  GPtrArray *rows = g_ptr_array_new_full (n, g_object_unref);

  g_ptr_array_set_size (rows, n);

  if (self->page_stmt != NULL || prepare_page_stmt (self))
    {
      sqlite3_reset (self->page_stmt);
      sqlite3_clear_bindings (self->page_stmt);
      for (guint i = 0; i < n; i++)
        {
          gint64 *id = &g_array_index (self->ids, gint64, first + i);

          sqlite3_bind_int64 (self->page_stmt, i + 1, *id);
          g_hash_table_insert (slot, id, GUINT_TO_POINTER (i));
        }

      while (sqlite3_step (self->page_stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (self->page_stmt, 0);
          gpointer index;

          if (g_hash_table_lookup_extended (slot, &id, NULL, &index) &&
              g_ptr_array_index (rows, GPOINTER_TO_UINT (index)) == NULL)
            g_ptr_array_index (rows, GPOINTER_TO_UINT (index)) = row_from_stmt (self, self->page_stmt);
        }
      sqlite3_reset (self->page_stmt);
    }

  for (guint i = 0; i < n; i++)
    if (g_ptr_array_index (rows, i) == NULL)
      g_ptr_array_index (rows, i) = ls_row_new (g_array_index (self->ids, gint64, first + i), NULL);

  self->rows_created += n;
  return rows;
}

/* GListModel ---------------------------------------------------------------- */

static GType
ls_row_model_get_item_type (GListModel *model)
{
  return LS_TYPE_ROW;
}

static guint
ls_row_model_get_n_items (GListModel *model)
{
  return LS_ROW_MODEL (model)->ids->len;
}

static gpointer
ls_row_model_get_item (GListModel *model,
                       guint       position)
{
  LsRowModel *self = LS_ROW_MODEL (model);
  guint page = position / LS_ROW_MODEL_PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->ids->len || self->kase == NULL)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
    }
  touch_page (self, page);

  return g_object_ref (g_ptr_array_index (rows, position % LS_ROW_MODEL_PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = ls_row_model_get_item_type;
  iface->get_n_items = ls_row_model_get_n_items;
  iface->get_item = ls_row_model_get_item;
}

/* Reloading ------------------------------------------------------------------- */

static void
set_loading (LsRowModel *self,
             gboolean    loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
replace_ids (LsRowModel *self,
             GArray     *ids,
             gint64      total)
{
  guint removed = self->ids->len;

  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  clear_pages (self);

  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  if (removed > 0 || ids->len > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, ids->len);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static void
query_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LsRowModel *self = LS_ROW_MODEL (object);
  QueryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  QueryResult *res = g_task_propagate_pointer (G_TASK (result), &error);

  if (job->generation != self->generation)
    {
      g_clear_pointer (&res, query_result_free);
      return;
    }

  if (res == NULL)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the %s table: %s", self->spec->name, error->message);
      replace_ids (self, none, 0);
    }
  else
    {
      replace_ids (self, res->ids, res->total);
      query_result_free (res);
    }

  set_loading (self, FALSE);
}

static char *
like_pattern (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static void
append_order (LsRowModel *self,
              GString    *sql)
{
  const LsRowColumn *column;
  const char *dir = self->descending ? " DESC" : "";
  g_auto(GStrv) terms = NULL;

  if (self->sort_column < 0)
    {
      g_string_append_printf (sql, " ORDER BY %s", self->spec->order);
      return;
    }

  column = &self->spec->columns[self->sort_column];
  if (column->sort == NULL)
    {
      g_string_append_printf (sql, " ORDER BY %s%s", column->expr, dir);
    }
  else
    {
      terms = g_strsplit (column->sort, ", ", -1);
      g_string_append (sql, " ORDER BY ");
      for (guint i = 0; terms[i] != NULL; i++)
        g_string_append_printf (sql, "%s%s, ", terms[i], dir);
      g_string_truncate (sql, sql->len - 2);
    }

  /* Ties are broken by id so that the order is the same every time. */
  g_string_append_printf (sql, ", %s%s", self->spec->id, dir);
}

static char *
build_query (LsRowModel *self)
{
  GString *sql = g_string_new (NULL);
  const char *from = self->spec->from;
  gboolean where = FALSE;
  gboolean first = TRUE;

  /* The joins cost a third of the time on a million calls: skip them
   * when neither the search nor the sort reads them. */
  if (self->search == NULL &&
      (self->sort_column < 0 || !self->spec->columns[self->sort_column].joined))
    from = self->spec->base;

  g_string_append_printf (sql, "SELECT %s FROM %s", self->spec->id, from);

  if (self->spec->time != NULL && (self->range_from >= 0 || self->range_to >= 0))
    {
      g_string_append_printf (sql, " WHERE %s >= ?2 AND %s < ?3", self->spec->time, self->spec->time);
      where = TRUE;
    }

  if (self->search != NULL)
    {
      g_string_append (sql, where ? " AND (" : " WHERE (");
      for (guint i = 0; i < self->spec->n_columns; i++)
        {
          if (!self->spec->columns[i].search)
            continue;
          g_string_append_printf (sql, "%s(%s) LIKE ?1 ESCAPE '\\'",
                                  first ? "" : " OR ", self->spec->columns[i].expr);
          first = FALSE;
        }
      g_string_append (sql, ")");
    }

  append_order (self, sql);

  return g_string_free (sql, FALSE);
}

/* Reads the ids again, for a new case, sort or search, or changed data. */
void
ls_row_model_reload (LsRowModel *self)
{
  g_autoptr(GTask) task = NULL;
  QueryJob *job;

  g_return_if_fail (LS_IS_ROW_MODEL (self));

  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->kase == NULL)
    {
      g_autoptr(GArray) none = g_array_new (FALSE, FALSE, sizeof (gint64));

      replace_ids (self, none, 0);
      set_loading (self, FALSE);
      return;
    }

  job = g_new0 (QueryJob, 1);
  job->kase = g_object_ref (self->kase);
  job->sql = build_query (self);
  job->pattern = self->search ? like_pattern (self->search) : NULL;
  job->range_from = self->range_from >= 0 ? self->range_from : G_MININT64;
  job->range_to = self->range_to >= 0 ? self->range_to : G_MAXINT64;
  job->filtered = ls_row_model_get_filtered (self);
  job->count_sql = self->spec->count;
  job->generation = self->generation;

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, query_done_cb, NULL);
  g_task_set_source_tag (task, ls_row_model_reload);
  g_task_set_task_data (task, job, (GDestroyNotify) query_job_free);
  set_loading (self, TRUE);
  g_task_run_in_thread (task, query_thread);
}

/* GObject ------------------------------------------------------------------------- */

static void
ls_row_model_dispose (GObject *object)
{
  LsRowModel *self = LS_ROW_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  clear_pages (self);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (ls_row_model_parent_class)->dispose (object);
}

static void
ls_row_model_finalize (GObject *object)
{
  LsRowModel *self = LS_ROW_MODEL (object);

  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_free (self->search);

  G_OBJECT_CLASS (ls_row_model_parent_class)->finalize (object);
}

static void
ls_row_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LsRowModel *self = LS_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_row_model_class_init (LsRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ls_row_model_dispose;
  object_class->finalize = ls_row_model_finalize;
  object_class->get_property = ls_row_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ls_row_model_init (LsRowModel *self)
{
  self->sort_column = -1;
  self->range_from = -1;
  self->range_to = -1;
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->lru);
}

LsRowModel *
ls_row_model_new (LsRowTable table)
{
  LsRowModel *self;

  g_return_val_if_fail (table < LS_ROW_TABLE_N, NULL);

  self = g_object_new (LS_TYPE_ROW_MODEL, NULL);
  self->table = table;
  self->spec = ls_row_table_get (table);

  return self;
}

LsRowTable
ls_row_model_get_table (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), 0);

  return self->table;
}

const LsRowTableSpec *
ls_row_model_get_spec (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), NULL);

  return self->spec;
}

LsCase *
ls_row_model_get_case (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), NULL);

  return self->kase;
}

void
ls_row_model_set_case (LsRowModel *self,
                       LsCase     *kase)
{
  g_return_if_fail (LS_IS_ROW_MODEL (self));
  g_return_if_fail (kase == NULL || LS_IS_CASE (kase));

  if (kase == self->kase)
    return;

  /* The statement belongs to the old case's connection. */
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  clear_pages (self);
  g_set_object (&self->kase, kase);
  ls_row_model_reload (self);
}

void
ls_row_model_set_sort (LsRowModel *self,
                       int         column,
                       gboolean    descending)
{
  g_return_if_fail (LS_IS_ROW_MODEL (self));
  g_return_if_fail (column < (int) self->spec->n_columns);

  if (column < 0)
    descending = FALSE;
  if (column == self->sort_column && descending == self->descending)
    return;

  self->sort_column = MAX (column, -1);
  self->descending = descending;
  ls_row_model_reload (self);
}

int
ls_row_model_get_sort_column (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), -1);

  return self->sort_column;
}

gboolean
ls_row_model_get_sort_descending (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), FALSE);

  return self->descending;
}

void
ls_row_model_set_search (LsRowModel *self,
                         const char *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (LS_IS_ROW_MODEL (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (stripped[0] == '\0')
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (stripped, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_steal_pointer (&stripped);
  ls_row_model_reload (self);
}

const char *
ls_row_model_get_search (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), NULL);

  return self->search;
}

/* Only rows whose time is in [FROM, TO) (unix seconds; -1 open-ended),
 * for the tables that have a time; the others ignore the range. */
void
ls_row_model_set_range (LsRowModel *self,
                        gint64      from,
                        gint64      to)
{
  g_return_if_fail (LS_IS_ROW_MODEL (self));

  from = MAX (from, -1);
  to = MAX (to, -1);
  if (from == self->range_from && to == self->range_to)
    return;

  self->range_from = from;
  self->range_to = to;
  if (self->spec->time != NULL)
    ls_row_model_reload (self);
}

/* TRUE when some rows may be left out, by the search or the range. */
gboolean
ls_row_model_get_filtered (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), FALSE);

  return self->search != NULL ||
         (self->spec->time != NULL && (self->range_from >= 0 || self->range_to >= 0));
}

gboolean
ls_row_model_get_loading (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), FALSE);

  return self->loading;
}

gint64
ls_row_model_get_total (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), 0);

  return self->total;
}

/* The session node keys ("person:ID", "phone:ID") a row is about: the
 * person or phone itself, a call's two phones, an event's person. */
char **
ls_row_model_dup_keys (LsRowModel *self,
                       LsRow      *row)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LS_IS_ROW_MODEL (self), NULL);
  g_return_val_if_fail (LS_IS_ROW (row), NULL);

  if (self->kase != NULL && self->spec->keys != NULL &&
      sqlite3_prepare_v2 (ls_case_get_db (self->kase), self->spec->keys, -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, ls_row_get_id (row));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (keys, (const char *) sqlite3_column_text (stmt, 0));
    }

  return g_strv_builder_end (keys);
}

guint
ls_row_model_get_rows_created (LsRowModel *self)
{
  g_return_val_if_fail (LS_IS_ROW_MODEL (self), 0);

  return self->rows_created;
}
