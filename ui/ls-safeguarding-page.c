/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsSafeguardingPage: a GtkColumnView over the people LsSafeguarding finds
 * (built in a GTask on its own reader connection), filters by risk, referral
 * stage, age and area, and a detail pane with every indicator and its
 * evidence, the referral record with an editor, its history, and Export
 * Referral… (the same one-page PDF as `linesight referral`). */
#define G_LOG_DOMAIN "ls-safeguarding-page"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ls-analysis.h"
#include "ls-case.h"
#include "ls-case-audit.h"
#include "ls-export-dialog.h"
#include "ls-case-referrals.h"
#include "ls-marking.h"
#include "ls-referral-render.h"
#include "ls-safeguarding-export.h"
#include "ls-safeguarding-item.h"
#include "ls-safeguarding-page.h"
#include "ls-settings.h"
#include "ls-time.h"

struct _LsSafeguardingPage
{
  GtkWidget            parent_instance;

  LsSession           *session;
  GSettings           *settings;
  GCancellable        *cancellable;
  LsSafeguarding      *sg;
  GListStore          *store;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkSingleSelection  *selection;
  char                *selected_key;

  GtkWidget           *paned;
  GtkDropDown         *risk_filter;
  GtkDropDown         *status_filter;
  GtkDropDown         *age_filter;
  GtkEditable         *area_filter;
  GtkToggleButton     *rose_filter;
  GtkLabel            *count_label;
  GtkSpinner          *spinner;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *risk_column;
  GtkColumnViewColumn *name_column;
  GtkStack            *detail_stack;
  GtkLabel            *name_label;
  GtkLabel            *about_label;
  GtkLabel            *risk_label;
  GtkListBox          *indicator_list;
  AdwComboRow         *status_row;
  GtkEditable         *agency_row;
  GtkEditable         *reference_row;
  GtkEditable         *date_row;
  GtkEditable         *recorded_by_row;
  GtkEditable         *notes_row;
  GtkLabel            *message_label;
  GtkListBox          *history_list;
};

static void ls_safeguarding_page_view_init (LsViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LsSafeguardingPage, ls_safeguarding_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (LS_TYPE_VIEW, ls_safeguarding_page_view_init))

static void load (LsSafeguardingPage *self);
static LsSafeguardingItem *selected_item (LsSafeguardingPage *self);

void
ls_safeguarding_options_from_settings (GSettings             *settings,
                                       LsSafeguardingOptions *o)
{
  o->age_gap_years = g_settings_get_uint (settings, "safeguarding-age-gap");
  o->far_from_home_km = g_settings_get_double (settings, "safeguarding-far-from-home-km");
  o->missing_episodes = g_settings_get_uint (settings, "safeguarding-missing-episodes");
  o->cuckoo_phones = g_settings_get_uint (settings, "safeguarding-cuckoo-phones");
  o->cuckoo_days = g_settings_get_uint (settings, "safeguarding-cuckoo-days");
  o->cuckoo_radius_km = g_settings_get_double (settings, "safeguarding-cuckoo-radius-km");
  o->instruction_minutes = g_settings_get_uint (settings, "safeguarding-instruction-minutes");
  o->several_phones = g_settings_get_uint (settings, "safeguarding-several-phones");
}

