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
    " SELECT id, start, import_id, source_line FROM calls WHERE caller_id = ?1 AND +callee_id = ?2"
    "  AND start >= ?3 AND start < ?4"
    " UNION ALL SELECT id, start, import_id, source_line FROM calls WHERE callee_id = ?1 AND +caller_id = ?2"
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
static void
shared_handsets (LsDetectContext *ctx,
                 LsDealLine      *d,
                 GHashTable      *nodes)
{
  static const char sql[] =
    "SELECT DISTINCT h2.phone_id FROM handsets h1 JOIN handsets h2"
    " ON h2.imei = h1.imei AND h2.phone_id != h1.phone_id"
    " WHERE h1.phone_id = ?1 AND h2.phone_id IS NOT NULL";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);

  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, d->phone_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int node = ls_detect_node_of_phone (ctx, sqlite3_column_int64 (stmt, 0));
      if (node >= 0 && node != d->node)
        g_hash_table_insert (nodes, GINT_TO_POINTER (node + 1), d);
    }
}

/* A customer calls the deal line, or gets its flares and little else from
 * it: runners are texted orders by it, sometimes in the middle of a
 * flare, but many more texts than flares and they never call it. */
static gboolean
is_customer_of (LsDetectContext *ctx,
                LsDealLine      *d,
                guint            node)
{
  const LsGraphNode *n = ls_graph_get_node (ctx->graph, node);
  guint flares = 0;

  for (guint i = 0; i < n->phone_ids->len; i++)
    {
      gint64 *id = &g_array_index (n->phone_ids, gint64, i);

      if (g_hash_table_contains (d->callers, id))
        return TRUE;
      flares += GPOINTER_TO_UINT (g_hash_table_lookup (d->recipients, id));
    }

  return flares > 0 && d->node >= 0 && link_between (ctx->graph, node, (guint) d->node).from_line <= 2 * flares;
}

static gboolean
is_customer (LsDetectContext *ctx,
             guint            node)
{
  for (guint i = 0; i < ctx->deal_lines->len; i++)
    if (is_customer_of (ctx, g_ptr_array_index (ctx->deal_lines, i), node))
      return TRUE;

  return FALSE;
}

static gboolean
is_deal_line (LsDetectContext *ctx,
              guint            node)
{
  for (guint i = 0; i < ctx->deal_lines->len; i++)
    if (((LsDealLine *) g_ptr_array_index (ctx->deal_lines, i))->node == (int) node)
      return TRUE;

  return FALSE;
}

/* Days node X's phones were on the same cell as deal line D at about the
 * same time (from the co-location detector). */
static guint
days_with_line (LsDetectContext *ctx,
                guint            x,
                LsDealLine      *d)
{
  const LsGraphNode *n = ls_graph_get_node (ctx->graph, x);
  guint days = 0;

  for (guint i = 0; i < n->phone_ids->len; i++)
    days += ls_detect_days_together (ctx, g_array_index (n->phone_ids, gint64, i), d->phone_id);

  return days;
}

/* Calls and texts node X received from deal lines. */
static guint
from_deal_lines (LsDetectContext *ctx,
                 guint            x)
{
  LsGraph *g = ctx->graph;
  guint n_edges, n = 0;
  const guint *edges = ls_graph_get_node_edges (g, x, &n_edges);

  for (guint i = 0; i < n_edges; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
      guint y = e->a == x ? e->b : e->a;

      if (is_deal_line (ctx, y))
        n += link_between (g, x, y).from_line;
    }

  return n;
}

/* Someone the deal line sends orders to: it texts or calls them and they
 * are not a customer (customers are the ones who call it). */
static gboolean
takes_orders (LsDetectContext *ctx,
              guint            x)
{
  return !is_deal_line (ctx, x) && !is_customer (ctx, x) && from_deal_lines (ctx, x) >= 3;
}

/* Who a line holder might be: the deal line is attributed to them, a
 * phone of theirs shared its handset, or their phone keeps being on the
 * deal line's cell when it is used: the line holder carries it. Customers,
 * the people the deal line texts orders to, and the deal lines themselves
 * are never candidates. */
