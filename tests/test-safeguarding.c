/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Safeguarding indicators on a small hand-made case: a deal line, the man
 * who holds it and the man who heads it; two children exploited by the line
 * (Kai with every sign, Tia with fewer); a young woman who was 17 when she
 * was in contact with the line (and is an adult today); a man who was
 * already 18; an adult customer; a child with no link to the line; a child
 * excluded from school; a flagged vulnerable adult; and a man whose Norwich
 * home the line's phones keep visiting. */
#define G_LOG_DOMAIN "test-safeguarding"
#include "config.h"

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-referral-render.h"
#include "ls-safeguarding.h"
#include "test-case-builder.h"
#include "test-pdf.h"

#define T0   1717405200 /* Monday 2024-06-03 10:00 BST */
#define DAY  86400
#define NIGHT 1717453800 /* Monday 2024-06-03 23:30 BST */

#define DL "+447700900100"
#define D1 "+447700900101"
#define V1 "+447700900102"
#define K1 "+447700900201"
#define K2 "+447700900202"
#define T1 "+447700900203"
#define J1 "+447700900204"
#define L1 "+447700900205"
#define M1 "+447700900206"
#define MU "+447700900207"
#define C1 "+447700900301"
#define C2 "+447700900302"
#define P1 "+447700900401"

static const LsPersonRecord people[] = {
  { .name = "Dex Marsh", .dob = "1995-01-01", .has_location = TRUE, .lat = 51.56, .lon = -0.08, .line = 2 },
  { .name = "Vic Stone", .dob = "1985-03-03", .has_location = TRUE, .lat = 51.54, .lon = -0.12, .line = 3 },
  { .name = "Kai Brooks", .dob = "2008-09-01", .address = "4 Elm Row, Hackney, London E8 1AA",
    .has_location = TRUE, .lat = 51.551, .lon = -0.101, .line = 4 },
  { .name = "Tia Lane", .dob = "2009-03-01", .address = "9 Oak Close, London E8 2BB",
    .has_location = TRUE, .lat = 51.552, .lon = -0.102, .line = 5 },
  { .name = "Jo Park", .dob = "2006-07-01", .address = "1 Ash Way, London", .has_location = TRUE,
    .lat = 51.55, .lon = -0.1, .line = 6 },
  { .name = "Lee Hart", .dob = "2006-05-01", .has_location = TRUE, .lat = 51.55, .lon = -0.1, .line = 7 },
  { .name = "Mia Cole", .dob = "2009-01-01", .line = 8 },
  { .name = "Mum Cole", .dob = "1980-01-01", .line = 9 },
  { .name = "Carl Webb", .dob = "1980-01-01", .line = 10 },
  { .name = "Pat Green", .dob = "1960-02-02", .address = "22 Mill Lane, Norwich NR3 1AA",
    .has_location = TRUE, .lat = 52.632, .lon = 1.298, .line = 11 },
  { .name = "Ann Fry", .dob = "1970-04-04", .vulnerable = TRUE, .line = 12 },
  { .name = "Rob Dale", .dob = "2010-01-01", .line = 13 },
  { .name = "Dan Hale", .dob = "1975-05-05", .address = "3 Mill Lane, Norwich NR3 1AB",
    .has_location = TRUE, .lat = 52.629, .lon = 1.301, .line = 14 },
};

static const LsPhoneRecord phones[] = {
  { DL, NULL, NULL, 2 }, { D1, "Dex Marsh", NULL, 3 }, { V1, "Vic Stone", NULL, 4 },
  { K1, "Kai Brooks", NULL, 5 }, { K2, "Kai Brooks", NULL, 6 }, { T1, "Tia Lane", NULL, 7 },
  { J1, "Jo Park", NULL, 8 }, { L1, "Lee Hart", NULL, 9 }, { M1, "Mia Cole", NULL, 10 },
  { MU, "Mum Cole", NULL, 11 }, { C1, "Carl Webb", NULL, 12 }, { C2, NULL, NULL, 13 },
  { P1, "Pat Green", NULL, 14 },
};

static const LsCellRecord cells[] = {
  { .cell = "LON1", .name = "Hackney Central", .has_latlon = TRUE, .lat = 51.55, .lon = -0.10, .line = 2 },
  { .cell = "NOR1", .name = "Norwich Mile Cross", .has_latlon = TRUE, .lat = 52.630, .lon = 1.300, .line = 3 },
};

typedef struct { gint64 t; const char *from, *to; LsCallKind kind; const char *cell; } CallSpec;

