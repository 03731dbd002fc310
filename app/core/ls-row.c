/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsRow: an immutable row of display strings. The id is the row's id in
 * its table, so a row can be traced back to the case file. */
#define G_LOG_DOMAIN "ls-row"
#include "config.h"

#include "ls-row.h"

struct _LsRow
{
  GObject   parent_instance;

  gint64    id;
  char    **values;
  guint     n_values;
};

G_DEFINE_FINAL_TYPE (LsRow, ls_row, G_TYPE_OBJECT)

static void
ls_row_finalize (GObject *object)
{
  LsRow *self = LS_ROW (object);

  g_strfreev (self->values);

  G_OBJECT_CLASS (ls_row_parent_class)->finalize (object);
}

static void
ls_row_class_init (LsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ls_row_finalize;
}

static void
ls_row_init (LsRow *self)
{
}

LsRow *
ls_row_new (gint64   id,
            char   **values)
{
  LsRow *self = g_object_new (LS_TYPE_ROW, NULL);

  self->id = id;
  self->values = values ? values : g_new0 (char *, 1);
  self->n_values = g_strv_length (self->values);

  return self;
}

gint64
ls_row_get_id (LsRow *self)
{
  g_return_val_if_fail (LS_IS_ROW (self), -1);

  return self->id;
}

guint
ls_row_get_n_values (LsRow *self)
{
  g_return_val_if_fail (LS_IS_ROW (self), 0);

  return self->n_values;
}

const char *
ls_row_get_value (LsRow *self,
                  guint  column)
{
  g_return_val_if_fail (LS_IS_ROW (self), NULL);

  return column < self->n_values ? self->values[column] : NULL;
}
