// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/net/BytePump.h"

#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/unit/common/net/SocketPair.h"

#include <QElapsedTimer>
#include <QTimer>

#include <vector>

using steward::net::BytePump;
using steward::test::makeSocketPair;
using steward::test::patternBytes;
using steward::test::shutdownWriteWhenFlushed;
using steward::test::SocketPair;
using steward::test::waitUntil;
using Direction = BytePump::Direction;
using Reason = BytePump::FinishReason;

namespace {

// peerA <-> [a.accepted  BytePump  b.accepted] <-> peerB
struct PumpRig {
    SocketPair a = makeSocketPair();
    SocketPair b = makeSocketPair();
    BytePump pump;
    std::vector<Reason> reasons;
    QByteArray receivedByA;
    QByteArray receivedByB;

    explicit PumpRig(BytePump::Options options = {}, bool peerBReads = true)
        : pump(*a.accepted, *b.accepted, options)
    {
        QObject::connect(&pump, &BytePump::finished,
                         [this](Reason reason) { reasons.push_back(reason); });
        QObject::connect(&peerA(), &QIODevice::readyRead,
                         [this] { receivedByA += peerA().readAll(); });
        if (!peerBReads) {
            peerB().setReadBufferSize(16 * 1024); // Qt would otherwise read it all into memory
        } else {
            QObject::connect(&peerB(), &QIODevice::readyRead,
                             [this] { receivedByB += peerB().readAll(); });
        }
    }

    QTcpSocket& peerA() { return *a.connector; }
    QTcpSocket& peerB() { return *b.connector; }
    bool finished() const { return !reasons.empty(); }
};

bool isClosed(const QAbstractSocket& socket)
{
    return socket.state() == QAbstractSocket::UnconnectedState;
}

} // namespace

TEST_CASE("the pump delivers bytes in order both ways and counts them", "[unit][net]")
{
    PumpRig rig;
    rig.pump.start();
    const QByteArray forward = patternBytes(3 * 1024 * 1024 + 17, 'a');
    const QByteArray backward = patternBytes(1024 * 1024 + 5, 'b');
    rig.peerA().write(forward);
    rig.peerB().write(backward);

    REQUIRE(waitUntil([&] {
        return rig.receivedByB.size() == forward.size()
               && rig.receivedByA.size() == backward.size();
    }));
    CHECK(rig.receivedByB == forward);
    CHECK(rig.receivedByA == backward);
    CHECK(rig.pump.bytesTransferred(Direction::FirstToSecond) == quint64(forward.size()));
    CHECK(rig.pump.bytesTransferred(Direction::SecondToFirst) == quint64(backward.size()));
    CHECK_FALSE(rig.finished());
}

TEST_CASE("the pump forwards bytes that arrived before it started", "[unit][net]")
{
    PumpRig rig;
    rig.peerA().write("early");
    REQUIRE(waitUntil([&] { return rig.a.accepted->bytesAvailable() == 5; }));
    rig.pump.start();
    REQUIRE(waitUntil([&] { return rig.receivedByB == "early"; }));
}

TEST_CASE("a slow reader holds the pump's queue within its bound and stalls the writer",
          "[unit][net]")
{
    BytePump::Options options;
    options.maxBuffered = 64 * 1024;
    options.chunkSize = 16 * 1024;
    PumpRig rig(options, false);
    rig.pump.start();
    CHECK(rig.a.accepted->readBufferSize() == options.chunkSize);
    CHECK(rig.b.accepted->readBufferSize() == options.chunkSize);

    const QByteArray payload = patternBytes(48 * 1024 * 1024, 'p');
    rig.peerA().write(payload);
    // peerB reads nothing: the pump fills its queue toward b and must then stop reading a.
    REQUIRE(waitUntil(
        [&] { return rig.b.accepted->bytesToWrite() > options.maxBuffered - options.chunkSize; }));
    CHECK(rig.pump.maxBuffered(Direction::FirstToSecond) <= options.maxBuffered);
    CHECK(rig.pump.bytesTransferred(Direction::FirstToSecond) < quint64(payload.size()));
    CHECK(rig.a.accepted->bytesAvailable() <= options.chunkSize);
    CHECK(rig.peerA().bytesToWrite() > 0); // the kernel pushed back all the way to the writer

    // Now read slowly, a few KiB per event loop pass, until everything has arrived.
    QByteArray received;
    REQUIRE(waitUntil(
        [&] {
            received += rig.peerB().read(8 * 1024);
            return received.size() == payload.size();
        },
        std::chrono::seconds(60)));
    CHECK(received == payload);
    CHECK(rig.pump.maxBuffered(Direction::FirstToSecond) <= options.maxBuffered);
    CHECK(rig.pump.maxBuffered(Direction::FirstToSecond) > options.maxBuffered / 2);
}

