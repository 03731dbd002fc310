/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-safeguarding-item"
#include "config.h"

#include <string.h>

#include "ls-safeguarding-item.h"

struct _LsSafeguardingItem
{
  GObject                     parent_instance;
  LsSafeguarding             *sg;
  const LsSafeguardingPerson *person;
  char                       *summary;
  char                       *age_label;
};

G_DEFINE_FINAL_TYPE (LsSafeguardingItem, ls_safeguarding_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_NAME,
  PROP_RISK,
  PROP_RISK_LABEL,
  PROP_RISK_ROSE,
  PROP_AGE,
  PROP_AGE_LABEL,
  PROP_CHILD,
  PROP_AREA,
  PROP_SUMMARY,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ls_safeguarding_item_finalize (GObject *object)
{
  LsSafeguardingItem *self = (LsSafeguardingItem *) object;

  g_clear_pointer (&self->sg, ls_safeguarding_unref);
  g_free (self->summary);
  g_free (self->age_label);

  G_OBJECT_CLASS (ls_safeguarding_item_parent_class)->finalize (object);
}

static void
ls_safeguarding_item_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LsSafeguardingItem *self = LS_SAFEGUARDING_ITEM (object);
  const LsSafeguardingPerson *p = self->person;

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, p->key);
      break;
    case PROP_NAME:
      g_value_set_string (value, p->name);
      break;
    case PROP_RISK:
      g_value_set_int (value, p->risk);
      break;
    case PROP_RISK_LABEL:
      g_value_set_string (value, ls_risk_label (p->risk));
      break;
    case PROP_RISK_ROSE:
      g_value_set_boolean (value, p->risk_rose);
      break;
    case PROP_AGE:
      g_value_set_int (value, p->age);
      break;
    case PROP_AGE_LABEL:
      g_value_set_string (value, self->age_label);
      break;
    case PROP_CHILD:
      g_value_set_boolean (value, p->child);
      break;
    case PROP_AREA:
      g_value_set_string (value, p->area ? p->area : "");
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_STATUS:
      g_value_set_int (value, p->referral.status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, ls_referral_status_label (p->referral.status));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_safeguarding_item_class_init (LsSafeguardingItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ls_safeguarding_item_finalize;
  object_class->get_property = ls_safeguarding_item_get_property;

  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_RISK] = g_param_spec_int ("risk", NULL, NULL, 0, LS_RISK_HIGH, 0, flags);
  properties[PROP_RISK_LABEL] = g_param_spec_string ("risk-label", NULL, NULL, NULL, flags);
  properties[PROP_RISK_ROSE] = g_param_spec_boolean ("risk-rose", NULL, NULL, FALSE, flags);
  properties[PROP_AGE] = g_param_spec_int ("age", NULL, NULL, -1, 200, -1, flags);
  properties[PROP_AGE_LABEL] = g_param_spec_string ("age-label", NULL, NULL, NULL, flags);
  properties[PROP_CHILD] = g_param_spec_boolean ("child", NULL, NULL, FALSE, flags);
  properties[PROP_AREA] = g_param_spec_string ("area", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, 0, LS_REFERRAL_N_STATUSES, 0, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ls_safeguarding_item_init (LsSafeguardingItem *self)
{
}

LsSafeguardingItem *
ls_safeguarding_item_new (LsSafeguarding *sg,
                          guint           index)
{
  LsSafeguardingItem *self;

  g_return_val_if_fail (sg != NULL, NULL);

  self = g_object_new (LS_TYPE_SAFEGUARDING_ITEM, NULL);
  self->sg = ls_safeguarding_ref (sg);
  self->person = ls_safeguarding_get_person (sg, index);
  self->summary = ls_safeguarding_person_summary (self->person, 3);
  self->age_label = self->person->age >= 0 ? g_strdup_printf ("%d", self->person->age) : g_strdup ("—");

  return self;
}

const LsSafeguardingPerson *
ls_safeguarding_item_get_person (LsSafeguardingItem *self)
{
  g_return_val_if_fail (LS_IS_SAFEGUARDING_ITEM (self), NULL);

  return self->person;
}

LsSafeguarding *
ls_safeguarding_item_get_model (LsSafeguardingItem *self)
{
  g_return_val_if_fail (LS_IS_SAFEGUARDING_ITEM (self), NULL);

  return self->sg;
}

gint64
ls_safeguarding_item_get_person_id (LsSafeguardingItem *self)
{
  g_return_val_if_fail (LS_IS_SAFEGUARDING_ITEM (self), -1);

  return g_ascii_strtoll (self->person->key + strlen ("person:"), NULL, 10);
}
