/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The detectors on a small hand-made case where the right answer is known:
 * one county line (deal line, holder, head, a child runner, customers)
 * beside two busy legitimate phones (a taxi firm and a parent) that must
 * not be taken for a deal line. */
#define G_LOG_DOMAIN "test-analysis"
#include "config.h"

#include <json-glib/json-glib.h>

#include "ls-analysis.h"
#include "ls-case.h"
#include "ls-case-cache.h"
#include "ls-case-writer.h"
#include "test-case-builder.h"

#define DAY   86400
#define T0    1717236000 /* 2024-06-01 10:00 UTC */

#define DEAL    "+447700900100"
#define HOLDER  "+447700900010"
#define HEAD    "+447700900001"
#define RUNNER  "+447700900020"
#define SECOND  "+447700900021"
#define MINDER  "+447700900030"
#define TAXI    "+447700900500"
#define MUM     "+447700900600"

typedef struct {
  LsCaseWriter *w;
  gint64        line;
} Calls;

static void
call (Calls      *c,
      gint64      start,
      const char *from,
      const char *to,
      LsCallKind  kind,
      gint64      duration,
      const char *cell,
      const char *imei)
{
  g_autoptr(GError) error = NULL;
  LsCallRecord r = { .start = start, .caller = from, .callee = to, .kind = kind,
                     .duration = duration, .cell = cell, .imei = imei, .line = ++c->line };

  g_assert_true (ls_case_writer_add_call (c->w, &r, NULL, &error));
  g_assert_no_error (error);
}

static char *
customer (guint i)
{
  return g_strdup_printf ("+4477009002%02u", i);
}

static char *
taxi_passenger (guint i)
{
  return g_strdup_printf ("+4477009007%02u", i);
}

static void
write_people (LsCase *kase)
{
  const LsPersonRecord people[] = {
    { .name = "Hal Holder", .dob = "1998-02-02", .line = 2 },
    { .name = "Bill Boss", .dob = "1980-03-03", .line = 3 },
    { .name = "Kai Runner", .dob = "2008-09-01", .line = 4 },
    { .name = "Quick Cabs", .line = 5 },
    { .name = "Mary Mum", .dob = "1975-05-05", .line = 6 },
  };
  const LsPhoneRecord phones[] = {
    { HOLDER, "Hal Holder", NULL, 2 },
    { HEAD, "Bill Boss", NULL, 3 },
    { RUNNER, "Kai Runner", NULL, 4 },
    { TAXI, "Quick Cabs", NULL, 5 },
    { MUM, "Mary Mum", NULL, 6 },
  };

  test_case_write_people (kase, people, G_N_ELEMENTS (people));
  test_case_write_phones (kase, phones, G_N_ELEMENTS (phones));
}

/* Five days of a county line: a flare each morning from the deal line to
 * 20 customers within a minute, customers calling back briefly, the
 * holder (whose phone shares the deal line's handset) instructing the
 * runner, who works in the deal line's cells, and the head talking only
 * to the holder. */
static void
write_line (Calls *c)
{
  for (guint d = 0; d < 5; d++)
    {
      gint64 day = T0 + d * DAY;

      for (guint i = 0; i < 20; i++)
        {
          g_autofree char *cust = customer (i);
          call (c, day + i * 3, DEAL, cust, LS_CALL_KIND_SMS, 0, "NOR-1", "350000000000001");
        }
      for (guint i = 0; i < 15; i++)
        {
          g_autofree char *cust = customer ((i + d) % 20);
          call (c, day + 600 + i * 120, cust, DEAL, LS_CALL_KIND_VOICE, 25, "NOR-2", NULL);
        }
      /* The holder's own phone in the deal line's handset, and in touch with it. */
      call (c, day - 3600, HOLDER, DEAL, LS_CALL_KIND_SMS, 0, "LON-1", "350000000000001");
      for (guint i = 0; i < 3; i++)
        call (c, day + 300 + i * 900, DEAL, HOLDER, LS_CALL_KIND_VOICE, 120, "NOR-1", "350000000000001");
      /* Instructions to the runner before deals. */
      call (c, day + 500, HOLDER, RUNNER, LS_CALL_KIND_VOICE, 60, "LON-1", "350000000000001");
      call (c, day + 520, HOLDER, RUNNER, LS_CALL_KIND_SMS, 0, "LON-1", "350000000000001");
      /* The runner's number moves to a new handset on day 3, and the old
       * handset takes a new number: a chain of swaps. */
      for (guint i = 0; i < 3; i++)
        call (c, day + 1000 + i * 1200, RUNNER, DEAL, LS_CALL_KIND_SMS, 0, i ? "NOR-1" : "NOR-2",
              d < 3 ? "350000000000099" : "350000000000098");
      if (d >= 3)
        call (c, day + 1100, SECOND, HOLDER, LS_CALL_KIND_VOICE, 30, "NOR-3", "350000000000099");
      /* A minder with the runner on four days, on the same cell within minutes. */
      if (d < 4)
        call (c, day + 1000 + 2 * 1200 + 300, MINDER, "+447700900031", LS_CALL_KIND_VOICE, 30, "NOR-1", NULL);
      /* The head, only ever with the holder. */
      call (c, day + 7200, HEAD, HOLDER, LS_CALL_KIND_VOICE, 300, "LON-2", "350000000000077");
      call (c, day + 7500, HOLDER, HEAD, LS_CALL_KIND_SMS, 0, "LON-1", "350000000000001");
    }
}

