/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Analysis page's words: titles, kinds, people and numbers as the
 * session's redaction allows; and the details pane of one finding (its
 * reasons, its people, and its evidence rows, described by a worker). */
#define G_LOG_DOMAIN "ls-analysis-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-analysis-page-private.h"
#include "ls-case.h"
#include "ls-time.h"

/* Labels, after redaction */

const char *
ls_analysis_page_role_title (LsRole role)
{
  switch (role)
    {
    case LS_ROLE_HEAD:
      return _("Head of the line");
    case LS_ROLE_LINE_HOLDER:
      return _("Line holder");
    case LS_ROLE_RUNNER:
      return _("Runner");
    case LS_ROLE_CUSTOMER:
      return _("Customer");
    case LS_ROLE_DEAL_LINE:
      return _("Deal line");
    case LS_ROLE_NONE:
    default:
      return "";
    }
}

const char *
ls_analysis_page_type_title (const char *type)
{
  if (g_strcmp0 (type, LS_FINDING_DEAL_LINE) == 0)
    return _("Deal line");
  if (g_strcmp0 (type, LS_FINDING_SUCCESSOR_LINE) == 0)
    return _("Successor line");
  if (g_strcmp0 (type, LS_FINDING_ROLE) == 0)
    return _("Role");
  if (g_strcmp0 (type, LS_FINDING_HANDSET_SWAP) == 0)
    return _("Handset swap");
  if (g_strcmp0 (type, LS_FINDING_CO_LOCATION) == 0)
    return _("Seen together");
  return type;
}

const char *
ls_analysis_page_type_icon (const char *type)
{
  if (g_strcmp0 (type, LS_FINDING_DEAL_LINE) == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (type, LS_FINDING_SUCCESSOR_LINE) == 0)
    return "media-seek-forward-symbolic";
  if (g_strcmp0 (type, LS_FINDING_ROLE) == 0)
    return "avatar-default-symbolic";
  if (g_strcmp0 (type, LS_FINDING_HANDSET_SWAP) == 0)
    return "phone-symbolic";
  return "mark-location-symbolic";
}

char *
ls_analysis_page_redact_text (LsAnalysisPage *self,
                              const char     *text)
{
  return self->redactor ? ls_redactor_text (self->redactor, text) : g_strdup (text);
}

char *
ls_analysis_page_node_label (LsAnalysisPage       *self,
                             const LsAnalysisNode *node)
{
  if (self->redactor == NULL)
    return g_strdup (node->label);
  if (node->kind == LS_NODE_PERSON)
    return ls_redactor_person (self->redactor, g_ascii_strtoll (node->key + strlen ("person:"), NULL, 10),
                               node->label);
  return ls_redactor_number (self->redactor, node->label);
}

char *
ls_analysis_page_key_label (LsAnalysisPage *self,
                            const char     *key)
{
  int i = self->analysis ? ls_analysis_find_node (self->analysis, key) : -1;

  if (i < 0)
    return g_strdup (key);
  return ls_analysis_page_node_label (self, ls_analysis_get_node (self->analysis, i));
}

/* "Darnell Hayes — Line holder" rather than the engine's "name: role",
 * and every other title with its names and numbers redacted. */
/* "Denise Thompson and +447700900031 together on 4 days": a person's
 * phone number in the engine's title (subjects and numbers go in pairs)
 * replaced by their name, or what redaction leaves of it. */
static char *
title_with_names (LsAnalysisPage *self,
                  LsFinding      *f)
{
  g_autofree char *title = g_strdup (f->title);

  for (guint i = 0; i < f->subjects->len; i++)
    {
      const char *key = g_ptr_array_index (f->subjects, i);
      const char *number = g_ptr_array_index (f->numbers, i);
      g_autofree char *label = NULL;
      g_auto(GStrv) parts = NULL;

      if (!g_str_has_prefix (key, "person:") || strstr (title, number) == NULL)
        continue;
      label = ls_analysis_page_key_label (self, key);
      parts = g_strsplit (title, number, 2);
      g_free (title);
      title = g_strjoin (label, parts[0], parts[1], NULL);
    }

  return ls_analysis_page_redact_text (self, title);
}

