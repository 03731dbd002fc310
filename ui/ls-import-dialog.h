/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_IMPORT_DIALOG (ls_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LsImportDialog, ls_import_dialog, LS, IMPORT_DIALOG, AdwWindow)

LsImportDialog *ls_import_dialog_new            (LsSession      *session,
                                                 GFile          *file);
gboolean        ls_import_dialog_is_importable  (GFile          *file);
void            ls_import_dialog_install_action (GtkWidgetClass *widget_class);

G_END_DECLS
