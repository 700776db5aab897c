// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AttributeClient - one attribute request over a short-lived device-channel connection.
#pragma once

#include "agent/link/ServerLink.h"
#include "common/core/Result.h"
#include "common/protocol/Attributes.h"

#include <chrono>

namespace steward::agent {

/**
 * Opens the device channel with the state dir's client certificate (the same mutual TLS as
 * `run`), says hello, sends \a request (attribute.sync, .set or .reset), waits for the reply and
 * closes. The server's error reply comes back as that error (OverwriteRefused, InvalidValue,
 * NotFound, …); no connection, a failed handshake or no answer within \a timeout come back as
 * ConnectionFailed, TlsHandshakeFailed, ConnectionClosed or Timeout.
 */
[[nodiscard]] Result<protocol::AttributeSnapshot>
requestAttributes(const LinkSettings& settings, const protocol::Message& request,
                  std::chrono::milliseconds timeout);

} // namespace steward::agent
