/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Safeguarding page under Xvfb, on the demo case: the list loads off
 * the main thread, selecting a person selects them in the session, the
 * area and "risk rose" filters, recording a referral change from the
 * editor (audited), and a picture of the page for a person to look at. */
#define G_LOG_DOMAIN "test-safeguarding-page"
#include "test-dialogs.h"
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ls-case-referrals.h"
#include "ls-export-dialog.h"
#include "ls-safeguarding-item.h"
#include "ls-safeguarding-page.h"
#include "ls-safeguarding-preferences.h"
#include "ls-settings.h"
#include "test-page-fixture.h"

static void
wait_for_model (LsSafeguardingPage *page)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (ls_safeguarding_page_get_model (page) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (ls_safeguarding_page_get_model (page));
}

static void
test_page (void)
{
  g_autoptr(GError) error = NULL;
  TestPage fixture;
  LsSafeguardingPage *page;
  LsCase *kase;
  LsSession *session;
  const char * const *selection;
  const LsSafeguardingPerson *kai;
  g_autofree char *kai_key = NULL;
  guint all;
  gint64 audits;

  test_page_open (&fixture, LS_TYPE_SAFEGUARDING_PAGE);
  page = LS_SAFEGUARDING_PAGE (fixture.page);
  kase = fixture.kase;
  session = fixture.session;
  test_page_show_case (&fixture);
  wait_for_model (page);

  /* The page does not make the window wider than a small laptop's screen. */
  {
    int min_width;

    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    g_test_message ("minimum width %d", min_width);
    g_assert_cmpint (min_width, <=, 900);
  }

  all = ls_safeguarding_page_get_n_shown (page);
  g_assert_cmpuint (all, ==, ls_safeguarding_get_n_people (ls_safeguarding_page_get_model (page)));
  g_assert_cmpuint (all, >=, 7);

  /* Selecting Kai selects him in every view. */
  kai = ls_safeguarding_find (ls_safeguarding_page_get_model (page), "Kai Thompson");
  g_assert_nonnull (kai);
  g_assert_true (ls_safeguarding_page_select (page, "Kai Thompson"));
  selection = ls_session_get_selection (session);
  g_assert_nonnull (selection);
  g_assert_cmpstr (selection[0], ==, kai->key);
  kai_key = g_strdup (kai->key);   /* kai belongs to this load of the list */

  /* Someone selected in another view is selected here. */
  {
    const LsSafeguardingPerson *tyler = ls_safeguarding_find (ls_safeguarding_page_get_model (page), "Tyler Hughes");
    const char *keys[] = { tyler->key, NULL };

    ls_session_set_selection (session, keys);
    g_assert_cmpstr (gtk_label_get_text (test_page_find_label (GTK_WIDGET (page), "title-2")), ==, "Tyler Hughes");
    g_assert_true (ls_safeguarding_page_select (page, "Kai Thompson"));
    g_assert_cmpstr (ls_session_get_selection (session)[0], ==, kai_key);
  }

  /* Area filter: Norwich is Graham Pike's, not the London children's. */
  ls_safeguarding_page_set_area_filter (page, "norwich");
  g_assert_cmpuint (ls_safeguarding_page_get_n_shown (page), >=, 1);
  g_assert_cmpuint (ls_safeguarding_page_get_n_shown (page), <, all);
  ls_safeguarding_page_set_area_filter (page, NULL);
  g_assert_cmpuint (ls_safeguarding_page_get_n_shown (page), ==, all);

  /* Record a review from the editor: audited, and the list reloads. */
  audits = ls_sqlite_query_int (ls_case_get_db (kase), "SELECT count(*) FROM audit_log WHERE action = 'referral'", -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "safeguarding.save-referral", NULL));
  g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase),
                                        "SELECT count(*) FROM audit_log WHERE action = 'referral'", -1), ==, audits + 1);

  /* Reviewed at "low" while the risk is high: the risk has risen. */
  {
    LsReferralChange change = { LS_REFERRAL_NEEDS_REFERRAL, .reviewed_risk = "low" };
    gint64 id = ls_case_find_person (ls_case_get_db (kase), "Jayden Mensah");

    g_assert_true (ls_case_referral_update (kase, id, &change, &error));
    g_assert_no_error (error);
  }
  {
    LsSafeguarding *before = ls_safeguarding_ref (ls_safeguarding_page_get_model (page));
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    ls_session_data_changed (session);
    while (ls_safeguarding_page_get_model (page) == before && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    ls_safeguarding_unref (before);
  }
  test_page_settle ();
  ls_safeguarding_page_set_rose_filter (page, TRUE);
  g_assert_cmpuint (ls_safeguarding_page_get_n_shown (page), ==, 1);
  ls_safeguarding_page_set_rose_filter (page, FALSE);
  g_assert_true (ls_safeguarding_find (ls_safeguarding_page_get_model (page), "Jayden Mensah")->risk_rose);

  /* Kai is still selected after the reload. */
  g_assert_cmpstr (ls_session_get_selection (session)[0], ==, kai_key);

  /* Export Referral… writes Kai's one-page summary on a worker, audited. */
  {
    g_autofree char *dir = g_dir_make_tmp ("linesight-sg-page-XXXXXX", NULL);
    g_autofree char *pdf = g_build_filename (dir, "kai.pdf", NULL);
    g_autofree char *pdftotext = NULL;
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    const char *sql = "SELECT count(*) FROM audit_log WHERE action = 'export' AND subject = 'referral'";
    gint64 before = ls_sqlite_query_int (ls_case_get_db (kase), sql, -1);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "safeguarding.export-referral-to", "s", pdf));
    while (ls_sqlite_query_int (ls_case_get_db (kase), sql, -1) == before && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpint (ls_sqlite_query_int (ls_case_get_db (kase), sql, -1), ==, before + 1);
    g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    pdftotext = g_find_program_in_path ("pdftotext");
    if (pdftotext != NULL)
      {
        g_autofree char *quoted = g_shell_quote (pdf);
        g_autofree char *command = g_strdup_printf ("pdftotext %s -", quoted);
        g_autofree char *text = NULL;

        g_assert_true (g_spawn_command_line_sync (command, &text, NULL, NULL, NULL));
        g_assert_nonnull (strstr (text, "Kai Thompson"));
        g_assert_nonnull (strstr (text, "OFFICIAL-SENSITIVE"));
      }
  }

  test_page_settle ();
  test_page_save_png (fixture.window, "safeguarding-page.png");

  test_page_close (&fixture);
}

