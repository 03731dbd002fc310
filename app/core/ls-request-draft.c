/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drafts a data request's justification from the case. Providers need the
 * harm, not the names: children and adults at risk are called "Child A",
 * "Adult B" in the text, with their age, risk and the dated indicators. */
#define G_LOG_DOMAIN "ls-request-draft"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-analysis.h"
#include "ls-case.h"
#include "ls-request-draft.h"
#include "ls-safeguarding.h"
#include "ls-time.h"

#define MAX_INDICATORS 3
#define MAX_PEOPLE 4

void
ls_request_draft_free (LsRequestDraft *draft)
{
  if (draft == NULL)
    return;

  g_strfreev (draft->identifiers);
  g_free (draft->subject);
  g_free (draft->text);
  g_free (draft->urgent_reason);
  g_strfreev (draft->linked_people);
  g_free (draft);
}

/* An IMEI is 14–16 digits with no international prefix. */
static gboolean
is_imei (const char *id)
{
  gsize n = strlen (id);

  if (n < 14 || n > 16 || id[0] == '+' || id[0] == '0')
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (id[i]))
      return FALSE;

  return TRUE;
}

static void
collect_phones (sqlite3     *db,
                const char  *id,
                GArray      *phone_ids,
                GHashTable  *people)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql = is_imei (id)
    ? "SELECT p.id, p.person_id FROM handsets h JOIN phones p ON p.id = h.phone_id WHERE h.imei = ?"
    : "SELECT id, person_id FROM phones WHERE number = ?";

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 phone = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (phone_ids, phone);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_hash_table_add (people, g_strdup_printf ("person:%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 1)));
    }
}

/* People whose phones were in contact with PHONE in the range. */
static void
collect_contacts (sqlite3    *db,
                  gint64      phone,
                  gint64      from,
                  gint64      to,
                  GHashTable *people)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT DISTINCT p.person_id FROM calls c JOIN phones p"
                          " ON p.id = CASE WHEN c.caller_id = ?1 THEN c.callee_id ELSE c.caller_id END"
                          " WHERE (c.caller_id = ?1 OR c.callee_id = ?1) AND c.start >= ?2 AND c.start < ?3"
                          " AND p.person_id IS NOT NULL", -1, &stmt, NULL) != SQLITE_OK)
    return;
  sqlite3_bind_int64 (stmt, 1, phone);
  sqlite3_bind_int64 (stmt, 2, from >= 0 ? from : G_MININT64);
  sqlite3_bind_int64 (stmt, 3, to >= 0 ? to : G_MAXINT64);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (people, g_strdup_printf ("person:%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0)));
}

static char *
format_date (gint64 when)
{
  return when >= 0 ? ls_time_format_local (when, "%d/%m/%Y") : NULL;
}

/* Appends REASON without its closing full stop, so reasons join cleanly. */
static void
append_reason (GString    *text,
               const char *reason)
{
  gsize n = strlen (reason);

  while (n > 0 && reason[n - 1] == '.')
    n--;
  g_string_append_len (text, reason, n);
}

/* One sentence per person: the indicators' short titles with their dates,
 * so that a provider sees the harm without the detail of the case. */
static void
describe_person (GString                    *text,
                 const LsSafeguardingPerson *person,
                 const char                 *alias)
{
  guint n = MIN (person->indicators->len, MAX_INDICATORS);

  if (person->age >= 0)
    g_string_append_printf (text, _("%s, aged %d, at %s risk of criminal exploitation"),
                            alias, person->age, ls_risk_to_string (person->risk));
  else
    g_string_append_printf (text, _("%s, at %s risk of criminal exploitation"),
                            alias, ls_risk_to_string (person->risk));

  for (guint i = 0; i < n; i++)
    {
      const LsIndicator *ind = g_ptr_array_index (person->indicators, i);
      g_autofree char *first = format_date (ind->first);
      g_autofree char *last = format_date (ind->last);

      g_string_append (text, i == 0 ? ": " : "; ");
      g_string_append (text, ls_indicator_title (ind->code));
      if (first && last && g_strcmp0 (first, last) != 0)
        g_string_append_printf (text, " (%s–%s)", first, last);
      else if (first)
        g_string_append_printf (text, " (%s)", first);
    }
  if (person->indicators->len > n)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE, "; and %u further indicator",
                                         "; and %u further indicators", person->indicators->len - n),
                            person->indicators->len - n);
  g_string_append (text, ".");
}

