/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-request-document"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-marking.h"
#include "ls-request-document.h"
#include "ls-time.h"

static void
add_request_document (LsDocument      *doc,
                      LsCase          *kase,
                      const LsRequest *r)
{
  g_autofree char *case_name = ls_case_dup_name (kase);
  g_autofree char *operation = ls_case_get_meta (kase, "operation");
  g_autofree char *reference = ls_case_get_meta (kase, "reference");
  g_autofree char *created = ls_time_format_local (r->created_at, "%d/%m/%Y");
  g_autofree char *ids = g_strjoinv (", ", r->identifiers);
  g_autofree char *kinds = g_strjoinv (", ", r->data_kinds);
  g_autofree char *from = r->period_from >= 0 ? ls_time_format_local (r->period_from, "%d/%m/%Y") : NULL;
  g_autofree char *to = r->period_to >= 0 ? ls_time_format_local (r->period_to - 1, "%d/%m/%Y") : NULL;
  g_autofree char *period = g_strdup_printf ("%s – %s", from ? from : _("start of records"),
                                             to ? to : _("latest available"));
  g_autofree char *ref = g_strdup_printf ("%s/REQ/%" G_GINT64_FORMAT, reference ? reference : case_name, r->id);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *header[] = { _("Identifier"), _("Type"), _("Data requested"), NULL };
  const double widths[] = { 0.35, 0.2, 0.45 };
  g_auto(GStrv) paragraphs = NULL;

  if (g_strcmp0 (r->priority, "urgent") == 0)
    ls_document_add_heading (doc, _("URGENT — Request for communications data"));
  else
    ls_document_add_heading (doc, _("Request for communications data"));

  ls_document_add_field (doc, _("Our reference"), ref);
  ls_document_add_field (doc, _("Operation"), operation ? operation : case_name);
  ls_document_add_field (doc, _("To"), r->provider);
  ls_document_add_field (doc, _("Priority"), r->priority);
  if (r->urgent_reason)
    ls_document_add_field (doc, _("Why urgent"), r->urgent_reason);
  {
    g_autofree char *prepared = g_strdup_printf (_("%s by %s"), created, r->created_by);
    ls_document_add_field (doc, _("Prepared"), prepared);
  }
  ls_document_add_field (doc, _("Identifiers"), ids);
  ls_document_add_field (doc, _("Data requested"), kinds);
  ls_document_add_field (doc, _("Period"), period);

  ls_document_add_subheading (doc, _("Justification"));
  paragraphs = g_strsplit (r->justification ? r->justification : "", "\n\n", -1);
  for (guint i = 0; paragraphs[i]; i++)
    ls_document_add_paragraph (doc, paragraphs[i]);

  for (guint i = 0; r->identifiers[i]; i++)
    {
      char **row = g_new0 (char *, 4);

      row[0] = g_strdup (r->identifiers[i]);
      row[1] = g_strdup (r->identifiers[i][0] == '+' ? _("Phone number (MSISDN)") : _("Handset (IMEI)"));
      row[2] = g_strdup (kinds);
      g_ptr_array_add (rows, row);
    }
  /* A few identifiers are in the fields above; a long list gets a table. */
  if (rows->len > 3)
    {
      ls_document_add_subheading (doc, _("Identifiers"));
      ls_document_add_table (doc, header, rows, widths);
    }
  ls_document_add_note (doc, _("Please quote our reference. Handle this request and the data returned "
                               "according to its marking."));
}

LsDocument *
ls_request_document (LsCase          *kase,
                     const LsRequest *r)
{
  g_autofree char *marking = ls_case_get_meta (kase, "marking");
  g_autofree char *title = g_strdup_printf (_("Data request %" G_GINT64_FORMAT " to %s"), r->id, r->provider);
  LsDocument *doc = ls_document_new (title, ls_marking_default (marking));

  ls_document_set_metadata (doc, _("Request for communications data"), g_get_real_name ());
  add_request_document (doc, kase, r);
  /* A request is one page: a long justification is set a little smaller. */
  for (double scale = 0.95; ls_document_get_n_pages (doc) > 1 && scale > 0.7; scale -= 0.05)
    ls_document_set_scale (doc, scale);

  return doc;
}
