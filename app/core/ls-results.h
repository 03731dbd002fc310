/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsResults: what an operation achieved, in numbers: outcomes by kind, by
 * month and by line; referral outcomes; and how fast providers answered
 * data requests (median days, by priority). Nothing in it names anyone but
 * the deal lines, which the document masks when redacted. */
#pragma once

#include "ls-case.h"

G_BEGIN_DECLS

typedef struct {
  char   *kind;
  guint   count;
  double  quantity;   /* sum of the quantities given, NAN when none */
  char   *unit;       /* the unit when all agree, else NULL */
} LsResultsKind;

typedef struct {
  char   *key;        /* "2024-06" for months, the line's number for lines */
  GArray *counts;     /* guint, one per kind in LsResults.kinds order */
} LsResultsRow;

typedef struct {
  const char *priority;   /* urgent, high, routine, or NULL for all */
  guint       answered;
  double      median_days; /* NAN when none answered */
  guint       open;
  guint       overdue;
} LsResultsTurnaround;

typedef struct {
  GPtrArray           *kinds;       /* LsResultsKind, in ls_outcome_kinds() order, only those present */
  GPtrArray           *months;      /* LsResultsRow */
  GPtrArray           *lines;       /* LsResultsRow */
  GPtrArray           *referrals;   /* char* "status\tcount" pairs, by status */
  guint                n_requests;
  LsResultsTurnaround  turnaround[4]; /* all, urgent, high, routine */
  char                *first_date;
  char                *last_date;
} LsResults;

LsResults *ls_results_build (LsCase     *kase,
                             int         target_days,
                             GError    **error);
void       ls_results_free  (LsResults  *results);
double     ls_median        (GArray     *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsResults, ls_results_free)

G_END_DECLS
