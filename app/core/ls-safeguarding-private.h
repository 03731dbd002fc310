/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared between the files of LsSafeguarding: the rows it loads and the
 * working state of one build. */
#pragma once

#include "ls-safeguarding.h"

G_BEGIN_DECLS

#define ID_KEY(id) ((gpointer) (gintptr) (id))
#define KEY_ID(p)  ((gint64) (gintptr) (p))

struct _LsLineFacts {
  GHashTable *deal_phones;   /* phone id set */
  GHashTable *holders;       /* person id → role (char*) */
  GHashTable *holder_phones; /* unattributed phone id → role (char*) */
  GHashTable *runners;       /* person id → reason (char*) */
  GArray     *swaps;         /* LineSwap */
};

typedef struct {
  gint64  phone_id;
  gint64  when;
  char   *reason;
} LineSwap;

typedef struct {
  gint64  id;
  gint64  start;
  gint64  caller;    /* -1 withheld */
  gint64  callee;
  int     kind;
  gint64  cell;      /* -1 unknown */
  gint64  import_id;
  gint64  line;
} CallRow;

typedef struct {
  gint64  id;
  gint64  start;
  gint64  end;       /* -1 */
  char   *kind;
  char   *place;
  gboolean has_location;
  double  lat;
  double  lon;
  char   *text;
  gint64  import_id;
  gint64  line;
} EventRow;

typedef struct {
  gint64  id;
  char   *name;
  gboolean has_location;
  double  lat;
  double  lon;
  gint64  import_id;
  gint64  line;
} CellRow;

typedef struct {
  gint64   id;
  char    *name;
  char    *dob;
  char    *address;
  gboolean has_home;
  double   lat;
  double   lon;
  gboolean vulnerable;
  GArray  *phones;   /* gint64 */
} PersonRow;

typedef struct {
  sqlite3                     *db;
  const LsSafeguardingOptions *opt;
  const LsLineFacts           *facts;
  GHashTable                  *imports;       /* id → file name */
  GHashTable                  *cells;         /* id → CellRow* */
  GHashTable                  *people;        /* id → PersonRow* */
  GHashTable                  *phone_owner;   /* phone id → person id */
  GHashTable                  *phone_numbers; /* phone id → number */
  GHashTable                  *line_phones;   /* phone id set: deal lines, holders', runners' */
  GHashTable                  *holder_phones; /* phone id → holder person id (-1 unattributed) */
  GHashTable                  *runner_phones; /* phone id → person id the analysis calls a runner */
  GHashTable                  *phone_base;    /* line phone id → Base*: where it is normally */
  GHashTable                  *customers;     /* phone id set: contacts of the deal lines */
  GArray                      *line_presence; /* CallRow of line phones with a cell */
} Ctx;

typedef struct {
  double lat;
  double lon;
} Base;

/* One person being assessed. */
typedef struct {
  Ctx        *ctx;
  PersonRow  *p;
  GArray     *calls;      /* CallRow, by start */
  GArray     *events;     /* EventRow, by start */
  GHashTable *own_phones; /* phone id set */
  GPtrArray  *indicators; /* LsIndicator* */
} Subject;

int          sg_age_at             (const char   *dob,
                                    gint64        when);
double       sg_distance_km        (double        lat1,
                                    double        lon1,
                                    double        lat2,
                                    double        lon2);
gint64       sg_other_party        (Subject      *s,
                                    const CallRow *c);
LsIndicator *sg_indicator_new      (const char   *code,
                                    gboolean      strong,
                                    char         *text);
void         sg_indicator_free     (gpointer      data);
void         sg_add_call_evidence  (Subject      *s,
                                    LsIndicator  *ind,
                                    const CallRow *c,
                                    const char   *note);
void         sg_add_event_evidence (Subject      *s,
                                    LsIndicator  *ind,
                                    const EventRow *e);
void         sg_add_evidence       (Subject      *s,
                                    LsIndicator  *ind,
                                    const char   *table,
                                    gint64        id,
                                    gint64        when,
                                    gint64        import_id,
                                    gint64        line,
                                    const char   *note);
char        *sg_format_date        (gint64        when);
const char  *sg_person_label       (Ctx          *ctx,
                                    gint64        phone_id);

/* A deal line, a holder's phone, or an adult who runs the line, at WHEN. */
gboolean     sg_is_line_member_phone (Ctx    *ctx,
                                      gint64  phone,
                                      gint64  when,
                                      gint64 *person_id);

/* ls-safeguarding-indicators.c */
void         sg_assess             (Subject      *s);
/* Who they are in contact with and where they have been. */
void         sg_describe           (Subject      *s,
                                    LsSafeguardingPerson *p);

G_END_DECLS
