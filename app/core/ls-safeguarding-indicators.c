/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The safeguarding indicators, one function each, following the signs in
 * the Home Office county lines guidance (docs/SAFEGUARDING.md lists them
 * with their thresholds). Each adds at most one LsIndicator to the subject,
 * with the rows behind it as evidence. */
#define G_LOG_DOMAIN "ls-safeguarding"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case.h"
#include "ls-safeguarding-private.h"
#include "ls-time.h"

static void
add (Subject     *s,
     LsIndicator *ind)
{
  if (ind->n_evidence_total == 0)
    sg_indicator_free (ind);
  else
    g_ptr_array_add (s->indicators, ind);
}

/* "once", "twice", "5 times" */
static const char *
times (guint n)
{
  static GPrivate buffer = G_PRIVATE_INIT (g_free);
  char *text;

  if (n == 1)
    return _("once");
  if (n == 2)
    return _("twice");
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u time", "%u times", n), n);
  g_private_replace (&buffer, text);

  return text;
}

static gboolean
child_at (Subject *s,
          gint64   when)
{
  int age = sg_age_at (s->p->dob, when);

  return age >= 0 && age < 18;
}

static gboolean
is_line_contact (Subject *s,
                 gint64   other,
                 gint64   when)
{
  gint64 who;

  return other >= 0 && !g_hash_table_contains (s->own_phones, ID_KEY (other)) &&
         sg_is_line_member_phone (s->ctx, other, when, &who) && who != s->p->id;
}

static char *
date_span (gint64 first,
           gint64 last)
{
  g_autofree char *a = sg_format_date (first);
  g_autofree char *b = sg_format_date (last);

  if (g_str_equal (a, b))
    return g_strdup_printf (_("on %s"), a);

  return g_strdup_printf (_("between %s and %s"), a, b);
}

/* A child in contact with the deal line or those who hold it, on dates
 * when they were under 18; or a vulnerable adult in the same contact. */
static void
line_contact (Subject  *s,
              gboolean  adult)
{
  LsIndicator *ind = sg_indicator_new (adult ? "vulnerable-adult-in-contact-with-line"
                                             : "child-in-contact-with-line", TRUE, NULL);
  g_autofree char *span = NULL;
  int age = -1;

  for (guint i = 0; i < s->calls->len; i++)
    {
      const CallRow *c = &g_array_index (s->calls, CallRow, i);

      if (!is_line_contact (s, sg_other_party (s, c), c->start) || (!adult && !child_at (s, c->start)))
        continue;
      sg_add_call_evidence (s, ind, c, sg_person_label (s->ctx, sg_other_party (s, c)));
      age = sg_age_at (s->p->dob, c->start);
    }

  span = date_span (ind->first, ind->last);
  if (adult)
    ind->text = g_strdup_printf (_("Vulnerable adult at risk of exploitation: in contact with the deal line "
                                   "or the adults who hold or run it %s %s"), times (ind->n_evidence_total), span);
  else
    ind->text = g_strdup_printf (_("Child at risk of criminal exploitation: in contact with the deal line "
                                   "or the adults who hold or run it %s %s, aged %d"),
                                 times (ind->n_evidence_total), span, age);
  add (s, ind);
}

/* The analysis matched their phone use to the pattern of someone made to
 * carry and deliver drugs; a child is named as a child at risk, not by role. */
static void
runner_pattern (Subject *s)
{
  const char *reason = g_hash_table_lookup (s->ctx->facts->runners, ID_KEY (s->p->id));
  LsIndicator *ind;
  int age = -1;

  if (reason == NULL)
    return;

  ind = sg_indicator_new ("child-runner-pattern", TRUE, NULL);
  for (guint i = 0; i < s->calls->len; i++)
    {
      const CallRow *c = &g_array_index (s->calls, CallRow, i);

      if (!child_at (s, c->start))
        continue;
      if (age < 0)
        age = sg_age_at (s->p->dob, c->start);
      if (is_line_contact (s, sg_other_party (s, c), c->start) ||
          g_hash_table_contains (s->ctx->customers, ID_KEY (sg_other_party (s, c))))
        sg_add_call_evidence (s, ind, c, reason);
    }
  ind->text = g_strdup_printf (_("Child at risk of criminal exploitation: their phone use, aged %d, "
                                 "matches the pattern of a child made to carry and deliver drugs for the line"),
                               age);
  add (s, ind);
}