static gboolean
finding_names_any (LsFinding *f,
                   GStrv      identifiers)
{
  for (guint k = 0; identifiers[k]; k++)
    if (g_ptr_array_find_with_equal_func (f->numbers, identifiers[k], g_str_equal, NULL))
      return TRUE;

  return FALSE;
}

/* Says what the analysis makes of the numbers: a deal line, or the phone
 * of someone who holds or heads the line. Returns whether they belong to
 * the line itself, so that everyone the line exploits is linked. */
static gboolean
describe_line (GString    *text,
               LsAnalysis *analysis,
               GStrv       identifiers)
{
  g_autoptr(GPtrArray) deal_lines = ls_analysis_list_findings (analysis, LS_FINDING_DEAL_LINE, NULL);
  g_autoptr(GPtrArray) roles = ls_analysis_list_findings (analysis, LS_FINDING_ROLE, NULL);

  for (guint i = 0; i < deal_lines->len; i++)
    {
      LsFinding *f = g_ptr_array_index (deal_lines, i);

      if (!finding_names_any (f, identifiers))
        continue;
      g_string_append_printf (text, _("The analysis of the case assesses this as a county lines deal "
                                      "line (confidence %.0f%%)"), f->confidence * 100);
      for (guint r = 0; r < MIN (f->reasons->len, 2); r++)
        {
          g_string_append (text, r == 0 ? ": " : "; ");
          append_reason (text, f->reasons->pdata[r]);
        }
      g_string_append (text, ".\n\n");
      return TRUE;
    }

  for (guint i = 0; i < roles->len; i++)
    {
      LsFinding *f = g_ptr_array_index (roles, i);

      if (f->child || !finding_names_any (f, identifiers) ||
          (g_strcmp0 (f->role, "line-holder") != 0 && g_strcmp0 (f->role, "head") != 0))
        continue;
      g_string_append_printf (text, _("The analysis of the case assesses the user of this number as "
                                      "holding or running the line (confidence %.0f%%)"),
                              f->confidence * 100);
      for (guint r = 0; r < MIN (f->reasons->len, 2); r++)
        {
          g_string_append (text, r == 0 ? ": " : "; ");
          append_reason (text, f->reasons->pdata[r]);
        }
      g_string_append (text, ".\n\n");
      return TRUE;
    }

  return FALSE;
}

/* Exploited by the line, as the safeguarding indicators found. */
static gboolean
exploited_by_line (const LsSafeguardingPerson *p)
{
  return ls_safeguarding_person_find_indicator (p, "child-in-contact-with-line") != NULL ||
         ls_safeguarding_person_find_indicator (p, "vulnerable-adult-in-contact-with-line") != NULL ||
         ls_safeguarding_person_find_indicator (p, "cuckooing") != NULL;
}

