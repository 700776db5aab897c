// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/support/server/ServerProcess.h"

#include "common/crypto/PasswordHash.h"
#include "server/db/AdminRepository.h"
#include "server/db/Database.h"
#include "server/db/Migrator.h"
#include "tests/support/EventLoop.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace steward::test {

ServerProcess::ServerProcess(const QString& dataDir)
{
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(QStringLiteral(STEWARD_BINARY_DIR "/server/steward-server"),
                  {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--listen"),
                   QStringLiteral("127.0.0.1:0")});
    const QRegularExpression listening(QStringLiteral("listening address=\\S+ port=(\\d+)"));
    [[maybe_unused]] const bool settled = waitUntil(
        [&] {
            log += process.readAllStandardError();
            const auto match = listening.match(QString::fromUtf8(log));
            if (match.hasMatch()) {
                port = quint16(match.captured(1).toUInt());
            }
            return port != 0 || process.state() == QProcess::NotRunning;
        },
        std::chrono::seconds(60));
}

ServerProcess::~ServerProcess()
{
    if (process.state() != QProcess::NotRunning) {
        process.terminate();
        process.waitForFinished(10000);
    }
}

QSslCertificate serverRootCa(const QString& dataDir)
{
    QFile file(dataDir + QStringLiteral("/pki/root-ca.crt"));
    return file.open(QIODevice::ReadOnly) ? QSslCertificate(file.readAll()) : QSslCertificate();
}

bool seedSuperuser(const QString& dataDir, const QString& name, const QString& password)
{
    server::db::DatabaseConfig config;
    config.sqliteFile = QDir(dataDir).filePath(QStringLiteral("steward.sqlite"));
    server::db::Database database(config);
    if (!database.open() || !server::db::Migrator(database).apply()) {
        return false;
    }
    auto hash = crypto::hashPassword(password, 1000);
    return hash && server::db::AdminRepository(database).insert(name, *hash, true, 1).ok();
}

} // namespace steward::test
