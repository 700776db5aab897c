// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/shadow/ShadowGate.h"

#include "agent/shadow/Logging.h"

#include <QDateTime>

namespace steward::agent::shadow {

using steward::shadow::ShadowStatus;

ShadowGate::ShadowGate(QIODevice& stream, QString peer, const GateSettings& settings,
                       steward::shadow::ShadowPolicy policy, ShadowAuthority& authority,
                       QObject* parent)
    : QObject(parent), m_stream(&stream), m_peer(std::move(peer)), m_settings(settings),
      m_policy(policy), m_authority(authority)
{
    m_timer.setSingleShot(true);
}

ShadowGate::~ShadowGate()
{
    *m_alive = false;
    if (m_stream) {
        m_stream->disconnect(this);
    }
}

void ShadowGate::start()
{
    connect(m_stream, &QIODevice::readyRead, this, &ShadowGate::readPreamble);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        refuse(ShadowStatus::Malformed, QStringLiteral("no complete preamble within %1 ms")
                                            .arg(m_settings.preambleTimeout.count()));
    });
    m_timer.start(m_settings.preambleTimeout);
    readPreamble();
}

void ShadowGate::abandon(const QString& why)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_timer.stop();
    m_consent.reset();
    m_vnc.reset();
    qCInfo(lcAgentShadow).noquote()
        << QStringLiteral("shadow stream ended before admission peer=%1 reason=%2")
               .arg(m_peer, why);
    if (m_claimSent) {
        // The server holds (or, with the claim still on its way, is about to hold) this session
        // as used: tell it the session never started, on the same channel as the claim, so the
        // audit shows the cancellation (e.g. the administrator gave up while the user was
        // asked) and the session is not left in use.
        protocol::ShadowRefused report;
        report.session = m_ticket->payload.session;
        report.status = QStringLiteral("cancelled");
        report.reason = why.left(1024);
        report.peer = m_peer;
        m_authority.refused(report);
    }
    Q_EMIT refused(ShadowStatus::Malformed, why);
}

void ShadowGate::readPreamble()
{
    if (m_done || m_ticket || !m_stream) {
        return;
    }
    // Read exactly the preamble: whatever follows stays in the stream for the VNC server.
    while (m_stream->bytesAvailable() > 0) {
        qsizetype want = steward::shadow::PreambleHeaderBytes - m_header.size();
        if (want <= 0) {
            const auto parsed = steward::shadow::parsePreamble(m_header);
            if (parsed.state == steward::shadow::PreambleParse::State::Malformed) {
                refuse(ShadowStatus::Malformed, parsed.error);
                return;
            }
            const qsizetype length = qsizetype(quint8(m_header[5])) << 8 | quint8(m_header[6]);
            want = steward::shadow::PreambleHeaderBytes + length - m_header.size();
        }
        m_header.append(m_stream->read(want));
        const auto parsed = steward::shadow::parsePreamble(m_header);
        if (parsed.state == steward::shadow::PreambleParse::State::Malformed) {
            refuse(ShadowStatus::Malformed, parsed.error);
            return;
        }
        if (parsed.state == steward::shadow::PreambleParse::State::Complete) {
            m_timer.stop();
            m_stream->disconnect(this);
            checkTicket(parsed.ticket);
            return;
        }
    }
}

