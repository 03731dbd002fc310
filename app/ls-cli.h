/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line: subcommands that run headless on the core and render
 * libraries and never open a display. Each lives in ls-cli-NAME.c. */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

G_BEGIN_DECLS

typedef int (*LsCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char       *name;
  const char       *summary;
  LsCliCommandFunc  run;
} LsCliCommand;

gboolean ls_cli_is_command  (const char  *name);
int      ls_cli_run         (int          argc,
                             char       **argv);
void     ls_cli_print_usage (FILE        *out);
int      ls_cli_fail        (GError      *error);
gboolean ls_cli_parse       (GOptionContext *context,
                             int         *argc,
                             char      ***argv,
                             GError     **error);

gboolean ls_cli_parse_date  (const char  *option,
                             const char  *value,
                             gboolean     end_of_day,
                             gint64      *out,
                             GError     **error);

/* JSON output shared by the commands: a string member that is null when
 * VALUE is NULL, and the whole object printed to standard output. */
void     ls_cli_json_set_string (JsonBuilder *builder,
                                 const char  *member,
                                 const char  *value);
void     ls_cli_print_json      (JsonBuilder *builder);

int ls_cli_new          (int argc, char **argv);
int ls_cli_safeguarding (int argc, char **argv);
int ls_cli_referral     (int argc, char **argv);
int ls_cli_info         (int argc, char **argv);
int ls_cli_audit        (int argc, char **argv);
int ls_cli_brief        (int argc, char **argv);
int ls_cli_analyse      (int argc, char **argv);
int ls_cli_demo         (int argc, char **argv);
int ls_cli_import       (int argc, char **argv);
int ls_cli_requests     (int argc, char **argv);
int ls_cli_request      (int argc, char **argv);
int ls_cli_outcomes     (int argc, char **argv);
int ls_cli_outcome      (int argc, char **argv);
int ls_cli_results      (int argc, char **argv);
int ls_cli_export       (int argc, char **argv);

G_END_DECLS
