// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CaCommands - ca status|renew-root|renew-device-ca|activate-root|retire-old: the CA rollover.
#pragma once

#include "server/admin/AdminContext.h"

namespace steward::server::admin {

/**
 * \a action is "status", "renew-root", "renew-device-ca", "activate-root" or "retire-old"
 * (docs/certificates.md, "CA rollover"); \a force lets activate-root and retire-old go on
 * while devices still need the old root or device CA. Works on <data-dir>/pki and the
 * database; a running server picks the change up at its next periodic pass. Audited.
 */
[[nodiscard]] Result<void> caCommand(AdminContext& context, const QString& action, bool force);

} // namespace steward::server::admin
