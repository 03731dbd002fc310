/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Members that JSON output everywhere writes the same way: a time as
 * ISO 8601 UTC and a string, each null when unknown. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* MEMBER as WHEN (unix seconds) in ISO 8601 UTC, or null when WHEN < 0. */
void ls_json_add_time   (JsonBuilder *builder,
                         const char  *member,
                         gint64       when);
/* MEMBER as VALUE, or null when VALUE is NULL. */
void ls_json_add_string (JsonBuilder *builder,
                         const char  *member,
                         const char  *value);

G_END_DECLS
