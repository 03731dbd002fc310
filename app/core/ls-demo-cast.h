/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo case's fixed script (ls-demo-cast.c): places, cast and events. */
#pragma once

#include "ls-demo-private.h"

G_BEGIN_DECLS

enum {
  S_TOTTENHAM, S_TOTTENHAM_HALE, S_EDMONTON, S_ENFIELD, S_WALTHAMSTOW, S_STRATFORD,
  S_ISLINGTON, S_LIVERPOOL_STREET, S_ROMFORD,
  S_HARLOW, S_BISHOPS_STORTFORD, S_CAMBRIDGE, S_NEWMARKET, S_THETFORD, S_WYMONDHAM, S_ACLE,
  S_BRENTWOOD, S_CHELMSFORD, S_WITHAM, S_COLCHESTER,
  S_NORWICH, S_NORWICH_STATION, S_MILE_CROSS, S_LAKENHAM, S_EARLHAM, S_HEARTSEASE,
  S_YARMOUTH, S_NORTHGATE, S_SOUTHTOWN, S_GORLESTON, S_COBHOLM,
  S_IPSWICH, S_IPSWICH_STATION, S_CHANTRY, S_WHITEHOUSE, S_GAINSBOROUGH, S_RAVENSWOOD,
  N_SITES
};

enum {
  C_MARCUS,
  C_JERMAINE, C_TYRESE, C_DARNELL,
  C_KAI, C_JAYDEN, C_TYLER, C_ELLIE, C_LEON,
  C_DWAYNE, C_RYAN, C_CONNOR, C_JORDAN, C_NATHAN, C_LIAM, C_AARON,
  C_GRAHAM, C_SUSAN,
  C_DENISE, C_CAROL, C_SHANICE, C_STAR_CARS, C_MICK, C_SANDRA,
  N_CAST
};

typedef struct {
  const int *sites;
  int        n_sites;
  int        duration;   /* seconds from home to the county town */
} DemoRoute;

typedef struct {
  const char *name;
  const char *aliases;
  const char *dob;
  const char *gender;
  DemoRole    role;
  gboolean    child;
  gboolean    legitimate;
  gboolean    burner;
  int         site;
  const char *address;
  const char *notes;
} DemoCastDef;

typedef struct {
  int         person;
  DemoArea    area;
  double      lat;
  double      lon;
  const char *from;     /* first day the line used the home */
} DemoCuckoo;

typedef struct {
  int         person;
  DemoArea    area;
  const char *leave;      /* local time the child set off */
  const char *reported;   /* reported missing */
  const char *found;      /* found out of area */
  const char *place;
  double      lat;
  double      lon;
  const char *text;
  const char *source;
} DemoMissingDef;

typedef struct {
  int         person;
  DemoArea    area;
  const char *first;
  const char *last;     /* NULL: does not come back */
} DemoTripDef;

typedef struct {
  int         person;   /* -1 for none */
  const char *kind;
  const char *start;
  const char *end;      /* NULL for an instant */
  const char *place;
  double      lat;
  double      lon;
  const char *text;
  const char *source;
} DemoEventDef;

typedef struct {
  int      person;
  DemoArea area;
  int      site;
  double   rate;
} DemoContactDef;

extern const DemoSite demo_sites[N_SITES];
extern const DemoRoute demo_routes[N_AREAS];
extern const DemoCastDef demo_cast[N_CAST];
extern const DemoCuckoo demo_cuckoos[2];
extern const int demo_area_base[N_AREAS];
extern const int demo_area_meeting[N_AREAS][2];
extern const int demo_area_homes[N_AREAS][2];
extern const DemoMissingDef demo_missing[];
extern const guint demo_n_missing;
extern const DemoTripDef demo_trips[];
extern const guint demo_n_trips;
extern const char * const demo_dwayne_remand;
extern const DemoEventDef demo_events[];
extern const guint demo_n_events;
extern const char * const demo_male_names[];
extern const char * const demo_female_names[];
extern const char * const demo_surnames[];
extern const DemoContactDef demo_contacts[];
extern const guint demo_n_contacts;

G_END_DECLS
