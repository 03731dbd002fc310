/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsFindingItem: one finding of an analysis as a row of the Analysis
 * page's list; it keeps the immutable LsFinding alive. */
#pragma once

#include <glib-object.h>

#include "ls-finding.h"

G_BEGIN_DECLS

#define LS_TYPE_FINDING_ITEM (ls_finding_item_get_type ())
G_DECLARE_FINAL_TYPE (LsFindingItem, ls_finding_item, LS, FINDING_ITEM, GObject)

LsFindingItem *ls_finding_item_new         (LsFinding     *finding);
LsFinding     *ls_finding_item_get_finding (LsFindingItem *self);

G_END_DECLS
