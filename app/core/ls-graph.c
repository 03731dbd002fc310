/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsGraph: one aggregate query over calls, then a mapping of phones to
 * nodes. SQLite does the grouping, so a million calls cost one scan. */
#define G_LOG_DOMAIN "ls-graph"
#include "config.h"

#include <stdio.h>

#include "ls-case.h"
#include "ls-graph.h"
#include "ls-time.h"

struct _LsGraph
{
  gatomicrefcount  ref_count;
  LsGraphQuery     query;
  GArray          *nodes;       /* LsGraphNode */
  GArray          *edges;       /* LsGraphEdge */
  GHashTable      *by_key;      /* key → index + 1 */
  GHashTable      *by_number;   /* number → index + 1 */
  GArray         **node_edges;  /* per node: guint edge indexes */
  guint           *adjacency;   /* flattened node_edges */
  guint           *adjacency_start;
};

typedef struct {
  gint64  id;
  char   *number;
  gint64  person_id;
  int     node;      /* index into nodes, or -1 until used */
} PhoneRow;

typedef struct {
  gint64   id;
  char    *name;
  char    *dob;
  gboolean vulnerable;
  int      node;
} PersonRow;

static void
node_clear (gpointer data)
{
  LsGraphNode *node = data;

  g_free (node->key);
  g_free (node->label);
  g_strfreev (node->numbers);
  g_clear_pointer (&node->phone_ids, g_array_unref);
  g_free (node->dob);
}

LsGraph *
ls_graph_ref (LsGraph *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
ls_graph_unref (LsGraph *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->nodes);
  g_array_unref (self->edges);
  g_hash_table_unref (self->by_key);
  g_hash_table_unref (self->by_number);
  g_free (self->adjacency);
  g_free (self->adjacency_start);
  g_free (self);
}

static GHashTable *
load_people (sqlite3  *db,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTable *people = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);

  if (sqlite3_prepare_v2 (db, "SELECT id, name, dob, vulnerable FROM people", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the people of the case");
      g_hash_table_unref (people);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PersonRow *p = g_new0 (PersonRow, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->dob = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      p->vulnerable = sqlite3_column_int (stmt, 3) != 0;
      p->node = -1;
      g_hash_table_insert (people, &p->id, p);
    }

  return people;
}

static GHashTable *
load_phones (sqlite3  *db,
             GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTable *phones = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);

  if (sqlite3_prepare_v2 (db, "SELECT id, number, person_id FROM phones", -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the phones of the case");
      g_hash_table_unref (phones);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PhoneRow *p = g_new0 (PhoneRow, 1);

      p->id = sqlite3_column_int64 (stmt, 0);
      p->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      p->person_id = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 2);
      p->node = -1;
      g_hash_table_insert (phones, &p->id, p);
    }

  return phones;
}

static void
person_row_free (gpointer data)
{
  PersonRow *p = data;

  g_free (p->name);
  g_free (p->dob);
  g_free (p);
}

static void
phone_row_free (gpointer data)
{
  PhoneRow *p = data;

  g_free (p->number);
  g_free (p);
}

typedef struct {
  LsGraph    *graph;
  GHashTable *people;
  GHashTable *phones;
  GHashTable *edge_index;   /* (a << 32 | b) → edge index + 1 */
  GHashTable *numbers;      /* node index → GPtrArray of numbers */
} Builder;

static guint
add_node (Builder          *b,
          LsNodeKind        kind,
          gint64            id,
          const char       *label,
          const PersonRow  *person)
{
  LsGraphNode node = { 0 };
  guint index = b->graph->nodes->len;

  node.kind = kind;
  node.id = id;
  node.key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind == LS_NODE_PERSON ? "person" : "phone", id);
  node.label = g_strdup (label);
  node.phone_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  node.person_id = -1;
  node.first = G_MAXINT64;
  node.last = G_MININT64;
  if (person != NULL)
    {
      node.dob = g_strdup (person->dob);
      node.vulnerable = person->vulnerable;
    }
  g_array_append_val (b->graph->nodes, node);
  g_hash_table_insert (b->graph->by_key, g_strdup (node.key), GUINT_TO_POINTER (index + 1));
  g_hash_table_insert (b->numbers, GUINT_TO_POINTER (index), g_ptr_array_new ());

  return index;
}

