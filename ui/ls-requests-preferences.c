/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences for data requests: the providers offered, and the target
 * after which an unanswered request is overdue. */
#define G_LOG_DOMAIN "ls-requests-preferences"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-requests-preferences.h"

/* "as" ↔ "EE, Vodafone, Three" */
static gboolean
get_providers (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  g_autofree const char **names = g_variant_get_strv (variant, NULL);
  g_autofree char *joined = g_strjoinv (", ", (char **) names);

  g_value_set_string (value, joined);
  return TRUE;
}

static GVariant *
set_providers (const GValue       *value,
               const GVariantType *type,
               gpointer            user_data)
{
  g_auto(GStrv) parts = g_strsplit (g_value_get_string (value) ? g_value_get_string (value) : "", ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; parts[i]; i++)
    if (*g_strstrip (parts[i]))
      g_strv_builder_add (builder, parts[i]);
  names = g_strv_builder_end (builder);

  return g_variant_new_strv ((const char * const *) names, -1);
}

AdwPreferencesPage *
ls_requests_preferences_page_new (GSettings *settings)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *providers = adw_entry_row_new ();
  GtkWidget *target = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, 120, 1);

  g_return_val_if_fail (G_IS_SETTINGS (settings), page);

  adw_preferences_page_set_title (page, _("Data Requests"));
  adw_preferences_page_set_icon_name (page, "mail-send-symbolic");
  adw_preferences_group_set_title (group, _("Requests to Providers"));
  adw_preferences_page_add (page, group);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (providers), _("Providers, separated by commas"));
  g_settings_bind_with_mapping (settings, "request-providers", providers, "text", G_SETTINGS_BIND_DEFAULT,
                                get_providers, set_providers, NULL, NULL);
  adw_preferences_group_add (group, providers);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (target), _("Overdue After"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (target), _("Calendar days from submission without an answer"));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  g_settings_bind (settings, "request-target-days", spin, "value", G_SETTINGS_BIND_DEFAULT);
  adw_action_row_add_suffix (ADW_ACTION_ROW (target), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (target), spin);
  adw_preferences_group_add (group, target);

  return page;
}
