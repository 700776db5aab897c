// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/WebCertificateStore.h"

#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/CertificateRequest.h"
#include "server/app/Logging.h"
#include "server/db/Transaction.h"
#include "server/services/AuditLog.h"
#include "server/services/CertificateImport.h"
#include "server/services/CertificateStore.h"
#include "server/services/ServerIdentity.h"
#include "server/services/WebCertificateSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace steward::server::services {
namespace {

constexpr int MaxValidityDays = 3650;
const QString InitialAlias = QStringLiteral("initial");

} // namespace

WebCertificateStore::WebCertificateStore(db::Database& database,
                                         db::WebCertificateRepository& repository,
                                         ServerIdentity& identity, AuditLog& audit, Clock clock)
    : m_database(database), m_repository(repository), m_identity(identity), m_audit(audit),
      m_clock(std::move(clock))
{}

Result<void> WebCertificateStore::start()
{
    auto rows = m_repository.list();
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        // The first-start certificate of ServerIdentity becomes the entry in use.
        db::WebCertificate row = webRowFor(InitialAlias, QStringLiteral("steward"),
                                           m_identity.webCertificate(), {m_identity.rootCa()});
        row.inUse = true;
        row.keyFile = QStringLiteral("web.key");
        row.createdAt = m_clock();
        row.createdBy = QStringLiteral("steward-server");
        auto id = m_repository.insert(row);
        if (!id) {
            return id.error();
        }
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("web certificate store created: \"%1\" id=%2 in use")
                   .arg(InitialAlias)
                   .arg(*id);
    }
    return followReissued();
}

Result<void> WebCertificateStore::followReissued()
{
    auto rows = m_repository.list();
    if (!rows) {
        return rows.error();
    }
    for (const auto& row : *rows) {
        if (row.keyFile != QStringLiteral("web.key")) {
            continue;
        }
        db::WebCertificate fresh =
            webRowFor(row.alias, row.origin, m_identity.webCertificate(), {m_identity.rootCa()});
        if (fresh.fingerprint == row.fingerprint) {
            break;
        }
        fresh.id = row.id;
        fresh.inUse = row.inUse;
        fresh.keyFile = row.keyFile;
        fresh.createdAt = row.createdAt;
        fresh.createdBy = row.createdBy;
        if (auto replaced = m_repository.replace(fresh); !replaced) {
            return replaced;
        }
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("web certificate \"%1\" follows the renewed root").arg(row.alias);
        break;
    }
    auto current = inUse();
    if (!current) {
        return current.error();
    }
    return present(*current);
}

Result<void> WebCertificateStore::present(const StoredWebCertificate& entry)
{
    auto key =
        crypto::PrivateKey::readFile(QDir(m_identity.directory()).filePath(entry.row.keyFile));
    if (!key) {
        return makeError(
            key.error().code,
            QStringLiteral("web certificate \"%1\": %2").arg(entry.row.alias, key.error().message));
    }
    if (!entry.certificate.matches(*key)) {
        return makeError(ErrorCode::KeyMismatch,
                         QStringLiteral("web certificate \"%1\": %2 is not its key")
                             .arg(entry.row.alias, entry.row.keyFile));
    }
    m_identity.useWebCertificate(entry.certificate, entry.chain, *key);
    return {};
}

Result<std::vector<StoredWebCertificate>> WebCertificateStore::list() const
{
    auto rows = m_repository.list();
    if (!rows) {
        return rows.error();
    }
    std::vector<StoredWebCertificate> entries;
    for (auto& row : *rows) {
        auto entry = webEntryOf(row);
        if (!entry) {
            return entry.error();
        }
        entries.push_back(std::move(*entry));
    }
    return entries;
}

Result<StoredWebCertificate> WebCertificateStore::get(qint64 id) const
{
    auto row = m_repository.find(id);
    if (!row) {
        return row.error();
    }
    if (!row->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no web certificate %1").arg(id));
    }
    return webEntryOf(**row);
}

