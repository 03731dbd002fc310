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
#include "ls-request-draft.h"
#include "ls-demo.h"
#include "ls-results.h"
#include "ls-results-document.h"
#include "test-case-builder.h"
#include "test-pdf.h"

#include <string.h>
#include <sys/wait.h>

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

static char *demo_path;

static const char *
demo_case (void)
{
  if (demo_path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("linesight-req-demo-XXXXXX", NULL);
      g_autoptr(GError) error = NULL;

      demo_path = g_build_filename (dir, "demo.linesight", NULL);
      g_assert_true (ls_demo_generate (demo_path, 1, 1.0, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
    }

  return demo_path;
}

/* A request about the deal line draws on the children in contact with it:
 * urgent, saying why first, naming no child to the provider. */
static void
test_draft_deal_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (demo_case (), &error);
  g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (1, 1.0);
  const char *deal = g_ptr_array_index (truth->deal_numbers, 1);
  const char *ids[] = { deal, NULL };
  g_autoptr(LsRequestDraft) draft = ls_request_draft (ls_case_get_db (kase), ids, -1, -1, NULL, &error);
  gboolean child_linked = FALSE;

  g_assert_no_error (error);
  g_assert_true (draft->urgent);
  g_assert_true (g_str_has_prefix (draft->text, "This request is urgent."));
  g_assert_nonnull (strstr (draft->text, "Child A, aged 1"));
  g_assert_nonnull (strstr (draft->text, "high risk"));
  g_assert_nonnull (strstr (draft->text, "deal line"));
  g_assert_nonnull (draft->urgent_reason);

  /* The children are linked by name for the analyst, but the text that
   * goes to the provider names none of them. */
  for (guint i = 0; i < truth->children->len; i++)
    {
      const char *child = g_ptr_array_index (truth->children, i);
      g_autofree char *first = g_strndup (child, strcspn (child, " "));

      g_assert_null (strstr (draft->text, first));
      child_linked |= g_strv_contains ((const char * const *) draft->linked_people, child);
    }
  g_assert_true (child_linked);
}

/* A customer's number is linked to no one at risk: routine. */
static void
test_draft_customer (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_open (demo_case (), &error);
  g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (1, 1.0);
  g_autoptr(LsRequestDraft) draft = NULL;
  const char *customer = NULL;
  GHashTableIter iter;
  gpointer number, role;
  const char *ids[2] = { NULL, NULL };

  g_hash_table_iter_init (&iter, truth->number_roles);
  while (customer == NULL && g_hash_table_iter_next (&iter, &number, &role))
    if (g_str_equal (role, "customer") && g_hash_table_lookup (truth->number_owners, number) == NULL)
      customer = number;
  g_assert_nonnull (customer);

  ids[0] = customer;
  draft = ls_request_draft (ls_case_get_db (kase), ids, -1, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (draft->urgent);
  g_assert_null (draft->urgent_reason);
  g_assert_null (strstr (draft->text, "Child A"));
  g_assert_cmpuint (g_strv_length (draft->linked_people), ==, 0);
}

/* The redacted results summary names nobody and shows no number. */
static void
test_results_redacted (void)
{
  g_autoptr(LsCase) kase = new_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsResults) results = NULL;
  g_autoptr(LsDocument) plain = NULL, redacted = NULL;
  g_autofree char *dir = g_path_get_dirname (ls_case_get_path (kase));
  g_autofree char *plain_pdf = g_build_filename (dir, "plain.pdf", NULL);
  g_autofree char *redacted_pdf = g_build_filename (dir, "redacted.pdf", NULL);
  g_autofree char *plain_text = NULL, *redacted_text = NULL;
  LsPersonRecord person = { .name = "Kayden Price", .line = 2 };
  LsOutcome arrest = { .kind = (char *) "arrest", .date = (char *) "2024-06-02",
                       .line = (char *) "+447700900493", .quantity = NAN };
  LsOutcome safe = { .kind = (char *) "safeguarded", .date = (char *) "2024-07-12", .quantity = NAN };
  gint64 id;

  test_case_write_people (kase, &person, 1);
  id = add_request (kase);
  arrest.person_id = ls_sqlite_query_int (ls_case_get_db (kase), "SELECT id FROM people", -1);
  safe.person_id = arrest.person_id;
  g_assert_true (ls_case_add_outcome (kase, &arrest, &error));
  g_assert_true (ls_case_add_outcome (kase, &safe, &error));
  g_assert_true (ls_case_set_request_status (kase, id, LS_REQUEST_SUBMITTED, "2024-05-01", NULL, &error));
  g_assert_true (ls_case_set_request_status (kase, id, LS_REQUEST_RETURNED, "2024-05-04", NULL, &error));
  g_assert_true (ls_case_set_meta (kase, "operation", "Operation Kestrel", &error));

  results = ls_results_build (kase, 14, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->kinds->len, ==, 2);
  g_assert_cmpfloat (results->turnaround[1].median_days, ==, 3.0);   /* urgent */

  plain = ls_results_document (results, kase, FALSE);
  redacted = ls_results_document (results, kase, TRUE);
  g_assert_true (ls_document_write_pdf (plain, plain_pdf, &error));
  g_assert_true (ls_document_write_pdf (redacted, redacted_pdf, &error));
  plain_text = test_pdf_text (plain_pdf, FALSE, 0);
  redacted_text = test_pdf_text (redacted_pdf, FALSE, 0);

  /* The plain one shows the line; the redacted one shows neither the line,
   * nor the operation, nor anyone — but the same counts. */
  g_assert_nonnull (strstr (plain_text, "+447700900493"));
  g_assert_nonnull (strstr (plain_text, "Kestrel"));
  g_assert_null (strstr (redacted_text, "+447700900493"));
  g_assert_null (strstr (redacted_text, "0493"));
  g_assert_null (strstr (redacted_text, "Kestrel"));
  g_assert_null (strstr (redacted_text, "Kayden"));
  g_assert_null (strstr (redacted_text, "Price"));
  g_assert_null (strstr (redacted_text, g_get_real_name ()));
  g_assert_nonnull (strstr (redacted_text, "Line 1"));
  g_assert_nonnull (strstr (redacted_text, "Arrests"));
}

static char *
run_linesight (const char * const *args,
                int                 expect_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) g_getenv ("LINESIGHT"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, expect_status);
  return out;
}

