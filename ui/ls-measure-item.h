/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsMeasureItem: one node of an analysis (a person or an unattributed
 * phone) as a row of the Analysis page's measures table; it keeps the
 * immutable LsAnalysis alive. */
#pragma once

#include <glib-object.h>

#include "ls-analysis.h"

G_BEGIN_DECLS

#define LS_TYPE_MEASURE_ITEM (ls_measure_item_get_type ())
G_DECLARE_FINAL_TYPE (LsMeasureItem, ls_measure_item, LS, MEASURE_ITEM, GObject)

LsMeasureItem        *ls_measure_item_new      (LsAnalysis    *analysis,
                                                guint          index);
const LsAnalysisNode *ls_measure_item_get_node (LsMeasureItem *self);
guint                 ls_measure_item_get_index (LsMeasureItem *self);

G_END_DECLS
