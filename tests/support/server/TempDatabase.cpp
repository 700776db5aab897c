// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/server/TempDatabase.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <memory>

namespace steward::test {
namespace {

const QString ClusterScript = QStringLiteral(STEWARD_SOURCE_DIR "/tests/support/pg-cluster");

QString readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromUtf8(file.readAll()).trimmed();
}

bool runCluster(const QString& command, const QString& dir)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(ClusterScript, {command, dir});
    return process.waitForFinished(120000) && process.exitStatus() == QProcess::NormalExit
           && process.exitCode() == 0;
}

// A cluster this process started because no ctest fixture was running; stopped at exit.
struct OwnCluster {
    QTemporaryDir parent;
    // As root, the server runs as 'postgres', which must be able to enter the temporary folder.
    bool reachable =
        QFile::setPermissions(parent.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                                 | QFile::ExeGroup | QFile::ExeOther);
    QString dir = parent.path() + QStringLiteral("/pg");
    bool running = reachable && runCluster(QStringLiteral("start"), dir);
    ~OwnCluster() { runCluster(QStringLiteral("stop"), dir); }
};

QString clusterDir(TempDatabase::Cluster cluster)
{
    const QString shared =
        qEnvironmentVariable("STEWARD_TEST_PG_DIR", QStringLiteral(STEWARD_TEST_PG_DIR));
    if (cluster == TempDatabase::Cluster::Shared
        && QFile::exists(shared + QStringLiteral("/port"))) {
        return shared;
    }
    static std::unique_ptr<OwnCluster> own;
    if (!own) {
        own = std::make_unique<OwnCluster>();
    }
    return own->running ? own->dir : QString();
}

QString adminConnection(const QString& dir)
{
    const QString name = QStringLiteral("temp-database-admin");
    QSqlDatabase db = QSqlDatabase::contains(name)
                          ? QSqlDatabase::database(name, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(readFile(dir + QStringLiteral("/port")).toInt());
    db.setDatabaseName(QStringLiteral("postgres"));
    db.setUserName(readFile(dir + QStringLiteral("/superuser")));
    db.setPassword(readFile(dir + QStringLiteral("/password")));
    return name;
}

QString runAdmin(const QString& dir, const QString& sql)
{
    QSqlDatabase db = QSqlDatabase::database(adminConnection(dir), false);
    if (!db.isOpen() && !db.open()) {
        return QStringLiteral("cannot reach the test cluster: ") + db.lastError().text();
    }
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        return query.lastError().text();
    }
    return {};
}

} // namespace

TempDatabase::TempDatabase(server::db::DatabaseKind kind, Cluster cluster)
{
    m_config.kind = kind;
    if (kind == server::db::DatabaseKind::Sqlite) {
        m_config.sqliteFile = m_dir.filePath(QStringLiteral("steward.sqlite"));
        return;
    }
    m_clusterDir = clusterDir(cluster);
    const QString& dir = m_clusterDir;
    if (dir.isEmpty()) {
        m_setupError = QStringLiteral("no PostgreSQL test cluster could be started");
        return;
    }
    static QAtomicInt counter;
    // Only digits are spliced into the name: DDL cannot bind identifiers.
    m_config.name = QStringLiteral("t_%1_%2")
                        .arg(QCoreApplication::applicationPid())
                        .arg(counter.fetchAndAddRelaxed(1));
    m_config.host = QStringLiteral("127.0.0.1");
    m_config.port = readFile(dir + QStringLiteral("/port")).toInt();
    m_config.user = readFile(dir + QStringLiteral("/superuser"));
    m_config.password = readFile(dir + QStringLiteral("/password"));
    m_setupError = runAdmin(dir, QStringLiteral("CREATE DATABASE ") + m_config.name);
}

TempDatabase::~TempDatabase()
{
    if (m_config.kind == server::db::DatabaseKind::Postgres && m_setupError.isEmpty()) {
        runAdmin(m_clusterDir,
                 QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_config.name));
    }
}

bool TempDatabase::stopCluster() const
{
    QSqlDatabase::database(adminConnection(m_clusterDir), false).close();
    return runCluster(QStringLiteral("pause"), m_clusterDir);
}

bool TempDatabase::startCluster() const
{
    return runCluster(QStringLiteral("resume"), m_clusterDir);
}

} // namespace steward::test
