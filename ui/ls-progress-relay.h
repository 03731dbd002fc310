/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Progress reported on a worker thread (an LsProgressFunc), shown on a
 * GtkProgressBar by the main thread. The bar is held weakly, and each
 * report carries its own copy of the figure, so a report that arrives
 * after the job or the dialog is gone is simply dropped. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _LsProgressRelay LsProgressRelay;

LsProgressRelay *ls_progress_relay_new    (GtkProgressBar  *bar);
void             ls_progress_relay_free   (LsProgressRelay *relay);
/* An LsProgressFunc: DATA is the relay. Any thread. */
void             ls_progress_relay_report (double           fraction,
                                           gpointer         data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsProgressRelay, ls_progress_relay_free)

G_END_DECLS