/* A busy taxi firm: many short calls from many different numbers, each
 * answered by a text of its own, minutes apart; and a parent texting
 * her three children all day. */
static void
write_legitimate (Calls *c)
{
  const char *kids[] = { "+447700900601", "+447700900602", "+447700900603" };

  for (guint d = 0; d < 5; d++)
    for (guint i = 0; i < 30; i++)
      {
        guint who = (i * 7 + d * 3) % 60;
        g_autofree char *p = taxi_passenger (who);
        g_autofree char *home = g_strdup_printf ("IPS-P%02u", who);
        gint64 t = T0 + d * DAY + 3600 + i * 600;

        call (c, t, p, TAXI, LS_CALL_KIND_VOICE, 40, home, NULL);
        call (c, t + 240, TAXI, p, LS_CALL_KIND_SMS, 0, "IPS-1", NULL);
      }
  for (guint d = 0; d < 5; d++)
    for (guint i = 0; i < 24; i++)
      call (c, T0 + d * DAY + i * 200, MUM, kids[i % 3], LS_CALL_KIND_SMS, 0, "IPS-2", NULL);
}

static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-analysis-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "line.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, NULL, NULL, &error);
  Calls c = { NULL, 1 };

  g_assert_no_error (error);
  write_people (kase);
  c.w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "", NULL, &error);
  write_line (&c);
  write_legitimate (&c);
  g_assert_true (ls_case_writer_commit (c.w, &error));
  g_assert_no_error (error);

  return kase;
}

static LsAnalysis *
analyse (LsCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = ls_case_open_reader (kase, &error);
  LsAnalysis *analysis;

  g_assert_no_error (error);
  analysis = ls_analysis_run (reader, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (analysis);

  return analysis;
}

static const char *
key_of (LsAnalysis *a,
        const char *label)
{
  for (guint i = 0; i < ls_analysis_get_n_nodes (a); i++)
    if (g_str_equal (ls_analysis_get_node (a, i)->label, label))
      return ls_analysis_get_node (a, i)->key;
  g_assert_not_reached ();
}

static LsFinding *
only_finding (LsAnalysis *a,
              const char *type,
              const char *key)
{
  g_autoptr(GPtrArray) found = ls_analysis_list_findings (a, type, key);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

static void
test_deal_line (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsAnalysis) a = analyse (kase);
  g_autoptr(GPtrArray) deal_lines = ls_analysis_list_findings (a, LS_FINDING_DEAL_LINE, NULL);
  LsFinding *f;
  guint flares = 0;

  /* Exactly one deal line: the taxi firm and the parent are not. */
  g_assert_cmpuint (deal_lines->len, ==, 1);
  f = g_ptr_array_index (deal_lines, 0);
  g_assert_cmpstr (g_ptr_array_index (f->numbers, 0), ==, DEAL);
  g_assert_true (ls_finding_has_subject (f, key_of (a, DEAL)));
  g_assert_cmpfloat (f->confidence, >=, 0.8);
  g_assert_cmpuint (f->reasons->len, >=, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (f->reasons, 0), "on 5 different days"));
  /* 5 flares of 20 texts plus 75 short calls behind it. */
  g_assert_cmpuint (f->evidence_total, ==, 100 + 75);
  g_assert_cmpuint (f->evidence->len, ==, 50);
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LsEvidence *e = &g_array_index (f->evidence, LsEvidence, i);

      g_assert_cmpint (e->kind, ==, LS_EVIDENCE_CALL);
      g_assert_cmpstr (e->file, ==, "calls.csv");
      g_assert_cmpint (e->line, >=, 2);
      g_assert_cmpint (e->row_id, >, 0);
      flares += e->when % DAY < 60 + (T0 % DAY);
    }
  g_assert_cmpuint (flares, >, 0);

  g_assert_cmpint (ls_analysis_get_node (a, ls_analysis_find_node (a, key_of (a, DEAL)))->role, ==, LS_ROLE_DEAL_LINE);
  g_assert_cmpint (ls_analysis_get_node (a, ls_analysis_find_node (a, key_of (a, "Quick Cabs")))->role, ==, LS_ROLE_NONE);
  g_assert_cmpint (ls_analysis_get_node (a, ls_analysis_find_node (a, key_of (a, "Mary Mum")))->role, ==, LS_ROLE_NONE);
}

