/* SPDX-License-Identifier: GPL-3.0-or-later */
/* `linesight export` of every view, read back from outside: PNG pixel size
 * and resolution from --dpi, PDF page sizes from --paper/--orientation,
 * the marking on every page, the audit entry's SHA-256, and redaction that
 * leaves no name or number of the case in the SVG's XML or the PDF's text
 * and metadata (while the unredacted files do name people, so a broken
 * redaction or a broken text export would fail here). */
#define _GNU_SOURCE   /* strcasestr */
#define G_LOG_DOMAIN "test-export"
#include "config.h"

#include <cairo.h>
#include <math.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "ls-case.h"
#include "ls-case-audit.h"
#include "ls-demo.h"
#include "ls-export.h"
#include "ls-network-export.h"
#include "ls-safeguarding.h"

static char *demo_path;
static char *dir;
static const char * const views[] = { "network", "timeline", "map", "safeguarding" };

static char *
run (const char * const *argv,
     int                 expect,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL),
                               NULL, NULL, &out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, expect);
  return out;
}

/* linesight export DEMO --view VIEW -o DIR/NAME ARGS… */
static char *
export (const char *view,
        const char *name,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *out = g_build_filename (dir, name, NULL);
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LINESIGHT"));
  g_ptr_array_add (argv, (gpointer) "export");
  g_ptr_array_add (argv, demo_path);
  g_ptr_array_add (argv, (gpointer) "--view");
  g_ptr_array_add (argv, (gpointer) view);
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, out);
  va_start (args, name);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_free (run ((const char * const *) argv->pdata, 0, NULL));

  return out;
}

static guint32
be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* Width, height and the pHYs resolution (pixels per metre, 0 if none). */
static void
png_info (const char *path,
          guint      *width,
          guint      *height,
          guint      *ppm)
{
  g_autofree guint8 *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, (char **) &data, &len, NULL));
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  *width = be32 (data + 16);
  *height = be32 (data + 20);
  *ppm = 0;
  for (gsize at = 8; at + 12 <= len; at += 12 + be32 (data + at))
    if (memcmp (data + at + 4, "pHYs", 4) == 0)
      {
        g_assert_cmpuint (be32 (data + at + 8), ==, be32 (data + at + 12));
        g_assert_cmpuint (data[at + 16], ==, 1);
        *ppm = be32 (data + at + 8);
      }
}

static void
test_png_dpi (void)
{
  static const int dpis[] = { 96, 150, 300 };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    for (guint i = 0; i < G_N_ELEMENTS (dpis); i++)
      {
        g_autofree char *dpi = g_strdup_printf ("%d", dpis[i]);
        g_autofree char *name = g_strdup_printf ("%s-%d.png", views[v], dpis[i]);
        g_autofree char *png = export (views[v], name, "--width", "400", "--height", "300", "--dpi", dpi, NULL);
        cairo_surface_t *img;
        guint w, h, ppm, ink = 0;

        png_info (png, &w, &h, &ppm);
        g_assert_cmpuint (w, ==, (guint) lround (400.0 * dpis[i] / 96));
        g_assert_cmpuint (h, ==, (guint) lround (300.0 * dpis[i] / 96));
        g_assert_cmpuint (ppm, ==, (guint) lround (dpis[i] / 0.0254));
        /* Not blank: a good share of pixels is drawn on. */
        img = cairo_image_surface_create_from_png (png);
        for (guint y = 0; y < h; y += 2)
          {
            const guint32 *row = (const guint32 *) (cairo_image_surface_get_data (img) + y * cairo_image_surface_get_stride (img));
            for (guint x = 0; x < w; x += 2)
              ink += (row[x] >> 24) != 0 && (row[x] & 0xffffff) != 0xffffff;
          }
        cairo_surface_destroy (img);
        g_assert_cmpuint (ink, >, w * h / 4 / 100);
      }
}

