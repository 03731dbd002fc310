/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsMeasureItem: a GObject around one node of an LsAnalysis, for list
 * models. */
#define G_LOG_DOMAIN "ls-measure-item"
#include "config.h"

#include "ls-measure-item.h"

struct _LsMeasureItem
{
  GObject     parent_instance;
  LsAnalysis *analysis;
  guint       index;
};

G_DEFINE_FINAL_TYPE (LsMeasureItem, ls_measure_item, G_TYPE_OBJECT)

static void
ls_measure_item_finalize (GObject *object)
{
  LsMeasureItem *self = LS_MEASURE_ITEM (object);

  g_clear_pointer (&self->analysis, ls_analysis_unref);

  G_OBJECT_CLASS (ls_measure_item_parent_class)->finalize (object);
}

static void
ls_measure_item_class_init (LsMeasureItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ls_measure_item_finalize;
}

static void
ls_measure_item_init (LsMeasureItem *self)
{
}

LsMeasureItem *
ls_measure_item_new (LsAnalysis *analysis,
                     guint       index)
{
  LsMeasureItem *self;

  g_return_val_if_fail (analysis != NULL, NULL);
  g_return_val_if_fail (index < ls_analysis_get_n_nodes (analysis), NULL);

  self = g_object_new (LS_TYPE_MEASURE_ITEM, NULL);
  self->analysis = ls_analysis_ref (analysis);
  self->index = index;

  return self;
}

const LsAnalysisNode *
ls_measure_item_get_node (LsMeasureItem *self)
{
  g_return_val_if_fail (LS_IS_MEASURE_ITEM (self), NULL);

  return ls_analysis_get_node (self->analysis, self->index);
}

guint
ls_measure_item_get_index (LsMeasureItem *self)
{
  g_return_val_if_fail (LS_IS_MEASURE_ITEM (self), 0);

  return self->index;
}
