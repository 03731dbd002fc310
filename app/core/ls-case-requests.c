/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The store's side of data requests and outcomes. Every change of a
 * request's state is kept in request_history and in the audit log, in the
 * same transaction as the change itself. */
#define G_LOG_DOMAIN "ls-case-requests"
#include "config.h"

#include <math.h>

#include "ls-request.h"

static gboolean
fail (sqlite3     *db,
      GError     **error,
      const char  *what)
{
  ls_sqlite_set_error (db, error, what);
  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           pos,
           const char   *text)
{
  if (text && *text)
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, pos);
}

static void
bind_time (sqlite3_stmt *stmt,
           int           pos,
           gint64        when)
{
  if (when >= 0)
    sqlite3_bind_int64 (stmt, pos, when);
  else
    sqlite3_bind_null (stmt, pos);
}

static gboolean
add_history (sqlite3         *db,
             gint64           id,
             LsRequestStatus  status,
             const char      *date,
             const char      *note,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO request_history (request_id, status, date, at, user, note)"
                          " VALUES (?, ?, ?, ?, ?, ?)", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error, "Cannot record the request’s history");
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, ls_request_status_to_string (status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 5, g_get_user_name (), -1, SQLITE_TRANSIENT);
  bind_text (stmt, 6, note);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fail (db, error, "Cannot record the request’s history");

  return TRUE;
}

static gboolean
finish (sqlite3   *db,
        gboolean   ok,
        GError   **error)
{
  if (ok)
    return ls_sqlite_exec (db, "COMMIT;", error);

  ls_sqlite_exec (db, "ROLLBACK;", NULL);
  return FALSE;
}

/* Stores a new request as a draft; sets request->id. */
gboolean
ls_case_add_request (LsCase     *kase,
                     LsRequest  *request,
                     GError    **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *identifiers = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *today = ls_date_today_uk ();
  g_autofree char *subject = NULL;
  gboolean ok;

  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (request != NULL, FALSE);

  if (request->identifiers == NULL || request->identifiers[0] == NULL)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "A request needs at least one number or IMEI to ask about");
      return FALSE;
    }
  if (request->provider == NULL || request->provider[0] == '\0')
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "A request needs a provider to send it to");
      return FALSE;
    }
  if (!ls_request_priority_is_valid (request->priority))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "Priority “%s” is not one of urgent, high or routine",
                   request->priority ? request->priority : "");
      return FALSE;
    }
  for (guint i = 0; request->data_kinds && request->data_kinds[i]; i++)
    if (!ls_request_data_kind_is_valid (request->data_kinds[i]))
      {
        g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                     "“%s” is not a kind of data that can be asked for; use subscriber, "
                     "call-data, cell-site, imei-history or other", request->data_kinds[i]);
        return FALSE;
      }

  identifiers = g_strjoinv (",", request->identifiers);
  kinds = request->data_kinds ? g_strjoinv (",", request->data_kinds) : g_strdup ("");

  if (!ls_sqlite_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;

  ok = sqlite3_prepare_v2 (db,
                           "INSERT INTO requests (created_at, created_by, subject, identifiers, data_kinds,"
                           " period_from, period_to, provider, priority, urgent_reason, justification, status)"
                           " VALUES (?,?,?,?,?,?,?,?,?,?,?, 'draft')", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      request->created_at = g_get_real_time () / G_USEC_PER_SEC;
      sqlite3_bind_int64 (stmt, 1, request->created_at);
      sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, request->subject ? request->subject : identifiers, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, identifiers, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, kinds, -1, SQLITE_TRANSIENT);
      bind_time (stmt, 6, request->period_from);
      bind_time (stmt, 7, request->period_to);
      sqlite3_bind_text (stmt, 8, request->provider, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, request->priority, -1, SQLITE_TRANSIENT);
      bind_text (stmt, 10, request->urgent_reason);
      sqlite3_bind_text (stmt, 11, request->justification ? request->justification : "", -1, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  if (!ok)
    {
      fail (db, error, "Cannot store the request");
      return finish (db, FALSE, NULL);
    }

  request->id = sqlite3_last_insert_rowid (db);
  request->status = LS_REQUEST_DRAFT;
  subject = g_strdup_printf ("request %" G_GINT64_FORMAT, request->id);
  ok = add_history (db, request->id, LS_REQUEST_DRAFT, today, NULL, error) &&
       ls_case_audit (kase, "request-created", subject, NULL, "draft", identifiers, error);

  return finish (db, ok, error);
}

static gboolean
read_status (sqlite3          *db,
             gint64            id,
             LsRequestStatus  *status,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT status FROM requests WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error, "Cannot read the request");
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "There is no request %" G_GINT64_FORMAT " in this case", id);
      return FALSE;
    }
  if (!ls_request_status_from_string ((const char *) sqlite3_column_text (stmt, 0), status))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_DAMAGED,
                   "Request %" G_GINT64_FORMAT " has a status Linesight does not know", id);
      return FALSE;
    }

  return TRUE;
}

