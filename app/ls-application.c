/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsApplication: app-wide actions, accelerators and opening case files. */
#define G_LOG_DOMAIN "ls-application"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-application.h"
#include "ls-preferences-window.h"
#include "ls-window.h"

struct _LsApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (LsApplication, ls_application, ADW_TYPE_APPLICATION)

static LsWindow *
get_or_create_window (LsApplication *self,
                      gboolean       want_empty)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL || (want_empty && ls_window_has_case (LS_WINDOW (window))))
    window = GTK_WINDOW (ls_window_new (self));

  return LS_WINDOW (window);
}

static void
ls_application_activate (GApplication *app)
{
  LsWindow *window = get_or_create_window (LS_APPLICATION (app), FALSE);

  gtk_window_present (GTK_WINDOW (window));
}

static void
ls_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      LsWindow *window = get_or_create_window (LS_APPLICATION (app), TRUE);

      /* Shown first, so that a refusal's dialog comes up above it. */
      gtk_window_present (GTK_WINDOW (window));
      ls_window_open_case (window, files[i]);
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  static const char *developers[] = { "The Linesight developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", _("Linesight"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("The Linesight developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("See a county lines network: who is linked to whom, "
                                       "when and where, and who needs protecting"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  gtk_window_present (GTK_WINDOW (ls_window_new (LS_APPLICATION (user_data))));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_window_present (GTK_WINDOW (ls_preferences_window_new (parent)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "new-window", new_window_action },
  { "preferences", preferences_action },
};

static void
ls_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control><Shift>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };

  G_APPLICATION_CLASS (ls_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  ls_window_setup_accels (GTK_APPLICATION (app));
}

static void
ls_application_class_init (LsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = ls_application_activate;
  app_class->open = ls_application_open;
  app_class->startup = ls_application_startup;
}

static void
ls_application_init (LsApplication *self)
{
}

LsApplication *
ls_application_new (void)
{
  return g_object_new (LS_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}
