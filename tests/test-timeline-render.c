/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The timeline renderer and its exports: pixels where the lanes, bars,
 * events and range should be; PNG, SVG and paged PDF files that are not
 * blank. Set LS_TEST_KEEP=DIR to keep the files for looking at. */
#define G_LOG_DOMAIN "test-timeline-render"
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "ls-case.h"
#include "ls-case-audit.h"
#include "ls-case-writer.h"
#include "ls-render-style.h"
#include "ls-timeline-export.h"
#include "ls-timeline-render.h"
#include "test-case-builder.h"

#define DAY 86400
#define JUNE_1 1717196400   /* 2024-06-01 00:00 BST */

/* Alice (a child) and Bob text each other every day from June to
 * November, ten times a day at 15:00 UK time; Alice goes missing 10–12 July. */
static LsCase *
make_case (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-tlrender-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "r.linesight", NULL);
  g_autoptr(GError) error = NULL;
  LsCase *kase = ls_case_create (path, "Operation Render", NULL, &error);
  const LsPersonRecord people[] = {
    { .name = "Alice", .dob = "2009-02-01", .line = 2 },
    { .name = "Bob", .dob = "1990-02-01", .line = 3 },
  };
  const LsPhoneRecord pa = { "+447700900001", "Alice", NULL, 2 }, pb = { "+447700900002", "Bob", NULL, 3 };
  const LsPhoneRecord phones[] = { pa, pb };
  const LsEventRecord missing = { .start = JUNE_1 + 39 * DAY, .end = JUNE_1 + 41 * DAY, .person = "Alice",
                                  .kind = "missing", .line = 2 };
  g_autofree LsCallRecord *calls = g_new0 (LsCallRecord, 183 * 10);
  guint n = 0;

  g_assert_no_error (error);
  test_case_write_people (kase, people, G_N_ELEMENTS (people));
  test_case_write_phones (kase, phones, G_N_ELEMENTS (phones));
  test_case_write_events (kase, &missing, 1);
  for (guint d = 0; d < 183; d++)
    for (guint k = 0; k < 10; k++, n++)
      {
        /* 15:00 UK time (BST until 27 October). */
        gint64 t = JUNE_1 + d * DAY + 15 * 3600 + k * 60 + (d >= 148 ? 3600 : 0);

        calls[n] = (LsCallRecord) { .start = t, .caller = k % 2 ? pa.number : pb.number,
                                    .callee = k % 2 ? pb.number : pa.number, .kind = LS_CALL_KIND_SMS,
                                    .line = n + 2 };
      }
  test_case_write_calls (kase, calls, n);

  return kase;
}

static void
keep (const char *path)
{
  const char *dir = g_getenv ("LS_TEST_KEEP");
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *dest = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (dir == NULL)
    return;
  dest = g_build_filename (dir, base, NULL);
  if (g_file_get_contents (path, &contents, &len, NULL))
    g_file_set_contents (dest, contents, len, NULL);
}

/* Kept as NAME under LS_TEST_KEEP, if set, through a temporary PNG. */
static void
keep_surface (cairo_surface_t *s,
              const char      *name)
{
  g_autofree char *png = g_build_filename (g_get_tmp_dir (), name, NULL);

  cairo_surface_write_to_png (s, png);
  keep (png);
  g_unlink (png);
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);

  return *(guint32 *) (data + y * stride + x * 4) & 0xffffff;
}

static gboolean
near_color (guint32        px,
            const LsColor *c,
            double         alpha)
{
  /* Compare with C at ALPHA over white. */
  int r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
  int er = (int) ((c->r * alpha + (1 - alpha)) * 255), eg = (int) ((c->g * alpha + (1 - alpha)) * 255);
  int eb = (int) ((c->b * alpha + (1 - alpha)) * 255);

  return ABS (r - er) <= 12 && ABS (g - eg) <= 12 && ABS (b - eb) <= 12;
}

