// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// JobService's part that checks a new job and shows jobs: create(), resolve(), jobJson().
#include "common/protocol/Commands.h"
#include "server/db/DeviceRepository.h"
#include "server/db/JobRepository.h"
#include "server/http/RouteSupport.h"
#include "server/services/AuditLog.h"
#include "server/services/CommandService.h"
#include "server/services/JobService.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace steward::server::services {
namespace {

const QString Wake = QStringLiteral("wake");
constexpr int NamedAtMost = 10;

QString compact(const QJsonObject& object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QStringList jobKinds()
{
    namespace Kind = protocol::CommandKind;
    return {Kind::Reboot, Kind::Shutdown, Kind::PushSettings, Wake};
}

// "TC-1 (4), TC-2 (9) and 3 more"
QString nameList(const std::vector<db::Device>& devices)
{
    QStringList names;
    for (const auto& device : devices) {
        if (names.size() == NamedAtMost) {
            break;
        }
        names.append(QStringLiteral("%1 (%2)").arg(device.name).arg(device.id));
    }
    QString text = names.join(QStringLiteral(", "));
    if (qsizetype(devices.size()) > names.size()) {
        text += QStringLiteral(" and %1 more").arg(qsizetype(devices.size()) - names.size());
    }
    return text;
}

QString defaultName(const QString& kind, qsizetype count)
{
    QString title = kind;
    title.replace(QLatin1Char('-'), QLatin1Char(' '));
    title[0] = title[0].toUpper();
    return count == 1 ? QStringLiteral("%1 1 device").arg(title)
                      : QStringLiteral("%1 %2 devices").arg(title).arg(count);
}

} // namespace

Result<std::vector<db::Device>> JobService::listed(const QJsonArray& ids) const
{
    if (ids.isEmpty() || ids.size() > MaxJobDevices) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("target.devices must list 1 to %1 device ids").arg(MaxJobDevices));
    }
    QList<qint64> seen;
    std::vector<db::Device> devices;
    QStringList missing;
    std::vector<db::Device> unusable;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const QJsonValue value = ids.at(i);
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < 1 || number != double(qint64(number))) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("target.devices[%1] must be a device id").arg(i));
        }
        const auto id = qint64(number);
        if (seen.contains(id)) {
            continue;
        }
        seen.append(id);
        auto device = m_devices.findById(id);
        if (!device) {
            return device.error();
        }
        if (!device->has_value()) {
            missing.append(QString::number(id));
        } else if ((*device)->deletedAt || (*device)->releasedAt) {
            unusable.push_back(**device);
        } else {
            devices.push_back(**device);
        }
    }
    if (!missing.isEmpty()) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("target.devices: no device %1").arg(missing.join(QStringLiteral(", "))));
    }
    if (!unusable.empty()) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("target.devices: %1 are released or in the recycle bin; "
                                        "they take no commands")
                             .arg(nameList(unusable)));
    }
    return devices;
}

