// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// StatusService - the server's health: init, ok, warn or err, recomputed on a timer.
#pragma once

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <vector>

namespace steward::server::services {

enum class Health { Init, Ok, Warn, Err };

[[nodiscard]] QString healthName(Health health);

struct CheckResult {
    Health health = Health::Ok;
    QString message;
};

/**
 * The answer of /status is cached and recomputed every interval (60 s by default), never per
 * request. Until markReady() the status is "init"; an "init" that lasts longer than the init
 * timeout (120 s) becomes "err". After that it is the worst of the checks.
 */
class StatusService : public QObject {
    Q_OBJECT

public:
    StatusService(std::chrono::milliseconds interval, std::chrono::milliseconds initTimeout,
                  QObject* parent = nullptr);

    void addCheck(const QString& name, std::function<CheckResult()> check);
    void start();
    void markReady();
    void recompute();

    [[nodiscard]] Health health() const { return m_health; }
    /** {"status": "...", "checks": [{"name","status","message"}...]} */
    [[nodiscard]] const QJsonObject& snapshot() const { return m_snapshot; }

Q_SIGNALS:
    void healthChanged(steward::server::services::Health health);

private:
    struct Check {
        QString name;
        std::function<CheckResult()> run;
    };

    std::chrono::milliseconds m_initTimeout;
    std::vector<Check> m_checks;
    QTimer m_timer;
    QElapsedTimer m_sinceStart;
    bool m_ready = false;
    Health m_health = Health::Init;
    QJsonObject m_snapshot;
};

} // namespace steward::server::services