/* The evidence rows named by a finding are the case's rows, at the source
 * lines the writer was given. */
static void
test_evidence_rows (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsAnalysis) a = analyse (kase);
  g_autoptr(GPtrArray) deal_lines = ls_analysis_list_findings (a, LS_FINDING_DEAL_LINE, NULL);
  LsFinding *f = g_ptr_array_index (deal_lines, 0);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (ls_case_get_db (kase),
                                       "SELECT c.source_line, c.start, p.number, i.file_name FROM calls c"
                                       " JOIN phones p ON p.id = c.caller_id JOIN imports i ON i.id = c.import_id"
                                       " WHERE c.id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LsEvidence *e = &g_array_index (f->evidence, LsEvidence, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, e->row_id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, e->line);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, e->when);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==, e->file);
    }
}

static void
test_roles (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsAnalysis) a = analyse (kase);
  LsFinding *holder = only_finding (a, LS_FINDING_ROLE, key_of (a, "Hal Holder"));
  LsFinding *head = only_finding (a, LS_FINDING_ROLE, key_of (a, "Bill Boss"));
  LsFinding *runner = only_finding (a, LS_FINDING_ROLE, key_of (a, "Kai Runner"));
  g_autofree char *c0 = customer (0);
  LsFinding *cust = only_finding (a, LS_FINDING_ROLE, key_of (a, c0));
  g_autoptr(GPtrArray) taxi = ls_analysis_list_findings (a, NULL, key_of (a, "Quick Cabs"));
  g_autoptr(GPtrArray) mum = ls_analysis_list_findings (a, NULL, key_of (a, "Mary Mum"));

  g_assert_cmpstr (holder->role, ==, "line-holder");
  g_assert_false (holder->child);
  g_assert_nonnull (strstr (g_ptr_array_index (holder->reasons, 0), "same handset"));
  g_assert_cmpuint (holder->evidence->len, >, 0);

  g_assert_cmpstr (head->role, ==, "head");
  g_assert_nonnull (strstr (g_ptr_array_index (head->reasons, 0), "people who carry the deal line"));

  /* A child: the role is still computed, the reasons say victim first. */
  g_assert_cmpstr (runner->role, ==, "runner");
  g_assert_true (runner->child);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (runner->reasons, 0), "Kai Runner is a child (15 years old"));
  g_assert_nonnull (strstr (runner->title, "at risk of criminal exploitation"));
  g_assert_true (ls_analysis_get_node (a, ls_analysis_find_node (a, key_of (a, "Kai Runner")))->victim);

  g_assert_cmpstr (cust->role, ==, "customer");
  g_assert_cmpfloat (cust->confidence, <, 0.8);

  g_assert_cmpuint (taxi->len, ==, 0);
  g_assert_cmpuint (mum->len, ==, 0);
}

