// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderRule - a default directory rule (zero-touch): which devices go into which folder.
#pragma once

#include <QString>

#include <optional>

namespace steward::server::db {

enum class RuleMatch { Hostname, Address, Attribute };

/** "hostname", "ip", "attribute" */
[[nodiscard]] QString ruleMatchName(RuleMatch match);
[[nodiscard]] std::optional<RuleMatch> ruleMatchFromName(const QString& name);

struct FolderRule {
    qint64 id = 0;
    qint64 position = 0; // rules are tried in ascending position
    QString name;
    RuleMatch match = RuleMatch::Hostname;
    QString attribute; // RuleMatch::Attribute: the attribute's name
    QString pattern;   // a glob (hostname, attribute value) or a CIDR range (ip)
    qint64 folderId = 0;
    bool overrideMembership = false; // also moves a device that already has a folder
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

} // namespace steward::server::db
