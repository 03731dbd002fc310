/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-time"
#include "config.h"

#include "ls-time.h"

/* One shared zone: building a GTimeZone reads tzdata from disk. */
GTimeZone *
ls_time_zone_london (void)
{
  static GTimeZone *london;

  if (g_once_init_enter (&london))
    {
      GTimeZone *tz = g_time_zone_new_identifier ("Europe/London");

      if (tz == NULL)
        {
          g_warning ("No time zone data for Europe/London; showing times in UTC");
          tz = g_time_zone_new_utc ();
        }
      g_once_init_leave (&london, tz);
    }

  return london;
}

char *
ls_time_format_iso_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return dt ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

char *
ls_time_format_local (gint64      unix_seconds,
                      const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return NULL;
  local = g_date_time_to_timezone (utc, ls_time_zone_london ());

  return g_date_time_format (local, format ? format : "%d/%m/%Y %H:%M:%S");
}
