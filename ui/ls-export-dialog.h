/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-export.h"
#include "ls-job-dialog.h"
#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_EXPORT_DIALOG (ls_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LsExportDialog, ls_export_dialog, LS, EXPORT_DIALOG, LsJobDialog)

/* VIEW is a name in the export table ("network", "timeline", …). */
LsExportDialog *ls_export_dialog_new            (LsSession          *session,
                                                 const char         *view);
/* What the view shows: SCREEN is the view's LsExportRequest.screen (taken,
 * freed with SCREEN_FREE), WIDTH × HEIGHT its size, the default size. */
void            ls_export_dialog_set_screen     (LsExportDialog     *self,
                                                 gpointer            screen,
                                                 GDestroyNotify      screen_free,
                                                 int                 width,
                                                 int                 height);
void            ls_export_dialog_set_range      (LsExportDialog     *self,
                                                 gint64              from,
                                                 gint64              to);
void            ls_export_dialog_set_layout     (LsExportDialog     *self,
                                                 const char         *layout);
void            ls_export_dialog_set_people     (LsExportDialog     *self,
                                                 const char * const *people);
void            ls_export_dialog_set_format     (LsExportDialog     *self,
                                                 LsExportFormat      format);
/* Writes to PATH without asking where (for tests and scripted use). */
void            ls_export_dialog_export_to      (LsExportDialog     *self,
                                                 const char         *path);
gboolean        ls_export_dialog_is_busy        (LsExportDialog     *self);
/* win.export (Ctrl+E): the visible page's own VIEW.export. */
void            ls_export_dialog_install_action (GtkWidgetClass     *widget_class);

G_END_DECLS
