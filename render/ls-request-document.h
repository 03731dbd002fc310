/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A data request as a one-page document for the provider, with the case's
 * protective marking. */
#pragma once

#include "ls-document.h"
#include "ls-request.h"

G_BEGIN_DECLS

LsDocument *ls_request_document (LsCase          *kase,
                                 const LsRequest *request);

G_END_DECLS
