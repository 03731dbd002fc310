/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-betweenness EDGES REPEAT: reads "a b" lines, computes betweenness
 * with Linesight's measures REPEAT times and prints the best wall-clock
 * time in seconds and the sum of the values (so the baseline can be checked to
 * compute the same thing). Driven by bench/betweenness. */
#define G_LOG_DOMAIN "bench-betweenness"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ls-measures.h"

/* Wall-clock time: Linesight uses both processors for betweenness, so
 * its CPU time would not be comparable. */
static double
wall_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *bet = NULL;
  g_autoptr(GError) error = NULL;
  FILE *in;
  guint a, b, n = 0;
  double best = G_MAXDOUBLE, sum = 0;
  int repeat = argc > 2 ? atoi (argv[2]) : 3;

  if (argc < 2 || (in = fopen (argv[1], "r")) == NULL)
    {
      g_printerr ("usage: bench-betweenness EDGES [REPEAT]\n");
      return 2;
    }
  while (fscanf (in, "%u %u", &a, &b) == 2)
    {
      g_array_append_val (edges, a);
      g_array_append_val (edges, b);
      n = MAX (n, MAX (a, b) + 1);
    }
  fclose (in);

  bet = g_new0 (double, n);
  for (int r = 0; r < repeat; r++)
    {
      double t0 = wall_seconds ();

      if (!ls_measures_betweenness (n, (guint *) edges->data, NULL, edges->len / 2, bet, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      best = MIN (best, wall_seconds () - t0);
    }
  for (guint i = 0; i < n; i++)
    sum += bet[i];
  printf ("%.6f %.6f\n", best, sum);

  return 0;
}
