/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The world the demo simulates: cells, people, phones, handsets, the deal
 * line's numbers, customers and where each of the cast is on each day. It is
 * built from the seed alone (no clock), so the same seed gives the same
 * world, and the planted truth (LsDemoTruth) is read from it. */
#define G_LOG_DOMAIN "ls-demo"
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ls-demo-cast.h"
#include "ls-time.h"

/* Ofcom keeps 07700 900000-900999 for drama: the cast, the deal line and as
 * many others as fit take numbers from there. */
#define DRAMA_MOBILES 1000
#define MOBILE_SUFFIXES 100000
#define DRAMA_KEEP 900

static const char * const tacs[] = {
  "35391510", "35875309", "35290611", "86756004", "35438108", "35209810", "35674108", "35332509",
};
static const char * const mncs[] = { "10", "15", "20", "30", "33" };

const char *
demo_role_to_string (DemoRole role)
{
  static const char * const names[] = {
    [ROLE_HEAD] = "head",
    [ROLE_LINE_HOLDER] = "line-holder",
    [ROLE_RUNNER] = "runner",
    [ROLE_CUSTOMER] = "customer",
    [ROLE_ASSOCIATE] = "associate",
    [ROLE_CUCKOOED] = "cuckooed",
    [ROLE_NONE] = NULL,
    [ROLE_DEAL_LINE] = NULL,
  };

  return names[role];
}

