// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/admin/CertificateCommands.h"

#include "server/admin/AccountCommands.h"
#include "server/admin/DataSource.h"
#include "server/db/AuditRepository.h"
#include "server/db/CertificateRepository.h"
#include "server/db/Database.h"
#include "server/services/AuditLog.h"
#include "server/services/CertificateStore.h"
#include "server/services/ServerIdentity.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace steward::server::admin {
namespace {

/** The database, the server's PKI and the store over them, for one command. */
struct StoreAccess {
    std::unique_ptr<db::Database> database;
    std::unique_ptr<services::ServerIdentity> identity;
    std::unique_ptr<db::AuditRepository> auditRepository;
    std::unique_ptr<services::AuditLog> audit;
    std::unique_ptr<db::CertificateRepository> repository;
    std::unique_ptr<services::CertificateStore> store;
};

Result<StoreAccess> openStore(AdminContext& context)
{
    const QString pki = QDir(context.settings.dataDir).filePath(QStringLiteral("pki"));
    if (!QFile::exists(QDir(pki).filePath(QStringLiteral("tckey.crt")))) {
        return makeError(ErrorCode::FileNotFound,
                         QStringLiteral("%1 holds no device-communication certificate; start "
                                        "steward-server once with this data dir to create it")
                             .arg(pki));
    }
    StoreAccess access;
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
    access.repository = std::make_unique<db::CertificateRepository>(*access.database);
    access.store = std::make_unique<services::CertificateStore>(
        *access.database, *access.repository, *access.identity, *access.audit,
        services::systemClock());
    if (auto started = access.store->start(); !started) {
        return started.error();
    }
    return access;
}

/** The entry named by id or alias (letter case ignored). */
Result<services::StoredCertificate> find(const services::CertificateStore& store,
                                         const QString& which)
{
    auto entries = store.list();
    if (!entries) {
        return entries.error();
    }
    for (auto& entry : *entries) {
        if (QString::number(entry.row.id) == which
            || entry.row.alias.compare(which, Qt::CaseInsensitive) == 0) {
            return std::move(entry);
        }
    }
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("no certificate with id or alias \"%1\"").arg(which));
}

QString describe(const services::StoredCertificate& entry)
{
    return QStringLiteral("%1%2 %3 [%4] %5 %6 devices=%7 notAfter=%8 sha256=%9")
        .arg(entry.row.id)
        .arg(entry.isDefault ? QStringLiteral("*") : QString(), entry.row.alias,
             entry.row.active ? QStringLiteral("active") : QStringLiteral("inactive"),
             entry.row.keySpec, entry.row.signatureAlgorithm)
        .arg(entry.deviceCount)
        .arg(entry.certificate.notAfter().toString(Qt::ISODate),
             entry.certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256));
}

} // namespace

Result<void> listCertificates(AdminContext& context)
{
    auto access = openStore(context);
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

Result<void> showCertificate(AdminContext& context, const QString& which)
{
    auto access = openStore(context);
    if (!access) {
        return access.error();
    }
    auto entry = find(*access->store, which);
    if (!entry) {
        return entry.error();
    }
    const QJsonObject json = services::certificateJson(*entry, true);
    for (auto it = json.begin(); it != json.end(); ++it) {
        if (it.key() == QLatin1String("pem")) {
            continue;
        }
        QString value = it.value().toVariant().toString();
        if (it.value().isArray()) {
            value = it.value().toVariant().toStringList().join(QStringLiteral(", "));
        }
        context.out << it.key() << QStringLiteral(": ") << value << '\n';
    }
    context.out.flush();
    return {};
}

Result<void> exportCertificate(AdminContext& context, const QString& which, bool der)
{
    auto access = openStore(context);
    if (!access) {
        return access.error();
    }
    auto entry = find(*access->store, which);
    if (!entry) {
        return entry.error();
    }
    if (!der) {
        context.out << QString::fromLatin1(entry->certificate.toPem()) << Qt::flush;
        return {};
    }
    // DER is binary: it bypasses the text stream and goes to its device (standard output).
    context.out.flush();
    QIODevice* device = context.out.device();
    const QByteArray bytes = entry->certificate.toDer();
    if (device == nullptr || device->write(bytes) != bytes.size()) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot write the DER certificate to standard output"));
    }
    return {};
}

