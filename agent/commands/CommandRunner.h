// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CommandRunner - runs the server's device commands through the configured hooks.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Commands.h"

#include <QObject>
#include <QSslCertificate>
#include <QStringList>

#include <chrono>
#include <memory>
#include <vector>

class QProcess;

namespace steward::agent {

struct CommandHooks {
    QStringList reboot; // program and fixed arguments; empty: not configured
    QStringList shutdown;
    QStringList rename; // gets the new name as one more argument
    std::chrono::milliseconds timeout{120000};
};

/**
 * Checks that \a command carries a signature by the pinned device-communication certificate
 * over commandSigningPayload(command, deviceId): SignatureInvalid otherwise.
 */
[[nodiscard]] Result<void> verifyInstruction(const protocol::CommandRun& command, qint64 deviceId,
                                             const QSslCertificate& pinned);

/**
 * reboot, shutdown and rename (with "network": true) run their hook as a program with
 * arguments, never through a shell; the new name is one argument of its own. A missing hook,
 * a hook that cannot start, fails or outlives the timeout is a failed result naming why.
 * push-settings asks for a fresh report (settingsRequested) and succeeds. A release whose
 * signature verifies is handed to the application (releaseVerified), which acknowledges it and
 * forgets the binding; any other release fails. Every command ends in exactly one finished()
 * except a verified release.
 */
class CommandRunner : public QObject {
    Q_OBJECT

public:
    CommandRunner(CommandHooks hooks, qint64 deviceId, QSslCertificate pinned,
                  QObject* parent = nullptr);
    ~CommandRunner() override;

    void run(const protocol::CommandRun& command);
    /** The device-communication certificate that verifies from now on (rollover). */
    void setPinned(const QSslCertificate& pinned) { m_pinned = pinned; }

Q_SIGNALS:
    void finished(const steward::protocol::CommandResult& result);
    void releaseVerified(qint64 commandId);
    void settingsRequested();

private:
    void runHook(qint64 id, const QString& what, const QStringList& hook,
                 const QStringList& extraArguments);
    void finish(qint64 id, bool ok, const QString& message);

    CommandHooks m_hooks;
    qint64 m_deviceId;
    QSslCertificate m_pinned;
    std::vector<std::unique_ptr<QProcess>> m_running;
};

} // namespace steward::agent
