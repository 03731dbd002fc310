/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Column headings are compared after normalising: lower case, letters and
 * digits only, anything in brackets dropped ("Duration (s)" is
 * "duration"). The synonym lists come from the exports analysts receive:
 * operators' CDRs, phone download tools, police and partner systems. */
#define G_LOG_DOMAIN "ls-import-fields"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-case-writer.h"
#include "ls-import-fields.h"
#include "ls-import-values.h"

#define S(...) (const char * const[]) { __VA_ARGS__, NULL }

static const char * const date_words[] = {
  "date", "calldate", "startdate", "eventdate", "day", "datum", "dateofcall", "connectiondate",
  "sessiondate", "seizuredate", "eventstartdate", "calldatelocal", NULL,
};
static const char * const time_words[] = {
  "time", "calltime", "starttime", "eventtime", "timeofcall", "connectiontime", "sessiontime",
  "seizuretime", "eventstarttime", "callstarttime", "calltimelocal", NULL,
};
static const char * const start_words[] = {
  "datetime", "dateandtime", "timeanddate", "timestamp", "startdatetime", "startdateandtime",
  "calldatetime", "calldateandtime", "eventdatetime", "callstartdatetime", "callstart",
  "start", "startedat", "begin", "begintime", "sessionstart", "sessionstarttime",
  "callstarttime", "starttime", "calldate", "date", "time", "eventtime", "eventdate",
  "eventstart", "seizuretime", "connectiontime", "answertime", "when", "occurred", "occurredat",
  "datum", "datumzeit", "zeitpunkt", "recordopeningtime", "eventstarttime", "eventstartdate",
  "callstartdate", "calltime", "connectiontime", "sessiontime", "sessiondate", "seizuredate",
  "dateofcall", "timeofcall", "connectiondate", "calldatelocal", "calltimelocal", NULL,
};

