// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-console - the administrator's desktop application.
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"
#include "console/app/ConsoleSettings.h"
#include "console/ui/ConnectDialog.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowLauncher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>

#include <memory>

int main(int argc, char* argv[])
{
    // --help and --version must answer on a machine without a display.
    std::unique_ptr<QCoreApplication> app;
    if (steward::asksOnlyForInformation(argc, argv)) {
        app = std::make_unique<QCoreApplication>(argc, argv);
    } else {
        app = std::make_unique<QApplication>(argc, argv);
    }
    steward::setupApplication(*app, QStringLiteral("steward-console"));
    steward::setupLogging();

    QCommandLineParser parser;
    steward::addStandardOptions(parser, QStringLiteral("Steward administrator console."));
    parser.addOption({QStringLiteral("server"), QStringLiteral("Server to connect to."),
                      QStringLiteral("https://HOST:PORT")});
    parser.process(*app);
    if (steward::handleStandardOptions(parser)) {
        return 0;
    }

    using namespace steward::console;
    ConsoleSettings settings;
    ui::ConnectDialog dialog(settings);
    if (parser.isSet(QStringLiteral("server"))) {
        dialog.setServer(parser.value(QStringLiteral("server")));
    }
    if (dialog.exec() != QDialog::Accepted) {
        return 0;
    }
    ui::UnavailableShadowLauncher shadow;
    ui::MainWindow window(dialog.takeSession(app.get()), settings, shadow);
    window.show();
    return app->exec();
}
