/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-marking"
#include "config.h"

#include "ls-marking.h"

static const char * const markings[] = {
  "OFFICIAL",
  "OFFICIAL-SENSITIVE",
  "SECRET",
};

/* Accepts any case and a space for the hyphen ("official sensitive"). */
const char *
ls_marking_normalise (const char *marking)
{
  g_autofree char *upper = NULL;

  if (marking == NULL)
    return NULL;

  upper = g_ascii_strup (marking, -1);
  g_strdelimit (upper, " _", '-');
  g_strstrip (upper);

  for (guint i = 0; i < G_N_ELEMENTS (markings); i++)
    if (g_str_equal (upper, markings[i]))
      return markings[i];

  return NULL;
}

gboolean
ls_marking_is_valid (const char *marking)
{
  return ls_marking_normalise (marking) != NULL;
}
