/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One day of the demo's calls and messages: customers ringing the deal line,
 * the line's flare messages, orders passed to runners, the line's own
 * chatter, and the ordinary traffic of families and a busy taxi firm. Each
 * caller's cell is where its user is at that moment (ls-demo-world.c). */
#define G_LOG_DOMAIN "ls-demo"
#include "config.h"

#include <math.h>

#include "ls-demo-cast.h"

#define DAY_SECS (24 * 3600)

typedef enum {
  P_CUSTOMER,   /* daytime and evening */
  P_NIGHT,      /* runners: late evening and night */
  P_EVENING,    /* families and friends */
  P_SCHOOL,     /* school hours */
  P_TAXI,
  P_FLARE,
  P_ANY,
  N_PROFILES
} Profile;

/* Relative weight of each hour of the day, local time. */
static const guint8 hour_weights[N_PROFILES][24] = {
  [P_CUSTOMER] = { 2, 1, 1, 0, 0, 0, 0, 1, 2, 3, 5, 6, 7, 7, 6, 6, 7, 8, 9, 10, 10, 9, 7, 4 },
  [P_NIGHT]    = { 8, 7, 6, 4, 2, 1, 0, 0, 1, 2, 3, 4, 5, 5, 5, 5, 6, 6, 7, 8, 9, 10, 10, 9 },
  [P_EVENING]  = { 1, 0, 0, 0, 0, 0, 1, 3, 4, 4, 4, 5, 6, 5, 5, 5, 6, 8, 10, 11, 11, 9, 6, 3 },
  [P_SCHOOL]   = { 0, 0, 0, 0, 0, 0, 0, 1, 4, 8, 9, 8, 9, 9, 8, 5, 0, 0, 0, 0, 0, 0, 0, 0 },
  [P_TAXI]     = { 5, 4, 3, 2, 1, 1, 2, 4, 6, 6, 5, 5, 6, 6, 5, 5, 6, 7, 8, 9, 10, 10, 9, 7 },
  [P_FLARE]    = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 8, 7, 6, 5, 6, 7, 8, 8, 7, 6, 5, 3, 0, 0 },
  [P_ANY]      = { 4, 4, 3, 2, 2, 2, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5 },
};

struct _DemoTraffic
{
  DemoWorld *world;
  GRand     *rand;
  GArray    *calls;
  int        day;
  int        period;
  guint      cumulative[N_PROFILES][24];
  int        present[N_AREAS][N_CAST];   /* runners in each county town today */
  int        n_present[N_AREAS];
  GArray    *active[N_AREAS];            /* customer indices buying today */
};

DemoTraffic *
demo_traffic_new (DemoWorld *world)
{
  DemoTraffic *self = g_new0 (DemoTraffic, 1);

  self->world = world;
  /* A stream of its own, so the world (and the planted truth) does not
   * depend on how many calls were drawn. */
  self->rand = g_rand_new_with_seed (world->seed ^ 0x5bd1e995u);
  for (int p = 0; p < N_PROFILES; p++)
    {
      guint sum = 0;

      for (int h = 0; h < 24; h++)
        self->cumulative[p][h] = sum += hour_weights[p][h];
    }
  for (int a = 0; a < N_AREAS; a++)
    self->active[a] = g_array_new (FALSE, FALSE, sizeof (int));

  return self;
}

void
demo_traffic_free (DemoTraffic *self)
{
  if (self == NULL)
    return;

  for (int a = 0; a < N_AREAS; a++)
    g_array_unref (self->active[a]);
  g_rand_free (self->rand);
  g_free (self);
}

static inline double
uniform (DemoTraffic *self)
{
  return g_rand_double (self->rand);
}

static inline int
between (DemoTraffic *self,
         int          low,
         int          high)
{
  return g_rand_int_range (self->rand, low, high + 1);
}

static int
poisson (DemoTraffic *self,
         double       lambda)
{
  double limit = exp (-lambda), p = 1.0;
  int k = 0;

  do
    {
      k++;
      p *= uniform (self);
    }
  while (p > limit);

  return k - 1;
}

