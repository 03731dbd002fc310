/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The briefing pack: one PDF for a multi-agency meeting. A cover, the
 * network map, the timeline, the geographic spread, key findings, the
 * safeguarding list, outstanding data requests and results, and an
 * appendix of sources; the protective marking at top and bottom of every
 * page. With redaction, every string that goes in passes the case's
 * LsRedactor, and the views are drawn redacted. */
#pragma once

#include <gio/gio.h>

#include "ls-case.h"

G_BEGIN_DECLS

typedef struct {
  LsCase         *kase;
  gint64          from;         /* unix seconds UTC; -1 open */
  gint64          to;           /* exclusive; -1 open */
  const char     *marking;      /* NULL: the case's own */
  LsRedaction     redaction;
  LsProgressFunc  progress;
  gpointer        progress_data;
  GCancellable   *cancellable;
} LsBriefingOptions;

gboolean ls_briefing_write (const LsBriefingOptions  *options,
                            const char               *path,
                            GError                  **error);

G_END_DECLS
