/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight requests CASE [--format text|csv|json]
 * linesight request CASE --new --identifier ID… --provider P --data KIND,… [--priority P] …
 * linesight request CASE --id N --set-status STATUS [--date D] [--note TEXT]
 * linesight request CASE --id N -o OUT.pdf [--csv OUT.csv] */
#define G_LOG_DOMAIN "ls-cli-requests"
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "ls-case-audit.h"
#include "ls-cli.h"
#include "ls-document.h"
#include "ls-request.h"
#include "ls-request-draft.h"
#include "ls-request-document.h"
#include "ls-time.h"

#define DEFAULT_TARGET_DAYS 14

static char *
format_day (gint64 when)
{
  return when >= 0 ? ls_time_format_local (when, "%Y-%m-%d") : NULL;
}

/* Periods end at the start of the day after: show the last day itself. */
static char *
format_last_day (gint64 end)
{
  return end >= 0 ? ls_time_format_local (end - 1, "%Y-%m-%d") : NULL;
}

static void
member_days (JsonBuilder *b,
             const char  *name,
             int          days)
{
  json_builder_set_member_name (b, name);
  if (days >= 0)
    json_builder_add_int_value (b, days);
  else
    json_builder_add_null_value (b);
}

static void
member_strv (JsonBuilder *b,
             const char  *name,
             GStrv        values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
request_to_json (JsonBuilder     *b,
                 const LsRequest *r,
                 const char      *today,
                 int              target)
{
  g_autofree char *from = format_day (r->period_from);
  g_autofree char *to = format_last_day (r->period_to);
  g_autofree char *created = ls_time_format_iso_utc (r->created_at);
  int outstanding = ls_request_days_outstanding (r, today);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, r->id);
  ls_cli_json_set_string (b, "provider", r->provider);
  ls_cli_json_set_string (b, "subject", r->subject);
  member_strv (b, "identifiers", r->identifiers);
  member_strv (b, "data", r->data_kinds);
  ls_cli_json_set_string (b, "period_from", from);
  ls_cli_json_set_string (b, "period_to", to);
  ls_cli_json_set_string (b, "priority", r->priority);
  ls_cli_json_set_string (b, "urgent_reason", r->urgent_reason);
  ls_cli_json_set_string (b, "status", ls_request_status_to_string (r->status));
  ls_cli_json_set_string (b, "created", created);
  ls_cli_json_set_string (b, "created_by", r->created_by);
  ls_cli_json_set_string (b, "submitted", ls_request_date_of (r, LS_REQUEST_SUBMITTED));
  ls_cli_json_set_string (b, "returned", ls_request_date_of (r, LS_REQUEST_RETURNED));
  member_days (b, "turnaround_days", ls_request_turnaround_days (r));
  member_days (b, "days_outstanding", outstanding);
  json_builder_set_member_name (b, "overdue");
  json_builder_add_boolean_value (b, outstanding > target);
  json_builder_set_member_name (b, "import_id");
  if (r->import_id >= 0)
    json_builder_add_int_value (b, r->import_id);
  else
    json_builder_add_null_value (b);
  ls_cli_json_set_string (b, "justification", r->justification);
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->history->len; i++)
    {
      const LsRequestChange *c = g_ptr_array_index (r->history, i);

      json_builder_begin_object (b);
      ls_cli_json_set_string (b, "status", ls_request_status_to_string (c->status));
      ls_cli_json_set_string (b, "date", c->date);
      ls_cli_json_set_string (b, "user", c->user);
      ls_cli_json_set_string (b, "note", c->note);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static char *
csv_field (const char *value)
{
  g_autoptr(GString) s = NULL;

  if (value == NULL)
    return g_strdup ("");
  if (strpbrk (value, ",\"\r\n") == NULL)
    return g_strdup (value);

  s = g_string_new ("\"");
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
print_requests (GPtrArray  *list,
                const char *format,
                int         target)
{
  g_autofree char *today = ls_date_today_uk ();

  if (g_str_equal (format, "json"))
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
            
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "target_days");
      json_builder_add_int_value (b, target);
      json_builder_set_member_name (b, "requests");
      json_builder_begin_array (b);
      for (guint i = 0; i < list->len; i++)
        request_to_json (b, g_ptr_array_index (list, i), today, target);
      json_builder_end_array (b);
      json_builder_end_object (b);
      ls_cli_print_json (b);
      return;
    }

  if (g_str_equal (format, "csv"))
    g_print ("id,provider,subject,identifiers,priority,status,submitted,days_outstanding,turnaround_days,overdue\n");
  else if (list->len == 0)
    g_print ("%s\n", _("No data requests in this case yet."));

  for (guint i = 0; i < list->len; i++)
    {
      const LsRequest *r = g_ptr_array_index (list, i);
      g_autofree char *ids = g_strjoinv (" ", r->identifiers);
      int outstanding = ls_request_days_outstanding (r, today);
      int turnaround = ls_request_turnaround_days (r);
      const char *submitted = ls_request_date_of (r, LS_REQUEST_SUBMITTED);

      if (g_str_equal (format, "csv"))
        {
          g_autofree char *provider = csv_field (r->provider);
          g_autofree char *subject = csv_field (r->subject);
          g_autofree char *idf = csv_field (ids);
          g_autofree char *out_s = outstanding >= 0 ? g_strdup_printf ("%d", outstanding) : g_strdup ("");
          g_autofree char *turn_s = turnaround >= 0 ? g_strdup_printf ("%d", turnaround) : g_strdup ("");

          g_print ("%" G_GINT64_FORMAT ",%s,%s,%s,%s,%s,%s,%s,%s,%s\n", r->id, provider, subject, idf,
                   r->priority, ls_request_status_to_string (r->status), submitted ? submitted : "",
                   out_s, turn_s, outstanding > target ? "yes" : "no");
        }
      else
        {
          g_print ("%4" G_GINT64_FORMAT "  %-8s %-13s %-14s %s", r->id, r->priority,
                   ls_request_status_label (r->status), r->provider, ids);
          if (outstanding >= 0)
            g_print (outstanding > target ? _("  — %d days outstanding, OVERDUE") : _("  — %d days outstanding"),
                     outstanding);
          if (turnaround >= 0)
            g_print (_("  — answered in %d days"), turnaround);
          g_print ("\n");
        }
    }
}

