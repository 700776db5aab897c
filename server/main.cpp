// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-server - the fleet's state, REST API, event socket and device WebSocket.
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"
#include "common/core/TerminationSignals.h"
#include "server/app/Logging.h"
#include "server/app/ServerApp.h"

#include <QAbstractEventDispatcher>

#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char* argv[])
{
    // GLib's event dispatcher keeps socket notifiers in a list it scans on every change: with
    // thousands of device sockets the server spent half its time there and stalled near 8,700
    // connections; Qt's own dispatcher took 10,000 (docs/benchmarks.md, "Fleet"). The
    // environment may still choose.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB")) {
        qputenv("QT_NO_GLIB", "1");
    }
    QCoreApplication app(argc, argv);
    steward::setupApplication(app, QStringLiteral("steward-server"));
    steward::setupLogging();
    qCInfo(lcServerApp).noquote()
        << QStringLiteral("event dispatcher=%1")
               .arg(QLatin1String(QAbstractEventDispatcher::instance()->metaObject()->className()));

    QCommandLineParser parser;
    steward::addStandardOptions(parser, QStringLiteral("Steward server: keeps the fleet's state "
                                                       "and serves consoles and devices."));
    parser.addOption({QStringLiteral("data-dir"),
                      QStringLiteral("Directory for the database, keys and certificates."),
                      QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("config"), QStringLiteral("Settings file (INI)."), QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("listen"),
                      QStringLiteral("Address and port to listen on (default *:8443)."),
                      QStringLiteral("ADDR:PORT")});
    parser.process(app);
    if (steward::handleStandardOptions(parser)) {
        return 0;
    }
    auto settings = steward::server::settingsFromCommandLine(parser);
    if (!settings) {
        std::fprintf(stderr, "steward-server: %s\n", qPrintable(settings.error().message));
        return 78; // EX_CONFIG: systemd does not restart into the same mistake
    }
    steward::setupLogging(settings->logRules);
    steward::server::ServerApp server(std::move(*settings));
    steward::quitOnTerminationSignals(app);
    if (auto started = server.start(); !started) {
        std::fprintf(stderr, "steward-server: %s\n", qPrintable(started.error().message));
        return started.error().code == steward::ErrorCode::InvalidConfig ? 78 : 1;
    }
    return app.exec();
}
