// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/ShadowService.h"

#include "common/crypto/Certificate.h"
#include "common/protocol/StrictJson.h"
#include "common/shadow/ShadowTicket.h"
#include "server/app/Logging.h"
#include "server/db/DeviceRepository.h"
#include "server/db/ShadowRepository.h"
#include "server/services/AuditLog.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QUuid>

namespace steward::server::services {
namespace {

QString deviceObject(qint64 id)
{
    return QStringLiteral("device:%1").arg(id);
}

/** The address a console should dial: an IPv4-mapped IPv6 address as plain IPv4. */
QString dialAddress(const QString& lastIp)
{
    QHostAddress address(lastIp);
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : lastIp;
}

} // namespace

ShadowService::ShadowService(db::ShadowRepository& shadow, db::DeviceRepository& devices,
                             SigningKeyOf signingKey, AuditLog& audit, Clock clock,
                             ShadowSettings settings, Sender sender,
                             std::function<bool(qint64)> isOnline)
    : m_shadow(shadow), m_devices(devices), m_signingKey(std::move(signingKey)), m_audit(audit),
      m_clock(std::move(clock)), m_settings(settings), m_send(std::move(sender)),
      m_isOnline(std::move(isOnline))
{}

Result<void> ShadowService::mayShadow(const http::Principal& principal, const db::Device& device,
                                      const QString& peer) const
{
    if (m_permission) {
        return m_permission(principal, device, peer);
    }
    if (!principal.superuser) {
        return makeError(ErrorCode::NotAuthorised,
                         QStringLiteral("%1 may not shadow device %2: only a superuser may "
                                        "shadow without access control")
                             .arg(principal.name, device.name));
    }
    return {};
}

Result<steward::shadow::ShadowPolicy> ShadowService::effectivePolicy(qint64 deviceId) const
{
    auto stored = m_shadow.find(deviceId);
    if (!stored) {
        return stored.error();
    }
    steward::shadow::ShadowPolicy policy;
    if (stored->has_value() && !(*stored)->policyJson.isEmpty()) {
        auto object = protocol::parseStrictJsonObject((*stored)->policyJson.toUtf8());
        if (!object) {
            return object.error();
        }
        auto parsed = steward::shadow::shadowPolicyFromJson(*object);
        if (!parsed) {
            return parsed.error();
        }
        policy = *parsed;
    }
    if (m_settings.secureOnly) {
        policy.secureOnly = true;
    }
    return policy;
}

Result<qint64> ShadowService::relayDevice(const QString& session,
                                          const http::Principal& principal) const
{
    auto found = m_shadow.findSession(session);
    if (!found) {
        return found.error();
    }
    const auto unusable = [&session](const QString& why) {
        return makeError(
            ErrorCode::NotFound,
            QStringLiteral("shadow session %1 cannot be relayed: %2").arg(session, why));
    };
    if (!found->has_value()) {
        return unusable(QStringLiteral("there is no such session"));
    }
    const db::ShadowSession& record = **found;
    if (record.admin != principal.name) {
        return makeError(
            ErrorCode::NotAuthorised,
            QStringLiteral("shadow session %1 belongs to another administrator").arg(session));
    }
    if (record.path != QLatin1String("relay")) {
        return unusable(QStringLiteral("it was issued for the %1 path").arg(record.path));
    }
    if (record.state != QLatin1String("pending") || record.expires <= m_clock()) {
        return unusable(QStringLiteral("it was used or has expired"));
    }
    return record.deviceId;
}

Result<steward::shadow::ShadowPolicy> ShadowService::sessionPolicy(qint64 deviceId) const
{
    auto policy = effectivePolicy(deviceId);
    if (!policy || !m_configured) {
        return policy;
    }
    auto values = m_configured(deviceId);
    if (!values) {
        return values.error();
    }
    return steward::shadow::withConfiguredValues(*policy, *values);
}

Result<void> ShadowService::setPolicy(const http::Principal& principal, qint64 deviceId,
                                      const steward::shadow::ShadowPolicy& policy,
                                      const QString& peer)
{
    auto device = m_devices.findById(deviceId);
    if (!device) {
        return device.error();
    }
    if (!device->has_value()) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    const QString json = QString::fromUtf8(
        QJsonDocument(steward::shadow::toJson(policy)).toJson(QJsonDocument::Compact));
    if (auto stored = m_shadow.storePolicy(deviceId, json); !stored) {
        return stored;
    }
    m_audit.record(principal.name, QStringLiteral("shadow.policy"), deviceObject(deviceId), peer,
                   QStringLiteral("success"), json);
    deviceGreeted(deviceId);
    return {};
}

Result<ShadowOffer> ShadowService::createSession(const http::Principal& principal, qint64 deviceId,
                                                 const QString& path, const QString& peer)
{
    auto device = m_devices.findById(deviceId);
    if (!device) {
        return device.error();
    }
    if (!device->has_value() || (*device)->releasedAt) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no device %1").arg(deviceId));
    }
    if ((*device)->deletedAt) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("device %1 is in the recycle bin: restore it to shadow it")
                             .arg((*device)->name));
    }
    const db::Device& target = **device;
    const auto deny = [&](const Error& error) {
        m_audit.record(principal.name, QStringLiteral("shadow.request"), deviceObject(deviceId),
                       peer, QStringLiteral("denied"), error.message);
        return error;
    };
    if (auto allowed = mayShadow(principal, target, peer); !allowed) {
        return deny(allowed.error());
    }
    auto policy = sessionPolicy(deviceId);
    if (!policy) {
        return policy.error();
    }
    if (!policy->allowed) {
        return deny(Error{
            ErrorCode::NotAuthorised,
            QStringLiteral("device %1's shadow policy does not allow shadowing").arg(target.name)});
    }
    QString chosen = path;
    using steward::shadow::PathPreference;
    if (chosen == QLatin1String("auto")) {
        chosen = policy->path == PathPreference::RelayOnly ? QStringLiteral("relay")
                                                           : QStringLiteral("direct");
    }
    if ((chosen == QLatin1String("direct") && policy->path == PathPreference::RelayOnly)
        || (chosen == QLatin1String("relay") && policy->path == PathPreference::DirectOnly)) {
        return deny(Error{ErrorCode::NotAuthorised,
                          QStringLiteral("device %1's shadow policy does not allow the %2 path")
                              .arg(target.name, chosen)});
    }
    if (!m_isOnline(deviceId)) {
        return makeError(
            ErrorCode::Conflict,
            QStringLiteral("device %1 is offline: shadowing needs its channel").arg(target.name));
    }
    auto shadow = m_shadow.find(deviceId);
    if (!shadow) {
        return shadow.error();
    }
    if (!shadow->has_value() || (*shadow)->certificatePem.isEmpty()) {
        return makeError(
            ErrorCode::Conflict,
            QStringLiteral("device %1 has not uploaded a shadow certificate yet").arg(target.name));
    }
    auto nonce = steward::shadow::newNonce();
    if (!nonce) {
        return nonce.error();
    }
    const qint64 now = m_clock();
    steward::shadow::TicketPayload payload;
    payload.session = QUuid::createUuid().toString(QUuid::WithoutBraces);
    payload.device = deviceId;
    payload.admin = principal.name;
    payload.path = chosen;
    payload.expires = now + m_settings.ticketTtl.count();
    payload.nonce = *nonce;
    auto key = m_signingKey(deviceId);
    if (!key) {
        return key.error();
    }
    auto ticket = steward::shadow::signTicket(payload, *key);
    if (!ticket) {
        return ticket.error();
    }
    db::ShadowSession session;
    session.id = payload.session;
    session.deviceId = deviceId;
    session.admin = principal.name;
    session.path = chosen;
    session.nonce = QString::fromLatin1(steward::shadow::toBase64Url(*nonce));
    session.created = now;
    session.expires = payload.expires;
    if (auto stored = m_shadow.insertSession(session); !stored) {
        return stored.error();
    }
    m_send(deviceId,
           protocol::ShadowExpect{payload.session, principal.name, chosen, payload.expires},
           std::nullopt);
    m_audit.record(principal.name, QStringLiteral("shadow.request"), deviceObject(deviceId), peer,
                   QStringLiteral("success"),
                   QStringLiteral("session=%1 path=%2").arg(payload.session, chosen));
    const auto& record = **shadow;
    ShadowOffer offer;
    offer.json = QJsonObject{
        {QStringLiteral("session"), payload.session},
        {QStringLiteral("ticket"), QString::fromLatin1(*ticket)},
        {QStringLiteral("expires"), payload.expires},
        {QStringLiteral("device"),
         QJsonObject{{QStringLiteral("id"), deviceId}, {QStringLiteral("name"), target.name}}},
        {QStringLiteral("address"), dialAddress(target.lastIp)},
        {QStringLiteral("port"), record.port},
        {QStringLiteral("path"), chosen},
        {QStringLiteral("certificate"), record.certificatePem},
        {QStringLiteral("sha256"), record.fingerprint},
        {QStringLiteral("relay"), QString(QStringLiteral("/tunnel/v1/") + payload.session)},
        {QStringLiteral("policy"), steward::shadow::toJson(*policy)}};
    return offer;
}