static void
test_json_round_trip (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsAnalysis) a = analyse (kase);
  g_autofree char *json = ls_analysis_to_json (a);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsAnalysis) b = ls_analysis_new_from_json (json, &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  again = ls_analysis_to_json (b);
  g_assert_cmpstr (json, ==, again);
  g_assert_null (ls_analysis_new_from_json ("{\"version\": 99}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
}

/* The cache: a second load comes from the case; an import invalidates it. */
static void
test_cache (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsAnalysis) first = NULL;
  g_autoptr(LsAnalysis) second = NULL;
  g_autoptr(LsAnalysis) third = NULL;
  gboolean cached = TRUE;
  Calls c = { NULL, 1000 };

  first = ls_analysis_load (kase, NULL, NULL, NULL, &cached, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cached);
  second = ls_analysis_load (kase, NULL, NULL, NULL, &cached, NULL, &error);
  g_assert_true (cached);
  g_assert_cmpuint (ls_analysis_get_n_findings (second), ==, ls_analysis_get_n_findings (first));

  c.w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "more.csv", "", NULL, &error);
  call (&c, T0 + 9 * DAY, HEAD, "+447700900999", LS_CALL_KIND_VOICE, 10, NULL, NULL);
  g_assert_true (ls_case_writer_commit (c.w, &error));
  third = ls_analysis_load (kase, NULL, NULL, NULL, &cached, NULL, &error);
  g_assert_false (cached);
  g_assert_cmpuint (ls_analysis_get_n_nodes (third), ==, ls_analysis_get_n_nodes (first) + 1);
}

static void
got_analysis (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  LsAnalysis **out = data;
  g_autoptr(GError) error = NULL;

  *out = ls_analysis_load_finish (LS_CASE (source), result, &error);
  g_assert_no_error (error);
}

/* In the window the analysis runs on a worker, and that worker stores it
 * in the cache with a connection of its own: by the time the result
 * arrives, a fresh reader finds it there, and the window's own connection
 * was never used to write it (it holds no transaction). */
static void
test_cache_async (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsAnalysis) analysis = NULL;
  g_autoptr(LsAnalysis) cached = NULL;
  g_autoptr(sqlite3) reader = NULL;
  g_autoptr(GError) error = NULL;
  const LsAnalysisOptions opts = LS_ANALYSIS_OPTIONS_INIT;

  ls_analysis_load_async (kase, NULL, NULL, NULL, NULL, got_analysis, &analysis);
  while (analysis == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (sqlite3_get_autocommit (ls_case_get_db (kase)));
  reader = ls_case_open_reader (kase, &error);
  g_assert_no_error (error);
  cached = ls_analysis_lookup_cached (reader, &opts);
  g_assert_nonnull (cached);
  g_assert_cmpuint (ls_analysis_get_n_findings (cached), ==, ls_analysis_get_n_findings (analysis));
  g_assert_cmpuint (ls_analysis_get_n_nodes (cached), ==, ls_analysis_get_n_nodes (analysis));
}

static void
test_cli_json (void)
{
  LsCase *kase = make_case ();
  g_autofree char *path = g_strdup (ls_case_get_path (kase));
  const char *argv[] = { g_getenv ("LINESIGHT"), "analyse", path,
                         "--from", "2024-06-01", "--to", "2024-06-03", "--json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *node;
  JsonArray *kp, *findings;
  int status;

  /* Closed first: the header check of another process reads the main file,
   * which holds the case's header only once the WAL is checkpointed. */
  g_object_unref (kase);
  if (argv[0] == NULL)
    {
      g_test_skip ("LINESIGHT is not set");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("linesight analyse failed: %s", err);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  node = json_array_get_object_element (json_object_get_array_member (root, "nodes"), 0);
  for (const char * const *m = (const char * const[]) { "id", "kind", "label", "numbers", "degree",
         "weighted_degree", "betweenness", "betweenness_weighted", "closeness", "eigenvector",
         "pagerank", "community", "role", NULL }; *m; m++)
    g_assert_true (json_object_has_member (node, *m));
  kp = json_object_get_array_member (root, "key_players");
  g_assert_cmpuint (json_array_get_length (kp), ==, 11);
  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), >, 0);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *f = json_array_get_object_element (findings, i);
      JsonArray *ev = json_object_get_array_member (f, "evidence");

      g_assert_true (json_object_has_member (f, "type") && json_object_has_member (f, "confidence") &&
                     json_object_has_member (f, "subjects") && json_object_has_member (f, "reasons"));
      for (guint k = 0; k < json_array_get_length (ev); k++)
        {
          JsonObject *e = json_array_get_object_element (ev, k);
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (json_object_get_string_member (e, "time"), NULL);

          g_assert_true (json_object_has_member (e, "id") && json_object_has_member (e, "file") &&
                         json_object_has_member (e, "line"));
          /* The range is 1–3 June (UK time), whole days. */
          g_assert_cmpint (g_date_time_to_unix (when), >=, T0 - 11 * 3600);
          g_assert_cmpint (g_date_time_to_unix (when), <, T0 + 3 * DAY - 11 * 3600 + 2 * 3600);
        }
    }
  /* Three days of flares is still a deal line. */
  g_assert_nonnull (strstr (out, "\"deal-line\""));
  g_assert_nonnull (strstr (out, "on 3 different days"));
}

