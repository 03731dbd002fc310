/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Built in code from a table, one spin row per threshold; the schema's
 * ranges and summaries are the single source of each row's limits. */
#define G_LOG_DOMAIN "ls-safeguarding-preferences"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-safeguarding-preferences.h"

static const struct {
  const char *key;
  const char *title;
  const char *subtitle;
  double      step;
  guint       digits;
} thresholds[] = {
  { "safeguarding-age-gap", N_("Much Older Associates"),
    N_("Years older than the child or vulnerable adult"), 1, 0 },
  { "safeguarding-far-from-home-km", N_("Far From Home"),
    N_("Kilometres from home that count as out of the home area"), 1, 0 },
  { "safeguarding-missing-episodes", N_("Repeated Missing Episodes"),
    N_("Missing-from-home episodes that count as repeated"), 1, 0 },
  { "safeguarding-cuckoo-phones", N_("Cuckooing: Phones of the Line"),
    N_("Different phones of the line at or near an address"), 1, 0 },
  { "safeguarding-cuckoo-days", N_("Cuckooing: Days"),
    N_("Different days those phones were there"), 1, 0 },
  { "safeguarding-cuckoo-radius-km", N_("Cuckooing: Radius"),
    N_("Kilometres around an address that count as at or near it"), 0.1, 1 },
  { "safeguarding-instruction-minutes", N_("Instructions Before Deals"),
    N_("Minutes from contact by the deal line to contact with a customer"), 5, 0 },
  { "safeguarding-several-phones", N_("Several Phones"),
    N_("Phones in one person’s name"), 1, 0 },
};

static void
range_of (GSettings  *settings,
          const char *key,
          double     *min,
          double     *max)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) range = NULL;
  g_autoptr(GVariant) limits = NULL;
  g_autofree char *kind = NULL;

  *min = 0;
  *max = 1000;
  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(sv)", &kind, &limits);
  if (g_strcmp0 (kind, "range") != 0)
    return;
  if (g_variant_is_of_type (limits, G_VARIANT_TYPE ("(uu)")))
    {
      guint32 a, b;
      g_variant_get (limits, "(uu)", &a, &b);
      *min = a;
      *max = b;
    }
  else if (g_variant_is_of_type (limits, G_VARIANT_TYPE ("(dd)")))
    g_variant_get (limits, "(dd)", min, max);
}

AdwPreferencesPage *
ls_safeguarding_preferences_page_new (GSettings *settings)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  g_return_val_if_fail (G_IS_SETTINGS (settings), page);

  adw_preferences_page_set_title (page, _("Safeguarding"));
  adw_preferences_page_set_icon_name (page, "security-high-symbolic");
  adw_preferences_group_set_title (group, _("Signs of Exploitation"));
  adw_preferences_group_set_description (group, _("When a sign counts. The defaults follow the Home Office "
                                                  "county lines guidance; see docs/SAFEGUARDING.md."));
  adw_preferences_page_add (page, group);

  for (guint i = 0; i < G_N_ELEMENTS (thresholds); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin;
      double min, max;

      range_of (settings, thresholds[i].key, &min, &max);
      spin = gtk_spin_button_new_with_range (min, max, thresholds[i].step);
      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), thresholds[i].digits);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      g_settings_bind (settings, thresholds[i].key, spin, "value", G_SETTINGS_BIND_DEFAULT);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(thresholds[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(thresholds[i].subtitle));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
      adw_preferences_group_add (group, row);
    }

  return page;
}
