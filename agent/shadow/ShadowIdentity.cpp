// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/shadow/ShadowIdentity.h"

#include "agent/shadow/Logging.h"
#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/PrivateKey.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace steward::agent::shadow {
namespace {

QString pathIn(const QString& stateDir, const char* name)
{
    return QDir(stateDir).filePath(QLatin1String(name));
}

} // namespace

Result<tls::TlsIdentity> regenerateShadowIdentity(const QString& stateDir, qint64 deviceId)
{
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::rsa(4096));
    if (!key) {
        return key.error();
    }
    crypto::CertificateOptions options;
    options.commonName = QStringLiteral("steward-shadow-%1").arg(deviceId);
    options.serverAuth = true;
    options.validity = std::chrono::hours(24 * 365 * 10);
    options.digest = crypto::SignatureDigest::Sha512;
    auto certificate = crypto::createSelfSignedCertificate(*key, options);
    if (!certificate) {
        return certificate.error();
    }
    if (auto written = key->writeFile(pathIn(stateDir, ShadowKeyFile)); !written) {
        return written.error();
    }
    QSaveFile file(pathIn(stateDir, ShadowCertificateFile));
    if (!file.open(QIODevice::WriteOnly) || file.write(certificate->toPem()) < 0
        || !file.commit()) {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    }
    qCInfo(lcAgentShadow).noquote()
        << QStringLiteral("shadow certificate created sha256=%1")
               .arg(QString::fromLatin1(
                   certificate->fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex()));
    return tls::TlsIdentity{certificate->toQSslCertificate(), {}, key->toQSslKey()};
}

Result<tls::TlsIdentity> loadOrCreateShadowIdentity(const QString& stateDir, qint64 deviceId)
{
    const QString certificatePath = pathIn(stateDir, ShadowCertificateFile);
    const QString keyPath = pathIn(stateDir, ShadowKeyFile);
    if (QFile::exists(certificatePath) && QFile::exists(keyPath)) {
        auto loaded = tls::loadIdentity(certificatePath, keyPath);
        if (loaded) {
            return loaded;
        }
        qCWarning(lcAgentShadow).noquote()
            << QStringLiteral("shadow certificate unusable, making a new one: %1")
                   .arg(loaded.error().message);
    }
    return regenerateShadowIdentity(stateDir, deviceId);
}

} // namespace steward::agent::shadow
