// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/WebCertificateCheck.h"

#include "common/crypto/ChainVerifier.h"
#include "common/crypto/Pkcs12.h"

#include <QRegularExpression>

#include <algorithm>

namespace steward::server::services {
namespace {

constexpr int MaxNameLength = 253;
constexpr int MaxLabelLength = 63;
constexpr int ShownLength = 80;

QString shown(const QString& name)
{
    return name.left(ShownLength);
}

QString ipv4Problem(const QString& name)
{
    QHostAddress address;
    if (!address.setAddress(name) || address.protocol() != QAbstractSocket::IPv4Protocol) {
        return QStringLiteral("\"%1\" is not a valid IPv4 address (four numbers 0 to 255)")
            .arg(shown(name));
    }
    return {};
}

QString labelProblem(const QString& name, const QString& label)
{
    static const QRegularExpression allowed(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$"));
    if (label.isEmpty()) {
        return QStringLiteral("\"%1\" has an empty label (two dots in a row, or a leading or "
                              "trailing dot)")
            .arg(shown(name));
    }
    if (label.size() > MaxLabelLength) {
        return QStringLiteral("\"%1\" has a label longer than %2 characters")
            .arg(shown(name))
            .arg(MaxLabelLength);
    }
    if (!allowed.match(label).hasMatch()) {
        return QStringLiteral("\"%1\" is neither an IP address nor a valid domain name: the label "
                              "\"%2\" may hold only letters, digits and inner hyphens (use the "
                              "xn-- form for international names; no wildcards)")
            .arg(shown(name), label.left(MaxLabelLength));
    }
    return {};
}

bool allDigits(const QString& text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

/** \a chain reordered from the leaf upwards: each certificate's issuer follows it. */
Result<QList<crypto::Certificate>> issuerOrder(const crypto::Certificate& leaf,
                                               QList<crypto::Certificate> pool)
{
    QList<crypto::Certificate> ordered;
    crypto::Certificate current = leaf;
    while (!current.isSelfSigned()) {
        const auto it = std::find_if(pool.begin(), pool.end(), [&](const crypto::Certificate& c) {
            return c.subject() == current.issuer();
        });
        if (it == pool.end()) {
            break;
        }
        current = *it;
        ordered.append(current);
        pool.erase(it);
    }
    if (!pool.isEmpty()) {
        return makeError(ErrorCode::ChainNotAllowed,
                         QStringLiteral("the PKCS#12 file holds \"%1\", which is not part of the "
                                        "leaf's chain")
                             .arg(pool.first().subject()));
    }
    return ordered;
}

Result<void> checkLeaf(const crypto::Certificate& leaf)
{
    if (leaf.isCa()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the first certificate \"%1\" is a CA certificate; it "
                                        "must be the server's own end-entity certificate (give "
                                        "the leaf first, then its issuers)")
                             .arg(leaf.subject()));
    }
    const crypto::KeySpec spec = leaf.keySpec();
    const bool rsa = spec.algorithm == crypto::KeyAlgorithm::Rsa && spec.bits >= 2048;
    const bool ec = spec.algorithm == crypto::KeyAlgorithm::Ec && (spec.bits >= 256);
    if (!rsa && !ec) {
        return makeError(ErrorCode::UnsupportedAlgorithm,
                         QStringLiteral("the certificate's key is %1; a web certificate needs "
                                        "RSA with at least 2048 bits or EC")
                             .arg(spec.toString()));
    }
    if (leaf.dnsNames().isEmpty() && leaf.ipAddresses().isEmpty()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the certificate \"%1\" has no subject alternative name; "
                                        "clients match the server's name only there")
                             .arg(leaf.subject()));
    }
    return {};
}

Result<void> checkOrder(const WebMaterial& material)
{
    QList<crypto::Certificate> all{material.leaf};
    all += material.chain;
    for (qsizetype i = 0; i + 1 < all.size(); ++i) {
        if (all[i].isSelfSigned()) {
            return makeError(ErrorCode::ChainNotAllowed,
                             QStringLiteral("certificate %1 \"%2\" is a self-signed root but more "
                                            "certificates follow it; the root comes last")
                                 .arg(i + 1)
                                 .arg(all[i].subject()));
        }
        if (all[i].issuer() != all[i + 1].subject()) {
            return makeError(ErrorCode::ChainNotAllowed,
                             QStringLiteral("the chain is not in order: certificate %1 \"%2\" "
                                            "was issued by \"%3\", but certificate %4 is \"%5\" "
                                            "(give the leaf first, then each issuer, the root "
                                            "last)")
                                 .arg(i + 1)
                                 .arg(all[i].subject(), all[i].issuer())
                                 .arg(i + 2)
                                 .arg(all[i + 1].subject()));
        }
    }
    if (material.chain.isEmpty() || !material.root().isSelfSigned()) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the chain ends with \"%1\", issued by \"%2\", which is "
                                        "missing: append the root CA certificate")
                             .arg(all.last().subject(), all.last().issuer()));
    }
    return {};
}

} // namespace