TEST_CASE("end of stream on one side is flushed and then seen on the other", "[unit][net]")
{
    PumpRig rig;
    rig.pump.start();
    const bool fromA = GENERATE(true, false);
    QTcpSocket& writer = fromA ? rig.peerA() : rig.peerB();
    QTcpSocket& reader = fromA ? rig.peerB() : rig.peerA();
    const QByteArray& received = fromA ? rig.receivedByB : rig.receivedByA;
    const QByteArray payload = patternBytes(700 * 1024 + 3, 'h');
    QAbstractSocket::SocketError readerError = QAbstractSocket::UnknownSocketError;
    QObject::connect(&reader, &QAbstractSocket::errorOccurred,
                     [&](QAbstractSocket::SocketError error) { readerError = error; });

    writer.write(payload);
    shutdownWriteWhenFlushed(writer); // FIN right behind the payload

    REQUIRE(waitUntil([&] { return isClosed(reader) && rig.finished(); }));
    CHECK(received == payload);
    // An orderly FIN reached the reader, not a reset, and only after every byte.
    CHECK(readerError == QAbstractSocket::RemoteHostClosedError);
    CHECK(rig.reasons == std::vector<Reason>{Reason::Completed});
    CHECK(rig.pump.bytesTransferred(fromA ? Direction::FirstToSecond : Direction::SecondToFirst)
          == quint64(payload.size()));
    REQUIRE(waitUntil([&] { return isClosed(writer); }));
    CHECK(isClosed(*rig.a.accepted));
    CHECK(isClosed(*rig.b.accepted));
}

TEST_CASE("a peer closing its connection closes the pump's other side", "[unit][net]")
{
    PumpRig rig;
    rig.pump.start();
    rig.peerB().write("last words");
    REQUIRE(waitUntil([&] { return rig.receivedByA == "last words"; }));
    rig.peerB().disconnectFromHost();

    REQUIRE(waitUntil([&] { return isClosed(rig.peerA()) && rig.finished(); }));
    CHECK(rig.reasons == std::vector<Reason>{Reason::Completed});
    CHECK(isClosed(*rig.a.accepted));
    CHECK(isClosed(*rig.b.accepted));
}

TEST_CASE("deleting a socket under the pump ends it and closes the other side", "[unit][net]")
{
    PumpRig rig;
    rig.pump.start();
    rig.peerA().write(patternBytes(256 * 1024, 'd'));
    // Everything delivered: nothing is queued toward b when a goes away.
    REQUIRE(waitUntil([&] { return rig.receivedByB.size() == 256 * 1024; }));
    const bool connectedWhenDeleted = GENERATE(true, false);
    if (!connectedWhenDeleted) {
        // Closed without the pump seeing it, then destroyed: only destroyed() tells.
        rig.a.accepted->blockSignals(true);
        rig.a.accepted->abort();
        rig.a.accepted->blockSignals(false);
    }
    rig.a.accepted.reset();

    REQUIRE(waitUntil([&] { return rig.finished() && isClosed(rig.peerB()); }));
    CHECK(rig.reasons
          == std::vector<Reason>{connectedWhenDeleted ? Reason::Completed : Reason::SocketDeleted});
    CHECK(isClosed(*rig.b.accepted));
    rig.peerB().write("after"); // must not crash or reach anything
    rig.pump.stop();
    CHECK(rig.reasons.size() == 1);
}

TEST_CASE("a pump whose socket was deleted before start finishes at once", "[unit][net]")
{
    PumpRig rig;
    rig.b.accepted.reset();
    rig.pump.start();
    CHECK(rig.reasons == std::vector<Reason>{Reason::SocketDeleted});
    CHECK(isClosed(*rig.a.accepted));
    REQUIRE(waitUntil([&] { return isClosed(rig.peerA()); }));
}

TEST_CASE("stop closes both sides at once", "[unit][net]")
{
    PumpRig rig;
    rig.pump.start();
    rig.pump.stop();
    CHECK(rig.reasons == std::vector<Reason>{Reason::Stopped});
    CHECK(isClosed(*rig.a.accepted));
    CHECK(isClosed(*rig.b.accepted));
    REQUIRE(waitUntil([&] { return isClosed(rig.peerA()) && isClosed(rig.peerB()); }));
}

TEST_CASE("an idle pump closes both sides after the idle timeout", "[unit][net]")
{
    BytePump::Options options;
    options.idleTimeout = std::chrono::milliseconds(50);
    PumpRig rig(options);
    QElapsedTimer clock;
    clock.start();
    rig.pump.start();

    REQUIRE(waitUntil([&] { return rig.finished(); }));
    CHECK(clock.elapsed() >= 50);
    CHECK(rig.reasons == std::vector<Reason>{Reason::IdleTimeout});
    CHECK(isClosed(*rig.a.accepted));
    CHECK(isClosed(*rig.b.accepted));
    REQUIRE(waitUntil([&] { return isClosed(rig.peerA()) && isClosed(rig.peerB()); }));
}

TEST_CASE("traffic through the pump restarts its idle timeout", "[unit][net]")
{
    BytePump::Options options;
    options.idleTimeout = std::chrono::milliseconds(50);
    PumpRig rig(options);
    QElapsedTimer clock;
    clock.start();
    rig.pump.start();
    qint64 pumpActivityMs = -1;
    // Connected after the pump's own slot, so this runs right after the pump moved the bytes.
    QObject::connect(rig.a.accepted.get(), &QIODevice::readyRead,
                     [&] { pumpActivityMs = clock.elapsed(); });
    QTimer::singleShot(30, [&] { rig.peerA().write("ping"); });

    REQUIRE(waitUntil([&] { return rig.finished(); }));
    const qint64 finishedAfterMs = clock.elapsed();
    CHECK(rig.reasons == std::vector<Reason>{Reason::IdleTimeout});
    // On a badly overloaded machine the ping may arrive after the pump already gave up;
    // otherwise the timeout must count from the ping, not from the start.
    if (pumpActivityMs >= 0 && pumpActivityMs < finishedAfterMs) {
        CHECK(rig.receivedByB == "ping");
        CHECK(finishedAfterMs >= pumpActivityMs + 49); // ms rounding of the pump's own stamp
    } else {
        WARN("ping reached the pump only after the idle timeout; postponement not checked");
    }
}