static int
random_secs (DemoTraffic *self,
             Profile      profile)
{
  guint r = g_rand_int_range (self->rand, 0, self->cumulative[profile][23]);
  int hour = 0;

  while (self->cumulative[profile][hour] <= r)
    hour++;

  return hour * 3600 + g_rand_int_range (self->rand, 0, 3600);
}

static int
phone_site (DemoTraffic *self,
            DemoPhone   *phone,
            int          secs)
{
  DemoWorld *world = self->world;

  if (phone->role == ROLE_DEAL_LINE)
    return demo_world_site_of (world, demo_world_holder_on (world, self->day), self->day, secs, self->rand);
  if (phone->user >= 0 && phone->user < N_CAST)
    return demo_world_site_of (world, phone->user, self->day, secs, self->rand);
  if (g_rand_int_range (self->rand, 0, 100) < 70)
    return phone->site;

  return demo_world_random_site (world, demo_sites[phone->site].area, self->rand);
}

/* Records one call or message at SECS after local midnight (wrapped into
 * the day), placed at the caller's cell; nothing when the caller's phone
 * is not in use. */
static void
emit (DemoTraffic *self,
      int          secs,
      int          caller,
      int          callee,
      LsCallKind   kind,
      int          duration)
{
  DemoPhone *from = demo_phone (self->world, caller);
  DemoCall call;
  int site;

  secs = ((secs % DAY_SECS) + DAY_SECS) % DAY_SECS;
  site = phone_site (self, from, secs);
  if (site < 0)
    return;

  call.start = demo_world_time (self->world, self->day, secs);
  call.caller = caller;
  call.callee = callee;
  call.kind = kind;
  call.duration = kind == LS_CALL_KIND_SMS ? 0 : duration;
  call.cell = demo_world_cell_at (self->world, site, self->rand);
  call.handset = from->handset[call.start >= from->swap_at ? 1 : 0];
  g_array_append_val (self->calls, call);
}

/* N calls from A to B at times drawn from PROFILE; SMS_SHARE of them are
 * messages, the rest voice calls of MIN..MAX seconds. */
static void
chatter (DemoTraffic *self,
         int          n,
         int          a,
         int          b,
         Profile      profile,
         double       sms_share,
         int          min,
         int          max)
{
  for (int i = 0; i < n; i++)
    {
      if (uniform (self) < sms_share)
        emit (self, random_secs (self, profile), a, b, LS_CALL_KIND_SMS, 0);
      else
        emit (self, random_secs (self, profile), a, b, LS_CALL_KIND_VOICE, between (self, min, max));
    }
}

static int
line_phone (DemoWorld *world,
            int        person)
{
  DemoPerson *p = demo_person (world, person);

  return p->burner >= 0 ? p->burner : p->phone;
}

static const DemoDay *
today_of (DemoTraffic *self,
          int          person)
{
  return &demo_person (self->world, person)->days[self->day];
}

/* Runners in each county town today: those sent there and the locals. */
static void
find_present (DemoTraffic *self)
{
  DemoWorld *world = self->world;

  for (int a = 0; a < N_AREAS; a++)
    self->n_present[a] = 0;

  for (int i = 0; i < N_CAST; i++)
    {
      DemoPerson *p = demo_person (world, i);
      const DemoDay *day = &p->days[self->day];

      if (p->role != ROLE_RUNNER || day->state == DAY_CUSTODY)
        continue;
      if (day->area >= AREA_NORWICH && day->area <= AREA_IPSWICH)
        self->present[day->area][self->n_present[day->area]++] = i;
    }
}

static int
pick_runner (DemoTraffic *self,
             DemoArea     area)
{
  if (self->n_present[area] == 0)
    return -1;

  return self->present[area][g_rand_int_range (self->rand, 0, self->n_present[area])];
}

/* A customer rings (sometimes texts first) the deal line; the line may
 * answer by text and pass the order to a runner in that town, who may ring
 * the customer to meet. In the first days of a new number some customers
 * still try the old one, which no longer answers. */