Result<std::vector<db::Device>> JobService::resolve(const QJsonObject& target,
                                                    QJsonObject& normalised) const
{
    const QStringList known{QStringLiteral("devices"), QStringLiteral("folder"),
                            QStringLiteral("view"), QStringLiteral("subfolders")};
    for (auto it = target.begin(); it != target.end(); ++it) {
        if (!known.contains(it.key())) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("target.%1 is unknown; a target is {\"devices\":[…]}, "
                                            "{\"folder\":ID,\"subfolders\"?} or {\"view\":ID}")
                                 .arg(it.key().left(64)));
        }
    }
    const int given = int(target.contains(QLatin1String("devices")))
                      + int(target.contains(QLatin1String("folder")))
                      + int(target.contains(QLatin1String("view")));
    if (given != 1) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("target must name exactly one of devices, folder or view"));
    }
    if (target.contains(QLatin1String("devices"))) {
        const QJsonValue ids = target.value(QLatin1String("devices"));
        if (!ids.isArray()) {
            return makeError(ErrorCode::InvalidValue,
                             QStringLiteral("target.devices must be an array of device ids"));
        }
        auto devices = listed(ids.toArray());
        if (!devices) {
            return devices.error();
        }
        QJsonArray list;
        for (const auto& device : *devices) {
            list.append(device.id);
        }
        normalised = {{QStringLiteral("devices"), list}};
        return devices;
    }
    const QString key = target.contains(QLatin1String("folder")) ? QStringLiteral("folder")
                                                                 : QStringLiteral("view");
    const double number = target.value(key).toDouble(-1);
    if (!target.value(key).isDouble() || number < 1 || number != double(qint64(number))) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("target.%1 must be an id").arg(key));
    }
    const QJsonValue subfolders = target.value(QLatin1String("subfolders"));
    if (!subfolders.isUndefined() && (!subfolders.isBool() || key != QLatin1String("folder"))) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("target.subfolders must be true or false, with a folder"));
    }
    const auto id = qint64(number);
    auto ids = key == QLatin1String("folder") ? m_deps.folderDevices(id, subfolders.toBool(true))
                                              : m_deps.viewDevices(id);
    if (!ids) {
        return ids.error();
    }
    if (qint64(ids->size()) > MaxJobDevices) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("target.%1 %2 holds %3 devices; a job reaches at most %4")
                             .arg(key)
                             .arg(id)
                             .arg(ids->size())
                             .arg(MaxJobDevices));
    }
    std::vector<db::Device> devices;
    for (const qint64 deviceId : *ids) {
        auto device = m_devices.findById(deviceId);
        if (!device) {
            return device.error();
        }
        // Released devices take no commands; a folder or view may still hold them.
        if (device->has_value() && !(*device)->deletedAt && !(*device)->releasedAt) {
            devices.push_back(**device);
        }
    }
    normalised = {{key, id}};
    if (key == QLatin1String("folder")) {
        normalised.insert(QStringLiteral("subfolders"), subfolders.toBool(true));
    }
    return devices;
}

Result<db::Job> JobService::create(const JobRequest& request, qint64 adminId,
                                   const Requester& requester)
{
    if (!jobKinds().contains(request.kind)) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("kind \"%1\" cannot run as a job; use %2")
                             .arg(request.kind.left(64), jobKinds().join(QStringLiteral(", "))));
    }
    if (!request.args.isEmpty()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("args.%1 is not an argument of %2")
                             .arg(request.args.begin().key().left(64), request.kind));
    }
    if (request.name.size() > 128) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("name must have at most 128 characters"));
    }
    const qint64 now = m_clock();
    const qint64 runAt = request.runAt.value_or(now);
    if (runAt < now - 60) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("runAt %1 lies in the past (the server's time is %2)")
                             .arg(http::isoTime(runAt), http::isoTime(now)));
    }
    if (runAt > now + MaxJobDelaySeconds) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("runAt must be within %1 days").arg(MaxJobDelaySeconds / 86400));
    }
    const qint64 ttl = request.ttl.value_or(m_defaultTtl.count());
    if (ttl < 1 || ttl > MaxCommandLifetime.count()) {
        return makeError(
            ErrorCode::InvalidValue,
            QStringLiteral("ttl must be 1 to %1 seconds").arg(MaxCommandLifetime.count()));
    }
    QJsonObject target;
    auto devices = resolve(request.target, target);
    if (!devices) {
        return devices.error();
    }
    if (devices->empty()) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the target holds no device that takes commands"));
    }
    std::vector<db::Device> refused;
    for (const auto& device : *devices) {
        if (!m_deps.mayCommand(adminId, device.id)) {
            refused.push_back(device);
        }
    }
    if (!refused.empty()) {
        const QString message = QStringLiteral("missing right Commands on %1 of the %2 target "
                                               "devices: %3")
                                    .arg(refused.size())
                                    .arg(devices->size())
                                    .arg(nameList(refused));
        m_audit.record(requester.name, QStringLiteral("access.denied"), QStringLiteral("root:jobs"),
                       requester.peer, QStringLiteral("denied"), message);
        return makeError(ErrorCode::Forbidden, message);
    }
    db::Job job;
    job.name = request.name.trimmed().isEmpty()
                   ? defaultName(request.kind, qsizetype(devices->size()))
                   : request.name.trimmed();
    job.kind = request.kind;
    job.args = compact(request.args);
    job.target = compact(target);
    job.runAt = runAt;
    job.ttl = ttl;
    job.state = runAt > now ? db::JobState::Scheduled : db::JobState::Running;
    job.createdBy = requester.name;
    job.createdAt = now;
    if (job.state == db::JobState::Running) {
        job.startedAt = now;
    }
    std::vector<db::JobDevice> rows;
    rows.reserve(devices->size());
    for (const auto& device : *devices) {
        rows.push_back(
            {0, device.id, device.name, db::JobDeviceState::Queued, std::nullopt, {}, now});
    }
    auto id = m_jobs.insert(job, rows);
    if (!id) {
        return id.error();
    }
    job.id = *id;
    m_audit.record(requester.name, QStringLiteral("job.create"),
                   QStringLiteral("job:%1").arg(job.id), requester.peer, QStringLiteral("ok"),
                   QStringLiteral("%1 on %2 devices, target %3, at %4")
                       .arg(job.kind)
                       .arg(rows.size())
                       .arg(job.target, http::isoTime(runAt)));
    publish(QStringLiteral("created"), job.id);
    if (job.state == db::JobState::Running) {
        begin(job.id);
    }
    return job;
}

