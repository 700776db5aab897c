// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ServerIdentity.h"

#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/CertificateRequest.h"
#include "server/app/Logging.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QNetworkInterface>

namespace steward::server::services {
namespace {

using crypto::Certificate;
using crypto::CertificateOptions;
using crypto::KeySpec;
using crypto::PrivateKey;

constexpr auto CaValidity = std::chrono::hours(24 * 365 * 20);
constexpr auto TcValidity = std::chrono::hours(24 * 365 * 20);
constexpr auto WebValidity = std::chrono::hours(24 * 825); // what browsers still accept

struct Pair {
    Certificate certificate;
    PrivateKey key;
};

Result<QByteArray> readAll(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
    return file.readAll();
}

Result<void> writeCertificate(const QString& path, const Certificate& certificate)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(certificate.toPem()) < 0 || !file.flush()) {
        return makeError(ErrorCode::IoError,
                         QStringLiteral("%1: %2").arg(path, file.errorString()));
    }
    return {};
}

Result<Pair> loadPair(const QString& base)
{
    auto pem = readAll(base + QStringLiteral(".crt"));
    if (!pem) {
        return pem.error();
    }
    auto certificate = Certificate::fromPem(*pem);
    if (!certificate) {
        return makeError(certificate.error().code,
                         base + QStringLiteral(".crt: ") + certificate.error().message);
    }
    auto key = PrivateKey::readFile(base + QStringLiteral(".key"));
    if (!key) {
        return makeError(key.error().code, base + QStringLiteral(".key: ") + key.error().message);
    }
    if (!certificate->matches(*key)) {
        return makeError(ErrorCode::KeyMismatch,
                         QStringLiteral("%1.key is not the key of %1.crt").arg(base));
    }
    return Pair{*certificate, *key};
}

Result<Pair> storePair(const QString& base, Result<Certificate> certificate, PrivateKey key)
{
    if (!certificate) {
        return certificate.error();
    }
    if (auto written = key.writeFile(base + QStringLiteral(".key")); !written) {
        return written.error();
    }
    if (auto written = writeCertificate(base + QStringLiteral(".crt"), *certificate); !written) {
        return written.error();
    }
    qCInfo(lcServerApp).noquote() << QStringLiteral("created %1.crt subject=\"%2\" key=\"%3\"")
                                         .arg(base, certificate->subject(), key.spec().toString());
    return Pair{*certificate, key};
}

template <typename Make> Result<Pair> loadOrMake(const QString& base, Make make)
{
    if (QFile::exists(base + QStringLiteral(".crt"))
        || QFile::exists(base + QStringLiteral(".key"))) {
        return loadPair(base);
    }
    return make();
}

Result<Pair> makeCa(const QString& base, const QString& commonName)
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    if (!key) {
        return key.error();
    }
    CertificateOptions options;
    options.commonName = commonName;
    options.validity = CaValidity;
    return storePair(base, crypto::createCaCertificate(*key, options), *key);
}

Result<Pair> makeDeviceCommunication(const QString& base)
{
    auto key = PrivateKey::generate(KeySpec::rsa(4096));
    if (!key) {
        return key.error();
    }
    CertificateOptions options;
    options.commonName = QStringLiteral("Steward device communication (tckey)");
    options.validity = TcValidity;
    options.digest = crypto::SignatureDigest::Sha512;
    return storePair(base, crypto::createSelfSignedCertificate(*key, options), *key);
}

Result<Pair> makeWeb(const QString& base, const Pair& root, const WebNames& names)
{
    auto key = PrivateKey::generate(KeySpec::ecP256());
    if (!key) {
        return key.error();
    }
    const QString commonName = names.dnsNames.value(0, QStringLiteral("localhost"));
    auto request = crypto::CertificateRequest::create(*key, commonName);
    if (!request) {
        return request.error();
    }
    CertificateOptions options;
    options.dnsNames = names.dnsNames;
    options.ipAddresses = names.addresses;
    options.serverAuth = true;
    options.validity = WebValidity;
    return storePair(base, crypto::issueCertificate(*request, root.certificate, root.key, options),
                     *key);
}

void addName(WebNames& names, const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return;
    }
    QHostAddress address;
    if (address.setAddress(trimmed)) {
        if (!names.addresses.contains(address)) {
            names.addresses.append(address);
        }
    } else if (!names.dnsNames.contains(trimmed, Qt::CaseInsensitive)) {
        names.dnsNames.append(trimmed.toLower());
    }
}

} // namespace

