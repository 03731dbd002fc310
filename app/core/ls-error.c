/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-error"
#include "config.h"

#include "ls-error.h"

G_DEFINE_QUARK (ls-case-error-quark, ls_case_error)