char *
ls_analysis_page_finding_title (LsAnalysisPage *self,
               LsFinding      *f)
{
  if (g_strcmp0 (f->type, LS_FINDING_ROLE) == 0 && f->subjects->len > 0)
    {
      g_autofree char *who = ls_analysis_page_key_label (self, g_ptr_array_index (f->subjects, 0));
      const char *role = ls_analysis_page_role_title (ls_role_from_string (f->role));

      if (f->child)
        return g_strdup_printf (_("%s — at risk of criminal exploitation"), who);
      return g_strdup_printf ("%s — %s", who, role);
    }
  if (g_strcmp0 (f->type, LS_FINDING_CO_LOCATION) == 0 && f->subjects->len == f->numbers->len)
    return title_with_names (self, f);
  return ls_analysis_page_redact_text (self, f->title);
}

static char *
subjects_text (LsAnalysisPage *self,
               LsFinding      *f)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < f->subjects->len && i < 4; i++)
    {
      g_autofree char *label = ls_analysis_page_key_label (self, g_ptr_array_index (f->subjects, i));

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, label);
    }
  if (f->subjects->len > 4)
    g_string_append_printf (out, _(" and %u more"), f->subjects->len - 4);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The kind, the people not already named in the title, and the records
 * behind it: "Role · 46 records", "Seen together · Kai Thompson, Phone 58". */
char *
ls_analysis_page_finding_about (LsAnalysisPage *self,
               LsFinding      *f,
               const char     *title)
{
  g_autoptr(GString) out = g_string_new (ls_analysis_page_type_title (f->type));
  g_autofree char *who = NULL;
  gboolean all_in_title = TRUE;

  for (guint i = 0; i < f->subjects->len && all_in_title; i++)
    {
      g_autofree char *label = ls_analysis_page_key_label (self, g_ptr_array_index (f->subjects, i));
      all_in_title = strstr (title, label) != NULL;
    }
  if (!all_in_title)
    {
      who = subjects_text (self, f);
      g_string_append_printf (out, " · %s", who);
    }
  if (f->evidence_total > 0)
    {
      g_autofree char *records = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records",
                                                               f->evidence_total), f->evidence_total);
      g_string_append_printf (out, " · %s", records);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
ls_analysis_page_confidence_text (double confidence)
{
  return g_strdup_printf (_("%d %%"), (int) (confidence * 100 + 0.5));
}

/* The details of one finding */

void
ls_analysis_page_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
text_row (const char *text)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
subject_activated_cb (AdwActionRow   *row,
                      LsAnalysisPage *self)
{
  const char *keys[] = { g_object_get_data (G_OBJECT (row), "key"), NULL };

  if (self->session != NULL && keys[0] != NULL)
    ls_session_set_selection (self->session, keys);
}

static void
show_subjects (LsAnalysisPage *self,
               LsFinding      *f)
{
  ls_analysis_page_clear_list (self->subject_list);
  for (guint i = 0; i < f->subjects->len; i++)
    {
      const char *key = g_ptr_array_index (f->subjects, i);
      int n = ls_analysis_find_node (self->analysis, key);
      const LsAnalysisNode *node = n >= 0 ? ls_analysis_get_node (self->analysis, n) : NULL;
      g_autofree char *label = ls_analysis_page_key_label (self, key);
      g_autoptr(GString) about = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();

      for (guint k = 0; node != NULL && node->numbers != NULL && node->numbers[k] != NULL && k < 3; k++)
        {
          if (g_strcmp0 (node->numbers[k], node->label) == 0)
            continue;
          g_autofree char *number = self->redactor ? ls_redactor_number (self->redactor, node->numbers[k])
                                                   : g_strdup (node->numbers[k]);
          g_string_append_printf (about, "%s%s", about->len > 0 ? ", " : "", number);
        }
      if (node != NULL && node->role != LS_ROLE_NONE)
        g_string_append_printf (about, "%s%s", about->len > 0 ? " · " : "", ls_analysis_page_role_title (node->role));
      if (node != NULL && node->victim)
        g_string_append_printf (about, "%s%s", about->len > 0 ? " · " : "", _("child or vulnerable adult"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), about->str);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Select only this one in every view"));
      g_object_set_data_full (G_OBJECT (row), "key", g_strdup (key), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (subject_activated_cb), self, 0);
      gtk_list_box_append (self->subject_list, row);
    }
}

