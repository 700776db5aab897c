// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/shadow/SessionIndicators.h"

#include "agent/shadow/ConsentPrompt.h"
#include "agent/shadow/Logging.h"
#include "agent/shadow/ShadowProxy.h"

#include <QProcess>

namespace steward::agent::shadow {

SessionIndicators::SessionIndicators(ShadowProxy& proxy, QString program, QObject* parent)
    : QObject(parent), m_proxy(proxy), m_program(std::move(program))
{
    connect(&m_proxy, &ShadowProxy::sessionStarted, this, &SessionIndicators::show);
    connect(&m_proxy, &ShadowProxy::sessionEnded, this, &SessionIndicators::hide);
}

SessionIndicators::~SessionIndicators()
{
    for (auto& [session, process] : m_processes) {
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
    }
}

void SessionIndicators::show(const QString& session)
{
    if (m_program.isEmpty() || !ConsentPrompt::displayAvailable()) {
        qCInfo(lcAgentShadow).noquote()
            << QStringLiteral("shadow session not shown on the display session=%1 reason=%2")
                   .arg(session, m_program.isEmpty() ? QStringLiteral("no steward-agent-prompt")
                                                     : QStringLiteral("no display"));
        return;
    }
    const QString admin = m_proxy.sessionAdmin(session);
    QStringList arguments{QStringLiteral("indicator"), QStringLiteral("--admin"), admin};
    if (m_proxy.policy().viewOnly) {
        arguments << QStringLiteral("--view-only");
    }
    if (!m_proxy.policy().userMayEnd) {
        arguments << QStringLiteral("--no-end");
    }
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(ConsentPrompt::dialogEnvironment());
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(QProcess::nullDevice());
    QProcess* running = process.get();
    connect(running, &QProcess::finished, this,
            [this, session](int code, QProcess::ExitStatus status) {
                const auto it = m_processes.find(session);
                if (it == m_processes.end()) {
                    return;
                }
                it->second.release()->deleteLater();
                m_processes.erase(it);
                if (status == QProcess::NormalExit && code == 0) {
                    m_proxy.endSession(session, QStringLiteral("ended by user"));
                }
            });
    connect(running, &QProcess::errorOccurred, this, [this, session](QProcess::ProcessError error) {
        const auto it = m_processes.find(session);
        if (error != QProcess::FailedToStart || it == m_processes.end()) {
            return;
        }
        qCWarning(lcAgentShadow).noquote()
            << QStringLiteral("shadow session indicator not shown session=%1 reason=%2")
                   .arg(session, it->second->errorString());
        it->second.release()->deleteLater();
        m_processes.erase(it);
    });
    m_processes.emplace(session, std::move(process));
    running->start(m_program, arguments);
    Q_EMIT indicatorShown(session);
}

void SessionIndicators::hide(const QString& session)
{
    const auto it = m_processes.find(session);
    if (it == m_processes.end()) {
        return;
    }
    QProcess* process = it->second.release();
    m_processes.erase(it);
    process->disconnect(this);
    connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->terminate();
}

} // namespace steward::agent::shadow