static void
test_pixels (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTimelineModel) model = ls_timeline_model_build (ls_case_get_db (kase), LS_TIMELINE_LANES_PEOPLE, NULL, &error);
  g_autoptr(LsTimelineBins) bins = NULL;
  LsTimelineScene scene = LS_TIMELINE_SCENE_INIT;
  LsTimelineLayout layout;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 400);
  cairo_t *cr = cairo_create (s);
  const char *selection[] = { NULL, NULL };
  double mid_alice, x_day, x_missing, x_range;
  int alice;
  gboolean bar = FALSE, gap_empty = TRUE;

  g_assert_no_error (error);
  alice = ls_timeline_model_find_lane (model, ls_timeline_model_get_lane (model, 0)->key);
  g_assert_cmpstr (ls_timeline_model_get_lane (model, alice)->label, ==, "Alice");
  /* Two weeks of July, hourly bins. */
  scene.model = model;
  scene.from = JUNE_1 + 30 * DAY;
  scene.to = JUNE_1 + 44 * DAY;
  bins = ls_timeline_bins_build (ls_case_get_db (kase), model, scene.from, scene.to, 3600, NULL, &error);
  g_assert_no_error (error);
  scene.bins = bins;
  scene.range_from = JUNE_1 + 32 * DAY;
  scene.range_to = JUNE_1 + 34 * DAY;
  selection[0] = ls_timeline_model_get_lane (model, 1)->key;
  scene.selection = selection;
  ls_timeline_render (cr, &scene, 1000, 400);
  cairo_surface_flush (s);
  ls_timeline_render_layout (&scene, 1000, 400, &layout);
  g_assert_cmpuint (layout.n_visible, ==, 2);

  /* Alice's lane: an outgoing bar just above the midline at 15:00 on 2 July,
   * in the victim colour; nothing at 03:00. */
  mid_alice = ls_timeline_render_row_y (&layout, 0) + layout.lane_height / 2;
  x_day = ls_timeline_render_x_at (&scene, &layout, JUNE_1 + 31 * DAY + 15 * 3600 - 3600 + 1800);
  for (int dx = -2; dx <= 2; dx++)
    bar |= near_color (pixel (s, (int) x_day + dx, (int) mid_alice - 3), ls_render_style_color (LS_STYLE_COLOR_VICTIM), 0.9);
  g_assert_true (bar);
  x_day = ls_timeline_render_x_at (&scene, &layout, JUNE_1 + 31 * DAY + 3 * 3600);
  for (int dy = 1; dy < layout.lane_height / 2 - 2; dy++)
    gap_empty &= !near_color (pixel (s, (int) x_day, (int) mid_alice - dy), ls_render_style_color (LS_STYLE_COLOR_VICTIM), 0.9);
  g_assert_true (gap_empty);

  /* The missing episode tints Alice's lane on 10 July at 03:00. */
  x_missing = ls_timeline_render_x_at (&scene, &layout, JUNE_1 + 40 * DAY + 3 * 3600);
  g_assert_true (near_color (pixel (s, (int) x_missing, (int) mid_alice + 6), ls_render_style_color (LS_STYLE_COLOR_VICTIM), 0.22));

  /* The shared range is tinted in the accent colour on the strip. */
  x_range = ls_timeline_render_x_at (&scene, &layout, JUNE_1 + 33 * DAY + 3 * 3600);
  g_assert_true (near_color (pixel (s, (int) x_range, (int) layout.strip_y + 5), ls_render_style_color (LS_STYLE_COLOR_ACCENT), 0.10));
  g_assert_false (near_color (pixel (s, (int) x_missing, (int) layout.strip_y + 5), ls_render_style_color (LS_STYLE_COLOR_ACCENT), 0.10)
                  && pixel (s, (int) x_missing, (int) layout.strip_y + 5) != 0xffffff);

  /* Bob is selected: his lane's background is accent-tinted, Alice's not. */
  g_assert_true (near_color (pixel (s, 30, (int) ls_timeline_render_row_y (&layout, 1) + 2),
                             ls_render_style_color (LS_STYLE_COLOR_ACCENT), 0.14));
  g_assert_false (near_color (pixel (s, 30, (int) ls_timeline_render_row_y (&layout, 0) + 2),
                              ls_render_style_color (LS_STYLE_COLOR_ACCENT), 0.14));

  /* Hit-testing agrees with the drawing. */
  g_assert_cmpint (ls_timeline_render_lane_at (&scene, &layout, mid_alice), ==, alice);
  g_assert_nonnull (ls_timeline_render_event_at (&scene, &layout, x_missing, mid_alice));
  g_assert_cmpint (ls_timeline_render_event_at (&scene, &layout, x_missing, mid_alice)->kind, ==,
                   LS_TIMELINE_EVENT_MISSING);

  cairo_destroy (cr);
  {
    /* Bars are blended straight into image pixels; through a recording
     * surface (as for PDF and SVG) they are cairo rectangles. Same picture. */
    cairo_surface_t *rec = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    cairo_surface_t *replay = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 400);
    cairo_t *rc = cairo_create (rec);
    guint differ = 0;

    ls_timeline_render (rc, &scene, 1000, 400);
    cairo_destroy (rc);
    rc = cairo_create (replay);
    cairo_set_source_surface (rc, rec, 0, 0);
    cairo_paint (rc);
    cairo_destroy (rc);
    cairo_surface_flush (replay);
    for (int y = (int) layout.lanes_y; y < (int) (layout.lanes_y + 2 * layout.lane_height); y++)
      for (int x = (int) layout.plot_x; x < 990; x++)
        {
          guint32 p = pixel (s, x, y), q = pixel (replay, x, y);
          for (int shift = 0; shift < 24; shift += 8)
            if (ABS ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)) > 6)
              {
                differ++;
                break;
              }
        }
    g_assert_cmpuint (differ, <, 20);
    cairo_surface_destroy (replay);
    cairo_surface_destroy (rec);
  }
  keep_surface (s, "timeline-pixels.png");
  cairo_surface_destroy (s);
}

