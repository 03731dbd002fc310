/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times are stored as unix seconds in UTC and shown in Europe/London time. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GTimeZone *ls_time_zone_london      (void);
char      *ls_time_format_iso_utc   (gint64 unix_seconds);
char      *ls_time_format_local     (gint64 unix_seconds,
                                     const char *format);

gboolean   ls_time_parse_uk_day     (const char *text,
                                     gboolean    end,
                                     gint64     *out);

double     ls_thread_cpu_seconds    (void);

G_END_DECLS