typedef struct {
  guint       days;        /* co-located with any deal line */
  guint       lines;       /* with how many of the deal numbers */
  LsDealLine *handset;     /* shared a handset with this deal line, or NULL */
  LsDealLine *attributed;  /* the deal line is attributed to them */
  guint       order_takers; /* distinct contacts the deal line sends orders to */
  guint       with_head;   /* contacts with the head(s), filled later */
} Candidate;

static guint
count_order_takers (LsDetectContext *ctx,
                    guint            x,
                    const gboolean  *orders)
{
  LsGraph *g = ctx->graph;
  guint n_edges, n = 0;
  const guint *edges = ls_graph_get_node_edges (g, x, &n_edges);

  for (guint i = 0; i < n_edges; i++)
    {
      const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
      guint y = e->a == x ? e->b : e->a;

      n += orders[y] && e->count >= 3;
    }

  return n;
}

static GHashTable *
holder_candidates (LsDetectContext *ctx)
{
  LsGraph *g = ctx->graph;
  GHashTable *candidates = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) handsets = g_hash_table_new (NULL, NULL);
  g_autofree gboolean *orders = g_new0 (gboolean, MAX (ls_graph_get_n_nodes (g), 1));

  for (guint i = 0; i < ctx->deal_lines->len; i++)
    shared_handsets (ctx, g_ptr_array_index (ctx->deal_lines, i), handsets);
  for (guint x = 0; x < ls_graph_get_n_nodes (g); x++)
    orders[x] = takes_orders (ctx, x);

  for (guint x = 0; x < ls_graph_get_n_nodes (g); x++)
    {
      Candidate c = { 0 };

      c.handset = g_hash_table_lookup (handsets, GUINT_TO_POINTER (x + 1));
      if (is_deal_line (ctx, x) || is_customer (ctx, x) || (orders[x] && c.handset == NULL))
        {
          const LsGraphNode *n = ls_graph_get_node (g, x);

          /* An attributed deal line: its person holds it. */
          for (guint i = 0; i < ctx->deal_lines->len && n->kind == LS_NODE_PERSON; i++)
            if (((LsDealLine *) g_ptr_array_index (ctx->deal_lines, i))->node == (int) x)
              c.attributed = g_ptr_array_index (ctx->deal_lines, i);
          if (c.attributed)
            g_hash_table_insert (candidates, GUINT_TO_POINTER (x + 1), g_memdup2 (&c, sizeof c));
          continue;
        }
      for (guint i = 0; i < ctx->deal_lines->len; i++)
        {
          guint days = days_with_line (ctx, x, g_ptr_array_index (ctx->deal_lines, i));

          c.days += days;
          c.lines += days > 0;
        }
      c.order_takers = count_order_takers (ctx, x, orders);
      /* With the deal line, and in charge of the people it gives orders
       * to: a relative living near a holder is with the line too, but
       * talks to one runner at most. */
      if ((c.days >= 3 && c.order_takers >= 3) || c.handset)
        g_hash_table_insert (candidates, GUINT_TO_POINTER (x + 1), g_memdup2 (&c, sizeof c));
    }

  return candidates;
}

static double share_in_cells (LsDetectContext *ctx,
                              guint            x,
                              GHashTable      *cells,
                              guint           *n_days);

/* Head: few contacts, mostly with the line holders (or their candidates),
 * and with more than one of them when there is more than one; never where
 * the line sells (a runner's work phone also talks mostly to holders). */
