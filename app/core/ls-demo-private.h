/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared between the demo generator's files: the world it simulates (places,
 * cast, phones, handsets, trips; ls-demo-world.c), the day-by-day traffic
 * (ls-demo-traffic.c) and the writing (ls-demo.c). */
#pragma once

#include "ls-demo.h"

G_BEGIN_DECLS

#define DEMO_DAYS 184   /* 2024-03-01 .. 2024-08-31 */
#define DEMO_YEAR 2024
#define DEMO_MONTH 3

typedef enum {
  ROLE_HEAD,
  ROLE_LINE_HOLDER,
  ROLE_RUNNER,
  ROLE_CUSTOMER,
  ROLE_ASSOCIATE,
  ROLE_CUCKOOED,
  ROLE_NONE,        /* the public: taxi passengers, friends of associates */
  ROLE_DEAL_LINE,   /* the deal line itself, held by a line holder */
} DemoRole;

typedef enum {
  AREA_LONDON,
  AREA_NORWICH,
  AREA_YARMOUTH,
  AREA_IPSWICH,
  AREA_ROAD,
  N_AREAS
} DemoArea;

#define N_COUNTY 3   /* AREA_NORWICH .. AREA_IPSWICH */

typedef struct {
  const char *name;
  double      lat;
  double      lon;
  DemoArea    area;
  int         sectors;
} DemoSite;

typedef struct {
  char   ref[24];     /* MCC-MNC-LAC-CI */
  char   name[64];
  int    site;
  double lat;
  double lon;
  double azimuth;
} DemoCell;

typedef struct {
  char    imei[16];
  char    imsi[16];
  int     phone;
  gint64  first_seen;   /* unix seconds */
  gint64  last_seen;
} DemoHandset;

typedef struct {
  char     number[16];
  DemoRole role;
  int      person;        /* index in world->people, or -1 */
  gboolean attributed;    /* the phones file names the person */
  int      user;          /* who really uses it (person index), or -1 */
  int      customer;      /* index in world->customers, or -1 */
  int      site;          /* home site of an unattributed, static phone */
  int      handset[2];    /* -1 when no handset data is held */
  gint64   swap_at;       /* handset[1] from then on; G_MAXINT64 when none */
  const char *notes;
} DemoPhone;

/* What a person is doing on one day. */
typedef enum {
  DAY_HOME,
  DAY_OUT,       /* travelling from home to the county town */
  DAY_IN,        /* in the county town */
  DAY_BACK,      /* travelling home */
  DAY_MISSING,   /* in the county town while reported missing */
  DAY_CUSTODY,   /* arrested or remanded: the phones are silent */
} DemoDayState;

typedef struct {
  guint8  state;
  guint8  area;     /* the county area while away */
  gint16  base;     /* site where the person sleeps while away */
  gint32  depart;   /* seconds after local midnight, for DAY_OUT / DAY_BACK */
} DemoDay;

typedef struct {
  char       name[48];
  const char *aliases;
  char       dob[11];
  const char *gender;
  char       address[96];
  double     lat;
  double     lon;
  gboolean   vulnerable;
  const char *notes;
  DemoRole   role;
  gboolean   child;
  gboolean   legitimate;
  int        home_site;
  int        phone;        /* personal phone */
  int        burner;       /* phone used for the line, or -1 */
  DemoDay   *days;         /* DEMO_DAYS entries, for the cast only */
} DemoPerson;

typedef struct {
  int    phone;
  int    person;     /* -1 when unnamed */
  int    area;
  int    site;
  int    first_day;
  int    last_day;
  int    sure_day;   /* buys on this day whatever the rate says */
  double rate;       /* purchases a day */
} DemoCustomer;

typedef struct {
  int phone;
  int first_day;
  int last_day;
} DemoDealPeriod;

typedef struct {
  int    person;
  int    phone;
  double rate;       /* calls each way a day */
} DemoContact;

typedef struct {
  gint64      start;
  gint64      end;      /* -1 for an instant */
  int         person;   /* -1 for none */
  const char *kind;
  char       *place;
  gboolean    has_location;
  double      lat;
  double      lon;
  char       *text;
  const char *source;
} DemoEvent;

typedef struct {
  guint32     seed;
  double      scale;
  gint64      day_start[DEMO_DAYS + 1];  /* local midnight, unix seconds */
  gint32      day_shift[DEMO_DAYS + 1];  /* offset change during the day (BST) */
  const DemoSite *sites;
  int         n_sites;
  GArray     *cells;       /* DemoCell */
  int        *site_cells;  /* first cell of each site */
  GArray     *people;      /* DemoPerson */
  GArray     *phones;      /* DemoPhone */
  GArray     *handsets;    /* DemoHandset */
  GArray     *customers;   /* DemoCustomer */
  GArray     *deal;        /* DemoDealPeriod */
  GArray     *events;      /* DemoEvent */
  GArray     *public_phones;  /* int: taxi passengers */
  GArray     *contacts;    /* DemoContact: friends, family and services of the cast */
  int         holders[3];  /* people indices of the line holders */
  int         rota_offset;
  int         taxi;        /* person index of the taxi firm */
  int         driver;      /* person index of the Great Yarmouth associate */
  int         cuckooed[2]; /* Norwich, Great Yarmouth */
  int         areas_customers[N_AREAS];
} DemoWorld;

/* ls-demo-world.c */
DemoWorld  *demo_world_new          (guint32      seed,
                                     double       scale);
int         demo_day_of             (const char  *date);
int         demo_secs_of            (const char  *stamp);
void        demo_world_free         (DemoWorld   *world);
gint64      demo_world_time         (DemoWorld   *world,
                                     int          day,
                                     int          secs);
/* ls-demo-schedule.c */
void        demo_world_schedule     (DemoWorld   *world,
                                     GRand       *rand);
int         demo_world_site_of      (DemoWorld   *world,
                                     int          person,
                                     int          day,
                                     int          secs,
                                     GRand       *rand);
int         demo_world_cell_at      (DemoWorld   *world,
                                     int          site,
                                     GRand       *rand);
int         demo_world_random_site  (DemoWorld   *world,
                                     DemoArea     area,
                                     GRand       *rand);
int         demo_world_holder_on    (DemoWorld   *world,
                                     int          day);
int         demo_world_deal_period  (DemoWorld   *world,
                                     int          day);
const char *demo_role_to_string     (DemoRole     role);

static inline DemoPerson *
demo_person (DemoWorld *world, int i)
{
  return &g_array_index (world->people, DemoPerson, i);
}

static inline DemoPhone *
demo_phone (DemoWorld *world, int i)
{
  return &g_array_index (world->phones, DemoPhone, i);
}

/* ls-demo-traffic.c: one day of calls and messages, sorted by time. */
typedef struct {
  gint64  start;
  gint32  caller;
  gint32  callee;
  gint32  cell;       /* -1 when unknown */
  gint32  handset;    /* -1 when unknown */
  gint32  duration;
  guint8  kind;
} DemoCall;

typedef struct _DemoTraffic DemoTraffic;

DemoTraffic *demo_traffic_new       (DemoWorld   *world);
void         demo_traffic_free      (DemoTraffic *traffic);
/* Fills CALLS (DemoCall) with day DAY's records, sorted by start. */
void         demo_traffic_day       (DemoTraffic *traffic,
                                     int          day,
                                     GArray      *calls);

G_END_DECLS
