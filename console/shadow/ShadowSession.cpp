// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/shadow/ShadowSession.h"

#include "console/shadow/Logging.h"

#include <QPointer>
#include <QWebSocket>

namespace steward::console::shadow {

ShadowSession::ShadowSession(ShadowApi& api, qint64 deviceId, QString deviceName, QString firstPath,
                             QObject* parent)
    : QObject(parent), m_api(api), m_deviceId(deviceId), m_deviceName(std::move(deviceName)),
      m_firstPath(std::move(firstPath))
{}

ShadowSession::~ShadowSession()
{
    if (m_tunnel) {
        m_tunnel->disconnect(this);
    }
}

void ShadowSession::start()
{
    request(m_firstPath);
}

void ShadowSession::stop()
{
    if (m_step == Step::Finished || m_step == Step::Failed) {
        return;
    }
    ++m_attempt;
    if (m_tunnel) {
        m_tunnel->disconnect(this);
        m_tunnel->stop();
    }
    setStep(Step::Finished);
    Q_EMIT finished();
}

quint64 ShadowSession::bytesToViewer() const
{
    return m_tunnel ? m_tunnel->bytesToViewer() : 0;
}

quint64 ShadowSession::bytesFromViewer() const
{
    return m_tunnel ? m_tunnel->bytesFromViewer() : 0;
}

void ShadowSession::request(const QString& path)
{
    setStep(Step::Requesting);
    const int attempt = ++m_attempt;
    QPointer<ShadowSession> self(this);
    m_api.requestShadow(m_deviceId, path, [self, attempt, path](Result<QJsonObject> answer) {
        if (!self || attempt != self->m_attempt) {
            return; // stopped or destroyed meanwhile
        }
        if (!answer) {
            self->fail(answer.error(),
                       {ShadowStage::Request, self->m_deviceName, false, std::nullopt});
            return;
        }
        auto offer = shadowOfferFromJson(*answer);
        if (!offer) {
            self->fail(offer.error(),
                       {ShadowStage::Request, self->m_deviceName, false, std::nullopt});
            return;
        }
        const bool mayFallBack =
            path == QLatin1String("auto") && offer->path == QLatin1String("direct");
        self->openTunnel(*offer, mayFallBack);
    });
}

void ShadowSession::openTunnel(ShadowOffer offer, bool mayFallBack)
{
    m_offer = offer;
    TunnelOptions options;
    options.relay = [this](const QString& session) { return m_api.openTunnel(session); };
    if (m_tunnel) {
        m_tunnel->disconnect(this);
        m_tunnel.release()->deleteLater(); // a failed direct attempt may be mid-signal
    }
    m_tunnel = std::make_unique<ShadowTunnel>(std::move(offer), options);
    connect(m_tunnel.get(), &ShadowTunnel::stateChanged, this, &ShadowSession::handleTunnelState);
    connect(m_tunnel.get(), &ShadowTunnel::listening, this, [this](quint16 port) {
        m_port = port;
        Q_EMIT listening(port);
    });
    connect(m_tunnel.get(), &ShadowTunnel::finished, this, [this] {
        setStep(Step::Finished);
        Q_EMIT finished();
    });
    connect(m_tunnel.get(), &ShadowTunnel::failed, this, [this, mayFallBack](const Error& error) {
        const bool reached =
            m_tunnel->ticketSent() || error.code == ErrorCode::PeerCertificateMismatch;
        if (mayFallBack && !reached) {
            qCInfo(lcConsoleShadow).noquote()
                << QStringLiteral("direct path failed, trying the relay device=%1 reason=%2")
                       .arg(m_deviceName, error.message);
            Q_EMIT fallingBack(error);
            request(QStringLiteral("relay"));
            return;
        }
        const bool wasStreaming = m_step == Step::Streaming;
        fail(error, {wasStreaming ? ShadowStage::Running : ShadowStage::Tunnel, m_deviceName,
                     relay(), m_tunnel->refusal()});
    });
    m_tunnel->start();
}

void ShadowSession::handleTunnelState(ShadowTunnel::State state)
{
    switch (state) {
    case ShadowTunnel::State::Connecting:
        setStep(Step::Connecting);
        return;
    case ShadowTunnel::State::Admitting:
        setStep(Step::Admitting);
        return;
    case ShadowTunnel::State::Listening:
        setStep(Step::Listening);
        return;
    case ShadowTunnel::State::Streaming:
        setStep(Step::Streaming);
        return;
    default:
        return; // Finished and Failed arrive with their own signals
    }
}

void ShadowSession::fail(const Error& error, const ShadowFailureContext& context)
{
    if (m_step == Step::Finished || m_step == Step::Failed) {
        return;
    }
    m_failure = error;
    m_failureText = describeShadowFailure(error, context);
    setStep(Step::Failed);
    Q_EMIT failed(error, m_failureText);
}

void ShadowSession::setStep(Step step)
{
    if (m_step != step) {
        m_step = step;
        Q_EMIT stepChanged(step);
    }
}

} // namespace steward::console::shadow
