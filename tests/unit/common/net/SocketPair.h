// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// SocketPair - two connected QTcpSockets on 127.0.0.1, for pump and proxy tests.
#pragma once

#include <QByteArray>
#include <QTcpSocket>

#include <memory>

namespace steward::test {

struct SocketPair {
    std::unique_ptr<QTcpSocket> accepted;  // the server side, handed to the code under test
    std::unique_ptr<QTcpSocket> connector; // the client side, played by the test
};

/** Connects a fresh pair through a listener on 127.0.0.1:0; fails the test on error. */
[[nodiscard]] SocketPair makeSocketPair();

/** size bytes of a pattern that makes reordering, loss and duplication visible. */
[[nodiscard]] QByteArray patternBytes(qsizetype size, char seed);

/** Ends the write direction of socket's descriptor once Qt has flushed it (FIN). */
void shutdownWriteWhenFlushed(QTcpSocket& socket);

} // namespace steward::test
