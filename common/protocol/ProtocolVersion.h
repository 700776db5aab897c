// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// ProtocolVersion - the socket protocol version this build speaks and the oldest it accepts.
#pragma once

namespace steward::protocol {

/**
 * The version this build speaks. Bump it only for a change an older peer cannot ignore;
 * adding an optional field or a new message type is not such a change (see docs/protocol.md).
 */
inline constexpr int CurrentProtocolVersion = 1;

/** The oldest peer version this build still accepts in `hello`. */
inline constexpr int OldestAcceptedProtocolVersion = 1;

/** The largest value a `protocolVersion` field may carry at all; larger is invalid input. */
inline constexpr int MaxProtocolVersion = 65535;

static_assert(OldestAcceptedProtocolVersion <= CurrentProtocolVersion);

/** True when a peer speaking \a version can talk to this build. */
[[nodiscard]] constexpr bool isAcceptedProtocolVersion(int version)
{
    return version >= OldestAcceptedProtocolVersion && version <= CurrentProtocolVersion;
}

} // namespace steward::protocol