static void
find_heads (LsDetectContext *ctx,
            GHashTable      *candidates,
            GHashTable      *county,
            GHashTable      *heads)
{
  LsGraph *g = ctx->graph;
  guint n_candidates = g_hash_table_size (candidates);

  for (guint x = 0; x < ls_graph_get_n_nodes (g) && n_candidates > 0; x++)
    {
      const LsGraphNode *n = ls_graph_get_node (g, x);
      guint n_edges, with_holders = 0, holders_seen = 0, proven = 0, away_days;
      const guint *edges = ls_graph_get_node_edges (g, x, &n_edges);
      double frac;
      LsFinding *f;

      if (g_hash_table_contains (candidates, GUINT_TO_POINTER (x + 1)) || is_deal_line (ctx, x) ||
          is_customer (ctx, x) || n_edges == 0 || n_edges > 8 || n->contacts == 0)
        continue;
      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
          guint y = e->a == x ? e->b : e->a;

          Candidate *c = g_hash_table_lookup (candidates, GUINT_TO_POINTER (y + 1));

          if (c != NULL && e->count >= 3)
            {
              with_holders += e->count;
              holders_seen++;
              proven += c->handset != NULL || c->attributed != NULL;
            }
        }
      frac = (double) with_holders / n->contacts;
      /* Someone close to one candidate (a partner, a friend) is not a head:
       * a head talks to several holders, or to one proven by a handset. */
      if ((holders_seen < 2 && proven == 0) || frac < 0.6 ||
          share_in_cells (ctx, x, county, &away_days) >= 0.1 || away_days >= 3)
        continue;

      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
          Candidate *c = g_hash_table_lookup (candidates, GUINT_TO_POINTER ((e->a == x ? e->b : e->a) + 1));

          if (c != NULL && e->count >= 3)
            c->with_head += e->count;
        }
      f = role_finding (ctx, x, LS_ROLE_HEAD, 0.35 + 0.55 * frac * MIN (1.0, holders_seen / 3.0));
      ls_finding_add_reason (f, _("Only %u contacts in all, and %.0f%% of their %" G_GUINT64_FORMAT
                                  " calls and texts are with the %u people who carry the deal line."),
                             n_edges, 100.0 * frac, n->contacts, holders_seen);
      ls_finding_add_reason (f, _("No contact with customers or with the deal line itself: "
                                  "they direct the line through its holders."));
      g_hash_table_add (heads, GUINT_TO_POINTER (x + 1));
      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
          guint y = e->a == x ? e->b : e->a;

          if (g_hash_table_contains (candidates, GUINT_TO_POINTER (y + 1)))
            add_pair_evidence (ctx, f, x, y, ctx->opts->max_evidence);
        }
    }
}

/* Line holders: every candidate, surer with the deal line attributed to
 * them or in their handset, and with the head's calls. */
static void
find_holders (LsDetectContext *ctx,
              GHashTable      *candidates,
              GHashTable      *holders)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, candidates);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint x = GPOINTER_TO_UINT (key) - 1;
      Candidate *c = value;
      double conf = 0.0;
      LsFinding *f;

      if (c->attributed)
        conf = 0.9;
      else if (c->handset)
        conf = 0.75 + 0.15 * (c->with_head > 0);
      else
        conf = 0.45 + 0.2 * MIN (1.0, c->days / 20.0) + 0.2 * MIN (1.0, c->order_takers / 5.0) +
               0.1 * (c->with_head > 0);

      f = role_finding (ctx, x, LS_ROLE_LINE_HOLDER, conf);
      if (c->attributed)
        {
          ls_finding_add_reason (f, _("The deal line %s is attributed to them in the case."), c->attributed->number);
          ls_finding_add_number (f, c->attributed->number);
        }
      if (c->handset)
        {
          ls_finding_add_reason (f, _("A phone of theirs was used in the same handset (IMEI) as the deal line %s."),
                                 c->handset->number);
          ls_finding_add_number (f, c->handset->number);
        }
      if (c->days > 0)
        ls_finding_add_reason (f, _("Their phone was on the same cell as a deal line, within minutes of it being "
                                    "used, on %u days, with %u of its numbers: they carry it."), c->days, c->lines);
      if (c->order_takers > 0)
        ls_finding_add_reason (f, _("In contact with %u people the deal line sends orders to (runners)."),
                               c->order_takers);
      if (c->with_head > 0)
        ls_finding_add_reason (f, _("%u calls and texts with the head of the line."), c->with_head);
      for (guint i = 0; i < ctx->deal_lines->len; i++)
        {
          LsDealLine *d = g_ptr_array_index (ctx->deal_lines, i);

          if (d->node >= 0 && (d == c->handset || days_with_line (ctx, x, d) > 0))
            {
              ls_finding_add_number (f, d->number);
              add_pair_evidence (ctx, f, x, (guint) d->node, ctx->opts->max_evidence);
            }
        }
      g_hash_table_add (holders, GUINT_TO_POINTER (x + 1));
    }
}

