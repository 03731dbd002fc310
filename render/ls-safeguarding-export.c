/* SPDX-License-Identifier: GPL-3.0-or-later */
/* From the window, the list the Safeguarding page shows: its own list
 * (its thresholds), only the people its filters and search leave, in its
 * order. From the command line, the list with the case's cached analysis
 * and the default thresholds. Drawn on one page: scaled down when the
 * rows do not fit the requested size. */
#define G_LOG_DOMAIN "ls-safeguarding-export"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-redactor.h"
#include "ls-safeguarding-export.h"
#include "ls-safeguarding-render.h"

struct _LsSafeguardingExportScreen {
  LsSafeguarding *sg;
  GPtrArray      *people;    /* const LsSafeguardingPerson *, of sg */
  char           *filters;
};

LsSafeguardingExportScreen *
ls_safeguarding_export_screen_new (LsSafeguarding                     *sg,
                                   const LsSafeguardingPerson * const *people,
                                   guint                               n_people,
                                   const char                         *filters)
{
  LsSafeguardingExportScreen *self;

  g_return_val_if_fail (sg != NULL, NULL);
  g_return_val_if_fail (people != NULL || n_people == 0, NULL);

  self = g_new0 (LsSafeguardingExportScreen, 1);
  self->sg = ls_safeguarding_ref (sg);
  self->people = g_ptr_array_sized_new (MAX (n_people, 1));
  for (guint i = 0; i < n_people; i++)
    g_ptr_array_add (self->people, (gpointer) people[i]);
  self->filters = g_strdup (filters);

  return self;
}

void
ls_safeguarding_export_screen_free (LsSafeguardingExportScreen *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->sg, ls_safeguarding_unref);
  g_ptr_array_unref (self->people);
  g_free (self->filters);
  g_free (self);
}

typedef struct {
  LsSafeguarding *sg;
  GPtrArray      *people;    /* the rows in order, or NULL for everyone */
  char           *filters;
  char           *name;
  char           *marking;
  LsRedactor     *redactor;
} Export;

static void
export_free (gpointer data)
{
  Export *e = data;

  g_clear_pointer (&e->sg, ls_safeguarding_unref);
  g_clear_pointer (&e->people, g_ptr_array_unref);
  g_free (e->filters);
  g_free (e->name);
  g_free (e->marking);
  g_clear_pointer (&e->redactor, ls_redactor_free);
  g_free (e);
}

/* The page's list, its rows and its filters: the people it shows are
 * immutable and kept alive by the list's reference. */
static Export *
from_screen (const LsSafeguardingExportScreen *screen)
{
  Export *e = g_new0 (Export, 1);

  e->sg = ls_safeguarding_ref (screen->sg);
  e->people = g_ptr_array_ref (screen->people);
  e->filters = g_strdup (screen->filters);
  return e;
}

static Export *
from_case (const LsExportRequest  *request,
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
  return e;
}

static gpointer
safeguarding_prepare (const LsExportRequest  *request,
                      GError                **error)
{
  Export *e = request->screen != NULL ? from_screen (request->screen) : from_case (request, error);

  if (e == NULL)
    return NULL;
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
  const LsSafeguardingRenderInfo info = {
    e->name, e->marking, -1, e->redactor,
    e->people ? (const LsSafeguardingPerson * const *) e->people->pdata : NULL,
    e->people ? e->people->len : 0, e->filters,
  };
  guint n = e->people ? e->people->len : ls_safeguarding_get_n_people (e->sg);
  double natural = ls_safeguarding_render_height (e->sg, &info);

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
