// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// Sha256Stream - incremental SHA-256 for the GiB-sized pump tests (OpenSSL's, ~7x Qt's speed).
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace steward::test {

/**
 * Test-only. QCryptographicHash's own SHA-256 made hashing, not the pump, dominate the 1 GiB
 * test; OpenSSL's uses the CPU's SHA extensions. Production code reaches OpenSSL only
 * through common/crypto.
 */
class Sha256Stream {
public:
    Sha256Stream();
    ~Sha256Stream();
    Sha256Stream(const Sha256Stream&) = delete;
    Sha256Stream& operator=(const Sha256Stream&) = delete;

    void addData(QByteArrayView bytes);
    /** The digest of everything added; call once. */
    [[nodiscard]] QByteArray result();

private:
    struct Context;
    std::unique_ptr<Context> m_context;
    bool m_failed = false;
};

} // namespace steward::test
