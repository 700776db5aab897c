// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/tls/TlsPipe.h"

#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/unit/common/net/SocketPair.h"
#include "tests/unit/common/tls/NativePair.h"

#include <QElapsedTimer>

#include <thread>

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using steward::test::patternBytes;
using steward::test::readUpTo;
using steward::test::seesEnd;
using steward::test::waitUntil;
using steward::test::writeAll;
using steward::tls::TlsPipe;

namespace {

// viewer <-> [console pipe] <-TLS-> [agent pipe] <-> vnc; the test plays viewer and vnc.
struct PipeRig {
    explicit PipeRig(TlsPipe::Options options = {})
    {
        auto pair = steward::test::startStreamPair();
        REQUIRE(
            waitUntil([&] { return pair.server->isEncrypted() && pair.client->isEncrypted(); }));
        const auto [agentPlain, vncEnd] = steward::test::tcpPair();
        const auto [consolePlain, viewerEnd] = steward::test::tcpPair();
        vnc = vncEnd;
        viewer = viewerEnd;
        agent = std::make_unique<TlsPipe>(pair.server->detach(), agentPlain, QByteArray(), options);
        console =
            std::make_unique<TlsPipe>(pair.client->detach(), consolePlain, QByteArray(), options);
        QObject::connect(agent.get(), &TlsPipe::finished,
                         [this](const QString& reason) { agentReason = reason; });
        QObject::connect(console.get(), &TlsPipe::finished,
                         [this](const QString& reason) { consoleReason = reason; });
        agent->start();
        console->start();
    }
    ~PipeRig()
    {
        console.reset();
        agent.reset();
        for (const int fd : {vnc, viewer}) {
            if (fd >= 0) {
                ::close(fd);
            }
        }
    }
    std::unique_ptr<TlsPipe> agent;
    std::unique_ptr<TlsPipe> console;
    int vnc = -1;
    int viewer = -1;
    QString agentReason;
    QString consoleReason;
};

} // namespace

TEST_CASE("a TLS pipe pair moves bulk bytes both ways at once and counts them", "[tls][pipe]")
{
    PipeRig rig;
    const qsizetype size = 16 * 1024 * 1024;
    const QByteArray up = patternBytes(size, 'u');   // viewer → vnc
    const QByteArray down = patternBytes(size, 'd'); // vnc → viewer
    QByteArray atVnc;
    QByteArray atViewer;
    std::thread viewerWrites([&] { writeAll(rig.viewer, up); });
    std::thread vncWrites([&] { writeAll(rig.vnc, down); });
    std::thread vncReads([&] { atVnc = readUpTo(rig.vnc, size); });
    atViewer = readUpTo(rig.viewer, size);
    viewerWrites.join();
    vncWrites.join();
    vncReads.join();
    CHECK(atVnc == up);
    CHECK(atViewer == down);
    CHECK(rig.console->bytesToTls() == quint64(size));
    CHECK(rig.agent->bytesFromTls() == quint64(size));
    CHECK(rig.agent->bytesToTls() == quint64(size));
    CHECK(rig.console->bytesFromTls() == quint64(size));
    CHECK_FALSE(rig.agent->isFinished());
}

