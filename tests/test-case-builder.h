/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small case for tests, written through LsCaseWriter. */
#pragma once

#include <glib.h>

#include "ls-case-writer.h"

G_BEGIN_DECLS

#define TEST_CASE_NAME "Operation Small"
#define TEST_CASE_MARKING "OFFICIAL"

/* Three people, five phones (three attributed), N_CALLS calls and SMS
 * (every eleventh from a withheld number), seven events; four imports.
 * Returns the path of the new case in a new temporary folder. */
char *test_case_build      (guint       n_calls);
char *test_case_temp_path  (const char *name);

/* Each writes its records as one import of its kind ("people.csv" and so
 * on), failing the test on any error. */
void  test_case_write_people   (LsCase *kase, const LsPersonRecord  *records, guint n);
void  test_case_write_phones   (LsCase *kase, const LsPhoneRecord   *records, guint n);
void  test_case_write_cells    (LsCase *kase, const LsCellRecord    *records, guint n);
void  test_case_write_handsets (LsCase *kase, const LsHandsetRecord *records, guint n);
void  test_case_write_events   (LsCase *kase, const LsEventRecord   *records, guint n);
void  test_case_write_calls    (LsCase *kase, const LsCallRecord    *records, guint n);

G_END_DECLS
