/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "test-dialogs.h"

LsExportDialog *
test_find_export_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LS_IS_EXPORT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return LS_EXPORT_DIALOG (window);
    }
  return NULL;
}
