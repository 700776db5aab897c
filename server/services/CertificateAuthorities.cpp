// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateAuthorities.h"

#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/CertificateRequest.h"
#include "server/app/Logging.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSaveFile>

namespace steward::server::services {
namespace {

using crypto::Certificate;
using crypto::PrivateKey;

constexpr auto CaValidity = std::chrono::hours(24 * 365 * 20);
constexpr auto WebValidity = std::chrono::hours(24 * 825);

struct Pair {
    Certificate certificate;
    PrivateKey key;
};

QString crtOf(const QDir& dir, const QString& base)
{
    return dir.filePath(base + QStringLiteral(".crt"));
}

QString keyOf(const QDir& dir, const QString& base)
{
    return dir.filePath(base + QStringLiteral(".key"));
}

bool present(const QDir& dir, const QString& base)
{
    return QFile::exists(crtOf(dir, base)) && QFile::exists(keyOf(dir, base));
}

Result<Pair> readPair(const QDir& dir, const QString& base)
{
    QFile file(crtOf(dir, base));
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
    }
    auto certificate = Certificate::fromPem(file.readAll());
    if (!certificate) {
        return makeError(certificate.error().code,
                         file.fileName() + QStringLiteral(": ") + certificate.error().message);
    }
    auto key = PrivateKey::readFile(keyOf(dir, base));
    if (!key) {
        return key.error();
    }
    if (!certificate->matches(*key)) {
        return makeError(
            ErrorCode::KeyMismatch,
            QStringLiteral("%1 is not the key of %2").arg(keyOf(dir, base), crtOf(dir, base)));
    }
    return Pair{*certificate, *key};
}

Result<void> writePair(const QDir& dir, const QString& base, const Pair& pair)
{
    if (auto written = pair.key.writeFile(keyOf(dir, base)); !written) {
        return written;
    }
    QSaveFile file(crtOf(dir, base));
    const QByteArray pem = pair.certificate.toPem();
    if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size() || !file.commit()) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
    }
    return {};
}

/** Renames base.crt/.key to target.crt/.key, replacing the target. */
Result<void> movePair(const QDir& dir, const QString& base, const QString& target)
{
    for (const auto& suffix : {QStringLiteral(".crt"), QStringLiteral(".key")}) {
        const QString from = dir.filePath(base + suffix);
        const QString to = dir.filePath(target + suffix);
        QFile::remove(to);
        if (!QFile::rename(from, to)) {
            return makeError(ErrorCode::IoError,
                             QStringLiteral("cannot rename %1 to %2").arg(from, to));
        }
    }
    return {};
}

Result<Pair> makeCa(const QString& commonName)
{
    auto key = PrivateKey::generate(crypto::KeySpec::ecP256());
    if (!key) {
        return key.error();
    }
    crypto::CertificateOptions options;
    options.commonName = commonName;
    options.validity = CaValidity;
    auto certificate = crypto::createCaCertificate(*key, options);
    if (!certificate) {
        return certificate.error();
    }
    return Pair{*certificate, *key};
}

QString generation()
{
    return QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz"));
}

QJsonObject describe(const Certificate& certificate)
{
    return QJsonObject{{QStringLiteral("subject"), certificate.subject()},
                       {QStringLiteral("sha256"),
                        certificate.fingerprintText(crypto::FingerprintAlgorithm::Sha256)},
                       {QStringLiteral("notAfter"), certificate.notAfter().toString(Qt::ISODate)}};
}

} // namespace

QString rootFingerprint(const crypto::Certificate& certificate)
{
    return QString::fromLatin1(
        certificate.fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex());
}

QList<crypto::Certificate> AuthoritySet::trustedRoots() const
{
    QList<Certificate> roots;
    if (oldRoot) {
        roots.append(*oldRoot);
    }
    roots.append(root);
    if (nextRoot) {
        roots.append(*nextRoot);
    }
    roots.append(distributedRoots);
    return roots;
}

bool AuthoritySet::isStewardRoot(const crypto::Certificate& certificate) const
{
    return certificate == root || (nextRoot && certificate == *nextRoot)
           || (oldRoot && certificate == *oldRoot);
}

