/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline model on a hand-made case: lanes, events, handset and
 * number changes, binning on the local calendar (across the October 2024
 * clock change), marks and the hour × weekday heat map. */
#define G_LOG_DOMAIN "test-timeline-model"
#include "config.h"

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-timeline-model.h"
#include "test-case-builder.h"

#define A1 "+447700900001"
#define A2 "+447700900011"
#define B  "+447700900002"
#define C  "+447700900003"
#define D  "+447700900099"

#define AUTUMN_MIDNIGHT 1729983600   /* 2024-10-27 00:00 BST */
#define AUTUMN_NEXT     1730073600   /* 2024-10-28 00:00 GMT */
#define T1 1729985400                /* Sun 27 Oct 00:30 BST (still 26 Oct in UTC) */
#define T2 1730071800                /* Sun 27 Oct 23:30 GMT */
#define T3 1730075400                /* Mon 28 Oct 00:30 GMT */
#define T4 1717416000                /* Mon 3 Jun 13:00 BST */
#define TD 1730109600                /* Mon 28 Oct 10:00 GMT */

static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-timeline-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "t.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, NULL, NULL, &error);
  const LsPersonRecord people[] = {
    { .name = "Alice", .dob = "2008-07-01", .line = 2 },
    { .name = "Bob", .dob = "1990-01-01", .line = 3 },
  };
  const LsPhoneRecord phones[] = {
    { A1, "Alice", NULL, 2 }, { A2, "Alice", NULL, 3 }, { B, "Bob", NULL, 4 },
  };
  const LsCallRecord calls[] = {
    { .start = T1, .caller = A1, .callee = B, .kind = LS_CALL_KIND_VOICE, .duration = 65,
      .imei = "111", .line = 2 },
    { .start = T2, .caller = B, .callee = A2, .kind = LS_CALL_KIND_SMS, .line = 3 },
    { .start = T3, .caller = A1, .callee = C, .kind = LS_CALL_KIND_VOICE, .imei = "222", .line = 4 },
    { .start = T3 + 60, .caller = NULL, .callee = A1, .kind = LS_CALL_KIND_VOICE, .line = 5 },
    { .start = T4, .caller = A1, .callee = B, .kind = LS_CALL_KIND_VOICE, .imei = "111", .line = 6 },
  };
  const LsEventRecord events[] = {
    { .start = AUTUMN_MIDNIGHT - 7 * 86400, .end = AUTUMN_MIDNIGHT - 5 * 86400, .person = "Alice",
      .kind = "Missing from home", .place = "Norwich", .line = 2 },
    { .start = TD, .end = -1, .person = "Bob", .kind = "arrest", .line = 3 },
  };
  LsCaseWriter *w;

  g_assert_no_error (error);
  test_case_write_people (kase, people, G_N_ELEMENTS (people));
  test_case_write_phones (kase, phones, G_N_ELEMENTS (phones));
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "", NULL, &error);
  for (guint i = 0; i < G_N_ELEMENTS (calls); i++)
    g_assert_true (ls_case_writer_add_call (w, &calls[i], NULL, &error));
  /* D, a deal line nobody is attributed to, texts 25 customers once each. */
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *customer = g_strdup_printf ("+4477009001%02u", i);
      LsCallRecord r = { .start = TD + i * 60, .caller = D, .callee = customer,
                         .kind = LS_CALL_KIND_SMS, .line = 10 + i };
      g_assert_true (ls_case_writer_add_call (w, &r, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (w, &error));
  g_assert_no_error (error);
  test_case_write_events (kase, events, G_N_ELEMENTS (events));

  return kase;
}

