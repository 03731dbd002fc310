/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Roles around each deal line: who holds it, who runs for it, who buys
 * from it, and who directs the holders. Each role is a finding with its
 * reasons, so an analyst can say why a person was placed where they are.
 * For a child or vulnerable adult the reasons say first that they are at
 * risk: the role describes how they are being exploited, not what they are. */
#define G_LOG_DOMAIN "ls-detect-roles"
#include "config.h"

#include <glib/gi18n.h>

#include "ls-detect.h"

typedef struct {
  guint    to_line;     /* contacts from the node to the deal line */
  guint    from_line;   /* and from the deal line to the node */
} Link;

/* Contacts between node X and node Y, in each direction. */
static Link
link_between (LsGraph *g,
              guint    x,
              guint    y)
{
  Link l = { 0, 0 };
  guint n;
  const guint *edges = ls_graph_get_node_edges (g, x, &n);

  for (guint i = 0; i < n; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
      guint other = e->a == x ? e->b : e->a;

      if (other != y || e->attribution)
        continue;
      if (e->a == x)
        {
          l.to_line = e->voice_ab + e->sms_ab;
          l.from_line = e->voice_ba + e->sms_ba;
        }
      else
        {
          l.to_line = e->voice_ba + e->sms_ba;
          l.from_line = e->voice_ab + e->sms_ab;
        }
    }

  return l;
}

static guint
contacts_between (LsGraph *g,
                  guint    x,
                  guint    y)
{
  Link l = link_between (g, x, y);

  return l.to_line + l.from_line;
}

/* Evidence: the calls between the phones of node X and phone PHONE_ID
 * (or any phone of node Y when PHONE_ID is -1), through the indexes on
 * X's side, so a busy deal line is never scanned whole. */
static void
add_pair_evidence (LsDetectContext *ctx,
                   LsFinding       *f,
                   guint            x,
                   guint            y,
                   guint            limit)
{
  static const char sql[] =
    "SELECT id, start, import_id, source_line FROM ("
    " SELECT id, start, import_id, source_line FROM calls WHERE caller_id = ?1 AND callee_id = ?2"
    "  AND start >= ?3 AND start < ?4"
    " UNION ALL SELECT id, start, import_id, source_line FROM calls WHERE callee_id = ?1 AND caller_id = ?2"
    "  AND start >= ?3 AND start < ?4) ORDER BY start LIMIT ?5";
  const LsGraphNode *nx = ls_graph_get_node (ctx->graph, x);
  const LsGraphNode *ny = ls_graph_get_node (ctx->graph, y);
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);

  if (stmt == NULL)
    return;
  for (guint i = 0; i < nx->phone_ids->len; i++)
    for (guint j = 0; j < ny->phone_ids->len; j++)
      {
        guint room = limit > f->evidence->len ? limit - f->evidence->len : 0;

        if (room == 0)
          return;
        sqlite3_reset (stmt);
        sqlite3_bind_int64 (stmt, 1, g_array_index (nx->phone_ids, gint64, i));
        sqlite3_bind_int64 (stmt, 2, g_array_index (ny->phone_ids, gint64, j));
        sqlite3_bind_int64 (stmt, 3, ctx->from);
        sqlite3_bind_int64 (stmt, 4, ctx->to);
        sqlite3_bind_int (stmt, 5, (int) room);
        ls_detect_add_evidence (ctx, f, LS_EVIDENCE_CALL, stmt);
      }
}

