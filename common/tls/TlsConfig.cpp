// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsConfig.h"

#include <QSslSocket>

namespace steward::tls {
namespace {

QSslConfiguration baseConfiguration(const QList<QSslCertificate>& trustAnchors)
{
    // Qt's defaults give OpenSSL's default cipher list and curves; we only raise the floor.
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    // Replacing the CA list also switches off on-demand loading of the system store, so only
    // these anchors are trusted, even when the list is empty.
    configuration.setCaCertificates(trustAnchors);
    configuration.setSslOption(QSsl::SslOptionDisableSessionTickets, false);
    configuration.setSslOption(QSsl::SslOptionDisableSessionPersistence, false);
    return configuration;
}

void presentIdentity(QSslConfiguration& configuration, const TlsIdentity& identity)
{
    QList<QSslCertificate> chain{identity.certificate};
    chain += identity.intermediates;
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(identity.privateKey);
}

} // namespace

QSslConfiguration serverConfiguration(const TlsIdentity& identity,
                                      const QList<QSslCertificate>& clientCas)
{
    QSslConfiguration configuration = baseConfiguration(clientCas);
    presentIdentity(configuration, identity);
    configuration.setPeerVerifyMode(QSslSocket::QueryPeer);
    return configuration;
}

QSslConfiguration mutualTlsServerConfiguration(const TlsIdentity& identity,
                                               const QList<QSslCertificate>& clientCas)
{
    QSslConfiguration configuration = baseConfiguration(clientCas);
    presentIdentity(configuration, identity);
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

QSslConfiguration clientConfiguration(const QList<QSslCertificate>& trustedCas,
                                      const std::optional<TlsIdentity>& clientIdentity)
{
    QSslConfiguration configuration = baseConfiguration(trustedCas);
    if (clientIdentity) {
        presentIdentity(configuration, *clientIdentity);
    }
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return configuration;
}

QSslConfiguration pinnedClientConfiguration(const QSslCertificate& pinned,
                                            const std::optional<TlsIdentity>& clientIdentity)
{
    return clientConfiguration({pinned}, clientIdentity);
}

QList<QSslError> pinnedPeerIgnorableErrors(const QSslCertificate& pinned)
{
    // The console reaches an agent by whatever address the server reported; the certificate
    // itself is the identity, so its names do not matter.
    return {QSslError(QSslError::HostNameMismatch, pinned)};
}

} // namespace steward::tls