static LsTimelineModel *
build (LsCase             *kase,
       LsTimelineLaneMode  mode)
{
  g_autoptr(GError) error = NULL;
  LsTimelineModel *model = ls_timeline_model_build (ls_case_get_db (kase), mode, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static int
lane_of (LsTimelineModel *model,
         const char      *label)
{
  for (guint i = 0; i < ls_timeline_model_get_n_lanes (model); i++)
    if (g_str_equal (ls_timeline_model_get_lane (model, i)->label, label))
      return i;
  return -1;
}

static void
test_lanes_people (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsTimelineModel) model = build (kase, LS_TIMELINE_LANES_PEOPLE);
  const LsTimelineLane *alice;
  guint kinds[LS_TIMELINE_N_EVENT_KINDS] = { 0 };

  /* Alice and Bob (first active in June, by name), then the deal line;
   * the 25 customers with one text each get no lane. */
  g_assert_cmpuint (ls_timeline_model_get_n_lanes (model), ==, 3);
  g_assert_cmpint (lane_of (model, "Alice"), ==, 0);
  g_assert_cmpint (lane_of (model, "Bob"), ==, 1);
  g_assert_cmpint (lane_of (model, D), ==, 2);
  alice = ls_timeline_model_get_lane (model, 0);
  g_assert_true (alice->victim);
  g_assert_false (ls_timeline_model_get_lane (model, 1)->victim);
  g_assert_cmpuint (alice->phone_ids->len, ==, 2);
  g_assert_cmpuint (alice->contacts, ==, 5);
  g_assert_cmpint (alice->first, ==, T4);
  g_assert_true (g_str_has_prefix (alice->select_key, "person:"));
  g_assert_cmpint (ls_timeline_model_find_lane (model, alice->key), ==, 0);

  for (guint i = 0; i < ls_timeline_model_get_n_events (model); i++)
    {
      const LsTimelineEvent *e = ls_timeline_model_get_event (model, i);
      kinds[e->kind]++;
      if (e->kind == LS_TIMELINE_EVENT_MISSING)
        {
          g_assert_cmpuint (e->lane, ==, 0);
          g_assert_cmpint (e->end - e->start, ==, 2 * 86400);
        }
      if (e->kind == LS_TIMELINE_EVENT_HANDSET_CHANGE)
        {
          g_assert_cmpuint (e->lane, ==, 0);
          g_assert_cmpint (e->start, ==, T3);
        }
      if (e->kind == LS_TIMELINE_EVENT_NUMBER_CHANGE)
        g_assert_cmpint (e->start, ==, T2);
      if (e->kind == LS_TIMELINE_EVENT_ARREST)
        g_assert_cmpuint (e->lane, ==, 1);
      if (i > 0)
        g_assert_cmpint (e->start, >=, ls_timeline_model_get_event (model, i - 1)->start);
    }
  g_assert_cmpuint (kinds[LS_TIMELINE_EVENT_MISSING], ==, 1);
  g_assert_cmpuint (kinds[LS_TIMELINE_EVENT_ARREST], ==, 1);
  g_assert_cmpuint (kinds[LS_TIMELINE_EVENT_HANDSET_CHANGE], ==, 1);
  g_assert_cmpuint (kinds[LS_TIMELINE_EVENT_NUMBER_CHANGE], ==, 1);
}

static void
test_lanes_phones (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsTimelineModel) model = build (kase, LS_TIMELINE_LANES_PHONES);
  int a1 = lane_of (model, A1), a2 = lane_of (model, A2);
  guint missing = 0;

  g_assert_cmpuint (ls_timeline_model_get_n_lanes (model), ==, 4);
  g_assert_cmpint (a1, ==, 0);
  g_assert_cmpint (lane_of (model, B), ==, 1);
  g_assert_cmpint (a2, ==, 2);
  g_assert_cmpstr (ls_timeline_model_get_lane (model, a2)->detail, ==, "Alice");
  g_assert_cmpstr (ls_timeline_model_get_lane (model, a1)->select_key, ==,
                   ls_timeline_model_get_lane (model, a2)->select_key);
  /* Alice's missing episode is on both her phones' lanes; the handset
   * change only on the phone that changed handset; the new number on A2. */
  for (guint i = 0; i < ls_timeline_model_get_n_events (model); i++)
    {
      const LsTimelineEvent *e = ls_timeline_model_get_event (model, i);
      if (e->kind == LS_TIMELINE_EVENT_MISSING)
        missing++;
      if (e->kind == LS_TIMELINE_EVENT_HANDSET_CHANGE)
        g_assert_cmpint (e->lane, ==, a1);
      if (e->kind == LS_TIMELINE_EVENT_NUMBER_CHANGE)
        g_assert_cmpint (e->lane, ==, a2);
    }
  g_assert_cmpuint (missing, ==, 2);
}

