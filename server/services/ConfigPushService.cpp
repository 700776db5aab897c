// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ConfigPushService.h"

#include "common/crypto/Signature.h"
#include "server/app/Logging.h"
#include "server/db/DeviceConfigRepository.h"
#include "server/db/ProfileRepository.h"
#include "server/db/Transaction.h"
#include "server/http/RouteSupport.h"
#include "server/services/EventHub.h"
#include "server/services/FolderService.h"
#include "server/services/ProfileService.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <iterator>
#include <set>

namespace steward::server::services {
namespace {

bool contains(const std::deque<qint64>& queue, qint64 id)
{
    return std::find(queue.begin(), queue.end(), id) != queue.end();
}

QJsonValue timeOrNull(const std::optional<qint64>& at)
{
    return at ? QJsonValue(http::isoTime(*at)) : QJsonValue();
}

} // namespace

ConfigPushService::ConfigPushService(ConfigPushDependencies dependencies, int chunkSize,
                                     std::chrono::milliseconds turnBudget, QObject* parent)
    : QObject(parent), m_deps(std::move(dependencies)), m_chunkSize(std::max(1, chunkSize)),
      m_turnBudget(turnBudget)
{
    m_turn.setSingleShot(true);
    m_turn.setInterval(0);
    connect(&m_turn, &QTimer::timeout, this, &ConfigPushService::processTurn);
}

void ConfigPushService::wake()
{
    if (!m_turn.isActive()) {
        m_turn.start();
    }
}

void ConfigPushService::scheduleDevices(const std::vector<qint64>& deviceIds, db::PushMode mode)
{
    for (const qint64 id : deviceIds) {
        const auto known = m_modes.constFind(id);
        if (known == m_modes.constEnd()) {
            m_queue.push_back(id);
            m_modes.insert(id, mode);
        } else if (mode == db::PushMode::Now) {
            m_modes.insert(id, mode);
        }
    }
    if (!deviceIds.empty()) {
        wake();
    }
}

Result<std::vector<qint64>> ConfigPushService::devicesReachedBy(qint64 profileId) const
{
    auto assignments = m_deps.profiles.assignmentsOf(profileId);
    auto tree = m_deps.folders.tree();
    if (!assignments || !tree) {
        return !assignments ? assignments.error() : tree.error();
    }
    std::set<qint64> devices;
    std::vector<qint64> folders;
    for (const auto& assignment : *assignments) {
        if (assignment.deviceId) {
            devices.insert(*assignment.deviceId);
        } else if (assignment.folderId) {
            const auto below = tree->subtree(*assignment.folderId);
            folders.insert(folders.end(), below.begin(), below.end());
        }
    }
    auto inFolders = m_deps.configs.devicesInFolders(folders);
    if (!inFolders) {
        return inFolders.error();
    }
    devices.insert(inFolders->begin(), inFolders->end());
    if (m_viewReach.byProfile) {
        auto inViews = m_viewReach.byProfile(profileId);
        if (!inViews) {
            return inViews.error();
        }
        devices.insert(inViews->begin(), inViews->end());
    }
    return std::vector<qint64>(devices.begin(), devices.end());
}

Result<std::vector<qint64>> ConfigPushService::devicesReachedThroughView(qint64 viewId) const
{
    if (!m_viewReach.byView) {
        return std::vector<qint64>{};
    }
    return m_viewReach.byView(viewId);
}

Result<void> ConfigPushService::scheduleProfile(qint64 profileId, db::PushMode mode)
{
    auto devices = devicesReachedBy(profileId);
    if (!devices) {
        return devices.error();
    }
    scheduleDevices(*devices, mode);
    return {};
}

Result<void> ConfigPushService::scheduleAll(db::PushMode mode)
{
    auto all = m_deps.configs.allDevices();
    if (!all) {
        return all.error();
    }
    scheduleDevices(*all, mode);
    return {};
}

void ConfigPushService::processTurn()
{
    QElapsedTimer turn;
    turn.start();
    // Deliveries first (each costs a signature), within the turn's budget.
    while (!m_deliveries.empty() && (turn.elapsed() < m_turnBudget.count())) {
        const qint64 id = m_deliveries.front();
        m_deliveries.pop_front();
        if (auto sent = deliver(id); !sent) {
            qCWarning(lcServerGateway).noquote() << sent.error().message;
        }
    }
    if (m_deliveries.empty() && !m_queue.empty()) {
        std::vector<qint64> chunk;
        while (!m_queue.empty() && chunk.size() < std::size_t(m_chunkSize)) {
            chunk.push_back(m_queue.front());
            m_queue.pop_front();
        }
        if (auto done = recompute(chunk); !done) {
            qCWarning(lcServerGateway).noquote()
                << QStringLiteral("configuration push: %1").arg(done.error().message);
        }
    }
    if (m_queue.empty() && m_deliveries.empty()) {
        Q_EMIT drained();
    } else {
        wake();
    }
}

Result<void> ConfigPushService::recompute(const std::vector<qint64>& deviceIds)
{
    auto known = m_deps.configs.desiredVersions(deviceIds);
    if (!known) {
        return known.error();
    }
    std::vector<db::DeviceConfig> changed;
    std::vector<qint64> send;
    for (const qint64 id : deviceIds) {
        const db::PushMode mode = m_modes.take(id);
        auto config = m_deps.profileService.effectiveConfig(id);
        if (!config) {
            if (config.error().code != ErrorCode::NotFound) {
                return config.error();
            }
            continue; // deleted meanwhile
        }
        const QString version = configurationVersion(config->values);
        const auto previous = known->value(id);
        if (previous.version == version) {
            // Unchanged, but a "now" push still sends what an online device lacks.
            if (mode == db::PushMode::Now && previous.appliedVersion != version
                && previous.deliveredVersion != version) {
                send.push_back(id);
            }
            continue;
        }
        db::DeviceConfig row;
        row.deviceId = id;
        row.revision = previous.revision + 1;
        row.desiredVersion = version;
        row.desiredValues = QString::fromUtf8(
            QJsonDocument(managedValues(config->values)).toJson(QJsonDocument::Compact));
        row.changedAt = m_deps.clock();
        row.pushMode = mode;
        row.state = previous.appliedVersion == version ? db::ConfigState::Applied
                                                       : db::ConfigState::Pending;
        changed.push_back(std::move(row));
        if (mode == db::PushMode::Now && previous.appliedVersion != version) {
            send.push_back(id);
        }
    }
    auto stored = db::inTransaction<void>(m_deps.database, [&]() -> Result<void> {
        for (const auto& row : changed) {
            if (auto r = m_deps.configs.storeDesired(row); !r) {
                return r;
            }
        }
        return {};
    });
    if (!stored) {
        return stored;
    }
    for (const auto& row : changed) {
        publish(row.deviceId);
    }
    std::copy_if(send.begin(), send.end(), std::back_inserter(m_deliveries),
                 [this](qint64 id) { return m_deps.isOnline(id); });
    return {};
}

Result<bool> ConfigPushService::deliver(qint64 deviceId)
{
    if (!m_deps.isOnline(deviceId)) {
        return false; // it gets the bundle when it connects; a signature costs milliseconds
    }
    auto row = m_deps.configs.find(deviceId);
    if (!row || !row->has_value()) {
        return row ? Result<bool>(false) : Result<bool>(row.error());
    }
    const db::DeviceConfig& config = **row;
    protocol::SettingsBundle bundle;
    bundle.device = deviceId;
    bundle.version = config.desiredVersion;
    bundle.revision = config.revision;
    bundle.values = QJsonDocument::fromJson(config.desiredValues.toUtf8()).object();
    auto key = m_deps.signingKey(deviceId);
    if (!key) {
        return key.error();
    }
    auto signature = crypto::signData(*key, protocol::settingsSigningPayload(bundle));
    if (!signature) {
        return signature.error();
    }
    bundle.signature = *signature;
    if (!m_deps.send(deviceId, bundle)) {
        return false; // offline: it gets the bundle when it connects
    }
    if (auto marked = m_deps.configs.markDelivered(deviceId, config.desiredVersion, m_deps.clock());
        !marked) {
        return marked.error();
    }
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("settings bundle sent device=%1 revision=%2")
               .arg(deviceId)
               .arg(config.revision);
    return true;
}

Result<db::DeviceConfig> ConfigPushService::refresh(qint64 deviceId, db::PushMode mode)
{
    // Taken out of the queue: this device is recomputed now.
    std::erase(m_queue, deviceId);
    std::erase(m_deliveries, deviceId);
    m_modes.insert(deviceId, mode);
    if (auto done = recompute({deviceId}); !done) {
        m_modes.remove(deviceId);
        return done.error();
    }
    if (std::erase(m_deliveries, deviceId) > 0) {
        if (auto sent = deliver(deviceId); !sent) {
            return sent.error();
        }
    }
    auto row = m_deps.configs.find(deviceId);
    if (!row) {
        return row.error();
    }
    if (!row->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    return **row;
}

void ConfigPushService::deviceGreeted(qint64 deviceId)
{
    // Whatever the last change's mode: a connecting device gets what it has not applied.
    std::erase(m_queue, deviceId);
    std::erase(m_deliveries, deviceId);
    m_modes.insert(deviceId, db::PushMode::NextConnect);
    if (auto done = recompute({deviceId}); !done) {
        m_modes.remove(deviceId);
        qCWarning(lcServerGateway).noquote() << done.error().message;
        return;
    }
    auto row = m_deps.configs.find(deviceId);
    if (!row || !row->has_value()) {
        return;
    }
    if ((*row)->appliedVersion != (*row)->desiredVersion) {
        if (auto sent = deliver(deviceId); !sent) {
            qCWarning(lcServerGateway).noquote() << sent.error().message;
        }
    }
}

Result<void> ConfigPushService::handleApplied(qint64 deviceId,
                                              const protocol::SettingsApplied& report)
{
    auto row = m_deps.configs.find(deviceId);
    if (!row) {
        return row.error();
    }
    if (!row->has_value()) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("no settings bundle was sent to device %1").arg(deviceId));
    }
    db::DeviceConfig config = **row;
    if (report.bundle != config.desiredVersion && report.bundle != config.deliveredVersion) {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("settings.applied answers bundle %1, which was not sent "
                                        "to this device")
                             .arg(report.bundle.left(12)));
    }
    QJsonObject failures;
    for (auto it = report.failures.constBegin(); it != report.failures.constEnd(); ++it) {
        failures.insert(it.key(), it.value());
    }
    config.appliedVersion = report.version;
    config.reportedAt = m_deps.clock();
    config.failures = QString::fromUtf8(QJsonDocument(failures).toJson(QJsonDocument::Compact));
    config.notApplied =
        QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(report.notApplied))
                              .toJson(QJsonDocument::Compact));
    config.rebootRequired = report.applied && report.rebootRequired;
    if (config.appliedVersion == config.desiredVersion) {
        config.state = db::ConfigState::Applied;
    } else if (!report.applied && report.bundle == config.desiredVersion) {
        config.state = db::ConfigState::Failed;
    } else {
        config.state = db::ConfigState::Pending; // a newer bundle is on its way
    }
    if (auto stored = m_deps.configs.storeReport(config); !stored) {
        return stored;
    }
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("settings report device=%1 state=%2 failures=%3")
               .arg(deviceId)
               .arg(db::configStateName(config.state))
               .arg(report.failures.size());
    publish(deviceId);
    // The report answers an older bundle and the desired one was never sent: it was computed
    // while this report was in flight and looked applied already (a device going back to the
    // values it had, e.g. leaving a view and joining again). Send it now.
    if (config.state == db::ConfigState::Pending && config.deliveredVersion != config.desiredVersion
        && config.pushMode == db::PushMode::Now && !contains(m_deliveries, deviceId)) {
        m_deliveries.push_back(deviceId);
        wake();
    }
    return {};
}

