/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Redaction shared by the views, the exports and the briefings: stable
 * pseudonyms ("Person 12") in place of names, and masked phone numbers,
 * so a picture can leave the building without identifying anyone. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "person:12" → "Person 12", "phone:7" → "Phone 7". Stable for a case. */
char *ls_redact_pseudonym (const char *node_key);
/* "+447700900123" → "+44 •••• ••0123": country code and last four digits. */
char *ls_redact_number    (const char *number);

G_END_DECLS