static LsFinding *
role_finding (LsDetectContext *ctx,
              guint            node,
              LsRole           role,
              double           confidence)
{
  const LsGraphNode *n = ls_graph_get_node (ctx->graph, node);
  LsFinding *f = ls_finding_new (LS_FINDING_ROLE, confidence);

  f->role = g_strdup (ls_role_to_string (role));
  f->child = ls_graph_node_is_victim (n, n->last > 0 ? n->last : g_get_real_time () / G_USEC_PER_SEC);
  ls_finding_add_subject (f, n->key);
  for (guint i = 0; n->numbers && n->numbers[i]; i++)
    ls_finding_add_number (f, n->numbers[i]);
  if (f->child)
    {
      int age = ls_graph_node_age_at (n, n->last);

      ls_finding_set_title (f, _("%s: child or vulnerable adult at risk of criminal exploitation"), n->label);
      if (age >= 0 && age < 18)
        ls_finding_add_reason (f, _("%s is a child (%d years old at the last contact) and is at risk of "
                                    "criminal exploitation: the pattern below is how they are being used."),
                               n->label, age);
      else
        ls_finding_add_reason (f, _("%s is recorded as a vulnerable adult and is at risk of criminal "
                                    "exploitation: the pattern below is how they are being used."), n->label);
    }
  else
    {
      ls_finding_set_title (f, "%s: %s", n->label, ls_role_to_string (role));
    }
  ctx->roles[node] = role;
  ctx->role_confidence[node] = f->confidence;
  g_ptr_array_add (ctx->findings, f);

  return f;
}

/* Phones that shared a handset (IMEI) with the deal line. */
static GHashTable *
shared_handsets (LsDetectContext *ctx,
                 LsDealLine      *d)
{
  static const char sql[] =
    "SELECT DISTINCT h2.phone_id FROM handsets h1 JOIN handsets h2"
    " ON h2.imei = h1.imei AND h2.phone_id != h1.phone_id"
    " WHERE h1.phone_id = ?1 AND h2.phone_id IS NOT NULL";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);
  GHashTable *nodes = g_hash_table_new (NULL, NULL);

  if (stmt == NULL)
    return nodes;
  sqlite3_bind_int64 (stmt, 1, d->phone_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int node = ls_detect_node_of_phone (ctx, sqlite3_column_int64 (stmt, 0));
      if (node >= 0 && node != d->node)
        g_hash_table_add (nodes, GINT_TO_POINTER (node + 1));
    }

  return nodes;
}

static gboolean
is_customer_of (LsDetectContext *ctx,
                LsDealLine      *d,
                guint            node)
{
  const LsGraphNode *n = ls_graph_get_node (ctx->graph, node);

  for (guint i = 0; i < n->phone_ids->len; i++)
    {
      gint64 *id = &g_array_index (n->phone_ids, gint64, i);
      if (g_hash_table_contains (d->recipients, id) || g_hash_table_contains (d->callers, id))
        return TRUE;
    }

  return FALSE;
}

/* Line holder: the deal line is attributed to them, or was used in their
 * handset, or they are its main non-customer contact. */
static void
find_holders (LsDetectContext *ctx,
              LsDealLine      *d,
              GHashTable      *holders)
{
  LsGraph *g = ctx->graph;
  const LsGraphNode *line = ls_graph_get_node (g, (guint) d->node);
  g_autoptr(GHashTable) shared = NULL;
  guint n_edges;
  const guint *edges;

  if (line->kind == LS_NODE_PERSON)
    {
      LsFinding *f = role_finding (ctx, (guint) d->node, LS_ROLE_LINE_HOLDER, 0.9);

      ls_finding_add_reason (f, _("The deal line %s is attributed to %s in the case."), d->number, line->label);
      ls_finding_add_number (f, d->number);
      g_hash_table_add (holders, GINT_TO_POINTER (d->node + 1));
      return;
    }

  ctx->roles[d->node] = LS_ROLE_DEAL_LINE;
  ctx->role_confidence[d->node] = d->finding->confidence;
  shared = shared_handsets (ctx, d);
  edges = ls_graph_get_node_edges (g, (guint) d->node, &n_edges);
  for (guint i = 0; i < n_edges; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
      guint x = e->a == (guint) d->node ? e->b : e->a;
      gboolean handset = g_hash_table_contains (shared, GINT_TO_POINTER (x + 1));
      Link l = link_between (g, x, (guint) d->node);
      guint total = l.to_line + l.from_line;
      double score = 0.0;
      LsFinding *f;

      if (handset)
        score += 0.6;
      if (!is_customer_of (ctx, d, x) && total >= 10)
        score += 0.3 * MIN (1.0, total / 50.0);
      if (score < 0.3 || ctx->roles[x] == LS_ROLE_LINE_HOLDER)
        continue;

      f = role_finding (ctx, x, LS_ROLE_LINE_HOLDER, MIN (0.95, 0.3 + score));
      ls_finding_add_number (f, d->number);
      if (handset)
        ls_finding_add_reason (f, _("A phone of theirs was used in the same handset (IMEI) as the deal line %s."),
                               d->number);
      if (total > 0)
        ls_finding_add_reason (f, _("%u contacts with the deal line %s, and none of them are a customer’s."),
                               total, d->number);
      add_pair_evidence (ctx, f, x, (guint) d->node, ctx->opts->max_evidence);
      g_hash_table_add (holders, GINT_TO_POINTER (x + 1));
    }
}

