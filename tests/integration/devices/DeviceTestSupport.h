// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// DeviceTestSupport - a real ServerApp with short keepalive, an administrator and agent helpers.
#pragma once

#include "agent/enrol/Enroller.h"
#include "agent/link/ServerLink.h"
#include "common/protocol/Decoder.h"
#include "server/app/ServerApp.h"
#include "server/db/DatabaseConfig.h"
#include "tests/support/server/RestClient.h"

#include <QTemporaryDir>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <vector>

namespace steward::test {

/** A server on 127.0.0.1:0 with ping 50 ms and idle timeout 400 ms, and superuser "alice". */
class DeviceTestServer {
public:
    /** \a adjust may change the settings before the server starts (e.g. discovery ports). */
    explicit DeviceTestServer(const std::function<void(server::ServerSettings&)>& adjust = {});

    [[nodiscard]] server::ServerApp& app() { return *m_app; }
    [[nodiscard]] quint16 port() const { return m_app->port(); }
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] QString dataDir() const { return m_dir.path(); }
    [[nodiscard]] QString webFingerprint() const;
    /** Logged in as alice. */
    [[nodiscard]] RestClient& admin() { return *m_admin; }
    [[nodiscard]] QByteArray bearerToken() const { return m_token; }
    /** A fresh token over REST; \a ttl in seconds. */
    [[nodiscard]] QByteArray createToken(int ttl = 3600);
    /** Audit entries with this action and outcome. */
    [[nodiscard]] QJsonArray audit(const QString& action, const QString& outcome);
    [[nodiscard]] QJsonObject device(qint64 id);
    /** A token that expired an hour ago, written straight into the database. */
    [[nodiscard]] QByteArray insertExpiredToken();
    /** Marks a device released straight in the database (the release command is not built). */
    void releaseDevice(qint64 id);

private:
    QTemporaryDir m_dir;
    server::db::DatabaseConfig m_database;
    std::unique_ptr<server::ServerApp> m_app;
    std::unique_ptr<RestClient> m_admin;
    QByteArray m_token;
};

/** Enrols a state dir in-process, checking the server's real fingerprint. */
[[nodiscard]] Result<agent::AgentState> enrollAgent(DeviceTestServer& server,
                                                    const QString& stateDir,
                                                    const QByteArray& token,
                                                    const QString& unitId = {});

/** A ServerLink for an enrolled state with fast back-off (20 ms … 200 ms). */
[[nodiscard]] std::unique_ptr<agent::ServerLink> linkFor(const agent::AgentState& state);

/** A console on the event socket, greeted, collecting every object.event. */
class EventWatcher {
public:
    explicit EventWatcher(DeviceTestServer& server);
    /** Whether an event \a event for object \a id of \a kind has arrived. */
    [[nodiscard]] bool saw(const QString& event, qint64 id,
                           const QString& kind = QStringLiteral("device")) const;

private:
    QWebSocket m_socket;
    std::vector<protocol::IncomingMessage> m_received;
};

} // namespace steward::test