bool ShadowService::handleDeviceMessage(const db::Device& device, const QString& peer,
                                        const protocol::IncomingMessage& incoming)
{
    if (const auto* certificate = std::get_if<protocol::ShadowCertificate>(&incoming.message)) {
        storeCertificate(device, *certificate);
        return true;
    }
    if (const auto* claimMessage = std::get_if<protocol::ShadowClaim>(&incoming.message)) {
        claim(device, *claimMessage, incoming.id);
        return true;
    }
    if (const auto* report = std::get_if<protocol::ShadowEnded>(&incoming.message)) {
        ended(device, *report);
        return true;
    }
    if (const auto* report = std::get_if<protocol::ShadowRefused>(&incoming.message)) {
        refused(device, *report, peer);
        return true;
    }
    return false;
}

void ShadowService::deviceGreeted(qint64 deviceId)
{
    auto policy = effectivePolicy(deviceId);
    if (!policy) {
        qCWarning(lcServerGateway).noquote() << policy.error().message;
        return;
    }
    m_send(deviceId, protocol::ShadowPolicyMessage{*policy}, std::nullopt);
}

void ShadowService::storeCertificate(const db::Device& device,
                                     const protocol::ShadowCertificate& message)
{
    auto certificate = crypto::Certificate::importSingle(message.certificate.toLatin1());
    QString problem;
    if (!certificate) {
        problem = certificate.error().message;
    } else if (!certificate->isSelfSigned()) {
        problem = QStringLiteral("a shadow certificate must be self-signed");
    }
    if (!problem.isEmpty()) {
        m_audit.record(QStringLiteral("device"), QStringLiteral("shadow.certificate"),
                       deviceObject(device.id), device.lastIp, QStringLiteral("denied"), problem);
        return;
    }
    const QString fingerprint =
        QString::fromLatin1(certificate->fingerprint(crypto::FingerprintAlgorithm::Sha256).toHex());
    auto previous = m_shadow.find(device.id);
    if (previous && previous->has_value() && (*previous)->fingerprint == fingerprint
        && (*previous)->port == message.port) {
        return; // the same certificate again, at a reconnect
    }
    if (auto stored =
            m_shadow.storeCertificate(device.id, QString::fromLatin1(certificate->toPem()),
                                      fingerprint, message.port, m_clock());
        !stored) {
        qCWarning(lcServerGateway).noquote() << stored.error().message;
        return;
    }
    m_audit.record(QStringLiteral("device"), QStringLiteral("shadow.certificate"),
                   deviceObject(device.id), device.lastIp, QStringLiteral("success"),
                   QStringLiteral("sha256=%1 port=%2").arg(fingerprint).arg(message.port));
}

