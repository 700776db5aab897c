// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/gateway/TunnelRelay.h"

#include "common/net/BytePump.h"
#include "common/net/WebSocketStream.h"
#include "server/app/Logging.h"
#include "server/gateway/DeviceGateway.h"
#include "server/http/HttpApi.h"
#include "server/services/AuditLog.h"
#include "server/services/AuthService.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWebSocket>

namespace steward::server::gateway {
namespace {

const QString PathPrefix = QStringLiteral("/tunnel/v1/");
const QString DeviceSuffix = QStringLiteral("/device");

/** The tunnel id of a /tunnel/v1/ path, and whether it is the device's side. */
std::optional<std::pair<QString, bool>> parseTunnelPath(const QString& path)
{
    if (!path.startsWith(PathPrefix)) {
        return std::nullopt;
    }
    QString rest = path.mid(PathPrefix.size());
    const bool device = rest.endsWith(DeviceSuffix);
    if (device) {
        rest.chop(DeviceSuffix.size());
    }
    if (!protocol::isTunnelId(rest)) {
        return std::nullopt;
    }
    return std::make_pair(rest, device);
}

Error noSuchTunnel(const QString& path)
{
    return Error{ErrorCode::NotFound,
                 QStringLiteral("%1 is not a tunnel path: /tunnel/v1/{id}[/device]").arg(path)};
}

} // namespace

struct TunnelRelay::Tunnel {
    QString id;
    TunnelGrant grant;
    QString admin;
    QString consolePeer;
    std::unique_ptr<net::WebSocketStream> console;
    std::unique_ptr<net::WebSocketStream> device;
    std::unique_ptr<net::BytePump> pump;
    QTimer pending;
    QElapsedTimer started;
    bool ended = false;
};

TunnelRelay::TunnelRelay(TunnelSettings settings, services::AuditLog& audit, Resolver resolver,
                         Requester requester, QObject* parent)
    : QObject(parent), m_settings(settings), m_audit(audit), m_resolve(std::move(resolver)),
      m_request(std::move(requester))
{}

TunnelRelay::~TunnelRelay()
{
    for (auto& [id, tunnel] : m_tunnels) {
        tunnel->ended = true;
        if (tunnel->pump) {
            tunnel->pump->disconnect(this);
        }
        for (auto* stream : {tunnel->console.get(), tunnel->device.get()}) {
            if (stream) {
                stream->disconnect(this);
            }
        }
    }
}

Result<TunnelGrant> TunnelRelay::admitConsole(const QString& id,
                                              const http::Principal& principal) const
{
    if (m_tunnels.contains(id)) {
        return makeError(
            ErrorCode::Conflict,
            QStringLiteral("tunnel %1 is already open: it serves one console").arg(id));
    }
    if (int(m_tunnels.size()) >= m_settings.maxTunnels) {
        return makeError(ErrorCode::Conflict,
                         QStringLiteral("the relay carries %1 tunnels, its limit; try again later")
                             .arg(m_settings.maxTunnels));
    }
    return m_resolve(id, principal);
}

Result<void> TunnelRelay::admitDevice(const QString& id, qint64 deviceId) const
{
    const auto it = m_tunnels.find(id);
    if (it == m_tunnels.end() || it->second->device || it->second->ended) {
        return makeError(ErrorCode::NotFound,
                         QStringLiteral("no console is waiting on tunnel %1").arg(id));
    }
    if (it->second->grant.deviceId != deviceId) {
        return makeError(ErrorCode::NotAuthorised,
                         QStringLiteral("tunnel %1 belongs to device %2, not to device %3")
                             .arg(id)
                             .arg(it->second->grant.deviceId)
                             .arg(deviceId));
    }
    return {};
}

void TunnelRelay::addConsole(const QString& id, const http::Principal& principal,
                             std::unique_ptr<QWebSocket> socket, QAbstractSocket* transport)
{
    const QString peer = socket->peerAddress().toString();
    auto grant = admitConsole(id, principal);
    if (!grant) {
        m_audit.record(principal.name, QStringLiteral("tunnel.open"),
                       QStringLiteral("tunnel:%1").arg(id), peer, QStringLiteral("denied"),
                       grant.error().message);
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated, grant.error().message.left(120));
        return;
    }
    auto tunnel = std::make_unique<Tunnel>();
    Tunnel* entry = tunnel.get();
    entry->id = id;
    entry->grant = *grant;
    entry->admin = principal.name;
    entry->consolePeer = peer;
    entry->console = std::make_unique<net::WebSocketStream>(std::move(socket), transport);
    entry->pending.setSingleShot(true);
    connect(&entry->pending, &QTimer::timeout, this, [this, entry] {
        end(*entry, QStringLiteral("failure"),
            QStringLiteral("device %1 did not open its side within %2 s")
                .arg(entry->grant.deviceId)
                .arg(m_settings.pendingTimeout.count() / 1000));
    });
    connect(entry->console.get(), &QAbstractSocket::disconnected, this, [this, entry] {
        if (!entry->pump) {
            end(*entry, QStringLiteral("failure"),
                QStringLiteral("the console left before the device came"));
        }
    });
    m_tunnels.emplace(id, std::move(tunnel));
    entry->started.start();
    entry->pending.start(m_settings.pendingTimeout);
    if (!m_request(entry->grant.deviceId, protocol::TunnelOpen{id, entry->grant.service})) {
        end(*entry, QStringLiteral("failure"),
            QStringLiteral("device %1 has no channel to the server").arg(entry->grant.deviceId));
        return;
    }
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("tunnel waiting id=%1 device=%2 service=%3 admin=%4 peer=%5")
               .arg(id)
               .arg(entry->grant.deviceId)
               .arg(entry->grant.service, principal.name, peer);
}

