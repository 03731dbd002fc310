/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What LsSafeguarding says about a person, in words: the indicators'
 * short titles, who they are in contact with and where they have been,
 * and the JSON and CSV of `linesight safeguarding`. */
#define G_LOG_DOMAIN "ls-safeguarding"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ls-case.h"
#include "ls-json.h"
#include "ls-safeguarding-private.h"

static const struct {
  const char *code;
  const char *title;
} titles[] = {
  { "child-in-contact-with-line", N_("Child in contact with the line") },
  { "child-runner-pattern", N_("Child made to carry and deliver drugs") },
  { "vulnerable-adult-in-contact-with-line", N_("Vulnerable adult in contact with the line") },
  { "cuckooing", N_("Home taken over (cuckooing)") },
  { "possible-cuckooing", N_("The line’s phones at home at night") },
  { "missing-from-home", N_("Missing from home") },
  { "found-out-of-area", N_("Found out of area") },
  { "phone-far-from-home", N_("Phone far from home") },
  { "travel-night-or-school-hours", N_("Travel at night or in school hours") },
  { "older-associates", N_("Much older associates") },
  { "several-phones", N_("Several phones or handset changes") },
  { "instructions-before-deals", N_("Instructions before deals") },
  { "arrest-with-drugs-cash-weapons", N_("Arrest or search: drugs, cash, weapons") },
  { "hospital-injuries", N_("Hospital with injuries") },
  { "school-exclusion", N_("Excluded from school") },
  { "vulnerable-adult", N_("Vulnerable adult") },
};

const char *
ls_indicator_title (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (g_strcmp0 (titles[i].code, code) == 0)
      return _(titles[i].title);

  return code;
}

char *
ls_safeguarding_person_summary (const LsSafeguardingPerson *person,
                                guint                       n)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < person->indicators->len && i < n; i++)
    {
      const LsIndicator *ind = g_ptr_array_index (person->indicators, i);
      g_string_append_printf (s, "%s%s", i ? "; " : "", ls_indicator_title (ind->code));
    }
  if (person->indicators->len > n)
    g_string_append_printf (s, " (+%u)", person->indicators->len - n);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct {
  gint64 other;
  guint  count;
  gint64 first;
  gint64 last;
} Tally;

static gint
tally_compare (gconstpointer a,
               gconstpointer b)
{
  const Tally *x = a, *y = b;

  return (int) y->count - (int) x->count;
}

static void
tally_add (GArray     *tallies,
           GHashTable *index,
           gint64      key,
           gint64      when)
{
  gpointer pos;
  Tally *t;

  if (!g_hash_table_lookup_extended (index, ID_KEY (key), NULL, &pos))
    {
      Tally fresh = { key, 0, when, when };
      g_array_append_val (tallies, fresh);
      pos = GUINT_TO_POINTER (tallies->len);
      g_hash_table_insert (index, ID_KEY (key), pos);
    }
  t = &g_array_index (tallies, Tally, GPOINTER_TO_UINT (pos) - 1);
  t->count++;
  t->first = MIN (t->first, when);
  t->last = MAX (t->last, when);
}

static const char *
role_of_phone (Ctx    *ctx,
               gint64  phone)
{
  gpointer holder;

  if (g_hash_table_contains (ctx->facts->deal_phones, ID_KEY (phone)))
    return _("deal line");
  if (g_hash_table_lookup_extended (ctx->holder_phones, ID_KEY (phone), NULL, &holder))
    {
      const char *role = KEY_ID (holder) >= 0 ? g_hash_table_lookup (ctx->facts->holders, holder)
                                              : g_hash_table_lookup (ctx->facts->holder_phones, ID_KEY (phone));
      return g_strcmp0 (role, "head") == 0 ? _("heads the line") : _("holds the line");
    }
  if (g_hash_table_contains (ctx->customers, ID_KEY (phone)))
    return _("customer of the line");

  return NULL;
}

