/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Government Security Classifications as used on case files and exports. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a case holds about a county line is never less than this. */
#define LS_MARKING_DEFAULT "OFFICIAL-SENSITIVE"

gboolean            ls_marking_is_valid  (const char *marking);
const char         *ls_marking_normalise (const char *marking);
/* The markings a person can choose for an export or a briefing, least
 * protective first; NULL-terminated. */
const char * const *ls_marking_list      (guint      *n_markings);
/* MARKING's place in ls_marking_list() once normalised, or -1. */
int                 ls_marking_index     (const char *marking);
/* What an export or briefing is marked unless the person says otherwise:
 * the case's own marking normalised, or LS_MARKING_DEFAULT when the case
 * has none or one that is not in the list. */
const char         *ls_marking_default   (const char *case_marking);

G_END_DECLS
