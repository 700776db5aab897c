// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/services/CaRollover.h"

#include "common/crypto/CertificateIssuer.h"
#include "common/crypto/ChainVerifier.h"
#include "common/crypto/Signature.h"
#include "common/protocol/Decoder.h"
#include "server/app/Logging.h"
#include "server/db/TrustRepository.h"
#include "server/db/records/Device.h"
#include "server/services/AuditLog.h"
#include "server/services/CertificateStore.h"
#include "server/services/EnrollmentService.h"

#include <QDateTime>

#include <algorithm>

namespace steward::server::services {
namespace {

const QString Actor = QStringLiteral("steward-server");
const QString TrustAction = QStringLiteral("ca.trust");
const QString ClientAction = QStringLiteral("ca.client-certificate");

QString deviceObject(qint64 id)
{
    return QStringLiteral("device:%1").arg(id);
}

QStringList fingerprints(const QList<crypto::Certificate>& certificates)
{
    QStringList list;
    for (const auto& certificate : certificates) {
        list.append(rootFingerprint(certificate));
    }
    list.sort();
    return list;
}

bool sameSet(const AuthoritySet& a, const AuthoritySet& b)
{
    return fingerprints(a.trustedRoots()) == fingerprints(b.trustedRoots())
           && fingerprints(a.deviceCas()) == fingerprints(b.deviceCas()) && a.root == b.root
           && a.deviceCa == b.deviceCa;
}

} // namespace

CaRollover::CaRollover(QString pkiDir, db::TrustRepository& devices, CertificateStore& store,
                       AuditLog& audit, RolloverChannel channel, std::chrono::milliseconds interval,
                       QObject* parent)
    : QObject(parent), m_pkiDir(std::move(pkiDir)), m_devices(devices), m_store(store),
      m_audit(audit), m_channel(std::move(channel))
{
    m_timer.setInterval(interval);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (auto reloaded = reload(); !reloaded) {
            qCWarning(lcServerApp).noquote() << reloaded.error().message;
        }
        m_inFlight.clear(); // a periodic pass offers again what went unanswered or was refused
        m_refused.clear();
        pass(m_channel.online(), false);
    });
}

Result<void> CaRollover::start()
{
    auto set = loadAuthorities(m_pkiDir);
    if (!set) {
        return set.error();
    }
    m_set = std::move(*set);
    if (auto recorded = m_devices.recordDefault(rootFingerprint(m_set.root),
                                                QDateTime::currentSecsSinceEpoch());
        !recorded) {
        qCWarning(lcServerApp).noquote() << recorded.error().message;
    }
    m_timer.start();
    return {};
}

Result<void> CaRollover::reload()
{
    auto set = loadAuthorities(m_pkiDir);
    if (!set) {
        return set.error();
    }
    const bool changed = !sameSet(*set, m_set);
    m_set = std::move(*set);
    if (changed) {
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("certificate authorities changed: roots=%1 device CAs=%2")
                   .arg(m_set.trustedRoots().size())
                   .arg(m_set.deviceCas().size());
        Q_EMIT authoritiesChanged();
    }
    return {};
}

int CaRollover::distribute()
{
    return pass(m_channel.online(), false);
}

void CaRollover::deviceGreeted(qint64 deviceId)
{
    m_inFlight.remove(deviceId);
    m_refused.remove(deviceId);
    m_renewed.remove(deviceId); // it presents what it stored: asked again only if that is old
    pass({deviceId}, true);
}