static void
describe_contacts (Subject              *s,
                   LsSafeguardingPerson *p)
{
  g_autoptr(GArray) tallies = g_array_new (FALSE, FALSE, sizeof (Tally));
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < s->calls->len; i++)
    {
      const CallRow *c = &g_array_index (s->calls, CallRow, i);
      gint64 other = sg_other_party (s, c);
      gpointer owner;

      if (other < 0 || g_hash_table_contains (s->own_phones, ID_KEY (other)))
        continue;
      /* Tally by person where the phone is attributed, else by phone (negated). */
      if (g_hash_table_lookup_extended (s->ctx->phone_owner, ID_KEY (other), NULL, &owner) &&
          !g_hash_table_contains (s->ctx->facts->deal_phones, ID_KEY (other)))
        tally_add (tallies, index, KEY_ID (owner), c->start);
      else
        tally_add (tallies, index, -other, c->start);
    }
  g_array_sort (tallies, tally_compare);

  for (guint i = 0; i < tallies->len && i < 8; i++)
    {
      const Tally *t = &g_array_index (tallies, Tally, i);
      g_autofree char *span = NULL;
      g_autofree char *a = sg_format_date (t->first);
      g_autofree char *b = sg_format_date (t->last);
      const char *label, *role;

      if (t->other >= 0)
        {
          PersonRow *who = g_hash_table_lookup (s->ctx->people, ID_KEY (t->other));
          label = who ? who->name : "?";
          role = who && who->phones->len ? role_of_phone (s->ctx, g_array_index (who->phones, gint64, 0)) : NULL;
        }
      else
        {
          label = g_hash_table_lookup (s->ctx->phone_numbers, ID_KEY (-t->other));
          role = role_of_phone (s->ctx, -t->other);
        }
      span = g_str_equal (a, b) ? g_strdup (a) : g_strdup_printf ("%s – %s", a, b);
      g_ptr_array_add (p->contacts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s%s%s%s: %u contact, %s",
                                                                  "%s%s%s%s: %u contacts, %s", t->count),
                                                     label, role ? " (" : "", role ? role : "", role ? ")" : "",
                                                     t->count, span));
    }
}

static void
describe_places (Subject              *s,
                 LsSafeguardingPerson *p)
{
  g_autoptr(GArray) tallies = g_array_new (FALSE, FALSE, sizeof (Tally));
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < s->calls->len; i++)
    {
      const CallRow *c = &g_array_index (s->calls, CallRow, i);

      if (c->cell >= 0 && c->caller >= 0 && g_hash_table_contains (s->own_phones, ID_KEY (c->caller)))
        tally_add (tallies, index, c->cell, c->start);
    }
  g_array_sort (tallies, tally_compare);

  for (guint i = 0; i < tallies->len && i < 6; i++)
    {
      const Tally *t = &g_array_index (tallies, Tally, i);
      const CellRow *cell = g_hash_table_lookup (s->ctx->cells, ID_KEY (t->other));
      g_autofree char *a = sg_format_date (t->first);
      g_autofree char *b = sg_format_date (t->last);
      g_autofree char *km = NULL;

      if (cell == NULL)
        continue;
      if (cell->has_location && s->p->has_home)
        km = g_strdup_printf (_(", %.0f km from home"), sg_distance_km (s->p->lat, s->p->lon, cell->lat, cell->lon));
      g_ptr_array_add (p->places, g_strdup_printf (_("%s%s: phone used %u times, %s – %s"),
                                                   cell->name ? cell->name : "?", km ? km : "", t->count, a, b));
    }

  for (guint i = 0; i < s->events->len; i++)
    {
      const EventRow *e = &g_array_index (s->events, EventRow, i);
      g_autofree char *when = sg_format_date (e->start);

      if (e->place != NULL && *e->place != '\0')
        g_ptr_array_add (p->places, g_strdup_printf ("%s: %s, %s", e->place, e->kind, when));
    }
}

void
sg_describe (Subject              *s,
             LsSafeguardingPerson *p)
{
  describe_contacts (s, p);
  describe_places (s, p);
}

/* JSON */

static void
add_evidence (JsonBuilder       *b,
              const LsIndicator *ind)
{
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  for (guint i = 0; i < ind->evidence->len; i++)
    {
      const LsIndicatorEvidence *e = &g_array_index (ind->evidence, LsIndicatorEvidence, i);

      json_builder_begin_object (b);
      ls_json_add_string (b, "table", e->table);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, e->id);
      ls_json_add_time (b, "date", e->when);
      ls_json_add_string (b, "source", e->source);
      ls_json_add_string (b, "note", e->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "evidence_total");
  json_builder_add_int_value (b, ind->n_evidence_total);
}

