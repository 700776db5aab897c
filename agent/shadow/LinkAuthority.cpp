// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "agent/shadow/LinkAuthority.h"

#include "agent/link/ServerLink.h"
#include "agent/shadow/Logging.h"

namespace steward::agent::shadow {

LinkAuthority::LinkAuthority(ServerLink& link, QObject* parent) : QObject(parent), m_link(link)
{
    connect(&m_link, &ServerLink::received, this, &LinkAuthority::handle);
    connect(&m_link, &ServerLink::up, this, [this] {
        if (!m_certificate.isEmpty()) {
            m_link.send(protocol::ShadowCertificate{QString::fromLatin1(m_certificate), m_port});
        }
    });
    connect(&m_link, &ServerLink::down, this,
            [this](const Error& reason) { failPending(reason.message); });
}

LinkAuthority::~LinkAuthority()
{
    failPending(QStringLiteral("the agent is stopping"));
}

void LinkAuthority::setCertificate(const QByteArray& pem, int port)
{
    m_certificate = pem;
    m_port = port;
    m_link.send(protocol::ShadowCertificate{QString::fromLatin1(m_certificate), m_port});
}

void LinkAuthority::claim(const protocol::ShadowClaim& claim,
                          std::function<void(Result<void>)> answer)
{
    const auto id = m_link.send(claim);
    if (!id) {
        answer(makeError(ErrorCode::ConnectionFailed,
                         QStringLiteral("the agent's channel to the server is down")));
        return;
    }
    m_pending.emplace(*id, std::move(answer));
}

void LinkAuthority::ended(const protocol::ShadowEnded& report)
{
    if (!m_link.send(report)) {
        qCWarning(lcAgentShadow).noquote()
            << QStringLiteral("shadow end not reported (channel down) session=%1")
                   .arg(report.session);
    }
}

void LinkAuthority::refused(const protocol::ShadowRefused& report)
{
    if (!m_link.send(report)) {
        qCWarning(lcAgentShadow).noquote()
            << QStringLiteral("shadow refusal not reported (channel down) session=%1")
                   .arg(report.session);
    }
}

void LinkAuthority::handle(const protocol::IncomingMessage& incoming)
{
    if (const auto* policy = std::get_if<protocol::ShadowPolicyMessage>(&incoming.message)) {
        Q_EMIT policyChanged(policy->policy);
        return;
    }
    if (const auto* expect = std::get_if<protocol::ShadowExpect>(&incoming.message)) {
        qCInfo(lcAgentShadow).noquote()
            << QStringLiteral("shadow session announced session=%1 admin=%2 path=%3")
                   .arg(expect->session, expect->admin, expect->path);
        Q_EMIT expected(expect->session);
        return;
    }
    if (const auto* open = std::get_if<protocol::TunnelOpen>(&incoming.message)) {
        qCInfo(lcAgentShadow).noquote()
            << QStringLiteral("relay tunnel requested tunnel=%1 service=%2")
                   .arg(open->tunnel, open->service);
        Q_EMIT tunnelRequested(open->tunnel, open->service);
        return;
    }
    if (const auto* end = std::get_if<protocol::ShadowEnd>(&incoming.message)) {
        qCInfo(lcAgentShadow).noquote()
            << QStringLiteral("shadow session end requested session=%1 reason=%2")
                   .arg(end->session, end->reason);
        Q_EMIT endRequested(end->session, end->reason);
        return;
    }
    if (!incoming.re) {
        return;
    }
    const auto it = m_pending.find(*incoming.re);
    if (it == m_pending.end()) {
        return;
    }
    auto answer = std::move(it->second);
    m_pending.erase(it);
    if (std::holds_alternative<protocol::ShadowClaimed>(incoming.message)) {
        answer({});
    } else if (const auto* error = std::get_if<protocol::ErrorMessage>(&incoming.message)) {
        answer(Error{errorCodeFromName(error->code.toStdString()).value_or(ErrorCode::Internal),
                     error->message});
    } else {
        answer(makeError(
            ErrorCode::MalformedMessage,
            QStringLiteral("the server answered a claim with %1")
                .arg(protocol::messageTypeWireName(protocol::messageType(incoming.message)))));
    }
}

void LinkAuthority::failPending(const QString& why)
{
    auto pending = std::move(m_pending);
    m_pending.clear();
    for (auto& [id, answer] : pending) {
        answer(makeError(ErrorCode::ConnectionFailed, why));
    }
}

} // namespace steward::agent::shadow
