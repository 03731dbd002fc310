/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsAnalysis as JSON: the command line's output and the case's cache.
 * docs/ANALYSIS.md documents every member; reading accepts what writing
 * produces and refuses anything else with a message saying what is wrong. */
#define G_LOG_DOMAIN "ls-analysis-json"
#include "config.h"

#include <json-glib/json-glib.h>

#include "ls-analysis-private.h"
#include "ls-error.h"
#include "ls-json.h"

#define ANALYSIS_JSON_VERSION 1

static void
add_strings (JsonBuilder *b,
             const char  *member,
             char       **strv,
             guint        n)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_string_value (b, strv[i]);
  json_builder_end_array (b);
}

static void
add_double (JsonBuilder *b,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_double_value (b, value);
}

static void
add_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

static void
add_node (JsonBuilder          *b,
          const LsAnalysisNode *n)
{
  const LsNodeMeasures *m = &n->measures;
  const char *role = ls_role_to_string (n->role);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, n->key);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, n->kind == LS_NODE_PERSON ? "person" : "phone");
  json_builder_set_member_name (b, "label");
  json_builder_add_string_value (b, n->label);
  add_strings (b, "numbers", n->numbers, n->numbers ? g_strv_length (n->numbers) : 0);
  add_int (b, "degree", m->degree);
  add_double (b, "weighted_degree", m->weighted_degree);
  add_double (b, "betweenness", m->betweenness);
  add_double (b, "betweenness_weighted", m->betweenness_weighted);
  add_double (b, "closeness", m->closeness);
  add_double (b, "eigenvector", m->eigenvector);
  add_double (b, "pagerank", m->pagerank);
  add_int (b, "community", m->community);
  json_builder_set_member_name (b, "role");
  if (role)
    json_builder_add_string_value (b, role);
  else
    json_builder_add_null_value (b);
  add_double (b, "role_confidence", n->role_confidence);
  json_builder_set_member_name (b, "victim");
  json_builder_add_boolean_value (b, n->victim);
  json_builder_end_object (b);
}

static void
add_finding (JsonBuilder     *b,
             const LsFinding *f)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, f->type);
  if (f->role)
    {
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, f->role);
    }
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, f->title ? f->title : "");
  add_double (b, "confidence", f->confidence);
  json_builder_set_member_name (b, "child");
  json_builder_add_boolean_value (b, f->child);
  add_strings (b, "subjects", (char **) f->subjects->pdata, f->subjects->len);
  add_strings (b, "numbers", (char **) f->numbers->pdata, f->numbers->len);
  add_strings (b, "reasons", (char **) f->reasons->pdata, f->reasons->len);
  json_builder_set_member_name (b, "evidence");
  json_builder_begin_array (b);
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LsEvidence *e = &g_array_index (f->evidence, LsEvidence, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, ls_evidence_kind_to_string (e->kind));
      add_int (b, "id", e->row_id);
      ls_json_add_time (b, "time", e->when);
      json_builder_set_member_name (b, "file");
      if (e->file)
        json_builder_add_string_value (b, e->file);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "line");
      if (e->line >= 0)
        json_builder_add_int_value (b, e->line);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  add_int (b, "evidence_total", MAX (f->evidence_total, f->evidence->len));
  json_builder_end_object (b);
}

char *
ls_analysis_to_json (LsAnalysis *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const LsKeyPlayers *kp = &self->key_players;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (b);
  add_int (b, "version", ANALYSIS_JSON_VERSION);
  ls_json_add_time (b, "from", self->opts.from);
  ls_json_add_time (b, "to", self->opts.to);
  json_builder_set_member_name (b, "options");
  json_builder_begin_object (b);
  add_int (b, "from", self->opts.from);
  add_int (b, "to", self->opts.to);
  add_int (b, "colocation_window", self->opts.colocation_window);
  add_int (b, "colocation_min", self->opts.colocation_min);
  add_int (b, "max_evidence", self->opts.max_evidence);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->nodes->len; i++)
    add_node (b, &g_array_index (self->nodes, LsAnalysisNode, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "key_players");
  json_builder_begin_array (b);
  for (guint k = 0; k < kp->n_steps; k++)
    json_builder_add_int_value (b, kp->largest_component[k]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "key_players_method");
  json_builder_add_string_value (b, kp->sequential ? "sequential" : "first-ranking");
  add_int (b, "betweenness_sources", kp->betweenness_sources);
  add_int (b, "betweenness_weighted_sources", kp->betweenness_weighted_sources);
  json_builder_set_member_name (b, "key_players_removed");
  json_builder_begin_array (b);
  for (guint k = 0; k + 1 < kp->n_steps; k++)
    json_builder_add_string_value (b, g_array_index (self->nodes, LsAnalysisNode, kp->removed[k]).key);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "findings");
  json_builder_begin_array (b);
  for (guint i = 0; i < self->findings->len; i++)
    add_finding (b, g_ptr_array_index (self->findings, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);

  return json_generator_to_data (gen, NULL);
}

