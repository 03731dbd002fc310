/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsWindow: one case, its views in a stack. */
#define G_LOG_DOMAIN "ls-window"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-case.h"
#include "ls-window.h"

struct _LsWindow
{
  AdwApplicationWindow  parent_instance;

  LsCase               *kase;

  AdwWindowTitle       *title;
  AdwViewStack         *stack;
  AdwToastOverlay      *toasts;
};

G_DEFINE_FINAL_TYPE (LsWindow, ls_window, ADW_TYPE_APPLICATION_WINDOW)

static void
ls_window_dispose (GObject *object)
{
  LsWindow *self = LS_WINDOW (object);

  g_clear_object (&self->kase);
  gtk_widget_dispose_template (GTK_WIDGET (self), LS_TYPE_WINDOW);

  G_OBJECT_CLASS (ls_window_parent_class)->dispose (object);
}

static void
ls_window_class_init (LsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ls_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/ls-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LsWindow, title);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LsWindow, toasts);
}

static void
ls_window_init (LsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LsWindow *
ls_window_new (gpointer application)
{
  return g_object_new (LS_TYPE_WINDOW, "application", application, NULL);
}

gboolean
ls_window_has_case (LsWindow *self)
{
  g_return_val_if_fail (LS_IS_WINDOW (self), FALSE);

  return self->kase != NULL;
}

void
ls_window_open_case (LsWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  LsCase *kase;

  g_return_if_fail (LS_IS_WINDOW (self));

  kase = path ? ls_case_open (path, &error) : NULL;
  if (kase == NULL)
    {
      adw_toast_overlay_add_toast (self->toasts,
                                   adw_toast_new (error ? error->message : _("Only local files can be opened")));
      return;
    }

  g_set_object (&self->kase, kase);
  g_object_unref (kase);
  name = ls_case_dup_name (kase);
  adw_window_title_set_subtitle (self->title, name);
}

void
ls_window_setup_accels (GtkApplication *app)
{
}