static const LsImportField call_fields[N_CALL_FIELDS] = {
  [CALL_DATE] = { "date", N_("the date of the call, when the time is in a column of its own"),
                  LS_FIELD_DATE, FALSE, date_words },
  [CALL_TIME] = { "time", N_("the time of the call, when the date is in a column of its own"),
                  LS_FIELD_TIME, FALSE, time_words },
  [CALL_START] = { "start", N_("date and time the call or message started"),
                   LS_FIELD_DATETIME, TRUE, start_words },
  [CALL_CALLER] = { "caller", N_("the calling number (A number)"), LS_FIELD_PHONE, TRUE,
    S ("anumber", "aparty", "apartynumber", "apartymsisdn", "anum", "caller", "callernumber",
       "callerid", "callingnumber", "callingparty", "callingpartynumber", "callingno",
       "callingmsisdn", "from", "fromnumber", "originating", "originatingnumber",
       "originatingparty", "originatingmsisdn", "originator", "source", "sourcenumber", "cli",
       "anummer", "anumberdialled", "callingpartyaddress",
       "ani", "sender", "sendernumber", "callfrom", "numberfrom", "originatingaddress") },
  [CALL_CALLEE] = { "callee", N_("the called number (B number)"), LS_FIELD_PHONE, TRUE,
    S ("bnumber", "bparty", "bpartynumber", "bpartymsisdn", "bnum", "callee", "calleenumber",
       "callednumber", "calledparty", "calledpartynumber", "calledno", "calledmsisdn", "to",
       "tonumber", "terminating", "terminatingnumber", "terminatingparty", "terminatingmsisdn",
       "destination", "destinationnumber", "dialled", "diallednumber", "dialednumber",
       "bnummer", "calledpartyaddress",
       "dialleddigits", "recipient", "recipientnumber", "receiver", "callto", "numberto",
       "connectednumber") },
  [CALL_KIND] = { "kind", N_("voice call or text message (Voice, MOC, SMS-MO, Text…)"),
                  LS_FIELD_CALL_KIND, FALSE,
    S ("calltype", "type", "eventtype", "recordtype", "kind", "callkind", "service",
       "servicetype", "teleservice", "communicationtype", "cdrtype", "typeofcall", "eventkind",
       "usagetype", "category", "commstype", "activity", "activitytype", "eventdescription",
       "description", "calltypedescription", "servicedescription", "event", "eventname",
       "recordkind", "calltypecode") },
  [CALL_DURATION] = { "duration", N_("length in seconds or h:mm:ss"), LS_FIELD_DURATION, FALSE,
    S ("duration", "callduration", "durations", "durationsecs", "durationseconds", "durationsec",
       "durationinseconds", "durationhhmmss", "seconds", "secs", "length", "calllength",
       "conversationtime", "conversationduration", "chargeableduration", "billedduration", "dur",
       "callseconds", "talktime") },
  [CALL_CELL] = { "cell", N_("the cell the calling phone used"), LS_FIELD_TEXT, FALSE,
    S ("cell", "cellid", "cellref", "cellreference", "firstcell", "firstcellid", "startcell",
       "startcellid", "firstcgi", "cgi", "ecgi", "cellglobalid", "cellglobalidentity",
       "servingcell", "servingcellid", "originatingcell", "acell", "acellid", "cellsite",
       "cellsiteid", "mast", "siteid", "firstcellidentity", "lacci", "firstsite", "laccid",
       "firstlacci", "startcgi", "cellglobalidentifier", "originatingcellid", "cellidentity",
       "firstcellglobalid", "firstecgi", "celllocation", "location", "locationid") },
  [CALL_IMEI] = { "imei", N_("the calling handset’s IMEI"), LS_FIELD_IMEI, FALSE,
    S ("imei", "aimei", "imeisv", "handset", "handsetimei", "deviceimei", "callingimei",
       "originatingimei", "imeia", "equipmentid") },
  [CALL_IMSI] = { "imsi", N_("the calling SIM’s IMSI"), LS_FIELD_IMSI, FALSE,
    S ("imsi", "aimsi", "subscriberimsi", "callingimsi", "originatingimsi", "imsia") },
  /* Exports of one subscriber's records name "their" number and the other
   * party, with a direction, instead of caller and callee. */
  [CALL_TARGET] = { "target", N_("the number the records are about (with other and direction)"),
                    LS_FIELD_PHONE, FALSE,
    S ("msisdn", "target", "targetnumber", "targetmsisdn", "subscriber", "subscribernumber",
       "subscribermsisdn", "servedmsisdn", "servednumber", "ournumber", "localnumber",
       "usernumber", "handsetnumber", "devicenumber", "owner", "ownernumber", "phonenumber") },
  [CALL_OTHER] = { "other", N_("the other party’s number (with target and direction)"),
                   LS_FIELD_PHONE, FALSE,
    S ("otherparty", "othernumber", "otherpartynumber", "othermsisdn", "remotenumber",
       "remoteparty", "remotepartynumber", "correspondent", "correspondentnumber", "contact",
       "contactnumber", "connectedparty", "partnernumber", "thirdparty", "number",
       "callingcallednumber", "fromto", "tofrom") },
  [CALL_DIRECTION] = { "direction", N_("Incoming or Outgoing, for target and other"),
                       LS_FIELD_DIRECTION, FALSE,
    S ("direction", "calldirection", "inout", "incomingoutgoing", "momt", "dir", "flow",
       "callflow", "incomingoroutgoing", "origin") },
};

static const char * const lat_words[] = { "lat", "latitude", "gpslat", "gpslatitude", NULL };
static const char * const lon_words[] = {
  "lon", "lng", "long", "longitude", "gpslon", "gpslong", "gpslongitude", NULL,
};
static const char * const notes_words[] = {
  "notes", "note", "comments", "comment", "remarks", "details", "information", "info", NULL,
};