void TunnelRelay::addDevice(const QString& id, qint64 deviceId, std::unique_ptr<QWebSocket> socket,
                            QAbstractSocket* transport)
{
    if (auto admitted = admitDevice(id, deviceId); !admitted) {
        socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                      admitted.error().message.left(120));
        return;
    }
    Tunnel* entry = m_tunnels.at(id).get();
    entry->pending.stop();
    entry->device = std::make_unique<net::WebSocketStream>(std::move(socket), transport);
    entry->console->disconnect(this);
    net::BytePump::Options options;
    options.maxBuffered = m_settings.maxBuffered;
    options.chunkSize = m_settings.chunkSize;
    entry->pump = std::make_unique<net::BytePump>(*entry->console, *entry->device, options);
    connect(entry->pump.get(), &net::BytePump::finished, this,
            [this, entry](net::BytePump::FinishReason reason) {
                end(*entry, QStringLiteral("success"), QVariant::fromValue(reason).toString());
            });
    entry->started.restart();
    m_audit.record(entry->admin, QStringLiteral("tunnel.open"),
                   QStringLiteral("device:%1").arg(deviceId), entry->consolePeer,
                   QStringLiteral("success"),
                   QStringLiteral("tunnel=%1 service=%2 %3")
                       .arg(id, entry->grant.service, entry->grant.detail));
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("tunnel spliced id=%1 device=%2").arg(id).arg(deviceId);
    entry->pump->start();
}

bool TunnelRelay::close(const QString& id, const QString& reason)
{
    const auto it = m_tunnels.find(id);
    if (it == m_tunnels.end() || it->second->ended) {
        return false;
    }
    Tunnel& tunnel = *it->second;
    end(tunnel, QStringLiteral("success"), reason);
    for (auto* stream : {tunnel.console.get(), tunnel.device.get()}) {
        if (stream && stream->webSocket().state() == QAbstractSocket::ConnectedState) {
            stream->webSocket().close(QWebSocketProtocol::CloseCodeNormal, reason.left(120));
        }
    }
    return true;
}