void ShadowGate::checkTicket(const QByteArray& text)
{
    auto parsed = steward::shadow::parseTicket(text);
    if (!parsed) {
        refuse(ShadowStatus::Malformed, parsed.error().message);
        return;
    }
    m_ticket = *parsed;
    const auto& payload = parsed->payload;
    if (auto verified = steward::shadow::verifyTicketSignature(*parsed, m_settings.signer);
        !verified) {
        refuse(ShadowStatus::BadSignature, QStringLiteral("the ticket's signature does not match "
                                                          "the pinned device-communication "
                                                          "certificate"));
        return;
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (payload.expires <= now) {
        refuse(ShadowStatus::Expired,
               QStringLiteral("the ticket expired %1 s ago").arg(now - payload.expires));
        return;
    }
    if (payload.device != m_settings.deviceId) {
        refuse(ShadowStatus::WrongDevice,
               QStringLiteral("the ticket is for device %1, this is device %2")
                   .arg(payload.device)
                   .arg(m_settings.deviceId));
        return;
    }
    if (!m_policy.allowed) {
        refuse(ShadowStatus::DisabledByPolicy,
               QStringLiteral("this device's policy does not allow shadowing"));
        return;
    }
    using steward::shadow::PathPreference;
    if ((payload.path == QLatin1String("relay") && m_policy.path == PathPreference::DirectOnly)
        || (payload.path == QLatin1String("direct")
            && m_policy.path == PathPreference::RelayOnly)) {
        refuse(ShadowStatus::DisabledByPolicy,
               QStringLiteral("this device's policy does not allow the %1 path").arg(payload.path));
        return;
    }
    if (payload.path != m_settings.path) {
        refuse(ShadowStatus::Malformed,
               QStringLiteral("the ticket was issued for the %1 path but arrived by the %2 path")
                   .arg(payload.path, m_settings.path));
        return;
    }
    if (m_policy.viewOnly && !m_settings.vncEnforcesViewOnly) {
        refuse(ShadowStatus::DisabledByPolicy,
               QStringLiteral("the policy asks for view-only, which an external VNC server "
                              "cannot be made to enforce"));
        return;
    }
    protocol::ShadowClaim claim;
    claim.session = payload.session;
    claim.nonce = QString::fromLatin1(steward::shadow::toBase64Url(payload.nonce));
    claim.peer = m_peer;
    std::weak_ptr<bool> alive = m_alive;
    m_timer.disconnect();
    connect(&m_timer, &QTimer::timeout, this, [this] {
        refuse(ShadowStatus::ServerUnreachable, QStringLiteral("the server did not confirm the "
                                                               "ticket within %1 ms")
                                                    .arg(m_settings.claimTimeout.count()));
    });
    m_timer.start(m_settings.claimTimeout);
    m_claimSent = true;
    m_authority.claim(claim, [this, alive](Result<void> answer) {
        if (alive.expired()) {
            return;
        }
        claimed(answer);
    });
}

void ShadowGate::claimed(const Result<void>& answer)
{
    if (m_done) {
        return;
    }
    m_timer.stop();
    if (!answer) {
        const bool unknown = answer.error().code == ErrorCode::NotFound;
        refuse(unknown ? ShadowStatus::AlreadyUsed : ShadowStatus::ServerUnreachable,
               answer.error().message);
        return;
    }
    m_claimed = true;
    if (m_policy.prompt) {
        askConsent();
    } else {
        connectVnc();
    }
}

void ShadowGate::askConsent()
{
    m_consent = std::make_unique<ConsentPrompt>(
        m_settings.consentCommand,
        std::chrono::duration_cast<std::chrono::milliseconds>(m_policy.promptTimeout));
    m_consent->setDialogProgram(m_settings.promptProgram);
    connect(m_consent.get(), &ConsentPrompt::answered, this,
            [this](ConsentPrompt::Answer answer, const QString& detail) {
                if (m_done) {
                    return;
                }
                switch (answer) {
                case ConsentPrompt::Answer::Allowed:
                    connectVnc();
                    return;
                case ConsentPrompt::Answer::Denied:
                    refuse(ShadowStatus::ConsentDenied, detail);
                    return;
                case ConsentPrompt::Answer::TimedOut:
                    refuse(ShadowStatus::ConsentTimedOut, detail);
                    return;
                }
            });
    m_consent->ask(m_ticket->payload.admin, m_settings.deviceName, m_policy.viewOnly);
}

void ShadowGate::connectVnc()
{
    if (m_done) {
        return;
    }
    if (m_settings.prepareVnc) {
        m_settings.prepareVnc(m_policy.viewOnly);
    }
    m_vnc = std::make_unique<QTcpSocket>();
    m_timer.disconnect();
    connect(&m_timer, &QTimer::timeout, this, [this] {
        refuse(ShadowStatus::VncUnavailable,
               QStringLiteral("the VNC server at %1:%2 did not answer within %3 ms")
                   .arg(m_settings.vncHost)
                   .arg(m_settings.vncPort)
                   .arg(m_settings.vncConnectTimeout.count()));
    });
    connect(m_vnc.get(), &QTcpSocket::connected, this, [this] {
        if (m_done) {
            return;
        }
        m_done = true;
        m_timer.stop();
        m_vnc->disconnect(this);
        if (m_stream) {
            m_stream->write(steward::shadow::encodeReply(ShadowStatus::Ok, QString()));
        }
        qCInfo(lcAgentShadow).noquote()
            << QStringLiteral("shadow session admitted session=%1 admin=%2 peer=%3 view_only=%4")
                   .arg(m_ticket->payload.session, m_ticket->payload.admin, m_peer)
                   .arg(m_policy.viewOnly ? QStringLiteral("yes") : QStringLiteral("no"));
        QTcpSocket* vnc = m_vnc.release();
        vnc->setParent(this);
        Q_EMIT admitted(vnc);
    });
    connect(m_vnc.get(), &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        refuse(ShadowStatus::VncUnavailable,
               QStringLiteral("the VNC server at %1:%2 is not available: %3")
                   .arg(m_settings.vncHost)
                   .arg(m_settings.vncPort)
                   .arg(m_vnc ? m_vnc->errorString() : QString()));
    });
    m_timer.start(m_settings.vncConnectTimeout);
    m_vnc->connectToHost(m_settings.vncHost, m_settings.vncPort);
}

void ShadowGate::refuse(ShadowStatus status, const QString& reason)
{
    if (m_done) {
        return;
    }
    m_done = true;
    m_timer.stop();
    if (m_consent) {
        m_consent->disconnect(this);
    }
    if (m_vnc) {
        m_vnc->disconnect(this);
        m_vnc->abort();
    }
    if (m_stream) {
        m_stream->disconnect(this);
        if (m_stream->isOpen()) {
            m_stream->write(steward::shadow::encodeReply(status, reason));
        }
    }
    const QString session = m_ticket ? m_ticket->payload.session : QString();
    qCWarning(lcAgentShadow).noquote()
        << QStringLiteral("shadow session refused session=%1 peer=%2 status=%3 reason=%4")
               .arg(session.isEmpty() ? QStringLiteral("-") : session, m_peer,
                    steward::shadow::statusName(status), reason);
    protocol::ShadowRefused report;
    report.session = session;
    report.status = steward::shadow::statusName(status);
    report.reason = reason.left(1024);
    report.peer = m_peer;
    m_authority.refused(report);
    Q_EMIT refused(status, reason);
}

} // namespace steward::agent::shadow
