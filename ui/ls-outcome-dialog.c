/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsOutcomeDialog: records what the operation achieved. */
#define G_LOG_DOMAIN "ls-outcome-dialog"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ls-outcome-dialog.h"
#include "ls-request.h"
#include "ls-results-document.h"

struct _LsOutcomeDialog
{
  AdwWindow        parent_instance;

  LsCase          *kase;

  AdwToastOverlay *toasts;
  AdwComboRow     *kind;
  AdwEntryRow     *date;
  AdwEntryRow     *person;
  AdwEntryRow     *line;
  AdwEntryRow     *quantity;
  AdwEntryRow     *unit;
  AdwEntryRow     *source;
  AdwEntryRow     *notes;
};

G_DEFINE_FINAL_TYPE (LsOutcomeDialog, ls_outcome_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
text_of (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  return text[0] ? text : NULL;
}

static gint64
find_person (LsOutcomeDialog *self,
             const char      *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (ls_case_get_db (self->kase), "SELECT id FROM people WHERE name = ?",
                          -1, &stmt, NULL) != SQLITE_OK)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);

  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

static void
save_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  LsOutcomeDialog *self = LS_OUTCOME_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *person = text_of (self->person);
  const char *quantity = text_of (self->quantity);
  LsOutcome o = { 0 };
  char *end = NULL;

  o.kind = (char *) ls_outcome_kinds ()[adw_combo_row_get_selected (self->kind)];
  o.date = (char *) text_of (self->date);
  o.line = (char *) text_of (self->line);
  o.unit = (char *) text_of (self->unit);
  o.source = (char *) text_of (self->source);
  o.notes = (char *) text_of (self->notes);
  o.quantity = NAN;
  o.person_id = -1;

  if (person && (o.person_id = find_person (self, person)) < 0)
    {
      g_autofree char *message = g_strdup_printf (_("There is nobody called “%s” in this case"), person);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (message));
      return;
    }
  if (quantity)
    {
      o.quantity = g_ascii_strtod (quantity, &end);
      if (end == quantity || *end != '\0')
        {
          adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The quantity must be a number")));
          return;
        }
    }
  if (!ls_case_add_outcome (self->kase, &o, &error))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }

  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
ls_outcome_dialog_dispose (GObject *object)
{
  LsOutcomeDialog *self = LS_OUTCOME_DIALOG (object);

  g_clear_object (&self->kase);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_OUTCOME_DIALOG);

  G_OBJECT_CLASS (ls_outcome_dialog_parent_class)->dispose (object);
}

static void
ls_outcome_dialog_class_init (LsOutcomeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_outcome_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-outcome-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, toasts);
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, kind);
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, date);
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, person);
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, line);
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, quantity);
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, unit);
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, source);
  gtk_widget_class_bind_template_child (widget_class, LsOutcomeDialog, notes);

  gtk_widget_class_install_action (widget_class, "outcome.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ls_outcome_dialog_init (LsOutcomeDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autofree char *today = ls_date_today_uk ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (const char * const *k = ls_outcome_kinds (); *k; k++)
    gtk_string_list_append (kinds, ls_outcome_kind_label (*k));
  adw_combo_row_set_model (self->kind, G_LIST_MODEL (kinds));
  gtk_editable_set_text (GTK_EDITABLE (self->date), today);
}

LsOutcomeDialog *
ls_outcome_dialog_new (LsCase *kase)
{
  LsOutcomeDialog *self = g_object_new (LS_TYPE_OUTCOME_DIALOG, NULL);

  self->kase = g_object_ref (kase);
  return self;
}
