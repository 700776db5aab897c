// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_pump - loopback throughput of TCP->BytePump->TCP, TLS->BytePump->TCP and TLS->stunnel->TCP.
#include "common/net/BytePump.h"
#include "common/tls/TlsConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSslCipher>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <cstdio>
#include <ctime>
#include <memory>

#include <unistd.h>

using steward::net::BytePump;
namespace tls = steward::tls;

namespace {

const QString PkiDir = QStringLiteral(STEWARD_TEST_DATA_DIR "/pki");

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + double(now.tv_nsec) / 1e9;
}

double processCpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QByteArray text = stat.readAll();
    const auto fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong())
           / double(::sysconf(_SC_CLK_TCK));
}

// Counts bytes until the connection closes; lives in its own thread.
class Sink : public QObject {
    Q_OBJECT

public:
    Sink()
    {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            QTcpSocket* socket = m_server.nextPendingConnection();
            connect(socket, &QIODevice::readyRead, this, [this, socket] { drain(*socket); });
            connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
                drain(*socket);
                Q_EMIT done(m_received);
            });
        });
    }
    quint16 port() const { return m_server.serverPort(); }

Q_SIGNALS:
    void done(qint64 received);

private:
    void drain(QTcpSocket& socket)
    {
        qint64 read = 0;
        while ((read = socket.read(m_buffer.data(), m_buffer.size())) > 0) {
            m_received += read;
        }
    }

    QTcpServer m_server;
    QByteArray m_buffer{256 * 1024, '\0'};
    qint64 m_received = 0;
};

// Writes total bytes as fast as the socket drains; lives in its own thread.
class Source : public QObject {
public:
    void start(quint16 port, bool useTls, qint64 total)
    {
        m_total = total;
        m_socket = new QSslSocket(this);
        const auto feed = [this] { this->feed(); };
        if (useTls) {
            auto ca = tls::loadCertificates(PkiDir + QStringLiteral("/ca.crt"));
            m_socket->setSslConfiguration(tls::clientConfiguration(ca.valueOr({})));
            connect(m_socket, &QSslSocket::encrypted, this, [this] {
                std::fprintf(stderr, "negotiated %s %s\n",
                             qPrintable(m_socket->sessionCipher().protocolString()),
                             qPrintable(m_socket->sessionCipher().name()));
                this->feed();
            });
            connect(m_socket, &QSslSocket::encryptedBytesWritten, this, feed);
            m_socket->connectToHostEncrypted(QStringLiteral("127.0.0.1"), port,
                                             QStringLiteral("localhost"));
        } else {
            connect(m_socket, &QAbstractSocket::connected, this, feed);
            connect(m_socket, &QIODevice::bytesWritten, this, feed);
            m_socket->connectToHost(QHostAddress::LocalHost, port);
        }
    }

private:
    void feed()
    {
        while (m_written < m_total
               && m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() < 1024 * 1024) {
            const qint64 size = std::min<qint64>(m_block.size(), m_total - m_written);
            m_socket->write(m_block.constData(), size);
            m_written += size;
        }
        if (m_written == m_total && m_socket->bytesToWrite() == 0
            && m_socket->encryptedBytesToWrite() == 0) {
            m_socket->disconnectFromHost();
        }
    }

    QSslSocket* m_socket = nullptr;
    QByteArray m_block{256 * 1024, 'x'};
    qint64 m_total = 0;
    qint64 m_written = 0;
};

