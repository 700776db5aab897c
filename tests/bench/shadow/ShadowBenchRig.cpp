// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/bench/shadow/ShadowBenchRig.h"

#include "agent/shadow/ShadowProxy.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/net/BytePump.h"
#include "common/net/WebSocketStream.h"
#include "common/shadow/ShadowTicket.h"
#include "common/tls/NativeTls.h"
#include "common/tls/TlsConfig.h"
#include "common/tls/TlsStream.h"
#include "console/shadow/ShadowTunnel.h"
#include "tests/support/EventLoop.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSslCipher>
#include <QSslSocket>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketServer>

#include <cstdio>
#include <ctime>

#include <sys/syscall.h>
#include <unistd.h>

namespace steward::bench {

namespace {

const QString PkiDir = QStringLiteral(STEWARD_TEST_DATA_DIR "/pki");

QByteArray readPki(const QString& name)
{
    QFile file(PkiDir + QLatin1Char('/') + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

Worker::Worker(const QString& name) : m_context(new QObject)
{
    m_thread.setObjectName(name);
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
    run([this] { m_tid = currentThreadId(); });
}

double Worker::cpuSeconds() const
{
    return bench::cpuSeconds(long(getpid()), m_tid);
}

long currentThreadId()
{
    return long(syscall(SYS_gettid));
}

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double cpuSeconds(long pid, long tid)
{
    const QString path = tid ? QStringLiteral("/proc/%1/task/%2/stat").arg(pid).arg(tid)
                             : QStringLiteral("/proc/%1/stat").arg(pid);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return 0;
    }
    // Fields 14 and 15 (utime, stime) count after the ")" that ends the command name.
    const QByteArray text = file.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13) {
        return 0;
    }
    return double(fields[11].toLongLong() + fields[12].toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

Worker::~Worker()
{
    m_thread.quit();
    m_thread.wait();
}

void Worker::run(const std::function<void()>& work)
{
    QMetaObject::invokeMethod(m_context, work, Qt::BlockingQueuedConnection);
}

void Approver::claim(const protocol::ShadowClaim&, std::function<void(Result<void>)> answer)
{
    answer({});
}

QString negotiatedCipher(QSslSocket& socket, quint16 port, const QString& peerName)
{
    socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port, peerName);
    if (!test::waitUntil([&] {
            return socket.isEncrypted() || socket.state() == QAbstractSocket::UnconnectedState;
        })
        || !socket.isEncrypted()) {
        return QStringLiteral("(no handshake: %1)").arg(socket.errorString());
    }
    const QSslCipher cipher = socket.sessionCipher();
    const QString text = QStringLiteral("%1 %2").arg(cipher.protocolString(), cipher.name());
    socket.abort();
    return text;
}

ShadowPath::ShadowPath(quint16 targetPort, bool relay) : m_relay(relay)
{
    // The agent presents its self-signed shadow certificate (RSA-4096); the relay the server's.
    m_identity = *tls::loadIdentity(PkiDir + QStringLiteral("/shadow-a.crt"),
                                    PkiDir + QStringLiteral("/shadow-a.key"));
    m_web = *tls::loadIdentity(PkiDir + QStringLiteral("/server.crt"),
                               PkiDir + QStringLiteral("/server.key"));
    m_ca = QSslCertificate::fromPath(PkiDir + QStringLiteral("/ca.crt")).value(0);
    m_key = std::make_unique<crypto::PrivateKey>(
        *crypto::PrivateKey::fromPem(readPki(QStringLiteral("server.key"))));
    agent::shadow::ShadowProxySettings settings;
    settings.bindAddress = QHostAddress::LocalHost;
    settings.port = 0;
    settings.gate.deviceId = 1;
    settings.gate.deviceName = QStringLiteral("bench");
    settings.gate.signer = *crypto::Certificate::fromPem(readPki(QStringLiteral("server.crt")));
    settings.gate.vncPort = targetPort;
    m_agent.run([&] {
        m_proxy = std::make_unique<agent::shadow::ShadowProxy>(settings, m_identity, m_approver);
        if (!m_proxy->start().ok()) {
            std::fprintf(stderr, "the agent proxy does not listen\n");
        }
        m_proxyPort = m_proxy->port();
    });
    if (relay) {
        startRelay();
    }
}

ShadowPath::~ShadowPath()
{
    m_tunnel.reset();
    m_server.run([this] {
        m_splice.reset();
        m_consoleSide.reset();
        m_deviceSide.reset();
        m_webServer.reset();
    });
    m_agent.run([this] { m_proxy.reset(); });
}

void ShadowPath::startRelay()
{
    m_server.run([this] {
        m_webServer = std::make_unique<QWebSocketServer>(QStringLiteral("bench"),
                                                         QWebSocketServer::SecureMode);
        m_webServer->setSslConfiguration(tls::serverConfiguration(m_web));
        m_webServer->listen(QHostAddress::LocalHost, 0);
        m_webPort = m_webServer->serverPort();
        QObject::connect(m_webServer.get(), &QWebSocketServer::newConnection, [this] {
            std::unique_ptr<QWebSocket> socket(m_webServer->nextPendingConnection());
            QAbstractSocket* transport = net::transportOf(*socket);
            auto stream = std::make_unique<net::WebSocketStream>(std::move(socket), transport);
            if (!m_consoleSide) {
                // The console's side arrived: ask the agent to dial the device's side.
                m_consoleSide = std::move(stream);
                const QUrl url(QStringLiteral("wss://localhost:%1/device").arg(m_webPort));
                const QSslConfiguration tls = tls::clientConfiguration({m_ca});
                QMetaObject::invokeMethod(m_proxy.get(),
                                          [this, url, tls] { m_proxy->dialTunnel(url, tls); });
                return;
            }
            m_deviceSide = std::move(stream);
            m_splice = std::make_unique<net::BytePump>(*m_consoleSide, *m_deviceSide);
            m_splice->start();
        });
    });
}

quint16 ShadowPath::open()
{
    m_tunnel.reset();
    m_server.run([this] {
        m_splice.reset();
        m_consoleSide.reset();
        m_deviceSide.reset();
    });
    shadow::TicketPayload payload;
    payload.session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    payload.device = 1;
    payload.admin = QStringLiteral("bench");
    payload.path = m_relay ? QStringLiteral("relay") : QStringLiteral("direct");
    payload.expires = QDateTime::currentSecsSinceEpoch() + 60;
    payload.nonce = *shadow::newNonce();
    console::shadow::ShadowOffer offer;
    offer.session = payload.session;
    offer.ticket = *shadow::signTicket(payload, *m_key);
    offer.deviceId = 1;
    offer.deviceName = QStringLiteral("bench");
    offer.address = QStringLiteral("127.0.0.1");
    offer.port = m_proxyPort;
    offer.path = payload.path;
    offer.certificate = m_identity.certificate;
    console::shadow::TunnelOptions options;
    const quint16 relayPort = m_webPort;
    const QSslCertificate trusted = m_ca;
    options.relay = [relayPort, trusted](const QString&) {
        auto socket = std::make_unique<QWebSocket>();
        socket->setSslConfiguration(tls::clientConfiguration({trusted}));
        socket->open(QUrl(QStringLiteral("wss://localhost:%1/console").arg(relayPort)));
        return socket;
    };
    m_tunnel = std::make_unique<console::shadow::ShadowTunnel>(offer, options);
    m_tunnel->start();
    using State = console::shadow::ShadowTunnel::State;
    (void)test::waitUntil([this] {
        return m_tunnel->state() == State::Listening || m_tunnel->state() == State::Failed;
    });
    if (m_tunnel->state() != State::Listening) {
        std::fprintf(stderr, "session failed: %s\n",
                     m_tunnel->failure() ? qPrintable(m_tunnel->failure()->message) : "timeout");
        return 0;
    }
    return m_tunnel->localPort();
}

double ShadowPath::cpuSeconds() const
{
    return m_agent.cpuSeconds() + (m_relay ? m_server.cpuSeconds() : 0.0);
}

QString ShadowPath::cipher()
{
    if (m_relay) {
        QSslSocket probe;
        probe.setSslConfiguration(tls::clientConfiguration({m_ca}));
        return negotiatedCipher(probe, m_webPort, QStringLiteral("localhost"));
    }
    // The direct path's hop is OpenSSL at both ends: probe with the tunnel's own context.
    QTcpSocket tcp;
    tcp.connectToHost(QHostAddress::LocalHost, m_proxyPort);
    if (!tcp.waitForConnected(10000)) {
        return QStringLiteral("(no connection: %1)").arg(tcp.errorString());
    }
    auto context = tls::NativeContext::pinnedClient(m_identity.certificate);
    if (!context) {
        return context.error().message;
    }
    tls::TlsStream probe(tls::takeDescriptor(tcp.socketDescriptor()), *context);
    tcp.abort();
    probe.startHandshake();
    (void)test::waitUntil([&] { return probe.state() != tls::TlsStream::State::Handshaking; });
    const QString text = probe.isEncrypted()
                             ? probe.sessionDescription()
                             : QStringLiteral("(no handshake: %1)").arg(probe.errorString());
    probe.abort();
    return text;
}

} // namespace steward::bench
