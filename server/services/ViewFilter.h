// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ViewFilter - a view's device filter: all-of conditions on a device's fields, folder,
// attributes and online state (docs/views.md, "Filter").
#pragma once

#include "common/core/Result.h"
#include "server/db/records/Device.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

#include <optional>
#include <vector>

namespace steward::server::services {

enum class ViewField {
    Name,
    Hostname,
    UnitId,
    LastIp,
    Os,
    Kernel,
    AgentVersion,
    CpuModel,
    Folder,
    Attribute,
    Online,
};

/** How a text field or attribute value is compared. */
enum class TextMatch { Equals, Glob, Regex };

struct ViewCondition {
    ViewField field = ViewField::Name;
    TextMatch match = TextMatch::Equals;
    QString pattern;              // text fields and attributes: the value, glob or regex
    QString attribute;            // ViewField::Attribute: the attribute's name
    std::optional<qint64> folder; // ViewField::Folder: absent means the root (no folder)
    bool subfolders = true;       // ViewField::Folder: devices in folders below count too
    bool online = true;           // ViewField::Online
    QRegularExpression compiled;  // Glob and Regex, anchored
};

/** Every condition must hold; no condition selects every device. */
struct ViewFilter {
    std::vector<ViewCondition> conditions;

    [[nodiscard]] QStringList attributeNames() const;
    [[nodiscard]] std::vector<qint64> folders() const;
    [[nodiscard]] bool needsInventory() const;
};

/** What a filter looks at, for one device. */
struct ViewSubject {
    QString name;
    QString hostname;
    QString unitId;
    QString lastIp;
    QString os; // os, kernel, agentVersion, cpuModel: from the last inventory, "" before one
    QString kernel;
    QString agentVersion;
    QString cpuModel;
    std::vector<qint64> folders; // the device's folder first, then its ancestors; empty: root
    QHash<QString, QString> attributes; // name → value, only the attributes that have one
    bool online = false;
};

inline constexpr int MaxViewConditions = 32;
inline constexpr int MaxViewPatternLength = 256;

/**
 * Parses and checks {"all":[condition…]}; the error names the field by its path under \a path
 * ("body.filter.all[2].glob is not a valid regular expression: …"). Unknown members are
 * refused, so a typo never silently widens a view. Whether named folders and attributes exist
 * is the caller's check.
 */
[[nodiscard]] Result<ViewFilter> parseViewFilter(const QJsonObject& json,
                                                 const QString& path = QStringLiteral("filter"));
/** The canonical JSON of a filter, as stored and shown. */
[[nodiscard]] QJsonObject viewFilterJson(const ViewFilter& filter);

/** The subject of \a device: its fields, its inventory's and \a folders (nearest first). */
[[nodiscard]] ViewSubject viewSubjectOf(const db::Device& device, std::vector<qint64> folders,
                                        QHash<QString, QString> attributes, bool online);

[[nodiscard]] bool viewMatches(const ViewFilter& filter, const ViewSubject& subject);

/** A glob as an anchored, case-insensitive expression: * any run, ? one character. */
[[nodiscard]] QRegularExpression viewGlob(const QString& pattern);

} // namespace steward::server::services
