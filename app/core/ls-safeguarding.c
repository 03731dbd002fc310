/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsSafeguarding: loads what the indicators need from a reader connection,
 * assesses each person (ls-safeguarding-indicators.c), and keeps those in
 * scope (children and vulnerable adults with at least one indicator), with
 * their risk level and referral record. */
#define G_LOG_DOMAIN "ls-safeguarding"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ls-analysis.h"
#include "ls-case.h"
#include "ls-graph.h"
#include "ls-safeguarding-private.h"
#include "ls-time.h"

struct _LsSafeguarding
{
  gatomicrefcount  ref_count;
  GPtrArray       *people;   /* LsSafeguardingPerson* */
};

static const struct {
  const char *id;
  const char *label;
} risks[] = {
  { "none", N_("None") },
  { "low", N_("Low") },
  { "medium", N_("Medium") },
  { "high", N_("High") },
};

const char *
ls_risk_to_string (LsRisk risk)
{
  return risk <= LS_RISK_HIGH ? risks[risk].id : "none";
}

const char *
ls_risk_label (LsRisk risk)
{
  return _(risk <= LS_RISK_HIGH ? risks[risk].label : risks[0].label);
}

LsRisk
ls_risk_from_string (const char *str)
{
  for (guint i = 0; i < G_N_ELEMENTS (risks); i++)
    if (g_strcmp0 (str, risks[i].id) == 0)
      return i;

  return LS_RISK_NONE;
}

/* Line facts */

LsLineFacts *
ls_line_facts_new (void)
{
  LsLineFacts *f = g_new0 (LsLineFacts, 1);

  f->deal_phones = g_hash_table_new (NULL, NULL);
  f->holders = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  f->holder_phones = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  f->runners = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  f->swaps = g_array_new (FALSE, TRUE, sizeof (LineSwap));

  return f;
}

void
ls_line_facts_free (LsLineFacts *f)
{
  if (f == NULL)
    return;

  g_hash_table_unref (f->deal_phones);
  g_hash_table_unref (f->holders);
  g_hash_table_unref (f->holder_phones);
  g_hash_table_unref (f->runners);
  for (guint i = 0; i < f->swaps->len; i++)
    g_free (g_array_index (f->swaps, LineSwap, i).reason);
  g_array_unref (f->swaps);
  g_free (f);
}

void
ls_line_facts_add_deal_phone (LsLineFacts *f,
                              gint64       phone_id)
{
  g_hash_table_add (f->deal_phones, ID_KEY (phone_id));
}

void
ls_line_facts_add_holder (LsLineFacts *f,
                          gint64       person_id,
                          const char  *role)
{
  g_hash_table_insert (f->holders, ID_KEY (person_id), g_strdup (role ? role : "line holder"));
}

void
ls_line_facts_add_holder_phone (LsLineFacts *f,
                                gint64       phone_id,
                                const char  *role)
{
  g_hash_table_insert (f->holder_phones, ID_KEY (phone_id), g_strdup (role ? role : "line holder"));
}

void
ls_line_facts_add_runner (LsLineFacts *f,
                          gint64       person_id,
                          const char  *reason)
{
  g_hash_table_insert (f->runners, ID_KEY (person_id), g_strdup (reason));
}

void
ls_line_facts_add_swap (LsLineFacts *f,
                        gint64       phone_id,
                        gint64       when,
                        const char  *reason)
{
  LineSwap s = { phone_id, when, g_strdup (reason) };

  g_array_append_val (f->swaps, s);
}

/* Helpers shared with the indicators */

int
sg_age_at (const char *dob,
           gint64      when)
{
  LsGraphNode node = { .dob = (char *) dob };

  return ls_graph_node_age_at (&node, when);
}

double
sg_distance_km (double lat1,
                double lon1,
                double lat2,
                double lon2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double a = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);

  return 6371.0 * 2 * atan2 (sqrt (a), sqrt (1 - a));
}

char *
sg_format_date (gint64 when)
{
  return when < 0 ? g_strdup ("—") : ls_time_format_local (when, "%d/%m/%Y");
}

LsIndicator *
sg_indicator_new (const char *code,
                  gboolean    strong,
                  char       *text)
{
  LsIndicator *ind = g_new0 (LsIndicator, 1);

  ind->code = code;
  ind->strong = strong;
  ind->text = text;
  ind->first = -1;
  ind->last = -1;
  ind->evidence = g_array_new (FALSE, TRUE, sizeof (LsIndicatorEvidence));

  return ind;
}

