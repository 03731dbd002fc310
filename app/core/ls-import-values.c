/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parsing of single values from operator and partner exports. Each parser
 * accepts the forms those exports really use and refuses anything it would
 * have to guess at: a UK date is always day first, a phone number with a
 * letter in it is an error rather than a number with the letter dropped. */
#define G_LOG_DOMAIN "ls-import-values"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ls-import-values.h"
#include "ls-time.h"

G_DEFINE_QUARK (ls-import-error-quark, ls_import_error)

#define FOUND_MAX 80

/* The value as found, shortened so that one enormous cell cannot flood the
 * terminal, and with invisible characters made visible. */
static char *
found_text (const char *text)
{
  GString *s = g_string_new (NULL);
  const char *p = text ? text : "";
  guint n = 0;

  for (; *p && n < FOUND_MAX; n++)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (s, "\\x%02x", (guint8) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append (s, "\\n");
      else if (c == '\r')
        g_string_append (s, "\\r");
      else if (c == '\t')
        g_string_append (s, "\\t");
      else if (c < 0x20)
        g_string_append_printf (s, "\\x%02x", c);
      else
        g_string_append_unichar (s, c);
      p = g_utf8_next_char (p);
    }
  if (*p)
    g_string_append (s, "…");

  return g_string_free (s, FALSE);
}

G_GNUC_PRINTF (4, 5) static gboolean
fail (GError     **error,
      int          code,
      const char  *found,
      const char  *format,
      ...)
{
  g_autofree char *expected = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  expected = g_strdup_vprintf (format, args);
  va_end (args);
  shown = found_text (found);
  g_set_error (error, LS_IMPORT_ERROR, code, _("%s, found \"%s\""), expected, shown);
  return FALSE;
}

static void
trim_bounds (const char  *text,
             const char **start,
             const char **end)
{
  const char *s = text ? text : "";
  const char *e = s + strlen (s);

  while (s < e && g_ascii_isspace (*s))
    s++;
  while (e > s && g_ascii_isspace (e[-1]))
    e--;
  /* A no-break space (Excel pads with them) counts as space too. */
  while (e - s >= 2 && (guint8) s[0] == 0xc2 && (guint8) s[1] == 0xa0)
    s += 2;
  while (e - s >= 2 && (guint8) e[-2] == 0xc2 && (guint8) e[-1] == 0xa0)
    e -= 2;
  *start = s;
  *end = e;
}

/* ---- phone numbers ---- */

static const char * const withheld_words[] = {
  "withheld", "numberwithheld", "withheldnumber", "unknown", "unknownnumber",
  "private", "privatenumber", "anonymous", "restricted", "presentationrestricted",
  "hidden", "blocked", "na", "none", "null", "unavailable", "notavailable",
  "notprovided", "clirestricted", "nocli",
};

