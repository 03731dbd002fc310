/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Import: rows from LsCsvReader, fields placed by LsImportMapping, values
 * parsed by ls-import-values, records written by LsCaseWriter. The whole
 * file is one transaction: any problem, cancellation or crash leaves the
 * case as it was, unless the person asked to skip bad rows, in which case
 * those rows go to a file of their own with the reason beside each. */
#define G_LOG_DOMAIN "ls-import"
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ls-case-mappings.h"
#include "ls-case-writer.h"
#include "ls-csv-reader.h"
#include "ls-grid.h"
#include "ls-import.h"
#include "ls-str-ids.h"
#include "ls-time.h"

typedef struct {
  LsCase                *kase;
  const LsImportOptions *options;
  LsImportReport        *report;
  const char            *file;
  LsCsvReader           *reader;

  const LsImportField   *fields;
  guint                  n_fields;
  GStrv                  headers;
  guint                  n_columns;
  gint64                 header_line;
  gboolean               have_header;
  LsImportMapping        mapping;
  gboolean               mapping_ready;
  char                  *saved_mapping;

  LsCaseWriter          *writer;
  goffset                size;
  gboolean               failed;
  FILE                  *rejected;
  char                  *rejected_path;
  gboolean               rejected_any;

  gboolean               row_bad;
  GString               *reasons;
  GString               *scratch[LS_IMPORT_MAX_FIELDS];
  char                   phone[2][LS_PHONE_NUMBER_MAX];
  char                   digits[2][24];
  LsStrIds              *kinds;    /* a call type's text → its LsCallKind, or -2 for data */

  GPtrArray             *held;     /* HeldRow: rows read before the header was found */
  struct _HeldRow       *footer;   /* a one-field row that may be the file's last */

  LsImportPreview       *preview;
  guint                  preview_rows;
} Import;

/* Exports often open with a title, the period and a blank line before the
 * header, and end with a line like "Total records: 1234". The header is
 * the first of the first PREAMBLE_MAX rows that names fields; a one-field
 * row after the data is ignored if nothing follows it. */
#define PREAMBLE_MAX 20

typedef struct _HeldRow {
  LsCsvRow  row;
  char    **fields;
  gsize    *lengths;
  gint64   *lines;
} HeldRow;

static HeldRow *
held_row_new (const LsCsvRow *row)
{
  HeldRow *held = g_new0 (HeldRow, 1);

  held->fields = g_new0 (char *, row->n_fields + 1);
  held->lengths = g_memdup2 (row->lengths, sizeof (gsize) * MAX (row->n_fields, 1));
  held->lines = g_memdup2 (row->lines, sizeof (gint64) * MAX (row->n_fields, 1));
  for (guint i = 0; i < row->n_fields; i++)
    held->fields[i] = g_memdup2 (row->fields[i], row->lengths[i] + 1);
  held->row = *row;
  held->row.fields = (const char **) held->fields;
  held->row.lengths = held->lengths;
  held->row.lines = held->lines;
  return held;
}

static void
held_row_free (gpointer data)
{
  HeldRow *held = data;

  if (held == NULL)
    return;
  g_strfreev (held->fields);
  g_free (held->lengths);
  g_free (held->lines);
  g_free (held);
}

