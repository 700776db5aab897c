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

#include <QProcess>
#include <QTemporaryDir>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <vector>

namespace steward::test {

/**
 * A data dir for a server: a copy of the suite's one PKI (an RSA-4096 tckey costs seconds) and
 * a migrated SQLite database with superuser "alice" (password "correct horse").
 */
void prepareServerDataDir(const QString& dataDir);

/** Copies the suite's one PKI (root CA, device CA, tckey, web) into the folder \a pkiDir. */
void copyServerPki(const QString& pkiDir);

/** What a program that ran to its end left behind. */
struct Finished {
    int exitCode = -1;
    QString out;
    QString err;
};

/** Runs a program to completion (stdin closed) while the event loop keeps turning. */
Finished runToEnd(QProcess& process, const QString& program, const QStringList& arguments);

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
    /** Creates administrator \a name as alice; a client logged in as them, and their id. */
    [[nodiscard]] std::pair<std::unique_ptr<RestClient>, qint64>
    addAdmin(const QString& name,
             const QString& password = QStringLiteral("a long enough password"));
    /** A token that expired an hour ago, written straight into the database. */
    [[nodiscard]] QByteArray insertExpiredToken();
    /** Marks a device released straight in the database (no agent involved). */
    void releaseDevice(qint64 id);
    /** POST /api/v1/devices/{id}/commands, which must answer 202; the command. */
    [[nodiscard]] QJsonObject sendCommand(qint64 deviceId, const QJsonObject& body);
    /** The command as GET /api/v1/devices/{id}/commands lists it; empty if absent. */
    [[nodiscard]] QJsonObject command(qint64 deviceId, qint64 commandId);

private:
    QTemporaryDir m_dir;
    server::db::DatabaseConfig m_database;
    std::unique_ptr<server::ServerApp> m_app;
    std::unique_ptr<RestClient> m_admin;
    QByteArray m_token;
};

/**
 * Enrols a state dir in-process, checking the server's real fingerprint; \a support is what
 * the agent advertises (nullopt: nothing, like agents before the certificate store).
 */
[[nodiscard]] Result<agent::AgentState> enrollAgent(
    DeviceTestServer& server, const QString& stateDir, const QByteArray& token,
    const QString& unitId = {},
    std::optional<protocol::CertificateSupport> support = protocol::CertificateSupport::current());

/** A ServerLink for an enrolled state with fast back-off (20 ms … 200 ms). */
[[nodiscard]] std::unique_ptr<agent::ServerLink> linkFor(const agent::AgentState& state);

/** A console on the event socket, greeted, collecting every object.event. */
class EventWatcher {
public:
    /** Watches as alice, or as the administrator whose bearer token is \a token. */
    explicit EventWatcher(DeviceTestServer& server, const QByteArray& token = {});
    /** Whether an event \a event for object \a id of \a kind has arrived. */
    [[nodiscard]] bool saw(const QString& event, qint64 id,
                           const QString& kind = QStringLiteral("device")) const;
    /** The object of the latest such event of \a kind; empty if none. */
    [[nodiscard]] QJsonObject latest(const QString& event, const QString& kind, qint64 id) const;
    /** The object.event messages that arrived, in order. */
    [[nodiscard]] std::vector<protocol::ObjectEvent> events() const;

private:
    QWebSocket m_socket;
    std::vector<protocol::IncomingMessage> m_received;
};

} // namespace steward::test
