/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one-page referral summary of one person at risk: who they are, why
 * (the indicators with dates), who they are in contact with, where they
 * have been, and the referral's state, with the case's protective marking
 * at top and bottom. Written for a social worker who has nothing else
 * from the case. */
#pragma once

#include <glib.h>

#include "ls-document.h"
#include "ls-safeguarding.h"

G_BEGIN_DECLS

typedef struct {
  const char *case_name;
  const char *marking;      /* case_meta 'marking' */
  const char *prepared_by;  /* NULL for the user's real name */
  gint64      prepared_at;  /* unix seconds UTC; -1 for now */
} LsReferralRenderInfo;

/* history: LsReferralHistoryEntry*, oldest first; may be NULL. */
LsDocument *ls_referral_document_new (const LsSafeguardingPerson *person,
                                      GPtrArray                  *history,
                                      const LsReferralRenderInfo *info);
gboolean    ls_referral_render_pdf   (const LsSafeguardingPerson *person,
                                      GPtrArray                  *history,
                                      const LsReferralRenderInfo *info,
                                      const char                 *path,
                                      GError                    **error);

G_END_DECLS
