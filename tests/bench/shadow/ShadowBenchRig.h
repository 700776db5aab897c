// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowBenchRig - the shadow paths of bench_shadow and bench_shadow_fps, each party on its own
// thread as in real use (console, agent and server are different machines).
#pragma once

#include "agent/shadow/ShadowAuthority.h"
#include "common/tls/TlsFiles.h"

#include <QSslConfiguration>
#include <QThread>

#include <functional>
#include <memory>

class QSslSocket;
class QWebSocketServer;

namespace steward::crypto {
class PrivateKey;
}
namespace steward::net {
class BytePump;
class WebSocketStream;
} // namespace steward::net
namespace steward::agent::shadow {
class ShadowProxy;
}
namespace steward::console::shadow {
class ShadowTunnel;
}

namespace steward::bench {

/** A thread with an event loop; run() executes work on it and returns when it is done. */
class Worker {
public:
    explicit Worker(const QString& name);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    /** Objects created inside work live on this thread: destroy them inside run() too. */
    void run(const std::function<void()>& work);
    [[nodiscard]] QObject* context() const { return m_context; }
    /** CPU seconds (user + system) the thread has used so far. */
    [[nodiscard]] double cpuSeconds() const;

private:
    QThread m_thread;
    QObject* m_context;
    long m_tid = 0;
};

/** Approves every claim: the benches measure bytes, not the server. */
class Approver : public agent::shadow::ShadowAuthority {
public:
    void claim(const protocol::ShadowClaim&, std::function<void(Result<void>)> answer) override;
    void ended(const protocol::ShadowEnded&) override {}
    void refused(const protocol::ShadowRefused&) override {}
};

/**
 * The agent's ShadowProxy toward a target port on the "agent" thread, for the relay path the
 * server's splice (BytePump over two WebSocketStreams, as TunnelRelay does it) on the "server"
 * thread, and per session a console ShadowTunnel on the caller's thread.
 */
class ShadowPath {
public:
    ShadowPath(quint16 targetPort, bool relay);
    ~ShadowPath();
    ShadowPath(const ShadowPath&) = delete;
    ShadowPath& operator=(const ShadowPath&) = delete;

    /** Opens one session (a real signed ticket); the console's local port, 0 on failure. */
    quint16 open();
    /** CPU seconds used so far by the agent's and (relay) the server's Qt threads. */
    [[nodiscard]] double cpuSeconds() const;
    /**
     * "TLSv1.3 TLS_AES_256_GCM_SHA384": what a client configured like the tunnel negotiates
     * (direct: the tunnel's OpenSSL context; relay: the WSS client configuration).
     */
    [[nodiscard]] QString cipher();

private:
    void startRelay();

    bool m_relay;
    Worker m_agent{QStringLiteral("agent")};
    Worker m_server{QStringLiteral("server")};
    tls::TlsIdentity m_identity;
    tls::TlsIdentity m_web;
    QSslCertificate m_ca;
    std::unique_ptr<crypto::PrivateKey> m_key;
    Approver m_approver;
    std::unique_ptr<agent::shadow::ShadowProxy> m_proxy; // agent thread
    quint16 m_proxyPort = 0;
    std::unique_ptr<QWebSocketServer> m_webServer; // server thread
    quint16 m_webPort = 0;
    std::unique_ptr<net::WebSocketStream> m_consoleSide;     // server thread
    std::unique_ptr<net::WebSocketStream> m_deviceSide;      // server thread
    std::unique_ptr<net::BytePump> m_splice;                 // server thread
    std::unique_ptr<console::shadow::ShadowTunnel> m_tunnel; // caller's thread
};

/** "protocol cipher" that \a socket (configured, not yet connected) negotiates with a port. */
[[nodiscard]] QString negotiatedCipher(QSslSocket& socket, quint16 port, const QString& peerName);

/** CPU seconds (user + system) of a process, or of one of its threads (tid, 0: all). */
[[nodiscard]] double cpuSeconds(long pid, long tid = 0);
/** The calling thread's id, for cpuSeconds(). */
[[nodiscard]] long currentThreadId();
/** CPU seconds (user + system) the calling thread has used so far. */
[[nodiscard]] double threadCpuSeconds();

} // namespace steward::bench
