/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the libFuzzer harnesses share: the entry point each defines, and
 * the log handler that turns a critical into a crash libFuzzer records. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int  LLVMFuzzerTestOneInput   (const guint8 *data,
                               size_t        size);

/* Criticals are bugs in a harness: bad data must give a GError. */
void fuzz_abort_on_criticals  (void);

G_END_DECLS
