// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// HookAgent - an enrolled, running steward-agent process whose reboot hook leaves a marker.
#pragma once

#include "tests/integration/devices/DeviceTestSupport.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TempFiles.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace steward::test {

inline const QString HookAgentProgram = QStringLiteral(STEWARD_BINARY_DIR "/agent/steward-agent");

// An enrolled agent whose reboot hook appends to a marker file, running as a real process.
struct HookAgent {
    QTemporaryDir state;
    QTemporaryDir hooks;
    qint64 id = 0;
    QProcess process;

    explicit HookAgent(DeviceTestServer& server)
    {
        auto enrolled = test::enrollAgent(server, state.path(), server.createToken());
        REQUIRE(enrolled.ok());
        id = enrolled->deviceId;
        const QString script = hooks.filePath(QStringLiteral("hook.sh"));
        QFile file(script);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/marker\"\n");
        file.close();
        REQUIRE(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        QFile config(QDir(state.path()).filePath(QStringLiteral("agent.conf")));
        REQUIRE(config.open(QIODevice::WriteOnly));
        config.write("[link]\nheartbeatSeconds = 1\nheartbeatJitterSeconds = 1\n[hooks]\n");
        config.write(QStringLiteral("reboot = %1 reboot\n").arg(script).toUtf8());
        config.close();
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(HookAgentProgram,
                      {QStringLiteral("--state-dir"), state.path(), QStringLiteral("run")});
        REQUIRE(process.waitForStarted());
    }
    ~HookAgent()
    {
        if (process.state() != QProcess::NotRunning) {
            process.terminate();
            (void)test::waitUntil([&] { return process.state() == QProcess::NotRunning; });
        }
    }
    [[nodiscard]] QString marker() const
    {
        return test::readTextFile(hooks.filePath(QStringLiteral("marker")));
    }
};

} // namespace steward::test
