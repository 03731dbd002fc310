/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared between ls-window.c (the window and its views) and
 * ls-window-files.c (opening, creating and generating case files). */
#pragma once

#include "ls-session.h"
#include "ls-window.h"

G_BEGIN_DECLS

struct _LsWindow
{
  AdwApplicationWindow  parent_instance;

  LsSession            *session;
  GSettings            *settings;
  GMenu                *recent_menu;

  /* The demo case being generated, when it is. */
  GCancellable         *demo_cancellable;
  guint                 demo_timeout;
  gpointer              demo_job;

  AdwToastOverlay      *toasts;
  AdwViewSwitcherTitle *switcher_title;
  AdwSplitButton       *open_button;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkStack             *welcome_actions;
  GtkWidget            *welcome_buttons;
  GtkWidget            *demo_box;
  GtkProgressBar       *demo_progress;
  GtkWidget            *recent_box;
  GtkListBox           *recent_list;
  AdwViewStack         *stack;
  AdwViewSwitcherBar   *switcher_bar;
  GtkWidget            *data_page;
};

void ls_window_class_add_file_actions   (GtkWidgetClass *widget_class);
void ls_window_init_files               (LsWindow       *self);
void ls_window_recent_row_activated_cb  (LsWindow       *self,
                                         GtkListBoxRow  *row,
                                         GtkListBox     *list);

G_END_DECLS
