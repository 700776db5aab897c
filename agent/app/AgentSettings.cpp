// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/app/AgentSettings.h"

#include "common/core/ProgramInfo.h"

#include <QCommandLineParser>
#include <QIODevice>

namespace steward::agent {
namespace {

const QString Description = QStringLiteral(
    "Steward device agent.\n\nCommands:\n"
    "  enroll --server https://HOST:PORT [--token TOKEN] [--fingerprint SHA256 | "
    "--accept-fingerprint]\n"
    "         the token may instead come from STEWARD_ENROLL_TOKEN or standard input\n"
    "         (argv is visible to other local users)\n"
    "  run    keep the channel to the server\n"
    "  release  tell the server (when reachable) and forget the enrolment");

} // namespace

Result<AgentSettings> parseAgentArguments(const QStringList& arguments,
                                          const QProcessEnvironment& environment, QIODevice& input,
                                          QString* helpText)
{
    QCommandLineParser parser;
    addStandardOptions(parser, Description);
    parser.addOptions({
        {QStringLiteral("state-dir"),
         QStringLiteral("Directory for keys, certificates and cached settings."),
         QStringLiteral("DIR")},
        {QStringLiteral("config"),
         QStringLiteral("Settings file (default: <state-dir>/agent.conf when it exists)."),
         QStringLiteral("FILE")},
        {QStringLiteral("server"), QStringLiteral("enroll: the server, https://HOST:PORT."),
         QStringLiteral("URL")},
        {QStringLiteral("token"),
         QStringLiteral("enroll: the one-time token (prefer STEWARD_ENROLL_TOKEN or stdin)."),
         QStringLiteral("TOKEN")},
        {QStringLiteral("fingerprint"),
         QStringLiteral("enroll: the server certificate's expected SHA-256 fingerprint."),
         QStringLiteral("SHA256")},
        {QStringLiteral("accept-fingerprint"),
         QStringLiteral("enroll: trust the fingerprint shown (only after checking it).")},
        {QStringLiteral("vnc-source"),
         QStringLiteral("run: synthetic, x11 or external:HOST:PORT (shadowing)."),
         QStringLiteral("SOURCE")},
        {QStringLiteral("shadow-port"),
         QStringLiteral("run: the TLS shadow proxy's port (default 5900)."), QStringLiteral("N")},
    });
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("enroll, run or release."));
    if (!parser.parse(arguments)) {
        return makeError(ErrorCode::InvalidArgument, parser.errorText());
    }
    AgentSettings settings;
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("version"))) {
        *helpText = parser.isSet(QStringLiteral("help")) ? parser.helpText() : versionText();
        settings.command = QStringLiteral("help");
        return settings;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("give exactly one command: enroll, run or release"));
    }
    settings.command = positional.first();
    settings.stateDir = parser.value(QStringLiteral("state-dir"));
    settings.configPath = parser.value(QStringLiteral("config"));
    if (settings.stateDir.isEmpty()) {
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("--state-dir DIR is required"));
    }
    if (settings.command == QLatin1String("enroll")) {
        settings.server = QUrl(parser.value(QStringLiteral("server")));
        if (!settings.server.isValid() || settings.server.scheme() != QLatin1String("https")) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("enroll needs --server https://HOST:PORT"));
        }
        settings.fingerprint = parser.value(QStringLiteral("fingerprint"));
        settings.acceptFingerprint = parser.isSet(QStringLiteral("accept-fingerprint"));
        settings.token = parser.value(QStringLiteral("token")).toLatin1();
        if (settings.token.isEmpty()) {
            settings.token = environment.value(QStringLiteral("STEWARD_ENROLL_TOKEN")).toLatin1();
        }
        if (settings.token.isEmpty() && (input.isOpen() || input.open(QIODevice::ReadOnly))) {
            settings.token = input.readLine(4096).trimmed();
        }
        if (settings.token.isEmpty()) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("enroll needs a token: --token, STEWARD_ENROLL_TOKEN "
                                            "or one line on standard input"));
        }
    } else if (settings.command == QLatin1String("run")) {
        settings.vncSource = parser.value(QStringLiteral("vnc-source"));
        if (parser.isSet(QStringLiteral("shadow-port"))) {
            bool ok = false;
            settings.shadowPort = parser.value(QStringLiteral("shadow-port")).toInt(&ok);
            if (!ok || settings.shadowPort < 1 || settings.shadowPort > 65535) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("--shadow-port must be 1 to 65535"));
            }
        }
    } else if (settings.command != QLatin1String("release")) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("unknown command \"%1\"; use enroll, run or release")
                             .arg(settings.command));
    }
    return settings;
}

} // namespace steward::agent
