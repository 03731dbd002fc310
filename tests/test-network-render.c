/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The network renderer on fixed layouts, checked by pixels: nodes where
 * they should be in the right colour, background where nothing is, the
 * victim ring, selection; labels never overlap; and the export command's
 * PNG, PDF and SVG files. */
#define G_LOG_DOMAIN "test-network-render"
#include "config.h"

#include <cairo.h>
#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include "ls-case.h"
#include "ls-case-writer.h"
#include "ls-graph.h"
#include "ls-network-render.h"
#include "ls-raster-lines.h"
#include "ls-render-style.h"

#define T0 1717236000 /* 2024-06-01 10:00 UTC */
#define W 400
#define H 300

static char *
make_case_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-render-XXXXXX", NULL);
  char *path = g_build_filename (dir, "render.linesight", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, "Operation Kestrel", "OFFICIAL-SENSITIVE", &error);
  const LsPersonRecord kid = { .name = "Kid", .dob = "2010-01-01", .line = 2 };
  const LsPhoneRecord phones[] = {
    { "+447700900001", "Dan", NULL, 2 },
    { "+447700900003", "Kid", NULL, 3 },
  };
  const char *pairs[][2] = {
    { "+447700900001", "+447700900003" },
    { "+447700900003", "+447700900101" },
    { "+447700900001", "+447700900102" },
  };
  LsCaseWriter *w;

  g_assert_no_error (error);
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_PEOPLE, "people.csv", "", NULL, &error);
  g_assert_true (ls_case_writer_add_person (w, &kid, NULL, &error));
  g_assert_true (ls_case_writer_commit (w, &error));
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_PHONES, "phones.csv", "", NULL, &error);
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    g_assert_true (ls_case_writer_add_phone (w, &phones[i], NULL, &error));
  g_assert_true (ls_case_writer_commit (w, &error));
  w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "", NULL, &error);
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    for (guint k = 0; k < 3 * (i + 1); k++)
      {
        LsCallRecord r = { .start = T0 + (gint64) (i * 1000 + k), .caller = pairs[i][0],
                           .callee = pairs[i][1], .kind = LS_CALL_KIND_VOICE,
                           .line = (gint64) (i * 100 + k + 2) };
        g_assert_true (ls_case_writer_add_call (w, &r, NULL, &error));
      }
  g_assert_true (ls_case_writer_commit (w, &error));
  g_assert_no_error (error);

  return path;
}

typedef struct {
  char           *path;
  LsCase         *kase;
  LsNetworkScene *scene;
  int             dan, kid, c1, c2;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LsGraph) g = NULL;
  LsNetworkLayout *l;

  f->path = make_case_file ();
  f->kase = ls_case_open (f->path, &error);
  g_assert_no_error (error);
  g = ls_graph_build (ls_case_get_db (f->kase), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ls_graph_get_n_nodes (g), ==, 4);
  f->dan = ls_graph_find_number (g, "+447700900001");
  f->kid = ls_graph_find_number (g, "+447700900003");
  f->c1 = ls_graph_find_number (g, "+447700900101");
  f->c2 = ls_graph_find_number (g, "+447700900102");

  /* A fixed layout, in points: with zoom 1 and centre (0, 0) the screen
   * position is (x + 200, y + 150). */
  l = ls_network_layout_new (4);
  l->x[f->dan] = -100; l->y[f->dan] = -50;
  l->x[f->kid] = 100;  l->y[f->kid] = 50;
  l->x[f->c1] = 150;   l->y[f->c1] = -100;
  l->x[f->c2] = -150;  l->y[f->c2] = 100;
  f->scene = ls_network_scene_new (g, l);
  ls_network_scene_set_role (f->scene, f->dan, LS_NETWORK_ROLE_HEAD);
  ls_network_scene_set_title (f->scene, "Operation Kestrel", "OFFICIAL-SENSITIVE", -1, -1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  ls_network_scene_unref (f->scene);
  g_object_unref (f->kase);
  g_free (f->path);
}

static void
plain_state (LsNetworkViewState *s)
{
  ls_network_view_state_init (s);
  s->width = W;
  s->height = H;
  s->zoom = 1;
  s->cx = s->cy = 0;
  s->show_chrome = FALSE;
}

static cairo_surface_t *
render (LsNetworkScene           *scene,
        const LsNetworkViewState *state)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);

  ls_network_render (cr, scene, state);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static void
