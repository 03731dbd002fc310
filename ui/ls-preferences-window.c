/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsPreferencesWindow: the few settings a person may want to change. Case
 * paths can name people under investigation, so keeping them is optional. */
#define G_LOG_DOMAIN "ls-preferences-window"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-preferences-window.h"
#include "ls-requests-preferences.h"
#include "ls-safeguarding-preferences.h"
#include "ls-settings.h"

struct _LsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSwitch            *remember_switch;
  GtkWidget            *clear_button;
};

G_DEFINE_FINAL_TYPE (LsPreferencesWindow, ls_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_clear_button (LsPreferencesWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-cases");

  gtk_widget_set_sensitive (self->clear_button, recent[0] != NULL);
}

static void
clear_recent_cb (LsPreferencesWindow *self)
{
  g_settings_reset (self->settings, "recent-cases");
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Recent cases cleared")));
}

static void
ls_preferences_window_dispose (GObject *object)
{
  LsPreferencesWindow *self = LS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ls_preferences_window_parent_class)->dispose (object);
}

static void
ls_preferences_window_class_init (LsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, LsPreferencesWindow, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, clear_recent_cb);
}

static void
ls_preferences_window_init (LsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = ls_settings_new ();
  g_settings_bind (self->settings, "remember-recent-cases",
                   self->remember_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::recent-cases",
                           G_CALLBACK (update_clear_button), self, G_CONNECT_SWAPPED);
  update_clear_button (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ls_safeguarding_preferences_page_new (self->settings));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ls_requests_preferences_page_new (self->settings));
}

GtkWidget *
ls_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (LS_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
