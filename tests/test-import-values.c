/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parsing of single values: phone numbers to E.164, UK dates and times to
 * UTC across the clock changes, durations, call kinds, header names. */
#define G_LOG_DOMAIN "test-import-values"
#include "config.h"

#include "ls-import-fields.h"
#include "ls-import-values.h"

#include <string.h>

static void
test_phone_uk_forms (void)
{
  static const char * const same[] = {
    "07700 900123", "+44 (0)7700 900123", "447700900123", "0044 7700 900123", "07700900123",
    "+447700900123", "+44 7700 900123", "(07700) 900-123", "'07700900123", "7700900123",
    "+44 07700 900123", " 07700 900123 ", "07700.900.123", "(+44) 7700 900123",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      char out[LS_PHONE_NUMBER_MAX];

      g_test_message ("%s", same[i]);
      g_assert_cmpint (ls_phone_number_normalise (same[i], out), ==, LS_PHONE_NUMBER_VALID);
      g_assert_cmpstr (out, ==, "+447700900123");
    }
}

static void
test_phone_other (void)
{
  static const struct { const char *in; LsPhoneNumberResult result; const char *out; } cases[] = {
    { "+33 6 12 34 56 78", LS_PHONE_NUMBER_VALID, "+33612345678" },
    { "0033612345678", LS_PHONE_NUMBER_VALID, "+33612345678" },
    { "+1 (202) 555-0143", LS_PHONE_NUMBER_VALID, "+12025550143" },
    { "33612345678", LS_PHONE_NUMBER_VALID, "+33612345678" },
    { "020 7946 0000", LS_PHONE_NUMBER_VALID, "+442079460000" },
    { "121", LS_PHONE_NUMBER_VALID, "121" },
    { "999", LS_PHONE_NUMBER_VALID, "999" },
    { "", LS_PHONE_NUMBER_WITHHELD, "" },
    { "   ", LS_PHONE_NUMBER_WITHHELD, "" },
    { "Withheld", LS_PHONE_NUMBER_WITHHELD, "" },
    { "UNKNOWN", LS_PHONE_NUMBER_WITHHELD, "" },
    { "Private", LS_PHONE_NUMBER_WITHHELD, "" },
    { "Private Number", LS_PHONE_NUMBER_WITHHELD, "" },
    { "anonymous", LS_PHONE_NUMBER_WITHHELD, "" },
    { "-", LS_PHONE_NUMBER_WITHHELD, "" },
    { "N/A", LS_PHONE_NUMBER_WITHHELD, "" },
    { "07700 9OO123", LS_PHONE_NUMBER_INVALID, "" },
    { "4.47701E+11", LS_PHONE_NUMBER_INVALID, "" },
    { "07700 90012", LS_PHONE_NUMBER_VALID, "+44770090012" },
    { "0770090", LS_PHONE_NUMBER_INVALID, "" },
    { "+44 7700 9001234567", LS_PHONE_NUMBER_INVALID, "" },
    { "1234567", LS_PHONE_NUMBER_INVALID, "" },
    { "HSBC", LS_PHONE_NUMBER_INVALID, "" },
    { "+", LS_PHONE_NUMBER_WITHHELD, "" },
    { "1234567890123456", LS_PHONE_NUMBER_INVALID, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      char out[LS_PHONE_NUMBER_MAX];
      LsPhoneNumberResult r = ls_phone_number_normalise (cases[i].in, out);

      g_test_message ("\"%s\"", cases[i].in);
      g_assert_cmpint (r, ==, cases[i].result);
      if (r == LS_PHONE_NUMBER_VALID)
        g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static gint64
utc_of (const char *text)
{
  g_autoptr(GError) error = NULL;
  gboolean repeated = FALSE;
  gint64 t = 0;

  g_test_message ("%s", text);
  g_assert_true (ls_datetime_parse_uk (text, FALSE, &t, &repeated, &error));
  g_assert_no_error (error);
  return t;
}

static void
test_datetime_forms (void)
{
  /* 2024-03-01 14:05:00 UTC (GMT in force, so local = UTC). */
  const gint64 expected = 1709301900;
  static const char * const same[] = {
    "2024-03-01 14:05:00", "2024-03-01T14:05:00", "2024-03-01 14:05", "2024-03-01T14:05",
    "2024-03-01T14:05:00Z", "2024-03-01T15:05:00+01:00", "2024-03-01T09:05:00-0500",
    "01/03/2024 14:05", "01/03/2024 14:05:00", "01-03-2024 14:05:00", "1/3/2024 14:05",
    "01.03.2024 14:05", "01/03/24 14:05", "01-Mar-2024 14:05:00", "1 March 2024 14:05",
    "01/03/2024 2:05 PM", "2024/03/01 14:05:00", "2024-03-01 14:05:00.250",
    "01/03/2024, 14:05", "2024-03-01 14:05:00 UTC", "20240301140500", "20240301 140500",
    "01/03/2024 15:05:00 BST",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    g_assert_cmpint (utc_of (same[i]), ==, expected);
}

static void
test_datetime_refused (void)
{
  static const char * const bad[] = {
    "31/02/2024 10:00", "29/02/2023 10:00", "03/13/2024 10:00", "2024-13-01 10:00",
    "01/03/2024", "01/03/2024 24:00", "01/03/2024 14:60", "01/03/2024 14:05:61",
    "yesterday", "", "2024-03-01 14:05 +25:00", "00/03/2024 10:00", "01/03/2024 13:00 PM",
    "45352.58", "1/3/124 10:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean repeated;
      gint64 t;

      g_test_message ("%s", bad[i]);
      g_assert_false (ls_datetime_parse_uk (bad[i], FALSE, &t, &repeated, &error));
      g_assert_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_BAD_DATE);
    }

  {
    g_autoptr(GError) error = NULL;
    gboolean repeated;
    gint64 t;

    g_assert_false (ls_datetime_parse_uk ("31/02/2024", FALSE, &t, &repeated, &error));
    g_assert_cmpstr (error->message, ==,
                     "expected a date like 2024-03-01 14:05:00 or 01/03/2024 14:05, found \"31/02/2024\"");
  }
}

static void
test_datetime_leap_day (void)
{
  g_assert_cmpint (utc_of ("29/02/2024 12:00"), ==, 1709208000);
}

/* Europe/London: BST from 01:00 UTC on the last Sunday of March to 01:00
 * UTC on the last Sunday of October. */
static void
test_datetime_bst (void)
{
  g_autoptr(GError) error = NULL;
  gboolean repeated = FALSE;
  gint64 t;

  g_assert_cmpint (utc_of ("15/01/2024 12:00"), ==, 1705320000);
  g_assert_cmpint (utc_of ("15/07/2024 12:00"), ==, 1721041200);   /* 11:00 UTC */
  g_assert_cmpint (utc_of ("31/03/2024 00:59:59"), ==, 1711846799);
  g_assert_cmpint (utc_of ("31/03/2024 02:00:00"), ==, 1711846800); /* 01:00 UTC */

  /* The hour that does not exist. */
  g_assert_false (ls_datetime_parse_uk ("31/03/2024 01:30", FALSE, &t, &repeated, &error));
  g_assert_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_NONEXISTENT_TIME);
  g_assert_nonnull (strstr (error->message, "found \"31/03/2024 01:30\""));
  g_clear_error (&error);

  /* The hour that happens twice: the first, still BST. */
  g_assert_true (ls_datetime_parse_uk ("27/10/2024 01:30", FALSE, &t, &repeated, &error));
  g_assert_no_error (error);
  g_assert_true (repeated);
  g_assert_cmpint (t, ==, 1729989000);   /* 00:30 UTC */
  g_assert_true (ls_datetime_parse_uk ("27/10/2024 00:30", FALSE, &t, &repeated, &error));
  g_assert_false (repeated);
  g_assert_cmpint (t, ==, 1729985400);   /* 23:30 UTC the day before */
  g_assert_true (ls_datetime_parse_uk ("27/10/2024 02:30", FALSE, &t, &repeated, &error));
  g_assert_false (repeated);
  g_assert_cmpint (t, ==, 1729996200);   /* 02:30 UTC */

  /* An explicit offset or a UTC column is taken as it is. */
  g_assert_true (ls_datetime_parse_uk ("27/10/2024 01:30", TRUE, &t, &repeated, &error));
  g_assert_false (repeated);
  g_assert_cmpint (t, ==, 1729992600);
  g_assert_true (ls_datetime_parse_uk ("31/03/2024 01:30Z", FALSE, &t, &repeated, &error));
  g_assert_cmpint (t, ==, 1711848600);
}

static void
test_datetime_date_only (void)
{
  gint64 t;
  gboolean repeated;

  g_assert_true (ls_datetime_parse_uk_date_ok ("01/07/2024", FALSE, &t, &repeated, NULL));
  g_assert_cmpint (t, ==, 1719788400);   /* midnight BST */
  g_assert_false (ls_datetime_parse_uk ("01/07/2024", FALSE, &t, &repeated, NULL));
}

static void
test_duration (void)
{
  static const struct { const char *in; gint64 seconds; } ok[] = {
    { "65", 65 }, { "0", 0 }, { "", 0 }, { "1:05", 65 }, { "0:01:05", 65 }, { "01:00:00", 3600 },
    { "95s", 95 }, { "95 secs", 95 }, { "12.6", 13 }, { "100:00:00", 360000 }, { " 7 ", 7 },
  };
  static const char * const bad[] = { "-5", "-0:10", "1:75", "abc", "1:2", "1::2", "5 min", "1e3", "1:00:00:00" };

  for (guint i = 0; i < G_N_ELEMENTS (ok); i++)
    {
      gint64 s = -1;

      g_test_message ("%s", ok[i].in);
      g_assert_true (ls_duration_parse (ok[i].in, &s, NULL));
      g_assert_cmpint (s, ==, ok[i].seconds);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 s;

      g_test_message ("%s", bad[i]);
      g_assert_false (ls_duration_parse (bad[i], &s, &error));
      g_assert_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_BAD_DURATION);
    }
}

static void
test_call_kind (void)
{
  static const char * const voice[] = {
    "Voice", "MOC", "MTC", "Call", "voice call", "Incoming Call", "Outgoing", "VOLTE", "",
    "Missed call", "MO",
  };
  static const char * const sms[] = {
    "SMS-MO", "SMS-MT", "Text", "SMS", "sms mo", "MMS", "Text message", "SMS Incoming", "TXT",
  };
  static const char * const bad[] = { "Fax", "Data", "GPRS", "USSD" };
  LsCallKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (voice); i++)
    {
      g_assert_true (ls_call_kind_parse (voice[i], &kind, NULL));
      g_assert_cmpint (kind, ==, LS_CALL_KIND_VOICE);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sms); i++)
    {
      g_assert_true (ls_call_kind_parse (sms[i], &kind, NULL));
      g_assert_cmpint (kind, ==, LS_CALL_KIND_SMS);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (ls_call_kind_parse (bad[i], &kind, NULL));
}

