/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The table of views that can be exported: one LsExportView each, shared
 * by `linesight export` and the window's Export dialog. */
#define G_LOG_DOMAIN "ls-export-views"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-export.h"
#include "ls-map-export.h"
#include "ls-network-export.h"
#include "ls-safeguarding-export.h"
#include "ls-timeline-export.h"

const LsExportView *
ls_export_views (guint *n_views)
{
  static LsExportView table[4];
  static gsize done;

  /* Other views add their entry here. */
  if (g_once_init_enter (&done))
    {
      table[0] = *ls_network_export_view ();
      table[1] = *ls_timeline_export_view ();
      table[2] = *ls_map_export_view ();
      table[3] = *ls_safeguarding_export_view ();
      g_once_init_leave (&done, 1);
    }
  *n_views = G_N_ELEMENTS (table);

  return table;
}

const LsExportView *
ls_export_find_view (const char  *name,
                     GError     **error)
{
  g_autoptr(GString) known = g_string_new (NULL);
  guint n;
  const LsExportView *table = ls_export_views (&n);

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (table[i].name, name) == 0)
        return &table[i];
      g_string_append_printf (known, "%s%s", i ? ", " : "", table[i].name);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("There is no view named “%s” to export; the views are: %s"),
               name ? name : "", known->str);
  return NULL;
}
