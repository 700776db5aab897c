// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/Migrator.h"

#include "server/db/Database.h"
#include "server/db/Logging.h"
#include "server/db/Transaction.h"

#include <QSqlQuery>

namespace steward::server::db {

Migrator::Migrator(Database& db, const std::vector<Migration>& steps) : m_db(db), m_steps(steps) {}

int Migrator::latestVersion() const
{
    return m_steps.empty() ? 0 : m_steps.back().version;
}

Result<void> Migrator::ensureVersionTable()
{
    if (m_db.connection().tables().contains(QStringLiteral("schema_version"))) {
        return {};
    }
    Transaction tx(m_db);
    if (!tx.started()) {
        return tx.started();
    }
    if (auto r =
            m_db.execute(QStringLiteral("CREATE TABLE schema_version (version INTEGER NOT NULL)"),
                         QStringLiteral("creating schema_version"));
        !r) {
        return r;
    }
    if (auto r = m_db.execute(QStringLiteral("INSERT INTO schema_version (version) VALUES (0)"),
                              QStringLiteral("initialising schema_version"));
        !r) {
        return r;
    }
    return tx.commit();
}

Result<int> Migrator::currentVersion() const
{
    if (!m_db.connection().tables().contains(QStringLiteral("schema_version"))) {
        return 0;
    }
    auto query = m_db.prepare(QStringLiteral("SELECT version FROM schema_version"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("reading the schema version")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return makeError(ErrorCode::DatabaseError, QStringLiteral("schema_version has no row"));
    }
    return query->value(0).toInt();
}

Result<void> Migrator::applyStep(const Migration& step)
{
    Transaction tx(m_db);
    if (!tx.started()) {
        return tx.started();
    }
    for (const char* statement : step.statements) {
        const QString what = QStringLiteral("migration %1 \"%2\"")
                                 .arg(step.version)
                                 .arg(QString::fromUtf8(step.name));
        if (auto r = m_db.execute(dialectSql(m_db.kind(), statement), what); !r) {
            return r;
        }
    }
    auto bump = m_db.prepare(QStringLiteral("UPDATE schema_version SET version = :version"));
    if (!bump) {
        return bump.error();
    }
    bump->bindValue(QStringLiteral(":version"), step.version);
    if (auto r = Database::exec(*bump, QStringLiteral("recording the schema version")); !r) {
        return r;
    }
    return tx.commit();
}

Result<void> Migrator::apply()
{
    if (auto r = ensureVersionTable(); !r) {
        return r;
    }
    auto current = currentVersion();
    if (!current) {
        return current.error();
    }
    if (*current > latestVersion()) {
        return makeError(ErrorCode::DatabaseTooNew,
                         QStringLiteral("the database has schema version %1, newer than this "
                                        "Steward build knows (%2); install a newer Steward or "
                                        "restore a backup made by this version")
                             .arg(*current)
                             .arg(latestVersion()));
    }
    for (const auto& step : m_steps) {
        if (step.version <= *current) {
            continue;
        }
        if (auto r = applyStep(step); !r) {
            return r;
        }
        qCInfo(lcServerDb).noquote() << QStringLiteral("migrated %1 -> %2 \"%3\"")
                                            .arg(*current)
                                            .arg(step.version)
                                            .arg(QString::fromUtf8(step.name));
        *current = step.version;
    }
    return {};
}

} // namespace steward::server::db