static void
show_message (LsSafeguardingPage *self,
              const char         *text,
              gboolean            error)
{
  gtk_label_set_text (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

/* Filters */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  LsSafeguardingPage *self = user_data;
  const LsSafeguardingPerson *p = ls_safeguarding_item_get_person (item);
  guint risk = gtk_drop_down_get_selected (self->risk_filter);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  guint age = gtk_drop_down_get_selected (self->age_filter);
  const char *area = gtk_editable_get_text (self->area_filter);

  if ((risk == 1 && p->risk != LS_RISK_HIGH) || (risk == 2 && p->risk < LS_RISK_MEDIUM) ||
      (risk == 3 && p->risk != LS_RISK_LOW))
    return FALSE;
  if (status != GTK_INVALID_LIST_POSITION && status > 0 && p->referral.status != status - 1)
    return FALSE;
  if ((age == 1 && !p->child) || (age == 2 && !(p->child && p->age >= 0 && p->age < 16)) ||
      (age == 3 && p->child))
    return FALSE;
  if (gtk_toggle_button_get_active (self->rose_filter) && !p->risk_rose)
    return FALSE;
  if (area != NULL && *area != '\0')
    {
      g_autofree char *needle = g_utf8_casefold (area, -1);
      g_autofree char *haystack = g_utf8_casefold (p->area ? p->area : "", -1);

      if (strstr (haystack, needle) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
update_count (LsSafeguardingPage *self)
{
  guint shown;
  guint all;
  g_autofree char *text = NULL;

  if (self->filter_model == NULL || self->store == NULL)
    return;
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  all = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (shown == all)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", all), all);
  else
    text = g_strdup_printf (_("%u of %u people"), shown, all);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, all > 0 ? "list" : "empty");
}

static void
filter_changed_cb (LsSafeguardingPage *self)
{
  if (self->filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  /* Whoever was selected is selected again when a filter shows them again. */
  if (self->selected_key != NULL && selected_item (self) == NULL)
    ls_safeguarding_page_select (self, self->selected_key);
}

/* The risk and name columns: a coloured risk level, and the name in bold
 * with an arrow when the risk rose since the last review. */

static void
risk_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *rose = gtk_image_new_from_icon_name ("go-up-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "risk-badge");
  gtk_widget_add_css_class (rose, "risk-rose");
  gtk_widget_set_tooltip_text (rose, _("Risk rose since the last review"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), rose);
  gtk_list_item_set_child (list_item, box);
}

static void
risk_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  const LsSafeguardingPerson *p = ls_safeguarding_item_get_person (gtk_list_item_get_item (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  const char *classes[] = { "risk-badge", NULL, NULL };

  classes[1] = p->risk == LS_RISK_HIGH ? "risk-high" : p->risk == LS_RISK_MEDIUM ? "risk-medium" : "risk-low";
  gtk_label_set_text (GTK_LABEL (label), ls_risk_label (p->risk));
  gtk_widget_set_css_classes (label, classes);
  gtk_widget_set_visible (gtk_widget_get_last_child (box), p->risk_rose);
}

static void
name_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (list_item, label);
}

static void
name_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  const LsSafeguardingPerson *p = ls_safeguarding_item_get_person (gtk_list_item_get_item (list_item));
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), p->name);
  if (p->risk_rose)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static GtkListItemFactory *
signal_factory (GCallback setup,
                GCallback bind)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", setup, NULL);
  g_signal_connect (factory, "bind", bind, NULL);

  return factory;
}

/* The detail pane */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
indicator_row (const LsIndicator *ind)
{
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ls_indicator_title (ind->code));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), ind->text);
  for (guint i = 0; i < ind->evidence->len; i++)
    {
      const LsIndicatorEvidence *e = &g_array_index (ind->evidence, LsIndicatorEvidence, i);
      g_autofree char *when = e->when >= 0 ? ls_time_format_local (e->when, "%d/%m/%Y %H:%M") : g_strdup ("—");
      g_autofree char *title = g_strdup_printf ("%s · %s %" G_GINT64_FORMAT, when, e->table, e->id);
      g_autofree char *subtitle = g_strjoin (" · ", e->source ? e->source : _("no source file"),
                                             e->note ? e->note : "", NULL);
      GtkWidget *evidence = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (evidence), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (evidence), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (evidence), subtitle);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), evidence);
    }
  if (ind->n_evidence_total > ind->evidence->len)
    {
      g_autofree char *more = g_strdup_printf (_("and %u more records"), ind->n_evidence_total - ind->evidence->len);
      GtkWidget *extra = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (extra), more);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), extra);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  return row;
}

