/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case tables LsRowModel can show: for each, the SQL that reads it
 * (with the joins that turn ids into names) and its columns. This and
 * ls-row-model.c are the only SQL the data tables use. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  LS_ROW_TABLE_PEOPLE,
  LS_ROW_TABLE_PHONES,
  LS_ROW_TABLE_CALLS,
  LS_ROW_TABLE_EVENTS,
  LS_ROW_TABLE_IMPORTS,
  LS_ROW_TABLE_N,
} LsRowTable;

typedef enum {
  LS_ROW_FORMAT_TEXT,
  LS_ROW_FORMAT_NUMBER,     /* an integer, grouped: 12,345 */
  LS_ROW_FORMAT_TIME,       /* unix seconds, shown in Europe/London time */
  LS_ROW_FORMAT_DURATION,   /* seconds, shown as m:ss or h:mm:ss */
  LS_ROW_FORMAT_CALL_KIND,  /* LsCallKind */
  LS_ROW_FORMAT_PHONE,      /* NULL means the number was withheld */
  LS_ROW_FORMAT_YES_NO,
} LsRowFormat;

typedef struct {
  const char  *title;     /* untranslated (N_) */
  const char  *expr;      /* SQL for the value */
  const char  *sort;      /* SQL terms to sort by, ", "-separated; NULL: expr */
  LsRowFormat  format;
  gboolean     search;    /* matched by the search text */
  gboolean     expand;    /* takes spare width in a view */
  gboolean     joined;    /* reads the tables joined to the base one */
} LsRowColumn;

#define LS_ROW_MAX_COLUMNS 10

typedef struct {
  const char  *name;      /* "calls" */
  const char  *title;     /* untranslated (N_) */
  const char  *count;     /* SQL counting every row */
  const char  *base;      /* the table alone, e.g. "calls c" */
  const char  *from;      /* FROM clause with its joins */
  const char  *id;        /* the row id, e.g. "c.id" */
  const char  *order;     /* default ORDER BY terms */
  const char  *time;      /* the time a date range applies to, or NULL */
  const char  *keys;      /* the session node keys of row ?1, or NULL */
  guint        n_columns;
  LsRowColumn  columns[LS_ROW_MAX_COLUMNS];
} LsRowTableSpec;

const LsRowTableSpec *ls_row_table_get     (LsRowTable   table);
char                 *ls_row_format_value  (LsRowFormat  format,
                                            gboolean     is_null,
                                            gint64       number,
                                            const char  *text);
char                 *ls_row_format_count  (gint64       count);

G_END_DECLS