static void
test_dpi_refused (void)
{
  static const char * const bad[] = { "95", "601", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = g_build_filename (dir, "refused.png", NULL);
      const char *argv[] = { g_getenv ("LINESIGHT"), "export", demo_path, "-o", out, "--dpi", bad[i], NULL };
      g_autofree char *err = NULL;

      /* 0 means the default, not a resolution: that one is written. */
      if (g_str_equal (bad[i], "0"))
        {
          g_free (run (argv, 0, NULL));
          continue;
        }
      g_free (run (argv, 1, &err));
      g_assert_nonnull (strstr (err, "--dpi"));
      g_assert_nonnull (strstr (err, "96 to 600"));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS) && !g_str_equal (bad[i], "0"));
    }
}

static void
page_size (const char *pdf,
           double     *width,
           double     *height,
           guint      *pages)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run (argv, 0, NULL);
  const char *size = strstr (info, "Page size:");
  const char *n = strstr (info, "Pages:");

  g_assert_nonnull (size);
  g_assert_nonnull (n);
  g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", width, height), ==, 2);
  *pages = (guint) g_ascii_strtoull (n + strlen ("Pages:"), NULL, 10);
}

static void
test_pdf_paper (void)
{
  static const struct {
    const char *paper, *orientation;
    double      width, height;
  } cases[] = {
    { "a4", "portrait", 595.28, 841.89 },
    { "a4", "landscape", 841.89, 595.28 },
    { "a3", "portrait", 841.89, 1190.55 },
    { "a3", "landscape", 1190.55, 841.89 },
    { NULL, NULL, 841.89, 595.28 },     /* the default: A4 landscape */
  };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%u.pdf", views[v], i);
        g_autofree char *pdf = cases[i].paper
          ? export (views[v], name, "--paper", cases[i].paper, "--orientation", cases[i].orientation, NULL)
          : export (views[v], name, NULL);
        double w, h;
        guint pages;

        page_size (pdf, &w, &h, &pages);
        g_assert_cmpfloat_with_epsilon (w, cases[i].width, 0.05);
        g_assert_cmpfloat_with_epsilon (h, cases[i].height, 0.05);
        g_assert_cmpuint (pages, >=, 1);
      }

  /* A size and no paper: the page is that size in points, as before. */
  {
    g_autofree char *pdf = export ("network", "sized.pdf", "--width", "800", "--height", "600", NULL);
    double w, h;
    guint pages;

    page_size (pdf, &w, &h, &pages);
    g_assert_cmpfloat_with_epsilon (w, 600, 0.05);
    g_assert_cmpfloat_with_epsilon (h, 450, 0.05);
  }
}

/* The timeline of the demo's six months is a page per month. */
static void
test_marking_every_page (void)
{
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autofree char *name = g_strdup_printf ("%s-secret.pdf", views[v]);
      g_autofree char *pdf = export (views[v], name, "--marking", "secret", "--title", "Exercise Wren", NULL);
      double w, h;
      guint pages;

      page_size (pdf, &w, &h, &pages);
      if (g_str_equal (views[v], "timeline"))
        g_assert_cmpuint (pages, >, 1);
      for (guint p = 1; p <= pages; p++)
        {
          g_autofree char *n = g_strdup_printf ("%u", p);
          const char *argv[] = { "pdftotext", "-f", n, "-l", n, pdf, "-", NULL };
          g_autofree char *text = run (argv, 0, NULL);

          if (strstr (text, "SECRET") == NULL)
            g_error ("page %u of the %s export has no marking", p, views[v]);
          g_assert_null (strstr (text, "OFFICIAL-SENSITIVE"));
          if (strstr (text, "Exercise Wren") == NULL)
            g_error ("page %u of the %s export has no title", p, views[v]);
        }
    }
}

