/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-case.h"

G_BEGIN_DECLS

#define LS_TYPE_OUTCOME_DIALOG (ls_outcome_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LsOutcomeDialog, ls_outcome_dialog, LS, OUTCOME_DIALOG, AdwWindow)

LsOutcomeDialog *ls_outcome_dialog_new (LsCase *kase);

G_END_DECLS