static void
add_person (JsonBuilder                *b,
            const LsSafeguardingPerson *p)
{
  json_builder_begin_object (b);
  ls_json_add_string (b, "name", p->name);
  ls_json_add_string (b, "date_of_birth", p->dob);
  json_builder_set_member_name (b, "age");
  if (p->age >= 0)
    json_builder_add_int_value (b, p->age);
  else
    json_builder_add_null_value (b);
  ls_json_add_time (b, "latest_activity", p->latest_activity);
  ls_json_add_string (b, "group", p->child ? "child" : "vulnerable-adult");
  ls_json_add_string (b, "area", p->area);
  ls_json_add_string (b, "risk", ls_risk_to_string (p->risk));
  json_builder_set_member_name (b, "risk_rose_since_review");
  json_builder_add_boolean_value (b, p->risk_rose);

  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->indicators->len; i++)
    {
      const LsIndicator *ind = g_ptr_array_index (p->indicators, i);

      json_builder_begin_object (b);
      ls_json_add_string (b, "code", ind->code);
      ls_json_add_string (b, "text", ind->text);
      ls_json_add_time (b, "first", ind->first);
      ls_json_add_time (b, "last", ind->last);
      add_evidence (b, ind);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "referral");
  json_builder_begin_object (b);
  ls_json_add_string (b, "status", ls_referral_status_to_string (p->referral.status));
  ls_json_add_string (b, "agency", p->referral.agency);
  ls_json_add_string (b, "reference", p->referral.reference);
  ls_json_add_string (b, "date", p->referral.date);
  ls_json_add_string (b, "recorded_by", p->referral.recorded_by);
  ls_json_add_string (b, "reviewed_risk", p->referral.reviewed_risk);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
ls_safeguarding_to_json (LsSafeguarding *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "people");
  json_builder_begin_array (b);
  for (guint i = 0; i < ls_safeguarding_get_n_people (self); i++)
    add_person (b, ls_safeguarding_get_person (self, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);

  return json_generator_to_data (gen, NULL);
}

/* CSV (RFC 4180) */

static void
csv_field (GString    *out,
           const char *value,
           gboolean    last)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_autofree char *escaped = NULL;
      g_auto(GStrv) parts = g_strsplit (value, "\"", -1);

      escaped = g_strjoinv ("\"\"", parts);
      g_string_append_printf (out, "\"%s\"", escaped);
    }
  else
    {
      g_string_append (out, value);
    }
  g_string_append (out, last ? "\r\n" : ",");
}

char *
ls_safeguarding_to_csv (LsSafeguarding *self)
{
  GString *out = g_string_new ("name,date_of_birth,age,risk,risk_rose_since_review,area,indicators,"
                               "indicator_text,referral_status,referral_agency,referral_reference,"
                               "referral_date\r\n");

  for (guint i = 0; i < ls_safeguarding_get_n_people (self); i++)
    {
      const LsSafeguardingPerson *p = ls_safeguarding_get_person (self, i);
      g_autoptr(GString) codes = g_string_new (NULL);
      g_autoptr(GString) texts = g_string_new (NULL);
      g_autofree char *age = p->age >= 0 ? g_strdup_printf ("%d", p->age) : NULL;

      for (guint j = 0; j < p->indicators->len; j++)
        {
          const LsIndicator *ind = g_ptr_array_index (p->indicators, j);
          g_string_append_printf (codes, "%s%s", j ? ";" : "", ind->code);
          g_string_append_printf (texts, "%s%s", j ? " | " : "", ind->text);
        }
      csv_field (out, p->name, FALSE);
      csv_field (out, p->dob, FALSE);
      csv_field (out, age, FALSE);
      csv_field (out, ls_risk_to_string (p->risk), FALSE);
      csv_field (out, p->risk_rose ? "yes" : "no", FALSE);
      csv_field (out, p->area, FALSE);
      csv_field (out, codes->str, FALSE);
      csv_field (out, texts->str, FALSE);
      csv_field (out, ls_referral_status_to_string (p->referral.status), FALSE);
      csv_field (out, p->referral.agency, FALSE);
      csv_field (out, p->referral.reference, FALSE);
      csv_field (out, p->referral.date, TRUE);
    }

  return g_string_free (out, FALSE);
}
