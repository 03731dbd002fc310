/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small case for tests, written through LsCaseWriter. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TEST_CASE_NAME "Operation Small"
#define TEST_CASE_MARKING "OFFICIAL"

/* Three people, five phones (three attributed), N_CALLS calls and SMS
 * (every eleventh from a withheld number), seven events; four imports.
 * Returns the path of the new case in a new temporary folder. */
char *test_case_build      (guint       n_calls);
char *test_case_temp_path  (const char *name);

G_END_DECLS
