// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-shadow - opens a secure shadow session and serves one VNC viewer on loopback.
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    steward::setupApplication(app, QStringLiteral("steward-shadow"));
    steward::setupLogging();

    QCommandLineParser parser;
    steward::addStandardOptions(
        parser, QStringLiteral("Opens a secure shadow session to a device and prints "
                               "\"listening 127.0.0.1:PORT\" once both legs are up."));
    parser.addOption({QStringLiteral("server"), QStringLiteral("Server to ask for the ticket."),
                      QStringLiteral("https://HOST:PORT")});
    parser.addOption(
        {QStringLiteral("user"), QStringLiteral("Administrator name."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("device"), QStringLiteral("Device name or id."),
                      QStringLiteral("NAME|ID")});
    parser.addOption({QStringLiteral("relay"), QStringLiteral("Tunnel through the server.")});
    parser.addOption({QStringLiteral("viewer"),
                      QStringLiteral("Viewer command to start on the local port."),
                      QStringLiteral("CMD")});
    parser.process(app);
    if (steward::handleStandardOptions(parser)) {
        return 0;
    }
    std::fputs("steward-shadow: secure shadowing is not built yet (issue #5)\n", stderr);
    return 69;
}
