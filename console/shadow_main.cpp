// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// steward-shadow - opens a secure shadow session and serves one VNC viewer on loopback.
#include "common/core/LoggingSetup.h"
#include "common/core/ProgramInfo.h"
#include "common/core/TerminationSignals.h"
#include "console/shadow/ShadowApi.h"
#include "console/shadow/ShadowFailure.h"
#include "console/shadow/ShadowSession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTextStream>

#include <cstdio>
#include <memory>

using namespace steward;
using namespace steward::console::shadow;

namespace {

constexpr int ExitFailure = 1;
constexpr int ExitUsage = 2;

int usage(const QString& message)
{
    std::fprintf(stderr, "steward-shadow: %s\n", qPrintable(message));
    return ExitUsage;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    setupApplication(app, QStringLiteral("steward-shadow"));
    setupLogging();

    QCommandLineParser parser;
    addStandardOptions(
        parser, QStringLiteral("Opens a secure shadow session to a device and prints "
                               "\"listening 127.0.0.1:PORT\" once both legs are up; serves one "
                               "viewer. The password comes from STEWARD_PASSWORD or a line on "
                               "standard input."));
    parser.addOption({QStringLiteral("server"), QStringLiteral("Server to ask for the ticket."),
                      QStringLiteral("https://HOST:PORT")});
    parser.addOption(
        {QStringLiteral("user"), QStringLiteral("Administrator name."), QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("device"), QStringLiteral("Device name or id."),
                      QStringLiteral("NAME|ID")});
    parser.addOption({QStringLiteral("fingerprint"),
                      QStringLiteral("SHA-256 fingerprint of the server's web certificate."),
                      QStringLiteral("SHA256")});
    parser.addOption({QStringLiteral("relay"),
                      QStringLiteral("Tunnel through the server (default: connect directly, "
                                     "and through the server when that fails).")});
    parser.addOption(
        {QStringLiteral("direct"), QStringLiteral("Connect directly only, never by the relay.")});
    parser.addOption({QStringLiteral("viewer"),
                      QStringLiteral("Viewer command to start once the port is open; {port} is "
                                     "replaced by the port (else 127.0.0.1::PORT is appended)."),
                      QStringLiteral("CMD")});
    parser.process(app);
    if (handleStandardOptions(parser)) {
        return 0;
    }
    const QUrl server(parser.value(QStringLiteral("server")));
    if (!server.isValid() || server.scheme() != QLatin1String("https")) {
        return usage(QStringLiteral("--server https://HOST:PORT is required"));
    }
    const QString user = parser.value(QStringLiteral("user"));
    const QString device = parser.value(QStringLiteral("device"));
    if (user.isEmpty() || device.isEmpty()) {
        return usage(QStringLiteral("--user NAME and --device NAME|ID are required"));
    }
    if (parser.isSet(QStringLiteral("relay")) && parser.isSet(QStringLiteral("direct"))) {
        return usage(QStringLiteral("--relay and --direct exclude each other"));
    }
    const QString firstPath = parser.isSet(QStringLiteral("relay"))    ? QStringLiteral("relay")
                              : parser.isSet(QStringLiteral("direct")) ? QStringLiteral("direct")
                                                                       : QStringLiteral("auto");
    QString password =
        QProcessEnvironment::systemEnvironment().value(QStringLiteral("STEWARD_PASSWORD"));
    if (password.isEmpty()) {
        QFile input;
        if (input.open(stdin, QIODevice::ReadOnly)) {
            password = QString::fromUtf8(input.readLine(4096)).trimmed();
        }
    }
    if (password.isEmpty()) {
        return usage(QStringLiteral("no password: set STEWARD_PASSWORD or give it on standard "
                                    "input"));
    }
    quitOnTerminationSignals(app);

    QTextStream out(stdout);
    int exitCode = 0;
    const auto fail = [&exitCode, &app](const Error& error) {
        std::fprintf(stderr, "steward-shadow: %s\n", qPrintable(error.message));
        exitCode = ExitFailure;
        app.quit();
    };
    ShadowApi api(server, parser.value(QStringLiteral("fingerprint")));
    std::unique_ptr<ShadowSession> session;
    std::unique_ptr<QProcess> viewer;
    const QString viewerTemplate = parser.value(QStringLiteral("viewer"));

    api.login(user, password, [&](Result<void> loggedIn) {
        password.fill(QLatin1Char('\0'));
        if (!loggedIn) {
            fail(loggedIn.error());
            return;
        }
        api.findDevice(device, [&](Result<qint64> id) {
            if (!id) {
                fail(id.error());
                return;
            }
            // Direct first; if the device cannot be reached (nothing was sent to it), a new
            // session on the relay path. A refusal by the device is final.
            session = std::make_unique<ShadowSession>(api, *id, device, firstPath);
            QObject::connect(session.get(), &ShadowSession::fallingBack, &app,
                             [](const Error& error) {
                                 std::fprintf(stderr, "steward-shadow: %s; trying the relay\n",
                                              qPrintable(error.message));
                             });
            QObject::connect(session.get(), &ShadowSession::failed, &app,
                             [&fail](const Error& error, const QString&) { fail(error); });
            QObject::connect(session.get(), &ShadowSession::finished, &app,
                             &QCoreApplication::quit);
            QObject::connect(session.get(), &ShadowSession::listening, &app, [&](quint16 port) {
                out << QStringLiteral("listening 127.0.0.1:%1").arg(port) << Qt::endl;
                if (!viewerTemplate.isEmpty()) {
                    viewer = std::make_unique<QProcess>();
                    viewer->setProcessChannelMode(QProcess::ForwardedChannels);
                    viewer->start(
                        QStringLiteral("/bin/sh"),
                        {QStringLiteral("-c"), externalViewerCommand(viewerTemplate, port)});
                }
            });
            session->start();
        });
    });
    const int loop = app.exec();
    if (session) {
        session->stop();
    }
    if (viewer && viewer->state() != QProcess::NotRunning) {
        viewer->waitForFinished(2000);
    }
    return exitCode != 0 ? exitCode : loop;
}
