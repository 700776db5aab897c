// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowGate - admits one shadow stream: preamble, ticket checks, claim, consent, VNC connect.
#pragma once

#include "agent/shadow/ConsentPrompt.h"
#include "agent/shadow/ShadowAuthority.h"
#include "common/crypto/Certificate.h"
#include "common/shadow/ShadowPolicy.h"
#include "common/shadow/ShadowTicket.h"
#include "common/shadow/ShadowWire.h"

#include <QElapsedTimer>
#include <QIODevice>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace steward::agent::shadow {

/** Where the proxy's admitted streams go, and the checks' fixed inputs. */
struct GateSettings {
    qint64 deviceId = 0;
    QString deviceName;
    crypto::Certificate signer; // the pinned device-communication certificate
    QString vncHost = QStringLiteral("127.0.0.1");
    quint16 vncPort = 5901;
    bool vncEnforcesViewOnly = true; // false for an external VNC server
    QString consentCommand;
    /** steward-agent-prompt: asks on the display when no consent command is configured. */
    QString promptProgram;
    QString path = QStringLiteral("direct"); // the path streams arrive by: tickets must name it
    std::chrono::milliseconds preambleTimeout{10000};
    std::chrono::milliseconds claimTimeout{10000};
    std::chrono::milliseconds vncConnectTimeout{5000};
    /** Called with the session's view-only flag just before connecting to the VNC server. */
    std::function<void(bool viewOnly)> prepareVnc;
};

/**
 * Works on any QIODevice stream (a QSslSocket for the direct path, a relay tunnel stream): it
 * only reads exactly the preamble's bytes and writes exactly the reply. In order: preamble
 * (with a timeout), ticket form, signature, expiry, device id, policy, claim at the server,
 * consent, VNC connection. Nothing reaches the VNC server before the last check passed: the
 * VNC socket is only opened then. admitted() hands over the connected VNC socket after the OK
 * reply was written; refused() follows a refusal reply (already written when the stream was
 * still open). Exactly one of them is emitted. The caller owns the stream and closes it.
 */
class ShadowGate : public QObject {
    Q_OBJECT

public:
    ShadowGate(QIODevice& stream, QString peer, const GateSettings& settings,
               steward::shadow::ShadowPolicy policy, ShadowAuthority& authority,
               QObject* parent = nullptr);
    ~ShadowGate() override;

    /** Starts reading; call once the stream is open (for TLS: encrypted). */
    void start();
    /** The stream ended or failed before the gate finished: stops everything, no reply. */
    void abandon(const QString& why);

    [[nodiscard]] const std::optional<steward::shadow::SignedTicket>& ticket() const
    {
        return m_ticket;
    }
    [[nodiscard]] bool isClaimed() const { return m_claimed; }
    [[nodiscard]] bool isViewOnly() const { return m_policy.viewOnly; }

Q_SIGNALS:
    void admitted(QTcpSocket* vnc); // parented to the gate; take it with setParent()
    void refused(steward::shadow::ShadowStatus status, const QString& reason);

private:
    void readPreamble();
    void checkTicket(const QByteArray& text);
    void claimed(const Result<void>& answer);
    void askConsent();
    void connectVnc();
    void refuse(steward::shadow::ShadowStatus status, const QString& reason);

    QPointer<QIODevice> m_stream;
    QString m_peer;
    GateSettings m_settings;
    steward::shadow::ShadowPolicy m_policy;
    ShadowAuthority& m_authority;
    QByteArray m_header;
    QTimer m_timer;
    std::optional<steward::shadow::SignedTicket> m_ticket;
    std::unique_ptr<ConsentPrompt> m_consent;
    std::unique_ptr<QTcpSocket> m_vnc;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    bool m_claimed = false;
    bool m_claimSent = false; // the ticket passed every local check and was sent to the server
    bool m_done = false;
};

} // namespace steward::agent::shadow
