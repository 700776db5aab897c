// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AttributeCache - the device's attributes as last heard from the server, in the state dir.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Attributes.h"

#include <QObject>

#include <optional>

namespace steward::agent {

class ServerLink;
class StateDirectory;

struct CachedAttributes {
    protocol::AttributeSnapshot snapshot;
    qint64 fetchedAt = 0; // epoch seconds UTC
};

/**
 * attributes.json: {"fetchedAt": N, "snapshot": <attribute.snapshot body>}. Missing gives
 * nullopt; a damaged file is an error naming it (sync rewrites it).
 */
[[nodiscard]] Result<std::optional<CachedAttributes>>
loadAttributeCache(const StateDirectory& state);
[[nodiscard]] Result<void> saveAttributeCache(const StateDirectory& state,
                                              const protocol::AttributeSnapshot& snapshot);

/**
 * Keeps the cache current while `run` holds the channel: asks for a snapshot each time the
 * link comes up and stores every attribute.snapshot the server sends (its replies and its
 * pushes after an administrator's change).
 */
class AttributeCacheKeeper : public QObject {
    Q_OBJECT

public:
    AttributeCacheKeeper(const StateDirectory& state, ServerLink& link, QObject* parent = nullptr);

private:
    const StateDirectory& m_state;
    ServerLink& m_link;
};

} // namespace steward::agent
