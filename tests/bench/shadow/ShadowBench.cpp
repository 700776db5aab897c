// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_shadow - throughput and 1-byte round trips through raw loopback, the direct shadow path
// (console proxy → TLS → agent proxy), a stunnel4 client+server pair and the relay path.
#include "agent/shadow/ShadowAuthority.h"
#include "agent/shadow/ShadowProxy.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/net/BytePump.h"
#include "common/net/WebSocketStream.h"
#include "common/shadow/ShadowTicket.h"
#include "common/tls/TlsConfig.h"
#include "common/tls/TlsFiles.h"
#include "console/shadow/ShadowTunnel.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>
#include <QWebSocketServer>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace steward;

namespace {

const QString PkiDir = QStringLiteral(STEWARD_TEST_DATA_DIR "/pki");

// The stand-in for the VNC server, in its own thread: echoes every byte (latency), or counts
// bytes and answers one byte once the expected amount arrived (throughput).
class Target : public QObject {
public:
    explicit Target(qint64 expected) : m_expected(expected)
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* socket = m_server.nextPendingConnection();
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            auto received = std::make_shared<qint64>(0);
            connect(socket, &QIODevice::readyRead, this, [this, socket, received] {
                char buffer[256 * 1024];
                qint64 read = 0;
                while ((read = socket->read(buffer, sizeof buffer)) > 0) {
                    if (m_expected == 0) {
                        socket->write(buffer, read);
                    } else if ((*received += read) >= m_expected) {
                        socket->write("k", 1);
                    }
                }
            });
            connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        });
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    qint64 m_expected;
    QTcpServer m_server;
};

struct Measurement {
    double mibPerSecond = 0;
    double medianUs = 0;
    double p99Us = 0;
};

// The client's part, blocking, in its own thread while the main thread runs the proxies.
void runInThread(const std::function<void()>& work)
{
    QEventLoop loop;
    QThread* thread = QThread::create(work);
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    thread->start();
    loop.exec();
    thread->wait();
    delete thread;
}

double throughput(quint16 port, qint64 bytes)
{
    double seconds = -1;
    runInThread([&] {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(10000)) {
            return;
        }
        std::vector<char> block(256 * 1024, 'x');
        QElapsedTimer clock;
        clock.start();
        for (qint64 sent = 0; sent < bytes; sent += qint64(block.size())) {
            socket.write(block.data(), qint64(block.size()));
            while (socket.bytesToWrite() > 1024 * 1024) {
                socket.waitForBytesWritten(10000);
            }
        }
        while (socket.bytesToWrite() > 0) {
            socket.waitForBytesWritten(10000);
        }
        if (socket.waitForReadyRead(60000)) {
            seconds = double(clock.nsecsElapsed()) / 1e9;
        }
        socket.disconnectFromHost();
    });
    return seconds > 0 ? double(bytes) / (1024.0 * 1024.0) / seconds : 0;
}

std::pair<double, double> roundTrips(quint16 port, int count)
{
    std::vector<double> samples;
    runInThread([&] {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(10000)) {
            return;
        }
        socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        char byte = 'a';
        for (int i = 0; i < count + 50; ++i) {
            QElapsedTimer clock;
            clock.start();
            socket.write(&byte, 1);
            socket.waitForBytesWritten(10000);
            while (socket.bytesAvailable() < 1) {
                if (!socket.waitForReadyRead(10000)) {
                    return;
                }
            }
            socket.read(&byte, 1);
            if (i >= 50) { // warm-up excluded
                samples.push_back(double(clock.nsecsElapsed()) / 1000.0);
            }
        }
        socket.disconnectFromHost();
    });
    if (samples.empty()) {
        return {0, 0};
    }
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples[samples.size() * 99 / 100]};
}

// Approves every claim: the bench measures bytes, not the server.
class Approver : public agent::shadow::ShadowAuthority {
public:
    void claim(const protocol::ShadowClaim&, std::function<void(Result<void>)> answer) override
    {
        answer({});
    }
    void ended(const protocol::ShadowEnded&) override {}
    void refused(const protocol::ShadowRefused&) override {}
};

