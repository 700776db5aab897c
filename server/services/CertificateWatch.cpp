// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CertificateWatch.h"

#include "server/app/Logging.h"
#include "server/db/CertificateRepository.h"
#include "server/services/CertificateStore.h"
#include "server/services/EventHub.h"

namespace steward::server::services {
namespace {

constexpr int PublishDelayMs = 100; // a burst of rollover confirmations makes one round
const QString Kind = QStringLiteral("certificate");

} // namespace

CertificateWatch::CertificateWatch(const CertificateStore& store,
                                   db::CertificateRepository& repository, EventHub& events,
                                   std::chrono::milliseconds interval, QObject* parent)
    : QObject(parent), m_store(store), m_repository(repository), m_events(events)
{
    m_poll.setInterval(interval);
    connect(&m_poll, &QTimer::timeout, this, &CertificateWatch::poll);
    m_publish.setSingleShot(true);
    m_publish.setInterval(PublishDelayMs);
    connect(&m_publish, &QTimer::timeout, this, &CertificateWatch::publish);
}

void CertificateWatch::start()
{
    m_signature = signature();
    if (auto entries = m_store.list()) {
        for (const auto& entry : *entries) {
            m_published.insert(entry.row.id, certificateJson(entry, false));
        }
    }
    m_poll.start();
}

QString CertificateWatch::signature() const
{
    auto rows = m_repository.list();
    if (!rows) {
        return m_signature; // unreadable now: no news, the next look tries again
    }
    QString text;
    for (const auto& row : *rows) {
        text += QStringLiteral("%1:%2:%3:%4:%5;")
                    .arg(row.id)
                    .arg(row.position)
                    .arg(row.active ? 1 : 0)
                    .arg(row.keyFile.isEmpty() ? 0 : 1)
                    .arg(row.fingerprint);
    }
    return text;
}

void CertificateWatch::storeChanged()
{
    m_signature = signature();
    m_publish.start();
}

void CertificateWatch::deviceCountsChanged()
{
    if (!m_publish.isActive()) {
        m_publish.start();
    }
}

bool CertificateWatch::poll()
{
    const QString now = signature();
    if (now == m_signature) {
        return false;
    }
    m_signature = now;
    qCInfo(lcServerApp).noquote() << QStringLiteral(
        "the device-communication certificate store was changed elsewhere "
        "(steward-admin or another server); rolling devices over");
    Q_EMIT changedElsewhere();
    m_publish.start();
    return true;
}

void CertificateWatch::publish()
{
    auto entries = m_store.list();
    if (!entries) {
        return;
    }
    QHash<qint64, QJsonObject> now;
    for (const auto& entry : *entries) {
        const QJsonObject json = certificateJson(entry, false);
        now.insert(entry.row.id, json);
        const auto before = m_published.constFind(entry.row.id);
        if (before == m_published.constEnd()) {
            m_events.publish(QStringLiteral("created"), Kind, entry.row.id, json);
        } else if (*before != json) {
            m_events.publish(QStringLiteral("changed"), Kind, entry.row.id, json);
        }
    }
    for (auto it = m_published.constBegin(); it != m_published.constEnd(); ++it) {
        if (!now.contains(it.key())) {
            m_events.publish(QStringLiteral("deleted"), Kind, it.key());
        }
    }
    m_published = std::move(now);
}

} // namespace steward::server::services