static const char *
evidence_title (LsEvidenceKind kind)
{
  switch (kind)
    {
    case LS_EVIDENCE_CALL:
      return _("Call or text");
    case LS_EVIDENCE_EVENT:
      return _("Event");
    case LS_EVIDENCE_HANDSET:
    default:
      return _("Handset");
    }
}

/* What a row of evidence was: filled in by a worker (it reads the case). */
typedef struct {
  GArray *evidence;   /* LsEvidence, borrowed from the finding */
  GPtrArray *about;   /* char *, one per row */
} EvidenceJob;

static char *
describe_row (sqlite3          *db,
              const LsEvidence *e)
{
  static const char * const sql[] = {
    [LS_EVIDENCE_CALL] = "SELECT coalesce(a.number, ?2), coalesce(b.number, ?2), c.kind, c.duration, "
                         "coalesce(cells.name, cells.cell_ref) FROM calls c "
                         "LEFT JOIN phones a ON a.id = c.caller_id LEFT JOIN phones b ON b.id = c.callee_id "
                         "LEFT JOIN cells ON cells.id = c.cell_id WHERE c.id = ?1",
    [LS_EVIDENCE_EVENT] = "SELECT e.kind, coalesce(e.place, ''), coalesce(p.name, ''), NULL, NULL FROM events e "
                          "LEFT JOIN people p ON p.id = e.person_id WHERE e.id = ?1",
    [LS_EVIDENCE_HANDSET] = "SELECT h.imei, coalesce(p.number, ''), NULL, NULL, NULL FROM handsets h "
                            "LEFT JOIN phones p ON p.id = h.phone_id WHERE h.id = ?1",
  };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *c0, *c1, *c4;

  if (sqlite3_prepare_v2 (db, sql[e->kind], -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, e->row_id);
  sqlite3_bind_text (stmt, 2, _("withheld"), -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  c0 = (const char *) sqlite3_column_text (stmt, 0);
  c1 = (const char *) sqlite3_column_text (stmt, 1);
  c4 = (const char *) sqlite3_column_text (stmt, 4);
  switch (e->kind)
    {
    case LS_EVIDENCE_CALL:
      if (sqlite3_column_int (stmt, 2) == 0)
        return g_strdup_printf (_("Call %s → %s, %d s%s%s"), c0, c1, sqlite3_column_int (stmt, 3),
                                c4 ? _(", cell ") : "", c4 ? c4 : "");
      return g_strdup_printf (_("Text %s → %s%s%s"), c0, c1, c4 ? _(", cell ") : "", c4 ? c4 : "");
    case LS_EVIDENCE_EVENT:
      return g_strdup_printf ("%s%s%s%s%s", c0, *c1 ? ", " : "", c1, *((const char *) sqlite3_column_text (stmt, 2)) ? ", " : "",
                              (const char *) sqlite3_column_text (stmt, 2));
    case LS_EVIDENCE_HANDSET:
    default:
      return g_strdup_printf (_("Handset %s with %s"), c0, c1);
    }
}

static void
evidence_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  EvidenceJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = ls_case_open_reader (g_object_get_data (G_OBJECT (task), "case"), &error);

  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < job->evidence->len && !g_cancellable_is_cancelled (cancellable); i++)
    g_ptr_array_add (job->about, describe_row (reader, &g_array_index (job->evidence, LsEvidence, i)));
  g_task_return_boolean (task, TRUE);
}

static void
evidence_job_free (gpointer data)
{
  EvidenceJob *job = data;

  g_array_unref (job->evidence);
  g_ptr_array_unref (job->about);
  g_free (job);
}