/* Reading back: the cache only ever holds what ls_analysis_to_json wrote,
 * but a damaged or foreign cache entry must fail cleanly, not crash. */

static gboolean
fail (GError    **error,
      const char *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               "The cached analysis is not valid: %s; it will be computed again", what);
  return FALSE;
}

static GStrv
read_strings (JsonObject *o,
              const char *member)
{
  JsonArray *a = json_object_get_array_member (o, member);
  GStrvBuilder *sb = g_strv_builder_new ();
  GStrv out;

  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      const char *s = json_node_get_string (json_array_get_element (a, i));
      if (s)
        g_strv_builder_add (sb, s);
    }
  out = g_strv_builder_end (sb);
  g_strv_builder_unref (sb);

  return out;
}

static gboolean
read_node (JsonObject     *o,
           LsAnalysisNode *n,
           GError        **error)
{
  LsNodeMeasures *m = &n->measures;

  if (!json_object_has_member (o, "id") || !json_object_has_member (o, "label"))
    return fail (error, "a node has no id or label");
  n->key = g_strdup (json_object_get_string_member (o, "id"));
  n->label = g_strdup (json_object_get_string_member (o, "label"));
  n->kind = g_strcmp0 (json_object_get_string_member_with_default (o, "kind", ""), "person") == 0
            ? LS_NODE_PERSON : LS_NODE_PHONE;
  n->numbers = read_strings (o, "numbers");
  n->victim = json_object_get_boolean_member_with_default (o, "victim", FALSE);
  m->degree = (guint) json_object_get_int_member_with_default (o, "degree", 0);
  m->weighted_degree = json_object_get_double_member_with_default (o, "weighted_degree", 0);
  m->betweenness = json_object_get_double_member_with_default (o, "betweenness", 0);
  m->betweenness_weighted = json_object_get_double_member_with_default (o, "betweenness_weighted", 0);
  m->closeness = json_object_get_double_member_with_default (o, "closeness", 0);
  m->eigenvector = json_object_get_double_member_with_default (o, "eigenvector", 0);
  m->pagerank = json_object_get_double_member_with_default (o, "pagerank", 0);
  m->community = (int) json_object_get_int_member_with_default (o, "community", 0);
  n->role = ls_role_from_string (json_object_get_string_member_with_default (o, "role", NULL));
  n->role_confidence = json_object_get_double_member_with_default (o, "role_confidence", 0);

  return n->key != NULL && n->label != NULL ? TRUE : fail (error, "a node's id or label is not text");
}

