// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-console - the administrator's desktop application.
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"
#include "console/app/ConsoleSettings.h"
#include "console/ui/ConnectDialog.h"
#include "console/ui/MainWindow.h"
#include "console/ui/ShadowSessionLauncher.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

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
    parser.addOption({QStringLiteral("user"), QStringLiteral("Administrator to log in as."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("fingerprint"),
                      QStringLiteral("SHA-256 fingerprint of the server's certificate, known out "
                                     "of band: trusted on the first connection without asking."),
                      QStringLiteral("SHA256")});
    parser.addOption({QStringLiteral("connect"),
                      QStringLiteral("Log in at once with the password from STEWARD_PASSWORD "
                                     "(read once, then removed from the environment).")});
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
    if (parser.isSet(QStringLiteral("user"))) {
        dialog.setUser(parser.value(QStringLiteral("user")));
    }
    dialog.setExpectedFingerprint(parser.value(QStringLiteral("fingerprint")));
    if (parser.isSet(QStringLiteral("connect"))) {
        QString password = qEnvironmentVariable("STEWARD_PASSWORD");
        qunsetenv("STEWARD_PASSWORD"); // never inherited by a viewer the console starts
        dialog.setPassword(password);
        if (!password.isEmpty()) { // otherwise the dialog asks for it
            QTimer::singleShot(0, &dialog, &ui::ConnectDialog::connectToServer);
        }
        password.fill(QLatin1Char('\0'));
    }
    if (dialog.exec() != QDialog::Accepted) {
        return 0;
    }
    ui::ShadowSessionLauncher shadow(settings);
    ui::MainWindow window(dialog.takeSession(app.get()), settings, shadow);
    window.show();
    return app->exec();
}