static void
check_guess (LsImportKind        kind,
             const char * const *headers,
             const char         *field,
             int                 expected_column)
{
  LsImportMapping mapping;

  ls_import_mapping_guess (&mapping, kind, headers, g_strv_length ((char **) headers));
  g_test_message ("%s", field);
  g_assert_cmpint (mapping.columns[ls_import_field_find (kind, field)], ==, expected_column);
}

static void
test_direction_and_data (void)
{
  static const char * const in[] = { "Incoming", "IN", "MTC", "SMS-MT", "Received", "Voice MT", "Terminating" };
  static const char * const out[] = { "Outgoing", "out", "MOC", "SMS-MO", "Sent", "Voice MO", "Originating" };
  gboolean incoming;

  for (guint i = 0; i < G_N_ELEMENTS (in); i++)
    g_assert_true (ls_direction_parse (in[i], &incoming) && incoming);
  for (guint i = 0; i < G_N_ELEMENTS (out); i++)
    g_assert_true (ls_direction_parse (out[i], &incoming) && !incoming);
  g_assert_false (ls_direction_parse ("Voice", &incoming));
  g_assert_false (ls_direction_parse ("", &incoming));

  g_assert_true (ls_call_kind_is_data ("GPRS"));
  g_assert_true (ls_call_kind_is_data ("Data Session"));
  g_assert_true (ls_call_kind_is_data ("LTE Data"));
  g_assert_false (ls_call_kind_is_data ("Voice"));
  g_assert_false (ls_call_kind_is_data ("SMS-MO"));
}

