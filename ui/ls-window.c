/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsWindow: one case at a time, its views in an AdwViewStack, and a welcome
 * page while no case is open. The views share the window's LsSession; the
 * window only opens, creates and generates case files. */
#define G_LOG_DOMAIN "ls-window"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-analysis-page.h"
#include "ls-briefing-dialog.h"
#include "ls-export-dialog.h"
#include "ls-case.h"
#include "ls-data-page.h"
#include "ls-import-dialog.h"
#include "ls-map-view.h"
#include "ls-safeguarding-page.h"
#include "ls-requests-page.h"
#include "ls-settings.h"
#include "ls-network-view.h"
#include "ls-timeline-view.h"
#include "ls-window-private.h"

G_DEFINE_FINAL_TYPE (LsWindow, ls_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ls_window_dispose (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  if (self->demo_cancellable != NULL)
    g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  g_clear_handle_id (&self->demo_timeout, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_WINDOW);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->settings);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (ls_window_parent_class)->dispose (object);
}

static void
ls_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LsWindow *self = LS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
ls_window_close_request (GtkWindow *window)
{
  LsWindow *self = LS_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (ls_window_parent_class)->close_request (window);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LsWindow *self = LS_WINDOW (widget);

  if (ls_window_has_case (self))
    adw_view_stack_set_visible_child_name (self->stack, g_variant_get_string (param, NULL));
}

/* The bottom switcher shows when the header bar is too narrow for its own,
 * and only while there are views to switch between. */
static void
update_switcher_bar (LsWindow *self)
{
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    ls_window_has_case (self) &&
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
ls_window_class_init (LsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ls_window_dispose;
  object_class->get_property = ls_window_get_property;
  window_class->close_request = ls_window_close_request;

  /* Views bind their "session" to this from the template. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LS_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LS_TYPE_ANALYSIS_PAGE);
  g_type_ensure (LS_TYPE_DATA_PAGE);
  g_type_ensure (LS_TYPE_MAP_VIEW);
  g_type_ensure (LS_TYPE_REQUESTS_PAGE);
  g_type_ensure (LS_TYPE_TIMELINE_VIEW);
  g_type_ensure (LS_TYPE_NETWORK_VIEW);
  g_type_ensure (LS_TYPE_SAFEGUARDING_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LsWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, welcome_actions);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, welcome_buttons);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, demo_box);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, demo_progress);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, data_page);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, switcher_bar);
  gtk_widget_class_bind_template_callback (widget_class, ls_window_recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_switcher_bar);

  ls_window_class_add_file_actions (widget_class);
  ls_import_dialog_install_action (widget_class);
  ls_briefing_dialog_install_actions (widget_class);
  ls_export_dialog_install_action (widget_class);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
}

static void
ls_window_init (LsWindow *self)
{
  self->session = ls_session_new ();
  self->settings = ls_settings_new ();
  self->recent_menu = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (self->recent_menu));
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-demo", FALSE);

  ls_window_init_files (self);
}

LsWindow *
ls_window_new (gpointer application)
{
  return g_object_new (LS_TYPE_WINDOW, "application", application, NULL);
}

gboolean
ls_window_has_case (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  return ls_session_get_case (self->session) != NULL;
}

LsSession *
ls_window_get_session (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);

  return self->session;
}

GtkWidget *
ls_window_get_page (LsWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->stack, name);
}

/* Shows KASE in the window, or the welcome page when it is NULL. */
void
ls_window_set_case (LsWindow *self,
                    LsCase   *kase)
{
  g_return_if_fail (LS_IS_WINDOW (self));
  g_return_if_fail (kase == NULL || LS_IS_CASE (kase));

  ls_session_set_case (self->session, kase);

  if (kase != NULL)
    {
      g_autofree char *name = ls_case_dup_name (kase);
      g_autofree char *marking = ls_case_get_meta (kase, "marking");

      gtk_window_set_title (GTK_WINDOW (self), name);
      adw_view_switcher_title_set_subtitle (self->switcher_title, marking);
      ls_settings_add_recent (self->settings, ls_case_get_path (kase));
      gtk_stack_set_visible_child_name (self->main_stack, "case");
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Linesight"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }

  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, kase != NULL);
  update_switcher_bar (self);
}

void
ls_window_setup_accels (GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "win.open", { "<Control>o", NULL } },
    { "win.new-case", { "<Control>n", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.show-page::network", { "<Alt>1", NULL } },
    { "win.show-page::timeline", { "<Alt>2", NULL } },
    { "win.show-page::map", { "<Alt>3", NULL } },
    { "win.show-page::analysis", { "<Alt>4", NULL } },
    { "win.show-page::safeguarding", { "<Alt>5", NULL } },
    { "win.show-page::requests", { "<Alt>6", NULL } },
    { "win.show-page::data", { "<Alt>7", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}