static const CallSpec calls[] = {
  /* Kai: told by the deal line, then meets a customer, in Norwich in school hours */
  { T0, DL, K1, LS_CALL_KIND_SMS, "NOR1" },
  { T0 + 600, K1, C1, LS_CALL_KIND_VOICE, "NOR1" },
  { T0 + 3600, K1, D1, LS_CALL_KIND_VOICE, "NOR1" },
  { NIGHT, K1, C2, LS_CALL_KIND_VOICE, "NOR1" },
  { T0 + DAY, K2, DL, LS_CALL_KIND_SMS, "NOR1" },
  { T0 + DAY + 60, D1, K1, LS_CALL_KIND_VOICE, "NOR1" },
  /* Tia */
  { T0 + 2 * DAY, DL, T1, LS_CALL_KIND_SMS, "NOR1" },
  { T0 + 2 * DAY + 300, T1, C2, LS_CALL_KIND_VOICE, "NOR1" },
  { T0 + 2 * DAY + 900, V1, D1, LS_CALL_KIND_VOICE, "NOR1" },
  /* The line's phones, from London, staying in Norwich at night */
  { NIGHT + DAY, D1, V1, LS_CALL_KIND_VOICE, "NOR1" },
  { NIGHT + DAY + 60, V1, D1, LS_CALL_KIND_VOICE, "NOR1" },
  { NIGHT + 2 * DAY, T1, C2, LS_CALL_KIND_VOICE, "NOR1" },
  { NIGHT + 2 * DAY + 60, K2, C2, LS_CALL_KIND_VOICE, "NOR1" },
  /* Jo, 17 on 20 May 2024; Lee, 18 on 10 June 2024: both in London */
  { 1716199200, J1, DL, LS_CALL_KIND_VOICE, "LON1" },
  { 1718020800, L1, DL, LS_CALL_KIND_VOICE, "LON1" },
  /* The deal line's flares, sent from London, where it is based */
  { T0 - 5 * DAY, DL, C2, LS_CALL_KIND_SMS, "LON1" },
  { T0 - 4 * DAY, DL, C2, LS_CALL_KIND_SMS, "LON1" },
  { T0 - 3 * DAY, DL, C2, LS_CALL_KIND_SMS, "LON1" },
  /* Carl buys; Mia calls her mum */
  { T0 - 3600, C1, DL, LS_CALL_KIND_VOICE, NULL },
  { T0 - 1800, C2, DL, LS_CALL_KIND_VOICE, NULL },
  { T0, M1, MU, LS_CALL_KIND_VOICE, "LON1" },
};

static const LsEventRecord events[] = {
  { 1714582800, 1714633200, "Kai Brooks", "missing-from-home", NULL, FALSE, 0, 0, "Reported missing by mother", NULL, 2 },
  { 1715785200, 1715799600, "Kai Brooks", "missing-from-home", NULL, FALSE, 0, 0, NULL, NULL, 3 },
  { 1714629600, -1, "Kai Brooks", "found-out-of-area", "Norwich", TRUE, 52.63, 1.30, "Found at Norwich station", NULL, 4 },
  { T0 + 1 * DAY + 7200, -1, "Kai Brooks", "arrest", NULL, FALSE, 0, 0, "Found with cannabis wraps and £200 cash", NULL, 5 },
  { T0 + 2 * DAY + 7200, -1, "Kai Brooks", "stop-search", NULL, FALSE, 0, 0, "Nothing found", NULL, 6 },
  { T0 + 3 * DAY, -1, "Kai Brooks", "hospital-attendance", NULL, FALSE, 0, 0, "Stab wound to the leg", NULL, 7 },
  { T0 + 4 * DAY, -1, "Kai Brooks", "hospital-attendance", NULL, FALSE, 0, 0, "Asthma", NULL, 8 },
  { 1712743200, -1, "Kai Brooks", "school-exclusion", NULL, FALSE, 0, 0, "Fixed-term exclusion", NULL, 9 },
  { 1717236000, -1, "Rob Dale", "school-exclusion", NULL, FALSE, 0, 0, NULL, NULL, 10 },
  { T0 + 5 * DAY, -1, "Pat Green", "cuckooing-report", "22 Mill Lane, Norwich", FALSE, 0, 0,
    "Neighbour reports young people coming and going at all hours", NULL, 11 },
};

static LsCase *
make_case (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linesight-sg-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sg.linesight", NULL);
  LsCase *kase = ls_case_create (path, "Operation Test", "OFFICIAL-SENSITIVE", &error);
  const LsHandsetRecord handsets[] = {
    { "350000000000011", NULL, K1, T0 - 10 * DAY, T0, 2 },
    { "350000000000029", NULL, K1, T0, T0 + DAY, 3 },
  };
  LsCallRecord records[G_N_ELEMENTS (calls)];

  g_assert_no_error (error);
  test_case_write_people (kase, people, G_N_ELEMENTS (people));
  test_case_write_phones (kase, phones, G_N_ELEMENTS (phones));
  test_case_write_cells (kase, cells, G_N_ELEMENTS (cells));
  test_case_write_handsets (kase, handsets, G_N_ELEMENTS (handsets));
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    records[i] = (LsCallRecord) { .start = calls[i].t, .caller = calls[i].from, .callee = calls[i].to,
                                  .kind = calls[i].kind, .duration = 30, .cell = calls[i].cell, .line = i + 2 };
  test_case_write_calls (kase, records, G_N_ELEMENTS (records));
  test_case_write_events (kase, events, G_N_ELEMENTS (events));

  if (dir_out)
    *dir_out = g_steal_pointer (&dir);

  return kase;
}