static void
show_history (LsSafeguardingPage *self,
              gint64              person_id)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  g_autoptr(GPtrArray) history = kase ? ls_case_referral_history (ls_case_get_db (kase), person_id, NULL) : NULL;

  clear_list (self->history_list);
  for (guint i = history ? history->len : 0; i > 0; i--)
    {
      const LsReferralHistoryEntry *e = g_ptr_array_index (history, i - 1);
      LsReferralStatus from = 0, to = 0;
      g_autofree char *when = ls_time_format_local (e->at, "%d/%m/%Y %H:%M");
      g_autofree char *title = NULL;
      g_autofree char *subtitle = g_strdup_printf (_("%s, by %s"), when, e->user);
      GtkWidget *row = adw_action_row_new ();

      ls_referral_status_from_string (e->old_value, &from);
      ls_referral_status_from_string (e->new_value, &to);
      title = g_strdup_printf ("%s → %s", ls_referral_status_label (from), ls_referral_status_label (to));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->history_list, row);
    }
  if (history == NULL || history->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes recorded yet"));
      gtk_list_box_append (self->history_list, row);
    }
}

static void
show_person (LsSafeguardingPage         *self,
             const LsSafeguardingPerson *p,
             gint64                      person_id)
{
  g_autofree char *about = NULL;
  g_autofree char *risk = NULL;
  g_autofree char *aged = p->age >= 0 ? g_strdup_printf (_("aged %d"), p->age) : g_strdup (_("age not known"));
  g_autofree char *latest = p->latest_activity >= 0 ? ls_time_format_local (p->latest_activity, "%d/%m/%Y")
                                                     : g_strdup ("—");

  gtk_label_set_text (self->name_label, p->name);
  about = g_strdup_printf (_("%s · born %s · %s on %s · %s"),
                           p->child ? _("Child at risk of criminal exploitation")
                                    : _("Vulnerable adult at risk of exploitation"),
                           p->dob ? p->dob : _("date of birth not known"),
                           aged,
                           latest, p->address ? p->address : _("address not known"));
  gtk_label_set_text (self->about_label, about);
  risk = p->risk_rose ? g_strdup_printf (_("Risk: %s — risen since the last review (%s)"),
                                         ls_risk_label (p->risk), p->referral.reviewed_risk)
                      : g_strdup_printf (_("Risk: %s"), ls_risk_label (p->risk));
  gtk_label_set_text (self->risk_label, risk);
  if (p->risk_rose)
    gtk_widget_add_css_class (GTK_WIDGET (self->risk_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->risk_label), "warning");

  clear_list (self->indicator_list);
  for (guint i = 0; i < p->indicators->len; i++)
    gtk_list_box_append (self->indicator_list, indicator_row (g_ptr_array_index (p->indicators, i)));

  adw_combo_row_set_selected (self->status_row, p->referral.status);
  gtk_editable_set_text (self->agency_row, p->referral.agency ? p->referral.agency : "");
  gtk_editable_set_text (self->reference_row, p->referral.reference ? p->referral.reference : "");
  gtk_editable_set_text (self->date_row, p->referral.date ? p->referral.date : "");
  gtk_editable_set_text (self->recorded_by_row, p->referral.recorded_by ? p->referral.recorded_by : g_get_real_name ());
  gtk_editable_set_text (self->notes_row, p->referral.notes ? p->referral.notes : "");
  show_history (self, person_id);

  gtk_stack_set_visible_child_name (self->detail_stack, "person");
}

static LsSafeguardingItem *
selected_item (LsSafeguardingPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
selection_changed_cb (LsSafeguardingPage *self)
{
  LsSafeguardingItem *item = selected_item (self);
  const LsSafeguardingPerson *p;
  const char *keys[2] = { NULL, NULL };

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "safeguarding.save-referral", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "safeguarding.export-referral", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "safeguarding.export-referral-to", item != NULL);
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  p = ls_safeguarding_item_get_person (item);
  show_message (self, NULL, FALSE);
  show_person (self, p, ls_safeguarding_item_get_person_id (item));
  g_free (self->selected_key);
  self->selected_key = g_strdup (p->key);

  /* The other views highlight whoever is selected here. */
  keys[0] = p->key;
  if (self->session != NULL)
    ls_session_set_selection (self->session, keys);
}