int
demo_day_of (const char *date)
{
  g_autoptr(GDate) first = g_date_new_dmy (1, DEMO_MONTH, DEMO_YEAR);
  g_autoptr(GDate) when = g_date_new ();
  int y, m, d;

  if (sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    g_assert_not_reached ();
  g_date_set_dmy (when, d, m, y);

  return g_date_days_between (first, when);
}

static gint64
local_time (const char *stamp)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, mo, d, h, mi;

  if (sscanf (stamp, "%d-%d-%d %d:%d", &y, &mo, &d, &h, &mi) != 5)
    g_assert_not_reached ();
  dt = g_date_time_new (ls_time_zone_london (), y, mo, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

int
demo_secs_of (const char *stamp)
{
  int h = 0, mi = 0;

  if (sscanf (stamp, "%*d-%*d-%*d %d:%d", &h, &mi) != 2)
    g_assert_not_reached ();

  return h * 3600 + mi * 60;
}

/* Local midnights, and by how much the clocks change later that day, so
 * that "21:00 local" is right on both sides of the switch to BST. */
static void
init_days (DemoWorld *world)
{
  g_autoptr(GDateTime) first = g_date_time_new (ls_time_zone_london (), DEMO_YEAR, DEMO_MONTH, 1, 0, 0, 0);

  for (int d = 0; d <= DEMO_DAYS; d++)
    {
      g_autoptr(GDateTime) midnight = g_date_time_add_days (first, d);
      g_autoptr(GDateTime) noon = g_date_time_add_hours (midnight, 12);

      world->day_start[d] = g_date_time_to_unix (midnight);
      world->day_shift[d] = (gint32) ((g_date_time_get_utc_offset (midnight) -
                                       g_date_time_get_utc_offset (noon)) / G_USEC_PER_SEC);
    }
}

gint64
demo_world_time (DemoWorld *world,
                 int        day,
                 int        secs)
{
  return world->day_start[day] + secs + (secs >= 2 * 3600 ? world->day_shift[day] : 0);
}

static void
init_cells (DemoWorld *world)
{
  static const int lacs[N_AREAS] = {
    [AREA_LONDON] = 1201, [AREA_NORWICH] = 5210, [AREA_YARMOUTH] = 5230,
    [AREA_IPSWICH] = 5410, [AREA_ROAD] = 4102,
  };

  world->sites = demo_sites;
  world->n_sites = N_SITES;
  world->cells = g_array_new (FALSE, TRUE, sizeof (DemoCell));
  world->site_cells = g_new0 (int, N_SITES);

  for (int s = 0; s < N_SITES; s++)
    {
      const DemoSite *site = &demo_sites[s];

      world->site_cells[s] = world->cells->len;
      for (int k = 0; k < site->sectors; k++)
        {
          DemoCell cell = { 0 };

          g_snprintf (cell.ref, sizeof cell.ref, "234-15-%d-%d", lacs[site->area], 10000 + s * 10 + k + 1);
          g_snprintf (cell.name, sizeof cell.name, "%s %c", site->name, 'A' + k);
          cell.site = s;
          cell.lat = site->lat;
          cell.lon = site->lon;
          cell.azimuth = fmod ((s * 37) % 120 + k * (360.0 / site->sectors), 360.0);
          g_array_append_val (world->cells, cell);
        }
    }
}

typedef struct {
  guint8 mobile[MOBILE_SUFFIXES];
  guint8 landline[1000];
  int    drama_used;
} NumberPool;

static void
alloc_mobile (NumberPool *pool,
              GRand      *rand,
              char        number[16])
{
  int n;

  do
    n = pool->drama_used < DRAMA_KEEP ? g_rand_int_range (rand, 0, DRAMA_MOBILES)
                                      : g_rand_int_range (rand, DRAMA_MOBILES, MOBILE_SUFFIXES);
  while (pool->mobile[n]);
  pool->mobile[n] = 1;
  if (n < DRAMA_MOBILES)
    pool->drama_used++;
  g_snprintf (number, 16, "+4477009%05d", n);
}

static void
alloc_landline (NumberPool *pool,
                GRand      *rand,
                char        number[16])
{
  int n;

  do
    n = g_rand_int_range (rand, 0, 1000);
  while (pool->landline[n]);
  pool->landline[n] = 1;
  g_snprintf (number, 16, "+441632960%03d", n);
}

static int
add_phone (DemoWorld  *world,
           NumberPool *pool,
           GRand      *rand,
           DemoRole    role,
           gboolean    landline)
{
  DemoPhone phone = { 0 };

  if (landline)
    alloc_landline (pool, rand, phone.number);
  else
    alloc_mobile (pool, rand, phone.number);
  phone.role = role;
  phone.person = -1;
  phone.user = -1;
  phone.customer = -1;
  phone.site = -1;
  phone.handset[0] = phone.handset[1] = -1;
  phone.swap_at = G_MAXINT64;
  g_array_append_val (world->phones, phone);

  return world->phones->len - 1;
}

/* An IMEI is a type allocation code, a serial number and a Luhn check digit. */
static void
make_imei (GRand *rand,
           char   imei[16])
{
  int sum = 0;

  g_snprintf (imei, 16, "%s%06d", tacs[g_rand_int_range (rand, 0, G_N_ELEMENTS (tacs))],
              g_rand_int_range (rand, 0, 1000000));
  for (int i = 0; i < 14; i++)
    {
      int digit = imei[i] - '0';

      if (i % 2 == 1)
        {
          digit *= 2;
          if (digit > 9)
            digit -= 9;
        }
      sum += digit;
    }
  imei[14] = '0' + (10 - sum % 10) % 10;
  imei[15] = '\0';
}

static int
add_handset (DemoWorld *world,
             GRand     *rand,
             int        phone,
             const char *imsi,
             gint64     first_seen,
             gint64     last_seen)
{
  DemoHandset handset = { 0 };

  make_imei (rand, handset.imei);
  if (imsi)
    g_strlcpy (handset.imsi, imsi, sizeof handset.imsi);
  else
    g_snprintf (handset.imsi, sizeof handset.imsi, "234%s%05d%05d",
                mncs[g_rand_int_range (rand, 0, G_N_ELEMENTS (mncs))],
                g_rand_int_range (rand, 0, 100000), g_rand_int_range (rand, 0, 100000));
  handset.phone = phone;
  handset.first_seen = first_seen;
  handset.last_seen = last_seen;
  g_array_append_val (world->handsets, handset);

  return world->handsets->len - 1;
}

/* A small fixed offset from the mast, so people do not all live on it. */
static void
offset_home (const char *name,
             double     *lat,
             double     *lon)
{
  guint h = g_str_hash (name);

  *lat += ((h % 1000) / 1000.0 - 0.5) * 0.012;
  *lon += (((h / 1000) % 1000) / 1000.0 - 0.5) * 0.018;
}

static void
init_cast (DemoWorld  *world,
           NumberPool *pool,
           GRand      *rand)
{
  gint64 first = world->day_start[0];
  gint64 last = world->day_start[DEMO_DAYS] - 1;

  for (int i = 0; i < N_CAST; i++)
    {
      const DemoCastDef *def = &demo_cast[i];
      DemoPerson person = { 0 };
      DemoPhone *phone;

      g_strlcpy (person.name, def->name, sizeof person.name);
      person.aliases = def->aliases;
      if (def->dob)
        g_strlcpy (person.dob, def->dob, sizeof person.dob);
      person.gender = def->gender;
      g_strlcpy (person.address, def->address, sizeof person.address);
      person.lat = demo_sites[def->site].lat;
      person.lon = demo_sites[def->site].lon;
      offset_home (def->name, &person.lat, &person.lon);
      person.notes = def->notes;
      person.role = def->role;
      person.child = def->child;
      person.legitimate = def->legitimate;
      person.home_site = def->site;
      person.vulnerable = def->role == ROLE_CUCKOOED;
      person.days = g_new0 (DemoDay, DEMO_DAYS);
      for (int d = 0; d < DEMO_DAYS; d++)
        person.days[d].area = demo_sites[def->site].area;

      person.phone = add_phone (world, pool, rand, def->role, i == C_STAR_CARS);
      phone = demo_phone (world, person.phone);
      phone->person = phone->user = i;
      phone->attributed = TRUE;
      phone->handset[0] = i == C_STAR_CARS ? -1 : add_handset (world, rand, person.phone, NULL, first, last);

      person.burner = -1;
      if (def->burner)
        {
          person.burner = add_phone (world, pool, rand, def->role, FALSE);
          phone = demo_phone (world, person.burner);
          phone->user = i;
          phone->handset[0] = add_handset (world, rand, person.burner, NULL, first, last);
        }
      g_array_append_val (world->people, person);
    }

  for (guint i = 0; i < G_N_ELEMENTS (demo_cuckoos); i++)
    {
      DemoPerson *p = demo_person (world, demo_cuckoos[i].person);

      p->lat = demo_cuckoos[i].lat;
      p->lon = demo_cuckoos[i].lon;
      world->cuckooed[i] = demo_cuckoos[i].person;
    }

  world->holders[0] = C_JERMAINE;
  world->holders[1] = C_TYRESE;
  world->holders[2] = C_DARNELL;
  world->taxi = C_STAR_CARS;
  world->driver = C_MICK;

  /* One runner's work phone gets a new handset part-way through. */
  {
    DemoPerson *ryan = demo_person (world, C_RYAN);
    DemoPhone *burner = demo_phone (world, ryan->burner);
    DemoHandset *old = &g_array_index (world->handsets, DemoHandset, burner->handset[0]);
    int swap_day = g_rand_int_range (rand, 60, 120);
    char imsi[16];

    g_strlcpy (imsi, old->imsi, sizeof imsi);
    burner->swap_at = world->day_start[swap_day] + 12 * 3600;
    old->last_seen = burner->swap_at - 1;
    burner->handset[1] = add_handset (world, rand, ryan->burner, imsi, burner->swap_at, last);
  }
}

/* The deal line keeps a number for three to five weeks; each new number
 * comes in a new handset with a new SIM, and now and then the handset is
 * swapped while the number stays. */
static void
init_deal_line (DemoWorld  *world,
                NumberPool *pool,
                GRand      *rand)
{
  int day = 0;

  world->deal = g_array_new (FALSE, TRUE, sizeof (DemoDealPeriod));
  while (day < DEMO_DAYS)
    {
      DemoDealPeriod period = { 0 };
      DemoPhone *phone;
      int length = g_rand_int_range (rand, 21, 36);

      if (DEMO_DAYS - (day + length) < 14)
        length = DEMO_DAYS - day;
      period.first_day = day;
      period.last_day = day + length - 1;
      period.phone = add_phone (world, pool, rand, ROLE_DEAL_LINE, FALSE);
      phone = demo_phone (world, period.phone);
      if (world->deal->len == 0)
        phone->notes = "Crimestoppers: the number given for the “Taz” line.";
      phone->handset[0] = add_handset (world, rand, period.phone, NULL,
                                       world->day_start[period.first_day],
                                       world->day_start[period.last_day + 1] - 1);
      if (length > 20 && g_rand_boolean (rand))
        {
          DemoHandset *old = &g_array_index (world->handsets, DemoHandset, phone->handset[0]);
          int swap_day = period.first_day + g_rand_int_range (rand, 7, length - 7);
          char imsi[16];

          g_strlcpy (imsi, old->imsi, sizeof imsi);
          phone->swap_at = world->day_start[swap_day] + g_rand_int_range (rand, 9, 14) * 3600;
          old->last_seen = phone->swap_at - 1;
          phone->handset[1] = add_handset (world, rand, period.phone, imsi, phone->swap_at,
                                           world->day_start[period.last_day + 1] - 1);
        }
      g_array_append_val (world->deal, period);
      day += length;
    }
}

/* Sites are listed area by area in demo_sites. */
static int
random_area_site (GRand    *rand,
                  DemoArea  area)
{
  static const int first[N_AREAS] = {
    [AREA_LONDON] = S_TOTTENHAM, [AREA_ROAD] = S_HARLOW, [AREA_NORWICH] = S_NORWICH,
    [AREA_YARMOUTH] = S_YARMOUTH, [AREA_IPSWICH] = S_IPSWICH,
  };
  static const int count[N_AREAS] = {
    [AREA_LONDON] = S_ROMFORD - S_TOTTENHAM + 1, [AREA_ROAD] = S_COLCHESTER - S_HARLOW + 1,
    [AREA_NORWICH] = S_HEARTSEASE - S_NORWICH + 1, [AREA_YARMOUTH] = S_COBHOLM - S_YARMOUTH + 1,
    [AREA_IPSWICH] = S_RAVENSWOOD - S_IPSWICH + 1,
  };

  return first[area] + g_rand_int_range (rand, 0, count[area]);
}

int
demo_world_random_site (DemoWorld *world,
                        DemoArea   area,
                        GRand     *rand)
{
  return random_area_site (rand, area);
}

static void
add_named_customer (DemoWorld    *world,
                    GRand        *rand,
                    GHashTable   *taken,
                    DemoCustomer *customer)
{
  DemoPerson person = { 0 };
  gboolean female = g_rand_boolean (rand);
  const char * const *firsts = female ? demo_female_names : demo_male_names;
  guint n_first = g_strv_length ((char **) firsts);
  guint n_last = g_strv_length ((char **) demo_surnames);
  const DemoSite *site = &demo_sites[customer->site];

  do
    g_snprintf (person.name, sizeof person.name, "%s %s",
                firsts[g_rand_int_range (rand, 0, n_first)],
                demo_surnames[g_rand_int_range (rand, 0, n_last)]);
  while (g_hash_table_contains (taken, person.name));
  g_hash_table_add (taken, g_strdup (person.name));

  g_snprintf (person.dob, sizeof person.dob, "%04d-%02d-%02d", g_rand_int_range (rand, 1966, 2001),
              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  person.gender = female ? "female" : "male";
  g_snprintf (person.address, sizeof person.address, "%s", site->name);
  person.lat = site->lat + (g_rand_double (rand) - 0.5) * 0.006;
  person.lon = site->lon + (g_rand_double (rand) - 0.5) * 0.009;
  person.role = ROLE_CUSTOMER;
  person.home_site = customer->site;
  person.phone = customer->phone;
  person.burner = -1;
  g_array_append_val (world->people, person);

  customer->person = world->people->len - 1;
}

/* Customers live in the three towns (most in Norwich), use at very
 * different rates, and some start or stop buying part-way through. */
static void
init_customers (DemoWorld  *world,
                NumberPool *pool,
                GRand      *rand)
{
  int n = MAX (1, (int) round (160 * world->scale));
  int named = MIN (n / 8, 300);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < N_CAST; i++)
    g_hash_table_add (taken, g_strdup (demo_cast[i].name));

  world->customers = g_array_new (FALSE, TRUE, sizeof (DemoCustomer));
  for (int i = 0; i < n; i++)
    {
      DemoCustomer c = { 0 };
      double kind = g_rand_double (rand);
      DemoPhone *phone;

      gboolean is_named = i % 8 == 3 && i / 8 < named;

      c.area = i < n * 45 / 100 ? AREA_NORWICH : i < n * 75 / 100 ? AREA_YARMOUTH : AREA_IPSWICH;
      c.site = is_named ? demo_area_homes[c.area][g_rand_int_range (rand, 0, 2)]
                        : random_area_site (rand, c.area);
      c.first_day = g_rand_double (rand) < 0.75 ? 0 : g_rand_int_range (rand, 1, 150);
      c.last_day = g_rand_double (rand) < 0.8 ? DEMO_DAYS - 1
                                              : g_rand_int_range (rand, MIN (c.first_day + 14, DEMO_DAYS - 1), DEMO_DAYS);
      c.sure_day = g_rand_int_range (rand, c.first_day, c.last_day + 1);
      if (kind < 0.2)
        c.rate = g_rand_double_range (rand, 0.30, 0.55);
      else if (kind < 0.6)
        c.rate = g_rand_double_range (rand, 0.10, 0.20);
      else
        c.rate = g_rand_double_range (rand, 0.03, 0.07);
      c.person = -1;
      c.phone = add_phone (world, pool, rand, ROLE_CUSTOMER, FALSE);
      phone = demo_phone (world, c.phone);
      phone->customer = i;
      phone->site = c.site;
      if (is_named)
        {
          add_named_customer (world, rand, taken, &c);
          phone = demo_phone (world, c.phone);
          phone->person = phone->user = c.person;
          phone->attributed = TRUE;
        }
      world->areas_customers[c.area]++;
      g_array_append_val (world->customers, c);
    }
}

static void
init_others (DemoWorld  *world,
             NumberPool *pool,
             GRand      *rand)
{
  int n_public = MAX (1, (int) round (80 * world->scale));

  world->public_phones = g_array_new (FALSE, FALSE, sizeof (int));
  for (int i = 0; i < n_public; i++)
    {
      int phone = add_phone (world, pool, rand, ROLE_NONE, FALSE);

      demo_phone (world, phone)->site = random_area_site (rand, AREA_NORWICH);
      g_array_append_val (world->public_phones, phone);
    }

  world->contacts = g_array_new (FALSE, FALSE, sizeof (DemoContact));
  for (guint i = 0; i < demo_n_contacts; i++)
    {
      const DemoContactDef *def = &demo_contacts[i];
      gboolean landline = def->person == C_SUSAN || def->person == C_GRAHAM;
      DemoContact contact = { def->person, add_phone (world, pool, rand, ROLE_NONE, landline), def->rate };

      demo_phone (world, contact.phone)->site = def->site;
      g_array_append_val (world->contacts, contact);
    }
}

static char *
missing_text (const DemoMissingDef *m)
{
  g_autofree char *left = g_strndup (m->leave + 11, 5);
  const char *by = m->person == C_KAI ? "his mother" : m->person == C_TYLER ? "his mother"
                 : m->person == C_LEON ? "his grandmother" : m->person == C_ELLIE ? "her mother"
                 : "his father";

  return g_strdup_printf ("Reported missing by %s; last seen leaving home at %s.", by, left);
}

static void
add_event (DemoWorld  *world,
           gint64      start,
           gint64      end,
           int         person,
           const char *kind,
           const char *place,
           double      lat,
           double      lon,
           char       *text,
           const char *source)
{
  DemoEvent ev = { start, end, person, kind, g_strdup (place), lat != 0.0, lat, lon, text, source };

  g_array_append_val (world->events, ev);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const DemoEvent *ea = a, *eb = b;

  if (ea->start != eb->start)
    return ea->start < eb->start ? -1 : 1;
  return g_strcmp0 (ea->kind, eb->kind);
}

static void
init_events (DemoWorld *world)
{
  world->events = g_array_new (FALSE, TRUE, sizeof (DemoEvent));

  for (guint i = 0; i < demo_n_missing; i++)
    {
      const DemoMissingDef *m = &demo_missing[i];
      DemoPerson *p = demo_person (world, m->person);

      add_event (world, local_time (m->reported), local_time (m->found), m->person,
                 "missing-from-home", p->address, p->lat, p->lon, missing_text (m),
                 "Metropolitan Police missing person report");
      add_event (world, local_time (m->found), -1, m->person, "found-out-of-area", m->place,
                 m->lat, m->lon, g_strdup (m->text), m->source);
    }

  for (guint i = 0; i < demo_n_events; i++)
    {
      const DemoEventDef *e = &demo_events[i];

      add_event (world, local_time (e->start), e->end ? local_time (e->end) : -1, e->person,
                 e->kind, e->place, e->lat, e->lon, g_strdup (e->text), e->source);
    }

  g_array_sort (world->events, compare_events);
}

DemoWorld *
demo_world_new (guint32 seed,
                double  scale)
{
  DemoWorld *world = g_new0 (DemoWorld, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree NumberPool *pool = g_new0 (NumberPool, 1);

  world->seed = seed;
  world->scale = scale;
  world->people = g_array_new (FALSE, TRUE, sizeof (DemoPerson));
  world->phones = g_array_new (FALSE, TRUE, sizeof (DemoPhone));
  world->handsets = g_array_new (FALSE, TRUE, sizeof (DemoHandset));

  init_days (world);
  init_cells (world);
  init_cast (world, pool, rand);
  init_deal_line (world, pool, rand);
  init_customers (world, pool, rand);
  init_others (world, pool, rand);
  demo_world_schedule (world, rand);
  init_events (world);
  world->rota_offset = g_rand_int_range (rand, 0, 3);

  return world;
}

void
demo_world_free (DemoWorld *world)
{
  if (world == NULL)
    return;

  for (guint i = 0; i < world->people->len; i++)
    g_free (demo_person (world, i)->days);
  for (guint i = 0; world->events && i < world->events->len; i++)
    {
      DemoEvent *ev = &g_array_index (world->events, DemoEvent, i);

      g_free (ev->place);
      g_free (ev->text);
    }
  g_clear_pointer (&world->events, g_array_unref);
  g_clear_pointer (&world->people, g_array_unref);
  g_clear_pointer (&world->phones, g_array_unref);
  g_clear_pointer (&world->handsets, g_array_unref);
  g_clear_pointer (&world->customers, g_array_unref);
  g_clear_pointer (&world->deal, g_array_unref);
  g_clear_pointer (&world->public_phones, g_array_unref);
  g_clear_pointer (&world->contacts, g_array_unref);
  g_clear_pointer (&world->cells, g_array_unref);
  g_free (world->site_cells);
  g_free (world);
}

int
demo_world_holder_on (DemoWorld *world,
                      int        day)
{
  return world->holders[(day / 7 + world->rota_offset) % 3];
}

int
demo_world_deal_period (DemoWorld *world,
                        int        day)
{
  for (guint i = 0; i < world->deal->len; i++)
    if (day <= g_array_index (world->deal, DemoDealPeriod, i).last_day)
      return i;

  return world->deal->len - 1;
}

int
demo_world_cell_at (DemoWorld *world,
                    int        site,
                    GRand     *rand)
{
  return world->site_cells[site] + g_rand_int_range (rand, 0, demo_sites[site].sectors);
}
