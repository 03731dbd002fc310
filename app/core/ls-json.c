/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Members that JSON output everywhere writes the same way. */
#define G_LOG_DOMAIN "ls-json"
#include "config.h"

#include "ls-json.h"
#include "ls-time.h"

void
ls_json_add_time (JsonBuilder *builder,
                  const char  *member,
                  gint64       when)
{
  g_autofree char *iso = when >= 0 ? ls_time_format_iso_utc (when) : NULL;

  ls_json_add_string (builder, member, iso);
}

void
ls_json_add_string (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  g_return_if_fail (JSON_IS_BUILDER (builder));
  g_return_if_fail (member != NULL);

  json_builder_set_member_name (builder, member);
  if (value)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
