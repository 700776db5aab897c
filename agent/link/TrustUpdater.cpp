// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/link/TrustUpdater.h"

#include "agent/app/Logging.h"
#include "agent/link/CertificateRollover.h"
#include "agent/link/PinnedSignature.h"
#include "agent/link/ServerLink.h"
#include "common/crypto/CertificateRequest.h"
#include "common/crypto/PrivateKey.h"
#include "common/protocol/Decoder.h"
#include "common/protocol/StrictJson.h"

#include <QDateTime>
#include <QFile>
#include <QHostInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace steward::agent {
namespace {

constexpr char RootsFile[] = "server-ca.crt";
constexpr char TrustFile[] = "trust.json";
constexpr char NextKeyFile[] = "client.next.key";
constexpr char NextCertificateFile[] = "client.next.crt";

qint64 readLastIssued(const StateDirectory& state)
{
    QFile file(state.filePath(QLatin1String(TrustFile)));
    if (!file.open(QIODevice::ReadOnly)) {
        return 0;
    }
    auto json = protocol::parseStrictJsonObject(file.read(4096));
    return json ? json->value(QStringLiteral("issuedAt")).toInteger() : 0;
}

QString timeText(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

Result<void> checkWindow(qint64 issuedAt, qint64 lastIssuedAt, qint64 nowMs, const QString& what)
{
    if (issuedAt <= lastIssuedAt) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("%1 was issued at %2, not after the last one accepted "
                                        "(%3): replayed or out of order")
                             .arg(what, timeText(issuedAt), timeText(lastIssuedAt)));
    }
    if (issuedAt < nowMs - TrustUpdateWindowMs || issuedAt > nowMs + TrustUpdateWindowMs) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("%1 was issued at %2, more than a day from this device's "
                                        "clock (%3): stale")
                             .arg(what, timeText(issuedAt), timeText(nowMs)));
    }
    return {};
}

} // namespace

Result<QList<crypto::Certificate>> checkTrustUpdate(const protocol::TrustUpdate& update,
                                                    qint64 deviceId, const QSslCertificate& pinned,
                                                    qint64 lastIssuedAt,
                                                    const QList<QSslCertificate>& currentRoots,
                                                    qint64 nowMs)
{
    if (update.device != deviceId) {
        return makeError(ErrorCode::InvalidValue,
                         QStringLiteral("the trust update is for device %1, this is device %2")
                             .arg(update.device)
                             .arg(deviceId));
    }
    if (auto verified = verifyPinnedSignature(pinned, protocol::trustSigningPayload(update),
                                              update.signature, QStringLiteral("the trust update"));
        !verified) {
        return verified.error();
    }
    if (auto fresh =
            checkWindow(update.issuedAt, lastIssuedAt, nowMs, QStringLiteral("the trust update"));
        !fresh) {
        return fresh.error();
    }
    QList<crypto::Certificate> roots;
    bool continues = false;
    for (const auto& pem : update.roots) {
        auto root = crypto::Certificate::fromPem(pem.toLatin1());
        if (!root) {
            return makeError(ErrorCode::InvalidCertificate,
                             QStringLiteral("a root does not parse: ") + root.error().message);
        }
        if (!root->isCa() || !root->isSelfSigned() || !root->isValidAt()) {
            return makeError(ErrorCode::InvalidCertificate,
                             QStringLiteral("\"%1\" is not a self-signed CA certificate valid now")
                                 .arg(root->subject()));
        }
        continues = continues || currentRoots.contains(root->toQSslCertificate());
        roots.append(*root);
    }
    if (!continues) {
        return makeError(ErrorCode::UntrustedCertificate,
                         QStringLiteral("the trust update keeps none of the roots this device "
                                        "trusts now"));
    }
    return roots;
}

TrustUpdater::TrustUpdater(StateDirectory state, qint64 deviceId, QSslCertificate pinned,
                           QList<QSslCertificate> roots, Now now, QObject* parent)
    : QObject(parent), m_state(std::move(state)), m_deviceId(deviceId), m_pinned(std::move(pinned)),
      m_roots(std::move(roots)), m_now(std::move(now))
{
    if (!m_now) {
        m_now = [] { return QDateTime::currentMSecsSinceEpoch(); };
    }
    m_lastIssuedAt = readLastIssued(m_state);
}

void TrustUpdater::attach(ServerLink& link)
{
    connect(&link, &ServerLink::received, this,
            [this, &link](const protocol::IncomingMessage& message) { received(link, message); });
}

void TrustUpdater::received(ServerLink& link, const protocol::IncomingMessage& message)
{
    if (const auto* update = std::get_if<protocol::TrustUpdate>(&message.message)) {
        (void)link.send(handle(*update), message.id);
    } else if (const auto* client = std::get_if<protocol::ClientCertificate>(&message.message)) {
        (void)link.send(handle(*client), message.id);
    }
}

