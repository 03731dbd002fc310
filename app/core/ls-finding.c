/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsFinding: a refcounted record, built by one detector and then left alone. */
#define G_LOG_DOMAIN "ls-finding"
#include "config.h"

#include "ls-finding.h"

static const char * const evidence_kinds[] = { "call", "event", "handset" };

const char *
ls_evidence_kind_to_string (LsEvidenceKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (evidence_kinds), NULL);

  return evidence_kinds[kind];
}

gboolean
ls_evidence_kind_from_string (const char     *str,
                              LsEvidenceKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (evidence_kinds); i++)
    if (g_strcmp0 (str, evidence_kinds[i]) == 0)
      {
        *kind = (LsEvidenceKind) i;
        return TRUE;
      }

  return FALSE;
}

static void
evidence_clear (gpointer data)
{
  LsEvidence *e = data;

  g_free (e->file);
}

LsFinding *
ls_finding_new (const char *type,
                double      confidence)
{
  LsFinding *self = g_new0 (LsFinding, 1);

  g_return_val_if_fail (type != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  self->type = g_strdup (type);
  self->confidence = CLAMP (confidence, 0.0, 1.0);
  self->subjects = g_ptr_array_new_with_free_func (g_free);
  self->numbers = g_ptr_array_new_with_free_func (g_free);
  self->reasons = g_ptr_array_new_with_free_func (g_free);
  self->evidence = g_array_new (FALSE, TRUE, sizeof (LsEvidence));
  g_array_set_clear_func (self->evidence, evidence_clear);

  return self;
}

LsFinding *
ls_finding_ref (LsFinding *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_finding_unref (LsFinding *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->type);
  g_free (self->role);
  g_free (self->title);
  g_ptr_array_unref (self->subjects);
  g_ptr_array_unref (self->numbers);
  g_ptr_array_unref (self->reasons);
  g_array_unref (self->evidence);
  g_free (self);
}

static gboolean
contains (GPtrArray  *strings,
          const char *str)
{
  for (guint i = 0; i < strings->len; i++)
    if (g_str_equal (g_ptr_array_index (strings, i), str))
      return TRUE;

  return FALSE;
}

void
ls_finding_add_subject (LsFinding  *self,
                        const char *node_key)
{
  g_return_if_fail (node_key != NULL);

  if (!contains (self->subjects, node_key))
    g_ptr_array_add (self->subjects, g_strdup (node_key));
}

gboolean
ls_finding_has_subject (const LsFinding *self,
                        const char      *node_key)
{
  return contains (self->subjects, node_key);
}

void
ls_finding_add_number (LsFinding  *self,
                       const char *number)
{
  g_return_if_fail (number != NULL);

  if (!contains (self->numbers, number))
    g_ptr_array_add (self->numbers, g_strdup (number));
}

void
ls_finding_add_reason (LsFinding  *self,
                       const char *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->reasons, g_strdup_vprintf (format, args));
  va_end (args);
}

void
ls_finding_set_title (LsFinding  *self,
                      const char *format,
                      ...)
{
  va_list args;

  g_free (self->title);
  va_start (args, format);
  self->title = g_strdup_vprintf (format, args);
  va_end (args);
}

void
ls_finding_add_evidence (LsFinding      *self,
                         LsEvidenceKind  kind,
                         gint64          row_id,
                         gint64          when,
                         const char     *file,
                         gint64          line)
{
  LsEvidence e = { kind, row_id, when, g_strdup (file), line };

  g_array_append_val (self->evidence, e);
}

/* Strongest first, then by type and title so output is stable. */
int
ls_finding_compare (gconstpointer a,
                    gconstpointer b)
{
  const LsFinding *x = *(LsFinding * const *) a;
  const LsFinding *y = *(LsFinding * const *) b;
  int c;

  if (x->confidence != y->confidence)
    return x->confidence > y->confidence ? -1 : 1;
  c = g_strcmp0 (x->type, y->type);
  if (c != 0)
    return c;
  return g_strcmp0 (x->title, y->title);
}
