/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo case's fixed script: the places (real coordinates), the named
 * cast, the missing episodes and the other events. docs/DEMO.md tells the
 * same story; change both together. Every name, number and address here is
 * invented. */
#define G_LOG_DOMAIN "ls-demo"
#include "config.h"

#include "ls-demo-cast.h"

/* Town centres come from GeoNames (CC BY 4.0) via uk-towns.csv; the
 * neighbourhoods inside Norwich, Great Yarmouth and Ipswich, Tottenham Hale,
 * Liverpool Street, Wymondham and Acle are approximate. */
const DemoSite demo_sites[N_SITES] = {
  [S_TOTTENHAM]        = { "Tottenham High Road",       51.60373, -0.06794, AREA_LONDON, 3 },
  [S_TOTTENHAM_HALE]   = { "Tottenham Hale",            51.58830, -0.05970, AREA_LONDON, 3 },
  [S_EDMONTON]         = { "Edmonton Green",            51.62561, -0.05798, AREA_LONDON, 3 },
  [S_ENFIELD]          = { "Enfield Town",              51.65147, -0.08497, AREA_LONDON, 3 },
  [S_WALTHAMSTOW]      = { "Walthamstow",               51.59067, -0.02077, AREA_LONDON, 3 },
  [S_STRATFORD]        = { "Stratford",                 51.53333,  0.00000, AREA_LONDON, 3 },
  [S_ISLINGTON]        = { "Islington",                 51.53622, -0.10304, AREA_LONDON, 3 },
  [S_LIVERPOOL_STREET] = { "Liverpool Street",          51.51780, -0.08230, AREA_LONDON, 3 },
  [S_ROMFORD]          = { "Romford",                   51.57515,  0.18582, AREA_LONDON, 3 },
  [S_HARLOW]           = { "Harlow (M11)",              51.77655,  0.11158, AREA_ROAD, 2 },
  [S_BISHOPS_STORTFORD]= { "Bishops Stortford (M11)",   51.87113,  0.15868, AREA_ROAD, 2 },
  [S_CAMBRIDGE]        = { "Cambridge (M11)",           52.20000,  0.11667, AREA_ROAD, 2 },
  [S_NEWMARKET]        = { "Newmarket (A11)",           52.24467,  0.40418, AREA_ROAD, 2 },
  [S_THETFORD]         = { "Thetford (A11)",            52.41667,  0.75000, AREA_ROAD, 2 },
  [S_WYMONDHAM]        = { "Wymondham (A11)",           52.56970,  1.11550, AREA_ROAD, 2 },
  [S_ACLE]             = { "Acle (A47)",                52.63650,  1.54600, AREA_ROAD, 2 },
  [S_BRENTWOOD]        = { "Brentwood (A12)",           51.62127,  0.30556, AREA_ROAD, 2 },
  [S_CHELMSFORD]       = { "Chelmsford (A12)",          51.73575,  0.46958, AREA_ROAD, 2 },
  [S_WITHAM]           = { "Witham (A12)",              51.80007,  0.64038, AREA_ROAD, 2 },
  [S_COLCHESTER]       = { "Colchester (A12)",          51.88921,  0.90421, AREA_ROAD, 2 },
  [S_NORWICH]          = { "Norwich City Centre",       52.62783,  1.29834, AREA_NORWICH, 3 },
  [S_NORWICH_STATION]  = { "Norwich Thorpe Station",    52.62690,  1.30660, AREA_NORWICH, 3 },
  [S_MILE_CROSS]       = { "Norwich Mile Cross",        52.64430,  1.28330, AREA_NORWICH, 3 },
  [S_LAKENHAM]         = { "Norwich Lakenham",          52.61460,  1.29660, AREA_NORWICH, 3 },
  [S_EARLHAM]          = { "Norwich Earlham",           52.62700,  1.25300, AREA_NORWICH, 3 },
  [S_HEARTSEASE]       = { "Norwich Heartsease",        52.63800,  1.33700, AREA_NORWICH, 3 },
  [S_YARMOUTH]         = { "Great Yarmouth Town Centre",52.60831,  1.73052, AREA_YARMOUTH, 3 },
  [S_NORTHGATE]        = { "Great Yarmouth Northgate",  52.61700,  1.72900, AREA_YARMOUTH, 3 },
  [S_SOUTHTOWN]        = { "Great Yarmouth Southtown",  52.60100,  1.72300, AREA_YARMOUTH, 3 },
  [S_GORLESTON]        = { "Gorleston-on-Sea",          52.57700,  1.72300, AREA_YARMOUTH, 3 },
  [S_COBHOLM]          = { "Great Yarmouth Cobholm",    52.60600,  1.71300, AREA_YARMOUTH, 3 },
  [S_IPSWICH]          = { "Ipswich Town Centre",       52.05917,  1.15545, AREA_IPSWICH, 3 },
  [S_IPSWICH_STATION]  = { "Ipswich Station",           52.05070,  1.14430, AREA_IPSWICH, 3 },
  [S_CHANTRY]          = { "Ipswich Chantry",           52.04400,  1.11300, AREA_IPSWICH, 3 },
  [S_WHITEHOUSE]       = { "Ipswich Whitehouse",        52.07400,  1.12700, AREA_IPSWICH, 3 },
  [S_GAINSBOROUGH]     = { "Ipswich Gainsborough",      52.03900,  1.18200, AREA_IPSWICH, 3 },
  [S_RAVENSWOOD]       = { "Ipswich Ravenswood",        52.03400,  1.20000, AREA_IPSWICH, 3 },
};