static void
test_bins_days (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsTimelineModel) model = build (kase, LS_TIMELINE_LANES_PEOPLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTimelineBins) bins = NULL;
  guint day27;

  bins = ls_timeline_bins_build (ls_case_get_db (kase), model, AUTUMN_MIDNIGHT - 86400 + 3600,
                                 AUTUMN_NEXT + 2 * 86400 - 1, 86400, NULL, &error);
  g_assert_no_error (error);
  /* 26, 27, 28, 29 October, each from local midnight. */
  g_assert_cmpuint (ls_timeline_bins_get_n_bins (bins), ==, 4);
  g_assert_cmpint (ls_timeline_bins_get_start (bins, 1), ==, AUTUMN_MIDNIGHT);
  g_assert_cmpint (ls_timeline_bins_get_start (bins, 2), ==, AUTUMN_NEXT);
  g_assert_cmpint (ls_timeline_bins_get_start (bins, 1) - ls_timeline_bins_get_start (bins, 0), ==, 24 * 3600);
  day27 = ls_timeline_bins_find (bins, T1);
  g_assert_cmpuint (day27, ==, 1);
  g_assert_cmpuint (ls_timeline_bins_find (bins, T2), ==, 1);
  g_assert_cmpuint (ls_timeline_bins_find (bins, T3), ==, 2);

  /* Alice: out T1 on the 27th (00:30 BST, though 26 Oct in UTC), out T3
   * on the 28th; in T2 on the 27th, the withheld call on the 28th. */
  g_assert_cmpuint (ls_timeline_bins_get_out (bins, 0)[0], ==, 0);
  g_assert_cmpuint (ls_timeline_bins_get_out (bins, 0)[1], ==, 1);
  g_assert_cmpuint (ls_timeline_bins_get_out (bins, 0)[2], ==, 1);
  g_assert_cmpuint (ls_timeline_bins_get_in (bins, 0)[1], ==, 1);
  g_assert_cmpuint (ls_timeline_bins_get_in (bins, 0)[2], ==, 1);
  g_assert_cmpuint (ls_timeline_bins_get_out (bins, 1)[1], ==, 1);
  g_assert_cmpuint (ls_timeline_bins_get_in (bins, 1)[1], ==, 1);
  g_assert_cmpuint (ls_timeline_bins_get_out (bins, 2)[2], ==, 25);
  g_assert_cmpuint (ls_timeline_bins_get_total (bins)[0], ==, 0);
  g_assert_cmpuint (ls_timeline_bins_get_total (bins)[1], ==, 2);
  g_assert_cmpuint (ls_timeline_bins_get_total (bins)[2], ==, 27);
  g_assert_cmpuint (ls_timeline_bins_get_total_max (bins), ==, 27);
  g_assert_cmpuint (ls_timeline_bins_get_lane_max (bins), ==, 25);
  /* On-lane contacts of the 27th: Alice 2, Bob 2. */
  g_assert_cmpuint (ls_timeline_bins_count (bins, AUTUMN_MIDNIGHT, AUTUMN_NEXT), ==, 4);
}

