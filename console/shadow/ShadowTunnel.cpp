// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/shadow/ShadowTunnel.h"

#include "common/net/BytePump.h"
#include "common/net/WebSocketStream.h"
#include "common/protocol/JsonReader.h"
#include "common/tls/NativeTls.h"
#include "common/tls/TlsPipe.h"
#include "common/tls/TlsStream.h"
#include "console/shadow/Logging.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace steward::console::shadow {

using steward::shadow::ShadowStatus;

Result<ShadowOffer> shadowOfferFromJson(const QJsonObject& json)
{
    protocol::JsonReader reader(json);
    ShadowOffer offer;
    offer.session = reader.requireString(u"session", protocol::JsonReader::Text::NonEmpty);
    offer.ticket = reader.requireString(u"ticket", protocol::JsonReader::Text::NonEmpty).toLatin1();
    offer.expires = reader.requireInt(u"expires", 0, std::numeric_limits<qint64>::max());
    offer.address = reader.requireString(u"address", protocol::JsonReader::Text::NonEmpty);
    offer.port = quint16(reader.requireInt(u"port", 1, 65535));
    offer.path = reader.requireString(u"path", protocol::JsonReader::Text::NonEmpty);
    const QString pem = reader.requireString(u"certificate", protocol::JsonReader::Text::NonEmpty);
    auto device = reader.nested(u"device");
    offer.deviceId = device.requireInt(u"id", 1, std::numeric_limits<qint64>::max());
    offer.deviceName = device.requireString(u"name");
    auto policy = reader.nested(u"policy");
    offer.viewOnly = policy.optionalBool(u"viewOnly").value_or(false);
    if (!reader.ok()) {
        return makeError(ErrorCode::MalformedMessage,
                         QStringLiteral("the server's shadow answer is not usable: %1")
                             .arg(reader.error()->message));
    }
    if (!device.ok()) {
        return makeError(ErrorCode::MalformedMessage,
                         QStringLiteral("the server's shadow answer is not usable: %1")
                             .arg(device.error()->message));
    }
    const auto certificates = QSslCertificate::fromData(pem.toLatin1(), QSsl::Pem);
    if (certificates.size() != 1) {
        return makeError(ErrorCode::InvalidCertificate,
                         QStringLiteral("the server's answer does not hold exactly one shadow "
                                        "certificate for the device"));
    }
    offer.certificate = certificates.first();
    return offer;
}

ShadowTunnel::ShadowTunnel(ShadowOffer offer, TunnelOptions options, QObject* parent)
    : QObject(parent), m_offer(std::move(offer)), m_options(options)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        switch (m_state) {
        case State::Connecting:
            fail(makeError(ErrorCode::Timeout,
                           QStringLiteral("the device %1 at %2:%3 did not answer within %4 s")
                               .arg(m_offer.deviceName, m_offer.address)
                               .arg(m_offer.port)
                               .arg(m_options.connectTimeout.count() / 1000)));
            return;
        case State::Admitting:
            fail(makeError(ErrorCode::Timeout,
                           QStringLiteral("the device accepted the connection but did not "
                                          "answer the ticket within %1 s")
                               .arg(m_options.replyTimeout.count() / 1000)));
            return;
        case State::Listening:
            fail(makeError(ErrorCode::Timeout,
                           QStringLiteral("no viewer connected to 127.0.0.1:%1 within %2 s")
                               .arg(localPort())
                               .arg(m_options.viewerTimeout.count() / 1000)));
            return;
        default:
            return;
        }
    });
}

ShadowTunnel::~ShadowTunnel()
{
    if (m_pipe) {
        m_pipe->disconnect(this);
    }
    if (m_native) {
        m_native->disconnect(this);
    }
    if (m_connecting) {
        m_connecting->disconnect(this);
    }
    if (m_pump) {
        m_pump->disconnect(this);
    }
    if (m_agent) {
        m_agent->disconnect(this);
    }
    if (m_relay) {
        m_relay->disconnect(this);
    }
    if (m_viewer) {
        m_viewer->disconnect(this);
    }
}

quint16 ShadowTunnel::localPort() const
{
    return m_listener ? m_listener->serverPort() : quint16(0);
}

QIODevice* ShadowTunnel::agentStream() const
{
    return m_native ? static_cast<QIODevice*>(m_native.get()) : m_agent.get();
}