// The agent's proxy toward a target, and a console tunnel per measured connection.
class ShadowPath {
public:
    ShadowPath(quint16 targetPort, bool relay) : m_relay(relay)
    {
        // The agent presents its self-signed shadow certificate; the relay the server's.
        m_identity = *tls::loadIdentity(PkiDir + QStringLiteral("/shadow-a.crt"),
                                        PkiDir + QStringLiteral("/shadow-a.key"));
        m_web = *tls::loadIdentity(PkiDir + QStringLiteral("/server.crt"),
                                   PkiDir + QStringLiteral("/server.key"));
        m_ca = QSslCertificate::fromPath(PkiDir + QStringLiteral("/ca.crt")).value(0);
        QFile keyFile(PkiDir + QStringLiteral("/server.key"));
        QFile certFile(PkiDir + QStringLiteral("/server.crt"));
        keyFile.open(QIODevice::ReadOnly);
        certFile.open(QIODevice::ReadOnly);
        m_key =
            std::make_unique<crypto::PrivateKey>(*crypto::PrivateKey::fromPem(keyFile.readAll()));
        agent::shadow::ShadowProxySettings settings;
        settings.bindAddress = QHostAddress::LocalHost;
        settings.port = 0;
        settings.gate.deviceId = 1;
        settings.gate.deviceName = QStringLiteral("bench");
        settings.gate.signer = *crypto::Certificate::fromPem(certFile.readAll());
        settings.gate.vncPort = targetPort;
        m_proxy = std::make_unique<agent::shadow::ShadowProxy>(settings, m_identity, m_approver);
        (void)m_proxy->start();
        if (relay) {
            // The server's splice as TunnelRelay does it: BytePump over two WebSocketStreams.
            m_server = std::make_unique<QWebSocketServer>(QStringLiteral("bench"),
                                                          QWebSocketServer::SecureMode);
            m_server->setSslConfiguration(tls::serverConfiguration(m_web));
            m_server->listen(QHostAddress::LocalHost, 0);
            QObject::connect(m_server.get(), &QWebSocketServer::newConnection, [this] {
                std::unique_ptr<QWebSocket> socket(m_server->nextPendingConnection());
                QAbstractSocket* transport = net::transportOf(*socket);
                auto stream = std::make_unique<net::WebSocketStream>(std::move(socket), transport);
                if (!m_consoleSide) {
                    m_consoleSide = std::move(stream);
                    QUrl url(
                        QStringLiteral("wss://localhost:%1/device").arg(m_server->serverPort()));
                    m_proxy->dialTunnel(url, tls::clientConfiguration({m_ca}));
                    return;
                }
                m_deviceSide = std::move(stream);
                m_splice = std::make_unique<net::BytePump>(*m_consoleSide, *m_deviceSide);
                m_splice->start();
            });
        }
    }

    /** Opens one session; returns the console proxy's local port, 0 on failure. */
    quint16 open()
    {
        m_tunnel.reset();
        m_splice.reset();
        m_consoleSide.reset();
        m_deviceSide.reset();
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
        offer.port = m_proxy->port();
        offer.path = payload.path;
        offer.certificate = m_identity.certificate;
        console::shadow::TunnelOptions options;
        const quint16 relayPort = m_server ? m_server->serverPort() : 0;
        const QSslCertificate trusted = m_ca;
        options.relay = [relayPort, trusted](const QString&) {
            auto socket = std::make_unique<QWebSocket>();
            socket->setSslConfiguration(tls::clientConfiguration({trusted}));
            socket->open(QUrl(QStringLiteral("wss://localhost:%1/console").arg(relayPort)));
            return socket;
        };
        m_tunnel = std::make_unique<console::shadow::ShadowTunnel>(offer, options);
        QEventLoop loop;
        QObject::connect(m_tunnel.get(), &console::shadow::ShadowTunnel::listening, &loop,
                         &QEventLoop::quit);
        QObject::connect(m_tunnel.get(), &console::shadow::ShadowTunnel::failed, &loop,
                         [&loop](const Error& error) {
                             std::fprintf(stderr, "session failed: %s\n",
                                          qPrintable(error.message));
                             loop.quit();
                         });
        m_tunnel->start();
        loop.exec();
        return m_tunnel->localPort();
    }

private:
    bool m_relay;
    tls::TlsIdentity m_identity;
    tls::TlsIdentity m_web;
    QSslCertificate m_ca;
    std::unique_ptr<crypto::PrivateKey> m_key;
    Approver m_approver;
    std::unique_ptr<agent::shadow::ShadowProxy> m_proxy;
    std::unique_ptr<QWebSocketServer> m_server;
    std::unique_ptr<net::WebSocketStream> m_consoleSide;
    std::unique_ptr<net::WebSocketStream> m_deviceSide;
    std::unique_ptr<net::BytePump> m_splice;
    std::unique_ptr<console::shadow::ShadowTunnel> m_tunnel;
};

