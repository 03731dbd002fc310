/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linesight referral CASE --person NAME [--set-status S --agency A
 * --reference R --date D --notes N --recorded-by W] [-o SUMMARY.pdf]:
 * shows or changes one person's referral record (audited), and writes
 * their one-page referral summary. */
#define G_LOG_DOMAIN "ls-cli-referral"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case.h"
#include "ls-case-audit.h"
#include "ls-case-referrals.h"
#include "ls-cli.h"
#include "ls-marking.h"
#include "ls-referral-render.h"
#include "ls-safeguarding.h"
#include "ls-time.h"

typedef struct {
  char *person;
  char *status;
  char *agency;
  char *reference;
  char *date;
  char *notes;
  char *recorded_by;
  char *output;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->person);
  g_free (o->status);
  g_free (o->agency);
  g_free (o->reference);
  g_free (o->date);
  g_free (o->notes);
  g_free (o->recorded_by);
  g_free (o->output);
}

static void
print_record (LsCase *kase,
              gint64  person_id,
              const char *name)
{
  LsReferral r;
  g_autoptr(GPtrArray) history = NULL;
  sqlite3 *db = ls_case_get_db (kase);

  if (!ls_case_referral_read (db, person_id, &r, NULL))
    return;
  g_print ("%s\n  %-12s %s (%s)\n", name, _("Status"), ls_referral_status_label (r.status),
           ls_referral_status_to_string (r.status));
  g_print ("  %-12s %s\n  %-12s %s\n  %-12s %s\n  %-12s %s\n", _("Agency"), r.agency ?: "—",
           _("Reference"), r.reference ?: "—", _("Date"), r.date ?: "—", _("Recorded by"), r.recorded_by ?: "—");
  if (r.notes)
    g_print ("  %-12s %s\n", _("Notes"), r.notes);
  history = ls_case_referral_history (db, person_id, NULL);
  for (guint i = 0; history && i < history->len; i++)
    {
      const LsReferralHistoryEntry *e = g_ptr_array_index (history, i);
      g_autofree char *when = ls_time_format_local (e->at, NULL);

      g_print ("  %s  %s → %s  (%s)\n", when, e->old_value, e->new_value, e->user);
    }
  ls_referral_clear (&r);
}

static int
set_status (LsCase         *kase,
            LsSafeguarding *sg,
            gint64          person_id,
            const Options  *o)
{
  g_autofree char *key = g_strdup_printf ("person:%" G_GINT64_FORMAT, person_id);
  const LsSafeguardingPerson *p = ls_safeguarding_find (sg, key);
  LsReferralChange change = { 0 };
  GError *error = NULL;

  if (!ls_referral_status_from_string (o->status, &change.status))
    {
      g_printerr ("linesight referral: %s “%s”; %s\n", _("unknown status"), o->status,
                  _("expected not-reviewed, needs-referral, referred, nrm-referral, duty-to-notify, "
                    "reasonable-grounds, conclusive-grounds or no-further-action"));
      return 2;
    }
  change.agency = o->agency;
  change.reference = o->reference;
  change.date = o->date;
  change.notes = o->notes;
  change.recorded_by = o->recorded_by;
  change.reviewed_risk = ls_risk_to_string (p ? p->risk : LS_RISK_NONE);

  if (!ls_case_referral_update (kase, person_id, &change, &error))
    return ls_cli_fail (error);

  return 0;
}

static int
write_summary (LsCase         *kase,
               LsSafeguarding *sg,
               gint64          person_id,
               const Options  *o)
{
  g_autofree char *key = g_strdup_printf ("person:%" G_GINT64_FORMAT, person_id);
  const LsSafeguardingPerson *p = ls_safeguarding_find (sg, key);
  g_autofree char *case_name = ls_case_dup_name (kase);
  g_autofree char *marking = ls_case_get_meta (kase, "marking");
  g_autoptr(GPtrArray) history = NULL;
  LsReferralRenderInfo info = { case_name, ls_marking_default (marking), NULL, -1 };
  const LsExportRecord record = { "referral", "pdf", "none", -1, -1, o->output };
  GError *error = NULL;

  if (p == NULL)
    {
      g_printerr ("linesight referral: %s %s\n", o->person,
                  _("shows no signs of exploitation in this case, so there is no referral summary to write"));
      return 1;
    }
  history = ls_case_referral_history (ls_case_get_db (kase), person_id, &error);
  if (history == NULL ||
      !ls_referral_render_pdf (p, history, &info, o->output, &error) ||
      !ls_case_record_export (kase, &record, &error))
    return ls_cli_fail (error);

  return 0;
}

/* With the case's cached analysis, as the window uses. */
static LsSafeguarding *
build_list (LsCase  *kase,
            GError **error)
{
  g_autoptr(LsLineFacts) facts = ls_line_facts_for_case (kase, NULL, error);

  return facts ? ls_safeguarding_build (ls_case_get_db (kase), NULL, facts, NULL, error) : NULL;
}

int
ls_cli_referral (int    argc,
                 char **argv)
{
  Options o = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(LsCase) kase = NULL;
  g_autoptr(LsSafeguarding) sg = NULL;
  GError *error = NULL;
  gint64 person_id;
  int rc = 0;
  const GOptionEntry entries[] = {
    { "person", 'p', 0, G_OPTION_ARG_STRING, &o.person, N_("The person, by name"), N_("NAME") },
    { "set-status", 0, 0, G_OPTION_ARG_STRING, &o.status, N_("Move the referral to STATUS (audited)"), N_("STATUS") },
    { "agency", 0, 0, G_OPTION_ARG_STRING, &o.agency, N_("Agency referred to, e.g. “Norfolk MASH”"), N_("AGENCY") },
    { "reference", 0, 0, G_OPTION_ARG_STRING, &o.reference, N_("The agency’s reference number"), N_("REF") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &o.date, N_("Date of the referral or decision"), N_("YYYY-MM-DD") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &o.notes, N_("Notes"), N_("TEXT") },
    { "recorded-by", 0, 0, G_OPTION_ARG_STRING, &o.recorded_by, N_("Who is recording it (default: you)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o.output, N_("Write the one-page referral summary PDF"), N_("FILE") },
    { NULL }
  };

  context = g_option_context_new (_("CASE — show, change or print a person’s safeguarding referral"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ls_cli_parse (context, &argc, &argv, &error))
    return ls_cli_fail (error);
  if (argc != 2 || o.person == NULL)
    {
      g_printerr ("linesight referral: %s\n", _("give one case file and --person NAME"));
      options_clear (&o);
      return 2;
    }

  kase = ls_case_open (argv[1], &error);
  if (kase == NULL)
    rc = ls_cli_fail (error);
  else if ((person_id = ls_case_find_person (ls_case_get_db (kase), o.person)) < 0)
    {
      g_printerr ("linesight referral: %s “%s”\n", _("the case has no person named"), o.person);
      rc = 1;
    }
  else if ((sg = build_list (kase, &error)) == NULL)
    rc = ls_cli_fail (error);
  else
    {
      if (o.status != NULL)
        {
          rc = set_status (kase, sg, person_id, &o);
          /* The summary shows the record as it now stands. */
          if (rc == 0 && o.output != NULL)
            {
              g_clear_pointer (&sg, ls_safeguarding_unref);
              sg = build_list (kase, &error);
              if (sg == NULL)
                rc = ls_cli_fail (error);
            }
        }
      if (rc == 0 && o.output != NULL)
        rc = write_summary (kase, sg, person_id, &o);
      if (rc == 0 && o.output == NULL)
        print_record (kase, person_id, o.person);
    }

  options_clear (&o);
  return rc;
}
