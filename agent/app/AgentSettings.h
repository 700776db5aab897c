// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AgentSettings - steward-agent's command line: the command and what it needs.
#pragma once

#include "agent/link/Backoff.h"
#include "common/core/Result.h"

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

class QIODevice;

namespace steward::agent {

struct AgentSettings {
    QString command;           // enroll, run, release, attr or shadow-cert
    QStringList attrArguments; // attr: list | get NAME | set NAME VALUE | reset NAME | sync
    QString stateDir;
    QString configPath;             // --config; empty: <stateDir>/agent.conf when it exists
    QUrl server;                    // enroll
    QByteArray token;               // enroll: --token, STEWARD_ENROLL_TOKEN or a stdin line
    QString fingerprint;            // enroll: the expected SHA-256 of the server's certificate
    bool acceptFingerprint = false; // enroll: trust on first use, explicitly
    BackoffPolicy backoff;          // run
    // run: DESIGN's shadowing options, accepted so the documented command line works; the
    // VNC server and shadow proxy (agent/vnc) consume them.
    QString vncSource;     // synthetic, x11 (the default) or external:HOST:PORT
    QString vncHost;       // external: HOST
    int vncPort = 5901;    // the agent's own VNC server (loopback), or external: PORT; 0 = any
    int shadowPort = 5900; // 0: any free port (tests); the server learns the real one
    QHostAddress shadowBind = QHostAddress::Any;
    QString shadowConsent; // shell command asking the device's user; exit 0 = allow
    /** steward-agent-prompt (consent dialog, session indicator); empty: --shadow-prompt none. */
    QString shadowPrompt;     // default: next to steward-agent when it is there
    QString shadowCertAction; // shadow-cert: "regenerate"
    // run: discovery (docs/discovery.md). The responder answers scans and online checks.
    QHostAddress discoveryAddress = QHostAddress::Any; // --discovery-listen ADDR:PORT
    quint16 discoveryPort = 30005;                     // 0: any free port (tests)
    bool acceptOffers = false; // --accept-offers: enrol on a signed register offer
    bool autoRegister = false; // --auto-register: enrol without a token with `server`
                               // (default https://steward:8443); `fingerprint` pins it
};

/**
 * Parses \a arguments (argv without the program name handled by Qt). The token is read from
 * --token, else STEWARD_ENROLL_TOKEN, else the first line of \a input: argv is visible to other
 * local users (ps, /proc), so scripts should prefer the environment or standard input.
 * InvalidArgument names the problem; "help" and "version" come back as the command.
 */
[[nodiscard]] Result<AgentSettings> parseAgentArguments(const QStringList& arguments,
                                                        const QProcessEnvironment& environment,
                                                        QIODevice& input, QString* helpText);

} // namespace steward::agent
