/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "ls-session.h"

G_BEGIN_DECLS

#define LS_TYPE_REQUEST_DIALOG (ls_request_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LsRequestDialog, ls_request_dialog, LS, REQUEST_DIALOG, AdwWindow)

LsRequestDialog *ls_request_dialog_new (LsSession *session);

G_END_DECLS
