/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsDemoTruth: what the demo case plants (docs/DEMO.md), read from the same
 * world the generator writes, so analysis can be checked against it. */
#define G_LOG_DOMAIN "ls-demo"
#include "config.h"

#include "ls-demo-private.h"

/* The planted truth, read from the same world the generator writes. */
LsDemoTruth *
ls_demo_truth_new (guint32 seed,
                   double  scale)
{
  DemoWorld *world;
  LsDemoTruth *truth;

  g_return_val_if_fail (scale > 0, NULL);

  world = demo_world_new (seed, scale);
  truth = g_new0 (LsDemoTruth, 1);
  truth->roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  truth->number_roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  truth->number_owners = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  truth->deal_numbers = g_ptr_array_new_with_free_func (g_free);
  truth->deal_imeis = g_ptr_array_new_with_free_func (g_free);
  truth->deal_starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  truth->children = g_ptr_array_new_with_free_func (g_free);
  truth->cuckooed = g_ptr_array_new_with_free_func (g_free);
  truth->legitimate = g_ptr_array_new_with_free_func (g_free);
  truth->deal_line_name = g_strdup ("Taz");
  truth->first_day = world->day_start[0];
  truth->last_day = world->day_start[DEMO_DAYS - 1];

  for (guint i = 0; i < world->people->len; i++)
    {
      DemoPerson *p = demo_person (world, i);

      g_hash_table_insert (truth->roles, g_strdup (p->name), (gpointer) demo_role_to_string (p->role));
      if (p->child)
        g_ptr_array_add (truth->children, g_strdup (p->name));
      if (p->role == ROLE_CUCKOOED)
        g_ptr_array_add (truth->cuckooed, g_strdup (p->name));
      if (p->legitimate)
        g_ptr_array_add (truth->legitimate, g_strdup (p->name));
    }

  for (guint i = 0; i < world->phones->len; i++)
    {
      DemoPhone *phone = demo_phone (world, i);
      const char *role = demo_role_to_string (phone->role);

      if (role)
        g_hash_table_insert (truth->number_roles, g_strdup (phone->number), (gpointer) role);
      if (phone->user >= 0)
        g_hash_table_insert (truth->number_owners, g_strdup (phone->number),
                             g_strdup (demo_person (world, phone->user)->name));
    }

  for (guint i = 0; i < world->deal->len; i++)
    {
      DemoDealPeriod *period = &g_array_index (world->deal, DemoDealPeriod, i);
      DemoPhone *phone = demo_phone (world, period->phone);

      g_ptr_array_add (truth->deal_numbers, g_strdup (phone->number));
      g_array_append_val (truth->deal_starts, world->day_start[period->first_day]);
      for (int k = 0; k < 2; k++)
        if (phone->handset[k] >= 0)
          g_ptr_array_add (truth->deal_imeis,
                           g_strdup (g_array_index (world->handsets, DemoHandset, phone->handset[k]).imei));
    }

  demo_world_free (world);
  return truth;
}

void
ls_demo_truth_free (LsDemoTruth *truth)
{
  if (truth == NULL)
    return;

  g_clear_pointer (&truth->roles, g_hash_table_unref);
  g_clear_pointer (&truth->number_roles, g_hash_table_unref);
  g_clear_pointer (&truth->number_owners, g_hash_table_unref);
  g_clear_pointer (&truth->deal_numbers, g_ptr_array_unref);
  g_clear_pointer (&truth->deal_imeis, g_ptr_array_unref);
  g_clear_pointer (&truth->deal_starts, g_array_unref);
  g_clear_pointer (&truth->children, g_ptr_array_unref);
  g_clear_pointer (&truth->cuckooed, g_ptr_array_unref);
  g_clear_pointer (&truth->legitimate, g_ptr_array_unref);
  g_free (truth->deal_line_name);
  g_free (truth);
}

const char *
ls_demo_truth_role_of (LsDemoTruth *truth,
                       const char  *name)
{
  g_return_val_if_fail (truth != NULL, NULL);

  return g_hash_table_lookup (truth->roles, name);
}
