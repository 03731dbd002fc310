/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A page of the window on its own under Xvfb, on the demo case: the set-up
 * and the helpers that the page tests share. */
#pragma once

#include <adwaita.h>

#include "ls-case.h"
#include "ls-view.h"

G_BEGIN_DECLS

typedef struct {
  LsCase    *kase;      /* the demo case */
  LsSession *session;   /* for the page, with no case until test_page_show_case */
  GtkWidget *window;    /* 1400 × 860, presented */
  GtkWidget *page;
} TestPage;

/* gtk_test_init, adw_init, a timeout so that blocking iterations see
 * deadlines, and the demo case written to a new folder named after NAME. */
void      test_page_init       (int         *argc,
                                char      ***argv,
                                const char  *name);
/* g_test_run, then the demo case's path is freed. */
int       test_page_run        (void);

/* A new PAGE_TYPE alone in a window, presented; no session yet. */
void      test_page_open       (TestPage    *fixture,
                                GType        page_type);
/* The page gets the session, and the session the demo case. */
void      test_page_show_case  (TestPage    *fixture);
void      test_page_close      (TestPage    *fixture);

/* A few main-loop iterations that do not block. */
void      test_page_settle     (void);
/* The first mapped label under WIDGET with CSS_CLASS, or NULL. */
GtkLabel *test_page_find_label (GtkWidget   *widget,
                                const char  *css_class);
/* A picture of WIDGET, NAME in a new temporary folder, named in the log. */
void      test_page_save_png   (GtkWidget   *widget,
                                const char  *name);

G_END_DECLS