static void
test_marks_pixels (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTimelineModel) model = ls_timeline_model_build (ls_case_get_db (kase), LS_TIMELINE_LANES_PEOPLE, NULL, &error);
  g_autoptr(LsTimelineMarks) marks = NULL;
  LsTimelineScene scene = LS_TIMELINE_SCENE_INIT;
  LsTimelineLayout layout;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 300);
  cairo_t *cr = cairo_create (s);
  const LsTimelineMark *m;
  gboolean truncated;
  double x, y;

  /* 14:55–15:15 on 2 July: the ten texts as marks. */
  scene.model = model;
  scene.from = JUNE_1 + 31 * DAY + 14 * 3600 + 55 * 60;
  scene.to = scene.from + 20 * 60;
  marks = ls_timeline_marks_build (ls_case_get_db (kase), model, scene.from, scene.to, 100, &truncated, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ls_timeline_marks_get_n_marks (marks), ==, 10);
  scene.marks = marks;
  ls_timeline_render (cr, &scene, 1000, 300);
  cairo_surface_flush (s);
  ls_timeline_render_layout (&scene, 1000, 300, &layout);

  /* Hovering the third text finds it. */
  m = ls_timeline_marks_get_mark (marks, 2);
  x = ls_timeline_render_x_at (&scene, &layout, m->start);
  y = ls_timeline_render_row_y (&layout, 0) + layout.lane_height / 2 - 3;
  g_assert_true (ls_timeline_render_mark_at (&scene, &layout, x + 1, y) == m);
  g_assert_null (ls_timeline_render_mark_at (&scene, &layout, x + 25, y));
  /* And it is drawn there: not background. */
  g_assert_cmpuint (pixel (s, (int) x, (int) y), !=, 0xffffff);
  g_assert_cmpuint (pixel (s, (int) x + 25, (int) y), ==, pixel (s, (int) x + 26, (int) y));

  cairo_destroy (cr);
  keep_surface (s, "timeline-marks.png");
  cairo_surface_destroy (s);
}

