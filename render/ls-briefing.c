/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsBriefing: assembles the briefing pack from the same renderers and
 * models as the window. Every string passes through the redactor before it
 * reaches the document, so nothing redacted can slip into the text, the
 * tables or the PDF's metadata. */
#define G_LOG_DOMAIN "ls-briefing"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ls-analysis.h"
#include "ls-basemap.h"
#include "ls-briefing.h"
#include "ls-document.h"
#include "ls-geo-model.h"
#include "ls-map-render.h"
#include "ls-network-export.h"
#include "ls-redact.h"
#include "ls-redactor.h"
#include "ls-request.h"
#include "ls-results.h"
#include "ls-results-document.h"
#include "ls-safeguarding.h"
#include "ls-time.h"
#include "ls-timeline-export.h"

typedef struct {
  const LsBriefingOptions *options;
  LsDocument              *doc;
  LsRedactor              *redactor;
  sqlite3                 *db;
  LsAnalysis              *analysis;
  LsSafeguarding          *safeguarding;
  char                    *range;
} Brief;

static void
brief_clear (Brief *b)
{
  g_clear_pointer (&b->doc, ls_document_free);
  g_clear_pointer (&b->redactor, ls_redactor_free);
  g_clear_pointer (&b->analysis, ls_analysis_unref);
  g_clear_pointer (&b->safeguarding, ls_safeguarding_unref);
  g_clear_pointer (&b->db, sqlite3_close_v2);
  g_clear_pointer (&b->range, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Brief, brief_clear)

/* "01/03/2024 – 31/08/2024 (UK time)"; an open end is the case's first or
 * last call. TO is exclusive. */
static char *
range_text (sqlite3 *db,
            gint64   from,
            gint64   to)
{
  g_autofree char *a = NULL;
  g_autofree char *z = NULL;

  if (from < 0)
    from = ls_sqlite_query_int (db, "SELECT min(start) FROM calls", -1);
  if (to < 0)
    {
      gint64 last = ls_sqlite_query_int (db, "SELECT max(start) FROM calls", -1);
      to = last >= 0 ? last + 1 : -1;
    }
  if (from < 0 || to < 0)
    return g_strdup (_("No calls in the case"));

  a = ls_time_format_local (from, "%d/%m/%Y");
  z = ls_time_format_local (to - 1, "%d/%m/%Y");
  return g_strdup_printf (_("%s – %s (UK time)"), a, z);
}

static void
progress (Brief  *b,
          double  fraction)
{
  if (b->options->progress)
    b->options->progress (fraction, b->options->progress_data);
}

/* Every text that enters the document goes through one of these. */
static void
add_heading (Brief *b, const char *text)
{
  g_autofree char *t = ls_redactor_text (b->redactor, text);
  ls_document_add_heading (b->doc, t);
}

static void
add_subheading (Brief *b, const char *text)
{
  g_autofree char *t = ls_redactor_text (b->redactor, text);
  ls_document_add_subheading (b->doc, t);
}

static void
add_paragraph (Brief *b, const char *text)
{
  g_autofree char *t = ls_redactor_text (b->redactor, text);
  ls_document_add_paragraph (b->doc, t);
}

static void
add_note (Brief *b, const char *text)
{
  g_autofree char *t = ls_redactor_text (b->redactor, text);
  ls_document_add_note (b->doc, t);
}

static void
add_bullet (Brief *b, const char *text)
{
  g_autofree char *t = ls_redactor_text (b->redactor, text);
  ls_document_add_bullet (b->doc, t);
}

static void
add_field (Brief *b, const char *label, const char *value)
{
  g_autofree char *v = ls_redactor_text (b->redactor, value ? value : "");
  ls_document_add_field (b->doc, label, v);
}

static void
add_table (Brief              *b,
           const char * const *header,
           GPtrArray          *rows,
           const double       *widths)
{
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);
      guint n = g_strv_length (cells);
      char **out = g_new0 (char *, n + 1);

      for (guint c = 0; c < n; c++)
        out[c] = ls_redactor_text (b->redactor, cells[c]);
      g_ptr_array_add (clean, out);
    }
  ls_document_add_table (b->doc, header, clean, widths);
}

