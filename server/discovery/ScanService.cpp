// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/discovery/ScanService.h"

#include "common/crypto/Signature.h"
#include "server/app/Logging.h"
#include "server/db/DeviceRepository.h"
#include "server/discovery/AddressRange.h"
#include "server/services/AuditLog.h"
#include "server/services/EnrollmentService.h"
#include "server/services/ServerIdentity.h"

#include <QHostInfo>
#include <QNetworkDatagram>
#include <QNetworkInterface>

namespace steward::server::discovery {
namespace {

namespace wire = protocol::discovery;

constexpr int ProbesPerBatch = 64;
constexpr std::chrono::milliseconds BatchInterval{5};

} // namespace

Result<wire::Offer> signedOffer(const crypto::Certificate& certificate,
                                const crypto::PrivateKey& key, const wire::OfferTerms& terms,
                                const QString& nonce, quint16 replyPort)
{
    wire::Offer offer;
    offer.nonce = nonce;
    offer.replyPort = replyPort;
    offer.terms = wire::encodeTerms(terms);
    auto signature = crypto::signData(key, offer.terms);
    if (!signature) {
        return signature.error();
    }
    offer.signature = *signature;
    offer.certificate = certificate.toDer();
    return offer;
}

Result<wire::Offer> signedOffer(const services::ServerIdentity& identity,
                                const wire::OfferTerms& terms, const QString& nonce,
                                quint16 replyPort)
{
    return signedOffer(identity.deviceCommunication(), identity.deviceCommunicationKey(), terms,
                       nonce, replyPort);
}

ScanService::ScanService(ScanSettings settings, db::DeviceRepository& devices,
                         db::EnrollmentTokenRepository& tokens, db::FolderRepository& folders,
                         services::EnrollmentService& enrollment,
                         const services::ServerIdentity& identity, services::AuditLog& audit,
                         services::Clock clock, std::function<quint16()> webPort)
    : m_settings(std::move(settings)), m_devices(devices), m_tokens(tokens), m_folders(folders),
      m_enrollment(enrollment), m_identity(identity), m_audit(audit), m_clock(std::move(clock)),
      m_webPort(std::move(webPort))
{
    m_sender.setInterval(BatchInterval);
    connect(&m_sender, &QTimer::timeout, this, &ScanService::sendBatch);
    m_finisher.setInterval(std::min(m_settings.wait, std::chrono::milliseconds(250)));
    connect(&m_finisher, &QTimer::timeout, this, [this] {
        bool running = false;
        for (auto& scan : m_scans) {
            if (!scan.finished && scan.sent == scan.probes
                && m_lastProbe[scan.id].hasExpired(m_settings.wait.count())) {
                scan.finished = true;
                m_lastProbe.erase(scan.id);
            }
            running = running || !scan.finished;
        }
        if (!running) {
            m_finisher.stop();
        }
    });
    connect(&m_socket, &QUdpSocket::readyRead, this, &ScanService::handleReadyRead);
}

Result<void> ScanService::start()
{
    if (!m_socket.bind(QHostAddress::AnyIPv4, 0)) {
        return makeError(
            ErrorCode::ConnectionFailed,
            QStringLiteral("the scan socket cannot bind: %1").arg(m_socket.errorString()));
    }
    return {};
}

Result<qint64> ScanService::startScan(const QString& range, std::optional<quint16> port,
                                      const QString& actor, const QString& peer)
{
    auto parsed = parseScanRange(range, m_settings.maxAddresses);
    if (!parsed) {
        return parsed.error();
    }
    Scan scan;
    scan.id = m_nextId++;
    scan.range = range.trimmed();
    scan.port = port.value_or(m_settings.agentPort);
    scan.nonce = wire::newNonce();
    scan.createdBy = actor;
    scan.startedAt = m_clock();
    scan.probes = int(parsed->addresses.size());
    for (const auto& address : parsed->addresses) {
        m_pending.push_back({scan.id, address, scan.port});
    }
    m_lastProbe[scan.id].start();
    m_scans.push_back(std::move(scan));
    while (m_scans.size() > MaxScans) {
        m_lastProbe.erase(m_scans.front().id);
        m_scans.pop_front();
    }
    m_sender.start();
    m_finisher.start();
    sendBatch();
    m_audit.record(actor, QStringLiteral("scan.create"),
                   QStringLiteral("scan:%1").arg(m_scans.back().id), peer, QStringLiteral("ok"),
                   QStringLiteral("range=%1 port=%2 probes=%3")
                       .arg(m_scans.back().range)
                       .arg(m_scans.back().port)
                       .arg(m_scans.back().probes));
    return m_scans.back().id;
}

void ScanService::sendBatch()
{
    for (int i = 0; i < ProbesPerBatch && !m_pending.empty(); ++i) {
        const Pending next = m_pending.front();
        m_pending.pop_front();
        Scan* scan = findScan(next.scanId);
        if (!scan) {
            continue; // dropped meanwhile
        }
        m_socket.writeDatagram(wire::encode(wire::Probe{scan->nonce, m_socket.localPort()}),
                               next.address, next.port);
        ++scan->sent;
        m_lastProbe[scan->id].start();
    }
    if (m_pending.empty()) {
        m_sender.stop();
    }
}

Scan* ScanService::findScan(qint64 id)
{
    for (auto& scan : m_scans) {
        if (scan.id == id) {
            return &scan;
        }
    }
    return nullptr;
}

const Scan* ScanService::scan(qint64 id) const
{
    return const_cast<ScanService*>(this)->findScan(id);
}

void ScanService::handleReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram(wire::MaxDatagramBytes + 1);
        auto decoded = wire::decode(datagram.data());
        const QHostAddress from = normalisedAddress(datagram.senderAddress());
        if (!decoded) {
            qCDebug(lcServerApp).noquote()
                << QStringLiteral("discovery datagram refused from=%1 %2")
                       .arg(from.toString(), decoded.error().message);
            continue;
        }
        if (const auto* identity = std::get_if<wire::Identity>(&*decoded)) {
            handleIdentity(*identity, from, quint16(std::max(0, datagram.senderPort())));
        } else if (const auto* reply = std::get_if<wire::OfferReply>(&*decoded)) {
            handleOfferReply(*reply, from);
        }
    }
}

