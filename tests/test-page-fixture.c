/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-page-fixture"
#include "config.h"

#include "ls-demo.h"
#include "test-page-fixture.h"

static char *case_path;
static char *folder_prefix;

static gboolean
tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
test_page_init (int         *argc,
                char      ***argv,
                const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;
  g_autofree char *dir = NULL;

  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* Blocking iterations wake up at least this often, so deadlines are seen. */
  g_timeout_add (100, tick, NULL);

  folder_prefix = g_strdup_printf ("linesight-%s", name);
  template = g_strconcat (folder_prefix, "-XXXXXX", NULL);
  dir = g_dir_make_tmp (template, NULL);
  case_path = g_build_filename (dir, "demo.linesight", NULL);
  g_assert_true (ls_demo_generate (case_path, LS_DEMO_DEFAULT_SEED, 1.0, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
test_page_run (void)
{
  int rc = g_test_run ();

  g_clear_pointer (&case_path, g_free);
  g_clear_pointer (&folder_prefix, g_free);
  return rc;
}

void
test_page_open (TestPage *fixture,
                GType     page_type)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_type_is_a (page_type, LS_TYPE_VIEW));

  fixture->kase = ls_case_open (case_path, &error);
  g_assert_no_error (error);
  fixture->session = ls_session_new ();
  fixture->window = gtk_window_new ();
  fixture->page = g_object_new (page_type, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 860);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->page);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

void
test_page_show_case (TestPage *fixture)
{
  ls_view_set_session (LS_VIEW (fixture->page), fixture->session);
  ls_session_set_case (fixture->session, fixture->kase);
}

void
test_page_close (TestPage *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->kase);
}

void
test_page_settle (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

GtkLabel *
test_page_find_label (GtkWidget  *widget,
                      const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class) && gtk_widget_get_mapped (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = test_page_find_label (child, css_class);

      if (found)
        return found;
    }
  return NULL;
}

void
test_page_save_png (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *template = g_strconcat (folder_prefix, "-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp (template, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_test_message ("screenshot: %s", path);
}
