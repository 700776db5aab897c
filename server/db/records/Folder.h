// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Folder - one folder of the device tree as stored.
#pragma once

#include <QString>
#include <optional>

namespace steward::server::db {

struct Folder {
    qint64 id = 0;
    QString name;
    std::optional<qint64> parentId; // absent: a top-level folder under the root "Devices"
    qint64 createdAt = 0;
};

} // namespace steward::server::db