Result<QJsonObject> JobService::jobJson(const db::Job& job, bool withDevices) const
{
    auto counts = m_jobs.counts(job.id);
    if (!counts) {
        return counts.error();
    }
    const qint64 total = counts->total();
    const qint64 over = total - counts->open();
    const QJsonValue null(QJsonValue::Null);
    QJsonObject json{
        {QStringLiteral("id"), job.id},
        {QStringLiteral("name"), job.name},
        {QStringLiteral("kind"), job.kind},
        {QStringLiteral("args"), QJsonDocument::fromJson(job.args.toUtf8()).object()},
        {QStringLiteral("target"), QJsonDocument::fromJson(job.target.toUtf8()).object()},
        {QStringLiteral("runAt"), http::isoTime(job.runAt)},
        {QStringLiteral("ttl"), job.ttl},
        {QStringLiteral("state"), job.state},
        {QStringLiteral("createdBy"), job.createdBy},
        {QStringLiteral("created"), http::isoTime(job.createdAt)},
        {QStringLiteral("started"),
         job.startedAt ? QJsonValue(http::isoTime(*job.startedAt)) : null},
        {QStringLiteral("finished"),
         job.finishedAt ? QJsonValue(http::isoTime(*job.finishedAt)) : null},
        {QStringLiteral("total"), total},
        {QStringLiteral("counts"), QJsonObject{{db::JobDeviceState::Queued, counts->queued},
                                               {db::JobDeviceState::Sent, counts->sent},
                                               {db::JobDeviceState::Done, counts->done},
                                               {db::JobDeviceState::Failed, counts->failed},
                                               {db::JobDeviceState::Cancelled, counts->cancelled}}},
        {QStringLiteral("progress"), total == 0 ? 100 : int(over * 100 / total)},
    };
    if (withDevices) {
        auto devices = m_jobs.devices(job.id);
        if (!devices) {
            return devices.error();
        }
        QJsonArray list;
        for (const auto& device : *devices) {
            list.append(QJsonObject{{QStringLiteral("deviceId"), device.deviceId},
                                    {QStringLiteral("name"), device.deviceName},
                                    {QStringLiteral("state"), device.state},
                                    {QStringLiteral("commandId"),
                                     device.commandId ? QJsonValue(*device.commandId) : null},
                                    {QStringLiteral("message"), device.message},
                                    {QStringLiteral("updated"), http::isoTime(device.updatedAt)}});
        }
        json.insert(QStringLiteral("devices"), list);
    }
    return json;
}

} // namespace steward::server::services