static void
test_bins_hours (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsTimelineModel) model = build (kase, LS_TIMELINE_LANES_PEOPLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTimelineBins) bins = NULL;
  g_autoptr(LsTimelineBins) cached = NULL;

  bins = ls_timeline_bins_build (ls_case_get_db (kase), model, AUTUMN_MIDNIGHT, AUTUMN_NEXT,
                                 3600, NULL, &error);
  g_assert_no_error (error);
  /* The 25 hours of 27 October. */
  g_assert_cmpuint (ls_timeline_bins_get_n_bins (bins), ==, 25);
  g_assert_cmpuint (ls_timeline_bins_get_out (bins, 0)[0], ==, 1);
  g_assert_cmpuint (ls_timeline_bins_get_in (bins, 0)[24], ==, 1);

  g_assert_null (ls_timeline_model_lookup_bins (model, 3600, AUTUMN_MIDNIGHT, AUTUMN_NEXT));
  ls_timeline_model_store_bins (model, bins);
  cached = ls_timeline_model_lookup_bins (model, 3600, AUTUMN_MIDNIGHT + 3600, AUTUMN_NEXT - 60);
  g_assert_true (cached == bins);
  g_assert_null (ls_timeline_model_lookup_bins (model, 86400, AUTUMN_MIDNIGHT, AUTUMN_NEXT));
  g_assert_null (ls_timeline_model_lookup_bins (model, 3600, AUTUMN_MIDNIGHT, AUTUMN_NEXT + 3600));

  g_assert_cmpint (ls_timeline_choose_bin (AUTUMN_MIDNIGHT, AUTUMN_NEXT, 1000, 4), ==, 15 * 60);
  g_assert_cmpint (ls_timeline_choose_bin (T4, T4 + 180 * 86400, 1000, 4), ==, 86400);
}

static void
test_marks (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsTimelineModel) model = build (kase, LS_TIMELINE_LANES_PEOPLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTimelineMarks) marks = NULL;
  const LsTimelineMark *m;
  gboolean truncated;

  marks = ls_timeline_marks_build (ls_case_get_db (kase), model, AUTUMN_MIDNIGHT, AUTUMN_NEXT + 6 * 3600,
                                   10, &truncated, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (truncated);
  g_assert_cmpuint (ls_timeline_marks_get_n_marks (marks), ==, 4);
  m = ls_timeline_marks_get_mark (marks, 0);
  g_assert_cmpint (m->start, ==, T1);
  g_assert_cmpstr (m->caller, ==, A1);
  g_assert_cmpstr (m->callee, ==, B);
  g_assert_cmpint (m->caller_lane, ==, 0);
  g_assert_cmpint (m->callee_lane, ==, 1);
  g_assert_cmpint (m->duration, ==, 65);
  g_assert_cmpstr (m->source, ==, "calls.csv");
  g_assert_cmpint (m->line, ==, 2);
  m = ls_timeline_marks_get_mark (marks, 3);
  g_assert_null (m->caller);
  g_assert_cmpint (m->caller_lane, ==, -1);
  g_assert_cmpuint (ls_timeline_marks_bisect (marks, T2), ==, 1);
  g_assert_cmpuint (ls_timeline_marks_bisect (marks, T2 + 1), ==, 2);

  g_clear_pointer (&marks, ls_timeline_marks_unref);
  marks = ls_timeline_marks_build (ls_case_get_db (kase), model, AUTUMN_MIDNIGHT, AUTUMN_NEXT + 6 * 3600,
                                   3, &truncated, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (marks);
  g_assert_true (truncated);
}

static void
test_heat_map (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsTimelineModel) model = build (kase, LS_TIMELINE_LANES_PEOPLE);
  g_autoptr(GError) error = NULL;
  guint32 counts[7][24];
  const guint alice[] = { 0 }, both[] = { 0, 1 };
  guint64 sum = 0;

  g_assert_true (ls_timeline_heat_map_build (ls_case_get_db (kase), model, alice, 1, -1, -1,
                                             counts, NULL, &error));
  g_assert_no_error (error);
  /* Sunday 00:30 BST, Sunday 23:30 GMT, Monday 00:30 GMT twice, Monday 13:00 BST. */
  g_assert_cmpuint (counts[6][0], ==, 1);
  g_assert_cmpuint (counts[6][23], ==, 1);
  g_assert_cmpuint (counts[0][0], ==, 2);
  g_assert_cmpuint (counts[0][13], ==, 1);
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      sum += counts[d][h];
  g_assert_cmpuint (sum, ==, 5);

  /* Alice and Bob together: their calls to each other count once. */
  g_assert_true (ls_timeline_heat_map_build (ls_case_get_db (kase), model, both, 2, -1, -1,
                                             counts, NULL, &error));
  sum = 0;
  for (guint d = 0; d < 7; d++)
    for (guint h = 0; h < 24; h++)
      sum += counts[d][h];
  g_assert_cmpuint (sum, ==, 5);

  /* Only October. */
  g_assert_true (ls_timeline_heat_map_build (ls_case_get_db (kase), model, alice, 1,
                                             AUTUMN_MIDNIGHT - 86400, -1, counts, NULL, &error));
  g_assert_cmpuint (counts[0][13], ==, 0);
  g_assert_cmpuint (counts[0][0], ==, 2);
}