// Accepts TCP or TLS in the main thread and pumps each connection to the sink.
class PumpRelay : public QObject {
public:
    PumpRelay(bool useTls, quint16 sinkPort, BytePump::Options options)
        : m_sinkPort(sinkPort), m_options(options)
    {
        if (useTls) {
            auto identity = tls::loadIdentity(PkiDir + QStringLiteral("/server.crt"),
                                              PkiDir + QStringLiteral("/server.key"));
            auto server = std::make_unique<QSslServer>();
            server->setSslConfiguration(tls::serverConfiguration(*identity));
            m_server = std::move(server);
        } else {
            m_server = std::make_unique<QTcpServer>();
        }
        connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
            m_incoming.reset(m_server->nextPendingConnection());
            m_incoming->setParent(nullptr);
            m_outgoing = std::make_unique<QTcpSocket>();
            connect(m_outgoing.get(), &QAbstractSocket::connected, this, [this] {
                m_pump = std::make_unique<BytePump>(*m_incoming, *m_outgoing, m_options);
                m_pump->start();
            });
            m_outgoing->connectToHost(QHostAddress::LocalHost, m_sinkPort);
        });
        m_server->listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server->serverPort(); }
    qint64 maxQueued() const
    {
        return m_pump ? m_pump->maxBuffered(BytePump::Direction::FirstToSecond) : 0;
    }

private:
    quint16 m_sinkPort;
    BytePump::Options m_options;
    std::unique_ptr<QTcpServer> m_server;
    std::unique_ptr<QTcpSocket> m_incoming;
    std::unique_ptr<QTcpSocket> m_outgoing;
    std::unique_ptr<BytePump> m_pump;
};