static gint64
phone_id (LsCase     *kase,
          const char *number)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM phones WHERE number = '%s'", number);

  return ls_sqlite_query_int (ls_case_get_db (kase), sql, -1);
}

static gint64
person_id (LsCase     *kase,
           const char *name)
{
  return ls_case_find_person (ls_case_get_db (kase), name);
}

/* What the analysis would say about this case. */
static LsLineFacts *
make_facts (LsCase *kase)
{
  LsLineFacts *f = ls_line_facts_new ();

  ls_line_facts_add_deal_phone (f, phone_id (kase, DL));
  ls_line_facts_add_holder (f, person_id (kase, "Dex Marsh"), "line holder");
  ls_line_facts_add_holder (f, person_id (kase, "Vic Stone"), "head");
  ls_line_facts_add_runner (f, person_id (kase, "Kai Brooks"), "carries out deliveries");
  ls_line_facts_add_runner (f, person_id (kase, "Tia Lane"), "carries out deliveries");

  return f;
}

static LsSafeguarding *
build (LsCase                      *kase,
       const LsSafeguardingOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsLineFacts) facts = make_facts (kase);
  LsSafeguarding *sg = ls_safeguarding_build (ls_case_get_db (kase), options, facts, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (sg);

  return sg;
}

static const LsIndicator *
indicator (LsSafeguarding *sg,
           const char     *name,
           const char     *code)
{
  const LsSafeguardingPerson *p = ls_safeguarding_find (sg, name);

  g_assert_nonnull (p);
  return ls_safeguarding_person_find_indicator (p, code);
}

static void
assert_evidence_source (const LsIndicator *ind,
                        const char        *source)
{
  for (guint i = 0; i < ind->evidence->len; i++)
    if (g_strcmp0 (g_array_index (ind->evidence, LsIndicatorEvidence, i).source, source) == 0)
      return;
  g_error ("indicator %s has no evidence from %s", ind->code, source);
}

static void
test_child_in_contact (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  const LsIndicator *ind = indicator (sg, "Kai Brooks", "child-in-contact-with-line");

  g_assert_nonnull (ind);
  /* DL→K1, K1→D1, K2→DL, D1→K1 */
  g_assert_cmpuint (ind->n_evidence_total, ==, 4);
  g_assert_nonnull (strstr (ind->text, "Child at risk of criminal exploitation"));
  g_assert_nonnull (strstr (ind->text, "aged 15"));
  g_assert_null (strstr (ind->text, "runner"));
  assert_evidence_source (ind, "calls.csv:2");

  /* A runner's pattern, named as a child at risk, never as a runner. */
  ind = indicator (sg, "Kai Brooks", "child-runner-pattern");
  g_assert_nonnull (ind);
  g_assert_null (strstr (ind->text, "runner"));
  g_assert_nonnull (indicator (sg, "Tia Lane", "child-runner-pattern"));
}

static void
test_negatives (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);

  /* An adult customer of the line, with nothing else, is not listed. */
  g_assert_null (ls_safeguarding_find (sg, "Carl Webb"));
  /* A child with no link to the line and no other sign is not listed. */
  g_assert_null (ls_safeguarding_find (sg, "Mia Cole"));
  /* Those who hold and head the line are not listed as at risk. */
  g_assert_null (ls_safeguarding_find (sg, "Dex Marsh"));
  g_assert_null (ls_safeguarding_find (sg, "Vic Stone"));
  /* A child with a school exclusion only: listed, low, but not as in
   * contact with the line. */
  g_assert_nonnull (indicator (sg, "Rob Dale", "school-exclusion"));
  g_assert_null (indicator (sg, "Rob Dale", "child-in-contact-with-line"));
  g_assert_cmpint (ls_safeguarding_find (sg, "Rob Dale")->risk, ==, LS_RISK_LOW);
  /* Tia has none of Kai's events. */
  g_assert_null (indicator (sg, "Tia Lane", "missing-from-home"));
  g_assert_null (indicator (sg, "Tia Lane", "arrest-with-drugs-cash-weapons"));
}

/* Jo was 17 when she called the deal line and is an adult today; Lee was
 * already 18. Age is taken on the date of the activity. */