static const LsImportField person_fields[N_PERSON_FIELDS] = {
  [PERSON_NAME] = { "name", N_("the person’s name"), LS_FIELD_TEXT, TRUE,
    S ("name", "fullname", "personname", "nominal", "nominalname", "subject", "person",
       "subjectname") },
  [PERSON_ALIASES] = { "aliases", N_("other names"), LS_FIELD_TEXT, FALSE,
    S ("aliases", "alias", "aka", "nicknames", "nickname", "knownas", "streetname",
       "othernames") },
  [PERSON_DOB] = { "dob", N_("date of birth"), LS_FIELD_DATE, FALSE,
    S ("dob", "dateofbirth", "birthdate", "born", "birthday") },
  [PERSON_GENDER] = { "gender", N_("gender"), LS_FIELD_TEXT, FALSE, S ("gender", "sex") },
  [PERSON_ADDRESS] = { "address", N_("address"), LS_FIELD_TEXT, FALSE,
    S ("address", "homeaddress", "addressline", "residence", "homeaddressline") },
  [PERSON_LAT] = { "lat", N_("latitude of the address"), LS_FIELD_LAT, FALSE, lat_words },
  [PERSON_LON] = { "lon", N_("longitude of the address"), LS_FIELD_LON, FALSE, lon_words },
  [PERSON_VULNERABLE] = { "vulnerable", N_("yes when the person is vulnerable"),
                          LS_FIELD_BOOLEAN, FALSE,
    S ("vulnerable", "isvulnerable", "vulnerability", "safeguarding", "atrisk") },
  [PERSON_NOTES] = { "notes", N_("notes"), LS_FIELD_TEXT, FALSE, notes_words },
};

static const LsImportField phone_fields[N_PHONE_FIELDS] = {
  [PHONE_NUMBER] = { "number", N_("the phone number"), LS_FIELD_PHONE, TRUE,
    S ("number", "phonenumber", "phone", "msisdn", "telephone", "telephonenumber", "mobile",
       "mobilenumber", "tel", "telno", "phoneno", "cli") },
  [PHONE_PERSON] = { "person", N_("the name of the person who uses it"), LS_FIELD_TEXT, FALSE,
    S ("person", "name", "owner", "user", "subscriber", "attributedto", "fullname", "nominal",
       "usedby") },
  [PHONE_NOTES] = { "notes", N_("notes"), LS_FIELD_TEXT, FALSE, notes_words },
};

static const LsImportField handset_fields[N_HANDSET_FIELDS] = {
  [HANDSET_IMEI] = { "imei", N_("the handset’s IMEI"), LS_FIELD_IMEI, TRUE,
    S ("imei", "imeisv", "handset", "deviceimei", "handsetimei") },
  [HANDSET_IMSI] = { "imsi", N_("the SIM’s IMSI"), LS_FIELD_IMSI, FALSE, S ("imsi") },
  [HANDSET_NUMBER] = { "number", N_("the phone number used in it"), LS_FIELD_PHONE, FALSE,
    S ("number", "msisdn", "phonenumber", "phone", "mobile", "mobilenumber") },
  [HANDSET_FIRST_SEEN] = { "first_seen", N_("when it was first seen"), LS_FIELD_DATETIME_OR_DATE,
                           FALSE,
    S ("firstseen", "first", "from", "start", "firstused", "firstdate", "earliest") },
  [HANDSET_LAST_SEEN] = { "last_seen", N_("when it was last seen"), LS_FIELD_DATETIME_OR_DATE,
                          FALSE,
    S ("lastseen", "last", "to", "end", "lastused", "lastdate", "latest") },
};

static const LsImportField cell_fields[N_CELL_FIELDS] = {
  [CELL_CELL] = { "cell", N_("the cell reference used in call records"), LS_FIELD_TEXT, TRUE,
    S ("cell", "cellid", "cellref", "cellreference", "cgi", "ecgi", "cellglobalid", "id",
       "siteid", "mast", "lacci") },
  [CELL_NAME] = { "name", N_("the site’s name or address"), LS_FIELD_TEXT, FALSE,
    S ("name", "cellname", "sitename", "description", "address", "location",
       "sitedescription", "siteaddress") },
  [CELL_LAT] = { "lat", N_("latitude"), LS_FIELD_LAT, FALSE, lat_words },
  [CELL_LON] = { "lon", N_("longitude"), LS_FIELD_LON, FALSE, lon_words },
  [CELL_EASTING] = { "easting", N_("British National Grid easting"), LS_FIELD_EASTING, FALSE,
    S ("easting", "eastings", "x", "gridx", "osgridx", "e", "osgbeasting", "bngeasting") },
  [CELL_NORTHING] = { "northing", N_("British National Grid northing"), LS_FIELD_NORTHING, FALSE,
    S ("northing", "northings", "y", "gridy", "osgridy", "n", "osgbnorthing", "bngnorthing") },
  [CELL_AZIMUTH] = { "azimuth", N_("the direction the cell points, in degrees"),
                     LS_FIELD_AZIMUTH, FALSE,
    S ("azimuth", "bearing", "direction", "azi", "orientation", "sectorazimuth") },
};

