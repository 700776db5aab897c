// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// LinkAuthority - the shadow proxy's ShadowAuthority over the agent's device channel.
#pragma once

#include "agent/shadow/ShadowAuthority.h"
#include "common/protocol/Decoder.h"
#include "common/shadow/ShadowPolicy.h"

#include <QObject>

#include <functional>
#include <map>

namespace steward::agent {
class ServerLink;
}

namespace steward::agent::shadow {

/**
 * Sends shadow.claim and matches the server's shadow.claimed / error by `re`; a link that goes
 * down answers every pending claim with ConnectionFailed. Uploads the shadow certificate at
 * each link-up (and when it changes), and turns shadow.policy into policyChanged() and
 * shadow.end into endRequested().
 */
class LinkAuthority : public QObject, public ShadowAuthority {
    Q_OBJECT

public:
    explicit LinkAuthority(ServerLink& link, QObject* parent = nullptr);
    ~LinkAuthority() override;

    void claim(const protocol::ShadowClaim& claim,
               std::function<void(Result<void>)> answer) override;
    void ended(const protocol::ShadowEnded& report) override;
    void refused(const protocol::ShadowRefused& report) override;

    /** The PEM and port uploaded at each link-up; sent at once when the link is up. */
    void setCertificate(const QByteArray& pem, int port);

Q_SIGNALS:
    void policyChanged(const steward::shadow::ShadowPolicy& policy);
    void expected(const QString& session);
    /** The server asks for the device's side of relay tunnel \a tunnel (tunnel.open). */
    void tunnelRequested(const QString& tunnel, const QString& service);
    /** The server ends session \a session now (shadow.end), e.g. its administrator lost Shadow. */
    void endRequested(const QString& session, const QString& reason);

private:
    void handle(const protocol::IncomingMessage& incoming);
    void failPending(const QString& why);

    ServerLink& m_link;
    QByteArray m_certificate;
    int m_port = 0;
    std::map<protocol::MessageId, std::function<void(Result<void>)>> m_pending;
};

} // namespace steward::agent::shadow
