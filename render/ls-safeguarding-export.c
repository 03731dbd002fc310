/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The list with the case's cached analysis and the default thresholds (as
 * the command line uses), drawn on one page: scaled down when the rows do
 * not fit the requested size. */
#define G_LOG_DOMAIN "ls-safeguarding-export"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-redactor.h"
#include "ls-safeguarding-export.h"
#include "ls-safeguarding-render.h"

typedef struct {
  LsSafeguarding *sg;
  char           *name;
  char           *marking;
  LsRedactor     *redactor;
} Export;

static void
export_free (gpointer data)
{
  Export *e = data;

  g_clear_pointer (&e->sg, ls_safeguarding_unref);
  g_free (e->name);
  g_free (e->marking);
  g_clear_pointer (&e->redactor, ls_redactor_free);
  g_free (e);
}

static gpointer
safeguarding_prepare (const LsExportRequest  *request,
                      GError                **error)
{
  g_autoptr(LsLineFacts) facts = ls_line_facts_for_case (request->kase, request->cancellable, error);
  Export *e;

  if (facts == NULL)
    return NULL;
  e = g_new0 (Export, 1);
  e->sg = ls_safeguarding_build (ls_case_get_db (request->kase), NULL, facts, request->cancellable, error);
  if (e->sg == NULL)
    {
      export_free (e);
      return NULL;
    }
  e->name = ls_export_request_dup_title (request);
  e->marking = ls_export_request_dup_marking (request);
  /* Under partner redaction the people on this list keep their names. */
  if (request->redaction != LS_REDACTION_NONE)
    {
      e->redactor = ls_export_redactor_new (request, error);
      if (e->redactor == NULL)
        {
          export_free (e);
          return NULL;
        }
    }

  return e;
}

static void
safeguarding_draw (gpointer  data,
                   cairo_t  *cr,
                   double    width,
                   double    height)
{
  Export *e = data;
  const LsSafeguardingRenderInfo info = { e->name, e->marking ? e->marking : "OFFICIAL-SENSITIVE", -1, e->redactor };
  guint n = ls_safeguarding_get_n_people (e->sg);
  double natural = ls_safeguarding_render_height (e->sg);

  if (natural <= height)
    {
      ls_safeguarding_render (e->sg, &info, 0, n, 1, 1, cr, width, height);
      return;
    }
  /* Every row on the one picture: drawn taller, then scaled to fit. */
  cairo_save (cr);
  cairo_scale (cr, height / natural, height / natural);
  ls_safeguarding_render (e->sg, &info, 0, n, 1, 1, cr, width * natural / height, natural);
  cairo_restore (cr);
}

static char *
safeguarding_title (gpointer data)
{
  Export *e = data;

  return g_strdup_printf (_("Safeguarding — %s"), e->name);
}

const LsExportView *
ls_safeguarding_export_view (void)
{
  static const LsExportView view = {
    "safeguarding",
    N_("The children and vulnerable adults at risk"),
    safeguarding_prepare,
    safeguarding_draw,
    export_free,
    safeguarding_title,
  };

  return &view;
}
