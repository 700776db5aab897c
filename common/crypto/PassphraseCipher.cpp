// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/PassphraseCipher.h"

#include "common/crypto/OpenSslSupport.h"
#include "common/crypto/Random.h"

#include <QtEndian>

#include <openssl/crypto.h>

namespace steward::crypto {

using namespace detail;

namespace {

const QByteArray Magic = QByteArrayLiteral("STWENC");
constexpr char Version = 1;
constexpr char KdfPbkdf2Sha256 = 1;
constexpr qsizetype SaltBytes = 16;
constexpr qsizetype NonceBytes = 12;
constexpr qsizetype TagBytes = 16;
constexpr qsizetype KeyBytes = 32;
constexpr qsizetype HeaderBytes = 6 + 1 + 1 + 4 + SaltBytes + NonceBytes;
constexpr qsizetype ChunkBytes = 1 << 20; // EVP_*Update take int lengths
constexpr int MinIterations = 1000;
constexpr int MaxIterations = 10'000'000;

// The derived key, wiped when it goes out of scope.
class DerivedKey {
public:
    DerivedKey() : m_bytes(KeyBytes, '\0') {}
    ~DerivedKey() { OPENSSL_cleanse(m_bytes.data(), size_t(m_bytes.size())); }
    DerivedKey(const DerivedKey&) = delete;
    DerivedKey& operator=(const DerivedKey&) = delete;
    unsigned char* data() { return reinterpret_cast<unsigned char*>(m_bytes.data()); }

private:
    QByteArray m_bytes;
};

bool deriveKey(const QString& passphrase, const QByteArray& salt, int iterations, DerivedKey& key)
{
    const QByteArray secret = passphrase.toUtf8();
    return PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()),
                             reinterpret_cast<const unsigned char*>(salt.constData()),
                             int(salt.size()), iterations, EVP_sha256(), int(KeyBytes), key.data())
           == 1;
}

// Runs data through an initialised GCM context in int-sized chunks; appends to `out`.
bool update(EVP_CIPHER_CTX* context, bool encrypt, const char* data, qsizetype size,
            QByteArray& out)
{
    for (qsizetype done = 0; done < size; done += ChunkBytes) {
        const int chunk = int(std::min(ChunkBytes, size - done));
        const qsizetype at = out.size();
        out.resize(at + chunk);
        int written = 0;
        auto* target = reinterpret_cast<unsigned char*>(out.data() + at);
        const auto* source = reinterpret_cast<const unsigned char*>(data + done);
        const int ok = encrypt ? EVP_EncryptUpdate(context, target, &written, source, chunk)
                               : EVP_DecryptUpdate(context, target, &written, source, chunk);
        if (ok != 1 || written != chunk) {
            return false;
        }
    }
    return true;
}

bool start(EVP_CIPHER_CTX* context, bool encrypt, DerivedKey& key, const QByteArray& header)
{
    const auto* nonce =
        reinterpret_cast<const unsigned char*>(header.constData() + HeaderBytes - NonceBytes);
    int unused = 0;
    const auto* aad = reinterpret_cast<const unsigned char*>(header.constData());
    if (encrypt) {
        return EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nullptr, key.data(), nonce) == 1
               && EVP_EncryptUpdate(context, nullptr, &unused, aad, int(header.size())) == 1;
    }
    return EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nullptr, key.data(), nonce) == 1
           && EVP_DecryptUpdate(context, nullptr, &unused, aad, int(header.size())) == 1;
}

} // namespace

bool isPassphraseEncrypted(const QByteArray& data)
{
    return data.startsWith(Magic);
}

Result<QByteArray> encryptWithPassphrase(const QByteArray& plaintext, const QString& passphrase,
                                         int iterations)
{
    if (passphrase.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("the passphrase is empty"));
    }
    if (iterations < MinIterations || iterations > MaxIterations) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("bad PBKDF2 iteration count %1").arg(iterations));
    }
    auto random = randomBytes(SaltBytes + NonceBytes);
    if (!random) {
        return random.error();
    }
    QByteArray header = Magic;
    header.append(Version).append(KdfPbkdf2Sha256);
    char count[4];
    qToBigEndian(quint32(iterations), count);
    header.append(count, 4).append(*random);

    DerivedKey key;
    CipherCtxPtr context(EVP_CIPHER_CTX_new());
    QByteArray out = header;
    out.reserve(header.size() + plaintext.size() + TagBytes);
    if (!deriveKey(passphrase, random->left(SaltBytes), iterations, key) || !context
        || !start(context.get(), true, key, header)
        || !update(context.get(), true, plaintext.constData(), plaintext.size(), out)) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("encryption failed"));
    }
    int unused = 0;
    unsigned char tag[TagBytes];
    if (EVP_EncryptFinal_ex(context.get(), tag, &unused) != 1
        || EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, int(TagBytes), tag) != 1) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("encryption failed"));
    }
    out.append(reinterpret_cast<const char*>(tag), TagBytes);
    return out;
}

Result<QByteArray> decryptWithPassphrase(const QByteArray& data, const QString& passphrase)
{
    if (!isPassphraseEncrypted(data)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("not a Steward encrypted file (no STWENC header)"));
    }
    if (data.size() < HeaderBytes + TagBytes) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("the encrypted file is truncated (%1 bytes)").arg(data.size()));
    }
    if (data.at(6) != Version || data.at(7) != KdfPbkdf2Sha256) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("unsupported encrypted file version %1 / KDF %2")
                             .arg(int(data.at(6)))
                             .arg(int(data.at(7))));
    }
    const quint32 iterations = qFromBigEndian<quint32>(data.constData() + 8);
    if (iterations < quint32(MinIterations) || iterations > quint32(MaxIterations)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("bad iteration count %1 in the header").arg(iterations));
    }
    const QByteArray header = data.left(HeaderBytes);
    const qsizetype cipherBytes = data.size() - HeaderBytes - TagBytes;
    DerivedKey key;
    CipherCtxPtr context(EVP_CIPHER_CTX_new());
    QByteArray plaintext;
    plaintext.reserve(cipherBytes);
    QByteArray tag = data.right(TagBytes);
    if (!deriveKey(passphrase, header.mid(12, SaltBytes), int(iterations), key) || !context
        || !start(context.get(), false, key, header)
        || !update(context.get(), false, data.constData() + HeaderBytes, cipherBytes, plaintext)
        || EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, int(TagBytes), tag.data())
               != 1) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("decryption failed"));
    }
    int unused = 0;
    unsigned char none[16];
    if (EVP_DecryptFinal_ex(context.get(), none, &unused) != 1) {
        clearOpenSslErrors();
        OPENSSL_cleanse(plaintext.data(), size_t(plaintext.size()));
        return makeError(ErrorCode::BadPassword,
                         QStringLiteral("wrong passphrase, or the encrypted data was altered or "
                                        "truncated (authentication failed)"));
    }
    return plaintext;
}

} // namespace steward::crypto