/* The node a phone's calls belong to, made on first use. */
static guint
node_for_phone (Builder  *b,
                PhoneRow *phone)
{
  LsGraphNode *node;
  PersonRow *person = NULL;

  if (phone->node >= 0)
    return (guint) phone->node;

  if (phone->person_id >= 0)
    person = g_hash_table_lookup (b->people, &phone->person_id);

  if (person != NULL && !b->graph->query.separate_phones)
    {
      if (person->node < 0)
        person->node = (int) add_node (b, LS_NODE_PERSON, person->id, person->name, person);
      phone->node = person->node;
    }
  else
    {
      phone->node = (int) add_node (b, LS_NODE_PHONE, phone->id, phone->number, NULL);
      if (person != NULL)
        {
          node = &g_array_index (b->graph->nodes, LsGraphNode, phone->node);
          node->person_id = person->id;
        }
    }

  node = &g_array_index (b->graph->nodes, LsGraphNode, phone->node);
  g_array_append_val (node->phone_ids, phone->id);
  g_ptr_array_add (g_hash_table_lookup (b->numbers, GINT_TO_POINTER (phone->node)), phone->number);
  g_hash_table_insert (b->graph->by_number, g_strdup (phone->number), GUINT_TO_POINTER (phone->node + 1));

  return (guint) phone->node;
}

static LsGraphEdge *
edge_for_pair (Builder *b,
               guint    x,
               guint    y)
{
  guint a = MIN (x, y), c = MAX (x, y);
  guint64 pair = ((guint64) a << 32) | c;
  gpointer found = g_hash_table_lookup (b->edge_index, &pair);
  LsGraphEdge edge = { 0 };
  guint64 *key;

  if (found != NULL)
    return &g_array_index (b->graph->edges, LsGraphEdge, GPOINTER_TO_UINT (found) - 1);

  edge.a = a;
  edge.b = c;
  edge.first = G_MAXINT64;
  edge.last = G_MININT64;
  g_array_append_val (b->graph->edges, edge);
  key = g_new (guint64, 1);
  *key = pair;
  g_hash_table_insert (b->edge_index, key, GUINT_TO_POINTER (b->graph->edges->len));

  return &g_array_index (b->graph->edges, LsGraphEdge, b->graph->edges->len - 1);
}

static gboolean
aggregate_calls (Builder       *b,
                 sqlite3       *db,
                 GCancellable  *cancellable,
                 GError       **error)
{
  static const char sql[] =
    "SELECT caller_id, callee_id, kind, count(*), min(start), max(start) FROM calls"
    " WHERE caller_id IS NOT NULL AND callee_id IS NOT NULL"
    " AND start >= ?1 AND start < ?2"
    " GROUP BY caller_id, callee_id, kind";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const LsGraphQuery *q = &b->graph->query;
  guint rows = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ls_sqlite_set_error (db, error, "Cannot read the calls of the case");
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, q->from >= 0 ? q->from : G_MININT64);
  sqlite3_bind_int64 (stmt, 2, q->to >= 0 ? q->to : G_MAXINT64);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 caller = sqlite3_column_int64 (stmt, 0);
      gint64 callee = sqlite3_column_int64 (stmt, 1);
      gboolean sms = sqlite3_column_int (stmt, 2) == 1;
      guint count = (guint) sqlite3_column_int64 (stmt, 3);
      gint64 first = sqlite3_column_int64 (stmt, 4);
      gint64 last = sqlite3_column_int64 (stmt, 5);
      PhoneRow *from_phone = g_hash_table_lookup (b->phones, &caller);
      PhoneRow *to_phone = g_hash_table_lookup (b->phones, &callee);
      LsGraphEdge *edge;
      guint x, y;
      gboolean forward;

      if ((++rows & 0xfff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (from_phone == NULL || to_phone == NULL)
        continue;

      x = node_for_phone (b, from_phone);
      y = node_for_phone (b, to_phone);
      if (x == y)
        continue;

      edge = edge_for_pair (b, x, y);
      forward = x < y;
      if (sms)
        *(forward ? &edge->sms_ab : &edge->sms_ba) += count;
      else
        *(forward ? &edge->voice_ab : &edge->voice_ba) += count;
      edge->count += count;
      edge->first = MIN (edge->first, first);
      edge->last = MAX (edge->last, last);
    }

  if (rc != SQLITE_DONE)
    {
      ls_sqlite_set_error (db, error, "Cannot read the calls of the case");
      return FALSE;
    }

  return TRUE;
}

/* Drops edges under the threshold and the nodes left with none, then
 * renumbers so the arrays stay dense. */
