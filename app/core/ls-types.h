/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Forward declarations shared by the core, render and ui headers, so that
 * headers need not include each other. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LsCase       LsCase;
typedef struct _LsCaseWriter LsCaseWriter;

typedef enum {
  LS_CALL_KIND_VOICE = 0,
  LS_CALL_KIND_SMS   = 1,
} LsCallKind;

/* The kinds of data one import brings in. */
typedef enum {
  LS_IMPORT_KIND_CALLS,
  LS_IMPORT_KIND_PEOPLE,
  LS_IMPORT_KIND_PHONES,
  LS_IMPORT_KIND_HANDSETS,
  LS_IMPORT_KIND_CELLS,
  LS_IMPORT_KIND_EVENTS,
} LsImportKind;

G_END_DECLS

G_BEGIN_DECLS

/* How much an export or a view hides: nothing; everyone but the people on
 * the safeguarding list (for partners who must know who the children
 * are); or everyone. Numbers are masked in both redacted modes. */
typedef enum {
  LS_REDACTION_NONE,
  LS_REDACTION_PARTNER,
  LS_REDACTION_ALL,
} LsRedaction;

/* Progress of slow work, 0.0 to 1.0. Called on the worker's thread: the UI
 * marshals it to the main thread itself. */
typedef void (*LsProgressFunc) (double   fraction,
                                gpointer user_data);

G_END_DECLS
