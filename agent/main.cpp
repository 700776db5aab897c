// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-agent - runs on each device: settings, state reports, VNC server and TLS proxy.
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    steward::setupApplication(app, QStringLiteral("steward-agent"));
    steward::setupLogging();

    QCommandLineParser parser;
    steward::addStandardOptions(
        parser, QStringLiteral("Steward device agent.\n\nCommands:\n"
                               "  enroll --server URL --token TOKEN [--fingerprint SHA256]\n"
                               "  run [--vnc-source synthetic|x11|external:HOST:PORT]"));
    parser.addOption({QStringLiteral("state-dir"),
                      QStringLiteral("Directory for keys, certificates and cached settings."),
                      QStringLiteral("DIR")});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("enroll or run."));
    parser.process(app);
    if (steward::handleStandardOptions(parser)) {
        return 0;
    }
    std::fputs("steward-agent: no commands are built yet (issue #4)\n", stderr);
    return 69;
}