void ShadowService::claim(const db::Device& device, const protocol::ShadowClaim& claim,
                          std::optional<protocol::MessageId> requestId)
{
    const qint64 now = m_clock();
    auto session = m_shadow.findSession(claim.session);
    const QString admin = session && session->has_value() ? (*session)->admin : QString();
    Result<void> claimed = mayStillShadow(admin, device.id, claim.session);
    if (claimed) {
        claimed = m_shadow.claimSession(claim.session, device.id, claim.nonce, now, claim.peer);
    }
    if (!claimed) {
        const Error error = claimed.error().code == ErrorCode::Conflict
                                ? Error{ErrorCode::NotFound, claimed.error().message}
                                : claimed.error();
        m_audit.record(admin.isEmpty() ? QStringLiteral("device") : admin,
                       QStringLiteral("shadow.start"), deviceObject(device.id), claim.peer,
                       QStringLiteral("denied"),
                       QStringLiteral("session=%1 %2").arg(claim.session, error.message));
        if (requestId) {
            m_send(device.id,
                   protocol::ErrorMessage{QString::fromLatin1(errorCodeName(error.code).data()),
                                          error.message},
                   requestId);
        }
        return;
    }
    m_audit.record(
        admin, QStringLiteral("shadow.start"), deviceObject(device.id), claim.peer,
        QStringLiteral("success"),
        QStringLiteral("session=%1 path=%2")
            .arg(claim.session, session && session->has_value() ? (*session)->path : QString()));
    if (m_inUse) {
        m_inUse->insert(claim.session);
    }
    if (requestId) {
        m_send(device.id, protocol::ShadowClaimed{claim.session}, requestId);
    }
}

