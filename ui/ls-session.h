/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsSession: what every view of one window shares: the open case, the
 * date range, the selection and the redaction mode. Views bind to it and
 * never call each other (like sysprof's SysprofSession). */
#pragma once

#include <glib-object.h>

#include "ls-case.h"

G_BEGIN_DECLS

#define LS_TYPE_SESSION (ls_session_get_type ())
G_DECLARE_FINAL_TYPE (LsSession, ls_session, LS, SESSION, GObject)

LsSession   *ls_session_new            (void);
LsCase      *ls_session_get_case       (LsSession   *self);
void         ls_session_set_case       (LsSession   *self,
                                        LsCase      *kase);
/* Unix seconds, UTC; -1 means open-ended. */
gint64       ls_session_get_range_from (LsSession   *self);
gint64       ls_session_get_range_to   (LsSession   *self);
void         ls_session_set_range      (LsSession   *self,
                                        gint64       from,
                                        gint64       to);
/* Selected node keys: "person:ID" or "phone:ID" (as in LsGraphNode.key). */
const char * const *ls_session_get_selection (LsSession *self);
void         ls_session_set_selection  (LsSession   *self,
                                        const char * const *keys);
gboolean     ls_session_is_selected    (LsSession   *self,
                                        const char  *key);
LsRedaction  ls_session_get_redaction  (LsSession   *self);
void         ls_session_set_redaction  (LsSession   *self,
                                        LsRedaction  redaction);
/* Call rows (calls.id) a view asks the others to emphasise, such as the
 * evidence of a finding, with their start times (unix seconds UTC; TIMES
 * may be NULL). Kept sorted by id; empty when none. */
void         ls_session_set_highlighted_calls (LsSession    *self,
                                               const gint64 *ids,
                                               const gint64 *times,
                                               guint         n_ids);
const gint64 *ls_session_get_highlighted_calls (LsSession   *self,
                                               guint        *n_ids);
gboolean     ls_session_is_call_highlighted (LsSession   *self,
                                             gint64       id);
/* First and last start time of the highlighted calls; FALSE when none has one. */
gboolean     ls_session_get_highlight_span (LsSession   *self,
                                            gint64      *first,
                                            gint64      *last);
/* Bumped when the case's data changes (after an import), so views reload. */
void         ls_session_data_changed   (LsSession   *self);

G_END_DECLS
