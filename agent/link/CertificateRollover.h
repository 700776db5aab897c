// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// CertificateRollover - the agent's side of certificate.rollover: verify, pin, confirm.
#pragma once

#include "agent/enrol/AgentState.h"
#include "common/core/Result.h"
#include "common/crypto/Certificate.h"
#include "common/protocol/CertificateRollover.h"
#include "common/protocol/CertificateSupport.h"

#include <QObject>
#include <QSslCertificate>

namespace steward::protocol {
struct IncomingMessage;
}

namespace steward::agent {

class ServerLink;

/** The lower-case hex SHA-256 of \a certificate's DER, as the protocol names certificates. */
[[nodiscard]] QString pinFingerprint(const QSslCertificate& certificate);

/**
 * The certificate \a rollover offers, or why it must be refused: it must address \a deviceId,
 * be signed by the \a pinned certificate, hold exactly one certificate whose SHA-256 is the
 * announced fingerprint, be valid now and be one \a support covers.
 */
[[nodiscard]] Result<crypto::Certificate>
checkRollover(const protocol::CertificateRollover& rollover, qint64 deviceId,
              const QSslCertificate& pinned, const protocol::CertificateSupport& support);

/**
 * Handles certificate.rollover from the link: a checked certificate replaces tckey.crt in the
 * state directory in one step (written to a temporary file, then renamed: never half-written),
 * becomes the pin, pinChanged() tells the users of the pin, and certificate.confirm reports
 * it. Anything refused, including a failed write, keeps the old pin and is confirmed as a
 * refusal with the reason.
 */
class CertificateRollover : public QObject {
    Q_OBJECT

public:
    CertificateRollover(
        StateDirectory state, qint64 deviceId, QSslCertificate pinned,
        protocol::CertificateSupport support = protocol::CertificateSupport::current(),
        QObject* parent = nullptr);

    /** Answers rollovers arriving on \a link. */
    void attach(ServerLink& link);
    /** Checks and applies \a rollover; the confirmation that goes to the server. */
    protocol::CertificateConfirm handle(const protocol::CertificateRollover& rollover);
    [[nodiscard]] const QSslCertificate& pinned() const { return m_pinned; }

Q_SIGNALS:
    void pinChanged(const QSslCertificate& pinned);

private:
    void received(ServerLink& link, const protocol::IncomingMessage& message);

    StateDirectory m_state;
    qint64 m_deviceId;
    QSslCertificate m_pinned;
    protocol::CertificateSupport m_support;
};

} // namespace steward::agent
