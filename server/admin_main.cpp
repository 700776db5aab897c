// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-admin - offline administration: first administrator, data source, backup, restore.
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    steward::setupApplication(app, QStringLiteral("steward-admin"));
    steward::setupLogging();

    QCommandLineParser parser;
    steward::addStandardOptions(
        parser, QStringLiteral("Steward administration tool.\n\nCommands:\n"
                               "  create-admin --user NAME   create the first superuser\n"
                               "  enrollment-token           print a one-time enrolment token\n"
                               "  backup FILE | restore FILE | status"));
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("The server's data directory."),
                      QStringLiteral("DIR")});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("What to do."));
    parser.process(app);
    if (steward::handleStandardOptions(parser)) {
        return 0;
    }
    std::fputs("steward-admin: no commands are built yet (issue #3)\n", stderr);
    return 69;
}
