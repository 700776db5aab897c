// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/FolderRuleRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

const QString Columns = QStringLiteral(
    "id, position, name, match_kind, attribute, pattern, folder_id, override_membership,"
    " created_at, updated_at");

FolderRule readRow(const QSqlQuery& query)
{
    FolderRule rule;
    rule.id = query.value(0).toLongLong();
    rule.position = query.value(1).toLongLong();
    rule.name = query.value(2).toString();
    rule.match = ruleMatchFromName(query.value(3).toString()).value_or(RuleMatch::Hostname);
    rule.attribute = query.value(4).toString();
    rule.pattern = query.value(5).toString();
    rule.folderId = query.value(6).toLongLong();
    rule.overrideMembership = query.value(7).toLongLong() != 0;
    rule.createdAt = query.value(8).toLongLong();
    rule.updatedAt = query.value(9).toLongLong();
    return rule;
}

void bindFields(QSqlQuery& query, const FolderRule& rule)
{
    query.addBindValue(rule.position);
    query.addBindValue(Database::text(rule.name));
    query.addBindValue(ruleMatchName(rule.match));
    query.addBindValue(Database::text(rule.attribute));
    query.addBindValue(Database::text(rule.pattern));
    query.addBindValue(rule.folderId);
    query.addBindValue(rule.overrideMembership ? 1 : 0);
}

Result<void> exactlyOne(QSqlQuery& query, const QString& what, qint64 id)
{
    if (auto r = Database::exec(query, what); !r) {
        return r;
    }
    if (query.numRowsAffected() != 1) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no folder rule %1").arg(id));
    }
    return {};
}

} // namespace

QString ruleMatchName(RuleMatch match)
{
    switch (match) {
    case RuleMatch::Hostname:
        return QStringLiteral("hostname");
    case RuleMatch::Address:
        return QStringLiteral("ip");
    case RuleMatch::Attribute:
        return QStringLiteral("attribute");
    }
    return {};
}

std::optional<RuleMatch> ruleMatchFromName(const QString& name)
{
    for (const auto match : {RuleMatch::Hostname, RuleMatch::Address, RuleMatch::Attribute}) {
        if (ruleMatchName(match) == name) {
            return match;
        }
    }
    return std::nullopt;
}

FolderRuleRepository::FolderRuleRepository(Database& db) : m_db(db) {}

Result<std::vector<FolderRule>> FolderRuleRepository::list() const
{
    auto query = m_db.prepare(
        QStringLiteral("SELECT %1 FROM folder_rules ORDER BY position, id").arg(Columns));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing folder rules")); !r) {
        return r.error();
    }
    std::vector<FolderRule> rules;
    while (query->next()) {
        rules.push_back(readRow(*query));
    }
    return rules;
}

Result<std::optional<FolderRule>> FolderRuleRepository::find(qint64 id) const
{
    auto query =
        m_db.prepare(QStringLiteral("SELECT %1 FROM folder_rules WHERE id = ?").arg(Columns));
    if (!query) {
        return query.error();
    }
    query->addBindValue(id);
    if (auto r = Database::exec(*query, QStringLiteral("reading a folder rule")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<FolderRule>();
    }
    return std::optional<FolderRule>(readRow(*query));
}

Result<qint64> FolderRuleRepository::insert(const FolderRule& rule)
{
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO folder_rules (position, name, match_kind, attribute, pattern, folder_id,"
        " override_membership, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " RETURNING id"));
    if (!query) {
        return query.error();
    }
    bindFields(*query, rule);
    query->addBindValue(rule.createdAt);
    query->addBindValue(rule.updatedAt);
    if (auto r = Database::exec(*query, QStringLiteral("storing a folder rule")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("no id for the new folder rule"));
    }
    return query->value(0).toLongLong();
}

Result<void> FolderRuleRepository::update(const FolderRule& rule)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE folder_rules SET position = ?, name = ?, match_kind = ?, attribute = ?,"
        " pattern = ?, folder_id = ?, override_membership = ?, updated_at = ? WHERE id = ?"));
    if (!query) {
        return query.error();
    }
    bindFields(*query, rule);
    query->addBindValue(rule.updatedAt);
    query->addBindValue(rule.id);
    return exactlyOne(*query, QStringLiteral("changing a folder rule"), rule.id);
}

Result<void> FolderRuleRepository::remove(qint64 id)
{
    auto query = m_db.prepare(QStringLiteral("DELETE FROM folder_rules WHERE id = ?"));
    if (!query) {
        return query.error();
    }
    query->addBindValue(id);
    return exactlyOne(*query, QStringLiteral("deleting a folder rule"), id);
}

} // namespace steward::server::db