void
sg_indicator_free (gpointer data)
{
  LsIndicator *ind = data;

  for (guint i = 0; i < ind->evidence->len; i++)
    {
      LsIndicatorEvidence *e = &g_array_index (ind->evidence, LsIndicatorEvidence, i);
      g_free (e->source);
      g_free (e->note);
    }
  g_array_unref (ind->evidence);
  g_free (ind->text);
  g_free (ind);
}

void
sg_add_evidence (Subject     *s,
                 LsIndicator *ind,
                 const char  *table,
                 gint64       id,
                 gint64       when,
                 gint64       import_id,
                 gint64       line,
                 const char  *note)
{
  LsIndicatorEvidence e = { table, id, when, NULL, NULL };
  const char *file = import_id > 0 ? g_hash_table_lookup (s->ctx->imports, ID_KEY (import_id)) : NULL;

  if (when >= 0)
    {
      if (ind->first < 0 || when < ind->first)
        ind->first = when;
      if (when > ind->last)
        ind->last = when;
    }
  ind->n_evidence_total++;
  if (ind->evidence->len >= LS_SAFEGUARDING_MAX_EVIDENCE)
    return;

  if (file != NULL)
    e.source = line > 0 ? g_strdup_printf ("%s:%" G_GINT64_FORMAT, file, line) : g_strdup (file);
  e.note = g_strdup (note);
  g_array_append_val (ind->evidence, e);
}

void
sg_add_call_evidence (Subject       *s,
                      LsIndicator   *ind,
                      const CallRow *c,
                      const char    *note)
{
  sg_add_evidence (s, ind, "call", c->id, c->start, c->import_id, c->line, note);
}

void
sg_add_event_evidence (Subject        *s,
                       LsIndicator    *ind,
                       const EventRow *e)
{
  g_autofree char *note = g_strjoin (": ", e->kind, e->text ? e->text : e->place, NULL);

  sg_add_evidence (s, ind, "event", e->id, e->start, e->import_id, e->line, note);
}

gint64
sg_other_party (Subject       *s,
                const CallRow *c)
{
  gboolean from_me = c->caller >= 0 && g_hash_table_contains (s->own_phones, ID_KEY (c->caller));

  return from_me ? c->callee : c->caller;
}

/* The person's name, else the number. */
const char *
sg_person_label (Ctx    *ctx,
                 gint64  phone_id)
{
  gpointer owner;

  if (g_hash_table_lookup_extended (ctx->phone_owner, ID_KEY (phone_id), NULL, &owner))
    {
      PersonRow *p = g_hash_table_lookup (ctx->people, owner);
      if (p != NULL)
        return p->name;
    }

  return g_hash_table_lookup (ctx->phone_numbers, ID_KEY (phone_id));
}

/* Loading */

static void
person_row_free (gpointer data)
{
  PersonRow *p = data;

  g_free (p->name);
  g_free (p->dob);
  g_free (p->address);
  g_array_unref (p->phones);
  g_free (p);
}

static void
cell_row_free (gpointer data)
{
  CellRow *c = data;

  g_free (c->name);
  g_free (c);
}

static void
event_row_clear (gpointer data)
{
  EventRow *e = data;

  g_free (e->kind);
  g_free (e->place);
  g_free (e->text);
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the case for safeguarding");
      return NULL;
    }

  return stmt;
}

static gint64
col_id (sqlite3_stmt *stmt,
        int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, col);
}