protocol::TrustConfirm TrustUpdater::handle(const protocol::TrustUpdate& update)
{
    QStringList current;
    for (const auto& root : m_roots) {
        current.append(pinFingerprint(root));
    }
    const auto refuse = [&](const QString& reason) {
        qCWarning(lcAgentApp).noquote()
            << QStringLiteral("trust update refused, keeping %1 root(s): %2")
                   .arg(m_roots.size())
                   .arg(reason);
        return protocol::TrustConfirm{update.issuedAt, current, false, reason, {}};
    };
    auto roots = checkTrustUpdate(update, m_deviceId, m_pinned, m_lastIssuedAt, m_roots, m_now());
    if (!roots) {
        return refuse(roots.error().message);
    }
    QString csr;
    if (update.renewClient) {
        auto made = makeRequest();
        if (!made) {
            return refuse(QStringLiteral("no key for a renewed client certificate: ")
                          + made.error().message);
        }
        csr = *made;
    }
    QByteArray pem;
    QList<QSslCertificate> accepted;
    QStringList fingerprints;
    for (const auto& root : *roots) {
        pem += root.toPem();
        accepted.append(root.toQSslCertificate());
        fingerprints.append(pinFingerprint(accepted.last()));
    }
    const QByteArray trust =
        QJsonDocument(QJsonObject{{QStringLiteral("issuedAt"), update.issuedAt}}).toJson();
    if (auto written = m_state.writeAtomically(QLatin1String(TrustFile), trust); !written) {
        return refuse(QStringLiteral("cannot be stored: ") + written.error().message);
    }
    m_lastIssuedAt = update.issuedAt; // from here on, this update cannot be replayed
    if (auto written = m_state.writeAtomically(QLatin1String(RootsFile), pem); !written) {
        return refuse(QStringLiteral("cannot be stored: ") + written.error().message);
    }
    const bool changed = accepted != m_roots;
    m_roots = accepted;
    m_renewalIssuedAt = update.renewClient ? update.issuedAt : 0;
    qCInfo(lcAgentApp).noquote() << QStringLiteral("trust updated: %1 root(s)%2")
                                        .arg(m_roots.size())
                                        .arg(update.renewClient
                                                 ? QStringLiteral(", client certificate requested")
                                                 : QString());
    if (changed) {
        Q_EMIT trustChanged();
    }
    return protocol::TrustConfirm{update.issuedAt, fingerprints, true, {}, csr};
}

Result<QString> TrustUpdater::makeRequest()
{
    auto key = crypto::PrivateKey::generate(crypto::KeySpec::ecP256());
    if (!key) {
        return key.error();
    }
    if (auto written = key->writeFile(m_state.filePath(QLatin1String(NextKeyFile))); !written) {
        return written.error();
    }
    auto csr = crypto::CertificateRequest::create(*key, QHostInfo::localHostName());
    if (!csr) {
        return csr.error();
    }
    return QString::fromLatin1(csr->toPem());
}

protocol::ClientConfirm TrustUpdater::handle(const protocol::ClientCertificate& message)
{
    const auto refuse = [&](const QString& reason) {
        qCWarning(lcAgentApp).noquote()
            << QStringLiteral("renewed client certificate refused: %1").arg(reason);
        return protocol::ClientConfirm{{}, false, reason};
    };
    if (message.device != m_deviceId) {
        return refuse(QStringLiteral("it is for device %1, this is device %2")
                          .arg(message.device)
                          .arg(m_deviceId));
    }
    if (auto verified =
            verifyPinnedSignature(m_pinned, protocol::clientSigningPayload(message),
                                  message.signature, QStringLiteral("the client certificate"));
        !verified) {
        return refuse(verified.error().message);
    }
    if (m_renewalIssuedAt == 0) {
        return refuse(QStringLiteral("no renewal is pending: replayed or unasked"));
    }
    if (auto fresh = checkWindow(message.issuedAt, m_renewalIssuedAt, m_now(),
                                 QStringLiteral("the client certificate"));
        !fresh) {
        return refuse(fresh.error().message);
    }
    auto certificate = crypto::Certificate::fromPem(message.certificate.toLatin1());
    if (!certificate) {
        return refuse(certificate.error().message);
    }
    if (!certificate->isValidAt()) {
        return refuse(QStringLiteral("it is not valid now"));
    }
    if (auto stored = storeClient(*certificate); !stored) {
        return refuse(stored.error().message);
    }
    m_renewalIssuedAt = 0;
    const QString fingerprint = pinFingerprint(certificate->toQSslCertificate());
    qCInfo(lcAgentApp).noquote()
        << QStringLiteral("client certificate renewed sha256=%1; used from the next connection")
               .arg(fingerprint);
    Q_EMIT trustChanged();
    return protocol::ClientConfirm{fingerprint, true, {}};
}

Result<void> TrustUpdater::storeClient(const crypto::Certificate& certificate)
{
    auto key = crypto::PrivateKey::readFile(m_state.filePath(QLatin1String(NextKeyFile)));
    if (!key) {
        return key.error();
    }
    if (!certificate.matches(*key)) {
        return makeError(ErrorCode::KeyMismatch,
                         QStringLiteral("it is not for the key of this device's request"));
    }
    if (auto written =
            m_state.writeAtomically(QLatin1String(NextCertificateFile), certificate.toPem());
        !written) {
        return written;
    }
    // load() would also finish this move after a crash between the two renames.
    return m_state.finishClientRenewal();
}

} // namespace steward::agent
