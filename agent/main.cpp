// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-agent - runs on each device: enrolment and the channel to the server.
#include "agent/app/AgentApp.h"
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"
#include "common/core/TerminationSignals.h"

#include <QCoreApplication>
#include <QFile>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    steward::setupApplication(app, QStringLiteral("steward-agent"));
    steward::setupLogging();
    QTextStream out(stdout);
    QTextStream err(stderr);
    QFile input;
    (void)input.open(stdin, QIODevice::ReadOnly);

    QString helpText;
    auto settings = steward::agent::parseAgentArguments(
        app.arguments(), QProcessEnvironment::systemEnvironment(), input, &helpText);
    if (!settings) {
        err << QStringLiteral("steward-agent: ") << settings.error().message << Qt::endl;
        return 2;
    }
    if (settings->command == QLatin1String("help")) {
        out << helpText << Qt::endl;
        return 0;
    }
    // Before start(): a SIGTERM while the agent starts up must end it cleanly too (the self-pipe
    // is read once the event loop runs).
    steward::quitOnTerminationSignals(app);
    steward::agent::AgentApp agent(std::move(*settings), out, err);
    const int finished = agent.start();
    if (finished >= 0) {
        return finished;
    }
    QObject::connect(&agent, &steward::agent::AgentApp::finished, &app, &QCoreApplication::exit);
    return app.exec();
}
