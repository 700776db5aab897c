// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/FolderRuleService.h"

#include "server/db/AttributeRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/FolderRuleRepository.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/EventHub.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace steward::server::services {
namespace {

constexpr qsizetype MaxPattern = 255;
constexpr qsizetype MaxName = 128;
constexpr qint64 DevicePage = 1000;

QRegularExpression globOf(const QString& pattern)
{
    // Anchored; * and ? as in a shell (not across "/", which host names do not contain).
    return QRegularExpression(QRegularExpression::wildcardToRegularExpression(pattern),
                              QRegularExpression::CaseInsensitiveOption);
}

QHostAddress plain(const QString& text)
{
    QHostAddress address(text);
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    return mapped ? QHostAddress(v4) : address;
}

QString ruleObject(qint64 id)
{
    return QStringLiteral("folder-rule:%1").arg(id);
}

QString describe(const db::FolderRule& rule)
{
    return QStringLiteral("match=%1%2 pattern=%3 folder=%4 override=%5 position=%6")
        .arg(db::ruleMatchName(rule.match),
             rule.attribute.isEmpty() ? QString() : QLatin1Char(':') + rule.attribute, rule.pattern)
        .arg(rule.folderId)
        .arg(rule.overrideMembership ? QStringLiteral("yes") : QStringLiteral("no"))
        .arg(rule.position);
}

} // namespace

Result<void> checkFolderRule(const db::FolderRule& rule)
{
    if (rule.name.size() > MaxName) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("name has more than %1 characters").arg(MaxName));
    }
    if (rule.pattern.isEmpty() || rule.pattern.size() > MaxPattern) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("pattern must have 1 to %1 characters").arg(MaxPattern));
    }
    if (rule.match == db::RuleMatch::Address
        && QHostAddress::parseSubnet(rule.pattern).first.isNull()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("pattern \"%1\" is not an address range such as "
                                        "10.1.0.0/16")
                             .arg(rule.pattern.left(60)));
    }
    if (rule.match != db::RuleMatch::Address && !globOf(rule.pattern).isValid()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("pattern \"%1\" is not a glob").arg(rule.pattern.left(60)));
    }
    if ((rule.match == db::RuleMatch::Attribute) == rule.attribute.isEmpty()) {
        return makeError(ErrorCode::InvalidValue,
                         rule.match == db::RuleMatch::Attribute
                             ? QStringLiteral("an attribute rule needs the attribute's name")
                             : QStringLiteral("only an attribute rule names an attribute"));
    }
    return {};
}

bool ruleMatches(const db::FolderRule& rule, const RuleSubject& subject)
{
    switch (rule.match) {
    case db::RuleMatch::Hostname:
        return !subject.hostname.isEmpty()
               && globOf(rule.pattern).match(subject.hostname).hasMatch();
    case db::RuleMatch::Address: {
        const QHostAddress address = plain(subject.address);
        return !address.isNull() && address.isInSubnet(QHostAddress::parseSubnet(rule.pattern));
    }
    case db::RuleMatch::Attribute: {
        const auto value = subject.attributes.constFind(rule.attribute);
        return value != subject.attributes.constEnd()
               && globOf(rule.pattern).match(*value).hasMatch();
    }
    }
    return false;
}

const db::FolderRule* placingRule(const std::vector<db::FolderRule>& rules,
                                  const RuleSubject& subject, bool hasFolder)
{
    for (const auto& rule : rules) {
        if ((!hasFolder || rule.overrideMembership) && ruleMatches(rule, subject)) {
            return &rule;
        }
    }
    return nullptr;
}

FolderRuleService::FolderRuleService(db::FolderRuleRepository& rules, db::DeviceRepository& devices,
                                     db::AttributeRepository& attributes, FolderService& folders,
                                     AuditLog& audit, EventHub& events, Clock clock)
    : m_rules(rules), m_devices(devices), m_attributes(attributes), m_folders(folders),
      m_audit(audit), m_events(events), m_clock(std::move(clock))
{}

Result<std::vector<db::FolderRule>> FolderRuleService::list() const
{
    return m_rules.list();
}

Result<void> FolderRuleService::checkTarget(const db::FolderRule& rule) const
{
    if (auto valid = checkFolderRule(rule); !valid) {
        return valid;
    }
    auto tree = m_folders.tree();
    if (!tree) {
        return tree.error();
    }
    if (tree->find(rule.folderId) == nullptr) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(rule.folderId));
    }
    return {};
}

Result<db::FolderRule> FolderRuleService::create(db::FolderRule rule, const Requester& requester)
{
    auto created = [&]() -> Result<db::FolderRule> {
        if (auto valid = checkTarget(rule); !valid) {
            return valid.error();
        }
        if (rule.position == 0) {
            auto all = m_rules.list();
            if (!all) {
                return all.error();
            }
            rule.position = all->empty() ? 10 : all->back().position + 10;
        }
        rule.createdAt = rule.updatedAt = m_clock();
        auto id = m_rules.insert(rule);
        if (!id) {
            return id.error();
        }
        rule.id = *id;
        return rule;
    }();
    m_audit.recordResult(requester.name, QStringLiteral("folder-rule.create"),
                         ruleObject(created ? created->id : 0), requester.peer, created,
                         describe(rule));
    if (created) {
        m_events.publish(QStringLiteral("created"), QStringLiteral("folder-rule"), created->id,
                         ruleJson(*created));
    }
    return created;
}