static gboolean
kind_is (const EventRow *e,
         const char     *kind)
{
  return g_strcmp0 (e->kind, kind) == 0;
}

static gboolean
overnight (const EventRow *e)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (e->end < 0)
    return FALSE;
  a = ls_time_format_local (e->start, "%F");
  b = ls_time_format_local (e->end, "%F");

  return g_strcmp0 (a, b) != 0 || e->end - e->start >= 12 * 3600;
}

static void
missing_from_home (Subject *s)
{
  LsIndicator *ind = sg_indicator_new ("missing-from-home", FALSE, NULL);
  guint nights = 0;
  g_autofree char *span = NULL;

  for (guint i = 0; i < s->events->len; i++)
    {
      const EventRow *e = &g_array_index (s->events, EventRow, i);

      if (!kind_is (e, "missing-from-home"))
        continue;
      sg_add_event_evidence (s, ind, e);
      nights += overnight (e);
    }
  ind->strong = ind->n_evidence_total >= s->ctx->opt->missing_episodes || nights > 0;
  span = date_span (ind->first, ind->last);
  if (ind->n_evidence_total == 1)
    ind->text = g_strdup_printf (nights ? _("Missing from home once, overnight, %s") : _("Missing from home once, %s"),
                                 span);
  else
    ind->text = g_strdup_printf (_("Missing from home %u times (%u overnight) %s"),
                                 ind->n_evidence_total, nights, span);
  add (s, ind);
}

static void
found_out_of_area (Subject *s)
{
  LsIndicator *ind = sg_indicator_new ("found-out-of-area", TRUE, NULL);
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < s->events->len; i++)
    {
      const EventRow *e = &g_array_index (s->events, EventRow, i);

      if (!kind_is (e, "found-out-of-area"))
        continue;
      sg_add_event_evidence (s, ind, e);
      if (e->place && places->len < 3)
        {
          if (e->has_location && s->p->has_home)
            g_ptr_array_add (places, g_strdup_printf (_("%s, %.0f km from home"), e->place,
                                                      sg_distance_km (s->p->lat, s->p->lon, e->lat, e->lon)));
          else
            g_ptr_array_add (places, g_strdup (e->place));
        }
    }
  g_ptr_array_add (places, NULL);
  joined = g_strjoinv ("; ", (char **) places->pdata);
  ind->text = g_strdup_printf (_("Found out of their home area %s (%s)"), times (ind->n_evidence_total),
                               *joined ? joined : _("place not recorded"));
  add (s, ind);
}

static gboolean
school_hours (GDateTime *local)
{
  int dow = g_date_time_get_day_of_week (local), minute = g_date_time_get_hour (local) * 60 +
            g_date_time_get_minute (local);

  return dow <= 5 && minute >= 9 * 60 && minute < 15 * 60 + 30;
}

/* Their phone in cells far from home: the county towns a line supplies. */
static void
far_from_home (Subject *s)
{
  Ctx *ctx = s->ctx;
  LsIndicator *far = sg_indicator_new ("phone-far-from-home", TRUE, NULL);
  LsIndicator *odd = sg_indicator_new ("travel-night-or-school-hours", FALSE, NULL);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) name_list = g_ptr_array_new ();
  guint nights = 0, school = 0;
  double max_km = 0;
  g_autofree char *where = NULL;
  g_autofree char *span = NULL;

  if (!s->p->has_home)
    {
      sg_indicator_free (far);
      sg_indicator_free (odd);
      return;
    }

  for (guint i = 0; i < s->calls->len; i++)
    {
      const CallRow *c = &g_array_index (s->calls, CallRow, i);
      const CellRow *cell;
      g_autoptr(GDateTime) utc = NULL;
      g_autoptr(GDateTime) local = NULL;
      double km;
      int hour;

      if (c->cell < 0 || c->caller < 0 || !g_hash_table_contains (s->own_phones, ID_KEY (c->caller)))
        continue;
      cell = g_hash_table_lookup (ctx->cells, ID_KEY (c->cell));
      if (cell == NULL || !cell->has_location)
        continue;
      km = sg_distance_km (s->p->lat, s->p->lon, cell->lat, cell->lon);
      if (km < ctx->opt->far_from_home_km)
        continue;

      max_km = MAX (max_km, km);
      sg_add_call_evidence (s, far, c, cell->name);
      g_hash_table_add (days, ls_time_format_local (c->start, "%F"));
      if (cell->name && g_hash_table_add (names, cell->name))
        g_ptr_array_add (name_list, cell->name);

      utc = g_date_time_new_from_unix_utc (c->start);
      local = g_date_time_to_timezone (utc, ls_time_zone_london ());
      hour = g_date_time_get_hour (local);
      if (hour >= 22 || hour < 6)
        {
          nights++;
          sg_add_call_evidence (s, odd, c, _("at night"));
        }
      else if (child_at (s, c->start) && school_hours (local))
        {
          school++;
          sg_add_call_evidence (s, odd, c, _("in school hours"));
        }
    }

  if (name_list->len > 3)
    g_ptr_array_set_size (name_list, 3);
  g_ptr_array_add (name_list, NULL);
  where = g_strjoinv (", ", (char **) name_list->pdata);
  span = date_span (far->first, far->last);
  far->text = g_strdup_printf (_("Phone in cells up to %.0f km from home (%s) on %u days %s"),
                               max_km, where, g_hash_table_size (days), span);
  odd->text = g_strdup_printf (_("Travelling far from home at night (%u times) or in school hours (%u times)"),
                               nights, school);
  add (s, far);
  add (s, odd);
}

