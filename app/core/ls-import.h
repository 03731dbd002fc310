/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import of a CSV/TSV file into a case: the one entry point shared by the
 * command line and the window's import assistant. Runs on any thread, with
 * a case opened on that thread. */
#pragma once

#include <gio/gio.h>

#include "ls-case.h"
#include "ls-import-fields.h"
#include "ls-import-values.h"

G_BEGIN_DECLS

#define LS_IMPORT_MAX_PROBLEMS 100

typedef struct {
  LsImportKind        kind;
  const char         *path;           /* a file, or "-" for standard input */
  GInputStream       *stream;         /* read instead of opening path; may be NULL */
  const char         *display_name;   /* in messages; default: path, or "<stdin>" */
  const char * const *maps;           /* "FIELD=COLUMN" overrides, NULL-terminated */
  const char         *mapping_name;   /* a saved mapping to start from */
  const char         *save_mapping;   /* save the mapping used under this name */
  gboolean            skip_bad_rows;  /* import good rows, write bad ones aside */
  gboolean            dry_run;        /* check and count, then roll back */
  const char         *rejected_path;  /* default: PATH.rejected.csv */
} LsImportOptions;

typedef struct {
  gint64    line;
  gint64    column;   /* 1-based column of the CSV, 0 when none applies */
  char     *field;    /* the field concerned, or NULL */
  char     *message;  /* "expected …, found "…"" */
  gboolean  warning;
} LsImportProblem;

typedef struct {
  char      *file;           /* as shown in messages */
  gint64     import_id;      /* 0 when nothing was committed */
  gint64     rows;           /* data rows read */
  gint64     imported;
  gint64     duplicates;     /* already in the case */
  gint64     skipped;        /* rejected with --skip-bad-rows */
  gint64     warnings;
  gint64     n_problems;     /* errors, all of them */
  GPtrArray *problems;       /* LsImportProblem: the first LS_IMPORT_MAX_PROBLEMS errors */
  GPtrArray *warning_list;   /* LsImportProblem: the first LS_IMPORT_MAX_PROBLEMS warnings */
  char      *sha256;
  char      *encoding;
  char       delimiter;
  char      *mapping;        /* "field=Column" lines */
  char      *rejected_path;  /* set when rejected rows were written */
  gboolean   committed;
} LsImportReport;

typedef struct {
  LsImportKind     kind;
  char             delimiter;
  char            *encoding;
  GStrv            headers;
  GPtrArray       *rows;        /* GStrv per row, as read */
  GArray          *lines;       /* gint64: the line each row starts on */
  LsImportMapping  mapping;
  char            *mapping_error; /* NULL when every required field has a column */
  GPtrArray       *problems;    /* LsImportProblem in the rows shown */
} LsImportPreview;

char           *ls_import_problem_format (const char             *file,
                                          const LsImportProblem  *problem);
void            ls_import_report_free    (LsImportReport         *report);
void            ls_import_preview_free   (LsImportPreview        *preview);

gboolean        ls_import_run            (LsCase                 *kase,
                                          const LsImportOptions  *options,
                                          LsProgressFunc          progress,
                                          gpointer                progress_data,
                                          GCancellable           *cancellable,
                                          LsImportReport        **report,
                                          GError                **error);
LsImportPreview *ls_import_preview       (LsCase                 *kase,
                                          const LsImportOptions  *options,
                                          guint                   n_rows,
                                          GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsImportReport, ls_import_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsImportPreview, ls_import_preview_free)

G_END_DECLS
