// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/Database.h"

#include "server/db/Logging.h"

#include <QAtomicInt>
#include <QSqlError>
#include <QSqlQuery>

namespace steward::server::db {
namespace {

QString nextConnectionName()
{
    static QAtomicInt counter;
    return QStringLiteral("steward-db-") + QString::number(counter.fetchAndAddRelaxed(1));
}

Error sqlError(const QString& what, const QSqlError& error,
               ErrorCode code = ErrorCode::DatabaseError)
{
    QString text = error.text().trimmed();
    if (text.isEmpty()) {
        text = QStringLiteral("unknown error");
    }
    return makeError(code, what + QStringLiteral(" failed: ") + text);
}

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config)), m_connectionName(nextConnectionName())
{}

Database::~Database()
{
    close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<void> Database::open()
{
    close();
    const QString driver =
        m_config.kind == DatabaseKind::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return makeError(ErrorCode::DatabaseUnavailable,
                         QStringLiteral("the Qt SQL driver %1 is not installed").arg(driver));
    }
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName)
                          ? QSqlDatabase::database(m_connectionName, false)
                          : QSqlDatabase::addDatabase(driver, m_connectionName);
    if (m_config.kind == DatabaseKind::Sqlite) {
        if (m_config.sqliteFile.isEmpty()) {
            return makeError(ErrorCode::InvalidConfig, QStringLiteral("no SQLite file configured"));
        }
        db.setDatabaseName(m_config.sqliteFile);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setDatabaseName(m_config.name);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setConnectOptions(QStringLiteral("connect_timeout=")
                             + QString::number(m_config.connectTimeoutSeconds));
    }
    if (!db.open()) {
        const auto error = sqlError(QStringLiteral("opening ") + m_config.describe(),
                                    db.lastError(), ErrorCode::DatabaseUnavailable);
        db.close();
        return error;
    }
    if (auto pragmas = applyPragmas(); !pragmas) {
        db.close();
        return pragmas;
    }
    qCInfo(lcServerDb).noquote() << "database opened" << m_config.describe();
    return {};
}

Result<void> Database::applyPragmas()
{
    if (m_config.kind != DatabaseKind::Sqlite) {
        return execute(QStringLiteral("SET TIME ZONE 'UTC'"), QStringLiteral("setting time zone"));
    }
    // WAL keeps readers off the writer's back; FULL makes every commit durable before it
    // is acknowledged, which the crash test relies on.
    for (const auto* pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (auto result = execute(QLatin1String(pragma), QLatin1String(pragma)); !result) {
            return result;
        }
    }
    return {};
}

void Database::close()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
    }
}

bool Database::isOpen() const
{
    return QSqlDatabase::contains(m_connectionName)
           && QSqlDatabase::database(m_connectionName, false).isOpen();
}

Result<void> Database::ping()
{
    if (!isOpen()) {
        return makeError(ErrorCode::DatabaseUnavailable,
                         QStringLiteral("the database connection is closed"));
    }
    auto result = execute(QStringLiteral("SELECT 1"), QStringLiteral("database ping"));
    if (!result) {
        close();
        return makeError(ErrorCode::DatabaseUnavailable, result.error().message);
    }
    return {};
}

Result<void> Database::reopen()
{
    close();
    return open();
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<QSqlQuery> Database::prepare(const QString& sql) const
{
    if (!isOpen()) {
        return makeError(ErrorCode::DatabaseUnavailable,
                         QStringLiteral("the database connection is closed"));
    }
    QSqlQuery query(connection());
    if (!query.prepare(sql)) {
        return sqlError(QStringLiteral("preparing a statement"), query.lastError());
    }
    return query;
}

Result<void> Database::exec(QSqlQuery& query, const QString& what)
{
    if (!query.exec()) {
        const auto error = query.lastError();
        const bool lost = error.type() == QSqlError::ConnectionError;
        return sqlError(what, error,
                        lost ? ErrorCode::DatabaseUnavailable : ErrorCode::DatabaseError);
    }
    return {};
}

Result<void> Database::execute(const QString& sql, const QString& what) const
{
    if (!isOpen()) {
        return makeError(ErrorCode::DatabaseUnavailable,
                         QStringLiteral("the database connection is closed"));
    }
    QSqlQuery query(connection());
    if (!query.exec(sql)) {
        return sqlError(what, query.lastError());
    }
    return {};
}

} // namespace steward::server::db
