/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ls_demo_generate(): writes the simulated world of ls-demo-world.c and the
 * traffic of ls-demo-traffic.c into a new case, one LsCaseWriter import per
 * kind of data, so the case has an import history like a real one. */
#define G_LOG_DOMAIN "ls-demo"
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <time.h>
#include <unistd.h>

#include "ls-case-writer.h"
#include "ls-demo-private.h"

#define DEMO_GENERATOR_VERSION 1
#define MAX_SCALE 200.0

typedef struct {
  LsCase         *kase;
  DemoWorld      *world;
  LsProgressFunc  progress;
  gpointer        progress_data;
  GCancellable   *cancellable;
} Job;

/* Processor time used so far, for the debug log: the machine may be busy
 * with other work, which makes wall-clock times meaningless. */
static double
cpu_seconds (void)
{
  return clock () / (double) CLOCKS_PER_SEC;
}

static void
report (Job    *job,
        double  fraction)
{
  if (job->progress)
    job->progress (CLAMP (fraction, 0.0, 1.0), job->progress_data);
}

/* The "file" of each import: what was generated, so the provenance says
 * exactly how to make the same rows again. */
static LsCaseWriter *
begin (Job           *job,
       LsImportKind   kind,
       GError       **error)
{
  const char *what = ls_import_kind_to_string (kind);
  g_autofree char *file = g_strdup_printf ("demo:%s", what);
  g_autofree char *description = NULL;
  g_autofree char *sha = NULL;
  char scale[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (scale, sizeof scale, job->world->scale);
  description = g_strdup_printf ("linesight demo generator %d; kind=%s; seed=%u; scale=%s",
                                 DEMO_GENERATOR_VERSION, what, job->world->seed, scale);
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, description, -1);

  return ls_case_writer_begin (job->kase, kind, file, sha, NULL, error);
}

static gboolean
finish (LsCaseWriter  *writer,
        gboolean       ok,
        GError       **error)
{
  if (!ok)
    {
      ls_case_writer_abort (writer);
      return FALSE;
    }

  return ls_case_writer_commit (writer, error);
}

static gboolean
write_cells (Job     *job,
             GError **error)
{
  LsCaseWriter *writer = begin (job, LS_IMPORT_KIND_CELLS, error);
  gboolean ok = writer != NULL;

  for (guint i = 0; ok && i < job->world->cells->len; i++)
    {
      DemoCell *cell = &g_array_index (job->world->cells, DemoCell, i);
      LsCellRecord rec = {
        .cell = cell->ref, .name = cell->name,
        .has_latlon = TRUE, .lat = cell->lat, .lon = cell->lon,
        .has_azimuth = TRUE, .azimuth = cell->azimuth,
        .line = i + 1,
      };

      ok = ls_case_writer_add_cell (writer, &rec, NULL, error);
    }

  return writer && finish (writer, ok, error);
}

static gboolean
write_people (Job     *job,
              GError **error)
{
  LsCaseWriter *writer = begin (job, LS_IMPORT_KIND_PEOPLE, error);
  gboolean ok = writer != NULL;

  for (guint i = 0; ok && i < job->world->people->len; i++)
    {
      DemoPerson *p = demo_person (job->world, i);
      LsPersonRecord rec = {
        .name = p->name, .aliases = p->aliases, .dob = p->dob[0] ? p->dob : NULL,
        .gender = p->gender, .address = p->address,
        .has_location = TRUE, .lat = p->lat, .lon = p->lon,
        .vulnerable = p->vulnerable, .notes = p->notes,
        .line = i + 1,
      };

      ok = ls_case_writer_add_person (writer, &rec, NULL, error);
    }

  return writer && finish (writer, ok, error);
}

/* The subscriber checks: the phones known to belong to someone, and the
 * deal line's first number named by intelligence. Other numbers enter the
 * case with the calls they appear in. */
static gboolean
write_phones (Job     *job,
              GError **error)
{
  LsCaseWriter *writer = begin (job, LS_IMPORT_KIND_PHONES, error);
  gboolean ok = writer != NULL;
  gint64 line = 0;

  for (guint i = 0; ok && i < job->world->phones->len; i++)
    {
      DemoPhone *phone = demo_phone (job->world, i);
      LsPhoneRecord rec = {
        .number = phone->number,
        .person = phone->attributed ? demo_person (job->world, phone->person)->name : NULL,
        .notes = phone->notes,
      };

      if (!phone->attributed && phone->notes == NULL)
        continue;
      rec.line = ++line;
      ok = ls_case_writer_add_phone (writer, &rec, NULL, error);
    }

  return writer && finish (writer, ok, error);
}

