/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where each of the demo's cast is, day by day and hour by hour: the trips
 * to the county towns (scripted ones first, then random ones so that every
 * town always has a runner from London), and the site a phone uses at a
 * given moment. */
#define G_LOG_DOMAIN "ls-demo"
#include "config.h"

#include "ls-demo-cast.h"

static int
base_for (DemoArea area,
          int      day)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_cuckoos); i++)
    if (demo_cuckoos[i].area == area && day >= demo_day_of (demo_cuckoos[i].from))
      return demo_cast[demo_cuckoos[i].person].site;

  return demo_area_base[area];
}

/* Marks a trip: out on FIRST, back on LAST (or never when LAST is past the
 * end); MISSING_UNTIL is the day a missing child is found, or -1. */
static void
set_trip (DemoWorld *world,
          int        person,
          DemoArea   area,
          int        first,
          int        last,
          int        depart_out,
          int        depart_back,
          int        missing_until)
{
  DemoPerson *p = demo_person (world, person);

  for (int d = MAX (first, 0); d <= MIN (last, DEMO_DAYS - 1); d++)
    {
      DemoDay *day = &p->days[d];

      day->area = area;
      day->base = base_for (area, d);
      if (d == first && first > 0)
        {
          day->state = DAY_OUT;
          day->depart = depart_out;
        }
      else if (d == last)
        {
          day->state = DAY_BACK;
          day->depart = depart_back;
          day->area = area;
        }
      else
        {
          day->state = d <= missing_until ? DAY_MISSING : DAY_IN;
        }
    }
}

static gboolean
is_away (const DemoDay *day)
{
  return day->state != DAY_HOME && day->state != DAY_CUSTODY;
}

static int
runners_in (DemoWorld *world,
            DemoArea   area,
            int        day)
{
  int n = 0;

  for (int i = 0; i < N_CAST; i++)
    {
      DemoPerson *p = demo_person (world, i);

      if (p->role == ROLE_RUNNER && is_away (&p->days[day]) && p->days[day].area == area)
        n++;
    }

  return n;
}

static gboolean
free_for (DemoWorld *world,
          int        person,
          int        first,
          int        last)
{
  DemoPerson *p = demo_person (world, person);

  for (int d = MAX (first, 0); d <= MIN (last, DEMO_DAYS - 1); d++)
    if (p->days[d].state != DAY_HOME)
      return FALSE;

  return TRUE;
}

/* The scripted trips first (missing children, the arrests), then London
 * runners sent out at random so each county town always has one. */
void
demo_world_schedule (DemoWorld *world,
                     GRand     *rand)
{
  static const int pool[] = { C_DWAYNE, C_RYAN, C_CONNOR, C_JORDAN, C_NATHAN };
  int remand;

  for (guint i = 0; i < demo_n_missing; i++)
    {
      const DemoMissingDef *m = &demo_missing[i];
      int found = demo_day_of (m->found);

      set_trip (world, m->person, m->area, demo_day_of (m->leave), found + 1, demo_secs_of (m->leave),
                g_rand_int_range (rand, 10, 15) * 3600, found);
    }

  for (guint i = 0; i < demo_n_trips; i++)
    {
      const DemoTripDef *t = &demo_trips[i];

      set_trip (world, t->person, t->area, demo_day_of (t->first), t->last ? demo_day_of (t->last) : DEMO_DAYS,
                g_rand_int_range (rand, 11, 17) * 3600, g_rand_int_range (rand, 10, 16) * 3600, -1);
    }
  remand = demo_day_of (demo_dwayne_remand);
  for (int d = remand; d < DEMO_DAYS; d++)
    demo_person (world, C_DWAYNE)->days[d].state = DAY_CUSTODY;
  for (guint i = 0; i < world->handsets->len; i++)
    {
      DemoHandset *h = &g_array_index (world->handsets, DemoHandset, i);

      if (h->phone == demo_person (world, C_DWAYNE)->phone || h->phone == demo_person (world, C_DWAYNE)->burner)
        h->last_seen = MIN (h->last_seen, world->day_start[remand] - 1);
    }

  for (int d = 0; d < DEMO_DAYS; d++)
    for (DemoArea area = AREA_NORWICH; area <= AREA_IPSWICH; area++)
      {
        int length = g_rand_int_range (rand, 4, 11);
        int start = g_rand_int_range (rand, 0, G_N_ELEMENTS (pool));

        if (runners_in (world, area, d) > 0)
          continue;
        for (guint k = 0; k < G_N_ELEMENTS (pool); k++)
          {
            int r = pool[(start + k) % G_N_ELEMENTS (pool)];

            if (free_for (world, r, d - 2, d + length + 1))
              {
                set_trip (world, r, area, d, d + length, g_rand_int_range (rand, 10, 18) * 3600,
                          g_rand_int_range (rand, 10, 17) * 3600, -1);
                break;
              }
          }
      }
}

static int
near_home (int    site,
           GRand *rand)
{
  if (g_rand_int_range (rand, 0, 100) < 70)
    return site;

  return demo_world_random_site (NULL, demo_sites[site].area, rand);
}

/* Nights at the base (a cuckooed home once the line has one), days at the
 * base or meeting customers in the town centre. */
static int
in_town (const DemoDay *day,
         int            secs,
         GRand         *rand)
{
  if (secs < 9 * 3600 || secs >= 23 * 3600 || g_rand_int_range (rand, 0, 100) < 40)
    return day->base;

  return demo_area_meeting[day->area][g_rand_int_range (rand, 0, 2)];
}

static int
on_route (DemoArea area,
          double   fraction)
{
  const DemoRoute *route = &demo_routes[area];
  int i = CLAMP ((int) (fraction * route->n_sites), 0, route->n_sites - 1);

  return route->sites[i];
}

/* The site a person's phone uses at SECS after local midnight of DAY, or -1
 * when the phone is not in use (custody). */
int
demo_world_site_of (DemoWorld *world,
                    int        person,
                    int        day,
                    int        secs,
                    GRand     *rand)
{
  DemoPerson *p = demo_person (world, person);
  const DemoDay *today;
  int duration;

  if (p->days == NULL)
    return near_home (p->home_site, rand);

  today = &p->days[day];
  duration = today->state == DAY_OUT || today->state == DAY_BACK ? demo_routes[today->area].duration : 0;
  switch ((DemoDayState) today->state)
    {
    case DAY_HOME:
      return near_home (p->home_site, rand);
    case DAY_CUSTODY:
      return -1;
    case DAY_IN:
    case DAY_MISSING:
      return in_town (today, secs, rand);
    case DAY_OUT:
      if (secs < today->depart)
        return near_home (p->home_site, rand);
      if (secs < today->depart + duration)
        return on_route (today->area, (secs - today->depart) / (double) duration);
      return in_town (today, secs, rand);
    case DAY_BACK:
      if (secs < today->depart)
        return in_town (today, secs, rand);
      if (secs < today->depart + duration)
        return on_route (today->area, 1.0 - (secs - today->depart) / (double) duration);
      return near_home (p->home_site, rand);
    default:
      g_assert_not_reached ();
    }
}