gboolean
ls_safeguarding_page_select (LsSafeguardingPage *self,
                             const char         *name_or_key)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);

  g_return_val_if_fail (LS_IS_SAFEGUARDING_PAGE (self), FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LsSafeguardingItem) item = g_list_model_get_item (model, i);
      const LsSafeguardingPerson *p = ls_safeguarding_item_get_person (item);

      if (g_strcmp0 (p->key, name_or_key) == 0 || g_strcmp0 (p->name, name_or_key) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

void
ls_safeguarding_page_set_area_filter (LsSafeguardingPage *self,
                                      const char         *area)
{
  g_return_if_fail (LS_IS_SAFEGUARDING_PAGE (self));

  gtk_editable_set_text (self->area_filter, area ? area : "");
  filter_changed_cb (self);
}

void
ls_safeguarding_page_set_rose_filter (LsSafeguardingPage *self,
                                      gboolean            only_risen)
{
  g_return_if_fail (LS_IS_SAFEGUARDING_PAGE (self));

  gtk_toggle_button_set_active (self->rose_filter, only_risen);
  filter_changed_cb (self);
}

/* Loading, off the main thread */

static void
build_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LsCase *kase = task_data;
  const LsSafeguardingOptions *options = g_object_get_data (G_OBJECT (task), "options");
  LsAnalysis *analysis = g_object_get_data (G_OBJECT (task), "analysis");
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = ls_case_open_reader (kase, &error);
  g_autoptr(LsLineFacts) facts = NULL;
  LsSafeguarding *sg;

  if (reader == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  facts = ls_line_facts_from_analysis_result (reader, analysis);
  sg = ls_safeguarding_build (reader, options, facts, cancellable, &error);
  if (sg == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, sg, (GDestroyNotify) ls_safeguarding_unref);
}

static void
build_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (source);
  g_autoptr(GError) error = NULL;
  LsSafeguarding *sg = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *reselect = g_strdup (self->selected_key);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  if (sg == NULL)
    {
      gtk_label_set_text (self->count_label, error->message);
      return;
    }

  g_clear_pointer (&self->sg, ls_safeguarding_unref);
  self->sg = sg;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ls_safeguarding_get_n_people (sg); i++)
    g_ptr_array_add (items, ls_safeguarding_item_new (sg, i));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  update_count (self);
  if (reselect == NULL || !ls_safeguarding_page_select (self, reselect))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

typedef struct {
  LsSafeguardingPage *self;
  GCancellable       *cancellable;
} Pending;

/* The case's analysis (cached, or made on a worker), then the list on a
 * worker from it. */
static void
analysis_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  g_autoptr(LsSafeguardingPage) self = pending->self;
  g_autoptr(GCancellable) cancellable = pending->cancellable;
  g_autoptr(GError) error = NULL;
  g_autoptr(LsAnalysis) analysis = ls_analysis_load_finish (LS_CASE (source), result, &error);
  g_autoptr(GTask) task = NULL;
  LsSafeguardingOptions *options;

  g_free (pending);
  if (g_cancellable_is_cancelled (cancellable) || self->session == NULL)
    return;
  if (analysis == NULL)
    {
      gtk_spinner_stop (self->spinner);
      gtk_label_set_text (self->count_label, error->message);
      return;
    }

  options = g_new0 (LsSafeguardingOptions, 1);
  ls_safeguarding_options_from_settings (self->settings, options);
  task = g_task_new (self, cancellable, build_done, NULL);
  g_task_set_source_tag (task, load);
  g_task_set_task_data (task, g_object_ref (source), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "options", options, g_free);
  g_object_set_data_full (G_OBJECT (task), "analysis", ls_analysis_ref (analysis),
                          (GDestroyNotify) ls_analysis_unref);
  g_task_run_in_thread (task, build_thread);
}

