/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsFinding: one thing the analysis says about the network (a deal line,
 * a role, a handset swap, two phones together), with how sure it is, the
 * reasons in sentences a person can repeat in a meeting, and the rows of
 * evidence behind it with their source file and line. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LS_FINDING_DEAL_LINE      "deal-line"
#define LS_FINDING_SUCCESSOR_LINE "successor-line"
#define LS_FINDING_ROLE           "role"
#define LS_FINDING_HANDSET_SWAP   "handset-swap"
#define LS_FINDING_CO_LOCATION    "co-location"

typedef enum {
  LS_EVIDENCE_CALL,
  LS_EVIDENCE_EVENT,
  LS_EVIDENCE_HANDSET,
} LsEvidenceKind;

typedef struct {
  LsEvidenceKind  kind;
  gint64          row_id;     /* calls.id, events.id or handsets.id */
  gint64          when;       /* unix seconds UTC, or -1 */
  char           *file;       /* imports.file_name, or NULL */
  gint64          line;       /* source line, or -1 */
} LsEvidence;

typedef struct {
  gatomicrefcount  ref_count;
  char            *type;        /* LS_FINDING_* */
  char            *role;        /* for "role": line-holder, runner, customer, head; else NULL */
  char            *title;       /* one line for a list */
  double           confidence;  /* 0–1 */
  GPtrArray       *subjects;    /* char *: node keys, "person:ID" or "phone:ID" */
  GPtrArray       *numbers;     /* char *: E.164 numbers the finding is about */
  GPtrArray       *reasons;     /* char *: sentences */
  GArray          *evidence;    /* LsEvidence, at most LsAnalysisOptions.max_evidence */
  guint            evidence_total; /* rows behind the finding, before the cut */
  gboolean         child;       /* a subject is a child or vulnerable adult: reasons are victim-first */
} LsFinding;

const char *ls_evidence_kind_to_string (LsEvidenceKind kind);
gboolean    ls_evidence_kind_from_string (const char     *str,
                                          LsEvidenceKind *kind);

LsFinding  *ls_finding_new             (const char     *type,
                                        double          confidence);
LsFinding  *ls_finding_ref             (LsFinding      *self);
void        ls_finding_unref           (LsFinding      *self);
void        ls_finding_add_subject     (LsFinding      *self,
                                        const char     *node_key);
gboolean    ls_finding_has_subject     (const LsFinding *self,
                                        const char     *node_key);
void        ls_finding_add_number      (LsFinding      *self,
                                        const char     *number);
void        ls_finding_add_reason      (LsFinding      *self,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
void        ls_finding_add_evidence    (LsFinding      *self,
                                        LsEvidenceKind  kind,
                                        gint64          row_id,
                                        gint64          when,
                                        const char     *file,
                                        gint64          line);
void        ls_finding_set_title       (LsFinding      *self,
                                        const char     *format,
                                        ...) G_GNUC_PRINTF (2, 3);
int         ls_finding_compare         (gconstpointer   a,
                                        gconstpointer   b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsFinding, ls_finding_unref)

G_END_DECLS
