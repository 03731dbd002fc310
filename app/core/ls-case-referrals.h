/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The referral record of each person at risk, kept by the case store:
 * not reviewed → needs referral → referred (children's or adult social care,
 * MASH) → NRM referral (or Duty to Notify for an adult who does not consent)
 * → outcome. Only the transitions in docs/SAFEGUARDING.md are allowed, and
 * every change is written to the audit log in the same transaction. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "ls-types.h"

G_BEGIN_DECLS

typedef enum {
  LS_REFERRAL_NOT_REVIEWED = 0,
  LS_REFERRAL_NEEDS_REFERRAL,
  LS_REFERRAL_REFERRED,
  LS_REFERRAL_NRM_REFERRAL,
  LS_REFERRAL_DUTY_TO_NOTIFY,
  LS_REFERRAL_REASONABLE_GROUNDS,
  LS_REFERRAL_CONCLUSIVE_GROUNDS,
  LS_REFERRAL_NO_FURTHER_ACTION,
  LS_REFERRAL_N_STATUSES
} LsReferralStatus;

typedef struct {
  gint64            person_id;
  LsReferralStatus  status;
  char             *agency;
  char             *reference;
  char             *date;          /* YYYY-MM-DD */
  char             *recorded_by;
  char             *notes;
  char             *reviewed_risk; /* "high", "medium", "low" at the last change */
  gint64            updated_at;    /* unix seconds UTC, -1 when never changed */
} LsReferral;

/* A change someone asks for. NULL fields keep the record's value. */
typedef struct {
  LsReferralStatus  status;
  const char       *agency;
  const char       *reference;
  const char       *date;
  const char       *recorded_by;
  const char       *notes;
  const char       *reviewed_risk;
} LsReferralChange;

typedef struct {
  gint64  at;
  char   *user;
  char   *old_value;
  char   *new_value;
  char   *details;    /* JSON of the fields recorded */
} LsReferralHistoryEntry;

const char *ls_referral_status_to_string   (LsReferralStatus  status);
gboolean    ls_referral_status_from_string (const char       *str,
                                            LsReferralStatus *status);
const char *ls_referral_status_label       (LsReferralStatus  status);
gboolean    ls_referral_transition_allowed (LsReferralStatus  from,
                                            LsReferralStatus  to);

void        ls_referral_clear              (LsReferral       *referral);
void        ls_referral_copy               (const LsReferral *src,
                                            LsReferral       *dest);
void        ls_referral_history_entry_free (gpointer          entry);

/* Reads on any connection (a worker's reader too). A person with no row
 * reads as not reviewed. */
gboolean    ls_case_referral_read          (sqlite3          *db,
                                            gint64            person_id,
                                            LsReferral       *referral,
                                            GError          **error);
/* LsReferralHistoryEntry*, oldest first. */
GPtrArray  *ls_case_referral_history       (sqlite3          *db,
                                            gint64            person_id,
                                            GError          **error);
/* Writes on the case's own connection, with its audit entry, atomically. */
gboolean    ls_case_referral_update        (LsCase                 *kase,
                                            gint64                  person_id,
                                            const LsReferralChange *change,
                                            GError                **error);
gint64      ls_case_find_person            (sqlite3          *db,
                                            const char       *name);

G_END_DECLS