/* Contact with much older people who hold or head the line. */
static void
older_associates (Subject *s)
{
  Ctx *ctx = s->ctx;
  LsIndicator *ind = sg_indicator_new ("older-associates", TRUE, NULL);
  g_autoptr(GHashTable) named = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) who = g_string_new (NULL);

  for (guint i = 0; i < s->calls->len; i++)
    {
      const CallRow *c = &g_array_index (s->calls, CallRow, i);
      gint64 other = sg_other_party (s, c), member;
      gpointer holder_id;
      PersonRow *holder;
      int mine, theirs;

      if (other < 0 || g_hash_table_contains (s->own_phones, ID_KEY (other)) ||
          !sg_is_line_member_phone (ctx, other, c->start, &member) || member < 0 || member == s->p->id)
        continue;
      holder_id = ID_KEY (member);
      holder = g_hash_table_lookup (ctx->people, holder_id);
      if (holder == NULL)
        continue;
      mine = sg_age_at (s->p->dob, c->start);
      theirs = sg_age_at (holder->dob, c->start);
      if (mine < 0 || theirs < 0 || theirs - mine < (int) ctx->opt->age_gap_years)
        continue;
      sg_add_call_evidence (s, ind, c, holder->name);
      if (g_hash_table_add (named, holder_id))
        g_string_append_printf (who, "%s%s (%d, %d years older)", who->len ? "; " : "", holder->name,
                                theirs, theirs - mine);
    }

  ind->text = g_strdup_printf (_("In contact with much older people who hold or run the line: %s"), who->str);
  add (s, ind);
}

typedef struct {
  const char *table;
  gint64      id;
  gint64      when;
  gint64      import_id;
  gint64      line;
  char       *note;
} HandsetRow;

static void
handset_row_clear (gpointer data)
{
  g_free (((HandsetRow *) data)->note);
}

/* The handsets a phone was used in (from the handsets table and the IMEIs
 * on its calls); evidence only when there was more than one. */
static guint
handset_changes (Subject     *s,
                 LsIndicator *ind,
                 gint64       phone)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) imeis = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (HandsetRow));

  g_array_set_clear_func (rows, handset_row_clear);
  if (sqlite3_prepare_v2 (s->ctx->db,
                          "SELECT 'handset', id, first_seen, imei, import_id, source_line FROM handsets"
                          " WHERE phone_id = ?1 UNION ALL"
                          " SELECT 'call', min(id), min(start), imei, NULL, NULL FROM calls"
                          " WHERE caller_id = ?1 AND imei IS NOT NULL GROUP BY imei", -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  sqlite3_bind_int64 (stmt, 1, phone);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *imei = (const char *) sqlite3_column_text (stmt, 3);
      HandsetRow r;

      if (imei == NULL || !g_hash_table_add (imeis, g_strdup (imei)))
        continue;
      r.table = g_str_equal (sqlite3_column_text (stmt, 0), "handset") ? "handset" : "call";
      r.id = sqlite3_column_int64 (stmt, 1);
      r.when = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 2);
      r.import_id = sqlite3_column_type (stmt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 4);
      r.line = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5);
      r.note = g_strdup_printf ("IMEI %s", imei);
      g_array_append_val (rows, r);
    }

  if (rows->len < 2)
    return 0;
  for (guint i = 0; i < rows->len; i++)
    {
      const HandsetRow *r = &g_array_index (rows, HandsetRow, i);
      sg_add_evidence (s, ind, r->table, r->id, r->when, r->import_id, r->line, r->note);
    }

  return rows->len - 1;
}