static gboolean
write_handsets (Job     *job,
                GError **error)
{
  LsCaseWriter *writer = begin (job, LS_IMPORT_KIND_HANDSETS, error);
  gboolean ok = writer != NULL;

  for (guint i = 0; ok && i < job->world->handsets->len; i++)
    {
      DemoHandset *h = &g_array_index (job->world->handsets, DemoHandset, i);
      LsHandsetRecord rec = {
        .imei = h->imei, .imsi = h->imsi,
        .number = demo_phone (job->world, h->phone)->number,
        .first_seen = h->first_seen, .last_seen = h->last_seen,
        .line = i + 1,
      };

      ok = ls_case_writer_add_handset (writer, &rec, NULL, error);
    }

  return writer && finish (writer, ok, error);
}

static gboolean
write_day (Job           *job,
           LsCaseWriter  *writer,
           GArray        *calls,
           gint64        *line,
           GError       **error)
{
  DemoWorld *world = job->world;

  for (guint i = 0; i < calls->len; i++)
    {
      DemoCall *call = &g_array_index (calls, DemoCall, i);
      DemoHandset *handset = call->handset >= 0
        ? &g_array_index (world->handsets, DemoHandset, call->handset) : NULL;
      LsCallRecord rec = {
        .start = call->start,
        .caller = demo_phone (world, call->caller)->number,
        .callee = demo_phone (world, call->callee)->number,
        .kind = call->kind,
        .duration = call->duration,
        .cell = call->cell >= 0 ? g_array_index (world->cells, DemoCell, call->cell).ref : NULL,
        .imei = handset ? handset->imei : NULL,
        .imsi = handset ? handset->imsi : NULL,
        .line = ++*line,
      };

      if (!ls_case_writer_add_call (writer, &rec, NULL, error))
        return FALSE;
    }

  return TRUE;
}

/* Calls are simulated and written a day at a time, in time order, which
 * keeps memory flat and the time index appending at its end. */
static gboolean
write_calls (Job     *job,
             GError **error)
{
  LsCaseWriter *writer = begin (job, LS_IMPORT_KIND_CALLS, error);
  DemoTraffic *traffic;
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (DemoCall));
  gboolean ok = writer != NULL;
  gint64 line = 0;
  double began = cpu_seconds (), simulating = 0;

  if (!ok)
    return FALSE;
  /* Into a new case: indexes made once at the end, and the calls written
   * on the writer's thread while the next day is simulated. */
  if (!ls_case_writer_bulk_load (writer, 0, error))
    return finish (writer, FALSE, error);

  traffic = demo_traffic_new (job->world);
  for (int day = 0; ok && day < DEMO_DAYS; day++)
    {
      ok = !g_cancellable_set_error_if_cancelled (job->cancellable, error);
      if (ok)
        {
          double t = cpu_seconds ();

          demo_traffic_day (traffic, day, calls);
          simulating += cpu_seconds () - t;
          ok = write_day (job, writer, calls, &line, error);
        }
      report (job, 0.03 + 0.9 * (day + 1) / DEMO_DAYS);
    }
  demo_traffic_free (traffic);
  g_debug ("%" G_GINT64_FORMAT " calls simulated and added in %.3f s of processor time, "
           "of which simulating %.3f s", line, cpu_seconds () - began, simulating);

  return finish (writer, ok, error);
}

static gboolean
write_events (Job     *job,
              GError **error)
{
  LsCaseWriter *writer = begin (job, LS_IMPORT_KIND_EVENTS, error);
  gboolean ok = writer != NULL;

  for (guint i = 0; ok && i < job->world->events->len; i++)
    {
      DemoEvent *ev = &g_array_index (job->world->events, DemoEvent, i);
      LsEventRecord rec = {
        .start = ev->start, .end = ev->end,
        .person = ev->person >= 0 ? demo_person (job->world, ev->person)->name : NULL,
        .kind = ev->kind, .place = ev->place,
        .has_location = ev->has_location, .lat = ev->lat, .lon = ev->lon,
        .text = ev->text, .source = ev->source,
        .line = i + 1,
      };

      ok = ls_case_writer_add_event (writer, &rec, NULL, error);
    }

  return writer && finish (writer, ok, error);
}

