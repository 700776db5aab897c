// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PrivateKey.h"

#include "common/crypto/OpenSslSupport.h"
#include "common/crypto/SecureFile.h"

#include <QFile>

#include <openssl/pem.h>

#include <cstring>

namespace steward::crypto {

using namespace detail;

namespace {

constexpr qsizetype MaxKeyFileBytes = 1024 * 1024;
constexpr int KeyPbkdf2Iterations = 100000;

using Pkcs8InfoPtr = std::unique_ptr<PKCS8_PRIV_KEY_INFO, Deleter<PKCS8_PRIV_KEY_INFO_free>>;
using Pkcs8SigPtr = std::unique_ptr<X509_SIG, Deleter<X509_SIG_free>>;

struct PassphraseRequest {
    QByteArray passphrase;
    bool asked = false;
};

// Never lets OpenSSL fall back to prompting on the terminal.
int passphraseCallback(char* buffer, int size, int /*rwflag*/, void* userData)
{
    auto* request = static_cast<PassphraseRequest*>(userData);
    request->asked = true;
    if (request->passphrase.isEmpty() || request->passphrase.size() > size) {
        return -1;
    }
    std::memcpy(buffer, request->passphrase.constData(), size_t(request->passphrase.size()));
    return int(request->passphrase.size());
}

} // namespace

Result<PrivateKey> PrivateKey::generate(const KeySpec& spec)
{
    PkeyPtr key;
    if (spec.algorithm == KeyAlgorithm::Rsa) {
        if (spec.bits < 2048 || spec.bits > 16384) {
            return makeError(
                ErrorCode::UnsupportedAlgorithm,
                QStringLiteral("RSA keys must have 2048 to 16384 bits, not %1").arg(spec.bits));
        }
        key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(spec.bits)));
    } else if (spec.bits == 256 || spec.bits == 384) {
        key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", spec.bits == 256 ? "P-256" : "P-384"));
    } else {
        return makeError(ErrorCode::UnsupportedAlgorithm,
                         QStringLiteral("unsupported EC curve size %1").arg(spec.bits));
    }
    if (!key) {
        return openSslError(ErrorCode::CryptoFailure,
                            QStringLiteral("cannot generate %1 key").arg(spec.toString()));
    }
    return PrivateKey(sharePkey(std::move(key)));
}

Result<PrivateKey> PrivateKey::fromPem(const QByteArray& pem, const QString& passphrase)
{
    if (pem.isEmpty()) {
        return makeError(ErrorCode::InvalidValue, QStringLiteral("empty private key data"));
    }
    PassphraseRequest request{passphrase.toUtf8()};
    BioPtr bio = memoryBio(pem);
    PkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, passphraseCallback, &request)
                    : nullptr);
    if (!key && request.asked) {
        clearOpenSslErrors();
        return makeError(ErrorCode::BadPassword,
                         passphrase.isEmpty()
                             ? QStringLiteral("the private key is encrypted and needs a passphrase")
                             : QStringLiteral("wrong passphrase for the private key"));
    }
    if (!key) {
        return openSslError(ErrorCode::InvalidValue, QStringLiteral("not a PEM private key"));
    }
    if (auto spec = keySpecOf(key.get()); !spec) {
        return spec.error();
    }
    return PrivateKey(sharePkey(std::move(key)));
}

Result<QByteArray> PrivateKey::toPem(const QString& passphrase) const
{
    if (!m_key) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no private key"));
    }
    BioPtr bio = memoryBio();
    if (!bio) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("out of memory"));
    }
    const QByteArray secret = passphrase.toUtf8();
    if (secret.isEmpty()) {
        if (PEM_write_bio_PKCS8PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                          nullptr)
            != 1) {
            return openSslError(ErrorCode::CryptoFailure,
                                QStringLiteral("cannot encode the private key as PKCS#8"));
        }
        return bioContents(bio.get());
    }
    // PKCS8_encrypt_ex rather than PEM_write_bio_PKCS8PrivateKey, whose 2,048 PBKDF2
    // iterations are too few for a key that may leave the machine.
    Pkcs8InfoPtr info(EVP_PKEY2PKCS8(m_key.get()));
    Pkcs8SigPtr encrypted(info ? PKCS8_encrypt_ex(-1, EVP_aes_256_cbc(), secret.constData(),
                                                  int(secret.size()), nullptr, 0,
                                                  KeyPbkdf2Iterations, info.get(), nullptr, nullptr)
                               : nullptr);
    if (!encrypted || PEM_write_bio_PKCS8(bio.get(), encrypted.get()) != 1) {
        return openSslError(ErrorCode::CryptoFailure,
                            QStringLiteral("cannot encrypt the private key as PKCS#8"));
    }
    return bioContents(bio.get());
}

Result<void> PrivateKey::writeFile(const QString& path, const QString& passphrase) const
{
    auto pem = toPem(passphrase);
    if (!pem) {
        return pem.error();
    }
    return writePrivateFile(path, *pem);
}

Result<PrivateKey> PrivateKey::readFile(const QString& path, const QString& passphrase)
{
    QFile file(path);
    if (!file.exists()) {
        return makeError(ErrorCode::FileNotFound, QStringLiteral("no key file %1").arg(path));
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot read key file %1: %2").arg(path, file.errorString()));
    }
    const QByteArray pem = file.read(MaxKeyFileBytes + 1);
    if (pem.size() > MaxKeyFileBytes) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("key file %1 is too large").arg(path));
    }
    auto key = fromPem(pem, passphrase);
    if (!key) {
        return makeError(key.error().code,
                         QStringLiteral("key file %1: %2").arg(path, key.error().message));
    }
    return key;
}

KeySpec PrivateKey::spec() const
{
    auto spec = keySpecOf(m_key.get());
    return spec ? *spec : KeySpec{};
}

PublicKey PrivateKey::publicKey() const
{
    // EVP_PKEY holds both halves; exporting SubjectPublicKeyInfo drops the private part.
    unsigned char* der = nullptr;
    const int length = m_key ? i2d_PUBKEY(m_key.get(), &der) : -1;
    if (length <= 0) {
        clearOpenSslErrors();
        return {};
    }
    const unsigned char* cursor = der;
    PkeyPtr pub(d2i_PUBKEY(nullptr, &cursor, length));
    OPENSSL_free(der);
    if (!pub) {
        clearOpenSslErrors();
        return {};
    }
    return PublicKey(sharePkey(std::move(pub)));
}

QSslKey PrivateKey::toQSslKey() const
{
    auto pem = toPem();
    if (!pem) {
        return {};
    }
    const QSsl::KeyAlgorithm algorithm =
        spec().algorithm == KeyAlgorithm::Ec ? QSsl::Ec : QSsl::Rsa;
    return QSslKey(*pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
}

} // namespace steward::crypto
