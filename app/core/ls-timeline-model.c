/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsTimelineModel: the lanes and events of the timeline, built once per
 * case (and lane mode) from a few aggregate queries; the bins cache. */
#define G_LOG_DOMAIN "ls-timeline-model"
#include "config.h"

#include <string.h>

#include "ls-analysis.h"
#include "ls-case.h"
#include "ls-graph.h"
#include "ls-timeline-private.h"

#define CACHE_SIZE 12
/* Unattributed phones get a lane when they are this busy (deal lines). */
#define BUSY_PHONE_MIN 20
#define BUSY_PHONE_MAX_LANES 20

typedef struct {
  gint64   id;
  char    *number;
  gint64   person_id;
  guint64  contacts;
  gint64   first;
  gint64   last;
} PhoneInfo;

typedef struct {
  gint64    id;
  char     *name;
  char     *dob;
  gboolean  vulnerable;
  gboolean  has_events;
  GArray   *phones;  /* PhoneInfo* */
  GArray   *lanes;   /* guint: lanes the person's events go on */
} PersonInfo;

static const char * const event_kind_names[LS_TIMELINE_N_EVENT_KINDS] = {
  [LS_TIMELINE_EVENT_MISSING] = "missing-from-home",
  [LS_TIMELINE_EVENT_FOUND_OUT_OF_AREA] = "found-out-of-area",
  [LS_TIMELINE_EVENT_ARREST] = "arrest",
  [LS_TIMELINE_EVENT_STOP_SEARCH] = "stop-search",
  [LS_TIMELINE_EVENT_HOSPITAL] = "hospital-attendance",
  [LS_TIMELINE_EVENT_SCHOOL_EXCLUSION] = "school-exclusion",
  [LS_TIMELINE_EVENT_OTHER] = "other",
  [LS_TIMELINE_EVENT_HANDSET_CHANGE] = "handset-change",
  [LS_TIMELINE_EVENT_NUMBER_CHANGE] = "number-change",
};

const char *
ls_timeline_event_kind_to_string (LsTimelineEventKind kind)
{
  g_return_val_if_fail (kind < LS_TIMELINE_N_EVENT_KINDS, "other");

  return event_kind_names[kind];
}

/* Case files come from many forces' systems: "Missing", "MFH",
 * "missing_from_home", "Stop and search" all mean what they say. */
LsTimelineEventKind
ls_timeline_event_kind_parse (const char *kind)
{
  g_autofree char *k = g_ascii_strdown (kind ? kind : "", -1);

  if (strstr (k, "missing") || g_str_equal (k, "mfh"))
    return LS_TIMELINE_EVENT_MISSING;
  if (strstr (k, "found"))
    return LS_TIMELINE_EVENT_FOUND_OUT_OF_AREA;
  if (strstr (k, "arrest"))
    return LS_TIMELINE_EVENT_ARREST;
  if (strstr (k, "stop"))
    return LS_TIMELINE_EVENT_STOP_SEARCH;
  if (strstr (k, "hospital") || strstr (k, "a&e"))
    return LS_TIMELINE_EVENT_HOSPITAL;
  if (strstr (k, "school") || strstr (k, "exclu"))
    return LS_TIMELINE_EVENT_SCHOOL_EXCLUSION;
  if (strstr (k, "handset") || strstr (k, "imei"))
    return LS_TIMELINE_EVENT_HANDSET_CHANGE;

  return LS_TIMELINE_EVENT_OTHER;
}

static void
lane_clear (gpointer data)
{
  LsTimelineLane *lane = data;

  g_free (lane->key);
  g_free (lane->label);
  g_free (lane->detail);
  g_free (lane->select_key);
  g_clear_pointer (&lane->phone_ids, g_array_unref);
}

static void
event_clear (gpointer data)
{
  LsTimelineEvent *event = data;

  g_free (event->text);
}

static void
phone_info_free (gpointer data)
{
  PhoneInfo *p = data;

  g_free (p->number);
  g_free (p);
}

static void
person_info_free (gpointer data)
{
  PersonInfo *p = data;

  g_free (p->name);
  g_free (p->dob);
  g_array_unref (p->phones);
  g_array_unref (p->lanes);
  g_free (p);
}

LsTimelineModel *
ls_timeline_model_ref (LsTimelineModel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_timeline_model_unref (LsTimelineModel *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->lanes);
  g_array_unref (self->events);
  g_hash_table_unref (self->by_key);
  g_hash_table_unref (self->by_phone);
  g_free (self->phone_list);
  g_mutex_clear (&self->cache_lock);
  g_ptr_array_unref (self->cache);
  g_free (self);
}

