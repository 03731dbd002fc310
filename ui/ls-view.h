/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsView: a page of the window that follows the window's LsSession. The
 * interface owns the "session" property and the one way to change it; each
 * view says where it keeps the session and how it reacts to a new one. */
#pragma once

#include <gtk/gtk.h>

#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_VIEW (ls_view_get_type ())
G_DECLARE_INTERFACE (LsView, ls_view, LS, VIEW, GtkWidget)

struct _LsViewInterface
{
  GTypeInterface parent_iface;

  /* G_STRUCT_OFFSET of the view's LsSession * field, which only LsView
   * writes (as gtk_widget_class_bind_template_child names a field). */
  gssize session_offset;
  /* The field now holds the new session, or NULL, and the old session's
   * handlers whose data is the view are gone: connect to the new one
   * (with the view as the data) and reload. */
  void   (*session_changed) (LsView *self);
};

LsSession *ls_view_get_session   (LsView    *self);
void       ls_view_set_session   (LsView    *self,
                                  LsSession *session);
/* For dispose: lets the session go without a reaction or a notification. */
void       ls_view_clear_session (LsView    *self);

/* For a view whose one property is "session": the property, and
 * get_property and set_property that keep it. */
void       ls_view_class_install_session (GObjectClass *klass);
/* A view with more properties overrides "session" itself and hands it
 * to these from its own get_property and set_property. */
void       ls_view_get_property  (GObject      *object,
                                  guint         prop_id,
                                  GValue       *value,
                                  GParamSpec   *pspec);
void       ls_view_set_property  (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec);

G_END_DECLS
