/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-job-dialog.h"
#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_BRIEFING_DIALOG (ls_briefing_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LsBriefingDialog, ls_briefing_dialog, LS, BRIEFING_DIALOG, LsJobDialog)

LsBriefingDialog *ls_briefing_dialog_new            (LsSession      *session);
/* Writes to PATH without asking where (for tests and scripted use). */
void              ls_briefing_dialog_create_to      (LsBriefingDialog *self,
                                                     const char       *path);
gboolean          ls_briefing_dialog_is_busy        (LsBriefingDialog *self);
/* win.create-briefing and win.case-history for LsWindow. */
void              ls_briefing_dialog_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