static gboolean
load_tables (Ctx     *ctx,
             GError **error)
{
  g_autoptr(sqlite3_stmt) imp = prepare (ctx->db, "SELECT id, file_name FROM imports", error);
  g_autoptr(sqlite3_stmt) cel = NULL;
  g_autoptr(sqlite3_stmt) ppl = NULL;
  g_autoptr(sqlite3_stmt) pho = NULL;

  if (imp == NULL)
    return FALSE;
  while (sqlite3_step (imp) == SQLITE_ROW)
    g_hash_table_insert (ctx->imports, ID_KEY (sqlite3_column_int64 (imp, 0)),
                         g_strdup ((const char *) sqlite3_column_text (imp, 1)));

  cel = prepare (ctx->db, "SELECT id, name, lat, lon, import_id, source_line, cell_ref FROM cells", error);
  if (cel == NULL)
    return FALSE;
  while (sqlite3_step (cel) == SQLITE_ROW)
    {
      CellRow *c = g_new0 (CellRow, 1);

      c->id = sqlite3_column_int64 (cel, 0);
      c->name = g_strdup ((const char *) (sqlite3_column_text (cel, 1) ?: sqlite3_column_text (cel, 6)));
      c->has_location = sqlite3_column_type (cel, 2) != SQLITE_NULL && sqlite3_column_type (cel, 3) != SQLITE_NULL;
      c->lat = sqlite3_column_double (cel, 2);
      c->lon = sqlite3_column_double (cel, 3);
      c->import_id = col_id (cel, 4);
      c->line = col_id (cel, 5);
      g_hash_table_insert (ctx->cells, ID_KEY (c->id), c);
    }

  ppl = prepare (ctx->db, "SELECT id, name, dob, address, lat, lon, vulnerable FROM people", error);
  if (ppl == NULL)
    return FALSE;
  while (sqlite3_step (ppl) == SQLITE_ROW)
    {
      PersonRow *p = g_new0 (PersonRow, 1);

      p->id = sqlite3_column_int64 (ppl, 0);
      p->name = g_strdup ((const char *) sqlite3_column_text (ppl, 1));
      p->dob = g_strdup ((const char *) sqlite3_column_text (ppl, 2));
      p->address = g_strdup ((const char *) sqlite3_column_text (ppl, 3));
      p->has_home = sqlite3_column_type (ppl, 4) != SQLITE_NULL && sqlite3_column_type (ppl, 5) != SQLITE_NULL;
      p->lat = sqlite3_column_double (ppl, 4);
      p->lon = sqlite3_column_double (ppl, 5);
      p->vulnerable = sqlite3_column_int (ppl, 6) != 0;
      p->phones = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (ctx->people, ID_KEY (p->id), p);
    }

  pho = prepare (ctx->db, "SELECT id, number, person_id FROM phones", error);
  if (pho == NULL)
    return FALSE;
  while (sqlite3_step (pho) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (pho, 0), owner = col_id (pho, 2);
      PersonRow *p = owner >= 0 ? g_hash_table_lookup (ctx->people, ID_KEY (owner)) : NULL;

      g_hash_table_insert (ctx->phone_numbers, ID_KEY (id), g_strdup ((const char *) sqlite3_column_text (pho, 1)));
      if (p != NULL)
        {
          g_array_append_val (p->phones, id);
          g_hash_table_insert (ctx->phone_owner, ID_KEY (id), ID_KEY (owner));
        }
    }

  return TRUE;
}

static void
read_call (sqlite3_stmt *stmt,
           CallRow      *c)
{
  c->id = sqlite3_column_int64 (stmt, 0);
  c->start = sqlite3_column_int64 (stmt, 1);
  c->caller = col_id (stmt, 2);
  c->callee = col_id (stmt, 3);
  c->kind = sqlite3_column_int (stmt, 4);
  c->cell = col_id (stmt, 5);
  c->import_id = col_id (stmt, 6);
  c->line = col_id (stmt, 7);
}

#define CALL_COLUMNS "id, start, caller_id, callee_id, kind, cell_id, import_id, source_line"

/* Calls to or from one phone, appended to OUT (each call once via SEEN). */
static gboolean
load_calls_of_phone (Ctx         *ctx,
                     gint64       phone,
                     GArray      *out,
                     GHashTable  *seen,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    prepare (ctx->db, "SELECT " CALL_COLUMNS " FROM calls WHERE caller_id = ?1 UNION ALL "
             "SELECT " CALL_COLUMNS " FROM calls WHERE callee_id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, phone);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CallRow c;

      read_call (stmt, &c);
      if (seen != NULL && !g_hash_table_add (seen, ID_KEY (c.id)))
        continue;
      g_array_append_val (out, c);
    }

  return TRUE;
}

static gint
call_compare (gconstpointer a,
              gconstpointer b)
{
  const CallRow *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->id > y->id) - (x->id < y->id);
}

/* Where each of the line's phones normally is: its user's home when known,
 * else the cell it used most. Cuckooing counts only phones away from it. */
static void
find_bases (Ctx *ctx)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; i < ctx->line_presence->len; i++)
    {
      const CallRow *c = &g_array_index (ctx->line_presence, CallRow, i);
      GHashTable *cells = g_hash_table_lookup (counts, ID_KEY (c->caller));

      if (cells == NULL)
        {
          cells = g_hash_table_new (NULL, NULL);
          g_hash_table_insert (counts, ID_KEY (c->caller), cells);
        }
      g_hash_table_insert (cells, ID_KEY (c->cell),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (cells, ID_KEY (c->cell))) + 1));
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gpointer owner;
      PersonRow *p = g_hash_table_lookup_extended (ctx->phone_owner, key, NULL, &owner)
                     ? g_hash_table_lookup (ctx->people, owner) : NULL;
      Base *base = g_new0 (Base, 1);

      if (p != NULL && p->has_home)
        {
          base->lat = p->lat;
          base->lon = p->lon;
        }
      else
        {
          GHashTableIter cells;
          gpointer cell, n;
          guint best = 0;
          const CellRow *where = NULL;

          g_hash_table_iter_init (&cells, value);
          while (g_hash_table_iter_next (&cells, &cell, &n))
            {
              const CellRow *row = g_hash_table_lookup (ctx->cells, cell);
              if (row != NULL && row->has_location && GPOINTER_TO_UINT (n) > best)
                {
                  best = GPOINTER_TO_UINT (n);
                  where = row;
                }
            }
          if (where == NULL)
            {
              g_free (base);
              continue;
            }
          base->lat = where->lat;
          base->lon = where->lon;
        }
      g_hash_table_insert (ctx->phone_base, key, base);
    }
}

