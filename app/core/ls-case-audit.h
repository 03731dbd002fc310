/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case's audit trail: every export, briefing and referral change, with
 * who, when and what. Exports are recorded with the SHA-256 of the file
 * written, so a copy that turns up later can be traced to its export. */
#pragma once

#include "ls-case.h"

G_BEGIN_DECLS

typedef struct {
  const char *what;       /* "network", "timeline", "map", "safeguarding", "briefing", … */
  const char *format;     /* "png", "pdf", "svg", "csv", "json" */
  const char *redaction;  /* "none", "partner", "all" */
  gint64      from;       /* date range, unix seconds UTC; -1 for open */
  gint64      to;
  const char *path;       /* the file written */
} LsExportRecord;

typedef struct {
  gint64  id;
  gint64  at;
  char   *user;
  char   *action;
  char   *subject;
  char   *old_value;
  char   *new_value;
  char   *details;
} LsAuditEntry;

char      *ls_file_sha256           (const char            *path,
                                     GError               **error);
gboolean   ls_case_record_export    (LsCase                *kase,
                                     const LsExportRecord  *record,
                                     GError               **error);
GPtrArray *ls_case_list_audit       (LsCase                *kase,
                                     GError               **error);
void       ls_audit_entry_free      (LsAuditEntry          *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsAuditEntry, ls_audit_entry_free)

G_END_DECLS
