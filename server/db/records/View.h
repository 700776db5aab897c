// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// View - a saved, dynamic selection of devices, and a profile assigned to one.
#pragma once

#include <QString>

namespace steward::server::db {

struct View {
    qint64 id = 0;
    QString name;
    QString description;
    QString filter; // compact JSON, as ViewFilter writes it
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 revision = 1;
};

/** A profile assigned to the devices of one view. */
struct ViewAssignment {
    qint64 id = 0;
    qint64 profileId = 0;
    qint64 viewId = 0;
    qint64 createdAt = 0;
};

} // namespace steward::server::db
