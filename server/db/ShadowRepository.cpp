// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/db/ShadowRepository.h"

#include "server/db/Database.h"

#include <QSqlQuery>
#include <QVariant>

namespace steward::server::db {
namespace {

std::optional<qint64> optionalInt(const QVariant& value)
{
    if (value.isNull()) {
        return std::nullopt;
    }
    return value.toLongLong();
}

const QString SelectSession = QStringLiteral(
    "SELECT session, device_id, admin, path, nonce, created, expires, state, started, ended, "
    "bytes_in, bytes_out, peer FROM shadow_sessions");

ShadowSession sessionRow(const QSqlQuery& query)
{
    ShadowSession session;
    session.id = query.value(0).toString();
    session.deviceId = query.value(1).toLongLong();
    session.admin = query.value(2).toString();
    session.path = query.value(3).toString();
    session.nonce = query.value(4).toString();
    session.created = query.value(5).toLongLong();
    session.expires = query.value(6).toLongLong();
    session.state = query.value(7).toString();
    session.started = optionalInt(query.value(8));
    session.ended = optionalInt(query.value(9));
    session.bytesIn = query.value(10).toLongLong();
    session.bytesOut = query.value(11).toLongLong();
    session.peer = query.value(12).toString();
    return session;
}

Result<void> changeOne(QSqlQuery& query, const QString& what, const QString& conflict)
{
    if (auto r = Database::exec(query, what); !r) {
        return r;
    }
    if (query.numRowsAffected() != 1) {
        return makeError(ErrorCode::Conflict, conflict);
    }
    return {};
}

} // namespace

ShadowRepository::ShadowRepository(Database& db) : m_db(db) {}

Result<std::optional<DeviceShadow>> ShadowRepository::find(qint64 deviceId) const
{
    auto query = m_db.prepare(QStringLiteral(
        "SELECT device_id, cert_pem, cert_fingerprint, port, uploaded_at, policy FROM "
        "device_shadow WHERE device_id = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), deviceId);
    if (auto r = Database::exec(*query, QStringLiteral("reading a device's shadow settings")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<DeviceShadow>();
    }
    DeviceShadow shadow;
    shadow.deviceId = query->value(0).toLongLong();
    shadow.certificatePem = query->value(1).toString();
    shadow.fingerprint = query->value(2).toString();
    shadow.port = query->value(3).toInt();
    shadow.uploadedAt = optionalInt(query->value(4));
    shadow.policyJson = query->value(5).toString();
    return std::optional<DeviceShadow>(std::move(shadow));
}

Result<void> ShadowRepository::storeCertificate(qint64 deviceId, const QString& pem,
                                                const QString& fingerprint, int port, qint64 at)
{
    // An upsert both databases speak (SQLite ≥ 3.24, PostgreSQL ≥ 9.5).
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO device_shadow (device_id, cert_pem, cert_fingerprint, port, uploaded_at) "
        "VALUES (:id, :pem, :fingerprint, :port, :at) ON CONFLICT (device_id) DO UPDATE SET "
        "cert_pem = excluded.cert_pem, cert_fingerprint = excluded.cert_fingerprint, "
        "port = excluded.port, uploaded_at = excluded.uploaded_at"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), deviceId);
    query->bindValue(QStringLiteral(":pem"), pem);
    query->bindValue(QStringLiteral(":fingerprint"), fingerprint);
    query->bindValue(QStringLiteral(":port"), port);
    query->bindValue(QStringLiteral(":at"), at);
    return Database::exec(*query, QStringLiteral("storing a shadow certificate"));
}

Result<void> ShadowRepository::storePolicy(qint64 deviceId, const QString& policyJson)
{
    auto query = m_db.prepare(
        QStringLiteral("INSERT INTO device_shadow (device_id, policy) VALUES (:id, :policy) "
                       "ON CONFLICT (device_id) DO UPDATE SET policy = excluded.policy"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), deviceId);
    query->bindValue(QStringLiteral(":policy"), policyJson);
    return Database::exec(*query, QStringLiteral("storing a shadow policy"));
}

Result<void> ShadowRepository::insertSession(const ShadowSession& session)
{
    auto query = m_db.prepare(QStringLiteral(
        "INSERT INTO shadow_sessions (session, device_id, admin, path, nonce, created, expires, "
        "state) "
        "VALUES (:id, :device, :admin, :path, :nonce, :created, :expires, 'pending')"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), session.id);
    query->bindValue(QStringLiteral(":device"), session.deviceId);
    query->bindValue(QStringLiteral(":admin"), session.admin);
    query->bindValue(QStringLiteral(":path"), session.path);
    query->bindValue(QStringLiteral(":nonce"), session.nonce);
    query->bindValue(QStringLiteral(":created"), session.created);
    query->bindValue(QStringLiteral(":expires"), session.expires);
    return Database::exec(*query, QStringLiteral("creating a shadow session"));
}

Result<std::optional<ShadowSession>> ShadowRepository::findSession(const QString& id) const
{
    auto query = m_db.prepare(SelectSession + QStringLiteral(" WHERE session = :id"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":id"), id);
    if (auto r = Database::exec(*query, QStringLiteral("reading a shadow session")); !r) {
        return r.error();
    }
    if (!query->next()) {
        return std::optional<ShadowSession>();
    }
    return std::optional<ShadowSession>(sessionRow(*query));
}

Result<std::vector<ShadowSession>> ShadowRepository::sessionsInUse() const
{
    auto query = m_db.prepare(SelectSession + QStringLiteral(" WHERE state = 'used' ORDER BY id"));
    if (!query) {
        return query.error();
    }
    if (auto r = Database::exec(*query, QStringLiteral("listing shadow sessions in use")); !r) {
        return r.error();
    }
    std::vector<ShadowSession> sessions;
    while (query->next()) {
        sessions.push_back(sessionRow(*query));
    }
    return sessions;
}

Result<void> ShadowRepository::claimSession(const QString& id, qint64 deviceId,
                                            const QString& nonce, qint64 now, const QString& peer)
{
    // One statement: two agents (or two connections) racing for one ticket cannot both win.
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE shadow_sessions SET state = 'used', started = :now, peer = :peer "
        "WHERE session = :id AND device_id = :device AND nonce = :nonce AND state = 'pending' "
        "AND expires > :now2"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":now"), now);
    // A null QString binds as NULL, which the NOT NULL column refuses on PostgreSQL.
    query->bindValue(QStringLiteral(":peer"), peer.isNull() ? QStringLiteral("") : peer);
    query->bindValue(QStringLiteral(":id"), id);
    query->bindValue(QStringLiteral(":device"), deviceId);
    query->bindValue(QStringLiteral(":nonce"), nonce);
    query->bindValue(QStringLiteral(":now2"), now);
    return changeOne(*query, QStringLiteral("claiming a shadow session"),
                     QStringLiteral("shadow session %1 is unknown, used or expired").arg(id));
}