quint64 ShadowTunnel::bytesToViewer() const
{
    if (m_pipe) {
        return m_pipe->bytesFromTls();
    }
    return m_pump ? m_pump->bytesTransferred(net::BytePump::Direction::SecondToFirst) : 0;
}

quint64 ShadowTunnel::bytesFromViewer() const
{
    if (m_pipe) {
        return m_pipe->bytesToTls();
    }
    return m_pump ? m_pump->bytesTransferred(net::BytePump::Direction::FirstToSecond) : 0;
}

void ShadowTunnel::setState(State state)
{
    if (m_state == state) {
        return;
    }
    m_state = state;
    qCDebug(lcConsoleShadow).noquote()
        << QStringLiteral("tunnel state=%1").arg(QVariant::fromValue(state).toString());
    Q_EMIT stateChanged(state);
}

void ShadowTunnel::start()
{
    if (m_state != State::Idle) {
        return;
    }
    setState(State::Connecting);
    m_timer.start(m_options.connectTimeout);
    if (m_offer.path == QLatin1String("relay")) {
        connectRelay();
    } else {
        connectDirect();
    }
}

void ShadowTunnel::connectDirect()
{
    auto context = tls::NativeContext::pinnedClient(m_offer.certificate);
    if (!context) {
        handshakeFailed(context.error());
        return;
    }
    m_context = *context;
    qCInfo(lcConsoleShadow).noquote()
        << QStringLiteral("connecting device=%1 address=%2 port=%3 session=%4")
               .arg(m_offer.deviceName, m_offer.address)
               .arg(m_offer.port)
               .arg(m_offer.session);
    // Qt resolves and connects; OpenSSL takes the connected descriptor for the handshake.
    m_connecting = std::make_unique<QTcpSocket>();
    connect(m_connecting.get(), &QTcpSocket::connected, this, [this] {
        const int fd = tls::takeDescriptor(m_connecting->socketDescriptor());
        const int saved = errno;
        m_connecting->disconnect(this);
        m_connecting->abort();
        m_connecting.release()->deleteLater(); // inside its own signal
        if (fd < 0) {
            handshakeFailed(makeError(ErrorCode::ConnectionFailed,
                                      QString::fromLocal8Bit(std::strerror(saved))));
            return;
        }
        m_native = std::make_unique<tls::TlsStream>(fd, m_context);
        connect(m_native.get(), &tls::TlsStream::encrypted, this, &ShadowTunnel::sendPreamble);
        connect(m_native.get(), &tls::TlsStream::handshakeFailed, this,
                &ShadowTunnel::handshakeFailed);
        connect(m_native.get(), &tls::TlsStream::disconnected, this, &ShadowTunnel::agentClosed);
        m_native->startHandshake();
    });
    connect(m_connecting.get(), &QAbstractSocket::errorOccurred, this,
            [this](QAbstractSocket::SocketError) {
                handshakeFailed(
                    makeError(ErrorCode::ConnectionFailed, m_connecting->errorString()));
            });
    m_connecting->connectToHost(m_offer.address, m_offer.port);
}

void ShadowTunnel::handshakeFailed(const Error& error)
{
    if (error.code == ErrorCode::PeerCertificateMismatch) {
        fail(Error{error.code,
                   QStringLiteral("the device at %1:%2 presented a certificate that is not "
                                  "the one the server holds for %3 (someone may be "
                                  "intercepting the connection); the ticket was not sent")
                       .arg(m_offer.address)
                       .arg(m_offer.port)
                       .arg(m_offer.deviceName)});
        return;
    }
    fail(Error{error.code, QStringLiteral("cannot open a secure connection to %1 at %2:%3: %4")
                               .arg(m_offer.deviceName, m_offer.address)
                               .arg(m_offer.port)
                               .arg(error.message)});
}

void ShadowTunnel::agentClosed()
{
    if (m_state == State::Admitting) {
        readReply();
        if (m_state == State::Admitting) {
            fail(makeError(ErrorCode::ConnectionClosed,
                           QStringLiteral("the device closed the connection without "
                                          "answering the ticket")));
        }
    } else if (m_state == State::Listening) {
        fail(makeError(ErrorCode::ConnectionClosed,
                       QStringLiteral("the device closed the session before a viewer "
                                      "connected")));
    }
}

