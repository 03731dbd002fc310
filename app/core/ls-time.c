/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-time"
#include "config.h"

#include <stdio.h>
#include <time.h>

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

/* A UK calendar day written YYYY-MM-DD or DD/MM/YYYY, as unix seconds at
 * its start in Europe/London (with END, at the start of the next day, so
 * it ends a range inclusively; a clock-change day is 23 or 25 hours).
 * Empty text is -1, an open end. FALSE when TEXT is not such a day. */
gboolean
ls_time_parse_uk_day (const char *text,
                      gboolean    end,
                      gint64     *out)
{
  g_autoptr(GDateTime) day = NULL;
  int y, m, d;
  char tail;

  *out = -1;
  if (text == NULL || *text == '\0')
    return TRUE;
  if ((sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 &&
       sscanf (text, "%2d/%2d/%4d%c", &d, &m, &y, &tail) != 3) ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  day = g_date_time_new (ls_time_zone_london (), y, m, d, 0, 0, 0);
  if (end)
    {
      GDateTime *next = g_date_time_add_days (day, 1);
      g_date_time_unref (day);
      day = next;
    }
  *out = g_date_time_to_unix (day);

  return TRUE;
}

/* Processor time the calling thread has used, for debug logs: on a busy
 * machine wall-clock times say little of the work done. */
double
ls_thread_cpu_seconds (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec + ts.tv_nsec / 1e9;
}
