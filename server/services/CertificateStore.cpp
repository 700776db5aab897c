// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateStore.h"

#include "common/crypto/CertificateIssuer.h"
#include "server/app/Logging.h"
#include "server/db/Transaction.h"
#include "server/services/AuditLog.h"
#include "server/services/ServerIdentity.h"

#include <QDir>
#include <QFile>

namespace steward::server::services {
namespace {

constexpr int MaxValidityDays = 36500;
const QString TckeyAlias = QStringLiteral("tckey");
const QString KeyFolder = QStringLiteral("device-communication");

QString fingerprintHex(const crypto::Certificate& certificate)
{
    return QString::fromLatin1(
        certificate.fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex());
}

db::DeviceCertificate rowFor(const QString& alias, const crypto::Certificate& certificate)
{
    db::DeviceCertificate row;
    row.alias = alias;
    row.keySpec = certificate.keySpec().toString();
    row.signatureAlgorithm = certificate.signatureAlgorithm();
    row.fingerprint = fingerprintHex(certificate);
    row.certificatePem = QString::fromLatin1(certificate.toPem());
    return row;
}

} // namespace

CertificateStore::CertificateStore(db::Database& database, db::CertificateRepository& repository,
                                   const ServerIdentity& identity, AuditLog& audit, Clock clock)
    : m_database(database), m_repository(repository), m_identity(identity), m_audit(audit),
      m_clock(std::move(clock))
{}

Result<void> CertificateStore::start()
{
    return db::inTransaction<void>(m_database, [&]() -> Result<void> {
        auto rows = m_repository.list();
        if (!rows) {
            return rows.error();
        }
        if (!rows->empty()) {
            return {};
        }
        db::DeviceCertificate row = rowFor(TckeyAlias, m_identity.deviceCommunication());
        row.keyFile = QStringLiteral("tckey.key");
        row.createdAt = m_clock();
        row.createdBy = QStringLiteral("steward-server");
        auto id = m_repository.insert(row);
        if (!id) {
            return id.error();
        }
        m_keys.insert(*id, m_identity.deviceCommunicationKey());
        auto adopted = m_repository.adoptDevices(*id);
        if (!adopted) {
            return adopted.error();
        }
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("certificate store created: tckey id=%1 devices=%2")
                   .arg(*id)
                   .arg(*adopted);
        return {};
    });
}

Result<std::vector<StoredCertificate>> CertificateStore::list() const
{
    auto rows = m_repository.list();
    auto counts = m_repository.deviceCounts();
    if (!rows || !counts) {
        return !rows ? rows.error() : counts.error();
    }
    std::vector<StoredCertificate> entries;
    bool defaultSeen = false;
    for (auto& row : *rows) {
        auto certificate = crypto::Certificate::fromPem(row.certificatePem.toLatin1());
        if (!certificate) {
            return makeError(certificate.error().code,
                             QStringLiteral("stored certificate \"%1\": %2")
                                 .arg(row.alias, certificate.error().message));
        }
        StoredCertificate entry{row, *certificate, false, counts->value(row.id, 0)};
        if (!defaultSeen && row.active && !row.keyFile.isEmpty()) {
            entry.isDefault = defaultSeen = true;
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

Result<std::optional<StoredCertificate>> CertificateStore::find(qint64 id) const
{
    auto entries = list();
    if (!entries) {
        return entries.error();
    }
    for (auto& entry : *entries) {
        if (entry.row.id == id) {
            return std::optional<StoredCertificate>(std::move(entry));
        }
    }
    return std::optional<StoredCertificate>();
}

Result<StoredCertificate> CertificateStore::get(qint64 id) const
{
    auto found = find(id);
    if (!found) {
        return found.error();
    }
    if (!found->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no certificate %1").arg(id));
    }
    return **found;
}

Result<StoredCertificate> CertificateStore::defaultCertificate() const
{
    auto entries = list();
    if (!entries) {
        return entries.error();
    }
    for (auto& entry : *entries) {
        if (entry.isDefault) {
            return std::move(entry);
        }
    }
    return makeError(ErrorCode::NotFound,
                     QStringLiteral("no active device-communication certificate with a key"));
}

Result<crypto::PrivateKey> CertificateStore::privateKey(qint64 id) const
{
    if (auto cached = m_keys.constFind(id); cached != m_keys.constEnd()) {
        return *cached;
    }
    auto row = m_repository.find(id);
    if (!row) {
        return row.error();
    }
    if (!row->has_value() || (*row)->keyFile.isEmpty()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("the private key of certificate %1 is not known").arg(id));
    }
    auto key = crypto::PrivateKey::readFile(QDir(m_identity.directory()).filePath((*row)->keyFile));
    if (!key) {
        return key.error();
    }
    m_keys.insert(id, *key);
    return *key;
}

Result<std::pair<crypto::KeySpec, QString>> generationAlgorithms(const GenerateOptions& options)
{
    const QString spec = options.keySpec.trimmed();
    const QString rsa512 = QStringLiteral("SHA512withRSA");
    const QString rsa256 = QStringLiteral("SHA256withRSA");
    const QString ec256 = QStringLiteral("SHA256withECDSA");
    std::pair<crypto::KeySpec, QStringList> choice; // the key and its algorithms, default first
    if (spec.compare(QLatin1String("RSA 4096"), Qt::CaseInsensitive) == 0) {
        choice = {crypto::KeySpec::rsa(4096), {rsa512, rsa256}};
    } else if (spec.compare(QLatin1String("RSA 2048"), Qt::CaseInsensitive) == 0) {
        choice = {crypto::KeySpec::rsa(2048), {rsa256, rsa512}};
    } else if (spec.compare(QLatin1String("EC P-256"), Qt::CaseInsensitive) == 0) {
        choice = {crypto::KeySpec::ecP256(), {ec256}};
    } else {
        return makeError(ErrorCode::UnsupportedAlgorithm,
                         QStringLiteral("unsupported key spec \"%1\" (expected RSA 4096, RSA 2048 "
                                        "or EC P-256)")
                             .arg(spec.left(40)));
    }
    const QString algorithm =
        options.signatureAlgorithm.isEmpty() ? choice.second.first() : options.signatureAlgorithm;
    if (!choice.second.contains(algorithm)) {
        return makeError(ErrorCode::UnsupportedAlgorithm,
                         QStringLiteral("a %1 key cannot sign with \"%2\" (use %3)")
                             .arg(choice.first.toString(), algorithm.left(40),
                                  choice.second.join(QStringLiteral(" or "))));
    }
    return std::pair{choice.first, algorithm};
}

Result<StoredCertificate> CertificateStore::generate(const GenerateOptions& options,
                                                     const Requester& actor)
{
    const auto made = [&]() -> Result<StoredCertificate> {
        if (const QString problem = aliasProblem(options.alias); !problem.isEmpty()) {
            return makeError(ErrorCode::InvalidValue, problem);
        }
        if (options.validityDays < 1 || options.validityDays > MaxValidityDays) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("validityDays must be 1 to %1").arg(MaxValidityDays));
        }
        auto algorithms = generationAlgorithms(options);
        if (!algorithms) {
            return algorithms.error();
        }
        auto key = crypto::PrivateKey::generate(algorithms->first);
        if (!key) {
            return key.error();
        }
        crypto::CertificateOptions certificateOptions;
        certificateOptions.commonName =
            options.commonName.isEmpty()
                ? QStringLiteral("Steward device communication (%1)").arg(options.alias)
                : options.commonName;
        certificateOptions.dnsNames = options.dnsNames;
        certificateOptions.validity = std::chrono::hours(24) * options.validityDays;
        certificateOptions.digest = algorithms->second.startsWith(QLatin1String("SHA512"))
                                        ? crypto::SignatureDigest::Sha512
                                        : crypto::SignatureDigest::Sha256;
        auto certificate = crypto::createSelfSignedCertificate(*key, certificateOptions);
        if (!certificate) {
            return certificate.error();
        }
        return store(options.alias, {*certificate, *key}, actor);
    }();
    m_audit.recordResult(actor.name, QStringLiteral("certificate.generate"),
                         QStringLiteral("certificate:%1").arg(made ? made->row.id : 0), actor.peer,
                         made,
                         QStringLiteral("alias=\"%1\" key=\"%2\"")
                             .arg(options.alias.left(64), options.keySpec.left(20)));
    return made;
}

Result<StoredCertificate> CertificateStore::import(const QString& alias,
                                                   Result<CertificateMaterial> material,
                                                   const Requester& actor)
{
    const auto imported = [&]() -> Result<StoredCertificate> {
        if (const QString problem = aliasProblem(alias); !problem.isEmpty()) {
            return makeError(ErrorCode::InvalidValue, problem);
        }
        if (!material) {
            return material.error();
        }
        return store(alias, *material, actor);
    }();
    m_audit.recordResult(
        actor.name, QStringLiteral("certificate.import"),
        QStringLiteral("certificate:%1").arg(imported ? imported->row.id : 0), actor.peer, imported,
        imported ? QStringLiteral("alias=\"%1\" fingerprint=%2 key=%3")
                       .arg(alias, imported->row.fingerprint,
                            imported->row.keyFile.isEmpty() ? QStringLiteral("unknown")
                                                            : QStringLiteral("known"))
                 : QStringLiteral("alias=\"%1\"").arg(alias.left(64)));
    return imported;
}

Result<StoredCertificate> CertificateStore::store(const QString& alias,
                                                  const CertificateMaterial& material,
                                                  const Requester& actor)
{
    db::DeviceCertificate row = rowFor(alias, material.certificate);
    row.createdAt = m_clock();
    row.createdBy = actor.name;
    row.active = !material.key.isNull();
    if (!material.key.isNull()) {
        row.keyFile =
            KeyFolder + QLatin1Char('/') + row.fingerprint.left(32) + QStringLiteral(".key");
    }
    const QDir pki(m_identity.directory());
    const QString keyPath = pki.filePath(row.keyFile);
    if (!material.key.isNull()) {
        if (QFile::exists(keyPath)) {
            return makeError(ErrorCode::AlreadyExists,
                             QStringLiteral("this certificate is already in the store"));
        }
        if (!pki.mkpath(KeyFolder)) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("cannot create %1").arg(pki.filePath(KeyFolder)));
        }
        if (auto written = material.key.writeFile(keyPath); !written) {
            return written.error();
        }
    }
    auto id = m_repository.insert(row);
    if (!id) {
        if (!row.keyFile.isEmpty()) {
            QFile::remove(keyPath); // nothing half-applied: no key without its row
        }
        return id.error();
    }
    if (!material.key.isNull()) {
        m_keys.insert(*id, material.key);
    }
    if (m_changed) {
        m_changed();
    }
    return get(*id);
}

} // namespace steward::server::services