void ShadowTunnel::connectRelay()
{
    if (!m_options.relay) {
        fail(makeError(ErrorCode::InvalidArgument,
                       QStringLiteral("the session is on the relay path but no relay is set up")));
        return;
    }
    qCInfo(lcConsoleShadow).noquote()
        << QStringLiteral("connecting device=%1 path=relay session=%2")
               .arg(m_offer.deviceName, m_offer.session);
    m_relay = m_options.relay(m_offer.session);
    connect(m_relay.get(), &QWebSocket::connected, this, [this] {
        m_relay->disconnect(this);
        QAbstractSocket* transport = net::transportOf(*m_relay);
        m_agent = std::make_unique<net::WebSocketStream>(std::move(m_relay), transport);
        connect(m_agent.get(), &QAbstractSocket::disconnected, this, [this] {
            if (m_state == State::Admitting) {
                readReply();
                if (m_state == State::Admitting) {
                    const auto* stream = static_cast<net::WebSocketStream*>(m_agent.get());
                    const QString why = stream->errorString();
                    fail(makeError(
                        ErrorCode::ConnectionClosed,
                        QStringLiteral("the relay closed the tunnel without the "
                                       "device's answer%1")
                            .arg(why.isEmpty() ? QString() : QStringLiteral(": %1").arg(why))));
                }
            } else if (m_state == State::Listening) {
                fail(makeError(ErrorCode::ConnectionClosed,
                               QStringLiteral("the relay closed the tunnel before a viewer "
                                              "connected")));
            }
        });
        sendPreamble();
    });
    connect(m_relay.get(), &QWebSocket::disconnected, this, [this] {
        const QString reason =
            m_relay->closeReason().isEmpty() ? m_relay->errorString() : m_relay->closeReason();
        fail(makeError(ErrorCode::ConnectionFailed,
                       QStringLiteral("the server refused or could not open the relay tunnel: %1")
                           .arg(reason)));
    });
}

void ShadowTunnel::sendPreamble()
{
    if (m_state != State::Connecting) {
        return;
    }
    setState(State::Admitting);
    m_timer.start(m_options.replyTimeout);
    connect(agentStream(), &QIODevice::readyRead, this, &ShadowTunnel::readReply);
    m_ticketSent = true;
    agentStream()->write(steward::shadow::encodePreamble(m_offer.ticket));
}

void ShadowTunnel::readReply()
{
    if (m_state != State::Admitting) {
        return;
    }
    // Read exactly the reply: the RFB bytes after it stay buffered for the pump.
    QIODevice* agent = agentStream();
    while (agent->bytesAvailable() > 0) {
        qsizetype want = steward::shadow::ReplyHeaderBytes - m_reply.size();
        if (want <= 0) {
            const qsizetype length = qsizetype(quint8(m_reply[1])) << 8 | quint8(m_reply[2]);
            want = steward::shadow::ReplyHeaderBytes + length - m_reply.size();
        }
        m_reply.append(agent->read(want));
        const auto parsed = steward::shadow::parseReply(m_reply);
        if (parsed.state == steward::shadow::ReplyParse::State::Malformed) {
            fail(makeError(ErrorCode::MalformedMessage,
                           QStringLiteral("the device answered something that is not a Steward "
                                          "shadow reply: %1")
                               .arg(parsed.error)));
            return;
        }
        if (parsed.state == steward::shadow::ReplyParse::State::NeedMore) {
            continue;
        }
        disconnect(agent, &QIODevice::readyRead, this, &ShadowTunnel::readReply);
        if (parsed.status != ShadowStatus::Ok) {
            m_refusal = parsed.status;
            QString text = steward::shadow::statusDescription(parsed.status);
            if (!parsed.message.isEmpty()) {
                text += QStringLiteral(" (%1)").arg(parsed.message);
            }
            fail(makeError(ErrorCode::NotAuthorised,
                           QStringLiteral("the device refused the session: %1").arg(text)));
            return;
        }
        acceptViewer();
        return;
    }
}

