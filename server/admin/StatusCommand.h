// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StatusCommand - what steward-admin can see: data dir, database, PKI and a running server.
#pragma once

#include "server/admin/AdminContext.h"

namespace steward::server::admin {

/**
 * Prints the data dir, the data source, schema version against this build, the number of
 * administrators, a summary of every PKI certificate and, when a server answers on the
 * configured port (verified against pki/root-ca.crt only), its /status. Fails when anything
 * it could check is wrong; the error lists the problems.
 */
[[nodiscard]] Result<void> status(AdminContext& context);

} // namespace steward::server::admin