/* The names in the list's rows, top to bottom. */
static GPtrArray *
shown_names (LsSafeguardingPage *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page), LS_TYPE_SAFEGUARDING_PAGE,
                                                                        "column_view"));
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(LsSafeguardingItem) item = g_list_model_get_item (rows, i);

      g_ptr_array_add (names, g_strdup (ls_safeguarding_item_get_person (item)->name));
    }
  return names;
}

/* Export… from the page writes the list it shows: only the people its
 * filter leaves, in the order of its sort (here by name, Z to A, which
 * the list's own order by risk is not), and says it was filtered. */
static void
test_export_shown (void)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-sg-export-XXXXXX", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "safeguarding.svg", NULL);
  g_autofree char *svg = NULL;
  g_autoptr(GPtrArray) names = NULL;
  TestPage fixture;
  LsSafeguardingPage *page;
  LsSafeguarding *sg;
  LsExportDialog *dialog = NULL;
  gint64 deadline;
  const char *at;
  guint n_left_out = 0;

  test_page_open (&fixture, LS_TYPE_SAFEGUARDING_PAGE);
  page = LS_SAFEGUARDING_PAGE (fixture.page);
  test_page_show_case (&fixture);
  wait_for_model (page);
  sg = ls_safeguarding_page_get_model (page);

  /* Children only, by name descending. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (page), LS_TYPE_SAFEGUARDING_PAGE,
                                                                            "age_filter")), 1);
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                  LS_TYPE_SAFEGUARDING_PAGE,
                                                                                  "column_view")),
                                  GTK_COLUMN_VIEW_COLUMN (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                                         LS_TYPE_SAFEGUARDING_PAGE,
                                                                                         "name_column")),
                                  GTK_SORT_DESCENDING);
  test_page_settle ();
  names = shown_names (page);
  g_assert_cmpuint (names->len, >=, 2);
  g_assert_cmpuint (names->len, ==, ls_safeguarding_page_get_n_shown (page));
  g_assert_cmpuint (names->len, <, ls_safeguarding_get_n_people (sg));
  for (guint i = 1; i < names->len; i++)
    g_assert_cmpint (g_utf8_collate (names->pdata[i - 1], names->pdata[i]), >=, 0);

  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "safeguarding.export", NULL));
  while ((dialog = test_find_export_dialog ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (dialog);
  ls_export_dialog_set_format (dialog, LS_EXPORT_SVG);
  ls_export_dialog_export_to (dialog, svg_path);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (ls_export_dialog_is_busy (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ls_export_dialog_is_busy (dialog));
  g_assert_true (g_file_get_contents (svg_path, &svg, NULL, NULL));

  /* The people shown, in the page's order... */
  at = svg;
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *element = g_strdup_printf (">%s<", (char *) names->pdata[i]);

      at = strstr (at, element);
      g_test_message ("%s", (char *) names->pdata[i]);
      g_assert_nonnull (at);
    }
  /* ...and nobody the filter left out. */
  for (guint i = 0; i < ls_safeguarding_get_n_people (sg); i++)
    {
      const LsSafeguardingPerson *p = ls_safeguarding_get_person (sg, i);
      g_autofree char *element = g_strdup_printf (">%s<", p->name);

      if (p->child)
        continue;
      n_left_out++;
      g_assert_null (strstr (svg, element));
    }
  g_assert_cmpuint (n_left_out, >=, 1);
  {
    g_autofree char *count = g_strdup_printf ("%u of %u people", names->len, ls_safeguarding_get_n_people (sg));

    g_assert_nonnull (strstr (svg, count));
    g_assert_nonnull (strstr (svg, "Children"));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  test_page_close (&fixture);
  g_remove (svg_path);
  g_rmdir (dir);
}

