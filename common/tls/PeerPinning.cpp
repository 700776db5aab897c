// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/PeerPinning.h"

#include "common/core/Logging.h"
#include "common/tls/Fingerprint.h"
#include "common/tls/TlsConfig.h"

#include <QStringList>

#include <algorithm>

namespace steward::tls {
namespace {

QString peerText(const QSslSocket& socket)
{
    return socket.peerAddress().toString() + QLatin1Char(':') + QString::number(socket.peerPort());
}

} // namespace

PeerPinning* PeerPinning::apply(QSslSocket& socket, const QSslCertificate& pinned,
                                const std::optional<TlsIdentity>& clientIdentity)
{
    socket.setSslConfiguration(pinnedClientConfiguration(pinned, clientIdentity));
    socket.ignoreSslErrors(pinnedPeerIgnorableErrors(pinned));
    return new PeerPinning(socket, pinned); // owned by socket (QObject parent)
}

PeerPinning::PeerPinning(QSslSocket& socket, const QSslCertificate& pinned)
    : QObject(&socket), m_socket(&socket), m_pinned(pinned)
{
    connect(&socket, &QSslSocket::sslErrors, this, &PeerPinning::handleSslErrors);
    connect(&socket, &QSslSocket::encrypted, this, &PeerPinning::handleEncrypted);
    connect(&socket, &QAbstractSocket::errorOccurred, this, &PeerPinning::handleSocketError);
}

void PeerPinning::handleSslErrors(const QList<QSslError>& errors)
{
    // Qt emits this for every verification error, ignored or not. Errors outside the ignore
    // list make Qt abort the handshake after this signal; we only classify them. Nothing has
    // been written to the peer yet.
    const auto ignorable = pinnedPeerIgnorableErrors(m_pinned);
    const bool fatal = std::any_of(errors.begin(), errors.end(), [&](const QSslError& error) {
        return !ignorable.contains(error);
    });
    if (!fatal) {
        return;
    }
    const QSslCertificate presented = m_socket ? m_socket->peerCertificate() : QSslCertificate();
    if (presented.isNull()) {
        reject(makeError(ErrorCode::PeerCertificateMissing,
                         QStringLiteral("peer presented no certificate")));
        return;
    }
    if (!isSameCertificate(presented, m_pinned)) {
        reject(makeError(ErrorCode::PeerCertificateMismatch,
                         QStringLiteral("peer certificate %1 is not the pinned certificate %2")
                             .arg(sha256Fingerprint(presented), sha256Fingerprint(m_pinned))));
        return;
    }
    QStringList texts;
    for (const auto& error : errors) {
        texts += error.errorString();
    }
    reject(makeError(
        ErrorCode::TlsHandshakeFailed,
        QStringLiteral("pinned certificate refused: %1").arg(texts.join(QStringLiteral("; ")))));
}

void PeerPinning::handleEncrypted()
{
    if (m_failure || m_verified || !m_socket) {
        return;
    }
    const QSslCertificate presented = m_socket->peerCertificate();
    if (!isSameCertificate(presented, m_pinned)) {
        // Unreachable with our configuration; checked anyway so a configuration mistake can
        // never let a ticket reach the wrong peer.
        m_socket->abort();
        reject(makeError(ErrorCode::PeerCertificateMismatch,
                         QStringLiteral("peer certificate %1 is not the pinned certificate %2")
                             .arg(sha256Fingerprint(presented), sha256Fingerprint(m_pinned))));
        return;
    }
    m_verified = true;
    qCDebug(lcTls) << "pinned peer verified peer=" << peerText(*m_socket);
    Q_EMIT verified();
}

void PeerPinning::handleSocketError(QAbstractSocket::SocketError error)
{
    if (m_verified || m_failure || !m_socket) {
        return;
    }
    const auto code = error == QAbstractSocket::SslHandshakeFailedError
                          ? ErrorCode::TlsHandshakeFailed
                          : ErrorCode::ConnectionFailed;
    reject(makeError(code, m_socket->errorString()));
}

void PeerPinning::reject(Error error)
{
    if (m_failure || m_verified) {
        return;
    }
    qCWarning(lcTls).noquote() << QStringLiteral("pinned peer rejected peer=%1 reason=%2")
                                      .arg(m_socket ? peerText(*m_socket) : QString(),
                                           error.toString());
    m_failure = error;
    Q_EMIT rejected(error);
}

} // namespace steward::tls
