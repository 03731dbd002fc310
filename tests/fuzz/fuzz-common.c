/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The log handler the libFuzzer harnesses share. */
#define G_LOG_DOMAIN "fuzz-common"
#include "config.h"

#include <stdlib.h>

#include "fuzz-common.h"

/* An abort (not GLib's breakpoint trap) is what libFuzzer records as a
 * crash and saves the input for. */
static void
abort_on_critical (const char     *domain,
                   GLogLevelFlags  level,
                   const char     *message,
                   gpointer        data)
{
  g_log_default_handler (domain, level, message, data);
  if (level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR))
    abort ();
}

void
fuzz_abort_on_criticals (void)
{
  g_log_set_default_handler (abort_on_critical, NULL);
}
