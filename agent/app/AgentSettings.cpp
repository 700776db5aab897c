// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/app/AgentSettings.h"

#include "common/core/ProgramInfo.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QIODevice>

#include <optional>

namespace steward::agent {
namespace {

const QString Description = QStringLiteral(
    "Steward device agent.\n\nCommands:\n"
    "  enroll --server https://HOST:PORT [--token TOKEN] [--fingerprint SHA256 | "
    "--accept-fingerprint]\n"
    "         the token may instead come from STEWARD_ENROLL_TOKEN or standard input\n"
    "         (argv is visible to other local users)\n"
    "  run    keep the channel to the server; answer scans on UDP 30005; unenrolled, wait\n"
    "         for a signed register offer (--accept-offers) or enrol by itself\n"
    "         (--auto-register [--server URL] [--fingerprint SHA256])\n"
    "         shadowing: [--vnc-source synthetic|x11|external:HOST:PORT] [--vnc-port N]\n"
    "         [--shadow-port N] [--shadow-bind ADDR] [--shadow-consent CMD]\n"
    "         [--shadow-prompt PROGRAM|none]\n"
    "  shadow-cert regenerate  make a new shadow certificate (a running agent uploads it)\n"
    "  release  tell the server (when reachable) and forget the enrolment\n"
    "  attr list | get NAME | set NAME VALUE | reset NAME | sync\n"
    "         the device's attributes, over the device channel; list and get fall back to\n"
    "         the cached copy when the server is unreachable.\n"
    "         Exit codes: 65 bad input, 69 server unreachable, 77 refused by the overwrite "
    "rule");

Result<void> parseDiscoverySettings(const QCommandLineParser& parser, AgentSettings& settings)
{
    if (parser.isSet(QStringLiteral("discovery-listen"))) {
        const QString text = parser.value(QStringLiteral("discovery-listen"));
        const int colon = text.lastIndexOf(QLatin1Char(':'));
        bool ok = colon >= 0;
        const uint port = ok ? text.mid(colon + 1).toUInt(&ok) : 0;
        QString host = text.left(std::max(colon, 0));
        host.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
        if (host.isEmpty() || host == QLatin1String("*")) {
            settings.discoveryAddress = QHostAddress::Any;
        } else if (!settings.discoveryAddress.setAddress(host)) {
            ok = false;
        }
        if (!ok || port > 65535) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--discovery-listen \"%1\" is not ADDR:PORT, e.g. "
                                            "*:30005 or 127.0.0.1:0")
                                 .arg(text));
        }
        settings.discoveryPort = quint16(port);
    }
    settings.acceptOffers = parser.isSet(QStringLiteral("accept-offers"));
    settings.autoRegister = parser.isSet(QStringLiteral("auto-register"));
    settings.fingerprint = parser.value(QStringLiteral("fingerprint"));
    settings.server = QUrl(parser.value(QStringLiteral("server")));
    if (parser.isSet(QStringLiteral("server"))
        && (!settings.server.isValid() || settings.server.scheme() != QLatin1String("https"))) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("--server must be https://HOST:PORT"));
    }
    return {};
}