/* The routes out of London, in the order a traveller passes the masts. */
static const int route_norwich[] = {
  S_TOTTENHAM_HALE, S_HARLOW, S_BISHOPS_STORTFORD, S_CAMBRIDGE, S_NEWMARKET, S_THETFORD,
  S_WYMONDHAM, -1
};
static const int route_yarmouth[] = {
  S_TOTTENHAM_HALE, S_HARLOW, S_BISHOPS_STORTFORD, S_CAMBRIDGE, S_NEWMARKET, S_THETFORD,
  S_WYMONDHAM, S_NORWICH, S_ACLE, -1
};
static const int route_ipswich[] = {
  S_ROMFORD, S_BRENTWOOD, S_CHELMSFORD, S_WITHAM, S_COLCHESTER, -1
};

const DemoRoute demo_routes[N_AREAS] = {
  [AREA_NORWICH]  = { route_norwich,  7, 2 * 3600 + 45 * 60 },
  [AREA_YARMOUTH] = { route_yarmouth, 9, 3 * 3600 + 30 * 60 },
  [AREA_IPSWICH]  = { route_ipswich,  5, 2 * 3600 },
};

const DemoCastDef demo_cast[N_CAST] = {
  [C_MARCUS] = { "Marcus Reid", "Big M", "1991-04-12", "male", ROLE_HEAD, FALSE, FALSE, FALSE,
                 S_TOTTENHAM, "Tottenham, London N17", NULL },
  [C_JERMAINE] = { "Jermaine Clarke", "JC", "1996-08-30", "male", ROLE_LINE_HOLDER, FALSE, FALSE, FALSE,
                   S_EDMONTON, "Edmonton, London N9", NULL },
  [C_TYRESE] = { "Tyrese Okafor", "Ty", "1998-01-17", "male", ROLE_LINE_HOLDER, FALSE, FALSE, FALSE,
                 S_WALTHAMSTOW, "Walthamstow, London E17", NULL },
  [C_DARNELL] = { "Darnell Hayes", "D", "1997-10-05", "male", ROLE_LINE_HOLDER, FALSE, FALSE, FALSE,
                  S_STRATFORD, "Stratford, London E15", NULL },
  [C_KAI] = { "Kai Thompson", NULL, "2008-09-14", "male", ROLE_RUNNER, TRUE, FALSE, TRUE,
              S_EDMONTON, "Edmonton, London N9", "Lives with his mother, Denise Thompson." },
  [C_JAYDEN] = { "Jayden Mensah", "JJ", "2009-11-20", "male", ROLE_RUNNER, TRUE, FALSE, TRUE,
                 S_TOTTENHAM_HALE, "Tottenham Hale, London N17", NULL },
  [C_TYLER] = { "Tyler Hughes", NULL, "2007-06-02", "male", ROLE_RUNNER, TRUE, FALSE, FALSE,
                S_WALTHAMSTOW, "Walthamstow, London E17", "Lives with his mother, Carol Hughes." },
  [C_ELLIE] = { "Ellie Simmons", NULL, "2008-02-27", "female", ROLE_RUNNER, TRUE, FALSE, FALSE,
                S_TOTTENHAM, "Tottenham, London N15", NULL },
  [C_LEON] = { "Leon Barker", "Lil L", "2006-12-05", "male", ROLE_RUNNER, TRUE, FALSE, TRUE,
               S_ISLINGTON, "Islington, London N7", "Lives with his grandmother." },
  [C_DWAYNE] = { "Dwayne Carter", "Dee", "1999-03-22", "male", ROLE_RUNNER, FALSE, FALSE, TRUE,
                 S_EDMONTON, "Edmonton, London N18", NULL },
  [C_RYAN] = { "Ryan Mitchell", NULL, "2002-07-09", "male", ROLE_RUNNER, FALSE, FALSE, TRUE,
               S_ROMFORD, "Romford, London RM1", NULL },
  [C_CONNOR] = { "Connor Walsh", NULL, "2001-11-30", "male", ROLE_RUNNER, FALSE, FALSE, FALSE,
                 S_WALTHAMSTOW, "Walthamstow, London E17", NULL },
  [C_JORDAN] = { "Jordan Bailey", "Jay", "2000-05-14", "male", ROLE_RUNNER, FALSE, FALSE, TRUE,
                 S_STRATFORD, "Leyton, London E10", NULL },
  [C_NATHAN] = { "Nathan Cole", NULL, "2005-07-19", "male", ROLE_RUNNER, FALSE, FALSE, FALSE,
                 S_TOTTENHAM_HALE, "Tottenham, London N17", NULL },
  [C_LIAM] = { "Liam Fraser", NULL, "2003-02-08", "male", ROLE_RUNNER, FALSE, FALSE, TRUE,
               S_MILE_CROSS, "Mile Cross, Norwich NR3", NULL },
  [C_AARON] = { "Aaron Price", NULL, "2004-09-26", "male", ROLE_RUNNER, FALSE, FALSE, FALSE,
                S_CHANTRY, "Chantry, Ipswich IP2", NULL },
  [C_GRAHAM] = { "Graham Pike", NULL, "1962-06-03", "male", ROLE_CUCKOOED, FALSE, FALSE, FALSE,
                 S_LAKENHAM, "Flat 4, Kestrel House, Lakenham, Norwich NR1",
                 "Known to adult social care: alcohol dependency, lives alone." },
  [C_SUSAN] = { "Susan Lowe", NULL, "1970-11-21", "female", ROLE_CUCKOOED, FALSE, FALSE, FALSE,
                S_SOUTHTOWN, "Flat 9, Harbour View, Southtown, Great Yarmouth NR31",
                "Known to adult social care: learning disability; tenancy support in place." },
  [C_DENISE] = { "Denise Thompson", NULL, "1984-05-11", "female", ROLE_ASSOCIATE, FALSE, TRUE, FALSE,
                 S_EDMONTON, "Edmonton, London N9", "Mother of Kai Thompson." },
  [C_CAROL] = { "Carol Hughes", NULL, "1979-02-26", "female", ROLE_ASSOCIATE, FALSE, TRUE, FALSE,
                S_WALTHAMSTOW, "Walthamstow, London E17", "Mother of Tyler Hughes." },
  [C_SHANICE] = { "Shanice Ward", NULL, "1998-12-03", "female", ROLE_ASSOCIATE, FALSE, TRUE, FALSE,
                  S_ENFIELD, "Enfield, London EN1", "Partner of Jermaine Clarke." },
  [C_STAR_CARS] = { "Star Cars Norwich", NULL, NULL, NULL, ROLE_ASSOCIATE, FALSE, TRUE, FALSE,
                    S_NORWICH, "Prince of Wales Road, Norwich NR1", "Taxi firm." },
  [C_MICK] = { "Mick Harrison", NULL, "1975-08-14", "male", ROLE_ASSOCIATE, FALSE, FALSE, FALSE,
               S_NORTHGATE, "Northgate, Great Yarmouth NR30", "Drives for the runners (intelligence)." },
  [C_SANDRA] = { "Sandra Pike", NULL, "1959-09-09", "female", ROLE_ASSOCIATE, FALSE, TRUE, FALSE,
                 S_EARLHAM, "Earlham, Norwich NR4", "Sister of Graham Pike." },
};