static void
test_age_on_activity_date (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  const LsSafeguardingPerson *jo = ls_safeguarding_find (sg, "Jo Park");
  const LsIndicator *ind;

  g_assert_nonnull (jo);
  g_assert_true (jo->child);
  g_assert_cmpint (jo->age, ==, 17);
  ind = ls_safeguarding_person_find_indicator (jo, "child-in-contact-with-line");
  g_assert_nonnull (ind);
  g_assert_nonnull (strstr (ind->text, "aged 17"));
  g_assert_cmpint (jo->risk, ==, LS_RISK_MEDIUM);

  g_assert_null (ls_safeguarding_find (sg, "Lee Hart"));
}

static void
test_missing_and_found (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  LsSafeguardingOptions opt = LS_SAFEGUARDING_OPTIONS_INIT;
  const LsIndicator *ind = indicator (sg, "Kai Brooks", "missing-from-home");

  g_assert_nonnull (ind);
  g_assert_cmpuint (ind->n_evidence_total, ==, 2);
  g_assert_nonnull (strstr (ind->text, "2 times (1 overnight)"));
  g_assert_true (ind->strong);
  assert_evidence_source (ind, "events.csv:2");

  ind = indicator (sg, "Kai Brooks", "found-out-of-area");
  g_assert_nonnull (ind);
  g_assert_nonnull (strstr (ind->text, "Norwich"));
  g_assert_nonnull (strstr (ind->text, "km from home"));

  /* Fewer episodes than the threshold and none overnight: not strong. */
  {
    g_autoptr(LsSafeguarding) sg2 = NULL;
    opt.missing_episodes = 5;
    sg2 = build (kase, &opt);
    g_assert_true (indicator (sg2, "Kai Brooks", "missing-from-home")->strong); /* overnight */
  }
}

static void
test_far_from_home (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  g_autoptr(LsSafeguarding) far = NULL;
  LsSafeguardingOptions opt = LS_SAFEGUARDING_OPTIONS_INIT;
  const LsIndicator *ind = indicator (sg, "Kai Brooks", "phone-far-from-home");

  g_assert_nonnull (ind);
  /* K1 in NOR1 three times, K2 twice */
  g_assert_cmpuint (ind->n_evidence_total, ==, 5);
  g_assert_nonnull (strstr (ind->text, "Norwich Mile Cross"));
  g_assert_nonnull (strstr (ind->text, "on 3 days"));

  ind = indicator (sg, "Kai Brooks", "travel-night-or-school-hours");
  g_assert_nonnull (ind);
  g_assert_nonnull (strstr (ind->text, "at night (2 times)"));
  g_assert_nonnull (strstr (ind->text, "school hours (3 times)"));

  /* Jo's phone was only at home. */
  g_assert_null (indicator (sg, "Jo Park", "phone-far-from-home"));

  opt.far_from_home_km = 500;
  far = build (kase, &opt);
  g_assert_null (indicator (far, "Kai Brooks", "phone-far-from-home"));
}

static void
test_older_associates (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  g_autoptr(LsSafeguarding) wide = NULL;
  LsSafeguardingOptions opt = LS_SAFEGUARDING_OPTIONS_INIT;
  const LsIndicator *ind = indicator (sg, "Kai Brooks", "older-associates");

  g_assert_nonnull (ind);
  g_assert_nonnull (strstr (ind->text, "Dex Marsh (29, 14 years older)"));
  g_assert_cmpuint (ind->n_evidence_total, ==, 2);

  opt.age_gap_years = 20;
  wide = build (kase, &opt);
  g_assert_null (indicator (wide, "Kai Brooks", "older-associates"));
}

static void
test_phones_and_instructions (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  const LsIndicator *ind = indicator (sg, "Kai Brooks", "several-phones");

  g_assert_nonnull (ind);
  g_assert_nonnull (strstr (ind->text, "Uses 2 phones, with 1 handset changes"));
  assert_evidence_source (ind, "handsets.csv:3");
  g_assert_null (indicator (sg, "Tia Lane", "several-phones"));

  ind = indicator (sg, "Kai Brooks", "instructions-before-deals");
  g_assert_nonnull (ind);
  /* DL→K1 at T0, K1→C1 ten minutes later: one pair, two evidence rows. */
  g_assert_cmpuint (ind->n_evidence_total, ==, 2);
  ind = indicator (sg, "Tia Lane", "instructions-before-deals");
  g_assert_nonnull (ind);

  /* A 1-minute window finds none. */
  {
    LsSafeguardingOptions opt = LS_SAFEGUARDING_OPTIONS_INIT;
    g_autoptr(LsSafeguarding) tight = NULL;

    opt.instruction_minutes = 1;
    tight = build (kase, &opt);
    g_assert_null (indicator (tight, "Kai Brooks", "instructions-before-deals"));
  }
}

