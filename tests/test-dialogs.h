/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Finding the dialogs a test has opened through the window's actions. */
#pragma once

#include "ls-export-dialog.h"

G_BEGIN_DECLS

/* The Export dialog that is shown, or NULL. */
LsExportDialog *test_find_export_dialog (void);

G_END_DECLS