static void
purchase (DemoTraffic  *self,
          DemoCustomer *c)
{
  DemoWorld *world = self->world;
  DemoDealPeriod *period = &g_array_index (world->deal, DemoDealPeriod, self->period);
  int deal = period->phone;
  int secs = random_secs (self, P_CUSTOMER);
  int runner;

  if (self->period > 0 && self->day - period->first_day < 4 && uniform (self) < 0.3)
    emit (self, secs - between (self, 300, 900), c->phone,
          g_array_index (world->deal, DemoDealPeriod, self->period - 1).phone, LS_CALL_KIND_VOICE, 0);
  if (uniform (self) < 0.25)
    emit (self, secs - between (self, 60, 300), c->phone, deal, LS_CALL_KIND_SMS, 0);
  emit (self, secs, c->phone, deal, LS_CALL_KIND_VOICE, between (self, 8, 45));
  if (uniform (self) < 0.15)
    emit (self, secs + between (self, 120, 600), c->phone, deal, LS_CALL_KIND_VOICE, between (self, 5, 20));
  if (uniform (self) < 0.35)
    emit (self, secs + between (self, 30, 300), deal, c->phone, LS_CALL_KIND_SMS, 0);

  runner = pick_runner (self, c->area);
  if (runner < 0)
    return;
  if (uniform (self) < 0.5)
    emit (self, secs + between (self, 60, 240), deal, line_phone (world, runner), LS_CALL_KIND_SMS, 0);
  if (uniform (self) < 0.3)
    emit (self, secs + between (self, 600, 1800), line_phone (world, runner), c->phone,
          LS_CALL_KIND_VOICE, between (self, 10, 40));
}

static void
customers (DemoTraffic *self)
{
  DemoWorld *world = self->world;

  for (int a = 0; a < N_AREAS; a++)
    g_array_set_size (self->active[a], 0);

  for (guint i = 0; i < world->customers->len; i++)
    {
      DemoCustomer *c = &g_array_index (world->customers, DemoCustomer, i);
      int index = i;

      if (self->day < c->first_day || self->day > c->last_day)
        continue;
      g_array_append_val (self->active[c->area], index);
      if (uniform (self) < c->rate || self->day == c->sure_day)
        purchase (self, c);
    }
}

/* A flare: the same text from the deal line to a town's customers, one
 * every few seconds. */
static void
burst (DemoTraffic *self,
       DemoArea     area,
       int          secs,
       double       reach)
{
  DemoWorld *world = self->world;
  int deal = g_array_index (world->deal, DemoDealPeriod, self->period).phone;
  GArray *active = self->active[area];

  for (guint i = 0; i < active->len; i++)
    {
      DemoCustomer *c = &g_array_index (world->customers, DemoCustomer, g_array_index (active, int, i));

      if (uniform (self) >= reach)
        continue;
      emit (self, secs, deal, c->phone, LS_CALL_KIND_SMS, 0);
      secs += between (self, 1, 4);
    }
}

static DemoArea
weighted_area (DemoTraffic *self)
{
  DemoWorld *world = self->world;
  int total = 0, r;

  for (DemoArea a = AREA_NORWICH; a <= AREA_IPSWICH; a++)
    total += world->areas_customers[a];
  r = g_rand_int_range (self->rand, 0, MAX (total, 1));
  for (DemoArea a = AREA_NORWICH; a <= AREA_IPSWICH; a++)
    {
      if (r < world->areas_customers[a])
        return a;
      r -= world->areas_customers[a];
    }

  return AREA_NORWICH;
}

static void
flares (DemoTraffic *self)
{
  DemoDealPeriod *period = &g_array_index (self->world->deal, DemoDealPeriod, self->period);
  int bursts = 2 + (uniform (self) < 0.3);

  /* A new number is announced to every customer. */
  if (self->period > 0 && self->day == period->first_day)
    {
      int secs = between (self, 10, 11) * 3600 + between (self, 0, 3599);

      for (DemoArea a = AREA_NORWICH; a <= AREA_IPSWICH; a++)
        {
          burst (self, a, secs, 0.95);
          secs += 60;
        }
    }

  for (int b = 0; b < bursts; b++)
    burst (self, weighted_area (self), random_secs (self, P_FLARE), 0.55);
}