/* A call highlighted elsewhere (a finding's evidence) gets a highlighter
 * band across its lanes; the others are drawn as before. */
static void
test_marks_highlight (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LsTimelineModel) model = ls_timeline_model_build (ls_case_get_db (kase), LS_TIMELINE_LANES_PEOPLE, NULL, &error);
  g_autoptr(LsTimelineMarks) marks = NULL;
  LsTimelineScene scene = LS_TIMELINE_SCENE_INIT;
  LsTimelineLayout layout;
  cairo_surface_t *plain = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 300);
  cairo_surface_t *marked = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 300);
  cairo_t *cr;
  const LsTimelineMark *hit, *other;
  gint64 ids[1];
  gboolean truncated;
  double x, y;
  guint32 before, after;

  scene.model = model;
  scene.from = JUNE_1 + 31 * DAY + 14 * 3600 + 55 * 60;
  scene.to = scene.from + 20 * 60;
  marks = ls_timeline_marks_build (ls_case_get_db (kase), model, scene.from, scene.to, 100, &truncated, NULL, &error);
  g_assert_no_error (error);
  scene.marks = marks;
  cr = cairo_create (plain);
  ls_timeline_render (cr, &scene, 1000, 300);
  cairo_destroy (cr);
  hit = ls_timeline_marks_get_mark (marks, 2);
  other = ls_timeline_marks_get_mark (marks, 5);
  ids[0] = hit->id;
  scene.highlight = ids;
  scene.n_highlight = 1;
  cr = cairo_create (marked);
  ls_timeline_render (cr, &scene, 1000, 300);
  cairo_destroy (cr);
  cairo_surface_flush (plain);
  cairo_surface_flush (marked);
  ls_timeline_render_layout (&scene, 1000, 300, &layout);

  /* Near the top of the lane, beside the highlighted text: amber now. */
  x = ls_timeline_render_x_at (&scene, &layout, hit->start) - 2;
  y = ls_timeline_render_row_y (&layout, 0) + 2;
  before = pixel (plain, (int) x, (int) y);
  after = pixel (marked, (int) x, (int) y);
  g_assert_cmpuint (before, !=, after);
  g_assert_cmpuint ((after >> 16) & 0xff, >, (after & 0xff) + 60);   /* red well above blue */
  /* A text that is not highlighted looks the same in both. */
  x = ls_timeline_render_x_at (&scene, &layout, other->start) - 2;
  g_assert_cmpuint (pixel (plain, (int) x, (int) y), ==, pixel (marked, (int) x, (int) y));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (marked);
}

static guint
count_pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;
  guint pages = 0;
  const char *p;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* Streams hold NUL bytes: search the bytes, not a string. */
  for (p = contents; p + 12 < contents + len; p++)
    if (memcmp (p, "/Type /Page", 11) == 0 && p[11] != 's')
      pages++;
  return pages;
}

