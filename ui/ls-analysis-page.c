/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsAnalysisPage: loads the case's analysis for the session's date range
 * (from the case's cache, or computed on a worker with progress and
 * Cancel), lists its findings strongest first with a filter by kind, and
 * shows the selected one's reasons, people and evidence rows; selecting a
 * finding selects its people in the session and highlights its calls. The
 * measures table lives in ls-analysis-page-measures.c. */
#define G_LOG_DOMAIN "ls-analysis-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-analysis-page-private.h"
#include "ls-case.h"
#include "ls-finding-item.h"
#include "ls-measure-item.h"
#include "ls-time.h"

G_DEFINE_FINAL_TYPE (LsAnalysisPage, ls_analysis_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define RELOAD_DELAY 300   /* ms: a burst of range changes is one analysis */

/* The kinds in the order of the type filter's entries after "All". */
static const char * const finding_types[] = {
  LS_FINDING_DEAL_LINE, LS_FINDING_SUCCESSOR_LINE, LS_FINDING_ROLE,
  LS_FINDING_HANDSET_SWAP, LS_FINDING_CO_LOCATION,
};

static void load (LsAnalysisPage *self);
static void show_finding (LsAnalysisPage *self, LsFinding *finding);

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

static const char *
finding_type_title (const char *type)
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

static const char *
finding_type_icon (const char *type)
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
static char *
finding_title (LsAnalysisPage *self,
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
static char *
finding_about (LsAnalysisPage *self,
               LsFinding      *f,
               const char     *title)
{
  g_autoptr(GString) out = g_string_new (finding_type_title (f->type));
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

static char *
confidence_text (double confidence)
{
  return g_strdup_printf (_("%d %%"), (int) (confidence * 100 + 0.5));
}

/* The finding rows: an icon for the kind, the title, the kind and the
 * people, and how sure the analysis is. */

static void
finding_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *sure = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *percent = gtk_label_new (NULL);
  GtkWidget *bar = gtk_level_bar_new ();

  gtk_widget_set_margin_top (row, 8);
  gtk_widget_set_margin_bottom (row, 8);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (percent), 1);
  gtk_widget_add_css_class (percent, "numeric");
  gtk_widget_add_css_class (percent, "caption");
  gtk_widget_set_size_request (bar, 56, -1);
  gtk_widget_set_valign (sure, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (sure), percent);
  gtk_box_append (GTK_BOX (sure), bar);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), sure);
  gtk_list_item_set_child (list_item, row);
}

static void
finding_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  LsAnalysisPage *self = user_data;
  LsFinding *f = ls_finding_item_get_finding (gtk_list_item_get_item (list_item));
  GtkWidget *row = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (row);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *sure = gtk_widget_get_next_sibling (text);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *percent = gtk_widget_get_first_child (sure);
  GtkWidget *bar = gtk_widget_get_next_sibling (percent);
  g_autofree char *title_text = finding_title (self, f);
  g_autofree char *about = finding_about (self, f, title_text);
  g_autofree char *confidence = confidence_text (f->confidence);

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), f->child ? "dialog-warning-symbolic" : finding_type_icon (f->type));
  if (f->child)
    gtk_widget_add_css_class (icon, "risk-high");
  else
    gtk_widget_remove_css_class (icon, "risk-high");
  gtk_label_set_text (GTK_LABEL (title), title_text);
  gtk_widget_set_tooltip_text (title, title_text);
  gtk_label_set_text (GTK_LABEL (subtitle), about);
  gtk_label_set_text (GTK_LABEL (percent), confidence);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), f->confidence);
  gtk_widget_set_tooltip_text (sure, _("How sure the analysis is"));
}

/* Filter and order */

static gboolean
finding_filter_func (gpointer item,
                     gpointer user_data)
{
  LsAnalysisPage *self = user_data;
  LsFinding *f = ls_finding_item_get_finding (item);

  return self->type_filter == NULL || g_strcmp0 (f->type, self->type_filter) == 0;
}

static int
finding_compare (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  LsFinding *x = ls_finding_item_get_finding ((gpointer) a);
  LsFinding *y = ls_finding_item_get_finding ((gpointer) b);

  /* Strongest first; a child before anyone else at the same strength. */
  if (x->confidence != y->confidence)
    return x->confidence > y->confidence ? -1 : 1;
  if (x->child != y->child)
    return x->child ? -1 : 1;
  return 0;
}