static char **
row_new (guint n, ...)
{
  char **row = g_new0 (char *, n + 1);
  va_list args;

  va_start (args, n);
  for (guint i = 0; i < n; i++)
    row[i] = g_strdup (va_arg (args, const char *));
  va_end (args);

  return row;
}

static const char *
handling_for (const char *marking)
{
  if (g_strcmp0 (marking, "SECRET") == 0)
    return _("SECRET: share only with named people who need to know, in secure premises; "
             "never by ordinary email; store in an approved container.");
  if (g_strcmp0 (marking, "OFFICIAL") == 0)
    return _("OFFICIAL: share with partners for the purpose of this meeting; do not publish.");

  return _("OFFICIAL-SENSITIVE: share only with those who need to know for safeguarding or "
           "the investigation; do not forward, copy or leave unattended; return or destroy "
           "after the meeting.");
}

static const char *
redaction_label (LsRedaction redaction)
{
  switch (redaction)
    {
    case LS_REDACTION_ALL:
      return _("All names replaced by pseudonyms (the same on every page); phone numbers masked; "
               "addresses and notes removed.");
    case LS_REDACTION_PARTNER:
      return _("Names of the people on the safeguarding list kept; everyone else by pseudonym; "
               "phone numbers masked; addresses and notes removed. Maps and charts show "
               "everyone by pseudonym: the safeguarding list gives the key.");
    case LS_REDACTION_NONE:
    default:
      return _("None: this pack names everyone. Do not share it outside the investigation.");
    }
}

static void
add_cover (Brief *b)
{
  LsCase *kase = b->options->kase;
  g_autofree char *operation = ls_case_get_meta (kase, "operation");
  g_autofree char *reference = ls_case_get_meta (kase, "reference");
  g_autofree char *name = ls_case_dup_name (kase);
  g_autofree char *title = NULL;
  g_autofree char *today = ls_date_today_uk ();
  const char *marking = b->options->marking;
  LsCaseCounts counts;
  guint high = 0, medium = 0, low = 0;

  title = g_strdup_printf (_("Briefing: Operation %s"), operation ? operation : name);
  add_heading (b, title);
  add_field (b, _("Operation"), operation ? operation : name);
  add_field (b, _("Reference"), reference);
  add_field (b, _("Period"), b->range);
  add_field (b, _("Prepared by"), g_get_real_name ());
  add_field (b, _("Prepared on"), today);
  add_field (b, _("Protective marking"), marking);
  add_field (b, _("Handling"), handling_for (marking));
  add_field (b, _("Redaction"), redaction_label (b->options->redaction));

  for (guint i = 0; b->safeguarding && i < ls_safeguarding_get_n_people (b->safeguarding); i++)
    {
      LsRisk risk = ls_safeguarding_get_person (b->safeguarding, i)->risk;
      high += risk == LS_RISK_HIGH;
      medium += risk == LS_RISK_MEDIUM;
      low += risk == LS_RISK_LOW;
    }
  if (ls_case_get_counts (kase, &counts, NULL))
    {
      g_autofree char *summary =
        g_strdup_printf (_("The case holds %" G_GINT64_FORMAT " people, %" G_GINT64_FORMAT " phones and "
                           "%" G_GINT64_FORMAT " calls and messages from %" G_GINT64_FORMAT " imports. "
                           "%u people show signs of exploitation: %u at high risk, %u medium, %u low."),
                         counts.people, counts.phones, counts.calls, counts.imports,
                         high + medium + low, high, medium, low);
      ls_document_add_subheading (b->doc, _("Summary"));
      add_paragraph (b, summary);
    }
}

/* ---- The views, drawn by their own renderers ---- */

static void
draw_timeline (cairo_t  *cr,
               double    width,
               double    height,
               gpointer  data)
{
  ls_timeline_export_draw (data, cr, width, height);
}