TEST_CASE("a TLS pipe holds the sender back while the reader is slow, with bounded buffers",
          "[tls][pipe]")
{
    TlsPipe::Options options;
    options.bufferBytes = 64 * 1024;
    PipeRig rig(options);
    // Fill until the path stops taking bytes for 300 ms: nobody reads at the VNC end.
    const QByteArray block = patternBytes(256 * 1024, 'b');
    qint64 written = 0;
    while (written < 512LL * 1024 * 1024) {
        pollfd entry{rig.viewer, POLLOUT, 0};
        if (::poll(&entry, 1, 300) <= 0) {
            break;
        }
        const qsizetype at = qsizetype(written % block.size());
        const ssize_t count = ::send(rig.viewer, block.constData() + at, size_t(block.size() - at),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
        if (count > 0) {
            written += count;
        } else if (errno != EAGAIN) {
            FAIL("the viewer's socket failed");
        }
    }
    // Only socket buffers and the pipes' two 64 KiB buffers hold bytes: far from 512 MiB.
    CHECK(written < 64LL * 1024 * 1024);
    CHECK(rig.agent->bytesFromTls() < quint64(written));
    // The slow reader gets every byte, in order, once it reads.
    const QByteArray received = readUpTo(rig.vnc, written);
    REQUIRE(received.size() == written);
    bool inOrder = true;
    for (qint64 offset = 0; offset < written && inOrder; offset += block.size()) {
        const QByteArray part = received.mid(qsizetype(offset), block.size());
        inOrder = part == block.left(part.size());
    }
    CHECK(inOrder);
    CHECK(rig.agent->bytesFromTls() == quint64(written));
}

TEST_CASE("a TLS pipe ends when either side closes, after delivering what that side sent",
          "[tls][pipe]")
{
    PipeRig rig;
    SECTION("the viewer closes")
    {
        REQUIRE(writeAll(rig.viewer, "last words"));
        ::shutdown(rig.viewer, SHUT_WR);
        CHECK(readUpTo(rig.vnc, 10) == "last words");
        CHECK(seesEnd(rig.vnc));
        REQUIRE(
            waitUntil([&] { return !rig.agentReason.isEmpty() && !rig.consoleReason.isEmpty(); }));
        CHECK(rig.consoleReason == QStringLiteral("the plain side closed the stream"));
        CHECK(rig.agentReason == QStringLiteral("the TLS peer closed the stream"));
        CHECK(rig.console->bytesToTls() == 10);
        CHECK(rig.agent->bytesFromTls() == 10);
    }
    SECTION("the VNC server closes")
    {
        REQUIRE(writeAll(rig.vnc, "RFB 003.008\n"));
        ::close(rig.vnc);
        rig.vnc = -1;
        CHECK(readUpTo(rig.viewer, 12) == "RFB 003.008\n");
        CHECK(seesEnd(rig.viewer));
        REQUIRE(
            waitUntil([&] { return !rig.agentReason.isEmpty() && !rig.consoleReason.isEmpty(); }));
        CHECK(rig.agentReason == QStringLiteral("the plain side closed the stream"));
        CHECK(rig.consoleReason == QStringLiteral("the TLS peer closed the stream"));
        CHECK(rig.console->bytesFromTls() == 12);
    }
    CHECK(rig.agent->isFinished());
    CHECK(rig.console->isFinished());
}

TEST_CASE("stopping a TLS pipe in the middle of a transfer ends it at once and joins its thread",
          "[tls][pipe]")
{
    PipeRig rig;
    std::atomic<bool> done{false};
    std::thread viewerWrites([&] {
        const QByteArray block = patternBytes(256 * 1024, 's');
        while (!done && writeAll(rig.viewer, block)) {
        }
    });
    std::thread vncReads([&] { (void)seesEnd(rig.vnc, std::chrono::seconds(30)); });
    const bool flowing = waitUntil([&] { return rig.agent->bytesFromTls() > 4 * 1024 * 1024; });
    QElapsedTimer clock;
    clock.start();
    rig.console->stop();
    const qint64 elapsed = clock.elapsed();
    const quint64 sent = rig.console->bytesToTls();
    // The agent's pipe sees close_notify and ends too; the VNC end sees the end of stream.
    const bool reported = waitUntil([&] { return rig.consoleReason == QStringLiteral("stopped"); });
    const bool agentEnded = waitUntil([&] { return rig.agent->isFinished(); });
    // Join the helpers before any REQUIRE can leave the test.
    done = true;
    rig.agent->stop();
    vncReads.join();
    ::shutdown(rig.viewer, SHUT_RDWR);
    viewerWrites.join();
    REQUIRE(flowing);
    CHECK(elapsed < 1000);
    CHECK(rig.console->isFinished());
    CHECK(reported);
    CHECK(agentEnded);
    CHECK(rig.console->bytesToTls() == sent);
    CHECK(rig.agent->bytesFromTls() <= sent);
}