/** --shadow-prompt: a path that must exist, "none", or steward-agent-prompt beside us. */
Result<QString> promptProgram(const QCommandLineParser& parser)
{
    const QString value = parser.value(QStringLiteral("shadow-prompt"));
    if (value == QLatin1String("none")) {
        return QString();
    }
    if (!value.isEmpty()) {
        if (!QFileInfo(value).isExecutable()) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--shadow-prompt %1 is not an executable file (give "
                                            "steward-agent-prompt's path, or none)")
                                 .arg(value));
        }
        return value;
    }
    const QString beside = QDir(QCoreApplication::applicationDirPath())
                               .filePath(QStringLiteral("steward-agent-prompt"));
    return QFileInfo(beside).isExecutable() ? beside : QString();
}

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
         QStringLiteral("run: the TLS shadow proxy's port (default 5900; 0 = any free port)."),
         QStringLiteral("N")},
        {QStringLiteral("shadow-bind"),
         QStringLiteral("run: the address the shadow proxy listens on (default: all)."),
         QStringLiteral("ADDR")},
        {QStringLiteral("shadow-consent"),
         QStringLiteral("run: command asking the device's user to allow a session (exit 0)."),
         QStringLiteral("CMD")},
        {QStringLiteral("shadow-prompt"),
         QStringLiteral("run: steward-agent-prompt's path, or none (default: next to the agent)."),
         QStringLiteral("PROGRAM")},
        {QStringLiteral("vnc-port"),
         QStringLiteral("run: the loopback port of the agent's own VNC server (default 5901)."),
         QStringLiteral("N")},
        {QStringLiteral("discovery-listen"),
         QStringLiteral("run: the scan/online-check responder's UDP ADDR:PORT (default *:30005)."),
         QStringLiteral("ADDR:PORT")},
        {QStringLiteral("accept-offers"),
         QStringLiteral("run: enrol on a signed register offer while unenrolled (trust on first "
                        "use; see docs/discovery.md).")},
        {QStringLiteral("auto-register"),
         QStringLiteral("run: enrol without a token while unenrolled, with --server or "
                        "https://steward:8443, if that server allows auto-registration.")},
    });
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("enroll, run, release or attr."));
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
    const bool shadowCert =
        !positional.isEmpty() && positional.first() == QLatin1String("shadow-cert");
    if (positional.value(0) == QLatin1String("attr")) {
        settings.attrArguments = positional.mid(1);
    } else if (positional.size() != (shadowCert ? 2 : 1)) {
        return makeError(ErrorCode::InvalidArgument,
                         shadowCert ? QStringLiteral("use: shadow-cert regenerate")
                                    : QStringLiteral("give exactly one command: enroll, run, "
                                                     "release or shadow-cert regenerate"));
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
        if (auto discovery = parseDiscoverySettings(parser, settings); !discovery) {
            return discovery.error();
        }
        const auto port = [&parser](const QString& name, int fallback) -> std::optional<int> {
            if (!parser.isSet(name)) {
                return fallback;
            }
            bool ok = false;
            const int value = parser.value(name).toInt(&ok);
            return ok && value >= 0 && value <= 65535 ? std::optional<int>(value) : std::nullopt;
        };
        const auto shadowPort = port(QStringLiteral("shadow-port"), settings.shadowPort);
        const auto vncPort = port(QStringLiteral("vnc-port"), settings.vncPort);
        if (!shadowPort || !vncPort) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--shadow-port and --vnc-port must be 0 to 65535"));
        }
        settings.shadowPort = *shadowPort;
        settings.vncPort = *vncPort;
        settings.vncSource = parser.value(QStringLiteral("vnc-source"));
        if (settings.vncSource.isEmpty()) {
            settings.vncSource = QStringLiteral("x11");
        }
        if (settings.vncSource.startsWith(QLatin1String("external:"))) {
            const QString target = settings.vncSource.mid(9);
            const qsizetype colon = target.lastIndexOf(QLatin1Char(':'));
            bool ok = false;
            const int externalPort = colon > 0 ? target.mid(colon + 1).toInt(&ok) : 0;
            if (!ok || externalPort < 1 || externalPort > 65535) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("--vnc-source external needs HOST:PORT, e.g. "
                                                "external:127.0.0.1:5901"));
            }
            settings.vncHost = target.left(colon);
            settings.vncPort = externalPort;
            settings.vncSource = QStringLiteral("external");
        } else if (settings.vncSource != QLatin1String("synthetic")
                   && settings.vncSource != QLatin1String("x11")) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("--vnc-source must be synthetic, x11 or "
                                            "external:HOST:PORT, not \"%1\"")
                                 .arg(settings.vncSource));
        }
        if (parser.isSet(QStringLiteral("shadow-bind"))) {
            settings.shadowBind = QHostAddress(parser.value(QStringLiteral("shadow-bind")));
            if (settings.shadowBind.isNull()) {
                return makeError(ErrorCode::InvalidArgument,
                                 QStringLiteral("--shadow-bind must be an IP address"));
            }
        }
        settings.shadowConsent = parser.value(QStringLiteral("shadow-consent"));
        auto prompt = promptProgram(parser);
        if (!prompt) {
            return prompt.error();
        }
        settings.shadowPrompt = *prompt;
    } else if (settings.command == QLatin1String("shadow-cert")) {
        settings.shadowCertAction = positional.at(1);
        if (settings.shadowCertAction != QLatin1String("regenerate")) {
            return makeError(ErrorCode::InvalidArgument,
                             QStringLiteral("unknown shadow-cert action \"%1\"; use regenerate")
                                 .arg(settings.shadowCertAction));
        }
    } else if (settings.command != QLatin1String("release")
               && settings.command != QLatin1String("attr")) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("unknown command \"%1\"; use enroll, run, release, attr or "
                                        "shadow-cert")
                             .arg(settings.command));
    }
    return settings;
}

} // namespace steward::agent
