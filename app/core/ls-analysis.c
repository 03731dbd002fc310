/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsAnalysis: one run of the measures and the detectors over a date range,
 * kept as plain immutable data so it can be cached as JSON in the case and
 * read back without the case's rows. */
#define G_LOG_DOMAIN "ls-analysis"
#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "ls-analysis-private.h"
#include "ls-case.h"
#include "ls-detect.h"


static const char * const role_names[] = {
  [LS_ROLE_NONE] = NULL,
  [LS_ROLE_HEAD] = "head",
  [LS_ROLE_LINE_HOLDER] = "line-holder",
  [LS_ROLE_RUNNER] = "runner",
  [LS_ROLE_CUSTOMER] = "customer",
  [LS_ROLE_DEAL_LINE] = "deal-line",
};

const char *
ls_role_to_string (LsRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), NULL);

  return role_names[role];
}

LsRole
ls_role_from_string (const char *str)
{
  for (guint i = 1; i < G_N_ELEMENTS (role_names); i++)
    if (g_strcmp0 (str, role_names[i]) == 0)
      return (LsRole) i;

  return LS_ROLE_NONE;
}

static void
analysis_node_clear (gpointer data)
{
  LsAnalysisNode *n = data;

  g_free (n->key);
  g_free (n->label);
  g_strfreev (n->numbers);
}

LsAnalysis *
ls_analysis_new_empty (const LsAnalysisOptions *opts)
{
  static const LsAnalysisOptions defaults = LS_ANALYSIS_OPTIONS_INIT;
  LsAnalysis *self = g_new0 (LsAnalysis, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->opts = opts ? *opts : defaults;
  self->nodes = g_array_new (FALSE, TRUE, sizeof (LsAnalysisNode));
  g_array_set_clear_func (self->nodes, analysis_node_clear);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_finding_unref);

  return self;
}

LsAnalysis *
ls_analysis_ref (LsAnalysis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_analysis_unref (LsAnalysis *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->by_key);
  g_array_unref (self->nodes);
  g_ptr_array_unref (self->findings);
  g_free (self);
}

/* Called once the nodes array is complete: keys point into it. */
void
ls_analysis_index_nodes (LsAnalysis *self)
{
  for (guint i = 0; i < self->nodes->len; i++)
    g_hash_table_insert (self->by_key, g_array_index (self->nodes, LsAnalysisNode, i).key,
                         GUINT_TO_POINTER (i + 1));
}

static gboolean
load_lookups (LsDetectContext  *ctx,
              GError          **error)
{
  g_autoptr(sqlite3_stmt) imports = ls_detect_prepare (ctx, "SELECT id, file_name FROM imports", error);
  g_autoptr(sqlite3_stmt) phones = NULL;

  if (imports == NULL)
    return FALSE;
  while (sqlite3_step (imports) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (imports, 0);
      g_hash_table_insert (ctx->import_files, g_memdup2 (&id, sizeof id),
                           g_strdup ((const char *) sqlite3_column_text (imports, 1)));
    }

  phones = ls_detect_prepare (ctx, "SELECT id, number FROM phones", error);
  if (phones == NULL)
    return FALSE;
  while (sqlite3_step (phones) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (phones, 0);
      g_hash_table_insert (ctx->numbers, g_memdup2 (&id, sizeof id),
                           g_strdup ((const char *) sqlite3_column_text (phones, 1)));
    }

  return TRUE;
}

static void
context_clear (LsDetectContext *ctx)
{
  g_clear_pointer (&ctx->import_files, g_hash_table_unref);
  g_clear_pointer (&ctx->numbers, g_hash_table_unref);
  g_clear_pointer (&ctx->findings, g_ptr_array_unref);
  g_clear_pointer (&ctx->deal_lines, g_ptr_array_unref);
  g_clear_pointer (&ctx->together, g_hash_table_unref);
  g_clear_pointer (&ctx->roles, g_free);
  g_clear_pointer (&ctx->role_confidence, g_free);
}

