// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ShadowAuthority - what the agent's shadow proxy needs from the server: claims and reports.
#pragma once

#include "common/core/Result.h"
#include "common/protocol/Shadow.h"

#include <functional>

namespace steward::agent::shadow {

/**
 * The server's side of a shadow session as the proxy sees it. LinkAuthority implements it
 * over the device channel; tests may implement it directly. claim() answers exactly once,
 * possibly at once: ok, NotFound (unknown, used or expired session) or ConnectionFailed /
 * Timeout (the server could not be asked).
 */
class ShadowAuthority {
public:
    virtual ~ShadowAuthority() = default;
    virtual void claim(const protocol::ShadowClaim& claim,
                       std::function<void(Result<void>)> answer) = 0;
    virtual void ended(const protocol::ShadowEnded& report) = 0;
    virtual void refused(const protocol::ShadowRefused& report) = 0;
};

} // namespace steward::agent::shadow
