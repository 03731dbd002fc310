/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsSession: the state one window's views share. */
#define G_LOG_DOMAIN "ls-session"
#include "config.h"

#include "ls-session.h"

struct _LsSession
{
  GObject      parent_instance;
  LsCase      *kase;
  gint64       range_from;
  gint64       range_to;
  GStrv        selection;
  LsRedaction  redaction;
};

G_DEFINE_FINAL_TYPE (LsSession, ls_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE,
  PROP_RANGE_FROM,
  PROP_RANGE_TO,
  PROP_SELECTION,
  PROP_REDACTION,
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

void
ls_session_data_changed (LsSession *self)
{
  g_return_if_fail (LS_IS_SESSION (self));

  g_signal_emit (self, signals[DATA_CHANGED], 0);
}