int
ls_cli_requests (int    argc,
                 char **argv)
{
  g_autofree char *format = NULL;
  int target = DEFAULT_TARGET_DAYS;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(GPtrArray) list = NULL;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), csv or json"), N_("FORMAT") },
    { "target-days", 0, 0, G_OPTION_ARG_INT, &target,
      N_("Days after which an unanswered request is overdue (default 14)"), N_("DAYS") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — list the case’s data requests"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);
  if (argc != 2)
    {
      g_printerr ("linesight requests: %s\n", _("give exactly one case file"));
      return 2;
    }
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    {
      g_printerr ("linesight requests: %s\n", _("--format must be text, csv or json"));
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL || (list = ls_case_list_requests (kase, &error)) == NULL)
    return ls_cli_fail (error);

  print_requests (list, format, target);
  return 0;
}

static gboolean
write_identifiers_csv (const LsRequest  *r,
                       const char       *path,
                       GError          **error)
{
  g_autoptr(GString) s = g_string_new ("identifier,type,data,period_from,period_to\n");
  g_autofree char *kinds = g_strjoinv (";", r->data_kinds);
  g_autofree char *from = format_day (r->period_from);
  g_autofree char *to = format_last_day (r->period_to);

  for (guint i = 0; r->identifiers[i]; i++)
    g_string_append_printf (s, "%s,%s,%s,%s,%s\n", r->identifiers[i],
                            r->identifiers[i][0] == '+' ? "msisdn" : "imei",
                            kinds, from ? from : "", to ? to : "");

  return g_file_set_contents (path, s->str, s->len, error);
}

static int
export_request (LsCase     *kase,
                gint64      id,
                const char *pdf,
                const char *csv)
{
  g_autoptr(LsRequest) r = NULL;
  g_autoptr(LsDocument) doc = NULL;
  GError *error = NULL;

  r = ls_case_get_request (kase, id, &error);
  if (r == NULL)
    return ls_cli_fail (error);

  doc = ls_request_document (kase, r);

  if (pdf)
    {
      LsExportRecord rec = { "request", "pdf", "none", r->period_from, r->period_to, pdf };

      if (!ls_document_write_pdf (doc, pdf, &error) || !ls_case_record_export (kase, &rec, &error))
        return ls_cli_fail (error);
    }
  if (csv)
    {
      LsExportRecord rec = { "request-identifiers", "csv", "none", r->period_from, r->period_to, csv };

      if (!write_identifiers_csv (r, csv, &error) || !ls_case_record_export (kase, &rec, &error))
        return ls_cli_fail (error);
    }

  return 0;
}