QList<crypto::Certificate> AuthoritySet::deviceCas() const
{
    QList<Certificate> cas{deviceCa};
    if (oldDeviceCa) {
        cas.append(*oldDeviceCa);
    }
    return cas;
}

QJsonObject AuthoritySet::toJson() const
{
    const auto optional = [](const std::optional<Certificate>& certificate) {
        return certificate ? QJsonValue(describe(*certificate)) : QJsonValue(QJsonValue::Null);
    };
    QJsonArray distributed;
    for (const auto& certificate : distributedRoots) {
        distributed.append(describe(certificate));
    }
    return QJsonObject{{QStringLiteral("root"), describe(root)},
                       {QStringLiteral("nextRoot"), optional(nextRoot)},
                       {QStringLiteral("oldRoot"), optional(oldRoot)},
                       {QStringLiteral("deviceCa"), describe(deviceCa)},
                       {QStringLiteral("oldDeviceCa"), optional(oldDeviceCa)},
                       {QStringLiteral("distributedRoots"), distributed}};
}

Result<AuthoritySet> loadAuthorities(const QString& pkiDir)
{
    const QDir dir(pkiDir);
    AuthoritySet set;
    auto root = readPair(dir, QStringLiteral("root-ca"));
    if (!root) {
        return root.error();
    }
    set.root = root->certificate;
    set.rootKey = root->key;
    auto deviceCa = readPair(dir, QStringLiteral("device-ca"));
    if (!deviceCa) {
        return deviceCa.error();
    }
    set.deviceCa = deviceCa->certificate;
    set.deviceCaKey = deviceCa->key;
    const auto optional = [&](const QString& base,
                              std::optional<Certificate>& into) -> Result<void> {
        if (!present(dir, base)) {
            return {};
        }
        auto pair = readPair(dir, base);
        if (!pair) {
            return pair.error();
        }
        into = pair->certificate;
        return {};
    };
    for (const auto& [base, into] : {std::pair<QString, std::optional<Certificate>*>{
                                         QStringLiteral("root-ca.next"), &set.nextRoot},
                                     {QStringLiteral("root-ca.old"), &set.oldRoot},
                                     {QStringLiteral("device-ca.old"), &set.oldDeviceCa}}) {
        if (auto loaded = optional(base, *into); !loaded) {
            return loaded.error();
        }
    }
    const QDir distributed(dir.filePath(QStringLiteral("distributed")));
    for (const auto& name :
         distributed.entryList({QStringLiteral("*.crt")}, QDir::Files, QDir::Name)) {
        QFile file(distributed.filePath(name));
        auto certificate =
            file.open(QIODevice::ReadOnly)
                ? Certificate::fromPem(file.readAll())
                : Result<Certificate>(makeError(ErrorCode::IoError, file.errorString()));
        if (!certificate) {
            return makeError(certificate.error().code,
                             file.fileName() + QStringLiteral(": ") + certificate.error().message);
        }
        set.distributedRoots.append(*certificate);
    }
    return set;
}

Result<bool> addDistributedRoot(const QString& pkiDir, const crypto::Certificate& root)
{
    if (!root.isCa() || !root.isSelfSigned() || !root.isValidAt()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" is not a self-signed CA certificate valid now; "
                                        "devices accept no other root")
                             .arg(root.subject()));
    }
    const QDir dir(pkiDir);
    if (!dir.mkpath(QStringLiteral("distributed"))) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot create %1/distributed").arg(pkiDir));
    }
    QSaveFile file(dir.filePath(QStringLiteral("distributed/%1.crt").arg(rootFingerprint(root))));
    if (QFile::exists(file.fileName())) {
        return false;
    }
    const QByteArray pem = root.toPem();
    if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size() || !file.commit()) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1: %2").arg(file.fileName(), file.errorString()));
    }
    qCInfo(lcServerApp).noquote()
        << QStringLiteral("root distributed to devices subject=\"%1\"").arg(root.subject());
    return true;
}