static void
load (LsSafeguardingPage *self)
{
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  Pending *pending;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (kase == NULL)
    {
      g_list_store_remove_all (self->store);
      g_clear_pointer (&self->sg, ls_safeguarding_unref);
      update_count (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->cancellable = g_object_ref (self->cancellable);
  gtk_spinner_start (self->spinner);
  gtk_label_set_text (self->count_label, _("Looking for signs of exploitation…"));
  ls_analysis_load_async (kase, NULL, NULL, NULL, self->cancellable, analysis_loaded, pending);
}

static void
settings_changed_cb (LsSafeguardingPage *self,
                     const char         *key)
{
  if (key != NULL && g_str_has_prefix (key, "safeguarding-"))
    load (self);
}

/* The referral editor */

static void
save_referral_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (widget);
  LsSafeguardingItem *item = selected_item (self);
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  g_autoptr(GError) error = NULL;
  LsReferralChange change = { 0 };

  if (item == NULL || kase == NULL)
    return;

  change.status = adw_combo_row_get_selected (self->status_row);
  change.agency = gtk_editable_get_text (self->agency_row);
  change.reference = gtk_editable_get_text (self->reference_row);
  change.date = gtk_editable_get_text (self->date_row);
  change.recorded_by = gtk_editable_get_text (self->recorded_by_row);
  change.notes = gtk_editable_get_text (self->notes_row);
  change.reviewed_risk = ls_risk_to_string (ls_safeguarding_item_get_person (item)->risk);

  if (!ls_case_referral_update (kase, ls_safeguarding_item_get_person_id (item), &change, &error))
    {
      g_debug ("Referral not recorded: %s", error->message);
      show_message (self, error->message, TRUE);
      return;
    }
  show_message (self, _("Referral change recorded in the case and its audit log"), FALSE);
  load (self);
}

/* Export Referral… */

typedef struct {
  LsSafeguarding *sg;
  char           *key;
  char           *path;
  char           *case_name;
  char           *marking;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  ls_safeguarding_unref (job->sg);
  g_free (job->key);
  g_free (job->path);
  g_free (job->case_name);
  g_free (job->marking);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  LsCase *kase = g_object_get_data (G_OBJECT (task), "case");
  const LsSafeguardingPerson *p = ls_safeguarding_find (job->sg, job->key);
  const LsReferralRenderInfo info = { job->case_name, job->marking, NULL, -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) reader = ls_case_open_reader (kase, &error);
  g_autoptr(GPtrArray) history = NULL;
  gint64 person_id = g_ascii_strtoll (job->key + strlen ("person:"), NULL, 10);

  if (reader != NULL)
    history = ls_case_referral_history (reader, person_id, &error);
  if (history == NULL || !ls_referral_render_pdf (p, history, &info, job->path, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (source);
  ExportJob *job = g_task_get_task_data (G_TASK (result));
  LsCase *kase = g_object_get_data (G_OBJECT (result), "case");
  g_autoptr(GError) error = NULL;
  const LsExportRecord record = { "referral", "pdf", "none", -1, -1, job->path };

  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !ls_case_record_export (kase, &record, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  {
    g_autofree char *display = g_filename_display_basename (job->path);
    g_autofree char *text = g_strdup_printf (_("Referral summary saved as “%s”"), display);
    show_message (self, text, FALSE);
  }
}

/* Writes the selected person's summary to PATH on a worker thread. */
static void
export_referral_to (LsSafeguardingPage *self,
                    const char         *path)
{
  LsSafeguardingItem *item = selected_item (self);
  LsCase *kase = self->session ? ls_session_get_case (self->session) : NULL;
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  if (item == NULL || kase == NULL || path == NULL)
    return;

  job = g_new0 (ExportJob, 1);
  job->sg = ls_safeguarding_ref (ls_safeguarding_item_get_model (item));
  job->key = g_strdup (ls_safeguarding_item_get_person (item)->key);
  job->path = g_strdup (path);
  job->case_name = ls_case_dup_name (kase);
  {
    g_autofree char *own = ls_case_get_meta (kase, "marking");

    job->marking = g_strdup (ls_marking_default (own));
  }
  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_object_set_data_full (G_OBJECT (task), "case", g_object_ref (kase), g_object_unref);
  show_message (self, _("Writing the referral summary…"), FALSE);
  g_task_run_in_thread (task, export_thread);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      export_referral_to (self, path);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_referral_to_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  export_referral_to (LS_SAFEGUARDING_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static const char *
drop_down_text (GtkDropDown *drop_down)
{
  GObject *item = gtk_drop_down_get_selected_item (drop_down);

  return GTK_IS_STRING_OBJECT (item) ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "";
}

/* "risk: High; Children; area “norwich”", or NULL when nothing narrows
 * the list: said on the export under its title. */
static char *
describe_filters (LsSafeguardingPage *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint status = gtk_drop_down_get_selected (self->status_filter);
  const char *area = gtk_editable_get_text (self->area_filter);

  if (gtk_drop_down_get_selected (self->risk_filter) > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("risk: %s"), drop_down_text (self->risk_filter)));
  if (status != GTK_INVALID_LIST_POSITION && status > 0)
    g_ptr_array_add (parts, g_strdup_printf (_("referral: %s"), drop_down_text (self->status_filter)));
  if (gtk_drop_down_get_selected (self->age_filter) > 0)
    g_ptr_array_add (parts, g_strdup (drop_down_text (self->age_filter)));
  if (area != NULL && *area != '\0')
    g_ptr_array_add (parts, g_strdup_printf (_("area “%s”"), area));
  if (gtk_toggle_button_get_active (self->rose_filter))
    g_ptr_array_add (parts, g_strdup (_("risk rose since the last review")));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

/* What the list shows: the people its filters and search leave, in the
 * order of its columns' sort, from the list it was built with. */
static LsSafeguardingExportScreen *
screen_new (LsSafeguardingPage *self)
{
  GListModel *model = G_LIST_MODEL (self->sort_model);
  guint n = g_list_model_get_n_items (model);
  g_autofree const LsSafeguardingPerson **people = g_new0 (const LsSafeguardingPerson *, MAX (n, 1));
  g_autofree char *filters = describe_filters (self);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LsSafeguardingItem) item = g_list_model_get_item (model, i);

      g_assert (ls_safeguarding_item_get_model (item) == self->sg);
      people[i] = ls_safeguarding_item_get_person (item);
    }
  return ls_safeguarding_export_screen_new (self->sg, people, n, filters);
}

/* Export… (Ctrl+E): the list as the page shows it, through the shared
 * dialog. */
static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (widget);
  LsExportDialog *dialog;

  if (self->session == NULL || ls_session_get_case (self->session) == NULL)
    return;
  dialog = ls_export_dialog_new (self->session, "safeguarding");
  /* Until the list has loaded, the export builds it as the command line does. */
  if (self->sg != NULL)
    ls_export_dialog_set_screen (dialog, screen_new (self), (GDestroyNotify) ls_safeguarding_export_screen_free,
                                 0, 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_referral_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (widget);
  LsSafeguardingItem *item = selected_item (self);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (item == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Export Referral Summary"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s — %s.pdf", _("Referral"), ls_safeguarding_item_get_person (item)->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The session */

/* Someone selected in another view is selected here too, when listed. */
static void
session_selection_cb (LsSafeguardingPage *self)
{
  const char * const *keys = ls_session_get_selection (self->session);

  if (keys == NULL || keys[0] == NULL || !g_str_has_prefix (keys[0], "person:") ||
      g_strcmp0 (keys[0], self->selected_key) == 0)
    return;
  ls_safeguarding_page_select (self, keys[0]);
}

static void
session_changed (LsView *view)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (view);
  LsSession *session = self->session;

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::case", G_CALLBACK (load), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "data-changed", G_CALLBACK (load), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::selection", G_CALLBACK (session_selection_cb), self,
                               G_CONNECT_SWAPPED);
    }
  load (self);
}

static void
ls_safeguarding_page_view_init (LsViewInterface *iface)
{
  iface->session_offset = G_STRUCT_OFFSET (LsSafeguardingPage, session);
  iface->session_changed = session_changed;
}

LsSafeguarding *
ls_safeguarding_page_get_model (LsSafeguardingPage *self)
{
  g_return_val_if_fail (LS_IS_SAFEGUARDING_PAGE (self), NULL);

  return self->sg;
}

guint
ls_safeguarding_page_get_n_shown (LsSafeguardingPage *self)
{
  g_return_val_if_fail (LS_IS_SAFEGUARDING_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

static void
ls_safeguarding_page_dispose (GObject *object)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  ls_view_clear_session (LS_VIEW (self));
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_SAFEGUARDING_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->sg, ls_safeguarding_unref);

  G_OBJECT_CLASS (ls_safeguarding_page_parent_class)->dispose (object);
}

static void
ls_safeguarding_page_finalize (GObject *object)
{
  LsSafeguardingPage *self = LS_SAFEGUARDING_PAGE (object);

  g_free (self->selected_key);

  G_OBJECT_CLASS (ls_safeguarding_page_parent_class)->finalize (object);
}

static void
ls_safeguarding_page_class_init (LsSafeguardingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_safeguarding_page_dispose;
  object_class->finalize = ls_safeguarding_page_finalize;
  ls_view_class_install_session (object_class);

  g_type_ensure (LS_TYPE_SAFEGUARDING_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-safeguarding-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, paned);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, risk_filter);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, age_filter);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, area_filter);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, rose_filter);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, risk_column);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, about_label);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, risk_label);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, indicator_list);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, agency_row);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, reference_row);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, recorded_by_row);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, notes_row);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, LsSafeguardingPage, history_list);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "safeguarding.save-referral", NULL, save_referral_action);
  gtk_widget_class_install_action (widget_class, "safeguarding.export-referral", NULL, export_referral_action);
  gtk_widget_class_install_action (widget_class, "safeguarding.export", NULL, export_action);
  /* The same without the file chooser: a path, for scripts and tests. */
  gtk_widget_class_install_action (widget_class, "safeguarding.export-referral-to", "s", export_referral_to_action);
}

