// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowFailure - why a shadow session could not start (or ended), in words for an administrator.
#pragma once

#include "common/core/Error.h"
#include "common/shadow/ShadowWire.h"

#include <QString>

#include <optional>

namespace steward::console::shadow {

/** Where a session failed: asking the server, opening the tunnel, or after it was running. */
enum class ShadowStage { Request, Tunnel, Running };

struct ShadowFailureContext {
    ShadowStage stage = ShadowStage::Request;
    QString device;     // the device's name
    bool relay = false; // the tunnel went through the server's relay
    /** The device's refusal status, when it answered the ticket with one. */
    std::optional<steward::shadow::ShadowStatus> refusal;
};

/**
 * One or two sentences naming the cause and what to do, chosen by error code and refusal
 * status (not by copying the server's text): refused by the user, consent timed out, device
 * offline, certificate mismatch, not permitted (naming the right), policy disabled, relay
 * unavailable, session lost. Codes without a sentence of their own fall back to the error's
 * message after a plain introduction.
 */
[[nodiscard]] QString describeShadowFailure(const Error& error,
                                            const ShadowFailureContext& context);

/** {port} in \a command becomes \a port; without it, " 127.0.0.1::PORT" is appended. */
[[nodiscard]] QString externalViewerCommand(QString command, quint16 port);

} // namespace steward::console::shadow
