/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Data requests: states and the moves between them, history and audit,
 * turnaround in calendar days across clock changes, linking an import;
 * and outcomes. */
#define G_LOG_DOMAIN "test-requests"
#include "config.h"

#include <math.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-request.h"

static LsCase *
new_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-req-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "req.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, NULL, NULL, &error);

  g_assert_no_error (error);
  return kase;
}

static gint64
add_request (LsCase *kase)
{
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "+447700900001", "356938035643809", NULL };
  const char *kinds[] = { "subscriber", "call-data", NULL };
  LsRequest r = { 0 };

  r.identifiers = (GStrv) ids;
  r.data_kinds = (GStrv) kinds;
  r.period_from = -1;
  r.period_to = -1;
  r.provider = (char *) "Vodafone";
  r.priority = (char *) "urgent";
  r.justification = (char *) "A child is at risk.";
  g_assert_true (ls_case_add_request (kase, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.id, >, 0);
  g_assert_cmpint (r.status, ==, LS_REQUEST_DRAFT);

  return r.id;
}

static void
test_transitions (void)
{
  g_autoptr(LsCase) kase = new_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsRequest) r = NULL;
  gint64 id = add_request (kase);

  /* A draft cannot be returned before it is submitted. */
  g_assert_false (ls_case_set_request_status (kase, id, LS_REQUEST_RETURNED, NULL, NULL, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (ls_case_set_request_status (kase, id, LS_REQUEST_SUBMITTED, "2024-03-29", NULL, &error));
  g_assert_true (ls_case_set_request_status (kase, id, LS_REQUEST_ACKNOWLEDGED, "2024-03-30", NULL, &error));
  g_assert_true (ls_case_set_request_status (kase, id, LS_REQUEST_RETURNED, "2024-04-02", "by email", &error));
  g_assert_no_error (error);

  /* Terminal states stay put. */
  g_assert_true (ls_case_set_request_status (kase, id, LS_REQUEST_IMPORTED, "2024-04-03", NULL, &error));
  g_assert_false (ls_case_set_request_status (kase, id, LS_REQUEST_WITHDRAWN, NULL, NULL, &error));
  g_clear_error (&error);

  /* A bad date is refused before anything changes. */
  g_assert_false (ls_case_set_request_status (kase, id, LS_REQUEST_WITHDRAWN, "31/02/2024", NULL, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID);
  g_clear_error (&error);

  r = ls_case_get_request (kase, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (r->status, ==, LS_REQUEST_IMPORTED);
  g_assert_cmpuint (r->history->len, ==, 5);
  g_assert_cmpstr (ls_request_date_of (r, LS_REQUEST_SUBMITTED), ==, "2024-03-29");
  /* 29 March to 2 April 2024 spans the change to BST on 31 March: still 4 days. */
  g_assert_cmpint (ls_request_turnaround_days (r), ==, 4);
  g_assert_cmpint (ls_request_days_outstanding (r, "2024-04-10"), ==, -1);
  g_assert_cmpuint (g_strv_length (r->identifiers), ==, 2);

  /* Every change is in the audit log: created + four moves. */
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase),
                                        "SELECT count(*) FROM audit_log WHERE action LIKE 'request-%'", 0),
                   ==, 5);
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase),
                                        "SELECT count(*) FROM audit_log WHERE action = 'request-status'"
                                        " AND old_value = 'acknowledged' AND new_value = 'returned'", 0),
                   ==, 1);
}

static void
test_outstanding_and_autumn (void)
{
  g_autoptr(LsCase) kase = new_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsRequest) r = NULL;
  gint64 id = add_request (kase);

  g_assert_true (ls_case_set_request_status (kase, id, LS_REQUEST_SUBMITTED, "2024-10-25", NULL, &error));
  r = ls_case_get_request (kase, id, &error);
  /* Over the change back to GMT on 27 October. */
  g_assert_cmpint (ls_request_days_outstanding (r, "2024-10-28"), ==, 3);
  g_assert_cmpint (ls_request_turnaround_days (r), ==, -1);
  g_assert_cmpint (ls_date_days_between ("2024-02-28", "2024-03-01"), ==, 2);
  g_assert_cmpint (ls_date_days_between ("2023-02-28", "2023-03-01"), ==, 1);
  g_assert_cmpint (ls_date_days_between ("2023-02-29", "2023-03-01"), ==, G_MININT);
}

static void
test_link_import (void)
{
  g_autoptr(LsCase) kase = new_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsRequest) r = NULL;
  gint64 id = add_request (kase);
  LsCaseWriter *w;
  gint64 import_id;

  g_assert_true (ls_case_set_request_status (kase, id, LS_REQUEST_SUBMITTED, "2024-05-01", NULL, &error));
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "vodafone.csv", "", NULL, &error);
  import_id = ls_case_writer_get_import_id (w);
  g_assert_true (ls_case_writer_commit (w, &error));

  g_assert_true (ls_case_link_request_import (kase, id, import_id, &error));
  g_assert_no_error (error);
  r = ls_case_get_request (kase, id, &error);
  g_assert_cmpint (r->status, ==, LS_REQUEST_IMPORTED);
  g_assert_cmpint (r->import_id, ==, import_id);
  g_assert_nonnull (ls_request_date_of (r, LS_REQUEST_RETURNED));
}

static void
test_refuse_incomplete (void)
{
  g_autoptr(LsCase) kase = new_case ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "+447700900001", NULL };
  const char *kinds[] = { "everything", NULL };
  LsRequest r = { 0 };

  r.identifiers = (GStrv) ids;
  r.data_kinds = (GStrv) kinds;
  r.provider = (char *) "EE";
  r.priority = (char *) "routine";
  g_assert_false (ls_case_add_request (kase, &r, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID);
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase), "SELECT count(*) FROM requests", -1), ==, 0);
}

static void
test_outcomes (void)
{
  g_autoptr(LsCase) kase = new_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  LsOutcome cash = { .kind = (char *) "seizure-cash", .date = (char *) "2024-06-02",
                     .line = (char *) "+447700900001", .person_id = -1, .quantity = 4250, .unit = (char *) "GBP" };
  LsOutcome closed = { .kind = (char *) "line-closed", .date = (char *) "2024-06-01",
                       .person_id = -1, .quantity = NAN };
  LsOutcome bad = { .kind = (char *) "victory", .date = (char *) "2024-06-01", .person_id = -1 };

  g_assert_true (ls_case_add_outcome (kase, &cash, &error));
  g_assert_true (ls_case_add_outcome (kase, &closed, &error));
  g_assert_no_error (error);
  g_assert_false (ls_case_add_outcome (kase, &bad, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID);

  list = ls_case_list_outcomes (kase, NULL);
  g_assert_cmpuint (list->len, ==, 2);
  /* In date order. */
  g_assert_cmpstr (((LsOutcome *) list->pdata[0])->kind, ==, "line-closed");
  g_assert_true (isnan (((LsOutcome *) list->pdata[0])->quantity));
  g_assert_cmpfloat (((LsOutcome *) list->pdata[1])->quantity, ==, 4250);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/requests/transitions", test_transitions);
  g_test_add_func ("/requests/outstanding-and-autumn", test_outstanding_and_autumn);
  g_test_add_func ("/requests/link-import", test_link_import);
  g_test_add_func ("/requests/refuse-incomplete", test_refuse_incomplete);
  g_test_add_func ("/requests/outcomes", test_outcomes);

  return g_test_run ();
}
