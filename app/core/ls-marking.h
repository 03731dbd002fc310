/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Government Security Classifications as used on case files and exports. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    ls_marking_is_valid  (const char *marking);
const char *ls_marking_normalise (const char *marking);

G_END_DECLS
