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

G_END_DECLS
