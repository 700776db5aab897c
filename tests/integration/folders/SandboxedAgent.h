// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SandboxedAgent - a real steward-agent process whose settings root is a sandbox directory, and
// the push-state helpers the settings tests wait on.
#pragma once

#include "tests/integration/devices/DeviceTestSupport.h"

#include <QProcess>
#include <QTemporaryDir>

#include <chrono>

namespace steward::test {

inline constexpr std::chrono::seconds AgentPatience{60}; // agents start slowly on a loaded machine

/** The id of a 201 answer (REQUIREs the status). */
[[nodiscard]] qint64 createdId(const RestReply& reply);

/** An agent enrolled into \a folder ("" : none), with its settings root in a sandbox. */
struct SandboxedDevice {
    QTemporaryDir state;
    QTemporaryDir sandbox;
    qint64 id = 0;

    SandboxedDevice(DeviceTestServer& server, const QString& folder);
    /** A file below the sandbox root, "" when absent. */
    [[nodiscard]] QString file(const QString& path) const;
};

/** The steward-agent process of a SandboxedDevice; stopped (SIGTERM) on destruction. */
struct RunningAgent {
    QProcess process;

    explicit RunningAgent(const SandboxedDevice& device);
    ~RunningAgent() { stop(); }
    void stop();
};

/** GET /api/v1/devices/{id}/config-state. */
[[nodiscard]] QJsonObject configState(DeviceTestServer& server, qint64 device);
[[nodiscard]] bool configStateIs(DeviceTestServer& server, qint64 device, const QString& state);
/** Every change and delivery the push queue held is done. */
[[nodiscard]] bool pushIdle(DeviceTestServer& server);

} // namespace steward::test
