/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The referral records of the case store: reading, the allowed transitions,
 * and audited changes. The store owns this SQL; callers see structs. */
#define G_LOG_DOMAIN "ls-case-referrals"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "ls-case.h"
#include "ls-case-referrals.h"

static const struct {
  const char *id;
  const char *label;
} statuses[LS_REFERRAL_N_STATUSES] = {
  [LS_REFERRAL_NOT_REVIEWED]       = { "not-reviewed", N_("Not yet reviewed") },
  [LS_REFERRAL_NEEDS_REFERRAL]     = { "needs-referral", N_("Needs referral") },
  [LS_REFERRAL_REFERRED]           = { "referred", N_("Referred to social care / MASH") },
  [LS_REFERRAL_NRM_REFERRAL]       = { "nrm-referral", N_("NRM referral made") },
  [LS_REFERRAL_DUTY_TO_NOTIFY]     = { "duty-to-notify", N_("Duty to Notify made (adult did not consent)") },
  [LS_REFERRAL_REASONABLE_GROUNDS] = { "reasonable-grounds", N_("Outcome: reasonable grounds") },
  [LS_REFERRAL_CONCLUSIVE_GROUNDS] = { "conclusive-grounds", N_("Outcome: conclusive grounds") },
  [LS_REFERRAL_NO_FURTHER_ACTION]  = { "no-further-action", N_("Outcome: no further action") },
};

/* Rows: from; bits: the statuses it may move to. Staying in the same status
 * (to correct the agency, reference or notes) is always allowed. */
#define BIT(s) (1u << (s))
static const guint transitions[LS_REFERRAL_N_STATUSES] = {
  [LS_REFERRAL_NOT_REVIEWED]       = BIT (LS_REFERRAL_NEEDS_REFERRAL) | BIT (LS_REFERRAL_NO_FURTHER_ACTION),
  [LS_REFERRAL_NEEDS_REFERRAL]     = BIT (LS_REFERRAL_REFERRED) | BIT (LS_REFERRAL_NO_FURTHER_ACTION),
  [LS_REFERRAL_REFERRED]           = BIT (LS_REFERRAL_NRM_REFERRAL) | BIT (LS_REFERRAL_DUTY_TO_NOTIFY) |
                                     BIT (LS_REFERRAL_NO_FURTHER_ACTION),
  [LS_REFERRAL_NRM_REFERRAL]       = BIT (LS_REFERRAL_REASONABLE_GROUNDS) | BIT (LS_REFERRAL_NO_FURTHER_ACTION),
  [LS_REFERRAL_DUTY_TO_NOTIFY]     = BIT (LS_REFERRAL_NRM_REFERRAL) | BIT (LS_REFERRAL_NO_FURTHER_ACTION),
  [LS_REFERRAL_REASONABLE_GROUNDS] = BIT (LS_REFERRAL_CONCLUSIVE_GROUNDS) | BIT (LS_REFERRAL_NO_FURTHER_ACTION),
  /* New concerns reopen a closed record. */
  [LS_REFERRAL_CONCLUSIVE_GROUNDS] = BIT (LS_REFERRAL_NEEDS_REFERRAL),
  [LS_REFERRAL_NO_FURTHER_ACTION]  = BIT (LS_REFERRAL_NEEDS_REFERRAL),
};

const char *
ls_referral_status_to_string (LsReferralStatus status)
{
  g_return_val_if_fail (status < LS_REFERRAL_N_STATUSES, NULL);

  return statuses[status].id;
}

const char *
ls_referral_status_label (LsReferralStatus status)
{
  g_return_val_if_fail (status < LS_REFERRAL_N_STATUSES, NULL);

  return _(statuses[status].label);
}

gboolean
ls_referral_status_from_string (const char       *str,
                                LsReferralStatus *status)
{
  for (guint i = 0; i < LS_REFERRAL_N_STATUSES; i++)
    if (g_strcmp0 (str, statuses[i].id) == 0)
      {
        *status = i;
        return TRUE;
      }

  return FALSE;
}

gboolean
ls_referral_transition_allowed (LsReferralStatus from,
                                LsReferralStatus to)
{
  g_return_val_if_fail (from < LS_REFERRAL_N_STATUSES && to < LS_REFERRAL_N_STATUSES, FALSE);

  return from == to || (transitions[from] & BIT (to)) != 0;
}

void
ls_referral_clear (LsReferral *r)
{
  g_clear_pointer (&r->agency, g_free);
  g_clear_pointer (&r->reference, g_free);
  g_clear_pointer (&r->date, g_free);
  g_clear_pointer (&r->recorded_by, g_free);
  g_clear_pointer (&r->notes, g_free);
  g_clear_pointer (&r->reviewed_risk, g_free);
}