Result<QJsonObject> ConfigPushService::stateJson(qint64 deviceId) const
{
    auto row = m_deps.configs.find(deviceId);
    if (!row) {
        return row.error();
    }
    if (!row->has_value()) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("device %1 has no computed configuration yet: it gets one "
                                        "with the next change that reaches it or when it connects")
                             .arg(deviceId));
    }
    return configJson(**row);
}

Result<QHash<QString, qint64>> ConfigPushService::counts() const
{
    return m_deps.configs.countByState();
}

QJsonObject ConfigPushService::configJson(const db::DeviceConfig& config)
{
    return QJsonObject{
        {QStringLiteral("device"), config.deviceId},
        {QStringLiteral("state"), db::configStateName(config.state)},
        {QStringLiteral("revision"), config.revision},
        {QStringLiteral("desiredVersion"), config.desiredVersion},
        {QStringLiteral("changed"), http::isoTime(config.changedAt)},
        {QStringLiteral("push"), db::pushModeName(config.pushMode)},
        {QStringLiteral("deliveredVersion"), config.deliveredVersion},
        {QStringLiteral("delivered"), timeOrNull(config.deliveredAt)},
        {QStringLiteral("appliedVersion"), config.appliedVersion},
        {QStringLiteral("reported"), timeOrNull(config.reportedAt)},
        {QStringLiteral("failures"), QJsonDocument::fromJson(config.failures.toUtf8()).object()},
        {QStringLiteral("notApplied"), QJsonDocument::fromJson(config.notApplied.toUtf8()).array()},
        {QStringLiteral("rebootRequired"), config.rebootRequired}};
}

void ConfigPushService::publish(qint64 deviceId)
{
    auto row = m_deps.configs.find(deviceId);
    if (row && row->has_value()) {
        m_deps.events.publish(QStringLiteral("changed"), QStringLiteral("device-config"), deviceId,
                              configJson(**row));
    }
}

} // namespace steward::server::services