static const LsImportField event_fields[N_EVENT_FIELDS] = {
  [EVENT_DATE] = { "date", N_("the date, when the time is in a column of its own"),
                   LS_FIELD_DATE, FALSE, date_words },
  [EVENT_TIME] = { "time", N_("the time, when the date is in a column of its own"),
                   LS_FIELD_TIME, FALSE, time_words },
  [EVENT_START] = { "start", N_("when it happened or began"), LS_FIELD_DATETIME_OR_DATE, TRUE,
    S ("start", "startdate", "startdatetime", "starttime", "datetime", "dateandtime", "date",
       "when", "from", "occurred", "occurredat", "eventdate", "eventdatetime", "reported",
       "reporteddate", "datereported", "time", "timestamp") },
  [EVENT_END] = { "end", N_("when it ended"), LS_FIELD_DATETIME_OR_DATE, FALSE,
    S ("end", "enddate", "enddatetime", "endtime", "to", "until", "finished", "returned",
       "returneddate", "datereturned") },
  [EVENT_PERSON] = { "person", N_("who it concerns"), LS_FIELD_TEXT, FALSE,
    S ("person", "name", "subject", "nominal", "child", "youngperson", "fullname",
       "personname") },
  [EVENT_KIND] = { "kind", N_("what happened (missing-from-home, arrest…)"), LS_FIELD_EVENT_KIND,
                   TRUE,
    S ("kind", "type", "eventtype", "event", "category", "incidenttype", "incident", "what") },
  [EVENT_PLACE] = { "place", N_("where"), LS_FIELD_TEXT, FALSE,
    S ("place", "location", "address", "where", "site", "area") },
  [EVENT_LAT] = { "lat", N_("latitude"), LS_FIELD_LAT, FALSE, lat_words },
  [EVENT_LON] = { "lon", N_("longitude"), LS_FIELD_LON, FALSE, lon_words },
  [EVENT_TEXT] = { "text", N_("description"), LS_FIELD_TEXT, FALSE,
    S ("text", "details", "description", "summary", "narrative", "notes", "note", "comments",
       "circumstances") },
  [EVENT_SOURCE] = { "source", N_("who reported it"), LS_FIELD_TEXT, FALSE,
    S ("source", "agency", "reportedby", "origin", "system", "informant") },
};

const LsImportField *
ls_import_fields (LsImportKind  kind,
                  guint        *n_fields)
{
  switch (kind)
    {
    case LS_IMPORT_KIND_CALLS: *n_fields = N_CALL_FIELDS; return call_fields;
    case LS_IMPORT_KIND_PEOPLE: *n_fields = N_PERSON_FIELDS; return person_fields;
    case LS_IMPORT_KIND_PHONES: *n_fields = N_PHONE_FIELDS; return phone_fields;
    case LS_IMPORT_KIND_HANDSETS: *n_fields = N_HANDSET_FIELDS; return handset_fields;
    case LS_IMPORT_KIND_CELLS: *n_fields = N_CELL_FIELDS; return cell_fields;
    case LS_IMPORT_KIND_EVENTS: *n_fields = N_EVENT_FIELDS; return event_fields;
    default: break;
    }

  g_return_val_if_reached (NULL);
}

static gboolean
has_split_start (LsImportKind kind)
{
  return kind == LS_IMPORT_KIND_CALLS || kind == LS_IMPORT_KIND_EVENTS;
}