static void
test_audit (void)
{
  static const char * const formats[] = { "png", "pdf", "svg" };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *name = g_strdup_printf ("%s-audit.%s", views[v], formats[f]);
        g_autofree char *path = export (views[v], name, "--redact", "partner", NULL);
        g_autofree char *sha = ls_file_sha256 (path, NULL);
        g_autoptr(LsCase) kase = ls_case_open (demo_path, NULL);
        g_autoptr(GPtrArray) log = ls_case_list_audit (kase, NULL);
        LsAuditEntry *last = g_ptr_array_index (log, log->len - 1);
        g_autofree char *want_format = g_strdup_printf ("\"format\":\"%s\"", formats[f]);
        g_autofree char *canonical = g_canonicalize_filename (path, NULL);

        g_assert_nonnull (sha);
        g_assert_cmpstr (last->action, ==, "export");
        g_assert_cmpstr (last->subject, ==, views[v]);
        g_assert_cmpstr (last->user, ==, g_get_user_name ());
        g_assert_nonnull (strstr (last->details, sha));
        g_assert_nonnull (strstr (last->details, want_format));
        g_assert_nonnull (strstr (last->details, "\"redaction\":\"partner\""));
        g_assert_nonnull (strstr (last->details, canonical));
      }
}

/* Everything a reader of the file could find: the SVG's whole XML, or the
 * PDF's text and metadata. */
static char *
all_text (const char *path)
{
  char *svg = NULL;

  if (g_str_has_suffix (path, ".svg"))
    {
      g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
      return svg;
    }
  {
    const char *text_argv[] = { "pdftotext", path, "-", NULL };
    const char *info_argv[] = { "pdfinfo", path, NULL };
    g_autofree char *text = run (text_argv, 0, NULL);
    g_autofree char *info = run (info_argv, 0, NULL);

    return g_strconcat (text, "\n", info, NULL);
  }
}

/* NEEDLE in TEXT as a word of its own (not inside a hash or an IMEI). */
static gboolean
contains_word (const char *text,
               const char *needle)
{
  gsize len = strlen (needle);

  for (const char *p = strcasestr (text, needle); p; p = strcasestr (p + 1, needle))
    if ((p == text || !g_ascii_isalnum (p[-1])) && !g_ascii_isalnum (p[len]))
      return TRUE;

  return FALSE;
}

/* The people on the safeguarding list (kept by name for partners). */
static GHashTable *
safeguarding_names (LsCase *kase)
{
  g_autoptr(LsLineFacts) facts = ls_line_facts_for_case (kase, NULL, NULL);
  g_autoptr(LsSafeguarding) sg = ls_safeguarding_build (ls_case_get_db (kase), NULL, facts, NULL, NULL);
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_nonnull (sg);
  for (guint i = 0; i < ls_safeguarding_get_n_people (sg); i++)
    g_hash_table_add (names, g_strdup (ls_safeguarding_get_person (sg, i)->name));
  g_assert_cmpuint (g_hash_table_size (names), >, 0);

  return names;
}

/* Every name (but KEPT), alias and address of the case, and every number
 * in the forms people write them. Returns how many names TEXT holds. */
static guint
count_secrets (LsCase     *kase,
               const char *text,
               GHashTable *kept,
               const char *what)
{
  g_autoptr(sqlite3_stmt) people = NULL, phones = NULL;
  sqlite3 *db = ls_case_get_db (kase);
  guint found = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, aliases, address FROM people", -1, &people, NULL), ==, SQLITE_OK);
  while (sqlite3_step (people) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (people, 0);

      if (kept && g_hash_table_contains (kept, name))
        continue;
      for (int c = 0; c < 3; c++)
        {
          const char *secret = (const char *) sqlite3_column_text (people, c);

          if (secret != NULL && strlen (secret) >= 3 && contains_word (text, secret))
            {
              if (what != NULL)
                g_error ("“%s” is in %s", secret, what);
              found++;
            }
        }
    }
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT number FROM phones", -1, &phones, NULL), ==, SQLITE_OK);
  while (sqlite3_step (phones) == SQLITE_ROW)
    {
      const char *number = (const char *) sqlite3_column_text (phones, 0);
      g_autofree char *national = g_str_has_prefix (number, "+44") ? g_strconcat ("0", number + 3, NULL) : NULL;
      const char *local = number + strlen (number) - 6;   /* "900123" of "07700 900123" */

      if (strstr (text, number) || strstr (text, number + 1) ||
          (national && strstr (text, national)) || contains_word (text, local))
        {
          if (what != NULL)
            g_error ("the number %s is in %s", number, what);
          found++;
        }
    }

  return found;
}

