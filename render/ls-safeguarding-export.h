/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Safeguarding page as an export view: `linesight export CASE --view
 * safeguarding --format png|pdf|svg -o OUT`, drawn by ls_safeguarding_render. */
#pragma once

#include "ls-export.h"
#include "ls-safeguarding.h"

G_BEGIN_DECLS

const LsExportView *ls_safeguarding_export_view (void);

/* What the page shows, for LsExportRequest.screen: its list (built with
 * its thresholds), the people left by its filters and search in its
 * order, and a phrase saying how it was narrowed. */
typedef struct _LsSafeguardingExportScreen LsSafeguardingExportScreen;

/* PEOPLE are people of SG (borrowed from it; SG is kept). */
LsSafeguardingExportScreen *ls_safeguarding_export_screen_new  (LsSafeguarding                     *sg,
                                                                const LsSafeguardingPerson * const *people,
                                                                guint                               n_people,
                                                                const char                         *filters);
void                        ls_safeguarding_export_screen_free (LsSafeguardingExportScreen         *self);

G_END_DECLS
