// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateWatch - notices changes of the certificate store made by anyone and tells consoles.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>

namespace steward::server::db {
class CertificateRepository;
}

namespace steward::server::services {

class CertificateStore;
class EventHub;

/**
 * The store changes through this server's REST routes, but also through steward-admin editing
 * the database while the server runs, or through another server on the same PostgreSQL. Every
 * \a interval the watch reads the store's rows (a handful: id, position, active, whether the
 * key is known, fingerprint) and compares them with what it saw last: a difference it did not
 * cause emits changedElsewhere() (the reconciler then rolls devices over at once) and publishes
 * the events. storeChanged() is called after this server's own changes: it takes the new rows
 * at once, so they never count as a change made elsewhere.
 *
 * Events (coalesced, kind "certificate", the entry's list JSON as object): "created",
 * "changed" (position, active, default, device count…) and "deleted", one per entry that
 * differs from what was published last. Rollover confirmations (deviceCountsChanged()) update
 * the "devices using it" counts the same way.
 */
class CertificateWatch : public QObject {
    Q_OBJECT

public:
    CertificateWatch(const CertificateStore& store, db::CertificateRepository& repository,
                     EventHub& events, std::chrono::milliseconds interval,
                     QObject* parent = nullptr);

    /** Takes the first state and starts polling. */
    void start();
    /** This server changed the store. */
    void storeChanged();
    /** Device counts may have changed (a rollover was confirmed). */
    void deviceCountsChanged();
    /** Reads the rows now; true when they changed elsewhere since the last look. */
    bool poll();

Q_SIGNALS:
    void changedElsewhere();

private:
    [[nodiscard]] QString signature() const;
    void publish();

    const CertificateStore& m_store;
    db::CertificateRepository& m_repository;
    EventHub& m_events;
    QTimer m_poll;
    QTimer m_publish;
    QString m_signature;
    QHash<qint64, QJsonObject> m_published;
};

} // namespace steward::server::services
