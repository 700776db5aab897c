// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AccountCommands - create-admin and reset-password, audited as "steward-admin".
#pragma once

#include "server/admin/AdminContext.h"

namespace steward::server::admin {

/** The audit actor of every change steward-admin makes. */
inline const QString AdminActor = QStringLiteral("steward-admin");

/** Creates a superuser; the password comes from STEWARD_PASSWORD or standard input. */
[[nodiscard]] Result<void> createAdmin(AdminContext& context, const QString& user);

/** Sets a new password, clears a lockout and ends the account's sessions. */
[[nodiscard]] Result<void> resetPassword(AdminContext& context, const QString& user);

} // namespace steward::server::admin
