// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_shadow - throughput and 1-byte round trips through raw loopback, the direct shadow path
// (console proxy → TLS → agent proxy), a stunnel4 client+server pair and the relay path.
#include "tests/bench/shadow/ShadowBenchRig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include <unistd.h>

using namespace steward;
using steward::bench::ShadowPath;

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

// clientCpu: the CPU seconds the client's thread used, to take them out of the process's.
double throughput(quint16 port, qint64 bytes, double* clientCpu = nullptr)
{
    double seconds = -1;
    runInThread([&] {
        struct Report {
            double* cpu;
            ~Report()
            {
                if (cpu) {
                    *cpu = bench::threadCpuSeconds();
                }
            }
        } report{clientCpu};
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

// stunnel4 client (plain → TLS) and server (TLS → plain), one process each.
class StunnelPair {
public:
    /** ciphersuites: stunnel's TLS 1.3 `ciphersuites` for both ends; empty: its defaults. */
    explicit StunnelPair(QString ciphersuites = {}) : m_ciphersuites(std::move(ciphersuites)) {}
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
    /** CPU seconds both stunnel4 processes used so far. */
    double cpuSeconds() const
    {
        return bench::cpuSeconds(long(m_client.processId()))
               + bench::cpuSeconds(long(m_server.processId()));
    }
    /** What the client logged for its connections (debug = info): "TLSv1.3 TLS_AES_…". */
    QString cipher()
    {
        m_log += m_client.readAllStandardError();
        const auto match = QRegularExpression(QStringLiteral("(TLSv[0-9.]+) ciphersuite: (\\S+)"))
                               .match(QString::fromUtf8(m_log));
        return match.hasMatch() ? match.captured(1) + QLatin1Char(' ') + match.captured(2)
                                : QStringLiteral("(not logged)");
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
        QString text = QStringLiteral("foreground = yes\npid =\ndebug = %3\n[bench]\n"
                                      "accept = 127.0.0.1:%1\nconnect = 127.0.0.1:%2\n"
                                      "sslVersionMin = TLSv1.3\nsocket = l:TCP_NODELAY=1\n"
                                      "socket = r:TCP_NODELAY=1\n")
                           .arg(accept)
                           .arg(connect)
                           .arg(client ? 6 : 3); // the client logs the cipher suite at info
        if (!m_ciphersuites.isEmpty()) {
            text.replace(QStringLiteral("[bench]\n"),
                         QStringLiteral("[bench]\nciphersuites = %1\n").arg(m_ciphersuites));
        }
        text += client ? QStringLiteral("client = yes\nverifyChain = yes\nCAfile = %1/ca.crt\n")
                             .arg(PkiDir)
                       : QStringLiteral("cert = %1/server.crt\nkey = %1/server.key\n").arg(PkiDir);
        config.write(text.toUtf8());
        config.close();
        if (!client) {
            process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        }
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
    QString m_ciphersuites;
    QTemporaryDir m_dir;
    QByteArray m_log;
    QProcess m_server;
    QProcess m_client;
};

// One row per path, all against the same targets in the same run.
bench::Worker* targetWorker = nullptr; // the sink and echo targets run here

// One row per path, all against the same targets in the same run. The CPU column is the time
// the proxies (both stunnel4 processes; for our paths every thread of this process but the
// target's and the client's: the console's and the agent's Qt threads, their TLS pipe threads
// and for the relay the splice's) used during the throughput run, per MiB: it holds on a
// loaded machine where the wall clock does not.
void measureAll(quint16 sinkPort, quint16 echoPort, qint64 bytes, int trips,
                const QStringList& paths)
{
    const double mib = double(bytes) / (1024.0 * 1024.0);
    const auto report = [&](const char* name, double rate, double cpu,
                            std::pair<double, double> rtt, const QString& cipher) {
        std::printf("| %s | %.0f | %.0f | %.2f | %.0f | %.0f | %s |\n", name, mib, rate,
                    cpu * 1000.0 / mib, rtt.first, rtt.second, qPrintable(cipher));
        std::fflush(stdout);
    };
    if (paths.contains(QStringLiteral("raw"))) {
        report("raw loopback", throughput(sinkPort, bytes), 0, roundTrips(echoPort, trips),
               QStringLiteral("none"));
    }
    // "stunnel": its default order (TLS_AES_256_GCM_SHA384 first); "stunnel128": pinned to
    // TLS_AES_128_GCM_SHA256, the suite our direct path prefers, for a like-for-like row.
    for (const QString& name : {QStringLiteral("stunnel"), QStringLiteral("stunnel128")}) {
        if (!paths.contains(name)) {
            continue;
        }
        const bool aes128 = name == QLatin1String("stunnel128");
        StunnelPair sinkPair(aes128 ? QStringLiteral("TLS_AES_128_GCM_SHA256") : QString());
        StunnelPair echoPair(aes128 ? QStringLiteral("TLS_AES_128_GCM_SHA256") : QString());
        const quint16 sinkEntry = sinkPair.start(sinkPort);
        const quint16 echoEntry = echoPair.start(echoPort);
        const double before = sinkPair.cpuSeconds();
        const double rate = sinkEntry ? throughput(sinkEntry, bytes) : 0;
        const double cpu = sinkPair.cpuSeconds() - before;
        report(aes128 ? "stunnel4 client → TLS → stunnel4 server (AES-128)"
                      : "stunnel4 client → TLS → stunnel4 server",
               rate, cpu, echoEntry ? roundTrips(echoEntry, trips) : std::pair<double, double>{},
               sinkPair.cipher());
    }
    for (const bool relay : {false, true}) {
        if (!paths.contains(relay ? QStringLiteral("relay") : QStringLiteral("direct"))) {
            continue;
        }
        ShadowPath sinkPath(sinkPort, relay);
        ShadowPath echoPath(echoPort, relay);
        const quint16 sinkEntry = sinkPath.open();
        const auto proxies = [&] {
            return bench::cpuSeconds(long(getpid())) - targetWorker->cpuSeconds();
        };
        const double before = proxies();
        double clientCpu = 0;
        const double rate = sinkEntry ? throughput(sinkEntry, bytes, &clientCpu) : 0;
        const double cpu = proxies() - before - clientCpu;
        const quint16 echoEntry = echoPath.open();
        const auto rtt = echoEntry ? roundTrips(echoEntry, trips) : std::pair<double, double>{};
        report(relay ? "relay: console proxy → WSS → splice → WSS → agent proxy"
                     : "direct: console proxy → TLS → agent proxy",
               rate, cpu, rtt, sinkPath.cipher());
    }
}

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
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Rounds over all paths."),
                      QStringLiteral("N"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("paths"), QStringLiteral("Paths to measure, comma-separated."),
                      QStringLiteral("raw,stunnel,stunnel128,direct,relay"),
                      QStringLiteral("raw,stunnel,stunnel128,direct,relay")});
    parser.process(app);
    const QStringList paths = parser.value(QStringLiteral("paths")).split(QLatin1Char(','));
    const qint64 bytes = parser.value(QStringLiteral("mib")).toLongLong() * 1024 * 1024;
    const int trips = parser.value(QStringLiteral("trips")).toInt();
    const int runs = parser.value(QStringLiteral("runs")).toInt();

    // The target on its own thread, the client on another (runInThread); the console's proxy
    // runs on this thread, the agent's proxy and the relay's splice on threads of their own.
    bench::Worker targetThread(QStringLiteral("target"));
    std::unique_ptr<Target> sink;
    std::unique_ptr<Target> echo;
    targetThread.run([&] {
        sink = std::make_unique<Target>(bytes);
        echo = std::make_unique<Target>(0);
    });
    targetWorker = &targetThread;
    std::printf("| path | MiB | MiB/s | proxy CPU ms/MiB | RTT median µs | RTT p99 µs | TLS |\n"
                "|---|---|---|---|---|---|---|\n");
    for (int run = 0; run < runs; ++run) {
        measureAll(sink->port(), echo->port(), bytes, trips, paths);
    }
    targetThread.run([&] {
        sink.reset();
        echo.reset();
    });
    return 0;
}