void ShadowTunnel::acceptViewer()
{
    m_listener = std::make_unique<QTcpServer>();
    m_listener->setMaxPendingConnections(1);
    if (!m_listener->listen(QHostAddress::LocalHost, 0)) {
        fail(makeError(ErrorCode::ConnectionFailed,
                       QStringLiteral("cannot listen on 127.0.0.1 for the viewer: %1")
                           .arg(m_listener->errorString())));
        return;
    }
    connect(m_listener.get(), &QTcpServer::newConnection, this, [this] {
        if (m_viewer || m_state != State::Listening) {
            return;
        }
        m_viewer.reset(m_listener->nextPendingConnection());
        m_viewer->setParent(nullptr);
        // Exactly one viewer: nobody else may connect to the port from now on.
        m_listener->close();
        m_timer.stop();
        if (m_native) {
            startPipe();
            return;
        }
        m_agent->disconnect(this);
        setState(State::Streaming);
        m_pump = std::make_unique<net::BytePump>(*m_viewer, *m_agent);
        connect(m_pump.get(), &net::BytePump::finished, this,
                [this](net::BytePump::FinishReason reason) {
                    qCInfo(lcConsoleShadow).noquote()
                        << QStringLiteral("session ended session=%1 reason=%2 to_viewer=%3 "
                                          "from_viewer=%4")
                               .arg(m_offer.session, QVariant::fromValue(reason).toString())
                               .arg(bytesToViewer())
                               .arg(bytesFromViewer());
                    setState(State::Finished);
                    Q_EMIT finished();
                });
        qCInfo(lcConsoleShadow).noquote()
            << QStringLiteral("viewer connected session=%1").arg(m_offer.session);
        m_pump->start();
    });
    setState(State::Listening);
    m_timer.start(m_options.viewerTimeout);
    qCInfo(lcConsoleShadow).noquote()
        << QStringLiteral("listening address=127.0.0.1 port=%1 session=%2")
               .arg(m_listener->serverPort())
               .arg(m_offer.session);
    Q_EMIT listening(m_listener->serverPort());
}

void ShadowTunnel::startPipe()
{
    m_native->disconnect(this);
    const int fd = tls::takeDescriptor(m_viewer->socketDescriptor());
    const int saved = errno;
    tls::TlsSession session = m_native->detach();
    session.unsent += m_viewer->readAll(); // the viewer spoke already: after the preamble
    m_viewer->abort();
    if (fd < 0) {
        fail(makeError(ErrorCode::ConnectionFailed,
                       QStringLiteral("cannot hand the viewer's connection to the pipe: %1")
                           .arg(QString::fromLocal8Bit(std::strerror(saved)))));
        return;
    }
    setState(State::Streaming);
    // The RFB bytes read after the reply (session.unread) reach the viewer first.
    m_pipe = std::make_unique<tls::TlsPipe>(std::move(session), fd, QByteArray());
    connect(m_pipe.get(), &tls::TlsPipe::finished, this, [this](const QString& reason) {
        if (m_state != State::Streaming) {
            return;
        }
        qCInfo(lcConsoleShadow).noquote()
            << QStringLiteral("session ended session=%1 reason=%2 to_viewer=%3 from_viewer=%4")
                   .arg(m_offer.session, reason)
                   .arg(bytesToViewer())
                   .arg(bytesFromViewer());
        setState(State::Finished);
        Q_EMIT finished();
    });
    qCInfo(lcConsoleShadow).noquote()
        << QStringLiteral("viewer connected session=%1").arg(m_offer.session);
    m_pipe->start();
}

void ShadowTunnel::fail(Error error)
{
    if (m_state == State::Failed || m_state == State::Finished) {
        return;
    }
    m_timer.stop();
    m_failure = error;
    qCWarning(lcConsoleShadow).noquote()
        << QStringLiteral("shadow session failed session=%1 reason=%2")
               .arg(m_offer.session, error.message);
    closeLegs();
    setState(State::Failed);
    Q_EMIT failed(error);
}

void ShadowTunnel::closeLegs()
{
    if (m_pipe) {
        m_pipe->disconnect(this);
        m_pipe->stop();
    }
    if (m_native) {
        m_native->disconnect(this);
        m_native->abort();
    }
    if (m_connecting) {
        m_connecting->disconnect(this);
        m_connecting->abort();
    }
    if (m_pump) {
        m_pump->disconnect(this);
        m_pump->stop();
    }
    if (m_agent) {
        m_agent->disconnect(this);
        m_agent->abort();
    }
    if (m_relay) {
        m_relay->disconnect(this);
        m_relay->abort();
    }
    if (m_viewer) {
        m_viewer->abort();
    }
    if (m_listener) {
        m_listener->close();
    }
}

void ShadowTunnel::stop()
{
    if (m_state == State::Failed || m_state == State::Finished) {
        return;
    }
    m_timer.stop();
    closeLegs();
    setState(State::Finished);
    Q_EMIT finished();
}

} // namespace steward::console::shadow