// stunnel4 as the reference TLS terminator, on a port picked by binding 127.0.0.1:0.
class Stunnel {
public:
    bool start(quint16 sinkPort)
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
        QFile config(m_dir.filePath(QStringLiteral("stunnel.conf")));
        if (!config.open(QIODevice::WriteOnly)) {
            return false;
        }
        config.write(QStringLiteral("foreground = yes\npid =\ndebug = 3\n"
                                    "[bench]\naccept = 127.0.0.1:%1\nconnect = 127.0.0.1:%2\n"
                                    "cert = %3/server.crt\nkey = %3/server.key\n"
                                    "sslVersionMin = TLSv1.2\n")
                         .arg(m_port)
                         .arg(sinkPort)
                         .arg(PkiDir)
                         .toUtf8());
        config.close();
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral("stunnel"), {config.fileName()});
        if (!m_process.waitForStarted()) {
            return false;
        }
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 5000) { // wait until it accepts connections
            QTcpSocket probeClient;
            probeClient.connectToHost(QHostAddress::LocalHost, m_port);
            if (probeClient.waitForConnected(100)) {
                probeClient.abort();
                return true;
            }
            QThread::msleep(20);
        }
        return false;
    }
    quint16 port() const { return m_port; }
    double cpuSeconds() const { return processCpuSeconds(m_process.processId()); }
    void stop()
    {
        m_process.terminate();
        m_process.waitForFinished(3000);
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

struct Outcome {
    double seconds = 0;
    qint64 received = 0;
    double relayCpu = 0;
    qint64 maxQueued = 0;
};

Outcome run(const QString& mode, qint64 total, BytePump::Options options)
{
    // Sockets and servers must be created in the thread that uses them.
    QThread sinkThread;
    QThread sourceThread;
    QObject sinkAnchor;
    sinkAnchor.moveToThread(&sinkThread);
    auto source = std::make_unique<Source>();
    source->moveToThread(&sourceThread);
    sinkThread.start();
    sourceThread.start();
    std::unique_ptr<Sink> sink;
    QMetaObject::invokeMethod(
        &sinkAnchor, [&] { sink = std::make_unique<Sink>(); }, Qt::BlockingQueuedConnection);

    std::unique_ptr<PumpRelay> relay;
    Stunnel stunnel;
    quint16 relayPort = 0;
    if (mode == QLatin1String("stunnel")) {
        if (!stunnel.start(sink->port())) {
            std::fprintf(stderr, "stunnel did not start\n");
            return {};
        }
        relayPort = stunnel.port();
    } else {
        relay = std::make_unique<PumpRelay>(mode == QLatin1String("tls"), sink->port(), options);
        relayPort = relay->port();
    }

    Outcome outcome;
    QEventLoop loop;
    QObject::connect(sink.get(), &Sink::done, &loop, [&](qint64 received) {
        outcome.received = received;
        loop.quit();
    });
    const double cpuBefore =
        mode == QLatin1String("stunnel") ? stunnel.cpuSeconds() : threadCpuSeconds();
    QElapsedTimer clock;
    clock.start();
    const bool useTls = mode != QLatin1String("tcp");
    QMetaObject::invokeMethod(
        source.get(), [&, relayPort, useTls, total] { source->start(relayPort, useTls, total); });
    loop.exec();
    outcome.seconds = double(clock.nsecsElapsed()) / 1e9;
    if (mode == QLatin1String("stunnel")) {
        outcome.relayCpu = stunnel.cpuSeconds() - cpuBefore;
        stunnel.stop();
    } else {
        outcome.relayCpu = threadCpuSeconds() - cpuBefore;
        outcome.maxQueued = relay->maxQueued();
    }
    QMetaObject::invokeMethod(
        source.get(), [&] { source.reset(); }, Qt::BlockingQueuedConnection);
    QMetaObject::invokeMethod(
        sink.get(), [&] { sink.reset(); }, Qt::BlockingQueuedConnection);
    sourceThread.quit();
    sinkThread.quit();
    sourceThread.wait();
    sinkThread.wait();
    return outcome;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Loopback throughput of the byte pump, and of stunnel for reference."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("mib"), QStringLiteral("MiB to move per run (2048)."),
                      QStringLiteral("n"), QStringLiteral("2048")});
    parser.addOption({QStringLiteral("modes"),
                      QStringLiteral("Comma-separated: tcp, tls, stunnel (all)."),
                      QStringLiteral("list"), QStringLiteral("tcp,tls,stunnel")});
    parser.addOption({QStringLiteral("chunk-kib"),
                      QStringLiteral("BytePump chunk (read buffer) size in KiB (64)."),
                      QStringLiteral("n"), QStringLiteral("64")});
    parser.addOption({QStringLiteral("max-kib"),
                      QStringLiteral("BytePump bound on queued bytes in KiB (256)."),
                      QStringLiteral("n"), QStringLiteral("256")});
    parser.process(app);
    const qint64 total = parser.value(QStringLiteral("mib")).toLongLong() * 1024 * 1024;
    BytePump::Options options;
    options.chunkSize = parser.value(QStringLiteral("chunk-kib")).toLongLong() * 1024;
    options.maxBuffered = parser.value(QStringLiteral("max-kib")).toLongLong() * 1024;

    std::printf("| path | MiB | seconds | MiB/s | relay CPU s | relay CPU s/GiB | max queued |\n"
                "|---|---|---|---|---|---|---|\n");
    for (const QString& mode : parser.value(QStringLiteral("modes")).split(QLatin1Char(','))) {
        const Outcome outcome = run(mode, total, options);
        const char* path = mode == QLatin1String("tcp")   ? "TCP -> BytePump -> TCP"
                           : mode == QLatin1String("tls") ? "TLS -> BytePump -> TCP"
                                                          : "TLS -> stunnel4 -> TCP";
        const double mib = double(outcome.received) / (1024.0 * 1024.0);
        std::printf("| %s | %.0f | %.2f | %.0f | %.2f | %.2f | %s |\n", path, mib, outcome.seconds,
                    mib / outcome.seconds, outcome.relayCpu, outcome.relayCpu / (mib / 1024.0),
                    mode == QLatin1String("stunnel")
                        ? "n/a"
                        : qPrintable(QString::number(outcome.maxQueued)));
        std::fflush(stdout);
        if (outcome.received != total) {
            std::fprintf(stderr, "%s: received %lld of %lld bytes\n", qPrintable(mode),
                         static_cast<long long>(outcome.received), static_cast<long long>(total));
            return 1;
        }
    }
    return 0;
}

#include "PumpBench.moc"