static gboolean
add_timeline (Brief   *b,
              GError **error)
{
  LsTimelineExportOptions opts = LS_TIMELINE_EXPORT_OPTIONS_INIT;
  LsTimelineExport *export;

  opts.kase = b->options->kase;
  opts.from = b->options->from;
  opts.to = b->options->to;
  opts.redact = b->options->redaction != LS_REDACTION_NONE;
  opts.paged = FALSE;
  opts.cancellable = b->options->cancellable;
  export = ls_timeline_export_prepare (&opts, error);
  if (export == NULL)
    return FALSE;

  ls_document_add_page_break (b->doc);
  ls_document_add_subheading (b->doc, _("Timeline"));
  ls_document_add_drawing (b->doc, ls_document_get_content_height (b->doc) - 40, draw_timeline,
                           export, (GDestroyNotify) ls_timeline_export_free);
  return TRUE;
}

typedef struct {
  LsBasemap      *basemap;   /* shared, not owned */
  LsGeoModel     *model;
  LsMapViewState  view;
  char           *title;
  char           *marking;
} MapDrawing;

static void
map_drawing_free (gpointer data)
{
  MapDrawing *m = data;

  g_clear_pointer (&m->model, ls_geo_model_unref);
  g_free (m->title);
  g_free (m->marking);
  g_free (m);
}

static void
draw_map (cairo_t  *cr,
          double    width,
          double    height,
          gpointer  data)
{
  MapDrawing *m = data;
  LsBBox extent;

  m->view.width = (int) width;
  m->view.height = (int) height;
  if (!ls_map_model_extent (m->model, &extent))
    extent = *ls_basemap_get_bbox (m->basemap);
  ls_map_view_fit (&m->view, &extent, 60);
  ls_map_render (cr, m->basemap, m->model, &m->view);
}

static gboolean
add_map (Brief   *b,
         GError **error)
{
  LsBasemap *basemap = ls_basemap_get_default (error);
  LsGeoQuery query = { b->options->from, b->options->to };
  MapDrawing *m;
  LsGeoModel *model;

  if (basemap == NULL)
    return FALSE;
  if (b->analysis)
    ls_geo_query_set_roles (&query, b->analysis);
  model = ls_geo_model_build (b->db, basemap, &query, b->options->cancellable, error);
  ls_geo_query_clear_roles (&query);
  if (model == NULL)
    return FALSE;

  m = g_new0 (MapDrawing, 1);
  m->basemap = basemap;
  m->model = model;
  m->title = ls_redactor_text (b->redactor, b->range);
  m->marking = g_strdup (b->options->marking);
  m->view.layers = LS_MAP_LAYER_ALL;
  m->view.export_labels = TRUE;
  m->view.hide_names = b->options->redaction != LS_REDACTION_NONE;
  m->view.title = m->title;
  m->view.marking = m->marking;

  ls_document_add_page_break (b->doc);
  ls_document_add_subheading (b->doc, _("Geographic spread"));
  ls_document_add_drawing (b->doc, ls_document_get_content_height (b->doc) - 40, draw_map, m, map_drawing_free);
  return TRUE;
}

typedef struct {
  const LsExportView *view;
  gpointer            data;
} ViewDrawing;

static void
view_drawing_free (gpointer data)
{
  ViewDrawing *v = data;

  if (v->view->free)
    v->view->free (v->data);
  g_free (v);
}

static void
draw_view (cairo_t  *cr,
           double    width,
           double    height,
           gpointer  data)
{
  ViewDrawing *v = data;

  v->view->draw (v->data, cr, width, height);
}

/* The network map, laid out (or taken from the layout cache) as the
 * window shows it, drawn by the same renderer. */
static gboolean
add_network (Brief   *b,
             GError **error)
{
  const LsExportView *view = ls_network_export_view ();
  double height = ls_document_get_content_height (b->doc) - 40;
  LsExportRequest request = { 0 };
  ViewDrawing *v;
  gpointer data;

  request.kase = b->options->kase;
  request.from = b->options->from;
  request.to = b->options->to;
  request.width = (int) ls_document_get_content_width (b->doc);
  request.height = (int) height;
  /* Charts show everyone by pseudonym: the safeguarding list gives the key. */
  request.redaction = b->options->redaction != LS_REDACTION_NONE ? LS_REDACTION_ALL : LS_REDACTION_NONE;
  request.marking = b->options->marking;
  request.cancellable = b->options->cancellable;
  data = view->prepare (&request, error);
  if (data == NULL)
    return FALSE;

  v = g_new0 (ViewDrawing, 1);
  v->view = view;
  v->data = data;
  ls_document_add_page_break (b->doc);
  ls_document_add_subheading (b->doc, _("Network"));
  ls_document_add_drawing (b->doc, height, draw_view, v, view_drawing_free);
  return TRUE;
}