static void
update_summary (LsAnalysisPage *self)
{
  g_autofree char *text = NULL;
  guint shown, all, nodes;

  if (self->analysis == NULL)
    return;
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->findings_filtered));
  all = ls_analysis_get_n_findings (self->analysis);
  nodes = ls_analysis_get_n_nodes (self->analysis);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "measures") == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person or phone", "%u people and phones", nodes),
                            nodes);
  else if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", all), all);
  else
    text = g_strdup_printf (_("%u of %u findings"), shown, all);
  gtk_label_set_text (self->summary_label, text);
}

static void
type_dropdown_changed_cb (LsAnalysisPage *self)
{
  guint i = gtk_drop_down_get_selected (self->type_dropdown);

  g_free (self->type_filter);
  self->type_filter = i >= 1 && i <= G_N_ELEMENTS (finding_types) ? g_strdup (finding_types[i - 1]) : NULL;
  gtk_filter_changed (GTK_FILTER (self->findings_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_summary (self);
}

static void
results_page_changed_cb (LsAnalysisPage *self)
{
  gboolean findings = g_strcmp0 (gtk_stack_get_visible_child_name (self->results_stack), "findings") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->type_dropdown), findings);
  update_summary (self);
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

static void
show_finding (LsAnalysisPage *self,
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

  title = finding_title (self, f);
  confidence = confidence_text (f->confidence);
  subtitle = g_strdup_printf (_("%s · %s sure · %u records"), finding_type_title (f->type), confidence,
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

static LsFinding *
selected_finding (LsAnalysisPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->findings_selection);

  return item ? ls_finding_item_get_finding (item) : NULL;
}

/* The people of the finding are selected in every view, and its calls
 * are highlighted on the timeline. */
static void
finding_selected_cb (LsAnalysisPage *self)
{
  LsFinding *f = selected_finding (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();

  show_finding (self, f);
  if (self->session == NULL)
    return;
  if (f == NULL)
    {
      if (!self->syncing)
        ls_session_set_highlighted_calls (self->session, NULL, NULL, 0);
      return;
    }

  for (guint i = 0; i < f->subjects->len; i++)
    g_ptr_array_add (keys, g_ptr_array_index (f->subjects, i));
  g_ptr_array_add (keys, NULL);
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LsEvidence *e = &g_array_index (f->evidence, LsEvidence, i);

      if (e->kind == LS_EVIDENCE_CALL)
        {
          g_array_append_val (ids, e->row_id);
          g_array_append_val (times, e->when);
        }
    }

  self->syncing = TRUE;
  ls_session_set_highlighted_calls (self->session, (const gint64 *) ids->data, (const gint64 *) times->data, ids->len);
  ls_session_set_selection (self->session, (const char * const *) keys->pdata);
  self->syncing = FALSE;
  ls_analysis_page_sync_measures_selection (self);
  ls_analysis_page_update_common (self);
}

/* Showing an analysis */

static void
show_analysis (LsAnalysisPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = ls_analysis_get_n_findings (self->analysis);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, ls_finding_item_new (ls_analysis_get_finding (self->analysis, i)));
  gtk_single_selection_set_selected (self->findings_selection, GTK_INVALID_LIST_POSITION);
  g_list_store_splice (self->findings_store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->findings_store)),
                       items->pdata, items->len);
  ls_analysis_page_show_measures (self);
  show_finding (self, NULL);
  update_summary (self);

  if (ls_analysis_get_n_nodes (self->analysis) == 0)
    {
      gboolean ranged = self->session && (ls_session_get_range_from (self->session) >= 0 ||
                                          ls_session_get_range_to (self->session) >= 0);

      adw_status_page_set_title (self->empty_page, ranged ? _("No Calls in This Date Range") : _("No Calls to Analyse"));
      adw_status_page_set_description (self->empty_page,
                                       ranged ? _("Widen the date range on the timeline to analyse more of the case.")
                                              : _("Import call records to see who is central to the network, and to find deal lines, roles, handset swaps and phones seen together."));
      gtk_stack_set_visible_child_name (self->state_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->state_stack, "results");
}

