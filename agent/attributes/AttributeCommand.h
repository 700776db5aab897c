// SPDX-FileCopyrightText: 2026 Steward contributors
// SPDX-License-Identifier: GPL-3.0-or-later
// AttributeCommand - steward-agent attr list|get NAME|set NAME VALUE|reset NAME|sync.
#pragma once

#include "agent/link/ServerLink.h"

#include <QStringList>
#include <QTextStream>

#include <chrono>

namespace steward::agent {

class StateDirectory;

/** sysexits.h values, so scripts can tell the failures apart. */
inline constexpr int ExitAttrBadInput = 65;    // EX_DATAERR: usage, unknown name, bad value
inline constexpr int ExitAttrUnreachable = 69; // EX_UNAVAILABLE: the server cannot be reached
inline constexpr int ExitAttrRefused = 77;     // EX_NOPERM: the overwrite rule forbids it

struct AttributeCommandContext {
    const StateDirectory& state;
    LinkSettings link; // the enrolled device channel
    QTextStream& out;
    QTextStream& err;
    std::chrono::milliseconds timeout{10000};
};

/**
 * Runs one attr subcommand (\a arguments without "attr"). set/reset/sync ask the server over a
 * one-shot device-channel connection and refresh the cache; list/get ask it too and, when it
 * cannot be reached, answer from the cache and say so on stderr. A value over 100 characters,
 * or one that does not fit the cached definition, is refused before anything is sent.
 */
[[nodiscard]] int runAttributeCommand(const QStringList& arguments,
                                      const AttributeCommandContext& context);

} // namespace steward::agent
