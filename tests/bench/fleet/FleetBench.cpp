// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// bench_fleet - N simulated agents against a real steward-server: connect time, server memory
// and CPU per connection, and the reconnect storm after a restart. See docs/benchmarks.md.
#include "common/tls/TlsConfig.h"
#include "tests/bench/fleet/Fleet.h"
#include "tests/support/server/RestClient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace steward;

namespace {

const QString User = QStringLiteral("fleet");
const QString Password = QStringLiteral("fleet bench password");

void say(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// Runs the event loop until done() or the timeout; the seconds it took, or -1.
double waitFor(const std::function<bool()>& done, std::chrono::seconds timeout,
               const std::function<void()>& every = {})
{
    QElapsedTimer clock;
    clock.start();
    QElapsedTimer lastReport;
    lastReport.start();
    while (!done()) {
        if (clock.elapsed() > std::chrono::milliseconds(timeout).count()) {
            return -1;
        }
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
        if (every && lastReport.elapsed() >= 2000) {
            every();
            lastReport.restart();
        }
    }
    return double(clock.nsecsElapsed()) / 1e9;
}

double metric(const QByteArray& metrics, const QByteArray& name)
{
    for (const QByteArray& line : metrics.split('\n')) {
        if (line.startsWith(QByteArray(name + ' '))) {
            return line.mid(name.size() + 1).toDouble();
        }
    }
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) { // as steward-server: see docs/benchmarks.md
        qputenv("QT_NO_GLIB", "1");
    }
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fleet simulator: N agents, one process."));
    parser.addHelpOption();
    const QCommandLineOption agentsOption(QStringLiteral("agents"), QStringLiteral("Agents."),
                                          QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption dirOption(
        QStringLiteral("data-dir"),
        QStringLiteral("Server data dir, kept: enrolled credentials are cached in DIR/fleet "
                       "and reused (default: a temporary dir)."),
        QStringLiteral("DIR"));
    const QCommandLineOption serverOption(
        QStringLiteral("server-binary"), QStringLiteral("steward-server to start."),
        QStringLiteral("PATH"), QStringLiteral(STEWARD_BINARY_DIR "/server/steward-server"));
    const QCommandLineOption configOption(
        QStringLiteral("config"), QStringLiteral("Server settings file."), QStringLiteral("FILE"));
    const QCommandLineOption connectingOption(
        QStringLiteral("max-connecting"),
        QStringLiteral("Connection attempts the simulator keeps in flight."), QStringLiteral("N"),
        QStringLiteral("256"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           QStringLiteral("Seconds each phase may take."),
                                           QStringLiteral("S"), QStringLiteral("600"));
    const QCommandLineOption idleOption(QStringLiteral("idle"),
                                        QStringLiteral("Seconds to watch the connected fleet."),
                                        QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption noBroadcastOption(QStringLiteral("no-broadcast"),
                                               QStringLiteral("Skip the broadcast command."));
    const QCommandLineOption noRestartOption(QStringLiteral("no-restart"),
                                             QStringLiteral("Skip the restart storm."));
    parser.addOptions({noBroadcastOption, noRestartOption, agentsOption, dirOption, serverOption,
                       configOption, connectingOption, timeoutOption, idleOption});
    parser.process(app);
    const int count = parser.value(agentsOption).toInt();
    const std::chrono::seconds timeout(parser.value(timeoutOption).toInt());

    // Each agent costs one descriptor here and one in the server, which inherits the limit.
    say(QStringLiteral("open files limit: %1")
            .arg(fleet::raiseFileLimit(quint64(count) * 2 + 4096)));
    QTemporaryDir temporary;
    const QString dataDir = parser.isSet(dirOption) ? parser.value(dirOption) : temporary.path();
    if (auto made = fleet::createAdministrator(dataDir, User, Password); !made) {
        say(QStringLiteral("error: %1").arg(made.error().toString()));
        return 1;
    }
    fleet::ServerProcess server(parser.value(serverOption), dataDir, parser.value(configOption));
    if (auto started = server.start(); !started) {
        say(QStringLiteral("error: %1").arg(started.error().toString()));
        return 1;
    }
    const auto rootCa = fleet::serverRootCa(dataDir);
    if (!rootCa) {
        say(QStringLiteral("error: %1").arg(rootCa.error().toString()));
        return 1;
    }
    test::RestClient rest(server.port(), {*rootCa});
    if (const auto login = rest.login(User, Password); login.status != 200) {
        say(QStringLiteral("error: login answered %1").arg(login.status));
        return 1;
    }
    QElapsedTimer clock;
    clock.start();
    auto members = fleet::enrollFleet({server.url(), *rootCa, rest.token()}, count,
                                      QDir(dataDir).filePath(QStringLiteral("fleet")));
    if (!members) {
        say(QStringLiteral("error: enrolment: %1").arg(members.error().toString()));
        return 1;
    }
    say(QStringLiteral("credentials for %1 agents ready in %2 s (new ones enrolled over REST)")
            .arg(count)
            .arg(double(clock.nsecsElapsed()) / 1e9, 0, 'f', 1));

    std::vector<qint64> deviceIds;
    for (const auto& member : *members) {
        deviceIds.push_back(member.deviceId);
    }
    const fleet::ProcessUsage before = fleet::processUsage(server.pid());
    fleet::Fleet::Options options;
    options.server = server.url();
    options.rootCa = *rootCa;
    options.maxConnecting = parser.value(connectingOption).toInt();
    fleet::Fleet agents(options, std::move(*members));
    const auto progress = [&] {
        const auto counts = agents.counts();
        const auto usage = fleet::processUsage(server.pid());
        say(QStringLiteral("  up=%1 attempts=%2 ended=%3 server_rss=%4MiB server_cpu=%5s")
                .arg(counts.up)
                .arg(counts.connects)
                .arg(counts.failures)
                .arg(double(usage.rssBytes) / 1048576, 0, 'f', 0)
                .arg(usage.cpuSeconds, 0, 'f', 1));
    };
    agents.start();
    const double connected =
        waitFor([&] { return agents.counts().up == count; }, timeout, progress);
    const fleet::ProcessUsage after = fleet::processUsage(server.pid());
    const auto self = fleet::processUsage(QCoreApplication::applicationPid());
    say(QStringLiteral("connect all %1: %2 s (attempts %3); server RSS %4 -> %5 MiB = %6 KiB "
                       "per connection; server CPU %7 s; simulator RSS %8 MiB, CPU %9 s")
            .arg(count)
            .arg(connected, 0, 'f', 2)
            .arg(agents.counts().connects)
            .arg(double(before.rssBytes) / 1048576, 0, 'f', 0)
            .arg(double(after.rssBytes) / 1048576, 0, 'f', 0)
            .arg(double(after.rssBytes - before.rssBytes) / 1024 / std::max(1, count), 0, 'f', 1)
            .arg(after.cpuSeconds - before.cpuSeconds, 0, 'f', 2)
            .arg(double(self.rssBytes) / 1048576, 0, 'f', 0)
            .arg(self.cpuSeconds, 0, 'f', 2));
    if (connected < 0) {
        return 1;
    }

    const int idle = parser.value(idleOption).toInt();
    const fleet::ProcessUsage idleStart = fleet::processUsage(server.pid());
    waitFor([] { return false; }, std::chrono::seconds(idle));
    const fleet::ProcessUsage idleEnd = fleet::processUsage(server.pid());
    say(QStringLiteral("idle %1 s with keepalive: server CPU %2 %, all up: %3")
            .arg(idle)
            .arg(100 * (idleEnd.cpuSeconds - idleStart.cpuSeconds) / std::max(1, idle), 0, 'f', 1)
            .arg(agents.counts().up == count ? QStringLiteral("yes") : QStringLiteral("no")));

    // A broadcast: one command per device over REST; when does the last agent have it?
    if (!parser.isSet(noBroadcastOption)) {
        std::vector<qint64> receivedNs(size_t(count), -1);
        int received = 0;
        QElapsedTimer since;
        agents.onFrame([&](int index, const QByteArray& frame) {
            if (frame.contains("\"command.run\"") && receivedNs[size_t(index)] < 0) {
                receivedNs[size_t(index)] = since.nsecsElapsed();
                ++received;
            }
        });
        since.start();
        const auto queued = fleet::queueCommands(
            {server.url(), *rootCa, rest.token()}, deviceIds,
            QJsonObject{{QStringLiteral("kind"), QStringLiteral("push-settings")}});
        const double queuedSeconds = double(since.nsecsElapsed()) / 1e9;
        if (!queued) {
            say(QStringLiteral("broadcast: not measured: %1").arg(queued.error().message));
        } else {
            const double all = waitFor([&] { return received == count; }, timeout);
            say(QStringLiteral("broadcast of push-settings to %1 agents: %2 queued over REST in "
                               "%3 s (16 in flight); the last agent had command.run after %4 s")
                    .arg(count)
                    .arg(*queued)
                    .arg(queuedSeconds, 0, 'f', 2)
                    .arg(all < 0 ? -1.0 : queuedSeconds + all, 0, 'f', 2));
        }
        agents.onFrame({});
    }

    // The reconnect storm: every agent notices at once and comes back with its back-off.
    if (parser.isSet(noRestartOption)) {
        agents.stop();
        server.stop();
        return 0;
    }
    server.stop();
    waitFor([&] { return agents.counts().up == 0; }, timeout);
    clock.restart();
    if (auto started = server.start(server.port()); !started) {
        say(QStringLiteral("error: restart: %1").arg(started.error().toString()));
        return 1;
    }
    const double restartListen = double(clock.nsecsElapsed()) / 1e9;
    const double settled = waitFor([&] { return agents.counts().up == count; }, timeout, progress);
    test::RestClient again(server.port(), {*rootCa}); // sessions outlive a restart, but be sure
    [[maybe_unused]] const auto relogin = again.login(User, Password);
    const QByteArray metrics = again.get(QStringLiteral("/metrics")).body;
    const QJsonObject devices = again.get(QStringLiteral("/api/v1/devices?limit=1")).json();
    say(QStringLiteral("restart: listening after %1 s; all %2 reconnected %3 s after restart "
                       "(attempts %4); handshakes peak %5, refused %6; devices on the server %7")
            .arg(restartListen, 0, 'f', 2)
            .arg(count)
            .arg(settled < 0 ? -1 : settled + restartListen, 0, 'f', 2)
            .arg(agents.counts().connects)
            .arg(metric(metrics, "steward_tls_handshakes_peak"))
            .arg(metric(metrics, "steward_tls_handshakes_refused_total"))
            .arg(devices.value(QStringLiteral("total")).toInteger()));
    agents.stop();
    server.stop();
    return settled < 0 ? 1 : 0;
}