static GtkStringList *
status_labels (const char *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first != NULL)
    gtk_string_list_append (list, first);
  for (guint i = 0; i < LS_REFERRAL_N_STATUSES; i++)
    gtk_string_list_append (list, ls_referral_status_label (i));

  return list;
}

static void
ls_safeguarding_page_init (LsSafeguardingPage *self)
{
  g_autoptr(GtkStringList) filter_statuses = status_labels (_("All referral stages"));
  g_autoptr(GtkStringList) statuses = status_labels (NULL);
  g_autoptr(GtkListItemFactory) risk_factory = signal_factory (G_CALLBACK (risk_setup_cb), G_CALLBACK (risk_bind_cb));
  g_autoptr(GtkListItemFactory) name_factory = signal_factory (G_CALLBACK (name_setup_cb), G_CALLBACK (name_bind_cb));

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->status_filter, G_LIST_MODEL (filter_statuses));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  gtk_column_view_column_set_factory (self->risk_column, risk_factory);
  gtk_column_view_column_set_factory (self->name_column, name_factory);

  self->store = g_list_store_new (LS_TYPE_SAFEGUARDING_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                                  GTK_FILTER (self->filter));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (self->filter_model),
                                              g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed", G_CALLBACK (update_count), self,
                           G_CONNECT_SWAPPED);

  self->settings = ls_settings_new ();
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "safeguarding.save-referral", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "safeguarding.export-referral", FALSE);
  update_count (self);
}