std::optional<qint64> ScanService::knownDevice(const wire::Identity& identity)
{
    if (!identity.deviceId) {
        return std::nullopt;
    }
    auto device = m_devices.findById(*identity.deviceId);
    if (!device || !device->has_value()
        || (*device)->unitId.compare(identity.unitId, Qt::CaseInsensitive) != 0) {
        return std::nullopt; // not ours, or another device's id
    }
    return (*device)->id;
}

void ScanService::handleIdentity(const wire::Identity& identity, const QHostAddress& from,
                                 quint16 fromPort)
{
    for (auto& scan : m_scans) {
        if (scan.nonce != identity.nonce || scan.finished) {
            continue;
        }
        for (auto& result : scan.results) {
            if (result.address == from && result.port == fromPort) {
                return; // answered twice (several broadcast addresses reach it)
            }
        }
        if (int(scan.results.size()) >= m_settings.maxAddresses) {
            return;
        }
        ScanResult result;
        result.n = int(scan.results.size()) + 1;
        result.address = from;
        result.port = fromPort;
        result.identity = identity;
        result.knownDeviceId = knownDevice(identity);
        result.seenAt = m_clock();
        scan.results.push_back(std::move(result));
        return;
    }
}

void ScanService::handleOfferReply(const wire::OfferReply& reply, const QHostAddress& from)
{
    for (auto& scan : m_scans) {
        for (auto& result : scan.results) {
            if (result.offerNonce != reply.nonce || result.address != from
                || result.offer != QLatin1String("sent")) {
                continue;
            }
            result.offer = reply.accepted ? QStringLiteral("accepted") : QStringLiteral("refused");
            result.offerReason = reply.reason;
            m_audit.record(
                QStringLiteral("discovery"), QStringLiteral("scan.offer-reply"),
                QStringLiteral("scan:%1/%2").arg(scan.id).arg(result.n), from.toString(),
                reply.accepted ? QStringLiteral("ok") : QStringLiteral("denied"),
                QStringLiteral("unit=%1 reason=%2").arg(result.identity.unitId, reply.reason));
            return;
        }
    }
}