static gboolean
is_withheld_word (const char *s,
                  const char *e)
{
  char key[32];
  gsize n = 0;
  gboolean letters = FALSE;

  for (const char *p = s; p < e; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          letters |= g_ascii_isalpha (*p);
          if (n + 1 >= sizeof key)
            return FALSE;
          key[n++] = g_ascii_tolower (*p);
        }
      else if ((guint8) *p >= 0x80)
        return FALSE;
    }
  key[n] = '\0';

  /* Nothing but punctuation, "-" or "--", means nothing was shown. */
  if (n == 0)
    return TRUE;
  if (!letters)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (withheld_words); i++)
    if (g_ascii_strcasecmp (key, withheld_words[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Collects the digits of a number written for people: spaces, dashes,
 * dots, slashes and brackets are layout; "(0)" after a country code is the
 * trunk prefix, which E.164 leaves out. A leading apostrophe is Excel's
 * "this is text" mark. Anything else is not part of a phone number. */
static gboolean
collect_digits (const char *s,
                const char *e,
                char       *digits,
                gsize      *n_digits,
                gboolean   *plus)
{
  gsize n = 0;

  *plus = FALSE;
  if (s < e && *s == '\'')
    s++;
  while (s < e && *s == ' ')
    s++;
  if (s < e && *s == '+')
    {
      *plus = TRUE;
      s++;
    }

  for (const char *p = s; p < e; p++)
    {
      char c = *p;

      if (g_ascii_isdigit (c))
        {
          if (n >= 20)
            return FALSE;
          digits[n++] = c;
        }
      else if (c == '+' && n == 0 && !*plus)   /* "(+44) 7700 900123" */
        *plus = TRUE;
      else if (c == '(' && p + 2 < e && p[1] == '0' && p[2] == ')' && n > 0)
        p += 2;
      else if (c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')' || c == '\t')
        continue;
      else if ((guint8) c == 0xc2 && p + 1 < e && (guint8) p[1] == 0xa0)
        p++;
      else
        return FALSE;
    }

  digits[n] = '\0';
  *n_digits = n;
  return n > 0;
}

static LsPhoneNumberResult
international (const char *digits,
               gsize       n,
               char        out[LS_PHONE_NUMBER_MAX])
{
  /* "+44 07700 900123": the trunk zero written after the country code. */
  if (n >= 3 && digits[0] == '4' && digits[1] == '4' && digits[2] == '0')
    {
      out[0] = '+'; out[1] = '4'; out[2] = '4';
      memcpy (out + 3, digits + 3, n - 3 + 1);
      n--;
    }
  else
    {
      out[0] = '+';
      memcpy (out + 1, digits, n + 1);
    }

  if (n < 7 || n > 15 || digits[0] == '0')
    return LS_PHONE_NUMBER_INVALID;
  if (out[1] == '4' && out[2] == '4' && (n < 11 || n > 12))
    return LS_PHONE_NUMBER_INVALID;

  return LS_PHONE_NUMBER_VALID;
}

/* Writes @text as E.164 into @out. UK numbers in any of the ways people
 * write them become +44…; numbers with a country code keep it; six digits
 * or fewer are service numbers (121, 150, 999) and stay as they are. */
LsPhoneNumberResult
ls_phone_number_normalise (const char *text,
                           char        out[LS_PHONE_NUMBER_MAX])
{
  const char *s, *e;
  char digits[24];
  gsize n = 0;
  gboolean plus;

  out[0] = '\0';
  if (text == NULL)
    return LS_PHONE_NUMBER_WITHHELD;

  trim_bounds (text, &s, &e);
  if (is_withheld_word (s, e))
    return LS_PHONE_NUMBER_WITHHELD;

  if (!collect_digits (s, e, digits, &n, &plus))
    return LS_PHONE_NUMBER_INVALID;

  if (plus)
    return international (digits, n, out);

  if (n >= 2 && digits[0] == '0' && digits[1] == '0')
    return international (digits + 2, n - 2, out);

  if (digits[0] == '0')
    {
      /* National UK form: 0 then 9 or 10 digits. */
      if (n < 10 || n > 11)
        return LS_PHONE_NUMBER_INVALID;
      memcpy (out, "+44", 3);
      memcpy (out + 3, digits + 1, n);
      return LS_PHONE_NUMBER_VALID;
    }

  if (n <= 6)
    {
      memcpy (out, digits, n + 1);
      return LS_PHONE_NUMBER_VALID;
    }

  if ((n == 11 || n == 12) && digits[0] == '4' && digits[1] == '4')
    return international (digits, n, out);

  /* A UK number whose leading zero a spreadsheet dropped. */
  if (n == 9 || n == 10)
    {
      memcpy (out, "+44", 3);
      memcpy (out + 3, digits, n + 1);
      return LS_PHONE_NUMBER_VALID;
    }

  if (n >= 11 && n <= 15)
    return international (digits, n, out);

  return LS_PHONE_NUMBER_INVALID;
}

gboolean
ls_phone_number_parse (const char  *text,
                       char         out[LS_PHONE_NUMBER_MAX],
                       gboolean    *withheld,
                       GError     **error)
{
  switch (ls_phone_number_normalise (text, out))
    {
    case LS_PHONE_NUMBER_VALID:
      *withheld = FALSE;
      return TRUE;
    case LS_PHONE_NUMBER_WITHHELD:
      *withheld = TRUE;
      return TRUE;
    case LS_PHONE_NUMBER_INVALID:
    default:
      return fail (error, LS_IMPORT_ERROR_BAD_NUMBER, text,
                   _("expected a phone number like 07700 900123 or +44 7700 900123"));
    }
}

/* ---- dates and times ---- */

static gboolean
scan_uint (const char **pp,
           const char  *e,
           guint        min_digits,
           guint        max_digits,
           int         *value,
           guint       *n_digits)
{
  const char *p = *pp;
  guint n = 0;
  int v = 0;

  while (p < e && g_ascii_isdigit (*p) && n < max_digits)
    {
      v = v * 10 + (*p - '0');
      p++;
      n++;
    }
  if (n < min_digits || (p < e && g_ascii_isdigit (*p)))
    return FALSE;

  *pp = p;
  *value = v;
  if (n_digits)
    *n_digits = n;
  return TRUE;
}

static const char * const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

static gboolean
scan_month_name (const char **pp,
                 const char  *e,
                 int         *month)
{
  const char *p = *pp;
  const char *w = p;
  char word[12];
  gsize n = 0;

  while (w < e && g_ascii_isalpha (*w))
    {
      if (n + 1 >= sizeof word)
        return FALSE;
      word[n++] = g_ascii_tolower (*w++);
    }
  word[n] = '\0';
  if (n < 3)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    {
      static const char * const full[] = {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
      };

      if ((n == 3 && strncmp (word, month_names[i], 3) == 0) ||
          g_str_equal (word, full[i]) ||
          (i == 8 && g_str_equal (word, "sept")))
        {
          *month = (int) i + 1;
          *pp = w;
          return TRUE;
        }
    }

  return FALSE;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

/* Year first (2024-03-01, 2024/03/01) or day first (01/03/2024, 01-03-2024,
 * 01.03.2024, 01/03/24, 01-Mar-2024, 1 March 2024). Never month first. */
static gboolean
scan_date (const char **pp,
           const char  *e,
           int         *year,
           int         *month,
           int         *day)
{
  const char *p = *pp;
  int a, b, c;
  guint na, nc;
  char sep;

  if (!scan_uint (&p, e, 1, 4, &a, &na) || na == 3 || p >= e)
    return FALSE;
  sep = *p;
  if (sep != '-' && sep != '/' && sep != '.' && !(sep == ' ' && na <= 2))
    return FALSE;
  p++;

  if (na == 4)
    {
      if (!scan_uint (&p, e, 1, 2, &b, NULL) || p >= e || *p != sep)
        return FALSE;
      p++;
      if (!scan_uint (&p, e, 1, 2, &c, NULL))
        return FALSE;
      *year = a; *month = b; *day = c;
    }
  else
    {
      if (p < e && g_ascii_isalpha (*p))
        {
          if (!scan_month_name (&p, e, &b))
            return FALSE;
        }
      else if (sep == ' ' || !scan_uint (&p, e, 1, 2, &b, NULL))
        return FALSE;
      if (p >= e || *p != sep)
        return FALSE;
      p++;
      if (!scan_uint (&p, e, 2, 4, &c, &nc) || nc == 3)
        return FALSE;
      /* Two-digit years are this century: exports of phone data are. */
      *year = nc == 2 ? 2000 + c : c;
      *month = b;
      *day = a;
    }

  if (*year < 1900 || *year > 2199 || *month < 1 || *month > 12 ||
      *day < 1 || *day > days_in_month (*year, *month))
    return FALSE;

  *pp = p;
  return TRUE;
}

static gboolean
scan_time (const char **pp,
           const char  *e,
           int         *seconds)
{
  const char *p = *pp;
  int h, m, s = 0;

  if (!scan_uint (&p, e, 1, 2, &h, NULL) || p >= e || *p != ':')
    return FALSE;
  p++;
  if (!scan_uint (&p, e, 2, 2, &m, NULL))
    return FALSE;
  if (p < e && *p == ':')
    {
      p++;
      if (!scan_uint (&p, e, 2, 2, &s, NULL))
        return FALSE;
      /* Fractions of a second are dropped: calls are kept to the second. */
      if (p < e && (*p == '.' || *p == ','))
        {
          const char *f = p + 1;

          while (f < e && g_ascii_isdigit (*f))
            f++;
          if (f == p + 1)
            return FALSE;
          p = f;
        }
    }

  {
    const char *q = p;

    while (q < e && *q == ' ')
      q++;
    if (e - q >= 2 && (g_ascii_strncasecmp (q, "am", 2) == 0 || g_ascii_strncasecmp (q, "pm", 2) == 0) &&
        (e - q == 2 || !g_ascii_isalpha (q[2])))
      {
        gboolean pm = g_ascii_tolower (q[0]) == 'p';

        if (h < 1 || h > 12)
          return FALSE;
        h = (h % 12) + (pm ? 12 : 0);
        p = q + 2;
      }
  }

  if (h > 23 || m > 59 || s > 59)
    return FALSE;

  *seconds = h * 3600 + m * 60 + s;
  *pp = p;
  return TRUE;
}

/* "Z", "UTC", "GMT", "+01:00", "+0100", "+01", possibly after a space. */
static gboolean
scan_zone (const char **pp,
           const char  *e,
           gboolean    *has_zone,
           int         *offset)
{
  const char *p = *pp;
  int h, m = 0;

  *has_zone = FALSE;
  if (p >= e)
    return TRUE;
  if (*p == ' ')
    {
      while (p < e && *p == ' ')
        p++;
      if (p >= e)
        return FALSE;
    }

  if ((e - p == 1 && (*p == 'Z' || *p == 'z')) ||
      (e - p == 3 && (g_ascii_strncasecmp (p, "UTC", 3) == 0 || g_ascii_strncasecmp (p, "GMT", 3) == 0)))
    {
      *has_zone = TRUE;
      *offset = 0;
      *pp = e;
      return TRUE;
    }
  /* British Summer Time written out, as some exports do. */
  if (e - p == 3 && g_ascii_strncasecmp (p, "BST", 3) == 0)
    {
      *has_zone = TRUE;
      *offset = 3600;
      *pp = e;
      return TRUE;
    }

  if (*p != '+' && *p != '-')
    return FALSE;
  {
    int sign = *p == '-' ? -1 : 1;

    p++;
    if (e - p < 2 || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
      return FALSE;
    h = (p[0] - '0') * 10 + (p[1] - '0');
    p += 2;
    if (p < e && *p == ':')
      p++;
    if (p < e && !scan_uint (&p, e, 2, 2, &m, NULL))
      return FALSE;
    if (h > 14 || m > 59)
      return FALSE;
    *offset = sign * (h * 3600 + m * 60);
  }
  *has_zone = TRUE;
  *pp = p;
  return TRUE;
}

static gboolean
scan_compact (const char **pp,
              const char  *e,
              int         *year,
              int         *month,
              int         *day,
              int         *seconds)
{
  const char *p = *pp;
  int v[6];
  static const int widths[6] = { 4, 2, 2, 2, 2, 2 };

  for (guint i = 0; i < 6; i++)
    {
      if (i == 3 && p < e && (*p == ' ' || *p == 'T'))
        p++;
      v[i] = 0;
      for (int k = 0; k < widths[i]; k++, p++)
        {
          if (p >= e || !g_ascii_isdigit (*p))
            return FALSE;
          v[i] = v[i] * 10 + (*p - '0');
        }
    }
  if (p < e && g_ascii_isdigit (*p))
    return FALSE;
  if (v[0] < 1900 || v[0] > 2199 || v[1] < 1 || v[1] > 12 || v[2] < 1 ||
      v[2] > days_in_month (v[0], v[1]) || v[3] > 23 || v[4] > 59 || v[5] > 59)
    return FALSE;

  *year = v[0]; *month = v[1]; *day = v[2];
  *seconds = v[3] * 3600 + v[4] * 60 + v[5];
  *pp = p;
  return TRUE;
}

static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era;
  int yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (int) (y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int
london_offset_at (gint64 utc)
{
  GTimeZone *tz = ls_time_zone_london ();

  return g_time_zone_get_offset (tz, g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc));
}

/* One day's offset, remembered per thread: nearly every row of a file
 * falls on a day with no change of clocks, often the same day as the row
 * before, and asking the zone database each time is slow. */
static __thread gint64 cached_day = G_MININT64;
static __thread int cached_offset;

gboolean
ls_datetime_from_local (int        year,
                        int        month,
                        int        day,
                        int        seconds,
                        gint64    *utc,
                        gboolean  *repeated,
                        GError   **error)
{
  gint64 days = days_from_civil (year, month, day);
  gint64 naive = days * 86400 + seconds;
  int before, after, n_valid = 0;
  gint64 best = 0;

  *repeated = FALSE;
  if (days == cached_day)
    {
      *utc = naive - cached_offset;
      return TRUE;
    }

  before = london_offset_at (naive - 2 * 86400);
  after = london_offset_at (naive + 2 * 86400);
  if (before == after && london_offset_at (naive - before) == before)
    {
      cached_day = days;
      cached_offset = before;
      *utc = naive - before;
      return TRUE;
    }

  /* A day when the clocks change: try each offset in force nearby. The
   * repeated hour in autumn takes its first occurrence (still summer
   * time), so the same file always gives the same times. */
  {
    int offsets[2] = { MAX (before, after), MIN (before, after) };

    for (guint i = 0; i < (before == after ? 1u : 2u); i++)
      {
        gint64 candidate = naive - offsets[i];

        if (london_offset_at (candidate) == offsets[i])
          {
            if (n_valid == 0)
              best = candidate;
            n_valid++;
          }
      }
  }

  if (n_valid == 0)
    {
      if (error != NULL)
        {
          g_set_error (error, LS_IMPORT_ERROR, LS_IMPORT_ERROR_NONEXISTENT_TIME,
                       _("expected a time that exists in UK local time (the clocks went forward "
                         "an hour on %02d/%02d/%04d, so %02d:%02d did not happen)"),
                       day, month, year, seconds / 3600, (seconds / 60) % 60);
        }
      return FALSE;
    }

  *repeated = n_valid > 1;
  *utc = best;
  return TRUE;
}

#define DATETIME_EXPECTED N_("expected a date like 2024-03-01 14:05:00 or 01/03/2024 14:05")
#define DATE_EXPECTED N_("expected a date like 2024-03-01 or 01/03/2024")
#define TIME_EXPECTED N_("expected a time like 14:05 or 14:05:00")

static gboolean
parse_datetime (const char  *text,
                gboolean     date_only_ok,
                gboolean     local_is_utc,
                gint64      *utc,
                gboolean    *repeated,
                GError     **error)
{
  const char *s, *e, *p;
  int y, m, d, secs = 0, offset = 0;
  gboolean has_zone = FALSE;
  g_autoptr(GError) local_error = NULL;

  *repeated = FALSE;
  trim_bounds (text, &s, &e);
  p = s;
  /* Raw switch records: 20240301140500 or 20240301 140500. */
  if (e - s >= 14 && scan_compact (&p, e, &y, &m, &d, &secs))
    {
      if (!scan_zone (&p, e, &has_zone, &offset) || p != e)
        goto bad;
      goto have_time;
    }
  if (!scan_date (&p, e, &y, &m, &d))
    goto bad;

  if (p < e)
    {
      if (*p == 'T' || *p == 't')
        p++;
      else if (*p == ' ' || *p == ',')
        {
          if (*p == ',')
            p++;
          while (p < e && *p == ' ')
            p++;
        }
      else
        goto bad;
      if (!scan_time (&p, e, &secs) || !scan_zone (&p, e, &has_zone, &offset) || p != e)
        goto bad;
    }
  else if (!date_only_ok)
    goto bad;

have_time:
  if (has_zone || local_is_utc)
    {
      *utc = days_from_civil (y, m, d) * 86400 + secs - offset;
      return TRUE;
    }

  if (!ls_datetime_from_local (y, m, d, secs, utc, repeated, &local_error))
    return fail (error, LS_IMPORT_ERROR_NONEXISTENT_TIME, text, "%s", local_error->message);

  return TRUE;

bad:
  return fail (error, LS_IMPORT_ERROR_BAD_DATE, text, "%s",
               date_only_ok ? _(DATE_EXPECTED) : _(DATETIME_EXPECTED));
}

/* A date and time as UK exports write them; without an offset the time is
 * Europe/London's, unless @local_is_utc (a column headed "… (UTC)"). */
gboolean
ls_datetime_parse_uk (const char  *text,
                      gboolean     local_is_utc,
                      gint64      *utc,
                      gboolean    *repeated,
                      GError     **error)
{
  return parse_datetime (text, FALSE, local_is_utc, utc, repeated, error);
}

/* The same, also accepting a date alone (midnight): events and dates of
 * birth may have no time. */
gboolean
ls_datetime_parse_uk_date_ok (const char  *text,
                              gboolean     local_is_utc,
                              gint64      *utc,
                              gboolean    *repeated,
                              GError     **error)
{
  return parse_datetime (text, TRUE, local_is_utc, utc, repeated, error);
}

gboolean
ls_date_parse_uk (const char  *text,
                  int         *year,
                  int         *month,
                  int         *day,
                  GError     **error)
{
  const char *s, *e, *p;

  trim_bounds (text, &s, &e);
  p = s;
  if (!scan_date (&p, e, year, month, day) || p != e)
    return fail (error, LS_IMPORT_ERROR_BAD_DATE, text, "%s", _(DATE_EXPECTED));

  return TRUE;
}

gboolean
ls_time_of_day_parse (const char  *text,
                      int         *seconds,
                      GError     **error)
{
  const char *s, *e, *p;

  trim_bounds (text, &s, &e);
  p = s;
  if (!scan_time (&p, e, seconds) || p != e)
    return fail (error, LS_IMPORT_ERROR_BAD_DATE, text, "%s", _(TIME_EXPECTED));

  return TRUE;
}

/* ---- durations ---- */

/* Seconds ("95", "95.4", "95s") or a clock ("1:35", "0:01:35"). Empty is
 * zero: text messages have no duration. */
gboolean
ls_duration_parse (const char  *text,
                   gint64      *seconds,
                   GError     **error)
{
  const char *s, *e, *p;
  gint64 parts[3] = { 0, 0, 0 };
  guint n_parts = 0;
  double fraction = 0;

  trim_bounds (text, &s, &e);
  *seconds = 0;
  if (s == e)
    return TRUE;
  if (*s == '-')
    return fail (error, LS_IMPORT_ERROR_BAD_DURATION, text,
                 _("expected a duration of zero or more seconds"));

  p = s;
  if (*p == '+')
    p++;
  for (;;)
    {
      gint64 v = 0;
      guint n = 0;

      while (p < e && g_ascii_isdigit (*p) && n < 9)
        {
          v = v * 10 + (*p++ - '0');
          n++;
        }
      if (n == 0 || n_parts >= 3 || (n_parts > 0 && n != 2))
        goto bad;
      parts[n_parts++] = v;
      if (p < e && *p == ':')
        {
          p++;
          continue;
        }
      break;
    }

  if (p < e && *p == '.')
    {
      const char *f = ++p;
      double scale = 0.1;

      while (p < e && g_ascii_isdigit (*p))
        {
          fraction += (*p++ - '0') * scale;
          scale /= 10;
        }
      if (p == f)
        goto bad;
    }
  if (n_parts == 1 && p < e)
    {
      const char *unit = p;

      while (unit < e && *unit == ' ')
        unit++;
      if ((e - unit == 1 && g_ascii_strncasecmp (unit, "s", 1) == 0) ||
          (e - unit == 3 && g_ascii_strncasecmp (unit, "sec", 3) == 0) ||
          (e - unit == 4 && g_ascii_strncasecmp (unit, "secs", 4) == 0) ||
          (e - unit == 7 && g_ascii_strncasecmp (unit, "seconds", 7) == 0))
        p = e;
    }
  if (p != e)
    goto bad;

  if (n_parts == 1)
    *seconds = parts[0];
  else if (n_parts == 2)
    {
      if (parts[1] > 59)
        goto bad;
      *seconds = parts[0] * 60 + parts[1];
    }
  else
    {
      if (parts[1] > 59 || parts[2] > 59)
        goto bad;
      *seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
    }
  *seconds += (gint64) floor (fraction + 0.5);
  return TRUE;

bad:
  return fail (error, LS_IMPORT_ERROR_BAD_DURATION, text,
               _("expected a duration in seconds or like 1:05:30"));
}

/* ---- call kinds ---- */

static gsize
squash (const char *text,
        char       *key,
        gsize       key_len)
{
  gsize n = 0;

  for (const char *p = text; *p; p++)
    if (g_ascii_isalnum (*p))
      {
        if (n + 1 >= key_len)
          break;
        key[n++] = g_ascii_tolower (*p);
      }
  key[n] = '\0';
  return n;
}

/* Sorted, for bsearch(): this runs for every call. */
static const struct {
  const char *word;
  LsCallKind  kind;
} kind_words[] = {
  { "call", LS_CALL_KIND_VOICE }, { "calls", LS_CALL_KIND_VOICE }, { "cfu", LS_CALL_KIND_VOICE },
  { "cfw", LS_CALL_KIND_VOICE }, { "conversation", LS_CALL_KIND_VOICE },
  { "forwarded", LS_CALL_KIND_VOICE }, { "gsm", LS_CALL_KIND_VOICE },
  { "in", LS_CALL_KIND_VOICE }, { "incoming", LS_CALL_KIND_VOICE },
  { "message", LS_CALL_KIND_SMS }, { "missed", LS_CALL_KIND_VOICE },
  { "mms", LS_CALL_KIND_SMS }, { "mo", LS_CALL_KIND_VOICE }, { "moc", LS_CALL_KIND_VOICE },
  { "msg", LS_CALL_KIND_SMS }, { "mt", LS_CALL_KIND_VOICE }, { "mtc", LS_CALL_KIND_VOICE },
  { "out", LS_CALL_KIND_VOICE }, { "outgoing", LS_CALL_KIND_VOICE },
  { "phone", LS_CALL_KIND_VOICE }, { "roc", LS_CALL_KIND_VOICE }, { "rtc", LS_CALL_KIND_VOICE },
  { "sms", LS_CALL_KIND_SMS }, { "smsmo", LS_CALL_KIND_SMS }, { "smsmt", LS_CALL_KIND_SMS },
  { "speech", LS_CALL_KIND_VOICE }, { "tel", LS_CALL_KIND_VOICE },
  { "telephone", LS_CALL_KIND_VOICE }, { "telephony", LS_CALL_KIND_VOICE },
  { "text", LS_CALL_KIND_SMS }, { "tm", LS_CALL_KIND_SMS }, { "txt", LS_CALL_KIND_SMS },
  { "voc", LS_CALL_KIND_VOICE }, { "voice", LS_CALL_KIND_VOICE },
  { "volte", LS_CALL_KIND_VOICE }, { "vowifi", LS_CALL_KIND_VOICE },
};

static int
compare_kind_word (const void *key,
                   const void *entry)
{
  return strcmp (key, *(const char * const *) entry);
}

/* "Voice", "MOC", "MTC", "Call", "Incoming call" → voice; "SMS-MO",
 * "SMS-MT", "Text", "MMS" → a message. Empty is a call. */
gboolean
ls_call_kind_parse (const char  *text,
                    LsCallKind  *kind,
                    GError     **error)
{
  char key[48];
  gsize n = squash (text, key, sizeof key);
  const void *found;

  *kind = LS_CALL_KIND_VOICE;
  if (n == 0)
    return TRUE;

  found = bsearch (key, kind_words, G_N_ELEMENTS (kind_words), sizeof kind_words[0],
                   compare_kind_word);
  if (found != NULL)
    {
      *kind = ((const typeof (kind_words[0]) *) found)->kind;
      return TRUE;
    }

  if (strstr (key, "sms") || strstr (key, "mms") || strstr (key, "text") || strstr (key, "message"))
    {
      *kind = LS_CALL_KIND_SMS;
      return TRUE;
    }
  if (strstr (key, "voice") || strstr (key, "call"))
    return TRUE;

  return fail (error, LS_IMPORT_ERROR_BAD_KIND, text,
               _("expected a call type like Voice, MOC, MTC, SMS-MO, SMS-MT or Text"));
}

/* Data sessions (GPRS, LTE data…) appear in operators' records beside
 * calls and texts; they are neither, and are left out with a warning. */
gboolean
ls_call_kind_is_data (const char *text)
{
  static const char * const words[] = {
    "data", "gprs", "internet", "packet", "packetdata", "datasession", "umts", "lte", "lteda",
    "ltedata", "4g", "3g", "5g", "2g", "web", "wap", "mobiledata", "psdata", "pdp", "edge",
    "gprsdata", "datausage", "ip", "browsing",
  };
  char key[48];

  squash (text ? text : "", key, sizeof key);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_str_equal (key, words[i]))
      return TRUE;

  return g_str_has_prefix (key, "data") || g_str_has_prefix (key, "gprs") ||
         g_str_has_suffix (key, "data");
}

/* Incoming or outgoing, from a direction column or from a call type that
 * carries one (MTC, SMS-MT, "Incoming call"). FALSE when it says neither. */
gboolean
ls_direction_parse (const char *text,
                    gboolean   *incoming)
{
  static const char * const in[] = {
    "incoming", "in", "inbound", "received", "receive", "mt", "mtc", "terminating",
    "terminated", "i", "rx", "r", "incomingcall", "incomingsms", "callin", "smsin", "smsmt",
    "mtsms", "voicemt", "rtc", "inc",
  };
  static const char * const out[] = {
    "outgoing", "out", "outbound", "sent", "send", "mo", "moc", "originating", "originated",
    "o", "tx", "s", "outgoingcall", "outgoingsms", "callout", "smsout", "smsmo", "mosms",
    "voicemo", "roc", "outg", "dialled", "dialed",
  };
  char key[48];
  gsize n;

  n = squash (text ? text : "", key, sizeof key);
  if (n == 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (in); i++)
    if (g_str_equal (key, in[i]))
      return (*incoming = TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (out); i++)
    if (g_str_equal (key, out[i]))
      {
        *incoming = FALSE;
        return TRUE;
      }

  if (strstr (key, "incoming") || strstr (key, "inbound") || strstr (key, "received") ||
      strstr (key, "terminat") || strstr (key, "mtc") || g_str_has_suffix (key, "mt"))
    return (*incoming = TRUE);
  if (strstr (key, "outgoing") || strstr (key, "outbound") || strstr (key, "sent") ||
      strstr (key, "originat") || strstr (key, "moc") || g_str_has_suffix (key, "mo"))
    {
      *incoming = FALSE;
      return TRUE;
    }

  return FALSE;
}

/* ---- other values ---- */

gboolean
ls_number_parse (const char  *text,
                 double       min,
                 double       max,
                 double      *value,
                 GError     **error)
{
  const char *s, *e;
  char buf[64];
  char *end = NULL;
  gsize len;
  gboolean has_dot;

  trim_bounds (text, &s, &e);
  len = e - s;
  if (len == 0 || len >= sizeof buf)
    goto bad;
  memcpy (buf, s, len);
  buf[len] = '\0';

  /* "51,4545" from a semicolon-separated European export. */
  has_dot = strchr (buf, '.') != NULL;
  if (!has_dot)
    {
      char *comma = strchr (buf, ',');

      if (comma && strchr (comma + 1, ',') == NULL)
        *comma = '.';
    }

  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (buf[i]) && buf[i] != '.' && buf[i] != '-' && buf[i] != '+')
      goto bad;

  *value = g_ascii_strtod (buf, &end);
  if (end == buf || *end != '\0' || !isfinite (*value) || *value < min || *value > max)
    goto bad;

  return TRUE;

bad:
  return fail (error, LS_IMPORT_ERROR_BAD_VALUE, text, _("expected a number from %g to %g"), min, max);
}

gboolean
ls_boolean_parse (const char  *text,
                  gboolean    *value,
                  GError     **error)
{
  static const char * const yes[] = { "yes", "y", "true", "t", "1", "x", "vulnerable" };
  static const char * const no[] = { "no", "n", "false", "f", "0", "" };
  char key[24];

  squash (text, key, sizeof key);
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (key, yes[i]))
      {
        *value = TRUE;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (key, no[i]))
      {
        *value = FALSE;
        return TRUE;
      }

  return fail (error, LS_IMPORT_ERROR_BAD_VALUE, text, _("expected yes or no"));
}

/* IMEIs and IMSIs: digits, possibly grouped with spaces or dashes. */
gboolean
ls_digits_parse (const char  *text,
                 guint        min_digits,
                 guint        max_digits,
                 const char  *what,
                 char        *out,
                 gsize        out_len,
                 GError     **error)
{
  const char *s, *e;
  gsize n = 0;

  g_assert (out_len > max_digits);
  trim_bounds (text, &s, &e);
  if (s < e && *s == '\'')
    s++;
  for (const char *p = s; p < e; p++)
    {
      if (g_ascii_isdigit (*p) && n < max_digits)
        out[n++] = *p;
      else if (*p != ' ' && *p != '-')
        goto bad;
    }
  out[n] = '\0';
  if (n == 0 && s == e)
    return TRUE;
  if (n >= min_digits && n <= max_digits)
    return TRUE;

bad:
  out[0] = '\0';
  return fail (error, LS_IMPORT_ERROR_BAD_VALUE, text, _("expected %s of %u to %u digits"),
               _(what), min_digits, max_digits);
}

/* The event kinds the analysis knows, from the words partners use for
 * them; anything else is kept as it was written. */
const char *
ls_event_kind_normalise (const char *text)
{
  static const struct { const char *key; const char *kind; } table[] = {
    { "missingfromhome", "missing-from-home" }, { "missing", "missing-from-home" },
    { "mfh", "missing-from-home" }, { "missingperson", "missing-from-home" },
    { "foundoutofarea", "found-out-of-area" }, { "outofarea", "found-out-of-area" },
    { "found", "found-out-of-area" },
    { "arrest", "arrest" }, { "arrested", "arrest" },
    { "stopsearch", "stop-search" }, { "stopandsearch", "stop-search" },
    { "stopsearched", "stop-search" },
    { "hospitalattendance", "hospital-attendance" }, { "hospital", "hospital-attendance" },
    { "ae", "hospital-attendance" }, { "aeattendance", "hospital-attendance" },
    { "schoolexclusion", "school-exclusion" }, { "exclusion", "school-exclusion" },
    { "excluded", "school-exclusion" },
    { "cuckooingreport", "cuckooing-report" }, { "cuckooing", "cuckooing-report" },
    { "intelligence", "intelligence" }, { "intel", "intelligence" },
    { "intelligencereport", "intelligence" },
  };
  char key[48];

  squash (text, key, sizeof key);
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (key, table[i].key))
      return table[i].kind;

  return NULL;
}
