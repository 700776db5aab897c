// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/attributes/AttributeCache.h"

#include "agent/app/Logging.h"
#include "agent/enrol/AgentState.h"
#include "agent/link/ServerLink.h"
#include "common/protocol/JsonReader.h"
#include "common/protocol/StrictJson.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>

#include <limits>

namespace steward::agent {
namespace {

const QString CacheFile = QStringLiteral("attributes.json");
constexpr qint64 MaxCacheBytes = 1024 * 1024;

} // namespace

Result<std::optional<CachedAttributes>> loadAttributeCache(const StateDirectory& state)
{
    QFile file(state.filePath(CacheFile));
    if (!file.exists()) {
        return std::optional<CachedAttributes>{};
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return makeError(
            ErrorCode::IoError,
            QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    }
    const auto object = protocol::parseStrictJsonObject(file.read(MaxCacheBytes));
    if (!object) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("%1 is damaged (%2); run \"attr sync\" to rewrite it")
                             .arg(file.fileName(), object.error().message));
    }
    protocol::JsonReader reader(*object, QStringLiteral("attributes.json"));
    CachedAttributes cached;
    cached.fetchedAt = reader.requireInt(u"fetchedAt", 0, std::numeric_limits<qint64>::max());
    const QJsonObject body = reader.requireObject(u"snapshot");
    if (!reader.ok()) {
        return *reader.error();
    }
    auto snapshot = protocol::attributeSnapshotFromJson(body);
    if (!snapshot) {
        return makeError(ErrorCode::InvalidConfig,
                         QStringLiteral("%1 is damaged (%2); run \"attr sync\" to rewrite it")
                             .arg(file.fileName(), snapshot.error().message));
    }
    cached.snapshot = std::move(*snapshot);
    return std::optional<CachedAttributes>{std::move(cached)};
}

Result<void> saveAttributeCache(const StateDirectory& state,
                                const protocol::AttributeSnapshot& snapshot)
{
    const QJsonObject object{{QStringLiteral("fetchedAt"), QDateTime::currentSecsSinceEpoch()},
                             {QStringLiteral("snapshot"), protocol::toJson(snapshot)}};
    return state.writeAtomically(CacheFile, QJsonDocument(object).toJson(QJsonDocument::Indented));
}

AttributeCacheKeeper::AttributeCacheKeeper(const StateDirectory& state, ServerLink& link,
                                           QObject* parent)
    : QObject(parent), m_state(state), m_link(link)
{
    connect(&m_link, &ServerLink::up, this, [this] { m_link.send(protocol::AttributeSync{}); });
    connect(
        &m_link, &ServerLink::received, this, [this](const protocol::IncomingMessage& incoming) {
            const auto* snapshot = std::get_if<protocol::AttributeSnapshot>(&incoming.message);
            if (!snapshot) {
                return;
            }
            if (auto saved = saveAttributeCache(m_state, *snapshot); !saved) {
                qCWarning(lcAgentLink).noquote() << saved.error().message;
                return;
            }
            qCInfo(lcAgentLink).noquote()
                << QStringLiteral("attributes cached count=%1").arg(snapshot->attributes.size());
        });
}

} // namespace steward::agent