int CaRollover::pass(const std::vector<qint64>& deviceIds, bool force)
{
    if (deviceIds.empty()) {
        return 0;
    }
    // One device (a hello) reads only its own rows: a reconnecting fleet must not cost N².
    const auto only =
        deviceIds.size() == 1 ? std::optional<qint64>(deviceIds.front()) : std::optional<qint64>();
    (void)m_devices.recordDefault(rootFingerprint(m_set.root), QDateTime::currentSecsSinceEpoch(),
                                  only);
    auto certificates = m_devices.clientCertificates(only);
    if (!certificates) {
        qCWarning(lcServerApp).noquote()
            << QStringLiteral("trust distribution skipped: %1").arg(certificates.error().message);
        return 0;
    }
    QHash<qint64, QString> pems;
    for (const auto& device : *certificates) {
        pems.insert(device.deviceId, device.certPem);
    }
    const QList<crypto::Certificate> roots = m_set.trustedRoots();
    const QStringList wanted = fingerprints(roots);
    QStringList rootPems;
    for (const auto& root : roots) {
        rootPems.append(QString::fromLatin1(root.toPem()));
    }
    int sent = 0;
    for (const qint64 id : deviceIds) {
        if (!pems.contains(id) || (!force && (m_inFlight.contains(id) || m_refused.contains(id)))) {
            continue;
        }
        auto trusted = m_devices.trusted(id);
        if (!trusted) {
            continue;
        }
        auto client = crypto::Certificate::fromPem(pems.value(id).toLatin1());
        const bool renewClient =
            !m_renewed.contains(id)
            && (!client || !crypto::verifyChain(*client, {}, {m_set.deviceCa}).ok());
        if (*trusted == wanted && !renewClient) {
            continue;
        }
        m_lastIssued = std::max(QDateTime::currentMSecsSinceEpoch(), m_lastIssued + 1);
        protocol::TrustUpdate update{id, m_lastIssued, rootPems, renewClient, {}};
        auto key = m_store.signingKeyFor(id);
        auto signature = key ? crypto::signData(*key, protocol::trustSigningPayload(update))
                             : Result<QByteArray>(key.error());
        if (!signature) {
            qCWarning(lcServerApp).noquote()
                << QStringLiteral("device %1 cannot get a trust update: %2")
                       .arg(id)
                       .arg(signature.error().message);
            continue;
        }
        update.signature = *signature;
        if (!m_channel.send(id, update)) {
            continue;
        }
        m_inFlight.insert(id, update.issuedAt);
        ++sent;
    }
    if (sent > 0) {
        qCInfo(lcServerApp).noquote() << QStringLiteral("trust distribution: devices=%1 updates=%2")
                                             .arg(deviceIds.size())
                                             .arg(sent);
    }
    return sent;
}

bool CaRollover::handleDeviceMessage(const db::Device& device, const QString& peer,
                                     const protocol::IncomingMessage& message)
{
    if (const auto* confirm = std::get_if<protocol::TrustConfirm>(&message.message)) {
        handleTrust(device, peer, *confirm);
        return true;
    }
    const auto* client = std::get_if<protocol::ClientConfirm>(&message.message);
    if (client == nullptr) {
        return false;
    }
    if (client->accepted) {
        m_renewed.insert(device.id);
        m_audit.record(Actor, ClientAction, deviceObject(device.id), peer, QStringLiteral("ok"),
                       QStringLiteral("stored sha256=%1").arg(client->fingerprint));
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("device %1 stored its renewed client certificate").arg(device.id);
    } else {
        m_renewed.remove(device.id);
        m_audit.record(Actor, ClientAction, deviceObject(device.id), peer, QStringLiteral("denied"),
                       QStringLiteral("reason=") + client->reason);
        qCWarning(lcServerApp).noquote()
            << QStringLiteral("device %1 refused its renewed client certificate: %2")
                   .arg(device.id)
                   .arg(client->reason);
    }
    Q_EMIT clientConfirmed(device.id, client->accepted);
    return true;
}

void CaRollover::handleTrust(const db::Device& device, const QString& peer,
                             const protocol::TrustConfirm& confirm)
{
    if (m_inFlight.value(device.id) != confirm.issuedAt) {
        qCWarning(lcServerApp).noquote()
            << QStringLiteral("device %1 confirmed trust update %2, which is not the one in "
                              "flight; ignored")
                   .arg(device.id)
                   .arg(confirm.issuedAt);
        return;
    }
    m_inFlight.remove(device.id);
    if (!confirm.accepted) {
        m_refused.insert(device.id, confirm.issuedAt);
        m_audit.record(Actor, TrustAction, deviceObject(device.id), peer, QStringLiteral("denied"),
                       QStringLiteral("reason=") + confirm.reason);
        qCWarning(lcServerApp).noquote() << QStringLiteral("device %1 refused the trust update: %2")
                                                .arg(device.id)
                                                .arg(confirm.reason);
        Q_EMIT trustConfirmed(device.id, false);
        return;
    }
    QStringList roots = confirm.roots;
    roots.sort();
    auto recorded = m_devices.replace(device.id, roots, QDateTime::currentSecsSinceEpoch());
    m_audit.recordResult(Actor, TrustAction, deviceObject(device.id), peer, recorded,
                         QStringLiteral("roots=%1").arg(roots.join(QLatin1Char(','))));
    if (!recorded) {
        qCWarning(lcServerApp).noquote() << recorded.error().message;
        return;
    }
    qCInfo(lcServerApp).noquote()
        << QStringLiteral("device %1 trusts %2 root(s)").arg(device.id).arg(roots.size());
    if (!confirm.csr.isEmpty()) {
        issueClient(device, peer, confirm.csr);
    }
    Q_EMIT trustConfirmed(device.id, true);
}