/* Head: few contacts, mostly with the line holders. */
static void
find_heads (LsDetectContext *ctx,
            GHashTable      *holders)
{
  LsGraph *g = ctx->graph;
  guint n_holders = g_hash_table_size (holders);

  if (n_holders == 0)
    return;

  for (guint x = 0; x < ls_graph_get_n_nodes (g); x++)
    {
      const LsGraphNode *n = ls_graph_get_node (g, x);
      guint n_edges, with_holders = 0, holders_seen = 0;
      const guint *edges = ls_graph_get_node_edges (g, x, &n_edges);
      double frac;
      LsFinding *f;

      if (ctx->roles[x] != LS_ROLE_NONE || n_edges == 0 || n_edges > 8 || n->contacts == 0)
        continue;
      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
          guint y = e->a == x ? e->b : e->a;

          if (g_hash_table_contains (holders, GINT_TO_POINTER (y + 1)))
            {
              with_holders += e->count;
              holders_seen++;
            }
        }
      frac = (double) with_holders / n->contacts;
      if (holders_seen == 0 || frac < 0.6 || with_holders < 5)
        continue;

      f = role_finding (ctx, x, LS_ROLE_HEAD,
                        0.35 + 0.5 * frac * ((double) holders_seen / n_holders));
      ls_finding_add_reason (f, _("Only %u contacts in all, and %.0f%% of their %" G_GUINT64_FORMAT
                                  " calls and texts are with line holders (%u of %u)."),
                             n_edges, 100.0 * frac, n->contacts, holders_seen, n_holders);
      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
          guint y = e->a == x ? e->b : e->a;

          if (g_hash_table_contains (holders, GINT_TO_POINTER (y + 1)))
            add_pair_evidence (ctx, f, x, y, ctx->opts->max_evidence);
        }
    }
}

/* Cells the deal line was used in: where the line sells. */
static GHashTable *
line_cells (LsDetectContext *ctx,
            LsDealLine      *d)
{
  static const char sql[] =
    "SELECT DISTINCT cell_id FROM calls WHERE caller_id = ?1 AND cell_id IS NOT NULL"
    " AND start >= ?2 AND start < ?3";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);
  GHashTable *cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (stmt == NULL)
    return cells;
  sqlite3_bind_int64 (stmt, 1, d->phone_id);
  sqlite3_bind_int64 (stmt, 2, ctx->from);
  sqlite3_bind_int64 (stmt, 3, ctx->to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 cell = sqlite3_column_int64 (stmt, 0);
      g_hash_table_add (cells, g_memdup2 (&cell, sizeof cell));
    }

  return cells;
}

/* The share of node X's own calls made in CELLS. */
static double
share_in_cells (LsDetectContext *ctx,
                guint            x,
                GHashTable      *cells)
{
  static const char sql[] =
    "SELECT cell_id, count(*) FROM calls WHERE caller_id = ?1 AND cell_id IS NOT NULL"
    " AND start >= ?2 AND start < ?3 GROUP BY cell_id";
  const LsGraphNode *n = ls_graph_get_node (ctx->graph, x);
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);
  guint64 in = 0, all = 0;

  if (stmt == NULL)
    return 0.0;
  for (guint i = 0; i < n->phone_ids->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, g_array_index (n->phone_ids, gint64, i));
      sqlite3_bind_int64 (stmt, 2, ctx->from);
      sqlite3_bind_int64 (stmt, 3, ctx->to);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 cell = sqlite3_column_int64 (stmt, 0);
          guint64 count = (guint64) sqlite3_column_int64 (stmt, 1);

          all += count;
          if (g_hash_table_contains (cells, &cell))
            in += count;
        }
    }

  return all > 0 ? (double) in / all : 0.0;
}