void
ls_referral_copy (const LsReferral *src,
                  LsReferral       *dest)
{
  *dest = *src;
  dest->agency = g_strdup (src->agency);
  dest->reference = g_strdup (src->reference);
  dest->date = g_strdup (src->date);
  dest->recorded_by = g_strdup (src->recorded_by);
  dest->notes = g_strdup (src->notes);
  dest->reviewed_risk = g_strdup (src->reviewed_risk);
}

void
ls_referral_history_entry_free (gpointer data)
{
  LsReferralHistoryEntry *e = data;

  g_free (e->user);
  g_free (e->old_value);
  g_free (e->new_value);
  g_free (e->details);
  g_free (e);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

gboolean
ls_case_referral_read (sqlite3     *db,
                       gint64       person_id,
                       LsReferral  *r,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  memset (r, 0, sizeof *r);
  r->person_id = person_id;
  r->status = LS_REFERRAL_NOT_REVIEWED;
  r->updated_at = -1;

  if (sqlite3_prepare_v2 (db,
                          "SELECT status, agency, reference, date, recorded_by, notes, reviewed_risk,"
                          " updated_at FROM referrals WHERE person_id = ?", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the referral record");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, person_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      ls_sqlite_set_error (db, error, "Cannot read the referral record");
      return FALSE;
    }

  if (!ls_referral_status_from_string ((const char *) sqlite3_column_text (stmt, 0), &r->status))
    r->status = LS_REFERRAL_NOT_REVIEWED;
  r->agency = column_dup (stmt, 1);
  r->reference = column_dup (stmt, 2);
  r->date = column_dup (stmt, 3);
  r->recorded_by = column_dup (stmt, 4);
  r->notes = column_dup (stmt, 5);
  r->reviewed_risk = column_dup (stmt, 6);
  r->updated_at = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);

  return TRUE;
}

GPtrArray *
ls_case_referral_history (sqlite3  *db,
                          gint64    person_id,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (ls_referral_history_entry_free);
  g_autofree char *subject = g_strdup_printf ("person:%" G_GINT64_FORMAT, person_id);

  if (sqlite3_prepare_v2 (db,
                          "SELECT at, user, old_value, new_value, details FROM audit_log"
                          " WHERE action = 'referral' AND subject = ? ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the referral history");
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      LsReferralHistoryEntry *e = g_new0 (LsReferralHistoryEntry, 1);

      e->at = sqlite3_column_int64 (stmt, 0);
      e->user = column_dup (stmt, 1);
      e->old_value = column_dup (stmt, 2);
      e->new_value = column_dup (stmt, 3);
      e->details = column_dup (stmt, 4);
      g_ptr_array_add (history, e);
    }

  return g_steal_pointer (&history);
}

gint64
ls_case_find_person (sqlite3    *db,
                     const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM people WHERE name = ?1 COLLATE NOCASE"
                          " ORDER BY name = ?1 DESC LIMIT 1", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

/* Under 18 on DATE (YYYY-MM-DD, or today when NULL)? FALSE when unknown. */
static gboolean
is_child_on (sqlite3    *db,
             gint64      person_id,
             const char *date)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  int by, bm, bd, y, m, d, age;

  if (sqlite3_prepare_v2 (db, "SELECT dob FROM people WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  if (sqlite3_step (stmt) != SQLITE_ROW ||
      sscanf ((const char *) sqlite3_column_text (stmt, 0) ?: "", "%d-%d-%d", &by, &bm, &bd) != 3)
    return FALSE;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    {
      y = g_date_time_get_year (now);
      m = g_date_time_get_month (now);
      d = g_date_time_get_day_of_month (now);
    }
  age = y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0);

  return age < 18;
}

static gboolean
check_change (sqlite3                *db,
              const LsReferral       *old,
              const LsReferralChange *change,
              GError                **error)
{
  const char *agency = change->agency ? change->agency : old->agency;

  if (change->status >= LS_REFERRAL_N_STATUSES)
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID, "Unknown referral status %d", change->status);
      return FALSE;
    }
  if (!ls_referral_transition_allowed (old->status, change->status))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "A referral cannot go from “%s” to “%s”; from “%s” it can go to the next "
                   "step only (see docs/SAFEGUARDING.md)",
                   ls_referral_status_to_string (old->status),
                   ls_referral_status_to_string (change->status),
                   ls_referral_status_to_string (old->status));
      return FALSE;
    }
  if (change->status == LS_REFERRAL_REFERRED && (agency == NULL || *agency == '\0'))
    {
      g_set_error_literal (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                           "A referral needs the agency it went to (children’s social care, "
                           "adult social care or the MASH)");
      return FALSE;
    }
  if (change->status == LS_REFERRAL_DUTY_TO_NOTIFY && is_child_on (db, old->person_id, change->date))
    {
      g_set_error_literal (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                           "Duty to Notify is for adults who do not consent; a child is always "
                           "referred to the National Referral Mechanism (use nrm-referral)");
      return FALSE;
    }
  if (change->date != NULL && *change->date != '\0')
    {
      int y, m, d;
      char tail;

      if (sscanf (change->date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || !g_date_valid_dmy (d, m, y))
        {
          g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                       "The referral date “%s” is not a date; expected YYYY-MM-DD", change->date);
          return FALSE;
        }
    }

  return TRUE;
}

