/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Safeguarding page as an export view: `linesight export CASE --view
 * safeguarding --format png|pdf|svg -o OUT`, drawn by ls_safeguarding_render. */
#pragma once

#include "ls-export.h"

G_BEGIN_DECLS

const LsExportView *ls_safeguarding_export_view (void);

G_END_DECLS