static gboolean
is_away (const DemoDay *day)
{
  return day->state != DAY_HOME && day->state != DAY_CUSTODY;
}

/* The vulnerable adult whose home is the runner's base today, or -1. */
static int
host_of (const DemoDay *day)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_cuckoos); i++)
    if (demo_cuckoos[i].area == day->area && demo_cast[demo_cuckoos[i].person].site == day->base)
      return demo_cuckoos[i].person;

  return -1;
}

/* The line's own talk: the head and the line holders in London, the line
 * holder on duty with the runners, runners with each other, with the
 * vulnerable adult whose home they use and with a local driver. */
static void
runner_away (DemoTraffic *self,
             int          r,
             int          holder)
{
  DemoWorld *world = self->world;
  const DemoDay *day = today_of (self, r);
  int phone = line_phone (world, r);
  int holder_phone = demo_person (world, holder)->phone;
  int host = host_of (day);

  chatter (self, poisson (self, 1.5), phone, holder_phone, P_NIGHT, 0.3, 20, 180);
  chatter (self, poisson (self, 1.2), holder_phone, phone, P_NIGHT, 0.3, 20, 180);
  for (int h = 0; h < 3; h++)
    if (world->holders[h] != holder)
      chatter (self, poisson (self, 0.2), demo_person (world, world->holders[h])->phone, phone,
               P_NIGHT, 0.3, 20, 120);

  if (host >= 0)
    {
      int host_phone = demo_person (world, host)->phone;

      if (day->state == DAY_OUT)
        for (int i = between (self, 1, 2); i > 0; i--)
          emit (self, day->depart + demo_routes[day->area].duration + between (self, -900, 1800),
                phone, host_phone, LS_CALL_KIND_VOICE, between (self, 10, 60));
      chatter (self, poisson (self, 0.3), phone, host_phone, P_NIGHT, 0.2, 10, 90);
      chatter (self, poisson (self, 0.15), host_phone, phone, P_EVENING, 0.0, 10, 120);
    }

  if (day->area == AREA_YARMOUTH)
    {
      int driver = demo_person (world, world->driver)->phone;

      chatter (self, poisson (self, 0.6), phone, driver, P_NIGHT, 0.4, 15, 120);
      chatter (self, poisson (self, 0.4), driver, phone, P_NIGHT, 0.4, 15, 120);
    }
  if (day->area == AREA_NORWICH)
    chatter (self, poisson (self, 0.12), demo_person (world, r)->phone,
             demo_person (world, world->taxi)->phone, P_NIGHT, 0.0, 20, 60);

  /* A runner with a work phone keeps their own one too: texts to friends
   * back home (the other children, for a child) go out from the county. */
  if (phone != demo_person (world, r)->phone)
    {
      DemoPerson *p = demo_person (world, r);
      int friend = p->child ? C_KAI + g_rand_int_range (self->rand, 0, C_LEON - C_KAI + 1)
                            : C_DWAYNE + g_rand_int_range (self->rand, 0, C_NATHAN - C_DWAYNE + 1);

      if (friend != r)
        chatter (self, poisson (self, 0.8), p->phone, demo_person (world, friend)->phone,
                 P_NIGHT, 0.7, 10, 120);
    }
}

static gboolean
is_weekday (int day)
{
  return (day + 4) % 7 < 5;   /* 1 March 2024 was a Friday */
}

