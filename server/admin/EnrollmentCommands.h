// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EnrollmentCommands - enrollment-token: makes one device enrolment token and prints it once.
#pragma once

#include "server/admin/AdminContext.h"

namespace steward::server::admin {

/**
 * Prints the token alone on the first line of standard output (so scripts can capture it)
 * and its expiry on standard error. \a ttl is e.g. "1h"; empty means the default (24 h).
 */
[[nodiscard]] Result<void> createEnrollmentToken(AdminContext& context, const QString& folder,
                                                 const QString& ttl);

} // namespace steward::server::admin