static void
collect_spins (GtkWidget *widget,
               GPtrArray *spins)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    g_ptr_array_add (spins, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_spins (child, spins);
}

/* Preferences: one spin row per threshold, bound to its GSettings key, and
 * the thresholds the page reads are those keys. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = ls_settings_new ();
  AdwPreferencesPage *prefs = ls_safeguarding_preferences_page_new (settings);
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  LsSafeguardingOptions options;
  const LsSafeguardingOptions defaults = LS_SAFEGUARDING_OPTIONS_INIT;

  g_object_ref_sink (prefs);
  collect_spins (GTK_WIDGET (prefs), spins);
  g_assert_cmpuint (spins->len, ==, 8);

  /* The schema's defaults are the documented ones in the core. */
  ls_safeguarding_options_from_settings (settings, &options);
  g_assert_cmpuint (options.age_gap_years, ==, defaults.age_gap_years);
  g_assert_cmpfloat (options.far_from_home_km, ==, defaults.far_from_home_km);
  g_assert_cmpuint (options.missing_episodes, ==, defaults.missing_episodes);
  g_assert_cmpuint (options.cuckoo_phones, ==, defaults.cuckoo_phones);
  g_assert_cmpuint (options.cuckoo_days, ==, defaults.cuckoo_days);
  g_assert_cmpfloat (options.cuckoo_radius_km, ==, defaults.cuckoo_radius_km);
  g_assert_cmpuint (options.instruction_minutes, ==, defaults.instruction_minutes);
  g_assert_cmpuint (options.several_phones, ==, defaults.several_phones);

  /* The first row is the age gap: setting it changes the key. */
  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 9);
  g_assert_cmpuint (g_settings_get_uint (settings, "safeguarding-age-gap"), ==, 9);
  ls_safeguarding_options_from_settings (settings, &options);
  g_assert_cmpuint (options.age_gap_years, ==, 9);
  g_settings_reset (settings, "safeguarding-age-gap");

  g_object_unref (prefs);
}

int
main (int    argc,
      char **argv)
{
  test_page_init (&argc, &argv, "sg-page");

  g_test_add_func ("/safeguarding/page", test_page);
  g_test_add_func ("/safeguarding/export-shown", test_export_shown);
  g_test_add_func ("/safeguarding/preferences", test_preferences);

  return test_page_run ();
}
