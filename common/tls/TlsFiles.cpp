// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsFiles.h"

#include "common/core/Logging.h"

#include <QByteArrayView>
#include <QFile>
#include <QFileInfo>

#include <optional>

namespace steward::tls {
namespace {

// PEM files we read are certificates, keys and CA bundles; anything bigger is not one of them.
constexpr qint64 MaxPemFileBytes = 4 * 1024 * 1024;

Result<QByteArray> readPemFile(const QString& path, const QString& what)
{
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists()) {
        return makeError(ErrorCode::FileNotFound,
                         QStringLiteral("%1 file not found: %2").arg(what, path));
    }
    if (!info.isFile()) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1 file is not a regular file: %2").arg(what, path));
    }
    if (info.size() > MaxPemFileBytes) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("%1 file is too large (%2 bytes): %3")
                             .arg(what, QString::number(info.size()), path));
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot read %1 file %2: %3").arg(what, path, file.errorString()));
    }
    return file.readAll();
}

// A minimal DER reader: just enough to find the public key inside a private key and a
// SubjectPublicKeyInfo, so a key/certificate mismatch is caught at load time rather than as
// an opaque handshake failure later.
struct DerElement {
    quint8 tag = 0;
    QByteArrayView content;
};

std::optional<DerElement> takeDer(QByteArrayView& data)
{
    if (data.size() < 2) {
        return std::nullopt;
    }
    const auto tag = quint8(data[0]);
    qsizetype length = quint8(data[1]);
    qsizetype offset = 2;
    if (length & 0x80) {
        const qsizetype lengthBytes = length & 0x7f;
        if (lengthBytes == 0 || lengthBytes > 4 || data.size() < 2 + lengthBytes) {
            return std::nullopt;
        }
        length = 0;
        for (qsizetype i = 0; i < lengthBytes; ++i) {
            length = (length << 8) | quint8(data[2 + i]);
        }
        offset += lengthBytes;
    }
    if (length < 0 || length > data.size() - offset) {
        return std::nullopt;
    }
    DerElement element{tag, data.sliced(offset, length)};
    data = data.sliced(offset + length);
    return element;
}

std::vector<DerElement> derChildren(QByteArrayView sequence)
{
    std::vector<DerElement> children;
    while (!sequence.isEmpty()) {
        const auto child = takeDer(sequence);
        if (!child) {
            return {};
        }
        children.push_back(*child);
    }
    return children;
}

constexpr quint8 DerInteger = 0x02;
constexpr quint8 DerBitString = 0x03;
constexpr quint8 DerOctetString = 0x04;
constexpr quint8 DerSequence = 0x30;
constexpr quint8 DerContext1 = 0xa1;

void appendDer(QByteArray& out, quint8 tag, QByteArrayView content)
{
    out += char(tag);
    const auto size = content.size();
    if (size < 0x80) {
        out += char(size);
    } else if (size < 0x100) {
        out += char(0x81);
        out += char(size);
    } else {
        out += char(0x82);
        out += char((size >> 8) & 0xff);
        out += char(size & 0xff);
    }
    out += content;
}

// The public part of a private key, in the same form as the BIT STRING of a
// SubjectPublicKeyInfo: EC keys give their point, RSA keys their RSAPublicKey (n, e).
std::optional<QByteArray> publicPartOfPrivateKey(QByteArrayView der)
{
    const auto outer = takeDer(der);
    if (!outer || outer->tag != DerSequence) {
        return std::nullopt;
    }
    const auto fields = derChildren(outer->content);
    // PKCS#8 wraps the algorithm-specific key: { version, AlgorithmIdentifier, OCTET STRING }.
    if (fields.size() >= 3 && fields[1].tag == DerSequence && fields[2].tag == DerOctetString) {
        return publicPartOfPrivateKey(fields[2].content);
    }
    // SEC1 ECPrivateKey: { version, privateKey, [0] parameters, [1] publicKey BIT STRING }.
    if (fields.size() >= 2 && fields[1].tag == DerOctetString) {
        for (const auto& field : fields) {
            if (field.tag == DerContext1) {
                auto inner = field.content;
                const auto bits = takeDer(inner);
                if (bits && bits->tag == DerBitString) {
                    return bits->content.toByteArray();
                }
            }
        }
        return std::nullopt;
    }
    // PKCS#1 RSAPrivateKey: { version, n, e, … }; the SubjectPublicKeyInfo BIT STRING holds
    // RSAPublicKey { n, e } behind a zero "unused bits" byte.
    if (fields.size() >= 3 && fields[1].tag == DerInteger && fields[2].tag == DerInteger) {
        QByteArray body;
        appendDer(body, DerInteger, fields[1].content);
        appendDer(body, DerInteger, fields[2].content);
        QByteArray bits(1, '\0');
        appendDer(bits, DerSequence, body);
        return bits;
    }
    return std::nullopt;
}

