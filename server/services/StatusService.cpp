// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/StatusService.h"

#include "server/app/Logging.h"

#include <QJsonArray>

namespace steward::server::services {

QString healthName(Health health)
{
    switch (health) {
    case Health::Init:
        return QStringLiteral("init");
    case Health::Ok:
        return QStringLiteral("ok");
    case Health::Warn:
        return QStringLiteral("warn");
    case Health::Err:
        return QStringLiteral("err");
    }
    Q_UNREACHABLE();
}

StatusService::StatusService(std::chrono::milliseconds interval,
                             std::chrono::milliseconds initTimeout, QObject* parent)
    : QObject(parent), m_initTimeout(initTimeout)
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, &StatusService::recompute);
    m_snapshot = QJsonObject{{QStringLiteral("status"), healthName(Health::Init)},
                             {QStringLiteral("checks"), QJsonArray{}}};
}

void StatusService::addCheck(const QString& name, std::function<CheckResult()> check)
{
    m_checks.push_back({name, std::move(check)});
}

void StatusService::start()
{
    m_sinceStart.start();
    m_timer.start();
    // The init timeout must fire even when the interval is longer.
    QTimer::singleShot(m_initTimeout + std::chrono::milliseconds(1), this,
                       &StatusService::recompute);
}

void StatusService::markReady()
{
    m_ready = true;
    recompute();
}

void StatusService::recompute()
{
    Health overall = Health::Ok;
    QJsonArray checks;
    const auto add = [&](const QString& name, const CheckResult& result) {
        checks.append(QJsonObject{{QStringLiteral("name"), name},
                                  {QStringLiteral("status"), healthName(result.health)},
                                  {QStringLiteral("message"), result.message}});
        overall = std::max(overall, result.health);
    };
    if (!m_ready) {
        const bool late = m_sinceStart.isValid()
                          && std::chrono::milliseconds(m_sinceStart.elapsed()) > m_initTimeout;
        overall = late ? Health::Err : Health::Init;
        checks.append(QJsonObject{
            {QStringLiteral("name"), QStringLiteral("startup")},
            {QStringLiteral("status"), healthName(overall)},
            {QStringLiteral("message"),
             late
                 ? QStringLiteral("start-up has not finished after %1 s")
                       .arg(std::chrono::duration_cast<std::chrono::seconds>(m_initTimeout).count())
                 : QStringLiteral("starting")}});
    } else {
        for (const auto& check : m_checks) {
            add(check.name, check.run());
        }
    }
    m_snapshot = QJsonObject{{QStringLiteral("status"), healthName(overall)},
                             {QStringLiteral("checks"), checks}};
    if (overall != m_health) {
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("status %1 -> %2").arg(healthName(m_health), healthName(overall));
        m_health = overall;
        Q_EMIT healthChanged(overall);
    }
}

} // namespace steward::server::services