static void
several_phones (Subject *s)
{
  Ctx *ctx = s->ctx;
  LsIndicator *ind = sg_indicator_new ("several-phones", FALSE, NULL);
  guint phones = s->p->phones->len, swaps = 0;

  for (guint i = 0; i < phones; i++)
    {
      gint64 ph = g_array_index (s->p->phones, gint64, i);

      if (phones >= ctx->opt->several_phones)
        sg_add_evidence (s, ind, "phone", ph, -1, -1, -1, g_hash_table_lookup (ctx->phone_numbers, ID_KEY (ph)));
      swaps += handset_changes (s, ind, ph);
    }
  for (guint i = 0; i < ctx->facts->swaps->len; i++)
    {
      const LineSwap *sw = &g_array_index (ctx->facts->swaps, LineSwap, i);

      if (g_hash_table_contains (s->own_phones, ID_KEY (sw->phone_id)))
        {
          swaps++;
          sg_add_evidence (s, ind, "phone", sw->phone_id, sw->when, -1, -1, sw->reason);
        }
    }

  if (phones < ctx->opt->several_phones && swaps == 0)
    {
      sg_indicator_free (ind);
      return;
    }
  ind->text = g_strdup_printf (_("Uses %u phones, with %u handset changes"), phones, swaps);
  add (s, ind);
}

/* Contact from the deal line, then within minutes contact with one of the
 * line's customers: being told where to deliver. */
static void
instructions_before_deals (Subject *s)
{
  Ctx *ctx = s->ctx;
  LsIndicator *ind = sg_indicator_new ("instructions-before-deals", TRUE, NULL);
  gint64 window = (gint64) ctx->opt->instruction_minutes * 60;
  guint pairs = 0;

  for (guint i = 0; i < s->calls->len; i++)
    {
      const CallRow *c = &g_array_index (s->calls, CallRow, i);

      if (c->caller < 0 || !g_hash_table_contains (ctx->facts->deal_phones, ID_KEY (c->caller)) ||
          g_hash_table_contains (s->own_phones, ID_KEY (c->caller)))
        continue;
      for (guint j = i + 1; j < s->calls->len; j++)
        {
          const CallRow *d = &g_array_index (s->calls, CallRow, j);
          gint64 other = sg_other_party (s, d);

          if (d->start - c->start > window)
            break;
          if (other < 0 || !g_hash_table_contains (ctx->customers, ID_KEY (other)) ||
              g_hash_table_contains (s->own_phones, ID_KEY (other)))
            continue;
          pairs++;
          sg_add_call_evidence (s, ind, c, _("contact from the deal line"));
          sg_add_call_evidence (s, ind, d, _("then contact with a customer of the line"));
          break;
        }
    }

  ind->text = g_strdup_printf (_("Contacted by the deal line and then, within %u minutes, in contact with "
                                 "the line’s customers %s: a sign of being told where to deliver"),
                               ctx->opt->instruction_minutes, times (pairs));
  add (s, ind);
}

static LsIndicator *
matching_events (Subject     *s,
                 const char  *code,
                 gboolean     strong,
                 const char  *kind_a,
                 const char  *kind_b,
                 GRegex      *words,
                 gboolean     empty_matches)
{
  LsIndicator *ind = sg_indicator_new (code, strong, NULL);

  for (guint i = 0; i < s->events->len; i++)
    {
      const EventRow *e = &g_array_index (s->events, EventRow, i);
      gboolean text = e->text != NULL && *e->text != '\0';

      if (!kind_is (e, kind_a) && (kind_b == NULL || !kind_is (e, kind_b)))
        continue;
      if (words != NULL && !(text ? g_regex_match (words, e->text, 0, NULL) : empty_matches))
        continue;
      sg_add_event_evidence (s, ind, e);
    }

  return ind;
}