static void
filter_and_index (Builder *b)
{
  LsGraph *g = b->graph;
  g_autoptr(GArray) old_nodes = g->nodes;
  g_autoptr(GArray) old_edges = g->edges;
  g_autofree int *remap = g_new (int, old_nodes->len);
  guint *degree;

  g_array_set_clear_func (old_nodes, NULL);
  for (guint i = 0; i < old_nodes->len; i++)
    remap[i] = -1;

  g->nodes = g_array_new (FALSE, TRUE, sizeof (LsGraphNode));
  g_array_set_clear_func (g->nodes, node_clear);
  g->edges = g_array_new (FALSE, TRUE, sizeof (LsGraphEdge));

  for (guint i = 0; i < old_edges->len; i++)
    {
      const LsGraphEdge *e = &g_array_index (old_edges, LsGraphEdge, i);

      if (e->count < MAX (g->query.min_contacts, 1) && !e->attribution)
        continue;
      remap[e->a] = remap[e->a] < 0 ? -2 : remap[e->a];
      remap[e->b] = remap[e->b] < 0 ? -2 : remap[e->b];
    }

  g_hash_table_remove_all (g->by_key);
  g_hash_table_remove_all (g->by_number);
  for (guint i = 0; i < old_nodes->len; i++)
    {
      LsGraphNode *n = &g_array_index (old_nodes, LsGraphNode, i);
      GPtrArray *numbers = g_hash_table_lookup (b->numbers, GUINT_TO_POINTER (i));

      if (remap[i] == -1)
        {
          node_clear (n);
          continue;
        }
      remap[i] = (int) g->nodes->len;
      g_ptr_array_add (numbers, NULL);
      n->numbers = g_strdupv ((char **) numbers->pdata);
      for (guint k = 0; n->numbers[k]; k++)
        g_hash_table_insert (g->by_number, g_strdup (n->numbers[k]), GUINT_TO_POINTER (remap[i] + 1));
      g_hash_table_insert (g->by_key, g_strdup (n->key), GUINT_TO_POINTER (remap[i] + 1));
      g_array_append_val (g->nodes, *n);
    }

  for (guint i = 0; i < old_edges->len; i++)
    {
      LsGraphEdge e = g_array_index (old_edges, LsGraphEdge, i);
      LsGraphNode *na, *nb;

      if (e.count < MAX (g->query.min_contacts, 1) && !e.attribution)
        continue;
      e.a = (guint) remap[e.a];
      e.b = (guint) remap[e.b];
      na = &g_array_index (g->nodes, LsGraphNode, e.a);
      nb = &g_array_index (g->nodes, LsGraphNode, e.b);
      if (!e.attribution)
        {
          na->contacts += e.count;
          nb->contacts += e.count;
          na->first = MIN (na->first, e.first);
          nb->first = MIN (nb->first, e.first);
          na->last = MAX (na->last, e.last);
          nb->last = MAX (nb->last, e.last);
        }
      g_array_append_val (g->edges, e);
    }

  /* Adjacency as one flat array: node i's edges are
   * adjacency[adjacency_start[i] .. adjacency_start[i+1]). */
  degree = g_new0 (guint, g->nodes->len + 1);
  for (guint i = 0; i < g->edges->len; i++)
    {
      const LsGraphEdge *e = &g_array_index (g->edges, LsGraphEdge, i);
      degree[e->a + 1]++;
      degree[e->b + 1]++;
    }
  for (guint i = 0; i < g->nodes->len; i++)
    degree[i + 1] += degree[i];
  g->adjacency_start = degree;
  g->adjacency = g_new (guint, MAX (g->edges->len * 2, 1));
  {
    g_autofree guint *fill = g_memdup2 (degree, sizeof (guint) * (g->nodes->len + 1));

    for (guint i = 0; i < g->edges->len; i++)
      {
        const LsGraphEdge *e = &g_array_index (g->edges, LsGraphEdge, i);
        g->adjacency[fill[e->a]++] = i;
        g->adjacency[fill[e->b]++] = i;
      }
  }
}

/* With phones shown separately, each attributed phone is linked to its
 * person, who appears even without calls of their own. */