static int
new_request (LsCase      *kase,
             GStrv        identifiers,
             const char  *provider,
             const char  *data,
             const char  *priority,
             gint64       from,
             gint64       to,
             const char  *justification)
{
  g_autoptr(LsRequestDraft) draft = NULL;
  g_auto(GStrv) kinds = g_strsplit (data ? data : "call-data", ",", -1);
  LsRequest r = { 0 };
  GError *error = NULL;

  draft = ls_request_draft (ls_case_get_db (kase), (const char * const *) identifiers, from, to, NULL, &error);
  if (draft == NULL)
    return ls_cli_fail (error);

  r.identifiers = draft->identifiers;
  r.data_kinds = kinds;
  r.period_from = from;
  r.period_to = to;
  r.provider = (char *) provider;
  r.subject = draft->subject;
  r.priority = (char *) (priority ? priority : (draft->urgent ? "urgent" : "routine"));
  r.urgent_reason = g_strcmp0 (r.priority, "urgent") == 0 ? draft->urgent_reason : NULL;
  r.justification = (char *) (justification ? justification : draft->text);

  if (!ls_case_add_request (kase, &r, &error))
    return ls_cli_fail (error);

  g_print ("%" G_GINT64_FORMAT "\n", r.id);
  return 0;
}

int
ls_cli_request (int    argc,
                char **argv)
{
  gboolean create = FALSE;
  gint64 id = -1;
  g_auto(GStrv) identifiers = NULL;
  g_autofree char *provider = NULL, *data = NULL, *priority = NULL, *from_s = NULL, *to_s = NULL;
  g_autofree char *justification = NULL, *status_s = NULL, *date = NULL, *note = NULL;
  g_autofree char *output = NULL, *csv = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  GError *error = NULL;
  gint64 from = -1, to = -1;
  const GOptionEntry entries[] = {
    { "new", 0, 0, G_OPTION_ARG_NONE, &create, N_("Draft a new request"), NULL },
    { "identifier", 0, 0, G_OPTION_ARG_STRING_ARRAY, &identifiers, N_("A phone number or IMEI (repeat for more)"), N_("ID") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider, N_("The provider to ask"), N_("NAME") },
    { "data", 0, 0, G_OPTION_ARG_STRING, &data,
      N_("What to ask for: subscriber, call-data, cell-site, imei-history, other (comma-separated)"), N_("KINDS") },
    { "priority", 0, 0, G_OPTION_ARG_STRING, &priority,
      N_("urgent, high or routine (default: urgent when a child at high risk is linked)"), N_("PRIORITY") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_s, N_("Start of the period"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_s, N_("End of the period"), N_("DATE") },
    { "justification", 0, 0, G_OPTION_ARG_STRING, &justification,
      N_("The final text, instead of the drafted one"), N_("TEXT") },
    { "id", 0, 0, G_OPTION_ARG_INT64, &id, N_("The request to change or export"), N_("N") },
    { "set-status", 0, 0, G_OPTION_ARG_STRING, &status_s,
      N_("submitted, acknowledged, returned, imported, refused or withdrawn"), N_("STATUS") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("Date of the change (default today)"), N_("YYYY-MM-DD") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note on the change"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the request as a one-page PDF"), N_("OUT.pdf") },
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the identifiers as CSV, for sending"), N_("OUT.csv") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — draft, update or export a data request"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error) ||
      !ls_cli_parse_date ("--from", from_s, FALSE, &from, &error) ||
      !ls_cli_parse_date ("--to", to_s, TRUE, &to, &error))
    return ls_cli_fail (error);
  if (argc != 2)
    {
      g_printerr ("linesight request: %s\n", _("give exactly one case file"));
      return 2;
    }
  if (create == (id >= 0))
    {
      g_printerr ("linesight request: %s\n", _("give either --new or --id N"));
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL)
    return ls_cli_fail (error);

  if (create)
    {
      if (identifiers == NULL || provider == NULL)
        {
          g_printerr ("linesight request: %s\n", _("--new needs --identifier and --provider"));
          return 2;
        }
      return new_request (kase, identifiers, provider, data, priority, from, to, justification);
    }

  if (status_s)
    {
      LsRequestStatus status;

      if (!ls_request_status_from_string (status_s, &status))
        {
          g_printerr ("linesight request: %s\n",
                      _("--set-status must be submitted, acknowledged, returned, imported, refused or withdrawn"));
          return 2;
        }
      if (!ls_case_set_request_status (kase, id, status, date, note, &error))
        return ls_cli_fail (error);
    }
  if (justification && !ls_case_set_request_text (kase, id, justification, &error))
    return ls_cli_fail (error);
  if (output || csv)
    return export_request (kase, id, output, csv);
  if (!status_s && !justification)
    {
      g_autoptr(LsRequest) r = ls_case_get_request (kase, id, &error);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      if (r == NULL)
        return ls_cli_fail (error);
      g_ptr_array_add (one, r);
      print_requests (one, "json", DEFAULT_TARGET_DAYS);
    }

  return 0;
}