assert_pixel (cairo_surface_t *s,
              double           x,
              double           y,
              const LsColor   *c)
{
  const guint8 *data = cairo_image_surface_get_data (s);
  const guint32 *row = (const guint32 *) (data + (int) y * cairo_image_surface_get_stride (s));
  guint32 px = row[(int) x];
  int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;

  g_test_message ("pixel %.0f,%.0f = %d,%d,%d; expected %.0f,%.0f,%.0f", x, y, r, g, b,
                  c->r * 255, c->g * 255, c->b * 255);
  g_assert_cmpint (ABS (r - (int) (c->r * 255 + 0.5)), <=, 3);
  g_assert_cmpint (ABS (g - (int) (c->g * 255 + 0.5)), <=, 3);
  g_assert_cmpint (ABS (b - (int) (c->b * 255 + 0.5)), <=, 3);
}

static void
test_pixels (Fixture       *f,
             gconstpointer  data)
{
  LsNetworkViewState s;
  cairo_surface_t *img;
  const LsColor *white = ls_render_style_color (LS_STYLE_COLOR_BACKGROUND);
  double r, ring;

  plain_state (&s);
  img = render (f->scene, &s);
  /* Dan (head) at (100, 100); Kid (role unknown) at (300, 200). */
  assert_pixel (img, 100, 100, ls_render_style_color (LS_STYLE_COLOR_HEAD));
  assert_pixel (img, 300, 200, ls_render_style_color (LS_STYLE_COLOR_OTHER));
  /* Kid is 14: a ring in the victim colour around the node. */
  r = ls_network_render_node_radius (f->scene, &s, f->kid);
  ring = r + 1.5 + MAX (2.0, r * 0.35) / 2;
  assert_pixel (img, 300 - ring, 200, ls_render_style_color (LS_STYLE_COLOR_VICTIM));
  /* Nothing drawn in the corners or between unlinked nodes. */
  assert_pixel (img, 5, 5, white);
  assert_pixel (img, 395, 295, white);
  assert_pixel (img, 200, 280, white);
  cairo_surface_destroy (img);

  /* Panned: the same node moves with the view. */
  s.cx = 50;
  img = render (f->scene, &s);
  assert_pixel (img, 50, 100, ls_render_style_color (LS_STYLE_COLOR_HEAD));
  assert_pixel (img, 100, 100, white);
  cairo_surface_destroy (img);
}

static void
test_pixels_modes (Fixture       *f,
                   gconstpointer  data)
{
  LsNetworkViewState s;
  cairo_surface_t *img;
  g_autofree guint8 *hidden = g_new0 (guint8, 4);
  g_autofree guint8 *selected = g_new0 (guint8, 4);
  const LsColor *white = ls_render_style_color (LS_STYLE_COLOR_BACKGROUND);
  const LsColor community0 = { 0.12, 0.47, 0.71, 1 };
  double r;

  /* By community, Dan takes his community's colour, not the head's. */
  plain_state (&s);
  ls_network_scene_set_community (f->scene, f->dan, 0);
  s.color_by = LS_NETWORK_COLOR_COMMUNITY;
  img = render (f->scene, &s);
  assert_pixel (img, 100, 100, &community0);
  cairo_surface_destroy (img);

  /* Hidden nodes are not drawn. */
  plain_state (&s);
  hidden[f->dan] = TRUE;
  s.hidden = hidden;
  img = render (f->scene, &s);
  assert_pixel (img, 100, 100, white);
  cairo_surface_destroy (img);

  /* Selection: an accent ring 3 px outside the node. */
  plain_state (&s);
  selected[f->c1] = TRUE;
  s.selected = selected;
  img = render (f->scene, &s);
  r = MAX (ls_network_render_node_radius (f->scene, &s, f->c1), 3);
  assert_pixel (img, 350, 50 + r + 3, ls_render_style_color (LS_STYLE_COLOR_ACCENT));
  cairo_surface_destroy (img);
}

static void
test_fit_and_hit (Fixture       *f,
                  gconstpointer  data)
{
  LsNetworkViewState s;
  double sx, sy;

  plain_state (&s);
  s.show_chrome = TRUE;
  ls_network_render_fit (f->scene, &s);
  /* Every node on screen, below the title block. */
  for (guint i = 0; i < 4; i++)
    {
      ls_network_render_to_screen (&s, f->scene->layout->x[i], f->scene->layout->y[i], &sx, &sy);
      g_assert_cmpfloat (sx, >=, 0);
      g_assert_cmpfloat (sx, <=, W);
      g_assert_cmpfloat (sy, >=, 100);
      g_assert_cmpfloat (sy, <=, H);
    }
  ls_network_render_to_screen (&s, f->scene->layout->x[f->kid], f->scene->layout->y[f->kid], &sx, &sy);
  g_assert_cmpint (ls_network_render_hit (f->scene, &s, sx + 1, sy - 1), ==, f->kid);
  g_assert_cmpint (ls_network_render_hit (f->scene, &s, 2, H - 2), ==, -1);
}

