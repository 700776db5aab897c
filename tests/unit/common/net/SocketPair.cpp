// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/unit/common/net/SocketPair.h"

#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"

#include <QTcpServer>

#include <sys/socket.h>

namespace steward::test {

SocketPair makeSocketPair()
{
    QTcpServer listener;
    REQUIRE(listener.listen(QHostAddress::LocalHost, 0));
    SocketPair pair;
    pair.connector = std::make_unique<QTcpSocket>();
    pair.connector->connectToHost(QHostAddress::LocalHost, listener.serverPort());
    REQUIRE(waitUntil([&] {
        return listener.hasPendingConnections()
               && pair.connector->state() == QAbstractSocket::ConnectedState;
    }));
    QTcpSocket* accepted = listener.nextPendingConnection();
    REQUIRE(accepted != nullptr);
    accepted->setParent(nullptr);
    pair.accepted.reset(accepted);
    return pair;
}

QByteArray patternBytes(qsizetype size, char seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    quint32 state = quint32(quint8(seed)) * 2654435761u + 1;
    for (qsizetype i = 0; i < size; ++i) {
        state = state * 1664525u + 1013904223u;
        bytes[i] = char(state >> 24);
    }
    return bytes;
}

void shutdownWriteWhenFlushed(QTcpSocket& socket)
{
    REQUIRE(waitUntil([&] { return socket.bytesToWrite() == 0; }));
    REQUIRE(::shutdown(int(socket.socketDescriptor()), SHUT_WR) == 0);
}

} // namespace steward::test