static char *
details_json (const LsReferral *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *k; const char *v; } fields[] = {
    { "status", ls_referral_status_to_string (r->status) },
    { "agency", r->agency }, { "reference", r->reference }, { "date", r->date },
    { "recorded_by", r->recorded_by }, { "notes", r->notes }, { "reviewed_risk", r->reviewed_risk },
  };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      json_builder_set_member_name (b, fields[i].k);
      if (fields[i].v)
        json_builder_add_string_value (b, fields[i].v);
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);

  return json_generator_to_data (gen, NULL);
}

static void
apply_field (char       **field,
             const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value ? g_strdup (value) : NULL;
}

static gboolean
write_row (sqlite3           *db,
           const LsReferral  *r,
           GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "INSERT INTO referrals (person_id, status, agency, reference, date, recorded_by,"
                          " notes, reviewed_risk, updated_at) VALUES (?,?,?,?,?,?,?,?,?)"
                          " ON CONFLICT (person_id) DO UPDATE SET status = excluded.status,"
                          " agency = excluded.agency, reference = excluded.reference, date = excluded.date,"
                          " recorded_by = excluded.recorded_by, notes = excluded.notes,"
                          " reviewed_risk = excluded.reviewed_risk, updated_at = excluded.updated_at",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot record the referral");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, r->person_id);
  sqlite3_bind_text (stmt, 2, ls_referral_status_to_string (r->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, r->agency, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, r->reference, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, r->date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, r->recorded_by, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, r->notes, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, r->reviewed_risk, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 9, r->updated_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      ls_sqlite_set_error (db, error, "Cannot record the referral");
      return FALSE;
    }

  return TRUE;
}

static gboolean
person_exists (sqlite3 *db,
               gint64   person_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM people WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);

  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* The new record and its audit entry go in one savepoint, so a referral is
 * never changed without a trace, inside or outside a caller's transaction. */
gboolean
ls_case_referral_update (LsCase                  *kase,
                         gint64                   person_id,
                         const LsReferralChange  *change,
                         GError                 **error)
{
  sqlite3 *db;
  LsReferral r = { 0 };
  LsReferralStatus old_status;
  g_autofree char *subject = NULL;
  g_autofree char *details = NULL;
  gboolean ok;

  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  db = ls_case_get_db (kase);
  if (!person_exists (db, person_id))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "The case has no person with id %" G_GINT64_FORMAT, person_id);
      return FALSE;
    }
  if (!ls_sqlite_exec (db, "SAVEPOINT referral;", error))
    return FALSE;

  ok = ls_case_referral_read (db, person_id, &r, error) && check_change (db, &r, change, error);
  if (ok)
    {
      old_status = r.status;
      r.status = change->status;
      apply_field (&r.agency, change->agency);
      apply_field (&r.reference, change->reference);
      apply_field (&r.date, change->date);
      apply_field (&r.recorded_by, change->recorded_by ? change->recorded_by : g_get_real_name ());
      apply_field (&r.notes, change->notes);
      apply_field (&r.reviewed_risk, change->reviewed_risk);
      r.updated_at = g_get_real_time () / G_USEC_PER_SEC;
      subject = g_strdup_printf ("person:%" G_GINT64_FORMAT, person_id);
      details = details_json (&r);
      ok = write_row (db, &r, error) &&
           ls_case_audit (kase, "referral", subject, ls_referral_status_to_string (old_status),
                          ls_referral_status_to_string (r.status), details, error);
    }

  if (!ok)
    ls_sqlite_exec (db, "ROLLBACK TO referral;", NULL);
  ls_sqlite_exec (db, "RELEASE referral;", NULL);
  ls_referral_clear (&r);

  return ok;
}