void CaRollover::issueClient(const db::Device& device, const QString& peer, const QString& csrPem)
{
    const auto refuse = [&](const Error& error) {
        m_audit.record(Actor, ClientAction, deviceObject(device.id), peer, QStringLiteral("failed"),
                       QStringLiteral("reason=") + error.message);
        qCWarning(lcServerApp).noquote()
            << QStringLiteral("device %1 gets no renewed client certificate: %2")
                   .arg(device.id)
                   .arg(error.message);
    };
    auto csr = crypto::CertificateRequest::fromPem(csrPem.toLatin1());
    if (!csr) {
        refuse(csr.error());
        return;
    }
    auto current = crypto::Certificate::fromPem(device.certPem.toLatin1());
    crypto::CertificateOptions options;
    options.commonName = current ? current->subjectCommonName() : device.name;
    options.clientAuth = true;
    options.validity = DeviceCertificateValidity;
    auto issued = crypto::issueCertificate(*csr, m_set.deviceCa, m_set.deviceCaKey, options);
    if (!issued) {
        refuse(issued.error());
        return;
    }
    const QString fingerprint = rootFingerprint(*issued);
    if (auto kept = m_devices.setNextCertificate(device.id, fingerprint,
                                                 QString::fromLatin1(issued->toPem()));
        !kept) {
        refuse(kept.error());
        return;
    }
    m_lastIssued = std::max(QDateTime::currentMSecsSinceEpoch(), m_lastIssued + 1);
    protocol::ClientCertificate message{
        device.id, m_lastIssued, QString::fromLatin1(issued->toPem()), {}};
    auto key = m_store.signingKeyFor(device.id);
    auto signature = key ? crypto::signData(*key, protocol::clientSigningPayload(message))
                         : Result<QByteArray>(key.error());
    if (!signature) {
        refuse(signature.error());
        return;
    }
    message.signature = *signature;
    if (!m_channel.send(device.id, message)) {
        refuse(Error{ErrorCode::ConnectionClosed, QStringLiteral("the device went offline")});
        return;
    }
    m_renewed.insert(device.id); // asked no more while it stores this one
}

Result<std::optional<qint64>> CaRollover::promote(const QString& fingerprint)
{
    auto promoted = m_devices.promoteNext(fingerprint);
    if (promoted && promoted->has_value()) {
        m_renewed.remove(**promoted);
        qCInfo(lcServerApp).noquote()
            << QStringLiteral("device %1 connected with its renewed client certificate")
                   .arg(**promoted);
    }
    return promoted;
}

template <typename T>
Result<T> CaRollover::afterStep(Result<T> result, const QString& action, const QString& actor,
                                const QString& peer)
{
    m_audit.recordResult(actor, action, QStringLiteral("root:certificate-authorities"), peer,
                         result, QString());
    if (result) {
        redistribute();
    }
    return result;
}

void CaRollover::redistribute()
{
    if (auto reloaded = reload(); !reloaded) {
        qCWarning(lcServerApp).noquote() << reloaded.error().message;
    }
    m_inFlight.clear();
    m_refused.clear();
    pass(m_channel.online(), true);
}

Result<bool> CaRollover::distributeRoot(const crypto::Certificate& root)
{
    if (auto reloaded = reload(); !reloaded) {
        return reloaded.error();
    }
    if (m_set.isStewardRoot(root)) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("\"%1\" is a Steward root: devices are given it anyway")
                             .arg(root.subject()));
    }
    auto added = addDistributedRoot(m_pkiDir, root);
    if (added && *added) {
        redistribute();
    }
    return added;
}

Result<crypto::Certificate> CaRollover::renewRoot(const QString& actor, const QString& peer)
{
    return afterStep(services::renewRoot(m_pkiDir), QStringLiteral("ca.renew-root"), actor, peer);
}

Result<crypto::Certificate> CaRollover::renewDeviceCa(const QString& actor, const QString& peer)
{
    return afterStep(services::renewDeviceCa(m_pkiDir), QStringLiteral("ca.renew-device-ca"), actor,
                     peer);
}

Result<crypto::Certificate> CaRollover::activateRoot(const QString& actor, const QString& peer,
                                                     bool force)
{
    return afterStep(activateRootChecked(m_pkiDir, m_devices, force),
                     QStringLiteral("ca.activate-root"), actor, peer);
}

Result<QStringList> CaRollover::retireOld(const QString& actor, const QString& peer, bool force)
{
    return afterStep(retireOldChecked(m_pkiDir, m_devices, force), QStringLiteral("ca.retire-old"),
                     actor, peer);
}

Result<QJsonObject> CaRollover::status()
{
    return caStatus(m_pkiDir, m_devices);
}

Result<UntrustingDevices> CaRollover::notTrusting(const crypto::Certificate& root)
{
    return devicesNotTrusting(m_devices, root, m_set.root);
}

} // namespace steward::server::services
