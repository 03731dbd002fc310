/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRedactor: a list of (secret, replacement) pairs, longest secret first,
 * so "Tyrese Okafor" is replaced whole before "Okafor" alone. Numbers are
 * listed in the forms people write them (+44…, 07…, with spaces). */
#define _GNU_SOURCE   /* strcasestr */
#define G_LOG_DOMAIN "ls-redactor"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-case.h"
#include "ls-redact.h"
#include "ls-redactor.h"

typedef struct {
  char     *secret;
  char     *replacement;
  gboolean  part;        /* a first name or surname alone */
} Pair;

struct _LsRedactor
{
  LsRedaction  mode;
  GArray      *pairs;      /* Pair, longest secret first */
  GHashTable  *keep;       /* people.id kept by name */
  GPtrArray   *kept;       /* their names: protected from the pairs */
  gboolean     whole_names;/* skip the parts of names */
};

static void
pair_clear (gpointer data)
{
  Pair *p = data;

  g_free (p->secret);
  g_free (p->replacement);
}

static void
add_pair_full (LsRedactor *self,
               const char *secret,
               const char *replacement,
               gboolean    part)
{
  Pair p;

  /* Short fragments would blank out ordinary words. */
  if (secret == NULL || g_utf8_strlen (secret, -1) < 3)
    return;
  p.secret = g_strdup (secret);
  p.replacement = g_strdup (replacement);
  p.part = part;
  g_array_append_val (self->pairs, p);
}

static void
add_pair (LsRedactor *self,
          const char *secret,
          const char *replacement)
{
  add_pair_full (self, secret, replacement, FALSE);
}

/* The same pseudonyms and masks as the views draw (ls-redact.c), so a
 * person is "Person 12" in the text and on the map alike. */
static char *
pseudonym (gint64 person_id)
{
  g_autofree char *key = g_strdup_printf ("person:%" G_GINT64_FORMAT, person_id);

  return ls_redact_pseudonym (key);
}

static char *
mask_number (const char *number)
{
  return ls_redact_number (number);
}

static void
add_number (LsRedactor *self,
            const char *number)
{
  g_autofree char *masked = mask_number (number);

  add_pair (self, number, masked);
  /* UK numbers as written at home: 07700900123 and 07700 900123. */
  if (g_str_has_prefix (number, "+44") && strlen (number) == 13)
    {
      g_autofree char *national = g_strconcat ("0", number + 3, NULL);
      g_autofree char *spaced = g_strdup_printf ("%.5s %s", national, national + 5);

      add_pair (self, national, masked);
      add_pair (self, spaced, masked);
      add_pair (self, number + 1, masked);   /* 447700900123 */
    }
}

static void
add_person (LsRedactor *self,
            gint64      id,
            const char *name,
            const char *aliases)
{
  g_autofree char *alias = pseudonym (id);
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) other_names = NULL;

  add_pair (self, name, alias);
  /* Surnames and first names alone, as reasons and notes use them. */
  parts = g_strsplit (name, " ", -1);
  for (guint i = 0; parts[1] && parts[i]; i++)
    add_pair_full (self, parts[i], alias, TRUE);

  if (aliases)
    {
      other_names = g_strsplit_set (aliases, ",;/", -1);
      for (guint i = 0; other_names[i]; i++)
        add_pair (self, g_strstrip (other_names[i]), alias);
    }
}

static int
compare_length (gconstpointer a,
                gconstpointer b)
{
  const Pair *x = a, *y = b;
  gsize lx = strlen (x->secret), ly = strlen (y->secret);

  return lx == ly ? strcmp (x->secret, y->secret) : (lx > ly ? -1 : 1);
}

LsRedactor *
ls_redactor_new (sqlite3      *db,
                 LsRedaction   mode,
                 GHashTable   *keep,
                 GError      **error)
{
  g_autoptr(LsRedactor) self = g_new0 (LsRedactor, 1);
  g_autoptr(sqlite3_stmt) people = NULL;
  g_autoptr(sqlite3_stmt) phones = NULL;

  self->mode = mode;
  self->pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_array_set_clear_func (self->pairs, pair_clear);
  self->keep = keep ? g_hash_table_ref (keep) : g_hash_table_new (g_int64_hash, g_int64_equal);
  self->kept = g_ptr_array_new_with_free_func (g_free);
  if (mode == LS_REDACTION_NONE)
    return g_steal_pointer (&self);

  if (sqlite3_prepare_v2 (db, "SELECT id, name, aliases, address, notes FROM people", -1, &people, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, "SELECT number, notes FROM phones", -1, &phones, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the case to redact it");
      return NULL;
    }

  while (sqlite3_step (people) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (people, 0);
      gboolean kept = mode == LS_REDACTION_PARTNER && g_hash_table_contains (self->keep, &id);

      if (!kept)
        add_person (self, id, (const char *) sqlite3_column_text (people, 1),
                    (const char *) sqlite3_column_text (people, 2));
      else if (sqlite3_column_text (people, 1) != NULL)
        g_ptr_array_add (self->kept, g_strdup ((const char *) sqlite3_column_text (people, 1)));
      /* Addresses and notes go, whoever they belong to. */
      add_pair (self, (const char *) sqlite3_column_text (people, 3), _("[address removed]"));
      add_pair (self, (const char *) sqlite3_column_text (people, 4), _("[notes removed]"));
    }
  while (sqlite3_step (phones) == SQLITE_ROW)
    {
      add_number (self, (const char *) sqlite3_column_text (phones, 0));
      add_pair (self, (const char *) sqlite3_column_text (phones, 1), _("[notes removed]"));
    }

  g_array_sort (self->pairs, compare_length);
  return g_steal_pointer (&self);
}

void
ls_redactor_free (LsRedactor *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->pairs);
  g_hash_table_unref (self->keep);
  g_ptr_array_unref (self->kept);
  g_free (self);
}