static gboolean
move_status (LsCase          *kase,
             gint64           id,
             LsRequestStatus  to,
             const char      *date,
             const char      *note,
             gint64           import_id,
             GError         **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = NULL;
  g_autofree char *subject = NULL;
  LsRequestStatus from;
  gboolean ok;

  if (date == NULL)
    date = today = ls_date_today_uk ();
  else if (ls_date_days_between (date, date) != 0)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "“%s” is not a date like 2024-03-01", date);
      return FALSE;
    }

  if (!ls_sqlite_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if (!read_status (db, id, &from, error))
    return finish (db, FALSE, NULL);
  if (!ls_request_status_can_move (from, to))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "Request %" G_GINT64_FORMAT " is %s; it cannot become %s",
                   id, ls_request_status_label (from), ls_request_status_label (to));
      return finish (db, FALSE, NULL);
    }

  ok = sqlite3_prepare_v2 (db, "UPDATE requests SET status = ?, import_id = coalesce (?, import_id)"
                           " WHERE id = ?", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, ls_request_status_to_string (to), -1, SQLITE_STATIC);
      bind_time (stmt, 2, import_id);
      sqlite3_bind_int64 (stmt, 3, id);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
    }
  if (!ok)
    {
      fail (db, error, "Cannot change the request");
      return finish (db, FALSE, NULL);
    }

  subject = g_strdup_printf ("request %" G_GINT64_FORMAT, id);
  ok = add_history (db, id, to, date, note, error) &&
       ls_case_audit (kase, "request-status", subject,
                      ls_request_status_to_string (from), ls_request_status_to_string (to),
                      note, error);

  return finish (db, ok, error);
}

gboolean
ls_case_set_request_status (LsCase          *kase,
                            gint64           id,
                            LsRequestStatus  status,
                            const char      *date,
                            const char      *note,
                            GError         **error)
{
  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);

  return move_status (kase, id, status, date, note, -1, error);
}

/* The returned data has been imported: link it and close the request. */
gboolean
ls_case_link_request_import (LsCase  *kase,
                             gint64   id,
                             gint64   import_id,
                             GError **error)
{
  g_autofree char *note = g_strdup_printf ("import %" G_GINT64_FORMAT, import_id);
  sqlite3 *db;
  LsRequestStatus status;

  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);

  db = ls_case_get_db (kase);
  if (!read_status (db, id, &status, error))
    return FALSE;

  /* Data can arrive without the acknowledgement being recorded first. */
  if (status == LS_REQUEST_SUBMITTED || status == LS_REQUEST_ACKNOWLEDGED)
    {
      if (!move_status (kase, id, LS_REQUEST_RETURNED, NULL, NULL, -1, error))
        return FALSE;
    }

  return move_status (kase, id, LS_REQUEST_IMPORTED, NULL, note, import_id, error);
}

gboolean
ls_case_set_request_text (LsCase      *kase,
                          gint64       id,
                          const char  *justification,
                          GError     **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *subject = g_strdup_printf ("request %" G_GINT64_FORMAT, id);

  if (sqlite3_prepare_v2 (db, "UPDATE requests SET justification = ? WHERE id = ? AND status = 'draft'",
                          -1, &stmt, NULL) != SQLITE_OK)
    return fail (db, error, "Cannot change the request");
  sqlite3_bind_text (stmt, 1, justification, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fail (db, error, "Cannot change the request");
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "Request %" G_GINT64_FORMAT " is not a draft, so its text is final", id);
      return FALSE;
    }

  return ls_case_audit (kase, "request-text", subject, NULL, NULL, NULL, error);
}

static GPtrArray *
read_history (sqlite3 *db,
              gint64   id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *history = ls_request_history_new ();

  if (sqlite3_prepare_v2 (db, "SELECT status, date, at, user, note FROM request_history"
                          " WHERE request_id = ? ORDER BY at, id", -1, &stmt, NULL) != SQLITE_OK)
    return history;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LsRequestChange *c = g_new0 (LsRequestChange, 1);

      ls_request_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &c->status);
      c->date = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      c->at = sqlite3_column_int64 (stmt, 2);
      c->user = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      c->note = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (history, c);
    }

  return history;
}

