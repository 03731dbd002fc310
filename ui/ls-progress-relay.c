/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ls-progress-relay"
#include "config.h"

#include "ls-progress-relay.h"

struct _LsProgressRelay
{
  GWeakRef bar;
};

typedef struct {
  GWeakRef bar;
  double   fraction;
} Report;

LsProgressRelay *
ls_progress_relay_new (GtkProgressBar *bar)
{
  LsProgressRelay *relay = g_new0 (LsProgressRelay, 1);

  g_return_val_if_fail (GTK_IS_PROGRESS_BAR (bar), NULL);

  g_weak_ref_init (&relay->bar, bar);
  return relay;
}

void
ls_progress_relay_free (LsProgressRelay *relay)
{
  if (relay == NULL)
    return;
  g_weak_ref_clear (&relay->bar);
  g_free (relay);
}

/* Main thread: a bar hidden since (the job finished) is left alone. */
static gboolean
show_report (gpointer data)
{
  Report *report = data;
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&report->bar);

  if (bar != NULL && gtk_widget_get_visible (GTK_WIDGET (bar)))
    gtk_progress_bar_set_fraction (bar, report->fraction);
  g_weak_ref_clear (&report->bar);
  g_free (report);

  return G_SOURCE_REMOVE;
}

void
ls_progress_relay_report (double   fraction,
                          gpointer data)
{
  LsProgressRelay *relay = data;
  g_autoptr(GtkProgressBar) bar = g_weak_ref_get (&relay->bar);
  Report *report;

  if (bar == NULL)
    return;
  report = g_new0 (Report, 1);
  g_weak_ref_init (&report->bar, bar);
  report->fraction = fraction;
  g_idle_add (show_report, report);
}
