// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Requester - who asks for a change, for the audit log.
#pragma once

#include <QString>

namespace steward::server::services {

/** Who asks, for the audit log. */
struct Requester {
    QString name;
    QString peer;
};

} // namespace steward::server::services