static void
add_attribution_links (Builder *b)
{
  guint n = b->graph->nodes->len;

  for (guint i = 0; i < n; i++)
    {
      LsGraphNode *node = &g_array_index (b->graph->nodes, LsGraphNode, i);
      PersonRow *person;
      LsGraphEdge *edge;
      gint64 pid = node->person_id;

      if (node->kind != LS_NODE_PHONE || pid < 0)
        continue;
      person = g_hash_table_lookup (b->people, &pid);
      if (person == NULL)
        continue;
      if (person->node < 0)
        person->node = (int) add_node (b, LS_NODE_PERSON, person->id, person->name, person);
      edge = edge_for_pair (b, i, (guint) person->node);
      edge->attribution = TRUE;
      edge->first = 0;
      edge->last = 0;
    }
}

LsGraph *
ls_graph_build (sqlite3             *db,
                const LsGraphQuery  *query,
                GCancellable        *cancellable,
                GError             **error)
{
  static const LsGraphQuery defaults = LS_GRAPH_QUERY_INIT;
  g_autoptr(LsGraph) graph = g_new0 (LsGraph, 1);
  Builder b = { graph };
  gboolean ok;

  g_return_val_if_fail (db != NULL, NULL);

  g_atomic_ref_count_init (&graph->ref_count);
  graph->query = query ? *query : defaults;
  graph->nodes = g_array_new (FALSE, TRUE, sizeof (LsGraphNode));
  g_array_set_clear_func (graph->nodes, node_clear);
  graph->edges = g_array_new (FALSE, TRUE, sizeof (LsGraphEdge));
  graph->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  graph->by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  b.people = load_people (db, error);
  if (b.people == NULL)
    return NULL;
  b.phones = load_phones (db, error);
  if (b.phones == NULL)
    {
      g_hash_table_unref (b.people);
      return NULL;
    }
  b.edge_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  b.numbers = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  ok = aggregate_calls (&b, db, cancellable, error);
  if (ok)
    {
      if (graph->query.separate_phones)
        add_attribution_links (&b);
      filter_and_index (&b);
    }

  g_hash_table_unref (b.edge_index);
  g_hash_table_unref (b.numbers);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, b.people);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      person_row_free (value);
    g_hash_table_iter_init (&iter, b.phones);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      phone_row_free (value);
  }
  g_hash_table_unref (b.people);
  g_hash_table_unref (b.phones);

  return ok ? g_steal_pointer (&graph) : NULL;
}

const LsGraphQuery *
ls_graph_get_query (LsGraph *self)
{
  return &self->query;
}

guint
ls_graph_get_n_nodes (LsGraph *self)
{
  return self->nodes->len;
}

const LsGraphNode *
ls_graph_get_node (LsGraph *self,
                   guint    index)
{
  g_return_val_if_fail (index < self->nodes->len, NULL);

  return &g_array_index (self->nodes, LsGraphNode, index);
}

guint
ls_graph_get_n_edges (LsGraph *self)
{
  return self->edges->len;
}

const LsGraphEdge *
ls_graph_get_edge (LsGraph *self,
                   guint    index)
{
  g_return_val_if_fail (index < self->edges->len, NULL);

  return &g_array_index (self->edges, LsGraphEdge, index);
}

int
ls_graph_find_node (LsGraph    *self,
                    const char *key)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->by_key, key)) - 1;
}

int
ls_graph_find_number (LsGraph    *self,
                      const char *number)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->by_number, number)) - 1;
}

const guint *
ls_graph_get_node_edges (LsGraph *self,
                         guint    index,
                         guint   *n_edges)
{
  g_return_val_if_fail (index < self->nodes->len, NULL);

  *n_edges = self->adjacency_start[index + 1] - self->adjacency_start[index];
  return self->adjacency + self->adjacency_start[index];
}

/* Age in whole years on the day of WHEN (UK time), or -1 without a date of birth. */
int
ls_graph_node_age_at (const LsGraphNode *node,
                      gint64             when)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int y, m, d, age;

  if (node->dob == NULL || sscanf (node->dob, "%d-%d-%d", &y, &m, &d) != 3)
    return -1;

  utc = g_date_time_new_from_unix_utc (when);
  if (utc == NULL)
    return -1;
  local = g_date_time_to_timezone (utc, ls_time_zone_london ());
  age = g_date_time_get_year (local) - y;
  if (g_date_time_get_month (local) < m ||
      (g_date_time_get_month (local) == m && g_date_time_get_day_of_month (local) < d))
    age--;

  return age;
}

gboolean
ls_graph_node_is_victim (const LsGraphNode *node,
                         gint64             when)
{
  int age = ls_graph_node_age_at (node, when);

  return node->vulnerable || (age >= 0 && age < 18);
}
