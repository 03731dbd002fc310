/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsDataPage: the case's rows as tables. */
#define G_LOG_DOMAIN "ls-data-page"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-data-page.h"

struct _LsDataPage
{
  GtkWidget  parent_instance;

  LsSession *session;
};

G_DEFINE_FINAL_TYPE (LsDataPage, ls_data_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ls_data_page_dispose (GObject *object)
{
  LsDataPage *self = LS_DATA_PAGE (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_DATA_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ls_data_page_parent_class)->dispose (object);
}

static void
ls_data_page_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LsDataPage *self = LS_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_data_page_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LsDataPage *self = LS_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ls_data_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_data_page_class_init (LsDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_data_page_dispose;
  object_class->get_property = ls_data_page_get_property;
  object_class->set_property = ls_data_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-data-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ls_data_page_init (LsDataPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LsSession *
ls_data_page_get_session (LsDataPage *self)
{
  g_return_val_if_fail (LS_IS_DATA_PAGE (self), NULL);

  return self->session;
}

void
ls_data_page_set_session (LsDataPage *self,
                          LsSession  *session)
{
  g_return_if_fail (LS_IS_DATA_PAGE (self));
  g_return_if_fail (session == NULL || LS_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