static gboolean
load_people (sqlite3     *db,
             GHashTable  *people,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT id, name, dob, vulnerable FROM people", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the people of the case");
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PersonInfo *p = g_new0 (PersonInfo, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->dob = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->vulnerable = sqlite3_column_int (stmt, 3) != 0;
      p->phones = g_array_new (FALSE, FALSE, sizeof (PhoneInfo *));
      p->lanes = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (people, &p->id, p);
    }

  return TRUE;
}

static gboolean
load_phones (sqlite3     *db,
             GHashTable  *phones,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT id, number, person_id FROM phones", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the phones of the case");
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PhoneInfo *p = g_new0 (PhoneInfo, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->person_id = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 2);
      p->first = p->last = -1;
      g_hash_table_insert (phones, &p->id, p);
    }

  return TRUE;
}

/* Contacts, first and last call per phone: the (phone, start) indexes
 * make each of these one index scan without touching the table. */
static gboolean
load_phone_activity (sqlite3     *db,
                     GHashTable  *phones,
                     GError     **error)
{
  static const char * const sql[] = {
    "SELECT caller_id, count(*), min(start), max(start) FROM calls"
    " WHERE caller_id IS NOT NULL GROUP BY caller_id",
    "SELECT callee_id, count(*), min(start), max(start) FROM calls"
    " WHERE callee_id IS NOT NULL GROUP BY callee_id",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      int rc;

      if (sqlite3_prepare_v2 (db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
        {
          ls_sqlite_set_error (db, error, "Cannot count the calls of each phone");
          return FALSE;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          PhoneInfo *p = g_hash_table_lookup (phones, &id);
          gint64 first = sqlite3_column_int64 (stmt, 2);
          gint64 last = sqlite3_column_int64 (stmt, 3);

          if (p == NULL)
            continue;
          p->contacts += sqlite3_column_int64 (stmt, 1);
          p->first = p->first < 0 ? first : MIN (p->first, first);
          p->last = MAX (p->last, last);
        }
      if (rc != SQLITE_DONE)
        {
          ls_sqlite_set_error (db, error, "Cannot count the calls of each phone");
          return FALSE;
        }
    }

  return TRUE;
}

static guint
add_lane (LsTimelineModel *self,
          char            *key,
          char            *label,
          char            *detail,
          char            *select_key)
{
  LsTimelineLane lane = { key, label, detail, select_key, FALSE, -1, -1, 0,
                          g_array_new (FALSE, FALSE, sizeof (gint64)) };

  g_array_append_val (self->lanes, lane);
  return self->lanes->len - 1;
}

static void
lane_add_phone (LsTimelineLane  *lane,
                const PhoneInfo *p)
{
  g_array_append_val (lane->phone_ids, p->id);
  lane->contacts += p->contacts;
  if (p->first >= 0)
    {
      lane->first = lane->first < 0 ? p->first : MIN (lane->first, p->first);
      lane->last = MAX (lane->last, p->last);
    }
}

static int
compare_phone_first (gconstpointer a,
                     gconstpointer b)
{
  const PhoneInfo *x = *(PhoneInfo * const *) a, *y = *(PhoneInfo * const *) b;
  gint64 fx = x->first < 0 ? G_MAXINT64 : x->first, fy = y->first < 0 ? G_MAXINT64 : y->first;

  return fx < fy ? -1 : fx > fy ? 1 : (x->id > y->id) - (x->id < y->id);
}

static int
compare_contacts_desc (gconstpointer a,
                       gconstpointer b)
{
  const PhoneInfo *x = *(PhoneInfo * const *) a, *y = *(PhoneInfo * const *) b;

  return x->contacts < y->contacts ? 1 : x->contacts > y->contacts ? -1 : (x->id > y->id) - (x->id < y->id);
}

static gboolean
person_is_victim (const PersonInfo *p,
                  gint64            when)
{
  LsGraphNode node = { .dob = p->dob, .vulnerable = p->vulnerable };

  return ls_graph_node_is_victim (&node, when >= 0 ? when : g_get_real_time () / G_USEC_PER_SEC);
}

static gboolean
person_is_active (const PersonInfo *p)
{
  if (p->has_events)
    return TRUE;
  for (guint j = 0; j < p->phones->len; j++)
    if (g_array_index (p->phones, PhoneInfo *, j)->contacts > 0)
      return TRUE;
  return FALSE;
}

static gboolean
mark_people_with_events (sqlite3     *db,
                         GHashTable  *people,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT DISTINCT person_id FROM events WHERE person_id IS NOT NULL",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the events of the case");
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      PersonInfo *p = g_hash_table_lookup (people, &id);

      if (p)
        p->has_events = TRUE;
    }

  return TRUE;
}