static int
compare_urgency (gconstpointer a,
                 gconstpointer b)
{
  const LsSafeguardingPerson *x = *(const LsSafeguardingPerson * const *) a;
  const LsSafeguardingPerson *y = *(const LsSafeguardingPerson * const *) b;

  if (x->child != y->child)
    return x->child ? -1 : 1;
  if (x->risk != y->risk)
    return x->risk > y->risk ? -1 : 1;
  if (x->age != y->age)
    return x->age < y->age ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

LsRequestDraft *
ls_request_draft (sqlite3             *db,
                  const char * const  *identifiers,
                  gint64               from,
                  gint64               to,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autoptr(LsRequestDraft) draft = g_new0 (LsRequestDraft, 1);
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) phone_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LsAnalysis) analysis = NULL;
  g_autoptr(LsSafeguarding) sg = NULL;
  g_autoptr(GPtrArray) linked = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) people_text = g_string_new (NULL);
  g_autoptr(GString) line_text = g_string_new (NULL);
  gboolean line_request;
  LsAnalysisOptions opts = LS_ANALYSIS_OPTIONS_INIT;
  const LsSafeguardingPerson *most_urgent = NULL;
  guint children = 0, adults = 0;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (identifiers != NULL && identifiers[0] != NULL, NULL);

  draft->identifiers = g_strdupv ((char **) identifiers);
  for (guint i = 0; identifiers[i]; i++)
    collect_phones (db, identifiers[i], phone_ids, people);
  for (guint i = 0; i < phone_ids->len; i++)
    collect_contacts (db, g_array_index (phone_ids, gint64, i), from, to, people);

  opts.from = from;
  opts.to = to;
  analysis = ls_analysis_run (db, &opts, NULL, NULL, cancellable, error);
  if (analysis == NULL)
    return NULL;
  sg = ls_safeguarding_build (db, NULL, NULL, cancellable, error);
  if (sg == NULL)
    return NULL;

  line_request = describe_line (line_text, analysis, draft->identifiers);

  for (guint i = 0; i < ls_safeguarding_get_n_people (sg); i++)
    {
      const LsSafeguardingPerson *p = ls_safeguarding_get_person (sg, i);

      if (!g_hash_table_contains (people, p->key) && !(line_request && exploited_by_line (p)))
        continue;
      g_ptr_array_add (linked, (gpointer) p);
    }

  /* Children first, highest risk first, youngest first: the first is the
   * one the urgency is about, and "Child A" in the text. */
  g_ptr_array_sort (linked, compare_urgency);
  if (linked->len > 0 && ((const LsSafeguardingPerson *) linked->pdata[0])->child)
    most_urgent = linked->pdata[0];

  /* A handful is enough to make the case. */
  for (guint i = 0; i < linked->len; i++)
    {
      const LsSafeguardingPerson *p = g_ptr_array_index (linked, i);
      g_autofree char *alias = NULL;

      g_ptr_array_add (names, p->name);
      if (i >= MAX_PEOPLE)
        continue;
      if (p->child)
        alias = g_strdup_printf (_("Child %c"), 'A' + (children++ % 26));
      else
        alias = g_strdup_printf (_("Adult %c"), 'A' + (adults++ % 26));
      describe_person (people_text, p, alias);
      g_string_append (people_text, "\n");
    }
  if (linked->len > MAX_PEOPLE)
    g_string_append_printf (people_text,
                            g_dngettext (GETTEXT_PACKAGE, "And %u more person at risk.\n",
                                         "And %u more people at risk.\n", linked->len - MAX_PEOPLE),
                            linked->len - MAX_PEOPLE);
  if (linked->len > 0)
    g_string_append (people_text, "\n");

  draft->urgent = most_urgent != NULL && most_urgent->risk == LS_RISK_HIGH;
  if (draft->urgent)
    {
      draft->urgent_reason = most_urgent->age >= 0
        ? g_strdup_printf (_("The identifiers are linked to a child aged %d at high risk of criminal "
                             "exploitation."), most_urgent->age)
        : g_strdup (_("The identifiers are linked to a child at high risk of criminal exploitation."));
      g_string_append_printf (text, _("This request is urgent. %s A delay leaves the child exposed "
                                      "to continuing harm.\n\n"), draft->urgent_reason);
    }

  g_string_append (text, line_text->str);
  if (linked->len > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "The data is sought to protect %u person who is being "
                                         "exploited by a county lines drug supply operation:\n",
                                         "The data is sought to protect %u people who are being "
                                         "exploited by a county lines drug supply operation:\n",
                                         linked->len),
                            linked->len);
  g_string_append (text, people_text->str);
  if (linked->len > 0)
    g_string_append (text, _("The data requested would show who controls the line and where the "
                             "phones were when the people described above were moved, so that they "
                             "can be found and safeguarded, and the line disrupted."));
  else
    g_string_append (text, _("The data requested would show who uses these identifiers, who they "
                             "are in contact with and where, so that anyone exploited through them "
                             "can be found and safeguarded."));

  draft->text = g_string_free (g_steal_pointer (&text), FALSE);
  {
    g_autofree char *joined = g_strjoinv (", ", draft->identifiers);
    draft->subject = g_strdup (joined);
  }
  g_ptr_array_add (names, NULL);
  draft->linked_people = g_strdupv ((char **) names->pdata);

  return g_steal_pointer (&draft);
}
