// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// NativePair - loopback TCP descriptors and OpenSSL stream pairs for the native TLS tests.
#pragma once

#include "common/tls/TlsStream.h"
#include "tests/support/TestPki.h"

#include <QByteArray>

#include <chrono>
#include <memory>
#include <utility>

namespace steward::test {

/** {accepted, connected}: a blocking TCP connection through a listener on 127.0.0.1:0. */
[[nodiscard]] std::pair<int, int> tcpPair();

/** Writes all of data to a blocking descriptor; false on an error. */
bool writeAll(int fd, const QByteArray& data);
/** Reads until count bytes or end of stream or timeout (poll), whichever first. */
[[nodiscard]] QByteArray readUpTo(int fd, qsizetype count,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(20));
/** True when the descriptor reports end of stream (or a reset) within timeout. */
[[nodiscard]] bool seesEnd(int fd, std::chrono::milliseconds timeout = std::chrono::seconds(10));

/** A server stream presenting \a presented and a client stream pinned to \a pinned, started. */
struct StreamPair {
    std::unique_ptr<tls::TlsStream> server;
    std::unique_ptr<tls::TlsStream> client;
};
[[nodiscard]] StreamPair startStreamPair(TestPki::Entity presented = TestPki::Entity::ShadowA,
                                         TestPki::Entity pinned = TestPki::Entity::ShadowA);

} // namespace steward::test