// stunnel4 client (plain → TLS) and server (TLS → plain), one process each.
class StunnelPair {
public:
    quint16 start(quint16 targetPort)
    {
        const quint16 serverPort = freePort();
        const quint16 clientPort = freePort();
        if (!run(m_server, QStringLiteral("server"), serverPort, targetPort, false)
            || !run(m_client, QStringLiteral("client"), clientPort, serverPort, true)) {
            return 0;
        }
        return clientPort;
    }
    ~StunnelPair()
    {
        for (QProcess* process : {&m_client, &m_server}) {
            process->terminate();
            process->waitForFinished(3000);
        }
    }

private:
    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }
    bool run(QProcess& process, const QString& name, quint16 accept, quint16 connect, bool client)
    {
        QFile config(m_dir.filePath(name + QStringLiteral(".conf")));
        if (!config.open(QIODevice::WriteOnly)) {
            return false;
        }
        QString text = QStringLiteral("foreground = yes\npid =\ndebug = 3\n[bench]\n"
                                      "accept = 127.0.0.1:%1\nconnect = 127.0.0.1:%2\n"
                                      "sslVersionMin = TLSv1.3\nsocket = l:TCP_NODELAY=1\n"
                                      "socket = r:TCP_NODELAY=1\n")
                           .arg(accept)
                           .arg(connect);
        text += client ? QStringLiteral("client = yes\nverifyChain = yes\nCAfile = %1/ca.crt\n")
                             .arg(PkiDir)
                       : QStringLiteral("cert = %1/server.crt\nkey = %1/server.key\n").arg(PkiDir);
        config.write(text.toUtf8());
        config.close();
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(QStringLiteral("stunnel4"), {config.fileName()});
        if (!process.waitForStarted()) {
            return false;
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 10000) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, accept);
            if (probe.waitForConnected(200)) {
                probe.abort();
                return true;
            }
            QThread::msleep(20);
        }
        return false;
    }
    QTemporaryDir m_dir;
    QProcess m_server;
    QProcess m_client;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("mib"), QStringLiteral("MiB per throughput run."),
                      QStringLiteral("N"), QStringLiteral("512")});
    parser.addOption({QStringLiteral("trips"), QStringLiteral("1-byte round trips per path."),
                      QStringLiteral("N"), QStringLiteral("2000")});
    parser.process(app);
    const qint64 bytes = parser.value(QStringLiteral("mib")).toLongLong() * 1024 * 1024;
    const int trips = parser.value(QStringLiteral("trips")).toInt();

    QThread targetThread;
    auto* context = new QObject;
    context->moveToThread(&targetThread);
    QObject::connect(&targetThread, &QThread::finished, context, &QObject::deleteLater);
    targetThread.start();
    std::unique_ptr<Target> sink;
    std::unique_ptr<Target> echo;
    QMetaObject::invokeMethod(
        context,
        [&] {
            sink = std::make_unique<Target>(bytes);
            echo = std::make_unique<Target>(0);
        },
        Qt::BlockingQueuedConnection);

    std::printf("| path | MiB | MiB/s | RTT median µs | RTT p99 µs |\n|---|---|---|---|---|\n");
    const auto report = [&](const char* name, double rate, std::pair<double, double> rtt) {
        std::printf("| %s | %lld | %.0f | %.0f | %.0f |\n", name, bytes / (1024 * 1024), rate,
                    rtt.first, rtt.second);
        std::fflush(stdout);
    };
    report("raw loopback", throughput(sink->port(), bytes), roundTrips(echo->port(), trips));
    {
        StunnelPair sinkPair;
        StunnelPair echoPair;
        const quint16 sinkPort = sinkPair.start(sink->port());
        const quint16 echoPort = echoPair.start(echo->port());
        report("stunnel4 client → TLS → stunnel4 server",
               sinkPort ? throughput(sinkPort, bytes) : 0,
               echoPort ? roundTrips(echoPort, trips) : std::pair<double, double>{});
    }
    for (const bool relay : {false, true}) {
        ShadowPath sinkPath(sink->port(), relay);
        ShadowPath echoPath(echo->port(), relay);
        const quint16 sinkPort = sinkPath.open();
        const double rate = sinkPort ? throughput(sinkPort, bytes) : 0;
        const quint16 echoPort = echoPath.open();
        report(relay ? "relay: console proxy → WSS → splice → WSS → agent proxy"
                     : "direct: console proxy → TLS → agent proxy",
               rate, echoPort ? roundTrips(echoPort, trips) : std::pair<double, double>{});
    }
    QMetaObject::invokeMethod(
        context,
        [&] {
            sink.reset();
            echo.reset();
        },
        Qt::BlockingQueuedConnection);
    targetThread.quit();
    targetThread.wait();
    return 0;
}