Result<StoredWebCertificate> WebCertificateStore::inUse() const
{
    auto entries = list();
    if (!entries) {
        return entries.error();
    }
    for (auto& entry : *entries) {
        if (entry.row.inUse) {
            return std::move(entry);
        }
    }
    return makeError(ErrorCode::NotFound, QStringLiteral("no web certificate is in use"));
}

Result<StoredWebCertificate> WebCertificateStore::create(const WebCertificateOptions& options,
                                                         const Requester& actor)
{
    const auto made = [&]() -> Result<StoredWebCertificate> {
        if (const QString problem = aliasProblem(options.alias); !problem.isEmpty()) {
            return makeError(ErrorCode::InvalidValue, problem);
        }
        auto names = parseHostNames(options.hostNames);
        if (!names) {
            return names.error();
        }
        if (options.validityDays < 1 || options.validityDays > MaxValidityDays) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("validityDays must be 1 to %1").arg(MaxValidityDays));
        }
        auto material =
            issueWebCertificate(m_identity, *names, options.keySpec, options.validityDays);
        if (!material) {
            return material.error();
        }
        return store(options.alias, QStringLiteral("steward"), *material, actor);
    }();
    m_audit.recordResult(
        actor.name, QStringLiteral("web-certificate.create"), webObjectOf(made ? made->row.id : 0),
        actor.peer, made,
        QStringLiteral("alias=\"%1\" names=\"%2\"")
            .arg(options.alias.left(64), options.hostNames.join(QLatin1Char(',')).left(200)));
    return made;
}

Result<StoredWebCertificate> WebCertificateStore::import(const QString& alias,
                                                         Result<WebMaterial> material,
                                                         const Requester& actor)
{
    const auto imported = [&]() -> Result<StoredWebCertificate> {
        if (const QString problem = aliasProblem(alias); !problem.isEmpty()) {
            return makeError(ErrorCode::InvalidValue, problem);
        }
        if (!material) {
            return material.error();
        }
        const bool ours = material->root() == m_identity.rootCa();
        return store(alias, ours ? QStringLiteral("steward") : QStringLiteral("imported"),
                     *material, actor);
    }();
    m_audit.recordResult(
        actor.name, QStringLiteral("web-certificate.import"),
        webObjectOf(imported ? imported->row.id : 0), actor.peer, imported,
        imported ? QStringLiteral("alias=\"%1\" fingerprint=%2 root=\"%3\"")
                       .arg(alias, imported->row.fingerprint, imported->root().subject())
                 : QStringLiteral("alias=\"%1\"").arg(alias.left(64)));
    return imported;
}

Result<QString> WebCertificateStore::writeKey(const WebMaterial& material) const
{
    const QString keyFile = webKeyFileFor(material.leaf);
    const QDir pki(m_identity.directory());
    if (QFile::exists(pki.filePath(keyFile))) {
        return makeError(ErrorCode::AlreadyExists,
                         QStringLiteral("this certificate is already in the store"));
    }
    if (!pki.mkpath(QFileInfo(keyFile).path())) {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot create %1").arg(pki.filePath(QFileInfo(keyFile).path())));
    }
    if (auto written = material.key.writeFile(pki.filePath(keyFile)); !written) {
        return written.error();
    }
    return keyFile;
}

Result<StoredWebCertificate> WebCertificateStore::store(const QString& alias, const QString& origin,
                                                        const WebMaterial& material,
                                                        const Requester& actor)
{
    db::WebCertificate row = webRowFor(alias, origin, material.leaf, material.chain);
    row.createdAt = m_clock();
    row.createdBy = actor.name;
    auto keyFile = writeKey(material);
    if (!keyFile) {
        return keyFile.error();
    }
    row.keyFile = *keyFile;
    auto id = m_repository.insert(row);
    if (!id) {
        QFile::remove(QDir(m_identity.directory()).filePath(row.keyFile)); // no key without row
        return id.error();
    }
    return get(*id);
}

} // namespace steward::server::services