/* ---- Findings ---- */

static int
compare_betweenness (gconstpointer a,
                     gconstpointer b)
{
  const LsAnalysisNode *x = *(const LsAnalysisNode * const *) a;
  const LsAnalysisNode *y = *(const LsAnalysisNode * const *) b;

  return (x->measures.betweenness < y->measures.betweenness) - (x->measures.betweenness > y->measures.betweenness);
}

static void
add_finding_list (Brief      *b,
                  const char *type,
                  const char *title,
                  guint       max)
{
  g_autoptr(GPtrArray) findings = ls_analysis_list_findings (b->analysis, type, NULL);

  if (findings->len == 0)
    return;
  add_subheading (b, title);
  for (guint i = 0; i < findings->len && i < max; i++)
    {
      LsFinding *f = g_ptr_array_index (findings, i);
      g_autofree char *line = g_strdup_printf (_("%s — confidence %.0f%%, %u evidence rows%s%s"),
                                               f->title, f->confidence * 100, f->evidence_total,
                                               f->reasons->len ? ". " : "",
                                               f->reasons->len ? (char *) f->reasons->pdata[0] : "");
      add_bullet (b, line);
    }
  if (findings->len > max)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more"), findings->len - max);
      add_note (b, more);
    }
}

static void
add_findings (Brief *b)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *header[] = { _("Who"), _("Role"), _("Betweenness"), _("Contacts"), NULL };
  const double widths[] = { 0.4, 0.2, 0.2, 0.2 };
  const LsKeyPlayers *kp;

  ls_document_add_page_break (b->doc);
  add_heading (b, _("Key findings"));

  for (guint i = 0; i < ls_analysis_get_n_nodes (b->analysis); i++)
    g_ptr_array_add (nodes, (gpointer) ls_analysis_get_node (b->analysis, i));
  g_ptr_array_sort (nodes, compare_betweenness);
  for (guint i = 0; i < nodes->len && i < 6; i++)
    {
      const LsAnalysisNode *n = g_ptr_array_index (nodes, i);
      g_autofree char *betweenness = g_strdup_printf ("%.0f", n->measures.betweenness);
      g_autofree char *contacts = g_strdup_printf ("%.0f", n->measures.weighted_degree);

      g_ptr_array_add (rows, row_new (4, n->label, n->role ? ls_role_to_string (n->role) : "—",
                                      betweenness, contacts));
    }
  if (rows->len > 0)
    {
      add_subheading (b, _("Brokers: who holds the network together"));
      add_table (b, header, rows, widths);
    }

  kp = ls_analysis_get_key_players (b->analysis);
  if (kp && kp->n_steps > 3)
    {
      g_autofree char *text =
        g_strdup_printf (_("Removing the three most central people or phones would cut the largest "
                           "connected group from %u to %u."),
                         kp->largest_component[0], kp->largest_component[3]);
      add_paragraph (b, text);
    }

  add_finding_list (b, LS_FINDING_DEAL_LINE, _("Deal lines"), 8);
  add_finding_list (b, LS_FINDING_SUCCESSOR_LINE, _("Successor lines: the line moving to new numbers"), 8);
  add_finding_list (b, LS_FINDING_HANDSET_SWAP, _("Handset and SIM swaps"), 8);
  add_finding_list (b, LS_FINDING_CO_LOCATION, _("Phones repeatedly together"), 4);
}

/* ---- Safeguarding ---- */

