// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// EventHub - publishes change events (created, changed, deleted, online, offline) to consoles.
#pragma once

#include <QJsonObject>
#include <QObject>

namespace steward::server::services {

/**
 * Services publish here; the console gateway fans out. An event is
 * {"event": "created|changed|deleted|online|offline", "kind": "admin|device|…", "id": N,
 *  "object": {...}} where object is the new state (absent for deletions).
 */
class EventHub : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    void publish(const QString& event, const QString& kind, qint64 id,
                 const QJsonObject& object = {});
    /** The event as published; also for messages made for one console only. */
    [[nodiscard]] static QJsonObject eventJson(const QString& event, const QString& kind, qint64 id,
                                               const QJsonObject& object = {});

Q_SIGNALS:
    void published(const QJsonObject& event);
};

} // namespace steward::server::services