static void
test_export (void)
{
  g_autoptr(LsCase) kase = make_case ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("linesight-tlexport-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "timeline.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "timeline.pdf", NULL);
  g_autofree char *short_pdf = g_build_filename (dir, "timeline-week.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "timeline.svg", NULL);
  LsTimelineExportOptions options = LS_TIMELINE_EXPORT_OPTIONS_INIT;
  const char *people[] = { "alice", NULL };
  const char *nobody[] = { "Carol", NULL };
  cairo_surface_t *s;
  guint distinct = 0;
  guint32 seen[16] = { 0 };

  options.kase = kase;
  g_assert_true (ls_timeline_export_write (&options, "png", png, &error));
  g_assert_no_error (error);
  s = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 1000);
  /* Not blank: many colours across the middle row. */
  for (int x = 0; x < 1600 && distinct < 16; x += 3)
    for (int y = 200; y < 600 && distinct < 16; y += 7)
      {
        guint32 px = pixel (s, x, y);
        gboolean known = FALSE;
        for (guint i = 0; i < distinct; i++)
          known |= seen[i] == px;
        if (!known)
          seen[distinct++] = px;
      }
  g_assert_cmpuint (distinct, >=, 6);
  cairo_surface_destroy (s);
  keep (png);
  {
    /* The export is in the audit trail, with the file's hash. */
    g_autoptr(GPtrArray) audit = ls_case_list_audit (kase, &error);
    g_autofree char *sha = ls_file_sha256 (png, NULL);
    const LsAuditEntry *last;

    g_assert_no_error (error);
    g_assert_cmpuint (audit->len, >=, 1);
    last = g_ptr_array_index (audit, audit->len - 1);
    if (g_strcmp0 (last->subject, "timeline") != 0)
      last = g_ptr_array_index (audit, 0);
    g_assert_cmpstr (last->action, ==, "export");
    g_assert_cmpstr (last->subject, ==, "timeline");
    g_assert_nonnull (strstr (last->details, sha));
  }

  /* Six months: a page per month, June to November. */
  g_assert_true (ls_timeline_export_write (&options, "pdf", pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_pdf_pages (pdf), ==, 6);
  keep (pdf);

  /* A week, one person: one page. */
  options.from = JUNE_1 + 35 * DAY;
  options.to = JUNE_1 + 42 * DAY;
  options.people = people;
  g_assert_true (ls_timeline_export_write (&options, "pdf", short_pdf, &error));
  g_assert_cmpuint (count_pdf_pages (short_pdf), ==, 1);
  g_assert_true (ls_timeline_export_write (&options, "svg", svg, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contents = NULL;
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<svg"));
    g_assert_nonnull (strstr (contents, "<path"));
  }
  keep (short_pdf);

  options.people = nobody;
  g_assert_false (ls_timeline_export_write (&options, "png", png, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Carol"));
  g_clear_error (&error);
  options.people = NULL;
  g_assert_false (ls_timeline_export_write (&options, "gif", png, &error));
  g_assert_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID);
}

/* linesight export CASE --view timeline: the same files from the command line. */
static void
test_cli_export (void)
{
  LsCase *kase = make_case ();
  g_autofree char *path = g_strdup (ls_case_get_path (kase));
  g_autofree char *dir = g_dir_make_tmp ("linesight-tlcli-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "t.pdf", NULL);
  g_autofree char *png = g_build_filename (dir, "t.png", NULL);
  const char *linesight = g_getenv ("LINESIGHT");
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  /* Closed, so the file is whole for another process. */
  g_object_unref (kase);
  if (linesight == NULL)
    {
      g_test_skip ("LINESIGHT is not set");
      return;
    }
  {
    const char *argv[] = { linesight, "export", path, "--view", "timeline", "--format", "pdf",
                           "-o", pdf, "--from", "2024-06-01", "--to", "2024-11-30", "--people", "Alice, Bob", NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpuint (count_pdf_pages (pdf), ==, 6);
  }
  {
    const char *argv[] = { linesight, "export", path, "--view", "timeline",
                           "-o", png, "--width", "800", "--height", "500", NULL };
    cairo_surface_t *s;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    s = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_image_surface_get_width (s), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (s), ==, 500);
    cairo_surface_destroy (s);
  }
  {
    const char *argv[] = { linesight, "export", path, "--view", "timeline",
                           "-o", png, "--people", "Carol", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err, &status, &error));
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "Carol"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/timeline/render/pixels", test_pixels);
  g_test_add_func ("/timeline/render/marks", test_marks_pixels);
  g_test_add_func ("/timeline/render/marks-highlight", test_marks_highlight);
  g_test_add_func ("/timeline/render/export", test_export);
  g_test_add_func ("/timeline/render/cli-export", test_cli_export);
  return g_test_run ();
}