static void
test_events (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  const LsIndicator *ind = indicator (sg, "Kai Brooks", "arrest-with-drugs-cash-weapons");

  /* the arrest with cannabis and cash; not the search that found nothing */
  g_assert_nonnull (ind);
  g_assert_cmpuint (ind->n_evidence_total, ==, 1);
  assert_evidence_source (ind, "events.csv:5");

  /* the stab wound; not the asthma */
  ind = indicator (sg, "Kai Brooks", "hospital-injuries");
  g_assert_nonnull (ind);
  g_assert_cmpuint (ind->n_evidence_total, ==, 1);
  assert_evidence_source (ind, "events.csv:7");

  g_assert_nonnull (indicator (sg, "Kai Brooks", "school-exclusion"));
}

static void
test_vulnerable_adults (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  g_autoptr(LsSafeguarding) strict = NULL;
  LsSafeguardingOptions opt = LS_SAFEGUARDING_OPTIONS_INIT;
  const LsSafeguardingPerson *pat = ls_safeguarding_find (sg, "Pat Green");
  const LsSafeguardingPerson *ann = ls_safeguarding_find (sg, "Ann Fry");
  const LsIndicator *ind;

  /* K1, D1, V1, T1 and K2 (all from London) near Pat's home on 3 nights,
   * and a report of cuckooing there. */
  g_assert_nonnull (pat);
  g_assert_false (pat->child);
  g_assert_true (pat->vulnerable_adult);
  ind = ls_safeguarding_person_find_indicator (pat, "cuckooing");
  g_assert_nonnull (ind);
  g_assert_nonnull (strstr (ind->text, "5 different phones"));
  g_assert_nonnull (strstr (ind->text, "on 3 nights"));
  g_assert_nonnull (strstr (ind->text, "cuckooing reported there"));
  assert_evidence_source (ind, "events.csv:11");
  g_assert_cmpint (pat->risk, ==, LS_RISK_MEDIUM);
  g_assert_cmpstr (pat->area, ==, "Norwich");

  /* Dan lives nearby: the same phones, but no report and no vulnerability
   * on record, so a place to look at, at low risk, not cuckooing. */
  {
    const LsSafeguardingPerson *dan = ls_safeguarding_find (sg, "Dan Hale");

    g_assert_nonnull (dan);
    g_assert_null (ls_safeguarding_person_find_indicator (dan, "cuckooing"));
    g_assert_nonnull (ls_safeguarding_person_find_indicator (dan, "possible-cuckooing"));
    g_assert_cmpint (dan->risk, ==, LS_RISK_LOW);
  }

  g_assert_nonnull (ann);
  g_assert_nonnull (ls_safeguarding_person_find_indicator (ann, "vulnerable-adult"));
  g_assert_cmpint (ann->risk, ==, LS_RISK_LOW);

  opt.cuckoo_phones = 6;
  strict = build (kase, &opt);
  g_assert_null (ls_safeguarding_find (strict, "Dan Hale"));
  ind = indicator (strict, "Pat Green", "cuckooing");
  g_assert_nonnull (ind);
  g_assert_true (g_str_has_prefix (ind->text, "Home reported as taken over"));
}

static void
test_risk_levels (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);

  g_assert_cmpint (ls_safeguarding_find (sg, "Kai Brooks")->risk, ==, LS_RISK_HIGH);
  g_assert_cmpint (ls_safeguarding_find (sg, "Tia Lane")->risk, ==, LS_RISK_HIGH);
  g_assert_cmpint (ls_safeguarding_find (sg, "Jo Park")->risk, ==, LS_RISK_MEDIUM);
  /* highest risk first */
  g_assert_cmpint (ls_safeguarding_get_person (sg, 0)->risk, ==, LS_RISK_HIGH);
  g_assert_cmpstr (ls_safeguarding_find (sg, "Kai Brooks")->area, ==, "London");
}

