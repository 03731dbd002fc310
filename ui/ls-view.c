/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-view"
#include "config.h"

#include "ls-view.h"

G_DEFINE_INTERFACE (LsView, ls_view, GTK_TYPE_WIDGET)

static GParamSpec *session_pspec;

static void
ls_view_default_init (LsViewInterface *iface)
{
  /* The window's template binds each page's "session" to its own. */
  session_pspec = g_param_spec_object ("session", NULL, NULL, LS_TYPE_SESSION,
                                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_interface_install_property (iface, session_pspec);
}

static LsSession **
session_field (LsView *self)
{
  LsViewInterface *iface = LS_VIEW_GET_IFACE (self);

  g_assert (iface->session_offset >= (gssize) sizeof (GtkWidget));
  return &G_STRUCT_MEMBER (LsSession *, self, iface->session_offset);
}

LsSession *
ls_view_get_session (LsView *self)
{
  g_return_val_if_fail (LS_IS_VIEW (self), NULL);

  return *session_field (self);
}

void
ls_view_set_session (LsView    *self,
                     LsSession *session)
{
  LsSession **field;

  g_return_if_fail (LS_IS_VIEW (self));
  g_return_if_fail (session == NULL || LS_IS_SESSION (session));

  field = session_field (self);
  if (*field == session)
    return;
  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, self);
  g_set_object (field, session);
  LS_VIEW_GET_IFACE (self)->session_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), session_pspec);
}

void
ls_view_clear_session (LsView *self)
{
  LsSession **field;

  g_return_if_fail (LS_IS_VIEW (self));

  field = session_field (self);
  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, self);
  g_clear_object (field);
}

/* GObject hands an overriding class the interface's own spec. */

void
ls_view_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  if (pspec == session_pspec)
    g_value_set_object (value, ls_view_get_session (LS_VIEW (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
ls_view_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  if (pspec == session_pspec)
    ls_view_set_session (LS_VIEW (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
ls_view_class_install_session (GObjectClass *klass)
{
  klass->get_property = ls_view_get_property;
  klass->set_property = ls_view_set_property;
  g_object_class_override_property (klass, 1, "session");
}