/* The command line end to end: draft, submit, a one-page PDF with the
 * marking at top and bottom, the identifiers CSV, and the register. */
static void
test_cli_request (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-req-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cli.linesight", NULL);
  g_autofree char *pdf = g_build_filename (dir, "request.pdf", NULL);
  g_autofree char *csv = g_build_filename (dir, "request.csv", NULL);
  g_autoptr(LsDemoTruth) truth = ls_demo_truth_new (1, 1.0);
  const char *deal = g_ptr_array_index (truth->deal_numbers, 2);
  g_autofree char *id = NULL, *text = NULL, *csv_text = NULL, *list = NULL, *info = NULL;
  const char *info_argv[3] = { "pdfinfo", NULL, NULL };

  {
    g_autoptr(GFile) from = g_file_new_for_path (demo_case ());
    g_autoptr(GFile) to = g_file_new_for_path (path);

    g_assert_true (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  }
  {
    const char *args[] = { "request", path, "--new", "--identifier", deal, "--provider", "Vodafone",
                           "--data", "call-data,cell-site", "--from", "2024-05-01", "--to", "2024-06-30", NULL };
    id = run_linesight (args, 0);
    g_strstrip (id);
  }
  {
    const char *args[] = { "request", path, "--id", id, "--set-status", "returned", NULL };
    g_free (run_linesight (args, 1));   /* not submitted yet */
  }
  {
    const char *args[] = { "request", path, "--id", id, "--set-status", "submitted", "--date", "2024-07-01", NULL };
    g_free (run_linesight (args, 0));
  }
  {
    const char *args[] = { "request", path, "--id", id, "-o", pdf, "--csv", csv, NULL };
    g_free (run_linesight (args, 0));
  }

  info_argv[1] = pdf;
  g_assert_true (g_spawn_sync (NULL, (char **) info_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &info, NULL, NULL, NULL));
  g_assert_nonnull (strstr (info, "Pages:           1"));
  text = test_pdf_text (pdf, FALSE, 0);
  g_assert_true (g_str_has_prefix (g_strchug (text), "OFFICIAL-SENSITIVE"));
  g_assert_nonnull (strstr (strstr (text, "OFFICIAL-SENSITIVE") + 1, "OFFICIAL-SENSITIVE"));
  g_assert_nonnull (strstr (text, "URGENT"));
  g_assert_nonnull (strstr (text, deal));

  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_nonnull (strstr (csv_text, "identifier,type,data,period_from,period_to\n"));
  g_assert_nonnull (strstr (csv_text, ",msisdn,call-data;cell-site,2024-05-01,2024-06-30\n"));

  {
    const char *args[] = { "requests", path, "--format", "csv", NULL };
    list = run_linesight (args, 0);
  }
  g_assert_nonnull (strstr (list, ",urgent,submitted,2024-07-01,"));

  /* The provider's answer imported against the request closes it. */
  {
    g_autofree char *answer = g_build_filename (dir, "answer.csv", NULL);
    g_autofree char *json = NULL;
    const char *args[] = { "import", path, "--kind", "calls", answer, "--request", id, NULL };
    const char *show[] = { "request", path, "--id", id, NULL };

    g_assert_true (g_file_set_contents (answer,
                                        "Start Time,A Number,B Number,Call Type,Duration\n"
                                        "02/07/2024 10:00:00,07700 900555,07700 900556,Voice,60\n",
                                        -1, NULL));
    g_free (run_linesight (args, 0));
    json = run_linesight (show, 0);
    g_assert_nonnull (strstr (json, "\"status\" : \"imported\""));
    g_assert_null (strstr (json, "\"import_id\" : null"));
  }
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
  g_test_add_func ("/requests/draft/deal-line", test_draft_deal_line);
  g_test_add_func ("/requests/draft/customer", test_draft_customer);
  if (test_pdf_have_pdftotext ())
    {
      g_test_add_func ("/requests/results/redacted", test_results_redacted);
      g_test_add_func ("/requests/cli", test_cli_request);
    }

  return g_test_run ();
}