static LsFinding *
read_finding (JsonObject *o)
{
  LsFinding *f;
  JsonArray *ev;
  g_auto(GStrv) subjects = read_strings (o, "subjects");
  g_auto(GStrv) numbers = read_strings (o, "numbers");
  g_auto(GStrv) reasons = read_strings (o, "reasons");
  const char *type = json_object_get_string_member_with_default (o, "type", NULL);

  if (type == NULL)
    return NULL;
  f = ls_finding_new (type, json_object_get_double_member_with_default (o, "confidence", 0));
  f->role = g_strdup (json_object_get_string_member_with_default (o, "role", NULL));
  f->title = g_strdup (json_object_get_string_member_with_default (o, "title", ""));
  f->child = json_object_get_boolean_member_with_default (o, "child", FALSE);
  for (guint i = 0; subjects[i]; i++)
    ls_finding_add_subject (f, subjects[i]);
  for (guint i = 0; numbers[i]; i++)
    ls_finding_add_number (f, numbers[i]);
  for (guint i = 0; reasons[i]; i++)
    g_ptr_array_add (f->reasons, g_strdup (reasons[i]));
  ev = json_object_get_array_member (o, "evidence");
  for (guint i = 0; ev && i < json_array_get_length (ev); i++)
    {
      JsonObject *e = json_array_get_object_element (ev, i);
      LsEvidenceKind kind;
      const char *time = json_object_get_string_member_with_default (e, "time", NULL);
      g_autoptr(GDateTime) dt = time ? g_date_time_new_from_iso8601 (time, NULL) : NULL;
      JsonNode *line = json_object_get_member (e, "line");

      if (!ls_evidence_kind_from_string (json_object_get_string_member_with_default (e, "kind", ""), &kind))
        continue;
      ls_finding_add_evidence (f, kind, json_object_get_int_member_with_default (e, "id", -1),
                               dt ? g_date_time_to_unix (dt) : -1,
                               json_object_get_string_member_with_default (e, "file", NULL),
                               line && !JSON_NODE_HOLDS_NULL (line) ? json_node_get_int (line) : -1);
    }
  f->evidence_total = (guint) json_object_get_int_member_with_default (o, "evidence_total", f->evidence->len);

  return f;
}

LsAnalysis *
ls_analysis_new_from_json (const char  *json,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LsAnalysis) self = NULL;
  LsAnalysisOptions opts = LS_ANALYSIS_OPTIONS_INIT;
  JsonObject *root, *o;
  JsonArray *a;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return fail (error, "it is not a JSON object"), NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (root, "version", 0) != ANALYSIS_JSON_VERSION)
    return fail (error, "it was written by another version of Linesight"), NULL;

  o = json_object_get_object_member (root, "options");
  if (o)
    {
      opts.from = json_object_get_int_member_with_default (o, "from", -1);
      opts.to = json_object_get_int_member_with_default (o, "to", -1);
      opts.colocation_window = (guint) json_object_get_int_member_with_default (o, "colocation_window", opts.colocation_window);
      opts.colocation_min = (guint) json_object_get_int_member_with_default (o, "colocation_min", opts.colocation_min);
      opts.max_evidence = (guint) json_object_get_int_member_with_default (o, "max_evidence", opts.max_evidence);
    }
  self = ls_analysis_new_empty (&opts);

  a = json_object_get_array_member (root, "nodes");
  if (a == NULL)
    return fail (error, "it has no nodes"), NULL;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      LsAnalysisNode n = { 0 };
      JsonObject *no = json_array_get_object_element (a, i);

      if (no == NULL)
        return fail (error, "a node is not an object"), NULL;
      g_array_append_val (self->nodes, n);
      if (!read_node (no, &g_array_index (self->nodes, LsAnalysisNode, i), error))
        return NULL;
    }
  ls_analysis_index_nodes (self);

  a = json_object_get_array_member (root, "key_players");
  for (guint k = 0; a && k < json_array_get_length (a) && k <= LS_KEY_PLAYERS_MAX; k++)
    {
      self->key_players.largest_component[k] = (guint) json_array_get_int_element (a, k);
      self->key_players.n_steps = k + 1;
    }
  for (guint k = 0; k < LS_KEY_PLAYERS_MAX; k++)
    self->key_players.removed[k] = -1;
  self->key_players.sequential =
    g_strcmp0 (json_object_get_string_member_with_default (root, "key_players_method", ""), "sequential") == 0;
  self->key_players.betweenness_sources = (guint) json_object_get_int_member_with_default (root, "betweenness_sources", 0);
  self->key_players.betweenness_weighted_sources =
    (guint) json_object_get_int_member_with_default (root, "betweenness_weighted_sources", 0);
  a = json_object_get_array_member (root, "key_players_removed");
  for (guint k = 0; a && k < json_array_get_length (a) && k < LS_KEY_PLAYERS_MAX; k++)
    self->key_players.removed[k] = ls_analysis_find_node (self, json_array_get_string_element (a, k));

  a = json_object_get_array_member (root, "findings");
  for (guint i = 0; a && i < json_array_get_length (a); i++)
    {
      JsonObject *fo = json_array_get_object_element (a, i);
      LsFinding *f = fo ? read_finding (fo) : NULL;

      if (f == NULL)
        return fail (error, "a finding has no type"), NULL;
      g_ptr_array_add (self->findings, f);
    }

  return g_steal_pointer (&self);
}