static void
test_referral_workflow (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;
  sqlite3 *db = ls_case_get_db (kase);
  gint64 kai = person_id (kase, "Kai Brooks"), pat = person_id (kase, "Pat Green");
  gint64 audits_before;
  LsReferral r;
  LsReferralChange c = { LS_REFERRAL_REFERRED, "Hackney MASH", "R123", "2024-06-10", "DC Smith", NULL, "high" };

  /* not-reviewed → referred skips a step */
  g_assert_false (ls_case_referral_update (kase, kai, &c, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not-reviewed"));
  g_clear_error (&error);
  g_assert_cmpint (ls_sqlite_query_int (db, "SELECT count(*) FROM audit_log WHERE action = 'referral'", -1), ==, 0);

  c.status = LS_REFERRAL_NEEDS_REFERRAL;
  g_assert_true (ls_case_referral_update (kase, kai, &c, &error));
  g_assert_no_error (error);
  c.status = LS_REFERRAL_REFERRED;
  g_assert_true (ls_case_referral_update (kase, kai, &c, &error));
  /* A child goes to the NRM; Duty to Notify is for adults. */
  c.status = LS_REFERRAL_DUTY_TO_NOTIFY;
  audits_before = ls_sqlite_query_int (db, "SELECT count(*) FROM audit_log", -1);
  g_assert_false (ls_case_referral_update (kase, kai, &c, &error));
  g_assert_nonnull (strstr (error->message, "Duty to Notify"));
  g_clear_error (&error);
  g_assert_cmpint (ls_sqlite_query_int (db, "SELECT count(*) FROM audit_log", -1), ==, audits_before);
  c.status = LS_REFERRAL_NRM_REFERRAL;
  c.reference = "NRM-77";
  g_assert_true (ls_case_referral_update (kase, kai, &c, &error));
  c.status = LS_REFERRAL_REASONABLE_GROUNDS;
  g_assert_true (ls_case_referral_update (kase, kai, &c, &error));
  /* an outcome cannot go back to the start */
  c.status = LS_REFERRAL_NOT_REVIEWED;
  g_assert_false (ls_case_referral_update (kase, kai, &c, &error));
  g_clear_error (&error);

  g_assert_true (ls_case_referral_read (db, kai, &r, &error));
  g_assert_cmpint (r.status, ==, LS_REFERRAL_REASONABLE_GROUNDS);
  g_assert_cmpstr (r.agency, ==, "Hackney MASH");
  g_assert_cmpstr (r.reference, ==, "NRM-77");
  g_assert_cmpstr (r.recorded_by, ==, "DC Smith");
  ls_referral_clear (&r);

  history = ls_case_referral_history (db, kai, &error);
  g_assert_cmpuint (history->len, ==, 4);
  {
    const LsReferralHistoryEntry *e = g_ptr_array_index (history, 1);
    g_assert_cmpstr (e->old_value, ==, "needs-referral");
    g_assert_cmpstr (e->new_value, ==, "referred");
    g_assert_cmpstr (e->user, ==, g_get_user_name ());
    g_assert_cmpint (e->at, >, 0);
    g_assert_nonnull (strstr (e->details, "Hackney MASH"));
  }

  /* An adult who does not consent: Duty to Notify. */
  c.status = LS_REFERRAL_NEEDS_REFERRAL;
  c.agency = "Norfolk Adult Social Care";
  g_assert_true (ls_case_referral_update (kase, pat, &c, &error));
  c.status = LS_REFERRAL_REFERRED;
  g_assert_true (ls_case_referral_update (kase, pat, &c, &error));
  c.status = LS_REFERRAL_DUTY_TO_NOTIFY;
  g_assert_true (ls_case_referral_update (kase, pat, &c, &error));
  g_assert_no_error (error);
}

static void
test_risk_rose (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsSafeguarding) sg = NULL;
  LsReferralChange low = { LS_REFERRAL_NEEDS_REFERRAL, .reviewed_risk = "low" };
  LsReferralChange high = { LS_REFERRAL_NEEDS_REFERRAL, .reviewed_risk = "high" };

  g_assert_true (ls_case_referral_update (kase, person_id (kase, "Jo Park"), &low, &error));
  g_assert_true (ls_case_referral_update (kase, person_id (kase, "Kai Brooks"), &high, &error));
  sg = build (kase, NULL);
  g_assert_true (ls_safeguarding_find (sg, "Jo Park")->risk_rose);
  g_assert_false (ls_safeguarding_find (sg, "Kai Brooks")->risk_rose);
  g_assert_false (ls_safeguarding_find (sg, "Tia Lane")->risk_rose);  /* never reviewed */
  g_assert_cmpint (ls_safeguarding_find (sg, "Jo Park")->referral.status, ==, LS_REFERRAL_NEEDS_REFERRAL);
}

static void
test_json_csv (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = ls_safeguarding_to_json (sg);
  g_autofree char *csv = ls_safeguarding_to_csv (sg);
  g_auto(GStrv) lines = NULL;
  JsonArray *people_array;
  gboolean seen_kai = FALSE;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  people_array = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "people");
  g_assert_cmpuint (json_array_get_length (people_array), ==, ls_safeguarding_get_n_people (sg));
  for (guint i = 0; i < json_array_get_length (people_array); i++)
    {
      JsonObject *o = json_array_get_object_element (people_array, i);
      JsonObject *ref = json_object_get_object_member (o, "referral");
      JsonArray *inds = json_object_get_array_member (o, "indicators");

      g_assert_true (json_object_has_member (o, "date_of_birth"));
      g_assert_true (json_object_has_member (o, "age"));
      g_assert_nonnull (ref);
      g_assert_true (json_object_has_member (ref, "agency"));
      g_assert_true (json_object_has_member (ref, "reference"));
      g_assert_true (json_object_has_member (ref, "date"));
      g_assert_cmpuint (json_array_get_length (inds), >, 0);
      if (g_strcmp0 (json_object_get_string_member (o, "name"), "Kai Brooks") == 0)
        {
          JsonObject *first = json_array_get_object_element (inds, 0);
          JsonArray *evidence = json_object_get_array_member (first, "evidence");

          seen_kai = TRUE;
          g_assert_cmpstr (json_object_get_string_member (o, "date_of_birth"), ==, "2008-09-01");
          g_assert_cmpint (json_object_get_int_member (o, "age"), ==, 15);
          g_assert_cmpstr (json_object_get_string_member (o, "risk"), ==, "high");
          g_assert_cmpstr (json_object_get_string_member (ref, "status"), ==, "not-reviewed");
          g_assert_true (json_object_has_member (first, "code"));
          g_assert_true (json_object_has_member (first, "text"));
          g_assert_cmpuint (json_array_get_length (evidence), >, 0);
          g_assert_true (json_object_has_member (json_array_get_object_element (evidence, 0), "source"));
        }
    }
  g_assert_true (seen_kai);

  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "name,date_of_birth,age,risk,"));
  g_assert_nonnull (strstr (lines[0], "referral_status"));
  g_assert_cmpuint (g_strv_length (lines), ==, ls_safeguarding_get_n_people (sg) + 2); /* header, trailing "" */
  g_assert_true (g_str_has_prefix (lines[1], ls_safeguarding_get_person (sg, 0)->name));
}