void
ls_redactor_set_whole_names (LsRedactor *self,
                             gboolean    whole_names)
{
  self->whole_names = whole_names;
}

LsRedaction
ls_redactor_get_mode (LsRedactor *self)
{
  return self->mode;
}

/* A secret counts only as a whole word: "Mark" is a name, "marking" is
 * not; "900123" inside a longer number is not that number. */
static gboolean
is_word_char (const char *text,
              const char *at)
{
  gunichar c;

  if (at < text || *at == '\0')
    return FALSE;
  c = g_utf8_get_char_validated (at, -1);
  return c != (gunichar) -1 && c != (gunichar) -2 && g_unichar_isalnum (c);
}

static const char *
find_word (const char *text,
           const char *from,
           const char *secret,
           gsize       len)
{
  const char *hit;

  for (const char *p = from; (hit = strcasestr (p, secret)) != NULL; p = hit + 1)
    {
      const char *before = g_utf8_find_prev_char (text, hit);

      if ((before == NULL || !is_word_char (text, before)) && !is_word_char (text, hit + len))
        return hit;
    }

  return NULL;
}

/* Replaces every whole-word occurrence of SECRET, ignoring ASCII case
 * (names are written in capitals in some exports); NULL when none. */
static char *
replace_all (const char *text,
             const char *secret,
             const char *replacement)
{
  gsize len = strlen (secret);
  g_autoptr(GString) out = NULL;
  const char *p = text;
  const char *hit;

  if (find_word (text, text, secret, len) == NULL)
    return NULL;

  out = g_string_new (NULL);
  while ((hit = find_word (text, p, secret, len)) != NULL)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append (out, replacement);
      p = hit + len;
    }
  g_string_append (out, p);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Each whole-word NAME in TEXT becomes one private-use character, its
 * original spelling kept in ORIGINALS; NULL when there is none. */
static char *
protect (const char *text,
         const char *name,
         GPtrArray  *originals)
{
  gsize len = strlen (name);
  g_autoptr(GString) out = NULL;
  const char *p = text;
  const char *hit;

  if (find_word (text, text, name, len) == NULL)
    return NULL;

  out = g_string_new (NULL);
  while ((hit = find_word (text, p, name, len)) != NULL && originals->len < 6400)
    {
      g_string_append_len (out, p, hit - p);
      g_string_append_unichar (out, 0xE000 + originals->len);
      g_ptr_array_add (originals, g_strndup (hit, len));
      p = hit + len;
    }
  g_string_append (out, p);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ls_redactor_text (LsRedactor *self,
                  const char *text)
{
  g_autoptr(GPtrArray) kept = NULL;
  char *result;

  if (text == NULL)
    return NULL;

  /* A kept name is set aside first, as written, so "Kai Thompson" stays
   * whole when another Thompson's surname is a secret; a private-use
   * character (never a word character, never in a secret) holds its place. */
  kept = g_ptr_array_new_with_free_func (g_free);
  result = g_strdup (text);
  for (guint i = 0; i < self->kept->len; i++)
    {
      char *protected = protect (result, self->kept->pdata[i], kept);

      if (protected)
        {
          g_free (result);
          result = protected;
        }
    }
  for (guint i = 0; i < self->pairs->len; i++)
    {
      const Pair *p = &g_array_index (self->pairs, Pair, i);
      char *replaced = p->part && self->whole_names ? NULL : replace_all (result, p->secret, p->replacement);

      if (replaced)
        {
          g_free (result);
          result = replaced;
        }
    }
  for (guint k = 0; k < kept->len; k++)
    {
      char mark[8] = { 0 };
      g_auto(GStrv) parts = NULL;

      g_unichar_to_utf8 (0xE000 + k, mark);
      parts = g_strsplit (result, mark, -1);
      g_free (result);
      result = g_strjoinv (kept->pdata[k], parts);
    }

  return result;
}

char *
ls_redactor_person (LsRedactor *self,
                    gint64      person_id,
                    const char *name)
{
  if (self->mode == LS_REDACTION_NONE ||
      (self->mode == LS_REDACTION_PARTNER && g_hash_table_contains (self->keep, &person_id)))
    return g_strdup (name);

  return pseudonym (person_id);
}

char *
ls_redactor_number (LsRedactor *self,
                    const char *number)
{
  if (self->mode == LS_REDACTION_NONE)
    return g_strdup (number);

  return mask_number (number);
}

GPtrArray *
ls_redactor_get_secrets (LsRedactor *self)
{
  GPtrArray *secrets = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->pairs->len; i++)
    g_ptr_array_add (secrets, g_strdup (g_array_index (self->pairs, Pair, i).secret));

  return secrets;
}