QString hostNameProblem(const QString& name)
{
    if (name.trimmed().isEmpty()) {
        return QStringLiteral("a host name is empty");
    }
    if (name != name.trimmed()) {
        return QStringLiteral("\"%1\" has leading or trailing spaces").arg(shown(name));
    }
    if (name.contains(QLatin1Char(':'))) {
        QHostAddress address;
        if (!address.setAddress(name) || address.protocol() != QAbstractSocket::IPv6Protocol) {
            return QStringLiteral("\"%1\" is not a valid IPv6 address").arg(shown(name));
        }
        return address.isNull() || address == QHostAddress::AnyIPv6
                   ? QStringLiteral("\"%1\" is the unspecified address; no client reaches the "
                                    "server by it")
                         .arg(shown(name))
                   : QString();
    }
    if (name.size() > MaxNameLength) {
        return QStringLiteral("\"%1…\" is longer than %2 characters")
            .arg(shown(name))
            .arg(MaxNameLength);
    }
    const QStringList labels = name.split(QLatin1Char('.'));
    if (labels.size() == 4 && std::all_of(labels.begin(), labels.end(), allDigits)) {
        if (QString problem = ipv4Problem(name); !problem.isEmpty()) {
            return problem;
        }
        return name == QLatin1String("0.0.0.0")
                   ? QStringLiteral("\"0.0.0.0\" is the unspecified address; no client reaches "
                                    "the server by it")
                   : QString();
    }
    for (const auto& label : labels) {
        if (QString problem = labelProblem(name, label); !problem.isEmpty()) {
            return problem;
        }
    }
    if (name.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return {};
    }
    if (labels.size() < 2) {
        return QStringLiteral("\"%1\" is not fully qualified: give the domain too (e.g. "
                              "%1.example.com) or an IP address")
            .arg(shown(name));
    }
    if (allDigits(labels.last())) {
        return QStringLiteral("\"%1\" is neither an IPv4 address (four numbers 0 to 255) nor a "
                              "domain name (its last label is all digits)")
            .arg(shown(name));
    }
    return {};
}

Result<WebNames> parseHostNames(const QStringList& names)
{
    WebNames parsed;
    for (const auto& name : names) {
        if (const QString problem = hostNameProblem(name); !problem.isEmpty()) {
            return makeError(ErrorCode::InvalidValue, problem);
        }
        QHostAddress address;
        if (address.setAddress(name)) {
            if (!parsed.addresses.contains(address)) {
                parsed.addresses.append(address);
            }
        } else if (!parsed.dnsNames.contains(name, Qt::CaseInsensitive)) {
            parsed.dnsNames.append(name.toLower());
        }
    }
    if (parsed.dnsNames.isEmpty() && parsed.addresses.isEmpty()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("give at least one host name or IP address"));
    }
    return parsed;
}

QStringList hostNameList(const WebNames& names)
{
    QStringList list = names.dnsNames;
    for (const auto& address : names.addresses) {
        list.append(address.toString());
    }
    return list;
}

Result<void> checkWebMaterial(const WebMaterial& material)
{
    if (material.key.isNull()) {
        return makeError(ErrorCode::MissingField,
                         QStringLiteral("a web certificate needs its private key"));
    }
    QList<crypto::Certificate> all{material.leaf};
    all += material.chain;
    for (const auto& certificate : all) {
        if (certificate.isMd5Signed()) {
            return makeError(ErrorCode::WeakSignature,
                             QStringLiteral("\"%1\" is signed with MD5 (%2), which is broken; "
                                            "have it reissued with SHA-256 or stronger")
                                 .arg(certificate.subject(), certificate.signatureAlgorithm()));
        }
    }
    if (auto leaf = checkLeaf(material.leaf); !leaf) {
        return leaf;
    }
    if (!material.leaf.matches(material.key)) {
        return makeError(ErrorCode::KeyMismatch,
                         QStringLiteral("the private key does not belong to the certificate "
                                        "\"%1\"")
                             .arg(material.leaf.subject()));
    }
    if (auto order = checkOrder(material); !order) {
        return order;
    }
    crypto::ChainVerifyOptions options;
    options.purpose = crypto::CertificatePurpose::TlsServer;
    const QList<crypto::Certificate> intermediates =
        material.chain.mid(0, material.chain.size() - 1);
    if (auto verified =
            crypto::verifyChain(material.leaf, intermediates, {material.root()}, options);
        !verified) {
        // Bad input, not a refused peer: invalid_certificate (400), with OpenSSL's reason.
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the chain does not verify up to its root \"%1\": %2")
                             .arg(material.root().subject(), verified.error().message));
    }
    return {};
}

Result<WebMaterial> webMaterialFromPem(const QByteArray& chain, const QByteArray& key,
                                       const QString& keyPassword)
{
    auto certificates = crypto::Certificate::chainFromPem(chain);
    if (!certificates) {
        return makeError(certificates.error().code,
                         QStringLiteral("certificate chain: ") + certificates.error().message);
    }
    WebMaterial material{certificates->first(), certificates->mid(1), {}};
    if (!key.trimmed().isEmpty()) {
        auto privateKey = crypto::PrivateKey::fromPem(key, keyPassword);
        if (!privateKey) {
            return makeError(privateKey.error().code,
                             QStringLiteral("private key: ") + privateKey.error().message);
        }
        material.key = *privateKey;
    }
    if (auto checked = checkWebMaterial(material); !checked) {
        return checked.error();
    }
    return material;
}

Result<WebMaterial> webMaterialFromPkcs12(const QByteArray& data, const QString& password)
{
    auto bundle = crypto::importPkcs12(data, password);
    if (!bundle) {
        return bundle.error();
    }
    auto ordered = issuerOrder(bundle->certificate, bundle->chain);
    if (!ordered) {
        return ordered.error();
    }
    WebMaterial material{bundle->certificate, *ordered, bundle->key};
    if (auto checked = checkWebMaterial(material); !checked) {
        return checked.error();
    }
    return material;
}

} // namespace steward::server::services