static const char request_columns[] =
  "SELECT id, created_at, created_by, subject, identifiers, data_kinds, period_from, period_to,"
  " provider, priority, urgent_reason, justification, status, import_id FROM requests";

static GStrv
split_list (const unsigned char *text)
{
  if (text == NULL || text[0] == '\0')
    return g_new0 (char *, 1);

  return g_strsplit ((const char *) text, ",", -1);
}

static LsRequest *
read_request (sqlite3      *db,
              sqlite3_stmt *stmt)
{
  LsRequest *r = g_new0 (LsRequest, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->created_at = sqlite3_column_int64 (stmt, 1);
  r->created_by = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  r->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  r->identifiers = split_list (sqlite3_column_text (stmt, 4));
  r->data_kinds = split_list (sqlite3_column_text (stmt, 5));
  r->period_from = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 6);
  r->period_to = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
  r->provider = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  r->priority = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
  r->urgent_reason = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  r->justification = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  ls_request_status_from_string ((const char *) sqlite3_column_text (stmt, 12), &r->status);
  r->import_id = sqlite3_column_type (stmt, 13) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 13);
  r->history = read_history (db, r->id);

  return r;
}

LsRequest *
ls_case_get_request (LsCase  *kase,
                     gint64   id,
                     GError **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat (request_columns, " WHERE id = ?", NULL);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (db, error, "Cannot read the request");
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "There is no request %" G_GINT64_FORMAT " in this case", id);
      return NULL;
    }

  return read_request (db, stmt);
}

GPtrArray *
ls_case_list_requests (LsCase  *kase,
                       GError **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat (request_columns, " ORDER BY id", NULL);
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_request_free);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_ptr_array_unref (list);
      fail (db, error, "Cannot read the requests");
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (list, read_request (db, stmt));

  return list;
}

gboolean
ls_case_add_outcome (LsCase     *kase,
                     LsOutcome  *outcome,
                     GError    **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);

  if (!ls_outcome_kind_is_valid (outcome->kind))
    {
      g_autofree char *kinds = g_strjoinv (", ", (char **) ls_outcome_kinds ());
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "“%s” is not a kind of outcome; use one of %s",
                   outcome->kind ? outcome->kind : "", kinds);
      return FALSE;
    }
  if (ls_date_days_between (outcome->date, outcome->date) != 0)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "“%s” is not a date like 2024-03-01", outcome->date ? outcome->date : "");
      return FALSE;
    }

  if (!ls_sqlite_exec (db, "BEGIN IMMEDIATE;", error))
    return FALSE;
  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO outcomes (kind, date, line, person_id, quantity, unit, source,"
                          " notes, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,?,?)",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (db, error, "Cannot store the outcome");
      return finish (db, FALSE, NULL);
    }
  sqlite3_bind_text (stmt, 1, outcome->kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, outcome->date, -1, SQLITE_TRANSIENT);
  bind_text (stmt, 3, outcome->line);
  bind_time (stmt, 4, outcome->person_id);
  if (!isnan (outcome->quantity))
    sqlite3_bind_double (stmt, 5, outcome->quantity);
  bind_text (stmt, 6, outcome->unit);
  bind_text (stmt, 7, outcome->source);
  bind_text (stmt, 8, outcome->notes);
  sqlite3_bind_int64 (stmt, 9, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 10, g_get_user_name (), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fail (db, error, "Cannot store the outcome");
      return finish (db, FALSE, NULL);
    }
  outcome->id = sqlite3_last_insert_rowid (db);
  subject = g_strdup_printf ("outcome %" G_GINT64_FORMAT, outcome->id);

  return finish (db, ls_case_audit (kase, "outcome-recorded", subject, NULL, outcome->kind,
                                    outcome->date, error), error);
}

GPtrArray *
ls_case_list_outcomes (LsCase  *kase,
                       GError **error)
{
  sqlite3 *db = ls_case_get_db (kase);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_outcome_free);

  if (sqlite3_prepare_v2 (db,
                          "SELECT o.id, o.kind, o.date, o.line, o.person_id, p.name, o.quantity, o.unit,"
                          " o.source, o.notes FROM outcomes o LEFT JOIN people p ON p.id = o.person_id"
                          " ORDER BY o.date, o.id", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_ptr_array_unref (list);
      fail (db, error, "Cannot read the outcomes");
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LsOutcome *o = g_new0 (LsOutcome, 1);

      o->id = sqlite3_column_int64 (stmt, 0);
      o->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      o->date = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      o->line = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      o->person_id = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 4);
      o->person = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      o->quantity = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 6);
      o->unit = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      o->source = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      o->notes = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      g_ptr_array_add (list, o);
    }

  return list;
}