/* "Start Time (UTC)" → "starttime"; "A-Number" → "anumber". */
char *
ls_import_header_normalise (const char *header)
{
  GString *s = g_string_new (NULL);
  int depth = 0;

  for (const char *p = header; *p; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0 && g_ascii_isalnum (*p))
        g_string_append_c (s, g_ascii_tolower (*p));
    }

  /* Only brackets: keep what was inside rather than nothing. */
  if (s->len == 0)
    for (const char *p = header; *p; p++)
      if (g_ascii_isalnum (*p))
        g_string_append_c (s, g_ascii_tolower (*p));

  return g_string_free (s, FALSE);
}

int
ls_import_field_find (LsImportKind  kind,
                      const char   *name)
{
  guint n;
  const LsImportField *fields = ls_import_fields (kind, &n);
  g_autofree char *key = ls_import_header_normalise (name);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field_key = ls_import_header_normalise (fields[i].name);

      if (g_str_equal (key, field_key))
        return (int) i;
    }

  return -1;
}

static gboolean
says_utc (const char *header)
{
  g_autofree char *lower = g_ascii_strdown (header, -1);

  return strstr (lower, "utc") != NULL || strstr (lower, "gmt") != NULL ||
         strstr (lower, "zulu") != NULL;
}

static int
find_synonym (const char * const *synonyms,
              char              **keys,
              guint               n_headers,
              const gboolean     *taken)
{
  for (guint s = 0; synonyms[s] != NULL; s++)
    for (guint c = 0; c < n_headers; c++)
      if (!taken[c] && g_str_equal (keys[c], synonyms[s]))
        return (int) c;

  return -1;
}

static void
assign (LsImportMapping *mapping,
        gboolean        *taken,
        int              field,
        int              column)
{
  if (mapping->columns[field] >= 0)
    taken[mapping->columns[field]] = FALSE;
  mapping->columns[field] = column;
  if (column >= 0)
    taken[column] = TRUE;
}

/* Date and time in two columns win over one column called "Date" or
 * "Start Time"; otherwise the start is one column. */
void
ls_import_mapping_guess (LsImportMapping     *mapping,
                         LsImportKind         kind,
                         const char * const  *headers,
                         guint                n_headers)
{
  guint n_fields;
  const LsImportField *fields = ls_import_fields (kind, &n_fields);
  g_autofree gboolean *taken = g_new0 (gboolean, n_headers + 1);
  g_auto(GStrv) keys = g_new0 (char *, n_headers + 1);
  int start_field = kind == LS_IMPORT_KIND_CALLS ? CALL_START : EVENT_START;

  mapping->kind = kind;
  for (guint i = 0; i < LS_IMPORT_MAX_FIELDS; i++)
    {
      mapping->columns[i] = -1;
      mapping->utc[i] = FALSE;
    }
  for (guint c = 0; c < n_headers; c++)
    keys[c] = ls_import_header_normalise (headers[c]);

  if (has_split_start (kind))
    {
      int date = find_synonym (fields[0].synonyms, keys, n_headers, taken);
      int time;

      if (date >= 0)
        taken[date] = TRUE;
      time = find_synonym (fields[1].synonyms, keys, n_headers, taken);
      if (date >= 0 && time >= 0)
        {
          assign (mapping, taken, 0, date);
          assign (mapping, taken, 1, time);
        }
      else if (date >= 0)
        taken[date] = FALSE;
    }

  for (guint f = 0; f < n_fields; f++)
    {
      if (fields[f].synonyms == NULL || mapping->columns[f] >= 0)
        continue;
      if (has_split_start (kind) && (f == 0 || f == 1))
        continue;
      if (has_split_start (kind) && (int) f == start_field && mapping->columns[0] >= 0)
        continue;
      assign (mapping, taken, f, find_synonym (fields[f].synonyms, keys, n_headers, taken));
    }

  for (guint f = 0; f < n_fields; f++)
    if (mapping->columns[f] >= 0)
      mapping->utc[f] = says_utc (headers[mapping->columns[f]]);
}