/* Which lanes each person's events go on, once lanes are in their order. */
static void
place_people (LsTimelineModel *self,
              GHashTable      *people)
{
  for (guint i = 0; i < self->lanes->len; i++)
    {
      LsTimelineLane *lane = &g_array_index (self->lanes, LsTimelineLane, i);
      gint64 person_id;
      PersonInfo *p;

      if (!g_str_has_prefix (lane->select_key, "person:"))
        continue;
      person_id = g_ascii_strtoll (lane->select_key + 7, NULL, 10);
      p = g_hash_table_lookup (people, &person_id);
      if (p)
        g_array_append_val (p->lanes, i);
    }
}

/* People (with their phones merged) or their phones as lanes, then the
 * busiest phones nobody is attributed to: deal lines are often those. */
static void
build_lanes (LsTimelineModel *self,
             GHashTable      *people,
             GHashTable      *phones)
{
  g_autoptr(GPtrArray) person_list = g_ptr_array_new ();
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (person_list, value);

  g_hash_table_iter_init (&iter, phones);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PhoneInfo *p = value;
      PersonInfo *owner = p->person_id >= 0 ? g_hash_table_lookup (people, &p->person_id) : NULL;

      if (owner)
        g_array_append_val (owner->phones, p);
      else if (p->contacts >= BUSY_PHONE_MIN)
        g_ptr_array_add (loose, p);
    }

  for (guint i = 0; i < person_list->len; i++)
    {
      PersonInfo *person = g_ptr_array_index (person_list, i);
      g_autofree char *person_key = g_strdup_printf ("person:%" G_GINT64_FORMAT, person->id);

      g_array_sort (person->phones, compare_phone_first);
      if (!person_is_active (person))
        continue;
      if (self->mode == LS_TIMELINE_LANES_PEOPLE)
        {
          g_autoptr(GStrvBuilder) numbers = g_strv_builder_new ();
          g_auto(GStrv) list = NULL;
          guint l;

          for (guint j = 0; j < person->phones->len; j++)
            g_strv_builder_add (numbers, g_array_index (person->phones, PhoneInfo *, j)->number);
          list = g_strv_builder_end (numbers);
          l = add_lane (self, g_strdup (person_key), g_strdup (person->name),
                        g_strjoinv (", ", list), g_strdup (person_key));
          for (guint j = 0; j < person->phones->len; j++)
            lane_add_phone (&g_array_index (self->lanes, LsTimelineLane, l),
                            g_array_index (person->phones, PhoneInfo *, j));
          g_array_append_val (person->lanes, l);
        }
      else
        {
          for (guint j = 0; j < person->phones->len; j++)
            {
              PhoneInfo *p = g_array_index (person->phones, PhoneInfo *, j);
              guint l;

              if (p->contacts == 0)
                continue;
              l = add_lane (self, g_strdup_printf ("phone:%" G_GINT64_FORMAT, p->id),
                                  g_strdup (p->number), g_strdup (person->name),
                                  g_strdup (person_key));

              lane_add_phone (&g_array_index (self->lanes, LsTimelineLane, l), p);
              g_array_append_val (person->lanes, l);
            }
        }
      for (guint j = 0; j < person->lanes->len; j++)
        {
          LsTimelineLane *lane = &g_array_index (self->lanes, LsTimelineLane, g_array_index (person->lanes, guint, j));
          lane->victim = person_is_victim (person, lane->first);
        }
      g_array_set_size (person->lanes, 0);
    }

  g_ptr_array_sort (loose, compare_contacts_desc);
  for (guint i = 0; i < loose->len && i < BUSY_PHONE_MAX_LANES; i++)
    {
      PhoneInfo *p = g_ptr_array_index (loose, i);
      char *key = g_strdup_printf ("phone:%" G_GINT64_FORMAT, p->id);
      guint l;

      /* Far quieter than the busiest: a customer, not a line. */
      if (p->contacts * 20 < ((PhoneInfo *) g_ptr_array_index (loose, 0))->contacts)
        {
          g_free (key);
          break;
        }
      l = add_lane (self, key, g_strdup (p->number), NULL, g_strdup (key));
      lane_add_phone (&g_array_index (self->lanes, LsTimelineLane, l), p);
    }
}