/* CPU seconds of this thread, for the debug timings: the machine may be busy. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef gboolean (*Detector) (LsDetectContext *ctx, GError **error);

/* The order matters: roles use the deal lines and co-location; successor
 * lines use the deal lines. */
static const struct {
  const char *name;
  Detector    run;
} detectors[] = {
  { "deal lines", ls_detect_deal_lines },
  { "handset swaps", ls_detect_handset_swaps },
  { "co-location", ls_detect_co_location },
  { "roles", ls_detect_roles },
  { "successor lines", ls_detect_successor_lines },
};

static void
fill_nodes (LsAnalysis            *self,
            LsGraph               *graph,
            const LsNodeMeasures  *measures,
            LsDetectContext       *ctx)
{
  for (guint i = 0; i < ls_graph_get_n_nodes (graph); i++)
    {
      const LsGraphNode *g = ls_graph_get_node (graph, i);
      LsAnalysisNode n = { 0 };

      n.key = g_strdup (g->key);
      n.kind = g->kind;
      n.label = g_strdup (g->label);
      n.numbers = g_strdupv (g->numbers);
      n.victim = ls_graph_node_is_victim (g, g->last > 0 ? g->last : 0);
      n.measures = measures[i];
      n.role = ctx->roles[i];
      n.role_confidence = ctx->role_confidence[i];
      g_array_append_val (self->nodes, n);
    }
  ls_analysis_index_nodes (self);
}

LsAnalysis *
ls_analysis_run (sqlite3                  *reader,
                 const LsAnalysisOptions  *opts,
                 LsProgressFunc            progress,
                 gpointer                  progress_data,
                 GCancellable             *cancellable,
                 GError                  **error)
{
  g_autoptr(LsAnalysis) self = ls_analysis_new_empty (opts);
  LsGraphQuery query = LS_GRAPH_QUERY_INIT;
  g_autoptr(LsGraph) graph = NULL;
  g_autofree LsNodeMeasures *measures = NULL;
  LsDetectContext ctx = { 0 };
  gint64 t0;
  double c0;
  guint n;

  g_return_val_if_fail (reader != NULL, NULL);

  /* The analysis reads much of the case: memory-mapped pages save a copy
   * of each page read. Only this connection's reading is affected. */
  ls_sqlite_exec (reader, "PRAGMA mmap_size = 4294967296; PRAGMA cache_size = -262144;", NULL);
  query.from = self->opts.from;
  query.to = self->opts.to;
  if (progress)
    progress (0.0, progress_data);
  t0 = g_get_monotonic_time ();
  c0 = cpu_now ();
  graph = ls_graph_build (reader, &query, cancellable, error);
  if (graph == NULL)
    return NULL;
  g_debug ("contact graph: %u nodes, %u links, %.3f s (%.3f s CPU)", ls_graph_get_n_nodes (graph),
           ls_graph_get_n_edges (graph), (g_get_monotonic_time () - t0) / 1e6, cpu_now () - c0);
  if (progress)
    progress (0.2, progress_data);

  n = ls_graph_get_n_nodes (graph);
  measures = g_new0 (LsNodeMeasures, MAX (n, 1));
  t0 = g_get_monotonic_time ();
  c0 = cpu_now ();
  if (!ls_measures_compute (graph, measures, &self->key_players, cancellable, error))
    return NULL;
  g_debug ("measures: %.3f s (%.3f s CPU in this process)", (g_get_monotonic_time () - t0) / 1e6, cpu_now () - c0);
  if (progress)
    progress (0.5, progress_data);

  ctx.db = reader;
  ctx.graph = graph;
  ctx.opts = &self->opts;
  ctx.from = self->opts.from >= 0 ? self->opts.from : G_MININT64;
  ctx.to = self->opts.to >= 0 ? self->opts.to : G_MAXINT64;
  ctx.cancellable = cancellable;
  ctx.import_files = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ctx.numbers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ctx.findings = g_ptr_array_new_with_free_func ((GDestroyNotify) ls_finding_unref);
  ctx.deal_lines = g_ptr_array_new_with_free_func (ls_deal_line_free);
  ctx.together = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ctx.roles = g_new0 (LsRole, MAX (n, 1));
  ctx.role_confidence = g_new0 (double, MAX (n, 1));

  if (!load_lookups (&ctx, error))
    {
      context_clear (&ctx);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (detectors); i++)
    {
      t0 = g_get_monotonic_time ();
      c0 = cpu_now ();
      if (!detectors[i].run (&ctx, error))
        {
          context_clear (&ctx);
          return NULL;
        }
      g_debug ("%s: %.3f s (%.3f s CPU)", detectors[i].name, (g_get_monotonic_time () - t0) / 1e6, cpu_now () - c0);
      if (progress)
        progress (0.5 + 0.5 * (i + 1) / G_N_ELEMENTS (detectors), progress_data);
    }

  fill_nodes (self, graph, measures, &ctx);
  g_ptr_array_sort (ctx.findings, ls_finding_compare);
  g_ptr_array_extend_and_steal (self->findings, g_steal_pointer (&ctx.findings));
  context_clear (&ctx);

  return g_steal_pointer (&self);
}