static char *
run (const char * const *argv,
     int                *status)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, status, &error));
  g_assert_no_error (error);

  return out;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  g_auto(GStrv) parts = g_strsplit (haystack, needle, -1);

  return g_strv_length (parts) - 1;
}

/* The command line, end to end: JSON fields, an audited referral change,
 * an invalid one refused, and the summary PDF with the marking on it. */
static void
test_cli (void)
{
  const char *linesight = g_getenv ("LINESIGHT");
  g_autofree char *dir = NULL;
  g_autoptr(LsCase) kase = make_case (&dir);
  g_autofree char *path = g_strdup (ls_case_get_path (kase));
  g_autofree char *pdf = g_build_filename (dir, "kai.pdf", NULL);
  g_autofree char *json = NULL;
  g_autofree char *out = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  int status;

  if (linesight == NULL)
    {
      g_test_skip ("LINESIGHT is not set");
      return;
    }
  g_clear_object (&kase);

  {
    const char *argv[] = { linesight, "safeguarding", path, "--format", "json", NULL };
    json = run (argv, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
    g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                                                  "people")));
  }
  {
    const char *argv[] = { linesight, "safeguarding", path, "--format", "csv", NULL };
    g_autofree char *csv = run (argv, &status);
    g_assert_cmpint (status, ==, 0);
    g_assert_true (g_str_has_prefix (csv, "name,date_of_birth,age,risk"));
    g_assert_nonnull (strstr (csv, "Kai Brooks,2008-09-01,"));
  }
  {
    const char *argv[] = { linesight, "referral", path, "--person", "Kai Brooks", "--set-status", "referred",
                           "--agency", "Hackney MASH", NULL };
    g_free (run (argv, &status));
    g_assert_cmpint (status, !=, 0);   /* not reviewed yet: refused */
  }
  {
    const char *a1[] = { linesight, "referral", path, "--person", "Kai Brooks", "--set-status", "needs-referral", NULL };
    const char *a2[] = { linesight, "referral", path, "--person", "Kai Brooks", "--set-status", "referred",
                         "--agency", "Hackney MASH", "--reference", "R123", "--date", "2024-06-12",
                         "-o", pdf, NULL };
    g_free (run (a1, &status));
    g_assert_cmpint (status, ==, 0);
    g_free (run (a2, &status));
    g_assert_cmpint (status, ==, 0);
  }
  {
    const char *argv[] = { linesight, "safeguarding", path, "--format", "csv", NULL };
    out = run (argv, &status);
    g_assert_nonnull (strstr (out, "referred,Hackney MASH,R123,2024-06-12"));
  }

  kase = ls_case_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase),
                                        "SELECT count(*) FROM audit_log WHERE action = 'referral'", -1), ==, 2);
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase),
                                        "SELECT count(*) FROM audit_log WHERE action = 'export'"
                                        " AND subject = 'referral'", -1), ==, 1);

  if (!test_pdf_have_pdftotext ())
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  text = test_pdf_text (pdf, TRUE, 0);
  g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));
  g_assert_nonnull (strstr (text, "Kai Brooks"));
  g_assert_nonnull (strstr (text, "2008-09-01"));
  g_assert_nonnull (strstr (text, "Hackney MASH"));
  g_assert_nonnull (strstr (text, "R123"));
  g_assert_nonnull (strstr (text, "child at risk of criminal exploitation"));
  g_assert_nonnull (strstr (text, "Missing from home"));
  /* in the header and the footer, on one page (pdftotext ends each page with a form feed) */
  g_assert_cmpuint (count_occurrences (text, "OFFICIAL-SENSITIVE"), >=, 2);
  g_assert_cmpuint (count_occurrences (text, "\f"), ==, 1);
}

