// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TlsConfig - builds the QSslConfiguration of every TLS endpoint Steward runs.
#pragma once

#include "common/tls/TlsFiles.h"

#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

#include <optional>

namespace steward::tls {

/**
 * Every builder starts from Qt's defaults (the OpenSSL default cipher list under the system's
 * security level), then fixes: TLS 1.2 or later, our own trust anchors only (setting the CA
 * list turns off Qt's on-demand loading of the system store), and session resumption on —
 * tickets issued by servers, and clients keep their session so a caller may reuse
 * sslConfiguration().sessionTicket() for the next connection.
 */

/**
 * (a) A server that asks for a client certificate but accepts clients without one
 * (QSslSocket::QueryPeer). The application must then check the presented certificate itself;
 * clientCas are only advertised and used for Qt's (non-fatal) verification report.
 */
[[nodiscard]] QSslConfiguration serverConfiguration(const TlsIdentity& identity,
                                                    const QList<QSslCertificate>& clientCas = {});

/**
 * (b) A mutual-TLS server: the handshake fails unless the client presents a certificate that
 * chains to one of clientCas (QSslSocket::VerifyPeer).
 */
[[nodiscard]] QSslConfiguration
mutualTlsServerConfiguration(const TlsIdentity& identity, const QList<QSslCertificate>& clientCas);

/**
 * (c) A client that trusts only trustedCas (never the system store) and optionally presents a
 * client certificate. Host name checks are Qt's: connect with the name in the certificate.
 */
[[nodiscard]] QSslConfiguration
clientConfiguration(const QList<QSslCertificate>& trustedCas,
                    const std::optional<TlsIdentity>& clientIdentity = std::nullopt);

/**
 * (d) A client pinned to exactly one peer certificate (an agent's self-signed shadow
 * certificate). The pinned certificate is the only trust anchor; use PeerPinning (or at least
 * pinnedPeerIgnorableErrors()) on the socket, because a pinned certificate's host name is
 * irrelevant.
 */
[[nodiscard]] QSslConfiguration
pinnedClientConfiguration(const QSslCertificate& pinned,
                          const std::optional<TlsIdentity>& clientIdentity = std::nullopt);

/**
 * The only verification errors a pinned connection may ignore, each bound to the pinned
 * certificate itself: Qt ignores an error only when both its kind and its certificate match,
 * so any other certificate still fails the handshake.
 */
[[nodiscard]] QList<QSslError> pinnedPeerIgnorableErrors(const QSslCertificate& pinned);

} // namespace steward::tls
