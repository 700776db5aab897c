// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobFixture - the job service wired like ServerApp on SQLite, with the real command queue and
// the device channel, clock, targets and rights in the test's hand.
#pragma once

#include "server/db/AuditRepository.h"
#include "server/db/DeviceCommandRepository.h"
#include "server/db/DeviceRepository.h"
#include "server/db/JobRepository.h"
#include "server/services/AuditLog.h"
#include "server/services/CommandService.h"
#include "server/services/EventHub.h"
#include "server/services/JobService.h"
#include "tests/support/server/MigratedDatabase.h"

#include <QJsonArray>

#include <memory>

namespace steward::test {

using namespace steward::server;

inline constexpr qint64 Start = 1'800'000'000;
inline constexpr qint64 Admin = 5;
inline const services::Requester Alice{QStringLiteral("alice"), QStringLiteral("127.0.0.1")};

inline QJsonObject devicesTarget(const std::vector<qint64>& ids)
{
    QJsonArray list;
    for (const qint64 id : ids) {
        list.append(id);
    }
    return {{QStringLiteral("devices"), list}};
}

// The job service wired like ServerApp, with the device channel and the clock in the test's hand.
struct Jobs {
    Jobs()
        : m(db::DatabaseKind::Sqlite), devices(m.db), commands(m.db), jobs(m.db),
          auditRepository(m.db), audit(auditRepository, [this] { return now; }),
          commandService(
              commands, devices,
              [](qint64) -> Result<crypto::PrivateKey> {
                  return makeError(ErrorCode::InvalidValue, QStringLiteral("no key in this test"));
              },
              audit, events, [this] { return now; }, std::chrono::hours(1), std::chrono::hours(1))
    {
        commandService.setChannel({[this](qint64 id) { return online.contains(id); },
                                   [this](qint64 id, const protocol::CommandRun& run) {
                                       sent.append({id, run.id});
                                       return true;
                                   },
                                   [](qint64, const QString&) {}});
        QObject::connect(&events, &services::EventHub::published, [this](const QJsonObject& e) {
            if (e.value(QStringLiteral("kind")).toString() == QLatin1String("job")) {
                jobEvents.append(e);
            }
        });
        service = makeService();
    }

    std::unique_ptr<services::JobService> makeService()
    {
        services::JobDependencies deps;
        deps.folderDevices = [this](qint64 folder, bool subfolders) -> Result<std::vector<qint64>> {
            if (folder != 77) {
                return makeError(ErrorCode::NotFound, QStringLiteral("no folder %1").arg(folder));
            }
            return subfolders ? folderTree : std::vector<qint64>{folderTree.front()};
        };
        deps.viewDevices = [](qint64 view) -> Result<std::vector<qint64>> {
            return makeError(ErrorCode::NotFound, QStringLiteral("no view %1").arg(view));
        };
        deps.mayCommand = [this](qint64 admin, qint64 device) {
            return admin == Admin && !forbidden.contains(device);
        };
        deps.command = [this](qint64 device, const QString& kind, std::chrono::seconds ttl,
                              const QString& actor, const QString& peer) {
            return commandService.create(device, kind, {}, ttl, actor, peer);
        };
        deps.wake = [this](const db::Device& device) -> Result<QString> {
            woken.append(device.id);
            return QStringLiteral("magic packet sent");
        };
        auto created = std::make_unique<services::JobService>(
            jobs, devices, commands, audit, events, [this] { return now; }, std::move(deps),
            std::chrono::hours(1), std::chrono::hours(1));
        created->setPublishInterval(std::chrono::milliseconds(0));
        created->setChunkSize(2);
        return created;
    }

    qint64 device(const QString& name)
    {
        db::Device device;
        device.name = name;
        device.certFingerprint = QStringLiteral("fp-") + name;
        device.certPem = QStringLiteral("pem");
        device.unitId = QStringLiteral("00:11:22:33:44:55");
        auto id = devices.insert(device);
        REQUIRE(id.ok());
        return *id;
    }

    Result<db::Job> create(const QString& kind, const QJsonObject& target,
                           std::optional<qint64> runAt = std::nullopt, qint64 admin = Admin)
    {
        services::JobRequest request;
        request.kind = kind;
        request.target = target;
        request.runAt = runAt;
        return service->create(request, admin, Alice);
    }

    QJsonObject read(qint64 id)
    {
        auto job = jobs.findById(id);
        REQUIRE(job.ok());
        REQUIRE(job->has_value());
        auto json = service->jobJson(**job, true);
        REQUIRE(json.ok());
        return *json;
    }

    QString deviceState(qint64 jobId, qint64 deviceId)
    {
        const auto list = read(jobId).value(QStringLiteral("devices")).toArray();
        for (const auto& entry : list) {
            if (entry.toObject().value(QStringLiteral("deviceId")).toInteger() == deviceId) {
                return entry.toObject().value(QStringLiteral("state")).toString();
            }
        }
        return {};
    }

    void answer(qint64 deviceId, qint64 commandId, bool ok)
    {
        commandService.handleResult(deviceId,
                                    {commandId, ok, ok ? QString() : QStringLiteral("no")},
                                    QStringLiteral("device"));
    }

    qint64 now = Start;
    MigratedDatabase m;
    db::DeviceRepository devices;
    db::DeviceCommandRepository commands;
    db::JobRepository jobs;
    db::AuditRepository auditRepository;
    services::AuditLog audit;
    services::EventHub events;
    services::CommandService commandService;
    std::unique_ptr<services::JobService> service;
    QSet<qint64> online;
    QSet<qint64> forbidden;
    std::vector<qint64> folderTree;
    QList<std::pair<qint64, qint64>> sent; // device, command
    QList<qint64> woken;
    QList<QJsonObject> jobEvents;
};

} // namespace steward::test
