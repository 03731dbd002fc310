/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Drafting a data request's justification from the case: the children and
 * vulnerable adults linked to the numbers asked about, their risk and the
 * indicators behind it with dates, and the line the numbers belong to. A
 * request linked to a child at high risk is urgent, and says why first. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct {
  GStrv     identifiers;    /* as given, numbers normalised to E.164 where they are numbers */
  char     *subject;        /* a short description of what is asked about */
  char     *text;           /* the drafted justification, paragraphs separated by blank lines */
  gboolean  urgent;
  char     *urgent_reason;  /* one sentence, or NULL */
  GStrv     linked_people;  /* names of the people at risk it draws on */
} LsRequestDraft;

LsRequestDraft *ls_request_draft      (sqlite3            *db,
                                       const char * const *identifiers,
                                       gint64              from,
                                       gint64              to,
                                       GCancellable       *cancellable,
                                       GError            **error);
void            ls_request_draft_free (LsRequestDraft     *draft);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsRequestDraft, ls_request_draft_free)

G_END_DECLS
