// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Profile - a named set of parameter values, its assignments and a device's local values.
#pragma once

#include <QJsonValue>
#include <QMap>
#include <QString>
#include <optional>

namespace steward::server::db {

enum class ProfileKind { Standard, Priority };

/** "standard" or "priority". */
[[nodiscard]] inline QString profileKindName(ProfileKind kind)
{
    return kind == ProfileKind::Priority ? QStringLiteral("priority") : QStringLiteral("standard");
}

[[nodiscard]] inline std::optional<ProfileKind> profileKindFromName(const QString& name)
{
    if (name == QLatin1String("standard")) {
        return ProfileKind::Standard;
    }
    if (name == QLatin1String("priority")) {
        return ProfileKind::Priority;
    }
    return std::nullopt;
}

/** Parameter key → value; a QMap so that every listing is ordered by key. */
using ParameterValues = QMap<QString, QJsonValue>;

struct Profile {
    qint64 id = 0;
    QString name;
    ProfileKind kind = ProfileKind::Standard;
    QString description;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    qint64 revision = 1;
};

/** A profile assigned to exactly one device or one folder. */
struct ProfileAssignment {
    qint64 id = 0;
    qint64 profileId = 0;
    std::optional<qint64> deviceId;
    std::optional<qint64> folderId;
    qint64 createdAt = 0;
};

} // namespace steward::server::db