Result<void> generateCertificate(AdminContext& context, const QString& alias,
                                 const QString& keySpec)
{
    auto access = openStore(context);
    if (!access) {
        return access.error();
    }
    services::GenerateOptions options;
    options.alias = alias;
    if (!keySpec.isEmpty()) {
        options.keySpec = keySpec;
    }
    auto made = access->store->generate(options, {AdminActor, QStringLiteral("local")});
    if (!made) {
        return made.error();
    }
    context.out << describe(*made) << Qt::endl;
    return {};
}

namespace {

Result<QByteArray> readInput(const QString& path, const QString& what)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            ErrorCode::FileNotFound,
            QStringLiteral("cannot read %1 %2: %3").arg(what, path, file.errorString()));
    }
    return file.readAll();
}

/** The material in the files, checked as the server's import checks it (CertificateImport). */
Result<services::CertificateMaterial> readMaterial(AdminContext& context,
                                                   const CertificateFiles& files)
{
    if (!files.pkcs12.isEmpty()) {
        auto data = readInput(files.pkcs12, QStringLiteral("the PKCS#12 file"));
        if (!data) {
            return data.error();
        }
        auto password = context.secrets.read(QStringLiteral("STEWARD_PASSWORD"),
                                             QStringLiteral("the PKCS#12 password"));
        if (!password) {
            return password.error();
        }
        return services::materialFromPkcs12(*data, *password);
    }
    auto certificate = readInput(files.certificate, QStringLiteral("the certificate"));
    if (!certificate) {
        return certificate.error();
    }
    QByteArray key;
    QString keyPassword;
    if (!files.key.isEmpty()) {
        auto read = readInput(files.key, QStringLiteral("the private key"));
        if (!read) {
            return read.error();
        }
        key = *read;
        if (key.contains("ENCRYPTED")) {
            auto password = context.secrets.read(QStringLiteral("STEWARD_PASSWORD"),
                                                 QStringLiteral("the private key's password"));
            if (!password) {
                return password.error();
            }
            keyPassword = *password;
        }
    }
    return services::materialFromPem(*certificate, key, keyPassword);
}

} // namespace

Result<void> importCertificate(AdminContext& context, const QString& alias,
                               const CertificateFiles& files)
{
    if (files.pkcs12.isEmpty() == files.certificate.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("certificates import needs either --certificate FILE "
                                        "(PEM or DER, with --key FILE for its PEM key) or "
                                        "--pkcs12 FILE"));
    }
    if (!files.pkcs12.isEmpty() && !files.key.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--key goes with --certificate; a PKCS#12 file holds "
                                        "its key"));
    }
    auto access = openStore(context);
    if (!access) {
        return access.error();
    }
    // A refusal goes through the store too, so it is audited like one over REST.
    auto imported = access->store->import(alias, readMaterial(context, files),
                                          {AdminActor, QStringLiteral("local")});
    if (!imported) {
        return imported.error();
    }
    context.out << describe(*imported) << Qt::endl;
    return {};
}

Result<void> changeCertificate(AdminContext& context, const QString& action, const QString& which,
                               bool force)
{
    auto access = openStore(context);
    if (!access) {
        return access.error();
    }
    auto entry = find(*access->store, which);
    if (!entry) {
        return entry.error();
    }
    const services::Requester actor{AdminActor, QStringLiteral("local")};
    if (action == QLatin1String("delete")) {
        if (auto removed = access->store->remove(entry->row.id, force, actor); !removed) {
            return removed;
        }
        context.out << QStringLiteral("deleted %1").arg(entry->row.alias) << Qt::endl;
        return {};
    }
    auto changed = action == QLatin1String("activate")
                       ? access->store->setActive(entry->row.id, true, actor)
                   : action == QLatin1String("deactivate")
                       ? access->store->setActive(entry->row.id, false, actor)
                       : access->store->move(entry->row.id, action == QLatin1String("up"), actor);
    if (!changed) {
        return changed.error();
    }
    // A running server notices the change within [certificates] watchSeconds and rolls its
    // devices over at once (CertificateWatch).
    context.out << describe(*changed) << Qt::endl;
    return {};
}

} // namespace steward::server::admin
