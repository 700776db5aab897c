// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/StatusCommand.h"

#include "common/crypto/Certificate.h"
#include "common/tls/TlsConfig.h"
#include "server/admin/DataSource.h"
#include "server/db/AdminRepository.h"
#include "server/db/Migrator.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace steward::server::admin {
namespace {

void checkDatabase(AdminContext& context, QStringList& problems)
{
    auto database = openActiveDatabase(context, false);
    if (!database) {
        problems.append(database.error().message);
        return;
    }
    db::Migrator migrator(**database);
    auto version = migrator.currentVersion();
    if (!version) {
        problems.append(version.error().message);
        return;
    }
    context.out << QStringLiteral("schema version: %1 (this build: %2)\n")
                       .arg(*version)
                       .arg(migrator.latestVersion());
    if (*version != migrator.latestVersion()) {
        problems.append(QStringLiteral("schema version %1 is not this build's %2 (steward-server "
                                       "migrates at start; a newer one is refused)")
                            .arg(*version)
                            .arg(migrator.latestVersion()));
        return;
    }
    auto admins = db::AdminRepository(**database).count();
    if (!admins) {
        problems.append(admins.error().message);
        return;
    }
    context.out << QStringLiteral("administrators: %1\n").arg(*admins);
    if (*admins == 0) {
        problems.append(QStringLiteral("there is no administrator yet; run create-admin"));
    }
}

void describeCertificate(AdminContext& context, const QString& base, QStringList& problems)
{
    QFile file(base + QStringLiteral(".crt"));
    if (!file.open(QIODevice::ReadOnly)) {
        problems.append(QStringLiteral("%1.crt: %2").arg(base, file.errorString()));
        return;
    }
    auto certificate = crypto::Certificate::fromPem(file.read(1 << 20));
    if (!certificate) {
        problems.append(base + QStringLiteral(".crt: ") + certificate.error().message);
        return;
    }
    const auto& cert = *certificate;
    context.out << QStringLiteral("  %1: %2\n    issuer %3; %4, %5\n    sha256 %6\n"
                                  "    valid %7 to %8\n")
                       .arg(QFileInfo(base).fileName(), cert.subject(), cert.issuer(),
                            cert.keySpec().toString(), cert.signatureAlgorithm(),
                            cert.fingerprintText(crypto::FingerprintAlgorithm::Sha256),
                            cert.notBefore().toString(Qt::ISODate),
                            cert.notAfter().toString(Qt::ISODate));
    if (!cert.isValidAt()) {
        problems.append(QStringLiteral("%1.crt is not valid now").arg(base));
    }
    if (!QFileInfo::exists(base + QStringLiteral(".key"))) {
        problems.append(QStringLiteral("%1.key is missing").arg(base));
    }
    if (QFileInfo(base).fileName() == QLatin1String("web")) {
        QStringList names = cert.dnsNames();
        for (const auto& address : cert.ipAddresses()) {
            names.append(address.toString());
        }
        context.out << QStringLiteral("    names %1\n").arg(names.join(QStringLiteral(", ")));
    }
}

void checkServer(AdminContext& context, QStringList& problems)
{
    const QString pki = QDir(context.settings.dataDir).filePath(QStringLiteral("pki"));
    QFile rootFile(pki + QStringLiteral("/root-ca.crt"));
    if (!rootFile.open(QIODevice::ReadOnly)) {
        return; // already reported with the PKI
    }
    const auto roots = QSslCertificate::fromData(rootFile.readAll(), QSsl::Pem);
    QString host = QStringLiteral("localhost");
    const QHostAddress listen = context.settings.listenAddress;
    if (listen != QHostAddress::Any && listen != QHostAddress::AnyIPv4
        && listen != QHostAddress::AnyIPv6 && !listen.isLoopback()) {
        host = listen.toString();
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(host);
    url.setPort(context.settings.port);
    url.setPath(QStringLiteral("/status"));
    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setSslConfiguration(tls::clientConfiguration(roots));
    request.setTransferTimeout(context.options.statusTimeoutMs);
    QNetworkReply* reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->readAll();
    const auto error = reply->error();
    const QString errorText = reply->errorString();
    reply->deleteLater();
    if (error == QNetworkReply::ConnectionRefusedError) {
        context.out << QStringLiteral("server: not running on %1\n").arg(url.toString());
        return;
    }
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (json.isEmpty()) {
        problems.append(QStringLiteral("server at %1: %2").arg(url.toString(), errorText));
        return;
    }
    context.out << QStringLiteral("server: %1 answers\n%2")
                       .arg(url.toString(),
                            QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
    const QString health = json.value(QStringLiteral("status")).toString();
    if (health != QLatin1String("ok")) {
        problems.append(QStringLiteral("the running server's status is %1").arg(health));
    }
}

} // namespace

Result<void> status(AdminContext& context)
{
    QStringList problems;
    context.out << QStringLiteral("data dir: %1\n").arg(context.settings.dataDir);
    context.out << QStringLiteral("settings: %1\n")
                       .arg(context.configPath.isEmpty() ? QStringLiteral("(defaults)")
                                                         : context.configPath);
    context.out
        << QStringLiteral("data source: %1\n").arg(context.settings.databaseConfig().describe());
    checkDatabase(context, problems);
    context.out << QStringLiteral("pki:\n");
    const QString pki = QDir(context.settings.dataDir).filePath(QStringLiteral("pki"));
    for (const auto* name : {"root-ca", "device-ca", "tckey", "web"}) {
        describeCertificate(context, pki + QLatin1Char('/') + QLatin1String(name), problems);
    }
    checkServer(context, problems);
    context.out.flush();
    if (!problems.isEmpty()) {
        return makeError(ErrorCode::Internal, QStringLiteral("%1 problem(s): ").arg(problems.size())
                                                  + problems.join(QStringLiteral("; ")));
    }
    context.out << QStringLiteral("everything checked is fine\n");
    return {};
}

} // namespace steward::server::admin