static void
test_header_matching (void)
{
  const char * const o2[] = { "Start Time", "A Number", "B Number", "Call Type", "Duration (s)",
                              "Cell ID", "IMEI", "IMSI", "Roaming", NULL };
  const char * const split[] = { "Call Date", "Call Time", "Calling Number", "Called Number",
                                 "Event Type", "Duration", "First Cell", NULL };
  const char * const ee[] = { "DATE/TIME", "ORIGINATING", "TERMINATING", "SERVICE", "CELL", NULL };

  check_guess (LS_IMPORT_KIND_CALLS, o2, "start", 0);
  check_guess (LS_IMPORT_KIND_CALLS, o2, "caller", 1);
  check_guess (LS_IMPORT_KIND_CALLS, o2, "callee", 2);
  check_guess (LS_IMPORT_KIND_CALLS, o2, "kind", 3);
  check_guess (LS_IMPORT_KIND_CALLS, o2, "duration", 4);
  check_guess (LS_IMPORT_KIND_CALLS, o2, "cell", 5);
  check_guess (LS_IMPORT_KIND_CALLS, o2, "imei", 6);
  check_guess (LS_IMPORT_KIND_CALLS, o2, "imsi", 7);
  check_guess (LS_IMPORT_KIND_CALLS, o2, "date", -1);

  check_guess (LS_IMPORT_KIND_CALLS, split, "date", 0);
  check_guess (LS_IMPORT_KIND_CALLS, split, "time", 1);
  check_guess (LS_IMPORT_KIND_CALLS, split, "start", -1);
  check_guess (LS_IMPORT_KIND_CALLS, split, "caller", 2);
  check_guess (LS_IMPORT_KIND_CALLS, split, "callee", 3);
  check_guess (LS_IMPORT_KIND_CALLS, split, "kind", 4);
  check_guess (LS_IMPORT_KIND_CALLS, split, "cell", 6);

  {
    const char * const target[] = { "Target", "Other Party", "Direction", "Start Date", "Start Time",
                                    "Duration (secs)", "Event", NULL };

    check_guess (LS_IMPORT_KIND_CALLS, target, "target", 0);
    check_guess (LS_IMPORT_KIND_CALLS, target, "other", 1);
    check_guess (LS_IMPORT_KIND_CALLS, target, "direction", 2);
    check_guess (LS_IMPORT_KIND_CALLS, target, "date", 3);
    check_guess (LS_IMPORT_KIND_CALLS, target, "time", 4);
    check_guess (LS_IMPORT_KIND_CALLS, target, "duration", 5);
    check_guess (LS_IMPORT_KIND_CALLS, target, "kind", 6);
    check_guess (LS_IMPORT_KIND_CALLS, target, "caller", -1);
  }

  check_guess (LS_IMPORT_KIND_CALLS, ee, "start", 0);
  check_guess (LS_IMPORT_KIND_CALLS, ee, "caller", 1);
  check_guess (LS_IMPORT_KIND_CALLS, ee, "callee", 2);
  check_guess (LS_IMPORT_KIND_CALLS, ee, "kind", 3);
  check_guess (LS_IMPORT_KIND_CALLS, ee, "cell", 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/values/phone/uk-forms", test_phone_uk_forms);
  g_test_add_func ("/import/values/phone/other", test_phone_other);
  g_test_add_func ("/import/values/datetime/forms", test_datetime_forms);
  g_test_add_func ("/import/values/datetime/refused", test_datetime_refused);
  g_test_add_func ("/import/values/datetime/leap-day", test_datetime_leap_day);
  g_test_add_func ("/import/values/datetime/bst", test_datetime_bst);
  g_test_add_func ("/import/values/datetime/date-only", test_datetime_date_only);
  g_test_add_func ("/import/values/duration", test_duration);
  g_test_add_func ("/import/values/call-kind", test_call_kind);
  g_test_add_func ("/import/values/direction-and-data", test_direction_and_data);
  g_test_add_func ("/import/values/headers", test_header_matching);

  return g_test_run ();
}
