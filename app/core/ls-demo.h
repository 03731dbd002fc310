/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo case: a realistic, deterministic county line (London hub
 * supplying Norwich, Great Yarmouth and Ipswich), written through
 * LsCaseWriter. docs/DEMO.md says what it plants. */
#pragma once

#include <gio/gio.h>

#include "ls-types.h"

G_BEGIN_DECLS

#define LS_DEMO_DEFAULT_SEED 1

/* Writes a new case at PATH (refuses to overwrite). scale 1.0 gives about
 * 20,000+ calls; 40 gives about a million. */
gboolean ls_demo_generate (const char     *path,
                           guint32         seed,
                           double          scale,
                           LsProgressFunc  progress,
                           gpointer        progress_data,
                           GCancellable   *cancellable,
                           GError        **error);

/* The planted truth: who is who in a demo case made with the same seed and
 * scale, so that analysis can be checked against it. The role strings are
 * the vocabulary of docs/DEMO.md: "head", "line-holder", "runner",
 * "customer", "associate", "cuckooed". */
typedef struct {
  GHashTable *roles;          /* person name → role */
  GHashTable *number_roles;   /* E.164 → role of the phone's user; deal-line numbers excluded */
  GHashTable *number_owners;  /* E.164 → person name, also for unattributed (burner) phones */
  GPtrArray  *deal_numbers;   /* E.164 of the deal line, in the order it used them */
  GArray     *deal_starts;    /* gint64: local midnight (unix seconds) each number took over */
  GPtrArray  *deal_imeis;     /* every IMEI the deal line used, in order */
  GPtrArray  *children;       /* names of runners under 18 throughout the activity */
  GPtrArray  *cuckooed;       /* names of the vulnerable adults whose homes were taken over */
  GPtrArray  *legitimate;     /* names of associates with no part in the line */
  char       *deal_line_name; /* what customers call the line ("Taz") */
  gint64      first_day;      /* unix seconds UTC of the first local midnight */
  gint64      last_day;       /* unix seconds UTC of the last local midnight */
} LsDemoTruth;

LsDemoTruth *ls_demo_truth_new      (guint32      seed,
                                     double       scale);
void         ls_demo_truth_free     (LsDemoTruth *truth);
const char  *ls_demo_truth_role_of  (LsDemoTruth *truth,
                                     const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsDemoTruth, ls_demo_truth_free)

G_END_DECLS
