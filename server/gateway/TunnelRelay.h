// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// TunnelRelay - splices a console's WebSocket tunnel with the device's (the relay path).
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Tunnel.h"
#include "server/http/HttpTypes.h"

#include <QObject>

#include <chrono>
#include <functional>
#include <map>
#include <memory>

class QAbstractSocket;
class QWebSocket;

namespace steward::server::http {
class HttpApi;
}
namespace steward::server::services {
class AuditLog;
class AuthService;
} // namespace steward::server::services

namespace steward::server::gateway {

class DeviceGateway;

/** What a tunnel id grants: the device that must open the other side, and its service. */
struct TunnelGrant {
    qint64 deviceId = 0;
    QString service; // "shadow"
    QString detail;  // for the audit log, e.g. "path=relay"
};

struct TunnelSettings {
    std::chrono::milliseconds pendingTimeout{30000}; // for the device to open its side
    qint64 maxBuffered = 256 * 1024;                 // per direction (see BytePump)
    qint64 chunkSize = 64 * 1024;
    int maxTunnels = 64; // pending and spliced together
};

/**
 * The relay (docs/protocol/shadow.md, "Relay"): a console opens wss://SERVER/tunnel/v1/{id}
 * with its bearer token; the resolver says which device and service the id belongs to (for
 * shadowing: a pending relay session of this administrator); the device is told to open
 * wss://SERVER/tunnel/v1/{id}/device with its client certificate, which must be that device.
 * The two are spliced with BytePump: bytes unchanged and unparsed, bounded buffering per
 * direction, byte counters, either side closing closes both. A console waiting longer than
 * pendingTimeout for its device is closed. Each open and end goes to the audit log.
 */
class TunnelRelay : public QObject {
    Q_OBJECT

public:
    using Resolver =
        std::function<Result<TunnelGrant>(const QString& id, const http::Principal& principal)>;
    /** Sends tunnel.open to a device's channel; false when it has none. */
    using Requester = std::function<bool(qint64 deviceId, const protocol::TunnelOpen& open)>;

    TunnelRelay(TunnelSettings settings, services::AuditLog& audit, Resolver resolver,
                Requester requester, QObject* parent = nullptr);
    ~TunnelRelay() override;

    /** Before the console's upgrade: may \a principal open tunnel \a id now? */
    [[nodiscard]] Result<TunnelGrant> admitConsole(const QString& id,
                                                   const http::Principal& principal) const;
    /** Before the device's upgrade: is a console waiting on \a id for device \a deviceId? */
    [[nodiscard]] Result<void> admitDevice(const QString& id, qint64 deviceId) const;

    /** \a transport is the TLS socket under \a socket (HttpApi::transportOf()). */
    void addConsole(const QString& id, const http::Principal& principal,
                    std::unique_ptr<QWebSocket> socket, QAbstractSocket* transport);
    void addDevice(const QString& id, qint64 deviceId, std::unique_ptr<QWebSocket> socket,
                   QAbstractSocket* transport);

    [[nodiscard]] int tunnelCount() const { return int(m_tunnels.size()); }
    /**
     * Ends tunnel \a id now (waiting or spliced): both WebSockets are closed with \a reason and
     * tunnel.end is audited with it. False when there is no such tunnel.
     */
    bool close(const QString& id, const QString& reason);

Q_SIGNALS:
    /** A splice ended: bytes device → console and console → device. */
    void tunnelEnded(const QString& id, quint64 toConsole, quint64 fromConsole,
                     const QString& reason);

private:
    struct Tunnel;
    void end(Tunnel& tunnel, const QString& outcome, const QString& reason);

    TunnelSettings m_settings;
    services::AuditLog& m_audit;
    Resolver m_resolve;
    Requester m_request;
    std::map<QString, std::unique_ptr<Tunnel>> m_tunnels;
};

/**
 * Registers /tunnel/v1/{id} (bearer token) and /tunnel/v1/{id}/device (device certificate)
 * on \a http.
 */
void addTunnelPaths(http::HttpApi& http, services::AuthService& auth, DeviceGateway& devices,
                    TunnelRelay& relay);

} // namespace steward::server::gateway