static gboolean
write_meta (Job     *job,
            GError **error)
{
  g_autofree char *demo = g_strdup_printf ("seed=%u scale=%g", job->world->seed, job->world->scale);

  return ls_case_set_meta (job->kase, "operation", "Kestrel", error) &&
         ls_case_set_meta (job->kase, "reference", "DEMO/2024/0001", error) &&
         ls_case_set_meta (job->kase, "demo", demo, error);
}

static gboolean
step (Job         *job,
      const char  *what,
      gboolean   (*write) (Job *, GError **),
      double       done,
      GError     **error)
{
  double began = cpu_seconds ();

  if (g_cancellable_set_error_if_cancelled (job->cancellable, error) || !write (job, error))
    return FALSE;
  g_debug ("%s written in %.3f s of processor time", what, cpu_seconds () - began);
  report (job, done);
  return TRUE;
}

static void
remove_case_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static gboolean
refuse_existing (const char  *path,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_EXISTS,
               "“%s” already exists; choose another name or open it instead", display);
  return FALSE;
}

/* A hard link puts the finished case at PATH only if nothing is there yet;
 * where links are not supported, a rename after a fresh check. */
static gboolean
move_into_place (const char  *partial,
                 const char  *path,
                 GError     **error)
{
  if (link (partial, path) == 0)
    return TRUE;
  if (errno == EEXIST || g_file_test (path, G_FILE_TEST_EXISTS))
    return refuse_existing (path, error);
  if (g_rename (partial, path) == 0)
    return TRUE;

  {
    int saved = errno;
    g_autofree char *display = g_filename_display_name (path);

    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 "Cannot write the demo case to “%s”: %s", display, g_strerror (saved));
  }
  return FALSE;
}

gboolean
ls_demo_generate (const char     *path,
                  guint32         seed,
                  double          scale,
                  LsProgressFunc  progress,
                  gpointer        progress_data,
                  GCancellable   *cancellable,
                  GError        **error)
{
  static gint attempts;
  Job job = { NULL, NULL, progress, progress_data, cancellable };
  g_autofree char *partial = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(scale > 0.0 && scale <= MAX_SCALE))
    {
      g_set_error (error, LS_CASE_ERROR, LS_CASE_ERROR_INVALID,
                   "The demo scale must be more than 0 and at most %g; %g was given",
                   MAX_SCALE, scale);
      return FALSE;
    }

  /* An existing file is refused and left alone. */
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return refuse_existing (path, error);

  /* The case is written under a name of its own and moved into place when
   * complete, so PATH is never a half-made demo, even if we are killed. */
  partial = g_strdup_printf ("%s.%d-%d.part", path, (int) getpid (), g_atomic_int_add (&attempts, 1));
  job.kase = ls_case_create (partial, "Operation Kestrel (demo)", "OFFICIAL-SENSITIVE", error);
  if (job.kase == NULL)
    return FALSE;

  report (&job, 0.0);
  job.world = demo_world_new (seed, scale);

  /* For this connection only, which is closed when the demo is written: a
   * page cache big enough that a million-call import does not spill to the
   * WAL before it commits, and no foreign-key look-ups for every call (the
   * writer has just found or made every phone and cell a call refers to;
   * tests/test-demo.c runs PRAGMA foreign_key_check on the result). Neither
   * changes atomicity: each import is still one transaction. */
  ok = ls_case_exec (job.kase, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;"
                               " PRAGMA foreign_keys = OFF;", error) &&
       write_meta (&job, error) &&
       step (&job, "cells", write_cells, 0.01, error) &&
       step (&job, "people", write_people, 0.02, error) &&
       step (&job, "phones", write_phones, 0.025, error) &&
       step (&job, "handsets", write_handsets, 0.03, error) &&
       step (&job, "calls", write_calls, 0.99, error) &&
       step (&job, "events", write_events, 1.0, error);

  demo_world_free (job.world);
  /* Closing the last connection folds the WAL into the file and removes it. */
  g_clear_object (&job.kase);
  ok = ok && move_into_place (partial, path, error);
  remove_case_files (partial);

  return ok;
}