static void
events_indicators (Subject *s)
{
  static GRegex *drugs, *injury;

  if (g_once_init_enter (&drugs))
    {
      GRegex *d = g_regex_new ("drug|cocaine|crack|heroin|cannabis|wrap|spice|class a|cash|money|£"
                               "|knife|knives|blade|weapon|machete|firearm|gun", G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      injury = g_regex_new ("injur|stab|wound|cut|lacerat|assault|fractur|burn|bruis|beat|slash|bite|attack|shot",
                            G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&drugs, d);
    }

  LsIndicator *ind;
  char *span;

  ind = matching_events (s, "arrest-with-drugs-cash-weapons", TRUE, "arrest", "stop-search", drugs, FALSE);
  span = date_span (ind->first, ind->last);
  ind->text = g_strdup_printf (_("Arrested or stopped and searched with drugs, cash or weapons %s %s"),
                               times (ind->n_evidence_total), span);
  g_free (span);
  add (s, ind);

  ind = matching_events (s, "hospital-injuries", TRUE, "hospital-attendance", "hospital", injury, TRUE);
  span = date_span (ind->first, ind->last);
  ind->text = g_strdup_printf (_("Attended hospital with injuries %s %s"), times (ind->n_evidence_total), span);
  g_free (span);
  add (s, ind);

  ind = matching_events (s, "school-exclusion", FALSE, "school-exclusion", NULL, NULL, FALSE);
  span = date_span (ind->first, ind->last);
  ind->text = g_strdup_printf (_("Excluded from school %s %s"), times (ind->n_evidence_total), span);
  g_free (span);
  add (s, ind);
}

static gboolean
near_home (Subject *s,
           double   lat,
           double   lon)
{
  return sg_distance_km (s->p->lat, s->p->lon, lat, lon) <= s->ctx->opt->cuckoo_radius_km;
}

/* The night a time falls in (22:00 to 06:59 UK time), named by the date of
 * its evening; NULL in the day. */
static char *
night_of (gint64 when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, ls_time_zone_london ());
  int hour = g_date_time_get_hour (local);

  if (hour >= 22)
    return g_date_time_format (local, "%F");
  if (hour < 7)
    {
      g_autoptr(GDateTime) evening = g_date_time_add_days (local, -1);
      return g_date_time_format (evening, "%F");
    }

  return NULL;
}

/* Many different phones of the line at or near their address over days,
 * or a report of cuckooing there. */