/* Runner: told what to do by a line holder (or by the deal line), and
 * present where the line sells. */
static void
find_runners (LsDetectContext *ctx,
              LsDealLine      *d,
              GHashTable      *holders,
              GHashTable      *county)
{
  LsGraph *g = ctx->graph;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, holders);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint h = GPOINTER_TO_UINT (key) - 1;
      guint n_edges;
      const guint *edges = ls_graph_get_node_edges (g, h, &n_edges);

      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
          guint x = e->a == h ? e->b : e->a;
          Link from_holder = link_between (g, x, h);
          guint with_line = d->node >= 0 ? contacts_between (g, x, (guint) d->node) : 0;
          double present, conf;
          LsFinding *f;

          if (ctx->roles[x] != LS_ROLE_NONE || from_holder.from_line < 3 ||
              (is_customer_of (ctx, d, x) && with_line < 10))
            continue;
          present = share_in_cells (ctx, x, county);
          if (present < 0.2)
            continue;

          conf = 0.4 + 0.3 * MIN (1.0, present / 0.6) + 0.2 * MIN (1.0, from_holder.from_line / 30.0);
          f = role_finding (ctx, x, LS_ROLE_RUNNER, MIN (0.9, conf));
          ls_finding_add_number (f, d->number);
          ls_finding_add_reason (f, _("%u calls and texts came to them from the line holder %s."),
                                 from_holder.from_line, ls_graph_get_node (g, h)->label);
          ls_finding_add_reason (f, _("%.0f%% of their calls were made in cells where the deal line %s is used."),
                                 100.0 * present, d->number);
          if (with_line > 0)
            ls_finding_add_reason (f, _("%u contacts with the deal line itself."), with_line);
          add_pair_evidence (ctx, f, x, h, ctx->opts->max_evidence / 2);
          if (d->node >= 0)
            add_pair_evidence (ctx, f, x, (guint) d->node, ctx->opts->max_evidence);
        }
    }
}

/* Customer: receives the line's flares or calls it briefly. */
static void
find_customers (LsDetectContext *ctx,
                LsDealLine      *d)
{
  LsGraph *g = ctx->graph;
  guint n_edges;
  const guint *edges;

  if (d->node < 0)
    return;
  edges = ls_graph_get_node_edges (g, (guint) d->node, &n_edges);
  for (guint i = 0; i < n_edges; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
      guint x = e->a == (guint) d->node ? e->b : e->a;
      Link l = link_between (g, x, (guint) d->node);
      LsFinding *f;

      if (ctx->roles[x] != LS_ROLE_NONE || !is_customer_of (ctx, d, x))
        continue;
      f = role_finding (ctx, x, LS_ROLE_CUSTOMER,
                        0.45 + 0.3 * MIN (1.0, (l.to_line + l.from_line) / 20.0));
      ls_finding_add_number (f, d->number);
      ls_finding_add_reason (f, _("Received %u texts from the deal line %s (its flares among them) and "
                                  "contacted it %u times."), l.from_line, d->number, l.to_line);
      add_pair_evidence (ctx, f, x, (guint) d->node, MIN (ctx->opts->max_evidence, 10));
    }
}

gboolean
ls_detect_roles (LsDetectContext  *ctx,
                 GError          **error)
{
  g_autoptr(GHashTable) holders = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < ctx->deal_lines->len; i++)
    {
      LsDealLine *d = g_ptr_array_index (ctx->deal_lines, i);
      if (d->node >= 0)
        find_holders (ctx, d, holders);
    }
  find_heads (ctx, holders);
  for (guint i = 0; i < ctx->deal_lines->len; i++)
    {
      LsDealLine *d = g_ptr_array_index (ctx->deal_lines, i);
      g_autoptr(GHashTable) county = line_cells (ctx, d);

      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
      find_runners (ctx, d, holders, county);
    }
  for (guint i = 0; i < ctx->deal_lines->len; i++)
    find_customers (ctx, g_ptr_array_index (ctx->deal_lines, i));

  return TRUE;
}
