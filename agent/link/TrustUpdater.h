// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TrustUpdater - the agent's side of a CA rollover: trust.update and client.certificate.
#pragma once

#include "agent/enrol/AgentState.h"
#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/protocol/TrustUpdate.h"

#include <QObject>
#include <QSslCertificate>

#include <functional>

namespace steward::protocol {
struct IncomingMessage;
}

namespace steward::agent {

class ServerLink;

/** How far an instruction's issuedAt may lie from the agent's clock (either way). */
inline constexpr qint64 TrustUpdateWindowMs = 24LL * 3600 * 1000;

/**
 * The roots \a update asks to trust, or why it must be refused: it must address \a deviceId,
 * be signed by the \a pinned certificate, be newer than \a lastIssuedAt (else it is replayed),
 * within TrustUpdateWindowMs of \a nowMs (else stale), hold only self-signed CA certificates
 * valid now, and keep at least one of \a currentRoots (a server never leaps to roots the agent
 * cannot relate to the one it trusts).
 */
[[nodiscard]] Result<QList<crypto::Certificate>>
checkTrustUpdate(const protocol::TrustUpdate& update, qint64 deviceId,
                 const QSslCertificate& pinned, qint64 lastIssuedAt,
                 const QList<QSslCertificate>& currentRoots, qint64 nowMs);

/**
 * Handles trust.update and client.certificate from the link. An accepted update replaces
 * server-ca.crt (one step: a temporary file renamed over it) and trust.json; with renewClient
 * it also makes a new EC P-256 key (client.next.key, 0600) and sends its CSR in the confirm.
 * The client certificate that comes back must be signed like the update and hold that key;
 * it replaces client.crt and client.key (through client.next.crt: StateDirectory::load()
 * finishes an interrupted move). Either change emits trustChanged(): the link uses it from its
 * next connection. Anything refused keeps every file as it was and is confirmed as a refusal.
 */
class TrustUpdater : public QObject {
    Q_OBJECT

public:
    using Now = std::function<qint64()>; // ms since the epoch

    TrustUpdater(StateDirectory state, qint64 deviceId, QSslCertificate pinned,
                 QList<QSslCertificate> roots, Now now = {}, QObject* parent = nullptr);

    void attach(ServerLink& link);
    void setPinned(const QSslCertificate& pinned) { m_pinned = pinned; }
    protocol::TrustConfirm handle(const protocol::TrustUpdate& update);
    protocol::ClientConfirm handle(const protocol::ClientCertificate& certificate);
    [[nodiscard]] const QList<QSslCertificate>& roots() const { return m_roots; }
    [[nodiscard]] qint64 lastIssuedAt() const { return m_lastIssuedAt; }

Q_SIGNALS:
    /** server-ca.crt or the client certificate changed on disk. */
    void trustChanged();

private:
    void received(ServerLink& link, const protocol::IncomingMessage& message);
    [[nodiscard]] Result<QString> makeRequest();
    [[nodiscard]] Result<void> storeClient(const crypto::Certificate& certificate);

    StateDirectory m_state;
    qint64 m_deviceId;
    QSslCertificate m_pinned;
    QList<QSslCertificate> m_roots;
    Now m_now;
    qint64 m_lastIssuedAt = 0;
    qint64 m_renewalIssuedAt = 0; // the update that asked for the pending key; 0: none pending
};

} // namespace steward::agent
