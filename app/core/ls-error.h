/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LS_CASE_ERROR (ls_case_error_quark ())

typedef enum {
  LS_CASE_ERROR_NOT_FOUND,       /* the file does not exist */
  LS_CASE_ERROR_EXISTS,          /* refusing to overwrite */
  LS_CASE_ERROR_NOT_A_CASE,      /* not SQLite, or SQLite made by something else */
  LS_CASE_ERROR_TOO_NEW,         /* made by a newer Linesight */
  LS_CASE_ERROR_DAMAGED,         /* truncated, corrupted or tampered with */
  LS_CASE_ERROR_SQL,             /* SQLite said no */
  LS_CASE_ERROR_INVALID,         /* an argument a person gave is not valid */
} LsCaseError;

GQuark ls_case_error_quark (void);

G_END_DECLS