gboolean
sg_is_line_member_phone (Ctx    *ctx,
                         gint64  phone,
                         gint64  when,
                         gint64 *person_id)
{
  gpointer who;

  *person_id = -1;
  if (phone < 0)
    return FALSE;
  if (g_hash_table_contains (ctx->facts->deal_phones, ID_KEY (phone)))
    return TRUE;
  if (g_hash_table_lookup_extended (ctx->holder_phones, ID_KEY (phone), NULL, &who))
    {
      *person_id = KEY_ID (who);
      return TRUE;
    }
  if (g_hash_table_lookup_extended (ctx->runner_phones, ID_KEY (phone), NULL, &who))
    {
      PersonRow *p = g_hash_table_lookup (ctx->people, who);
      int age = p ? sg_age_at (p->dob, when) : -1;

      /* Another child made to run drugs is not the one exploiting them. */
      if (age >= 18)
        {
          *person_id = KEY_ID (who);
          return TRUE;
        }
    }

  return FALSE;
}

/* The phones of the line, who holds them, the deal lines' other contacts
 * (customers), and where the line's phones have been. */
static gboolean
load_line (Ctx     *ctx,
           GError **error)
{
  const LsLineFacts *f = ctx->facts;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) deal_calls = g_array_new (FALSE, FALSE, sizeof (CallRow));

  g_hash_table_iter_init (&iter, f->deal_phones);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (ctx->line_phones, key);
  g_hash_table_iter_init (&iter, f->holder_phones);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_hash_table_add (ctx->line_phones, key);
      g_hash_table_insert (ctx->holder_phones, key, ID_KEY (-1));
    }
  g_hash_table_iter_init (&iter, f->holders);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PersonRow *p = g_hash_table_lookup (ctx->people, key);

      for (guint i = 0; p != NULL && i < p->phones->len; i++)
        {
          gint64 ph = g_array_index (p->phones, gint64, i);
          g_hash_table_add (ctx->line_phones, ID_KEY (ph));
          g_hash_table_insert (ctx->holder_phones, ID_KEY (ph), key);
        }
    }
  g_hash_table_iter_init (&iter, f->runners);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PersonRow *p = g_hash_table_lookup (ctx->people, key);

      for (guint i = 0; p != NULL && i < p->phones->len; i++)
        {
          gint64 ph = g_array_index (p->phones, gint64, i);
          g_hash_table_add (ctx->line_phones, ID_KEY (ph));
          g_hash_table_insert (ctx->runner_phones, ID_KEY (ph), key);
        }
    }

  g_hash_table_iter_init (&iter, f->deal_phones);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!load_calls_of_phone (ctx, KEY_ID (key), deal_calls, seen, error))
      return FALSE;
  for (guint i = 0; i < deal_calls->len; i++)
    {
      const CallRow *c = &g_array_index (deal_calls, CallRow, i);
      gint64 other = g_hash_table_contains (f->deal_phones, ID_KEY (c->caller)) ? c->callee : c->caller;

      if (other >= 0 && !g_hash_table_contains (ctx->line_phones, ID_KEY (other)))
        g_hash_table_add (ctx->customers, ID_KEY (other));
    }

  /* Where the line's phones were: the calls they made with a known cell. */
  g_hash_table_iter_init (&iter, ctx->line_phones);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(sqlite3_stmt) stmt =
        prepare (ctx->db, "SELECT " CALL_COLUMNS " FROM calls WHERE caller_id = ? AND cell_id IS NOT NULL", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, KEY_ID (key));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          CallRow c;
          read_call (stmt, &c);
          g_array_append_val (ctx->line_presence, c);
        }
    }
  g_array_sort (ctx->line_presence, call_compare);
  find_bases (ctx);

  return TRUE;
}

