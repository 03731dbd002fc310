/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The results summary as a one-page document. Redacted, it names nobody and
 * shows no number, so it can be published as a deterrent. */
#pragma once

#include "ls-document.h"
#include "ls-results.h"

G_BEGIN_DECLS

const char *ls_outcome_kind_label (const char *kind);
LsDocument *ls_results_document   (LsResults *results,
                                   LsCase    *kase,
                                   gboolean   redacted);

G_END_DECLS
