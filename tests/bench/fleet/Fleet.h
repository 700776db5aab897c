// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Fleet - many simulated agents in one process, each with its own key, certificate and
// WSS connection to a real steward-server; shared by bench_fleet and the reconnect test.
#pragma once

#include "agent/link/Backoff.h"
#include "common/core/Result.h"
#include "common/tls/TlsFiles.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QWebSocket;

namespace steward::fleet {

/**
 * Raises RLIMIT_NOFILE to at least \a wanted where allowed (the hard limit too, for a
 * privileged process), else the soft limit to the hard one; returns the new soft limit.
 * Children started afterwards (the server) inherit it.
 */
quint64 raiseFileLimit(quint64 wanted = 0);

/** The real steward-server binary, on 127.0.0.1; restartable on the same port. */
class ServerProcess {
public:
    ServerProcess(QString program, QString dataDir, QString configFile = {});
    ~ServerProcess();

    /** Starts on \a port (0: any) and waits until it listens. */
    [[nodiscard]] Result<void> start(quint16 port = 0,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(60));
    /** SIGTERM and wait. */
    void stop();
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    [[nodiscard]] QUrl url() const;
    [[nodiscard]] const QByteArray& log() const { return m_log; }

private:
    QString m_program;
    QString m_dataDir;
    QString m_configFile;
    QProcess m_process;
    QByteArray m_log;
    quint16 m_port = 0;
};

/** Creates superuser \a user straight in the data dir's SQLite database (migrating it). */
[[nodiscard]] Result<void> createAdministrator(const QString& dataDir, const QString& user,
                                               const QString& password);
/** The server's root CA, which every client trusts: <dataDir>/pki/root-ca.crt. */
[[nodiscard]] Result<QSslCertificate> serverRootCa(const QString& dataDir);

/** One simulated agent's credentials. */
struct Member {
    qint64 deviceId = 0;
    tls::TlsIdentity identity;
    QSslCertificate deviceCommunication; // what it pinned at enrolment
};

/** A server as the fleet reaches it over REST. */
struct ServerAccess {
    QUrl url; // https://localhost:PORT
    QSslCertificate rootCa;
    QByteArray bearerToken; // a superuser's session
};

/**
 * Credentials for \a count agents. Those cached in \a cacheDir (i.key, i.crt, i.id) are
 * loaded; the rest are enrolled for real: a one-time token from POST /api/v1/enrollment-tokens,
 * an EC P-256 key and CSR, POST /api/v1/enroll, up to \a parallel requests in flight. Each
 * agent gets its own locally administered MAC 02:5e:xx:xx:xx:xx as unit id.
 */
[[nodiscard]] Result<std::vector<Member>> enrollFleet(const ServerAccess& server, int count,
                                                      const QString& cacheDir, int parallel = 16);

/**
 * Queues one command for each of \a deviceIds: POST /api/v1/devices/{id}/commands with
 * \a body, \a parallel requests in flight. Returns how many were accepted (202); a route
 * that does not exist (404 on the first answer) is NotFound.
 */
[[nodiscard]] Result<int> queueCommands(const ServerAccess& server,
                                        const std::vector<qint64>& deviceIds,
                                        const QJsonObject& body, int parallel = 16);

/** Counters and timings of a fleet. */
struct FleetCounts {
    int up = 0;           // greeted by hello.ack, connection open
    quint64 connects = 0; // connection attempts
    quint64 failures = 0; // attempts or connections that ended
};

/**
 * N agents on one event loop. Each opens WSS to /device/v1/ws with its client certificate,
 * sends hello, waits for hello.ack, sends a small inventory, answers the server's keepalive
 * pings (Qt does) and reconnects with the agent's own exponential back-off with full jitter.
 * At most \a maxConnecting handshakes are started at once, as many agents would not start
 * at the same instant either.
 */
class Fleet : public QObject {
    Q_OBJECT

public:
    struct Options {
        QUrl server; // https://localhost:PORT
        QSslCertificate rootCa;
        agent::BackoffPolicy backoff{std::chrono::milliseconds(200), std::chrono::seconds(5)};
        int maxConnecting = 64;
    };

    Fleet(Options options, std::vector<Member> members, QObject* parent = nullptr);
    ~Fleet() override;

    void start();
    void stop();
    [[nodiscard]] FleetCounts counts() const;
    [[nodiscard]] int size() const { return int(m_agents.size()); }
    /** Sends \a frame on agent \a index's channel; false when it is not up. */
    bool send(int index, const QByteArray& frame);
    /** Called with agent index and frame for every server frame after hello.ack. */
    void onFrame(std::function<void(int, const QByteArray&)> handler)
    {
        m_onFrame = std::move(handler);
    }

private:
    class Agent;
    friend class Agent;
    void pump();

    Options m_options;
    std::vector<std::unique_ptr<Agent>> m_agents;
    std::vector<int> m_ready; // agents waiting for a connect slot
    QTimer m_pump;
    int m_connecting = 0;
    int m_up = 0;
    quint64 m_connects = 0;
    quint64 m_failures = 0;
    std::function<void(int, const QByteArray&)> m_onFrame;
};

/** Resident memory and CPU seconds (user + system) of process \a pid, from /proc. */
struct ProcessUsage {
    quint64 rssBytes = 0;
    double cpuSeconds = 0;
};
[[nodiscard]] ProcessUsage processUsage(qint64 pid);

} // namespace steward::fleet