static void
test_handset_swaps (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsAnalysis) a = analyse (kase);
  g_autoptr(GPtrArray) swaps = ls_analysis_list_findings (a, LS_FINDING_HANDSET_SWAP, key_of (a, "Kai Runner"));
  g_autoptr(GPtrArray) shared = ls_analysis_list_findings (a, LS_FINDING_HANDSET_SWAP, key_of (a, DEAL));
  g_autoptr(GPtrArray) all_swaps = ls_analysis_list_findings (a, LS_FINDING_HANDSET_SWAP, NULL);
  g_autoptr(GPtrArray) mum = ls_analysis_list_findings (a, LS_FINDING_HANDSET_SWAP, key_of (a, "Mary Mum"));
  LsFinding *f;
  guint handsets = 0;
  g_autofree char *all = NULL;

  /* One chain: the runner's number and the number that took its handset. */
  g_assert_cmpuint (swaps->len, ==, 1);
  f = g_ptr_array_index (swaps, 0);
  g_assert_true (ls_finding_has_subject (f, key_of (a, "Kai Runner")));
  g_assert_true (ls_finding_has_subject (f, key_of (a, SECOND)));
  g_assert_cmpuint (f->subjects->len, ==, 2);
  g_ptr_array_add (f->reasons, NULL);
  all = g_strjoinv ("\n", (char **) f->reasons->pdata);
  g_ptr_array_remove_index (f->reasons, f->reasons->len - 1);
  g_assert_nonnull (strstr (all, RUNNER " moved from handset 350000000000099"));
  g_assert_nonnull (strstr (all, "to handset 350000000000098"));
  g_assert_nonnull (strstr (all, "Handset 350000000000099, used with " RUNNER));
  g_assert_nonnull (strstr (all, "took the number " SECOND));
  for (guint i = 0; i < f->evidence->len; i++)
    handsets += g_array_index (f->evidence, LsEvidence, i).kind == LS_EVIDENCE_HANDSET;
  g_assert_cmpuint (handsets, ==, 3);
  g_assert_cmpuint (f->evidence->len, ==, 3 + 3);  /* and the first call of each */
  g_assert_cmpuint (mum->len, ==, 0);

  /* The holder's phone and the deal line in one handset at the same time:
   * a finding, but weaker than a clean hand-over. */
  g_assert_cmpuint (all_swaps->len, ==, 2);
  g_assert_cmpuint (shared->len, ==, 1);
  g_assert_true (ls_finding_has_subject (g_ptr_array_index (shared, 0), key_of (a, "Hal Holder")));
  g_assert_cmpfloat (((LsFinding *) g_ptr_array_index (shared, 0))->confidence, <, f->confidence);
}

static void
test_co_location (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsAnalysis) a = analyse (kase);
  g_autoptr(GPtrArray) together = ls_analysis_list_findings (a, LS_FINDING_CO_LOCATION, key_of (a, MINDER));
  g_autoptr(GPtrArray) taxi = ls_analysis_list_findings (a, LS_FINDING_CO_LOCATION, key_of (a, "Quick Cabs"));
  g_autoptr(GPtrArray) mum = ls_analysis_list_findings (a, LS_FINDING_CO_LOCATION, key_of (a, "Mary Mum"));
  LsFinding *f;

  g_assert_cmpuint (together->len, ==, 1);
  f = g_ptr_array_index (together, 0);
  g_assert_true (ls_finding_has_subject (f, key_of (a, "Kai Runner")));
  g_assert_nonnull (strstr (g_ptr_array_index (f->reasons, 0), "on 4 different days"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->reasons, 1), "cell NOR-1"));
  g_assert_cmpuint (f->evidence->len, ==, 8);   /* both phones' calls, 4 days */
  g_assert_cmpuint (taxi->len, ==, 0);
  g_assert_cmpuint (mum->len, ==, 0);
}

