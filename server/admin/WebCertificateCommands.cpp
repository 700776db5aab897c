// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/WebCertificateCommands.h"

#include "server/admin/AccountCommands.h"
#include "server/admin/DataSource.h"
#include "server/db/AuditRepository.h"
#include "server/db/Database.h"
#include "server/db/WebCertificateRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/ServerIdentity.h"
#include "server/services/WebCertificateStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace steward::server::admin {
namespace {

/** The database, the server's PKI and the web certificate store over them. */
struct WebStoreAccess {
    std::unique_ptr<db::Database> database;
    std::unique_ptr<services::ServerIdentity> identity;
    std::unique_ptr<db::AuditRepository> auditRepository;
    std::unique_ptr<services::AuditLog> audit;
    std::unique_ptr<db::WebCertificateRepository> repository;
    std::unique_ptr<services::WebCertificateStore> store;
};

const services::Requester Actor{AdminActor, QStringLiteral("local")};

Result<WebStoreAccess> openWebStore(AdminContext& context)
{
    const QString pki = QDir(context.settings.dataDir).filePath(QStringLiteral("pki"));
    if (!QFile::exists(QDir(pki).filePath(QStringLiteral("web.crt")))) {
        return makeError(ErrorCode::FileNotFound,
                         QStringLiteral("%1 holds no web certificate; start steward-server once "
                                        "with this data dir to create it")
                             .arg(pki));
    }
    WebStoreAccess access;
    auto database = openActiveDatabase(context);
    if (!database) {
        return database.error();
    }
    access.database = std::move(*database);
    auto identity = services::ServerIdentity::loadOrCreate(pki, {});
    if (!identity) {
        return identity.error();
    }
    access.identity = std::make_unique<services::ServerIdentity>(std::move(*identity));
    access.auditRepository = std::make_unique<db::AuditRepository>(*access.database);
    access.audit =
        std::make_unique<services::AuditLog>(*access.auditRepository, services::systemClock());
    access.repository = std::make_unique<db::WebCertificateRepository>(*access.database);
    access.store = std::make_unique<services::WebCertificateStore>(
        *access.database, *access.repository, *access.identity, *access.audit,
        services::systemClock());
    access.store->setTrustCheck(
        services::stewardRootTrustCheck(*access.identity, *access.repository));
    if (auto started = access.store->start(); !started) {
        return started.error();
    }
    return access;
}

QString describe(const services::StoredWebCertificate& entry)
{
    QStringList names = entry.certificate.dnsNames();
    for (const auto& address : entry.certificate.ipAddresses()) {
        names.append(address.toString());
    }
    return QStringLiteral("%1%2 %3 [%4] %5 %6 names=%7 root=\"%8\" notAfter=%9 sha256=%10")
        .arg(entry.row.id)
        .arg(entry.row.inUse ? QStringLiteral("*") : QString(), entry.row.alias, entry.row.origin,
             entry.row.keySpec, entry.row.signatureAlgorithm, names.join(QLatin1Char(',')),
             entry.root().subject(), entry.certificate.notAfter().toString(Qt::ISODate))
        .arg(entry.certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256));
}

Result<QByteArray> readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::FileNotFound,
                         QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
    return file.readAll();
}

Result<services::WebMaterial> readMaterial(AdminContext& context, const QString& file,
                                           const QString& keyFile)
{
    auto data = readFile(file);
    if (!data) {
        return data.error();
    }
    const QString suffix = QFileInfo(file).suffix().toLower();
    if (suffix == QLatin1String("p12") || suffix == QLatin1String("pfx")) {
        auto password = context.secrets.read(QStringLiteral("STEWARD_PASSWORD"),
                                             QStringLiteral("the PKCS#12 password"));
        if (!password) {
            return password.error();
        }
        return services::webMaterialFromPkcs12(*data, *password);
    }
    if (keyFile.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("a PEM chain needs its private key: --key FILE"));
    }
    auto key = readFile(keyFile);
    if (!key) {
        return key.error();
    }
    auto material = services::webMaterialFromPem(*data, *key, {});
    if (!material && material.error().code == ErrorCode::BadPassword) {
        auto password = context.secrets.read(QStringLiteral("STEWARD_PASSWORD"),
                                             QStringLiteral("the private key's password"));
        if (!password) {
            return password.error();
        }
        return services::webMaterialFromPem(*data, *key, *password);
    }
    return material;
}

} // namespace

Result<void> listWebCertificates(AdminContext& context)
{
    auto access = openWebStore(context);
    if (!access) {
        return access.error();
    }
    auto entries = access->store->list();
    if (!entries) {
        return entries.error();
    }
    for (const auto& entry : *entries) {
        context.out << describe(entry) << '\n';
    }
    context.out.flush();
    return {};
}

Result<void> createWebCertificate(AdminContext& context, const QString& alias, const QString& names,
                                  const QString& keySpec)
{
    auto access = openWebStore(context);
    if (!access) {
        return access.error();
    }
    services::WebCertificateOptions options;
    options.alias = alias;
    for (const auto& name : names.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        options.hostNames.append(name.trimmed());
    }
    if (!keySpec.isEmpty()) {
        options.keySpec = keySpec;
    }
    auto made = access->store->create(options, Actor);
    if (!made) {
        return made.error();
    }
    context.out << describe(*made) << Qt::endl;
    return {};
}

Result<void> importWebCertificate(AdminContext& context, const QString& alias, const QString& file,
                                  const QString& keyFile)
{
    auto access = openWebStore(context);
    if (!access) {
        return access.error();
    }
    auto imported = access->store->import(alias, readMaterial(context, file, keyFile), Actor);
    if (!imported) {
        return imported.error();
    }
    context.out << describe(*imported) << Qt::endl;
    return {};
}

Result<void> assignWebCertificate(AdminContext& context, const QString& which, bool force)
{
    auto access = openWebStore(context);
    if (!access) {
        return access.error();
    }
    auto entries = access->store->list();
    if (!entries) {
        return entries.error();
    }
    const auto it = std::find_if(entries->begin(), entries->end(), [&](const auto& entry) {
        return QString::number(entry.row.id) == which
               || entry.row.alias.compare(which, Qt::CaseInsensitive) == 0;
    });
    if (it == entries->end()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no web certificate with id or alias \"%1\"").arg(which));
    }
    auto assigned = access->store->assign(it->row.id, force, Actor);
    if (!assigned) {
        return assigned.error();
    }
    context.out << describe(*assigned) << Qt::endl
                << QStringLiteral("a running steward-server presents it after its next start")
                << Qt::endl;
    return {};
}

} // namespace steward::server::admin