WebNames ServerIdentity::defaultWebNames(const QStringList& publicNames,
                                         const QHostAddress& listenAddress)
{
    WebNames names;
    // Configured names first: the first DNS name becomes the certificate's common name.
    for (const auto& name : publicNames) {
        addName(names, name);
    }
    const QString host = QHostInfo::localHostName();
    addName(names, host);
    const QString domain = QHostInfo::localDomainName();
    if (!domain.isEmpty() && !host.contains(QLatin1Char('.'))) {
        addName(names, host + QLatin1Char('.') + domain);
    }
    addName(names, QStringLiteral("localhost"));
    addName(names, QStringLiteral("127.0.0.1"));
    addName(names, QStringLiteral("::1"));
    for (const QHostAddress& address : QNetworkInterface::allAddresses()) {
        if (!address.isLoopback() && !address.isLinkLocal()) {
            addName(names, address.toString());
        }
    }
    if (listenAddress != QHostAddress::Any && listenAddress != QHostAddress::AnyIPv4
        && listenAddress != QHostAddress::AnyIPv6) {
        addName(names, listenAddress.toString());
    }
    return names;
}

Result<ServerIdentity> ServerIdentity::loadOrCreate(const QString& pkiDir, const WebNames& webNames)
{
    if (!QDir().mkpath(pkiDir)) {
        return makeError(ErrorCode::IoError, QStringLiteral("cannot create %1").arg(pkiDir));
    }
    QFile::setPermissions(pkiDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    const QDir dir(pkiDir);
    auto root = loadOrMake(dir.filePath(QStringLiteral("root-ca")), [&] {
        return makeCa(dir.filePath(QStringLiteral("root-ca")), QStringLiteral("Steward root CA"));
    });
    if (!root) {
        return root.error();
    }
    auto deviceCa = loadOrMake(dir.filePath(QStringLiteral("device-ca")), [&] {
        return makeCa(dir.filePath(QStringLiteral("device-ca")),
                      QStringLiteral("Steward device CA"));
    });
    if (!deviceCa) {
        return deviceCa.error();
    }
    auto tc = loadOrMake(dir.filePath(QStringLiteral("tckey")), [&] {
        return makeDeviceCommunication(dir.filePath(QStringLiteral("tckey")));
    });
    if (!tc) {
        return tc.error();
    }
    auto web = loadOrMake(dir.filePath(QStringLiteral("web")), [&] {
        return makeWeb(dir.filePath(QStringLiteral("web")), *root, webNames);
    });
    if (!web) {
        return web.error();
    }
    ServerIdentity identity;
    identity.m_dir = pkiDir;
    identity.m_rootCa = root->certificate;
    identity.m_rootKey = root->key;
    identity.m_deviceCa = deviceCa->certificate;
    identity.m_deviceCaKey = deviceCa->key;
    identity.m_tcCert = tc->certificate;
    identity.m_tcKey = tc->key;
    identity.m_webCert = web->certificate;
    identity.m_webKey = web->key;
    return identity;
}

QStringList ServerIdentity::missingFromWebCertificate(const QStringList& publicNames) const
{
    const QStringList dns = m_webCert.dnsNames();
    const QList<QHostAddress> addresses = m_webCert.ipAddresses();
    QStringList missing;
    for (const auto& name : publicNames) {
        QHostAddress address;
        const bool present = address.setAddress(name.trimmed())
                                 ? addresses.contains(address)
                                 : dns.contains(name.trimmed(), Qt::CaseInsensitive);
        if (!present) {
            missing.append(name.trimmed());
        }
    }
    return missing;
}

Result<void> ServerIdentity::reloadAuthorities()
{
    const QDir dir(m_dir);
    auto root = loadPair(dir.filePath(QStringLiteral("root-ca")));
    auto deviceCa = loadPair(dir.filePath(QStringLiteral("device-ca")));
    auto web = loadPair(dir.filePath(QStringLiteral("web")));
    for (const auto* loaded : {&root, &deviceCa, &web}) {
        if (!*loaded) {
            return loaded->error();
        }
    }
    m_rootCa = root->certificate;
    m_rootKey = root->key;
    m_deviceCa = deviceCa->certificate;
    m_deviceCaKey = deviceCa->key;
    m_webCert = web->certificate;
    m_webKey = web->key;
    return {};
}

tls::TlsIdentity ServerIdentity::webTlsIdentity() const
{
    if (!m_webChain) {
        return {
            m_webCert.toQSslCertificate(), {m_rootCa.toQSslCertificate()}, m_webKey.toQSslKey()};
    }
    QList<QSslCertificate> chain;
    for (const auto& certificate : *m_webChain) {
        chain.append(certificate.toQSslCertificate());
    }
    return {m_webCert.toQSslCertificate(), chain, m_webKey.toQSslKey()};
}

void ServerIdentity::useWebCertificate(const crypto::Certificate& certificate,
                                       const QList<crypto::Certificate>& chain,
                                       const crypto::PrivateKey& key)
{
    m_webCert = certificate;
    m_webChain = chain;
    m_webKey = key;
}

} // namespace steward::server::services