static void
problem_free (gpointer data)
{
  LsImportProblem *problem = data;

  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

char *
ls_import_problem_format (const char             *file,
                          const LsImportProblem  *problem)
{
  GString *s = g_string_new (file);

  if (problem->line > 0)
    g_string_append_printf (s, ":%" G_GINT64_FORMAT, problem->line);
  if (problem->column > 0)
    g_string_append_printf (s, ":%" G_GINT64_FORMAT, problem->column);
  g_string_append (s, ": ");
  if (problem->warning)
    g_string_append (s, _("warning: "));
  if (problem->field != NULL)
    g_string_append_printf (s, "field '%s': ", problem->field);
  g_string_append (s, problem->message);

  return g_string_free (s, FALSE);
}

void
ls_import_report_free (LsImportReport *report)
{
  if (report == NULL)
    return;

  g_free (report->file);
  g_ptr_array_unref (report->problems);
  g_ptr_array_unref (report->warning_list);
  g_free (report->sha256);
  g_free (report->encoding);
  g_free (report->mapping);
  g_free (report->rejected_path);
  g_free (report);
}

void
ls_import_preview_free (LsImportPreview *preview)
{
  if (preview == NULL)
    return;

  g_free (preview->encoding);
  g_strfreev (preview->headers);
  g_ptr_array_unref (preview->rows);
  g_array_unref (preview->lines);
  g_free (preview->mapping_error);
  g_ptr_array_unref (preview->problems);
  g_free (preview);
}

static void
add_problem (Import     *imp,
             gint64      line,
             gint64      column,
             const char *field,
             const char *message,
             gboolean    warning)
{
  LsImportProblem *problem;
  GPtrArray *list = warning ? imp->report->warning_list : imp->report->problems;

  if (warning)
    imp->report->warnings++;
  else
    imp->report->n_problems++;

  if (imp->preview != NULL && !warning)
    list = imp->preview->problems;
  else if (list->len >= LS_IMPORT_MAX_PROBLEMS)
    return;

  problem = g_new0 (LsImportProblem, 1);
  problem->line = line;
  problem->column = column;
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  problem->warning = warning;
  g_ptr_array_add (list, problem);
}

/* A problem with one field of the current row. */
static void
field_problem (Import         *imp,
               const LsCsvRow *row,
               int             field,
               const char     *message)
{
  int column = imp->mapping.columns[field];
  gint64 line = column >= 0 && (guint) column < row->n_fields ? row->lines[column] : row->line;

  add_problem (imp, line, column + 1, imp->fields[field].name, message, FALSE);
  if (imp->reasons->len > 0)
    g_string_append (imp->reasons, "; ");
  g_string_append_printf (imp->reasons, _("line %" G_GINT64_FORMAT ", column %d: field '%s': %s"),
                          line, column + 1, imp->fields[field].name, message);
  imp->row_bad = TRUE;
}

/* The raw text of a field, or NULL when no column holds it. */
static const char *
raw (Import         *imp,
     const LsCsvRow *row,
     int             field)
{
  int column = imp->mapping.columns[field];

  if (column < 0 || (guint) column >= row->n_fields)
    return NULL;

  return row->fields[column];
}

/* The text of a field without surrounding space, or NULL when empty. */
static const char *
text (Import         *imp,
      const LsCsvRow *row,
      int             field)
{
  const char *s = raw (imp, row, field);
  const char *e;
  GString *buf;

  if (s == NULL)
    return NULL;
  while (g_ascii_isspace (*s))
    s++;
  e = s + strlen (s);
  while (e > s && g_ascii_isspace (e[-1]))
    e--;
  if (e == s)
    return NULL;

  buf = imp->scratch[field];
  g_string_truncate (buf, 0);
  g_string_append_len (buf, s, e - s);
  return buf->str;
}

/* @error is read after @ok has been computed: arguments are evaluated
 * before the call, in no set order, so it is passed by address. */
static gboolean
check (Import         *imp,
       const LsCsvRow *row,
       int             field,
       gboolean        ok,
       GError        **error)
{
  if (!ok && error != NULL && *error != NULL)
    {
      field_problem (imp, row, field, (*error)->message);
      g_clear_error (error);
    }
  return ok;
}

static void
warn_repeated (Import         *imp,
               const LsCsvRow *row,
               int             field,
               const char     *value,
               gint64          utc)
{
  int column = imp->mapping.columns[field];
  g_autofree char *when = ls_time_format_iso_utc (utc);
  g_autofree char *message =
    g_strdup_printf (_("\"%s\" happened twice in UK time (the clocks went back an hour); "
                       "read as the first, %s"), value, when);

  add_problem (imp, row->lines[column], column + 1, imp->fields[field].name, message, TRUE);
}

/* A date and time from one column, or from separate date and time columns
 * (fields 0 and 1 of calls and events). */
static gboolean
parse_start (Import         *imp,
             const LsCsvRow *row,
             int             start_field,
             gboolean        date_only_ok,
             gint64         *utc)
{
  GError *error = NULL;
  gboolean repeated = FALSE;

  if (imp->mapping.columns[start_field] >= 0)
    {
      const char *value = raw (imp, row, start_field);
      gboolean ok = date_only_ok
        ? ls_datetime_parse_uk_date_ok (value, imp->mapping.utc[start_field], utc, &repeated, &error)
        : ls_datetime_parse_uk (value, imp->mapping.utc[start_field], utc, &repeated, &error);

      if (!check (imp, row, start_field, ok, &error))
        return FALSE;
      if (repeated)
        warn_repeated (imp, row, start_field, value, *utc);
      return TRUE;
    }
  else
    {
      const char *date = raw (imp, row, 0);
      const char *time = raw (imp, row, 1);
      int y = 0, m = 0, d = 0, secs = 0;
      gboolean date_ok, time_ok;

      date_ok = check (imp, row, 0, ls_date_parse_uk (date, &y, &m, &d, &error), &error);
      error = NULL;
      time_ok = check (imp, row, 1, ls_time_of_day_parse (time, &secs, &error), &error);
      error = NULL;
      if (!date_ok || !time_ok)
        return FALSE;

      if (imp->mapping.utc[0] || imp->mapping.utc[1])
        {
          GDate *gd = g_date_new_dmy (d, m, y);
          *utc = ((gint64) g_date_get_julian (gd) - 719163) * 86400 + secs;
          g_date_free (gd);
          return TRUE;
        }

      if (!ls_datetime_from_local (y, m, d, secs, utc, &repeated, &error))
        {
          g_autoptr(GError) owned = g_steal_pointer (&error);
          g_autofree char *both = g_strdup_printf ("%s %s", date, time);
          g_autofree char *message = g_strdup_printf (_("%s, found \"%s\""), owned->message, both);

          field_problem (imp, row, 1, message);
          return FALSE;
        }
      if (repeated)
        {
          g_autofree char *both = g_strdup_printf ("%s %s", date, time);

          warn_repeated (imp, row, 1, both, *utc);
        }
      return TRUE;
    }
}

static gboolean
parse_phone (Import         *imp,
             const LsCsvRow *row,
             int             field,
             char           *out,
             const char    **number)
{
  GError *error = NULL;
  gboolean withheld = FALSE;
  const char *value = raw (imp, row, field);

  *number = NULL;
  if (value == NULL)
    return TRUE;
  if (!check (imp, row, field, ls_phone_number_parse (value, out, &withheld, &error), &error))
    return FALSE;
  if (!withheld)
    *number = out;
  return TRUE;
}

static gboolean
parse_double (Import         *imp,
              const LsCsvRow *row,
              int             field,
              double          min,
              double          max,
              gboolean       *present,
              double         *value)
{
  GError *error = NULL;
  const char *s = text (imp, row, field);

  *present = FALSE;
  if (s == NULL)
    return TRUE;
  if (!check (imp, row, field, ls_number_parse (s, min, max, value, &error), &error))
    return FALSE;
  *present = TRUE;
  return TRUE;
}

/* Latitude and longitude come as a pair or not at all. */
static gboolean
parse_latlon (Import         *imp,
              const LsCsvRow *row,
              int             lat_field,
              int             lon_field,
              gboolean       *present,
              double         *lat,
              double         *lon)
{
  gboolean has_lat, has_lon;

  if (!parse_double (imp, row, lat_field, -90, 90, &has_lat, lat) ||
      !parse_double (imp, row, lon_field, -180, 180, &has_lon, lon))
    return FALSE;

  if (has_lat != has_lon)
    {
      int missing = has_lat ? lon_field : lat_field;

      if (imp->mapping.columns[missing] < 0)
        imp->mapping.columns[missing] = imp->mapping.columns[has_lat ? lat_field : lon_field];
      field_problem (imp, row, missing,
                     has_lat ? _("expected a longitude to go with the latitude, found \"\"")
                             : _("expected a latitude to go with the longitude, found \"\""));
      return FALSE;
    }

  *present = has_lat;
  return TRUE;
}

static gboolean
require_text (Import         *imp,
              const LsCsvRow *row,
              int             field,
              const char    **value)
{
  *value = text (imp, row, field);
  if (*value == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("expected %s, found \"\""),
                                                  _(imp->fields[field].description));
      field_problem (imp, row, field, message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_digits (Import         *imp,
              const LsCsvRow *row,
              int             field,
              guint           slot,
              const char    **value)
{
  GError *error = NULL;
  const char *s = raw (imp, row, field);
  gboolean imei = imp->fields[field].type == LS_FIELD_IMEI;

  *value = NULL;
  if (s == NULL)
    return TRUE;
  if (!check (imp, row, field,
              ls_digits_parse (s, imei ? 14 : 5, imei ? 16 : 15, imei ? N_("an IMEI") : N_("an IMSI"),
                               imp->digits[slot], sizeof imp->digits[slot], &error),
              &error))
    return FALSE;
  if (imp->digits[slot][0] != '\0')
    *value = imp->digits[slot];
  return TRUE;
}

/* Caller and callee from a target's records: the other party called the
 * target on incoming rows, the target called them on outgoing ones. The
 * direction comes from its own column or else from the call type (MTC,
 * SMS-MT…). The handset columns are then the target's, kept only where the
 * target is the caller, as the writer's records are the caller's. */
static gboolean
parse_target_other (Import         *imp,
                    const LsCsvRow *row,
                    LsCallRecord   *rec)
{
  const char *target = NULL, *other = NULL;
  const char *dir_text = raw (imp, row, CALL_DIRECTION);
  gboolean incoming = FALSE, known;
  gboolean ok = TRUE;

  ok &= parse_phone (imp, row, CALL_TARGET, imp->phone[0], &target);
  ok &= parse_phone (imp, row, CALL_OTHER, imp->phone[1], &other);

  if (dir_text != NULL && dir_text[0] != '\0')
    known = ls_direction_parse (dir_text, &incoming);
  else
    known = ls_direction_parse (raw (imp, row, CALL_KIND), &incoming);

  if (!known)
    {
      int field = imp->mapping.columns[CALL_DIRECTION] >= 0 ? CALL_DIRECTION : CALL_KIND;
      g_autofree char *message =
        g_strdup_printf (_("expected a direction like Incoming or Outgoing (or a call type like "
                           "MOC or MTC), found \"%s\""), raw (imp, row, field) ?: "");

      if (imp->mapping.columns[field] < 0)
        imp->mapping.columns[field] = imp->mapping.columns[CALL_TARGET];
      field_problem (imp, row, field, message);
      return FALSE;
    }

  rec->caller = incoming ? other : target;
  rec->callee = incoming ? target : other;
  if (incoming)
    rec->imei = rec->imsi = NULL;
  return ok;
}

static gboolean
add_call (Import          *imp,
          const LsCsvRow  *row,
          GError         **error)
{
  LsCallRecord rec = { 0, };
  GError *local = NULL;
  gboolean ok = TRUE;
  const char *kind = raw (imp, row, CALL_KIND);
  /* A file has a handful of call types: each is read once. */
  gint64 known = ls_str_ids_lookup (imp->kinds, kind ? kind : "");

  if (known == -1)
    {
      LsCallKind parsed;

      if (kind != NULL && kind[0] != '\0' && ls_call_kind_is_data (kind))
        known = -2;
      else if (ls_call_kind_parse (kind ? kind : "", &parsed, NULL))
        known = parsed;
      if (known != -1)
        ls_str_ids_set (imp->kinds, kind ? kind : "", known);
    }

  if (known == -2)
    {
      int column = imp->mapping.columns[CALL_KIND];
      g_autofree char *message =
        g_strdup_printf (_("\"%s\" is a data session, not a call or a message; not imported"), kind);

      add_problem (imp, row->lines[column], column + 1, "kind", message, TRUE);
      imp->report->skipped++;
      return TRUE;
    }

  ok &= parse_start (imp, row, CALL_START, FALSE, &rec.start);
  if (known >= 0)
    rec.kind = (LsCallKind) known;
  else
    ok &= check (imp, row, CALL_KIND, ls_call_kind_parse (kind ?: "", &rec.kind, &local), &local);
  local = NULL;
  ok &= check (imp, row, CALL_DURATION,
               ls_duration_parse (raw (imp, row, CALL_DURATION) ?: "", &rec.duration, &local), &local);
  rec.cell = text (imp, row, CALL_CELL);
  ok &= parse_digits (imp, row, CALL_IMEI, 0, &rec.imei);
  ok &= parse_digits (imp, row, CALL_IMSI, 1, &rec.imsi);
  if (imp->mapping.columns[CALL_CALLER] >= 0 || imp->mapping.columns[CALL_CALLEE] >= 0)
    {
      ok &= parse_phone (imp, row, CALL_CALLER, imp->phone[0], &rec.caller);
      ok &= parse_phone (imp, row, CALL_CALLEE, imp->phone[1], &rec.callee);
    }
  else
    ok &= parse_target_other (imp, row, &rec);
  rec.line = row->line;

  if (!ok || imp->failed || imp->writer == NULL)
    return TRUE;
  return ls_case_writer_add_call (imp->writer, &rec, NULL, error);
}

static gboolean
add_person (Import          *imp,
            const LsCsvRow  *row,
            GError         **error)
{
  LsPersonRecord rec = { 0, };
  GError *local = NULL;
  char dob[16] = "";
  const char *s;
  gboolean ok = TRUE;

  ok &= require_text (imp, row, PERSON_NAME, &rec.name);
  rec.aliases = text (imp, row, PERSON_ALIASES);
  if ((s = text (imp, row, PERSON_DOB)) != NULL)
    {
      int y, m, d;

      if (check (imp, row, PERSON_DOB, ls_date_parse_uk (s, &y, &m, &d, &local), &local))
        {
          g_snprintf (dob, sizeof dob, "%04d-%02d-%02d", y, m, d);
          rec.dob = dob;
        }
      else
        ok = FALSE;
    }
  rec.gender = text (imp, row, PERSON_GENDER);
  rec.address = text (imp, row, PERSON_ADDRESS);
  ok &= parse_latlon (imp, row, PERSON_LAT, PERSON_LON, &rec.has_location, &rec.lat, &rec.lon);
  local = NULL;
  if ((s = raw (imp, row, PERSON_VULNERABLE)) != NULL)
    ok &= check (imp, row, PERSON_VULNERABLE, ls_boolean_parse (s, &rec.vulnerable, &local), &local);
  rec.notes = text (imp, row, PERSON_NOTES);
  rec.line = row->line;

  if (!ok || imp->failed || imp->writer == NULL)
    return TRUE;
  return ls_case_writer_add_person (imp->writer, &rec, NULL, error);
}

static gboolean
add_phone (Import          *imp,
           const LsCsvRow  *row,
           GError         **error)
{
  LsPhoneRecord rec = { 0, };
  gboolean ok;

  ok = parse_phone (imp, row, PHONE_NUMBER, imp->phone[0], &rec.number);
  if (ok && rec.number == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("expected a phone number like 07700 900123 or +44 7700 900123, found \"%s\""),
                         raw (imp, row, PHONE_NUMBER) ?: "");
      field_problem (imp, row, PHONE_NUMBER, message);
      ok = FALSE;
    }
  rec.person = text (imp, row, PHONE_PERSON);
  rec.notes = text (imp, row, PHONE_NOTES);
  rec.line = row->line;

  if (!ok || imp->failed || imp->writer == NULL)
    return TRUE;
  return ls_case_writer_add_phone (imp->writer, &rec, NULL, error);
}

static gboolean
parse_optional_time (Import         *imp,
                     const LsCsvRow *row,
                     int             field,
                     gint64         *utc)
{
  GError *error = NULL;
  gboolean repeated = FALSE;
  const char *s = text (imp, row, field);

  *utc = -1;
  if (s == NULL)
    return TRUE;
  if (!check (imp, row, field,
              ls_datetime_parse_uk_date_ok (s, imp->mapping.utc[field], utc, &repeated, &error), &error))
    return FALSE;
  if (repeated)
    warn_repeated (imp, row, field, s, *utc);
  return TRUE;
}

static gboolean
add_handset (Import          *imp,
             const LsCsvRow  *row,
             GError         **error)
{
  LsHandsetRecord rec = { 0, };
  gboolean ok = TRUE;

  ok &= parse_digits (imp, row, HANDSET_IMEI, 0, &rec.imei);
  if (ok && rec.imei == NULL)
    {
      field_problem (imp, row, HANDSET_IMEI, _("expected an IMEI of 14 to 16 digits, found \"\""));
      ok = FALSE;
    }
  ok &= parse_digits (imp, row, HANDSET_IMSI, 1, &rec.imsi);
  ok &= parse_phone (imp, row, HANDSET_NUMBER, imp->phone[0], &rec.number);
  ok &= parse_optional_time (imp, row, HANDSET_FIRST_SEEN, &rec.first_seen);
  ok &= parse_optional_time (imp, row, HANDSET_LAST_SEEN, &rec.last_seen);
  rec.line = row->line;

  if (!ok || imp->failed || imp->writer == NULL)
    return TRUE;
  return ls_case_writer_add_handset (imp->writer, &rec, NULL, error);
}

static gboolean
add_cell (Import          *imp,
          const LsCsvRow  *row,
          GError         **error)
{
  LsCellRecord rec = { 0, };
  gboolean has_e, has_n, ok = TRUE;

  ok &= require_text (imp, row, CELL_CELL, &rec.cell);
  rec.name = text (imp, row, CELL_NAME);
  ok &= parse_latlon (imp, row, CELL_LAT, CELL_LON, &rec.has_latlon, &rec.lat, &rec.lon);
  ok &= parse_double (imp, row, CELL_EASTING, 0, 800000, &has_e, &rec.easting);
  ok &= parse_double (imp, row, CELL_NORTHING, 0, 1400000, &has_n, &rec.northing);
  ok &= parse_double (imp, row, CELL_AZIMUTH, 0, 360, &rec.has_azimuth, &rec.azimuth);
  rec.line = row->line;
  if (!ok)
    return TRUE;

  if (has_e != has_n)
    {
      int missing = has_e ? CELL_NORTHING : CELL_EASTING;

      if (imp->mapping.columns[missing] < 0)
        imp->mapping.columns[missing] = imp->mapping.columns[has_e ? CELL_EASTING : CELL_NORTHING];
      field_problem (imp, row, missing,
                     has_e ? _("expected a northing to go with the easting, found \"\"")
                           : _("expected an easting to go with the northing, found \"\""));
      return TRUE;
    }

  /* Both forms are kept: grid references as the operator gave them, and
   * latitude and longitude for the map. */
  rec.has_grid = has_e;
  if (rec.has_grid && !rec.has_latlon)
    {
      GError *local = NULL;

      rec.has_latlon = ls_grid_to_latlon (rec.easting, rec.northing, &rec.lat, &rec.lon, &local);
      if (!check (imp, row, CELL_EASTING, rec.has_latlon, &local))
        return TRUE;
    }
  else if (rec.has_latlon && !rec.has_grid)
    rec.has_grid = ls_latlon_to_grid (rec.lat, rec.lon, &rec.easting, &rec.northing, NULL) &&
                   rec.easting >= 0 && rec.northing >= 0 && rec.easting <= 800000 &&
                   rec.northing <= 1400000;

  if (imp->failed || imp->writer == NULL)
    return TRUE;
  return ls_case_writer_add_cell (imp->writer, &rec, NULL, error);
}

static gboolean
add_event (Import          *imp,
           const LsCsvRow  *row,
           GError         **error)
{
  LsEventRecord rec = { 0, };
  const char *kind = NULL;
  gboolean ok = TRUE;

  ok &= parse_start (imp, row, EVENT_START, TRUE, &rec.start);
  ok &= parse_optional_time (imp, row, EVENT_END, &rec.end);
  rec.person = text (imp, row, EVENT_PERSON);
  if (require_text (imp, row, EVENT_KIND, &kind))
    rec.kind = ls_event_kind_normalise (kind) ?: kind;
  else
    ok = FALSE;
  rec.place = text (imp, row, EVENT_PLACE);
  ok &= parse_latlon (imp, row, EVENT_LAT, EVENT_LON, &rec.has_location, &rec.lat, &rec.lon);
  rec.text = text (imp, row, EVENT_TEXT);
  rec.source = text (imp, row, EVENT_SOURCE);
  rec.line = row->line;

  if (!ok || imp->failed || imp->writer == NULL)
    return TRUE;
  return ls_case_writer_add_event (imp->writer, &rec, NULL, error);
}

/* ---- rejected rows ---- */

static void
write_csv_row (FILE               *fp,
               const char * const *fields,
               guint               n,
               guint               pad_to,
               const char         *last)
{
  for (guint i = 0; i < MAX (n, pad_to); i++)
    {
      if (i > 0)
        fputc (',', fp);
      if (i < n)
        csv_fwrite (fp, fields[i], strlen (fields[i]));
    }
  fputc (',', fp);
  csv_fwrite (fp, last, strlen (last));
  fputc ('\n', fp);
}

static gboolean
reject_row (Import          *imp,
            const LsCsvRow  *row,
            GError         **error)
{
  imp->report->skipped++;
  if (imp->options->dry_run || imp->preview != NULL)
    return TRUE;

  if (imp->rejected == NULL)
    {
      imp->rejected = g_fopen (imp->rejected_path, "w");
      if (imp->rejected == NULL)
        {
          int saved = errno;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot write the rejected rows to “%s”: %s"),
                       imp->rejected_path, g_strerror (saved));
          return FALSE;
        }
      write_csv_row (imp->rejected, (const char * const *) imp->headers, imp->n_columns, 0,
                     _("reason"));
    }

  write_csv_row (imp->rejected, row->fields, row->n_fields, imp->n_columns, imp->reasons->str);
  imp->rejected_any = TRUE;
  return TRUE;
}

/* ---- rows ---- */

static gboolean
take_header (Import          *imp,
             const LsCsvRow  *row,
             GError         **error)
{
  imp->headers = g_new0 (char *, row->n_fields + 1);
  for (guint i = 0; i < row->n_fields; i++)
    {
      const char *h = row->fields[i];

      /* A second BOM, left by tools that add one to a file that had one. */
      while (g_str_has_prefix (h, "\xef\xbb\xbf"))
        h += 3;
      imp->headers[i] = g_strstrip (g_strdup (h));
    }
  imp->n_columns = row->n_fields;
  imp->header_line = row->line;
  imp->have_header = TRUE;

  ls_import_mapping_guess (&imp->mapping, imp->options->kind,
                           (const char * const *) imp->headers, imp->n_columns);

  if (imp->saved_mapping != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (imp->saved_mapping, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0' &&
            !ls_import_mapping_apply (&imp->mapping, lines[i], (const char * const *) imp->headers,
                                      imp->n_columns, error))
          {
            g_prefix_error (error, _("%s: the saved mapping “%s” does not fit this file: "),
                            imp->file, imp->options->mapping_name);
            return FALSE;
          }
    }

  for (guint i = 0; imp->options->maps && imp->options->maps[i]; i++)
    if (!ls_import_mapping_apply (&imp->mapping, imp->options->maps[i],
                                  (const char * const *) imp->headers, imp->n_columns, error))
      {
        g_prefix_error (error, "%s: --map %s: ", imp->file, imp->options->maps[i]);
        return FALSE;
      }

  if (imp->preview != NULL)
    {
      imp->preview->headers = g_strdupv (imp->headers);
      imp->preview->mapping = imp->mapping;
    }

  return TRUE;
}

static gboolean
begin_writing (Import          *imp,
               const LsCsvRow  *first,
               GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *mapping = NULL;
  const char *base;

  if (!ls_import_mapping_check (&imp->mapping, (const char * const *) imp->headers, imp->n_columns,
                                first ? first->fields : NULL, first ? first->n_fields : 0,
                                &local_error))
    {
      if (imp->preview != NULL)
        {
          imp->preview->mapping_error = g_strdup (local_error->message);
          imp->mapping_ready = TRUE;
          return TRUE;
        }
      g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_MAPPING, "%s: %s",
                   imp->file, local_error->message);
      return FALSE;
    }

  imp->mapping_ready = TRUE;
  mapping = ls_import_mapping_to_string (&imp->mapping, (const char * const *) imp->headers,
                                         imp->n_columns);
  g_free (imp->report->mapping);
  imp->report->mapping = g_strdup (mapping);
  if (imp->preview != NULL)
    return TRUE;

  base = imp->options->path && !g_str_equal (imp->options->path, "-") ? imp->options->path : imp->file;
  {
    g_autofree char *name = g_path_get_basename (base);

    imp->writer = ls_case_writer_begin (imp->kase, imp->options->kind, name, "", mapping, error);
  }
  if (imp->writer == NULL)
    return FALSE;

  /* A large file of calls (about 80 bytes a row), at least as many as the
   * case holds already, is faster indexed once at the end. */
  if (imp->options->kind == LS_IMPORT_KIND_CALLS && imp->size > 0 &&
      imp->size / 80 >= 50000 &&
      imp->size / 80 >= ls_sqlite_query_int (ls_case_get_db (imp->kase), "SELECT max(rowid) FROM calls", 0))
    {
      if (!ls_case_writer_bulk_load (imp->writer, imp->size / 80, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean on_data_row (Import *imp, const LsCsvRow *row, GError **error);

/* How many of a row's cells are headings of the kind's fields. */
static guint
header_score (Import         *imp,
              const LsCsvRow *row)
{
  guint score = 0;

  for (guint c = 0; c < row->n_fields; c++)
    {
      g_autofree char *key = ls_import_header_normalise (row->fields[c]);

      for (guint f = 0; f < imp->n_fields && key[0]; f++)
        {
          const char * const *words = imp->fields[f].synonyms;
          gboolean hit = FALSE;

          for (guint w = 0; words && words[w] && !hit; w++)
            hit = g_str_equal (key, words[w]);
          if (hit)
            {
              score++;
              break;
            }
        }
    }

  return score;
}

/* Takes held row @index as the header; rows before it were the preamble,
 * rows after it are data. */
static gboolean
settle_header (Import  *imp,
               guint    index,
               GError **error)
{
  g_autoptr(GPtrArray) held = g_steal_pointer (&imp->held);
  HeldRow *header = g_ptr_array_index (held, index);

  imp->held = g_ptr_array_new_with_free_func (held_row_free);
  if (index > 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("the header is on line %" G_GINT64_FORMAT "; the %u rows before it "
                           "were taken as a title and skipped"), header->row.line, index);

      add_problem (imp, ((HeldRow *) held->pdata[0])->row.line, 1, NULL, message, TRUE);
    }
  if (!take_header (imp, &header->row, error))
    return FALSE;
  for (guint i = index + 1; i < held->len; i++)
    {
      GError *local_error = NULL;

      /* FALSE without an error: a preview has its rows. */
      if (!on_data_row (imp, &((HeldRow *) held->pdata[i])->row, &local_error))
        {
          if (local_error == NULL)
            return imp->preview != NULL;
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
find_header (Import          *imp,
             const LsCsvRow  *row,
             GError         **error)
{
  guint score = header_score (imp, row);

  g_ptr_array_add (imp->held, held_row_new (row));
  if (score >= MIN (2u, row->n_fields))
    return settle_header (imp, imp->held->len - 1, error);
  if (imp->held->len >= PREAMBLE_MAX)
    return settle_header (imp, 0, error);

  return TRUE;
}

static gboolean
on_row (const LsCsvRow  *row,
        gpointer         user_data,
        GError         **error)
{
  Import *imp = user_data;

  if (!imp->have_header)
    return find_header (imp, row, error);

  if (imp->footer != NULL)
    {
      HeldRow *footer = g_steal_pointer (&imp->footer);
      gboolean ok = on_data_row (imp, &footer->row, error);

      held_row_free (footer);
      if (!ok)
        return FALSE;
    }

  if (row->n_fields == 1 && imp->n_columns > 2)
    {
      imp->footer = held_row_new (row);
      return TRUE;
    }

  return on_data_row (imp, row, error);
}

static gboolean
on_data_row (Import          *imp,
             const LsCsvRow  *row,
             GError         **error)
{
  gboolean ok = TRUE;

  if (imp->preview != NULL && imp->report->rows >= imp->preview_rows)
    return FALSE;
  if (!imp->mapping_ready && !begin_writing (imp, row, error))
    return FALSE;

  imp->report->rows++;
  imp->row_bad = FALSE;
  g_string_truncate (imp->reasons, 0);

  if (imp->preview != NULL)
    {
      char **fields = g_new0 (char *, row->n_fields + 1);

      for (guint i = 0; i < row->n_fields; i++)
        fields[i] = g_strdup (row->fields[i]);
      g_ptr_array_add (imp->preview->rows, fields);
      g_array_append_val (imp->preview->lines, row->line);
    }

  if (row->n_fields != imp->n_columns)
    {
      gboolean extra_empty = row->n_fields > imp->n_columns;

      for (guint i = imp->n_columns; extra_empty && i < row->n_fields; i++)
        extra_empty = row->lengths[i] == 0;

      if (!extra_empty)
        {
          guint column = MIN (row->n_fields, imp->n_columns) + 1;
          gint64 line = column <= row->n_fields ? row->lines[column - 1] : row->lines[row->n_fields - 1];
          g_autofree char *message =
            g_strdup_printf (_("expected %u columns, as in the header on line %" G_GINT64_FORMAT
                               ", found %u"), imp->n_columns, imp->header_line, row->n_fields);

          add_problem (imp, line, column, NULL, message, FALSE);
          g_string_printf (imp->reasons, _("line %" G_GINT64_FORMAT ", column %u: %s"),
                           line, column, message);
          imp->row_bad = TRUE;
        }
    }

  /* A preview shows the rows even when fields are missing a column. */
  if (imp->preview != NULL && imp->preview->mapping_error != NULL)
    return imp->report->rows < imp->preview_rows;

  if (!imp->row_bad)
    {
      switch (imp->options->kind)
        {
        case LS_IMPORT_KIND_CALLS: ok = add_call (imp, row, error); break;
        case LS_IMPORT_KIND_PEOPLE: ok = add_person (imp, row, error); break;
        case LS_IMPORT_KIND_PHONES: ok = add_phone (imp, row, error); break;
        case LS_IMPORT_KIND_HANDSETS: ok = add_handset (imp, row, error); break;
        case LS_IMPORT_KIND_CELLS: ok = add_cell (imp, row, error); break;
        case LS_IMPORT_KIND_EVENTS: ok = add_event (imp, row, error); break;
        default: g_assert_not_reached ();
        }
      if (!ok)
        return FALSE;
    }

  if (imp->row_bad)
    {
      if (imp->options->skip_bad_rows)
        return reject_row (imp, row, error);
      imp->failed = TRUE;
    }

  if (imp->preview != NULL && imp->report->rows >= imp->preview_rows)
    return FALSE;

  return TRUE;
}

/* ---- the whole import ---- */

static GInputStream *
open_input (const LsImportOptions  *options,
            goffset                *size,
            GError                **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  GFileInputStream *stream;

  *size = -1;
  if (options->stream != NULL)
    return g_object_ref (options->stream);
  /* Standard input through /dev/stdin: a pipe, a terminal or a file. */
  if (options->path == NULL || g_str_equal (options->path, "-"))
    file = g_file_new_for_path ("/dev/stdin");
  else
    file = g_file_new_for_commandline_arg (options->path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  if (info != NULL)
    *size = g_file_info_get_size (info);

  return G_INPUT_STREAM (stream);
}

static void
import_init (Import                *imp,
             LsCase                *kase,
             const LsImportOptions *options)
{
  memset (imp, 0, sizeof *imp);
  imp->kase = kase;
  imp->options = options;
  imp->report = g_new0 (LsImportReport, 1);
  imp->report->problems = g_ptr_array_new_with_free_func (problem_free);
  imp->report->warning_list = g_ptr_array_new_with_free_func (problem_free);
  imp->file = options->display_name ? options->display_name
            : (options->path == NULL || g_str_equal (options->path, "-")) ? "<stdin>"
            : options->path;
  imp->report->file = g_strdup (imp->file);
  imp->fields = ls_import_fields (options->kind, &imp->n_fields);
  imp->reasons = g_string_new (NULL);
  imp->held = g_ptr_array_new_with_free_func (held_row_free);
  for (guint i = 0; i < LS_IMPORT_MAX_FIELDS; i++)
    imp->scratch[i] = g_string_new (NULL);
  imp->kinds = ls_str_ids_new ();

  if (options->rejected_path != NULL)
    imp->rejected_path = g_strdup (options->rejected_path);
  else if (options->path == NULL || g_str_equal (options->path, "-"))
    imp->rejected_path = g_strdup ("stdin.rejected.csv");
  else
    imp->rejected_path = g_strconcat (options->path, ".rejected.csv", NULL);
}

static void
import_clear (Import *imp)
{
  if (imp->writer != NULL)
    ls_case_writer_abort (imp->writer);
  if (imp->rejected != NULL)
    fclose (imp->rejected);
  g_clear_pointer (&imp->reader, ls_csv_reader_free);
  g_strfreev (imp->headers);
  g_clear_pointer (&imp->held, g_ptr_array_unref);
  g_clear_pointer (&imp->footer, held_row_free);
  g_free (imp->saved_mapping);
  g_free (imp->rejected_path);
  g_string_free (imp->reasons, TRUE);
  for (guint i = 0; i < LS_IMPORT_MAX_FIELDS; i++)
    g_string_free (imp->scratch[i], TRUE);
  g_clear_pointer (&imp->kinds, ls_str_ids_free);
  if (imp->report != NULL)
    ls_import_report_free (imp->report);
}

/* A failure at a place in the file: recorded as a problem, so that it is
 * printed like the others, and returned as the error. */
static void
positional_failure (Import  *imp,
                    gint64   line,
                    gint64   column,
                    GError **error)
{
  LsImportProblem problem = { line, column, NULL, (*error)->message, FALSE };
  g_autofree char *formatted = ls_import_problem_format (imp->file, &problem);

  add_problem (imp, line, column, NULL, (*error)->message, FALSE);
  g_free ((*error)->message);
  (*error)->message = g_steal_pointer (&formatted);
}

static gboolean
read_all (Import         *imp,
          LsProgressFunc  progress,
          gpointer        progress_data,
          GCancellable   *cancellable,
          GError        **error)
{
  g_autoptr(GInputStream) input = NULL;
  goffset size;

  input = open_input (imp->options, &size, error);
  if (input == NULL)
    {
      g_prefix_error (error, "%s: ", imp->file);
      return FALSE;
    }

  imp->size = size;
  imp->reader = ls_csv_reader_new (input, size);
  if (!ls_csv_reader_read (imp->reader, on_row, imp, progress, progress_data, cancellable, error))
    {
      if (g_error_matches (*error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_NOT_CSV))
        {
          gint64 line, column;

          ls_csv_reader_get_error_position (imp->reader, &line, &column);
          positional_failure (imp, line, column, error);
        }
      return FALSE;
    }

  if (!imp->have_header && imp->held->len > 0 && !settle_header (imp, 0, error))
    return FALSE;
  if (imp->footer != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("the last line, \"%s\", is not a row of data; ignored"),
                         imp->footer->row.fields[0]);

      add_problem (imp, imp->footer->row.line, 1, NULL, message, TRUE);
      g_clear_pointer (&imp->footer, held_row_free);
    }

  imp->report->sha256 = ls_csv_reader_dup_sha256 (imp->reader);
  imp->report->encoding = g_strdup (ls_csv_reader_get_encoding (imp->reader));
  imp->report->delimiter = ls_csv_reader_get_delimiter (imp->reader);

  if (imp->preview != NULL)
    return TRUE;

  if (!imp->have_header)
    {
      g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_EMPTY,
                   _("the file is empty; expected a header row naming the columns"));
      positional_failure (imp, 1, 1, error);
      return FALSE;
    }
  if (imp->report->rows == 0)
    {
      /* Still check the header: a person fixing the mapping of an empty
       * file learns about both problems at once. */
      if (!begin_writing (imp, NULL, error))
        return FALSE;
      g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_EMPTY,
                   _("expected rows of data after the header, found none"));
      positional_failure (imp, imp->header_line + 1, 1, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
finish (Import  *imp,
        GError **error)
{
  LsImportReport *report = imp->report;

  if (report->n_problems > 0 && !imp->options->skip_bad_rows)
    {
      g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_INVALID_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %" G_GINT64_FORMAT " problem; nothing was imported and the case is unchanged",
                                "%s: %" G_GINT64_FORMAT " problems; nothing was imported and the case is unchanged",
                                report->n_problems),
                   imp->file, report->n_problems);
      return FALSE;
    }

  ls_case_writer_set_tally (imp->writer, report->skipped, report->warnings);
  ls_case_writer_get_tally (imp->writer, &report->imported, &report->duplicates);
  report->import_id = ls_case_writer_get_import_id (imp->writer);

  if (imp->options->dry_run)
    {
      report->import_id = 0;
      return TRUE;
    }

  if (!ls_case_set_import_sha256 (imp->kase, report->import_id, report->sha256, error))
    return FALSE;
  if (imp->options->save_mapping != NULL &&
      !ls_case_save_mapping (imp->kase, imp->options->save_mapping, imp->options->kind,
                             report->mapping, error))
    return FALSE;

  if (!ls_case_writer_commit (g_steal_pointer (&imp->writer), error))
    return FALSE;

  report->committed = TRUE;
  if (imp->rejected_any)
    report->rejected_path = g_strdup (imp->rejected_path);
  return TRUE;
}

static gboolean import_run (LsCase *, const LsImportOptions *, LsProgressFunc, gpointer,
                            GCancellable *, LsImportReport **, GError **);

/* Internally errors are always collected (their messages become
 * problems), whether or not the caller wants them. */
gboolean
ls_import_run (LsCase                 *kase,
               const LsImportOptions  *options,
               LsProgressFunc          progress,
               gpointer                progress_data,
               GCancellable           *cancellable,
               LsImportReport        **report,
               GError                **error)
{
  GError *local_error = NULL;

  if (import_run (kase, options, progress, progress_data, cancellable, report, &local_error))
    return TRUE;
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
import_run (LsCase                 *kase,
            const LsImportOptions  *options,
            LsProgressFunc          progress,
            gpointer                progress_data,
            GCancellable           *cancellable,
            LsImportReport        **report,
            GError                **error)
{
  Import imp;
  gboolean ok;
  gint64 cache_size, began;

  g_return_val_if_fail (LS_IS_CASE (kase), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  import_init (&imp, kase, options);

  /* For the import only: the writer links rows only to ids it has just
   * looked up or made, so checking each foreign key again is wasted work;
   * and a big import touches index pages all over the file, which SQLite's
   * default 2 MB cache would write out and read back again and again. One
   * helper thread sorts for the index builds while the table is read (on
   * two cores, more only get in each other's way). */
  cache_size = ls_sqlite_query_int (ls_case_get_db (kase), "PRAGMA cache_size", -2000);
  ls_case_exec (kase, "PRAGMA foreign_keys = OFF; PRAGMA cache_size = -49152; PRAGMA threads = 1;", NULL);

  ok = TRUE;
  if (options->mapping_name != NULL)
    {
      imp.saved_mapping = ls_case_load_mapping (kase, options->mapping_name, options->kind, error);
      ok = imp.saved_mapping != NULL;
    }

  began = g_get_monotonic_time ();
  ok = ok && read_all (&imp, progress, progress_data, cancellable, error);
  g_debug ("file read in %.3f s, %.3f s of it on this thread",
           (g_get_monotonic_time () - began) / 1e6, ls_thread_cpu_seconds ());
  ok = ok && finish (&imp, error);
  g_debug ("import done in %.3f s", (g_get_monotonic_time () - began) / 1e6);

  if (imp.rejected != NULL)
    {
      fclose (imp.rejected);
      imp.rejected = NULL;
      if (!ok)
        g_unlink (imp.rejected_path);
    }
  if (!ok)
    {
      g_free (imp.report->rejected_path);
      imp.report->rejected_path = NULL;
    }

  if (report != NULL)
    *report = g_steal_pointer (&imp.report);
  import_clear (&imp);

  {
    g_autofree char *restore = g_strdup_printf ("PRAGMA foreign_keys = ON; PRAGMA cache_size = %"
                                                G_GINT64_FORMAT ";", cache_size);
    ls_case_exec (kase, restore, NULL);
  }
  return ok;
}

/* The first @n_rows rows with the mapping that would be used and the
 * problems they have, for the import assistant. @kase is only needed for
 * a saved mapping. */
static LsImportPreview *import_preview (LsCase *, const LsImportOptions *, guint, GError **);

LsImportPreview *
ls_import_preview (LsCase                 *kase,
                   const LsImportOptions  *options,
                   guint                   n_rows,
                   GError                **error)
{
  GError *local_error = NULL;
  LsImportPreview *preview = import_preview (kase, options, n_rows, &local_error);

  if (preview == NULL)
    g_propagate_error (error, local_error);
  return preview;
}

static LsImportPreview *
import_preview (LsCase                 *kase,
                const LsImportOptions  *options,
                guint                   n_rows,
                GError                **error)
{
  Import imp;
  LsImportPreview *preview = g_new0 (LsImportPreview, 1);
  gboolean ok = TRUE;

  import_init (&imp, kase, options);
  imp.preview = preview;
  imp.preview_rows = MAX (n_rows, 1);
  preview->kind = options->kind;
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  preview->lines = g_array_new (FALSE, FALSE, sizeof (gint64));
  preview->problems = g_ptr_array_new_with_free_func (problem_free);

  if (options->mapping_name != NULL && kase != NULL)
    {
      imp.saved_mapping = ls_case_load_mapping (kase, options->mapping_name, options->kind, error);
      ok = imp.saved_mapping != NULL;
    }

  ok = ok && read_all (&imp, NULL, NULL, NULL, error);
  if (ok && imp.have_header && !imp.mapping_ready)
    ok = begin_writing (&imp, NULL, error);

  if (ok && imp.reader != NULL)
    {
      preview->delimiter = ls_csv_reader_get_delimiter (imp.reader);
      preview->encoding = g_strdup (ls_csv_reader_get_encoding (imp.reader));
      preview->mapping = imp.mapping;
    }

  import_clear (&imp);
  if (!ok)
    {
      ls_import_preview_free (preview);
      return NULL;
    }
  if (preview->headers == NULL)
    preview->headers = g_new0 (char *, 1);

  return preview;
}