/* Labels changed (redaction): the rows are bound again. */
static void
relabel (LsAnalysisPage *self)
{
  guint selected = gtk_single_selection_get_selected (self->findings_selection);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *store = G_LIST_MODEL (self->findings_store);

  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    g_ptr_array_add (items, g_list_model_get_item (store, i));
  self->syncing = TRUE;
  g_list_store_splice (self->findings_store, 0, items->len, items->pdata, items->len);
  gtk_single_selection_set_selected (self->findings_selection, selected);
  self->syncing = FALSE;
  show_finding (self, selected_finding (self));
  ls_analysis_page_show_measures (self);
}

/* The redactor for the session's mode, made on a worker (it reads every
 * name and number of the case). Under partner redaction the children and
 * vulnerable adults keep their names. */
static void
redactor_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GHashTable *keep = task_data;
  LsCase *kase = g_object_get_data (G_OBJECT (task), "case");
  LsRedaction mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "mode"));
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = ls_case_open_reader (kase, &error);
  LsRedactor *redactor = reader ? ls_redactor_new (reader, mode, keep, &error) : NULL;

  if (redactor == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, redactor, (GDestroyNotify) ls_redactor_free);
}

static void
redactor_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (source);
  g_autoptr(GError) error = NULL;
  LsRedactor *redactor = g_task_propagate_pointer (G_TASK (result), &error);

  if (redactor == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot redact the analysis: %s", error->message);
      return;
    }
  g_clear_pointer (&self->redactor, ls_redactor_free);
  self->redactor = redactor;
  relabel (self);
}

static void
update_redactor (LsAnalysisPage *self)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  LsRedaction mode = self->session ? ls_session_get_redaction (self->session) : LS_REDACTION_NONE;
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GTask) task = NULL;

  if (mode == LS_REDACTION_NONE || kase == NULL || self->analysis == NULL)
    {
      if (self->redactor != NULL)
        {
          g_clear_pointer (&self->redactor, ls_redactor_free);
          relabel (self);
        }
      return;
    }

  for (guint i = 0; i < ls_analysis_get_n_nodes (self->analysis); i++)
    {
      const LsAnalysisNode *node = ls_analysis_get_node (self->analysis, i);

      if (node->victim && node->kind == LS_NODE_PERSON)
        g_hash_table_add (keep, g_memdup2 (&(gint64) { g_ascii_strtoll (node->key + strlen ("person:"), NULL, 10) },
                                           sizeof (gint64)));
    }
  task = g_task_new (self, self->cancellable, redactor_done, NULL);
  g_task_set_task_data (task, g_steal_pointer (&keep), (GDestroyNotify) g_hash_table_unref);
  g_object_set_data_full (G_OBJECT (task), "case", g_object_ref (kase), g_object_unref);
  g_object_set_data (G_OBJECT (task), "mode", GINT_TO_POINTER (mode));
  g_task_run_in_thread (task, redactor_thread);
}

/* Loading, with progress: the worker writes the fraction, a timeout on
 * the main thread shows it. */

typedef struct {
  gatomicrefcount ref_count;
  int             permille;
} Job;

static Job *
job_ref (Job *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
job_unref (Job *job)
{
  if (g_atomic_ref_count_dec (&job->ref_count))
    g_free (job);
}

static void
job_progress (double   fraction,
              gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->permille, (int) (CLAMP (fraction, 0, 1) * 1000));
}

static gboolean
progress_tick (gpointer user_data)
{
  LsAnalysisPage *self = user_data;
  Job *job = self->job;
  double fraction = job ? g_atomic_int_get (&job->permille) / 1000.0 : 0;
  g_autofree char *text = g_strdup_printf (_("%d %%"), (int) (fraction * 100));

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, text);

  return G_SOURCE_CONTINUE;
}

static void
stop_progress (LsAnalysisPage *self)
{
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->job, job_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.cancel", FALSE);
}

typedef struct {
  LsAnalysisPage *self;
  GCancellable   *cancellable;
  Job            *job;
} Pending;

