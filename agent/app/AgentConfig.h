// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AgentConfig - steward-agent's settings file: servers, heartbeat and command hooks.
#pragma once

#include "common/core/Result.h"

#include <QStringList>
#include <QUrl>

#include <chrono>

namespace steward::agent {

/**
 * Defaults live here, in the member initialisers; packaging/config/agent.conf is their
 * commented reference and a test keeps the two equal. The file is <state-dir>/agent.conf
 * unless --config names another; a missing default file means all defaults.
 */
struct AgentConfig {
    // [server]
    QStringList addresses; // HOST or HOST:PORT, tried in order; empty: the enrolled server
    int port = 8443;       // for addresses without a port

    // [link]
    std::chrono::seconds heartbeat{60};       // inventory compared, the server pinged
    std::chrono::seconds heartbeatJitter{30}; // a random 0…jitter is added to each interval

    // [hooks] a program and its fixed arguments each; empty: the command fails
    QStringList rebootHook;
    QStringList shutdownHook;
    QStringList renameHook; // gets the new name as one more argument
    std::chrono::seconds hookTimeout{120};

    // [settings]
    QString settingsRoot = QStringLiteral("/"); // settings bundles' files go below this directory

    /** The channel URLs in order: each address, or \a enrolled when there is none. */
    [[nodiscard]] QList<QUrl> serverUrls(const QUrl& enrolled) const;
};

/** The file's default place: <stateDir>/agent.conf. */
[[nodiscard]] QString defaultAgentConfigPath(const QString& stateDir);

/**
 * Reads \a path over the defaults. A missing file is fine only when \a mustExist is false.
 * An invalid value is an InvalidConfig error naming the key and the file.
 */
[[nodiscard]] Result<AgentConfig> loadAgentConfig(const QString& path, bool mustExist);

} // namespace steward::agent