static void
add_event (LsTimelineModel     *self,
           LsTimelineEventKind  kind,
           guint                lane,
           gint64               start,
           gint64               end,
           const char          *text,
           gint64               row_id)
{
  LsTimelineEvent e = { kind, lane, start, end, g_strdup (text), row_id };

  g_array_append_val (self->events, e);
}

static gboolean
load_events (LsTimelineModel  *self,
             sqlite3          *db,
             GHashTable       *people,
             GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, start, end, person_id, kind, place, text FROM events"
                          " WHERE person_id IS NOT NULL ORDER BY start",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the events of the case");
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 person_id = sqlite3_column_int64 (stmt, 3);
      PersonInfo *p = g_hash_table_lookup (people, &person_id);
      const char *kind = (const char *) sqlite3_column_text (stmt, 4);
      const char *place = (const char *) sqlite3_column_text (stmt, 5);
      const char *text = (const char *) sqlite3_column_text (stmt, 6);
      g_autofree char *description = NULL;

      if (p == NULL)
        continue;
      description = g_strjoin (" — ", kind, place ? place : text, place ? text : NULL, NULL);
      for (guint j = 0; j < p->lanes->len; j++)
        add_event (self, ls_timeline_event_kind_parse (kind), g_array_index (p->lanes, guint, j),
                   sqlite3_column_int64 (stmt, 1),
                   sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 2),
                   description, sqlite3_column_int64 (stmt, 0));
    }

  return TRUE;
}

/* A phone seen with a second IMEI changed handset then; a person whose
 * next number starts being used changed number then. */
static gboolean
load_changes (LsTimelineModel  *self,
              sqlite3          *db,
              GHashTable       *people,
              GHashTable       *phones,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer value;
  gint64 previous_phone = -1;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, imei, phone_id, first_seen FROM handsets"
                          " WHERE phone_id IS NOT NULL AND first_seen IS NOT NULL"
                          " ORDER BY phone_id, first_seen, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the handsets of the case");
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 phone_id = sqlite3_column_int64 (stmt, 2);
      int lane = ls_timeline_model_lane_of_phone (self, phone_id);
      PhoneInfo *p = g_hash_table_lookup (phones, &phone_id);
      gboolean first_of_phone = phone_id != previous_phone;
      g_autofree char *text = NULL;

      previous_phone = phone_id;
      if (first_of_phone || lane < 0 || p == NULL)
        continue;
      text = g_strdup_printf ("IMEI %s on %s", (const char *) sqlite3_column_text (stmt, 1), p->number);
      add_event (self, LS_TIMELINE_EVENT_HANDSET_CHANGE, lane, sqlite3_column_int64 (stmt, 3), -1,
                 text, sqlite3_column_int64 (stmt, 0));
    }

  g_hash_table_iter_init (&iter, people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      PersonInfo *person = value;

      for (guint j = 1; j < person->phones->len; j++)
        {
          PhoneInfo *p = g_array_index (person->phones, PhoneInfo *, j);
          int lane = ls_timeline_model_lane_of_phone (self, p->id);
          g_autofree char *text = NULL;

          if (p->first < 0 || lane < 0)
            continue;
          text = g_strdup_printf ("New number %s", p->number);
          add_event (self, LS_TIMELINE_EVENT_NUMBER_CHANGE, lane, p->first, -1, text, p->id);
        }
    }

  return TRUE;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const LsTimelineEvent *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->lane < y->lane ? -1 : x->lane > y->lane;
}

static void
index_lanes (LsTimelineModel *self)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_hash_table_remove_all (self->by_key);
  g_hash_table_remove_all (self->by_phone);
  for (guint i = 0; i < self->lanes->len; i++)
    {
      LsTimelineLane *lane = &g_array_index (self->lanes, LsTimelineLane, i);

      g_hash_table_insert (self->by_key, lane->key, GUINT_TO_POINTER (i + 1));
      for (guint j = 0; j < lane->phone_ids->len; j++)
        {
          gint64 *id = &g_array_index (lane->phone_ids, gint64, j);

          g_hash_table_insert (self->by_phone, id, GUINT_TO_POINTER (i + 1));
          g_string_append_printf (list, "%s%" G_GINT64_FORMAT, list->len ? "," : "", *id);
        }
    }
  g_free (self->phone_list);
  self->phone_list = g_string_free (g_steal_pointer (&list), FALSE);
}

