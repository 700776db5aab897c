// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// FolderRuleService - zero-touch rollout: ordered default directory rules that place a device
// into a folder by host name, IP range or attribute value (docs/folders.md, "Zero-touch").
#pragma once

#include "common/core/Result.h"
#include "server/db/records/FolderRule.h"
#include "server/services/Clock.h"
#include "server/services/FolderService.h"

#include <QHash>
#include <QJsonObject>

#include <vector>

namespace steward::server::db {
class AttributeRepository;
class DeviceRepository;
class FolderRuleRepository;
} // namespace steward::server::db

namespace steward::server::services {

class AuditLog;
class EventHub;

/** What a rule looks at. */
struct RuleSubject {
    QString hostname;
    QString address; // the device's IP address as text ("::ffff:10.0.0.1" counts as IPv4)
    QHash<QString, QString> attributes; // attribute name → value
};

/** A pattern that fits its kind: a glob, a CIDR range; names the problem otherwise. */
[[nodiscard]] Result<void> checkFolderRule(const db::FolderRule& rule);
/** Host names and attribute values match globs case-insensitively; addresses their range. */
[[nodiscard]] bool ruleMatches(const db::FolderRule& rule, const RuleSubject& subject);
/**
 * The first rule (in order) that matches and may place the device: any matching rule for a
 * device without a folder, only an overriding one for a device that has one. Null for none.
 */
[[nodiscard]] const db::FolderRule* placingRule(const std::vector<db::FolderRule>& rules,
                                                const RuleSubject& subject, bool hasFolder);

struct RulePlacement {
    qint64 folderId = 0;
    qint64 ruleId = 0;
};

/** A PATCH: absent members stay. */
struct FolderRuleChange {
    std::optional<qint64> position;
    std::optional<QString> name;
    std::optional<db::RuleMatch> match;
    std::optional<QString> attribute;
    std::optional<QString> pattern;
    std::optional<qint64> folderId;
    std::optional<bool> overrideMembership;
};

/**
 * Rules are audited ("folder-rule.create", "folder-rule.change", "folder-rule.delete",
 * "folder-rule.apply") and published as object events of kind "folder-rule".
 */
class FolderRuleService {
public:
    FolderRuleService(db::FolderRuleRepository& rules, db::DeviceRepository& devices,
                      db::AttributeRepository& attributes, FolderService& folders, AuditLog& audit,
                      EventHub& events, Clock clock);

    [[nodiscard]] Result<std::vector<db::FolderRule>> list() const;
    /** A new rule; without a position it goes after the last one. */
    [[nodiscard]] Result<db::FolderRule> create(db::FolderRule rule, const Requester& requester);
    [[nodiscard]] Result<db::FolderRule> update(qint64 id, const FolderRuleChange& change,
                                                const Requester& requester);
    [[nodiscard]] Result<void> remove(qint64 id, const Requester& requester);
    /** At enrolment: where the rules put a new device (nullopt: where it is). */
    [[nodiscard]] Result<std::optional<RulePlacement>>
    placeNew(const QString& hostname, const QString& address, bool hasFolder) const;
    /** On demand: every device the rules place elsewhere is moved; the moved devices' ids. */
    [[nodiscard]] Result<std::vector<qint64>> applyToAll(const Requester& requester);

    /** {"id","position","name","match","attribute"?,"pattern","folder","path","override",…} */
    [[nodiscard]] QJsonObject ruleJson(const db::FolderRule& rule) const;

private:
    [[nodiscard]] Result<void> checkTarget(const db::FolderRule& rule) const;
    [[nodiscard]] Result<RuleSubject> subjectOf(const db::Device& device) const;

    db::FolderRuleRepository& m_rules;
    db::DeviceRepository& m_devices;
    db::AttributeRepository& m_attributes;
    FolderService& m_folders;
    AuditLog& m_audit;
    EventHub& m_events;
    Clock m_clock;
};

} // namespace steward::server::services
