/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case's cache of derived results (analysis_cache): one JSON text per
 * key, valid while the case's data_version is the one it was made from.
 * The store's only SQL for that table lives in ls-case-cache.c. */
#pragma once

#include <sqlite3.h>

#include "ls-case.h"

G_BEGIN_DECLS

/* The data version as a reader sees it (ls_case_get_data_version for a
 * connection of a worker thread). */
gint64    ls_case_cache_data_version (sqlite3     *db);
/* The cached text for KEY if it was made from DATA_VERSION, else NULL. */
char     *ls_case_cache_lookup       (sqlite3     *db,
                                      const char  *key,
                                      gint64       data_version);
/* Stores RESULT for KEY through DB, a writer connection (the case's own,
 * or one a worker opened with ls_case_open_writer). */
gboolean  ls_case_cache_store        (sqlite3     *db,
                                      const char  *key,
                                      gint64       data_version,
                                      const char  *result,
                                      GError     **error);
/* Forgets every cached result: for tests and for "recompute". */
gboolean  ls_case_cache_clear        (LsCase      *kase,
                                      GError     **error);

G_END_DECLS
