/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The application's GSettings, found even when running from the build tree,
 * and the list of recently opened cases kept in them. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LS_RECENT_CASES_MAX 10

GSettings  *ls_settings_new            (void);
void        ls_settings_add_recent     (GSettings  *settings,
                                        const char *path);
void        ls_settings_remove_recent  (GSettings  *settings,
                                        const char *path);
/* The remembered cases that still exist, newest first. */
char      **ls_settings_dup_recent     (GSettings  *settings);

G_END_DECLS
