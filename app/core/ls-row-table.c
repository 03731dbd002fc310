/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What each data table shows. Ids are joined to names here, in SQL, so that
 * sorting and searching by a name is done by SQLite over the whole table. */
#define G_LOG_DOMAIN "ls-row-table"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ls-row-table.h"
#include "ls-time.h"
#include "ls-types.h"

#define SOURCE_COLUMN(alias) \
  { N_("Source"), "im.file_name || ':' || " alias ".source_line", \
    "im.file_name, " alias ".source_line", LS_ROW_FORMAT_TEXT, TRUE, FALSE, TRUE }

#define NAMED_NUMBER(phone, person) \
  "CASE WHEN " person ".name IS NULL THEN " phone ".number " \
  "ELSE " person ".name || ' (' || " phone ".number || ')' END"

static const LsRowTableSpec tables[LS_ROW_TABLE_N] = {
  [LS_ROW_TABLE_PEOPLE] = {
    "people", N_("People"), "SELECT count(*) FROM people",
    "people p", "people p LEFT JOIN imports im ON im.id = p.import_id",
    "p.id", "p.name COLLATE NOCASE, p.id", NULL,
    "SELECT 'person:' || id FROM people WHERE id = ?1", 8, {
      { N_("Name"), "p.name", "p.name COLLATE NOCASE", LS_ROW_FORMAT_TEXT, TRUE, TRUE },
      { N_("Aliases"), "p.aliases", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      { N_("Date of Birth"), "p.dob", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      { N_("Gender"), "p.gender", NULL, LS_ROW_FORMAT_TEXT, FALSE, FALSE },
      { N_("Address"), "p.address", NULL, LS_ROW_FORMAT_TEXT, TRUE, TRUE },
      { N_("Vulnerable"), "p.vulnerable", NULL, LS_ROW_FORMAT_YES_NO, FALSE, FALSE },
      { N_("Phones"), "(SELECT count(*) FROM phones x WHERE x.person_id = p.id)", NULL,
        LS_ROW_FORMAT_NUMBER, FALSE, FALSE },
      SOURCE_COLUMN ("p"),
    },
  },
  [LS_ROW_TABLE_PHONES] = {
    "phones", N_("Phones"), "SELECT count(*) FROM phones",
    "phones ph", "phones ph LEFT JOIN people pe ON pe.id = ph.person_id "
    "LEFT JOIN imports im ON im.id = ph.import_id",
    "ph.id", "ph.number, ph.id", NULL,
    "SELECT 'phone:' || id FROM phones WHERE id = ?1", 6, {
      { N_("Number"), "ph.number", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      { N_("Person"), "pe.name", "pe.name COLLATE NOCASE", LS_ROW_FORMAT_TEXT, TRUE, TRUE, TRUE },
      { N_("Calls Made"), "(SELECT count(*) FROM calls x WHERE x.caller_id = ph.id)", NULL,
        LS_ROW_FORMAT_NUMBER, FALSE, FALSE },
      { N_("Calls Received"), "(SELECT count(*) FROM calls x WHERE x.callee_id = ph.id)", NULL,
        LS_ROW_FORMAT_NUMBER, FALSE, FALSE },
      { N_("Notes"), "ph.notes", NULL, LS_ROW_FORMAT_TEXT, TRUE, TRUE },
      SOURCE_COLUMN ("ph"),
    },
  },
  [LS_ROW_TABLE_CALLS] = {
    "calls", N_("Calls"), "SELECT count(*) FROM calls",
    "calls c", "calls c "
    "LEFT JOIN phones pa ON pa.id = c.caller_id LEFT JOIN people na ON na.id = pa.person_id "
    "LEFT JOIN phones pb ON pb.id = c.callee_id LEFT JOIN people nb ON nb.id = pb.person_id "
    "LEFT JOIN cells ce ON ce.id = c.cell_id LEFT JOIN imports im ON im.id = c.import_id",
    "c.id", "c.start, c.id", "c.start",
    "SELECT 'phone:' || caller_id FROM calls WHERE id = ?1 AND caller_id IS NOT NULL "
    "UNION ALL SELECT 'phone:' || callee_id FROM calls WHERE id = ?1 AND callee_id IS NOT NULL", 8, {
      { N_("Time"), "c.start", NULL, LS_ROW_FORMAT_TIME, FALSE, FALSE },
      { N_("Caller"), NAMED_NUMBER ("pa", "na"), NULL, LS_ROW_FORMAT_PHONE, TRUE, TRUE, TRUE },
      { N_("Callee"), NAMED_NUMBER ("pb", "nb"), NULL, LS_ROW_FORMAT_PHONE, TRUE, TRUE, TRUE },
      { N_("Kind"), "c.kind", NULL, LS_ROW_FORMAT_CALL_KIND, FALSE, FALSE },
      { N_("Duration"), "c.duration", NULL, LS_ROW_FORMAT_DURATION, FALSE, FALSE },
      { N_("Cell"), "CASE WHEN ce.name IS NULL THEN ce.cell_ref ELSE ce.cell_ref || ' · ' || ce.name END",
        "ce.cell_ref", LS_ROW_FORMAT_TEXT, TRUE, TRUE, TRUE },
      { N_("IMEI"), "c.imei", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      SOURCE_COLUMN ("c"),
    },
  },
  [LS_ROW_TABLE_EVENTS] = {
    "events", N_("Events"), "SELECT count(*) FROM events",
    "events e", "events e LEFT JOIN people pe ON pe.id = e.person_id "
    "LEFT JOIN imports im ON im.id = e.import_id",
    "e.id", "e.start, e.id", "e.start",
    "SELECT 'person:' || person_id FROM events WHERE id = ?1 AND person_id IS NOT NULL", 8, {
      { N_("Start"), "e.start", NULL, LS_ROW_FORMAT_TIME, FALSE, FALSE },
      { N_("End"), "e.end", NULL, LS_ROW_FORMAT_TIME, FALSE, FALSE },
      { N_("Person"), "pe.name", "pe.name COLLATE NOCASE", LS_ROW_FORMAT_TEXT, TRUE, FALSE, TRUE },
      { N_("Kind"), "e.kind", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      { N_("Place"), "e.place", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      { N_("Details"), "e.text", NULL, LS_ROW_FORMAT_TEXT, TRUE, TRUE },
      { N_("Reported By"), "e.source", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      SOURCE_COLUMN ("e"),
    },
  },
  [LS_ROW_TABLE_IMPORTS] = {
    "imports", N_("Imports"), "SELECT count(*) FROM imports",
    "imports im", "imports im",
    "im.id", "im.id", NULL, NULL, 9, {
      { N_("Imported"), "im.imported_at", NULL, LS_ROW_FORMAT_TIME, FALSE, FALSE },
      { N_("Kind"), "im.kind", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      { N_("File"), "im.file_name", NULL, LS_ROW_FORMAT_TEXT, TRUE, TRUE },
      { N_("Rows"), "im.rows_imported", NULL, LS_ROW_FORMAT_NUMBER, FALSE, FALSE },
      { N_("Duplicates"), "im.rows_duplicate", NULL, LS_ROW_FORMAT_NUMBER, FALSE, FALSE },
      { N_("Skipped"), "im.rows_skipped", NULL, LS_ROW_FORMAT_NUMBER, FALSE, FALSE },
      { N_("Warnings"), "im.warnings", NULL, LS_ROW_FORMAT_NUMBER, FALSE, FALSE },
      { N_("By"), "im.user", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
      { N_("SHA-256"), "im.sha256", NULL, LS_ROW_FORMAT_TEXT, TRUE, FALSE },
    },
  },
};

const LsRowTableSpec *
ls_row_table_get (LsRowTable table)
{
  g_return_val_if_fail (table < LS_ROW_TABLE_N, NULL);

  return &tables[table];
}

/* Digits grouped in threes with commas, as "1,000,000". */
char *
ls_row_format_count (gint64 count)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (count));
  GString *out = g_string_new (count < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
format_duration (gint64 seconds)
{
  if (seconds >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d",
                            seconds / 3600, (int) (seconds / 60 % 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

char *
ls_row_format_value (LsRowFormat  format,
                     gboolean     is_null,
                     gint64       number,
                     const char  *text)
{
  if (is_null)
    return g_strdup (format == LS_ROW_FORMAT_PHONE ? _("withheld") : "");

  switch (format)
    {
    case LS_ROW_FORMAT_NUMBER:
      return ls_row_format_count (number);
    case LS_ROW_FORMAT_TIME:
      return ls_time_format_local (number, "%d/%m/%Y %H:%M:%S %Z");
    case LS_ROW_FORMAT_DURATION:
      return format_duration (number);
    case LS_ROW_FORMAT_CALL_KIND:
      return g_strdup (number == LS_CALL_KIND_SMS ? C_("call kind", "SMS") : C_("call kind", "Voice"));
    case LS_ROW_FORMAT_YES_NO:
      return g_strdup (number ? _("Yes") : _("No"));
    case LS_ROW_FORMAT_TEXT:
    case LS_ROW_FORMAT_PHONE:
    default:
      return g_strdup (text ? text : "");
    }
}