static gboolean
overlap (const LsNetworkLabel *a,
         const LsNetworkLabel *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* 400 nodes crowded in a small square: only some labels fit, none overlap,
 * and a selected node of low priority still shows its label. */
static void
test_labels (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linesight-labels-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "labels.linesight", NULL);
  g_autoptr(LsCase) kase = ls_case_create (path, NULL, NULL, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(LsGraph) g = NULL;
  g_autoptr(LsNetworkScene) scene = NULL;
  g_autoptr(GArray) labels = NULL;
  g_autofree guint8 *selected = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, W, H);
  cairo_t *cr = cairo_create (surface);
  LsCaseWriter *w = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "", NULL, &error);
  LsNetworkViewState s;
  LsNetworkLayout *l;
  gboolean shown = FALSE;
  guint n, quiet = 0;

  for (guint i = 0; i < 400; i++)
    {
      char a[32], b[32];
      LsCallRecord rec = { .start = T0 + i, .caller = a, .callee = b, .line = i + 2 };

      g_snprintf (a, sizeof a, "+44770090%04u", i);
      g_snprintf (b, sizeof b, "+44770090%04u", (i * 7 + 1) % 400);
      g_assert_true (ls_case_writer_add_call (w, &rec, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (w, &error));
  g = ls_graph_build (ls_case_get_db (kase), NULL, NULL, &error);
  g_assert_no_error (error);
  n = ls_graph_get_n_nodes (g);
  l = ls_network_layout_new (n);
  for (guint i = 0; i < n; i++)
    {
      l->x[i] = g_rand_double_range (rand, -150, 150);
      l->y[i] = g_rand_double_range (rand, -100, 100);
    }
  scene = ls_network_scene_new (g, l);
  for (guint i = 0; i < n; i++)
    if (scene->measures[LS_NETWORK_SIZE_DEGREE][i] < scene->measures[LS_NETWORK_SIZE_DEGREE][quiet])
      quiet = i;
  selected = g_new0 (guint8, n);
  selected[quiet] = TRUE;

  plain_state (&s);
  s.selected = selected;
  labels = ls_network_render_place_labels (scene, &s, cr);
  g_assert_cmpuint (labels->len, >, 5);
  g_assert_cmpuint (labels->len, <, n);
  for (guint i = 0; i < labels->len; i++)
    {
      const LsNetworkLabel *a = &g_array_index (labels, LsNetworkLabel, i);

      shown |= a->node == (int) quiet;
      for (guint j = i + 1; j < labels->len; j++)
        g_assert_false (overlap (a, &g_array_index (labels, LsNetworkLabel, j)));
    }
  g_assert_true (shown);

  /* Zoomed far out, fewer labels fit. */
  {
    g_autoptr(GArray) far = NULL;

    s.zoom = 0.3;
    far = ls_network_render_place_labels (scene, &s, cr);
    g_assert_cmpuint (far->len, <, labels->len);
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
run_export (const char *case_path,
            const char *out,
            const char *extra)
{
  g_autofree char *cmd = g_strdup_printf ("%s export %s --view network -o %s --width 800 --height 600 %s",
                                          g_getenv ("LINESIGHT"), case_path, out, extra ? extra : "");
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", cmd, err);
}

/* A PDF holds NUL bytes: search all of it. */
static gboolean
contains_bytes (const char *data,
                gsize       len,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *pdf_text = NULL, *svg_text = NULL;
  cairo_surface_t *img;
  guint non_white = 0;
  gsize len;

  if (g_getenv ("LINESIGHT") == NULL)
    {
      g_test_skip ("LINESIGHT is not set");
      return;
    }

  run_export (f->path, png, NULL);
  img = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (img), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (img), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (img), ==, 600);
  for (int y = 0; y < 600; y++)
    {
      const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (img) + y * cairo_image_surface_get_stride (img));
      for (int x = 0; x < 800; x++)
        non_white += (row[x] & 0xffffff) != 0xffffff;
    }
  g_assert_cmpuint (non_white, >, 2000);
  cairo_surface_destroy (img);

  /* PDF: a page 600 × 450 pt (800 × 600 px at 96 DPI), fonts for real text. */
  run_export (f->path, pdf, "--from 2024-06-01 --to 2024-06-30");
  g_assert_true (g_file_get_contents (pdf, &pdf_text, &len, NULL));
  g_assert_true (g_str_has_prefix (pdf_text, "%PDF-"));
  g_assert_true (contains_bytes (pdf_text, len, "/MediaBox [ 0 0 600 450 ]"));
  g_assert_true (contains_bytes (pdf_text, len, "/Font"));

  run_export (f->path, svg, "--redact");
  g_assert_true (g_file_get_contents (svg, &svg_text, &len, NULL));
  g_assert_nonnull (strstr (svg_text, "width=\"600pt\""));
  g_assert_nonnull (strstr (svg_text, "<title>Operation Kestrel — Network map"));
  g_assert_nonnull (strstr (svg_text, "OFFICIAL-SENSITIVE"));
  g_assert_nonnull (strstr (svg_text, "<path"));
}

static void
test_export_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *cmd = NULL, *err = NULL;
  int status;

  if (g_getenv ("LINESIGHT") == NULL)
    {
      g_test_skip ("LINESIGHT is not set");
      return;
    }
  cmd = g_strdup_printf ("%s export %s --view nowhere -o /tmp/x.png", g_getenv ("LINESIGHT"), f->path);
  g_assert_true (g_spawn_command_line_sync (cmd, NULL, &err, &status, NULL));
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "network"));
}