static void
analysis_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(LsAnalysisPage) self = pending->self;
  g_autoptr(GCancellable) cancellable = pending->cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsAnalysis) analysis = ls_analysis_load_finish (LS_CASE (source), result, &error);

  job_unref (pending->job);
  g_free (pending);
  /* A newer load replaced this one. */
  if (cancellable != self->cancellable)
    return;
  stop_progress (self);
  if (analysis == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      adw_status_page_set_title (self->error_page, cancelled ? _("Analysis Cancelled") : _("Cannot Analyse This Case"));
      adw_status_page_set_description (self->error_page, cancelled ? _("The results are not up to date with the date range and the data.")
                                                                   : error->message);
      gtk_stack_set_visible_child_name (self->state_stack, "error");
      return;
    }

  g_clear_pointer (&self->analysis, ls_analysis_unref);
  self->analysis = g_steal_pointer (&analysis);
  g_clear_pointer (&self->graph, ls_graph_unref);
  show_analysis (self);
  update_redactor (self);
  ls_analysis_page_sync_measures_selection (self);
  ls_analysis_page_update_common (self);
}

static void
load (LsAnalysisPage *self)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  LsAnalysisOptions options = LS_ANALYSIS_OPTIONS_INIT;
  Pending *pending;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->graph_cancel);
  g_clear_object (&self->graph_cancel);
  stop_progress (self);
  self->stale = FALSE;

  if (kase == NULL)
    {
      g_list_store_remove_all (self->findings_store);
      g_list_store_remove_all (self->measures_store);
      g_clear_pointer (&self->analysis, ls_analysis_unref);
      g_clear_pointer (&self->graph, ls_graph_unref);
      g_clear_pointer (&self->redactor, ls_redactor_free);
      adw_status_page_set_title (self->empty_page, _("No Case Open"));
      adw_status_page_set_description (self->empty_page, _("Open a case to analyse its network."));
      gtk_stack_set_visible_child_name (self->state_stack, "empty");
      return;
    }

  options.from = ls_session_get_range_from (self->session);
  options.to = ls_session_get_range_to (self->session);
  self->cancellable = g_cancellable_new ();
  self->job = g_new0 (Job, 1);
  g_atomic_ref_count_init (&((Job *) self->job)->ref_count);
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->cancellable = g_object_ref (self->cancellable);
  pending->job = job_ref (self->job);
  progress_tick (self);
  self->progress_source = g_timeout_add (100, progress_tick, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.cancel", TRUE);
  gtk_stack_set_visible_child_name (self->state_stack, "loading");
  ls_analysis_load_async (kase, &options, job_progress, pending->job, self->cancellable, analysis_loaded, pending);
}

/* The analysis follows the date range and the data, but only while the
 * page is on screen: hidden, it reloads when next shown. */
static void
request_load (LsAnalysisPage *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) &&
      !(self->session && ls_session_get_case (self->session) == NULL))
    {
      self->stale = TRUE;
      return;
    }
  load (self);
}

static gboolean
reload_timeout (gpointer user_data)
{
  LsAnalysisPage *self = user_data;

  self->reload_source = 0;
  request_load (self);

  return G_SOURCE_REMOVE;
}

static void
range_changed_cb (LsAnalysisPage *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY, reload_timeout, self);
}

static void
selection_changed_cb (LsAnalysisPage *self)
{
  if (self->syncing)
    return;
  ls_analysis_page_sync_measures_selection (self);
  ls_analysis_page_update_common (self);
}

static void
ls_analysis_page_map (GtkWidget *widget)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (widget);

  GTK_WIDGET_CLASS (ls_analysis_page_parent_class)->map (widget);
  if (self->stale)
    load (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  load (LS_ANALYSIS_PAGE (widget));
}

/* Public API */

LsSession *
ls_analysis_page_get_session (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), NULL);

  return self->session;
}

void
ls_analysis_page_set_session (LsAnalysisPage *self,
                              LsSession      *session)
{
  g_return_if_fail (LS_IS_ANALYSIS_PAGE (self));
  g_return_if_fail (session == NULL || LS_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::case", G_CALLBACK (request_load), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "data-changed", G_CALLBACK (request_load), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::range-from", G_CALLBACK (range_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::range-to", G_CALLBACK (range_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::selection", G_CALLBACK (selection_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::redaction", G_CALLBACK (update_redactor), self,
                               G_CONNECT_SWAPPED);
    }
  request_load (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

LsAnalysis *
ls_analysis_page_get_analysis (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), NULL);

  return self->analysis;
}

gboolean
ls_analysis_page_is_busy (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), FALSE);

  return self->job != NULL || self->reload_source != 0;
}

