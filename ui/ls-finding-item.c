/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsFindingItem: a GObject around an LsFinding, for list models. */
#define G_LOG_DOMAIN "ls-finding-item"
#include "config.h"

#include "ls-finding-item.h"

struct _LsFindingItem
{
  GObject    parent_instance;
  LsFinding *finding;
};

G_DEFINE_FINAL_TYPE (LsFindingItem, ls_finding_item, G_TYPE_OBJECT)

static void
ls_finding_item_finalize (GObject *object)
{
  LsFindingItem *self = LS_FINDING_ITEM (object);

  g_clear_pointer (&self->finding, ls_finding_unref);

  G_OBJECT_CLASS (ls_finding_item_parent_class)->finalize (object);
}

static void
ls_finding_item_class_init (LsFindingItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ls_finding_item_finalize;
}

static void
ls_finding_item_init (LsFindingItem *self)
{
}

LsFindingItem *
ls_finding_item_new (LsFinding *finding)
{
  LsFindingItem *self;

  g_return_val_if_fail (finding != NULL, NULL);

  self = g_object_new (LS_TYPE_FINDING_ITEM, NULL);
  self->finding = ls_finding_ref (finding);

  return self;
}

LsFinding *
ls_finding_item_get_finding (LsFindingItem *self)
{
  g_return_val_if_fail (LS_IS_FINDING_ITEM (self), NULL);

  return self->finding;
}