Result<db::FolderRule> FolderRuleService::update(qint64 id, const FolderRuleChange& change,
                                                 const Requester& requester)
{
    auto changed = [&]() -> Result<db::FolderRule> {
        auto found = m_rules.find(id);
        if (!found || !found->has_value()) {
            return found
                       ? makeError(ErrorCode::NotFound, QStringLiteral("no folder rule %1").arg(id))
                       : Result<db::FolderRule>(found.error());
        }
        db::FolderRule rule = **found;
        rule.position = change.position.value_or(rule.position);
        rule.name = change.name.value_or(rule.name);
        rule.match = change.match.value_or(rule.match);
        rule.attribute = change.attribute.value_or(rule.attribute);
        rule.pattern = change.pattern.value_or(rule.pattern);
        rule.folderId = change.folderId.value_or(rule.folderId);
        rule.overrideMembership = change.overrideMembership.value_or(rule.overrideMembership);
        rule.updatedAt = m_clock();
        if (auto valid = checkTarget(rule); !valid) {
            return valid.error();
        }
        if (auto stored = m_rules.update(rule); !stored) {
            return stored.error();
        }
        return rule;
    }();
    m_audit.recordResult(requester.name, QStringLiteral("folder-rule.change"), ruleObject(id),
                         requester.peer, changed, changed ? describe(*changed) : QString());
    if (changed) {
        m_events.publish(QStringLiteral("changed"), QStringLiteral("folder-rule"), id,
                         ruleJson(*changed));
    }
    return changed;
}

Result<void> FolderRuleService::remove(qint64 id, const Requester& requester)
{
    auto removed = m_rules.remove(id);
    m_audit.recordResult(requester.name, QStringLiteral("folder-rule.delete"), ruleObject(id),
                         requester.peer, removed, QString());
    if (removed) {
        m_events.publish(QStringLiteral("deleted"), QStringLiteral("folder-rule"), id);
    }
    return removed;
}

Result<std::optional<RulePlacement>>
FolderRuleService::placeNew(const QString& hostname, const QString& address, bool hasFolder) const
{
    auto rules = m_rules.list();
    if (!rules) {
        return rules.error();
    }
    // A new device has no attributes yet: attribute rules place it on demand later.
    const auto* rule = placingRule(*rules, RuleSubject{hostname, address, {}}, hasFolder);
    if (rule == nullptr) {
        return std::optional<RulePlacement>();
    }
    return std::optional<RulePlacement>(RulePlacement{rule->folderId, rule->id});
}

Result<RuleSubject> FolderRuleService::subjectOf(const db::Device& device) const
{
    auto definitions = m_attributes.definitions();
    auto values = m_attributes.values(device.id);
    if (!definitions || !values) {
        return !definitions ? definitions.error() : values.error();
    }
    RuleSubject subject{device.hostname, device.lastIp, {}};
    for (const auto& value : *values) {
        for (const auto& definition : *definitions) {
            if (definition.id == value.attributeId) {
                subject.attributes.insert(definition.name, value.value);
            }
        }
    }
    return subject;
}

Result<std::vector<qint64>> FolderRuleService::applyToAll(const Requester& requester)
{
    auto rules = m_rules.list();
    if (!rules) {
        return rules.error();
    }
    std::vector<qint64> moved;
    for (qint64 offset = 0;; offset += DevicePage) {
        auto page = m_devices.list(offset, DevicePage);
        if (!page) {
            return page.error();
        }
        for (const auto& device : page->items) {
            if (device.releasedAt) {
                continue;
            }
            auto subject = subjectOf(device);
            if (!subject) {
                return subject.error();
            }
            const auto* rule = placingRule(*rules, *subject, device.folderId.has_value());
            if (rule == nullptr || device.folderId == rule->folderId) {
                continue;
            }
            DeviceChange change;
            change.folder = std::optional<qint64>(rule->folderId);
            if (auto placed = m_folders.changeDevice(device.id, change, requester); !placed) {
                return placed.error();
            }
            moved.push_back(device.id);
        }
        if (offset + DevicePage >= page->total) {
            break;
        }
    }
    m_audit.record(requester.name, QStringLiteral("folder-rule.apply"), QStringLiteral("devices"),
                   requester.peer, QStringLiteral("ok"),
                   QStringLiteral("moved=%1").arg(moved.size()));
    return moved;
}

QJsonObject FolderRuleService::ruleJson(const db::FolderRule& rule) const
{
    auto tree = m_folders.tree();
    QJsonObject json{{QStringLiteral("id"), rule.id},
                     {QStringLiteral("position"), rule.position},
                     {QStringLiteral("name"), rule.name},
                     {QStringLiteral("match"), db::ruleMatchName(rule.match)},
                     {QStringLiteral("pattern"), rule.pattern},
                     {QStringLiteral("folder"), rule.folderId},
                     {QStringLiteral("path"), tree ? tree->path(rule.folderId) : QString()},
                     {QStringLiteral("override"), rule.overrideMembership},
                     {QStringLiteral("created"), http::isoTime(rule.createdAt)},
                     {QStringLiteral("updated"), http::isoTime(rule.updatedAt)}};
    if (rule.match == db::RuleMatch::Attribute) {
        json.insert(QStringLiteral("attribute"), rule.attribute);
    }
    return json;
}

} // namespace steward::server::services
