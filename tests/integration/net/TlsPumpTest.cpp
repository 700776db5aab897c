// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "common/net/BytePump.h"
#include "common/tls/TlsConfig.h"

#include "tests/integration/net/PumpRelay.h"
#include "tests/integration/net/Sha256Stream.h"
#include "tests/support/CatchQt.h"
#include "tests/support/EventLoop.h"
#include "tests/support/TestPki.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSslSocket>

#include <algorithm>
#include <cstring>

#include <unistd.h>

using steward::net::BytePump;
using steward::test::HashingSink;
using steward::test::PumpRelay;
using steward::test::TestPki;
using steward::test::waitUntil;
namespace tls = steward::tls;

namespace {

qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    REQUIRE(statm.open(QIODevice::ReadOnly));
    const auto fields = statm.readAll().split(' ');
    REQUIRE(fields.size() > 1);
    return fields[1].toLongLong() * qint64(::sysconf(_SC_PAGESIZE));
}

// Writes total bytes of numbered blocks as fast as the socket drains, never queueing more
// than a few blocks, and hashes what it wrote.
class BlockWriter {
public:
    BlockWriter(QSslSocket& socket, qint64 total) : m_socket(socket), m_total(total)
    {
        for (qsizetype i = 0; i < m_block.size(); ++i) {
            m_block[i] = char((i * 131 + 7) & 0xff);
        }
    }

    void feed()
    {
        while (m_written < m_total
               && m_socket.bytesToWrite() + m_socket.encryptedBytesToWrite() < 4 * BlockSize) {
            const qint64 size = std::min<qint64>(BlockSize, m_total - m_written);
            const qint64 index = m_written / BlockSize;
            std::memcpy(m_block.data(), &index, sizeof index); // reordering changes the hash
            m_hash.addData(QByteArrayView(m_block.constData(), size));
            // Called from slots: CHECK and stop, never REQUIRE (it would throw through Qt).
            const bool written = m_socket.write(m_block.constData(), size) == size;
            CHECK(written);
            if (!written) {
                m_total = m_written;
                return;
            }
            m_written += size;
        }
    }
    [[nodiscard]] bool allQueued() const { return m_written == m_total; }
    [[nodiscard]] QByteArray sha256() { return m_hash.result(); }

private:
    static constexpr qint64 BlockSize = 256 * 1024;
    QSslSocket& m_socket;
    qint64 m_total;
    qint64 m_written = 0;
    QByteArray m_block{BlockSize, '\0'};
    steward::test::Sha256Stream m_hash;
};

} // namespace

TEST_CASE("the pump carries TLS to TLS intact and within its bound", "[integration][net]")
{
    constexpr qint64 Total = qint64(64) << 20;
    BytePump::Options options;
    options.maxBuffered = 64 * 1024;
    HashingSink sink(tls::serverConfiguration(TestPki::identity(TestPki::Entity::Server)));
    PumpRelay relay(tls::serverConfiguration(TestPki::identity(TestPki::Entity::Server)),
                    sink.port(), options, tls::clientConfiguration(TestPki::testCa()));
    QSslSocket client;
    client.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    BlockWriter writer(client, Total);
    QObject::connect(&client, &QSslSocket::encrypted, [&] { writer.feed(); });
    QObject::connect(&client, &QSslSocket::encryptedBytesWritten, [&] { writer.feed(); });
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), relay.port(),
                                  QStringLiteral("localhost"));

    REQUIRE(waitUntil(
        [&] {
            if (writer.allQueued() && client.state() == QAbstractSocket::ConnectedState) {
                client.disconnectFromHost();
            }
            return sink.isDone();
        },
        std::chrono::seconds(60)));
    CHECK(sink.received() == Total);
    CHECK(sink.sha256() == writer.sha256());
    REQUIRE(waitUntil([&] { return relay.isFinished(); }));
    CHECK(relay.reason() == BytePump::FinishReason::Completed);
    // Plaintext and ciphertext queued toward the TLS sink both count against the bound.
    CHECK(relay.pump()->maxBuffered(BytePump::Direction::FirstToSecond) <= options.maxBuffered);
    CHECK(relay.pump()->maxBuffered(BytePump::Direction::FirstToSecond) > options.maxBuffered / 2);
}

TEST_CASE("the pump moves 1 GiB from TLS to TCP intact with bounded memory", "[integration][net]")
{
    constexpr qint64 Total = qint64(1) << 30;
    BytePump::Options options; // the production defaults: 256 KiB bound, 64 KiB chunks
    HashingSink sink;
    PumpRelay relay(tls::serverConfiguration(TestPki::identity(TestPki::Entity::Server)),
                    sink.port(), options);
    QSslSocket client;
    client.setSslConfiguration(tls::clientConfiguration(TestPki::testCa()));
    BlockWriter writer(client, Total);
    QObject::connect(&client, &QSslSocket::encrypted, [&] { writer.feed(); });
    QObject::connect(&client, &QSslSocket::encryptedBytesWritten, [&] { writer.feed(); });

    const qint64 rssBefore = residentBytes();
    qint64 rssPeak = rssBefore;
    QElapsedTimer clock;
    clock.start();
    client.connectToHostEncrypted(QStringLiteral("127.0.0.1"), relay.port(),
                                  QStringLiteral("localhost"));
    REQUIRE(waitUntil(
        [&] {
            rssPeak = std::max(rssPeak, residentBytes());
            if (writer.allQueued() && client.state() == QAbstractSocket::ConnectedState) {
                client.disconnectFromHost(); // flushes, then close_notify: end of stream
            }
            return sink.isDone();
        },
        std::chrono::seconds(100)));
    const double seconds = double(clock.elapsed()) / 1000.0;

    CHECK(sink.received() == Total);
    CHECK(sink.sha256() == writer.sha256());
    REQUIRE(waitUntil([&] { return relay.isFinished(); }));
    CHECK(relay.reason() == BytePump::FinishReason::Completed);
    REQUIRE(relay.pump() != nullptr);
    CHECK(relay.pump()->bytesTransferred(BytePump::Direction::FirstToSecond) == quint64(Total));
    CHECK(relay.pump()->bytesTransferred(BytePump::Direction::SecondToFirst) == 0);
    CHECK(relay.pump()->maxBuffered(BytePump::Direction::FirstToSecond) <= options.maxBuffered);
    CHECK(rssPeak - rssBefore < 64 * 1024 * 1024);
    WARN("1 GiB TLS->pump->TCP in " << seconds << " s (" << (1024.0 / seconds)
                                    << " MiB/s, client, pump and sink on one thread); RSS growth "
                                    << (rssPeak - rssBefore) / 1024 << " KiB; pump max queued "
                                    << relay.pump()->maxBuffered(BytePump::Direction::FirstToSecond)
                                    << " bytes");
}