/* The cuckooed homes: the flat itself, and the first day the line used it. */
const DemoCuckoo demo_cuckoos[2] = {
  { C_GRAHAM, AREA_NORWICH,  52.61650, 1.29480, "2024-03-18" },
  { C_SUSAN,  AREA_YARMOUTH, 52.60220, 1.72510, "2024-04-12" },
};

/* Where runners sleep in each county town before a home is taken over. */
const int demo_area_base[N_AREAS] = {
  [AREA_NORWICH] = S_EARLHAM,
  [AREA_YARMOUTH] = S_NORTHGATE,
  [AREA_IPSWICH] = S_WHITEHOUSE,
};

/* Where runners meet customers by day: town centres and stations. */
const int demo_area_meeting[N_AREAS][2] = {
  [AREA_NORWICH] = { S_NORWICH, S_NORWICH_STATION },
  [AREA_YARMOUTH] = { S_YARMOUTH, S_NORTHGATE },
  [AREA_IPSWICH] = { S_IPSWICH, S_IPSWICH_STATION },
};

/* Where the customers known by name live: away from the bases and the
 * meeting places, so the only homes the line's phones crowd round are the
 * two cuckooed ones. */
const int demo_area_homes[N_AREAS][2] = {
  [AREA_NORWICH] = { S_MILE_CROSS, S_HEARTSEASE },
  [AREA_YARMOUTH] = { S_GORLESTON, S_GORLESTON },
  [AREA_IPSWICH] = { S_GAINSBOROUGH, S_RAVENSWOOD },
};