const LsAnalysisOptions *
ls_analysis_get_options (LsAnalysis *self)
{
  return &self->opts;
}

guint
ls_analysis_get_n_nodes (LsAnalysis *self)
{
  return self->nodes->len;
}

const LsAnalysisNode *
ls_analysis_get_node (LsAnalysis *self,
                      guint       index)
{
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return &g_array_index (self->nodes, LsAnalysisNode, index);
}

int
ls_analysis_find_node (LsAnalysis *self,
                       const char *key)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->by_key, key)) - 1;
}

const LsKeyPlayers *
ls_analysis_get_key_players (LsAnalysis *self)
{
  return &self->key_players;
}

guint
ls_analysis_get_n_findings (LsAnalysis *self)
{
  return self->findings->len;
}

LsFinding *
ls_analysis_get_finding (LsAnalysis *self,
                         guint       index)
{
  g_return_val_if_fail (index < self->findings->len, NULL);

  return g_ptr_array_index (self->findings, index);
}

GPtrArray *
ls_analysis_list_findings (LsAnalysis *self,
                           const char *type,
                           const char *key)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < self->findings->len; i++)
    {
      LsFinding *f = g_ptr_array_index (self->findings, i);

      if ((type == NULL || g_str_equal (f->type, type)) &&
          (key == NULL || ls_finding_has_subject (f, key)))
        g_ptr_array_add (out, f);
    }

  return out;
}

GArray *
ls_analysis_common_contacts (LsGraph    *graph,
                             const char *key_a,
                             const char *key_b)
{
  GArray *common = g_array_new (FALSE, FALSE, sizeof (guint));
  int a = ls_graph_find_node (graph, key_a);
  int b = ls_graph_find_node (graph, key_b);
  g_autoptr(GHashTable) of_a = g_hash_table_new (NULL, NULL);
  const guint *edges;
  guint n;

  if (a < 0 || b < 0 || a == b)
    return common;

  edges = ls_graph_get_node_edges (graph, (guint) a, &n);
  for (guint i = 0; i < n; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (graph, edges[i]);
      if (!e->attribution)
        g_hash_table_add (of_a, GUINT_TO_POINTER ((e->a == (guint) a ? e->b : e->a) + 1));
    }
  edges = ls_graph_get_node_edges (graph, (guint) b, &n);
  for (guint i = 0; i < n; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (graph, edges[i]);
      guint other = e->a == (guint) b ? e->b : e->a;

      if (!e->attribution && other != (guint) a && g_hash_table_contains (of_a, GUINT_TO_POINTER (other + 1)))
        g_array_append_val (common, other);
    }

  return common;
}
