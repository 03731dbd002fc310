/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Saved column mappings and import details: the store's SQL for import
 * (ls-case-mappings.c), beside LsCase and LsCaseWriter. */
#pragma once

#include "ls-case.h"

G_BEGIN_DECLS

gboolean  ls_case_save_mapping      (LsCase        *kase,
                                     const char    *name,
                                     LsImportKind   kind,
                                     const char    *mapping,
                                     GError       **error);
char     *ls_case_load_mapping      (LsCase        *kase,
                                     const char    *name,
                                     LsImportKind   kind,
                                     GError       **error);
GStrv     ls_case_list_mappings     (LsCase        *kase,
                                     LsImportKind   kind);
gboolean  ls_case_set_import_sha256 (LsCase        *kase,
                                     gint64         import_id,
                                     const char    *sha256,
                                     GError       **error);

G_END_DECLS

