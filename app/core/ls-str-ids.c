/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An import looks up five short strings for each of a million rows. In a
 * GHashTable each lookup reads the hash, the key pointer, the key and the
 * value from four places in memory, which are rarely still in the
 * processor's caches while SQLite works through its page cache: a third
 * of the writing thread's time went there. Here a slot holds the hash,
 * the id and (up to 16 bytes) the key itself, in 32 bytes: a lookup is one
 * read of memory, then a comparison. (Slots of hashes alone, pointing
 * into an array of keys, were slower: two reads a lookup.) */
#define G_LOG_DOMAIN "ls-str-ids"
#include "config.h"

#include <string.h>

#include "ls-str-ids.h"

#define INLINE_KEY 16
#define FIRST_SIZE 1024

typedef struct {
  guint32 hash;       /* 0: the slot is empty */
  guint32 len;
  gint64  id;
  union {
    char  bytes[INLINE_KEY];
    char *heap;       /* len > INLINE_KEY */
  } key;
} Slot;

G_STATIC_ASSERT (sizeof (Slot) == 32);

struct _LsStrIds
{
  Slot  *slots;
  gsize  mask;        /* size - 1; the size is a power of two */
  guint  n;
};

static guint64
mix (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

static guint32
hash_key (const char *key,
          gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ len;
  guint32 folded;

  for (; len >= 8; key += 8, len -= 8)
    {
      guint64 word;

      memcpy (&word, key, 8);
      h = mix (h ^ word);
    }
  if (len > 0)
    {
      guint64 word = 0;

      memcpy (&word, key, len);
      h = mix (h ^ word);
    }

  folded = (guint32) (h ^ (h >> 32));
  return folded != 0 ? folded : 1;
}

static const char *
slot_key (const Slot *slot)
{
  return slot->len > INLINE_KEY ? slot->key.heap : slot->key.bytes;
}

LsStrIds *
ls_str_ids_new (void)
{
  LsStrIds *self = g_new0 (LsStrIds, 1);

  self->slots = g_new0 (Slot, FIRST_SIZE);
  self->mask = FIRST_SIZE - 1;
  return self;
}

void
ls_str_ids_free (LsStrIds *self)
{
  if (self == NULL)
    return;

  for (gsize i = 0; i <= self->mask; i++)
    if (self->slots[i].hash != 0 && self->slots[i].len > INLINE_KEY)
      g_free (self->slots[i].key.heap);
  g_free (self->slots);
  g_free (self);
}

/* The slot of KEY, or the empty slot where it would go. */
static Slot *
find (const LsStrIds *self,
      const char     *key,
      gsize           len,
      guint32         hash)
{
  for (gsize i = hash & self->mask; ; i = (i + 1) & self->mask)
    {
      Slot *slot = &self->slots[i];

      if (slot->hash == 0 ||
          (slot->hash == hash && slot->len == len && memcmp (slot_key (slot), key, len) == 0))
        return slot;
    }
}

static void
grow (LsStrIds *self)
{
  Slot *old = self->slots;
  gsize old_size = self->mask + 1;

  self->slots = g_new0 (Slot, old_size * 2);
  self->mask = old_size * 2 - 1;
  for (gsize i = 0; i < old_size; i++)
    {
      if (old[i].hash != 0)
        {
          gsize j = old[i].hash & self->mask;

          while (self->slots[j].hash != 0)
            j = (j + 1) & self->mask;
          self->slots[j] = old[i];
        }
    }
  g_free (old);
}

/* The id KEY was given, or -1. */
gint64
ls_str_ids_lookup (LsStrIds   *self,
                   const char *key)
{
  gsize len = strlen (key);
  Slot *slot;

  g_return_val_if_fail (len <= G_MAXUINT32, -1);

  slot = find (self, key, len, hash_key (key, len));
  return slot->hash != 0 ? slot->id : -1;
}

/* Gives KEY the id ID; -1 makes it unknown again. */
void
ls_str_ids_set (LsStrIds   *self,
                const char *key,
                gint64      id)
{
  gsize len = strlen (key);
  guint32 hash;
  Slot *slot;

  g_return_if_fail (len <= G_MAXUINT32);

  hash = hash_key (key, len);
  slot = find (self, key, len, hash);
  if (slot->hash == 0)
    {
      /* At most half full, so that runs of full slots stay short. */
      if ((self->n + 1) * 2 > self->mask + 1)
        {
          grow (self);
          slot = find (self, key, len, hash);
        }
      slot->hash = hash;
      slot->len = len;
      if (len > INLINE_KEY)
        slot->key.heap = g_strndup (key, len);
      else
        memcpy (slot->key.bytes, key, len);
      self->n++;
    }
  slot->id = id;
}

/* How many keys it has had, forgotten ones too. */
guint
ls_str_ids_size (LsStrIds *self)
{
  return self->n;
}

/* ---- LsIdSet ---- */

struct _LsIdSet
{
  guint64  *slots;    /* 0: empty; the value 0 is kept in has_zero */
  gsize     mask;
  gsize     n;
  gboolean  has_zero;
};

/* Room for EXPECTED values without growing, at most half full. */
LsIdSet *
ls_id_set_new (gsize expected)
{
  LsIdSet *self = g_new0 (LsIdSet, 1);
  gsize size = FIRST_SIZE;

  while (size / 2 < expected && size < G_MAXSIZE / 4)
    size *= 2;
  self->slots = g_new0 (guint64, size);
  self->mask = size - 1;
  return self;
}

void
ls_id_set_free (LsIdSet *self)
{
  if (self == NULL)
    return;

  g_free (self->slots);
  g_free (self);
}

static void
set_insert (guint64 *slots,
            gsize    mask,
            guint64  value)
{
  gsize i = mix (value) & mask;

  while (slots[i] != 0)
    i = (i + 1) & mask;
  slots[i] = value;
}

/* TRUE when VALUE was not in the set yet. */
gboolean
ls_id_set_add (LsIdSet *self,
               guint64  value)
{
  if (value == 0)
    {
      gboolean added = !self->has_zero;

      self->has_zero = TRUE;
      self->n += added;
      return added;
    }

  for (gsize i = mix (value) & self->mask; self->slots[i] != 0; i = (i + 1) & self->mask)
    if (self->slots[i] == value)
      return FALSE;

  if ((self->n + 1) * 2 > self->mask + 1)
    {
      guint64 *old = self->slots;
      gsize old_size = self->mask + 1;

      self->slots = g_new0 (guint64, old_size * 2);
      self->mask = old_size * 2 - 1;
      for (gsize i = 0; i < old_size; i++)
        if (old[i] != 0)
          set_insert (self->slots, self->mask, old[i]);
      g_free (old);
    }

  set_insert (self->slots, self->mask, value);
  self->n++;
  return TRUE;
}

gsize
ls_id_set_size (LsIdSet *self)
{
  return self->n;
}

/* Starts bringing the place of VALUE into the processor's cache, for an
 * ls_id_set_add() of it a little later. */
void
ls_id_set_prefetch (LsIdSet *self,
                    guint64  value)
{
#if defined(__GNUC__)
  __builtin_prefetch (&self->slots[mix (value) & self->mask], 1);
#endif
}