static void
test_sort_by_rank (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(LsTimelineModel) model = build (kase, LS_TIMELINE_LANES_PEOPLE);
  g_autoptr(GHashTable) rank = g_hash_table_new (g_str_hash, g_str_equal);
  const char *bob_key = ls_timeline_model_get_lane (model, lane_of (model, "Bob"))->key;
  const char *deal_key = ls_timeline_model_get_lane (model, lane_of (model, D))->key;

  /* The deal line ranks first, Bob second; Alice, unranked, follows. */
  g_hash_table_insert (rank, (gpointer) deal_key, GUINT_TO_POINTER (1));
  g_hash_table_insert (rank, (gpointer) bob_key, GUINT_TO_POINTER (2));
  g_assert_true (ls_timeline_model_is_sorted (model, NULL));
  g_assert_false (ls_timeline_model_is_sorted (model, rank));
  ls_timeline_model_sort_lanes (model, rank);
  g_assert_true (ls_timeline_model_is_sorted (model, rank));
  g_assert_cmpint (lane_of (model, D), ==, 0);
  g_assert_cmpint (lane_of (model, "Bob"), ==, 1);
  g_assert_cmpint (lane_of (model, "Alice"), ==, 2);
  g_assert_cmpint (ls_timeline_model_find_lane (model, bob_key), ==, 1);
  /* Events and phones follow their lanes. */
  for (guint i = 0; i < ls_timeline_model_get_n_events (model); i++)
    {
      const LsTimelineEvent *e = ls_timeline_model_get_event (model, i);
      if (e->kind == LS_TIMELINE_EVENT_ARREST)
        g_assert_cmpuint (e->lane, ==, 1);
      if (e->kind == LS_TIMELINE_EVENT_MISSING)
        g_assert_cmpuint (e->lane, ==, 2);
    }
  g_assert_cmpint (ls_timeline_model_lane_of_phone (model, ls_timeline_model_get_lane (model, 2)->phone_ids->len ?
                   g_array_index (ls_timeline_model_get_lane (model, 2)->phone_ids, gint64, 0) : -1), ==, 2);
}

static void
test_local_sql (void)
{
  g_autofree char *none = ls_timeline_local_time_sql ("t", T4, T4 + 86400);
  g_autofree char *autumn = ls_timeline_local_time_sql ("t", AUTUMN_MIDNIGHT, AUTUMN_NEXT);

  g_assert_cmpstr (none, ==, "(t + 3600)");
  /* The change is at 01:00 UTC. */
  g_assert_cmpstr (autumn, ==, "(t + CASE WHEN t < 1729990800 THEN 3600 ELSE 0 END)");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline/model/lanes-people", test_lanes_people);
  g_test_add_func ("/timeline/model/lanes-phones", test_lanes_phones);
  g_test_add_func ("/timeline/model/bins-days", test_bins_days);
  g_test_add_func ("/timeline/model/bins-hours", test_bins_hours);
  g_test_add_func ("/timeline/model/marks", test_marks);
  g_test_add_func ("/timeline/model/heat-map", test_heat_map);
  g_test_add_func ("/timeline/model/sort-by-rank", test_sort_by_rank);
  g_test_add_func ("/timeline/model/local-sql", test_local_sql);
  return g_test_run ();
}
