// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// KeySpec - which kind of key: "RSA 4096", "RSA 2048" or "EC P-256".
#pragma once

#include "common/core/Result.h"

#include <QString>

namespace steward::crypto {

enum class KeyAlgorithm { Rsa, Ec };

struct KeySpec {
    KeyAlgorithm algorithm = KeyAlgorithm::Rsa;
    int bits = 4096; // RSA modulus size; for EC the curve size (256 for P-256)

    /** RSA 4096: the default for long-lived signing keys (device communication, shadow). */
    [[nodiscard]] static KeySpec rsa(int bits = 4096) { return {KeyAlgorithm::Rsa, bits}; }
    /** EC P-256: the default for keys used in every TLS handshake. */
    [[nodiscard]] static KeySpec ecP256() { return {KeyAlgorithm::Ec, 256}; }

    /** "RSA 4096" or "EC P-256". */
    [[nodiscard]] QString toString() const;
    /** Parses the text of toString(); accepts RSA 2048, 3072, 4096 and EC P-256, P-384. */
    [[nodiscard]] static Result<KeySpec> fromString(const QString& text);

    friend bool operator==(const KeySpec&, const KeySpec&) = default;
};

} // namespace steward::crypto