QUrl ScanService::serverUrlFor(const QHostAddress& target) const
{
    if (m_settings.serverUrl.isValid() && !m_settings.serverUrl.isEmpty()) {
        return m_settings.serverUrl;
    }
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setPort(m_webPort());
    url.setHost(QHostInfo::localHostName());
    if (target.isLoopback()) {
        url.setHost(QStringLiteral("127.0.0.1"));
        return url;
    }
    // The address of ours on the device's subnet: the web certificate carries every one.
    for (const auto& interface : QNetworkInterface::allInterfaces()) {
        for (const auto& entry : interface.addressEntries()) {
            if (entry.ip().protocol() == QAbstractSocket::IPv4Protocol
                && target.isInSubnet(entry.ip(), entry.prefixLength())) {
                url.setHost(entry.ip().toString());
                return url;
            }
        }
    }
    return url;
}

Result<OfferSent> ScanService::offer(qint64 scanId, int n, const QString& actor,
                                     const QString& peer)
{
    Scan* scan = findScan(scanId);
    if (!scan) {
        return makeError(ErrorCode::NotFound, QStringLiteral("no scan %1").arg(scanId));
    }
    if (n < 1 || n > int(scan->results.size())) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("scan %1 has no result %2").arg(scanId).arg(n));
    }
    ScanResult& result = scan->results[size_t(n - 1)];
    const QString object = QStringLiteral("scan:%1/%2").arg(scanId).arg(n);
    if (result.identity.enrolled) {
        m_audit.record(actor, QStringLiteral("scan.register"), object, peer,
                       QStringLiteral("denied"), QStringLiteral("the agent is enrolled"));
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("%1 answered that it is enrolled (device %2 at %3); "
                                        "release it before registering it here")
                             .arg(result.address.toString())
                             .arg(result.identity.deviceId.value_or(0))
                             .arg(result.identity.server));
    }
    auto token = services::createEnrollmentToken(
        m_tokens, m_folders, m_audit, m_settings.offerLifetime, {}, actor, peer, m_clock());
    if (!token) {
        return token.error();
    }
    m_enrollment.bindToken(token->id, result.identity.unitId);
    wire::OfferTerms terms;
    const QUrl server = serverUrlFor(result.address);
    terms.server = server.toString();
    terms.fingerprint = QString::fromLatin1(m_identity.webCertificate()
                                                .fingerprint(crypto::FingerprintAlgorithm::Sha256)
                                                .toHex()
                                                .toUpper());
    terms.token = token->token;
    terms.expires = token->expiresAt;
    terms.unitId = result.identity.unitId;
    auto signer = m_offerSigner
                      ? m_offerSigner()
                      : Result<std::pair<crypto::Certificate, crypto::PrivateKey>>(std::pair{
                          m_identity.deviceCommunication(), m_identity.deviceCommunicationKey()});
    if (!signer) {
        return signer.error();
    }
    auto offer =
        signedOffer(signer->first, signer->second, terms, wire::newNonce(), m_socket.localPort());
    if (!offer) {
        return offer.error();
    }
    m_socket.writeDatagram(wire::encode(*offer), result.address, result.port);
    result.offer = QStringLiteral("sent");
    result.offerReason.clear();
    result.offerNonce = offer->nonce;
    m_audit.record(actor, QStringLiteral("scan.register"), object, peer, QStringLiteral("ok"),
                   QStringLiteral("unit=%1 address=%2 token=%3 server=%4")
                       .arg(result.identity.unitId, result.address.toString())
                       .arg(token->id)
                       .arg(terms.server));
    return OfferSent{token->id, token->expiresAt, server, result.address, result.port};
}

} // namespace steward::server::discovery