static gboolean
load_subject (Subject  *s,
              GError  **error)
{
  Ctx *ctx = s->ctx;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autoptr(sqlite3_stmt) ev = NULL;

  for (guint i = 0; i < s->p->phones->len; i++)
    {
      gint64 ph = g_array_index (s->p->phones, gint64, i);

      g_hash_table_add (s->own_phones, ID_KEY (ph));
      if (!load_calls_of_phone (ctx, ph, s->calls, seen, error))
        return FALSE;
    }
  g_array_sort (s->calls, call_compare);

  ev = prepare (ctx->db, "SELECT id, start, end, kind, place, lat, lon, text, import_id, source_line"
                " FROM events WHERE person_id = ? ORDER BY start, id", error);
  if (ev == NULL)
    return FALSE;
  sqlite3_bind_int64 (ev, 1, s->p->id);
  while (sqlite3_step (ev) == SQLITE_ROW)
    {
      EventRow e = { 0 };

      e.id = sqlite3_column_int64 (ev, 0);
      e.start = sqlite3_column_int64 (ev, 1);
      e.end = col_id (ev, 2);
      e.kind = g_strdup ((const char *) sqlite3_column_text (ev, 3));
      e.place = g_strdup ((const char *) sqlite3_column_text (ev, 4));
      e.has_location = sqlite3_column_type (ev, 5) != SQLITE_NULL && sqlite3_column_type (ev, 6) != SQLITE_NULL;
      e.lat = sqlite3_column_double (ev, 5);
      e.lon = sqlite3_column_double (ev, 6);
      e.text = g_strdup ((const char *) sqlite3_column_text (ev, 7));
      e.import_id = col_id (ev, 8);
      e.line = col_id (ev, 9);
      g_array_append_val (s->events, e);
    }

  return TRUE;
}

/* Person assembly */

static void
person_free (gpointer data)
{
  LsSafeguardingPerson *p = data;

  g_free (p->key);
  g_free (p->name);
  g_free (p->dob);
  g_free (p->address);
  g_free (p->area);
  g_ptr_array_unref (p->indicators);
  g_ptr_array_unref (p->contacts);
  g_ptr_array_unref (p->places);
  ls_referral_clear (&p->referral);
  g_free (p);
}

/* "12 Flint Road, Gorleston, Great Yarmouth NR31 6AB" → "Great Yarmouth":
 * the last part of the address with any postcode taken off. */
static char *
area_of_address (const char *address)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GRegex) postcode = NULL;
  guint n;

  if (address == NULL || *address == '\0')
    return NULL;
  parts = g_strsplit (address, ",", -1);
  n = g_strv_length (parts);
  postcode = g_regex_new ("\\s*[A-Z]{1,2}[0-9][0-9A-Z]?(\\s*[0-9][A-Z]{2})?\\s*$", G_REGEX_CASELESS, 0, NULL);
  for (int i = (int) n - 1; i >= 0; i--)
    {
      g_autofree char *town = g_regex_replace (postcode, parts[i], -1, 0, "", 0, NULL);

      g_strstrip (town);
      if (*town != '\0')
        return g_steal_pointer (&town);
    }

  return NULL;
}

static gboolean
is_anchor (const LsIndicator *ind)
{
  return g_str_equal (ind->code, "child-in-contact-with-line") ||
         g_str_equal (ind->code, "child-runner-pattern") ||
         g_str_equal (ind->code, "vulnerable-adult-in-contact-with-line") ||
         g_str_equal (ind->code, "cuckooing");
}

/* The documented rules (docs/SAFEGUARDING.md, "Risk levels"). */
static LsRisk
risk_of (GPtrArray *indicators)
{
  guint n = indicators->len, strong = 0;
  gboolean anchor = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const LsIndicator *ind = g_ptr_array_index (indicators, i);
      anchor |= is_anchor (ind);
      strong += ind->strong;
    }

  if (n == 0)
    return LS_RISK_NONE;
  if (anchor)
    return n >= 2 ? LS_RISK_HIGH : LS_RISK_MEDIUM;
  if (strong >= 3)
    return LS_RISK_HIGH;
  if (strong >= 1 && n >= 2)
    return LS_RISK_MEDIUM;

  return LS_RISK_LOW;
}

static gint
indicator_compare (gconstpointer a,
                   gconstpointer b)
{
  const LsIndicator *x = *(LsIndicator **) a, *y = *(LsIndicator **) b;
  int rank_x = is_anchor (x) * 2 + x->strong, rank_y = is_anchor (y) * 2 + y->strong;

  if (rank_x != rank_y)
    return rank_y - rank_x;

  return (x->first > y->first) - (x->first < y->first);
}