static void
cuckooing (Subject *s)
{
  Ctx *ctx = s->ctx;
  LsIndicator *ind = sg_indicator_new ("cuckooing", TRUE, NULL);
  g_autoptr(GHashTable) phones = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) near_cells = g_hash_table_new (NULL, NULL);
  g_autoptr(sqlite3_stmt) reports = NULL;
  GHashTableIter iter;
  gpointer value;
  guint n_reports = 0;
  g_autofree char *span = NULL;

  if (!s->p->has_home || g_hash_table_contains (ctx->facts->holders, ID_KEY (s->p->id)) ||
      g_hash_table_contains (ctx->facts->runners, ID_KEY (s->p->id)))
    {
      sg_indicator_free (ind);
      return;
    }

  g_hash_table_iter_init (&iter, ctx->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const CellRow *cell = value;
      if (cell->has_location && near_home (s, cell->lat, cell->lon))
        g_hash_table_add (near_cells, ID_KEY (cell->id));
    }

  for (guint i = 0; i < ctx->line_presence->len && g_hash_table_size (near_cells) > 0; i++)
    {
      const CallRow *c = &g_array_index (ctx->line_presence, CallRow, i);
      const Base *base;
      char *night;

      if (!g_hash_table_contains (near_cells, ID_KEY (c->cell)) ||
          g_hash_table_contains (s->own_phones, ID_KEY (c->caller)))
        continue;
      /* Only phones away from where they normally are: visitors. */
      base = g_hash_table_lookup (ctx->phone_base, ID_KEY (c->caller));
      if (base == NULL || sg_distance_km (base->lat, base->lon, s->p->lat, s->p->lon) < ctx->opt->far_from_home_km)
        continue;
      /* Staying there: the night, counted as the evening's date. */
      night = night_of (c->start);
      if (night == NULL)
        continue;
      g_hash_table_add (phones, ID_KEY (c->caller));
      g_hash_table_add (days, night);
      sg_add_call_evidence (s, ind, c, sg_person_label (ctx, c->caller));
    }
  if (g_hash_table_size (phones) < ctx->opt->cuckoo_phones || g_hash_table_size (days) < ctx->opt->cuckoo_days)
    {
      sg_indicator_free (ind);
      ind = sg_indicator_new ("cuckooing", TRUE, NULL);
      g_hash_table_remove_all (phones);
      g_hash_table_remove_all (days);
    }

  if (sqlite3_prepare_v2 (ctx->db, "SELECT id, start, end, kind, place, lat, lon, text, import_id, source_line,"
                          " person_id FROM events WHERE kind = 'cuckooing-report' ORDER BY start", -1,
                          &reports, NULL) == SQLITE_OK)
    while (sqlite3_step (reports) == SQLITE_ROW)
      {
        EventRow e = { 0 };
        gboolean located = sqlite3_column_type (reports, 5) != SQLITE_NULL;
        gboolean named = sqlite3_column_type (reports, 10) != SQLITE_NULL;

        /* A report about someone is theirs; one about a place, of whoever lives there. */
        if (named ? sqlite3_column_int64 (reports, 10) != s->p->id
                  : !(located && near_home (s, sqlite3_column_double (reports, 5), sqlite3_column_double (reports, 6))))
          continue;
        e.id = sqlite3_column_int64 (reports, 0);
        e.start = sqlite3_column_int64 (reports, 1);
        e.kind = (char *) "cuckooing-report";
        e.text = (char *) sqlite3_column_text (reports, 7);
        e.import_id = sqlite3_column_type (reports, 8) == SQLITE_NULL ? -1 : sqlite3_column_int64 (reports, 8);
        e.line = sqlite3_column_int64 (reports, 9);
        sg_add_event_evidence (s, ind, &e);
        n_reports++;
      }

  /* The phones alone, with no report and no vulnerability on record, are a
   * place to look at, not yet a person to list as at risk of cuckooing. */
  if (n_reports == 0 && !s->p->vulnerable)
    ind->code = "possible-cuckooing";
  span = date_span (ind->first, ind->last);
  if (g_hash_table_size (phones) > 0)
    ind->text = g_strdup_printf (_("Home may have been taken over by the line (cuckooing): %u different phones "
                                   "of the line, from elsewhere, at or near the address at night on %u nights %s%s"),
                                 g_hash_table_size (phones), g_hash_table_size (days), span,
                                 n_reports ? _("; cuckooing reported there") : "");
  else
    ind->text = g_strdup_printf (_("Home reported as taken over by the line (cuckooing) %s %s"),
                                 times (n_reports), span);
  add (s, ind);
}

static void
vulnerable_flag (Subject *s)
{
  LsIndicator *ind;

  if (!s->p->vulnerable)
    return;
  ind = sg_indicator_new ("vulnerable-adult", FALSE,
                          g_strdup (_("Recorded in the case data as a vulnerable adult")));
  sg_add_evidence (s, ind, "person", s->p->id, -1, -1, -1, s->p->name);
  add (s, ind);
}

void
sg_assess (Subject *s)
{
  gboolean child_ever = FALSE;

  for (guint i = 0; i < s->calls->len && !child_ever; i++)
    child_ever = child_at (s, g_array_index (s->calls, CallRow, i).start);

  if (child_ever)
    {
      line_contact (s, FALSE);
      runner_pattern (s);
    }
  missing_from_home (s);
  found_out_of_area (s);
  far_from_home (s);
  older_associates (s);
  several_phones (s);
  instructions_before_deals (s);
  events_indicators (s);
  cuckooing (s);
  vulnerable_flag (s);

  /* A vulnerable adult (flagged, or whose home the line uses) in contact
   * with the line: the adult counterpart of the child indicator. */
  if (!child_ever && (s->p->vulnerable || s->indicators->len > 0))
    {
      gboolean cuckooed = FALSE;

      for (guint i = 0; i < s->indicators->len; i++)
        cuckooed |= g_str_equal (((LsIndicator *) g_ptr_array_index (s->indicators, i))->code, "cuckooing");
      /* possible-cuckooing alone does not make them a vulnerable adult here */
      if (s->p->vulnerable || cuckooed)
        line_contact (s, TRUE);
    }
}