static void
add_safeguarding (Brief *b)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean key_column = b->options->redaction == LS_REDACTION_PARTNER;
  const char *header_plain[] = { _("Name"), _("Age"), _("Risk"), _("Why"), _("Referral"), NULL };
  const char *header_key[] = { _("Name"), _("On maps as"), _("Age"), _("Risk"), _("Why"), _("Referral"), NULL };
  const double widths_plain[] = { 0.2, 0.07, 0.09, 0.46, 0.18 };
  const double widths_key[] = { 0.17, 0.11, 0.06, 0.08, 0.4, 0.18 };

  ls_document_add_page_break (b->doc);
  add_heading (b, _("Children and adults at risk"));
  add_note (b, _("Victims first: the children listed are at risk of criminal exploitation, whatever "
                 "role the data shows them in."));

  for (guint i = 0; i < ls_safeguarding_get_n_people (b->safeguarding); i++)
    {
      const LsSafeguardingPerson *p = ls_safeguarding_get_person (b->safeguarding, i);
      gint64 id = g_ascii_strtoll (p->key + strlen ("person:"), NULL, 10);
      g_autofree char *name = ls_redactor_person (b->redactor, id, p->name);
      g_autofree char *alias = ls_redact_pseudonym (p->key);
      g_autofree char *age = p->age >= 0 ? g_strdup_printf ("%d", p->age) : g_strdup ("—");
      g_autofree char *why = ls_safeguarding_person_summary (p, 4);
      const char *referral = ls_referral_status_to_string (p->referral.status);

      if (key_column)
        g_ptr_array_add (rows, row_new (6, name, alias, age, ls_risk_label (p->risk), why, referral));
      else
        g_ptr_array_add (rows, row_new (5, name, age, ls_risk_label (p->risk), why, referral));
    }

  if (rows->len == 0)
    {
      add_paragraph (b, _("Nobody in the case shows signs of exploitation in this period."));
      return;
    }

  /* The names kept for partners are not secrets to the redactor, so the
   * table is added as it is; everything else in it has been redacted. */
  ls_document_add_table (b->doc, key_column ? header_key : header_plain, rows,
                         key_column ? widths_key : widths_plain);
}

/* ---- Requests and results ---- */

static void
add_requests_and_results (Brief *b)
{
  LsCase *kase = b->options->kase;
  g_autoptr(GPtrArray) requests = ls_case_list_requests (kase, NULL);
  g_autoptr(GPtrArray) outcomes = ls_case_list_outcomes (kase, NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(LsResults) results = NULL;
  g_autofree char *today = ls_date_today_uk ();
  const char *header[] = { _("No."), _("Provider"), _("Priority"), _("Status"), _("Days outstanding"), NULL };
  const double widths[] = { 0.1, 0.3, 0.2, 0.2, 0.2 };

  if (requests == NULL || outcomes == NULL || requests->len == 0 || outcomes->len == 0)
    return;

  ls_document_add_page_break (b->doc);
  add_heading (b, _("Data requests and results"));

  for (guint i = 0; i < requests->len; i++)
    {
      const LsRequest *r = g_ptr_array_index (requests, i);
      int outstanding = ls_request_days_outstanding (r, today);
      g_autofree char *id = NULL, *days = NULL;

      if (!ls_request_status_is_open (r->status))
        continue;
      id = g_strdup_printf ("%" G_GINT64_FORMAT, r->id);
      days = g_strdup_printf ("%d", outstanding);
      g_ptr_array_add (rows, row_new (5, id, r->provider, r->priority, ls_request_status_label (r->status), days));
    }
  add_subheading (b, _("Outstanding requests to providers"));
  if (rows->len)
    add_table (b, header, rows, widths);
  else
    add_paragraph (b, _("None: every request has been answered."));

  results = ls_results_build (kase, 14, NULL);
  if (results == NULL)
    return;
  add_subheading (b, _("Results so far"));
  for (guint k = 0; k < results->kinds->len; k++)
    {
      const LsResultsKind *kind = g_ptr_array_index (results->kinds, k);
      g_autofree char *value = !isnan (kind->quantity) && kind->unit
        ? g_strdup_printf ("%u (%g %s)", kind->count, kind->quantity, kind->unit)
        : g_strdup_printf ("%u", kind->count);

      add_field (b, ls_outcome_kind_label (kind->kind), value);
    }
}

/* ---- Sources ---- */

static void
add_sources (Brief *b)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *header[] = { _("File"), _("Kind"), _("Rows"), _("Imported"), _("SHA-256"), NULL };
  const double widths[] = { 0.25, 0.08, 0.08, 0.12, 0.47 };

  ls_document_add_page_break (b->doc);
  add_heading (b, _("Appendix: sources"));
  add_note (b, _("Every import into the case, with the SHA-256 of the file as it was imported, so "
                 "each figure in this pack can be traced to its source."));

  if (sqlite3_prepare_v2 (b->db, "SELECT file_name, kind, rows_imported, imported_at, sha256 FROM imports"
                          " ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 2));
      g_autofree char *when = ls_time_format_local (sqlite3_column_int64 (stmt, 3), "%d/%m/%Y");

      g_ptr_array_add (rows, row_new (5, (const char *) sqlite3_column_text (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 1), count, when,
                                      (const char *) sqlite3_column_text (stmt, 4)));
    }
  add_table (b, header, rows, widths);
}

static GHashTable *
people_to_keep (LsSafeguarding *sg)
{
  GHashTable *keep = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; sg && i < ls_safeguarding_get_n_people (sg); i++)
    {
      const LsSafeguardingPerson *p = ls_safeguarding_get_person (sg, i);
      gint64 id = g_ascii_strtoll (p->key + strlen ("person:"), NULL, 10);

      g_hash_table_add (keep, g_memdup2 (&id, sizeof id));
    }

  return keep;
}

