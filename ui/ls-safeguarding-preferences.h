/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Safeguarding page of Preferences: the indicators' thresholds, bound
 * to their GSettings keys (docs/SAFEGUARDING.md explains each). */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwPreferencesPage *ls_safeguarding_preferences_page_new (GSettings *settings);

G_END_DECLS