static void
check_redaction (const char *mode)
{
  static const char * const formats[] = { "svg", "pdf" };
  g_autoptr(LsCase) kase = ls_case_open (demo_path, NULL);
  g_autoptr(GHashTable) kept = g_str_equal (mode, "partner") ? safeguarding_names (kase) : NULL;

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
      {
        g_autofree char *plain_name = g_strdup_printf ("%s-plain.%s", views[v], formats[f]);
        g_autofree char *name = g_strdup_printf ("%s-%s.%s", views[v], mode, formats[f]);
        /* The same size in both formats, so the same labels fit. */
        g_autofree char *plain = export (views[v], plain_name, "--width", "1600", "--height", "1000", NULL);
        g_autofree char *redacted = export (views[v], name, "--width", "1600", "--height", "1000",
                                            "--redact", mode, NULL);
        g_autofree char *plain_text = all_text (plain);
        g_autofree char *text = all_text (redacted);
        g_autofree char *what = g_strdup_printf ("the %s export %s with --redact %s", views[v], formats[f], mode);

        /* Unredacted, the same export names people (or shows numbers):
         * the search below can see them. (For partners the safeguarding
         * list names only people it keeps: checked below.) */
        if (!(kept && g_str_equal (views[v], "safeguarding")) &&
            count_secrets (kase, plain_text, kept, NULL) == 0)
          g_error ("the unredacted %s export %s names nobody", views[v], formats[f]);
        count_secrets (kase, text, kept, what);
        /* Every string's place-marker became its <text>. */
        g_assert_null (strstr (text, "fill-opacity:0.01;"));
        g_assert_nonnull (strstr (text, g_str_equal (views[v], "safeguarding") && kept ? "OFFICIAL" : "Person "));
        /* Only whole names go: a town that shares a word with a name
         * ("Star Cars Norwich") keeps its name on the map. */
        if (g_str_equal (views[v], "map"))
          g_assert_nonnull (strstr (text, "Norwich"));
      }

  /* Partners see the children by name on the safeguarding list. */
  if (kept != NULL)
    {
      g_autofree char *svg = export ("safeguarding", "partner-list.svg", "--redact", "partner", NULL);
      g_autofree char *text = all_text (svg);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, kept);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (strstr (text, key) == NULL)
          g_error ("“%s” of the safeguarding list is not in the partner export", (char *) key);
    }
}

static void
test_redact_all (void)
{
  check_redaction ("all");
}

static void
test_redact_partner (void)
{
  check_redaction ("partner");
}

/* The SVG's text is <text>, so a name can be searched; plain --redact is
 * --redact all. */
static void
test_svg_text (void)
{
  g_autofree char *svg = export ("network", "text.svg", "--title", "Exercise Wren", NULL);
  g_autofree char *redacted = export ("network", "text-redacted.svg", "--redact", NULL);
  g_autofree char *xml = all_text (svg);
  g_autofree char *redacted_xml = all_text (redacted);
  g_autoptr(LsCase) kase = ls_case_open (demo_path, NULL);

  g_assert_nonnull (strstr (xml, ">Exercise Wren</text>"));
  g_assert_nonnull (strstr (xml, "<title>Exercise Wren"));
  g_assert_nonnull (strstr (xml, ">OFFICIAL-SENSITIVE</text>"));
  count_secrets (kase, redacted_xml, NULL, "the network SVG with plain --redact");
  g_assert_nonnull (strstr (redacted_xml, ">Person "));
}

/* What the window shows is what is exported: the network view's zoom and
 * centre travel with the export (as the dialog passes them), so a view
 * zoomed in on part of the map exports that part, at any size. */