const DemoMissingDef demo_missing[] = {
  { C_KAI, AREA_NORWICH, "2024-03-22 19:30", "2024-03-22 23:10", "2024-03-29 14:20",
    "Flat 4, Kestrel House, Lakenham, Norwich", 52.61650, 1.29480,
    "Found by police during a welfare check at the home of a vulnerable adult; had £600 cash and two phones.",
    "Norfolk Constabulary" },
  { C_ELLIE, AREA_NORWICH, "2024-04-02 16:10", "2024-04-02 22:40", "2024-04-06 11:05",
    "Norwich Thorpe Station", 52.62690, 1.30660,
    "Found by British Transport Police at Norwich station; said she had been staying with friends.",
    "British Transport Police" },
  { C_JAYDEN, AREA_YARMOUTH, "2024-04-19 17:45", "2024-04-20 00:30", "2024-04-27 16:40",
    "Flat 9, Harbour View, Southtown, Great Yarmouth", 52.60220, 1.72510,
    "Found at the flat of a vulnerable adult after a neighbour called police; two older males left by the back door.",
    "Norfolk Constabulary" },
  { C_TYLER, AREA_IPSWICH, "2024-05-10 18:20", "2024-05-11 01:00", "2024-05-17 10:40",
    "Whitehouse, Ipswich", 52.07400, 1.12700,
    "Found during a drugs warrant at a flat in Whitehouse, Ipswich.",
    "Suffolk Constabulary" },
  { C_KAI, AREA_YARMOUTH, "2024-06-07 20:05", "2024-06-08 07:30", "2024-06-16 21:50",
    "Great Yarmouth town centre", 52.60831, 1.73052,
    "Identified as missing from London after a stop and search in Great Yarmouth.",
    "Norfolk Constabulary" },
  { C_LEON, AREA_IPSWICH, "2024-06-21 15:30", "2024-06-22 09:00", "2024-06-28 19:15",
    "Ipswich Station", 52.05070, 1.14430,
    "Identified as missing from London after a stop and search at Ipswich station.",
    "British Transport Police" },
  { C_JAYDEN, AREA_NORWICH, "2024-07-05 18:00", "2024-07-05 23:45", "2024-07-12 03:20",
    "Norfolk and Norwich University Hospital", 52.61770, 1.21840,
    "Identified as missing from London when brought to the emergency department.",
    "Norfolk and Norwich University Hospital" },
  { C_ELLIE, AREA_YARMOUTH, "2024-08-09 17:20", "2024-08-09 23:55", "2024-08-18 13:30",
    "Gorleston-on-Sea", 52.57700, 1.72300,
    "Found in a car with an adult male from London during a vehicle stop in Gorleston.",
    "Norfolk Constabulary" },
};
const guint demo_n_missing = G_N_ELEMENTS (demo_missing);

