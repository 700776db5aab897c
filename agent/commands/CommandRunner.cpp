// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/commands/CommandRunner.h"

#include "agent/app/Logging.h"
#include "agent/link/PinnedSignature.h"

#include <QProcess>
#include <QTimer>

namespace steward::agent {
namespace {

constexpr qsizetype MaxMessage = 1000; // protocol::CommandResult's limit
constexpr qint64 MaxOutputTail = 300;

} // namespace

Result<void> verifyInstruction(const protocol::CommandRun& command, qint64 deviceId,
                               const QSslCertificate& pinned)
{
    return verifyPinnedSignature(pinned, protocol::commandSigningPayload(command, deviceId),
                                 command.signature,
                                 QStringLiteral("the %1 instruction").arg(command.kind));
}

CommandRunner::CommandRunner(CommandHooks hooks, qint64 deviceId, QSslCertificate pinned,
                             QObject* parent)
    : QObject(parent), m_hooks(std::move(hooks)), m_deviceId(deviceId), m_pinned(std::move(pinned))
{}

CommandRunner::~CommandRunner()
{
    for (auto& process : m_running) {
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
    }
}

void CommandRunner::finish(qint64 id, bool ok, const QString& message)
{
    qCInfo(lcAgentLink).noquote() << QStringLiteral("command %1 id=%2 message=%3")
                                         .arg(ok ? QStringLiteral("succeeded")
                                                 : QStringLiteral("failed"))
                                         .arg(id)
                                         .arg(message);
    Q_EMIT finished(protocol::CommandResult{id, ok, message.left(MaxMessage)});
}

void CommandRunner::run(const protocol::CommandRun& command)
{
    namespace Kind = protocol::CommandKind;
    qCInfo(lcAgentLink).noquote()
        << QStringLiteral("command received id=%1 kind=%2").arg(command.id).arg(command.kind);
    if (protocol::commandNeedsSignature(command.kind)) {
        if (auto verified = verifyInstruction(command, m_deviceId, m_pinned); !verified) {
            qCWarning(lcAgentLink).noquote() << verified.error().message;
            finish(command.id, false, QStringLiteral("refused: ") + verified.error().message);
            return;
        }
    }
    if (command.kind == Kind::Reboot) {
        runHook(command.id, Kind::Reboot, m_hooks.reboot, {});
    } else if (command.kind == Kind::Shutdown) {
        runHook(command.id, Kind::Shutdown, m_hooks.shutdown, {});
    } else if (command.kind == Kind::Rename) {
        const QString name = command.args.value(QLatin1String("name")).toString();
        if (name.isEmpty()) {
            finish(command.id, false, QStringLiteral("rename needs args.name"));
        } else if (command.args.value(QLatin1String("network")).toBool()) {
            runHook(command.id, Kind::Rename, m_hooks.rename, {name});
        } else {
            finish(command.id, true, QStringLiteral("the host name stays as it is"));
        }
    } else if (command.kind == Kind::PushSettings) {
        Q_EMIT settingsRequested();
        finish(command.id, true, QStringLiteral("reported again"));
    } else if (command.kind == Kind::Release) {
        Q_EMIT releaseVerified(command.id);
    } else {
        finish(command.id, false,
               QStringLiteral("this agent does not know the command \"%1\"").arg(command.kind));
    }
}

void CommandRunner::runHook(qint64 id, const QString& what, const QStringList& hook,
                            const QStringList& extraArguments)
{
    if (hook.isEmpty()) {
        finish(id, false,
               QStringLiteral("no %1 hook is configured ([hooks] %1 in agent.conf)").arg(what));
        return;
    }
    auto process = std::make_unique<QProcess>();
    QProcess* raw = process.get();
    raw->setProgram(hook.first());
    raw->setArguments(hook.mid(1) + extraArguments);
    raw->setProcessChannelMode(QProcess::MergedChannels);
    raw->setStandardInputFile(QProcess::nullDevice());
    auto* timer = new QTimer(raw);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, raw, [raw] { raw->kill(); });
    const auto done = [this, id, what, raw](const QString& failure) {
        const QString output = QString::fromUtf8(raw->readAll().right(MaxOutputTail)).simplified();
        if (failure.isEmpty()) {
            finish(id, true, QStringLiteral("%1 hook finished").arg(what));
        } else {
            finish(id, false,
                   QStringLiteral("the %1 hook %2%3")
                       .arg(what, failure,
                            output.isEmpty() ? QString() : QStringLiteral(": ") + output));
        }
        // Destroyed on the next turn: this runs inside the process's own signal.
        QTimer::singleShot(0, this, [this, raw] {
            std::erase_if(m_running, [raw](const auto& running) { return running.get() == raw; });
        });
    };
    connect(raw, &QProcess::errorOccurred, this, [raw, done, timer](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            timer->stop();
            done(QStringLiteral("\"%1\" could not start: %2")
                     .arg(raw->program(), raw->errorString()));
        }
    });
    connect(raw, &QProcess::finished, this, [done, timer](int code, QProcess::ExitStatus status) {
        const bool timedOut = !timer->isActive();
        timer->stop();
        if (status == QProcess::CrashExit) {
            done(timedOut ? QStringLiteral("ran too long and was killed")
                          : QStringLiteral("crashed"));
        } else if (code != 0) {
            done(QStringLiteral("exited with %1").arg(code));
        } else {
            done({});
        }
    });
    qCInfo(lcAgentLink).noquote()
        << QStringLiteral("running %1 hook program=%2").arg(what, hook.first());
    timer->start(m_hooks.timeout);
    raw->start();
    m_running.push_back(std::move(process));
}

} // namespace steward::agent
