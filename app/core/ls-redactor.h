/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRedactor: everything an export must not reveal, gathered from the case
 * once, and applied to every string that goes into the file. Names become
 * stable pseudonyms ("Person 12", the same on every page and view of one
 * export), every phone number is masked, addresses and notes go. With
 * LS_REDACTION_PARTNER the people on the safeguarding list keep their
 * names, because social care needs to know who the children are. */
#pragma once

#include <sqlite3.h>

#include "ls-types.h"

G_BEGIN_DECLS

typedef struct _LsRedactor LsRedactor;

/* KEEP: people.id values whose names stay under LS_REDACTION_PARTNER
 * (may be NULL). */
LsRedactor  *ls_redactor_new          (sqlite3      *db,
                                       LsRedaction   mode,
                                       GHashTable   *keep,
                                       GError      **error);
void         ls_redactor_free         (LsRedactor   *self);
LsRedaction  ls_redactor_get_mode     (LsRedactor   *self);
/* Only whole names (and aliases, numbers, addresses, notes), not a first
 * name or surname alone: for labels, where parts are words or places. */
void         ls_redactor_set_whole_names (LsRedactor *self,
                                       gboolean      whole_names);
/* TEXT with every secret replaced; a new string. */
char        *ls_redactor_text         (LsRedactor   *self,
                                       const char   *text);
/* What to call a person: their name, or their pseudonym. */
char        *ls_redactor_person       (LsRedactor   *self,
                                       gint64        person_id,
                                       const char   *name);
char        *ls_redactor_number       (LsRedactor   *self,
                                       const char   *number);
/* The strings that must not appear in a redacted file (for tests). */
GPtrArray   *ls_redactor_get_secrets  (LsRedactor   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsRedactor, ls_redactor_free)

G_END_DECLS
