/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsSession: the state one window's views share. */
#define G_LOG_DOMAIN "ls-session"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ls-session.h"

struct _LsSession
{
  GObject      parent_instance;
  LsCase      *kase;
  gint64       range_from;
  gint64       range_to;
  GStrv        selection;
  LsRedaction  redaction;
  GArray      *highlight;        /* gint64 call ids, sorted */
  gint64       highlight_first;
  gint64       highlight_last;
};

G_DEFINE_FINAL_TYPE (LsSession, ls_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE,
  PROP_RANGE_FROM,
  PROP_RANGE_TO,
  PROP_SELECTION,
  PROP_REDACTION,
  PROP_HIGHLIGHTED_CALLS,
  N_PROPS
};

enum {
  DATA_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
ls_session_finalize (GObject *object)
{
  LsSession *self = LS_SESSION (object);

  g_clear_object (&self->kase);
  g_clear_pointer (&self->selection, g_strfreev);
  g_clear_pointer (&self->highlight, g_array_unref);

  G_OBJECT_CLASS (ls_session_parent_class)->finalize (object);
}

static void
ls_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LsSession *self = LS_SESSION (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    case PROP_RANGE_FROM:
      g_value_set_int64 (value, self->range_from);
      break;
    case PROP_RANGE_TO:
      g_value_set_int64 (value, self->range_to);
      break;
    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;
    case PROP_REDACTION:
      g_value_set_int (value, self->redaction);
      break;
    case PROP_HIGHLIGHTED_CALLS:
      g_value_take_variant (value, g_variant_new_fixed_array (G_VARIANT_TYPE_INT64, self->highlight->data,
                                                              self->highlight->len, sizeof (gint64)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LsSession *self = LS_SESSION (object);

  switch (prop_id)
    {
    case PROP_CASE:
      ls_session_set_case (self, g_value_get_object (value));
      break;
    case PROP_RANGE_FROM:
      ls_session_set_range (self, g_value_get_int64 (value), self->range_to);
      break;
    case PROP_RANGE_TO:
      ls_session_set_range (self, self->range_from, g_value_get_int64 (value));
      break;
    case PROP_SELECTION:
      ls_session_set_selection (self, g_value_get_boxed (value));
      break;
    case PROP_REDACTION:
      ls_session_set_redaction (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_session_class_init (LsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ls_session_finalize;
  object_class->get_property = ls_session_get_property;
  object_class->set_property = ls_session_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, LS_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANGE_FROM] =
    g_param_spec_int64 ("range-from", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RANGE_TO] =
    g_param_spec_int64 ("range-to", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDACTION] =
    g_param_spec_int ("redaction", NULL, NULL, LS_REDACTION_NONE, LS_REDACTION_ALL, LS_REDACTION_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Set with ls_session_set_highlighted_calls; "ax", sorted. */
  properties[PROP_HIGHLIGHTED_CALLS] =
    g_param_spec_variant ("highlighted-calls", NULL, NULL, G_VARIANT_TYPE ("ax"), NULL,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[DATA_CHANGED] =
    g_signal_new ("data-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ls_session_init (LsSession *self)
{
  self->range_from = -1;
  self->range_to = -1;
  self->selection = g_new0 (char *, 1);
  self->highlight = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->highlight_first = self->highlight_last = -1;
}

LsSession *
ls_session_new (void)
{
  return g_object_new (LS_TYPE_SESSION, NULL);
}

LsCase *
ls_session_get_case (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);

  return self->kase;
}

/* A new case starts with the whole date range and nothing selected. */
void
ls_session_set_case (LsSession *self,
                     LsCase    *kase)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (kase == NULL || LS_IS_CASE (kase));

  if (!g_set_object (&self->kase, kase))
    return;

  ls_session_set_range (self, -1, -1);
  ls_session_set_selection (self, none);
  ls_session_set_highlighted_calls (self, NULL, NULL, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

gint64
ls_session_get_range_from (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), -1);

  return self->range_from;
}

gint64
ls_session_get_range_to (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), -1);

  return self->range_to;
}

void
ls_session_set_range (LsSession *self,
                      gint64     from,
                      gint64     to)
{
  g_return_if_fail (LS_IS_SESSION (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->range_from != from)
    {
      self->range_from = from;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE_FROM]);
    }
  if (self->range_to != to)
    {
      self->range_to = to;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE_TO]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

const char * const *
ls_session_get_selection (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);

  return (const char * const *) self->selection;
}

void
ls_session_set_selection (LsSession          *self,
                          const char * const *keys)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (LS_IS_SESSION (self));

  if (keys == NULL)
    keys = none;
  if (g_strv_equal ((const char * const *) self->selection, keys))
    return;

  g_strfreev (self->selection);
  self->selection = g_strdupv ((char **) keys);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

gboolean
ls_session_is_selected (LsSession  *self,
                        const char *key)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);

  return g_strv_contains ((const char * const *) self->selection, key);
}

LsRedaction
ls_session_get_redaction (LsSession *self)
{
  g_return_val_if_fail (LS_IS_SESSION (self), LS_REDACTION_NONE);

  return self->redaction;
}

void
ls_session_set_redaction (LsSession   *self,
                          LsRedaction  redaction)
{
  g_return_if_fail (LS_IS_SESSION (self));

  if (self->redaction == redaction)
    return;

  self->redaction = redaction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDACTION]);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

void
ls_session_set_highlighted_calls (LsSession    *self,
                                  const gint64 *ids,
                                  const gint64 *times,
                                  guint         n_ids)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  gint64 first = -1, last = -1;

  g_return_if_fail (LS_IS_SESSION (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  if (n_ids > 0)
    g_array_append_vals (sorted, ids, n_ids);
  g_array_sort (sorted, compare_ids);
  for (guint i = 0; times != NULL && i < n_ids; i++)
    if (times[i] >= 0)
      {
        first = first < 0 ? times[i] : MIN (first, times[i]);
        last = MAX (last, times[i]);
      }
  if (sorted->len == self->highlight->len && first == self->highlight_first && last == self->highlight_last &&
      (sorted->len == 0 || memcmp (sorted->data, self->highlight->data, sorted->len * sizeof (gint64)) == 0))
    return;

  g_array_unref (self->highlight);
  self->highlight = g_steal_pointer (&sorted);
  self->highlight_first = first;
  self->highlight_last = last;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED_CALLS]);
}

const gint64 *
ls_session_get_highlighted_calls (LsSession *self,
                                  guint     *n_ids)
{
  g_return_val_if_fail (LS_IS_SESSION (self), NULL);

  if (n_ids != NULL)
    *n_ids = self->highlight->len;

  return (const gint64 *) self->highlight->data;
}

gboolean
ls_session_is_call_highlighted (LsSession *self,
                                gint64     id)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);

  return self->highlight->len > 0 &&
         bsearch (&id, self->highlight->data, self->highlight->len, sizeof (gint64), compare_ids) != NULL;
}

gboolean
ls_session_get_highlight_span (LsSession *self,
                               gint64    *first,
                               gint64    *last)
{
  g_return_val_if_fail (LS_IS_SESSION (self), FALSE);

  if (first != NULL)
    *first = self->highlight_first;
  if (last != NULL)
    *last = self->highlight_last;

  return self->highlight_first >= 0;
}

void
ls_session_data_changed (LsSession *self)
{
  g_return_if_fail (LS_IS_SESSION (self));

  g_signal_emit (self, signals[DATA_CHANGED], 0);
}