/* A document made from a case without a dialog prints the case's marking
 * as the dialogs default to it: normalised ("official sensitive" is
 * OFFICIAL-SENSITIVE), never as typed and never missing. */
static void
test_cli_marking (void)
{
  const char *linesight = g_getenv ("LINESIGHT");
  g_autofree char *dir = NULL;
  g_autoptr(LsCase) kase = make_case (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (ls_case_get_path (kase));
  g_autofree char *referral = g_build_filename (dir, "referral.pdf", NULL);
  g_autofree char *list = g_build_filename (dir, "list.pdf", NULL);
  const char *pdfs[] = { referral, list };
  int status;

  if (linesight == NULL || !test_pdf_have_pdftotext ())
    {
      g_test_skip ("LINESIGHT is not set or pdftotext is not installed");
      return;
    }
  g_assert_true (ls_case_set_meta (kase, "marking", "official sensitive", &error));
  g_assert_no_error (error);
  g_clear_object (&kase);

  {
    const char *a1[] = { linesight, "referral", path, "--person", "Kai Brooks", "-o", referral, NULL };
    const char *a2[] = { linesight, "safeguarding", path, "--format", "pdf", "-o", list, NULL };

    g_free (run (a1, &status));
    g_assert_cmpint (status, ==, 0);
    g_free (run (a2, &status));
    g_assert_cmpint (status, ==, 0);
  }
  for (guint i = 0; i < G_N_ELEMENTS (pdfs); i++)
    {
      g_autofree char *text = test_pdf_text (pdfs[i], FALSE, 0);
      g_autofree char *upper = g_utf8_strup (text, -1);

      g_test_message ("%s", pdfs[i]);
      g_assert_cmpuint (count_occurrences (text, "OFFICIAL-SENSITIVE"), >=, 2);
      g_assert_null (strstr (upper, "OFFICIAL SENSITIVE"));
    }
}

static void
test_summary_one_page (void)
{
  g_autoptr(LsCase) kase = make_case (NULL);
  g_autoptr(LsSafeguarding) sg = build (kase, NULL);
  const LsReferralRenderInfo info = { "Operation Test", "OFFICIAL-SENSITIVE", "Tester", T0 };

  for (guint i = 0; i < ls_safeguarding_get_n_people (sg); i++)
    {
      g_autoptr(LsDocument) doc = ls_referral_document_new (ls_safeguarding_get_person (sg, i), NULL, &info);
      g_assert_cmpuint (ls_document_get_n_pages (doc), ==, 1);
    }

  /* Kai's, with every sign, for a person to look at. */
  {
    g_autofree char *dir = g_dir_make_tmp ("linesight-referral-XXXXXX", NULL);
    g_autofree char *pdf = g_build_filename (dir, "kai.pdf", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (ls_referral_render_pdf (ls_safeguarding_find (sg, "Kai Brooks"), NULL, &info, pdf, &error));
    g_assert_no_error (error);
    g_test_message ("referral summary: %s", pdf);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safeguarding/child-in-contact", test_child_in_contact);
  g_test_add_func ("/safeguarding/negatives", test_negatives);
  g_test_add_func ("/safeguarding/age-on-activity-date", test_age_on_activity_date);
  g_test_add_func ("/safeguarding/missing-and-found", test_missing_and_found);
  g_test_add_func ("/safeguarding/far-from-home", test_far_from_home);
  g_test_add_func ("/safeguarding/older-associates", test_older_associates);
  g_test_add_func ("/safeguarding/phones-and-instructions", test_phones_and_instructions);
  g_test_add_func ("/safeguarding/events", test_events);
  g_test_add_func ("/safeguarding/vulnerable-adults", test_vulnerable_adults);
  g_test_add_func ("/safeguarding/risk-levels", test_risk_levels);
  g_test_add_func ("/safeguarding/referral-workflow", test_referral_workflow);
  g_test_add_func ("/safeguarding/risk-rose", test_risk_rose);
  g_test_add_func ("/safeguarding/json-csv", test_json_csv);
  g_test_add_func ("/safeguarding/summary-one-page", test_summary_one_page);
  g_test_add_func ("/safeguarding/cli", test_cli);
  g_test_add_func ("/safeguarding/cli-marking", test_cli_marking);

  return g_test_run ();
}
