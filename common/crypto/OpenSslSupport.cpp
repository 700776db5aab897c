// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/crypto/OpenSslSupport.h"

#include <QUrl>

#include <openssl/core_names.h>
#include <openssl/err.h>

#include <array>
#include <ctime>

namespace steward::crypto::detail {
namespace {

// A host name in its ASCII (punycode) form, or empty when it is not a usable name.
QByteArray dnsNameToAscii(const QString& name)
{
    const QByteArray ascii =
        name.startsWith(QStringLiteral("*.")) ? "*." + QUrl::toAce(name.mid(2)) : QUrl::toAce(name);
    if (ascii.isEmpty() || ascii == "*." || ascii.size() > 253) {
        return {};
    }
    for (const char c : ascii) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                             || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '*'
                             || c == '_';
        if (!allowed) {
            return {};
        }
    }
    return ascii;
}

} // namespace

Error openSslError(ErrorCode code, const QString& context)
{
    QStringList reasons;
    while (const unsigned long error = ERR_get_error()) {
        std::array<char, 256> text{};
        ERR_error_string_n(error, text.data(), text.size());
        reasons.append(QString::fromLatin1(text.data()));
    }
    if (reasons.isEmpty()) {
        return makeError(code, context);
    }
    return makeError(code, context + QStringLiteral(" (") + reasons.join(QStringLiteral("; "))
                               + QLatin1Char(')'));
}

void clearOpenSslErrors()
{
    ERR_clear_error();
}

BioPtr memoryBio(const QByteArray& data)
{
    return BioPtr(BIO_new_mem_buf(data.constData(), int(data.size())));
}

BioPtr memoryBio()
{
    return BioPtr(BIO_new(BIO_s_mem()));
}

QByteArray bioContents(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    if (size <= 0 || data == nullptr) {
        return {};
    }
    return QByteArray(data, qsizetype(size));
}

std::shared_ptr<EVP_PKEY> sharePkey(PkeyPtr key)
{
    return std::shared_ptr<EVP_PKEY>(key.release(), EVP_PKEY_free);
}

std::shared_ptr<X509> shareX509(X509Ptr cert)
{
    return std::shared_ptr<X509>(cert.release(), X509_free);
}

const EVP_MD* defaultDigestFor(const EVP_PKEY* key, bool preferSha256)
{
    if (EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA && !preferSha256) {
        return EVP_sha512();
    }
    return EVP_sha256();
}

void collectAltNames(const GENERAL_NAMES* names, QStringList* dnsNames,
                     QList<QHostAddress>* ipAddresses)
{
    for (int i = 0; names != nullptr && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_DNS && dnsNames != nullptr) {
            const ASN1_IA5STRING* text = name->d.dNSName;
            dnsNames->append(
                QString::fromLatin1(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                                    ASN1_STRING_length(text)));
        } else if (name->type == GEN_IPADD && ipAddresses != nullptr) {
            const ASN1_OCTET_STRING* raw = name->d.iPAddress;
            const unsigned char* bytes = ASN1_STRING_get0_data(raw);
            if (ASN1_STRING_length(raw) == 4) {
                ipAddresses->append(QHostAddress(
                    quint32((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3])));
            } else if (ASN1_STRING_length(raw) == 16) {
                ipAddresses->append(QHostAddress(bytes));
            }
        }
    }
}

Result<GeneralNamesPtr> makeAltNames(const QStringList& dnsNames,
                                     const QList<QHostAddress>& ipAddresses)
{
    GeneralNamesPtr names(GENERAL_NAMES_new());
    if (!names) {
        return openSslError(ErrorCode::CryptoFailure, QStringLiteral("out of memory"));
    }
    auto append = [&](int type, const QByteArray& value) -> bool {
        ASN1_STRING* string = type == GEN_DNS ? ASN1_IA5STRING_new() : ASN1_OCTET_STRING_new();
        GENERAL_NAME* name = GENERAL_NAME_new();
        if (string == nullptr || name == nullptr
            || ASN1_STRING_set(string, value.constData(), int(value.size())) != 1) {
            ASN1_STRING_free(string);
            GENERAL_NAME_free(name);
            return false;
        }
        GENERAL_NAME_set0_value(name, type, string);
        if (sk_GENERAL_NAME_push(names.get(), name) <= 0) {
            GENERAL_NAME_free(name);
            return false;
        }
        return true;
    };
    for (const QString& dns : dnsNames) {
        const QByteArray ascii = dnsNameToAscii(dns);
        if (ascii.isEmpty()) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("invalid DNS name \"%1\"").arg(dns));
        }
        if (!append(GEN_DNS, ascii)) {
            return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot add DNS name"));
        }
    }
    for (const QHostAddress& address : ipAddresses) {
        QByteArray raw;
        if (address.protocol() == QAbstractSocket::IPv4Protocol) {
            const quint32 v4 = address.toIPv4Address();
            const char bytes[] = {char(v4 >> 24), char((v4 >> 16) & 0xff), char((v4 >> 8) & 0xff),
                                  char(v4 & 0xff)};
            raw = QByteArray(bytes, 4);
        } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
            const Q_IPV6ADDR v6 = address.toIPv6Address();
            raw = QByteArray(reinterpret_cast<const char*>(v6.c), 16);
        } else {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("invalid IP address \"%1\"").arg(address.toString()));
        }
        if (!append(GEN_IPADD, raw)) {
            return openSslError(ErrorCode::CryptoFailure, QStringLiteral("cannot add IP address"));
        }
    }
    return names;
}

QString nameToText(const X509_NAME* name)
{
    BioPtr bio = memoryBio();
    if (!bio || name == nullptr
        || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
        clearOpenSslErrors();
        return {};
    }
    return QString::fromUtf8(bioContents(bio.get()));
}

QString commonName(const X509_NAME* name)
{
    const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (index < 0) {
        return {};
    }
    const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    unsigned char* utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0) {
        clearOpenSslErrors();
        return {};
    }
    const QString result = QString::fromUtf8(reinterpret_cast<const char*>(utf8), length);
    OPENSSL_free(utf8);
    return result;
}

QDateTime asn1TimeToDateTime(const ASN1_TIME* time)
{
    std::tm parts{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
        clearOpenSslErrors();
        return {};
    }
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

Result<KeySpec> keySpecOf(const EVP_PKEY* key)
{
    if (key == nullptr) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("no key"));
    }
    const int type = EVP_PKEY_get_base_id(key);
    if (type == EVP_PKEY_RSA) {
        return KeySpec{KeyAlgorithm::Rsa, EVP_PKEY_get_bits(key)};
    }
    if (type == EVP_PKEY_EC) {
        std::array<char, 64> group{};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(),
                                           group.size(), &length)
            != 1) {
            return openSslError(ErrorCode::UnsupportedAlgorithm,
                                QStringLiteral("EC key without a named curve"));
        }
        const QLatin1String name(group.data(), qsizetype(length));
        if (name == QLatin1String("prime256v1") || name == QLatin1String("P-256")) {
            return KeySpec{KeyAlgorithm::Ec, 256};
        }
        if (name == QLatin1String("secp384r1") || name == QLatin1String("P-384")) {
            return KeySpec{KeyAlgorithm::Ec, 384};
        }
        return makeError(ErrorCode::UnsupportedAlgorithm,
                         QStringLiteral("unsupported EC curve %1").arg(name));
    }
    return makeError(
        ErrorCode::UnsupportedAlgorithm,
        QStringLiteral("unsupported key type %1").arg(QString::fromLatin1(OBJ_nid2sn(type))));
}

} // namespace steward::crypto::detail