static void
runner_home (DemoTraffic *self,
             int          r)
{
  DemoWorld *world = self->world;
  DemoPerson *p = demo_person (world, r);
  int holder = world->holders[g_rand_int_range (self->rand, 0, 3)];
  int holder_phone = demo_person (world, holder)->phone;

  if (p->child)
    {
      int other = C_KAI + g_rand_int_range (self->rand, 0, C_LEON - C_KAI + 1);

      if (is_weekday (self->day) && other != r)
        chatter (self, poisson (self, 0.4), p->phone, demo_person (world, other)->phone,
                 P_SCHOOL, 0.6, 10, 120);
      chatter (self, poisson (self, 0.25), p->phone, holder_phone, P_EVENING, 0.4, 20, 150);
      chatter (self, poisson (self, 0.25), holder_phone, p->phone, P_EVENING, 0.4, 20, 150);
    }
  else
    {
      int other = C_DWAYNE + g_rand_int_range (self->rand, 0, C_NATHAN - C_DWAYNE + 1);

      chatter (self, poisson (self, 0.5), p->phone, holder_phone, P_EVENING, 0.3, 20, 240);
      chatter (self, poisson (self, 0.3), holder_phone, p->phone, P_EVENING, 0.3, 20, 240);
      if (other != r)
        chatter (self, poisson (self, 0.3), p->phone, demo_person (world, other)->phone,
                 P_EVENING, 0.5, 20, 300);
    }
}

static void
line_business (DemoTraffic *self)
{
  DemoWorld *world = self->world;
  int head = demo_person (world, C_MARCUS)->phone;
  int holder = demo_world_holder_on (world, self->day);

  for (int h = 0; h < 3; h++)
    {
      int phone = demo_person (world, world->holders[h])->phone;

      chatter (self, poisson (self, 0.8), head, phone, P_EVENING, 0.1, 30, 240);
      chatter (self, poisson (self, 1.0), phone, head, P_EVENING, 0.2, 30, 240);
      for (int k = h + 1; k < 3; k++)
        {
          int other = demo_person (world, world->holders[k])->phone;

          chatter (self, poisson (self, 0.4), phone, other, P_EVENING, 0.3, 20, 300);
          chatter (self, poisson (self, 0.4), other, phone, P_EVENING, 0.3, 20, 300);
        }
    }

  for (int r = 0; r < N_CAST; r++)
    {
      DemoPerson *p = demo_person (world, r);
      const DemoDay *day = &p->days[self->day];

      if (p->role != ROLE_RUNNER || day->state == DAY_CUSTODY)
        continue;
      if (day->area >= AREA_NORWICH && day->area <= AREA_IPSWICH)
        runner_away (self, r, holder);
      else
        runner_home (self, r);
    }

  for (DemoArea a = AREA_NORWICH; a <= AREA_IPSWICH; a++)
    for (int i = 0; i < self->n_present[a]; i++)
      for (int k = 0; k < self->n_present[a]; k++)
        if (i != k)
          chatter (self, poisson (self, 0.3), line_phone (world, self->present[a][i]),
                   line_phone (world, self->present[a][k]), P_NIGHT, 0.5, 10, 90);
}

/* Parents ring their children every day, and many times a day, unanswered,
 * while the child is missing. */
static void
parent (DemoTraffic *self,
        int          mother,
        int          child)
{
  DemoWorld *world = self->world;
  int a = demo_person (world, mother)->phone;
  int b = demo_person (world, child)->phone;
  const DemoDay *day = today_of (self, child);

  if (day->state == DAY_MISSING)
    {
      for (int i = poisson (self, 9.0); i > 0; i--)
        emit (self, random_secs (self, P_ANY), a, b, LS_CALL_KIND_VOICE, 0);
      chatter (self, poisson (self, 3.0), a, b, P_ANY, 1.0, 0, 0);
      chatter (self, poisson (self, 0.2), b, a, P_NIGHT, 0.7, 5, 30);
    }
  else if (is_away (day))
    {
      chatter (self, poisson (self, 2.0), a, b, P_EVENING, 0.4, 10, 200);
      chatter (self, poisson (self, 0.5), b, a, P_EVENING, 0.5, 10, 120);
    }
  else if (day->state == DAY_HOME)
    {
      chatter (self, poisson (self, 1.0), a, b, P_EVENING, 0.4, 20, 400);
      chatter (self, poisson (self, 0.7), b, a, P_EVENING, 0.5, 20, 300);
    }
}

