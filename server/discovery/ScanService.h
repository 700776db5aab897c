// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ScanService - UDP scans for agents and the signed register offers sent to what they found.
#pragma once

#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/crypto/PrivateKey.h"
#include "common/protocol/Discovery.h"
#include "server/services/Clock.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QTimer>
#include <QUdpSocket>
#include <QUrl>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <vector>

namespace steward::server::db {
class DeviceRepository;
class EnrollmentTokenRepository;
class FolderRepository;
} // namespace steward::server::db
namespace steward::server::services {
class AuditLog;
class EnrollmentService;
class ServerIdentity;
} // namespace steward::server::services

namespace steward::server::discovery {

struct ScanSettings {
    quint16 agentPort = protocol::discovery::DefaultPort;
    std::chrono::milliseconds wait{3000}; // answers are collected this long after the last probe
    int maxAddresses = 1024;
    std::chrono::seconds offerLifetime{600};
    QUrl serverUrl; // what offers name; empty: derived per device (serverUrlFor)
};

struct ScanResult {
    int n = 0;
    QHostAddress address;
    quint16 port = 0;
    protocol::discovery::Identity identity;
    std::optional<qint64> knownDeviceId;
    qint64 seenAt = 0;
    QString offer; // "", "sent", "accepted" or "refused"
    QString offerReason;
    QString offerNonce;
};

struct Scan {
    qint64 id = 0;
    QString range;
    quint16 port = 0;
    QString nonce;
    QString createdBy;
    qint64 startedAt = 0;
    int probes = 0;
    int sent = 0;
    bool finished = false;
    std::vector<ScanResult> results;
};

struct OfferSent {
    qint64 tokenId = 0;
    qint64 expires = 0;
    QUrl server;
    QHostAddress address;
    quint16 port = 0;
};

/** A signed offer datagram: the terms signed with a device-communication key. */
[[nodiscard]] Result<protocol::discovery::Offer>
signedOffer(const crypto::Certificate& certificate, const crypto::PrivateKey& key,
            const protocol::discovery::OfferTerms& terms, const QString& nonce, quint16 replyPort);
/** The same, signed with the identity's tckey. */
[[nodiscard]] Result<protocol::discovery::Offer>
signedOffer(const services::ServerIdentity& identity, const protocol::discovery::OfferTerms& terms,
            const QString& nonce, quint16 replyPort);

/** The certificate and key that sign offers: the default device-communication certificate. */
using OfferSigner = std::function<Result<std::pair<crypto::Certificate, crypto::PrivateKey>>()>;

/**
 * One UDP socket (an ephemeral port on every address) sends probes and offers and receives
 * identities and offer replies; a reply counts only with the nonce of a running scan or an
 * offer sent. Scans live in memory (the newest MaxScans); results are capped per scan.
 */
class ScanService : public QObject {
    Q_OBJECT

public:
    static constexpr int MaxScans = 20;

    ScanService(ScanSettings settings, db::DeviceRepository& devices,
                db::EnrollmentTokenRepository& tokens, db::FolderRepository& folders,
                services::EnrollmentService& enrollment, const services::ServerIdentity& identity,
                services::AuditLog& audit, services::Clock clock, std::function<quint16()> webPort);

    /** Without a signer, offers are signed with the identity's tckey. */
    void setOfferSigner(OfferSigner signer) { m_offerSigner = std::move(signer); }
    [[nodiscard]] Result<void> start();
    /** Validates and starts a scan; audited as "scan.create". */
    [[nodiscard]] Result<qint64> startScan(const QString& range, std::optional<quint16> port,
                                           const QString& actor, const QString& peer);
    [[nodiscard]] const Scan* scan(qint64 id) const;
    [[nodiscard]] const std::deque<Scan>& scans() const { return m_scans; }
    /**
     * Creates a one-time token bound to the result's unit and sends it a signed offer;
     * audited as "scan.register". Conflict when the agent said it is enrolled.
     */
    [[nodiscard]] Result<OfferSent> offer(qint64 scanId, int n, const QString& actor,
                                          const QString& peer);

private:
    void sendBatch();
    void handleReadyRead();
    void handleIdentity(const protocol::discovery::Identity& identity, const QHostAddress& from,
                        quint16 fromPort);
    void handleOfferReply(const protocol::discovery::OfferReply& reply, const QHostAddress& from);
    [[nodiscard]] Scan* findScan(qint64 id);
    [[nodiscard]] QUrl serverUrlFor(const QHostAddress& target) const;
    [[nodiscard]] std::optional<qint64> knownDevice(const protocol::discovery::Identity& identity);

    ScanSettings m_settings;
    db::DeviceRepository& m_devices;
    db::EnrollmentTokenRepository& m_tokens;
    db::FolderRepository& m_folders;
    services::EnrollmentService& m_enrollment;
    const services::ServerIdentity& m_identity;
    services::AuditLog& m_audit;
    services::Clock m_clock;
    std::function<quint16()> m_webPort;
    OfferSigner m_offerSigner;
    QUdpSocket m_socket;
    QTimer m_sender;
    QTimer m_finisher;
    std::deque<Scan> m_scans;
    struct Pending {
        qint64 scanId;
        QHostAddress address;
        quint16 port;
    };
    std::deque<Pending> m_pending;
    std::map<qint64, QElapsedTimer> m_lastProbe; // scan id → since its last probe went out
    qint64 m_nextId = 1;
};

} // namespace steward::server::discovery