static guint32
raster_pixel (cairo_surface_t *image,
              int              x,
              int              y)
{
  cairo_surface_flush (image);
  return ((guint32 *) (cairo_image_surface_get_data (image) + y * cairo_image_surface_get_stride (image)))[x] & 0xffffff;
}

/* Lines rasterised into an image land where Cairo would stroke them, at
 * any device scale, blend with what is under them, and PDF is refused. */
static void
test_raster_lines (void)
{
  for (int scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 100 * scale, 50 * scale);
      cairo_t *cr;
      LsRasterLines r;

      cairo_surface_set_device_scale (image, scale, scale);
      cr = cairo_create (image);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      g_assert_true (ls_raster_lines_begin (&r, cr));
      /* A black horizontal line 2 units wide on y = 20 covers y 19–21. */
      ls_raster_lines_draw (&r, 10, 20, 90, 20, 2, 0, 0, 0, 1);
      /* A half-transparent steep red line. */
      ls_raster_lines_draw (&r, 70, 2, 70, 48, 4, 1, 0, 0, 0.5);
      ls_raster_lines_end (&r);

      g_assert_cmphex (raster_pixel (image, 50 * scale, 19 * scale), ==, 0x000000);
      g_assert_cmphex (raster_pixel (image, 50 * scale, 20 * scale + scale - 1), ==, 0x000000);
      g_assert_cmphex (raster_pixel (image, 50 * scale, 23 * scale), ==, 0xffffff);
      g_assert_cmphex (raster_pixel (image, 5 * scale, 20 * scale), ==, 0xffffff);
      g_assert_cmphex (raster_pixel (image, 95 * scale, 20 * scale), ==, 0xffffff);
      /* Red at half strength over white is pink, not red. */
      {
        guint32 p = raster_pixel (image, 70 * scale, 10 * scale);

        g_assert_cmpuint ((p >> 16) & 0xff, ==, 0xff);
        g_assert_cmpuint ((p >> 8) & 0xff, >=, 0x70);
        g_assert_cmpuint ((p >> 8) & 0xff, <=, 0x90);
      }
      cairo_destroy (cr);
      cairo_surface_destroy (image);
    }

  {
    cairo_surface_t *pdf = cairo_pdf_surface_create (NULL, 100, 100);
    cairo_t *cr = cairo_create (pdf);
    LsRasterLines r;

    g_assert_false (ls_raster_lines_begin (&r, cr));
    cairo_destroy (cr);
    cairo_surface_destroy (pdf);
  }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/network-render/pixels", Fixture, NULL, fixture_set_up, test_pixels, fixture_tear_down);
  g_test_add ("/network-render/modes", Fixture, NULL, fixture_set_up, test_pixels_modes, fixture_tear_down);
  g_test_add ("/network-render/fit-hit", Fixture, NULL, fixture_set_up, test_fit_and_hit, fixture_tear_down);
  g_test_add_func ("/network-render/labels", test_labels);
  g_test_add_func ("/network-render/raster-lines", test_raster_lines);
  g_test_add ("/network-render/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/network-render/export-errors", Fixture, NULL, fixture_set_up, test_export_errors, fixture_tear_down);

  return g_test_run ();
}