void ShadowService::ended(const db::Device& device, const protocol::ShadowEnded& report)
{
    auto session = m_shadow.findSession(report.session);
    if (auto stored = m_shadow.endSession(report.session, device.id, m_clock(),
                                          report.bytesFromViewer, report.bytesToViewer);
        !stored) {
        qCWarning(lcServerGateway).noquote() << QStringLiteral("shadow end refused device=%1: %2")
                                                    .arg(device.id)
                                                    .arg(stored.error().message);
        return;
    }
    if (m_inUse) {
        m_inUse->remove(report.session);
    }
    // A session the server ended is audited with the server's reason, whatever came first at
    // the agent (the relay's close may reach it before shadow.end).
    const QString reason =
        m_ending.contains(report.session) ? m_ending.take(report.session) : report.reason;
    const QString admin = session && session->has_value() ? (*session)->admin : QString();
    const QString path = session && session->has_value() ? (*session)->path : QString();
    const QString peer = session && session->has_value() ? (*session)->peer : QString();
    m_audit.record(admin, QStringLiteral("shadow.end"), deviceObject(device.id), peer,
                   QStringLiteral("success"),
                   QStringLiteral("session=%1 path=%2 duration_ms=%3 bytes_to_viewer=%4 "
                                  "bytes_from_viewer=%5 reason=%6")
                       .arg(report.session, path)
                       .arg(report.durationMs)
                       .arg(report.bytesToViewer)
                       .arg(report.bytesFromViewer)
                       .arg(reason));
}

Result<void> ShadowService::mayStillShadow(const QString& admin, qint64 deviceId,
                                           const QString& session) const
{
    if (!m_rightCheck || admin.isEmpty()) {
        return {};
    }
    auto holds = m_rightCheck(admin, deviceId);
    if (holds && !*holds) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("shadow session %1: %2 no longer holds the Shadow right "
                                        "on device %3")
                             .arg(session, admin)
                             .arg(deviceId));
    }
    return {};
}

int ShadowService::recheckSessions()
{
    if (!m_rightCheck || (m_inUse && m_inUse->isEmpty())) {
        return 0;
    }
    auto inUse = m_shadow.sessionsInUse();
    if (!inUse) {
        qCWarning(lcServerGateway).noquote()
            << QStringLiteral("shadow sessions not rechecked: %1").arg(inUse.error().message);
        return 0;
    }
    m_inUse = QSet<QString>();
    for (const db::ShadowSession& session : *inUse) {
        m_inUse->insert(session.id);
    }
    int ended = 0;
    for (const db::ShadowSession& session : *inUse) {
        if (m_ending.contains(session.id)) {
            continue;
        }
        auto holds = m_rightCheck(session.admin, session.deviceId);
        if (!holds) {
            qCWarning(lcServerGateway).noquote()
                << QStringLiteral("shadow session %1 not rechecked: %2")
                       .arg(session.id, holds.error().message);
            continue;
        }
        if (!*holds && endSession(session.id, QStringLiteral("rights revoked"))) {
            ++ended;
        }
    }
    return ended;
}

bool ShadowService::endSession(const QString& id, const QString& reason)
{
    auto found = m_shadow.findSession(id);
    if (!found || !found->has_value() || (*found)->state != QLatin1String("used")) {
        return false;
    }
    const db::ShadowSession& session = **found;
    m_ending.insert(id, reason);
    const bool told = m_send(session.deviceId, protocol::ShadowEnd{id, reason}, std::nullopt);
    if (session.path == QLatin1String("relay") && m_closeRelay) {
        m_closeRelay(id, reason);
    }
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("shadow session ending session=%1 device=%2 admin=%3 reason=%4")
               .arg(id)
               .arg(session.deviceId)
               .arg(session.admin, reason);
    m_audit.record(session.admin, QStringLiteral("shadow.revoke"), deviceObject(session.deviceId),
                   session.peer, told ? QStringLiteral("success") : QStringLiteral("failure"),
                   QStringLiteral("session=%1 path=%2 reason=%3%4")
                       .arg(id, session.path, reason,
                            told ? QString() : QStringLiteral(" (the device is offline)")));
    return true;
}

void ShadowService::refused(const db::Device& device, const protocol::ShadowRefused& report,
                            const QString& peer)
{
    QString admin;
    if (!report.session.isEmpty()) {
        auto session = m_shadow.findSession(report.session);
        // Only a session of this device names its administrator; a forged one names nobody.
        if (session && session->has_value() && (*session)->deviceId == device.id) {
            admin = (*session)->admin;
            // Refused after its claim (consent denied, the console gone while the user was
            // asked): the session will never carry bytes, so it must not stay in use.
            if ((*session)->state == QLatin1String("used")) {
                (void)m_shadow.endSession(report.session, device.id, m_clock(), 0, 0);
            }
        }
    }
    m_audit.record(admin.isEmpty() ? QStringLiteral("device") : admin,
                   QStringLiteral("shadow.refused"), deviceObject(device.id),
                   report.peer.isEmpty() ? peer : report.peer, QStringLiteral("denied"),
                   QStringLiteral("status=%1 session=%2 %3")
                       .arg(report.status,
                            report.session.isEmpty() ? QStringLiteral("-") : report.session,
                            report.reason));
}

} // namespace steward::server::services