Result<void> ShadowRepository::endSession(const QString& id, qint64 deviceId, qint64 now,
                                          qint64 bytesIn, qint64 bytesOut)
{
    auto query = m_db.prepare(QStringLiteral(
        "UPDATE shadow_sessions SET state = 'ended', ended = :now, bytes_in = :in, "
        "bytes_out = :out WHERE session = :id AND device_id = :device AND state = 'used'"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":now"), now);
    query->bindValue(QStringLiteral(":in"), bytesIn);
    query->bindValue(QStringLiteral(":out"), bytesOut);
    query->bindValue(QStringLiteral(":id"), id);
    query->bindValue(QStringLiteral(":device"), deviceId);
    return changeOne(*query, QStringLiteral("ending a shadow session"),
                     QStringLiteral("shadow session %1 is not in use by this device").arg(id));
}

Result<int> ShadowRepository::expireSessions(qint64 now)
{
    auto query = m_db.prepare(QStringLiteral("UPDATE shadow_sessions SET state = 'expired' WHERE "
                                             "state = 'pending' AND expires <= :now"));
    if (!query) {
        return query.error();
    }
    query->bindValue(QStringLiteral(":now"), now);
    if (auto r = Database::exec(*query, QStringLiteral("expiring shadow sessions")); !r) {
        return r.error();
    }
    return query->numRowsAffected();
}

} // namespace steward::server::db