Result<crypto::Certificate> renewRoot(const QString& pkiDir)
{
    const QDir dir(pkiDir);
    if (present(dir, QStringLiteral("root-ca.next"))) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("a renewed root is already being distributed; activate "
                                        "it (ca activate-root) first"));
    }
    if (present(dir, QStringLiteral("root-ca.old"))) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the previous root is still kept; retire it (ca "
                                        "retire-old) before renewing again"));
    }
    auto made = makeCa(QStringLiteral("Steward root CA (%1)").arg(generation()));
    if (!made) {
        return made.error();
    }
    if (auto written = writePair(dir, QStringLiteral("root-ca.next"), *made); !written) {
        return written.error();
    }
    qCInfo(lcServerApp).noquote()
        << QStringLiteral("renewed root CA made subject=\"%1\"").arg(made->certificate.subject());
    return made->certificate;
}

Result<crypto::Certificate> renewDeviceCa(const QString& pkiDir)
{
    const QDir dir(pkiDir);
    if (present(dir, QStringLiteral("device-ca.old"))) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the previous device CA is still kept; retire it (ca "
                                        "retire-old) before renewing again"));
    }
    auto made = makeCa(QStringLiteral("Steward device CA (%1)").arg(generation()));
    if (!made) {
        return made.error();
    }
    if (auto written = writePair(dir, QStringLiteral("device-ca.new"), *made); !written) {
        return written.error();
    }
    if (auto moved = movePair(dir, QStringLiteral("device-ca"), QStringLiteral("device-ca.old"));
        !moved) {
        return moved.error();
    }
    if (auto moved = movePair(dir, QStringLiteral("device-ca.new"), QStringLiteral("device-ca"));
        !moved) {
        return moved.error();
    }
    qCInfo(lcServerApp).noquote()
        << QStringLiteral("device CA renewed subject=\"%1\"").arg(made->certificate.subject());
    return made->certificate;
}

Result<crypto::Certificate> activateRoot(const QString& pkiDir)
{
    const QDir dir(pkiDir);
    if (!present(dir, QStringLiteral("root-ca.next"))) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("there is no renewed root to activate (ca renew-root)"));
    }
    auto next = readPair(dir, QStringLiteral("root-ca.next"));
    auto web = readPair(dir, QStringLiteral("web"));
    if (!next || !web) {
        return next ? web.error() : next.error();
    }
    auto key = PrivateKey::generate(crypto::KeySpec::ecP256());
    if (!key) {
        return key.error();
    }
    const QStringList dnsNames = web->certificate.dnsNames();
    auto request =
        crypto::CertificateRequest::create(*key, dnsNames.value(0, QStringLiteral("localhost")));
    if (!request) {
        return request.error();
    }
    crypto::CertificateOptions options;
    options.dnsNames = dnsNames;
    options.ipAddresses = web->certificate.ipAddresses();
    options.serverAuth = true;
    options.validity = WebValidity;
    auto issued = crypto::issueCertificate(*request, next->certificate, next->key, options);
    if (!issued) {
        return issued.error();
    }
    if (auto written = writePair(dir, QStringLiteral("web.new"), Pair{*issued, *key}); !written) {
        return written.error();
    }
    for (const auto& [from, to] :
         {std::pair{QStringLiteral("root-ca"), QStringLiteral("root-ca.old")},
          {QStringLiteral("root-ca.next"), QStringLiteral("root-ca")},
          {QStringLiteral("web.new"), QStringLiteral("web")}}) {
        if (auto moved = movePair(dir, from, to); !moved) {
            return moved.error();
        }
    }
    qCInfo(lcServerApp).noquote()
        << QStringLiteral("root CA activated subject=\"%1\"; web certificate re-issued from it")
               .arg(next->certificate.subject());
    return next->certificate;
}

Result<QStringList> retireOldAuthorities(const QString& pkiDir, bool roots, bool deviceCas)
{
    const QDir dir(pkiDir);
    if (!dir.mkpath(QStringLiteral("retired"))) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("cannot create %1/retired").arg(pkiDir));
    }
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddThhmmsszzz"));
    QStringList retired;
    for (const auto& [wanted, base] : {std::pair{roots, QStringLiteral("root-ca.old")},
                                       {deviceCas, QStringLiteral("device-ca.old")}}) {
        if (!wanted || !present(dir, base)) {
            continue;
        }
        const QString target = QStringLiteral("retired/%1-%2").arg(base, stamp);
        if (auto moved = movePair(dir, base, target); !moved) {
            return moved.error();
        }
        retired.append(base);
    }
    return retired;
}

} // namespace steward::server::services