void
ls_analysis_page_refresh (LsAnalysisPage *self)
{
  g_return_if_fail (LS_IS_ANALYSIS_PAGE (self));

  load (self);
}

GListModel *
ls_analysis_page_get_findings (LsAnalysisPage *self)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), NULL);

  return G_LIST_MODEL (self->findings_selection);
}

void
ls_analysis_page_set_type_filter (LsAnalysisPage *self,
                                  const char     *type)
{
  g_return_if_fail (LS_IS_ANALYSIS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (finding_types); i++)
    if (g_strcmp0 (type, finding_types[i]) == 0)
      {
        gtk_drop_down_set_selected (self->type_dropdown, i + 1);
        return;
      }
  gtk_drop_down_set_selected (self->type_dropdown, 0);
}

gboolean
ls_analysis_page_select_finding (LsAnalysisPage *self,
                                 guint           position)
{
  g_return_val_if_fail (LS_IS_ANALYSIS_PAGE (self), FALSE);

  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->findings_selection)))
    return FALSE;
  gtk_single_selection_set_selected (self->findings_selection, position);

  return TRUE;
}

/* GObject */

static void
ls_analysis_page_dispose (GObject *object)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->evidence_cancel);
  g_clear_object (&self->evidence_cancel);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  stop_progress (self);
  ls_analysis_page_dispose_measures (self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_ANALYSIS_PAGE);
  g_clear_object (&self->findings_selection);
  g_clear_object (&self->findings_store);
  g_clear_pointer (&self->analysis, ls_analysis_unref);
  g_clear_pointer (&self->redactor, ls_redactor_free);

  G_OBJECT_CLASS (ls_analysis_page_parent_class)->dispose (object);
}

static void
ls_analysis_page_finalize (GObject *object)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (object);

  g_free (self->type_filter);

  G_OBJECT_CLASS (ls_analysis_page_parent_class)->finalize (object);
}

static void
ls_analysis_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_analysis_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LsAnalysisPage *self = LS_ANALYSIS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      ls_analysis_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ls_analysis_page_class_init (LsAnalysisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_analysis_page_dispose;
  object_class->finalize = ls_analysis_page_finalize;
  object_class->get_property = ls_analysis_page_get_property;
  object_class->set_property = ls_analysis_page_set_property;
  widget_class->map = ls_analysis_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, LS_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-analysis-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, state_stack);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, finding_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_child_banner);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, subject_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, reason_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, evidence_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_common_group);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, detail_common_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, measure_view);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, key_player_chart);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, key_player_list);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, common_group);
  gtk_widget_class_bind_template_child (widget_class, LsAnalysisPage, common_list);
  gtk_widget_class_bind_template_callback (widget_class, type_dropdown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "analysis.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "analysis.refresh", NULL, refresh_action);
}

static void
ls_analysis_page_init (LsAnalysisPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkCustomSorter *sorter;
  GtkSortListModel *sorted;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (finding_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (finding_bind_cb), self);
  gtk_list_view_set_factory (self->finding_list, factory);

  self->findings_store = g_list_store_new (LS_TYPE_FINDING_ITEM);
  self->findings_filter = gtk_custom_filter_new (finding_filter_func, self, NULL);
  self->findings_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->findings_store)),
                                                       GTK_FILTER (self->findings_filter));
  sorter = gtk_custom_sorter_new (finding_compare, NULL, NULL);
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->findings_filtered), GTK_SORTER (sorter));
  self->findings_selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->findings_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->findings_selection, TRUE);
  gtk_list_view_set_model (self->finding_list, GTK_SELECTION_MODEL (self->findings_selection));
  g_signal_connect_object (self->findings_selection, "notify::selected-item", G_CALLBACK (finding_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->findings_filtered, "items-changed", G_CALLBACK (update_summary), self,
                           G_CONNECT_SWAPPED);

  ls_analysis_page_init_measures (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.cancel", FALSE);
  results_page_changed_cb (self);
  gtk_stack_set_visible_child_name (self->state_stack, "empty");
}