static gint64
latest_activity (Subject *s)
{
  gint64 latest = -1;

  if (s->calls->len > 0)
    latest = g_array_index (s->calls, CallRow, s->calls->len - 1).start;
  for (guint i = 0; i < s->events->len; i++)
    latest = MAX (latest, g_array_index (s->events, EventRow, i).start);

  return latest;
}

static LsSafeguardingPerson *
person_from_subject (Subject *s)
{
  LsSafeguardingPerson *p = g_new0 (LsSafeguardingPerson, 1);

  p->key = g_strdup_printf ("person:%" G_GINT64_FORMAT, s->p->id);
  p->name = g_strdup (s->p->name);
  p->dob = g_strdup (s->p->dob);
  p->address = g_strdup (s->p->address);
  p->area = area_of_address (s->p->address);
  p->has_home = s->p->has_home;
  p->home_lat = s->p->lat;
  p->home_lon = s->p->lon;
  p->latest_activity = latest_activity (s);
  p->age = p->latest_activity >= 0 ? sg_age_at (s->p->dob, p->latest_activity) : -1;
  p->indicators = g_steal_pointer (&s->indicators);
  g_ptr_array_sort (p->indicators, indicator_compare);
  p->risk = risk_of (p->indicators);
  p->contacts = g_ptr_array_new_with_free_func (g_free);
  p->places = g_ptr_array_new_with_free_func (g_free);

  return p;
}

/* Under 18 on the date of any of the activity: the earliest is enough. */
static gboolean
subject_is_child (Subject *s)
{
  gint64 first = -1;
  int age;

  if (s->calls->len > 0)
    first = g_array_index (s->calls, CallRow, 0).start;
  if (s->events->len > 0)
    {
      gint64 e = g_array_index (s->events, EventRow, 0).start;
      first = first < 0 ? e : MIN (first, e);
    }
  if (first < 0)
    return FALSE;
  age = sg_age_at (s->p->dob, first);

  return age >= 0 && age < 18;
}

/* ls-safeguarding-indicators.c decides; this keeps people with any indicator
 * who are children, flagged vulnerable, or whose home shows cuckooing;
 * never adults who hold or head the line unless flagged vulnerable. */
static gboolean
keep_person (Ctx                  *ctx,
             Subject              *s,
             LsSafeguardingPerson *p)
{
  gboolean cuckooed = ls_safeguarding_person_find_indicator (p, "cuckooing") != NULL ||
                      ls_safeguarding_person_find_indicator (p, "possible-cuckooing") != NULL;
  gboolean holder = g_hash_table_contains (ctx->facts->holders, ID_KEY (s->p->id));

  if (p->indicators->len == 0)
    return FALSE;
  if (subject_is_child (s) || s->p->vulnerable)
    return TRUE;

  return cuckooed && !holder;
}

static void
subject_clear (Subject *s)
{
  g_clear_pointer (&s->calls, g_array_unref);
  g_clear_pointer (&s->events, g_array_unref);
  g_clear_pointer (&s->own_phones, g_hash_table_unref);
  g_clear_pointer (&s->indicators, g_ptr_array_unref);
}

static gint
person_compare (gconstpointer a,
                gconstpointer b)
{
  const LsSafeguardingPerson *x = *(LsSafeguardingPerson **) a, *y = *(LsSafeguardingPerson **) b;

  if (x->risk != y->risk)
    return (int) y->risk - (int) x->risk;
  if (x->risk_rose != y->risk_rose)
    return y->risk_rose - x->risk_rose;

  return g_utf8_collate (x->name, y->name);
}

static gboolean
assess_everyone (Ctx             *ctx,
                 LsSafeguarding  *self,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_autoptr(GList) ids = g_hash_table_get_keys (ctx->people);

  for (GList *l = ids; l != NULL; l = l->next)
    {
      Subject s = { ctx, g_hash_table_lookup (ctx->people, l->data) };
      LsSafeguardingPerson *p;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      s.calls = g_array_new (FALSE, FALSE, sizeof (CallRow));
      s.events = g_array_new (FALSE, FALSE, sizeof (EventRow));
      g_array_set_clear_func (s.events, event_row_clear);
      s.own_phones = g_hash_table_new (NULL, NULL);
      s.indicators = g_ptr_array_new_with_free_func (sg_indicator_free);

      if (!load_subject (&s, error))
        {
          subject_clear (&s);
          return FALSE;
        }
      sg_assess (&s);
      p = person_from_subject (&s);
      if (keep_person (ctx, &s, p) &&
          ls_case_referral_read (ctx->db, s.p->id, &p->referral, error))
        {
          LsRisk reviewed = ls_risk_from_string (p->referral.reviewed_risk);

          p->child = subject_is_child (&s);
          p->vulnerable_adult = !p->child;
          p->risk_rose = p->referral.updated_at >= 0 && p->risk > reviewed;
          sg_describe (&s, p);
          g_ptr_array_add (self->people, p);
        }
      else
        {
          person_free (p);
        }
      subject_clear (&s);
      if (error != NULL && *error != NULL)
        return FALSE;
    }

  g_ptr_array_sort (self->people, person_compare);

  return TRUE;
}

