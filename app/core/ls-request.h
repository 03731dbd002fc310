/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Data requests to communications providers and the operation's outcomes.
 * The model and its rules live here; ls-case-requests.c stores them. */
#pragma once

#include <glib.h>

#include "ls-case.h"

G_BEGIN_DECLS

typedef enum {
  LS_REQUEST_DRAFT,
  LS_REQUEST_SUBMITTED,
  LS_REQUEST_ACKNOWLEDGED,
  LS_REQUEST_RETURNED,
  LS_REQUEST_IMPORTED,
  LS_REQUEST_REFUSED,
  LS_REQUEST_WITHDRAWN,
  LS_REQUEST_N_STATUSES
} LsRequestStatus;

typedef struct {
  LsRequestStatus  status;
  char            *date;        /* YYYY-MM-DD, UK calendar date */
  gint64           at;          /* when it was recorded, unix seconds */
  char            *user;
  char            *note;
} LsRequestChange;

typedef struct {
  gint64           id;
  gint64           created_at;
  char            *created_by;
  char            *subject;       /* what it was made from: "phone:12", "finding:deal-line:…" */
  GStrv            identifiers;   /* E.164 numbers and IMEIs */
  GStrv            data_kinds;    /* subscriber, call-data, cell-site, imei-history, other */
  gint64           period_from;   /* -1 when open */
  gint64           period_to;
  char            *provider;
  char            *priority;      /* urgent, high, routine */
  char            *urgent_reason;
  char            *justification;
  LsRequestStatus  status;
  gint64           import_id;     /* -1 until the returned data is imported */
  GPtrArray       *history;       /* LsRequestChange, oldest first */
} LsRequest;

typedef struct {
  gint64  id;
  char   *kind;       /* line-closed, arrest, charge, safeguarded, cuckoo-closed,
                       * seizure-drugs, seizure-cash, seizure-phones, other */
  char   *date;       /* YYYY-MM-DD */
  char   *line;       /* the deal line it concerns, if any */
  gint64  person_id;  /* -1 when none */
  char   *person;     /* the person's name, when read back */
  double  quantity;   /* NaN when not given */
  char   *unit;
  char   *source;
  char   *notes;
} LsOutcome;

const char      *ls_request_status_to_string   (LsRequestStatus   status);
gboolean         ls_request_status_from_string (const char       *str,
                                                LsRequestStatus  *status);
const char      *ls_request_status_label       (LsRequestStatus   status);
gboolean         ls_request_status_can_move    (LsRequestStatus   from,
                                                LsRequestStatus   to);
gboolean         ls_request_status_is_open     (LsRequestStatus   status);
gboolean         ls_request_priority_is_valid  (const char       *priority);
gboolean         ls_request_data_kind_is_valid (const char       *kind);
gboolean         ls_outcome_kind_is_valid      (const char       *kind);
const char * const *ls_outcome_kinds           (void);
int              ls_date_days_between          (const char       *from,
                                                const char       *to);
char            *ls_date_today_uk              (void);
const char      *ls_request_date_of            (const LsRequest  *request,
                                                LsRequestStatus   status);
int              ls_request_turnaround_days    (const LsRequest  *request);
int              ls_request_days_outstanding   (const LsRequest  *request,
                                                const char       *today);

GPtrArray       *ls_request_history_new        (void);
void             ls_request_free               (LsRequest        *request);
void             ls_outcome_free               (LsOutcome        *outcome);

/* Store (ls-case-requests.c). */
gboolean         ls_case_add_request           (LsCase           *kase,
                                                LsRequest        *request,
                                                GError          **error);
gboolean         ls_case_set_request_status    (LsCase           *kase,
                                                gint64            id,
                                                LsRequestStatus   status,
                                                const char       *date,
                                                const char       *note,
                                                GError          **error);
gboolean         ls_case_set_request_text      (LsCase           *kase,
                                                gint64            id,
                                                const char       *justification,
                                                GError          **error);
gboolean         ls_case_link_request_import   (LsCase           *kase,
                                                gint64            id,
                                                gint64            import_id,
                                                GError          **error);
LsRequest       *ls_case_get_request           (LsCase           *kase,
                                                gint64            id,
                                                GError          **error);
GPtrArray       *ls_case_list_requests         (LsCase           *kase,
                                                GError          **error);
gboolean         ls_case_add_outcome           (LsCase           *kase,
                                                LsOutcome        *outcome,
                                                GError          **error);
GPtrArray       *ls_case_list_outcomes         (LsCase           *kase,
                                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsRequest, ls_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsOutcome, ls_outcome_free)

G_END_DECLS