/* Cells the deal lines' customers call them from: where the line sells.
 * Twenty thousand calls per number are enough to see every town's cells. */
static GHashTable *
selling_cells (LsDetectContext *ctx)
{
  static const char sql[] =
    "SELECT DISTINCT cell_id FROM (SELECT cell_id FROM calls WHERE callee_id = ?1 AND cell_id IS NOT NULL"
    " AND start >= ?2 AND start < ?3 LIMIT 20000)";
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);
  GHashTable *cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; stmt != NULL && i < ctx->deal_lines->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ((LsDealLine *) g_ptr_array_index (ctx->deal_lines, i))->phone_id);
      sqlite3_bind_int64 (stmt, 2, ctx->from);
      sqlite3_bind_int64 (stmt, 3, ctx->to);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 cell = sqlite3_column_int64 (stmt, 0);
          if (!g_hash_table_contains (cells, &cell))
            g_hash_table_add (cells, g_memdup2 (&cell, sizeof cell));
        }
    }

  return cells;
}

/* The share of node X's own calls made in CELLS, and on how many days. */
static double
share_in_cells (LsDetectContext *ctx,
                guint            x,
                GHashTable      *cells,
                guint           *n_days)
{
  static const char sql[] =
    "SELECT cell_id, (start + 3600) / 86400 AS day, count(*) FROM calls"
    " WHERE caller_id = ?1 AND cell_id IS NOT NULL AND start >= ?2 AND start < ?3 GROUP BY cell_id, day";
  const LsGraphNode *n = ls_graph_get_node (ctx->graph, x);
  g_autoptr(sqlite3_stmt) stmt = ls_detect_prepare (ctx, sql, NULL);
  g_autoptr(GHashTable) days = g_hash_table_new (NULL, NULL);
  guint64 in = 0, all = 0;

  *n_days = 0;
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
          guint64 count = (guint64) sqlite3_column_int64 (stmt, 2);

          all += count;
          if (g_hash_table_contains (cells, &cell))
            {
              in += count;
              g_hash_table_add (days, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 1)));
            }
        }
    }
  *n_days = g_hash_table_size (days);

  return all > 0 ? (double) in / all : 0.0;
}

/* Runner: told what to do by a line holder or sent orders by the deal
 * line, not a customer, and present where the line sells. */
static void
find_runners (LsDetectContext *ctx,
              GHashTable      *holders,
              GHashTable      *county)
{
  LsGraph *g = ctx->graph;

  for (guint x = 0; x < ls_graph_get_n_nodes (g); x++)
    {
      guint from_holders = 0, orders = 0, n_edges, away_days;
      const guint *edges = ls_graph_get_node_edges (g, x, &n_edges);
      int top_holder = -1, top_line = -1;
      double present, conf;
      LsFinding *f;

      if (ctx->roles[x] != LS_ROLE_NONE || is_customer (ctx, x))
        continue;
      for (guint i = 0; i < n_edges; i++)
        {
          const LsGraphEdge *e = ls_graph_get_edge (g, edges[i]);
          guint y = e->a == x ? e->b : e->a;
          Link l = link_between (g, x, y);

          if (g_hash_table_contains (holders, GUINT_TO_POINTER (y + 1)))
            {
              from_holders += l.from_line;
              if (top_holder < 0 || l.from_line > link_between (g, x, (guint) top_holder).from_line)
                top_holder = (int) y;
            }
          if (is_deal_line (ctx, y))
            {
              orders += l.from_line;
              if (top_line < 0 || l.from_line > link_between (g, x, (guint) top_line).from_line)
                top_line = (int) y;
            }
        }
      if (from_holders < 3 && orders < 3)
        continue;
      /* Mostly where the line sells, or there on several days: a child
       * from London is there only on the trips they are sent on. */
      present = share_in_cells (ctx, x, county, &away_days);
      if (present < 0.2 && away_days < 3)
        continue;

      conf = 0.4 + 0.3 * MAX (MIN (1.0, present / 0.6), MIN (1.0, away_days / 15.0)) +
             0.2 * MIN (1.0, (from_holders + orders) / 30.0);
      f = role_finding (ctx, x, LS_ROLE_RUNNER, MIN (0.9, conf));
      if (orders > 0)
        ls_finding_add_reason (f, _("%u calls and texts came to them from the deal line (orders), "
                                    "and they are not among its customers."), orders);
      if (from_holders > 0)
        ls_finding_add_reason (f, _("%u calls and texts came to them from line holders (%s the most)."),
                               from_holders, ls_graph_get_node (g, (guint) top_holder)->label);
      ls_finding_add_reason (f, _("%.0f%% of their calls, on %u different days, were made in the cells the line’s "
                                  "customers call from."), 100.0 * present, away_days);
      if (top_line >= 0)
        {
          const LsGraphNode *line = ls_graph_get_node (g, (guint) top_line);

          for (guint k = 0; line->numbers && line->numbers[k]; k++)
            ls_finding_add_number (f, line->numbers[k]);
          add_pair_evidence (ctx, f, x, (guint) top_line, ctx->opts->max_evidence / 2);
        }
      if (top_holder >= 0)
        add_pair_evidence (ctx, f, x, (guint) top_holder, ctx->opts->max_evidence);
    }
}