static void
evidence_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (source);
  EvidenceJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;
  for (guint i = 0; i < job->about->len && row != NULL; i++, row = gtk_widget_get_next_sibling (row))
    {
      const char *about = g_ptr_array_index (job->about, i);
      g_autofree char *shown = about ? ls_analysis_page_redact_text (self, about) : NULL;

      if (shown != NULL && ADW_IS_ACTION_ROW (row))
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shown);
    }
}

static void
show_evidence (LsAnalysisPage *self,
               LsFinding      *f)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *description = NULL;
  EvidenceJob *job;

  g_cancellable_cancel (self->evidence_cancel);
  g_clear_object (&self->evidence_cancel);
  ls_analysis_page_clear_list (self->evidence_list);
  if (f->evidence->len < f->evidence_total)
    description = g_strdup_printf (_("The first %u of the %u records behind this finding, with the file and line each came from."),
                                   f->evidence->len, f->evidence_total);
  else
    description = g_strdup (_("The records behind this finding, with the file and line each came from."));
  adw_preferences_group_set_description (self->evidence_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_group), f->evidence->len > 0);

  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LsEvidence *e = &g_array_index (f->evidence, LsEvidence, i);
      g_autofree char *when = e->when >= 0 ? ls_time_format_local (e->when, "%a %-d %b %Y %H:%M") : g_strdup ("—");
      const char *title = when;
      g_autofree char *source = e->line >= 0 ? g_strdup_printf (_("%s, line %" G_GINT64_FORMAT), e->file ? e->file : _("no file"), e->line)
                                             : g_strdup (e->file ? e->file : _("derived from other rows"));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *suffix = gtk_label_new (source);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), evidence_title (e->kind));
      gtk_widget_add_css_class (suffix, "dim-label");
      gtk_widget_add_css_class (suffix, "caption");
      gtk_label_set_ellipsize (GTK_LABEL (suffix), PANGO_ELLIPSIZE_START);
      gtk_label_set_max_width_chars (GTK_LABEL (suffix), 24);
      gtk_widget_set_tooltip_text (suffix, source);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      gtk_list_box_append (self->evidence_list, row);
    }
  if (f->evidence->len == 0 || kase == NULL)
    return;

  self->evidence_cancel = g_cancellable_new ();
  job = g_new0 (EvidenceJob, 1);
  job->evidence = g_array_ref (f->evidence);
  job->about = g_ptr_array_new_with_free_func (g_free);
  task = g_task_new (self, self->evidence_cancel, evidence_done, NULL);
  g_task_set_task_data (task, job, evidence_job_free);
  g_object_set_data_full (G_OBJECT (task), "case", g_object_ref (kase), g_object_unref);
  g_task_run_in_thread (task, evidence_thread);
}

void
ls_analysis_page_show_finding (LsAnalysisPage *self,
              LsFinding      *f)
{
  g_autofree char *title = NULL;
  g_autofree char *confidence = NULL;
  g_autofree char *subtitle = NULL;

  if (f == NULL || self->analysis == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  title = ls_analysis_page_finding_title (self, f);
  confidence = ls_analysis_page_confidence_text (f->confidence);
  subtitle = g_strdup_printf (_("%s · %s sure · %u records"), ls_analysis_page_type_title (f->type), confidence,
                              f->evidence_total);
  gtk_label_set_text (self->detail_title, title);
  gtk_label_set_text (self->detail_subtitle, subtitle);
  gtk_widget_set_visible (self->detail_child_banner, f->child);

  ls_analysis_page_clear_list (self->reason_list);
  for (guint i = 0; i < f->reasons->len; i++)
    {
      g_autofree char *reason = ls_analysis_page_redact_text (self, g_ptr_array_index (f->reasons, i));
      gtk_list_box_append (self->reason_list, text_row (reason));
    }
  show_subjects (self, f);
  show_evidence (self, f);
  gtk_widget_set_visible (self->detail_common_group, FALSE);
  gtk_stack_set_visible_child_name (self->detail_stack, "finding");
}