static int
find_column (const char         *name,
             const char * const *headers,
             guint               n_headers)
{
  g_autofree char *key = NULL;
  char *end = NULL;
  guint64 number;

  if (name[0] != '\0' && g_ascii_isdigit (name[0]))
    {
      number = g_ascii_strtoull (name, &end, 10);
      if (*end == '\0')
        return number >= 1 && number <= n_headers ? (int) number - 1 : -2;
    }

  for (guint c = 0; c < n_headers; c++)
    if (g_str_equal (headers[c], name))
      return (int) c;
  for (guint c = 0; c < n_headers; c++)
    if (g_ascii_strcasecmp (headers[c], name) == 0)
      return (int) c;

  key = ls_import_header_normalise (name);
  for (guint c = 0; c < n_headers; c++)
    {
      g_autofree char *other = ls_import_header_normalise (headers[c]);

      if (key[0] != '\0' && g_str_equal (key, other))
        return (int) c;
    }

  return -2;
}

static char *
describe_columns (const char * const *headers,
                  guint               n_headers)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < n_headers; c++)
    g_string_append_printf (s, "%s%u \"%s\"", c ? ", " : "", c + 1, headers[c]);

  return g_string_free (s, FALSE);
}

static char *
describe_fields (LsImportKind kind)
{
  guint n;
  const LsImportField *fields = ls_import_fields (kind, &n);
  GString *s = g_string_new (NULL);

  for (guint f = 0; f < n; f++)
    g_string_append_printf (s, "%s%s", f ? ", " : "", fields[f].name);

  return g_string_free (s, FALSE);
}

/* One "FIELD=COLUMN" from --map or a saved mapping. COLUMN is a heading
 * or a 1-based column number; "FIELD=" leaves the field out. */
gboolean
ls_import_mapping_apply (LsImportMapping     *mapping,
                         const char          *assignment,
                         const char * const  *headers,
                         guint                n_headers,
                         GError             **error)
{
  const char *eq = strchr (assignment, '=');
  g_autofree char *field_name = NULL;
  int field, column = -1;

  if (eq == NULL)
    {
      g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_MAPPING,
                   _("“%s” is not FIELD=COLUMN (for example --map start=\"Call Date\")"),
                   assignment);
      return FALSE;
    }

  field_name = g_strndup (assignment, eq - assignment);
  g_strstrip (field_name);
  field = ls_import_field_find (mapping->kind, field_name);
  if (field < 0)
    {
      g_autofree char *known = describe_fields (mapping->kind);

      g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_MAPPING,
                   _("“%s” is not a field of %s; the fields are: %s"),
                   field_name, ls_import_kind_to_string (mapping->kind), known);
      return FALSE;
    }

  if (eq[1] != '\0')
    {
      column = find_column (eq + 1, headers, n_headers);
      if (column < 0)
        {
          g_autofree char *found = describe_columns (headers, n_headers);

          g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_MAPPING,
                       _("there is no column “%s” for field %s; the columns are: %s"),
                       eq + 1, field_name, found);
          return FALSE;
        }
    }

  /* A column holds one field: mapping it moves it. */
  for (guint f = 0; f < LS_IMPORT_MAX_FIELDS; f++)
    if (column >= 0 && mapping->columns[f] == column)
      mapping->columns[f] = -1;
  mapping->columns[field] = column;
  mapping->utc[field] = column >= 0 && says_utc (headers[column]);

  /* Choosing a single start column drops split date and time, and the
   * other way round. */
  if (has_split_start (mapping->kind) && column >= 0)
    {
      int start_field = mapping->kind == LS_IMPORT_KIND_CALLS ? CALL_START : EVENT_START;

      if (field == start_field)
        mapping->columns[0] = mapping->columns[1] = -1;
      else if (field == 0 || field == 1)
        mapping->columns[start_field] = -1;
    }

  return TRUE;
}

static gboolean
value_fits (LsFieldType  type,
            const char  *value)
{
  char buf[LS_PHONE_NUMBER_MAX];
  gint64 t;
  gboolean b;
  int y, m, d;

  if (value == NULL || value[0] == '\0')
    return FALSE;

  switch (type)
    {
    case LS_FIELD_PHONE:
      return ls_phone_number_normalise (value, buf) == LS_PHONE_NUMBER_VALID;
    case LS_FIELD_DATETIME:
      return ls_datetime_parse_uk (value, FALSE, &t, &b, NULL);
    case LS_FIELD_DATETIME_OR_DATE:
      return ls_datetime_parse_uk_date_ok (value, FALSE, &t, &b, NULL);
    case LS_FIELD_DATE:
      return ls_date_parse_uk (value, &y, &m, &d, NULL);
    default:
      return TRUE;
    }
}

