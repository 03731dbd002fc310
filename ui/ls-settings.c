/* SPDX-License-Identifier: GPL-3.0-or-later */
/* GSettings for Linesight. An installed copy finds its schema in the usual
 * place; a copy run from the build tree (tests, build-aux/run-demo) uses the
 * schema compiled into the build directory. */
#define G_LOG_DOMAIN "ls-settings"
#include "config.h"

#include "ls-settings.h"

static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = NULL;
  g_autoptr(GSettingsSchemaSource) built = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    return schema;

  built = g_settings_schema_source_new_from_directory (LS_BUILD_SCHEMA_DIR, source, FALSE, NULL);
  if (built != NULL)
    schema = g_settings_schema_source_lookup (built, APPLICATION_ID, FALSE);

  return schema;
}

GSettings *
ls_settings_new (void)
{
  static GSettingsSchema *schema;

  if (g_once_init_enter (&schema))
    {
      GSettingsSchema *found = lookup_schema ();

      if (found == NULL)
        g_error ("The GSettings schema %s is not installed; run “meson install” "
                 "or start Linesight from its build directory", APPLICATION_ID);
      g_once_init_leave (&schema, found);
    }

  return g_settings_new_full (schema, NULL, NULL);
}

static void
store_recent (GSettings  *settings,
              const char *first,
              const char *without)
{
  g_auto(GStrv) old = g_settings_get_strv (settings, "recent-cases");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  guint n = 0;

  if (first != NULL)
    {
      g_strv_builder_add (builder, first);
      n++;
    }

  for (guint i = 0; old[i] != NULL && n < LS_RECENT_CASES_MAX; i++)
    {
      if (g_strcmp0 (old[i], first) == 0 || g_strcmp0 (old[i], without) == 0)
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  paths = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "recent-cases", (const char * const *) paths);
}

void
ls_settings_add_recent (GSettings  *settings,
                        const char *path)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (path != NULL);

  if (!g_settings_get_boolean (settings, "remember-recent-cases"))
    return;

  store_recent (settings, path, NULL);
}

void
ls_settings_remove_recent (GSettings  *settings,
                           const char *path)
{
  g_return_if_fail (G_IS_SETTINGS (settings));

  store_recent (settings, NULL, path);
}

char **
ls_settings_dup_recent (GSettings *settings)
{
  g_auto(GStrv) all = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  all = g_settings_get_strv (settings, "recent-cases");
  for (guint i = 0; all[i] != NULL; i++)
    if (g_file_test (all[i], G_FILE_TEST_IS_REGULAR))
      g_strv_builder_add (builder, all[i]);

  return g_strv_builder_end (builder);
}
