// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// HandshakeAdmission - a TLS listener that runs at most N handshakes at once and queues the rest.
#pragma once

#include <QElapsedTimer>
#include <QSslServer>

#include <chrono>
#include <deque>
#include <unordered_set>

namespace steward::server::http {

/** Admission limits: handshakes run at once, and accepted connections waiting for a turn. */
struct HandshakeLimits {
    int maxConcurrent = 64;
    int maxQueued = 4096;
};

/** What the admission control has seen, for /metrics. */
struct HandshakeCounts {
    quint64 inProgress = 0;
    quint64 queued = 0;
    quint64 refused = 0; // queue full, or waited longer than the handshake timeout
    quint64 started = 0;
    quint64 peakInProgress = 0;
};

/**
 * A QSslServer whose TLS handshakes are admission-controlled. A handshake costs the server
 * one private-key operation; a reconnect storm of thousands of agents would otherwise start
 * them all at once and time most of them out. Connections beyond the cap are accepted and
 * wait, in arrival order, without a handshake; when the queue is full, or a connection waited
 * longer than the handshake timeout, it is closed at once so the agent backs off and retries.
 */
class AdmittingSslServer : public QSslServer {
    Q_OBJECT

public:
    AdmittingSslServer(HandshakeLimits limits, std::chrono::milliseconds handshakeTimeout,
                       QObject* parent = nullptr);

    [[nodiscard]] HandshakeCounts counts() const;

protected:
    void incomingConnection(qintptr handle) override;
    void childEvent(QChildEvent* event) override;

private:
    struct Waiting {
        qintptr handle;
        QElapsedTimer since;
    };

    void startHandshake(qintptr handle);
    void track(QSslSocket* socket);
    void finished(QObject* socket);
    void startWaiting();
    void refuse(qintptr handle, const char* reason);

    HandshakeLimits m_limits;
    std::chrono::milliseconds m_handshakeTimeout;
    std::unordered_set<QObject*> m_inProgress;
    std::deque<Waiting> m_waiting;
    QObject* m_justAdded = nullptr; // the socket QSslServer::incomingConnection just made
    QObject m_context; // receiver of socket signals; QSslServer disconnects its own on success
    quint64 m_refused = 0;
    quint64 m_started = 0;
    quint64 m_peak = 0;
    quint64 m_refusedLogged = 0;
    QElapsedTimer m_lastRefusalLog;
};

} // namespace steward::server::http
