// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/attributes/AttributeClient.h"

#include "common/protocol/ProtocolVersion.h"

#include <QEventLoop>
#include <QMetaEnum>
#include <QTimer>
#include <QWebSocket>

namespace steward::agent {
namespace {

constexpr protocol::MessageId HelloId = 1;
constexpr protocol::MessageId RequestId = 2;

// One exchange: hello → hello.ack → request → reply. Whatever ends it first is the result.
class Exchange {
public:
    Exchange(const LinkSettings& settings, const protocol::Message& request)
        : m_settings(settings), m_request(request)
    {}

    Result<protocol::AttributeSnapshot> run(std::chrono::milliseconds timeout)
    {
        QWebSocket socket;
        m_socket = &socket;
        socket.setSslConfiguration(m_settings.tls);
        socket.setMaxAllowedIncomingMessageSize(quint64(protocol::MaxMessageBytes));
        socket.setMaxAllowedIncomingFrameSize(quint64(protocol::MaxMessageBytes));
        QObject::connect(&socket, &QWebSocket::connected, &m_loop, [this] { hello(); });
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &m_loop,
                         [this](const QString& text) { handle(text); });
        QObject::connect(&socket, &QWebSocket::sslErrors, &m_loop,
                         [this](const QList<QSslError>& errors) {
                             QStringList reasons;
                             for (const auto& error : errors) {
                                 reasons.append(error.errorString());
                             }
                             m_tlsError = reasons.join(QStringLiteral("; "));
                         });
        // Qt 6.4 names the signal error() (errorOccurred() came in 6.5). Its text is often
        // "Unknown error"; the code then says more, e.g. ConnectionRefusedError.
        QObject::connect(
            &socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), &m_loop,
            [this](QAbstractSocket::SocketError error) {
                m_socketError = QStringLiteral("%1 (%2)").arg(
                    m_socket->errorString(),
                    QString::fromLatin1(
                        QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error)));
            });
        // Queued: QWebSocket signals error() after disconnected(), and its reason is wanted.
        QObject::connect(&socket, &QWebSocket::disconnected, &m_loop,
                         [this] { QTimer::singleShot(0, &m_loop, [this] { closed(); }); });
        QTimer::singleShot(timeout, &m_loop, [this, timeout] {
            finish(makeError(ErrorCode::Timeout, QStringLiteral("no answer from %1 within %2 ms")
                                                     .arg(m_settings.url.authority())
                                                     .arg(timeout.count())));
        });
        socket.open(m_settings.url);
        if (!m_result) {
            m_loop.exec();
        }
        socket.disconnect();
        socket.close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("done"));
        return std::move(*m_result);
    }

private:
    void closed()
    {
        if (!m_tlsError.isEmpty()) {
            finish(makeError(ErrorCode::TlsHandshakeFailed,
                             QStringLiteral("the server's certificate failed verification: ")
                                 + m_tlsError));
        } else if (m_greeted) {
            finish(makeError(ErrorCode::ConnectionClosed,
                             QStringLiteral("the server closed the connection: %1")
                                 .arg(m_socket->closeReason())));
        } else {
            finish(makeError(ErrorCode::ConnectionFailed,
                             QStringLiteral("cannot reach %1: %2")
                                 .arg(m_settings.url.authority(), m_socketError.isEmpty()
                                                                      ? m_socket->errorString()
                                                                      : m_socketError)));
        }
    }

    void hello()
    {
        protocol::Hello hello;
        hello.protocolVersion = protocol::CurrentProtocolVersion;
        hello.programName = QStringLiteral("steward-agent");
        hello.programVersion = m_settings.programVersion;
        m_socket->sendTextMessage(QString::fromUtf8(protocol::encodeMessage(hello, HelloId)));
    }

    void handle(const QString& text)
    {
        const auto decoded = protocol::decodeFrame(text.toUtf8());
        if (!decoded) {
            finish(decoded.failure().error);
            return;
        }
        const auto& incoming = decoded.message();
        if (const auto* error = std::get_if<protocol::ErrorMessage>(&incoming.message)) {
            finish(Error{errorCodeFromName(error->code.toStdString()).value_or(ErrorCode::Internal),
                         error->message});
            return;
        }
        if (const auto* ack = std::get_if<protocol::HelloAck>(&incoming.message)) {
            if (auto fits = protocol::negotiate(*ack, QStringLiteral("steward-agent"),
                                                m_settings.programVersion);
                !fits) {
                finish(fits.error());
                return;
            }
            m_greeted = true;
            m_socket->sendTextMessage(
                QString::fromUtf8(protocol::encodeMessage(m_request, RequestId)));
            return;
        }
        const auto* snapshot = std::get_if<protocol::AttributeSnapshot>(&incoming.message);
        if (snapshot && incoming.re == RequestId) {
            finish(*snapshot);
        }
        // Anything else (a push racing the reply) is not this exchange's answer.
    }

    void finish(Result<protocol::AttributeSnapshot> result)
    {
        if (!m_result) {
            m_result = std::move(result);
            m_loop.quit();
        }
    }

    const LinkSettings& m_settings;
    const protocol::Message& m_request;
    QEventLoop m_loop;
    QWebSocket* m_socket = nullptr;
    QString m_tlsError;
    QString m_socketError;
    bool m_greeted = false;
    std::optional<Result<protocol::AttributeSnapshot>> m_result;
};

} // namespace

Result<protocol::AttributeSnapshot> requestAttributes(const LinkSettings& settings,
                                                      const protocol::Message& request,
                                                      std::chrono::milliseconds timeout)
{
    return Exchange(settings, request).run(timeout);
}

} // namespace steward::agent