/* Trips of adult runners that the script needs (the rest are random). */
const DemoTripDef demo_trips[] = {
  { C_NATHAN, AREA_NORWICH, "2024-05-22", "2024-05-28" },
  { C_DWAYNE, AREA_NORWICH, "2024-07-29", NULL },   /* arrested, then remanded */
};
const guint demo_n_trips = G_N_ELEMENTS (demo_trips);

const char * const demo_dwayne_remand = "2024-08-02";

const DemoEventDef demo_events[] = {
  { -1, "intelligence", "2024-03-05 09:00", NULL, "Norwich", 52.62783, 1.29834,
    "A London line called “Taz” is selling crack cocaine and heroin in Norwich and Great Yarmouth; "
    "young runners from London stay at addresses in Lakenham.", "Crimestoppers" },
  { C_KAI, "school-exclusion", "2024-03-08 12:00", NULL, "Edmonton, London N9", 51.62561, -0.05798,
    "Permanently excluded after repeated absence and possession of a knife.",
    "Enfield Council education welfare" },
  { C_JAYDEN, "school-exclusion", "2024-03-13 10:30", "2024-03-19 15:30", "Tottenham, London N17",
    51.58830, -0.05970,
    "Fixed-term exclusion (five days) for assaulting a pupil; staff note new clothes and two phones.",
    "Haringey Council education welfare" },
  { C_LEON, "stop-search", "2024-03-15 16:45", NULL, "Liverpool Street station, London", 51.51780, -0.08230,
    "Stopped and searched: two phones and £400 cash, nothing illegal; said he was visiting a cousin in Norwich.",
    "British Transport Police" },
  { C_GRAHAM, "cuckooing-report", "2024-04-11 20:30", NULL, "Flat 4, Kestrel House, Lakenham, Norwich",
    52.61650, 1.29480,
    "Neighbour reports young men with London accents staying for weeks, visitors at all hours, "
    "Mr Pike seen crying in the stairwell.", "Norfolk Constabulary ASB log" },
  { C_SUSAN, "cuckooing-report", "2024-05-02 10:00", NULL, "Flat 9, Harbour View, Southtown, Great Yarmouth",
    52.60220, 1.72510,
    "Tenancy support worker refused entry by two young males; Ms Lowe appeared frightened.",
    "Great Yarmouth Borough Council housing" },
  { C_ELLIE, "school-exclusion", "2024-05-14 11:00", "2024-05-16 15:30", "Tottenham, London N15",
    51.60373, -0.06794, "Fixed-term exclusion (three days); persistent absence since April.",
    "Haringey Council education welfare" },
  { C_TYLER, "arrest", "2024-05-17 10:40", NULL, "Whitehouse, Ipswich", 52.07400, 1.12700,
    "Arrested on suspicion of possession with intent to supply Class A; released under investigation; "
    "National Referral Mechanism referral made.", "Suffolk Constabulary" },
  { C_GRAHAM, "cuckooing-report", "2024-05-23 11:00", NULL, "Flat 4, Kestrel House, Lakenham, Norwich",
    52.61650, 1.29480,
    "Adult social care visit: Mr Pike says “friends” are staying; the flat is in poor condition and "
    "his bank card is “with a mate”.", "Norfolk County Council adult social care" },
  { C_NATHAN, "stop-search", "2024-05-25 22:10", NULL, "Prince of Wales Road, Norwich", 52.62850, 1.30300,
    "Stopped and searched: £1,200 cash and a second phone; cash seized.", "Norfolk Constabulary" },
  { C_KAI, "stop-search", "2024-06-16 21:50", NULL, "Great Yarmouth town centre", 52.60831, 1.73052,
    "Stopped and searched: 14 wraps of crack cocaine and a phone receiving order messages.",
    "Norfolk Constabulary" },
  { C_SUSAN, "cuckooing-report", "2024-06-19 22:40", NULL, "Flat 9, Harbour View, Southtown, Great Yarmouth",
    52.60220, 1.72510,
    "Police welfare check: two males present, one about 15; Ms Lowe says they are her nephews.",
    "Norfolk Constabulary" },
  { C_LEON, "stop-search", "2024-06-28 19:15", NULL, "Ipswich Station", 52.05070, 1.14430,
    "Stopped and searched: £850 cash and three phones.", "British Transport Police" },
  { C_JAYDEN, "hospital", "2024-07-12 03:20", "2024-07-13 11:00", "Norfolk and Norwich University Hospital",
    52.61770, 1.21840,
    "Stab wound to the left thigh; discharged to Metropolitan Police officers.",
    "Norfolk and Norwich University Hospital" },
  { C_SUSAN, "hospital", "2024-07-22 14:00", "2024-07-22 19:30", "James Paget University Hospital, Gorleston",
    52.55800, 1.71900,
    "Facial bruising and a broken wrist; says she fell; staff raise a safeguarding concern about “lodgers”.",
    "James Paget University Hospital" },
  { C_GRAHAM, "cuckooing-report", "2024-07-30 15:00", NULL, "Flat 4, Kestrel House, Lakenham, Norwich",
    52.61650, 1.29480,
    "Housing officer: front door damaged and a new lock fitted that Mr Pike has no key to.",
    "Norwich City Council housing" },
  { C_DWAYNE, "arrest", "2024-08-02 02:15", NULL, "Flat 4, Kestrel House, Lakenham, Norwich",
    52.61650, 1.29480,
    "Arrested at the home of a vulnerable adult with 32 wraps of crack cocaine and heroin; charged and "
    "remanded in custody.", "Norfolk Constabulary" },
};
const guint demo_n_events = G_N_ELEMENTS (demo_events);

