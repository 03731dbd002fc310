/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsSafeguardingItem: one person at risk, as a row of the Safeguarding
 * page's list: properties for the columns, sorters and filters, and the
 * immutable LsSafeguardingPerson behind them. */
#pragma once

#include <glib-object.h>

#include "ls-safeguarding.h"

G_BEGIN_DECLS

#define LS_TYPE_SAFEGUARDING_ITEM (ls_safeguarding_item_get_type ())
G_DECLARE_FINAL_TYPE (LsSafeguardingItem, ls_safeguarding_item, LS, SAFEGUARDING_ITEM, GObject)

LsSafeguardingItem         *ls_safeguarding_item_new        (LsSafeguarding     *sg,
                                                             guint               index);
const LsSafeguardingPerson *ls_safeguarding_item_get_person (LsSafeguardingItem *self);
LsSafeguarding             *ls_safeguarding_item_get_model  (LsSafeguardingItem *self);
gint64                      ls_safeguarding_item_get_person_id (LsSafeguardingItem *self);

G_END_DECLS