LsTimelineModel *
ls_timeline_model_build (sqlite3             *db,
                         LsTimelineLaneMode   mode,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(LsTimelineModel) self = g_new0 (LsTimelineModel, 1);
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, person_info_free);
  g_autoptr(GHashTable) phones = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, phone_info_free);

  g_return_val_if_fail (db != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->cache_lock);
  self->mode = mode;
  self->lanes = g_array_new (FALSE, FALSE, sizeof (LsTimelineLane));
  g_array_set_clear_func (self->lanes, lane_clear);
  self->events = g_array_new (FALSE, FALSE, sizeof (LsTimelineEvent));
  g_array_set_clear_func (self->events, event_clear);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_phone = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->cache = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_timeline_bins_unref);
  self->first = ls_sqlite_query_int (db, "SELECT min(start) FROM calls", -1);
  self->last = ls_sqlite_query_int (db, "SELECT max(start) FROM calls", -1);

  ls_timeline_watch_cancel (db, cancellable);
  if (!load_people (db, people, error) ||
      !load_phones (db, phones, error) ||
      !load_phone_activity (db, phones, error) ||
      !mark_people_with_events (db, people, error))
    goto failed;
  build_lanes (self, people, phones);
  ls_timeline_model_sort_lanes (self, NULL);
  place_people (self, people);
  if (!load_events (self, db, people, error) ||
      !load_changes (self, db, people, phones, error))
    goto failed;
  g_array_sort (self->events, compare_events);
  ls_timeline_watch_cancel (db, NULL);

  return g_steal_pointer (&self);

failed:
  ls_timeline_watch_cancel (db, NULL);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
    }
  return NULL;
}

/* g_array_sort() has no user data: the rank is passed here, under a lock. */
G_LOCK_DEFINE_STATIC (sort_rank);
static GHashTable *sort_rank;

/* A phone's lane takes its owner's rank when it has none of its own. */
static guint
lane_rank (const LsTimelineLane *lane)
{
  guint r;

  if (sort_rank == NULL)
    return 0;
  r = GPOINTER_TO_UINT (g_hash_table_lookup (sort_rank, lane->key));
  if (r == 0)
    r = GPOINTER_TO_UINT (g_hash_table_lookup (sort_rank, lane->select_key));
  return r;
}

static int
compare_lanes (gconstpointer a,
               gconstpointer b)
{
  const LsTimelineLane *x = a, *y = b;
  guint rx = lane_rank (x), ry = lane_rank (y);
  gint64 fx = x->first < 0 ? G_MAXINT64 : x->first, fy = y->first < 0 ? G_MAXINT64 : y->first;

  if (rx != ry)
    return rx == 0 ? 1 : ry == 0 ? -1 : (rx < ry ? -1 : 1);
  if (fx != fy)
    return fx < fy ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

void
ls_timeline_model_sort_lanes (LsTimelineModel *self,
                              GHashTable      *rank)
{
  g_autofree char **old_keys = g_new0 (char *, self->lanes->len + 1);
  g_autofree guint *remap = g_new0 (guint, self->lanes->len);

  g_return_if_fail (self != NULL);

  for (guint i = 0; i < self->lanes->len; i++)
    old_keys[i] = g_array_index (self->lanes, LsTimelineLane, i).key;
  G_LOCK (sort_rank);
  sort_rank = rank;
  g_array_sort (self->lanes, compare_lanes);
  sort_rank = NULL;
  G_UNLOCK (sort_rank);
  index_lanes (self);

  for (guint i = 0; old_keys[i]; i++)
    remap[i] = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_key, old_keys[i])) - 1;
  for (guint j = 0; j < self->events->len; j++)
    {
      LsTimelineEvent *e = &g_array_index (self->events, LsTimelineEvent, j);
      e->lane = remap[e->lane];
    }
}

GHashTable *
ls_timeline_rank_by_role (LsAnalysis *analysis)
{
  GHashTable *rank = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  static const guint by_role[] = {
    [LS_ROLE_HEAD] = 1, [LS_ROLE_LINE_HOLDER] = 2, [LS_ROLE_DEAL_LINE] = 3,
    [LS_ROLE_RUNNER] = 4, [LS_ROLE_NONE] = 5, [LS_ROLE_CUSTOMER] = 6,
  };

  g_return_val_if_fail (analysis != NULL, rank);

  for (guint i = 0; i < ls_analysis_get_n_nodes (analysis); i++)
    {
      const LsAnalysisNode *node = ls_analysis_get_node (analysis, i);

      if (node->role < G_N_ELEMENTS (by_role) && by_role[node->role] > 0)
        g_hash_table_insert (rank, g_strdup (node->key), GUINT_TO_POINTER (by_role[node->role]));
    }

  return rank;
}