/* Names for the customers who are known by name. */
const char * const demo_male_names[] = {
  "Gary", "Lee", "Dean", "Wayne", "Craig", "Paul", "Stephen", "Darren", "Mark", "Shaun",
  "Adam", "Ben", "Chris", "Danny", "Jamie", "Karl", "Ricky", "Stuart", "Terry", "Neil",
  NULL
};
const char * const demo_female_names[] = {
  "Kerry", "Tracey", "Joanne", "Lisa", "Donna", "Nicola", "Kelly", "Sarah", "Michelle", "Claire",
  "Vicky", "Zoe", "Gemma", "Leanne", "Hayley", "Amy", "Stacey", "Jodie", "Karen", "Emma",
  NULL
};
const char * const demo_surnames[] = {
  "Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Robinson", "Green",
  "Hall", "Wood", "Harris", "Lewis", "Cooper", "King", "Baker", "Turner", "Hill", "Moore",
  "Jackson", "Allen", "Young", "Scott", "Mills", "Webb", "Cox", "Dixon", "Gray", "Knight",
  "Payne", "Marsh", "Shaw", "Barnes", "Fisher", "Howard", "Palmer", "Lambert", "Sutton", "Page",
  NULL
};

/* The people whose own friends, family and services appear in the data. */
const DemoContactDef demo_contacts[] = {
  { C_DENISE, AREA_LONDON, S_EDMONTON, 1.2 },
  { C_DENISE, AREA_LONDON, S_ENFIELD, 0.8 },
  { C_DENISE, AREA_LONDON, S_TOTTENHAM, 0.5 },
  { C_CAROL, AREA_LONDON, S_WALTHAMSTOW, 1.0 },
  { C_CAROL, AREA_LONDON, S_STRATFORD, 0.6 },
  { C_SHANICE, AREA_LONDON, S_ENFIELD, 1.5 },
  { C_SHANICE, AREA_LONDON, S_EDMONTON, 0.9 },
  { C_SANDRA, AREA_NORWICH, S_EARLHAM, 0.7 },
  { C_MICK, AREA_YARMOUTH, S_NORTHGATE, 0.8 },
  { C_MICK, AREA_YARMOUTH, S_GORLESTON, 0.4 },
  { C_SUSAN, AREA_YARMOUTH, S_YARMOUTH, 0.15 },   /* tenancy support, a landline */
  { C_GRAHAM, AREA_NORWICH, S_NORWICH, 0.1 },     /* GP surgery, a landline */
};
const guint demo_n_contacts = G_N_ELEMENTS (demo_contacts);
