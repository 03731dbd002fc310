/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules of data requests: their states, the moves between them, and
 * turnaround counted in UK calendar days (so a clock change in between
 * neither adds nor loses a day). */
#define G_LOG_DOMAIN "ls-request"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "ls-request.h"
#include "ls-time.h"

static const char * const status_names[LS_REQUEST_N_STATUSES] = {
  [LS_REQUEST_DRAFT] = "draft",
  [LS_REQUEST_SUBMITTED] = "submitted",
  [LS_REQUEST_ACKNOWLEDGED] = "acknowledged",
  [LS_REQUEST_RETURNED] = "returned",
  [LS_REQUEST_IMPORTED] = "imported",
  [LS_REQUEST_REFUSED] = "refused",
  [LS_REQUEST_WITHDRAWN] = "withdrawn",
};

static const char * const status_labels[LS_REQUEST_N_STATUSES] = {
  [LS_REQUEST_DRAFT] = N_("Draft"),
  [LS_REQUEST_SUBMITTED] = N_("Submitted"),
  [LS_REQUEST_ACKNOWLEDGED] = N_("Acknowledged"),
  [LS_REQUEST_RETURNED] = N_("Returned"),
  [LS_REQUEST_IMPORTED] = N_("Imported"),
  [LS_REQUEST_REFUSED] = N_("Refused"),
  [LS_REQUEST_WITHDRAWN] = N_("Withdrawn"),
};

/* moves[from] is the set of states reachable in one step. */
static const guint moves[LS_REQUEST_N_STATUSES] = {
  [LS_REQUEST_DRAFT] = 1u << LS_REQUEST_SUBMITTED | 1u << LS_REQUEST_WITHDRAWN,
  [LS_REQUEST_SUBMITTED] = 1u << LS_REQUEST_ACKNOWLEDGED | 1u << LS_REQUEST_RETURNED |
                           1u << LS_REQUEST_REFUSED | 1u << LS_REQUEST_WITHDRAWN,
  [LS_REQUEST_ACKNOWLEDGED] = 1u << LS_REQUEST_RETURNED | 1u << LS_REQUEST_REFUSED |
                              1u << LS_REQUEST_WITHDRAWN,
  [LS_REQUEST_RETURNED] = 1u << LS_REQUEST_IMPORTED,
};

static const char * const priorities[] = { "urgent", "high", "routine" };
static const char * const data_kinds[] = { "subscriber", "call-data", "cell-site", "imei-history", "other" };
static const char * const outcome_kinds[] = {
  "line-closed", "arrest", "charge", "safeguarded", "cuckoo-closed",
  "seizure-drugs", "seizure-cash", "seizure-phones", "other", NULL
};

const char *
ls_request_status_to_string (LsRequestStatus status)
{
  g_return_val_if_fail (status < LS_REQUEST_N_STATUSES, NULL);

  return status_names[status];
}

const char *
ls_request_status_label (LsRequestStatus status)
{
  g_return_val_if_fail (status < LS_REQUEST_N_STATUSES, NULL);

  return _(status_labels[status]);
}

gboolean
ls_request_status_from_string (const char      *str,
                               LsRequestStatus *status)
{
  for (guint i = 0; i < LS_REQUEST_N_STATUSES; i++)
    {
      if (g_strcmp0 (str, status_names[i]) == 0)
        {
          *status = (LsRequestStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
ls_request_status_can_move (LsRequestStatus from,
                            LsRequestStatus to)
{
  g_return_val_if_fail (from < LS_REQUEST_N_STATUSES && to < LS_REQUEST_N_STATUSES, FALSE);

  return (moves[from] & (1u << to)) != 0;
}

gboolean
ls_request_status_is_open (LsRequestStatus status)
{
  return status == LS_REQUEST_SUBMITTED || status == LS_REQUEST_ACKNOWLEDGED;
}

static gboolean
in_list (const char         *value,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (g_strcmp0 (value, list[i]) == 0)
      return TRUE;

  return FALSE;
}

gboolean
ls_request_priority_is_valid (const char *priority)
{
  return in_list (priority, priorities, G_N_ELEMENTS (priorities));
}

gboolean
ls_request_data_kind_is_valid (const char *kind)
{
  return in_list (kind, data_kinds, G_N_ELEMENTS (data_kinds));
}

gboolean
ls_outcome_kind_is_valid (const char *kind)
{
  return in_list (kind, outcome_kinds, G_N_ELEMENTS (outcome_kinds) - 1);
}

const char * const *
ls_outcome_kinds (void)
{
  return outcome_kinds;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  int y, m, d;
  char tail;

  if (text == NULL || sscanf (text, "%d-%d-%d%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);

  return TRUE;
}

/* Whole calendar days from FROM to TO (YYYY-MM-DD), or G_MININT when
 * either is not a valid date. */
int
ls_date_days_between (const char *from,
                      const char *to)
{
  GDate a, b;

  if (!parse_date (from, &a) || !parse_date (to, &b))
    return G_MININT;

  return g_date_days_between (&a, &b);
}

char *
ls_date_today_uk (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now (ls_time_zone_london ());

  return g_date_time_format (now, "%Y-%m-%d");
}

/* The date the request first reached STATUS, or NULL. */
const char *
ls_request_date_of (const LsRequest *request,
                    LsRequestStatus  status)
{
  if (request->history == NULL)
    return NULL;

  for (guint i = 0; i < request->history->len; i++)
    {
      const LsRequestChange *c = g_ptr_array_index (request->history, i);

      if (c->status == status)
        return c->date;
    }

  return NULL;
}

/* From submission to the provider's answer (data returned, or refused). */
int
ls_request_turnaround_days (const LsRequest *request)
{
  const char *submitted = ls_request_date_of (request, LS_REQUEST_SUBMITTED);
  const char *answered = ls_request_date_of (request, LS_REQUEST_RETURNED);

  if (answered == NULL)
    answered = ls_request_date_of (request, LS_REQUEST_REFUSED);
  if (submitted == NULL || answered == NULL)
    return -1;

  return ls_date_days_between (submitted, answered);
}

int
ls_request_days_outstanding (const LsRequest *request,
                             const char      *today)
{
  const char *submitted = ls_request_date_of (request, LS_REQUEST_SUBMITTED);

  if (!ls_request_status_is_open (request->status) || submitted == NULL)
    return -1;

  return ls_date_days_between (submitted, today);
}

static void
change_free (gpointer data)
{
  LsRequestChange *c = data;

  g_free (c->date);
  g_free (c->user);
  g_free (c->note);
  g_free (c);
}

void
ls_request_free (LsRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->created_by);
  g_free (request->subject);
  g_strfreev (request->identifiers);
  g_strfreev (request->data_kinds);
  g_free (request->provider);
  g_free (request->priority);
  g_free (request->urgent_reason);
  g_free (request->justification);
  g_clear_pointer (&request->history, g_ptr_array_unref);
  g_free (request);
}

void
ls_outcome_free (LsOutcome *outcome)
{
  if (outcome == NULL)
    return;

  g_free (outcome->kind);
  g_free (outcome->date);
  g_free (outcome->line);
  g_free (outcome->person);
  g_free (outcome->unit);
  g_free (outcome->source);
  g_free (outcome->notes);
  g_free (outcome);
}

GPtrArray *
ls_request_history_new (void)
{
  return g_ptr_array_new_with_free_func (change_free);
}
