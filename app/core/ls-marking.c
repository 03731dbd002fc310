/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one list of protective markings, and the one rule for which of them
 * a document starts with, for the command line and every dialog. */
#define G_LOG_DOMAIN "ls-marking"
#include "config.h"

#include "ls-marking.h"

static const char * const markings[] = {
  "OFFICIAL",
  LS_MARKING_DEFAULT,
  "SECRET",
  NULL,
};

#define N_MARKINGS (G_N_ELEMENTS (markings) - 1)

/* Accepts any case and a space for the hyphen ("official sensitive"). */
const char *
ls_marking_normalise (const char *marking)
{
  int i = ls_marking_index (marking);

  return i >= 0 ? markings[i] : NULL;
}

gboolean
ls_marking_is_valid (const char *marking)
{
  return ls_marking_normalise (marking) != NULL;
}

const char * const *
ls_marking_list (guint *n_markings)
{
  if (n_markings != NULL)
    *n_markings = N_MARKINGS;

  return markings;
}

int
ls_marking_index (const char *marking)
{
  g_autofree char *upper = NULL;

  if (marking == NULL)
    return -1;

  upper = g_strstrip (g_ascii_strup (marking, -1));
  g_strdelimit (upper, " _", '-');

  for (guint i = 0; i < N_MARKINGS; i++)
    if (g_str_equal (upper, markings[i]))
      return (int) i;

  return -1;
}

const char *
ls_marking_default (const char *case_marking)
{
  const char *marking = ls_marking_normalise (case_marking);

  return marking ? marking : LS_MARKING_DEFAULT;
}
