// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowSession - one shadow session from the ticket to the end: request, tunnel, relay fallback.
#pragma once

#include "console/shadow/ShadowApi.h"
#include "console/shadow/ShadowFailure.h"
#include "console/shadow/ShadowTunnel.h"

#include <QObject>

#include <memory>
#include <optional>

namespace steward::console::shadow {

/**
 * Asks the server for a session on \a firstPath ("auto", "direct" or "relay"), opens the
 * tunnel, and when an automatic direct attempt cannot reach the device (nothing was sent to it,
 * and its certificate did not mismatch) asks once more for the relay path. A refusal by the
 * device or a certificate mismatch is final. Used by steward-shadow and the console's window.
 */
class ShadowSession : public QObject {
    Q_OBJECT

public:
    enum class Step {
        Idle,
        Requesting,
        Connecting,
        Admitting,
        Listening,
        Streaming,
        Finished,
        Failed
    };
    Q_ENUM(Step)

    ShadowSession(ShadowApi& api, qint64 deviceId, QString deviceName,
                  QString firstPath = QStringLiteral("auto"), QObject* parent = nullptr);
    ~ShadowSession() override;

    void start();
    /** Closes both legs; Finished unless it already ended. */
    void stop();

    [[nodiscard]] Step step() const { return m_step; }
    [[nodiscard]] bool relay() const { return m_offer && m_offer->path == QLatin1String("relay"); }
    /** The server's offer, once it answered (its viewOnly is the device's policy). */
    [[nodiscard]] const std::optional<ShadowOffer>& offer() const { return m_offer; }
    [[nodiscard]] ShadowTunnel* tunnel() const { return m_tunnel.get(); }
    [[nodiscard]] quint16 localPort() const { return m_port; }
    [[nodiscard]] quint64 bytesToViewer() const;
    [[nodiscard]] quint64 bytesFromViewer() const;
    /** Set in Failed: the error and the sentence for the administrator. */
    [[nodiscard]] const std::optional<Error>& failure() const { return m_failure; }
    [[nodiscard]] const QString& failureText() const { return m_failureText; }

Q_SIGNALS:
    void stepChanged(steward::console::shadow::ShadowSession::Step step);
    /** The direct path failed before anything was sent; a relay session is being asked for. */
    void fallingBack(const steward::Error& error);
    void listening(quint16 port);
    void failed(const steward::Error& error, const QString& sentence);
    void finished();

private:
    void request(const QString& path);
    void openTunnel(ShadowOffer offer, bool mayFallBack);
    void handleTunnelState(ShadowTunnel::State state);
    void fail(const Error& error, const ShadowFailureContext& context);
    void setStep(Step step);

    ShadowApi& m_api;
    qint64 m_deviceId = 0;
    QString m_deviceName;
    QString m_firstPath;
    Step m_step = Step::Idle;
    std::optional<ShadowOffer> m_offer;
    std::unique_ptr<ShadowTunnel> m_tunnel;
    quint16 m_port = 0;
    int m_attempt = 0; // answers to earlier requests are ignored after stop()
    std::optional<Error> m_failure;
    QString m_failureText;
};

} // namespace steward::console::shadow