static void
test_on_screen (void)
{
  LsNetworkLoad load = { LS_GRAPH_QUERY_INIT, LS_NETWORK_LAYOUT_AUTO, FALSE, NULL, 0 };
  g_autoptr(LsCase) kase = ls_case_open (demo_path, NULL);
  g_autoptr(LsNetworkScene) scene = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fit_path = g_build_filename (dir, "screen-fit.svg", NULL);
  g_autofree char *zoom_path = g_build_filename (dir, "screen-zoom.svg", NULL);
  g_autofree char *big_path = g_build_filename (dir, "screen-zoom-big.svg", NULL);
  g_autofree char *fit = NULL, *zoom = NULL, *big = NULL;
  LsExportRequest request = LS_EXPORT_REQUEST_INIT;
  LsNetworkExportScreen *screen;
  LsNetworkViewState state;

  load.data_version = ls_case_get_data_version (kase);
  scene = ls_network_load (ls_case_get_db (kase), &load, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ls_network_view_state_init (&state);
  state.width = 800;
  state.height = 600;
  state.show_chrome = TRUE;
  ls_network_render_fit (scene, &state);

  request.kase = kase;
  request.width = 800;
  request.height = 600;
  screen = ls_network_export_screen_new (scene, &state);
  request.screen = screen;
  g_assert_true (ls_export_write (ls_network_export_view (), &request, LS_EXPORT_SVG, fit_path, &error));
  ls_network_export_screen_free (screen);

  /* Zoomed in eight times on the centre: far fewer nodes on the page. */
  state.zoom *= 8;
  screen = ls_network_export_screen_new (scene, &state);
  request.screen = screen;
  g_assert_true (ls_export_write (ls_network_export_view (), &request, LS_EXPORT_SVG, zoom_path, &error));
  /* The same view on a page twice the size shows the same part, larger. */
  request.width = 1600;
  request.height = 1200;
  g_assert_true (ls_export_write (ls_network_export_view (), &request, LS_EXPORT_SVG, big_path, &error));
  ls_network_export_screen_free (screen);

  g_assert_true (g_file_get_contents (fit_path, &fit, NULL, NULL));
  g_assert_true (g_file_get_contents (zoom_path, &zoom, NULL, NULL));
  g_assert_true (g_file_get_contents (big_path, &big, NULL, NULL));
  /* Labels at the edge of the fitted map are off the zoomed page. */
  {
    g_autoptr(GRegex) label = g_regex_new (">([^<]+)</text>", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    guint gone = 0, kept = 0, gone_big = 0;

    for (g_regex_match (label, fit, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
      {
        g_autofree char *text = g_match_info_fetch (match, 0);

        if (strstr (zoom, text) == NULL)
          gone++;
        else
          kept++;
        /* The page twice the size shows the same part, larger. */
        gone_big += strstr (big, text) == NULL;
      }
    g_assert_cmpuint (gone, >, 10);
    g_assert_cmpuint (gone_big, >, 10);
    g_assert_cmpuint (kept, >, 3);     /* title, marking, legend */
  }
  g_assert_nonnull (strstr (zoom, ">OFFICIAL-SENSITIVE</text>"));
  g_assert_nonnull (strstr (big, "width=\"1200pt\""));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  int status;

  g_test_init (&argc, &argv, NULL);

  if (pdftotext == NULL || g_getenv ("LINESIGHT") == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed, or LINESIGHT is not set");
      return g_test_run ();
    }

  dir = g_dir_make_tmp ("linesight-export-XXXXXX", NULL);
  demo_path = g_build_filename (dir, "demo.linesight", NULL);
  g_assert_true (ls_demo_generate (demo_path, 1, 1.0, NULL, NULL, NULL, NULL));

  g_test_add_func ("/export/png-dpi", test_png_dpi);
  g_test_add_func ("/export/dpi-refused", test_dpi_refused);
  g_test_add_func ("/export/pdf-paper", test_pdf_paper);
  g_test_add_func ("/export/marking-every-page", test_marking_every_page);
  g_test_add_func ("/export/audit", test_audit);
  g_test_add_func ("/export/svg-text", test_svg_text);
  g_test_add_func ("/export/on-screen", test_on_screen);
  g_test_add_func ("/export/redact-all", test_redact_all);
  g_test_add_func ("/export/redact-partner", test_redact_partner);

  status = g_test_run ();
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *child = g_build_filename (dir, name, NULL);
        g_remove (child);
      }
    g_rmdir (dir);
  }
  g_free (demo_path);
  g_free (dir);
  return status;
}
