// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-admin - offline administration: first administrator, data source, backup, restore.
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"
#include "server/admin/AdminCli.h"

#include <QCoreApplication>
#include <QFile>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    steward::setupApplication(app, QStringLiteral("steward-admin"));
    // Lifecycle lines ("database opened") are for the server's journal, not for this tool.
    steward::setupLogging(QStringLiteral("steward.*.info=false"));

    QFile input;
    // A closed stdin matters only to a command that needs a secret, which then says so.
    static_cast<void>(input.open(stdin, QIODevice::ReadOnly));
    QTextStream out(stdout);
    QTextStream err(stderr);
    return steward::server::admin::runAdminCommand(app.arguments(), input, out, err,
                                                   QProcessEnvironment::systemEnvironment());
}
