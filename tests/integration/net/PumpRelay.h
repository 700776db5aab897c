// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// PumpRelay - a test relay: accepts TLS on 127.0.0.1:0 and pumps each connection to a sink.
#pragma once

#include "common/net/BytePump.h"
#include "tests/integration/net/Sha256Stream.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <memory>
#include <optional>

namespace steward::test {

/** Counts and hashes everything one connection sends, until it closes. */
class HashingSink : public QObject {
    Q_OBJECT

public:
    /** Plain TCP, or TLS when given a server configuration. */
    explicit HashingSink(const std::optional<QSslConfiguration>& tls = std::nullopt);
    [[nodiscard]] quint16 port() const { return m_server->serverPort(); }
    [[nodiscard]] bool isDone() const { return m_done; }
    [[nodiscard]] qint64 received() const { return m_received; }
    [[nodiscard]] QByteArray sha256() { return m_hash.result(); }

private:
    std::unique_ptr<QTcpServer> m_server; // a QSslServer for TLS
    QTcpSocket* m_socket = nullptr;       // child of m_server
    Sha256Stream m_hash;
    qint64 m_received = 0;
    bool m_done = false;
};

/** TLS in, BytePump, out to a port: plain TCP, or TLS when given a client configuration. */
class PumpRelay : public QObject {
    Q_OBJECT

public:
    PumpRelay(const QSslConfiguration& configuration, quint16 sinkPort,
              net::BytePump::Options options,
              const std::optional<QSslConfiguration>& outgoingTls = std::nullopt);
    [[nodiscard]] quint16 port() const { return m_server->serverPort(); }
    /** The pump of the first connection, once both legs are up. */
    [[nodiscard]] const net::BytePump* pump() const { return m_pump.get(); }
    [[nodiscard]] bool isFinished() const { return m_finished; }
    [[nodiscard]] net::BytePump::FinishReason reason() const { return m_reason; }

private:
    void handleIncoming();
    void startPump();

    std::unique_ptr<QTcpServer> m_server; // a QSslServer
    quint16 m_sinkPort;
    net::BytePump::Options m_options;
    std::optional<QSslConfiguration> m_outgoingTls;
    QTcpSocket* m_incoming = nullptr; // child of m_server
    std::unique_ptr<QSslSocket> m_outgoing;
    std::unique_ptr<net::BytePump> m_pump;
    bool m_finished = false;
    net::BytePump::FinishReason m_reason = net::BytePump::FinishReason::Stopped;
};

} // namespace steward::test