// The BIT STRING of a SubjectPublicKeyInfo { AlgorithmIdentifier, BIT STRING }.
std::optional<QByteArray> subjectPublicKeyBits(QByteArrayView der)
{
    const auto outer = takeDer(der);
    if (!outer || outer->tag != DerSequence) {
        return std::nullopt;
    }
    const auto fields = derChildren(outer->content);
    if (fields.size() != 2 || fields[1].tag != DerBitString) {
        return std::nullopt;
    }
    return fields[1].content.toByteArray();
}

} // namespace

Result<QList<QSslCertificate>> loadCertificates(const QString& pemPath)
{
    auto pem = readPemFile(pemPath, QStringLiteral("certificate"));
    if (!pem) {
        return pem.error();
    }
    const auto certificates = QSslCertificate::fromData(*pem, QSsl::Pem);
    if (certificates.isEmpty()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("no PEM certificate in %1").arg(pemPath));
    }
    for (const auto& certificate : certificates) {
        if (certificate.isNull()) {
            return makeError(ErrorCode::InvalidCertificate,
                             QStringLiteral("unreadable certificate in %1").arg(pemPath));
        }
    }
    return certificates;
}

Result<QSslKey> loadPrivateKey(const QString& pemPath, QSsl::KeyAlgorithm algorithm,
                               const QByteArray& passPhrase)
{
    auto pem = readPemFile(pemPath, QStringLiteral("private key"));
    if (!pem) {
        return pem.error();
    }
    if (algorithm != QSsl::Rsa && algorithm != QSsl::Ec) {
        return makeError(
            ErrorCode::UnsupportedAlgorithm,
            QStringLiteral("only RSA and EC private keys are supported: %1").arg(pemPath));
    }
    QSslKey key(*pem, algorithm, QSsl::Pem, QSsl::PrivateKey, passPhrase);
    if (key.isNull()) {
        if (pem->contains("ENCRYPTED")) {
            return makeError(ErrorCode::BadPassword,
                             QStringLiteral("cannot decrypt private key %1: wrong or missing "
                                            "pass phrase")
                                 .arg(pemPath));
        }
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("no %1 private key in %2")
                .arg(algorithm == QSsl::Rsa ? QStringLiteral("RSA") : QStringLiteral("EC"),
                     pemPath));
    }
    return key;
}

Result<void> checkKeyMatchesCertificate(const QSslKey& privateKey,
                                        const QSslCertificate& certificate)
{
    const QSslKey publicKey = certificate.publicKey();
    if (privateKey.isNull() || publicKey.isNull() || privateKey.type() != QSsl::PrivateKey) {
        return makeError(ErrorCode::KeyMismatch,
                         QStringLiteral("no usable private or public key to compare"));
    }
    if (privateKey.algorithm() != publicKey.algorithm()) {
        return makeError(ErrorCode::KeyMismatch,
                         QStringLiteral("private key algorithm differs from the certificate's"));
    }
    const auto fromPrivate = publicPartOfPrivateKey(privateKey.toDer());
    const auto fromCertificate = subjectPublicKeyBits(publicKey.toDer());
    if (!fromPrivate || !fromCertificate) {
        // An encoding we cannot take apart; the TLS stack still checks at handshake time.
        qCDebug(lcTls) << "key match not checked: unrecognised key encoding";
        return {};
    }
    if (*fromPrivate != *fromCertificate) {
        return makeError(ErrorCode::KeyMismatch,
                         QStringLiteral("private key does not belong to certificate \"%1\"")
                             .arg(certificate.subjectDisplayName()));
    }
    return {};
}

Result<TlsIdentity> loadIdentity(const QString& certificatePath, const QString& keyPath,
                                 const QByteArray& passPhrase)
{
    auto certificates = loadCertificates(certificatePath);
    if (!certificates) {
        return certificates.error();
    }
    TlsIdentity identity;
    identity.certificate = certificates->takeFirst();
    identity.intermediates = std::move(*certificates);
    auto key = loadPrivateKey(keyPath, identity.certificate.publicKey().algorithm(), passPhrase);
    if (!key) {
        return key.error();
    }
    identity.privateKey = std::move(*key);
    if (auto match = checkKeyMatchesCertificate(identity.privateKey, identity.certificate);
        !match) {
        return makeError(
            ErrorCode::KeyMismatch,
            QStringLiteral("%1 and %2: %3").arg(keyPath, certificatePath, match.error().message));
    }
    return identity;
}

} // namespace steward::tls