static void
ctx_clear (Ctx *ctx)
{
  g_clear_pointer (&ctx->imports, g_hash_table_unref);
  g_clear_pointer (&ctx->cells, g_hash_table_unref);
  g_clear_pointer (&ctx->people, g_hash_table_unref);
  g_clear_pointer (&ctx->phone_owner, g_hash_table_unref);
  g_clear_pointer (&ctx->phone_numbers, g_hash_table_unref);
  g_clear_pointer (&ctx->line_phones, g_hash_table_unref);
  g_clear_pointer (&ctx->holder_phones, g_hash_table_unref);
  g_clear_pointer (&ctx->runner_phones, g_hash_table_unref);
  g_clear_pointer (&ctx->phone_base, g_hash_table_unref);
  g_clear_pointer (&ctx->customers, g_hash_table_unref);
  g_clear_pointer (&ctx->line_presence, g_array_unref);
}

LsSafeguarding *
ls_safeguarding_build (sqlite3                     *db,
                       const LsSafeguardingOptions *options,
                       const LsLineFacts           *facts,
                       GCancellable                *cancellable,
                       GError                     **error)
{
  static const LsSafeguardingOptions defaults = LS_SAFEGUARDING_OPTIONS_INIT;
  g_autoptr(LsLineFacts) own_facts = NULL;
  g_autoptr(LsSafeguarding) self = NULL;
  Ctx ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);

  if (facts == NULL)
    {
      own_facts = ls_line_facts_from_analysis (db, cancellable, error);
      if (own_facts == NULL)
        return NULL;
      facts = own_facts;
    }

  self = g_new0 (LsSafeguarding, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->people = g_ptr_array_new_with_free_func (person_free);

  ctx.db = db;
  ctx.opt = options ? options : &defaults;
  ctx.facts = facts;
  ctx.imports = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.cells = g_hash_table_new_full (NULL, NULL, NULL, cell_row_free);
  ctx.people = g_hash_table_new_full (NULL, NULL, NULL, person_row_free);
  ctx.phone_owner = g_hash_table_new (NULL, NULL);
  ctx.phone_numbers = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.line_phones = g_hash_table_new (NULL, NULL);
  ctx.holder_phones = g_hash_table_new (NULL, NULL);
  ctx.runner_phones = g_hash_table_new (NULL, NULL);
  ctx.phone_base = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  ctx.customers = g_hash_table_new (NULL, NULL);
  ctx.line_presence = g_array_new (FALSE, FALSE, sizeof (CallRow));

  ok = load_tables (&ctx, error) && load_line (&ctx, error) &&
       assess_everyone (&ctx, self, cancellable, error);
  ctx_clear (&ctx);

  return ok ? g_steal_pointer (&self) : NULL;
}

LsSafeguarding *
ls_safeguarding_ref (LsSafeguarding *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_safeguarding_unref (LsSafeguarding *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->people);
  g_free (self);
}

guint
ls_safeguarding_get_n_people (LsSafeguarding *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->people->len;
}

const LsSafeguardingPerson *
ls_safeguarding_get_person (LsSafeguarding *self,
                            guint           index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->people->len, NULL);

  return g_ptr_array_index (self->people, index);
}

const LsSafeguardingPerson *
ls_safeguarding_find (LsSafeguarding *self,
                      const char     *name_or_key)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->people->len; i++)
    {
      const LsSafeguardingPerson *p = g_ptr_array_index (self->people, i);

      if (g_strcmp0 (p->key, name_or_key) == 0 || g_ascii_strcasecmp (p->name, name_or_key) == 0)
        return p;
    }

  return NULL;
}

const LsIndicator *
ls_safeguarding_person_find_indicator (const LsSafeguardingPerson *person,
                                       const char                 *code)
{
  for (guint i = 0; i < person->indicators->len; i++)
    {
      const LsIndicator *ind = g_ptr_array_index (person->indicators, i);

      if (g_str_equal (ind->code, code))
        return ind;
    }

  return NULL;
}