static char *
map_argument (const char *field,
              const char *header)
{
  g_autofree char *arg = g_strdup_printf ("%s=%s", field, header);

  for (const char *p = arg; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '=' && *p != '-' && *p != '.')
      {
        g_autofree char *quoted = g_shell_quote (arg);

        return g_strdup_printf ("--map %s", quoted);
      }

  return g_strdup_printf ("--map %s", arg);
}

/* Every required field must have a column. When some have none, the error
 * lists the columns, the missing fields and the --map arguments to add,
 * guessing each from the first row's values where it can. */
gboolean
ls_import_mapping_check (const LsImportMapping  *mapping,
                         const char * const     *headers,
                         guint                   n_headers,
                         const char * const     *first_row,
                         guint                   n_first_row,
                         GError                **error)
{
  guint n_fields;
  const LsImportField *fields = ls_import_fields (mapping->kind, &n_fields);
  g_autofree gboolean *used = g_new0 (gboolean, n_headers + 1);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) maps = g_string_new (NULL);
  g_autofree char *columns = NULL;
  guint n_missing = 0;

  for (guint f = 0; f < n_fields; f++)
    if (mapping->columns[f] >= 0)
      used[mapping->columns[f]] = TRUE;

  for (guint f = 0; f < n_fields; f++)
    {
      gboolean have = mapping->columns[f] >= 0;
      int guess = -1;

      if (has_split_start (mapping->kind) && (f == 0 || f == 1))
        {
          int other = f == 0 ? 1 : 0;

          /* Half of a split start is missing its other half. */
          if (have || mapping->columns[other] < 0)
            continue;
        }
      else if (!fields[f].required || have)
        continue;
      else if (mapping->kind == LS_IMPORT_KIND_CALLS && (f == CALL_CALLER || f == CALL_CALLEE) &&
               mapping->columns[CALL_TARGET] >= 0 && mapping->columns[CALL_OTHER] >= 0)
        continue;
      else if (has_split_start (mapping->kind) &&
               mapping->columns[0] >= 0 && mapping->columns[1] >= 0)
        continue;

      for (guint c = 0; c < n_headers && guess < 0; c++)
        if (!used[c] && c < n_first_row && value_fits (fields[f].type, first_row[c]))
          guess = (int) c;
      for (guint c = 0; c < n_headers && guess < 0; c++)
        if (!used[c])
          guess = (int) c;
      if (guess >= 0)
        used[guess] = TRUE;

      g_string_append_printf (missing, "%s%s (%s)", n_missing ? ", " : "", fields[f].name,
                              _(fields[f].description));
      {
        g_autofree char *arg = map_argument (fields[f].name, guess >= 0 ? headers[guess] : "COLUMN");

        g_string_append_printf (maps, "%s%s", n_missing ? " " : "", arg);
      }
      n_missing++;
    }

  if (n_missing == 0)
    return TRUE;

  columns = describe_columns (headers, n_headers);
  g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_MAPPING,
               _("cannot tell which columns hold some of the %s fields.\n"
                 "  Columns found: %s\n"
                 "  Fields missing: %s\n"
                 "  Tell Linesight which column holds each by adding: %s"),
               ls_import_kind_to_string (mapping->kind), columns, missing->str, maps->str);
  return FALSE;
}

char *
ls_import_mapping_to_string (const LsImportMapping *mapping,
                             const char * const    *headers,
                             guint                  n_headers)
{
  guint n_fields;
  const LsImportField *fields = ls_import_fields (mapping->kind, &n_fields);
  GString *s = g_string_new (NULL);

  /* Unused fields are written too ("imsi="), so that a saved mapping
   * reused on another file places exactly the same columns. */
  for (guint f = 0; f < n_fields; f++)
    {
      int c = mapping->columns[f];

      g_string_append_printf (s, "%s=%s\n", fields[f].name,
                              c >= 0 && (guint) c < n_headers ? headers[c] : "");
    }

  return g_string_free (s, FALSE);
}