void TunnelRelay::end(Tunnel& tunnel, const QString& outcome, const QString& reason)
{
    if (tunnel.ended) {
        return;
    }
    tunnel.ended = true;
    tunnel.pending.stop();
    const quint64 toConsole =
        tunnel.pump ? tunnel.pump->bytesTransferred(net::BytePump::Direction::SecondToFirst) : 0;
    const quint64 fromConsole =
        tunnel.pump ? tunnel.pump->bytesTransferred(net::BytePump::Direction::FirstToSecond) : 0;
    m_audit.record(tunnel.admin, QStringLiteral("tunnel.end"),
                   QStringLiteral("device:%1").arg(tunnel.grant.deviceId), tunnel.consolePeer,
                   outcome,
                   QStringLiteral("tunnel=%1 service=%2 %3 duration_ms=%4 bytes_to_console=%5 "
                                  "bytes_from_console=%6 reason=%7")
                       .arg(tunnel.id, tunnel.grant.service, tunnel.grant.detail)
                       .arg(tunnel.started.elapsed())
                       .arg(toConsole)
                       .arg(fromConsole)
                       .arg(reason));
    qCInfo(lcServerGateway).noquote()
        << QStringLiteral("tunnel ended id=%1 to_console=%2 from_console=%3 reason=%4")
               .arg(tunnel.id)
               .arg(toConsole)
               .arg(fromConsole)
               .arg(reason);
    Q_EMIT tunnelEnded(tunnel.id, toConsole, fromConsole, reason);
    if (!tunnel.pump && tunnel.console) {
        tunnel.console->webSocket().close(QWebSocketProtocol::CloseCodeGoingAway, reason.left(120));
    }
    // Release on the next turn: we may be inside a signal of the pump or a stream.
    const QString id = tunnel.id;
    QTimer::singleShot(0, this, [this, id] {
        const auto it = m_tunnels.find(id);
        if (it == m_tunnels.end() || !it->second->ended) {
            return;
        }
        auto owned = std::move(it->second);
        m_tunnels.erase(it);
        if (owned->pump) {
            owned->pump->disconnect(this);
            owned->pump.release()->deleteLater();
        }
        for (auto* stream : {owned->console.release(), owned->device.release()}) {
            if (stream) {
                stream->disconnect(this);
                net::WebSocketStream::releaseWhenClosed(stream, this);
            }
        }
    });
}

void addTunnelPaths(http::HttpApi& http, services::AuthService& auth, DeviceGateway& devices,
                    TunnelRelay& relay)
{
    http.addWebSocketPath(
        QStringLiteral("/tunnel/v1/*"),
        [&auth, &devices, &relay](const http::HttpRequest& request) -> Result<void> {
            const auto parsed = parseTunnelPath(request.path);
            if (!parsed) {
                return noSuchTunnel(request.path);
            }
            const auto& [id, isDevice] = *parsed;
            if (isDevice) {
                auto device = devices.admit(request.peerCertificate, request.peerText());
                if (!device) {
                    return device.error();
                }
                return relay.admitDevice(id, device->id);
            }
            auto principal = auth.authenticate(request.bearerToken(), request.peerText());
            if (!principal) {
                return principal.error();
            }
            if (auto grant = relay.admitConsole(id, *principal); !grant) {
                return grant.error();
            }
            return {};
        },
        [&http, &auth, &devices, &relay](std::unique_ptr<QWebSocket> socket) {
            // Admitted before the upgrade; identified again here, as the upgrade may race.
            const auto parsed = parseTunnelPath(socket->requestUrl().path());
            if (!parsed) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("not a tunnel path"));
                return;
            }
            const auto& [id, isDevice] = *parsed;
            QAbstractSocket* transport = http.transportOf(*socket);
            const QString peer = socket->peerAddress().toString();
            if (isDevice) {
                auto device = devices.admit(http.peerCertificate(*socket), peer);
                if (!device) {
                    socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                                  device.error().message.left(120));
                    return;
                }
                relay.addDevice(id, device->id, std::move(socket), transport);
                return;
            }
            http::HttpRequest request;
            request.headers.emplace_back("Authorization",
                                         socket->request().rawHeader("Authorization"));
            auto principal = auth.authenticate(request.bearerToken(), peer);
            if (!principal) {
                socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                              QStringLiteral("unauthenticated"));
                return;
            }
            relay.addConsole(id, *principal, std::move(socket), transport);
        });
}

} // namespace steward::server::gateway
