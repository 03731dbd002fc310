/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Safeguarding: the children and vulnerable adults of a case who show signs
 * of criminal exploitation, each with the indicators behind it (and the
 * evidence behind each indicator), a risk level and their referral record.
 * Built off the main thread from a reader connection; immutable once built.
 * docs/SAFEGUARDING.md documents every indicator, threshold and rule. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "ls-case-referrals.h"
#include "ls-types.h"

G_BEGIN_DECLS

typedef enum {
  LS_RISK_NONE = 0,
  LS_RISK_LOW,
  LS_RISK_MEDIUM,
  LS_RISK_HIGH,
} LsRisk;

const char *ls_risk_to_string   (LsRisk      risk);
LsRisk      ls_risk_from_string (const char *str);
const char *ls_risk_label       (LsRisk      risk);

/* The thresholds, shown in Preferences (GSettings keys of the same names
 * with dashes). LS_SAFEGUARDING_OPTIONS_INIT holds the documented defaults. */
typedef struct {
  guint   age_gap_years;         /* "much older": associate at least this much older */
  double  far_from_home_km;      /* a cell this far from home is out of the home area */
  guint   missing_episodes;      /* this many missing episodes count as repeated */
  guint   cuckoo_phones;         /* distinct phones of the line near an address ... */
  guint   cuckoo_days;           /* ... on at least this many different days */
  double  cuckoo_radius_km;      /* "at or near" an address */
  guint   instruction_minutes;   /* a deal this soon after contact from the deal line */
  guint   several_phones;        /* this many phones in one person's name */
} LsSafeguardingOptions;

#define LS_SAFEGUARDING_OPTIONS_INIT { 5, 15.0, 2, 4, 3, 1.0, 60, 2 }

/* One row behind an indicator. table is "event", "call", "cell", "phone",
 * "handset" or "person"; source is "FILE:LINE" of the row's import. */
typedef struct {
  const char *table;
  gint64      id;
  gint64      when;      /* unix seconds UTC, or -1 */
  char       *source;    /* may be NULL for rows made by hand */
  char       *note;      /* a few words: the event's text, the cell's name */
} LsIndicatorEvidence;

typedef struct {
  const char *code;      /* stable, e.g. "child-in-contact-with-line" */
  char       *text;      /* victim-first, translated */
  gboolean    strong;    /* counts towards medium risk on its own */
  gint64      first;     /* dates of the activity behind it, or -1 */
  gint64      last;
  guint       n_evidence_total;  /* before trimming to LS_SAFEGUARDING_MAX_EVIDENCE */
  GArray     *evidence;  /* LsIndicatorEvidence */
} LsIndicator;

#define LS_SAFEGUARDING_MAX_EVIDENCE 20

typedef struct {
  char       *key;       /* "person:ID", the selection key of the other views */
  char       *name;
  char       *dob;       /* YYYY-MM-DD or NULL */
  char       *address;
  char       *area;      /* the town of the address, for filtering */
  gboolean    has_home;
  double      home_lat;
  double      home_lon;
  gint64      latest_activity;  /* -1 when none */
  int         age;       /* on the latest activity; -1 when unknown */
  gboolean    child;     /* under 18 on the date of any of the activity */
  gboolean    vulnerable_adult;
  LsRisk      risk;
  GPtrArray  *indicators;       /* LsIndicator*, the strongest first */
  GPtrArray  *contacts;         /* char*: "Name (role)", who they are in contact with */
  GPtrArray  *places;           /* char*: "Place — dates", where they have been */
  LsReferral  referral;
  gboolean    risk_rose;        /* current risk above the risk at the last review */
} LsSafeguardingPerson;

/* What the analysis knows about the line, which the indicators use. Filled
 * from ls-analysis by ls_line_facts_from_analysis(); tests may fill it by hand. */
typedef struct _LsLineFacts LsLineFacts;

LsLineFacts *ls_line_facts_new            (void);
void         ls_line_facts_free           (LsLineFacts *facts);
void         ls_line_facts_add_deal_phone (LsLineFacts *facts,
                                           gint64       phone_id);
/* role: "head" or "line holder" */
void         ls_line_facts_add_holder     (LsLineFacts *facts,
                                           gint64       person_id,
                                           const char  *role);
/* A person whose phone use the analysis matches to the pattern of someone
 * made to carry and deliver drugs; reason is the analysis' own words. */
/* An unattributed phone the analysis says holds or heads the line. */
void         ls_line_facts_add_holder_phone (LsLineFacts *facts,
                                           gint64       phone_id,
                                           const char  *role);
void         ls_line_facts_add_runner     (LsLineFacts *facts,
                                           gint64       person_id,
                                           const char  *reason);
void         ls_line_facts_add_swap       (LsLineFacts *facts,
                                           gint64       phone_id,
                                           gint64       when,
                                           const char  *reason);
LsLineFacts *ls_line_facts_from_analysis  (sqlite3      *db,
                                           GCancellable *cancellable,
                                           GError      **error);
/* From an analysis already made (e.g. ls_analysis_load's cached one);
 * analysis is an LsAnalysis*. */
LsLineFacts *ls_line_facts_from_analysis_result (sqlite3 *db,
                                                 gpointer analysis);
/* The case's cached analysis (made and cached if need be), on the case's
 * own thread: for the command line. */
LsLineFacts *ls_line_facts_for_case       (LsCase       *kase,
                                           GCancellable *cancellable,
                                           GError      **error);

typedef struct _LsSafeguarding LsSafeguarding;

/* facts may be NULL: then the analysis is run on db. */
LsSafeguarding             *ls_safeguarding_build       (sqlite3                     *db,
                                                         const LsSafeguardingOptions *options,
                                                         const LsLineFacts           *facts,
                                                         GCancellable                *cancellable,
                                                         GError                     **error);
LsSafeguarding             *ls_safeguarding_ref         (LsSafeguarding *self);
void                        ls_safeguarding_unref       (LsSafeguarding *self);
guint                       ls_safeguarding_get_n_people (LsSafeguarding *self);
const LsSafeguardingPerson *ls_safeguarding_get_person  (LsSafeguarding *self,
                                                         guint           index);
const LsSafeguardingPerson *ls_safeguarding_find        (LsSafeguarding *self,
                                                         const char     *name_or_key);
const LsIndicator          *ls_safeguarding_person_find_indicator (const LsSafeguardingPerson *person,
                                                                   const char                 *code);
/* "Missing from home; phone far from home; …", the first n indicators' short names. */
char                       *ls_safeguarding_person_summary (const LsSafeguardingPerson *person,
                                                            guint                       n);
const char                 *ls_indicator_title           (const char *code);

/* Output for `linesight safeguarding`. */
char                       *ls_safeguarding_to_json     (LsSafeguarding *self);
char                       *ls_safeguarding_to_csv      (LsSafeguarding *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsSafeguarding, ls_safeguarding_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsLineFacts, ls_line_facts_free)

G_END_DECLS
