// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/unit/common/tls/NativePair.h"

#include "tests/support/CatchQt.h"

#include <QDeadlineTimer>

#include <cerrno>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace steward::test {

std::pair<int, int> tcpPair()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener, 1) == 0);
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    const int connected = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(::connect(connected, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    const int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    ::close(listener);
    REQUIRE(accepted >= 0);
    return {accepted, connected};
}

bool writeAll(int fd, const QByteArray& data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t count =
            ::send(fd, data.constData() + done, size_t(data.size() - done), MSG_NOSIGNAL);
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count <= 0) {
            return false;
        }
        done += count;
    }
    return true;
}

QByteArray readUpTo(int fd, qsizetype count, std::chrono::milliseconds timeout)
{
    QByteArray result;
    QDeadlineTimer deadline(timeout);
    char buffer[64 * 1024];
    while (result.size() < count && !deadline.hasExpired()) {
        pollfd entry{fd, POLLIN, 0};
        if (::poll(&entry, 1, int(deadline.remainingTime())) <= 0) {
            break;
        }
        const ssize_t got = ::recv(
            fd, buffer, size_t(std::min<qsizetype>(count - result.size(), sizeof buffer)), 0);
        if (got <= 0) {
            break;
        }
        result.append(buffer, got);
    }
    return result;
}

bool seesEnd(int fd, std::chrono::milliseconds timeout)
{
    QDeadlineTimer deadline(timeout);
    char buffer[64 * 1024];
    while (!deadline.hasExpired()) {
        pollfd entry{fd, POLLIN, 0};
        if (::poll(&entry, 1, int(deadline.remainingTime())) <= 0) {
            return false;
        }
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) {
            return true;
        }
    }
    return false;
}

StreamPair startStreamPair(TestPki::Entity presented, TestPki::Entity pinned)
{
    auto server = tls::NativeContext::server(TestPki::identity(presented));
    REQUIRE(server.ok());
    auto client = tls::NativeContext::pinnedClient(TestPki::certificate(pinned));
    REQUIRE(client.ok());
    const auto [accepted, connected] = tcpPair();
    StreamPair pair;
    pair.server = std::make_unique<tls::TlsStream>(accepted, *server);
    pair.client = std::make_unique<tls::TlsStream>(connected, *client);
    pair.server->startHandshake();
    pair.client->startHandshake();
    return pair;
}

} // namespace steward::test