gboolean
ls_briefing_write (const LsBriefingOptions  *options,
                   const char               *path,
                   GError                  **error)
{
  g_auto(Brief) b = { options };
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(LsLineFacts) facts = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *title = NULL;
  LsAnalysisOptions aopts = LS_ANALYSIS_OPTIONS_INIT;

  g_return_val_if_fail (options != NULL && LS_IS_CASE (options->kase), FALSE);
  g_return_val_if_fail (options->marking != NULL, FALSE);

  progress (&b, 0.0);
  b.db = ls_case_open_reader (options->kase, error);
  if (b.db == NULL)
    return FALSE;
  b.range = range_text (b.db, options->from, options->to);

  aopts.from = options->from;
  aopts.to = options->to;
  b.analysis = ls_analysis_load (options->kase, &aopts, NULL, NULL, NULL, options->cancellable, error);
  if (b.analysis == NULL)
    return FALSE;
  progress (&b, 0.3);
  /* The list the Safeguarding page shows: with the line's facts (who
   * holds and runs the line) from the analysis. */
  facts = ls_line_facts_from_analysis_result (b.db, b.analysis);
  b.safeguarding = ls_safeguarding_build (b.db, NULL, facts, options->cancellable, error);
  if (b.safeguarding == NULL)
    return FALSE;
  progress (&b, 0.5);

  keep = people_to_keep (b.safeguarding);
  b.redactor = ls_redactor_new (b.db, options->redaction, keep, error);
  if (b.redactor == NULL)
    return FALSE;

  operation = ls_case_get_meta (options->kase, "operation");
  title = g_strdup_printf (_("Briefing: Operation %s"), operation ? operation : "");
  {
    g_autofree char *clean = ls_redactor_text (b.redactor, title);
    b.doc = ls_document_new (clean, options->marking);
  }
  ls_document_set_paper (b.doc, LS_PAPER_A4, TRUE);
  ls_document_set_metadata (b.doc, _("County lines briefing"), g_get_real_name ());

  add_cover (&b);
  if (!add_network (&b, error))
    return FALSE;
  progress (&b, 0.55);
  if (!add_timeline (&b, error))
    return FALSE;
  progress (&b, 0.6);
  if (!add_map (&b, error))
    return FALSE;
  progress (&b, 0.7);
  add_findings (&b);
  add_safeguarding (&b);
  add_requests_and_results (&b);
  add_sources (&b);
  progress (&b, 0.8);

  if (g_cancellable_set_error_if_cancelled (options->cancellable, error) ||
      !ls_document_write_pdf (b.doc, path, error))
    return FALSE;

  progress (&b, 1.0);
  return TRUE;
}
