// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/net/EventSocket.h"

#include "common/core/Version.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/ErrorMessage.h"
#include "common/protocol/Message.h"
#include "common/protocol/ProtocolVersion.h"
#include "common/tls/Fingerprint.h"
#include "common/tls/TlsConfig.h"
#include "console/net/Logging.h"

#include <QNetworkRequest>

namespace steward::console::net {
namespace {

constexpr std::chrono::milliseconds FirstDelay{500};
constexpr std::chrono::milliseconds LongestDelay{15'000};
const QString ProgramName = QStringLiteral("steward-console");

} // namespace

EventSocket::EventSocket(QObject* parent)
    : QObject(parent), m_protocolVersion(protocol::CurrentProtocolVersion)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &EventSocket::connectNow);
    connect(&m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        QSslCertificate presented = m_socket.sslConfiguration().peerCertificate();
        if (presented.isNull() && !errors.isEmpty()) {
            presented = errors.first().certificate();
        }
        if (!m_pinned.isNull() && tls::isSameCertificate(presented, m_pinned)) {
            m_socket.ignoreSslErrors();
            return;
        }
        fail(makeError(
            ErrorCode::PeerCertificateMismatch,
            QStringLiteral("the server presented certificate %1, not the trusted %2")
                .arg(tls::sha256Fingerprint(presented), tls::sha256Fingerprint(m_pinned))));
    });
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        if (!tls::isSameCertificate(m_socket.sslConfiguration().peerCertificate(), m_pinned)) {
            fail(makeError(ErrorCode::PeerCertificateMismatch,
                           QStringLiteral("the event socket reached another server")));
            return;
        }
        const protocol::Hello hello{
            m_protocolVersion, ProgramName, QLatin1String(ProductVersion), {}};
        m_socket.sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, m_nextId++)));
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &EventSocket::handleText);
    connect(&m_socket, &QWebSocket::disconnected, this, &EventSocket::handleDisconnected);
}

EventSocket::~EventSocket()
{
    m_socket.disconnect(this);
}

void EventSocket::open(const QUrl& server, const QSslCertificate& pinned, const QByteArray& token)
{
    m_server = server;
    m_pinned = pinned;
    m_token = token;
    m_failure.reset();
    m_ack.reset();
    m_delay = FirstDelay;
    connectNow();
}

void EventSocket::close()
{
    m_retry.stop();
    m_token.clear();
    setState(State::Idle);
    m_socket.close();
}

void EventSocket::connectNow()
{
    QUrl url = m_server;
    url.setScheme(QStringLiteral("wss"));
    url.setPath(QStringLiteral("/api/v1/events"));
    QNetworkRequest request(url);
    const auto tls = tls::clientConfiguration({});
    request.setSslConfiguration(tls);
    request.setRawHeader("Authorization", "Bearer " + m_token);
    m_socket.setSslConfiguration(tls);
    setState(m_state == State::Idle || m_state == State::Failed ? State::Connecting
                                                                : State::Reconnecting);
    m_socket.open(request);
}

void EventSocket::handleText(const QString& text)
{
    const auto decoded = protocol::decodeFrame(text.toUtf8());
    if (!decoded) {
        qCWarning(lcConsoleNet).noquote()
            << "event frame refused:" << decoded.failure().error.toString();
        return;
    }
    const auto& message = decoded.message().message;
    if (const auto* ack = std::get_if<protocol::HelloAck>(&message)) {
        if (auto fits = protocol::negotiate(*ack, ProgramName, QLatin1String(ProductVersion));
            !fits) {
            fail(fits.error());
            return;
        }
        m_ack = *ack;
        m_delay = FirstDelay;
        setState(State::Live);
        Q_EMIT greeted(*ack);
    } else if (const auto* event = std::get_if<protocol::ObjectEvent>(&message)) {
        Q_EMIT objectEvent(*event);
    } else if (const auto* error = std::get_if<protocol::ErrorMessage>(&message)) {
        fail(protocol::toError(*error));
    }
}

void EventSocket::handleDisconnected()
{
    if (m_state == State::Idle || m_state == State::Failed) {
        return;
    }
    if (m_socket.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated) {
        // The server ended the session (or refused it): retrying with the same token is futile.
        fail(makeError(ErrorCode::Unauthenticated,
                       m_socket.closeReason().isEmpty()
                           ? QStringLiteral("the server closed the event socket")
                           : m_socket.closeReason()));
        return;
    }
    setState(State::Reconnecting);
    m_retry.start(m_delay);
    m_delay = std::min(m_delay * 2, LongestDelay);
}

void EventSocket::fail(Error error)
{
    if (m_state == State::Failed) {
        return;
    }
    qCWarning(lcConsoleNet).noquote() << "event socket failed:" << error.toString();
    m_failure = error;
    m_retry.stop();
    setState(State::Failed);
    m_socket.abort();
    Q_EMIT failed(error);
}

void EventSocket::setState(State state)
{
    if (m_state != state) {
        m_state = state;
        Q_EMIT stateChanged(state);
    }
}

} // namespace steward::console::net
