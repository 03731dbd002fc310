/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A small case for the tests, made the only way rows enter a case. */
#define G_LOG_DOMAIN "test-case-builder"
#include "config.h"

#include "ls-case.h"
#include "ls-case-writer.h"
#include "test-case-builder.h"

char *
test_case_temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("linesight-test-XXXXXX", NULL);

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static gboolean
add_record (LsCaseWriter   *writer,
            LsImportKind    kind,
            gconstpointer   record,
            GError        **error)
{
  switch (kind)
    {
    case LS_IMPORT_KIND_CALLS:    return ls_case_writer_add_call (writer, record, NULL, error);
    case LS_IMPORT_KIND_PEOPLE:   return ls_case_writer_add_person (writer, record, NULL, error);
    case LS_IMPORT_KIND_PHONES:   return ls_case_writer_add_phone (writer, record, NULL, error);
    case LS_IMPORT_KIND_HANDSETS: return ls_case_writer_add_handset (writer, record, NULL, error);
    case LS_IMPORT_KIND_CELLS:    return ls_case_writer_add_cell (writer, record, NULL, error);
    case LS_IMPORT_KIND_EVENTS:   return ls_case_writer_add_event (writer, record, NULL, error);
    default:                      g_assert_not_reached ();
    }
}

/* N records of SIZE bytes each, as one import named after KIND ("people.csv"). */
static void
write_import (LsCase        *kase,
              LsImportKind   kind,
              gconstpointer  records,
              gsize          size,
              guint          n)
{
  g_autofree char *file_name = g_strdup_printf ("%s.csv", ls_import_kind_to_string (kind));
  g_autoptr(GError) error = NULL;
  LsCaseWriter *writer = ls_case_writer_begin (kase, kind, file_name, "", NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (writer);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (add_record (writer, kind, (const guint8 *) records + i * size, &error));
      g_assert_no_error (error);
    }
  g_assert_true (ls_case_writer_commit (writer, &error));
  g_assert_no_error (error);
}

void
test_case_write_people (LsCase *kase, const LsPersonRecord *records, guint n)
{
  write_import (kase, LS_IMPORT_KIND_PEOPLE, records, sizeof *records, n);
}

void
test_case_write_phones (LsCase *kase, const LsPhoneRecord *records, guint n)
{
  write_import (kase, LS_IMPORT_KIND_PHONES, records, sizeof *records, n);
}

void
test_case_write_cells (LsCase *kase, const LsCellRecord *records, guint n)
{
  write_import (kase, LS_IMPORT_KIND_CELLS, records, sizeof *records, n);
}

void
test_case_write_handsets (LsCase *kase, const LsHandsetRecord *records, guint n)
{
  write_import (kase, LS_IMPORT_KIND_HANDSETS, records, sizeof *records, n);
}

void
test_case_write_events (LsCase *kase, const LsEventRecord *records, guint n)
{
  write_import (kase, LS_IMPORT_KIND_EVENTS, records, sizeof *records, n);
}

void
test_case_write_calls (LsCase *kase, const LsCallRecord *records, guint n)
{
  write_import (kase, LS_IMPORT_KIND_CALLS, records, sizeof *records, n);
}

char *
test_case_build (guint n_calls)
{
  static const char * const numbers[] = { "+447700900001", "+447700900002", "+447700900003",
                                          "+447700900004", "+447700900005" };
  static const char * const names[] = { "Ann Example", "Bob Example", "Cat Example" };
  g_autofree char *path = test_case_temp_path ("small.linesight");
  g_autoptr(GError) error = NULL;
  g_autoptr(LsCase) kase = ls_case_create (path, TEST_CASE_NAME, TEST_CASE_MARKING, &error);
  LsCaseWriter *writer;

  g_assert_no_error (error);

  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_PEOPLE, "people.csv", "03", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      LsPersonRecord rec = { .name = names[i], .dob = "2009-05-01", .vulnerable = i == 1, .line = i + 2 };

      g_assert_true (ls_case_writer_add_person (writer, &rec, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (writer, &error));

  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_PHONES, "phones.csv", "00", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      LsPhoneRecord rec = { .number = numbers[i], .person = names[i], .line = i + 2 };

      g_assert_true (ls_case_writer_add_phone (writer, &rec, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (writer, &error));

  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_CALLS, "calls.csv", "01", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_calls; i++)
    {
      /* Starts are scrambled so that the id order is not the time order. */
      LsCallRecord rec = {
        .start = 1700000000 + (gint64) ((i * 7919) % n_calls) * 600,
        .caller = (i % 11 == 0) ? NULL : numbers[i % G_N_ELEMENTS (numbers)],
        .callee = numbers[(i + 1 + i / 5) % G_N_ELEMENTS (numbers)],
        .kind = (i % 3 == 0) ? LS_CALL_KIND_SMS : LS_CALL_KIND_VOICE,
        .duration = (i % 3 == 0) ? 0 : (gint64) ((i * 37) % 900),
        .cell = (i % 2) ? "NOR-001" : "IPS-002",
        .imei = "356938035643809",
        .line = i + 2,
      };

      g_assert_true (ls_case_writer_add_call (writer, &rec, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (writer, &error));

  writer = ls_case_writer_begin (kase, LS_IMPORT_KIND_EVENTS, "events.csv", "02", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 7; i++)
    {
      LsEventRecord rec = {
        .start = 1700000000 + i * 86400, .end = -1, .person = names[i % G_N_ELEMENTS (names)],
        .kind = "missing", .place = "Norwich", .text = "Reported missing from home", .line = i + 2,
      };

      g_assert_true (ls_case_writer_add_event (writer, &rec, NULL, &error));
    }
  g_assert_true (ls_case_writer_commit (writer, &error));

  return g_steal_pointer (&path);
}