/* Two lines one after the other with the same customers, and a third
 * line at the same time with other customers: only the first two are
 * linked. */
static void
test_successor_line (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-successor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "succ.linesight", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, &error);
  g_autoptr(LsAnalysis) a = NULL;
  g_autoptr(GPtrArray) deal = NULL;
  g_autoptr(GPtrArray) succ = NULL;
  Calls c = { NULL, 1 };
  LsFinding *f;

  c.w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "", NULL, &error);
  for (guint d = 0; d < 10; d++)
    {
      const char *line = d < 5 ? "+447700900100" : "+447700900101";

      for (guint i = 0; i < 20; i++)
        {
          g_autofree char *cust = customer (d < 5 ? i : i + 2);
          g_autofree char *other = customer (40 + i);

          call (&c, T0 + d * DAY + i * 5, line, cust, LS_CALL_KIND_SMS, 0, NULL, NULL);
          call (&c, T0 + d * DAY + 3600 + i * 5, "+447700900300", other, LS_CALL_KIND_SMS, 0, NULL, NULL);
        }
    }
  g_assert_true (ls_case_writer_commit (c.w, &error));

  a = analyse (kase);
  deal = ls_analysis_list_findings (a, LS_FINDING_DEAL_LINE, NULL);
  g_assert_cmpuint (deal->len, ==, 3);
  succ = ls_analysis_list_findings (a, LS_FINDING_SUCCESSOR_LINE, NULL);
  g_assert_cmpuint (succ->len, ==, 1);
  f = g_ptr_array_index (succ, 0);
  g_assert_cmpstr (g_ptr_array_index (f->numbers, 0), ==, "+447700900100");
  g_assert_cmpstr (g_ptr_array_index (f->numbers, 1), ==, "+447700900101");
  /* 18 shared of 22 customers in all. */
  g_assert_nonnull (strstr (g_ptr_array_index (f->reasons, 1), "18 of the 20 customers"));
  g_assert_nonnull (strstr (g_ptr_array_index (f->reasons, 1), "0.82"));
  g_assert_cmpfloat (f->confidence, >=, 0.9);
  g_assert_cmpuint (f->evidence->len, ==, 50);
}

static void
test_common_contacts (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = ls_case_open_reader (kase, &error);
  g_autoptr(LsGraph) g = ls_graph_build (reader, NULL, NULL, &error);
  int holder = ls_graph_find_number (g, HOLDER), runner = ls_graph_find_number (g, RUNNER);
  int deal = ls_graph_find_number (g, DEAL), second = ls_graph_find_number (g, SECOND);
  g_autoptr(GArray) common = ls_analysis_common_contacts (g, ls_graph_get_node (g, holder)->key,
                                                          ls_graph_get_node (g, runner)->key);
  g_autoptr(GArray) none = ls_analysis_common_contacts (g, ls_graph_get_node (g, second)->key,
                                                        ls_graph_get_node (g, deal)->key);

  /* The holder and the runner both deal with the deal line, and only it. */
  g_assert_cmpuint (common->len, ==, 1);
  g_assert_cmpint (g_array_index (common, guint, 0), ==, deal);
  g_assert_cmpuint (none->len, ==, 1);  /* the holder */
  g_assert_cmpint (g_array_index (none, guint, 0), ==, holder);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/analysis/deal-line", test_deal_line);
  g_test_add_func ("/analysis/evidence-rows", test_evidence_rows);
  g_test_add_func ("/analysis/roles", test_roles);
  g_test_add_func ("/analysis/json-round-trip", test_json_round_trip);
  g_test_add_func ("/analysis/cache", test_cache);
  g_test_add_func ("/analysis/cache-async", test_cache_async);
  g_test_add_func ("/analysis/cli-json", test_cli_json);
  g_test_add_func ("/analysis/handset-swaps", test_handset_swaps);
  g_test_add_func ("/analysis/co-location", test_co_location);
  g_test_add_func ("/analysis/successor-line", test_successor_line);
  g_test_add_func ("/analysis/common-contacts", test_common_contacts);
  return g_test_run ();
}
