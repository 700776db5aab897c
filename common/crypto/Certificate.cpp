// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/Certificate.h"

#include "common/crypto/OpenSslSupport.h"
#include "common/crypto/PrivateKey.h"

#include <openssl/bn.h>
#include <openssl/pem.h>

namespace steward::crypto {

using namespace detail;

namespace {

QString digestName(int nid)
{
    switch (nid) {
    case NID_md5:
        return QStringLiteral("MD5");
    case NID_sha1:
        return QStringLiteral("SHA1");
    case NID_sha224:
        return QStringLiteral("SHA224");
    case NID_sha256:
        return QStringLiteral("SHA256");
    case NID_sha384:
        return QStringLiteral("SHA384");
    case NID_sha512:
        return QStringLiteral("SHA512");
    default:
        return QString::fromLatin1(OBJ_nid2sn(nid)).toUpper().remove(QLatin1Char('-'));
    }
}

} // namespace

QByteArray Certificate::toPem() const
{
    return pemOf(m_cert.get(), PEM_write_bio_X509);
}

QByteArray Certificate::toDer() const
{
    return derOf(m_cert.get(), i2d_X509);
}

QSslCertificate Certificate::toQSslCertificate() const
{
    return QSslCertificate(toDer(), QSsl::Der);
}

QString Certificate::subject() const
{
    return m_cert ? nameToText(X509_get_subject_name(m_cert.get())) : QString();
}

QString Certificate::issuer() const
{
    return m_cert ? nameToText(X509_get_issuer_name(m_cert.get())) : QString();
}

QString Certificate::subjectCommonName() const
{
    return m_cert ? commonName(X509_get_subject_name(m_cert.get())) : QString();
}

QString Certificate::issuerCommonName() const
{
    return m_cert ? commonName(X509_get_issuer_name(m_cert.get())) : QString();
}

QString Certificate::serialNumber() const
{
    if (!m_cert) {
        return {};
    }
    BignumPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_cert.get()), nullptr));
    char* hex = number ? BN_bn2hex(number.get()) : nullptr;
    if (hex == nullptr) {
        clearOpenSslErrors();
        return {};
    }
    const QString result = QString::fromLatin1(hex);
    OPENSSL_free(hex);
    return result;
}

QDateTime Certificate::notBefore() const
{
    return m_cert ? asn1TimeToDateTime(X509_get0_notBefore(m_cert.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const
{
    return m_cert ? asn1TimeToDateTime(X509_get0_notAfter(m_cert.get())) : QDateTime();
}

bool Certificate::isValidAt(const QDateTime& at) const
{
    return m_cert && notBefore() <= at && at <= notAfter();
}

bool Certificate::isSelfSigned() const
{
    return m_cert && (X509_get_extension_flags(m_cert.get()) & EXFLAG_SS) != 0;
}

bool Certificate::isCa() const
{
    return m_cert && (X509_get_extension_flags(m_cert.get()) & EXFLAG_CA) != 0;
}

QStringList Certificate::dnsNames() const
{
    QStringList names;
    if (m_cert) {
        GeneralNamesPtr alt(static_cast<GENERAL_NAMES*>(
            X509_get_ext_d2i(m_cert.get(), NID_subject_alt_name, nullptr, nullptr)));
        collectAltNames(alt.get(), &names, nullptr);
        clearOpenSslErrors();
    }
    return names;
}

QList<QHostAddress> Certificate::ipAddresses() const
{
    QList<QHostAddress> addresses;
    if (m_cert) {
        GeneralNamesPtr alt(static_cast<GENERAL_NAMES*>(
            X509_get_ext_d2i(m_cert.get(), NID_subject_alt_name, nullptr, nullptr)));
        collectAltNames(alt.get(), nullptr, &addresses);
        clearOpenSslErrors();
    }
    return addresses;
}

QByteArray Certificate::fingerprint(FingerprintAlgorithm algorithm) const
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    const EVP_MD* md = algorithm == FingerprintAlgorithm::Sha1 ? EVP_sha1() : EVP_sha256();
    if (!m_cert || X509_digest(m_cert.get(), md, digest, &length) != 1) {
        clearOpenSslErrors();
        return {};
    }
    return QByteArray(reinterpret_cast<const char*>(digest), int(length));
}

QString Certificate::fingerprintText(FingerprintAlgorithm algorithm) const
{
    return QString::fromLatin1(fingerprint(algorithm).toHex(':').toUpper());
}

PublicKey Certificate::publicKey() const
{
    EVP_PKEY* key = m_cert ? X509_get_pubkey(m_cert.get()) : nullptr;
    if (key == nullptr) {
        clearOpenSslErrors();
        return {};
    }
    return PublicKey(sharePkey(PkeyPtr(key)));
}

KeySpec Certificate::keySpec() const
{
    return publicKey().spec();
}

QString Certificate::signatureAlgorithm() const
{
    if (!m_cert) {
        return {};
    }
    const int nid = X509_get_signature_nid(m_cert.get());
    int digest = NID_undef;
    int keyType = NID_undef;
    if (OBJ_find_sigid_algs(nid, &digest, &keyType) != 1 || digest == NID_undef) {
        return QString::fromLatin1(OBJ_nid2sn(nid));
    }
    if (keyType == NID_rsaEncryption) {
        return digestName(digest) + QStringLiteral("withRSA");
    }
    if (keyType == NID_X9_62_id_ecPublicKey) {
        return digestName(digest) + QStringLiteral("withECDSA");
    }
    return QString::fromLatin1(OBJ_nid2sn(nid));
}

bool Certificate::isMd5Signed() const
{
    int digest = NID_undef;
    int keyType = NID_undef;
    return m_cert
           && OBJ_find_sigid_algs(X509_get_signature_nid(m_cert.get()), &digest, &keyType) == 1
           && (digest == NID_md5 || digest == NID_md5_sha1 || digest == NID_md4
               || digest == NID_md2);
}

bool Certificate::matches(const PrivateKey& key) const
{
    const bool same =
        m_cert && !key.isNull() && EVP_PKEY_eq(X509_get0_pubkey(m_cert.get()), key.native()) == 1;
    clearOpenSslErrors();
    return same;
}

bool Certificate::operator==(const Certificate& other) const
{
    if (!m_cert || !other.m_cert) {
        return !m_cert && !other.m_cert;
    }
    return X509_cmp(m_cert.get(), other.m_cert.get()) == 0;
}

} // namespace steward::crypto