static gboolean
parse_key (const char *key,
           const char *prefix,
           gint64     *id)
{
  if (key == NULL || !g_str_has_prefix (key, prefix))
    return FALSE;
  *id = g_ascii_strtoll (key + strlen (prefix), NULL, 10);

  return *id > 0;
}

static gint64
phone_of_number (sqlite3    *db,
                 const char *number)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT id FROM phones WHERE number = ?", -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

static void
facts_from_node (LsLineFacts          *f,
                 const LsAnalysisNode *node)
{
  gint64 id;
  const char *role = node->role == LS_ROLE_HEAD ? "head" : "line holder";

  switch (node->role)
    {
    case LS_ROLE_DEAL_LINE:
      if (parse_key (node->key, "phone:", &id))
        ls_line_facts_add_deal_phone (f, id);
      break;

    case LS_ROLE_HEAD:
    case LS_ROLE_LINE_HOLDER:
      if (parse_key (node->key, "person:", &id))
        ls_line_facts_add_holder (f, id, role);
      else if (parse_key (node->key, "phone:", &id))
        ls_line_facts_add_holder_phone (f, id, role);
      break;

    case LS_ROLE_RUNNER:
      if (parse_key (node->key, "person:", &id) && !g_hash_table_contains (f->runners, ID_KEY (id)))
        ls_line_facts_add_runner (f, id, _("the analysis matched their phone use to the pattern of "
                                           "someone made to carry and deliver drugs"));
      break;

    case LS_ROLE_NONE:
    case LS_ROLE_CUSTOMER:
    default:
      break;
    }
}

static void
facts_from_finding (LsLineFacts     *f,
                    sqlite3         *db,
                    const LsFinding *finding)
{
  if (g_strcmp0 (finding->type, LS_FINDING_DEAL_LINE) == 0)
    {
      for (guint i = 0; i < finding->numbers->len; i++)
        {
          gint64 id = phone_of_number (db, g_ptr_array_index (finding->numbers, i));
          if (id > 0)
            ls_line_facts_add_deal_phone (f, id);
        }
    }
  else if (g_strcmp0 (finding->type, LS_FINDING_ROLE) == 0 && g_strcmp0 (finding->role, "runner") == 0)
    {
      for (guint i = 0; i < finding->subjects->len; i++)
        {
          gint64 id;
          if (parse_key (g_ptr_array_index (finding->subjects, i), "person:", &id))
            ls_line_facts_add_runner (f, id, finding->reasons->len ? g_ptr_array_index (finding->reasons, 0)
                                                                   : finding->title);
        }
    }
  else if (g_strcmp0 (finding->type, LS_FINDING_HANDSET_SWAP) == 0)
    {
      gint64 when = finding->evidence->len ? g_array_index (finding->evidence, LsEvidence, 0).when : -1;

      for (guint i = 0; i < finding->numbers->len; i++)
        {
          gint64 id = phone_of_number (db, g_ptr_array_index (finding->numbers, i));
          if (id > 0)
            ls_line_facts_add_swap (f, id, when, finding->title);
        }
    }
}

/* What the analysis engine (ls-analysis.h) says about the line: the deal
 * lines, who holds and heads them, whose phone use matches a runner's
 * pattern, and handset swaps. The analysis' own detectors decide; this
 * only translates its findings. */
LsLineFacts *
ls_line_facts_from_analysis_result (sqlite3  *db,
                                    gpointer  result)
{
  LsAnalysis *analysis = result;
  LsLineFacts *f = ls_line_facts_new ();

  g_return_val_if_fail (analysis != NULL, f);

  for (guint i = 0; i < ls_analysis_get_n_findings (analysis); i++)
    facts_from_finding (f, db, ls_analysis_get_finding (analysis, i));
  for (guint i = 0; i < ls_analysis_get_n_nodes (analysis); i++)
    facts_from_node (f, ls_analysis_get_node (analysis, i));

  return f;
}

LsLineFacts *
ls_line_facts_from_analysis (sqlite3       *db,
                             GCancellable  *cancellable,
                             GError       **error)
{
  const LsAnalysisOptions options = LS_ANALYSIS_OPTIONS_INIT;
  g_autoptr(LsAnalysis) analysis = ls_analysis_run (db, &options, NULL, NULL, cancellable, error);

  return analysis ? ls_line_facts_from_analysis_result (db, analysis) : NULL;
}

LsLineFacts *
ls_line_facts_for_case (LsCase        *kase,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(LsAnalysis) analysis = ls_analysis_load (kase, NULL, NULL, NULL, NULL, cancellable, error);

  return analysis ? ls_line_facts_from_analysis_result (ls_case_get_db (kase), analysis) : NULL;
}
