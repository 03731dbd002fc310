/* SPDX-License-Identifier: GPL-3.0-or-later */
/* LsGraph: the contact graph of a case for a date range: people (with their
 * attributed phones merged in, or shown separately) and unattributed phones
 * as nodes; all calls and SMS between a pair aggregated into one edge.
 * Built off the main thread from a reader connection; immutable once built,
 * so any thread may read it. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef enum {
  LS_NODE_PERSON,
  LS_NODE_PHONE,
} LsNodeKind;

typedef struct {
  LsNodeKind  kind;
  gint64      id;          /* people.id or phones.id */
  char       *key;         /* "person:ID" or "phone:ID": stable, used by caches and selection */
  char       *label;       /* the person's name, or the phone's number */
  GStrv       numbers;     /* E.164 numbers merged into this node */
  GArray     *phone_ids;   /* gint64 phones.id merged into this node */
  char       *dob;         /* YYYY-MM-DD, or NULL */
  gboolean    vulnerable;  /* flagged as a vulnerable adult */
  gint64      person_id;   /* a phone node's attributed person, or -1 */
  guint64     contacts;    /* all contacts on all its edges */
  gint64      first;       /* first and last contact, unix seconds UTC */
  gint64      last;
} LsGraphNode;

typedef struct {
  guint       a;           /* node indexes, a < b */
  guint       b;
  guint       voice_ab;    /* counts by kind and direction */
  guint       voice_ba;
  guint       sms_ab;
  guint       sms_ba;
  guint       count;       /* all contacts */
  gint64      first;
  gint64      last;
  gboolean    attribution; /* a person–phone attribution link, not contact */
} LsGraphEdge;

typedef struct {
  gint64      from;            /* unix seconds UTC, inclusive; -1 for open */
  gint64      to;              /* exclusive; -1 for open */
  gboolean    separate_phones; /* phones as their own nodes with attribution links */
  guint       min_contacts;    /* drop edges with fewer contacts */
} LsGraphQuery;

#define LS_GRAPH_QUERY_INIT { -1, -1, FALSE, 1 }

typedef struct _LsGraph LsGraph;

LsGraph           *ls_graph_build          (sqlite3            *db,
                                            const LsGraphQuery *query,
                                            GCancellable       *cancellable,
                                            GError            **error);
LsGraph           *ls_graph_ref            (LsGraph            *self);
void               ls_graph_unref          (LsGraph            *self);
const LsGraphQuery *ls_graph_get_query     (LsGraph            *self);
guint              ls_graph_get_n_nodes    (LsGraph            *self);
const LsGraphNode *ls_graph_get_node       (LsGraph            *self,
                                            guint               index);
guint              ls_graph_get_n_edges    (LsGraph            *self);
const LsGraphEdge *ls_graph_get_edge       (LsGraph            *self,
                                            guint               index);
int                ls_graph_find_node      (LsGraph            *self,
                                            const char         *key);
int                ls_graph_find_number    (LsGraph            *self,
                                            const char         *number);
/* Edges of one node, as indexes into the edge array. */
const guint       *ls_graph_get_node_edges (LsGraph            *self,
                                            guint               index,
                                            guint              *n_edges);
int                ls_graph_node_age_at    (const LsGraphNode  *node,
                                            gint64              when);
gboolean           ls_graph_node_is_victim (const LsGraphNode  *node,
                                            gint64              when);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LsGraph, ls_graph_unref)

G_END_DECLS