/* Customer: receives the line's flares or calls it briefly. */
static void
find_customers (LsDetectContext *ctx,
                LsDealLine      *d,
                GHashTable      *customers)
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

      if (!is_customer_of (ctx, d, x))
        continue;
      if (ctx->roles[x] == LS_ROLE_CUSTOMER)
        {
          /* A customer of several numbers of the line: one finding, all numbers. */
          f = g_hash_table_lookup (customers, GUINT_TO_POINTER (x + 1));
          if (f != NULL)
            {
              ls_finding_add_number (f, d->number);
              ls_finding_add_reason (f, _("Received %u calls and texts from the deal line %s and "
                                          "contacted it %u times."), l.from_line, d->number, l.to_line);
            }
          continue;
        }
      if (ctx->roles[x] != LS_ROLE_NONE)
        continue;
      f = role_finding (ctx, x, LS_ROLE_CUSTOMER,
                        0.45 + 0.3 * MIN (1.0, (l.to_line + l.from_line) / 20.0));
      ls_finding_add_number (f, d->number);
      ls_finding_add_reason (f, _("Received %u calls and texts from the deal line %s (its flares among them) and "
                                  "contacted it %u times."), l.from_line, d->number, l.to_line);
      add_pair_evidence (ctx, f, x, (guint) d->node, MIN (ctx->opts->max_evidence, 5));
      g_hash_table_insert (customers, GUINT_TO_POINTER (x + 1), f);
    }
}

gboolean
ls_detect_roles (LsDetectContext  *ctx,
                 GError          **error)
{
  g_autoptr(GHashTable) candidates = NULL;
  g_autoptr(GHashTable) heads = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) holders = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) county = NULL;
  g_autoptr(GHashTable) customers = g_hash_table_new (NULL, NULL);  /* node + 1 → its finding */

  for (guint i = 0; i < ctx->deal_lines->len; i++)
    {
      LsDealLine *d = g_ptr_array_index (ctx->deal_lines, i);

      if (d->node >= 0 && ls_graph_get_node (ctx->graph, (guint) d->node)->kind == LS_NODE_PHONE)
        {
          ctx->roles[d->node] = LS_ROLE_DEAL_LINE;
          ctx->role_confidence[d->node] = d->finding->confidence;
        }
    }

  county = selling_cells (ctx);
  candidates = holder_candidates (ctx);
  find_heads (ctx, candidates, county, heads);
  find_holders (ctx, candidates, holders);
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return FALSE;

  find_runners (ctx, holders, county);
  for (guint i = 0; i < ctx->deal_lines->len; i++)
    find_customers (ctx, g_ptr_array_index (ctx->deal_lines, i), customers);

  return TRUE;
}
