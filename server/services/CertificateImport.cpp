// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateImport.h"

#include "common/crypto/Pkcs12.h"

#include <QRegularExpression>

namespace steward::server::services {
namespace {

constexpr int MaxAliasLength = 64;

Result<void> checkKeySpec(const crypto::KeySpec& spec)
{
    const bool rsa = spec.algorithm == crypto::KeyAlgorithm::Rsa && spec.bits >= 2048;
    const bool ec =
        spec.algorithm == crypto::KeyAlgorithm::Ec && (spec.bits == 256 || spec.bits == 384);
    if (rsa || ec) {
        return {};
    }
    return makeError(ErrorCode::UnsupportedAlgorithm,
                     QStringLiteral("the certificate's key is %1; a device-communication "
                                    "certificate needs RSA with at least 2048 bits or EC "
                                    "P-256/P-384")
                         .arg(spec.toString()));
}

} // namespace

const QStringList& acceptedSignatureAlgorithms()
{
    static const QStringList accepted{
        QStringLiteral("SHA256withRSA"),   QStringLiteral("SHA384withRSA"),
        QStringLiteral("SHA512withRSA"),   QStringLiteral("SHA256withECDSA"),
        QStringLiteral("SHA384withECDSA"), QStringLiteral("SHA512withECDSA")};
    return accepted;
}

Result<void> checkMaterial(const CertificateMaterial& material)
{
    const crypto::Certificate& certificate = material.certificate;
    if (certificate.isMd5Signed()) {
        return makeError(ErrorCode::WeakSignature,
                         QStringLiteral("the certificate \"%1\" is signed with MD5 (%2), which "
                                        "is broken; use SHA-256 or stronger")
                             .arg(certificate.subject(), certificate.signatureAlgorithm()));
    }
    const QString algorithm = certificate.signatureAlgorithm();
    if (!acceptedSignatureAlgorithms().contains(algorithm)) {
        return makeError(ErrorCode::UnsupportedAlgorithm,
                         QStringLiteral("the certificate is signed with %1; accepted are %2")
                             .arg(algorithm, acceptedSignatureAlgorithms().join(u", ")));
    }
    if (auto spec = checkKeySpec(certificate.keySpec()); !spec) {
        return spec;
    }
    if (!certificate.isValidAt()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the certificate is valid from %1 to %2, not now")
                             .arg(certificate.notBefore().toString(Qt::ISODate),
                                  certificate.notAfter().toString(Qt::ISODate)));
    }
    if (!material.key.isNull() && !certificate.matches(material.key)) {
        return makeError(ErrorCode::KeyMismatch,
                         QStringLiteral("the private key does not belong to the certificate "
                                        "\"%1\"")
                             .arg(certificate.subject()));
    }
    return {};
}

Result<CertificateMaterial> materialFromPem(const QByteArray& certificate, const QByteArray& key,
                                            const QString& keyPassword)
{
    auto parsed = crypto::Certificate::importSingle(certificate);
    if (!parsed) {
        return parsed.error();
    }
    CertificateMaterial material{*parsed, {}};
    if (!key.trimmed().isEmpty()) {
        auto privateKey = crypto::PrivateKey::fromPem(key, keyPassword);
        if (!privateKey) {
            return makeError(privateKey.error().code,
                             QStringLiteral("private key: ") + privateKey.error().message);
        }
        material.key = *privateKey;
    }
    if (auto checked = checkMaterial(material); !checked) {
        return checked.error();
    }
    return material;
}

Result<CertificateMaterial> materialFromPkcs12(const QByteArray& data, const QString& password)
{
    auto bundle = crypto::importPkcs12(data, password);
    if (!bundle) {
        return bundle.error();
    }
    if (!bundle->chain.isEmpty()) {
        return makeError(ErrorCode::ChainNotAllowed,
                         QStringLiteral("the PKCS#12 file holds a chain (%1 more certificates); "
                                        "import exactly one certificate and its key")
                             .arg(bundle->chain.size()));
    }
    CertificateMaterial material{bundle->certificate, bundle->key};
    if (auto checked = checkMaterial(material); !checked) {
        return checked.error();
    }
    return material;
}

QString aliasProblem(const QString& alias)
{
    static const QRegularExpression allowed(QStringLiteral("^[A-Za-z0-9._ -]+$"));
    if (alias.trimmed().isEmpty()) {
        return QStringLiteral("the alias is empty");
    }
    if (alias.size() > MaxAliasLength) {
        return QStringLiteral("the alias is longer than %1 characters").arg(MaxAliasLength);
    }
    if (alias != alias.trimmed() || !allowed.match(alias).hasMatch()) {
        return QStringLiteral("the alias \"%1\" may hold only letters, digits, spaces, '.', '_' "
                              "and '-' (no leading or trailing space)")
            .arg(alias.left(MaxAliasLength));
    }
    return {};
}

} // namespace steward::server::services
