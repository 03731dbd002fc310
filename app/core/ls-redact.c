/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Pseudonyms come from the row id rather than a counter, so "Person 12"
 * is the same person in a network export and in a briefing. */
#define G_LOG_DOMAIN "ls-redact"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-redact.h"

char *
ls_redact_pseudonym (const char *node_key)
{
  const char *colon;

  g_return_val_if_fail (node_key != NULL, NULL);

  colon = strchr (node_key, ':');
  if (colon == NULL)
    return g_strdup (_("Redacted"));
  if (g_str_has_prefix (node_key, "person:"))
    return g_strdup_printf (_("Person %s"), colon + 1);
  if (g_str_has_prefix (node_key, "phone:"))
    return g_strdup_printf (_("Phone %s"), colon + 1);

  return g_strdup (_("Redacted"));
}

char *
ls_redact_number (const char *number)
{
  GString *out;
  gsize len, keep = 4, cc;

  g_return_val_if_fail (number != NULL, NULL);

  len = strlen (number);
  if (len <= keep + 1)
    return g_strdup ("••••");

  /* UK numbers keep "+44"; others keep the "+" and first digit only. */
  cc = g_str_has_prefix (number, "+44") ? 3 : (number[0] == '+' ? 2 : 0);
  out = g_string_new_len (number, cc);
  if (cc > 0)
    g_string_append_c (out, ' ');
  for (gsize i = cc; i + keep < len; i++)
    g_string_append (out, "•");
  g_string_append_c (out, ' ');
  g_string_append (out, number + len - keep);

  return g_string_free (out, FALSE);
}