static void
families (DemoTraffic *self)
{
  DemoWorld *world = self->world;
  int jermaine = demo_person (world, C_JERMAINE)->phone;
  int shanice = demo_person (world, C_SHANICE)->phone;
  int graham = demo_person (world, C_GRAHAM)->phone;
  int sandra = demo_person (world, C_SANDRA)->phone;

  parent (self, C_DENISE, C_KAI);
  parent (self, C_CAROL, C_TYLER);
  chatter (self, poisson (self, 2.5), shanice, jermaine, P_EVENING, 0.5, 60, 1500);
  chatter (self, poisson (self, 2.5), jermaine, shanice, P_EVENING, 0.5, 60, 1500);
  chatter (self, poisson (self, 0.35), graham, sandra, P_EVENING, 0.0, 60, 900);
  chatter (self, poisson (self, 0.35), sandra, graham, P_EVENING, 0.1, 60, 900);

  for (guint i = 0; i < world->contacts->len; i++)
    {
      DemoContact *c = &g_array_index (world->contacts, DemoContact, i);
      int phone = demo_person (world, c->person)->phone;
      double sms = g_str_has_prefix (demo_phone (world, c->phone)->number, "+441") ? 0.0 : 0.3;

      chatter (self, poisson (self, c->rate), phone, c->phone, P_EVENING, sms, 30, 900);
      chatter (self, poisson (self, c->rate * 0.8), c->phone, phone, P_EVENING, sms, 30, 900);
    }
}

/* A taxi firm: many different short callers, busiest at weekend nights;
 * the kind of phone a naive deal-line detector would flag. */
static void
taxi (DemoTraffic *self)
{
  DemoWorld *world = self->world;
  int firm = demo_person (world, world->taxi)->phone;
  double busy = (self->day + 4) % 7 >= 4 ? 1.5 : 1.0;   /* Friday to Sunday */
  int n = (int) round (8.0 * world->scale * busy * (0.7 + 0.6 * uniform (self)));

  for (int i = 0; i < n; i++)
    {
      int caller = g_array_index (world->public_phones, int,
                                  g_rand_int_range (self->rand, 0, world->public_phones->len));
      int secs = random_secs (self, P_TAXI);

      emit (self, secs, caller, firm, LS_CALL_KIND_VOICE, between (self, 15, 70));
      if (uniform (self) < 0.3)
        emit (self, secs + between (self, 300, 900), firm, caller, LS_CALL_KIND_VOICE, between (self, 5, 25));
    }
}

static int
compare_calls (gconstpointer a,
               gconstpointer b)
{
  const DemoCall *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->caller != y->caller)
    return x->caller - y->caller;
  if (x->callee != y->callee)
    return x->callee - y->callee;
  if (x->kind != y->kind)
    return x->kind - y->kind;
  if (x->duration != y->duration)
    return x->duration - y->duration;
  return x->cell - y->cell;
}

/* Identical records would be one record to the case writer; keep one. */
static void
drop_repeats (GArray *calls)
{
  guint kept = 0;

  for (guint i = 0; i < calls->len; i++)
    {
      DemoCall *call = &g_array_index (calls, DemoCall, i);

      if (kept > 0 && compare_calls (&g_array_index (calls, DemoCall, kept - 1), call) == 0)
        continue;
      g_array_index (calls, DemoCall, kept++) = *call;
    }
  g_array_set_size (calls, kept);
}

void
demo_traffic_day (DemoTraffic *self,
                  int          day,
                  GArray      *calls)
{
  g_return_if_fail (day >= 0 && day < DEMO_DAYS);

  self->day = day;
  self->calls = calls;
  self->period = demo_world_deal_period (self->world, day);
  g_array_set_size (calls, 0);

  find_present (self);
  customers (self);
  flares (self);
  line_business (self);
  families (self);
  taxi (self);

  g_array_sort (calls, compare_calls);
  drop_repeats (calls);
  self->calls = NULL;
}