gboolean
ls_timeline_model_is_sorted (LsTimelineModel *self,
                             GHashTable      *rank)
{
  gboolean sorted = TRUE;

  g_return_val_if_fail (self != NULL, TRUE);

  G_LOCK (sort_rank);
  sort_rank = rank;
  for (guint i = 1; i < self->lanes->len && sorted; i++)
    sorted = compare_lanes (&g_array_index (self->lanes, LsTimelineLane, i - 1),
                            &g_array_index (self->lanes, LsTimelineLane, i)) <= 0;
  sort_rank = NULL;
  G_UNLOCK (sort_rank);

  return sorted;
}

LsTimelineLaneMode
ls_timeline_model_get_mode (LsTimelineModel *self)
{
  return self->mode;
}

guint
ls_timeline_model_get_n_lanes (LsTimelineModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->lanes->len;
}

const LsTimelineLane *
ls_timeline_model_get_lane (LsTimelineModel *self,
                            guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->lanes->len, NULL);

  return &g_array_index (self->lanes, LsTimelineLane, index);
}

int
ls_timeline_model_find_lane (LsTimelineModel *self,
                             const char      *key)
{
  g_return_val_if_fail (self != NULL, -1);

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->by_key, key)) - 1;
}

int
ls_timeline_model_lane_of_phone (LsTimelineModel *self,
                                 gint64           phone_id)
{
  g_return_val_if_fail (self != NULL, -1);

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->by_phone, &phone_id)) - 1;
}

guint
ls_timeline_model_get_n_events (LsTimelineModel *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->events->len;
}

const LsTimelineEvent *
ls_timeline_model_get_event (LsTimelineModel *self,
                             guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->events->len, NULL);

  return &g_array_index (self->events, LsTimelineEvent, index);
}

void
ls_timeline_model_get_extent (LsTimelineModel *self,
                              gint64          *first,
                              gint64          *last)
{
  g_return_if_fail (self != NULL);

  if (first)
    *first = self->first;
  if (last)
    *last = self->last;
}

LsTimelineBins *
ls_timeline_model_lookup_bins (LsTimelineModel *self,
                               gint64           bin,
                               gint64           from,
                               gint64           to)
{
  LsTimelineBins *found = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_mutex_lock (&self->cache_lock);
  for (guint i = self->cache->len; i > 0 && found == NULL; i--)
    {
      LsTimelineBins *bins = g_ptr_array_index (self->cache, i - 1);
      guint n = ls_timeline_bins_get_n_bins (bins);

      if (ls_timeline_bins_get_bin_size (bins) == bin &&
          ls_timeline_bins_get_start (bins, 0) <= from &&
          ls_timeline_bins_get_start (bins, n) >= to)
        found = ls_timeline_bins_ref (bins);
    }
  g_mutex_unlock (&self->cache_lock);

  return found;
}

void
ls_timeline_model_store_bins (LsTimelineModel *self,
                              LsTimelineBins  *bins)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (bins != NULL);

  g_mutex_lock (&self->cache_lock);
  g_ptr_array_add (self->cache, ls_timeline_bins_ref (bins));
  if (self->cache->len > CACHE_SIZE)
    g_ptr_array_remove_index (self->cache, 0);
  g_mutex_unlock (&self->cache_lock);
}

void
ls_timeline_model_fetch_span (LsTimelineModel *self,
                              gint64           bin,
                              gint64           from,
                              gint64           to,
                              gint64          *fetch_from,
                              gint64          *fetch_to)
{
  gint64 first = self->first, last = self->last + 1;
  gint64 width = to - from;

  g_return_if_fail (self != NULL);

  /* A whole-case query costs a scan of every call: worth it only for the
   * coarse levels a person zooms out to; finer ones fetch near the view. */
  if (first >= 0 && (last - first) / bin <= 1000 && from >= first - width && to <= last + width)
    {
      *fetch_from = MIN (first, from);
      *fetch_to = MAX (last, to);
      return;
    }
  *fetch_from = from - width;
  *fetch_to = to + width;
}
